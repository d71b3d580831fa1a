package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The journal's health: backup copies it, restore puts a copy back, check
// looks at every record.

func (a *app) backupCommand() *command {
	var force bool
	c := &command{
		Use:   "backup DEST",
		Short: "Copy your journal to a file or folder of your choice",
		Long: `Copy your journal to a file or folder of your choice, such as a USB stick.
Given a folder, the copy is named journal-YYYYMMDD-HHMMSS.db inside it. The
copy is whole even while Waymark is open elsewhere, and only you can read
it. A journal protected by a passphrase stays protected in its backup.

Waymark also keeps a backup of its own each day you open it (the last 7),
in the backups folder beside the journal. waymark restore puts any backup
back in place.`,
		Example: `  waymark backup /media/usb
  waymark backup ~/journal-before-moving.db`,
		Args: func(c *command, args []string) error {
			if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
				return usage(c, "waymark backup needs one place to copy the journal to, like: waymark backup /media/usb")
			}
			return nil
		},
		RunE: func(c *command, args []string) error { return a.runBackup(args[0], force) },
	}
	c.Flags().BoolVar(&force, "force", false, "replace a file that is already at DEST")
	return c
}

// backupName is a backup's name inside a folder.
func backupName(now time.Time) string {
	return "journal-" + now.Local().Format("20060102-150405") + ".db"
}

func (a *app) runBackup(dest string, force bool) error {
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, backupName(time.Now()))
	}
	shown := termsafe.Line(dest)
	dir := filepath.Dir(dest)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &failure{msg: fmt.Sprintf("There's no folder %s to put the backup in. Make it first, or choose another place.", termsafe.Line(dir))}
	}
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if sameFile(path, dest) {
		return &failure{msg: "That is your journal itself. Choose another place for the backup, such as a USB stick."}
	}
	if _, err := os.Lstat(dest); err == nil && !force {
		return &failure{msg: fmt.Sprintf("There's already a file at %s, so nothing was written. Choose another name, or add --force to replace it.", shown)}
	}
	if noJournal(path) {
		return &failure{msg: fmt.Sprintf("There's no journal at %s yet, so there's nothing to back up.", termsafe.Line(path))}
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	if err := st.Backup(dest); err != nil {
		switch {
		case errors.Is(err, journal.ErrDamaged), errors.Is(err, journal.ErrInUse):
			return fail(err)
		case isDiskFull(err):
			return &failure{msg: "The disk is full, so the backup couldn't be written. Your journal is unchanged: free some space, then try again."}
		case errors.Is(err, fs.ErrPermission):
			return &failure{msg: fmt.Sprintf("Waymark isn't allowed to write to %s. Choose another place, then try again.", shown)}
		}
		return &failure{msg: fmt.Sprintf("Waymark couldn't write the backup to %s. Your journal is unchanged; please try again.", shown)}
	}
	fmt.Fprintf(a.stdout, "Backed up to %s.\n", shown)
	if st.Encrypted() {
		fmt.Fprintln(a.stdout, "The backup is encrypted, like your journal: it opens with the passphrase your journal has now.")
	}
	return nil
}

func (a *app) restoreCommand() *command {
	var yes bool
	c := &command{
		Use:   "restore BACKUP",
		Short: "Put a backup back in place of your journal",
		Long: `Put a backup back in place of your journal. The backup is checked first,
record by record; if it can't be read, nothing changes. Your journal as it
is now is kept beside it (journal.db.before-restore-YYYYMMDD-HHMMSS), so
nothing is lost either way. The backup file itself is left as it is.

Waymark asks before it does this; --yes answers for scripts. A backup
protected by a passphrase needs the passphrase it had when it was made.`,
		Example: `  waymark restore ~/.local/share/waymark/backups/journal-20260501.db
  waymark restore /media/usb/journal-20260501-093000.db --yes`,
		Args: func(c *command, args []string) error {
			if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
				return usage(c, "waymark restore needs the backup to put back, like: waymark restore /media/usb/journal-20260501-093000.db")
			}
			return nil
		},
		RunE: func(c *command, args []string) error { return a.runRestore(c, args[0], yes) },
	}
	c.Flags().BoolVarP(&yes, "yes", "y", false, "don't ask first (for scripts)")
	return c
}

