// Command waymark is a private journal for recovery, kept by life area, that
// never leaves the computer it runs on.
//
// With no command it opens the full-screen journal. Its commands (init, add,
// list, goals, checkin, export, import, backup, restore, check, passwd,
// encrypt, journals) let a script or a screen reader write and read entries
// too, take the journal elsewhere and bring other journals in, look after its
// backups and health, and look after its passphrase. On a shared computer
// each person can keep a journal of their own, by name (journals.go).
//
// It is built from the standard library and a few terminal and storage
// libraries, none of which can open a network connection: offline_test.go
// fails should one ever be added.
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

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
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

func main() {
	// Before anything else: a crash must never leave the journal's words (or
	// its key) in a core file.
	disableCoreDumps()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// app is one run of the command line: where it reads and writes, the global
// flags, and the journal once a command opens it.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	file     string // --file
	passFile string // --passphrase-file
	journal  string // --journal
	store    *store.Store

	// mayCreate lets a command start the journal --journal names if it
	// isn't there yet (init and the full screen do; the rest say so).
	mayCreate bool

	// pass is the passphrase read from --passphrase-file, kept for the run
	// and cleared at its end.
	pass []byte
}

// run carries out one command line and returns the exit code. It closes the
// journal before returning, whatever happened.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
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
	p, err := parse(root, args)
	if err == nil {
		err = a.execute(p)
	}
	return a.exitCode(p.cmd, err)
}

// execute runs the command the line named, or shows its help.
func (a *app) execute(p parsed) error {
	c := p.cmd
	if p.help {
		printHelp(a.stdout, c)
		return nil
	}
	if err := a.checkGlobals(c); err != nil {
		return err
	}
	if c.Args != nil {
		if err := c.Args(c, p.args); err != nil {
			return err
		}
	}
	return c.RunE(c, p.args)
}

// checkGlobals checks the options every command shares.
func (a *app) checkGlobals(c *command) error {
	globals := &c.root().persistent
	if globals.Changed("file") && strings.TrimSpace(a.file) == "" {
		return usage(c, "--file needs the path of a journal file, like --file ~/journal.db.")
	}
	if globals.Changed("passphrase-file") && strings.TrimSpace(a.passFile) == "" {
		return usage(c, "--passphrase-file needs a file whose first line is the passphrase, like --passphrase-file ~/.waymark-pass.")
	}
	return a.checkJournalName(c)
}

