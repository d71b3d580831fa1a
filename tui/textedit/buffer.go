package textedit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pos is a place in the text: a logical line and a byte offset into it.
// Offsets always fall on rune boundaries.
type pos struct{ line, off int }

func (p pos) less(q pos) bool {
	return p.line < q.line || p.line == q.line && p.off < q.off
}

// line is one logical line (the text between two newlines) and its cached
// soft wrap.
type line struct {
	text []byte
	// breaks holds where the rows after the first begin, valid when gen
	// matches the editor's wrap generation. Most lines fit one row and
	// hold no slice at all.
	breaks []int
	gen    uint64
	// partial: only the rows up to the last break are known; the rest of
	// the line is laid out when something needs it.
	partial bool
}

// rowPos names one visual row: row r of logical line l.
type rowPos struct{ line, row int }

func (a rowPos) less(b rowPos) bool {
	return a.line < b.line || a.line == b.line && a.row < b.row
}

// editor is the state behind a Model. Model is a small handle around a
// pointer to it, so caches filled in by View or Value persist however the
// Model value is passed around.
type editor struct {
	lines []line

	width, height int
	// gen is the wrap generation: changing the width bumps it, which makes
	// every line's cached wrap stale at once without touching the lines.
	gen uint64

	cur pos
	// goalX is the column up and down aim for, so moving through a short
	// row and on does not lose it; -1 when not moving vertically.
	goalX int
	top   rowPos // first visible row

	focused bool

	version  uint64
	words    int // kept up to date edit by edit
	runes    int
	value    string
	valueVer uint64
	valueOK  bool

	undo, redo []edit
	undoBytes  int
	// sealed: the next change must not join the last undo step, because
	// the cursor moved or something else happened in between.
	sealed bool

	scratch []int // reused by rewrapEdited
	render  []byte
}

func newEditor() *editor {
	e := &editor{width: 40, height: 6, gen: 1, goalX: -1, sealed: true}
	e.setText("")
	return e
}

// setText replaces the whole text, keeping it exactly (invalid UTF-8
// becomes U+FFFD so the text stays valid).
func (e *editor) setText(s string) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	// One backing array for every line: opening a 200,000-line entry
	// allocates once, not per line. The capacity of each line is capped so
	// that an edit reallocates that line instead of spilling into the next.
	data := []byte(s)
	n := strings.Count(s, "\n") + 1
	e.lines = make([]line, 0, n)
	start := 0
	for i, b := range data {
		if b == '\n' {
			e.lines = append(e.lines, line{text: data[start:i:i]})
			start = i + 1
		}
	}
	e.lines = append(e.lines, line{text: data[start:len(data):len(data)]})
	e.words = wordStarts(' ', s, ' ')
	e.runes = utf8.RuneCountInString(s)
	e.version++
	e.value, e.valueVer, e.valueOK = s, e.version, true
	e.undo, e.redo, e.undoBytes, e.sealed = nil, nil, 0, true
	e.top = rowPos{}
}

