package tui

import (
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
		if d.IsSession() && sessionSummarised(repo, d.Session) {
			// The summary was confirmed just before the program ended, its
			// draft not yet cleared: there is nothing left to offer.
			_ = repo.ClearDraft()
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

// sessionSummarised reports whether a session's summary is already in the
// journal (in the trash or not).
func sessionSummarised(repo journal.Repository, session string) bool {
	for _, trash := range []bool{false, true} {
		page, err := repo.List(journal.Query{Session: session, Kinds: []journal.Kind{journal.KindSession}, Trash: trash, Limit: 1})
		if err == nil && page.Total > 0 {
			return true
		}
	}
	return false
}
