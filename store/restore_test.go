package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// texts lists the texts of every entry in the journal at path, oldest first.
func texts(t *testing.T, path string, opts Options) []string {
	t.Helper()
	s, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open %s: %v", path, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Errorf("Check %s: %v", path, err)
	}
	var out []string
	for _, e := range exportAll(t, s) {
		out = append(out, e.Text)
	}
	return out
}

// restoreFixture makes a journal holding "before the backup" in a backup
// and "after the backup" besides, closed.
func restoreFixture(t *testing.T, c *clock, opts Options) (path, backup string) {
	t.Helper()
	path = journalPath(t)
	var s *Store
	var err error
	if len(opts.Passphrase) > 0 {
		s, err = Create(path, opts)
	} else {
		s, err = Open(path, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "before the backup", When: t0})
	backup = filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "after the backup", When: t0.Add(time.Hour)})
	return path, backup
}

// folder lists a folder's files (not its subfolders).
func folder(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, n := range listDir(t, dir) {
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && !fi.IsDir() {
			names = append(names, n)
		}
	}
	return names
}

func TestRestore(t *testing.T) {
	c := newClock(time.Date(2025, 3, 14, 9, 30, 5, 0, time.Local))
	opts := Options{Now: c.Now, Timeout: 200 * time.Millisecond}
	path, backup := restoreFixture(t, c, opts)
	backupBytes, _ := os.ReadFile(backup)

	aside, err := Restore(path, backup, opts)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if want := path + ".before-restore-20250314-093005"; aside != want {
		t.Errorf("aside = %q, want %q", aside, want)
	}
	if got := texts(t, path, opts); !slices.Equal(got, []string{"before the backup"}) {
		t.Errorf("restored journal holds %q", got)
	}
	if got := texts(t, aside, opts); !slices.Equal(got, []string{"before the backup", "after the backup"}) {
		t.Errorf("the journal kept aside holds %q", got)
	}
	for _, p := range []string{path, aside} {
		if m := mode(t, p); m != 0o600 {
			t.Errorf("mode of %s = %o, want 600", p, m)
		}
	}
	if after, _ := os.ReadFile(backup); !bytes.Equal(after, backupBytes) {
		t.Error("the backup file was changed")
	}
	if got, want := folder(t, filepath.Dir(path)), []string{"journal.db", "journal.db.before-restore-20250314-093005"}; !slices.Equal(got, want) {
		t.Errorf("folder holds %q, want %q", got, want)
	}

	// Twice in the same second: another name, nothing overwritten.
	aside2, err := Restore(path, backup, opts)
	if err != nil || aside2 != aside+"-2" {
		t.Errorf("second Restore = %q, %v; want %q", aside2, err, aside+"-2")
	}
	if got := texts(t, aside, opts); len(got) != 2 {
		t.Errorf("the first aside copy was overwritten: %q", got)
	}
}

func TestRestoreWithNoJournal(t *testing.T) {
	c := newClock(t0)
	opts := Options{Now: c.Now, Timeout: 200 * time.Millisecond}
	_, backup := restoreFixture(t, c, opts)
	path := filepath.Join(t.TempDir(), "new", "waymark", "journal.db")
	aside, err := Restore(path, backup, opts)
	if err != nil || aside != "" {
		t.Fatalf("Restore = %q, %v; want no aside copy", aside, err)
	}
	if got := texts(t, path, opts); !slices.Equal(got, []string{"before the backup"}) {
		t.Errorf("restored journal holds %q", got)
	}
	if m := mode(t, filepath.Dir(path)); m != 0o700 {
		t.Errorf("folder mode = %o", m)
	}
}

