package store

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/waymark-journal/waymark/journal"
)

// searchJournals are the journals the search benchmarks use, filled once per
// test binary: 1k, 10k and 100k entries, plain and encrypted (FastKDF).
// The plain 100k one is bigJournal's; the others are kept beside it
// (PATH.1000, PATH.100000.enc, ...), so with WAYMARK_BENCH_JOURNAL set they
// are reused in later runs.
var searchJournals struct {
	mu    sync.Mutex
	paths map[string]string
}

var benchPass = []byte("bench")

func searchOptions(enc bool) Options {
	opts := Options{Now: benchClock}
	if enc {
		opts.Passphrase, opts.KDF = benchPass, &FastKDF
	}
	return opts
}

func searchJournal(b *testing.B, n int, enc bool) string {
	b.Helper()
	if n == bigEntries && !enc {
		return bigJournal(b)
	}
	searchJournals.mu.Lock()
	defer searchJournals.mu.Unlock()
	name := strconv.Itoa(n)
	if enc {
		name += ".enc"
	}
	if p, ok := searchJournals.paths[name]; ok {
		return p
	}
	// Beside bigJournal's file: kept with it under WAYMARK_BENCH_JOURNAL,
	// removed with it (by TestMain) otherwise.
	path := bigJournal(b) + "." + name
	if _, err := os.Stat(path); err != nil {
		s, err := Create(path, searchOptions(enc))
		if err != nil {
			b.Fatal(err)
		}
		if err := Fill(s, n, 1); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	if searchJournals.paths == nil {
		searchJournals.paths = map[string]string{}
	}
	searchJournals.paths[name] = path
	return path
}

// buildSearchCache builds the cache from scratch and waits for it.
func buildSearchCache(b *testing.B, s *Store) {
	b.Helper()
	if bl := s.search.forget(); bl != nil {
		<-bl.done
	}
	s.mu.Lock()
	bl := s.startSearchBuild()
	s.mu.Unlock()
	<-bl.done
	if bl.err != nil {
		b.Fatal(bl.err)
	}
}

var searchSizes = []int{1_000, 10_000, bigEntries}

func forEachSearchJournal(b *testing.B, fn func(b *testing.B, s *Store, n int)) {
	for _, enc := range []bool{false, true} {
		kind := "plain"
		if enc {
			kind = "encrypted"
		}
		for _, n := range searchSizes {
			b.Run(fmt.Sprintf("%s/%dk", kind, n/1000), func(b *testing.B) {
				s, err := Open(searchJournal(b, n, enc), searchOptions(enc))
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				fn(b, s, n)
			})
		}
	}
}

// BenchmarkSearch is one search of two words (each in many entries) over
// the whole journal, with the cache built: scan, count, and the first page
// of 50 hits with their snippets. cache-MiB is the heap the cache holds.
func BenchmarkSearch(b *testing.B) {
	forEachSearchJournal(b, func(b *testing.B, s *Store, n int) {
		before := heapInUse()
		buildSearchCache(b, s)
		cache := float64(heapInUse()) - float64(before)
		ctx := context.Background()
		var total int
		for b.Loop() {
			page, err := s.Search(ctx, "quiet garden", journal.Query{Limit: 50})
			if err != nil || len(page.Hits) == 0 {
				b.Fatalf("Search = %d hits, %v", len(page.Hits), err)
			}
			total = page.Total
		}
		b.ReportMetric(float64(total), "found")
		b.ReportMetric(cache/(1<<20), "cache-MiB")
	})
}

// BenchmarkSearchIndexBuild reads every entry (decrypting it, in an
// encrypted journal) and folds its words into the search cache.
func BenchmarkSearchIndexBuild(b *testing.B) {
	forEachSearchJournal(b, func(b *testing.B, s *Store, n int) {
		for b.Loop() {
			buildSearchCache(b, s)
		}
	})
}

// BenchmarkSearchMemory opens the encrypted 100k journal and searches it
// (building the cache), then reports the heap in use after opening and after
// searching, and the process's resident memory once settled and at its peak
// (the benchmark binary's own included). Run it alone, with -benchtime 1x
// and the journals already filled (WAYMARK_BENCH_JOURNAL), for resident
// figures that mean something.
func BenchmarkSearchMemory(b *testing.B) {
	path := searchJournal(b, bigEntries, true)
	var opened, searched, resident, anon, file, peak float64
	for b.Loop() {
		s, err := Open(path, searchOptions(true))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		opened = float64(heapInUse()) / (1 << 20)
		b.StartTimer()
		if _, err := s.Search(context.Background(), "quiet garden", journal.Query{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		searched = float64(heapInUse()) / (1 << 20)
		debug.FreeOSMemory() // as the store does once the cache is built
		resident = float64(procStatus("VmRSS:")) / (1 << 20)
		anon = float64(procStatus("RssAnon:")) / (1 << 20)
		file = float64(procStatus("RssFile:")) / (1 << 20)
		peak = float64(procStatus("VmHWM:")) / (1 << 20)
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(opened, "open-heap-MiB")
	b.ReportMetric(searched, "search-heap-MiB")
	b.ReportMetric(resident, "rss-MiB")
	b.ReportMetric(anon, "rss-anon-MiB") // the heap and the rest of the process's own memory
	b.ReportMetric(file, "rss-file-MiB") // the journal file's pages bbolt maps, read once
	b.ReportMetric(peak, "peak-rss-MiB")
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// procStatus is a size from /proc/self/status, such as the resident memory
// (VmRSS) or its peak (VmHWM), in bytes (0 where there is no /proc).
func procStatus(field string) uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
