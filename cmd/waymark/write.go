package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// initOptions are init's flags.
type initOptions struct {
	encrypt bool
	set     string
}

func (a *app) initCommand() *command {
	var o initOptions
	c := &command{
		Use:   "init",
		Short: "Create your journal, with no questions asked",
		Long: `Create your journal, with no questions asked. It starts with four life
areas: Health, Home, Purpose and Community. You can rename them, or add your
own, whenever you like; --dimensions eight starts with the eight areas of
wellness instead, and --dimensions blank with none. For a peer worker's own
journal, --dimensions practice starts with the practice lens: six areas for
reflecting on your practice, after the MHCC's six dimensions of
recovery-oriented practice.

--journal NAME makes a journal of its own, called NAME, beside the usual one:
with its own passphrase (or none) and its own backups.

--encrypt protects the journal with a passphrase: everything in it is
encrypted on disk, and Waymark asks for the passphrase each time it opens.
At a terminal you type the passphrase twice; from a script, give it with
--passphrase-file. If the passphrase is forgotten, nobody can open the
journal: not you, not a supporter, not us.

If the journal is already there, nothing is changed.`,
		Example: `  waymark init
  waymark init --encrypt
  waymark init --dimensions eight
  waymark init --journal work --dimensions practice --encrypt
  waymark init --encrypt --passphrase-file ~/.waymark-pass
  waymark init --file /media/usb/journal.db`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runInit(c, o) },
	}
	f := c.Flags()
	f.BoolVar(&o.encrypt, "encrypt", false, "protect the journal with a passphrase")
	f.StringVar(&o.set, "dimensions", journal.DefaultStartingSet().Key,
		"the life areas it starts with: `SET` four, eight, blank or practice")
	return c
}

func (a *app) runInit(c *command, o initOptions) error {
	set, ok := journal.FindStartingSet(strings.ToLower(strings.TrimSpace(o.set)))
	if !ok {
		return usage(c, "Waymark doesn't have a set of life areas called %q; try four, eight, blank or practice.", termsafe.Line(o.set))
	}
	if a.passFile != "" && !o.encrypt {
		// Never an unprotected journal for someone who has a passphrase ready.
		return usage(c, "A new journal uses --passphrase-file only with --encrypt: waymark init --encrypt --passphrase-file FILE")
	}
	a.mayCreate = true // init --journal NAME starts that journal
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	shown := termsafe.Line(path)
	already := func() error {
		fmt.Fprintf(a.stdout, "Your journal is already at %s. Nothing was changed.\n", shown)
		return nil
	}
	info, err := store.Inspect(path)
	if err != nil {
		return fail(err)
	}
	var st *store.Store
	switch {
	case info.Exists && o.encrypt && !info.Encrypted:
		return &failure{msg: fmt.Sprintf("There's already a journal at %s, without a passphrase, so nothing was changed. To protect it: %s", shown, a.hint("encrypt"))}
	case info.Exists && info.Encrypted:
		// Whether it has its life areas yet can't be read without the
		// passphrase; the full screen (or add) sets them up if not.
		return already()
	case info.Exists:
		if st, err = a.open(); err != nil {
			return err
		}
		fresh, err := st.Fresh()
		if err != nil {
			return fail(err)
		}
		if !fresh {
			return already()
		}
	default:
		opts := storeOptions()
		if o.encrypt {
			if opts.Passphrase, err = a.newPassphrase(a.passFile, "--passphrase-file"); err != nil {
				return err
			}
			defer clear(opts.Passphrase)
		}
		st, err = store.Create(path, opts)
		if errors.Is(err, fs.ErrExist) {
			return already() // made elsewhere a moment ago
		}
		if err != nil {
			return fail(err)
		}
		a.store = st
		a.warn(st)
	}
	ds, err := st.Begin(set)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(a.stdout, "Your journal is ready at %s.\n", shown)
	if names := areaNames(ds); len(names) > 0 {
		fmt.Fprintf(a.stdout, "Its life areas are %s. Open it with: %s\n", joinAnd(names), a.openHint())
	} else {
		fmt.Fprintf(a.stdout, "It has no life areas yet: add your own in Waymark. Open it with: %s\n", a.openHint())
	}
	if st.Encrypted() {
		fmt.Fprintln(a.stdout, "It is protected by your passphrase. Nobody can recover a forgotten one, so keep it written down somewhere safe.")
	}
	return nil
}

// addOptions are add's flags. The goal flags only make sense with --kind goal.
type addOptions struct {
	kind      string
	areas     []string
	why       string
	steps     []string
	strengths []string
	supports  []string
	revisit   string
	status    string
	title     string // supports: who or what helps
}

// goalFlags are the add flags that belong to goals alone.
var goalFlags = []string{"why", "step", "strength", "support", "revisit", "status"}

