package tui_test

// Open to first frame: the store opened, the app built over it, its first
// commands run and the home screen drawn, as a person sees it at start.

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui"
)

// benchNow is the store benchmarks' clock (store_bench_test.go), so the
// journals filled here and there hold the same entries.
var benchNow = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

var benchPass = []byte("bench")

func benchOptions(enc bool) store.Options {
	o := store.Options{Now: func() time.Time { return benchNow }}
	if enc {
		o.Passphrase, o.KDF = benchPass, &store.FastKDF
	}
	return o
}

// benchJournal is a journal of n entries filled by store.Fill (seed 1), at
// the paths the store benchmarks use when WAYMARK_BENCH_JOURNAL is set
// (PATH for 100,000 plain entries, PATH.N or PATH.N.enc for the others), so
// they are filled once for both; in a temporary folder otherwise.
func benchJournal(b *testing.B, n int, enc bool) string {
	b.Helper()
	base := os.Getenv("WAYMARK_BENCH_JOURNAL")
	if base == "" {
		base = filepath.Join(b.TempDir(), "journal.db")
	}
	path := base
	if n != 100_000 || enc {
		path += "." + strconv.Itoa(n)
		if enc {
			path += ".enc"
		}
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	s, err := store.Create(path, benchOptions(enc))
	if err != nil {
		b.Fatal(err)
	}
	if err := store.Fill(s, n, 1); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// firstFrame builds the app over repo, gives it an 80×24 window, runs its
// first commands (each on its own goroutine, as Bubble Tea does) and feeds
// their messages back until home has drawn the journal, and returns that
// frame. Commands that wait (the idle timer) are left to finish on their own.
func firstFrame(b *testing.B, repo journal.Repository) string {
	b.Helper()
	a := tui.New(repo, tui.Options{Now: func() time.Time { return benchNow }, Plain: true})
	msgs := make(chan tea.Msg, 256)
	run := func(cmd tea.Cmd) {
		if cmd != nil {
			go func() { msgs <- cmd() }()
		}
	}
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(a.Init())
	deadline := time.After(30 * time.Second)
	for {
		var msg tea.Msg
		select {
		case msg = <-msgs:
		case <-deadline:
			b.Fatal("no first frame after 30 s")
		}
		if msg == nil {
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				run(v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		_, cmd := a.Update(msg)
		run(cmd)
		if v := a.View(); strings.Contains(v, "Life areas") && !strings.Contains(v, "Opening your journal") {
			return v
		}
	}
}

// BenchmarkFirstFrame opens a journal of 1,000, 10,000 or 100,000 entries,
// plain or encrypted (FastKDF), builds the app over it and draws its first
// home frame at 80×24. "ms-open" is the store's part (with the key
// derivation for an encrypted journal: BenchmarkOpen in store reports it
// without), "ms-frame" the app's, from a store already open to the frame.
func BenchmarkFirstFrame(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}} {
		for _, enc := range []bool{false, true} {
			name := size.name + "/plain"
			if enc {
				name = size.name + "/encrypted"
			}
			b.Run(name, func(b *testing.B) {
				path := benchJournal(b, size.n, enc)
				if s, err := store.Open(path, benchOptions(enc)); err == nil { // today's backup, out of the timing
					s.Close()
				}
				var opening, framing time.Duration
				for b.Loop() {
					start := time.Now()
					s, err := store.Open(path, benchOptions(enc))
					if err != nil {
						b.Fatal(err)
					}
					opened := time.Now()
					v := firstFrame(b, s)
					framing += time.Since(opened)
					opening += opened.Sub(start)
					if !strings.Contains(v, "Health") {
						b.Fatalf("first frame without the areas:\n%s", v)
					}
					b.StopTimer()
					s.Close()
					b.StartTimer()
				}
				b.ReportMetric(float64(opening)/float64(b.N)/1e6, "ms-open")
				b.ReportMetric(float64(framing)/float64(b.N)/1e6, "ms-frame")
			})
		}
	}
}
