package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// keyHide works on every screen, typing or not: someone walks in, and the
// screen is blank at once. An encrypted journal is locked too.
var keyHide = key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "hide"))

// idleCheckEvery is how often the idle timer looks at the clock.
const idleCheckEvery = 10 * time.Second

type idleTickMsg struct{ at time.Time }

func idleTick() tea.Cmd {
	return tea.Tick(idleCheckEvery, func(t time.Time) tea.Msg { return idleTickMsg{at: t} })
}

// unlockScreen asks for the passphrase of an encrypted journal. Key
// derivation takes about half a second, so it runs in the background with a
// spinner; a wrong passphrase says so kindly, and there's no limit on tries.
type unlockScreen struct {
	c       *common
	input   textinput.Model
	spin    spinner.Model
	working bool
	note    string
	width   int
}

type unlockedMsg struct {
	repo journal.Repository
	err  error
}

var keyUnlock = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))

func newUnlockScreen(c *common) *unlockScreen {
	in := textinput.New()
	in.Prompt = "Passphrase: "
	in.EchoMode = textinput.EchoNone
	in.CharLimit = 1024
	sp := spinner.New()
	sp.Spinner = spinner.Line
	return &unlockScreen{c: c, input: in, spin: sp}
}

func (u *unlockScreen) Init() tea.Cmd        { return u.input.Focus() }
func (u *unlockScreen) Title() string        { return "Locked" }
func (u *unlockScreen) Typing() bool         { return true }
func (u *unlockScreen) SetSize(width, _ int) { u.width = width }
func (u *unlockScreen) Keys() keyMap {
	return keyMap{short: []key.Binding{keyUnlock}, full: [][]key.Binding{{keyUnlock}}}
}

func (u *unlockScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if u.working {
			return nil
		}
		if key.Matches(msg, keyUnlock) {
			if u.input.Value() == "" {
				return nil
			}
			// The field's string can't be wiped (Go strings are immutable);
			// the bytes handed on are cleared once used.
			pass := []byte(u.input.Value())
			u.input.Reset()
			u.working, u.note = true, ""
			unlock := u.c.opts.Unlock
			return tea.Batch(u.spin.Tick, func() tea.Msg {
				repo, err := unlock(pass)
				clear(pass)
				return unlockedMsg{repo: repo, err: err}
			})
		}
		var cmd tea.Cmd
		u.input, cmd = u.input.Update(msg)
		return cmd
	case unlockedMsg:
		u.working = false
		if msg.err != nil {
			// A wrong passphrase and a damaged header read the same, by design.
			u.note = journal.Explain(msg.err)
			return nil
		}
		u.c.repo = msg.repo
		return tea.Batch(replace(newStartScreen(u.c)), u.c.loadDimensions())
	case spinner.TickMsg:
		if u.working {
			var cmd tea.Cmd
			u.spin, cmd = u.spin.Update(msg)
			return cmd
		}
	}
	return nil
}

func (u *unlockScreen) View() string {
	st := u.c.styles
	var b strings.Builder
	b.WriteString("This journal is locked. Type your passphrase to open it.\n")
	b.WriteString(st.Subtle.Render("Nothing shows as you type.") + "\n\n")
	if u.working {
		b.WriteString(u.spin.View() + " Opening…")
	} else {
		b.WriteString(u.input.View())
	}
	if u.note != "" {
		b.WriteString("\n\n" + st.Problem.Render(wrap(u.note, min(u.width, 72))))
	}
	return b.String()
}
