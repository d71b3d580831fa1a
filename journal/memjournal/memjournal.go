// Package memjournal is an in-memory journal.Repository for tests: it follows
// the same rules as the store (ids, times, trash, drafts) without a file.
package memjournal

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// Journal is an in-memory repository. It is safe for concurrent use, as
// screens call it from commands running on other goroutines.
type Journal struct {
	mu       sync.Mutex
	now      func() time.Time
	nextID   int
	begun    bool
	dims     journal.Dimensions
	entries  map[string]journal.Entry
	index    *journal.Index
	draft    *journal.Draft
	settings journal.Settings
	// FailWrites, when set, is returned by every write, to test error paths.
	FailWrites error
}

var _ journal.Repository = (*Journal)(nil)

// New returns an empty journal whose clock is now.
func New(now func() time.Time) *Journal {
	return &Journal{now: now, entries: map[string]journal.Entry{}, index: journal.NewIndex(nil)}
}

// NewWithDefaults returns a journal already set up with the default starting set.
func NewWithDefaults(now func() time.Time) *Journal {
	j := New(now)
	if _, err := j.Begin(journal.DefaultStartingSet()); err != nil {
		panic(err) // cannot happen: nothing fails in memory
	}
	return j
}

func (j *Journal) id() string {
	j.nextID++
	return fmt.Sprintf("id%04d", j.nextID)
}

// Fresh implements journal.Repository.
func (j *Journal) Fresh() (bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return !j.begun, nil
}

// Begin implements journal.Repository.
func (j *Journal) Begin(set journal.StartingSet) (journal.Dimensions, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return nil, j.FailWrites
	}
	j.dims = set.Dimensions(j.id)
	j.begun = true
	return append(journal.Dimensions(nil), j.dims...), nil
}

// Dimensions implements journal.Repository.
func (j *Journal) Dimensions() (journal.Dimensions, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append(journal.Dimensions(nil), j.dims...), nil
}

// SaveDimensions implements journal.Repository.
func (j *Journal) SaveDimensions(ds journal.Dimensions) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return j.FailWrites
	}
	j.dims = append(journal.Dimensions(nil), ds...)
	j.begun = true
	return nil
}

// NewDimensionID implements journal.Repository.
func (j *Journal) NewDimensionID() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.id()
}

// Create implements journal.Repository.
func (j *Journal) Create(e journal.Entry) (journal.Entry, error) {
	e, err := journal.Prepare(e)
	if err != nil {
		return e, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return e, j.FailWrites
	}
	now := j.now()
	e.ID = j.id()
	e.Created, e.Updated = now, now
	if e.When.IsZero() {
		e.When = now
	}
	j.entries[e.ID] = e
	j.index.Put(e.Summary())
	return e, nil
}

// Update implements journal.Repository.
func (j *Journal) Update(e journal.Entry) (journal.Entry, error) {
	e, err := journal.Prepare(e)
	if err != nil {
		return e, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return e, j.FailWrites
	}
	old, ok := j.entries[e.ID]
	if !ok {
		return e, journal.ErrNotFound
	}
	e.Created = old.Created
	if e.When.IsZero() {
		e.When = old.When
	}
	e.Updated = j.now()
	j.entries[e.ID] = e
	j.index.Put(e.Summary())
	return e, nil
}

// Get implements journal.Repository.
func (j *Journal) Get(id string) (journal.Entry, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e, ok := j.entries[id]
	if !ok {
		return e, journal.ErrNotFound
	}
	return e, nil
}

// List implements journal.Repository.
func (j *Journal) List(q journal.Query) (journal.Page, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index.List(q), nil
}

// Counts implements journal.Repository.
func (j *Journal) Counts() (journal.Counts, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index.Counts(), nil
}

// Trends implements journal.Repository.
func (j *Journal) Trends() (map[string][]journal.Point, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index.Trends(), nil
}

// OnThisDay implements journal.Repository.
func (j *Journal) OnThisDay(today time.Time) ([]journal.Summary, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index.OnThisDay(today), nil
}

// Trash implements journal.Repository.
func (j *Journal) Trash(id string) error {
	return j.setTrashed(id, true)
}

// Restore implements journal.Repository.
func (j *Journal) Restore(id string) error {
	return j.setTrashed(id, false)
}

func (j *Journal) setTrashed(id string, trashed bool) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return j.FailWrites
	}
	e, ok := j.entries[id]
	if !ok {
		return journal.ErrNotFound
	}
	e.Trashed = time.Time{}
	if trashed {
		e.Trashed = j.now()
	}
	j.entries[id] = e
	j.index.Put(e.Summary())
	return nil
}

// EmptyTrash implements journal.Repository.
func (j *Journal) EmptyTrash() (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return 0, j.FailWrites
	}
	ids := j.index.IDs(journal.Query{Trash: true})
	for _, id := range ids {
		delete(j.entries, id)
		j.index.Remove(id)
	}
	return len(ids), nil
}

// Draft implements journal.Repository.
func (j *Journal) Draft() (journal.Draft, bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.draft == nil {
		return journal.Draft{}, false, nil
	}
	return copyDraft(*j.draft), true, nil
}

// copyDraft returns a draft sharing no memory with d, as a store's would.
func copyDraft(d journal.Draft) journal.Draft {
	d.Dimensions = slices.Clone(d.Dimensions)
	d.NextSteps = slices.Clone(d.NextSteps)
	return d
}

// SaveDraft implements journal.Repository.
func (j *Journal) SaveDraft(d journal.Draft) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return j.FailWrites
	}
	d = copyDraft(d)
	d.Saved = j.now()
	j.draft = &d
	return nil
}

// ClearDraft implements journal.Repository.
func (j *Journal) ClearDraft() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.draft = nil
	return nil
}
