package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many daily backups are kept.
const KeepBackups = 7

// dailyName matches the daily backups, and only them: other files in the
// folder (upgrade backups, the person's own copies) are never pruned.
var dailyName = regexp.MustCompile(`^journal-[0-9]{8}\.db$`)

// BackupDir is the folder of automatic backups, beside the journal.
func (s *Store) BackupDir() string {
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// Backup writes a consistent copy of the journal to dest while it stays open:
// a read transaction's WriteTo into dest+".tmp", fsync, then a rename over
// dest, so dest is never half written. The copy is 0600.
func (s *Store) Backup(dest string) (err error) {
	s.mu.Lock()
	db := s.db
	s.mu.Unlock()
	if db == nil {
		return fmt.Errorf("back up: %w", errClosed)
	}
	if sameFile(dest, s.path) {
		return fmt.Errorf("back up: %s is the journal itself; choose another file", dest)
	}
	tmp := dest + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil { // it may have been left behind with another mode
		return fmt.Errorf("back up: %w", err)
	}
	if err := copyTo(db, f); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	syncDir(filepath.Dir(dest))
	return nil
}

// copyTo writes the whole database to f from one read transaction.
func copyTo(db *bolt.DB, f *os.File) (err error) {
	defer guard("copy the journal", &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
}

// backupInto makes the folder (0700) if needed and backs up into it.
func (s *Store) backupInto(dir, name string) error {
	if err := ensureDir(dir); err != nil {
		return err
	}
	return s.Backup(filepath.Join(dir, name))
}

// dailyBackup writes journal-YYYYMMDD.db (the local date by the store's
// clock) unless the newest daily backup is already from today, then keeps the
// newest KeepBackups.
func (s *Store) dailyBackup() error {
	dir := s.BackupDir()
	name := "journal-" + s.clock().Local().Format("20060102") + ".db"
	names, err := dailyBackups(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if len(names) == 0 || names[len(names)-1] != name {
		if err := s.backupInto(dir, name); err != nil {
			return err
		}
		if names, err = dailyBackups(dir); err != nil {
			return err
		}
	}
	if len(names) <= KeepBackups {
		return nil
	}
	var errs []error
	for _, old := range names[:len(names)-KeepBackups] {
		if old == name { // a clock set back never costs the backup just made
			continue
		}
		if err := os.Remove(filepath.Join(dir, old)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// dailyBackups lists the daily backups in dir, oldest first.
func dailyBackups(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && dailyName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names) // the date in the name sorts
	return names, nil
}

// ensureDir creates dir as 0700, or tightens it to 0700 if it exists (the
// backups folder is Waymark's own).
func ensureDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		return os.Chmod(dir, 0o700)
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	if fi.Mode().Perm() != 0o700 {
		return os.Chmod(dir, 0o700)
	}
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

// syncDir makes a rename in dir durable; it is best effort.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
