package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	jnames "github.com/waymark-journal/waymark/journal/names"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The journal picker: on a computer several people share, each has a
// journal of their own, and the full screen starts by asking which to open.
// It is a small program of its own, run before the journal's, so nothing of
// any journal is open (or unlocked) while it shows.

// JournalChoice is one journal the picker offers.
type JournalChoice struct {
	// Name is what the journal is called: jnames.Default for the usual one.
	Name string
	// Usual marks the journal Waymark opens when none is named.
	Usual bool
	// Protected is true when the journal needs a passphrase.
	Protected bool
	// Busy is true when the journal is open in another window.
	Busy bool
}

// JournalPick is what the person chose.
type JournalPick struct {
	// Name is the journal to open (jnames.Default for the usual one), or
	// the name of a new journal to start when New is true. It is empty when
	// the person left without choosing.
	Name string
	New  bool
}

// lockSymbol marks a journal protected by a passphrase (with words beside
// it: the symbol is never the only sign).
const lockSymbol = "🔒"

var (
	pickerOpen  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
	pickerNew   = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new journal"))
	pickerQuit  = key.NewBinding(key.WithKeys("q", "esc"), key.WithHelp("q", "quit"))
	pickerStart = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start it"))
	pickerBack  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	pickerCtrlC = key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))
)

// journalPicker lists the journals by name, a lock for those protected by a
// passphrase; n starts a new one, named with the same rules as --journal.
type journalPicker struct {
	styles  Styles
	help    help.Model
	choices []JournalChoice
	cursor  int
	naming  bool // typing a new journal's name
	input   textinput.Model
	note    string
	hidden  bool
	// helpNow is "Need help now?" while open: before any journal is open it
	// shows the crisis line alone.
	helpNow *helpNowScreen
	width   int
	height  int
	ready   bool
	done    bool
	pick    JournalPick
}

func newJournalPicker(choices []JournalChoice, plain bool) *journalPicker {
	st := NewStyles(plain)
	h := help.New()
	h.Styles = st.Help
	in := textinput.New()
	in.Prompt = "Name: "
	in.CharLimit = jnames.MaxLen
	return &journalPicker{styles: st, help: h, choices: choices, input: in}
}

// PickJournal shows the picker full screen, in the alternate screen so no
// journal's name is left in the terminal afterwards, and says what the
// person chose (an empty Name when they left).
func PickJournal(choices []JournalChoice) (JournalPick, error) {
	_, plain := os.LookupEnv("NO_COLOR")
	if !plain {
		// As Run does: ask the terminal before the program reads input.
		lipgloss.SetHasDarkBackground(termenv.HasDarkBackground())
	}
	m := newJournalPicker(choices, plain)
	final, err := tea.NewProgram(m, tea.WithAltScreen()).Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return JournalPick{}, fmt.Errorf("run the journal picker: %w", err)
	}
	if p, ok := final.(*journalPicker); ok {
		return p.pick, nil
	}
	return JournalPick{}, nil
}

func (p *journalPicker) Init() tea.Cmd { return nil }

func (p *journalPicker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.width, p.height, p.ready = msg.Width, msg.Height, true
		p.help.Width = msg.Width
		p.input.Width = max(msg.Width-len(p.input.Prompt)-2, 10)
		return p, nil
	case tea.KeyMsg:
		return p, p.handleKey(msg)
	case closeOverlayMsg:
		p.helpNow = nil
		return p, nil
	}
	if p.helpNow != nil {
		return p, p.helpNow.Update(msg)
	}
	if p.naming {
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return p, cmd
	}
	return p, nil
}

func (p *journalPicker) handleKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, pickerCtrlC) {
		return p.quit(JournalPick{})
	}
	if p.hidden {
		p.hidden = false
		return nil
	}
	if key.Matches(msg, keyHide) {
		p.hidden = true
		return nil
	}
	if p.helpNow != nil {
		return p.helpNow.Update(msg)
	}
	if key.Matches(msg, keyHelpNow) {
		p.helpNow = newHelpNowScreen(&common{styles: p.styles, now: time.Now})
		p.helpNow.SetSize(p.width, max(p.height-4, 1))
		return p.helpNow.Init()
	}
	if p.naming {
		return p.handleNaming(msg)
	}
	p.note = ""
	switch {
	case key.Matches(msg, keyUp):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, keyDown):
		p.cursor = min(p.cursor+1, len(p.choices)-1)
	case key.Matches(msg, pickerOpen):
		if len(p.choices) == 0 {
			return nil
		}
		c := p.choices[p.cursor]
		if c.Busy {
			p.note = "That journal is open in another window. Close it there, or choose another."
			return nil
		}
		return p.quit(JournalPick{Name: c.Name})
	case key.Matches(msg, pickerNew):
		p.naming = true
		p.input.Reset()
		return p.input.Focus()
	case key.Matches(msg, pickerQuit):
		return p.quit(JournalPick{})
	}
	return nil
}

