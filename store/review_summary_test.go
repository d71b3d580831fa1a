package store

import (
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// slowSealer opens its first value slowly, noting any opened after done is
// set.
type slowSealer struct {
	plainSealer
	n          *atomic.Int64
	done, late *atomic.Bool
}

func (s slowSealer) open(bucket, key, sealed []byte) ([]byte, error) {
	if s.n.Add(1) == 1 {
		time.Sleep(50 * time.Millisecond)
	}
	if s.done.Load() {
		s.late.Store(true)
	}
	return s.plainSealer.open(bucket, key, sealed)
}

func TestLoadSummariesWaitsForDecodersWhenTheWalkPanics(t *testing.T) {
	val := append([]byte{formatPlain}, encodeSummary(journal.Summary{Kind: journal.KindReflection, When: t0, Title: "words"})...)
	old := forEachSummary
	forEachSummary = func(_ *bolt.Bucket, fn func(k, v []byte) error) error {
		for i := range summaryBatch {
			_ = fn([]byte{byte(i), byte(i >> 8)}, val)
		}
		panic("a damaged page")
	}
	t.Cleanup(func() { forEachSummary = old })

	var n atomic.Int64
	var done, late atomic.Bool
	func() {
		defer func() { _ = recover() }()
		_, _ = loadSummaries(nil, slowSealer{n: &n, done: &done, late: &late})
	}()
	done.Store(true)
	time.Sleep(100 * time.Millisecond)
	if late.Load() {
		t.Error("a decoder went on reading values after the walk's transaction ended")
	}
}
