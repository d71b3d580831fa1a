package textedit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

func TestValueRoundTrips(t *testing.T) {
	for _, s := range []string{
		"", "a", "a\n", "\n", "\n\n\n", "a\n\nb\n\n", "emoji 👩‍👩‍👧 and 🇳🇿\nnext",
		"tab\there", "crlf stays\r\nas it was\r\n", "e\u0301 combining", "中文字符测试",
		"  leading and trailing  \n  ",
	} {
		m := newModel(10, 3, s)
		if got := m.Value(); got != s {
			t.Errorf("Value() = %q, want %q", got, s)
		}
		checkModel(t, m)
	}
}

func TestSetValueRepairsInvalidUTF8(t *testing.T) {
	m := newModel(10, 3, "a\xffb")
	if got := m.Value(); got != "a\uFFFDb" {
		t.Errorf("Value() = %q", got)
	}
}

func TestVersionAndCaches(t *testing.T) {
	m := newModel(20, 3, "one two")
	v := m.Version()
	if m.Value() != "one two" || m.Version() != v {
		t.Fatal("reading changed the version")
	}
	m = press(m, "left", "right")
	if m.Version() != v {
		t.Error("moving changed the version")
	}
	m = press(m, "type: three")
	if m.Version() == v {
		t.Error("typing did not change the version")
	}
	if m.WordCount() != 3 || m.Value() != "one two three" {
		t.Errorf("got %d words in %q", m.WordCount(), m.Value())
	}
}