// The sentences about restoring.
const (
	restoreDamaged   = "That backup looks damaged or isn't a Waymark journal, so nothing was changed. Try another one: the backups folder beside your journal keeps the last 7 days."
	restoreNeedsPass = "That backup is protected by a passphrase. Give it with --passphrase-file FILE, or run this in a terminal."
)

func (a *app) runRestore(c *command, backup string, yes bool) error {
	shown := termsafe.Line(backup)
	fi, err := os.Stat(backup)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &failure{msg: fmt.Sprintf("There's no file at %s. Check its name, then try again.", shown)}
	case err != nil:
		return &failure{msg: fmt.Sprintf("Waymark couldn't read %s. Check that it is there and yours, then try again.", shown)}
	case fi.IsDir():
		return &failure{msg: fmt.Sprintf("%s is a folder. Give the backup file inside it, like %s.", shown,
			termsafe.Line(filepath.Join(backup, "journal-20260501.db")))}
	}
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if sameFile(path, backup) {
		return &failure{msg: "That is your journal itself, so nothing was changed. Choose a backup, such as one in the backups folder beside it."}
	}
	info, err := store.Inspect(backup)
	switch {
	case errors.Is(err, journal.ErrTooNew):
		return fail(err)
	case err != nil, !info.Exists:
		return &failure{msg: restoreDamaged}
	}
	have := !noJournal(path)

	if !yes {
		if !stdinIsTerminal(a.stdin) {
			return usage(c, "Restoring replaces your journal, so Waymark asks first. Run it in a terminal, or add --yes.")
		}
		question := fmt.Sprintf("Put %s in place of your journal? Your current journal is kept beside it as %s.before-restore-…  [y/N] ",
			shown, termsafe.Line(filepath.Base(path)))
		if !have {
			question = fmt.Sprintf("Put %s in place as your journal at %s?  [y/N] ", shown, termsafe.Line(path))
		}
		if !a.confirm(question) {
			fmt.Fprintln(a.stdout, "Nothing was changed.")
			return nil
		}
	}

	opts := storeOptions()
	var typed bool
	if info.Encrypted {
		switch {
		case a.passFile != "":
			if opts.Passphrase, err = a.filePassphrase(); err != nil {
				return err
			}
		case passphraseAtTerminal(a.stdin):
			typed = true
		default:
			return &failure{msg: restoreNeedsPass}
		}
	}
	var aside string
	for try := 1; ; try++ {
		if typed {
			pass, err := readPassphrase(a.stdin, a.stderr, "Passphrase for the backup: ")
			if err != nil || len(pass) == 0 {
				return &failure{msg: "No passphrase was given, so nothing was changed."}
			}
			opts.Passphrase = pass
		}
		aside, err = store.Restore(path, backup, opts)
		if typed {
			clear(opts.Passphrase)
		}
		if err == nil {
			break
		}
		wrong := errors.Is(err, journal.ErrWrongPassphrase) || errors.Is(err, journal.ErrLocked)
		switch {
		case wrong && typed && try < maxUnlockTries:
			fmt.Fprintln(a.stderr, "That passphrase didn't open the backup. Try again — there's no limit.")
			continue
		case wrong && typed:
			return &failure{msg: "That passphrase didn't open the backup either, so nothing was changed. Run the command again whenever you're ready."}
		case wrong:
			return &failure{msg: "That passphrase didn't open the backup, so nothing was changed. It needs the passphrase the journal had when the backup was made."}
		case errors.Is(err, journal.ErrInUse), errors.Is(err, journal.ErrTooNew):
			return fail(err)
		case errors.Is(err, journal.ErrDamaged):
			return &failure{msg: restoreDamaged}
		case isDiskFull(err):
			return &failure{msg: "The disk is full, so the backup couldn't be put in place. Your journal is unchanged: free some space, then try again."}
		}
		return &failure{msg: "Waymark couldn't put the backup in place, and your journal is unchanged. Please try again."}
	}
	if aside == "" {
		fmt.Fprintln(a.stdout, "Restored.")
		return nil
	}
	fmt.Fprintf(a.stdout, "Restored. Your previous journal is kept at %s.\n", termsafe.Line(aside))
	return nil
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// confirm asks a yes-or-no question at the terminal; no is the answer
// unless the person says yes.
func (a *app) confirm(question string) bool {
	fmt.Fprint(a.stderr, question)
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

func (a *app) checkCommand() *command {
	return &command{
		Use:   "check",
		Short: "Check that your journal is healthy",
		Long: `Check that your journal is healthy: Waymark reads the whole file, checks
its structure and reads back every record. It says plainly what it found,
changes nothing, and exits with 0 when all is well and 1 when it isn't.

If something is damaged, your backups are in the backups folder beside the
journal; waymark restore puts one back.`,
		Example: `  waymark check
  waymark check --file /media/usb/journal.db`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runCheck() },
	}
}

