package journal

import "sort"

// Index keeps every summary in time order, newest first, so timelines, filters
// and counts never read full records. It is not safe for concurrent use; its
// owner guards it.
type Index struct {
	items []Summary       // newest first; ties broken by id for a stable order
	byID  map[string]bool // which ids are present
}

// NewIndex builds an index from summaries in any order.
func NewIndex(summaries []Summary) *Index {
	ix := &Index{items: append([]Summary(nil), summaries...), byID: make(map[string]bool, len(summaries))}
	sort.Slice(ix.items, func(i, j int) bool { return before(ix.items[i], ix.items[j]) })
	for _, s := range ix.items {
		ix.byID[s.ID] = true
	}
	return ix
}

// before orders newest first, then by id.
func before(a, b Summary) bool {
	if !a.When.Equal(b.When) {
		return a.When.After(b.When)
	}
	return a.ID < b.ID
}

// Len is how many summaries the index holds, trash included.
func (ix *Index) Len() int { return len(ix.items) }

// Put adds a summary or replaces the one with the same id.
func (ix *Index) Put(s Summary) {
	if ix.byID[s.ID] {
		ix.Remove(s.ID)
	}
	i := sort.Search(len(ix.items), func(i int) bool { return !before(ix.items[i], s) })
	ix.items = append(ix.items, Summary{})
	copy(ix.items[i+1:], ix.items[i:])
	ix.items[i] = s
	ix.byID[s.ID] = true
}

// Remove drops the summary with the id, if present.
func (ix *Index) Remove(id string) {
	if !ix.byID[id] {
		return
	}
	for i := range ix.items {
		if ix.items[i].ID == id {
			ix.items = append(ix.items[:i], ix.items[i+1:]...)
			break
		}
	}
	delete(ix.byID, id)
}

// Get returns the summary with the id.
func (ix *Index) Get(id string) (Summary, bool) {
	if !ix.byID[id] {
		return Summary{}, false
	}
	for _, s := range ix.items {
		if s.ID == id {
			return s, true
		}
	}
	return Summary{}, false
}

// List returns one page of the summaries the query selects, newest first.
func (ix *Index) List(q Query) Page {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var page Page
	for _, s := range ix.items {
		if !q.Matches(s) {
			continue
		}
		if page.Total >= q.Offset && len(page.Summaries) < limit {
			page.Summaries = append(page.Summaries, s)
		}
		page.Total++
	}
	return page
}

// IDs returns the ids of every summary the query selects, ignoring paging.
func (ix *Index) IDs(q Query) []string {
	var ids []string
	for _, s := range ix.items {
		if q.Matches(s) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// Counts tallies the entries outside the trash by dimension and kind.
func (ix *Index) Counts() Counts {
	c := Counts{ByDimension: map[string]int{}, ByKind: map[Kind]int{}}
	for _, s := range ix.items {
		if s.InTrash() {
			c.Trash++
			continue
		}
		c.All++
		c.ByKind[s.Kind]++
		for _, d := range s.Dimensions {
			c.ByDimension[d]++
		}
		if c.Latest.IsZero() || s.When.After(c.Latest) {
			c.Latest = s.When
		}
	}
	return c
}