func TestRestoreRefusesAndChangesNothing(t *testing.T) {
	c := newClock(t0)
	opts := Options{Now: c.Now, Timeout: 200 * time.Millisecond}

	damaged := func(t *testing.T, backup string) {
		b, _ := os.ReadFile(backup)
		os.WriteFile(backup, b[:len(b)/2], 0o600)
	}
	tests := []struct {
		name  string
		spoil func(t *testing.T, backup string)
		want  error
	}{
		{"damaged", damaged, journal.ErrDamaged},
		{"garbage", func(t *testing.T, backup string) {
			os.WriteFile(backup, bytes.Repeat([]byte("not a journal "), 5000), 0o600)
		}, journal.ErrDamaged},
		{"empty", func(t *testing.T, backup string) { os.WriteFile(backup, nil, 0o600) }, journal.ErrDamaged},
		{"a damaged record", func(t *testing.T, backup string) {
			var id string
			raw(t, backup, func(tx *bolt.Tx) error {
				k, _ := tx.Bucket(bucketEntries).Cursor().First()
				id = string(k)
				return nil
			})
			rawUpdate(t, backup, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketEntries).Put([]byte(id), []byte("\x01{broken"))
			})
		}, journal.ErrDamaged},
		{"too new", func(t *testing.T, backup string) {
			rawUpdate(t, backup, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
			})
		}, journal.ErrTooNew},
		{"missing", func(t *testing.T, backup string) { os.Remove(backup) }, os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, backup := restoreFixture(t, c, opts)
			tt.spoil(t, backup)
			before := snap(t, path)
			aside, err := Restore(path, backup, opts)
			if !errors.Is(err, tt.want) || aside != "" {
				t.Fatalf("Restore = %q, %v; want %v", aside, err, tt.want)
			}
			if after := snap(t, path); after != before {
				t.Errorf("the journal or its folder changed:\n%+v\n%+v", before, after)
			}
		})
	}

	t.Run("the journal itself", func(t *testing.T) {
		path, _ := restoreFixture(t, c, opts)
		if _, err := Restore(path, path, opts); err == nil {
			t.Error("Restore from the journal itself succeeded")
		}
	})
}

func TestRestoreWhileOpenIsInUse(t *testing.T) {
	c := newClock(t0)
	opts := Options{Now: c.Now, Timeout: 200 * time.Millisecond}
	path, backup := restoreFixture(t, c, opts)
	s := openAt(t, path, c)
	before := snap(t, path)
	aside, err := Restore(path, backup, opts)
	if !errors.Is(err, journal.ErrInUse) || aside != "" {
		t.Fatalf("Restore while open = %q, %v; want ErrInUse", aside, err)
	}
	if !strings.Contains(journal.Explain(err), "open in another window") {
		t.Errorf("Explain = %q", journal.Explain(err))
	}
	if after := snap(t, path); after != before {
		t.Error("the journal or its folder changed")
	}
	if page, _ := s.List(journal.Query{}); page.Total != 2 {
		t.Errorf("the open journal holds %d", page.Total)
	}
	s.Close()
	if _, err := Restore(path, backup, opts); err != nil {
		t.Errorf("Restore once closed: %v", err)
	}
}

func TestRestoreEncrypted(t *testing.T) {
	c := newClock(t0)
	opts := encOpts(c, testPass)
	path, backup := restoreFixture(t, c, opts)

	for _, o := range []Options{encOpts(c, otherPass), {Now: c.Now}} {
		before := snap(t, path)
		_, err := Restore(path, backup, o)
		if !errors.Is(err, journal.ErrWrongPassphrase) && !errors.Is(err, journal.ErrLocked) {
			t.Fatalf("Restore with passphrase %q: %v", o.Passphrase, err)
		}
		if after := snap(t, path); after != before {
			t.Error("a refused restore changed the journal or its folder")
		}
	}

	aside, err := Restore(path, backup, opts)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if got := texts(t, path, opts); !slices.Equal(got, []string{"before the backup"}) {
		t.Errorf("restored journal holds %q", got)
	}
	if info, _ := Inspect(aside); !info.Encrypted {
		t.Error("the journal kept aside is not the encrypted journal")
	}
}
