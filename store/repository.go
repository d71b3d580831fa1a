package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// Fresh implements journal.Repository.
func (s *Store) Fresh() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return false, errClosed
	}
	return !s.begun, nil
}

// Begin implements journal.Repository.
func (s *Store) Begin(set journal.StartingSet) (journal.Dimensions, error) {
	ds := set.Dimensions(newID)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.saveDimensions("begin the journal", ds); err != nil {
		return nil, err
	}
	return copyDimensions(ds), nil
}

// Dimensions implements journal.Repository.
func (s *Store) Dimensions() (journal.Dimensions, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, errClosed
	}
	return copyDimensions(s.dims), nil
}

// SaveDimensions implements journal.Repository.
func (s *Store) SaveDimensions(ds journal.Dimensions) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saveDimensions("save life areas", ds)
}

// saveDimensions stores the whole set and the begun flag in one transaction.
func (s *Store) saveDimensions(what string, ds journal.Dimensions) error {
	ds = copyDimensions(ds)
	err := s.update(what, func(tx *bolt.Tx) error {
		if err := put(tx, s.seal, bucketDimensions, keySet, &dimensionsRecord{V: recordVersion, Dimensions: ds}); err != nil {
			return err
		}
		return put(tx, s.seal, bucketMeta, keyBegun, &flagRecord{V: recordVersion, On: true})
	})
	if err != nil {
		return err
	}
	s.dims, s.begun = ds, true
	return nil
}

// NewDimensionID implements journal.Repository.
func (s *Store) NewDimensionID() string { return newID() }

// Create implements journal.Repository.
func (s *Store) Create(e journal.Entry) (journal.Entry, error) {
	out, err := s.createBatch([]journal.Entry{e})
	if err != nil {
		if len(out) == 1 {
			return out[0], err // a validation error, with the entry as Prepare left it
		}
		return e, err
	}
	return out[0], nil
}

// createBatch stores entries in one transaction, as Create would store each,
// and returns them with their ids and times. If one is refused by
// journal.Prepare nothing is stored, the error names its position, and the
// prepared entries so far are returned.
func (s *Store) createBatch(entries []journal.Entry) ([]journal.Entry, error) {
	out := make([]journal.Entry, 0, len(entries))
	for i, e := range entries {
		p, err := journal.Prepare(e)
		if err != nil {
			if len(entries) == 1 {
				return []journal.Entry{p}, err
			}
			return out, fmt.Errorf("entry %d of %d: %w", i+1, len(entries), err)
		}
		out = append(out, p)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	err := s.update("save entry", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
		}
		for i := range out {
			e := &out[i]
			e.ID = newID()
			for b.Get([]byte(e.ID)) != nil { // 128 random bits; but never overwrite
				e.ID = newID()
			}
			e.Created, e.Updated = now, now
			if e.When.IsZero() {
				e.When = now
			}
			if err := s.putEntry(tx, *e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sums := make([]journal.Summary, len(out))
	for i, e := range out {
		sums[i] = e.Summary()
	}
	s.index.PutMany(sums)
	s.search.put(out...) // search.go
	return out, nil
}

// putEntry writes an entry and its summary under the entry's id.
func (s *Store) putEntry(tx *bolt.Tx, e journal.Entry) error {
	return s.putEntrySummary(tx, e, e.Summary())
}

// putEntrySummary is putEntry with the entry's summary already made.
func (s *Store) putEntrySummary(tx *bolt.Tx, e journal.Entry, sum journal.Summary) error {
	key := []byte(e.ID)
	if err := put(tx, s.seal, bucketEntries, key, &entryRecord{V: recordVersion, Entry: e}); err != nil {
		return err
	}
	return putSummary(tx, s.seal, key, sum)
}

// Update implements journal.Repository. The entry keeps its Created time; a
// zero When keeps the stored one.
func (s *Store) Update(e journal.Entry) (journal.Entry, error) {
	e, err := journal.Prepare(e)
	if err != nil {
		return e, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	err = s.update("save entry", func(tx *bolt.Tx) error {
		var old entryRecord
		found, err := get(tx, s.seal, bucketEntries, []byte(e.ID), &old)
		if err != nil {
			return err
		}
		if !found || e.ID == "" {
			return journal.ErrNotFound
		}
		e.Created = old.Entry.Created
		e.Updated = s.clock()
		if e.When.IsZero() {
			e.When = old.Entry.When
		}
		return s.putEntry(tx, e)
	})
	if err != nil {
		return e, err
	}
	s.index.Put(e.Summary())
	s.search.put(e) // search.go
	return e, nil
}

// Get implements journal.Repository.
func (s *Store) Get(id string) (journal.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var raw []byte
	err := s.view("read entry", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
		}
		if v := b.Get([]byte(id)); v != nil {
			raw = append([]byte(nil), v...) // bbolt's bytes are only valid inside the transaction
		}
		return nil
	})
	if err != nil {
		return journal.Entry{}, err
	}
	if raw == nil || id == "" {
		if _, listed := s.index.Get(id); listed && id != "" {
			// Listed, so written with its record in one transaction: the
			// record was lost to damage, not deleted.
			return journal.Entry{}, fmt.Errorf("read entry: %w: entry %s has a summary but no record", journal.ErrDamaged, id)
		}
		return journal.Entry{}, journal.ErrNotFound
	}
	var rec entryRecord
	if err := decode(s.seal, bucketEntries, []byte(id), raw, &rec); err != nil {
		return journal.Entry{}, fmt.Errorf("read entry: %w", err)
	}
	rec.Entry.ID = id
	return rec.Entry, nil
}

// List implements journal.Repository. It reads only the index.
func (s *Store) List(q journal.Query) (journal.Page, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return journal.Page{}, errClosed
	}
	return s.index.List(q), nil
}

// Counts implements journal.Repository. It reads only the index.
func (s *Store) Counts() (journal.Counts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return journal.Counts{}, errClosed
	}
	return s.index.Counts(), nil
}