// TestKeys runs each key from a starting text and cursor (the | in before)
// and checks the text and cursor after (the | in after).
func TestKeys(t *testing.T) {
	tests := []struct {
		name   string
		width  int
		before string
		keys   []string
		after  string
	}{
		{"type", 20, "ab|cd", []string{"type:XY"}, "abXY|cd"},
		{"type space key", 20, "ab|", []string{"space"}, "ab |"},
		{"type unicode", 20, "|", []string{"type:日本 👍"}, "日本 👍|"},
		{"enter splits", 20, "ab|cd", []string{"enter"}, "ab\n|cd"},
		{"enter at end", 20, "ab|", []string{"enter", "enter"}, "ab\n\n|"},
		{"backspace", 20, "ab|cd", []string{"backspace"}, "a|cd"},
		{"backspace joins", 20, "ab\n|cd", []string{"backspace"}, "ab|cd"},
		{"backspace at start", 20, "|ab", []string{"backspace"}, "|ab"},
		{"backspace whole emoji", 20, "a👩‍👩‍👧|b", []string{"backspace"}, "a|b"},
		{"backspace combining", 20, "xe\u0301|", []string{"backspace"}, "x|"},
		{"delete", 20, "ab|cd", []string{"delete"}, "ab|d"},
		{"delete joins", 20, "ab|\ncd", []string{"delete"}, "ab|cd"},
		{"delete at end", 20, "ab|", []string{"delete"}, "ab|"},
		{"left right", 20, "ab|cd", []string{"left", "left", "right"}, "a|bcd"},
		{"left across line", 20, "ab\n|cd", []string{"left"}, "ab|\ncd"},
		{"right across line", 20, "ab|\ncd", []string{"right"}, "ab\n|cd"},
		{"left over cluster", 20, "a🇳🇿|", []string{"left"}, "a|🇳🇿"},
		{"right over wide", 20, "|中文", []string{"right"}, "中|文"},
		{"alt+left", 30, "one two three|", []string{"alt+left"}, "one two |three"},
		{"alt+left twice", 30, "one two three|", []string{"alt+left", "alt+left"}, "one |two three"},
		{"ctrl+left over gap", 30, "one   two|", []string{"ctrl+left", "ctrl+left"}, "|one   two"},
		{"alt+b across line", 30, "one\n|two", []string{"alt+b"}, "|one\ntwo"},
		{"alt+right", 30, "|one two", []string{"alt+right"}, "one| two"},
		{"ctrl+right", 30, "one| two", []string{"ctrl+right"}, "one two|"},
		{"alt+f across line", 30, "one|\n two", []string{"alt+f"}, "one\n two|"},
		{"ctrl+w", 30, "one two|", []string{"ctrl+w"}, "one |"},
		{"ctrl+w gap", 30, "one two  |", []string{"ctrl+w"}, "one |"},
		{"alt+backspace", 30, "one two|", []string{"alt+backspace"}, "one |"},
		{"ctrl+w across line", 30, "one\n|two", []string{"ctrl+w"}, "|two"},
		{"alt+d", 30, "one| two three", []string{"alt+d"}, "one| three"},
		{"ctrl+k", 30, "one| two\nthree", []string{"ctrl+k"}, "one|\nthree"},
		{"ctrl+k at end joins", 30, "one|\nthree", []string{"ctrl+k"}, "one|three"},
		{"ctrl+u", 30, "x\none two| three", []string{"ctrl+u"}, "x\n| three"},
		{"home", 30, "x\none two|", []string{"home"}, "x\n|one two"},
		{"ctrl+a", 30, "one two|", []string{"ctrl+a"}, "|one two"},
		{"end", 30, "|one two\nx", []string{"end"}, "one two|\nx"},
		{"ctrl+e", 30, "|one two", []string{"ctrl+e"}, "one two|"},
		// At width 10 "aaaa bbbb cccc" is the rows "aaaa bbbb " and "cccc".
		{"home on wrapped row", 10, "aaaa bbbb cc|cc", []string{"home"}, "aaaa bbbb |cccc"},
		{"home twice goes to line start", 10, "aaaa bbbb cc|cc", []string{"home", "home"}, "|aaaa bbbb cccc"},
		{"end on wrapped row", 10, "aa|aa bbbb cccc", []string{"end"}, "aaaa bbbb| cccc"},
		{"end twice goes to line end", 10, "aa|aa bbbb cccc", []string{"end", "end"}, "aaaa bbbb cccc|"},
		{"ctrl+home", 30, "a\nb|", []string{"ctrl+home"}, "|a\nb"},
		{"ctrl+end", 30, "|a\nb", []string{"ctrl+end"}, "a\nb|"},
		{"up", 30, "abcd\nab|cd", []string{"up"}, "ab|cd\nabcd"},
		{"down", 30, "ab|cd\nabcd", []string{"down"}, "abcd\nab|cd"},
		{"up at top goes to start", 30, "ab|cd", []string{"up"}, "|abcd"},
		{"down at bottom goes to end", 30, "ab|cd", []string{"down"}, "abcd|"},
		{"down keeps goal column", 30, "abc|d\nx\nabcd", []string{"down", "down"}, "abcd\nx\nabc|d"},
		{"up by visual row", 10, "aaaa bbbb cc|cc", []string{"up"}, "aa|aa bbbb cccc"},
		{"down by visual row", 10, "aa|aa bbbb cccc", []string{"down"}, "aaaa bbbb cc|cc"},
		{"down to shorter row", 10, "aaaa bbbb| cc", []string{"down"}, "aaaa bbbb cc|"},
		{"down into wide chars", 10, "ab|c\n中文字", []string{"down"}, "abc\n中|文字"},
		{"pgdown", 30, "|1\n2\n3\n4\n5\n6", []string{"pgdown"}, "1\n2\n3\n|4\n5\n6"},
		{"pgup", 30, "1\n2\n3\n4\n5\n6|", []string{"pgup"}, "1\n2\n3|\n4\n5\n6"},
		{"alt+runes not typed", 30, "ab|", []string{"alt+d"}, "ab|"},
		{"tab not typed", 30, "ab|", []string{"tab", "esc"}, "ab|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := modelAt(t, tt.width, 3, tt.before)
			m = press(m, tt.keys...)
			if got := withCursor(m); got != tt.after {
				t.Errorf("after %v: got %q, want %q", tt.keys, got, tt.after)
			}
			checkModel(t, m)
		})
	}
}

// modelAt returns a focused editor holding before with the cursor at its |.
func modelAt(t *testing.T, w, h int, before string) Model {
	t.Helper()
	i := strings.Index(before, "|")
	if i < 0 {
		t.Fatalf("no cursor in %q", before)
	}
	m := newModel(w, h, before[:i]+before[i+1:])
	line := strings.Count(before[:i], "\n")
	col := utf8.RuneCountInString(before[strings.LastIndex(before[:i], "\n")+1 : i])
	m.SetCursor(line, col)
	return m
}

