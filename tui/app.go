package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The smallest window the screens are laid out for. Below it the app asks,
// kindly, for a little more room instead of drawing a broken layout.
const (
	minWidth  = 50
	minHeight = 14
)

// App is the root model: it owns the window size, the stack of screens, the
// footer note and the help; everything else belongs to a screen.
type App struct {
	c     *common
	keys  globalKeys
	help  help.Model
	stack []screen
	// overlay is "Need help now?" when open. It sits above the stack rather
	// than on it, so a save finishing underneath (which closes its own
	// screen) closes that screen, not this one.
	overlay  screen
	width    int
	height   int
	ready    bool
	showHelp bool
	note     statusMsg
	noteID   int
	quitting bool
	// hidden blanks the screen of a journal without a passphrase; an
	// encrypted one is locked instead.
	hidden     bool
	lastActive time.Time
}

// New builds the root model. Production and tests both start here.
func New(repo journal.Repository, opts Options) *App {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DraftDelay == 0 {
		opts.DraftDelay = 2 * time.Second
	}
	c := &common{
		repo:       repo,
		styles:     NewStyles(opts.Plain),
		now:        opts.Now,
		opts:       opts,
		draftDelay: opts.DraftDelay,
	}
	if opts.IdleAfter == 0 {
		opts.IdleAfter = DefaultIdleAfter
	}
	c.opts = opts
	h := help.New()
	h.Styles = c.styles.Help
	var first screen
	switch {
	case repo != nil:
		first = newStartScreen(c)
	case opts.Create != nil:
		first = newWelcomeScreen(c, nil)
	default:
		first = newUnlockScreen(c)
	}
	return &App{c: c, keys: newGlobalKeys(), help: h, stack: []screen{first}, lastActive: opts.Now()}
}

// Init starts the first screen.
func (a *App) Init() tea.Cmd {
	// The title is fixed: never built from anything in the journal.
	cmds := []tea.Cmd{tea.SetWindowTitle("Waymark"), a.c.loadDimensions(), a.top().Init(), idleTick()}
	if len(a.c.opts.Notices) > 0 {
		note := termsafe.Line(strings.Join(a.c.opts.Notices, " "))
		cmds = append(cmds, func() tea.Msg { return statusMsg{text: note, problem: true} })
	}
	return tea.Batch(cmds...)
}

func (a *App) top() screen { return a.stack[len(a.stack)-1] }

// front is the screen the person sees and types into: the overlay if one
// is open, or the top of the stack.
func (a *App) front() screen {
	if a.overlay != nil {
		return a.overlay
	}
	return a.top()
}

// screens are every screen that gets background messages: the stack and
// the overlay.
func (a *App) screens() []screen {
	if a.overlay == nil {
		return a.stack
	}
	return append(a.stack[:len(a.stack):len(a.stack)], a.overlay)
}

// Update routes: window size and global keys here, everything else to screens.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height, a.ready = msg.Width, msg.Height, true
		a.help.Width = msg.Width
		for _, s := range a.screens() {
			s.SetSize(a.bodySize())
		}
		return a, nil
	case tea.KeyMsg:
		a.lastActive = a.c.now()
		return a, a.handleKey(msg)
	case idleTickMsg:
		idle := a.c.opts.IdleAfter
		if idle > 0 && !a.hidden && !a.locked() && msg.at.Sub(a.lastActive) >= idle {
			return a, tea.Batch(a.hide(), idleTick())
		}
		return a, idleTick()
	case pushMsg:
		a.stack = append(a.stack, msg.s)
		msg.s.SetSize(a.bodySize())
		return a, msg.s.Init()
	case replaceMsg:
		a.stack[len(a.stack)-1] = msg.s
		msg.s.SetSize(a.bodySize())
		return a, msg.s.Init()
	case closeOverlayMsg:
		a.overlay = nil
		return a, nil
	case popMsg:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a, nil
	case quitMsg:
		return a, a.quit()
	case statusMsg:
		a.noteID++
		a.note = msg
		id := a.noteID
		return a, tea.Tick(statusFor, func(time.Time) tea.Msg { return clearStatusMsg{id} })
	case clearStatusMsg:
		if msg.id == a.noteID {
			a.note = statusMsg{}
		}
		return a, nil
	case dimensionsLoadedMsg:
		// A load that finishes after the journal was locked is dropped.
		if msg.err == nil && a.c.repo != nil {
			a.c.dims = msg.dims
		}
	case changedMsg:
		// Dimensions may have changed too; screens reload their own data.
		cmds := []tea.Cmd{a.c.loadDimensions()}
		for _, s := range a.screens() {
			cmds = append(cmds, s.Update(msg))
		}
		return a, tea.Batch(cmds...)
	}
	return a, a.broadcast(msg)
}

