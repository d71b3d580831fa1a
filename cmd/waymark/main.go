// Command waymark is a private journal for recovery, kept by life area, that
// never leaves the computer it runs on.
//
// With no command it opens the full-screen journal. Its commands (init, add,
// list, goals, checkin) let a script or a screen reader write and read
// entries too.
//
// Exit codes: 0 done, 1 it failed (one plain sentence on standard error),
// 2 the command was used wrongly (one line, and where to find help).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// version is replaced at build time with -ldflags "-X main.version=1.2.3".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// lockTimeout bounds the wait for a journal that is open elsewhere, so a
// second window gets a plain message at once instead of hanging.
const lockTimeout = 750 * time.Millisecond

// envFile names the environment variable that chooses the journal file when
// --file is not given.
const envFile = "WAYMARK_FILE"

// somethingWrong is said when nothing more precise can be.
const somethingWrong = "Something went wrong, and nothing was changed. Please try again."

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// app is one run of the command line: where it reads and writes, the global
// flags, and the journal once a command opens it.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	file  string // --file
	store *store.Store
}

// run carries out one command line and returns the exit code. It closes the
// journal before returning, whatever happened.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}

	defer func() {
		// bbolt and the libraries below can panic; a person sees one plain
		// sentence, never a stack trace (which could hold their words).
		if r := recover(); r != nil {
			fmt.Fprintln(stderr, somethingWrong)
			code = exitFailed
		}
	}()
	defer a.close(&code)

	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if cmd == nil {
		cmd = root
	}
	return a.exitCode(cmd, err)
}

// close closes the journal if a command opened it. A failure to close turns
// a success into a failure, so nobody is told "Saved." about words that
// might not be.
func (a *app) close(code *int) {
	if a.store == nil {
		return
	}
	err := a.store.Close()
	a.store = nil
	if err != nil && *code == exitOK {
		fmt.Fprintln(a.stderr, journal.Explain(err))
		*code = exitFailed
	}
}

// usageError is a command used wrongly: exit 2, the message, and where to
// find help.
type usageError struct {
	cmd *cobra.Command
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usage(cmd *cobra.Command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// failure is a command that could not be done: exit 1 and one plain sentence.
type failure struct{ msg string }

func (e *failure) Error() string { return e.msg }

// fail explains err for a person. The explanation never holds their words.
func fail(err error) error { return &failure{msg: journal.Explain(err)} }

func (a *app) exitCode(cmd *cobra.Command, err error) int {
	if err == nil {
		return exitOK
	}
	var f *failure
	if errors.As(err, &f) {
		fmt.Fprintln(a.stderr, f.msg)
		return exitFailed
	}
	// Everything else is a usage error: ours, or cobra's own (kept to its
	// first line).
	msg := firstLine(err.Error())
	var u *usageError
	if errors.As(err, &u) {
		msg = u.msg
		if u.cmd != nil {
			cmd = u.cmd
		}
	}
	fmt.Fprintln(a.stderr, msg)
	fmt.Fprintf(a.stderr, "Try '%s --help'.\n", cmd.CommandPath())
	return exitUsage
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return termsafe.Line(s)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "waymark",
		Short: "A private journal for recovery, kept by life area",
		Long: `Waymark is a private journal for recovery, kept by the life areas that
matter to you. Everything stays on this computer.

Run waymark on its own to open your journal full screen. The commands below
let you write and read from the command line, a script or a screen reader.`,
		Example: `  waymark                              open your journal
  waymark add "A calm week by the river."
  waymark add --kind hope --dimension Home "My own place by spring."
  waymark add --kind goal --step "Find the pool" "Get back to swimming"
  waymark checkin --rate "Home=6" --rate "Health=4"
  waymark goals
  waymark list --dimension Home
  waymark --file /media/usb/journal.db list`,
		Version:                    version,
		Args:                       a.noArgs,
		RunE:                       a.runTUI,
		SilenceUsage:               true,
		SilenceErrors:              true,
		CompletionOptions:          cobra.CompletionOptions{HiddenDefaultCmd: true},
		SuggestionsMinimumDistance: 2,
	}
	root.SetVersionTemplate("waymark {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&a.file, "file", "",
		"use the journal at `PATH` instead of the usual one (or set "+envFile+")")
	root.Flags().BoolP("version", "v", false, "show which version of Waymark this is")
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if c.Flags().Changed("file") && strings.TrimSpace(a.file) == "" {
			return usage(c, "--file needs the path of a journal file, like --file ~/journal.db.")
		}
		return nil
	}
	root.AddCommand(a.initCommand(), a.addCommand(), a.listCommand(), a.goalsCommand(), a.checkinCommand())
	return root
}

