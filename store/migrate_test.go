package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// withMigrations swaps the migration list for the rest of the test.
func withMigrations(t *testing.T, ms ...migration) {
	old := migrations
	migrations = ms
	t.Cleanup(func() { migrations = old })
}

func schemaOf(t *testing.T, path string) string {
	t.Helper()
	var v string
	raw(t, path, func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keySchema))
		return nil
	})
	return v
}

var keyMarker = []byte("marker")

// markMigration is a test migration to version 2 that counts its runs and
// rewrites every entry's text, to show it can read and write sealed records.
func markMigration(runs *int) migration {
	return migration{version: 2, apply: func(tx *bolt.Tx, sl sealer) error {
		*runs++
		b := tx.Bucket(bucketEntries)
		var keys [][]byte
		if err := b.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil }); err != nil {
			return err
		}
		for _, k := range keys {
			var rec entryRecord
			if _, err := get(tx, sl, bucketEntries, k, &rec); err != nil {
				return err
			}
			rec.Entry.Text += " (migrated)"
			if err := put(tx, sl, bucketEntries, k, &rec); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyMarker, []byte("2"))
	}}
}

func TestMigrationRunsOnceAfterABackup(t *testing.T) {
	withMigrations(t) // a file at schema 1, whatever the shipped migrations
	c := newClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.Local))
	path := journalPath(t)
	s := openAt(t, path, c)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "words"})
	s.Close()
	if v := schemaOf(t, path); v != "1" {
		t.Fatalf("schema = %q, want 1", v)
	}

	runs := 0
	migrations = []migration{markMigration(&runs)}
	for range 2 {
		s = openAt(t, path, c)
		s.Close()
	}
	if runs != 1 {
		t.Errorf("migration ran %d times, want once", runs)
	}
	if v := schemaOf(t, path); v != "2" {
		t.Errorf("schema = %q, want 2", v)
	}
	s = openAt(t, path, c)
	if got, _ := s.Get(e.ID); got.Text != "words (migrated)" {
		t.Errorf("Text = %q, want the migration's change", got.Text)
	}
	s.Close()

	backups, _ := filepath.Glob(filepath.Join(s.BackupDir(), "upgrade-v1-20250314-*.db"))
	if len(backups) != 1 {
		t.Fatalf("upgrade backups = %v, want one", backups)
	}
	if v := schemaOf(t, backups[0]); v != "1" {
		t.Errorf("the upgrade backup has schema %q, want the old 1", v)
	}
	if got := mode(t, backups[0]); got != 0o600 {
		t.Errorf("upgrade backup mode = %o", got)
	}

	// The program without the migration now finds the file too new.
	migrations = nil
	if _, err := Open(path, Options{Now: c.Now}); !errors.Is(err, journal.ErrTooNew) {
		t.Errorf("Open by the older program: %v, want ErrTooNew", err)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	withMigrations(t)
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "words"})
	s.Close()

	migrations = []migration{{version: 2, apply: func(tx *bolt.Tx, _ sealer) error {
		if err := tx.Bucket(bucketMeta).Put(keyMarker, []byte("half")); err != nil {
			return err
		}
		return errors.New("cannot")
	}}}
	_, err := Open(path, Options{Now: newClock(t0).Now})
	if err == nil || !strings.Contains(err.Error(), "upgrade to version 2") {
		t.Fatalf("Open: %v, want the migration's error", err)
	}
	if v := schemaOf(t, path); v != "1" {
		t.Errorf("schema = %q, want 1", v)
	}
	raw(t, path, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get(keyMarker) != nil {
			t.Error("half a migration was kept")
		}
		return nil
	})

	migrations = nil
	s = openAt(t, path, newClock(t0))
	if page, _ := s.List(journal.Query{}); page.Total != 1 {
		t.Errorf("Total = %d, want 1", page.Total)
	}
}

func TestNewFileIsBroughtThroughMigrations(t *testing.T) {
	runs := 0
	withMigrations(t, markMigration(&runs))
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	s.Close()
	if runs != 1 || schemaOf(t, path) != "2" {
		t.Errorf("runs = %d, schema %q; want 1 and 2", runs, schemaOf(t, path))
	}
	if _, err := os.Stat(s.BackupDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a new file was backed up before its migrations: %v", err)
	}
}

func TestMigrationsOutOfOrder(t *testing.T) {
	noop := func(*bolt.Tx, sealer) error { return nil }
	withMigrations(t, migration{3, noop}, migration{2, noop})
	if _, err := Open(journalPath(t), Options{}); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("Open: %v, want an out-of-order error", err)
	}
}

func TestShippedMigrationsAreInOrder(t *testing.T) {
	last := baseVersion
	for _, m := range migrations {
		if m.version <= last || m.apply == nil {
			t.Errorf("migration to %d follows %d or has no apply", m.version, last)
		}
		last = m.version
	}
}
