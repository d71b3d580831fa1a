package store

import (
	"fmt"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/sample"
)

// FillBatch is how many entries Fill writes per transaction.
const FillBatch = 1000

// FillYears is how far back Fill's entries reach.
const FillYears = 4

// Fill writes n reproducible entries from journal/sample (the same seed
// gives the same words, kinds, areas and moments) for measuring Waymark with
// a large journal: reflections (a few of them long letters), hopes, goals,
// check-ins, strengths, supports and sessions written together, over the
// FillYears years before the store's clock, oldest first, none of them in
// the trash (so all n are listed). They are written FillBatch to a
// transaction. A journal not yet begun is begun with the default starting
// set.
func Fill(s *Store, n int, seed int64) error {
	return fill(s, n, sample.Options{Seed: seed, NoTrash: true}, nil)
}

// FillSample is Fill with the whole sample journal, some entries in the
// trash too, for trying Waymark (waymark demo). progress, when not nil, is
// called with how many entries are written after each transaction.
func FillSample(s *Store, n int, seed int64, progress func(done int)) error {
	return fill(s, n, sample.Options{Seed: seed}, progress)
}

func fill(s *Store, n int, o sample.Options, progress func(done int)) error {
	if n <= 0 {
		return nil
	}
	fresh, err := s.Fresh()
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	if fresh {
		if _, err := s.Begin(journal.DefaultStartingSet()); err != nil {
			return fmt.Errorf("fill: %w", err)
		}
	}
	dims, err := s.Dimensions()
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	o.End, o.Years = s.clock().Truncate(time.Second), FillYears
	g := sample.New(n, dims, o)
	batch := make([]journal.Entry, 0, FillBatch)
	for done := 0; done < n; {
		batch = batch[:0]
		for len(batch) < FillBatch {
			e, ok := g.Next()
			if !ok {
				break
			}
			batch = append(batch, e)
		}
		if _, err := s.createBatch(batch); err != nil {
			return fmt.Errorf("fill: %w", err)
		}
		done += len(batch)
		if progress != nil {
			progress(done)
		}
	}
	return nil
}
