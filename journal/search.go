package journal

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Search in Waymark ignores case and accents: "cafe" finds "Café", "STRASSE"
// finds "Straße". Text is folded (compatibility-decomposed, marks dropped,
// case folded, a few letters spelled out) and compared folded. What a person
// typed is split into terms; an entry matches when every term occurs in it,
// in any order. A term is a word, or a "quoted phrase".

// MaxSearchTerms bounds how many terms one search looks for.
const MaxSearchTerms = 16

// SearchTerms are the folded terms of a search, each to be found.
type SearchTerms []string

// ParseSearch splits what a person typed into folded terms: words, and
// phrases in double quotes (an unclosed quote runs to the end). Repeated
// terms are kept once.
func ParseSearch(text string) SearchTerms {
	var terms SearchTerms
	add := func(t string) {
		t = strings.Join(strings.Fields(Fold(t)), " ")
		if t != "" && !slices.Contains(terms, t) && len(terms) < MaxSearchTerms {
			terms = append(terms, t)
		}
	}
	for text != "" {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		if text == "" {
			break
		}
		if text[0] == '"' {
			end := strings.IndexByte(text[1:], '"')
			if end < 0 {
				add(text[1:])
				break
			}
			add(text[1 : 1+end])
			text = text[end+2:]
			continue
		}
		end := strings.IndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(text)
		}
		add(text[:end])
		text = text[end:]
	}
	return terms
}

// Empty reports whether there is nothing to look for.
func (t SearchTerms) Empty() bool { return len(t) == 0 }

// MatchFolded reports whether folded text (made by Fold) holds every term.
// Empty terms match nothing.
func (t SearchTerms) MatchFolded(folded string) bool {
	if len(t) == 0 {
		return false
	}
	for _, term := range t {
		if !strings.Contains(folded, term) {
			return false
		}
	}
	return true
}

// Match reports whether text holds every term, ignoring case and accents. A
// phrase's words may be parted by any run of spaces or line breaks, as a
// paragraph wrapped by an editor has them (terms hold single spaces).
func (t SearchTerms) Match(text string) bool {
	folded := Fold(text)
	for _, term := range t {
		if strings.Contains(term, " ") {
			folded = strings.Join(strings.Fields(folded), " ")
			break
		}
	}
	return t.MatchFolded(folded)
}

// SearchText is all of an entry's own words that search looks through: its
// title, text, tags, a goal's why, steps, strengths, supports and notes, a
// check-in's words and notes and a session's next steps, one to a line.
func SearchText(e Entry) string {
	parts := make([]string, 0, 4)
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	add(e.Title)
	add(e.Text)
	if len(e.Tags) > 0 {
		add(strings.Join(e.Tags, " "))
	}
	if g := e.Goal; g != nil {
		add(g.Why)
		for _, st := range g.Steps {
			add(st.Text)
		}
		for _, s := range g.Strengths {
			add(s)
		}
		for _, s := range g.Supports {
			add(s)
		}
		for _, n := range g.Notes {
			add(n.Text)
		}
	}
	if c := e.CheckIn; c != nil {
		for _, a := range c.Answers {
			add(a.Word)
			add(a.Note)
		}
	}
	if n := e.SessionNote; n != nil {
		for _, s := range n.NextSteps {
			add(s)
		}
	}
	if len(parts) == 1 {
		return parts[0] // no copy: most entries are their text alone
	}
	return strings.Join(parts, "\n")
}

// Fold is text as search compares it: compatibility-decomposed, without
// combining marks, case folded, with ß as ss, æ as ae, ø as o and curly
// apostrophes straight. Text of plain ASCII takes a fast path.
func Fold(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s
	}
	f, _, _ := fold(s, i, false)
	return f
}

// fold folds s, whose first `clean` bytes are lower-case ASCII already. With
// mapped set it also returns, for each byte of the result, where the rune it
// came from starts and ends in s (an end reaches over any marks dropped
// after that rune, so a match never splits a letter from its accent).
func fold(s string, clean int, mapped bool) (string, []int, []int) {
	b := make([]byte, clean, len(s)+8)
	copy(b, s[:clean])
	var starts, ends []int
	if mapped {
		starts, ends = make([]int, clean, len(s)+8), make([]int, clean, len(s)+8)
		for i := range clean {
			starts[i], ends[i] = i, i+1
		}
	}
	for i := clean; i < len(s); {
		c := s[i]
		size := 1
		n := len(b)
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			b = appendFoldedRune(b, r, s[i:i+size])
		}
		if mapped {
			if len(b) == n && n > 0 {
				ends[n-1] = i + size // a dropped mark belongs to the letter before it
			}
			for range len(b) - n {
				starts, ends = append(starts, i), append(ends, i+size)
			}
		}
		i += size
	}
	return string(b), starts, ends
}

// appendFoldedRune appends the folded form of r (encoded as src in the text).
func appendFoldedRune(b []byte, r rune, src string) []byte {
	if r == utf8.RuneError && len(src) == 1 {
		return utf8.AppendRune(b, utf8.RuneError)
	}
	if sp, ok := spelled(r); ok {
		return append(b, sp...)
	}
	if d := norm.NFKD.PropertiesString(src).Decomposition(); len(d) > 0 {
		for len(d) > 0 {
			dr, n := utf8.DecodeRune(d)
			b = appendSimpleFold(b, dr)
			d = d[n:]
		}
		return b
	}
	return appendSimpleFold(b, r)
}

