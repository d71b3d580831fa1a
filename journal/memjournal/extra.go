package memjournal

import (
	"context"
	"errors"

	"github.com/waymark-journal/waymark/journal"
)

// Search implements journal.Repository.
// TODO(search helper): replace with a real search.
func (j *Journal) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	return journal.SearchPage{}, errors.New("search is not built yet")
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