// withCursor returns the text with | at the cursor.
func withCursor(m Model) string {
	line, col := m.CursorPosition()
	lines := strings.Split(m.Value(), "\n")
	r := []rune(lines[line])
	lines[line] = string(r[:col]) + "|" + string(r[col:])
	return strings.Join(lines, "\n")
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"", 5, []string{""}},
		{"abc", 5, []string{"abc"}},
		{"abcde", 5, []string{"abcde", ""}}, // a full last row leaves room for the cursor below
		{"the quick brown fox", 10, []string{"the quick ", "brown fox"}},
		{"aaaa bbbb cccc", 10, []string{"aaaa bbbb ", "cccc"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}}, // a long word is broken
		{"ab abcdefghijkl", 5, []string{"ab ", "abcde", "fghij", "kl"}},
		{"中文字符测试", 5, []string{"中文", "字符", "测试"}}, // a wide character is never split
		{"a中文字", 4, []string{"a中", "文字", ""}},
		{"a👩‍👩‍👧b", 2, []string{"a", "👩‍👩‍👧", "b"}},
		{"e\u0301e\u0301e\u0301", 2, []string{"e\u0301e\u0301", "e\u0301"}},
		{"a\tb", 4, []string{"a", "\t", "b"}},
		{"x\x1b[2J", 3, []string{"x\x1b[", "2J"}},
		{"中", 1, []string{"中", ""}}, // too wide for any row: shown as ?
	}
	for _, tt := range tests {
		if got := wrapped(tt.text, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestViewRowsFitExactly(t *testing.T) {
	texts := []string{
		"", "short", strings.Repeat("word ", 50), "中文字符测试中文字符测试 mixed with ascii 中文",
		"👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧 🇳🇿🇳🇿 ❤️ e\u0301 x\u20dd", "tabs\t\tand\tmore\t",
		"\x1b]0;evil\x07 \u009b2J \u202eevil\u202c \x7f", "\u0301\u0301 lone marks \u200d",
		strings.Repeat("a", 100) + "\n\n" + strings.Repeat("中", 30),
		"\x1b\ufe0f symbol then selector", "\t\u0301 tab then mark",
	}
	for _, text := range texts {
		for w := 1; w <= 24; w++ {
			m := newModel(w, 4, text)
			checkModel(t, m)
			m.SetCursor(0, 0)
			checkModel(t, m)
			for range 12 {
				m = press(m, "down")
				checkModel(t, m)
			}
			m.Blur()
			checkModel(t, m)
		}
	}
}

func TestViewShowsRowsWithCursor(t *testing.T) {
	m := newModel(10, 4, "aaaa bbbb cccc\n中文")
	got := m.View()
	want := "aaaa bbbb \ncccc      \n中文" + reverse(" ") + "     \n          "
	if got != want {
		t.Errorf("view:\n%q\nwant\n%q", got, want)
	}
	m.Blur()
	if strings.Contains(m.View(), "\x1b") {
		t.Errorf("blurred view shows a cursor: %q", m.View())
	}
}

func reverse(s string) string { return "\x1b[7m" + s + "\x1b[27m" }

// With no colour, as NO_COLOR gives, lipgloss draws reverse as nothing; the
// cursor must show anyway.
func TestCursorVisibleWithoutColour(t *testing.T) {
	m := newModel(10, 2, "ab")
	m.Styles.Cursor = lipgloss.NewStyle().Reverse(true)
	m.SetCursor(0, 1)
	if got := strings.Split(m.View(), "\n")[0]; got != "a"+reverse("b")+"        " {
		t.Errorf("row = %q", got)
	}
	m.Styles.Cursor = lipgloss.NewStyle() // even with no style at all
	if !strings.Contains(m.View(), reverse("b")) {
		t.Errorf("no cursor in %q", m.View())
	}
}

func TestCursorOnWideAndControl(t *testing.T) {
	m := newModel(10, 1, "中\x1b")
	m.SetCursor(0, 0)
	if got := m.View(); got != reverse("中")+"␛       " {
		t.Errorf("view = %q", got)
	}
	m.SetCursor(0, 1)
	if got := m.View(); got != "中"+reverse("␛")+"       " {
		t.Errorf("view = %q", got)
	}
}

func TestControlCharactersShowAsSymbols(t *testing.T) {
	evil := "\x1b]0;evil\x07"
	for name, msg := range map[string]Model{
		"typed":  press(newModel(40, 3, ""), "type:"+evil),
		"pasted": func() Model { m, _ := newModel(40, 3, "").Update(paste(evil)); return m }(),
		"loaded": newModel(40, 3, evil),
	} {
		m := msg
		if m.Value() != evil {
			t.Errorf("%s: value %q, want it kept as it was", name, m.Value())
		}
		for _, v := range []string{m.View(), func() string { m.Blur(); return m.View() }()} {
			plain := sgr.ReplaceAllString(v, "")
			if strings.ContainsAny(plain, "\x1b\x07") {
				t.Errorf("%s: view has ESC or BEL: %q", name, v)
			}
			if !strings.Contains(plain, "␛]0;evil␇") {
				t.Errorf("%s: view %q does not show the symbols", name, v)
			}
		}
	}
	m := newModel(40, 1, "\u009b\u202e\u2066\x7f\x00\r")
	m.Blur()
	if got := strings.TrimRight(m.View(), " "); got != "\uFFFD\uFFFD\uFFFD␡␀␍" {
		t.Errorf("view = %q", got)
	}
}

// The editor's idea of what needs a symbol must match termsafe's.
func TestNeedsCareMatchesTermsafe(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if r == '\n' || r == '\t' {
			continue
		}
		if got, want := needsCare(r), !termsafe.Safe(string(r)); got != want {
			t.Errorf("needsCare(%U) = %v, termsafe says %v", r, got, want)
		}
		if needsCare(r) && symbol(r) != termsafe.Line(string(r)) && r != '\r' {
			t.Errorf("symbol(%U) = %q, termsafe shows %q", r, symbol(r), termsafe.Line(string(r)))
		}
	}
}

func TestScrollKeepsCursorVisible(t *testing.T) {
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "line %d %s\n", i, strings.Repeat("word ", i%7))
	}
	m := newModel(12, 5, b.String())
	checkModel(t, m)
	for _, seq := range [][]string{
		{"ctrl+home"}, {"down"}, {"pgdown"}, {"pgdown"}, {"up"}, {"pgup"}, {"ctrl+end"},
		{"pgup"}, {"pgup"}, {"alt+left"}, {"home"}, {"ctrl+home"}, {"pgup"},
	} {
		for range 20 {
			m = press(m, seq...)
			checkModel(t, m)
		}
	}
	// Narrowing rewraps everything; the cursor stays in view.
	m.SetCursor(150, 3)
	m.SetWidth(5)
	checkModel(t, m)
	m.SetWidth(40)
	m.SetHeight(2)
	checkModel(t, m)
}

