package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is a screen's bindings, as the help bar and full help show them.
type keyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return k.short }
func (k keyMap) FullHelp() [][]key.Binding { return k.full }

// globalKeys work on every screen (some only when no text field has focus).
type globalKeys struct {
	Quit  key.Binding
	Help  key.Binding
	Close key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Quit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:  key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Close: key.NewBinding(key.WithKeys("esc", "?", "q"), key.WithHelp("esc", "close help")),
	}
}

// Bindings shared by several screens.
var (
	keyUp       = key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up"))
	keyDown     = key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down"))
	keyPageUp   = key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up"))
	keyPageDown = key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "page down"))
	keyOpen     = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
	keyBack     = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	keyYes      = key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes"))
	keyNo       = key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "no"))
)

// keyQuitHome quits from the home screen (elsewhere q is just a letter or back).
var keyQuitHome = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit"))

// Keys that work on every screen, typing or not.
var (
	// keyHelpNow opens "Need help now?": the person's supports and a crisis line.
	keyHelpNow = key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "need help now?"))
	// keyPresent switches the larger, clearer presentation for a shared screen.
	keyPresent = key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "larger view"))
)
