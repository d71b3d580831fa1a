package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestDailyBackup(t *testing.T) {
	c := newClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.Local))
	path := journalPath(t)
	dir := filepath.Join(filepath.Dir(path), "backups")

	s := openAt(t, path, c)
	if s.BackupDir() != dir {
		t.Fatalf("BackupDir = %q, want %q", s.BackupDir(), dir)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "one"})
	s.Close()
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a new journal was backed up: %v", err)
	}

	// The person's own files in the folder are never touched.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := []string{"journal-mine.db", "notes.txt", "upgrade-v1-20240101-120000.db"}
	for _, name := range mine {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// First open of the day: a backup.
	c.Add(time.Hour)
	s = openAt(t, path, c)
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("Warnings = %q", w)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "two"})
	s.Close()
	today := filepath.Join(dir, "journal-20250314.db")
	if got := mode(t, today); got != 0o600 {
		t.Errorf("backup mode = %o, want 600", got)
	}
	if got := mode(t, dir); got != 0o700 {
		t.Errorf("backups folder mode = %o, want 700", got)
	}
	if n := keyCount(t, today, bucketEntries); n != 1 {
		t.Errorf("today's backup holds %d entries, want 1 (taken at open)", n)
	}

	// Later the same day: no second backup.
	c.Add(12 * time.Hour) // 23:00
	s = openAt(t, path, c)
	s.Close()
	if n := keyCount(t, today, bucketEntries); n != 1 {
		t.Errorf("today's backup was rewritten: %d entries", n)
	}
	want := append(slices.Clone(mine), "journal-20250314.db")
	slices.Sort(want)
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("backups = %v, want %v", got, want)
	}

	// Nine more days: only the newest seven daily backups are kept.
	for range 9 {
		c.Add(24 * time.Hour)
		s = openAt(t, path, c)
		s.Close()
	}
	want = append(slices.Clone(mine),
		"journal-20250317.db", "journal-20250318.db", "journal-20250319.db", "journal-20250320.db",
		"journal-20250321.db", "journal-20250322.db", "journal-20250323.db")
	slices.Sort(want)
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("backups = %v\nwant %v", got, want)
	}
	if n := keyCount(t, filepath.Join(dir, "journal-20250323.db"), bucketEntries); n != 2 {
		t.Errorf("newest backup holds %d entries, want 2", n)
	}
}

func TestBackupFailureIsAWarning(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "one"})
	s.Close()
	// A file where the folder should be: the backup can't be made.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c.Add(24 * time.Hour)
	s = openAt(t, path, c)
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "backup") || strings.Contains(w[0], "one") {
		t.Errorf("Warnings = %q, want one sentence about the backup", w)
	}
	if page, _ := s.List(journal.Query{}); page.Total != 1 {
		t.Errorf("journal did not open normally: %d entries", page.Total)
	}
}

func TestBackupOnDemand(t *testing.T) {
	s, _ := newStore(t)
	for i := range 20 {
		mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("words ", 100+i)})
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(dest); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if got := mode(t, dest); got != 0o600 {
		t.Errorf("backup mode = %o, want 600", got)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"copy.db"}) {
		t.Errorf("folder holds %v, want only the copy", got)
	}
	// The journal is still open and writable; the copy is a journal of its own.
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "after"})
	cp := openAt(t, dest, newClock(t0))
	if page, _ := cp.List(journal.Query{}); page.Total != 20 {
		t.Errorf("the copy holds %d entries, want 20", page.Total)
	}
	if err := cp.Check(); err != nil {
		t.Errorf("Check of the copy: %v", err)
	}

	if err := s.Backup(s.Path()); err == nil {
		t.Error("Backup over the journal itself was allowed")
	}
	if err := s.Backup(filepath.Join(dir, "missing", "copy.db")); err == nil {
		t.Error("Backup into a missing folder succeeded")
	}
	for _, name := range listDir(t, dir) {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("a failed backup left %s", name)
		}
	}
}
