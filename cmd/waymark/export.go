package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/exchange"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// stdoutIsTerminal decides whether an export is shown on the screen (made
// safe) or written to a pipe or file (the exact bytes); tests replace it.
var stdoutIsTerminal = isTerminal

// exportOptions are export's flags.
type exportOptions struct {
	format   string
	since    string
	until    string
	areas    []string
	out      string
	force    bool
	encrypt  bool
	passFile string // --export-passphrase-file
}

func (a *app) exportCommand() *command {
	var o exportOptions
	c := &command{
		Use:   "export",
		Short: "Take your journal with you, as Markdown or JSON",
		Long: `Take your journal with you, in an open format. --format markdown is for
reading, printing or bringing to an appointment: entries by date, with their
kind and life areas, goals with their steps as checklists and check-ins as
tables. --format json keeps everything, and waymark import reads it back
(on this computer or another). docs/format.md describes both.

Everything outside the trash is exported, oldest first, unless --since,
--until (dates like 2026-05-01, both included) or --dimension choose less.

It goes to standard output, or with -o to a new file only you can read.
--encrypt seals it with a passphrase of its own (using age: "age -d" opens
it, with no Waymark needed). Without --encrypt, the export is not protected
by a passphrase, even when your journal is.`,
		Example: `  waymark export --format markdown -o my-journal.md
  waymark export --format json -o journal.json
  waymark export --format markdown --since 2026-04-01 --dimension Health | less
  waymark export --format json --encrypt -o journal.json.age`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runExport(c, o) },
	}
	f := c.Flags()
	f.StringVar(&o.format, "format", "", "the `FORMAT`: markdown (to read or print) or json (keeps everything)")
	f.StringVar(&o.since, "since", "", "only entries from this `DATE` on, like 2026-05-01")
	f.StringVar(&o.until, "until", "", "only entries up to the end of this `DATE`, like 2026-05-31")
	f.StringArrayVarP(&o.areas, "dimension", "d", nil, "only entries in this life area, by `NAME` (repeat for more)")
	f.StringVarP(&o.out, "output", "o", "", "write to a new `FILE` (readable by you alone) instead of standard output")
	f.BoolVar(&o.force, "force", false, "with -o, replace a file that is already there")
	f.BoolVar(&o.encrypt, "encrypt", false, "seal the export with a passphrase of its own (age)")
	f.StringVar(&o.passFile, "export-passphrase-file", "", "with --encrypt, read the export's passphrase from the first line of `FILE`")
	return c
}

// exportFormat reads --format, or guesses it from -o's name.
func exportFormat(c *command, o exportOptions) (exchange.Format, error) {
	name := o.format
	if name == "" {
		switch ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(o.out, ".age"))); ext {
		case ".md", ".markdown":
			return exchange.FormatMarkdown, nil
		case ".json":
			return exchange.FormatWaymark, nil
		}
		return "", usage(c, "Choose a format: --format markdown (to read or print) or --format json (keeps everything).")
	}
	f, err := exchange.ParseFormat(name)
	if err != nil || (f != exchange.FormatMarkdown && f != exchange.FormatWaymark) {
		return "", usage(c, "Waymark exports as markdown or json; try --format markdown or --format json.")
	}
	return f, nil
}

// dayRange reads --since and --until as whole local days, both included.
func dayRange(c *command, since, until string) (from, to time.Time, err error) {
	if since != "" {
		if from, err = parseDate(c, since); err != nil {
			return from, to, err
		}
	}
	if until != "" {
		day, err := parseDate(c, until)
		if err != nil {
			return from, to, err
		}
		to = day.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, usage(c, "--since comes after --until, so nothing could match. Try them the other way round.")
	}
	return from, to, nil
}

