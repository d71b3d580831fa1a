package exchange

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// sessionSample is one session together: a check-in with a supporter's
// reading, a reflection written together, a note by the supporter and the
// summary the person confirmed; and an entry of another session.
func sessionSample() (journal.Dimensions, []journal.Entry) {
	dims := journal.Dimensions{
		{ID: "dhealth", Name: "Health", Colour: "teal", Order: 0},
		{ID: "dhome", Name: "Home", Colour: "blue", Order: 1},
	}
	at := func(h, m int) time.Time { return time.Date(2026, time.November, 23, h, m, 0, 0, time.UTC) }
	four, six, seven := 4, 6, 7
	entries := []journal.Entry{
		{ID: "summary", Kind: journal.KindSession, When: at(15, 10), Author: journal.AuthorTogether, Session: "s1",
			Text: "We talked about the move and what helps on hard days.",
			SessionNote: &journal.SessionNote{Started: at(14, 2), Ended: at(15, 10),
				NextSteps: []string{"Call the housing office on Monday", "Walk by the river | Sunday"},
				Entries:   []string{"ci", "refl", "sup"}}},
		{ID: "refl", Kind: journal.KindReflection, When: at(14, 30), Author: journal.AuthorTogether, Session: "s1",
			Dimensions: []string{"dhome"}, Text: "Packing one box a day feels possible.\x1b[31m"},
		{ID: "other", Kind: journal.KindReflection, When: at(14, 40), Session: "s2", Text: "Another session's words."},
		{ID: "sup", Kind: journal.KindReflection, When: at(14, 50), Author: journal.AuthorSupporter, Session: "s1",
			Text: "Noticed how clearly the plan was laid out."},
		{ID: "ci", Kind: journal.KindCheckIn, When: at(14, 5), Author: journal.AuthorTogether, Session: "s1",
			Dimensions: []string{"dhealth", "dhome"},
			CheckIn: &journal.CheckIn{Answers: []journal.Answer{
				{Dimension: "dhealth", Value: &four, Word: "tired", By: journal.AuthorMe},
				{Dimension: "dhealth", Value: &six, By: journal.AuthorSupporter},
				{Dimension: "dhome", Value: &seven, By: journal.AuthorMe},
			}}},
	}
	return dims, entries
}

func TestSessionMarkdownGolden(t *testing.T) {
	dims, entries := sessionSample()
	var buf bytes.Buffer
	now := time.Date(2026, time.November, 23, 16, 0, 0, 0, time.UTC)
	if err := ExportSessionMarkdown(&buf, entries, ExportOptions{Dimensions: dims, Now: now}); err != nil {
		t.Fatal(err)
	}
	golden(t, "session.md.golden", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		"# A session together\n",
		"## What we talked about\n\nWe talked about the move",
		"## Next steps\n\n- Call the housing office on Monday\n- Walk by the river | Sunday\n",
		"| Health | 4 | tired |\n| Health (supporter) | 6 |  |\n",
		"Written together with a supporter",
		"Written by a supporter",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the session's Markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Another session's words") {
		t.Error("another session's entry was exported with this one")
	}
	if strings.Contains(out, "\x1b") {
		t.Error("a control character reached the Markdown")
	}
	// The entries follow in the order they were written.
	if i, j, k := strings.Index(out, "· Check-in"), strings.Index(out, "Packing one box"), strings.Index(out, "Noticed how"); !(i < j && j < k) {
		t.Errorf("entries out of order (%d, %d, %d):\n%s", i, j, k, out)
	}
}

func TestSessionMarkdownWithoutSummary(t *testing.T) {
	dims, entries := sessionSample()
	var buf bytes.Buffer
	if err := ExportSessionMarkdown(&buf, entries[1:2], ExportOptions{Dimensions: dims}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"This session ended without a summary.", "1 entry.", "Packing one box"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}