// close closes the journal if a command opened it. A failure to close turns
// a success into a failure, so nobody is told "Saved." about words that
// might not be.
func (a *app) close(code *int) {
	clear(a.pass)
	a.pass = nil
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
	cmd *command
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usage(cmd *command, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// failure is a command that could not be done: exit 1 and one plain sentence.
type failure struct{ msg string }

func (e *failure) Error() string { return e.msg }

// fail explains err for a person. The explanation never holds their words.
func fail(err error) error { return &failure{msg: journal.Explain(err)} }

func (a *app) exitCode(cmd *command, err error) int {
	if err == nil {
		return exitOK
	}
	var f *failure
	if errors.As(err, &f) {
		fmt.Fprintln(a.stderr, f.msg)
		return exitFailed
	}
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

func (a *app) rootCommand() *command {
	var showVersion bool
	idle := defaultIdleMinutes
	root := &command{
		Use:   "waymark",
		Short: "A private journal for recovery, kept by life area",
		Long: `Waymark is a private journal for recovery, kept by the life areas that
matter to you. Everything stays on this computer.

Run waymark on its own to open your journal full screen. The commands below
let you write and read from the command line, a script or a screen reader.`,
		Example: `  waymark                              open your journal
  waymark init --encrypt               a new journal, protected by a passphrase
  waymark add "A calm week by the river."
  waymark add --kind hope --dimension Home "My own place by spring."
  waymark add --kind goal --step "Find the pool" "Get back to swimming"
  waymark checkin --rate "Home=6" --rate "Health=4"
  waymark goals
  waymark list --dimension Home
  waymark export --format markdown -o my-journal.md
  waymark import journal.txt
  waymark backup /media/usb
  waymark check
  waymark --file /media/usb/journal.db list
  waymark journals
  waymark --journal Sam`,
		Args: a.noArgs,
	}
	root.RunE = func(c *command, _ []string) error {
		if showVersion {
			fmt.Fprintf(a.stdout, "waymark %s\n", version)
			return nil
		}
		if idle < 0 {
			return usage(c, "--idle needs 0 or more minutes (0 never hides by itself).")
		}
		return a.runTUI(c, idle)
	}
	g := &root.persistent
	g.StringVar(&a.file, "file", "",
		"use the journal at `PATH` instead of the usual one (or set "+envFile+")")
	g.StringVar(&a.passFile, "passphrase-file", "",
		"read the passphrase from the first line of `FILE`")
	g.StringVar(&a.journal, "journal", "",
		"use your journal called `NAME` (see: waymark journals)")

	f := root.Flags()
	f.BoolVarP(&showVersion, "version", "v", false, "show which version of Waymark this is")
	f.IntVarP(&idle, "idle", "", defaultIdleMinutes,
		"hide the screen (and lock) after `MINUTES` without a key; 0 never").invalid =
		"--idle needs a whole number of minutes, like --idle 10 (0 never hides by itself)."

	root.AddCommand(a.initCommand(), a.addCommand(), a.listCommand(), a.searchCommand(), a.goalsCommand(), a.checkinCommand(),
		a.exportCommand(), a.importCommand(), a.backupCommand(), a.restoreCommand(), a.checkCommand(),
		a.passwdCommand(), a.encryptCommand(), a.journalsCommand(), a.demoCommand(), a.helpCommand())
	return root
}

// helpCommand is "waymark help [COMMAND]".
func (a *app) helpCommand() *command {
	return &command{
		Use:   "help [COMMAND]",
		Short: "Help about any command",
		Long:  "Help about any command: waymark help add shows what add does and its options.",
		RunE: func(c *command, args []string) error {
			root := c.root()
			switch len(args) {
			case 0:
				printHelp(a.stdout, root)
				return nil
			case 1:
				if sub := root.find(args[0]); sub != nil && !sub.Hidden {
					printHelp(a.stdout, sub)
					return nil
				}
				return unknownCommand(root, args[0])
			}
			return usage(c, "waymark help takes one command's name, like: waymark help add")
		},
	}
}

// noArgs refuses words after a command that takes none.
func (a *app) noArgs(c *command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !c.HasParent() {
		return unknownCommand(c, args[0])
	}
	return usage(c, "%s doesn't take any words after it, only options.", c.CommandPath())
}

var flagExamples = map[string]string{
	"file":                   "--file ~/journal.db",
	"passphrase-file":        "--passphrase-file ~/.waymark-pass",
	"new-passphrase-file":    "--new-passphrase-file ~/.waymark-new-pass",
	"journal":                "--journal work",
	"idle":                   "--idle 10",
	"dimensions":             "--dimensions eight",
	"kind":                   "--kind hope",
	"dimension":              "--dimension Home",
	"limit":                  "--limit 5",
	"status":                 "--status active",
	"revisit":                "--revisit 2026-05-01",
	"why":                    `--why "I feel lighter after"`,
	"step":                   `--step "Find the pool's opening hours"`,
	"strength":               `--strength "I keep going"`,
	"support":                `--support "My sister"`,
	"rate":                   `--rate "Home=6"`,
	"word":                   `--word "Home=steady"`,
	"note":                   `--note "A quiet week."`,
	"format":                 "--format markdown",
	"since":                  "--since 2026-05-01",
	"until":                  "--until 2026-05-31",
	"output":                 "-o my-journal.md",
	"export-passphrase-file": "--export-passphrase-file ~/.export-pass",
	"from":                   "--from jrnl",
	"time-format":            `--time-format "%Y-%m-%d %H:%M"`,
	"password-file":          "--password-file ~/.jrnl-password",
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
