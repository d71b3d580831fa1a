package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func searchIDs(t *testing.T, s *Store, text string, q journal.Query) ([]string, int) {
	t.Helper()
	page, err := s.Search(context.Background(), text, q)
	if err != nil {
		t.Fatalf("Search(%q): %v", text, err)
	}
	var out []string
	for _, h := range page.Hits {
		out = append(out, h.Summary.ID)
	}
	return out, page.Total
}

func TestSearchFindsFoldedWordsNewestFirst(t *testing.T) {
	s, c := newStore(t)
	ds, _ := s.Dimensions()
	a := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "Coffee at the Café with Zoë.", Dimensions: []string{ds[0].ID}})
	c.Add(time.Hour)
	b := mustCreate(t, s, journal.Entry{Kind: journal.KindHope, Text: "Walk by the sea.\nMaybe a cafe after.", Tags: []string{"calm"}})
	c.Add(time.Hour)
	g := mustCreate(t, s, journal.Entry{Kind: journal.KindGoal, Title: "Learn to swim", Goal: &journal.Goal{Status: journal.GoalActive, Steps: []journal.Step{{Text: "Ask about the CAFÉ pool"}}}})

	got, total := searchIDs(t, s, "cafe", journal.Query{})
	if want := []string{g.ID, b.ID, a.ID}; strings.Join(got, ",") != strings.Join(want, ",") || total != 3 {
		t.Fatalf("cafe = %v (%d), want %v", got, total, want)
	}
	if got, _ := searchIDs(t, s, "ZOE coffee", journal.Query{}); len(got) != 1 || got[0] != a.ID {
		t.Errorf("ZOE coffee = %v", got)
	}
	if got, total := searchIDs(t, s, "cafe nowhere", journal.Query{}); len(got) != 0 || total != 0 {
		t.Errorf("cafe nowhere = %v", got)
	}
	// Filters come from the index.
	if got, _ := searchIDs(t, s, "cafe", journal.Query{Kinds: []journal.Kind{journal.KindHope}}); len(got) != 1 || got[0] != b.ID {
		t.Errorf("hopes = %v", got)
	}
	if got, _ := searchIDs(t, s, "cafe", journal.Query{Dimension: ds[0].ID}); len(got) != 1 || got[0] != a.ID {
		t.Errorf("area = %v", got)
	}
	if got, _ := searchIDs(t, s, "cafe", journal.Query{Tags: []string{"CALM"}}); len(got) != 1 || got[0] != b.ID {
		t.Errorf("tag = %v", got)
	}
	if got, _ := searchIDs(t, s, "cafe", journal.Query{Statuses: []journal.GoalStatus{journal.GoalActive}}); len(got) != 1 || got[0] != g.ID {
		t.Errorf("status = %v", got)
	}
	if got, _ := searchIDs(t, s, "cafe", journal.Query{From: t0.Add(30 * time.Minute), To: t0.Add(90 * time.Minute)}); len(got) != 1 || got[0] != b.ID {
		t.Errorf("dates = %v", got)
	}
	// Paging.
	if got, total := searchIDs(t, s, "cafe", journal.Query{Offset: 1, Limit: 1}); len(got) != 1 || got[0] != b.ID || total != 3 {
		t.Errorf("page = %v (%d)", got, total)
	}
	if got, total := searchIDs(t, s, "cafe", journal.Query{Offset: 5}); len(got) != 0 || total != 3 {
		t.Errorf("past the end = %v (%d)", got, total)
	}
	// Snippets come from the text where it matches, with the matches marked.
	page, _ := s.Search(context.Background(), "cafe", journal.Query{})
	h := page.Hits[1]
	if h.Snippet != "Maybe a cafe after." || len(h.Matches) != 1 || h.Snippet[h.Matches[0].Start:h.Matches[0].End] != "cafe" {
		t.Errorf("hit = %+v", h)
	}
	if h := page.Hits[0]; h.Snippet != "Ask about the CAFÉ pool" || h.Snippet[h.Matches[0].Start:h.Matches[0].End] != "CAFÉ" {
		t.Errorf("goal hit = %+v", h)
	}
	// Phrases are checked in the entries: the cache keeps words, not order.
	if got, total := searchIDs(t, s, `"the cafe"`, journal.Query{}); strings.Join(got, ",") != g.ID+","+a.ID || total != 2 {
		t.Errorf("phrase = %v (%d)", got, total)
	}
	if got, _ := searchIDs(t, s, `"cafe the"`, journal.Query{}); len(got) != 0 {
		t.Errorf("phrase in the wrong order = %v", got)
	}
	// An empty search finds nothing.
	if page, err := s.Search(context.Background(), "  ", journal.Query{}); err != nil || page.Total != 0 {
		t.Errorf("empty = %+v, %v", page, err)
	}
}

