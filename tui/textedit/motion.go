package textedit

import (
	"unicode"
	"unicode/utf8"
)

// A line's rows are laid out lazily, one after another from its start, and
// only as far as something needs them: the cursor's row, the visible rows,
// or (for the line above the top of the view) all of them. Editing in the
// middle of a long paragraph of wide text, where every later row shifts,
// then costs the rows on screen, not the paragraph.

// known returns line l with its cached rows, forgetting them if they were
// laid out at another width.
func (e *editor) known(l int) *line {
	ln := &e.lines[l]
	if ln.gen != e.gen {
		ln.breaks = ln.breaks[:0]
		ln.partial = true
		ln.gen = e.gen
	}
	return ln
}

// wrapMore lays out the first row of ln not yet known.
func (e *editor) wrapMore(ln *line) {
	s := rowStart(ln.breaks, len(ln.breaks))
	end, x := rowEnd(ln.text, s, e.width)
	if end < len(ln.text) {
		ln.breaks = append(ln.breaks, end)
		return
	}
	if x >= e.width {
		// A full last row: the cursor at the end of the line needs a
		// cell, so an empty row follows.
		ln.breaks = append(ln.breaks, end)
	}
	ln.partial = false
}

// breaksToRow returns line l's breaks, known at least to the end of row r.
func (e *editor) breaksToRow(l, r int) []int {
	ln := e.known(l)
	for ln.partial && len(ln.breaks) <= r {
		e.wrapMore(ln)
	}
	return ln.breaks
}

// breaksPast returns line l's breaks, known at least as far as the row
// holding off.
func (e *editor) breaksPast(l, off int) []int {
	ln := e.known(l)
	for ln.partial && (len(ln.breaks) == 0 || ln.breaks[len(ln.breaks)-1] <= off) {
		e.wrapMore(ln)
	}
	return ln.breaks
}

// rowCount returns how many rows line l takes, laying out all of them.
func (e *editor) rowCount(l int) int {
	ln := e.known(l)
	for ln.partial {
		e.wrapMore(ln)
	}
	return len(ln.breaks) + 1
}

// rowBounds returns where row r of line l starts and ends.
func (e *editor) rowBounds(l, r int) (start, end int) {
	br := e.breaksToRow(l, r)
	start = rowStart(br, r)
	end = len(e.lines[l].text)
	if r < len(br) {
		end = br[r]
	}
	return start, end
}

// isLastRow reports whether row r is the last of line l.
func (e *editor) isLastRow(l, r int) bool { return r >= len(e.breaksToRow(l, r)) }

// rowOf returns the visual row holding p.
func (e *editor) rowOf(p pos) rowPos {
	return rowPos{p.line, rowIndex(e.breaksPast(p.line, p.off), p.off)}
}

func (e *editor) prevRow(r rowPos) (rowPos, bool) {
	if r.row > 0 {
		return rowPos{r.line, r.row - 1}, true
	}
	if r.line > 0 {
		return rowPos{r.line - 1, e.rowCount(r.line-1) - 1}, true
	}
	return r, false
}

func (e *editor) nextRow(r rowPos) (rowPos, bool) {
	if !e.isLastRow(r.line, r.row) {
		return rowPos{r.line, r.row + 1}, true
	}
	if r.line+1 < len(e.lines) {
		return rowPos{r.line + 1, 0}, true
	}
	return r, false
}

// clusterStartBefore returns where the cluster before off (> 0) starts.
// Segmenting from the start of the row is enough: rows begin on cluster
// boundaries.
func (e *editor) clusterStartBefore(l, off int) int {
	br := e.breaksPast(l, off-1)
	t := e.lines[l].text
	last := rowStart(br, rowIndex(br, off-1))
	for i := last; i < off; i += clusterAt(t, i, e.width).size {
		last = i
	}
	return last
}

// clusterEndAfter returns where the cluster holding off (< len) ends.
func (e *editor) clusterEndAfter(l, off int) int {
	br := e.breaksPast(l, off)
	t := e.lines[l].text
	i := rowStart(br, rowIndex(br, off))
	for i <= off {
		i += clusterAt(t, i, e.width).size
	}
	return i
}

func (e *editor) left(p pos) pos {
	if p.off > 0 {
		return pos{p.line, e.clusterStartBefore(p.line, p.off)}
	}
	if p.line > 0 {
		return pos{p.line - 1, len(e.lines[p.line-1].text)}
	}
	return p
}

func (e *editor) right(p pos) pos {
	if p.off < len(e.lines[p.line].text) {
		return pos{p.line, e.clusterEndAfter(p.line, p.off)}
	}
	if p.line < len(e.lines)-1 {
		return pos{p.line + 1, 0}
	}
	return p
}

