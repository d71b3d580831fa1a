package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/exchange"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// progressIsTerminal decides whether import shows its progress on standard
// error; tests replace it.
var progressIsTerminal = isTerminal

// importOptions are import's flags.
type importOptions struct {
	from       string
	dryRun     bool
	timeFormat string
	password   string // --password-file
}

func (a *app) importCommand() *command {
	var o importOptions
	c := &command{
		Use:   "import FILE",
		Short: "Bring in entries from a Waymark export, jrnl or Day One",
		Long: `Bring in entries from another journal: a Waymark JSON export (from
waymark export --format json), a jrnl journal (its plain-text file, encrypted
or not, or its JSON export), or a Day One JSON export (Journal.json, or the
.zip holding it). Waymark tells the format from the file; --from names it
when it can't.

Dates, tags and text are kept as they were; starred entries get the tag
"starred" (and Day One's pinned ones "pinned"). Importing the same file
again adds nothing: entries already here are only changed when the file's
copy was changed later. Anything that can't be read is named, with its line,
and left out; a file that can't be read at all changes nothing.

--dry-run reads everything and says what importing would do, changing
nothing.`,
		Example: `  waymark import journal.json
  waymark import ~/jrnl/journal.txt --dry-run
  waymark import work.txt --from jrnl --time-format "%d/%m/%Y %H:%M"
  waymark import secret.txt --password-file ~/.jrnl-password
  waymark import "Day One Export.zip"`,
		Args: func(c *command, args []string) error {
			switch len(args) {
			case 1:
				if strings.TrimSpace(args[0]) == "" {
					return usage(c, "waymark import needs the file to import, like: waymark import journal.json")
				}
				return nil
			case 0:
				return usage(c, "waymark import needs the file to import, like: waymark import journal.json")
			}
			return usage(c, "waymark import takes one file at a time; put its name in quotes if it has spaces.")
		},
		RunE: func(c *command, args []string) error { return a.runImport(c, o, args[0]) },
	}
	f := c.Flags()
	f.StringVar(&o.from, "from", "", "the file's `FORMAT` when Waymark can't tell: waymark, jrnl, jrnl-json or dayone")
	f.BoolVar(&o.dryRun, "dry-run", false, "say what importing would do, and change nothing")
	f.StringVar(&o.timeFormat, "time-format", "", "jrnl: the `LAYOUT` of its dates, as in jrnl's config (like \"%d/%m/%Y %H:%M\")")
	f.StringVar(&o.password, "password-file", "", "jrnl: read an encrypted journal's password from the first line of `FILE`")
	return c
}

// importSource is the file being imported, read once.
type importSource struct {
	arg    string // as typed
	name   string // its name, for messages
	data   []byte
	format exchange.Format
}