// noArgs refuses words after a command that takes none; on the root it means
// a command name nobody knows.
func (a *app) noArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !c.HasParent() {
		msg := fmt.Sprintf("There's no command called %q.", termsafe.Line(args[0]))
		if s := c.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf(" Did you mean %s?", s[0])
		}
		return usage(c, "%s", msg)
	}
	return usage(c, "%s doesn't take any words after it, only options.", c.CommandPath())
}

// flagError turns pflag's errors into one plain line.
func flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		dash := "--"
		if notExist.GetSpecifiedShortnames() != "" {
			dash = "-"
		}
		return usage(c, "%s doesn't have an option called %s%s.",
			c.CommandPath(), dash, termsafe.Line(notExist.GetSpecifiedName()))
	case errors.As(err, &needs):
		name := needs.GetSpecifiedName()
		if f := needs.GetFlag(); f != nil {
			name = f.Name
		}
		if ex, ok := flagExamples[name]; ok {
			return usage(c, "--%s needs a value after it, like %s.", name, ex)
		}
		return usage(c, "--%s needs a value after it.", termsafe.Line(name))
	case errors.As(err, &invalid):
		if f := invalid.GetFlag(); f != nil && f.Name == "limit" {
			return usage(c, "--limit needs a whole number, like --limit 5 (0 shows everything).")
		}
		return usage(c, "%q isn't a value that option understands.", termsafe.Line(invalid.GetValue()))
	case errors.As(err, &syntax):
		return usage(c, "%q isn't an option Waymark understands.", termsafe.Line(syntax.GetSpecifiedFlag()))
	}
	return usage(c, "%s", firstLine(err.Error()))
}

var flagExamples = map[string]string{
	"file":      "--file ~/journal.db",
	"kind":      "--kind hope",
	"dimension": "--dimension Home",
	"limit":     "--limit 5",
	"status":    "--status active",
	"revisit":   "--revisit 2026-05-01",
	"why":       `--why "I feel lighter after"`,
	"step":      `--step "Find the pool's opening hours"`,
	"strength":  `--strength "I keep going"`,
	"support":   `--support "My sister"`,
	"rate":      `--rate "Home=6"`,
	"word":      `--word "Home=steady"`,
	"note":      `--note "A quiet week."`,
}

// fder is a reader or writer backed by a file descriptor, like *os.File.
type fder interface{ Fd() uintptr }

func isTerminal(v any) bool {
	f, ok := v.(fder)
	return ok && term.IsTerminal(f.Fd())
}

// terminalWidth is the width of the terminal v writes to, or 0 when v is not
// a terminal (a pipe or a file gets whole lines).
func terminalWidth(v any) int {
	f, ok := v.(fder)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil || w <= 0 {
		return 0
	}
	return w
}

// journalPath is the journal file chosen: --file, then WAYMARK_FILE, then
// the default place.
func (a *app) journalPath() (string, error) {
	if a.file != "" {
		return a.file, nil
	}
	if p := os.Getenv(envFile); p != "" {
		return p, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", &failure{msg: "Waymark couldn't work out where to keep your journal. Choose a file with --file PATH."}
	}
	return p, nil
}

// open opens the chosen journal, creating it if needed, and tells about
// anything the store noticed on the way (such as a backup it couldn't make).
func (a *app) open() (*store.Store, error) {
	path, err := a.journalPath()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{Timeout: lockTimeout})
	if err != nil {
		return nil, fail(err)
	}
	a.store = st
	for _, w := range st.Warnings() {
		fmt.Fprintln(a.stderr, termsafe.Line(w))
	}
	return st, nil
}

// runTUI opens the full-screen journal.
func (a *app) runTUI(c *cobra.Command, _ []string) error {
	if !isTerminal(a.stdin) || !isTerminal(a.stdout) {
		return usage(c, "The full-screen journal needs a terminal. From a script, try: waymark list, or waymark add \"...\"")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	if err := tui.Run(st, tui.Options{JournalPath: st.Path(), Version: version}); err != nil {
		// The screen stopped, not the journal: everything saved is safe.
		return &failure{msg: "Waymark's screen stopped unexpectedly. Everything you saved is safe; please start it again."}
	}
	return nil
}

// joinAnd joins names as a person would say them: "A, B and C".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// areaNames are the names of the active dimensions, safe to print.
func areaNames(ds journal.Dimensions) []string {
	var names []string
	for _, d := range ds.Active() {
		names = append(names, termsafe.Line(d.Name))
	}
	return names
}
