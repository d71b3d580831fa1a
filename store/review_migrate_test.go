package store

import (
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// oldSummaryRecord is a summary as schema 1 wrote it: no tags, author or
// session (journal.Summary gained those with schema 2).
type oldSummaryRecord struct {
	V       int `json:"v"`
	Summary struct {
		ID         string       `json:"id"`
		Kind       journal.Kind `json:"kind"`
		When       any          `json:"when"`
		Dimensions []string     `json:"dimensions,omitempty"`
		Title      string       `json:"title"`
	} `json:"summary"`
}

func (r *oldSummaryRecord) version() int { return r.V }

func TestMigrationFillsTagsAuthorAndSessionFromEntries(t *testing.T) {
	shipped := migrations
	withMigrations(t) // schema 1, as earlier versions laid it out
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "together",
		Tags: []string{"Hope"}, Author: journal.AuthorTogether, Session: "sess1"})
	err := s.update("write an old summary", func(tx *bolt.Tx) error {
		var rec oldSummaryRecord
		rec.V = recordVersion
		rec.Summary.ID, rec.Summary.Kind, rec.Summary.When, rec.Summary.Title = e.ID, e.Kind, e.When, "together"
		return put(tx, s.seal, bucketSummaries, []byte(e.ID), &rec)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	migrations = shipped
	s = openAt(t, path, c)
	defer s.Close()
	for _, q := range []journal.Query{{Tags: []string{"hope"}}, {Session: "sess1"}} {
		if page, _ := s.List(q); page.Total != 1 {
			t.Errorf("List(%+v) after the migration: %d entries, want 1", q, page.Total)
		}
	}
	if sum, _ := s.index.Get(e.ID); sum.Author != journal.AuthorTogether {
		t.Errorf("Author = %q after the migration, want together", sum.Author)
	}
}

func TestCheckReadsTheSettingsAndTheImportSalt(t *testing.T) {
	for _, key := range [][]byte{keySettings, keyIDSalt} {
		t.Run(string(key), func(t *testing.T) {
			path := journalPath(t)
			s := openAt(t, path, newClock(t0))
			if err := s.Check(); err != nil {
				t.Fatalf("Check of a sound journal: %v", err)
			}
			s.Close()
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(key, []byte{formatPlain, '{', 'x'})
			})
			s = openAt(t, path, newClock(t0))
			defer s.Close()
			if err := s.Check(); !errors.Is(err, journal.ErrDamaged) {
				t.Errorf("Check with a damaged %s record: %v, want ErrDamaged", key, err)

			}
		})
	}
}