func (a *app) runImport(c *command, o importOptions, arg string) error {
	var format exchange.Format
	if o.from != "" {
		f, err := exchange.ParseFormat(o.from)
		if err != nil || f == exchange.FormatMarkdown {
			return usage(c, "Waymark imports waymark, jrnl, jrnl-json or dayone files; try --from jrnl, for example.")
		}
		format = f
	}
	if c.Flags().Changed("password-file") && strings.TrimSpace(o.password) == "" {
		return usage(c, "--password-file needs a file whose first line is the password, like --password-file ~/.jrnl-password.")
	}

	src, err := readImportFile(arg)
	if err != nil {
		return err
	}
	// The file is read before the journal is opened: a file that isn't one
	// Waymark can read changes nothing, and asks for nothing.
	var needsPassword bool
	if format == "" {
		f, err := exchange.Detect(src.name, src.data[:min(len(src.data), exchange.HeadBytes)])
		switch {
		case errors.Is(err, exchange.ErrNeedsPassword):
			needsPassword = true
		case errors.Is(err, exchange.ErrUnknownFormat):
			return &failure{msg: fmt.Sprintf("%s Name it with --from, like: waymark import %s --from jrnl",
				problemText(err), shellWord(termsafe.Line(arg)))}
		case err != nil:
			return &failure{msg: problemText(err)}
		}
		format = f
	}
	src.format = format

	opts := exchange.ImportOptions{File: src.name, TimeFormat: o.timeFormat}
	defer func() { clear(opts.Password) }()
	if needsPassword || o.password != "" {
		if opts.Password, err = a.jrnlPassword(src.name, o.password); err != nil {
			return err
		}
	}

	path, err := a.journalPath()
	if err != nil {
		return err
	}
	fresh := noJournal(path)
	var st *store.Store
	if fresh {
		if a.passFile != "" {
			return noJournalForPassphrase(path)
		}
		// No journal yet: read the file first, so one that can't be read
		// leaves no new journal behind. (The ids depend on the journal's
		// own key, so it is read again once the journal is there.)
		imp, err := a.readEntries(src, o, &opts)
		if err != nil {
			return err
		}
		if o.dryRun {
			res, err := wouldImport(imp.Entries)
			if err != nil {
				return fail(err)
			}
			return a.reportImport(src, imp, res, true)
		}
	}
	if st, err = a.open(); err != nil {
		return err
	}
	if opts.IDKey, err = st.ImportKey(); err != nil {
		return fail(err)
	}
	imp, err := a.readEntries(src, o, &opts)
	if err != nil {
		return err
	}
	if o.dryRun {
		res, err := st.WouldImport(imp.Entries, imp.Dimensions)
		if err != nil {
			return fail(err)
		}
		return a.reportImport(src, imp, res, true)
	}

	var progress func(done, total int)
	if progressIsTerminal(a.stderr) && len(imp.Entries) >= 1000 {
		progress = func(done, total int) {
			fmt.Fprintf(a.stderr, "\rImporting… %s of %s", thousands(done), thousands(total))
		}
	}
	res, err := st.Import(imp.Entries, imp.Dimensions, progress)
	if progress != nil {
		fmt.Fprint(a.stderr, "\r\x1b[K")
	}
	if err != nil {
		// One transaction: nothing of the file is in the journal.
		return fail(err)
	}
	return a.reportImport(src, imp, res, false)
}

// readImportFile reads the whole file, up to what exchange imports (one
// byte more, so exchange can say it is too big).
func readImportFile(arg string) (*importSource, error) {
	shown := termsafe.Line(arg)
	src := &importSource{arg: arg, name: termsafe.Line(filepath.Base(arg))}
	f, err := os.Open(arg)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &failure{msg: fmt.Sprintf("There's no file at %s. Check its name, then try again.", shown)}
	case errors.Is(err, fs.ErrPermission):
		return nil, &failure{msg: fmt.Sprintf("Waymark isn't allowed to read %s. Check who owns it, then try again.", shown)}
	case err != nil:
		return nil, &failure{msg: fmt.Sprintf("Waymark couldn't read %s. Check that it is there and yours, then try again.", shown)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		return nil, &failure{msg: fmt.Sprintf("%s is a folder. Give the file inside it to import, like its Journal.json or journal.txt.", shown)}
	}
	if err == nil && fi.Mode().IsRegular() && fi.Size() > exchange.MaxImportBytes {
		_, err := exchange.Import(f, exchange.FormatWaymark, exchange.ImportOptions{File: src.name})
		return nil, &failure{msg: problemText(err)}
	}
	src.data, err = io.ReadAll(io.LimitReader(f, exchange.MaxImportBytes+1))
	if err != nil {
		return nil, &failure{msg: fmt.Sprintf("Waymark couldn't read %s to the end. Check that it is all there, then try again.", shown)}
	}
	return src, nil
}