func TestSearchFollowsWrites(t *testing.T) {
	s, _ := newStore(t)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "The garden was quiet."})
	if got, _ := searchIDs(t, s, "garden", journal.Query{}); len(got) != 1 {
		t.Fatalf("before = %v", got)
	}
	// Written after the cache was built.
	f := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "A new garden bed."})
	e.Text = "The allotment was quiet."
	if _, err := s.Update(e); err != nil {
		t.Fatal(err)
	}
	if got, _ := searchIDs(t, s, "garden", journal.Query{}); len(got) != 1 || got[0] != f.ID {
		t.Errorf("after update = %v", got)
	}
	if got, _ := searchIDs(t, s, "allotment", journal.Query{}); len(got) != 1 || got[0] != e.ID {
		t.Errorf("allotment = %v", got)
	}
	// Trash: found only when searching the trash.
	if err := s.Trash(f.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := searchIDs(t, s, "garden", journal.Query{}); len(got) != 0 {
		t.Errorf("trashed = %v", got)
	}
	if got, _ := searchIDs(t, s, "garden", journal.Query{Trash: true}); len(got) != 1 {
		t.Errorf("in trash = %v", got)
	}
	if err := s.Restore(f.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := searchIDs(t, s, "garden", journal.Query{}); len(got) != 1 {
		t.Errorf("restored = %v", got)
	}
	if err := s.Trash(f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EmptyTrash(); err != nil {
		t.Fatal(err)
	}
	if got, _ := searchIDs(t, s, "garden", journal.Query{Trash: true}); len(got) != 0 {
		t.Errorf("emptied = %v", got)
	}
	s.search.mu.RLock()
	_, kept := s.search.docs[f.ID]
	s.search.mu.RUnlock()
	if kept {
		t.Error("words of an entry deleted for good are still kept")
	}
	// Import rebuilds.
	if _, err := s.Import([]journal.Entry{{ID: "x1", Kind: journal.KindReflection, Text: "Imported garden notes.", Updated: t0}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := searchIDs(t, s, "imported garden", journal.Query{}); len(got) != 1 {
		t.Errorf("imported = %v", got)
	}
}

func TestSearchEncryptedAndReopened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.db")
	opts := Options{Now: newClock(t0).Now, Passphrase: []byte("pass"), KDF: &FastKDF}
	s, err := Create(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := Fill(s, 3000, 5); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "Ünïque wörds here."})
	want, _ := searchIDs(t, s, "walked park", journal.Query{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(context.Background(), "park", journal.Query{}); err == nil {
		t.Error("search after close worked")
	}
	s, err = Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, total := searchIDs(t, s, "walked park", journal.Query{Limit: 1000})
	if total == 0 || strings.Join(got[:len(want)], ",") != strings.Join(want, ",") {
		t.Errorf("after reopening: %d found, first page differs", total)
	}
	if got, _ := searchIDs(t, s, "unique words", journal.Query{}); len(got) != 1 {
		t.Errorf("unique words = %v", got)
	}
	// Every hit really holds the words, and the count matches a plain scan.
	n := 0
	all, _ := s.List(journal.Query{Limit: 1 << 20})
	terms := journal.ParseSearch("walked park")
	for _, sum := range all.Summaries {
		e, _ := s.Get(sum.ID)
		if terms.Match(journal.SearchText(e)) {
			n++
		}
	}
	if n != total {
		t.Errorf("total %d, a plain scan finds %d", total, n)
	}
}

func TestSearchCancelled(t *testing.T) {
	s, _ := newStore(t)
	if err := Fill(s, 500, 2); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, "park", journal.Query{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v", err)
	}
	// The build goes on without the cancelled search.
	if got, _ := searchIDs(t, s, "park", journal.Query{}); len(got) == 0 {
		t.Error("nothing found after a cancelled search")
	}
}

func TestSearchWritesWhileBuilding(t *testing.T) {
	s, _ := newStore(t)
	if err := Fill(s, 20000, 3); err != nil {
		t.Fatal(err)
	}
	s.WarmSearch()
	var made []journal.Entry
	for i := range 20 {
		made = append(made, mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprintf("zebra number %d", i)}))
	}
	upd := made[0]
	upd.Text = "no longer striped"
	if _, err := s.Update(upd); err != nil {
		t.Fatal(err)
	}
	if _, total := searchIDs(t, s, "zebra", journal.Query{}); total != 19 {
		t.Errorf("zebra = %d, want 19", total)
	}
	if _, total := searchIDs(t, s, "striped", journal.Query{}); total != 1 {
		t.Errorf("striped = %d, want 1", total)
	}
}

func TestSearchCloseWhileBuilding(t *testing.T) {
	s, _ := newStore(t)
	if err := Fill(s, 20000, 4); err != nil {
		t.Fatal(err)
	}
	s.WarmSearch()
	done := make(chan error, 1)
	go func() {
		_, err := s.Search(context.Background(), "park", journal.Query{})
		done <- err
	}()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done: // found, or closed: either way it returned
	case <-time.After(5 * time.Second):
		t.Fatal("a search waiting on a closed journal never returned")
	}
}