// appendSimpleFold appends r case folded, or nothing for a combining mark.
func appendSimpleFold(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if unicode.Is(unicode.Mn, r) {
		return b
	}
	r = unicode.ToLower(unicode.ToUpper(r)) // ſ → s, ς → σ
	if sp, ok := spelled(r); ok {
		return append(b, sp...)
	}
	return utf8.AppendRune(b, r)
}

// spelled is how letters that do not decompose are searched for.
func spelled(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'đ', 'Đ':
		return "d", true
	case 'ı':
		return "i", true
	case '\u2018', '\u2019', '\u02bc':
		return "'", true
	case '\u201c', '\u201d':
		return "\"", true
	}
	return "", false
}

// FoldWords is text folded (as Fold) with each distinct word kept once, in
// the order first written, one space between: a term without spaces occurs
// in it exactly when it occurs in Fold(text), in about half the room for a
// long entry. seen is scratch space the caller may reuse (it is cleared).
func FoldWords(text string, seen map[string]struct{}) string {
	folded := Fold(text)
	clear(seen)
	var b strings.Builder
	b.Grow(len(folded) / 2)
	for w := range strings.FieldsSeq(folded) {
		if _, dup := seen[w]; dup {
			continue
		}
		seen[w] = struct{}{}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return strings.Clone(b.String()) // exactly its size
}

// Words splits the terms into single words: a phrase becomes its words.
// Text that holds every phrase holds every word; the converse needs a check.
func (t SearchTerms) Words() (words SearchTerms, phrases bool) {
	for _, term := range t {
		if strings.Contains(term, " ") {
			phrases = true
		}
		for w := range strings.FieldsSeq(term) {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	return words, phrases
}

// MatchSpans returns the byte ranges of text (not folded) where any of the
// terms occurs, sorted and merged where they touch. Every range starts and
// ends on a rune boundary.
func MatchSpans(text string, terms SearchTerms) []Span {
	if len(terms) == 0 || text == "" {
		return nil
	}
	folded, starts, ends := fold(text, 0, true)
	var spans []Span
	for _, term := range terms {
		for from := 0; from < len(folded); {
			i := strings.Index(folded[from:], term)
			if i < 0 {
				break
			}
			i += from
			spans = append(spans, Span{Start: starts[i], End: ends[i+len(term)-1]})
			from = i + len(term)
		}
	}
	return mergeSpans(spans)
}

func mergeSpans(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.Start <= last.End {
			last.End = max(last.End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// foldedHasAny reports whether folded text holds any of the terms.
func foldedHasAny(folded string, terms SearchTerms) bool {
	for _, t := range terms {
		if strings.Contains(folded, t) {
			return true
		}
	}
	return false
}

// SnippetRunes is how long a snippet is at most, in runes, ellipses aside.
const SnippetRunes = 100

// Snippet is one line of text around the first place a term occurs, cut to
// about width runes (SnippetRunes when width is 0 or less) with "…" where
// it was cut, and the byte ranges of every match of every term within it.
// With no match it is the text's first line with words.
func Snippet(text string, terms SearchTerms, width int) (string, []Span) {
	if width <= 0 {
		width = SnippetRunes
	}
	// The first line holding a term: lines are folded one at a time, and
	// only that one is mapped back to the text, so a long entry costs
	// little more than a short one.
	var line string
	rel, found := 0, false
	for rest := text; ; {
		l := rest
		i := strings.IndexByte(rest, '\n')
		if i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		}
		if foldedHasAny(Fold(l), terms) {
			if spans := MatchSpans(l, terms); len(spans) > 0 {
				line, rel, found = l, spans[0].Start, true
				break
			}
		}
		if i < 0 {
			break
		}
	}
	if !found {
		for _, l := range strings.Split(text, "\n") {
			if strings.TrimSpace(l) != "" {
				line = l
				break
			}
		}
	}
	if utf8.RuneCountInString(line) > width {
		// Start a quarter of the width before the match, then take width runes.
		from := rel
		for n := 0; n < width/4 && from > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(line[:from])
			from -= size
		}
		to := from
		for n := 0; n < width && to < len(line); n++ {
			_, size := utf8.DecodeRuneInString(line[to:])
			to += size
		}
		cut := line[from:to]
		if from > 0 {
			cut = "…" + strings.TrimLeftFunc(cut, unicode.IsSpace)
		}
		if to < len(line) {
			cut = strings.TrimRightFunc(cut, unicode.IsSpace) + "…"
		}
		line = cut
	}
	line = strings.TrimSpace(line)
	return line, MatchSpans(line, terms)
}

// NewHit is a search hit for an entry: its summary, and a snippet from its
// text where a term occurs there, or else from the rest of its words.
func NewHit(e Entry, terms SearchTerms) Hit {
	h := Hit{Summary: e.Summary()}
	h.Snippet, h.Matches = Snippet(e.Text, terms, 0)
	if len(h.Matches) == 0 {
		h.Snippet, h.Matches = Snippet(SearchText(e), terms, 0)
	}
	return h
}