// Trends implements journal.Repository. It reads only the index.
func (s *Store) Trends() (map[string][]journal.Point, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, errClosed
	}
	return s.index.Trends(), nil
}

// OnThisDay implements journal.Repository. It reads only the index.
func (s *Store) OnThisDay(today time.Time) ([]journal.Summary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, errClosed
	}
	return s.index.OnThisDay(today), nil
}

// Trash implements journal.Repository.
func (s *Store) Trash(id string) error { return s.setTrashed(id, true) }

// Restore implements journal.Repository.
func (s *Store) Restore(id string) error { return s.setTrashed(id, false) }

// setTrashed sets or clears Trashed in the record and its summary at once.
func (s *Store) setTrashed(id string, trashed bool) error {
	what := "move entry to the trash"
	if !trashed {
		what = "restore entry"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var e journal.Entry
	err := s.update(what, func(tx *bolt.Tx) error {
		var rec entryRecord
		found, err := get(tx, s.seal, bucketEntries, []byte(id), &rec)
		if err != nil {
			return err
		}
		if !found || id == "" {
			return journal.ErrNotFound
		}
		e = rec.Entry
		e.ID = id
		e.Trashed = time.Time{}
		if trashed {
			e.Trashed = s.clock()
		}
		return s.putEntry(tx, e)
	})
	if err != nil {
		return err
	}
	s.index.Put(e.Summary())
	return nil
}

// EmptyTrash implements journal.Repository.
func (s *Store) EmptyTrash() (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return 0, errClosed
	}
	ids := s.index.IDs(journal.Query{Trash: true}) // collected first: never delete while walking a cursor
	if len(ids) == 0 {
		return 0, nil
	}
	err := s.update("empty the trash", func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketEntries, bucketSummaries} {
			b := tx.Bucket(name)
			if b == nil {
				return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, name)
			}
			for _, id := range ids {
				if err := b.Delete([]byte(id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.index.RemoveMany(ids)
	s.search.remove(ids) // search.go
	return len(ids), nil
}

// Draft implements journal.Repository.
func (s *Store) Draft() (journal.Draft, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rec draftRecord
	var found bool
	err := s.view("read the draft", func(tx *bolt.Tx) error {
		var err error
		found, err = get(tx, s.seal, bucketDraft, keyDraft, &rec)
		return err
	})
	if err != nil || !found {
		return journal.Draft{}, false, err
	}
	return rec.Draft, true, nil
}

// SaveDraft implements journal.Repository.
func (s *Store) SaveDraft(d journal.Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.Saved = s.clock()
	return s.update("keep the draft", func(tx *bolt.Tx) error {
		return put(tx, s.seal, bucketDraft, keyDraft, &draftRecord{V: recordVersion, Draft: d})
	})
}

// ClearDraft implements journal.Repository.
func (s *Store) ClearDraft() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.update("clear the draft", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDraft)
		if b == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketDraft)
		}
		return b.Delete(keyDraft)
	})
}