// wordLeft moves back over any gap, line breaks included, then over the
// word before it, to where that word starts. Words are runs of non-space,
// as for the word count.
func (e *editor) wordLeft(p pos) pos {
	for {
		if p.off == 0 {
			if p.line == 0 {
				return p
			}
			p = pos{p.line - 1, len(e.lines[p.line-1].text)}
			continue
		}
		r, n := utf8.DecodeLastRune(e.lines[p.line].text[:p.off])
		if !unicode.IsSpace(r) {
			break
		}
		p.off -= n
	}
	t := e.lines[p.line].text
	for p.off > 0 {
		r, n := utf8.DecodeLastRune(t[:p.off])
		if unicode.IsSpace(r) {
			break
		}
		p.off -= n
	}
	return p
}

// wordRight moves over any gap, then to the end of the word after it.
func (e *editor) wordRight(p pos) pos {
	for {
		t := e.lines[p.line].text
		if p.off == len(t) {
			if p.line == len(e.lines)-1 {
				return p
			}
			p = pos{p.line + 1, 0}
			continue
		}
		r, n := utf8.DecodeRune(t[p.off:])
		if !unicode.IsSpace(r) {
			break
		}
		p.off += n
	}
	t := e.lines[p.line].text
	for p.off < len(t) {
		r, n := utf8.DecodeRune(t[p.off:])
		if unicode.IsSpace(r) {
			break
		}
		p.off += n
	}
	return p
}

// cursorX returns the cursor's visual row and how many cells into the row
// it stands. A cursor inside a cluster stands on that cluster.
func (e *editor) cursorX(p pos) (rowPos, int) {
	r := e.rowOf(p)
	start, _ := e.rowBounds(r.line, r.row)
	t := e.lines[p.line].text
	x := 0
	for i := start; i < p.off; {
		c := clusterAt(t, i, e.width)
		if i+c.size > p.off {
			break
		}
		x += c.width
		i += c.size
	}
	return r, x
}

// offsetAtX returns the place in row r nearest x cells in, not past it. On
// a row that wraps, the row's end belongs to the next row, so the last
// place is before the row's last cluster.
func (e *editor) offsetAtX(r rowPos, x int) int {
	start, end := e.rowBounds(r.line, r.row)
	t := e.lines[r.line].text
	acc, last := 0, start
	for i := start; i < end; {
		c := clusterAt(t, i, e.width)
		if acc >= x || acc+c.width > x {
			return i
		}
		acc += c.width
		last = i
		i += c.size
	}
	if e.isLastRow(r.line, r.row) {
		return end
	}
	return last
}

// vertical moves the cursor n visual rows down (up if n < 0), keeping the
// goal column; past either end of the text it goes to that end.
func (e *editor) vertical(n int) {
	r, x := e.cursorX(e.cur)
	if e.goalX < 0 {
		e.goalX = x
	}
	for ; n < 0; n++ {
		prev, ok := e.prevRow(r)
		if !ok {
			e.cur = pos{}
			return
		}
		r = prev
	}
	for ; n > 0; n-- {
		next, ok := e.nextRow(r)
		if !ok {
			e.cur = e.docEnd()
			return
		}
		r = next
	}
	e.cur = pos{r.line, e.offsetAtX(r, e.goalX)}
}

// rowHome is home and ctrl+a: the start of the visual row, or of the
// logical line when already there.
func (e *editor) rowHome() {
	r := e.rowOf(e.cur)
	start, _ := e.rowBounds(r.line, r.row)
	if e.cur.off == start {
		start = 0
	}
	e.cur.off = start
}

// rowEndKey is end and ctrl+e: the end of the visual row, or of the logical
// line when already there.
func (e *editor) rowEndKey() {
	r := e.rowOf(e.cur)
	end := e.offsetAtX(r, int(^uint(0)>>1))
	if e.cur.off == end {
		end = len(e.lines[e.cur.line].text)
	}
	e.cur.off = end
}

// scroll moves the first visible row by n rows, within the text.
func (e *editor) scroll(n int) {
	for ; n < 0; n++ {
		prev, ok := e.prevRow(e.top)
		if !ok {
			return
		}
		e.top = prev
	}
	for ; n > 0; n-- {
		next, ok := e.nextRow(e.top)
		if !ok {
			return
		}
		e.top = next
	}
}

// clampTop keeps the first visible row inside the text after it shrank.
func (e *editor) clampTop() {
	if e.top.line >= len(e.lines) {
		last := len(e.lines) - 1
		e.top = rowPos{last, e.rowCount(last) - 1}
	}
	if br := e.breaksToRow(e.top.line, e.top.row); e.top.row > len(br) {
		e.top.row = len(br)
	}
}

// ensureVisible scrolls as little as it can to show the cursor's row. It
// walks back at most a screen's height of rows from the cursor, so only
// the lines near the cursor are ever wrapped, however long the text.
func (e *editor) ensureVisible() {
	e.clampTop()
	c := e.rowOf(e.cur)
	if c.less(e.top) {
		e.top = c
		return
	}
	r := c
	for i := 1; i < e.height; i++ {
		if r == e.top {
			return
		}
		prev, ok := e.prevRow(r)
		if !ok {
			break
		}
		r = prev
	}
	e.top = r
}
