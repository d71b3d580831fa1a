package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// startScreen shows while the journal is read at start, then hands over to
// the welcome screen (first run) or home.
type startScreen struct {
	c   *common
	err error
}

type startLoadedMsg struct {
	fresh bool
	draft *journal.Draft
	err   error
}

func newStartScreen(c *common) *startScreen { return &startScreen{c: c} }

func (s *startScreen) Init() tea.Cmd {
	repo := s.c.repo
	return func() tea.Msg {
		fresh, err := repo.Fresh()
		if err != nil {
			return startLoadedMsg{err: err}
		}
		d, ok, err := repo.Draft()
		if err != nil || !ok {
			// A draft that can't be read must not keep the person out.
			return startLoadedMsg{fresh: fresh}
		}
		return startLoadedMsg{fresh: fresh, draft: &d}
	}
}

func (s *startScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case startLoadedMsg:
		if msg.err != nil {
			s.err = msg.err
			return nil
		}
		if msg.fresh {
			return replace(newWelcomeScreen(s.c, msg.draft))
		}
		return replace(newHomeScreen(s.c, msg.draft))
	case tea.KeyMsg:
		if s.err != nil && key.Matches(msg, keyQuitHome) {
			return quit
		}
	}
	return nil
}

func (s *startScreen) View() string {
	if s.err != nil {
		return s.c.styles.Problem.Render(journal.Explain(s.err))
	}
	return s.c.styles.Subtle.Render("Opening your journal…")
}

func (s *startScreen) SetSize(int, int) {}
func (s *startScreen) Title() string    { return "" }
func (s *startScreen) Typing() bool     { return false }
func (s *startScreen) Keys() keyMap {
	if s.err != nil {
		return keyMap{short: []key.Binding{keyQuitHome}, full: [][]key.Binding{{keyQuitHome}}}
	}
	return keyMap{}
}

// welcomeScreen asks, once, which life areas to start with.
type welcomeScreen struct {
	c      *common
	cursor int
	draft  *journal.Draft
	width  int
}

type begunMsg struct {
	dims journal.Dimensions
	err  error
}

var keyChoose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))

func newWelcomeScreen(c *common, draft *journal.Draft) *welcomeScreen {
	return &welcomeScreen{c: c, draft: draft}
}

func (w *welcomeScreen) Init() tea.Cmd { return nil }

func (w *welcomeScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keyUp):
			w.cursor = max(w.cursor-1, 0)
		case key.Matches(msg, keyDown):
			w.cursor = min(w.cursor+1, len(journal.StartingSets)-1)
		case key.Matches(msg, keyChoose):
			set := journal.StartingSets[w.cursor]
			repo := w.c.repo
			return func() tea.Msg {
				dims, err := repo.Begin(set)
				return begunMsg{dims: dims, err: err}
			}
		case key.Matches(msg, keyQuitHome):
			return quit
		}
	case begunMsg:
		if msg.err != nil {
			return problem(msg.err)
		}
		w.c.dims = msg.dims
		return tea.Batch(replace(newHomeScreen(w.c, w.draft)), changed)
	}
	return nil
}

func (w *welcomeScreen) View() string {
	st := w.c.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Welcome.") + "\n\n")
	b.WriteString("This journal is yours, and it stays on this computer.\n")
	b.WriteString("Which life areas would you like to start with?\n\n")
	for i, set := range journal.StartingSets {
		line := "  " + set.Name
		if i == w.cursor {
			line = st.Selected.Render("› " + set.Name)
		}
		b.WriteString(line + "\n")
		b.WriteString(st.Subtle.PaddingLeft(4).Width(max(w.width, 20)).Render(set.Description) + "\n")
	}
	b.WriteString("\n" + st.Subtle.Render("You can rename, add or archive areas at any time."))
	return b.String()
}

func (w *welcomeScreen) SetSize(width, _ int) { w.width = width }
func (w *welcomeScreen) Title() string        { return "Welcome" }
func (w *welcomeScreen) Typing() bool         { return false }
func (w *welcomeScreen) Keys() keyMap {
	return keyMap{
		short: []key.Binding{keyUp, keyDown, keyChoose},
		full:  [][]key.Binding{{keyUp, keyDown, keyChoose, keyQuitHome}},
	}
}