func (p *journalPicker) handleNaming(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, pickerBack):
		p.naming, p.note = false, ""
		p.input.Blur()
		return nil
	case key.Matches(msg, pickerStart):
		name, err := jnames.Check(p.input.Value())
		if err != nil {
			p.note = err.Error()
			return nil
		}
		if jnames.IsDefault(name) {
			p.note = "That name is the usual journal's. Choose it from the list, or pick another name."
			return nil
		}
		for _, c := range p.choices {
			if jnames.Same(c.Name, name) {
				p.note = fmt.Sprintf("There's already a journal called %s. Choose it from the list, or pick another name.", termsafe.Line(c.Name))
				return nil
			}
		}
		return p.quit(JournalPick{Name: name, New: true})
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// quit ends the picker with the person's choice.
func (p *journalPicker) quit(pick JournalPick) tea.Cmd {
	p.pick, p.done = pick, true
	p.input.Blur()
	return tea.Quit
}

func (p *journalPicker) keys() []key.Binding {
	if p.naming {
		return []key.Binding{pickerStart, pickerBack, keyHide}
	}
	return []key.Binding{withHelp(keyUp, "↑/↓", "choose"), pickerOpen, pickerNew, brief(keyHelpNow, "help now"), keyHide, pickerQuit}
}

func (p *journalPicker) View() string {
	if !p.ready || p.done {
		// Nothing until the size is known, and nothing once chosen: the
		// alternate screen closes on an empty frame.
		return ""
	}
	st := p.styles
	if p.hidden {
		return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center,
			st.Subtle.Render("Hidden. Press any key to come back."))
	}
	title, keys := "Journals", p.keys()
	if p.helpNow != nil {
		title, keys = p.helpNow.Title(), p.helpNow.Keys().ShortHelp()
	}
	header := st.Header.Render("Waymark") + st.Subtle.Render(" · ") + st.Title.Render(title)
	var body string
	switch {
	case p.helpNow != nil:
		body = p.helpNow.View()
	case p.naming:
		body = p.namingView()
	default:
		body = p.listView()
	}
	bodyHeight := max(p.height-4, 1) // header, a blank line, the note and the help bar
	body = lipgloss.NewStyle().Height(bodyHeight).MaxHeight(bodyHeight).MaxWidth(p.width).Render(body)
	note := ""
	if p.note != "" {
		note = st.Problem.Render(truncate(p.note, p.width))
	}
	return strings.Join([]string{header, "", body, note, truncate(p.help.ShortHelpView(keys), p.width)}, "\n")
}

func (p *journalPicker) listView() string {
	st := p.styles
	var b strings.Builder
	b.WriteString("Which journal would you like to open?\n\n")
	nameWidth := 0
	for _, c := range p.choices {
		nameWidth = max(nameWidth, lipgloss.Width(p.label(c)))
	}
	nameWidth = min(nameWidth, max(p.width-30, 10))
	// Keep the chosen row in view on a short screen: a few lines are for
	// the question and the words below.
	rows := max(p.height-12, 1)
	first := max(0, p.cursor-rows+1)
	for i := first; i < len(p.choices) && i < first+rows; i++ {
		c := p.choices[i]
		label := truncate(p.label(c), nameWidth)
		label += strings.Repeat(" ", nameWidth-lipgloss.Width(label))
		var marks []string
		if c.Protected {
			marks = append(marks, lockSymbol+" passphrase")
		}
		if c.Busy {
			marks = append(marks, "open in another window")
		}
		line := label
		if len(marks) > 0 {
			line += "   " + strings.Join(marks, " · ")
		}
		if i == p.cursor {
			b.WriteString(st.Selected.Render(truncate("› "+line, p.width)) + "\n")
		} else {
			b.WriteString(truncate("  "+line, p.width) + "\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(st.Subtle.Render(wrap("Each journal is its own: its own file, its own passphrase (or none) and its own backups. Press n to start a new one.", min(p.width, 72))))
	return b.String()
}

// label is how a journal is named in the list.
func (p *journalPicker) label(c JournalChoice) string {
	name := termsafe.Line(c.Name)
	if c.Usual {
		name += " (the usual one)"
	}
	return name
}

func (p *journalPicker) namingView() string {
	st := p.styles
	var b strings.Builder
	b.WriteString("A new journal\n\n")
	b.WriteString("What would you like to call it? Your first name, or a word like work.\n\n")
	b.WriteString(p.input.View() + "\n\n")
	b.WriteString(st.Subtle.Render(wrap("A name can use letters, numbers, spaces, dots, - and _ (up to 40). Next, you choose its life areas and whether to protect it with a passphrase of its own.", min(p.width, 72))))
	return b.String()
}
