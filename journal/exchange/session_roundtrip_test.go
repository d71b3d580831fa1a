package exchange

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// A session's summary and the entries written in it come back from a
// Waymark export whole: who wrote them, the session, its times, next steps
// and links.
func TestWaymarkRoundTripKeepsSessions(t *testing.T) {
	at := time.Date(2026, 5, 1, 14, 2, 0, 0, time.UTC)
	entries := []journal.Entry{
		{ID: "r1", Kind: journal.KindReflection, When: at, Created: at, Updated: at, Text: "We talked about the move.",
			Author: journal.AuthorTogether, Session: "s1"},
		{ID: "s1sum", Kind: journal.KindSession, When: at.Add(time.Hour), Created: at.Add(time.Hour), Updated: at.Add(time.Hour),
			Text: "Moving, and what helps.", Author: journal.AuthorTogether, Session: "s1",
			SessionNote: &journal.SessionNote{Started: at, Ended: at.Add(time.Hour), NextSteps: []string{"Call the housing office"}, Entries: []string{"r1"}}},
	}
	var buf bytes.Buffer
	if err := ExportJSON(&buf, entries, ExportOptions{Now: at}); err != nil {
		t.Fatal(err)
	}
	imp := importBytesT(t, buf.Bytes(), FormatWaymark, ImportOptions{File: "export.json"})
	if len(imp.Skipped) != 0 {
		t.Fatalf("skipped %v", imp.Skipped)
	}
	if len(imp.Entries) != 2 {
		t.Fatalf("imported %d entries, want 2", len(imp.Entries))
	}
	got := imp.Entries[1]
	if got.Kind != journal.KindSession || got.Author != journal.AuthorTogether || got.Session != "s1" || got.SessionNote == nil {
		t.Fatalf("session summary came back as %+v", got)
	}
	if !reflect.DeepEqual(got.SessionNote.NextSteps, []string{"Call the housing office"}) ||
		!reflect.DeepEqual(got.SessionNote.Entries, []string{"r1"}) || !got.SessionNote.Started.Equal(at) {
		t.Errorf("session note came back as %+v", *got.SessionNote)
	}
	if r := imp.Entries[0]; r.Author != journal.AuthorTogether || r.Session != "s1" {
		t.Errorf("the session's reflection came back as %+v", r)
	}
}
