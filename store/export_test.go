package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func exportTexts(t *testing.T, s *Store, q ExportQuery) []string {
	t.Helper()
	var out []string
	if err := s.Export(q, func(e journal.Entry) error {
		out = append(out, e.Text)
		return nil
	}); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return out
}

func TestExport(t *testing.T) {
	s, _ := newStore(t)
	ds, _ := s.Dimensions()
	health, home, purpose := ds[0].ID, ds[1].ID, ds[2].ID
	day := func(d int) time.Time { return time.Date(2025, 1, d, 12, 0, 0, 0, time.UTC) }
	in := []journal.Entry{
		{Kind: journal.KindReflection, Text: "jan 3", When: day(3), Dimensions: []string{health}},
		{Kind: journal.KindHope, Text: "jan 1", When: day(1), Dimensions: []string{home}},
		{Kind: journal.KindReflection, Text: "jan 2", When: day(2), Dimensions: []string{health, home}},
		{Kind: journal.KindReflection, Text: "jan 4", When: day(4)},
		{Kind: journal.KindReflection, Text: "jan 5, trashed", When: day(5), Dimensions: []string{health}},
	}
	var made []journal.Entry
	for _, e := range in {
		made = append(made, mustCreate(t, s, e))
	}
	if err := s.Trash(made[4].ID); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		q    ExportQuery
		want []string
	}{
		{"all, oldest first, no trash", ExportQuery{}, []string{"jan 1", "jan 2", "jan 3", "jan 4"}},
		{"since, included", ExportQuery{Since: day(2)}, []string{"jan 2", "jan 3", "jan 4"}},
		{"until, included", ExportQuery{Until: day(3)}, []string{"jan 1", "jan 2", "jan 3"}},
		{"a range of one instant", ExportQuery{Since: day(2), Until: day(2)}, []string{"jan 2"}},
		{"just after, just before", ExportQuery{Since: day(2).Add(time.Nanosecond), Until: day(4).Add(-time.Nanosecond)}, []string{"jan 3"}},
		{"a dimension", ExportQuery{Dimensions: []string{health}}, []string{"jan 2", "jan 3"}},
		{"any of two", ExportQuery{Dimensions: []string{home, health}}, []string{"jan 1", "jan 2", "jan 3"}},
		{"a dimension with no entries", ExportQuery{Dimensions: []string{purpose}}, nil},
		{"dimension and dates", ExportQuery{Since: day(2), Until: day(2), Dimensions: []string{home}}, []string{"jan 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exportTexts(t, s, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("Export = %q, want %q", got, tt.want)
			}
		})
	}

	// Full records, as Get gives them.
	if err := s.Export(ExportQuery{Since: day(1), Until: day(1)}, func(e journal.Entry) error {
		got, err := s.Get(e.ID) // the journal is not locked while fn runs
		sameJSON(t, "exported entry", e, got)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// An error from fn stops the export and comes back as it is.
	stop := errors.New("stop here")
	n := 0
	err := s.Export(ExportQuery{}, func(journal.Entry) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("Export = %v after %d calls, want the callback's error after 1", err, n)
	}

	s.Close()
	if err := s.Export(ExportQuery{}, func(journal.Entry) error { return nil }); !errors.Is(err, errClosed) {
		t.Errorf("Export after Close: %v", err)
	}
}

func TestExportInBatches(t *testing.T) {
	s, _ := newStore(t)
	const n = 3*exportBatch + 17
	batch := make([]journal.Entry, n)
	for i := range batch {
		// Many at the same moment: those come by id.
		batch[i] = journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprint(i), When: t0.Add(-time.Duration(i/3) * time.Minute)}
	}
	if _, err := s.createBatch(batch); err != nil {
		t.Fatal(err)
	}
	var got []journal.Entry
	var deleted string
	err := s.Export(ExportQuery{}, func(e journal.Entry) error {
		got = append(got, e)
		if len(got) == 1 {
			// Changes while exporting: an entry further on goes to the
			// trash and is emptied out of it; it is left out, not an error.
			page, _ := s.List(journal.Query{Limit: 1})
			deleted = page.Summaries[0].ID
			if err := s.Trash(deleted); err != nil {
				return err
			}
			if _, err := s.EmptyTrash(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n-1 {
		t.Fatalf("exported %d, want %d", len(got), n-1)
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.When.After(b.When) || a.When.Equal(b.When) && a.ID > b.ID {
			t.Fatalf("entry %d (%v %s) comes before %d (%v %s)", i-1, a.When, a.ID, i, b.When, b.ID)
		}
		if b.ID == deleted {
			t.Error("an entry deleted during the export was given")
		}
	}
}
