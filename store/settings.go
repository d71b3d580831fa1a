package store

import (
	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// keySettings holds the person's settings (the crisis line) in the meta
// bucket, sealed like every other value, so an encrypted journal hides them.
var keySettings = []byte("prefs")

type settingsRecord struct {
	V        int              `json:"v"`
	Settings journal.Settings `json:"settings"`
}

func (r *settingsRecord) version() int { return r.V }

// Settings implements journal.Repository. A journal that has never saved
// any gives the zero Settings (the default crisis line).
func (s *Store) Settings() (journal.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rec settingsRecord
	var found bool
	// read, not view: damage found at open is in the entries' tree only,
	// and the person's own crisis line must still show on "Need help now?".
	err := s.read("read the settings", func(tx *bolt.Tx) error {
		var err error
		found, err = get(tx, s.seal, bucketMeta, keySettings, &rec)
		return err
	})
	if err != nil || !found {
		return journal.Settings{}, err
	}
	return rec.Settings, nil
}

// SaveSettings implements journal.Repository, in one transaction.
func (s *Store) SaveSettings(set journal.Settings) error {
	set.CrisisLine = journal.RepairText(set.CrisisLine)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.update("keep the settings", func(tx *bolt.Tx) error {
		return put(tx, s.seal, bucketMeta, keySettings, &settingsRecord{V: recordVersion, Settings: set})
	})
}
