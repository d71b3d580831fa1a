package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// promptsScreen edits one area's reflection prompts, one per line: the ones
// Waymark offers and any the person writes. The writing screen offers them
// with ctrl+p.
type promptsScreen struct {
	c      *common
	area   journal.Dimension
	text   textarea.Model
	start  string
	asking bool
	saving bool
	width  int
	height int
}

type promptsSavedMsg struct {
	owner *promptsScreen
	err   error
}

var pkeys = struct{ Save, Back key.Binding }{
	Save: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
	Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
}

func newPromptsScreen(c *common, area journal.Dimension) *promptsScreen {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "• "
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Placeholder = "A question you'd like to be asked, one per line"
	plain := lipgloss.NewStyle()
	for _, st := range []*textarea.Style{&ta.FocusedStyle, &ta.BlurredStyle} {
		st.CursorLine, st.Base, st.EndOfBuffer = plain, plain, plain
		st.Text, st.Placeholder, st.Prompt = c.styles.Normal, c.styles.Subtle, c.styles.Subtle
	}
	lines := make([]string, len(area.Prompts))
	for i, p := range area.Prompts {
		lines[i] = termsafe.Line(p)
	}
	start := strings.Join(lines, "\n")
	ta.SetValue(start)
	ta.Focus()
	return &promptsScreen{c: c, area: area, text: ta, start: start}
}

func (p *promptsScreen) Init() tea.Cmd { return textarea.Blink }
func (p *promptsScreen) Title() string {
	return "Prompts for " + termsafe.Line(p.area.Name)
}
func (p *promptsScreen) Typing() bool { return !p.asking }

func (p *promptsScreen) Keys() keyMap {
	if p.asking {
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	}
	return keyMap{short: []key.Binding{pkeys.Save, pkeys.Back}, full: [][]key.Binding{{pkeys.Save, pkeys.Back}}}
}

func (p *promptsScreen) SetSize(width, height int) {
	p.width, p.height = width, height
	p.text.SetWidth(max(width-2, 10))
	p.text.SetHeight(max(height-5, 3))
}

func (p *promptsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case promptsSavedMsg:
		if msg.owner != p {
			return nil
		}
		p.saving = false
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(pop, status("Saved."), changed)
	case tea.KeyMsg:
		if p.asking {
			switch {
			case key.Matches(msg, keyYes):
				return pop
			case key.Matches(msg, keyNo):
				p.asking = false
			}
			return nil
		}
		switch {
		case key.Matches(msg, pkeys.Save):
			return p.save()
		case key.Matches(msg, pkeys.Back):
			if p.text.Value() != p.start {
				p.asking = true
				return nil
			}
			return pop
		}
	}
	var cmd tea.Cmd
	p.text, cmd = p.text.Update(msg)
	return cmd
}

func (p *promptsScreen) save() tea.Cmd {
	if p.saving {
		return nil
	}
	p.saving = true
	id, lines, repo := p.area.ID, strings.Split(p.text.Value(), "\n"), p.c.repo
	return func() tea.Msg {
		dims, err := repo.Dimensions()
		if err == nil {
			dims, err = dims.SetPrompts(id, lines)
		}
		if err == nil {
			err = repo.SaveDimensions(dims)
		}
		return promptsSavedMsg{owner: p, err: err}
	}
}

func (p *promptsScreen) View() string {
	st := p.c.styles
	intro := st.Subtle.Render(truncate("Questions to reflect on in this area, one per line. Add your own, change or remove any.", p.width))
	foot := st.Subtle.Render("When writing, ctrl+p offers these.")
	if p.asking {
		foot = st.Problem.Render("Let go of these changes? y / n")
	}
	return strings.Join([]string{intro, "", st.Focused.Render(p.text.View()), foot}, "\n")
}
