package main

// The command line's plumbing, on the standard library alone.
//
// Waymark promises that nothing leaves the computer, and the promise is
// checked by the list of packages the program is built from (see
// offline_test.go). The usual Go CLI libraries pull in package net (pflag
// does, for its IP address flags), so the few things Waymark needs are here:
// commands, options that work before or after the command name and between
// the words, --flag=value and --flag value, -d value and -dvalue, options
// given more than once, help, and "Did you mean list?".

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/waymark-journal/waymark/tui/termsafe"
)

// command is one of waymark's commands, or waymark itself.
type command struct {
	// Use is the command's name, then how its words go: "add [TEXT...]".
	Use     string
	Short   string
	Long    string
	Example string
	// Args checks the words after the command (nil takes any).
	Args func(c *command, args []string) error
	RunE func(c *command, args []string) error
	// Hidden leaves the command out of help and suggestions.
	Hidden bool

	parent *command
	subs   []*command
	flags  flagSet
	// persistent are the options every command shares; only the root has
	// them.
	persistent flagSet
}

func (c *command) Name() string {
	name, _, _ := strings.Cut(c.Use, " ")
	return name
}

// CommandPath is how the command is typed: "waymark add".
func (c *command) CommandPath() string {
	if c.parent == nil {
		return c.Name()
	}
	return c.parent.CommandPath() + " " + c.Name()
}

func (c *command) HasParent() bool { return c.parent != nil }

// Flags are the command's own options.
func (c *command) Flags() *flagSet { return &c.flags }

func (c *command) AddCommand(subs ...*command) {
	for _, s := range subs {
		s.parent = c
		c.subs = append(c.subs, s)
	}
}

func (c *command) root() *command {
	for c.parent != nil {
		c = c.parent
	}
	return c
}

// find is the subcommand called name, or nil.
func (c *command) find(name string) *command {
	for _, s := range c.subs {
		if s.Name() == name {
			return s
		}
	}
	return nil
}

// lookup finds an option by its long name: the command's own, then those
// every command shares (the root's persistent options).
func (c *command) lookup(name string) *flag {
	if f := c.flags.byName(name); f != nil {
		return f
	}
	return c.root().persistent.byName(name)
}

func (c *command) lookupShort(s string) *flag {
	if f := c.flags.byShort(s); f != nil {
		return f
	}
	return c.root().persistent.byShort(s)
}

