package textedit

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// clusterKind says how a grapheme cluster is shown on screen.
type clusterKind uint8

const (
	kindPlain   clusterKind = iota // shown as stored
	kindSpace                      // whitespace: shown as stored, a row may break after it
	kindTab                        // a tab: shown as spaces, a row may break after it
	kindControl                    // a control or bidi override: shown as a visible symbol
	kindTooWide                    // wider than a whole row (width 1, a wide character): shown as "?"
)

// cluster is one grapheme cluster (what a person sees as one character) as
// the editor lays it out.
type cluster struct {
	size  int // bytes in the text
	width int // cells on screen, never more than the row is wide
	kind  clusterKind
}

// clusterAt measures the grapheme cluster that starts at t[i]. Widths come
// from ansi (the same measure as lipgloss.Width), so rows measure true there.
func clusterAt(t []byte, i, rowWidth int) cluster {
	b := t[i]
	// Fast path: an ASCII byte followed by ASCII (or the end) is a cluster
	// on its own. Journal text is mostly this, so wrapping a long paragraph
	// rarely needs the Unicode segmentation tables.
	if b < utf8.RuneSelf {
		switch {
		case b == '\t':
			return cluster{1, min(termsafe.TabWidth, rowWidth), kindTab}
		case b < 0x20 || b == 0x7f:
			// Controls are clusters on their own (UAX #29 rule GB4/GB5).
			return cluster{1, 1, kindControl}
		case i+1 == len(t) || t[i+1] < utf8.RuneSelf:
			if b == ' ' {
				return cluster{1, 1, kindSpace}
			}
			return cluster{1, 1, kindPlain}
		}
	}
	r, n := utf8.DecodeRune(t[i:])
	if needsCare(r) {
		return cluster{n, 1, kindControl}
	}
	c, w := ansi.FirstGraphemeCluster(t[i:], ansi.GraphemeWidth)
	if len(c) == 0 { // cannot happen for non-empty input; never loop forever
		c = t[i : i+n]
	}
	if b < utf8.RuneSelf {
		// An ASCII letter with marks after it ("e\u0301", "0\ufe0f") moves
		// as one, but ansi.StringWidth, and so lipgloss, counts the letter
		// as one cell and measures the marks apart from it. Measure as
		// they do, or rows would not add up.
		w = ansi.StringWidth(string(c))
	}
	kind := kindPlain
	if len(c) == n && isBreakingSpace(r) {
		kind = kindSpace
	}
	if w > rowWidth {
		return cluster{len(c), rowWidth, kindTooWide}
	}
	return cluster{len(c), w, kind}
}

// isBreakingSpace reports whitespace a row may wrap after: not the
// no-break spaces, which exist to keep words together.
func isBreakingSpace(r rune) bool {
	switch r {
	case 0xa0, 0x2007, 0x202f:
		return false
	}
	return unicode.IsSpace(r)
}

// needsCare and symbol are termsafe's: the editor draws stored text the
// way every other screen does.
var (
	needsCare = termsafe.NeedsCare
	symbol    = termsafe.Symbol
)

// rowEnd lays out the visual row of t that starts at start, greedily, and
// returns where the next row starts (len(t) if the rest fits) and the
// row's width in cells. A row breaks after the last whitespace that fits;
// a word longer than the row is broken between clusters, never inside one.
func rowEnd(t []byte, start, rowWidth int) (end, width int) {
	x, brk, brkX := 0, -1, 0
	for i := start; i < len(t); {
		var c cluster
		if b := t[i]; b > ' ' && b < 0x7f && (i+1 == len(t) || t[i+1] < utf8.RuneSelf) {
			c = cluster{1, 1, kindPlain} // most bytes: clusterAt's fast path, inline
		} else {
			c = clusterAt(t, i, rowWidth)
		}
		if x+c.width > rowWidth && i > start {
			if brk > start {
				return brk, brkX
			}
			return i, x
		}
		x += c.width
		i += c.size
		if c.kind == kindSpace || c.kind == kindTab {
			brk, brkX = i, x
		}
	}
	return len(t), x
}

// rowIndex returns which row of a line holds byte off, given the line's
// row breaks.
func rowIndex(breaks []int, off int) int {
	return sort.SearchInts(breaks, off+1)
}

// rowStart returns where row r begins.
func rowStart(breaks []int, r int) int {
	if r == 0 {
		return 0
	}
	return breaks[r-1]
}

// rewrapRowsPastEdit is how many rows after an edit rewrapEdited lays out
// looking for the old rows again before it leaves the rest for later.
const rewrapRowsPastEdit = 8

// rewrapEdited updates a line's cached rows after the bytes [p, p+oldN)
// were replaced by newN bytes, without wrapping the whole line again.
//
// Greedy wrapping of a row depends only on where the row starts and the
// text that follows, and a row's layout never looks further ahead than the
// start of the row two on. So rows from two before the edit's row are laid
// out again, until a new break lands where an old break past the edit now
// sits: from there on every row is the old one, shifted. In a paragraph of
// spaced words that happens within a row or two, so a keystroke in a
// 120 KB paragraph costs a few rows, not fifteen hundred. Where it does not
// happen soon (wide text with no spaces, where every later row shifts),
// the rows after the edit are forgotten and laid out again lazily, as far
// as the screen needs.
func (e *editor) rewrapEdited(ln *line, p, oldN, newN int) {
	if ln.gen != e.gen {
		return // not laid out at this width yet
	}
	old := ln.breaks
	r := max(0, rowIndex(old, max(p-1, 0))-2)
	if ln.partial && (len(old) == 0 || old[len(old)-1] <= p) {
		// The edit is past the known rows: the rows before r still hold.
		ln.breaks = old[:r]
		return
	}
	t := ln.text
	delta := newN - oldN
	s := rowStart(old, r)
	mid := e.scratch[:0]
	j, tail, past := r, -1, 0
	partial := true
	for {
		end, x := rowEnd(t, s, e.width)
		if end == len(t) {
			if x >= e.width {
				mid = append(mid, end)
			}
			partial = false
			break
		}
		for j < len(old) && old[j]+delta < end {
			j++
		}
		if j < len(old) && old[j]+delta == end && old[j] >= p+oldN {
			tail, partial = j, ln.partial
			break
		}
		mid = append(mid, end)
		if s >= p+newN {
			if past++; past >= rewrapRowsPastEdit {
				break
			}
		}
		s = end
	}
	e.scratch = mid

	replacedEnd := len(old)
	if tail >= 0 {
		replacedEnd = tail
	}
	n := r + len(mid) + len(old) - replacedEnd
	var nb []int
	if n <= cap(old) {
		nb = old[:max(n, len(old))]
		copy(nb[r+len(mid):], old[replacedEnd:]) // copy is memmove: overlap is fine
		nb = nb[:n]
	} else {
		nb = make([]int, n, n+n/4)
		copy(nb, old[:r])
		copy(nb[r+len(mid):], old[replacedEnd:])
	}
	copy(nb[r:], mid)
	for i := r + len(mid); i < n; i++ {
		nb[i] += delta
	}
	ln.breaks = nb
	ln.partial = partial
}
