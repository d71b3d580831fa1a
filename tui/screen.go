package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// screen is one page of the interface. The root keeps a stack of them: the
// top one gets keys; every one gets the other messages, so results of
// background work reach their owner even while it is covered.
type screen interface {
	Init() tea.Cmd
	// Update handles a message; screens keep their state behind a pointer.
	Update(msg tea.Msg) tea.Cmd
	View() string
	// SetSize gives the screen the body area: the window less header and footer.
	SetSize(width, height int)
	// Title names the screen in the header.
	Title() string
	// Keys are the screen's bindings, for the help bar and the full help.
	Keys() keyMap
	// Typing reports whether a text field has focus, so single-letter global
	// keys (q, ?) go to the field instead.
	Typing() bool
}

// quitter is a screen with something to keep before the program ends (a draft).
type quitter interface {
	BeforeQuit() tea.Cmd
}

// Navigation and shared messages.
type (
	// pushMsg opens a screen on top of the current one.
	pushMsg struct{ s screen }
	// popMsg closes the top screen.
	popMsg struct{}
	// closeOverlayMsg closes the overlay ("Need help now?").
	closeOverlayMsg struct{}
	// replaceMsg swaps the top screen for another.
	replaceMsg struct{ s screen }
	// quitMsg asks the root to end the program, keeping drafts first.
	quitMsg struct{}
	// changedMsg tells every screen that the journal changed, so each can reload.
	changedMsg struct{}
	// statusMsg shows a short note in the footer for a few seconds.
	statusMsg struct {
		text    string
		problem bool
	}
	// clearStatusMsg hides the note it names, if it still shows.
	clearStatusMsg struct{ id int }
	// dimensionsLoadedMsg carries the person's dimensions to every screen.
	dimensionsLoadedMsg struct {
		dims journal.Dimensions
		err  error
	}
)

func push(s screen) tea.Cmd    { return func() tea.Msg { return pushMsg{s} } }
func replace(s screen) tea.Cmd { return func() tea.Msg { return replaceMsg{s} } }
func pop() tea.Msg             { return popMsg{} }
func closeOverlay() tea.Msg    { return closeOverlayMsg{} }
func changed() tea.Msg         { return changedMsg{} }
func quit() tea.Msg            { return quitMsg{} }

// status shows a note; problem notes say what happened and what to do next.
func status(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

// problem turns an error into a plain sentence in the footer.
func problem(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: journal.Explain(err), problem: true} }
}

// statusFor is how long a note stays.
const statusFor = 4 * time.Second
