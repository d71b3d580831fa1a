package textedit

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// fuzzKeys are the inputs FuzzEdit draws from: every key the editor knows,
// and text that is hard to lay out (wide, joined, combining, control).
var fuzzKeys = []string{
	"type:a", "type: ", "type:中", "type:👩‍👩‍👧", "type:\u0301", "type:\x1b", "type:e",
	"type:\t", "type:🇳", "type:\u200d", "type:\ufe0f", "type: \u00a0", "type:\u202e",
	"type:word ", "enter", "backspace", "delete", "left", "right", "up", "down",
	"home", "end", "ctrl+a", "ctrl+e", "ctrl+home", "ctrl+end", "pgup", "pgdown",
	"alt+left", "alt+right", "ctrl+left", "ctrl+right", "alt+b", "alt+f",
	"ctrl+w", "alt+backspace", "alt+d", "ctrl+k", "ctrl+u", "ctrl+z", "ctrl+y",
	"paste", "width", "height", "cursor", "blur",
}

// FuzzEdit runs random keys on random text: nothing panics, the text stays
// valid UTF-8, the counts stay right, every cached wrap matches a fresh one
// and the view is always Height rows of exactly Width cells with no raw
// control characters (checkModel).
func FuzzEdit(f *testing.F) {
	f.Add("hello world\nsecond line", []byte{0, 1, 14, 17, 33, 34, 28, 42}, uint8(10), uint8(3))
	f.Add("中文 👩‍👩‍👧 e\u0301\x1b]0;x\x07\n\n\t", []byte{2, 3, 4, 15, 16, 19, 20, 29, 30, 43, 44, 45}, uint8(3), uint8(2))
	f.Fuzz(func(t *testing.T, text string, ops []byte, w, h uint8) {
		m := newModel(int(w%40)+1, int(h%8)+1, text)
		checkModel(t, m)
		for i, op := range ops {
			switch k := fuzzKeys[int(op)%len(fuzzKeys)]; k {
			case "paste":
				m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x y\r\nz\rw 中\x07"), Paste: true})
			case "width":
				m.SetWidth(int(op/8)%30 + 1)
			case "height":
				m.SetHeight(int(op/8)%6 + 1)
			case "cursor":
				m.SetCursor(i%(m.LineCount()+1), int(op))
			case "blur":
				if m.Focused() {
					m.Blur()
				} else {
					m.Focus()
				}
			default:
				m = press(m, k)
			}
			checkModel(t, m)
		}
	})
}
