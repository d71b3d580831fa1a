package store

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// exportBatch is how many full records Export reads per read transaction.
const exportBatch = 256

// ExportQuery selects the entries Export gives. The zero query is every
// entry outside the trash.
type ExportQuery struct {
	// Since and Until bound When, both included; a zero time leaves that
	// side open. For whole days, Until is the last instant of the last day.
	Since, Until time.Time
	// Dimensions are dimension ids: an entry in any of them is given. Empty
	// means all entries.
	Dimensions []string
}

// matches reports whether an entry's when and dimensions are selected.
func (q ExportQuery) matches(when time.Time, trashed bool, has func(string) bool) bool {
	switch {
	case trashed:
		return false
	case !q.Since.IsZero() && when.Before(q.Since):
		return false
	case !q.Until.IsZero() && when.After(q.Until):
		return false
	case len(q.Dimensions) == 0:
		return true
	}
	return slices.ContainsFunc(q.Dimensions, has)
}

// Export calls fn with each entry outside the trash that q selects, oldest
// first (entries at the same moment by id). The selection is made from the
// in-memory index when Export starts; full records are then read
// exportBatch at a time, each batch in its own read transaction, so the
// journal is never read whole into memory and fn runs with the journal
// unlocked (it may call the store). An entry deleted or put in the trash
// meanwhile is left out. An error from fn stops Export and is returned as is.
func (s *Store) Export(q ExportQuery, fn func(journal.Entry) error) error {
	s.mu.Lock()
	if s.db == nil {
		s.mu.Unlock()
		return fmt.Errorf("export: %w", errClosed)
	}
	all := s.index.All()
	s.mu.Unlock()

	var picked []journal.Summary
	for _, sum := range all {
		if q.matches(sum.When, sum.InTrash(), sum.HasDimension) {
			picked = append(picked, sum)
		}
	}
	all = nil
	slices.SortFunc(picked, func(a, b journal.Summary) int {
		if c := a.When.Compare(b.When); c != 0 {
			return c
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})

	for start := 0; start < len(picked); start += exportBatch {
		batch := picked[start:min(start+exportBatch, len(picked))]
		entries, err := s.readEntries(batch)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !q.matches(e.When, e.InTrash(), e.HasDimension) {
				continue // changed since the selection was made
			}
			if err := fn(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// readEntries reads the full records of the summaries, in their order, in one
// read transaction, leaving out any no longer there.
func (s *Store) readEntries(sums []journal.Summary) ([]journal.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]journal.Entry, 0, len(sums))
	err := s.view("export", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
		}
		for _, sum := range sums {
			key := []byte(sum.ID)
			v := b.Get(key)
			if v == nil {
				continue
			}
			var rec entryRecord
			// decode copies what it reads out of the transaction's memory.
			if err := decode(s.seal, bucketEntries, key, v, &rec); err != nil {
				return err
			}
			rec.Entry.ID = sum.ID
			out = append(out, rec.Entry)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
