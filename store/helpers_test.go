package store

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// clock is a settable clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// journalPath is a journal file inside a fresh folder.
func journalPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "waymark", "journal.db")
}

// openAt opens the journal at path with the clock, closing it at the end of the test.
func openAt(t testing.TB, path string, c *clock) *Store {
	t.Helper()
	s, err := Open(path, Options{Now: c.Now, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newStore opens a new journal begun with the default set.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	c := newClock(t0)
	s := openAt(t, journalPath(t), c)
	if _, err := s.Begin(journal.DefaultStartingSet()); err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return s, c
}

func mustCreate(t testing.TB, s *Store, e journal.Entry) journal.Entry {
	t.Helper()
	got, err := s.Create(e)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return got
}

// raw reads the closed journal file straight through bbolt, read only.
func raw(t testing.TB, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("raw open: %v", err)
	}
	defer db.Close()
	if err := db.View(fn); err != nil {
		t.Fatalf("raw view: %v", err)
	}
}

// rawUpdate changes the closed journal file straight through bbolt.
func rawUpdate(t testing.TB, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("raw open: %v", err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatalf("raw update: %v", err)
	}
}

// keyCount counts the keys in a bucket of a closed journal file.
func keyCount(t testing.TB, path string, bucket []byte) int {
	t.Helper()
	n := 0
	raw(t, path, func(tx *bolt.Tx) error {
		n = tx.Bucket(bucket).Stats().KeyN
		return nil
	})
	return n
}

func ids(sums []journal.Summary) []string {
	out := make([]string, len(sums))
	for i, s := range sums {
		out[i] = s.ID
	}
	return out
}
