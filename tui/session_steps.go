package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// maxStepRunes bounds one next step; a step is a line, not an essay.
const maxStepRunes = 500

type stepsKeys struct {
	Add, Edit, Remove, Back, Keep, Cancel key.Binding
}

var skeys = stepsKeys{
	Add:    key.NewBinding(key.WithKeys("a", "n"), key.WithHelp("a", "add a step")),
	Edit:   key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "change")),
	Remove: key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the session")),
	Keep:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
	Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
}

// sessionStepsScreen is a small list of next steps in the person's words:
// add a line, change it, remove it. The steps are kept with the session (and
// as its draft, as they change) and saved as an entry only with the summary
// the person confirms.
type sessionStepsScreen struct {
	c      *common
	cursor int // len(steps) is the "add a step" row
	// editing is the step being written: -1 when none, len(steps) for a new one.
	editing int
	input   textinput.Model
	asking  bool // "remove this step?" is showing
	top     int  // the first row in view, when the steps are more than fit
	width   int
	height  int
}

func newSessionStepsScreen(c *common) *sessionStepsScreen {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.Placeholder = "A next step, in your words"
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	in.CharLimit = maxStepRunes
	s := &sessionStepsScreen{c: c, editing: -1, input: in}
	if c.session != nil && len(c.session.steps) == 0 {
		// With nothing yet, start by writing the first step.
		s.startEditing(0)
	}
	return s
}

func (s *sessionStepsScreen) steps() []string {
	if s.c.session == nil {
		return nil
	}
	return s.c.session.steps
}

func (s *sessionStepsScreen) Init() tea.Cmd { return nil }
func (s *sessionStepsScreen) Title() string { return "Next steps" }
func (s *sessionStepsScreen) Typing() bool  { return s.editing >= 0 && !s.asking }
func (s *sessionStepsScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.input.Width = max(min(width, 72)-6, 1)
}

func (s *sessionStepsScreen) Keys() keyMap {
	switch {
	case s.asking:
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	case s.editing >= 0:
		b := []key.Binding{skeys.Keep, skeys.Cancel}
		return keyMap{short: b, full: [][]key.Binding{b}}
	}
	if s.cursor >= len(s.steps()) {
		// On "+ Add a step" there is nothing to change or remove: enter adds
		// a step, as a does.
		add := withHelp(skeys.Edit, "enter", "add a step")
		return keyMap{
			short: []key.Binding{add, skeys.Back},
			full:  [][]key.Binding{{keyUp, keyDown, add, skeys.Add}, {skeys.Back}},
		}
	}
	return keyMap{
		short: []key.Binding{skeys.Add, skeys.Edit, skeys.Remove, skeys.Back},
		full:  [][]key.Binding{{keyUp, keyDown, skeys.Add}, {skeys.Edit, skeys.Remove, skeys.Back}},
	}
}

func (s *sessionStepsScreen) startEditing(i int) tea.Cmd {
	s.editing = i
	s.input.Reset()
	if i < len(s.steps()) {
		s.input.SetValue(s.steps()[i])
		s.input.CursorEnd()
	}
	return s.input.Focus()
}

func (s *sessionStepsScreen) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok || s.c.session == nil {
		return nil
	}
	sess := s.c.session
	if s.asking {
		switch {
		case key.Matches(km, keyYes):
			s.asking = false
			if s.cursor < len(sess.steps) {
				sess.steps = append(sess.steps[:s.cursor:s.cursor], sess.steps[s.cursor+1:]...)
			}
			return tea.Batch(status("Removed."), keepSessionDraft(s.c))
		case key.Matches(km, keyNo):
			s.asking = false
		}
		return nil
	}
	if s.editing >= 0 {
		switch {
		case key.Matches(km, skeys.Keep):
			text := strings.TrimSpace(s.input.Value())
			isNew := s.editing >= len(sess.steps)
			switch {
			case text == "":
				// An empty line keeps nothing; the step as it was stays.
			case s.editing < len(sess.steps):
				sess.steps[s.editing] = text
			default:
				sess.steps = append(sess.steps, text)
			}
			s.cursor = min(s.editing, len(sess.steps))
			if text != "" && isNew {
				s.cursor = len(sess.steps) // ready for the next one
			}
			s.editing = -1
			s.input.Blur()
			if text != "" {
				return keepSessionDraft(s.c)
			}
		case key.Matches(km, skeys.Cancel):
			s.editing = -1
			s.input.Blur()
		default:
			var cmd tea.Cmd
			s.input, cmd = s.input.Update(km)
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(km, keyUp):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(km, keyDown):
		s.cursor = min(s.cursor+1, len(sess.steps))
	case key.Matches(km, skeys.Add):
		return s.startEditing(len(sess.steps))
	case key.Matches(km, skeys.Edit):
		return s.startEditing(s.cursor)
	case key.Matches(km, skeys.Remove):
		if s.cursor < len(sess.steps) {
			s.asking = true
		}
	case key.Matches(km, skeys.Back):
		return pop
	}
	return nil
}

func (s *sessionStepsScreen) View() string {
	st := s.c.styles
	width := min(max(s.width, 20), 72)
	steps := s.steps()
	lines := []string{
		st.Title.Render("What will you do next? Say it your way."),
		st.Subtle.Render(truncate("These are kept with the summary you confirm at the end.", width)),
		"",
	}
	var rows []string
	for i, step := range steps {
		lead := fmt.Sprintf("%d. ", i+1)
		if i == s.editing {
			rows = append(rows, truncate("› "+lead+s.input.View(), width))
			continue
		}
		row := safeLine(lead+step, width-2)
		if i == s.cursor && s.editing < 0 {
			rows = append(rows, st.Selected.Render("› "+row))
		} else {
			rows = append(rows, "  "+row)
		}
	}
	switch {
	case s.editing == len(steps):
		rows = append(rows, truncate("› "+fmt.Sprintf("%d. ", len(steps)+1)+s.input.View(), width))
	case s.cursor == len(steps) && s.editing < 0:
		rows = append(rows, st.Selected.Render("› + Add a step"))
	default:
		rows = append(rows, "  + Add a step")
	}
	var question []string
	if s.asking {
		question = []string{"", st.Problem.Render("Remove this step? y / n")}
	}
	// More steps than fit: scroll so the row being chosen or written shows.
	room := len(rows)
	if s.height > 0 {
		room = max(s.height-len(lines)-len(question), 1)
	}
	at := s.cursor
	if s.editing >= 0 {
		at = s.editing
	}
	s.top = min(s.top, at)
	if at >= s.top+room {
		s.top = at - room + 1
	}
	s.top = max(min(s.top, len(rows)-room), 0)
	lines = append(lines, rows[s.top:min(s.top+room, len(rows))]...)
	return strings.Join(append(lines, question...), "\n")
}