// readEntries turns the file into entries, telling which ones were left
// out. A wrong jrnl password typed at the terminal is asked for again.
func (a *app) readEntries(src *importSource, o importOptions, opts *exchange.ImportOptions) (*exchange.Imported, error) {
	for try := 1; ; try++ {
		imp, err := exchange.Import(bytes.NewReader(src.data), src.format, *opts)
		switch {
		case err == nil:
			return imp, nil
		case errors.Is(err, exchange.ErrNeedsPassword) && len(opts.Password) == 0:
			if opts.Password, err = a.jrnlPassword(src.name, o.password); err != nil {
				return nil, err
			}
			continue
		case errors.Is(err, exchange.ErrWrongPassword):
			if o.password != "" {
				return nil, &failure{msg: fmt.Sprintf("That password didn't open %s. Check the first line of the password file, then try again.", src.name)}
			}
			if try >= maxUnlockTries {
				return nil, &failure{msg: fmt.Sprintf("That password didn't open %s either. Run the command again whenever you're ready; there's no limit on tries.", src.name)}
			}
			fmt.Fprintf(a.stderr, "That password didn't open %s. Try again — there's no limit.\n", src.name)
			clear(opts.Password)
			if opts.Password, err = a.jrnlPassword(src.name, ""); err != nil {
				return nil, err
			}
			continue
		case errors.Is(err, exchange.ErrUnknownFormat):
			return nil, &failure{msg: fmt.Sprintf("%s Name it with --from, like: waymark import %s --from jrnl",
				problemText(err), shellWord(termsafe.Line(src.arg)))}
		}
		return nil, &failure{msg: problemText(err)}
	}
}

// jrnlPassword is an encrypted jrnl journal's password: the first line of
// --password-file, or typed at the terminal.
func (a *app) jrnlPassword(name, file string) ([]byte, error) {
	if file != "" {
		return readPassphraseFile(file, a.stderr)
	}
	if !passphraseAtTerminal(a.stdin) {
		return nil, &failure{msg: fmt.Sprintf("%s is encrypted by jrnl. Give its password with --password-file FILE, or run this in a terminal.", name)}
	}
	for range maxChooseTries {
		pass, err := readPassphrase(a.stdin, a.stderr, fmt.Sprintf("jrnl's password for %s: ", name))
		if err != nil {
			return nil, &failure{msg: "No password was given, so nothing was imported."}
		}
		if len(pass) > 0 {
			return pass, nil
		}
		fmt.Fprintln(a.stderr, "Nothing was typed. Type the password, then press Enter.")
	}
	return nil, &failure{msg: "No password was given, so nothing was imported."}
}

// wouldImport says what importing entries into a journal that doesn't exist
// yet would do: the first of each id is added, and a later copy of the same
// id updates it when it was changed later. With a journal, Store.WouldImport
// answers instead.
func wouldImport(entries []journal.Entry) (store.ImportResult, error) {
	var res store.ImportResult
	seen := map[string]journal.Entry{}
	for _, e := range entries {
		old, ok := seen[e.ID]
		switch {
		case !ok:
			res.Added++
		case e.Updated.After(old.Updated):
			res.Updated++
		default:
			res.Unchanged++
			continue
		}
		if e.ID != "" {
			seen[e.ID] = e
		}
	}
	return res, nil
}

// reportImport lists what was left out, on standard error, then says what
// the import did (or, for a dry run, would do).
func (a *app) reportImport(src *importSource, imp *exchange.Imported, res store.ImportResult, dryRun bool) error {
	for _, p := range imp.Skipped {
		fmt.Fprintln(a.stderr, termsafe.Line(p.Error()))
	}
	skipped := ""
	if n := len(imp.Skipped); n > 0 {
		skipped = fmt.Sprintf(" Skipped %s (see above).", thousands(n))
	}
	if dryRun {
		fmt.Fprintf(a.stdout, "Nothing was changed (a dry run). Importing %s would add %s, update %s, and leave %s unchanged.%s\n",
			src.name, thousands(res.Added), thousands(res.Updated), thousands(res.Unchanged), skipped)
		return nil
	}
	fmt.Fprintf(a.stdout, "Added %s, updated %s, unchanged %s.%s\n",
		thousands(res.Added), thousands(res.Updated), thousands(res.Unchanged), skipped)
	return nil
}

// problemText is a whole-file problem from exchange, safe to print.
func problemText(err error) string {
	var p exchange.Problem
	if errors.As(err, &p) {
		return termsafe.Line(p.Error())
	}
	return somethingWrong
}
