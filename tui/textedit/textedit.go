// Package textedit is a multi-line text editor for Bubble Tea that stays
// fast on long text. It replaces bubbles' textarea on the writing screen,
// which takes tens of milliseconds a keystroke on a long entry and drops
// lines beyond 10,000.
//
// The design, in three parts:
//
//   - The text is a slice of logical lines (the text between newlines),
//     each a byte slice edited in place. Typing touches one line; nothing
//     is joined or split per keystroke. Value joins the lines only when
//     asked, and caches the result per version.
//   - Each line caches its soft wrap: the offsets where its visual rows
//     begin. Rows are laid out lazily, from the start of the line and only
//     as far as something needs (the cursor's row, the rows on screen). An
//     edit rewraps only the rows around it (see rewrapEdited), and a width
//     change invalidates every cache at once by bumping a generation
//     number.
//   - The view is found from the cursor, not from the top of the text:
//     the first visible row is kept as (line, row), and keeping the cursor
//     on screen walks at most a screen's height of rows. View lays out only
//     the visible rows. So the cost of a keystroke depends on the screen
//     and the rows around the edit, not on the length of the entry.
//
// Every change goes through one function (editor.replace), which keeps the
// version, word count and rune count up to date from the change alone, and
// each change is one undo step unless it continues the last: typing runs
// of a word, runs of backspace or delete. History is bounded by steps and
// bytes.
//
// Rows are measured in terminal cells with the same grapheme-cluster widths
// as lipgloss (wide CJK and emoji take two cells, combining marks none);
// a cluster is never split across rows, and a row breaks after whitespace
// where it can. Tabs show as spaces. Control characters, DEL, C1 controls
// and bidi overrides show as visible symbols (ESC as ␛), so no text, typed,
// pasted or loaded, can send the terminal an escape sequence.
//
// Model is a handle: copies share the same text, as Update returns the
// Model it was called on. Methods that change settings or text take a
// pointer receiver, as in bubbles' textarea; Update and View take a value.
package textedit

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Styles are how the editor draws: colours and attributes only (the
// editor does its own layout). With no colour (NO_COLOR) a cursor style
// that renders as nothing is replaced by reverse video, so the cursor
// always shows.
type Styles struct {
	Text        lipgloss.Style
	Placeholder lipgloss.Style
	Cursor      lipgloss.Style
}

// DefaultStyles are plain text, a faint placeholder and a reverse-video
// cursor.
func DefaultStyles() Styles {
	return Styles{
		Text:        lipgloss.NewStyle(),
		Placeholder: lipgloss.NewStyle().Faint(true),
		Cursor:      lipgloss.NewStyle().Reverse(true),
	}
}

// KeyMap is the editor's keys. Up and down, home and end move by visual
// (wrapped) row.
type KeyMap struct {
	Left, Right, Up, Down      key.Binding
	WordLeft, WordRight        key.Binding
	RowStart, RowEnd           key.Binding
	TextStart, TextEnd         key.Binding
	PageUp, PageDown           key.Binding
	Newline                    key.Binding
	DeleteBack, DeleteForward  key.Binding
	DeleteWordBack             key.Binding
	DeleteWordForward          key.Binding
	KillToLineEnd, KillToStart key.Binding
	Undo, Redo                 key.Binding
}

// DefaultKeyMap is the usual arrows and Emacs-style control keys. Home
// and end pressed again go on to the start or end of the logical line;
// ctrl+k at the end of a line joins the next one. ctrl+shift+z only
// arrives from terminals that report it. Tab is not bound: the writing
// screen uses it to move between fields.
func DefaultKeyMap() KeyMap {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return KeyMap{
		Left:              b("left", "ctrl+b"),
		Right:             b("right", "ctrl+f"),
		Up:                b("up"),
		Down:              b("down"),
		WordLeft:          b("alt+left", "ctrl+left", "alt+b"),
		WordRight:         b("alt+right", "ctrl+right", "alt+f"),
		RowStart:          b("home", "ctrl+a"),
		RowEnd:            b("end", "ctrl+e"),
		TextStart:         b("ctrl+home"),
		TextEnd:           b("ctrl+end"),
		PageUp:            b("pgup"),
		PageDown:          b("pgdown"),
		Newline:           b("enter", "ctrl+m"),
		DeleteBack:        b("backspace", "ctrl+h"),
		DeleteForward:     b("delete", "ctrl+d"),
		DeleteWordBack:    b("ctrl+w", "alt+backspace"),
		DeleteWordForward: b("alt+d", "alt+delete"),
		KillToLineEnd:     b("ctrl+k"),
		KillToStart:       b("ctrl+u"),
		Undo:              key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo")),
		Redo:              key.NewBinding(key.WithKeys("ctrl+y", "ctrl+shift+z"), key.WithHelp("ctrl+y", "redo")),
	}
}

// Model is the editor. Make one with New; the zero Model is not usable.
type Model struct {
	// Placeholder shows, faint, while the text is empty.
	Placeholder string
	Styles      Styles
	KeyMap      KeyMap

	ed *editor
}

// New returns an empty, blurred editor 40 cells wide and 6 rows high.
func New() Model {
	return Model{Styles: DefaultStyles(), KeyMap: DefaultKeyMap(), ed: newEditor()}
}

// SetValue replaces the text, exactly as given (invalid UTF-8 becomes
// U+FFFD), puts the cursor at its end and clears the undo history: it is
// for loading text, not for editing it.
func (m *Model) SetValue(s string) {
	m.ed.setText(s)
	m.ed.cur = m.ed.docEnd()
	m.ed.goalX = -1
	m.ed.ensureVisible()
}

// InsertString inserts s at the cursor as one undo step, as a paste would
// (line endings become \n).
func (m *Model) InsertString(s string) {
	m.ed.insert(normaliseNewlines(s), editOther)
	m.ed.ensureVisible()
}

// Value returns the text. It is cached per version, so calling it on every
// frame costs nothing while the text is unchanged.
func (m Model) Value() string { return m.ed.valueString() }

// Version increases with every change to the text, so a caller can tell
// whether it changed without comparing strings.
func (m Model) Version() uint64 { return m.ed.version }

// WordCount returns the number of words, as len(strings.Fields(Value()))
// would, kept up to date edit by edit.
func (m Model) WordCount() int { return m.ed.words }

// Len returns the number of runes (characters) in the text, newlines
// included, as textarea's Length does.
func (m Model) Len() int { return m.ed.runes }

// LineCount returns the number of logical lines.
func (m Model) LineCount() int { return len(m.ed.lines) }

// SetWidth sets the width in cells (at least 1). Rows are rewrapped lazily.
func (m *Model) SetWidth(w int) {
	w = max(w, 1)
	e := m.ed
	if w == e.width {
		return
	}
	// Keep the same text at the top of the view across the rewrap.
	topOff, _ := e.rowBounds(e.top.line, e.top.row)
	e.width = w
	e.gen++
	e.top.row = e.rowOf(pos{e.top.line, topOff}).row
	e.ensureVisible()
}

// SetHeight sets the height in rows (at least 1).
func (m *Model) SetHeight(h int) {
	m.ed.height = max(h, 1)
	m.ed.ensureVisible()
}

// Width returns the width in cells.
func (m Model) Width() int { return m.ed.width }

// Height returns the height in rows.
func (m Model) Height() int { return m.ed.height }

// Focus lets the editor take keys and shows the cursor. The cursor does
// not blink, so there is no command to run; it returns nil.
func (m *Model) Focus() tea.Cmd {
	m.ed.focused = true
	return nil
}

// Blur stops the editor taking keys and hides the cursor.
func (m *Model) Blur() { m.ed.focused = false }

// Focused reports whether the editor takes keys.
func (m Model) Focused() bool { return m.ed.focused }

// CursorPosition returns the cursor's logical line and its column in runes
// within that line, both from 0.
func (m Model) CursorPosition() (line, col int) {
	e := m.ed
	return e.cur.line, utf8.RuneCount(e.lines[e.cur.line].text[:e.cur.off])
}

// SetCursor moves the cursor to a logical line and a column in runes,
// clamped to the text.
func (m *Model) SetCursor(line, col int) {
	e := m.ed
	line = min(max(line, 0), len(e.lines)-1)
	t := e.lines[line].text
	off := 0
	for ; col > 0 && off < len(t); col-- {
		_, n := utf8.DecodeRune(t[off:])
		off += n
	}
	e.moveTo(pos{line, off})
	e.ensureVisible()
}

// CursorStart moves the cursor to the start of the text.
func (m *Model) CursorStart() {
	m.ed.moveTo(pos{})
	m.ed.ensureVisible()
}

// CursorEnd moves the cursor to the end of the text.
func (m *Model) CursorEnd() {
	m.ed.moveTo(m.ed.docEnd())
	m.ed.ensureVisible()
}

// Update handles keys while focused; everything else is ignored. It
// returns the Model it was called on (copies share the text) and no
// command.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.ed.focused {
		return m, nil
	}
	m.handleKey(k)
	m.ed.ensureVisible()
	return m, nil
}

