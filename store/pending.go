package store

import (
	"context"
	"errors"

	"github.com/waymark-journal/waymark/journal"
)

// TODO(helpers): these are placeholders while search and settings are built.

// Search implements journal.Repository.
func (s *Store) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	return journal.SearchPage{}, errors.New("search is not built yet")
}

// Settings implements journal.Repository.
func (s *Store) Settings() (journal.Settings, error) {
	return journal.Settings{}, errors.New("settings are not built yet")
}

// SaveSettings implements journal.Repository.
func (s *Store) SaveSettings(journal.Settings) error {
	return errors.New("settings are not built yet")
}