// broadcast gives a message to every screen, so background results reach the
// screen that asked for them even when another covers it.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.stack)+1)
	for _, s := range a.screens() {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (a *App) handleKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, a.keys.Quit) {
		return a.quit()
	}
	if a.hidden {
		// Any key brings the screen back; the key itself does nothing else.
		a.hidden = false
		return nil
	}
	if key.Matches(msg, keyHide) {
		return a.hide()
	}
	// Help now and the larger view work on every screen, typing or not.
	if key.Matches(msg, keyPresent) {
		return a.togglePresent()
	}
	if key.Matches(msg, keyHelpNow) {
		a.showHelp = false
		return a.openHelpNow()
	}
	if a.showHelp {
		if key.Matches(msg, a.keys.Close) {
			a.showHelp = false
		}
		return nil
	}
	if msg.Type == tea.KeyRunes && !msg.Paste && len(msg.Runes) > 1 && !a.front().Typing() {
		return a.handleRunes(msg)
	}
	if !a.front().Typing() && key.Matches(msg, a.keys.Help) {
		a.showHelp = true
		return nil
	}
	return a.front().Update(msg)
}

// handleRunes takes keys that arrived together as one message ("ss", when
// someone presses keys faster than the terminal is read, or over a slow
// link) one at a time, as they were pressed. Outside a text field each
// letter is a key of its own. Once a key does something that may change the
// screen, the rest wait until that is done, so they reach the screen the
// person was looking at when they typed them (n, then the first words of a
// new entry).
func (a *App) handleRunes(msg tea.KeyMsg) tea.Cmd {
	for i, r := range msg.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		cmd := a.handleKey(one)
		if cmd == nil {
			continue
		}
		rest := msg.Runes[i+1:]
		if len(rest) == 0 {
			return cmd
		}
		restMsg := tea.KeyMsg{Type: tea.KeyRunes, Runes: rest, Alt: msg.Alt}
		return tea.Sequence(cmd, func() tea.Msg { return restMsg })
	}
	return nil
}

// locked reports whether the unlock screen is showing.
func (a *App) locked() bool {
	_, ok := a.top().(*unlockScreen)
	return ok
}

// hide blanks the screen at once. An encrypted journal is also locked: the
// screens (and the words they hold) are dropped, unsaved writing is kept as
// a draft, and the store is closed so its key is forgotten.
func (a *App) hide() tea.Cmd {
	a.showHelp = false
	a.note = statusMsg{}
	if !a.c.encrypted() {
		a.hidden = true
		return nil
	}
	var cmds []tea.Cmd
	for _, s := range a.stack {
		if q, ok := s.(quitter); ok {
			cmds = append(cmds, q.BeforeQuit())
		}
	}
	repo, lock := a.c.repo, a.c.opts.Lock
	a.c.repo, a.c.dims = nil, nil
	a.c.session = nil // its screens are dropped with the rest
	a.overlay = nil   // it showed the person's supports
	unlock := newUnlockScreen(a.c)
	unlock.SetSize(a.bodySize())
	a.stack = []screen{unlock}
	if lock != nil {
		cmds = append(cmds, func() tea.Msg {
			if err := lock(repo); err != nil {
				return statusMsg{text: journal.Explain(err), problem: true}
			}
			return nil
		})
	}
	return tea.Sequence(append(cmds, unlock.Init())...)
}

