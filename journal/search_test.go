package journal

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain words", "plain words"},
		{"Hello World", "hello world"},
		{"Café", "cafe"},
		{"CAFÉ", "cafe"},
		{"Cafe\u0301", "cafe"}, // decomposed already
		{"Straße", "strasse"},
		{"ẞ", "ss"},
		{"Æsop Œuvre", "aesop oeuvre"},
		{"Øresund Łódź", "oresund lodz"},
		{"naïve résumé", "naive resume"},
		{"ﬁne", "fine"},    // a ligature
		{"ＡＢＣ", "abc"},     // full width
		{"don’t", "don't"}, // a curly apostrophe
		{"ΣΟΦΊΑ σοφίας", "σοφια σοφιασ"},
		{"日本語", "日本語"},
		{"\xff", "\uFFFD"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSearch(t *testing.T) {
	tests := []struct {
		in   string
		want SearchTerms
	}{
		{"", nil},
		{"   ", nil},
		{"walk", SearchTerms{"walk"}},
		{"Walk  PARK walk", SearchTerms{"walk", "park"}},
		{`"a  quiet Morning" café`, SearchTerms{"a quiet morning", "cafe"}},
		{`open "quote`, SearchTerms{"open", "quote"}},
		{`""`, nil},
		{`x"y"`, SearchTerms{"x", "y"}},
	}
	for _, tt := range tests {
		got := ParseSearch(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("ParseSearch(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := len(ParseSearch(strings.Repeat("a b c d e f g h i j k l m n o p q r s t ", 2))); n != MaxSearchTerms {
		t.Errorf("terms kept = %d, want %d", n, MaxSearchTerms)
	}
}

func TestMatch(t *testing.T) {
	text := "Walked to the Café with Zoë.\nFelt lighter afterwards."
	tests := []struct {
		q    string
		want bool
	}{
		{"cafe", true},
		{"ZOE walk", true},
		{"lighter walked", true},
		{"walk swim", false},
		{`"the cafe"`, true},
		{`"cafe the"`, false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ParseSearch(tt.q).Match(text); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestMatchSpans(t *testing.T) {
	text := "Café, cafe, CAFÉ and Straße"
	got := MatchSpans(text, ParseSearch("cafe strasse"))
	var parts []string
	for _, sp := range got {
		parts = append(parts, text[sp.Start:sp.End])
	}
	if want := "Café|cafe|CAFÉ|Straße"; strings.Join(parts, "|") != want {
		t.Errorf("matched %q, want %q", strings.Join(parts, "|"), want)
	}
	// A mark after the match belongs to it.
	d := "cafe\u0301!"
	if sp := MatchSpans(d, ParseSearch("cafe")); len(sp) != 1 || d[sp[0].Start:sp[0].End] != "cafe\u0301" {
		t.Errorf("decomposed: %v", sp)
	}
	// Overlapping terms are merged.
	if sp := MatchSpans("parkland", ParseSearch("park rkla")); len(sp) != 1 || sp[0] != (Span{0, 6}) {
		t.Errorf("merged: %v", sp)
	}
	// Half of ß is still all of ß.
	if sp := MatchSpans("aßb", ParseSearch("sb")); len(sp) != 1 || sp[0] != (Span{1, 4}) {
		t.Errorf("ß: %v", sp)
	}
}

func TestSnippet(t *testing.T) {
	terms := ParseSearch("garden")
	text := "A title\n\nFirst line.\nWe planted the Garden today, and the garden grew."
	snip, spans := Snippet(text, terms, 0)
	if snip != "We planted the Garden today, and the garden grew." {
		t.Fatalf("snippet %q", snip)
	}
	if len(spans) != 2 || snip[spans[0].Start:spans[0].End] != "Garden" || snip[spans[1].Start:spans[1].End] != "garden" {
		t.Fatalf("spans %v", spans)
	}

	long := strings.Repeat("word ", 60) + "the park at last " + strings.Repeat("more ", 60)
	snip, spans = Snippet(long, ParseSearch("park"), 40)
	if !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") {
		t.Errorf("long snippet not cut both sides: %q", snip)
	}
	if n := utf8.RuneCountInString(snip); n > 42 {
		t.Errorf("long snippet has %d runes", n)
	}
	if len(spans) != 1 || snip[spans[0].Start:spans[0].End] != "park" {
		t.Errorf("long snippet spans %v in %q", spans, snip)
	}

	snip, spans = Snippet("\n\n  Only words  \nmore", ParseSearch("absent"), 0)
	if snip != "Only words" || spans != nil {
		t.Errorf("no match: %q %v", snip, spans)
	}
}

func TestSearchText(t *testing.T) {
	v := 3
	e := Entry{Title: "Run", Text: "body", Tags: []string{"calm", "sea"},
		Goal:        &Goal{Why: "why", Steps: []Step{{Text: "step"}}, Strengths: []string{"str"}, Supports: []string{"sup"}, Notes: []ProgressNote{{Text: "note"}}},
		CheckIn:     &CheckIn{Answers: []Answer{{Value: &v, Word: "word", Note: "cnote"}}},
		SessionNote: &SessionNote{NextSteps: []string{"next"}}}
	if got, want := SearchText(e), "Run\nbody\ncalm sea\nwhy\nstep\nstr\nsup\nnote\nword\ncnote\nnext"; got != want {
		t.Errorf("SearchText = %q, want %q", got, want)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Café", "Straße", "e\u0301\u0301x", "\xff\xfe", "ǅ İ ﬃ", "ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", s, got)
		}
		folded, starts, ends := fold(s, 0, true)
		if folded != got {
			t.Fatalf("fold with map %q != Fold %q", folded, got)
		}
		if len(starts) != len(folded) || len(ends) != len(folded) {
			t.Fatalf("map lengths %d %d for %d bytes", len(starts), len(ends), len(folded))
		}
		for i := range starts {
			if starts[i] < 0 || ends[i] > len(s) || starts[i] >= ends[i] {
				t.Fatalf("byte %d maps to [%d,%d) of %d", i, starts[i], ends[i], len(s))
			}
			if i > 0 && starts[i] < starts[i-1] {
				t.Fatalf("map goes back at %d", i)
			}
		}
	})
}

func FuzzSnippet(f *testing.F) {
	f.Add("We planted the Garden today", "garden", 0)
	f.Add("Café\nStraße ß", "ss cafe", 5)
	f.Add(strings.Repeat("é", 300)+" park", "park \"e e\"", 20)
	f.Add("\xffa\xff", "a", 1)
	f.Fuzz(func(t *testing.T, text, query string, width int) {
		width %= 500
		terms := ParseSearch(query)
		snip, spans := Snippet(text, terms, width)
		last := 0
		for _, sp := range spans {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(snip) {
				t.Fatalf("span %v out of order or outside %q (%v)", sp, snip, spans)
			}
			if utf8.ValidString(snip) && (!utf8.RuneStart(snip[sp.Start]) || sp.End < len(snip) && !utf8.RuneStart(snip[sp.End])) {
				t.Fatalf("span %v splits a rune in %q", sp, snip)
			}
			last = sp.End
		}
		for _, sp := range MatchSpans(text, terms) {
			if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
				t.Fatalf("match span %v outside text", sp)
			}
		}
	})
}

func TestFoldWords(t *testing.T) {
	seen := map[string]struct{}{}
	if got := FoldWords("The garden, the GARDEN and the Café\n\tgarden", seen); got != "the garden, garden and cafe" {
		t.Errorf("FoldWords = %q", got)
	}
	if got := FoldWords("", seen); got != "" {
		t.Errorf("FoldWords empty = %q", got)
	}
	words, phrases := ParseSearch(`walk "the park" park`).Words()
	if strings.Join(words, "|") != "walk|the|park" || !phrases {
		t.Errorf("Words = %q, %v", words, phrases)
	}
}
