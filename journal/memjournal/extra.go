package memjournal

import (
	"context"

	"github.com/waymark-journal/waymark/journal"
)

// Search implements journal.Repository: a plain scan of every entry the
// query selects, newest first.
func (j *Journal) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	terms := journal.ParseSearch(text)
	if terms.Empty() {
		return journal.SearchPage{}, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = journal.DefaultPageSize
	}
	offset := max(q.Offset, 0)
	q.Offset, q.Limit = 0, 0
	j.mu.Lock()
	defer j.mu.Unlock()
	var page journal.SearchPage
	for i, id := range j.index.IDs(q) {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return journal.SearchPage{}, err
			}
		}
		e := j.entries[id]
		if !terms.Match(journal.SearchText(e)) {
			continue
		}
		if page.Total >= offset && len(page.Hits) < limit {
			page.Hits = append(page.Hits, journal.NewHit(e, terms))
		}
		page.Total++
	}
	return page, ctx.Err()
}

// Settings implements journal.Repository.
func (j *Journal) Settings() (journal.Settings, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.settings, nil
}

// SaveSettings implements journal.Repository.
func (j *Journal) SaveSettings(s journal.Settings) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.FailWrites != nil {
		return j.FailWrites
	}
	j.settings = s
	return nil
}
