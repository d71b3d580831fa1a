package textedit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// History limits: enough for an evening's writing, small enough that a
// long session does not grow without end. The newest step is always kept,
// however large, so even a huge paste can be undone.
const (
	maxUndoSteps = 1000
	maxUndoBytes = 8 << 20
	// maxTypingGroup caps one step of typing, so that typing without a
	// space for a long time neither undoes all at once nor copies a
	// growing string on every key.
	maxTypingGroup = 512
	editOverhead   = 64 // rough bytes per step besides its text
)

// editKind says which changes may join into one undo step.
type editKind uint8

const (
	editOther     editKind = iota // a step on its own: paste, word delete, kill, newline
	editTyping                    // consecutive typing joins
	editBackspace                 // consecutive backspaces join
	editDelete                    // consecutive forward deletes join
)

// edit is one undo step: at at, removed was replaced by inserted.
type edit struct {
	kind              editKind
	at                pos
	removed, inserted string
	before, after     pos // the cursor either side
}

func (ed *edit) size() int { return len(ed.removed) + len(ed.inserted) + editOverhead }

// endOf returns where text s placed at p ends.
func endOf(p pos, s string) pos {
	n := strings.Count(s, "\n")
	if n == 0 {
		return pos{p.line, p.off + len(s)}
	}
	return pos{p.line + n, len(s) - strings.LastIndexByte(s, '\n') - 1}
}

// change replaces the text from a to b with text, moves the cursor to the
// end of the new text and records the change for undo, joining it to the
// previous step where that is what a person would expect.
func (e *editor) change(kind editKind, a, b pos, text string) {
	before := e.cur
	end, removed := e.replace(a, b, text)
	e.cur = end
	e.goalX = -1
	if removed == "" && text == "" {
		return
	}
	e.redo = nil
	if !e.sealed && e.join(kind, a, b, end, removed, text) {
		return
	}
	e.push(edit{kind: kind, at: a, removed: removed, inserted: text, before: before, after: end})
	e.sealed = kind == editOther
}

// join adds a change to the last undo step if it continues it.
func (e *editor) join(kind editKind, a, b, end pos, removed, text string) bool {
	if len(e.undo) == 0 {
		return false
	}
	last := &e.undo[len(e.undo)-1]
	if last.kind != kind {
		return false
	}
	old := last.size()
	switch kind {
	case editTyping:
		// A gap typed after a word starts a new step, so undo takes back
		// a word at a time.
		if removed != "" || last.after != a || len(last.inserted) >= maxTypingGroup ||
			startsWithSpace(text) && !endsWithSpace(last.inserted) {
			return false
		}
		last.inserted += text
		last.after = end
	case editBackspace:
		if text != "" || last.at != b {
			return false
		}
		last.removed = removed + last.removed
		last.at, last.after = a, a
	case editDelete:
		if text != "" || last.at != a || last.after != a {
			return false
		}
		last.removed += removed
	default:
		return false
	}
	e.undoBytes += last.size() - old
	return true
}

func (e *editor) push(ed edit) {
	e.undo = append(e.undo, ed)
	e.undoBytes += ed.size()
	drop := 0
	for len(e.undo)-drop > maxUndoSteps || e.undoBytes > maxUndoBytes && len(e.undo)-drop > 1 {
		e.undoBytes -= e.undo[drop].size()
		drop++
	}
	if drop > 0 {
		// Copy down rather than reslice, so the dropped steps' text can be
		// collected.
		n := copy(e.undo, e.undo[drop:])
		clear(e.undo[n:])
		e.undo = e.undo[:n]
	}
}

func (e *editor) undoStep() {
	if len(e.undo) == 0 {
		return
	}
	ed := e.undo[len(e.undo)-1]
	e.undo[len(e.undo)-1] = edit{}
	e.undo = e.undo[:len(e.undo)-1]
	e.undoBytes -= ed.size()
	e.replace(ed.at, endOf(ed.at, ed.inserted), ed.removed)
	e.cur = ed.before
	e.redo = append(e.redo, ed)
	e.sealed = true
	e.goalX = -1
}

func (e *editor) redoStep() {
	if len(e.redo) == 0 {
		return
	}
	ed := e.redo[len(e.redo)-1]
	e.redo[len(e.redo)-1] = edit{}
	e.redo = e.redo[:len(e.redo)-1]
	e.replace(ed.at, endOf(ed.at, ed.removed), ed.inserted)
	e.cur = ed.after
	e.push(ed)
	e.sealed = true
	e.goalX = -1
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}