func (m Model) handleKey(k tea.KeyMsg) {
	e := m.ed
	km := &m.KeyMap
	// Text first: a paste or fast typing arrives as one message of many
	// runes, and a paste must never be taken for a key binding.
	if k.Paste && (k.Type == tea.KeyRunes || k.Type == tea.KeySpace) {
		e.insert(normaliseNewlines(string(k.Runes)), editOther)
		return
	}
	if (k.Type == tea.KeyRunes || k.Type == tea.KeySpace) && !k.Alt {
		s := normaliseNewlines(string(k.Runes))
		if k.Type == tea.KeySpace && s == "" {
			s = " "
		}
		if strings.IndexByte(s, '\n') >= 0 {
			e.insert(s, editOther)
		} else {
			e.insert(s, editTyping)
		}
		return
	}
	switch {
	case key.Matches(k, km.Newline):
		e.insert("\n", editOther)
	case key.Matches(k, km.DeleteBack):
		if e.cur != (pos{}) {
			e.change(editBackspace, e.left(e.cur), e.cur, "")
		}
	case key.Matches(k, km.DeleteForward):
		e.change(editDelete, e.cur, e.right(e.cur), "")
	case key.Matches(k, km.DeleteWordBack):
		e.change(editOther, e.wordLeft(e.cur), e.cur, "")
	case key.Matches(k, km.DeleteWordForward):
		e.change(editOther, e.cur, e.wordRight(e.cur), "")
	case key.Matches(k, km.KillToLineEnd):
		// Like Emacs: at the end of a line, join the next one.
		if end := len(e.lines[e.cur.line].text); e.cur.off < end {
			e.change(editOther, e.cur, pos{e.cur.line, end}, "")
		} else {
			e.change(editOther, e.cur, e.right(e.cur), "")
		}
	case key.Matches(k, km.KillToStart):
		e.change(editOther, pos{e.cur.line, 0}, e.cur, "")
	case key.Matches(k, km.Undo):
		e.undoStep()
	case key.Matches(k, km.Redo):
		e.redoStep()
	case key.Matches(k, km.Left):
		e.moveTo(e.left(e.cur))
	case key.Matches(k, km.Right):
		e.moveTo(e.right(e.cur))
	case key.Matches(k, km.WordLeft):
		e.moveTo(e.wordLeft(e.cur))
	case key.Matches(k, km.WordRight):
		e.moveTo(e.wordRight(e.cur))
	case key.Matches(k, km.Up):
		e.sealed = true
		e.vertical(-1)
	case key.Matches(k, km.Down):
		e.sealed = true
		e.vertical(1)
	case key.Matches(k, km.PageUp):
		// The text and the cursor move a screen together, so the cursor
		// keeps its place on screen.
		e.sealed = true
		e.vertical(-e.height)
		e.scroll(-e.height)
	case key.Matches(k, km.PageDown):
		e.sealed = true
		e.vertical(e.height)
		e.scroll(e.height)
	case key.Matches(k, km.RowStart):
		e.sealed, e.goalX = true, -1
		e.rowHome()
	case key.Matches(k, km.RowEnd):
		e.sealed, e.goalX = true, -1
		e.rowEndKey()
	case key.Matches(k, km.TextStart):
		e.moveTo(pos{})
	case key.Matches(k, km.TextEnd):
		e.moveTo(e.docEnd())
	}
}

// moveTo moves the cursor for anything but up and down, which keep the
// goal column. Any move ends the current undo step.
func (e *editor) moveTo(p pos) {
	e.cur = p
	e.goalX = -1
	e.sealed = true
}

// insert puts s at the cursor.
func (e *editor) insert(s string, kind editKind) {
	if s == "" {
		return
	}
	e.change(kind, e.cur, e.cur, s)
}

// normaliseNewlines turns \r\n and lone \r into \n, as pastes from other
// systems carry them.
func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