func TestPageDownMovesViewAndCursorTogether(t *testing.T) {
	var lines []string
	for i := range 20 {
		lines = append(lines, fmt.Sprint(i))
	}
	m := newModel(10, 5, strings.Join(lines, "\n"))
	m.CursorStart()
	m = press(m, "down", "pgdown")
	if l, _ := m.CursorPosition(); l != 6 {
		t.Errorf("cursor on line %d, want 6", l)
	}
	if first := strings.TrimSpace(strings.Split(m.View(), "\n")[0]); first != "5" {
		t.Errorf("first row %q, want 5", first)
	}
}

func TestUndoRedo(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		after string // text with cursor after the keys
	}{
		{"typing is one step per word", []string{"type:h", "type:i", "type: ", "type:y", "type:o", "ctrl+z"}, "hi|"},
		{"undo twice", []string{"type:hi", "type: yo", "ctrl+z", "ctrl+z"}, "|"},
		{"redo", []string{"type:hi", "type: yo", "ctrl+z", "ctrl+z", "ctrl+y"}, "hi|"},
		{"redo all", []string{"type:hi", "type: yo", "ctrl+z", "ctrl+z", "ctrl+y", "ctrl+y"}, "hi yo|"},
		{"a move ends a step", []string{"type:ab", "left", "type:X", "ctrl+z"}, "a|b"},
		{"enter is a step", []string{"type:ab", "enter", "type:cd", "ctrl+z"}, "ab\n|"},
		{"enter undone", []string{"type:ab", "enter", "ctrl+z"}, "ab|"},
		{"backspaces join", []string{"type:abc", "left", "type: ", "backspace", "backspace", "backspace", "ctrl+z"}, "ab |c"},
		{"typing after backspace is a new step", []string{"type:abc", "backspace", "type:X", "ctrl+z"}, "ab|"},
		{"deletes join", []string{"type:abcd", "home", "delete", "delete", "ctrl+z"}, "|abcd"},
		{"word delete", []string{"type:one two", "ctrl+w", "ctrl+z"}, "one two|"},
		{"kill", []string{"type:one two", "home", "ctrl+k", "ctrl+z"}, "|one two"},
		{"new edit clears redo", []string{"type:ab", "ctrl+z", "type:c", "ctrl+y"}, "c|"},
		{"nothing to undo", []string{"ctrl+z", "ctrl+y"}, "|"},
		{"paste is one step", []string{"type:a ", "type:b", "paste:x\ny z", "ctrl+z"}, "a b|"},
		{"undo paste then redo", []string{"paste:x\ny", "ctrl+z", "ctrl+y"}, "x\ny|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(20, 3, "")
			for _, k := range tt.keys {
				if s, ok := strings.CutPrefix(k, "paste:"); ok {
					m, _ = m.Update(paste(s))
				} else {
					m = press(m, k)
				}
				checkModel(t, m)
			}
			if got := withCursor(m); got != tt.after {
				t.Errorf("got %q, want %q", got, tt.after)
			}
		})
	}
}

