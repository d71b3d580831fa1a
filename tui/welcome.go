package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The steps of the first run. Each is one calm screen; the passphrase steps
// only appear when the journal file does not exist yet (Options.Create).
type welcomeStep int

const (
	stepHello welcomeStep = iota
	stepAreas
	stepProtect
	stepPassphrase
	stepConfirm
	stepWorking
)

// minPassphrase is the shortest passphrase accepted; a few words is best.
const minPassphrase = 8

var (
	keyChoose   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))
	keyContinue = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue"))
	keyStepBack = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
)

// welcomeScreen is the first run: what Waymark is, the promise that nothing
// leaves this computer, a starting set of life areas, and (for a new file)
// an offer to protect the journal with a passphrase.
type welcomeScreen struct {
	c       *common
	step    welcomeStep
	cursor  int // the chosen starting set
	protect int // 0: protect with a passphrase, 1: not now
	pass    textinput.Model
	confirm textinput.Model
	note    string
	spin    spinner.Model
	draft   *journal.Draft
	width   int
}

type begunMsg struct {
	repo journal.Repository
	dims journal.Dimensions
	err  error
}

func newWelcomeScreen(c *common, draft *journal.Draft) *welcomeScreen {
	newField := func(prompt string) textinput.Model {
		in := textinput.New()
		in.Prompt = prompt
		// Nothing is echoed, not even a dot per letter: someone nearby
		// learns neither the passphrase nor its length.
		in.EchoMode = textinput.EchoNone
		in.CharLimit = 1024
		return in
	}
	sp := spinner.New()
	sp.Spinner = spinner.Line
	return &welcomeScreen{c: c, draft: draft, pass: newField("Passphrase: "), confirm: newField("Once more:  "), spin: sp}
}

// creating reports whether this first run also creates the file, so it can
// offer a passphrase.
func (w *welcomeScreen) creating() bool { return w.c.repo == nil && w.c.opts.Create != nil }

func (w *welcomeScreen) Init() tea.Cmd { return nil }

func (w *welcomeScreen) Title() string { return "Welcome" }

func (w *welcomeScreen) Typing() bool {
	return w.step == stepPassphrase || w.step == stepConfirm
}

func (w *welcomeScreen) SetSize(width, _ int) { w.width = width }

func (w *welcomeScreen) Keys() keyMap {
	switch w.step {
	case stepHello:
		return keyMap{short: []key.Binding{keyContinue, keyQuitHome}, full: [][]key.Binding{{keyContinue, keyQuitHome}}}
	case stepAreas, stepProtect:
		b := []key.Binding{keyUp, keyDown, keyChoose, keyStepBack}
		return keyMap{short: b, full: [][]key.Binding{b}}
	case stepPassphrase, stepConfirm:
		b := []key.Binding{keyContinue, keyStepBack}
		return keyMap{short: b, full: [][]key.Binding{b}}
	}
	return keyMap{}
}

func (w *welcomeScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return w.handleKey(msg)
	case begunMsg:
		if msg.err != nil {
			w.step = stepAreas
			if w.creating() {
				w.step = stepProtect
			}
			return problem(msg.err)
		}
		if msg.repo != nil {
			w.c.repo = msg.repo
		}
		w.c.dims = msg.dims
		return tea.Batch(replace(newHomeScreen(w.c, w.draft)), changed)
	case spinner.TickMsg:
		if w.step == stepWorking {
			var cmd tea.Cmd
			w.spin, cmd = w.spin.Update(msg)
			return cmd
		}
	}
	return nil
}

