package store

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// corruptCase is one damaged copy of a journal.
type corruptCase struct {
	name string
	data []byte
}

// corruptJournal makes a journal worth damaging: entries of every size
// (some spanning pages), areas, a draft, and free pages from entries
// deleted. It returns the file's bytes.
func corruptJournal(t *testing.T, opts Options) []byte {
	t.Helper()
	path := journalPath(t)
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
	if err := Fill(s, 200, 11); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprint(i, " ", strings.Repeat("long ", 1200+i*600))})
	}
	page, _ := s.List(journal.Query{Limit: 40})
	for _, sum := range page.Summaries {
		if err := s.Trash(sum.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.EmptyTrash(); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindHope, Text: "a draft"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// corruptCases are truncated copies of good (cut at page boundaries, just
// around them and at random lengths) and copies with one bit flipped: at
// random offsets, and (every other one) in a page's header or first
// elements. The seed makes them the same every run.
func corruptCases(good []byte, truncations, flips int, seed uint64) []corruptCase {
	r := rand.New(rand.NewPCG(seed, 99))
	const page = 4096
	lengths := map[int]bool{1: true, 100: true, page - 1: true, page: true, 2 * page: true, 2*page + 1: true, len(good) - 1: true}
	for len(lengths) < truncations {
		n := r.IntN(len(good))
		if r.IntN(2) == 0 {
			n = n/page*page + r.IntN(3) - 1 // at or just around a page boundary
		}
		if n > 0 && n < len(good) {
			lengths[n] = true
		}
	}
	var cases []corruptCase
	for _, n := range slices.Sorted(maps.Keys(lengths)) {
		cases = append(cases, corruptCase{fmt.Sprintf("truncated to %d", n), good[:n]})
	}
	for i := range flips {
		off, bit := r.IntN(len(good)), r.IntN(8)
		if i%2 == 1 {
			// Half the flips land where bbolt keeps its structure: a page's
			// header and the first of its elements (offsets, sizes, page ids).
			off = r.IntN(len(good)/page)*page + r.IntN(80)
		}
		b := slices.Clone(good)
		b[off] ^= 1 << bit
		cases = append(cases, corruptCase{fmt.Sprintf("bit %d of byte %d flipped (page %d)", bit, off, off/page), b})
	}
	return cases
}

// tryCorrupt opens a damaged copy at path, checks it, reads every entry and
// writes one.
// Every error must be a plain one (damaged, or for an encrypted journal a
// wrong passphrase); a failed Open must leave the file as it was and let go
// of it.
func tryCorrupt(t *testing.T, path string, c corruptCase, opts Options, allowed ...error) (opened bool) {
	t.Helper()
	if err := os.WriteFile(path, c.data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := sha256.Sum256(c.data)
	plain := func(what string, err error) {
		t.Helper()
		if err == nil {
			return
		}
		for _, a := range allowed {
			if errors.Is(err, a) {
				return
			}
		}
		t.Errorf("%s: %s: %v, want an error wrapping one of %v", c.name, what, err, allowed)
	}

	type result struct {
		opened bool
		err    error
	}
	done := make(chan result, 1)
	go func() {
		s, err := Open(path, opts)
		if err != nil {
			plain("Open", err)
			done <- result{false, err}
			return
		}
		defer s.Close()
		plain("Check", s.Check())
		plain("Export", s.Export(ExportQuery{}, func(journal.Entry) error { return nil }))
		_, _, err = s.Draft()
		plain("Draft", err)
		page, err := s.List(journal.Query{Limit: 5})
		plain("List", err)
		for _, sum := range page.Summaries {
			_, err := s.Get(sum.ID)
			plain("Get", err)
		}
		_, err = s.Create(journal.Entry{Kind: journal.KindReflection, Text: "written to a damaged copy"})
		plain("Create", err)
		done <- result{true, nil}
	}()
	var res result
	select {
	case res = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: Open, Check and Export hang", c.name)
	}
	if res.opened {
		return true
	}
	after, err := os.ReadFile(path)
	if err != nil || sha256.Sum256(after) != before {
		t.Errorf("%s: the refused Open changed the file (%v)", c.name, err)
	}
	if canPreflight {
		f, err := os.Open(path)
		if err == nil {
			if err := lockFile(f, 0); err != nil {
				t.Errorf("%s: the refused Open still holds the file's lock", c.name)
			}
			f.Close()
		}
	}
	return false
}

func TestCorruptedCopies(t *testing.T) {
	c := newClock(t0)
	opts := Options{Now: c.Now, Timeout: 100 * time.Millisecond}
	good := corruptJournal(t, opts)
	cases := corruptCases(good, 60, 400, 1)
	path := filepath.Join(t.TempDir(), "journal.db")
	opened := 0
	for _, cc := range cases {
		// ErrTooNew is a flip in the schema version ("1" to "3" or "9"): a
		// plain message too, and the file is left as it is.
		if tryCorrupt(t, path, cc, opts, journal.ErrDamaged, journal.ErrTooNew) {
			opened++
		}
	}
	t.Logf("%d of %d damaged copies opened; the rest were refused as damaged", opened, len(cases))
	if opened == len(cases) || opened == 0 {
		t.Errorf("%d of %d opened: the damage tested little", opened, len(cases))
	}
}

func TestCorruptedEncryptedCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("every open derives a key")
	}
	c := newClock(t0)
	opts := encOpts(c, testPass)
	opts.Timeout = 100 * time.Millisecond
	good := corruptJournal(t, opts)
	// Each open of an encrypted copy derives the key (about 0.1 s with
	// FastKDF), so fewer copies than for a plain journal.
	cases := corruptCases(good, 16, 70, 2)
	path := filepath.Join(t.TempDir(), "journal.db")
	opened := 0
	for _, cc := range cases {
		if tryCorrupt(t, path, cc, opts, journal.ErrDamaged, journal.ErrTooNew, journal.ErrWrongPassphrase) {
			opened++
		}
	}
	t.Logf("%d of %d damaged copies opened", opened, len(cases))
}

// setBranchChild points the first element of a bucket's root branch page at
// page to, in a closed journal.
func setBranchChild(t *testing.T, path string, bucket []byte, to func(root uint64) uint64) {
	t.Helper()
	var root, ps int64
	raw(t, path, func(tx *bolt.Tx) error {
		root = int64(tx.Bucket(bucket).Root())
		ps = int64(tx.DB().Info().PageSize)
		return nil
	})
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hdr [pageHeaderSize + elementSize]byte
	if _, err := f.ReadAt(hdr[:], root*ps); err != nil {
		t.Fatal(err)
	}
	if binary.NativeEndian.Uint16(hdr[8:]) != branchPageFlag {
		t.Fatalf("the root of %s is not a branch page; fill more", bucket)
	}
	binary.NativeEndian.PutUint64(hdr[pageHeaderSize+8:], to(uint64(root)))
	if _, err := f.WriteAt(hdr[pageHeaderSize:], root*ps+pageHeaderSize); err != nil {
		t.Fatal(err)
	}
}

// A branch page pointing back at itself would make bbolt walk for ever (or
// recurse until the stack overflows): it is refused before bbolt walks it.
func TestCyclicPageTreesAreRefused(t *testing.T) {
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	if err := Fill(s, 400, 5); err != nil {
		t.Fatal(err)
	}
	page, _ := s.List(journal.Query{Limit: 1})
	s.Close()

	run := func(t *testing.T, fn func()) {
		t.Helper()
		done := make(chan struct{})
		go func() { defer close(done); fn() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("hangs")
		}
	}
	for _, tt := range []struct {
		bucket []byte
		to     func(root uint64) uint64
	}{
		{bucketSummaries, func(root uint64) uint64 { return root }},
		{bucketEntries, func(root uint64) uint64 { return root }},
		{bucketEntries, func(root uint64) uint64 { return 1 }}, // a meta page
	} {
		t.Run(string(tt.bucket), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "journal.db")
			copyFile(t, path, p)
			setBranchChild(t, p, tt.bucket, tt.to)
			run(t, func() {
				s, err := Open(p, Options{Now: newClock(t0).Now, Timeout: 100 * time.Millisecond})
				if err != nil {
					if !errors.Is(err, journal.ErrDamaged) {
						t.Errorf("Open: %v, want ErrDamaged", err)
					}
					return
				}
				defer s.Close()
				if _, err := s.Get(page.Summaries[0].ID); !errors.Is(err, journal.ErrDamaged) {
					t.Errorf("Get: %v, want ErrDamaged", err)
				}
				if err := s.Check(); !errors.Is(err, journal.ErrDamaged) {
					t.Errorf("Check: %v, want ErrDamaged", err)
				}
			})
		})
	}
}

