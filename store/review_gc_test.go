package store

import (
	"fmt"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/waymark-journal/waymark/journal"
)

// Journals opened at the same time each raise the collector's pace while
// they load: once all are open, the pace is back where it was.
func TestConcurrentOpensGiveBackTheCollectorsPace(t *testing.T) {
	const n = 8
	paths := make([]string, n)
	for i := range paths {
		paths[i] = journalPath(t) + fmt.Sprint(i)
		s := openAt(t, paths[i], newClock(t0))
		mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "words"})
		s.Close()
	}
	before := debug.SetGCPercent(137)
	defer debug.SetGCPercent(before)
	for range 20 {
		var wg sync.WaitGroup
		for _, p := range paths {
			wg.Go(func() {
				s, err := Open(p, Options{Now: newClock(t0).Now})
				if err != nil {
					t.Error(err)
					return
				}
				s.Close()
			})
		}
		wg.Wait()
		if got := debug.SetGCPercent(137); got != 137 {
			t.Fatalf("GC percent after concurrent opens = %d, want 137", got)
		}
	}
}
