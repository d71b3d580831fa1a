package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/sample"
)

// viaJSON is what a summary reads back as from the JSON form.
func viaJSON(t *testing.T, s journal.Summary) journal.Summary {
	t.Helper()
	b, err := encode(&summaryRecord{V: recordVersion, Summary: s})
	if err != nil {
		t.Fatal(err)
	}
	var rec summaryRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Summary
}

func TestBinarySummaryReadsAsJSONDoes(t *testing.T) {
	east := time.FixedZone("", 5*3600+30*60)
	west := time.FixedZone("X", -7*3600)
	sums := []journal.Summary{
		{ID: "a", Kind: journal.KindReflection, When: t0, Title: "A calm week"},
		{ID: "b", Kind: journal.KindGoal, When: t0.In(east), Title: "Swim", Status: journal.GoalActive,
			Revisit: t0.Add(48 * time.Hour).In(west), StepsDone: 1, StepsTotal: 3,
			Dimensions: []string{"d1", "d2"}, Tags: []string{"hope", "Meaning"}},
		{ID: "c", Kind: journal.KindCheckIn, When: t0.Add(time.Nanosecond * 123).Local(), Title: "",
			Ratings: map[string]int{"d1": 0, "d2": 10}, Author: journal.AuthorTogether, Session: "s1",
			Trashed: t0.Add(time.Hour)},
		{ID: "d", Kind: "someday-kind", When: time.Time{}, Title: "ünïcødé ✓ \x00 line"},
		{ID: "e", Kind: journal.KindHope, When: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Title: "far back"},
		{ID: "f", Kind: journal.KindHope, When: time.Date(9999, 12, 31, 23, 59, 59, 999999999, west), Title: "far on"},
	}
	for _, cs := range []sealer{plainSealer{}, testSealer(t)} {
		for _, s := range sums {
			want := viaJSON(t, s)
			want.ID = s.ID
			sealed, err := cs.seal(bucketSummaries, []byte(s.ID), encodeSummary(s))
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeSummary(cs, []byte(s.ID), sealed)
			if err != nil {
				t.Fatalf("%s: %v", s.ID, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %#v\nwant %#v", s.ID, got, want)
			}
			if !got.When.Equal(s.When) {
				t.Errorf("%s: When %v, want %v", s.ID, got.When, s.When)
			}
		}
	}
}

func TestBadBinarySummaryIsDamage(t *testing.T) {
	good := encodeSummary(journal.Summary{ID: "a", Kind: journal.KindGoal, When: t0, Title: "Swim", Status: journal.GoalActive,
		Dimensions: []string{"d1"}, Ratings: map[string]int{"d1": 3}})
	for n := 1; n < len(good); n++ {
		sealed, _ := plainSealer{}.seal(bucketSummaries, []byte("a"), good[:n])
		if _, err := decodeSummary(plainSealer{}, []byte("a"), sealed); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("cut at %d: %v, want ErrDamaged", n, err)
		}
	}
	long := append(append([]byte(nil), good...), 0)
	sealed, _ := plainSealer{}.seal(bucketSummaries, []byte("a"), long)
	if _, err := decodeSummary(plainSealer{}, []byte("a"), sealed); !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("a byte too many: %v, want ErrDamaged", err)
	}
}

// writeJSONSummaries rewrites every summary of an open store as JSON, as
// Waymark wrote them before schema 2.
func writeJSONSummaries(t *testing.T, s *Store) {
	t.Helper()
	err := s.update("write old summaries", func(tx *bolt.Tx) error {
		for _, sum := range s.index.All() {
			if err := put(tx, s.seal, bucketSummaries, []byte(sum.ID), &summaryRecord{V: recordVersion, Summary: sum}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOldJournalIsMigratedAndKeepsEverything(t *testing.T) {
	for _, encrypted := range []bool{false, true} {
		name := "plain"
		if encrypted {
			name = "encrypted"
		}
		t.Run(name, func(t *testing.T) {
			shipped := migrations
			withMigrations(t) // lay the file out at schema 1, as earlier versions did
			c := newClock(t0)
			path := journalPath(t)
			opts := Options{Now: c.Now, Timeout: 200 * time.Millisecond}
			if encrypted {
				opts = encOpts(c, testPass)
			}
			s, err := Create(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			ds, _ := s.Begin(journal.DefaultStartingSet())
			if _, err := s.createBatch(sample.Entries(300, ds, sample.Options{Seed: 3, End: t0})); err != nil {
				t.Fatal(err)
			}
			writeJSONSummaries(t, s)
			before := s.index.All()
			counts, _ := s.Counts()
			s.Close()
			raw(t, path, func(tx *bolt.Tx) error {
				if v := string(tx.Bucket(bucketMeta).Get(keySchema)); v != "1" {
					t.Errorf("schema = %q before, want 1", v)
				}
				return nil
			})

			// The old journal still opens with no migration to run...
			s, err = Open(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.index.All(); !reflect.DeepEqual(got, before) {
				t.Errorf("JSON summaries read back differently")
			}
			s.Close()

			// ...and is migrated by this version, after a backup.
			migrations = shipped
			c.Add(time.Hour)
			s, err = Open(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.index.All(); !reflect.DeepEqual(got, before) {
				t.Errorf("migrated summaries read back differently")
			}
			if got, _ := s.Counts(); !reflect.DeepEqual(got, counts) {
				t.Errorf("Counts = %+v, want %+v", got, counts)
			}
			for _, sum := range before[:20] {
				if e, err := s.Get(sum.ID); err != nil || e.Summary().Title != sum.Title {
					t.Errorf("Get(%s) = %q, %v", sum.ID, e.Title, err)
				}
			}
			// Every summary is binary now.
			binary := 0
			err = s.view("look", func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSummaries).ForEach(func(k, v []byte) error {
					plain, err := s.seal.open(bucketSummaries, k, v)
					if err != nil {
						return err
					}
					if len(plain) > 0 && plain[0] == summaryFormat {
						binary++
					}
					return nil
				})
			})
			if err != nil || binary != len(before) {
				t.Errorf("%d of %d summaries binary (%v)", binary, len(before), err)
			}
			s.Close()
			if v := schemaOf(t, path); v != "2" {
				t.Errorf("schema = %q after, want 2", v)
			}
			backups, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "upgrade-v1-*.db"))
			if len(backups) != 1 {
				t.Errorf("upgrade backups = %v, want one", backups)
			} else if v := schemaOf(t, backups[0]); v != "1" {
				t.Errorf("the backup has schema %q, want 1", v)
			}
			if s, err = Open(path, opts); err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Check(); err != nil {
				t.Errorf("Check after the migration: %v", err)
			}
		})
	}
}
