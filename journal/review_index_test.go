package journal

import (
	"testing"
	"time"
)

func TestIndexReturnsTagsTheCallerMayChange(t *testing.T) {
	ix := NewIndex([]Summary{{ID: "a", Kind: KindReflection, When: time.Unix(100, 0), Tags: []string{"hope"}}})
	page := ix.List(Query{})
	page.Summaries[0].Tags[0] = "changed"
	got, _ := ix.Get("a")
	got.Tags[0] = "changed too"
	for _, s := range ix.All() {
		s.Tags[0] = "and again"
	}
	if page := ix.List(Query{Tags: []string{"hope"}}); page.Total != 1 || page.Summaries[0].Tags[0] != "hope" {
		t.Errorf("the index's tags were changed through a summary it returned: %+v", page)
	}
}

func TestPhraseMatchesAcrossALineBreak(t *testing.T) {
	terms := ParseSearch(`"walked to the park"`)
	for _, text := range []string{"I walked to\nthe park today", "I walked  to the\r\npark", "walked to the park"} {
		if !terms.Match(text) {
			t.Errorf("%q does not match %q", text, terms)
		}
	}
	if terms.Match("walked to a park") {
		t.Error("a different phrase matched")
	}
}