func TestUndoHistoryIsBounded(t *testing.T) {
	m := newModel(20, 3, "")
	for range maxUndoSteps + 500 {
		m = press(m, "type:x", "left")
	}
	if n := len(m.ed.undo); n != maxUndoSteps {
		t.Errorf("%d undo steps kept, want %d", n, maxUndoSteps)
	}
	big := strings.Repeat("y", maxUndoBytes/3)
	for range 5 {
		m, _ = m.Update(paste(big))
	}
	if m.ed.undoBytes > maxUndoBytes {
		t.Errorf("undo holds %d bytes, budget %d", m.ed.undoBytes, maxUndoBytes)
	}
	huge := strings.Repeat("z", maxUndoBytes+1)
	before := m.Value()
	m, _ = m.Update(paste(huge))
	m = press(m, "ctrl+z")
	if m.Value() != before {
		t.Error("a paste larger than the budget cannot be undone")
	}
	for range maxUndoSteps + 10 {
		m = press(m, "ctrl+z")
	}
	checkModel(t, m)
}

func TestPaste(t *testing.T) {
	m := newModel(20, 3, "ab")
	m.SetCursor(0, 1)
	m, _ = m.Update(paste("1\r\n2\r3\n4"))
	if got := withCursor(m); got != "a1\n2\n3\n4|b" {
		t.Errorf("got %q", got)
	}
	// A paste never triggers a key binding.
	m, _ = m.Update(paste("ctrl+z"))
	if !strings.Contains(m.Value(), "ctrl+z") {
		t.Errorf("paste taken as a key: %q", m.Value())
	}
	checkModel(t, m)

	// Fast typing with a carriage return in it is normalised the same way.
	m = newModel(20, 3, "")
	m, _ = m.Update(runes("a\rb"))
	if m.Value() != "a\nb" {
		t.Errorf("got %q", m.Value())
	}
}

func TestLargePasteIsOneStep(t *testing.T) {
	text := words20k(5) // ~120 KB with line breaks
	text = strings.ReplaceAll(text, "\n", "\r\n")
	m := newModel(80, 24, "start end")
	m.SetCursor(0, 6)
	m, _ = m.Update(paste(text))
	want := "start " + strings.ReplaceAll(text, "\r\n", "\n") + "end"
	if m.Value() != want {
		t.Fatal("paste not inserted exactly")
	}
	checkModel(t, m)
	if len(m.ed.undo) != 1 {
		t.Errorf("%d undo steps, want 1", len(m.ed.undo))
	}
	m = press(m, "ctrl+z")
	if m.Value() != "start end" {
		t.Errorf("after undo: %q", m.Value())
	}
}

