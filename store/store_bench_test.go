package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/sample"
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

// benchSizes are the journal sizes the open and list benchmarks use.
var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1_000}, {"10k", 10_000}, {"100k", bigEntries}}

// benchJournalAt is a filled journal of n entries, plain or encrypted with
// FastKDF: the search benchmarks' journals (search_bench_test.go), so one
// set of files serves both and WAYMARK_BENCH_JOURNAL keeps them all.
func benchJournalAt(b *testing.B, n int, enc bool) string {
	b.Helper()
	return searchJournal(b, n, enc)
}

// BenchmarkKDF is one key derivation: FastKDF (what the encrypted open
// benchmarks' journals use) and the setting calibrate chooses for a new
// journal on this computer (about half a second by design).
func BenchmarkKDF(b *testing.B) {
	calibrated := calibrate()
	for _, c := range []struct {
		name string
		p    KDFParams
	}{{"fast", FastKDF}, {"calibrated", calibrated}} {
		b.Run(c.name, func(b *testing.B) {
			var salt [saltLen]byte
			for b.Loop() {
				clear(argon2.IDKey(benchPass, salt[:], c.p.Time, c.p.MemoryKiB, c.p.Threads, 32))
			}
			b.ReportMetric(float64(c.p.Time), "passes")
		})
	}
}

// BenchmarkOpen opens and closes journals of 1,000, 10,000 and 100,000
// entries, plain and encrypted: the preflight, the page check, and loading
// every summary into the index. Encrypted journals use FastKDF; the
// "ms-after-kdf" metric is the open less the time its derivation took
// (measured inside each open, derivationTime), which is what the design's
// "key derivation + 250 ms" budget counts. "MB-heap" is
// the live heap with the journal open, after a collection; "cpu-ms/open"
// the processor time on all cores (decoding runs on every core).
func BenchmarkOpen(b *testing.B) {
	for _, size := range benchSizes {
		for _, enc := range []bool{false, true} {
			name := "plain"
			if enc {
				name = "encrypted"
			}
			b.Run(size.name+"/"+name, func(b *testing.B) {
				path := benchJournalAt(b, size.n, enc)
				opts := searchOptions(enc)
				// The first open of the day makes the daily backup; keep it out of the timing.
				s, err := Open(path, opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				var heap uint64
				kdf0, cpu0 := derivationTime.Load(), cpuTime()
				for b.Loop() {
					s, err := Open(path, opts)
					if err != nil {
						b.Fatal(err)
					}
					if s.index.Len() != size.n {
						b.Fatalf("index holds %d", s.index.Len())
					}
					if heap == 0 {
						b.StopTimer()
						heap = liveHeap()
						b.StartTimer()
					}
					s.Close()
				}
				perOp := b.Elapsed() / time.Duration(b.N)
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/open")
				if enc {
					kdf := time.Duration(derivationTime.Load()-kdf0) / time.Duration(b.N)
					b.ReportMetric(float64(perOp-kdf)/1e6, "ms-after-kdf")
				}
				b.ReportMetric(float64(perOp)/1e6, "ms/open")
				b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
			})
		}
	}
}

// cpuTime is the processor time this process has used, on every core: on
// a busy machine a steadier measure than the time on the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkList reads one timeline page of 50 summaries: unfiltered, by
// kind (check-ins), by an area, and by both, from journals of 1,000, 10,000
// and 100,000 entries. Each counts every match too, as the timeline shows.
func BenchmarkList(b *testing.B) {
	for _, size := range benchSizes {
		path := benchJournalAt(b, size.n, false)
		s, err := Open(path, Options{Now: benchClock})
		if err != nil {
			b.Fatal(err)
		}
		ds, _ := s.Dimensions()
		for _, c := range []struct {
			name string
			q    journal.Query
		}{
			{"all", journal.Query{Limit: 50}},
			{"kind", journal.Query{Kinds: []journal.Kind{journal.KindCheckIn}, Limit: 50}},
			{"dimension", journal.Query{Dimension: ds[1].ID, Limit: 50}},
			{"kind+dimension", journal.Query{Kinds: []journal.Kind{journal.KindReflection}, Dimension: ds[2].ID, Limit: 50}},
			{"dimension/page-20", journal.Query{Dimension: ds[1].ID, Limit: 50, Offset: 1000}},
		} {
			b.Run(size.name+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					page, err := s.List(c.q)
					if err != nil || page.Total == 0 {
						b.Fatalf("List = %d, %v", len(page.Summaries), err)
					}
				}
			})
		}
		s.Close()
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
// foreign ids, times of their own, the sample journal's words.
func importEntries(n int, dims journal.Dimensions) []journal.Entry {
	out := sample.Entries(n, dims, sample.Options{Seed: 7, End: t0, Years: 3})
	for i := range out {
		e := &out[i]
		e.ID = fmt.Sprintf("jr-%08d", i)
		e.Created, e.Updated = e.When, e.When.Add(time.Hour)
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

// BenchmarkCheckPages is the page check every open makes before bbolt walks
// a tree (pages.go), on the journal of 100,000 entries.
func BenchmarkCheckPages(b *testing.B) {
	path := benchJournalAt(b, bigEntries, false)
	s, err := Open(path, Options{Now: benchClock})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op") }()
	for b.Loop() {
		err := s.read("check", func(tx *bolt.Tx) error { return checkPages(tx, s.file, false).err() })
		if err != nil {
			b.Fatal(err)
		}
	}
}
