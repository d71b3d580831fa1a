package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// exportFormats are what the export screen offers, in order.
var exportFormats = []struct{ format, name, about string }{
	{"markdown", "Markdown", "to read, print or bring to an appointment"},
	{"json", "JSON", "everything, to keep or to move to another computer"},
}

// exportScreen writes the whole journal to a file the person can take away.
// The writing itself belongs to the command line (Options.Export), so this
// package stays free of file formats.
type exportScreen struct {
	c       *common
	cursor  int
	working bool
	done    string
	width   int
}

type exportedMsg struct {
	path string
	err  error
}

var keyExport = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export"))

func newExportScreen(c *common) *exportScreen { return &exportScreen{c: c} }

func (s *exportScreen) Init() tea.Cmd        { return nil }
func (s *exportScreen) Title() string        { return "Export" }
func (s *exportScreen) Typing() bool         { return false }
func (s *exportScreen) SetSize(width, _ int) { s.width = width }
func (s *exportScreen) Keys() keyMap {
	b := []key.Binding{keyUp, keyDown, keyExport, keyBack}
	return keyMap{short: b, full: [][]key.Binding{b}}
}

func (s *exportScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case exportedMsg:
		s.working = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.done = msg.path
		return status("Exported.")
	case tea.KeyMsg:
		if s.working {
			return nil
		}
		switch {
		case key.Matches(msg, keyUp):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, keyDown):
			s.cursor = min(s.cursor+1, len(exportFormats)-1)
		case key.Matches(msg, keyBack):
			return pop
		case key.Matches(msg, keyExport):
			export := s.c.opts.Export
			if export == nil {
				return status("Export isn't available here; try waymark export from the command line.")
			}
			s.working, s.done = true, ""
			format := exportFormats[s.cursor].format
			return func() tea.Msg {
				path, err := export(format)
				return exportedMsg{path: path, err: err}
			}
		}
	}
	return nil
}

func (s *exportScreen) View() string {
	st := s.c.styles
	var b strings.Builder
	b.WriteString("Take everything you've written with you, in an open format.\n\n")
	for i, f := range exportFormats {
		line := f.name + st.Subtle.Render(" · "+f.about)
		if i == s.cursor {
			b.WriteString(st.Selected.Render("› "+f.name) + st.Subtle.Render(" · "+f.about) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	b.WriteString("\n")
	switch {
	case s.working:
		b.WriteString(st.Subtle.Render("Exporting…"))
	case s.done != "":
		b.WriteString(wrap("Saved to "+s.done+" (readable by you alone).", min(s.width, 72)) + "\n")
		if s.c.encrypted() {
			b.WriteString(st.Problem.Render(wrap("This copy isn't protected by your passphrase. Keep it somewhere safe, or remove it when you're done.", min(s.width, 72))))
		}
	default:
		b.WriteString(st.Subtle.Render(wrap("The file goes in your home folder; nothing is sent anywhere.", min(s.width, 72))))
	}
	return b.String()
}