func (a *app) runExport(c *command, o exportOptions) error {
	format, err := exportFormat(c, o)
	if err != nil {
		return err
	}
	if c.Flags().Changed("output") && strings.TrimSpace(o.out) == "" {
		return usage(c, "-o needs the name of a new file, like -o my-journal.md.")
	}
	if o.passFile != "" && !o.encrypt {
		return usage(c, "--export-passphrase-file is for sealed exports; add --encrypt to use it.")
	}
	if o.force && o.out == "" {
		return usage(c, "--force only goes with -o FILE.")
	}
	since, until, err := dayRange(c, o.since, o.until)
	if err != nil {
		return err
	}
	toTerminal := o.out == "" && stdoutIsTerminal(a.stdout)
	if o.encrypt && toTerminal {
		return usage(c, "A sealed export isn't for reading on the screen. Write it to a file with -o FILE, or pipe it somewhere.")
	}
	if o.out != "" {
		if err := checkNewFile(o.out, o.force); err != nil {
			return err
		}
	}
	if o.encrypt && o.passFile == "" && !passphraseAtTerminal(a.stdin) {
		return &failure{msg: "Sealing an export needs a passphrase: run this in a terminal, or give one with --export-passphrase-file FILE."}
	}

	// Reading never creates a journal.
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if noJournal(path) {
		return &failure{msg: fmt.Sprintf("There's no journal at %s yet, so there's nothing to export.", termsafe.Line(path))}
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	ds, err := st.Dimensions()
	if err != nil {
		return fail(err)
	}
	ids, err := dimensionIDs(c, ds, o.areas)
	if err != nil {
		return err
	}
	q := store.ExportQuery{Since: since, Until: until, Dimensions: ids}

	var pass []byte
	if o.encrypt {
		if pass, err = a.exportPassphrase(o.passFile); err != nil {
			return err
		}
		defer clear(pass)
	}

	var n int
	write := func(w io.Writer) error {
		if o.encrypt {
			sealed, err := exchange.EncryptAge(w, pass)
			if err != nil {
				return err
			}
			if n, err = exportJournal(st, ds, format, q, sealed); err != nil {
				return err
			}
			return sealed.Close()
		}
		n, err = exportJournal(st, ds, format, q, w)
		return err
	}

	where := ""
	switch {
	case o.out != "":
		p, err := newPendingFile(filepath.Dir(o.out))
		if err != nil {
			return exportFailure(o.out, err)
		}
		defer p.discard()
		if err := write(p.f); err != nil {
			return exportFailure(o.out, err)
		}
		if err := p.place(o.out, o.force); err != nil {
			return exportFailure(o.out, err)
		}
		where = " to " + termsafe.Line(o.out)
	case toTerminal:
		// The screen gets the words with every control made visible.
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return exportFailure("", err)
		}
		out := buf.String()
		if format == exchange.FormatWaymark {
			out = string(escapeControls(buf.Bytes()))
		} else {
			out = termsafe.Text(out)
		}
		if _, err := io.WriteString(a.stdout, out); err != nil {
			return nil // a closed terminal is not the person's problem
		}
	default:
		// A pipe or a file gets the exact bytes.
		if err := write(a.stdout); err != nil {
			if errors.Is(err, syscall.EPIPE) {
				return nil
			}
			return exportFailure("", err)
		}
	}

	fmt.Fprintf(a.stderr, "Exported %s%s.\n", countEntries(n), where)
	switch {
	case o.encrypt:
		fmt.Fprintln(a.stderr, "It is sealed with the passphrase you chose; age -d opens it. Nobody can open it without that passphrase.")
	case st.Encrypted():
		fmt.Fprintln(a.stderr, "This export isn't protected by a passphrase; keep it somewhere safe.")
	}
	return nil
}

// exportJournal writes the entries q selects in format, and says how many.
func exportJournal(st *store.Store, ds journal.Dimensions, format exchange.Format, q store.ExportQuery, w io.Writer) (int, error) {
	var entries []journal.Entry
	if err := st.Export(q, func(e journal.Entry) error {
		entries = append(entries, e)
		return nil
	}); err != nil {
		return 0, err
	}
	opts := exchange.ExportOptions{Dimensions: ds, Now: time.Now()}
	var err error
	if format == exchange.FormatMarkdown {
		err = exchange.ExportMarkdown(w, entries, opts)
	} else {
		err = exchange.ExportJSON(w, entries, opts)
	}
	return len(entries), err
}

// countEntries says "1 entry", "3 entries".
func countEntries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return thousands(n) + " entries"
}

// thousands writes n with commas: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// exportFailure explains a failed export; nothing was left behind.
func exportFailure(file string, err error) error {
	var f *failure
	switch {
	case errors.As(err, &f):
		return err
	case errors.Is(err, journal.ErrDamaged), errors.Is(err, journal.ErrTooNew), errors.Is(err, journal.ErrInUse):
		return fail(err)
	case errors.Is(err, fs.ErrPermission) && file != "":
		return &failure{msg: fmt.Sprintf("Waymark isn't allowed to write to %s. Choose another place, then try again.", termsafe.Line(file))}
	case errors.Is(err, fs.ErrExist) && file != "":
		return &failure{msg: fmt.Sprintf("There's already a file at %s, so nothing was written. Choose another name, or add --force to replace it.", termsafe.Line(file))}
	case isDiskFull(err):
		return &failure{msg: "The disk is full, so the export couldn't be written. Nothing was left half-written: free some space, then try again."}
	case file != "":
		return &failure{msg: fmt.Sprintf("Waymark couldn't write the export to %s, and left nothing half-written there. Please try again.", termsafe.Line(file))}
	}
	return &failure{msg: "Waymark couldn't write the export, so it may be incomplete. Please try again."}
}