// quit keeps every screen's unsaved work, then ends the program. Bubble Tea
// does not wait for running commands, so the saves run first, in order.
func (a *App) quit() tea.Cmd {
	if a.quitting {
		return nil
	}
	a.quitting = true
	var cmds []tea.Cmd
	for _, s := range a.stack {
		if q, ok := s.(quitter); ok {
			if cmd := q.BeforeQuit(); cmd != nil {
				cmds = append(cmds, cmd)
			}
		}
	}
	return tea.Sequence(append(cmds, tea.Quit)...)
}

// Header and footer each take two lines: a title line and a spacer above the
// body; a note line and the help bar below it.
const chromeHeight = 4

func (a *App) bodySize() (int, int) {
	if a.spacious() {
		return a.width - 2*largeMargin, max(a.height-chromeHeight-largeExtraLines, 1)
	}
	return a.width, max(a.height-chromeHeight, 1)
}

// View draws the header, the top screen and the footer.
func (a *App) View() string {
	if a.quitting {
		// Leave nothing of the journal behind in the terminal.
		return ""
	}
	if !a.ready {
		return ""
	}
	st := a.c.styles
	if a.width < minWidth || a.height < minHeight {
		msg := "Please make the window a little bigger to use Waymark."
		return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center,
			st.Subtle.Render(lipgloss.NewStyle().Width(min(a.width, 40)).Render(msg)))
	}
	if a.hidden {
		return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center,
			st.Subtle.Render("Hidden. Press any key to come back."))
	}
	top := a.front()
	width, bodyHeight := a.bodySize()
	brand := "Waymark"
	if name := a.c.opts.JournalName; name != "" {
		brand += " (" + termsafe.Line(name) + ")"
	}
	header := st.Header.Render(brand) + st.Subtle.Render(" · ") + st.Title.Render(sessionTitle(a.c, top.Title()))
	hint := st.Subtle.Render(keyHelpNow.Help().Key + " help now · " + keyHide.Help().Key + " " + keyHide.Help().Desc)
	if gap := width - lipgloss.Width(header) - lipgloss.Width(hint); gap > 1 {
		header += strings.Repeat(" ", gap) + hint
	}
	// A session's banner before a long title can be wider than a small
	// window: cut it, as a line too wide would wrap and push the layout down.
	header = truncate(header, width)
	var body string
	if a.showHelp {
		body = a.fullHelp(top)
	} else {
		body = top.View()
	}
	body = lipgloss.NewStyle().Height(bodyHeight).MaxHeight(bodyHeight).MaxWidth(width).Render(body)

	note := ""
	if a.note.text != "" {
		style := st.Status
		if a.note.problem {
			style = st.Problem
		}
		note = style.Render(truncate(a.note.text, width))
	}
	var helpBar string
	if a.showHelp {
		helpBar = a.help.ShortHelpView([]key.Binding{a.keys.Close, a.keys.Quit})
	} else {
		bindings := top.Keys().ShortHelp()
		if !top.Typing() {
			// While typing, ? is just a question mark.
			bindings = append(append([]key.Binding(nil), bindings...), a.keys.Help)
		}
		helpBar = a.help.ShortHelpView(bindings)
	}
	// bubbles' help adds a key whole when its "…" would not fit after the
	// keys before it, so at some widths (54 columns, say) the bar runs over.
	helpBar = truncate(helpBar, a.width)
	if a.spacious() {
		return spaced(a.width, header, body, note, helpBar)
	}
	return strings.Join([]string{header, "", body, note, helpBar}, "\n")
}

func (a *App) fullHelp(top screen) string {
	st := a.c.styles
	h := a.help
	h.ShowAll = true
	h.Width, _ = a.bodySize()
	var b strings.Builder
	b.WriteString(st.Heading.Render("Keys on this screen") + "\n\n")
	b.WriteString(h.FullHelpView(top.Keys().FullHelp()))
	b.WriteString("\n\n" + st.Heading.Render("Keys on every screen") + "\n\n")
	b.WriteString(h.FullHelpView(a.globalHelp()))
	if a.c.opts.JournalPath != "" {
		b.WriteString("\n\n" + st.Subtle.Render("Your journal is kept at "+a.c.opts.JournalPath))
	}
	return b.String()
}

// truncate cuts s to width cells, marking the cut.
func truncate(s string, width int) string {
	return ansi.Truncate(s, width, "…")
}
