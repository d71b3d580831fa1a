package journal

import (
	"maps"
	"slices"
	"sort"
	"time"
)

// Index keeps every summary in time order, newest first, so timelines, filters
// and counts never read full records. It is not safe for concurrent use; its
// owner guards it. Summaries it returns are copies the caller may change.
type Index struct {
	items []Summary          // newest first; ties broken by id for a stable order
	byID  map[string]Summary // the same summaries, by id
}

// NewIndex builds an index from summaries in any order.
func NewIndex(summaries []Summary) *Index {
	ix := &Index{items: slices.Clone(summaries), byID: make(map[string]Summary, len(summaries))}
	slices.SortFunc(ix.items, compareSummaries)
	for _, s := range ix.items {
		ix.byID[s.ID] = s
	}
	return ix
}

// compareSummaries orders newest first, then by id.
func compareSummaries(a, b Summary) int {
	if c := b.When.Compare(a.When); c != 0 {
		return c
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// position is where s sits, or would sit, in the order.
func (ix *Index) position(s Summary) int {
	return sort.Search(len(ix.items), func(i int) bool { return compareSummaries(ix.items[i], s) >= 0 })
}

// Len is how many summaries the index holds, trash included.
func (ix *Index) Len() int { return len(ix.items) }

// Put adds a summary or replaces the one with the same id.
func (ix *Index) Put(s Summary) {
	ix.Remove(s.ID)
	i := ix.position(s)
	ix.items = slices.Insert(ix.items, i, s)
	ix.byID[s.ID] = s
}

// PutMany adds or replaces many summaries at once, as an import does: one
// pass and one sort rather than a shift of the whole index for each.
func (ix *Index) PutMany(sums []Summary) {
	if len(sums) < 64 {
		for _, s := range sums {
			ix.Put(s)
		}
		return
	}
	incoming := make(map[string]bool, len(sums))
	for _, s := range sums {
		incoming[s.ID] = true
	}
	ix.items = slices.DeleteFunc(ix.items, func(s Summary) bool { return incoming[s.ID] })
	ix.items = append(ix.items, sums...)
	slices.SortFunc(ix.items, compareSummaries)
	for _, s := range sums {
		ix.byID[s.ID] = s
	}
}

// Remove drops the summary with the id, if present.
func (ix *Index) Remove(id string) {
	old, ok := ix.byID[id]
	if !ok {
		return
	}
	if i := ix.position(old); i < len(ix.items) && ix.items[i].ID == id {
		ix.items = slices.Delete(ix.items, i, i+1)
	}
	delete(ix.byID, id)
}

// RemoveMany drops the summaries with the ids in one pass.
func (ix *Index) RemoveMany(ids []string) {
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
		delete(ix.byID, id)
	}
	ix.items = slices.DeleteFunc(ix.items, func(s Summary) bool { return gone[s.ID] })
}

// Get returns the summary with the id.
func (ix *Index) Get(id string) (Summary, bool) {
	s, ok := ix.byID[id]
	return s.clone(), ok
}

// All returns every summary, newest first, trash included.
func (ix *Index) All() []Summary {
	out := make([]Summary, len(ix.items))
	for i := range ix.items {
		out[i] = ix.items[i].clone()
	}
	return out
}

// List returns one page of the summaries the query selects, newest first.
func (ix *Index) List(q Query) Page {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var page Page
	for i := range ix.items {
		s := &ix.items[i]
		if !q.matches(s) {
			continue
		}
		if page.Total >= q.Offset && len(page.Summaries) < limit {
			page.Summaries = append(page.Summaries, s.clone())
		}
		page.Total++
	}
	return page
}

// IDs returns the ids of every summary the query selects, ignoring paging.
func (ix *Index) IDs(q Query) []string {
	var ids []string
	for i := range ix.items {
		if q.matches(&ix.items[i]) {
			ids = append(ids, ix.items[i].ID)
		}
	}
	return ids
}

// Counts tallies the entries outside the trash by dimension and kind.
func (ix *Index) Counts() Counts {
	c := Counts{ByDimension: map[string]int{}, ByKind: map[Kind]int{}, GoalsByStatus: map[GoalStatus]int{}}
	for i := range ix.items {
		s := &ix.items[i]
		if s.InTrash() {
			c.Trash++
			continue
		}
		c.All++
		c.ByKind[s.Kind]++
		if s.Kind == KindGoal {
			c.GoalsByStatus[s.Status]++
		}
		for _, d := range s.Dimensions {
			c.ByDimension[d]++
		}
		if c.Latest.IsZero() || s.When.After(c.Latest) {
			c.Latest = s.When
		}
	}
	return c
}

// Trends gathers each dimension's check-in ratings, oldest first.
func (ix *Index) Trends() map[string][]Point { return Series(ix.items) }

// OnThisDay picks earlier entries written on today's day of the month.
func (ix *Index) OnThisDay(today time.Time) []Summary {
	found := OnThisDay(ix.items, today)
	for i := range found {
		found[i] = found[i].clone()
	}
	return found
}

func (s Summary) clone() Summary {
	s.Dimensions = slices.Clone(s.Dimensions)
	s.Ratings = maps.Clone(s.Ratings)
	return s
}