func (w *welcomeScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch w.step {
	case stepHello:
		switch {
		case key.Matches(msg, keyContinue):
			w.step = stepAreas
		case key.Matches(msg, keyQuitHome):
			return quit
		}
	case stepAreas:
		switch {
		case key.Matches(msg, keyUp):
			w.cursor = max(w.cursor-1, 0)
		case key.Matches(msg, keyDown):
			w.cursor = min(w.cursor+1, len(journal.StartingSets)-1)
		case key.Matches(msg, keyStepBack):
			w.step = stepHello
		case key.Matches(msg, keyChoose):
			if w.creating() {
				w.step = stepProtect
				return nil
			}
			return w.begin(nil)
		}
	case stepProtect:
		switch {
		case key.Matches(msg, keyUp):
			w.protect = 0
		case key.Matches(msg, keyDown):
			w.protect = 1
		case key.Matches(msg, keyStepBack):
			w.step = stepAreas
		case key.Matches(msg, keyChoose):
			if w.protect == 1 {
				return w.begin(nil)
			}
			w.step, w.note = stepPassphrase, ""
			return w.pass.Focus()
		}
	case stepPassphrase:
		switch {
		case key.Matches(msg, keyStepBack):
			w.pass.Reset()
			w.pass.Blur()
			w.step, w.note = stepProtect, ""
		case key.Matches(msg, keyContinue):
			if utf8.RuneCountInString(w.pass.Value()) < minPassphrase {
				w.note = "Please use at least 8 characters. A few words together is easiest to remember."
				return nil
			}
			w.pass.Blur()
			w.step, w.note = stepConfirm, ""
			return w.confirm.Focus()
		default:
			var cmd tea.Cmd
			w.pass, cmd = w.pass.Update(msg)
			return cmd
		}
	case stepConfirm:
		switch {
		case key.Matches(msg, keyStepBack):
			w.confirm.Reset()
			w.confirm.Blur()
			w.step, w.note = stepPassphrase, ""
			return w.pass.Focus()
		case key.Matches(msg, keyContinue):
			if w.confirm.Value() != w.pass.Value() {
				w.note = "Those two didn't match. Type the passphrase again, twice."
				w.pass.Reset()
				w.confirm.Reset()
				w.confirm.Blur()
				w.step = stepPassphrase
				return w.pass.Focus()
			}
			pass := []byte(w.pass.Value())
			w.pass.Reset()
			w.confirm.Reset()
			w.confirm.Blur()
			return w.begin(pass)
		default:
			var cmd tea.Cmd
			w.confirm, cmd = w.confirm.Update(msg)
			return cmd
		}
	}
	return nil
}

// begin sets the journal up in the background: key derivation for a
// passphrase takes about half a second, so a spinner shows meanwhile.
func (w *welcomeScreen) begin(pass []byte) tea.Cmd {
	set := journal.StartingSets[w.cursor]
	w.step = stepWorking
	if repo := w.c.repo; repo != nil {
		return tea.Batch(w.spin.Tick, func() tea.Msg {
			dims, err := repo.Begin(set)
			return begunMsg{dims: dims, err: err}
		})
	}
	create := w.c.opts.Create
	return tea.Batch(w.spin.Tick, func() tea.Msg {
		repo, err := create(pass)
		clear(pass)
		if err != nil {
			return begunMsg{err: err}
		}
		dims, err := repo.Begin(set)
		return begunMsg{repo: repo, dims: dims, err: err}
	})
}

func (w *welcomeScreen) View() string {
	st := w.c.styles
	var b strings.Builder
	para := func(s string) { b.WriteString(wrap(s, min(w.width, 72)) + "\n") }
	switch w.step {
	case stepHello:
		b.WriteString(st.Title.Render("Welcome.") + "\n\n")
		para("Waymark is a private journal for your own recovery journey: reflections, hopes, goals and check-ins, kept by the areas of life that matter to you, in your own words.")
		b.WriteString("\n")
		para("Everything stays on this computer. Nothing you write is ever sent anywhere.")
		if name := w.c.opts.JournalName; name != "" {
			// A mistyped --journal name lands here: say plainly that this
			// is a new journal, so no one thinks theirs has gone.
			b.WriteString("\n")
			para("This is a new journal called “" + termsafe.Line(name) + "”. If you meant another, press ctrl+c: nothing is kept until you choose your life areas.")
		}
		b.WriteString("\n" + st.Subtle.Render("Press enter to begin. Everything here can be changed later."))
	case stepAreas:
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
	case stepProtect:
		b.WriteString("Would you like to protect this journal with a passphrase?\n\n")
		for i, label := range []string{"Yes, protect it with a passphrase (recommended)", "Not now"} {
			if i == w.protect {
				b.WriteString(st.Selected.Render("› "+label) + "\n")
			} else {
				b.WriteString("  " + label + "\n")
			}
		}
		b.WriteString("\n")
		para("With a passphrase, everything you write is encrypted on disk, and Waymark asks for it each time it opens.")
		b.WriteString("\n")
		para("If the passphrase is forgotten, nobody can open the journal: not you, not a supporter, not us. There is no way around that. Write it down somewhere safe.")
	case stepPassphrase, stepConfirm:
		b.WriteString("Choose a passphrase. Nothing shows as you type.\n\n")
		b.WriteString(w.pass.View() + "\n")
		if w.step == stepConfirm {
			b.WriteString(w.confirm.View() + "\n")
		}
		b.WriteString("\n")
		para("If it is forgotten, the journal can't be opened by anyone. Write it down somewhere safe.")
	case stepWorking:
		b.WriteString(w.spin.View() + " Setting up your journal…")
	}
	if w.note != "" {
		b.WriteString("\n\n" + st.Problem.Render(w.note))
	}
	return b.String()
}