func (a *app) addCommand() *command {
	var o addOptions
	c := &command{
		Use:   "add [TEXT...]",
		Short: "Write a reflection, a hope, a goal or a support",
		Long: `Write a reflection, a hope or a goal. Put the words after the command, or pipe
them in. Tag the life areas it touches with --dimension, as many as you like.

A goal's words are its title (from standard input, the first line is the
title and any lines after it are kept with the goal). Give it small steps,
strengths, supports and a date to look at it again, if you like.

A support is who or what helps you: name it with --title, and say how to
reach them in the words. Supports show on the "Need help now?" screen (ctrl+g).

Your words are kept exactly as you wrote them. Check-ins have their own
command: waymark checkin.`,
		Example: `  waymark add "A calm week by the river."
  waymark add --dimension Home --dimension Community "Dinner with the neighbours."
  waymark add --kind hope "I hope to have my own place by spring."
  waymark add --kind support --title "My sister Ana" "Call 555-0100 after 6"
  waymark add --kind goal --dimension Health --why "I feel lighter after" \
    --step "Find the pool's opening hours" --step "Go once" \
    --revisit 2026-05-01 "Get back to swimming once a week"
  cat notes.txt | waymark add --dimension Health`,
		Args: nil,
		RunE: func(c *command, args []string) error {
			return a.runAdd(c, o, args)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.kind, "kind", "k", string(journal.KindReflection),
		"the `KIND` you're writing: "+kindChoices(addKinds, " or "))
	f.StringArrayVarP(&o.areas, "dimension", "d", nil,
		"a life area it touches, by `NAME` (repeat for more than one)")
	f.StringVar(&o.why, "why", "", "goals: why it matters to you, in your `WORDS`")
	f.StringArrayVar(&o.steps, "step", nil, "goals: a small `STEP` towards it (repeat, in order)")
	f.StringArrayVar(&o.strengths, "strength", nil, "goals: a `STRENGTH` you can draw on (repeat for more)")
	f.StringArrayVar(&o.supports, "support", nil, "goals: a person or place that can help, in your `WORDS` (repeat for more)")
	f.StringVar(&o.revisit, "revisit", "", "goals: a `DATE` to look at it again, like 2026-05-01")
	f.StringVar(&o.status, "status", "", "goals: the `STATUS` it starts with: active (the usual) or someday")
	f.StringVar(&o.title, "title", "", "supports: who or what helps, in your `WORDS`; the text says how to reach them")
	return c
}

// addKinds are the kinds add can write: those the journal lets a person
// write, and goals.
var addKinds = append(append([]journal.Kind(nil), journal.WritableKinds...), journal.KindGoal, journal.KindSupport)

func kindChoices(kinds []journal.Kind, sep string) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	if sep == " or " && len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
	return strings.Join(names, sep)
}

// writableKind reads a kind the person can write with add.
func writableKind(c *command, name string) (journal.Kind, error) {
	k, err := journal.ParseKind(name)
	if err != nil {
		return "", usage(c, "Waymark doesn't know a kind called %q; try %s.",
			termsafe.Line(name), kindChoices(addKinds, " or "))
	}
	if k == journal.KindCheckIn {
		return "", usage(c, "Check-ins have their own command; try: waymark checkin --rate \"Home=6\"")
	}
	for _, w := range addKinds {
		if k == w {
			return k, nil
		}
	}
	return "", usage(c, "This version can't write a %s yet; try %s.",
		strings.ToLower(k.Label()), kindChoices(addKinds, " or "))
}

func (a *app) runAdd(c *command, o addOptions, args []string) error {
	kind, err := writableKind(c, o.kind)
	if err != nil {
		return err
	}
	if kind != journal.KindGoal {
		for _, name := range goalFlags {
			if c.Flags().Changed(name) {
				return usage(c, "--%s is only for goals; add --kind goal to use it.", name)
			}
		}
	}
	text, err := a.readText(c, args)
	if err != nil {
		return err
	}
	e := journal.Entry{Kind: kind, Text: text, Author: journal.AuthorMe}
	if c.Flags().Changed("title") && kind != journal.KindSupport {
		return usage(c, "--title is only for supports; add --kind support to use it.")
	}
	if kind == journal.KindSupport {
		// Who or what helps, then how to reach them: the "Need help now?" screen shows both.
		if e.Title = strings.TrimSpace(journal.RepairText(o.title)); e.Title == "" {
			return usage(c, "Say who or what helps with --title, like: waymark add --kind support --title \"My sister Ana\" \"Call 555-0100 after 6\"")
		}
	}
	if kind == journal.KindGoal {
		if e, err = goalEntry(c, o, text, time.Now()); err != nil {
			return err
		}
	}
	// Check the words before the journal is opened (or set up), so a
	// mistake changes nothing.
	if _, err := journal.Prepare(e); err != nil {
		return fail(err)
	}

	st, ds, err := a.openForWriting(func(ds journal.Dimensions) error {
		_, err := dimensionIDs(c, ds, o.areas)
		return err
	})
	if err != nil {
		return err
	}
	if e.Dimensions, err = dimensionIDs(c, ds, o.areas); err != nil {
		return err
	}
	if _, err := st.Create(e); err != nil {
		return fail(err)
	}
	fmt.Fprintln(a.stdout, "Saved.")
	return nil
}

