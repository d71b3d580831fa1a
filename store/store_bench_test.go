package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// bigEntries is the size of the journal the open and list benchmarks use.
const bigEntries = 100_000

// big is a journal of bigEntries entries, filled once per test binary and
// only when a benchmark asks for it, so `go test` without -bench never
// builds it. Filling takes a while (about 20 s); set WAYMARK_BENCH_JOURNAL
// to a path to keep the filled journal there and reuse it in later runs.
var big struct {
	once sync.Once
	dir  string
	path string
	err  error
}

var benchClock = func() time.Time { return t0 }

func bigJournal(b *testing.B) string {
	b.Helper()
	big.once.Do(func() {
		start := time.Now()
		if p := os.Getenv("WAYMARK_BENCH_JOURNAL"); p != "" {
			big.path = p
			if _, err := os.Stat(p); err == nil {
				return
			}
		} else {
			if big.dir, big.err = os.MkdirTemp("", "waymark-bench-"); big.err != nil {
				return
			}
			big.path = filepath.Join(big.dir, "journal.db")
		}
		s, err := Open(big.path, Options{Now: benchClock})
		if err != nil {
			big.err = err
			return
		}
		if big.err = Fill(s, bigEntries, 1); big.err != nil {
			s.Close()
			return
		}
		big.err = s.Close()
		fi, _ := os.Stat(big.path)
		b.Logf("filled %d entries in %v (%d MiB)", bigEntries, time.Since(start).Round(time.Millisecond), fi.Size()>>20)
	})
	if big.err != nil {
		b.Fatalf("fill: %v", big.err)
	}
	return big.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// BenchmarkOpen100k opens and closes a journal of 100,000 entries: the cost
// of loading every summary into the index.
func BenchmarkOpen100k(b *testing.B) {
	path := bigJournal(b)
	// The first open of the day makes the daily backup; keep it out of the timing.
	s, err := Open(path, Options{Now: benchClock})
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		s, err := Open(path, Options{Now: benchClock})
		if err != nil {
			b.Fatal(err)
		}
		if s.index.Len() != bigEntries {
			b.Fatalf("index holds %d", s.index.Len())
		}
		s.Close()
	}
}

// BenchmarkList reads the first page of 50 summaries filtered by a dimension
// from a journal of 100,000 entries.
func BenchmarkList(b *testing.B) {
	path := bigJournal(b)
	s, err := Open(path, Options{Now: benchClock})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ds, _ := s.Dimensions()
	q := journal.Query{Dimension: ds[1].ID, Limit: 50}
	for b.Loop() {
		page, err := s.List(q)
		if err != nil || len(page.Summaries) != 50 {
			b.Fatalf("List = %d, %v", len(page.Summaries), err)
		}
	}
}

// BenchmarkCreate stores one entry per transaction, fsync included.
func BenchmarkCreate(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "journal.db"), Options{Now: benchClock})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := journal.Entry{Kind: journal.KindReflection, Text: "A short walk before breakfast helped more than I expected."}
	for b.Loop() {
		if _, err := s.Create(e); err != nil {
			b.Fatal(err)
		}
	}
}

// importEntries makes n reproducible entries as an importer gives them:
// foreign ids, times of their own, text from a few words to a few hundred.
func importEntries(n int, dims []string) []journal.Entry {
	r := rand.New(rand.NewPCG(7, 8))
	out := make([]journal.Entry, n)
	for i := range out {
		when := t0.Add(-time.Duration(r.Int64N(int64(3*365*24*time.Hour/time.Second))) * time.Second)
		e := fillEntry(r, dims, when)
		e.ID = fmt.Sprintf("jr-%08d", i)
		e.Created, e.Updated = when, when.Add(time.Hour)
		out[i] = e
	}
	return out
}

// BenchmarkImport100k imports 100,000 entries into a new journal in one
// transaction, fsync included.
func BenchmarkImport100k(b *testing.B) {
	for _, enc := range []bool{false, true} {
		name := "plain"
		if enc {
			name = "encrypted"
		}
		b.Run(name, func(b *testing.B) {
			in := importEntries(bigEntries, nil)
			for b.Loop() {
				b.StopTimer()
				opts := Options{Now: benchClock}
				if enc {
					opts.Passphrase, opts.KDF = []byte("bench"), &FastKDF
				}
				s, err := Create(filepath.Join(b.TempDir(), "journal.db"), opts)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := s.Import(in, nil, nil)
				if err != nil || res.Added != bigEntries {
					b.Fatalf("Import = %+v, %v", res, err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
