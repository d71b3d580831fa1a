package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/waymark-journal/waymark/journal"
)

// restoringSuffix names the copy of a backup being put in place.
const restoringSuffix = ".restoring"

// Restore puts the journal in the backup file in place of the journal at path
// and returns where the journal that was there was kept, or "" when there
// was none. The journal must not be open: the error then wraps
// journal.ErrInUse, and nothing is changed.
//
//  1. The journal file is locked, as Open locks it, for the whole restore
//     (it may be damaged: it is never read).
//  2. The backup is copied beside the journal into path+".restoring"
//     (0600, fsync'd), and the copy is opened with opts (an encrypted
//     backup needs the passphrase it was made with) and checked record by
//     record. A damaged backup, a file that is not a journal (errors wrap
//     journal.ErrDamaged), one from a newer Waymark (journal.ErrTooNew) or a
//     wrong passphrase (journal.ErrWrongPassphrase, journal.ErrLocked) stop
//     the restore with nothing changed. A backup from an older Waymark is
//     upgraded in the copy, never in the backup.
//  3. The journal is kept aside as path+".before-restore-YYYYMMDD-HHMMSS"
//     (local time by opts.Now; "-2", "-3"... if taken), 0600: a second name
//     for the same file where the disk allows, a copy otherwise.
//  4. The checked copy is renamed over path, and the folder fsync'd.
//
// Another Waymark waiting to open the journal meanwhile opens the restored
// one. The backup file itself is only read.
func Restore(path, backup string, opts Options) (aside string, err error) {
	fail := func(err error) (string, error) {
		return "", fmt.Errorf("restore %s: %w", backup, err)
	}
	if path == "" || backup == "" {
		return fail(errors.New("no file given"))
	}
	opts = withDefaults(opts)
	if sameFile(path, backup) {
		return fail(errors.New("that is the journal itself; choose a backup"))
	}
	fi, err := os.Stat(backup)
	switch {
	case err != nil:
		return fail(err)
	case fi.IsDir():
		return fail(fmt.Errorf("%w: it is a folder", journal.ErrDamaged))
	}

	cur, err := lockJournal(path, opts)
	if err != nil {
		return fail(err)
	}
	if cur != nil {
		defer cur.Close() // lets go of the lock, once the new file is in place
	} else if _, err := prepareDir(filepath.Dir(path)); err != nil {
		return fail(err)
	}

	tmp := path + restoringSuffix
	_ = os.Remove(tmp) // left by an earlier restore that was cut short
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err := copyFileSynced(backup, tmp); err != nil {
		return fail(fmt.Errorf("copy the backup: %w", err))
	}
	if err := checkRestorable(tmp, opts); err != nil {
		return fail(err)
	}

	if cur != nil {
		if aside, err = keepAside(path, opts); err != nil {
			return fail(fmt.Errorf("keep the journal aside: %w", err))
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		if aside != "" {
			_ = os.Remove(aside) // the journal is still in place
		}
		return fail(fmt.Errorf("put the backup in place: %w", err))
	}
	syncDir(filepath.Dir(path))
	return aside, nil
}

// lockJournal opens the journal file, if there is one, and takes the lock
// bbolt takes, waiting up to opts.Timeout; nil when there is no file. Should
// the file be replaced while waiting, the new one is locked.
func lockJournal(path string, opts Options) (*os.File, error) {
	for range 3 {
		f, err := os.Open(path) // flock needs no write access
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if !canPreflight {
			// No flock here: see whether bbolt can open it, then let go.
			_ = f.Close()
			db, _, err := openBolt(path, opts.Timeout, true)
			if errors.Is(err, journal.ErrInUse) {
				return nil, err
			}
			if db != nil {
				_ = db.Close()
			}
			return os.Open(path)
		}
		if err := lockFile(f, opts.Timeout); err != nil {
			_ = f.Close()
			if errors.Is(err, errLockTimeout) {
				return nil, fmt.Errorf("%w: %v", journal.ErrInUse, err)
			}
			return nil, err
		}
		held, errHeld := f.Stat()
		now, errNow := os.Stat(path)
		if errHeld == nil && errNow == nil && os.SameFile(held, now) {
			return f, nil
		}
		_ = f.Close()
		if errors.Is(errNow, fs.ErrNotExist) {
			return nil, nil
		}
	}
	return nil, fmt.Errorf("%w: the file keeps being replaced", journal.ErrInUse)
}

// checkRestorable opens the copy of a backup as a journal, without a daily
// backup, and checks it.
func checkRestorable(tmp string, opts Options) error {
	info, err := Inspect(tmp)
	if err != nil {
		return err
	}
	if !info.Exists {
		return fmt.Errorf("%w: this file holds no journal", journal.ErrDamaged)
	}
	s, err := open(tmp, opts, false)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Check()
}

// keepAside gives the journal file a second name, path+".before-restore-"
// and the time, 0600; where the disk has no hard links, it is copied there.
func keepAside(path string, opts Options) (string, error) {
	stem := path + ".before-restore-" + opts.Now().Local().Format("20060102-150405")
	for n := 1; n < 100; n++ {
		aside := stem
		if n > 1 {
			aside += "-" + strconv.Itoa(n)
		}
		if _, err := os.Lstat(aside); err == nil {
			continue
		}
		if err := os.Link(path, aside); err != nil {
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			if err := copyFileSynced(path, aside); err != nil {
				_ = os.Remove(aside)
				return "", err
			}
		}
		if err := os.Chmod(aside, 0o600); err != nil {
			_ = os.Remove(aside)
			return "", err
		}
		syncDir(filepath.Dir(aside))
		return aside, nil
	}
	return "", fmt.Errorf("%s and 98 more names are taken", stem)
}

// copyFileSynced copies from into a new file to (0600, which must not exist),
// fsync'd before it is closed.
func copyFileSynced(from, to string) (err error) {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(to)
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}