// checkNewFile refuses, before anything is read, an -o that can't be written:
// a folder, a missing folder, or a file already there without --force.
func checkNewFile(file string, force bool) error {
	shown := termsafe.Line(file)
	dir := filepath.Dir(file)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &failure{msg: fmt.Sprintf("There's no folder %s to write into. Make it first, or choose another place.", termsafe.Line(dir))}
	}
	fi, err := os.Lstat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &failure{msg: fmt.Sprintf("Waymark couldn't look at %s. Choose another place, then try again.", shown)}
	case fi.IsDir():
		return &failure{msg: fmt.Sprintf("%s is a folder. Give the name of a new file inside it, like %s.", shown,
			termsafe.Line(filepath.Join(file, "waymark-export.md")))}
	case !force:
		return &failure{msg: fmt.Sprintf("There's already a file at %s, so nothing was written. Choose another name, or add --force to replace it.", shown)}
	}
	return nil
}

// exportPassphrase is the passphrase that seals an export: the first line of
// --export-passphrase-file, or typed twice at the terminal. The caller
// clears it.
func (a *app) exportPassphrase(file string) ([]byte, error) {
	if file != "" {
		return readPassphraseFile(file, a.stderr)
	}
	fmt.Fprintln(a.stderr, "Choose a passphrase for this export. Without it nobody can open the file, so keep it somewhere safe.")
	return a.typeTwice("Passphrase for the export: ", "exported")
}

// pendingFile is a new file being written beside where it will go: only a
// whole, fsync'd file ever takes its name.
type pendingFile struct {
	f      *os.File
	closed bool
	placed bool
}

func newPendingFile(dir string) (*pendingFile, error) {
	f, err := os.CreateTemp(dir, ".waymark-export-*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return nil, err
	}
	return &pendingFile{f: f}, nil
}

// finish flushes the file to the disk and closes it.
func (p *pendingFile) finish() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.f.Sync(); err != nil {
		_ = p.f.Close()
		return err
	}
	return p.f.Close()
}

// place gives the finished file the name dest. Without replace, a file
// already at dest is never touched: the error then wraps fs.ErrExist.
func (p *pendingFile) place(dest string, replace bool) error {
	if err := p.finish(); err != nil {
		return err
	}
	tmp := p.f.Name()
	if replace {
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
	} else if err := os.Link(tmp, dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// A disk without hard links: look, then rename.
		if _, serr := os.Lstat(dest); serr == nil {
			return &fs.PathError{Op: "create", Path: dest, Err: fs.ErrExist}
		}
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
	} else {
		_ = os.Remove(tmp)
	}
	p.placed = true
	syncDir(filepath.Dir(dest))
	return nil
}

// discard removes the file unless it was placed.
func (p *pendingFile) discard() {
	if !p.closed {
		p.closed = true
		_ = p.f.Close()
	}
	if !p.placed {
		_ = os.Remove(p.f.Name())
	}
}

// isDiskFull reports whether err is a full disk (or a limit on file size,
// or a full quota, which are the same to the person).
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT)
}

// syncDir makes a new name in dir last; best effort.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// exportToHome is the full screen's export: the whole journal, in format,
// to ~/waymark-export-YYYY-MM-DD.md (or .json; -2, -3... when taken), 0600.
func exportToHome(st *store.Store, format string, now time.Time) (string, error) {
	f, err := exchange.ParseFormat(format)
	if err != nil || (f != exchange.FormatMarkdown && f != exchange.FormatWaymark) {
		return "", fmt.Errorf("export: unknown format %q", format)
	}
	ext := ".json"
	if f == exchange.FormatMarkdown {
		ext = ".md"
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	ds, err := st.Dimensions()
	if err != nil {
		return "", err
	}
	p, err := newPendingFile(home)
	if err != nil {
		return "", err
	}
	defer p.discard()
	if _, err := exportJournal(st, ds, f, store.ExportQuery{}, p.f); err != nil {
		return "", err
	}
	stem := filepath.Join(home, "waymark-export-"+now.Format(dateLayout))
	for n := 1; n < 1000; n++ {
		dest := stem + ext
		if n > 1 {
			dest = stem + "-" + strconv.Itoa(n) + ext
		}
		err := p.place(dest, false)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return dest, nil
	}
	return "", &fs.PathError{Op: "create", Path: stem + ext, Err: fs.ErrExist}
}
