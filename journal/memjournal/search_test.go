package memjournal

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func TestSearch(t *testing.T) {
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	j := NewWithDefaults(func() time.Time { return now })
	for i, text := range []string{"The Café at noon", "A walk, then cafe", "Nothing here"} {
		if _, err := j.Create(journal.Entry{Kind: journal.KindReflection, Text: text, When: now.Add(-time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := j.Search(context.Background(), "CAFE", journal.Query{})
	if err != nil || page.Total != 2 || len(page.Hits) != 2 || page.Hits[0].Snippet != "The Café at noon" {
		t.Fatalf("Search = %+v, %v", page, err)
	}
	if m := page.Hits[0].Matches; len(m) != 1 || page.Hits[0].Snippet[m[0].Start:m[0].End] != "Café" {
		t.Errorf("matches %v", m)
	}
	page, _ = j.Search(context.Background(), "cafe", journal.Query{Offset: 1, Limit: 1})
	if page.Total != 2 || len(page.Hits) != 1 || page.Hits[0].Snippet != "A walk, then cafe" {
		t.Errorf("second page = %+v", page)
	}
	if page, _ := j.Search(context.Background(), " ", journal.Query{}); page.Total != 0 {
		t.Errorf("empty search found %d", page.Total)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := j.Search(ctx, "cafe", journal.Query{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