// goalEntry builds a goal from add's flags. Its title is the first line of
// the words; any lines after it are kept as the goal's longer words.
func goalEntry(c *command, o addOptions, text string, now time.Time) (journal.Entry, error) {
	title, rest, _ := strings.Cut(text, "\n")
	title = strings.TrimSpace(title)
	rest = strings.TrimLeft(rest, "\r\n")

	status := journal.GoalActive
	if o.status != "" {
		s, err := journal.ParseGoalStatus(o.status)
		if err != nil || (s != journal.GoalActive && s != journal.GoalSomeday) {
			return journal.Entry{}, usage(c, "A new goal starts as active or someday; try --status active or --status someday.")
		}
		status = s
	}
	g, err := journal.NewGoal(status, now)
	if err != nil {
		return journal.Entry{}, fail(err)
	}
	g.Why = strings.TrimSpace(o.why)
	for _, s := range o.steps {
		if err := g.AddStep(s); err != nil {
			return journal.Entry{}, usage(c, "%s", journal.Explain(err))
		}
	}
	if g.Strengths, err = someWords(c, o.strengths, "A strength needs a few words."); err != nil {
		return journal.Entry{}, err
	}
	if g.Supports, err = someWords(c, o.supports, "A support needs a few words."); err != nil {
		return journal.Entry{}, err
	}
	if o.revisit != "" {
		if g.Revisit, err = parseDate(c, o.revisit); err != nil {
			return journal.Entry{}, err
		}
	}
	return journal.Entry{Kind: journal.KindGoal, Title: title, Text: rest, Goal: g, Author: journal.AuthorMe}, nil
}

// someWords trims each item and refuses an empty one.
func someWords(c *command, items []string, empty string) ([]string, error) {
	var out []string
	for _, s := range items {
		s = strings.TrimSpace(journal.RepairText(s))
		if s == "" {
			return nil, usage(c, "%s", empty)
		}
		out = append(out, s)
	}
	return out, nil
}

// dateLayout is how dates are written on the command line.
const dateLayout = "2006-01-02"

// parseDate reads a calendar date as the start of that day, here.
func parseDate(c *command, s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, strings.TrimSpace(s), time.Local)
	if err != nil {
		return time.Time{}, usage(c, "That date doesn't look right — try 2026-05-01.")
	}
	return t, nil
}

// openForWriting opens the journal for a command that writes. A fresh
// journal begins with the default life areas; check runs against those
// areas first, so a mistake (an area it doesn't have) changes nothing.
func (a *app) openForWriting(check func(journal.Dimensions) error) (journal.Repository, journal.Dimensions, error) {
	st, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	fresh, err := st.Fresh()
	if err != nil {
		return nil, nil, fail(err)
	}
	if !fresh {
		ds, err := st.Dimensions()
		if err != nil {
			return nil, nil, fail(err)
		}
		return st, ds, nil
	}
	set := journal.DefaultStartingSet()
	n := 0
	if err := check(set.Dimensions(func() string { n++; return fmt.Sprintf("area-%d", n) })); err != nil {
		return nil, nil, err
	}
	ds, err := st.Begin(set)
	if err != nil {
		return nil, nil, fail(err)
	}
	return st, ds, nil
}

// readText takes the words from the arguments, or from standard input when
// there are none.
func (a *app) readText(c *command, args []string) (string, error) {
	if len(args) > 0 {
		return strings.Join(args, " "), nil
	}
	if isTerminal(a.stdin) {
		return "", usage(c, "Write the text after the command, or pipe it in.")
	}
	// One byte over the limit is enough for the journal to say it's too long.
	b, err := io.ReadAll(io.LimitReader(a.stdin, journal.MaxTextBytes+1))
	if err != nil {
		return "", &failure{msg: "Waymark couldn't read the text from standard input, so nothing was saved."}
	}
	text := string(b)
	// The line ending a pipe adds (echo, a here-document) isn't part of the words.
	if t, ok := strings.CutSuffix(text, "\n"); ok {
		text = strings.TrimSuffix(t, "\r")
	}
	return text, nil
}

// dimensionIDs finds each named life area, ignoring case.
func dimensionIDs(c *command, ds journal.Dimensions, names []string) ([]string, error) {
	var ids []string
	for _, name := range names {
		d, ok := ds.ByName(name)
		if !ok {
			return nil, usage(c, "%s", unknownArea(name, ds))
		}
		ids = append(ids, d.ID)
	}
	return ids, nil
}

func unknownArea(name string, ds journal.Dimensions) string {
	msg := fmt.Sprintf("There's no life area called \"%s\".", termsafe.Line(name))
	names := areaNames(ds)
	if len(names) == 0 {
		return msg + " This journal has no life areas yet; add them in Waymark."
	}
	return msg + " Your areas: " + strings.Join(names, ", ") + "."
}