// SuggestionsFor names the commands a mistyped name may have meant: one
// that starts with it, or is at most two letters away.
func (c *command) SuggestionsFor(typed string) []string {
	typed = strings.ToLower(typed)
	var out []string
	for _, s := range c.subs {
		if s.Hidden {
			continue
		}
		name := s.Name()
		if levenshtein(typed, name) <= 2 || (typed != "" && strings.HasPrefix(name, typed)) {
			out = append(out, name)
		}
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// The kinds of value an option takes.
type flagKind int

const (
	boolFlag    flagKind = iota
	stringFlag           // the last one given wins
	stringsFlag          // each one given is kept, in order
	intFlag
)

// flag is one option.
type flag struct {
	name   string // long name, without the dashes
	short  string // one letter, or ""
	arg    string // what its value is called in help: "PATH"
	usage  string
	kind   flagKind
	def    string // the default, shown in help when not ""
	hidden bool
	// invalid is said when the value can't be read (a word for --limit).
	invalid string

	b  *bool
	s  *string
	ss *[]string
	n  *int

	changed bool
}

// set gives the option a value as typed.
func (f *flag) set(value string) error {
	switch f.kind {
	case boolFlag:
		v, err := strconv.ParseBool(value)
		if err != nil {
			return err
		}
		*f.b = v
	case stringFlag:
		*f.s = value
	case stringsFlag:
		*f.ss = append(*f.ss, value)
	case intFlag:
		v, err := strconv.Atoi(value)
		if err != nil {
			return err
		}
		*f.n = v
	}
	f.changed = true
	return nil
}

// flagSet is a command's options.
type flagSet struct{ list []*flag }

func (fs *flagSet) byName(name string) *flag {
	for _, f := range fs.list {
		if f.name == name {
			return f
		}
	}
	return nil
}

func (fs *flagSet) byShort(s string) *flag {
	if s == "" {
		return nil
	}
	for _, f := range fs.list {
		if f.short == s {
			return f
		}
	}
	return nil
}

// Changed reports whether the option was given.
func (fs *flagSet) Changed(name string) bool {
	f := fs.byName(name)
	return f != nil && f.changed
}

// add registers an option. As with pflag, a word in backquotes in the usage
// names the option's value in help: "use the journal at `PATH`".
func (fs *flagSet) add(f *flag) *flag {
	if before, rest, ok := strings.Cut(f.usage, "`"); ok {
		if name, after, ok := strings.Cut(rest, "`"); ok {
			f.arg = name
			f.usage = before + name + after
		}
	}
	if f.arg == "" && f.kind != boolFlag {
		f.arg = "VALUE"
		if f.kind == intFlag {
			f.arg = "N"
		}
	}
	fs.list = append(fs.list, f)
	return f
}

func (fs *flagSet) BoolVar(p *bool, name string, value bool, usage string) *flag {
	return fs.BoolVarP(p, name, "", value, usage)
}

func (fs *flagSet) BoolVarP(p *bool, name, short string, value bool, usage string) *flag {
	*p = value
	return fs.add(&flag{name: name, short: short, usage: usage, kind: boolFlag, b: p})
}

func (fs *flagSet) StringVar(p *string, name string, value string, usage string) *flag {
	return fs.StringVarP(p, name, "", value, usage)
}

func (fs *flagSet) StringVarP(p *string, name, short string, value string, usage string) *flag {
	*p = value
	return fs.add(&flag{name: name, short: short, usage: usage, kind: stringFlag, s: p, def: value})
}

func (fs *flagSet) StringArrayVar(p *[]string, name string, value []string, usage string) *flag {
	return fs.StringArrayVarP(p, name, "", value, usage)
}

func (fs *flagSet) StringArrayVarP(p *[]string, name, short string, value []string, usage string) *flag {
	*p = value
	return fs.add(&flag{name: name, short: short, usage: usage, kind: stringsFlag, ss: p})
}

func (fs *flagSet) IntVarP(p *int, name, short string, value int, usage string) *flag {
	*p = value
	return fs.add(&flag{name: name, short: short, usage: usage, kind: intFlag, n: p, def: strconv.Itoa(value)})
}

// parsed is a command line read against the commands.
type parsed struct {
	cmd  *command
	args []string // the words after the command
	help bool     // --help or -h was given
}

// parse reads args from left to right. The first word that isn't an option
// names the command; the words after it are the command's. An option is
// looked up in the command chosen so far and in the options every command
// shares, so those work before the command's name, after it and between its
// words. After "--" every word is taken as it is.
func parse(root *command, args []string) (parsed, error) {
	p := parsed{cmd: root}
	chosen, onlyWords := false, false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case onlyWords || arg == "-" || !strings.HasPrefix(arg, "-"):
			if !chosen && !onlyWords && len(root.subs) > 0 {
				chosen = true
				sub := root.find(arg)
				if sub == nil {
					return p, unknownCommand(root, arg)
				}
				p.cmd = sub
				continue
			}
			p.args = append(p.args, arg)
		case arg == "--":
			onlyWords = true
		case strings.HasPrefix(arg, "--"):
			next, err := parseLong(&p, arg, args[i+1:])
			if err != nil {
				return p, err
			}
			i += next
		default:
			next, err := parseShort(&p, arg, args[i+1:])
			if err != nil {
				return p, err
			}
			i += next
		}
	}
	// The root's own options (--version, --idle) were looked up before a
	// command was named; with one, they don't belong.
	if p.cmd != root {
		for _, f := range root.flags.list {
			if f.changed {
				return p, usage(p.cmd, "%s doesn't have an option called --%s.", p.cmd.CommandPath(), f.name)
			}
		}
	}
	return p, nil
}

func unknownCommand(root *command, name string) error {
	msg := fmt.Sprintf("There's no command called %q.", termsafe.Line(name))
	if s := root.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf(" Did you mean %s?", s[0])
	}
	return usage(root, "%s", msg)
}

// parseLong reads "--name", "--name=value" or "--name value", and says how
// many of the words after it it took.
func parseLong(p *parsed, arg string, rest []string) (int, error) {
	c := p.cmd
	name, value, hasValue := strings.Cut(arg[2:], "=")
	if name == "" || strings.HasPrefix(name, "-") {
		return 0, usage(c, "%q isn't an option Waymark understands.", termsafe.Line(arg))
	}
	if name == "help" && !hasValue {
		p.help = true
		return 0, nil
	}
	f := c.lookup(name)
	if f == nil {
		return 0, usage(c, "%s doesn't have an option called --%s.", c.CommandPath(), termsafe.Line(name))
	}
	if f.kind == boolFlag && !hasValue {
		return 0, f.set("true")
	}
	used := 0
	if !hasValue {
		if len(rest) == 0 {
			return 0, needsValue(c, f)
		}
		value, used = rest[0], 1
	}
	if err := f.set(value); err != nil {
		return 0, badValue(c, f, value)
	}
	return used, nil
}