func TestManyLinesKept(t *testing.T) {
	const n = 200_000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	text := b.String()
	m := newModel(80, 10, text)
	if m.LineCount() != n+1 || m.Value() != text {
		t.Fatalf("got %d lines", m.LineCount())
	}
	m = press(m, "up", "end", "type:!")
	if !strings.HasSuffix(m.Value(), "line 199999!\n") {
		t.Errorf("end of text: %q", m.Value()[len(m.Value())-30:])
	}
	if !strings.Contains(m.View(), "line 199999!") {
		t.Errorf("view:\n%s", m.View())
	}
	m = press(m, "ctrl+home", "enter")
	if m.LineCount() != n+2 {
		t.Errorf("got %d lines", m.LineCount())
	}
	checkModel(t, m)
}

func TestPlaceholder(t *testing.T) {
	m := New()
	m.SetWidth(12)
	m.SetHeight(3)
	m.Placeholder = "Write here\n\x1bwhat\tyou like, at length"
	if got, want := m.View(), "Write here  \n␛what    you\n            "; got != want {
		t.Errorf("blurred view %q, want %q", got, want)
	}
	m.Focus()
	if got := strings.Split(m.View(), "\n")[0]; got != reverse("W")+"rite here  " {
		t.Errorf("focused first row %q", got)
	}
	m = press(m, "type:x")
	if got := strings.Split(m.View(), "\n")[0]; got != "x"+reverse(" ")+"          " {
		t.Errorf("first row %q", got)
	}
}

func TestSetWidthKeepsTopText(t *testing.T) {
	var lines []string
	for i := range 50 {
		lines = append(lines, fmt.Sprintf("line %02d %s", i, strings.Repeat("x ", 10)))
	}
	m := newModel(30, 5, strings.Join(lines, "\n"))
	m.SetCursor(25, 0)
	m.SetHeight(4)
	m.SetWidth(10)
	checkModel(t, m)
	if !strings.Contains(sgr.ReplaceAllString(m.View(), ""), "line 25") {
		t.Errorf("view:\n%s", m.View())
	}
}

// Typing through a long paragraph keeps every cached wrap equal to a fresh
// one; checkModel compares them.
func TestIncrementalWrapMatchesFull(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", " ", "  ", "中", "e\u0301", "\u0301", "👩‍👩", "\u200d👧", "🇳", "\t", "\x1b", "xxxxxxxxxxxxxxxxxxxxxxxxx"}
	for _, w := range []int{1, 2, 3, 7, 20} {
		var b strings.Builder
		for range 300 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		m := newModel(w, 4, b.String())
		for range 300 {
			m.SetCursor(0, rng.IntN(m.Len()+1))
			switch rng.IntN(4) {
			case 0:
				m = press(m, "backspace")
			case 1:
				m = press(m, "delete")
			case 2:
				m = press(m, "ctrl+w")
			default:
				m = press(m, "type:"+pieces[rng.IntN(len(pieces))])
			}
			checkModel(t, m)
		}
	}
}

func TestWordCount(t *testing.T) {
	m := newModel(20, 3, "one two\nthree")
	m.SetCursor(0, 3)
	for _, k := range []string{"delete", "type:\n", "backspace", "type: ", "type:\u00a0x", "enter", "ctrl+k", "ctrl+z", "ctrl+z", "ctrl+y"} {
		m = press(m, k)
		checkModel(t, m)
	}
}

func TestIgnoresKeysWhenBlurred(t *testing.T) {
	m := newModel(20, 3, "ab")
	m.Blur()
	m = press(m, "type:x", "backspace")
	if m.Value() != "ab" {
		t.Errorf("blurred editor changed: %q", m.Value())
	}
	if ansi.StringWidth(strings.Split(m.View(), "\n")[0]) != 20 {
		t.Error("bad view")
	}
}