// A journal whose entries are damaged still opens, to list them from their
// summaries, but nothing is written to it: no entry, no draft, no daily
// backup (which would push the good backups out, one a day).
func TestDamagedEntriesAreNeverWritten(t *testing.T) {
	path := journalPath(t)
	c := newClock(t0)
	s := openAt(t, path, c)
	if err := Fill(s, 300, 7); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(journal.Settings{CrisisLine: "116 123, any time"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	breakBucketRoot(t, path, bucketEntries)
	before := snap(t, path)

	c.Add(48 * time.Hour) // a new day: an open would make a backup
	s = openAt(t, path, c)
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "damaged") || !strings.Contains(w[0], "backups") {
		t.Errorf("Warnings = %q, want one sentence about the damage and the backups", w)
	}
	if page, err := s.List(journal.Query{}); err != nil || page.Total != 300 {
		t.Errorf("List = %d, %v; want the 300 entries listed", page.Total, err)
	}
	// The person's own crisis line still shows on "Need help now?".
	if set, err := s.Settings(); err != nil || set.CrisisLine != "116 123, any time" {
		t.Errorf("Settings = %+v, %v; want the person's own crisis line", set, err)
	}
	if _, err := s.Create(journal.Entry{Kind: journal.KindReflection, Text: "new"}); !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("Create: %v, want ErrDamaged", err)
	}
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "draft"}); !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("SaveDraft: %v, want ErrDamaged", err)
	}
	if _, err := s.Import([]journal.Entry{{ID: "x", Kind: journal.KindHope, Text: "x"}}, nil, nil); !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("Import: %v, want ErrDamaged", err)
	}
	if page, _ := s.List(journal.Query{}); page.Total != 300 {
		t.Errorf("List after refused writes = %d", page.Total)
	}
	s.Close()
	if after := snap(t, path); after != before {
		t.Errorf("the damaged journal or its folder changed:\n%+v\n%+v", before, after)
	}
}
