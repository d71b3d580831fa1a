package textedit

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
)

// words20k returns 20,000 words of journal-like text (about 120 KB), with a
// line break after every perLine words, or none when perLine is 0.
func words20k(perLine int) string {
	vocab := strings.Fields(`the morning was quiet and I walked along the river thinking about
		what my sister said yesterday about moving away from the city
		sometimes it feels like everything changes at once but then nothing
		really does journal entry remembering gratitude tired coffee rain`)
	rng := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	for i := range 20_000 {
		if i > 0 {
			if perLine > 0 && i%perLine == 0 {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(vocab[rng.IntN(len(vocab))])
	}
	return b.String()
}

// wide120KB returns one paragraph of 40,000 CJK characters and no spaces
// (120 KB): every row after an edit shifts, the worst case for rewrapping.
func wide120KB() string {
	rng := rand.New(rand.NewPCG(9, 9))
	var b strings.Builder
	for range 40_000 {
		b.WriteRune(rune(0x4e00 + rng.IntN(2000)))
	}
	return b.String()
}

var shapes = []struct {
	name    string
	perLine int // words a line; 0 for one paragraph
}{
	{"OneParagraph", 0},
	{"Lines", 10}, // ~2,000 lines
}

func BenchmarkKeystroke20kWords(b *testing.B) {
	for _, sh := range append(shapes, struct {
		name    string
		perLine int
	}{"WideNoSpaces", -1}) {
		b.Run(sh.name, func(b *testing.B) {
			text := words20k(sh.perLine)
			if sh.perLine < 0 {
				text = wide120KB()
			}
			m := newModel(80, 30, text)
			line := m.LineCount() / 2
			m.SetCursor(line, len([]rune(strings.Split(text, "\n")[line]))/2)
			_ = m.View()
			key := runes("x")
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				m, _ = m.Update(key)
				_ = m.View()
			}
		})
	}
}

// BenchmarkKeystrokeWithCount also reads Value and WordCount per key, as
// the writing screen does to show the count and notice changes.
func BenchmarkKeystrokeWithCount20kWords(b *testing.B) {
	text := words20k(0)
	m := newModel(80, 30, text)
	m.SetCursor(0, len(text)/2)
	key := runes("x")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m, _ = m.Update(key)
		_ = m.View()
		_ = m.WordCount()
		_ = m.Version()
	}
}

func BenchmarkPaste100KB(b *testing.B) {
	text := words20k(10)[:100_000]
	msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for range b.N {
		m := newModel(80, 30, "before after")
		m.SetCursor(0, 7)
		m, _ = m.Update(msg)
		_ = m.View()
	}
}

func BenchmarkOpen20kWords(b *testing.B) {
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			text := words20k(sh.perLine)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for range b.N {
				m := New()
				m.SetWidth(80)
				m.SetHeight(30)
				m.SetValue(text)
				m.Focus()
				_ = m.View()
			}
		})
	}
}

// textareaKeys caps the keys BenchmarkTextareaKeystroke20kWords types.
const textareaKeys = 20

// BenchmarkTextareaKeystroke20kWords measures bubbles' textarea the same
// way, for comparison. It is slow, so it types only a few keys (ns/op is
// per key all the same).
func BenchmarkTextareaKeystroke20kWords(b *testing.B) {
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			text := words20k(sh.perLine)
			ta := textarea.New()
			ta.ShowLineNumbers = false
			ta.CharLimit = 0
			ta.MaxHeight = 0
			ta.MaxWidth = 0
			ta.SetWidth(80)
			ta.SetHeight(30)
			ta.SetValue(text)
			ta.Focus()
			// To the middle: up half the lines, then half along the line.
			for range ta.LineCount() / 2 {
				ta.CursorUp()
			}
			ta.SetCursor(len(text) / max(2*ta.LineCount(), 1))
			_ = ta.View()
			key := runes("x")
			// Tens of milliseconds a key: type at most textareaKeys
			// whatever b.N is, and report the time per key as ns/op.
			n := min(b.N, textareaKeys)
			b.ResetTimer()
			for range n {
				ta, _ = ta.Update(key)
				_ = ta.View()
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/op")
		})
	}
}