func (e *editor) valueString() string {
	if e.valueOK && e.valueVer == e.version {
		return e.value
	}
	n := len(e.lines) - 1
	for _, l := range e.lines {
		n += len(l.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range e.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.Write(l.text)
	}
	e.value, e.valueVer, e.valueOK = b.String(), e.version, true
	return e.value
}

func (e *editor) empty() bool { return len(e.lines) == 1 && len(e.lines[0].text) == 0 }

func (e *editor) docEnd() pos {
	last := len(e.lines) - 1
	return pos{last, len(e.lines[last].text)}
}

// textBetween returns the text from a to b (a <= b), newlines included.
func (e *editor) textBetween(a, b pos) string {
	if a.line == b.line {
		return string(e.lines[a.line].text[a.off:b.off])
	}
	var s strings.Builder
	s.Write(e.lines[a.line].text[a.off:])
	for l := a.line + 1; l < b.line; l++ {
		s.WriteByte('\n')
		s.Write(e.lines[l].text)
	}
	s.WriteByte('\n')
	s.Write(e.lines[b.line].text[:b.off])
	return s.String()
}

// runeBefore returns the rune before p, a newline at a line start and a
// space at the start of the text (both count as a gap between words).
func (e *editor) runeBefore(p pos) rune {
	if p.off > 0 {
		r, _ := utf8.DecodeLastRune(e.lines[p.line].text[:p.off])
		return r
	}
	if p.line > 0 {
		return '\n'
	}
	return ' '
}

// runeAt returns the rune at p, with the same stand-ins as runeBefore.
func (e *editor) runeAt(p pos) rune {
	t := e.lines[p.line].text
	if p.off < len(t) {
		r, _ := utf8.DecodeRune(t[p.off:])
		return r
	}
	if p.line < len(e.lines)-1 {
		return '\n'
	}
	return ' '
}

// replace puts text in place of the text from a to b (a <= b) and returns
// where the new text ends and what was removed. It is the only way the
// text changes, so the version, the word and rune counts and the wrap
// caches are all kept right here, each in time proportional to the edit
// rather than to the document.
func (e *editor) replace(a, b pos, text string) (end pos, removed string) {
	removed = e.textBetween(a, b)
	if removed == "" && text == "" {
		return a, ""
	}
	prev, next := e.runeBefore(a), e.runeAt(b)
	e.words += wordStarts(prev, text, next) - wordStarts(prev, removed, next)
	e.runes += utf8.RuneCountInString(text) - utf8.RuneCountInString(removed)
	e.version++

	nl := strings.IndexByte(text, '\n')
	if a.line == b.line && nl < 0 {
		// The common case, typing or deleting inside one line: splice in
		// place and rewrap only the rows around the edit.
		ln := &e.lines[a.line]
		ln.text = splice(ln.text, a.off, b.off, text)
		e.rewrapEdited(ln, a.off, b.off-a.off, len(text))
		return pos{a.line, a.off + len(text)}, removed
	}

	suffix := slices.Clone(e.lines[b.line].text[b.off:])
	first := &e.lines[a.line]
	oldFirst := len(first.text)
	if nl < 0 {
		// Joining lines: the first line takes the rest of the last.
		first.text = append(append(first.text[:a.off], text...), suffix...)
		e.rewrapEdited(first, a.off, oldFirst-a.off, len(first.text)-a.off)
		e.lines = slices.Delete(e.lines, a.line+1, b.line+1)
		return pos{a.line, a.off + len(text)}, removed
	}

	// New lines share one allocation, as in setText; a paste of 2,000
	// lines is one copy.
	first.text = append(first.text[:a.off], text[:nl]...)
	e.rewrapEdited(first, a.off, oldFirst-a.off, len(first.text)-a.off)
	rest := []byte(text[nl+1:])
	added := make([]line, 0, strings.Count(text, "\n"))
	start := 0
	for i, c := range rest {
		if c == '\n' {
			added = append(added, line{text: rest[start:i:i]})
			start = i + 1
		}
	}
	lastText := append(rest[start:len(rest):len(rest)], suffix...)
	added = append(added, line{text: lastText})
	e.lines = slices.Replace(e.lines, a.line+1, b.line+1, added...)
	return pos{a.line + len(added), len(rest) - start}, removed
}

// splice replaces t[from:to] with s, in place when capacity allows.
func splice(t []byte, from, to int, s string) []byte {
	oldLen := len(t)
	n := oldLen - (to - from) + len(s)
	if n > cap(t) {
		nt := make([]byte, n, n+n/8+16)
		copy(nt, t[:from])
		copy(nt[from+len(s):], t[to:])
		t = nt
	} else {
		t = t[:max(n, oldLen)]
		copy(t[from+len(s):], t[to:oldLen])
		t = t[:n]
	}
	copy(t[from:], s)
	return t
}

// wordStarts counts where words begin in s, given the rune before it, plus
// one if next begins a word once s is in place. Words are what
// strings.Fields finds, so a change's effect on the count is
// wordStarts(new) - wordStarts(old): only words starting inside the change,
// or right after it, can appear or vanish.
func wordStarts(prev rune, s string, next rune) int {
	n := 0
	gap := unicode.IsSpace(prev)
	for i := 0; i < len(s); {
		var sp bool
		if c := s[i]; c < utf8.RuneSelf {
			sp = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
			i += size
		}
		if !sp && gap {
			n++
		}
		gap = sp
	}
	if gap && !unicode.IsSpace(next) {
		n++
	}
	return n
}
