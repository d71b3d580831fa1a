package textedit

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestMain(m *testing.M) {
	// As NO_COLOR would: lipgloss draws no attributes at all.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newModel returns a focused editor of the size holding text, cursor at
// the end.
func newModel(w, h int, text string) Model {
	m := New()
	m.SetWidth(w)
	m.SetHeight(h)
	m.SetValue(text)
	m.Focus()
	return m
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
func paste(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}
func keyOf(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }
func alt(k tea.KeyMsg) tea.KeyMsg {
	k.Alt = true
	return k
}

// keyNamed returns the key message Bubble Tea sends for a key's name.
func keyNamed(name string) tea.KeyMsg {
	named := map[string]tea.KeyMsg{
		"enter": keyOf(tea.KeyEnter), "backspace": keyOf(tea.KeyBackspace),
		"delete": keyOf(tea.KeyDelete), "left": keyOf(tea.KeyLeft), "right": keyOf(tea.KeyRight),
		"up": keyOf(tea.KeyUp), "down": keyOf(tea.KeyDown), "home": keyOf(tea.KeyHome),
		"end": keyOf(tea.KeyEnd), "ctrl+a": keyOf(tea.KeyCtrlA), "ctrl+e": keyOf(tea.KeyCtrlE),
		"ctrl+home": keyOf(tea.KeyCtrlHome), "ctrl+end": keyOf(tea.KeyCtrlEnd),
		"pgup": keyOf(tea.KeyPgUp), "pgdown": keyOf(tea.KeyPgDown),
		"alt+left": alt(keyOf(tea.KeyLeft)), "alt+right": alt(keyOf(tea.KeyRight)),
		"ctrl+left": keyOf(tea.KeyCtrlLeft), "ctrl+right": keyOf(tea.KeyCtrlRight),
		"alt+b": alt(runes("b")), "alt+f": alt(runes("f")), "alt+d": alt(runes("d")),
		"ctrl+w": keyOf(tea.KeyCtrlW), "alt+backspace": alt(keyOf(tea.KeyBackspace)),
		"ctrl+k": keyOf(tea.KeyCtrlK), "ctrl+u": keyOf(tea.KeyCtrlU),
		"ctrl+z": keyOf(tea.KeyCtrlZ), "ctrl+y": keyOf(tea.KeyCtrlY),
		"space": keyOf(tea.KeySpace), "tab": keyOf(tea.KeyTab), "esc": keyOf(tea.KeyEsc),
	}
	k, ok := named[name]
	if !ok {
		panic("no key named " + name)
	}
	if k.String() != name && name != "space" {
		panic("key " + name + " reports itself as " + k.String())
	}
	return k
}

// press sends keys: a name from keyNamed, or "type:TEXT" to type text.
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		if s, ok := strings.CutPrefix(k, "type:"); ok {
			m, _ = m.Update(runes(s))
			continue
		}
		m, _ = m.Update(keyNamed(k))
	}
	return m
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkModel checks what must hold after anything: the view's shape and
// safety, the counts, and that every cached wrap is what wrapping the line
// afresh gives.
func checkModel(t testing.TB, m Model) {
	t.Helper()
	e := m.ed
	view := m.View()
	rows := strings.Split(view, "\n")
	if len(rows) != e.height {
		t.Fatalf("view has %d rows, want %d:\n%s", len(rows), e.height, view)
	}
	for i, row := range rows {
		if w := ansi.StringWidth(row); w != e.width {
			t.Fatalf("row %d is %d cells wide, want %d: %q", i, w, e.width, row)
		}
		plain := sgr.ReplaceAllString(row, "")
		for _, r := range plain {
			if needsCare(r) {
				t.Fatalf("row %d has raw control %U: %q", i, r, row)
			}
		}
	}
	v := m.Value()
	if !utf8.ValidString(v) {
		t.Fatalf("value is not valid UTF-8: %q", v)
	}
	if got, want := m.WordCount(), len(strings.Fields(v)); got != want {
		t.Fatalf("WordCount = %d, want %d for %q", got, want, v)
	}
	if got, want := m.Len(), utf8.RuneCountInString(v); got != want {
		t.Fatalf("Len = %d, want %d", got, want)
	}
	if got, want := m.LineCount(), strings.Count(v, "\n")+1; got != want {
		t.Fatalf("LineCount = %d, want %d", got, want)
	}
	if c := e.cur; c.line >= len(e.lines) || c.off > len(e.lines[c.line].text) ||
		!utf8.RuneStart(append(e.lines[c.line].text, 0)[c.off]) {
		t.Fatalf("cursor %+v is outside the text or inside a rune", c)
	}
	for i, l := range e.lines {
		if l.gen != e.gen {
			continue
		}
		want := wrapLine(l.text, e.width, nil)
		if l.partial && len(l.breaks) <= len(want) {
			want = want[:len(l.breaks)] // the rows known so far must be right
		}
		if !slices.Equal(l.breaks, want) {
			t.Fatalf("line %d: cached wrap %v (partial %v), fresh wrap %v (%q)", i, l.breaks, l.partial, want, l.text)
		}
	}
	if m.Focused() && !cursorVisible(e) {
		t.Fatalf("cursor %+v (row %+v) not in view from %+v", e.cur, e.rowOf(e.cur), e.top)
	}
}

// cursorVisible reports whether the cursor's row is among the visible ones.
func cursorVisible(e *editor) bool {
	c := e.rowOf(e.cur)
	r := e.top
	for i := 0; i < e.height; i++ {
		if r == c {
			return true
		}
		var ok bool
		if r, ok = e.nextRow(r); !ok {
			return false
		}
	}
	return false
}

// wrapped returns text's rows at the width, as strings.
func wrapped(text string, w int) []string {
	t := []byte(text)
	br := wrapLine(t, w, nil)
	var rows []string
	s := 0
	for _, b := range br {
		rows = append(rows, text[s:b])
		s = b
	}
	return append(rows, text[s:])
}

// wrapLine lays out all of t at once, as the editor does lazily row by
// row: it appends to dst[:0] the offsets where the rows after the first
// begin, with the empty row after a full last row.
func wrapLine(t []byte, rowWidth int, dst []int) []int {
	dst = dst[:0]
	for s := 0; ; {
		e, x := rowEnd(t, s, rowWidth)
		if e == len(t) {
			if x >= rowWidth {
				dst = append(dst, e)
			}
			return dst
		}
		dst = append(dst, e)
		s = e
	}
}