// parseShort reads "-d value", "-dvalue", "-d=value", and letters for
// on/off options run together ("-hv").
func parseShort(p *parsed, arg string, rest []string) (int, error) {
	c := p.cmd
	letters := arg[1:]
	if strings.HasPrefix(letters, "=") {
		return 0, usage(c, "%q isn't an option Waymark understands.", termsafe.Line(arg))
	}
	for letters != "" {
		s := letters[:1]
		letters = letters[1:]
		if s == "h" {
			p.help = true
			continue
		}
		f := c.lookupShort(s)
		if f == nil {
			return 0, usage(c, "%s doesn't have an option called -%s.", c.CommandPath(), termsafe.Line(s))
		}
		if f.kind == boolFlag {
			if v, ok := strings.CutPrefix(letters, "="); ok {
				if err := f.set(v); err != nil {
					return 0, badValue(c, f, v)
				}
				return 0, nil
			}
			if err := f.set("true"); err != nil {
				return 0, err
			}
			continue
		}
		value, used := strings.TrimPrefix(letters, "="), 0
		if letters == "" {
			if len(rest) == 0 {
				return 0, needsValue(c, f)
			}
			value, used = rest[0], 1
		}
		if err := f.set(value); err != nil {
			return 0, badValue(c, f, value)
		}
		return used, nil
	}
	return 0, nil
}

func needsValue(c *command, f *flag) error {
	if ex, ok := flagExamples[f.name]; ok {
		return usage(c, "--%s needs a value after it, like %s.", f.name, ex)
	}
	return usage(c, "--%s needs a value after it.", f.name)
}

func badValue(c *command, f *flag, value string) error {
	if f.invalid != "" {
		return usage(c, "%s", f.invalid)
	}
	return usage(c, "%q isn't a value that option understands.", termsafe.Line(value))
}

// Help.

// printHelp writes a command's help: what it does, how to type it, its
// examples and its options.
func printHelp(w io.Writer, c *command) {
	var b strings.Builder
	text := c.Long
	if text == "" {
		text = c.Short
	}
	b.WriteString(strings.TrimSpace(text) + "\n\n")

	b.WriteString("Usage:\n")
	if c.parent == nil {
		b.WriteString("  " + c.Name() + " [options]\n")
		b.WriteString("  " + c.Name() + " COMMAND [options]\n")
	} else {
		use := c.parent.CommandPath() + " " + c.Use
		b.WriteString("  " + use + " [options]\n")
	}

	if c.parent == nil {
		var subs []*command
		for _, s := range c.subs {
			if !s.Hidden {
				subs = append(subs, s)
			}
		}
		w := 0
		for _, s := range subs {
			w = max(w, len(s.Name()))
		}
		b.WriteString("\nCommands:\n")
		for _, s := range subs {
			fmt.Fprintf(&b, "  %-*s  %s\n", w, s.Name(), s.Short)
		}
	}

	if c.Example != "" {
		b.WriteString("\nExamples:\n" + c.Example + "\n")
	}

	own := visible(c.flags.list)
	shared := visible(c.root().persistent.list)
	if c.parent == nil {
		if len(own) > 0 {
			b.WriteString("\nOptions:\n")
			writeFlags(&b, own)
		}
		b.WriteString("\nOptions for every command:\n")
		writeFlags(&b, append(shared, helpFlag(c)))
		b.WriteString("\nUse \"" + c.Name() + " COMMAND --help\" for more about a command.\n")
	} else {
		if len(own) > 0 {
			b.WriteString("\nOptions:\n")
			writeFlags(&b, append(own, helpFlag(c)))
			b.WriteString("\nOptions for every command:\n")
			writeFlags(&b, shared)
		} else {
			b.WriteString("\nOptions:\n")
			writeFlags(&b, append(shared, helpFlag(c)))
		}
	}
	_, _ = io.WriteString(w, b.String())
}

func visible(fs []*flag) []*flag {
	var out []*flag
	for _, f := range fs {
		if !f.hidden {
			out = append(out, f)
		}
	}
	return out
}

func helpFlag(c *command) *flag {
	return &flag{name: "help", short: "h", kind: boolFlag, usage: "help for " + c.CommandPath()}
}

// writeFlags lines the options up in two columns, as pflag does.
func writeFlags(b *strings.Builder, fs []*flag) {
	lefts := make([]string, len(fs))
	w := 0
	for i, f := range fs {
		left := "      --" + f.name
		if f.short != "" {
			left = "  -" + f.short + ", --" + f.name
		}
		if f.arg != "" {
			left += " " + f.arg
		}
		lefts[i] = left
		w = max(w, len(left))
	}
	for i, f := range fs {
		usage := f.usage
		if f.def != "" && f.kind != boolFlag {
			usage += fmt.Sprintf(" (default %s)", f.def)
		}
		fmt.Fprintf(b, "%-*s   %s\n", w, lefts[i], usage)
	}
}