func (a *app) runCheck() error {
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if noJournal(path) {
		return &failure{msg: fmt.Sprintf("There's no journal at %s yet, so there's nothing to check.", termsafe.Line(path))}
	}
	if _, err := store.Inspect(path); err != nil {
		return a.damaged(path, err)
	}
	st, err := a.open()
	if err != nil {
		var f *failure
		if !errors.As(err, &f) || f.msg == journal.Explain(journal.ErrDamaged) {
			return a.damaged(path, journal.ErrDamaged)
		}
		return err
	}
	if err := st.Check(); err != nil {
		return a.damaged(path, err)
	}
	counts, err := st.Counts()
	if err != nil {
		return a.damaged(path, err)
	}
	ds, err := st.Dimensions()
	if err != nil {
		return a.damaged(path, err)
	}
	n := counts.All + counts.Trash
	areas := len(ds.Active())
	last := "no backups yet"
	if name, when := latestBackup(st.BackupDir()); name != "" {
		last = "last backup " + when.Format(dateLayout)
	}
	all := countEntries(n)
	if counts.Trash > 0 {
		all += fmt.Sprintf(" (%s in the trash)", thousands(counts.Trash))
	}
	fmt.Fprintf(a.stdout, "Your journal is healthy: %s, %s, %s.\n", all, countAreas(areas), last)
	return nil
}

// damaged explains a journal that didn't pass the check, and where its
// backups are.
func (a *app) damaged(path string, err error) error {
	msg := journal.Explain(err)
	if !errors.Is(err, journal.ErrDamaged) {
		return &failure{msg: msg}
	}
	// No particular backup is named: the newest may have been made from
	// this same damaged file.
	dir := filepath.Join(filepath.Dir(path), "backups")
	if name, _ := latestBackup(dir); name != "" {
		msg += fmt.Sprintf(" To put one back: %s, with a file from %s.", a.hint("restore FILE"), termsafe.Line(dir))
	}
	return &failure{msg: msg}
}

func countAreas(n int) string {
	if n == 1 {
		return "1 life area"
	}
	return thousands(n) + " life areas"
}

// dailyBackupName matches the backups Waymark makes each day.
var dailyBackupName = regexp.MustCompile(`^journal-([0-9]{8})\.db$`)

// latestBackup is the newest daily backup in dir, and its date; "" when
// there is none.
func latestBackup(dir string) (string, time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", time.Time{}
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && dailyBackupName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return "", time.Time{}
	}
	slices.Sort(names)
	name := names[len(names)-1]
	day, err := time.ParseInLocation("20060102", dailyBackupName.FindStringSubmatch(name)[1], time.Local)
	if err != nil {
		return "", time.Time{}
	}
	return filepath.Join(dir, name), day
}
