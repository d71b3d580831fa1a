package main

// Several journals on one computer: each person on a shared computer keeps a
// journal of their own, chosen with --journal NAME or from the picker the
// full screen shows first; a peer worker keeps their own reflective-practice
// journal apart from anyone else's.
//
// Where they live. The usual journal keeps the path it always had,
// $XDG_DATA_HOME/waymark/journal.db, so nobody loses anything. A journal
// called NAME lives in a folder of its own beside it:
//
//	$XDG_DATA_HOME/waymark/journal.db            the usual one ("default")
//	$XDG_DATA_HOME/waymark/backups/              its daily backups
//	$XDG_DATA_HOME/waymark/journals/NAME/journal.db
//	$XDG_DATA_HOME/waymark/journals/NAME/backups/
//
// A folder each, rather than NAME.db side by side, because everything the
// store keeps about a journal sits beside its file: the daily backups (a
// backups/ folder, pruned to the last 7 by name), the copy kept before a
// restore, the copies kept before an upgrade. Two journals in one folder
// would share backups/ and prune each other's; a folder each keeps them
// apart without the store knowing journals have names, and removing a
// journal is removing one folder. Folders are 0700 and files 0600, as for
// the usual journal; each file has its own lock, so two windows can have
// two journals open, and each its own passphrase (or none).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/names"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// journalsFolder holds the named journals, beside the usual journal.
const journalsFolder = "journals"

// journalFile is a named journal's file inside its folder, named as the
// usual one is, so its backups are named alike too.
const journalFile = "journal.db"

// checkJournalName checks --journal: a name by the rules in names, and not
// together with --file (both choose a journal).
func (a *app) checkJournalName(c *command) error {
	globals := &c.root().persistent
	if !globals.Changed("journal") {
		return nil
	}
	if globals.Changed("file") {
		return usage(c, "--file and --journal both choose a journal: give one or the other.")
	}
	if strings.TrimSpace(a.journal) == "" {
		return usage(c, "--journal needs a journal's name, like --journal work.")
	}
	name, err := names.Check(a.journal)
	if err != nil {
		return usage(c, "%s", err.Error())
	}
	a.journal = name
	return nil
}

// journalsDir is the folder of named journals.
func journalsDir() (string, error) {
	p, err := store.DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), journalsFolder), nil
}

// namedJournalPath is the file of the journal called name: the usual
// journal's for "default", else the one in the folder with that name (in
// any case: "Work" finds work/), else where a new one would go. Unless the
// command may make a journal (init, the full screen), a journal that isn't
// there yet is a plain failure, so a mistyped name never starts a new one.
func (a *app) namedJournalPath(name string) (string, error) {
	if names.IsDefault(name) {
		p, err := store.DefaultPath()
		if err != nil {
			return "", &failure{msg: "Waymark couldn't work out where to keep your journal. Choose a file with --file PATH."}
		}
		return p, nil
	}
	dir, err := journalsDir()
	if err != nil {
		return "", &failure{msg: "Waymark couldn't work out where to keep your journals. Choose a file with --file PATH."}
	}
	folder := name
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if e.IsDir() && e.Name() == name {
				folder = name
				break
			}
			if e.IsDir() && names.Same(e.Name(), name) {
				folder = e.Name()
			}
		}
	}
	path := filepath.Join(dir, folder, journalFile)
	if noJournal(path) && !a.mayCreate {
		return "", &failure{msg: fmt.Sprintf("There's no journal called %q yet. To start it: waymark init --journal %s",
			termsafe.Line(name), shellWord(termsafe.Line(name)))}
	}
	tighten(dir)
	tighten(filepath.Dir(path))
	return path, nil
}

// tighten makes a folder of Waymark's own private (0700) if it is there and
// isn't. The store makes missing folders 0700 itself.
func tighten(dir string) {
	if fi, err := os.Lstat(dir); err == nil && fi.IsDir() && fi.Mode().Perm() != 0o700 {
		_ = os.Chmod(dir, 0o700)
	}
}

// openHint is how to open the chosen journal again, for init to say.
func (a *app) openHint() string { return a.hint("") }

// hint is the command line that runs the command words (none: the full
// screen) on the journal this run chose, for a message to suggest: with
// the --file or --journal given, right after the command's name, so
// following it never reaches another journal (a plain "waymark encrypt"
// would protect the usual one).
func (a *app) hint(words string) string {
	name, rest, _ := strings.Cut(words, " ")
	h := "waymark"
	if name != "" {
		h += " " + name
	}
	switch {
	case a.file != "":
		h += " --file " + shellWord(termsafe.Line(a.file))
	case a.journal != "" && !names.IsDefault(a.journal):
		h += " --journal " + shellWord(termsafe.Line(a.journal))
	}
	if rest != "" {
		h += " " + rest
	}
	return h
}

// journalListing is one journal on this computer.
type journalListing struct {
	Name      string    `json:"name"`
	Default   bool      `json:"default"`
	Path      string    `json:"path"`
	Protected bool      `json:"protected"`
	Busy      bool      `json:"open_elsewhere"`
	Changed   time.Time `json:"changed"`
	// Unreadable is a journal Waymark couldn't look into (damaged, say, or
	// from a newer Waymark): whether it has a passphrase isn't known.
	Unreadable bool `json:"unreadable"`
}

