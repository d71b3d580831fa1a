package exchange

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func TestMarkdownDropsBidiOverrides(t *testing.T) {
	when := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	e := journal.Entry{ID: "a", Kind: journal.KindReflection, When: when, Created: when, Updated: when,
		Text: "left\u202eright and \u2066isolated\u2069 and \x1b[2J"}
	var out bytes.Buffer
	if err := ExportMarkdown(&out, []journal.Entry{e}, ExportOptions{Now: when}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\u202e", "\u2066", "\u2069", "\x1b"} {
		if strings.Contains(out.String(), bad) {
			t.Errorf("markdown export kept %q:\n%s", bad, out.String())
		}
	}
	if !strings.Contains(out.String(), "leftright and isolated and [2J") {
		t.Errorf("the words around them should stay:\n%s", out.String())
	}
}
