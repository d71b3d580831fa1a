package textedit

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// View draws the visible rows: exactly Height rows, each exactly Width
// cells wide. Only those rows are laid out, whatever the length of the
// text. The cursor, when focused, is one cell drawn with Styles.Cursor.
func (m Model) View() string {
	e := m.ed
	e.clampTop()
	if e.empty() && m.Placeholder != "" {
		return m.placeholderView()
	}
	text := newStyler(m.Styles.Text)
	cursor := m.cursorStyler()
	var b strings.Builder
	b.Grow((e.width + 32) * e.height)
	cursorRow := rowPos{-1, -1}
	if e.focused {
		cursorRow = e.rowOf(e.cur)
	}
	r, more := e.top, true
	for i := 0; i < e.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !more {
			text.write(&b, strings.Repeat(" ", e.width))
			continue
		}
		cursorOff := -1
		if r == cursorRow {
			cursorOff = e.cur.off
		}
		e.renderRow(&b, r, cursorOff, &text, &cursor)
		r, more = e.nextRow(r)
	}
	return b.String()
}

// renderRow writes one visual row, padded to the width, with the cursor on
// the cluster holding cursorOff (or after the text when it is at the end),
// unless cursorOff is -1.
func (e *editor) renderRow(b *strings.Builder, r rowPos, cursorOff int, text, cursor *styler) {
	start, end := e.rowBounds(r.line, r.row)
	t := e.lines[r.line].text
	buf := e.render[:0]
	x := 0
	cutA, cutB := -1, -1 // the cursor cell, as offsets into buf
	shown := false       // some cluster is shown as something else
	for i := start; i < end; {
		c := clusterAt(t, i, e.width)
		shown = shown || c.kind == kindControl || c.kind == kindTab || c.kind == kindTooWide
		atCursor := cursorOff >= i && cursorOff < i+c.size
		if atCursor {
			cutA = len(buf)
		}
		buf = appendCluster(buf, t[i:i+c.size], c)
		if atCursor {
			cutB = len(buf)
		}
		x += c.width
		i += c.size
	}
	if cursorOff == end && cutA < 0 {
		cutA = len(buf)
		buf = append(buf, ' ')
		cutB = len(buf)
		x++
	}
	e.render = buf
	before, cell, after := string(buf), "", ""
	if cutA >= 0 {
		before, cell, after = string(buf[:cutA]), string(buf[cutA:cutB]), string(buf[cutB:])
	}
	// The cluster widths add up to the row's width: the row is drawn as the
	// same clusters it was measured as. Except where a stand-in (a symbol,
	// spaces for a tab) joins a mark after it into one cluster of another
	// width (␛ then U+FE0F, say), or the cursor's escape codes part such a
	// pair. Measure those rows piece by piece as they will be drawn; if one
	// is too wide, drop the cursor rather than draw past the edge.
	if shown && !isASCII(buf) {
		x = ansi.StringWidth(before) + ansi.StringWidth(cell) + ansi.StringWidth(after)
		if x > e.width {
			before = ansi.Truncate(string(buf), e.width, "")
			cell, after = "", ""
			x = ansi.StringWidth(before)
		}
	}
	pad := strings.Repeat(" ", max(e.width-x, 0))
	if cell == "" {
		text.write(b, before+pad)
		return
	}
	text.write(b, before)
	cursor.write(b, cell)
	text.write(b, after+pad)
}

// appendCluster appends how a cluster looks on screen: itself, or spaces
// for a tab, or a symbol for a control character.
func appendCluster(buf, raw []byte, c cluster) []byte {
	switch c.kind {
	case kindTab:
		for range c.width {
			buf = append(buf, ' ')
		}
	case kindControl:
		r, _ := utf8.DecodeRune(raw)
		buf = append(buf, symbol(r)...)
	case kindTooWide:
		for range c.width {
			buf = append(buf, '?')
		}
	default:
		buf = append(buf, raw...)
	}
	return buf
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// placeholderView shows the placeholder, one row per line of it, with the
// cursor on its first character when focused.
func (m Model) placeholderView() string {
	e := m.ed
	ph := newStyler(m.Styles.Placeholder)
	text := newStyler(m.Styles.Text)
	cursor := m.cursorStyler()
	lines := strings.Split(m.Placeholder, "\n")
	var b strings.Builder
	for i := 0; i < e.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		s := ""
		if i < len(lines) {
			s = ansi.Truncate(termsafe.Line(lines[i]), e.width, "")
		}
		w := ansi.StringWidth(s)
		if i == 0 && e.focused {
			first, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
			if first == "" {
				first = " "
				w++
			}
			cursor.write(&b, first)
			ph.write(&b, s[min(len(first), len(s)):])
		} else {
			ph.write(&b, s)
		}
		text.write(&b, strings.Repeat(" ", max(e.width-w, 0)))
	}
	return b.String()
}

// cursorStyler is Styles.Cursor, or plain reverse video when that draws
// nothing: with NO_COLOR lipgloss drops every attribute, reverse included,
// and the cursor would vanish. Reverse video is not colour, so NO_COLOR
// still allows it.
func (m Model) cursorStyler() styler {
	s := newStyler(m.Styles.Cursor)
	if s.exact && s.pre == "" && s.suf == "" {
		s.pre, s.suf = ansi.SGR(ansi.ReverseAttr), ansi.SGR(ansi.NoReverseAttr)
	}
	return s
}

// styler applies a lipgloss style to many short strings cheaply. Rendering
// a marker once gives the escape codes before and after it; for a style of
// attributes and colours alone (the usual case) wrapping text in those is
// the same as Render, at a fraction of the cost. Styles with padding,
// width or borders fall back to Render, inline.
type styler struct {
	pre, suf string
	exact    bool
	style    lipgloss.Style
}

const styleMark = "X"

func newStyler(s lipgloss.Style) styler {
	out := s.Render(styleMark)
	if strings.Count(out, styleMark) == 1 && ansi.StringWidth(out) == 1 {
		i := strings.Index(out, styleMark)
		return styler{pre: out[:i], suf: out[i+len(styleMark):], exact: true}
	}
	return styler{style: s.Inline(true)}
}

func (st *styler) write(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	if st.exact {
		b.WriteString(st.pre)
		b.WriteString(s)
		b.WriteString(st.suf)
		return
	}
	b.WriteString(st.style.Render(s))
}