// findJournals lists the journals here: the usual one first (if it is
// there), then the named ones by name. Folders that aren't journals, or
// whose names --journal couldn't give (hidden ones, say), are left out.
func findJournals() ([]journalListing, error) {
	var out []journalListing
	def, err := store.DefaultPath()
	if err != nil {
		return nil, err
	}
	if !noJournal(def) {
		out = append(out, journalListing{Name: names.Default, Default: true, Path: def})
	}
	dir := filepath.Join(filepath.Dir(def), journalsFolder)
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var named []journalListing
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() || names.IsDefault(n) {
			continue
		}
		if ok, err := names.Check(n); err != nil || ok != n {
			continue
		}
		p := filepath.Join(dir, n, journalFile)
		if noJournal(p) {
			continue
		}
		named = append(named, journalListing{Name: n, Path: p})
	}
	slices.SortFunc(named, func(x, y journalListing) int {
		if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	out = append(out, named...)

	// A journal open elsewhere makes Inspect wait for its lock a moment:
	// look at them all at once.
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			j := &out[i]
			if fi, err := os.Stat(j.Path); err == nil {
				j.Changed = fi.ModTime()
			}
			info, err := store.Inspect(j.Path)
			switch {
			case errors.Is(err, journal.ErrInUse):
				j.Busy = true
			case err != nil:
				j.Unreadable = true
			default:
				j.Protected = info.Encrypted
			}
		})
	}
	wg.Wait()
	return out, nil
}

func (a *app) journalsCommand() *command {
	var asJSON bool
	c := &command{
		Use:   "journals",
		Short: "List the journals on this computer",
		Long: `List the journals on this computer: each one's name, whether it is
protected by a passphrase, and when it last changed. The usual journal,
which Waymark opens when none is named, is called default.

On a shared computer each person can keep a journal of their own, each with
its own passphrase (or none) and its own backups. Start one with
waymark init --journal NAME, and open it with waymark --journal NAME; with
several journals, waymark asks which to open.

--json gives the same for scripts: name, default, path, protected,
open_elsewhere, changed and unreadable.`,
		Example: `  waymark journals
  waymark init --journal Sam --encrypt
  waymark --journal Sam
  waymark add --journal Sam "A good talk today."
  waymark journals --json`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runJournals(asJSON) },
	}
	c.Flags().BoolVar(&asJSON, "json", false, "give the list as JSON, for scripts")
	return c
}

func (a *app) runJournals(asJSON bool) error {
	js, err := findJournals()
	if err != nil {
		return &failure{msg: "Waymark couldn't look at the folder where journals are kept. Check that it is yours, then try again."}
	}
	if asJSON {
		if js == nil {
			js = []journalListing{}
		}
		b, err := json.MarshalIndent(js, "", "  ")
		if err != nil {
			return &failure{msg: somethingWrong}
		}
		_, err = a.stdout.Write(append(escapeControls(b), '\n'))
		if err != nil {
			return &failure{msg: "Waymark couldn't write the list, so it may be incomplete."}
		}
		return nil
	}
	if len(js) == 0 {
		fmt.Fprintln(a.stdout, "There are no journals here yet. Start one with: waymark init (or waymark init --journal NAME for a journal of its own).")
		return nil
	}
	var b strings.Builder
	nameWidth, stateWidth := 0, 0
	rows := make([][3]string, len(js))
	for i, j := range js {
		state := "no passphrase"
		switch {
		case j.Busy:
			state = "open in another window"
		case j.Unreadable:
			state = "couldn't be read"
		case j.Protected:
			state = "passphrase"
		}
		changed := ""
		if !j.Changed.IsZero() {
			changed = "changed " + j.Changed.Local().Format("2006-01-02")
		}
		rows[i] = [3]string{termsafe.Line(j.Name), state, changed}
		nameWidth = max(nameWidth, ansi.StringWidth(rows[i][0]))
		stateWidth = max(stateWidth, len(state))
	}
	for i, r := range rows {
		line := r[0] + strings.Repeat(" ", nameWidth-ansi.StringWidth(r[0])) + "  " +
			fmt.Sprintf("%-*s", stateWidth, r[1]) + "  " + r[2]
		if js[i].Default {
			line += "  (the usual one)"
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	b.WriteString("\nOpen one with: waymark --journal NAME\n")
	_, err = fmt.Fprint(a.stdout, b.String())
	if err != nil {
		return &failure{msg: "Waymark couldn't write the list, so it may be incomplete."}
	}
	return nil
}

// chooseAtStart shows the journal picker when the full screen starts with
// no journal named (no --journal, --file or WAYMARK_FILE) and there is
// more than the usual journal to choose from; the choice becomes --journal.
// It reports false when the person left the picker without choosing.
//
// With only the usual journal, or none, nothing changes: Waymark opens it
// (or its first run) as it always has. With only a named journal, the
// picker shows too: opening the usual place instead would start a new
// journal there, and that journal may not be this person's to open.
func (a *app) chooseAtStart() (bool, error) {
	if a.file != "" || a.journal != "" || os.Getenv(envFile) != "" {
		return true, nil
	}
	js, err := findJournals()
	if err != nil || len(js) == 0 || len(js) == 1 && js[0].Default {
		return true, nil // as before several journals: the usual place
	}
	choices := make([]tui.JournalChoice, len(js))
	for i, j := range js {
		choices[i] = tui.JournalChoice{Name: j.Name, Usual: j.Default, Protected: j.Protected, Busy: j.Busy}
	}
	pick, err := tui.PickJournal(choices)
	if err != nil {
		return false, &failure{msg: "Waymark's screen stopped unexpectedly. Nothing was changed; please start it again."}
	}
	if pick.Name == "" {
		return false, nil
	}
	a.journal = pick.Name
	return true, nil
}
