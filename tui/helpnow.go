package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The "Need help now?" screen (ctrl+g, on every screen) holds the person's
// own supports, first, and a crisis line they can change for their country.
// It reads only supports and the settings: never any other entry. It never
// screens, scores or guesses anything from what the person wrote, and it
// never dials, opens or contacts anything: the words are there to be used.
// With the journal locked (or not yet made) it shows the crisis line alone,
// as it must not need the journal.

// maxSupports bounds how many supports the screen reads.
const maxSupports = 200

// helpNowMaxWidth keeps the words at a comfortable reading width.
const helpNowMaxWidth = 72

// maxCrisisLine bounds the crisis line, in characters.
const maxCrisisLine = 300

// The screen's words, in one place.
const (
	helpNowCalm       = "You don't have to go through this alone. Reach out to someone who helps you, or to a crisis line, whenever you need to."
	helpNowSupports   = "People and places that help you"
	helpNowEmpty      = "Add the people, places or services that help you, and how to reach them. Press a to add one."
	helpNowLocked     = "Your own supports show here once your journal is open."
	helpNowCrisis     = "If you are in crisis"
	helpNowNoContact  = "Waymark never calls or contacts anyone for you."
	helpNowLineHint   = "Write the line for where you live. Leave it empty to go back to 988 (Canada and the US)."
	helpNowWhoMissing = "Say who or what helps, then save."
)

type helpNowMode int

const (
	helpNowBrowsing helpNowMode = iota
	helpNowForm                 // adding or changing a support
	helpNowLine                 // changing the crisis line
	helpNowTrash                // asking before a support goes to the trash
)

// supportItem is one support, read whole: who or what (Title) and how to
// reach them (Text).
type supportItem struct {
	entry journal.Entry
}

// who is the support's name, made safe for the screen.
func (s supportItem) who() string {
	if strings.TrimSpace(s.entry.Title) != "" {
		return termsafe.Line(s.entry.Title)
	}
	return termsafe.Line(journal.Headline("", s.entry.Text))
}

// how is how to reach them, when the support says (a title of its own).
func (s supportItem) how() string {
	if strings.TrimSpace(s.entry.Title) == "" {
		return ""
	}
	return strings.TrimSpace(s.entry.Text)
}

type helpNowKeys struct {
	Up, Down, Add, Edit, Trash, Crisis, Back key.Binding
	Next, Prev, Save, Cancel                 key.Binding
}

func newHelpNowKeys() helpNowKeys {
	return helpNowKeys{
		Up:     keyUp,
		Down:   keyDown,
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a support")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the support")),
		Trash:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "move to the trash")),
		Crisis: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "change the crisis line")),
		Back:   keyBack,
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// keyEnter saves the crisis line, or moves on through the support's fields.
var keyEnter = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save"))

type (
	helpNowLoadedMsg struct {
		owner    *helpNowScreen
		seq      int
		supports []supportItem
		settings journal.Settings
		err      error
	}
	helpNowSavedMsg struct {
		owner *helpNowScreen
		note  string
		err   error
	}
	helpNowSettingsSavedMsg struct {
		owner    *helpNowScreen
		settings journal.Settings
		err      error
	}
)

type helpNowScreen struct {
	c    *common
	keys helpNowKeys
	mode helpNowMode

	supports []supportItem
	settings journal.Settings
	loaded   bool
	err      error
	seq      int
	sel      int
	top      int // the first line of the supports in view

	// The support being added or changed.
	who, how textinput.Model
	field    int            // 0: who, 1: how
	editing  *journal.Entry // nil for a new support
	// The words as the fields first showed them, so words a one-line field
	// can't show exactly (a line break) are kept when left alone.
	whoShown, howShown string

	line textinput.Model
	busy bool // a save is on its way

	width, height int
}

func newHelpNowScreen(c *common) *helpNowScreen {
	s := &helpNowScreen{c: c, keys: newHelpNowKeys(),
		who: newHelpNowInput(c, "a person, place, practice or service"),
		how: newHelpNowInput(c, "a number, an address, a time: whatever helps"),
	}
	s.line = newHelpNowInput(c, journal.DefaultCrisisLine)
	s.line.CharLimit = maxCrisisLine
	s.updateKeys()
	return s
}

func newHelpNowInput(c *common, placeholder string) textinput.Model {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = "› "
	in.Placeholder = placeholder
	in.CharLimit = 2000
	in.PromptStyle = c.styles.Heading
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	return in
}

// openHelpNow opens "Need help now?" over whatever shows, unless it is
// already there.
func (a *App) openHelpNow() tea.Cmd {
	if a.overlay != nil {
		return nil
	}
	s := newHelpNowScreen(a.c)
	s.SetSize(a.bodySize())
	a.overlay = s
	return s.Init()
}

func (s *helpNowScreen) Init() tea.Cmd { return s.load() }

// open reports whether the journal is open (not locked, nor yet to be made).
func (s *helpNowScreen) open() bool { return s.c.repo != nil }

// load reads the supports, each whole, and the settings: nothing else.
func (s *helpNowScreen) load() tea.Cmd {
	s.seq++
	repo, seq := s.c.repo, s.seq
	if repo == nil {
		s.loaded = true
		return nil
	}
	return func() tea.Msg {
		msg := helpNowLoadedMsg{owner: s, seq: seq}
		// The crisis line first: should the supports fail to load, the
		// person's own line still shows.
		msg.settings, msg.err = repo.Settings()
		if msg.err != nil {
			return msg
		}
		page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindSupport}, Limit: maxSupports})
		if err != nil {
			msg.err = err
			return msg
		}
		for _, sum := range page.Summaries {
			e, err := repo.Get(sum.ID)
			switch {
			case errors.Is(err, journal.ErrNotFound):
				continue // gone since the list was read
			case err != nil:
				msg.err = err
				return msg
			}
			if e.Kind != journal.KindSupport {
				continue
			}
			msg.supports = append(msg.supports, supportItem{entry: e})
		}
		return msg
	}
}

func (s *helpNowScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case helpNowLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		s.loaded = true
		s.settings = msg.settings
		s.err = msg.err
		if msg.err != nil {
			s.updateKeys()
			return problem(msg.err)
		}
		s.supports = msg.supports
		s.sel = min(s.sel, max(len(s.supports)-1, 0))
		s.updateKeys()
	case helpNowSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.busy = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.setMode(helpNowBrowsing)
		return tea.Batch(status(msg.note), changed)
	case helpNowSettingsSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.busy = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.settings = msg.settings
		s.setMode(helpNowBrowsing)
		if msg.settings.CrisisLine == "" {
			return status("Saved. The crisis line is 988 again.")
		}
		return status("Saved.")
	case tea.KeyMsg:
		if s.busy {
			return nil
		}
		return s.handleKey(msg)
	}
	return nil
}

func (s *helpNowScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch s.mode {
	case helpNowForm:
		return s.handleForm(msg)
	case helpNowLine:
		return s.handleLine(msg)
	case helpNowTrash:
		s.setMode(helpNowBrowsing)
		if key.Matches(msg, keyYes) {
			return s.trash()
		}
		return nil // any other key keeps it
	}
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		s.sel = max(s.sel-1, 0)
	case key.Matches(msg, k.Down):
		s.sel = min(s.sel+1, max(len(s.supports)-1, 0))
	case key.Matches(msg, k.Add):
		return s.startForm(nil)
	case key.Matches(msg, k.Edit):
		if item, ok := s.selected(); ok {
			e := item.entry
			return s.startForm(&e)
		}
	case key.Matches(msg, k.Trash):
		if _, ok := s.selected(); ok {
			s.setMode(helpNowTrash)
		}
	case key.Matches(msg, k.Crisis):
		s.line.SetValue(termsafe.Line(s.settings.CrisisLine))
		s.line.CursorEnd()
		s.setMode(helpNowLine)
		return s.line.Focus()
	case key.Matches(msg, k.Back):
		return closeOverlay
	}
	return nil
}

func (s *helpNowScreen) selected() (supportItem, bool) {
	if s.sel < 0 || s.sel >= len(s.supports) {
		return supportItem{}, false
	}
	return s.supports[s.sel], true
}

// startForm opens the fields for a new support, or for changing one.
func (s *helpNowScreen) startForm(e *journal.Entry) tea.Cmd {
	s.editing = e
	s.whoShown, s.howShown = "", ""
	if e != nil {
		s.whoShown, s.howShown = termsafe.Line(e.Title), termsafe.Line(e.Text)
	}
	s.who.SetValue(s.whoShown)
	s.how.SetValue(s.howShown)
	s.who.CursorEnd()
	s.how.CursorEnd()
	s.setMode(helpNowForm)
	return s.focus(0)
}

func (s *helpNowScreen) focus(field int) tea.Cmd {
	s.field = field
	if field == 0 {
		s.how.Blur()
		return s.who.Focus()
	}
	s.who.Blur()
	return s.how.Focus()
}

func (s *helpNowScreen) handleForm(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.setMode(helpNowBrowsing)
		return nil
	case key.Matches(msg, k.Save):
		return s.saveSupport()
	case key.Matches(msg, keyEnter):
		if s.field == 0 {
			return s.focus(1)
		}
		return s.saveSupport()
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		return s.focus(1 - s.field)
	}
	var cmd tea.Cmd
	if s.field == 0 {
		s.who, cmd = s.who.Update(msg)
	} else {
		s.how, cmd = s.how.Update(msg)
	}
	return cmd
}

// saveSupport keeps the support in one write, in the background.
func (s *helpNowScreen) saveSupport() tea.Cmd {
	who, how := s.who.Value(), s.how.Value()
	var e journal.Entry
	if s.editing != nil {
		e = *s.editing
		// Words the field showed differently (a line break) stay as they were
		// unless the person changed them.
		if who == s.whoShown {
			who = e.Title
		}
		if how == s.howShown {
			how = e.Text
		}
	} else {
		e = journal.Entry{Kind: journal.KindSupport, Author: journal.AuthorMe}
	}
	if strings.TrimSpace(who) == "" {
		return func() tea.Msg { return statusMsg{text: helpNowWhoMissing, problem: true} }
	}
	e.Title, e.Text = strings.TrimSpace(who), strings.TrimSpace(how)
	if s.editing != nil && e.Title == strings.TrimSpace(s.editing.Title) && e.Text == strings.TrimSpace(s.editing.Text) {
		e.Title, e.Text = s.editing.Title, s.editing.Text
	}
	repo, editing := s.c.repo, s.editing != nil
	if !editing {
		s.sel = 0 // newest first: the new one leads the list
	}
	s.busy = true
	return func() tea.Msg {
		var err error
		if editing {
			_, err = repo.Update(e)
		} else {
			_, err = repo.Create(e)
		}
		return helpNowSavedMsg{owner: s, note: "Saved.", err: err}
	}
}

func (s *helpNowScreen) trash() tea.Cmd {
	item, ok := s.selected()
	if !ok {
		return nil
	}
	repo, id := s.c.repo, item.entry.ID
	s.busy = true
	return func() tea.Msg {
		return helpNowSavedMsg{owner: s, err: repo.Trash(id),
			note: "Moved to the trash. You can bring it back from the trash (T in the timeline)."}
	}
}

func (s *helpNowScreen) handleLine(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Cancel):
		s.setMode(helpNowBrowsing)
		return nil
	case key.Matches(msg, keyEnter), key.Matches(msg, k.Save):
		set := s.settings
		value := strings.TrimSpace(s.line.Value())
		switch {
		case value == termsafe.Line(strings.TrimSpace(set.CrisisLine)):
			// Unchanged: keep the words exactly as they were.
		case value == strings.TrimSpace(journal.DefaultCrisisLine):
			set.CrisisLine = ""
		default:
			set.CrisisLine = value
		}
		repo := s.c.repo
		s.busy = true
		return func() tea.Msg {
			return helpNowSettingsSavedMsg{owner: s, settings: set, err: repo.SaveSettings(set)}
		}
	}
	var cmd tea.Cmd
	s.line, cmd = s.line.Update(msg)
	return cmd
}

func (s *helpNowScreen) setMode(m helpNowMode) {
	s.mode = m
	if m != helpNowForm {
		s.who.Blur()
		s.how.Blur()
	}
	if m != helpNowLine {
		s.line.Blur()
	}
	s.updateKeys()
}

// updateKeys offers what can be done: nothing but back while the journal is
// locked; edit and trash only with a support chosen.
func (s *helpNowScreen) updateKeys() {
	open := s.open() && s.loaded
	has := open && len(s.supports) > 0
	s.keys.Add.SetEnabled(open && s.err == nil)
	s.keys.Crisis.SetEnabled(open)
	s.keys.Edit.SetEnabled(has)
	s.keys.Trash.SetEnabled(has)
	s.keys.Up.SetEnabled(len(s.supports) > 1)
	s.keys.Down.SetEnabled(len(s.supports) > 1)
}

func (s *helpNowScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	w := max(min(width, helpNowMaxWidth)-3, 10)
	s.who.Width, s.how.Width, s.line.Width = w, w, w
	// The styles may have changed (the larger view): restyle the fields.
	for _, in := range []*textinput.Model{&s.who, &s.how, &s.line} {
		in.PromptStyle = s.c.styles.Heading
		in.PlaceholderStyle = s.c.styles.Subtle
		in.TextStyle = s.c.styles.Normal
	}
}

func (s *helpNowScreen) Title() string { return "Need help now?" }

func (s *helpNowScreen) Typing() bool { return s.mode == helpNowForm || s.mode == helpNowLine }

func (s *helpNowScreen) Keys() keyMap {
	k := s.keys
	switch s.mode {
	case helpNowForm:
		next := withHelp(keyEnter, "enter", "next, then save")
		return keyMap{
			short: []key.Binding{next, withHelp(k.Next, "tab", "other field"), k.Save, k.Cancel},
			full:  [][]key.Binding{{next, k.Next, k.Prev, k.Save, k.Cancel}},
		}
	case helpNowLine:
		return keyMap{short: []key.Binding{keyEnter, k.Cancel}, full: [][]key.Binding{{keyEnter, k.Cancel}}}
	case helpNowTrash:
		no := key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "keep it"))
		yes := brief(keyYes, "move it to the trash")
		return keyMap{short: []key.Binding{yes, no}, full: [][]key.Binding{{yes, no}}}
	}
	return keyMap{
		short: []key.Binding{withHelp(k.Up, "↑/↓", "choose"), brief(k.Add, "add"), brief(k.Edit, "edit"),
			brief(k.Trash, "trash"), brief(k.Crisis, "crisis line"), k.Back},
		full: [][]key.Binding{{k.Up, k.Down, k.Add, k.Edit, k.Trash, k.Crisis, k.Back}},
	}
}

func (s *helpNowScreen) textWidth() int {
	if s.width <= 0 {
		return helpNowMaxWidth
	}
	return max(min(s.width, helpNowMaxWidth), 10)
}

// crisisLine is the line to show: the person's own, or the default.
func (s *helpNowScreen) crisisLine() string {
	if strings.TrimSpace(s.settings.CrisisLine) != "" {
		return s.settings.CrisisLine
	}
	return journal.DefaultCrisisLine
}

func (s *helpNowScreen) View() string {
	switch s.mode {
	case helpNowForm:
		return s.formView()
	case helpNowLine:
		return s.lineView()
	}
	st := s.c.styles
	width := s.textWidth()
	height := s.height
	if height <= 0 {
		height = 20
	}
	// The crisis line always shows, whatever else must give way.
	crisis := []string{"", st.Heading.Render(helpNowCrisis), st.Title.Render(wrap(s.crisisLine(), width))}
	var question []string
	if s.mode == helpNowTrash {
		item, _ := s.selected()
		q := "Move “" + truncate(item.who(), 40) + "” to the trash? You can bring it back from there."
		question = []string{"", st.Heading.Render(wrap(q, width))}
	}
	calm := []string{st.Normal.Render(wrap(helpNowCalm, width)), ""}
	noContact := []string{st.Subtle.Render(wrap(helpNowNoContact, width))}

	// The supports keep their heading and a few lines; the calm words and
	// the note that Waymark contacts no one show when there is room.
	const minList = 4
	spare := height - lineCount(crisis) - lineCount(question)
	if spare-lineCount(calm) < minList {
		calm = nil
	}
	spare -= lineCount(calm)
	if spare-lineCount(noContact) < minList {
		noContact = nil
	}
	spare -= lineCount(noContact)

	room := max(spare-1, 1)
	parts := append(calm, st.Heading.Render(helpNowSupports))
	parts = append(parts, clip(s.listLines(width, room), room)...)
	parts = append(parts, crisis...)
	parts = append(parts, noContact...)
	parts = append(parts, question...)
	return strings.Join(parts, "\n")
}

// listLines is what shows under the supports' heading, in room lines.
func (s *helpNowScreen) listLines(width, room int) []string {
	st := s.c.styles
	para := func(style lipgloss.Style, text string) []string {
		return strings.Split(style.Render(wrap(text, width)), "\n")
	}
	switch {
	case !s.open():
		return para(st.Subtle, helpNowLocked)
	case !s.loaded:
		return nil
	case s.err != nil && len(s.supports) == 0:
		return para(st.Problem, journal.Explain(s.err))
	case len(s.supports) == 0:
		return para(st.Subtle, helpNowEmpty)
	}
	return s.supportLines(width, room)
}

// clip keeps the first n lines.
func clip(lines []string, n int) []string {
	if len(lines) > n {
		return lines[:n]
	}
	return lines
}

// supportLines draws the supports, the chosen one marked, scrolled so it
// shows within room lines.
func (s *helpNowScreen) supportLines(width, room int) []string {
	st := s.c.styles
	var lines []string
	start, end := 0, 0
	for i, item := range s.supports {
		if i > 0 {
			for range st.RowGap() {
				lines = append(lines, "")
			}
		}
		if i == s.sel {
			start = len(lines)
		}
		who := truncate(item.who(), width-2)
		if i == s.sel {
			lines = append(lines, st.Heading.Render("› ")+st.Selected.Render(who))
		} else {
			lines = append(lines, "  "+st.Title.Render(who))
		}
		if how := item.how(); how != "" {
			for _, l := range strings.Split(wrap(how, width-4), "\n") {
				lines = append(lines, "    "+st.Normal.Render(strings.TrimRight(l, " ")))
			}
		}
		if i == s.sel {
			end = len(lines)
		}
	}
	if len(lines) <= room {
		s.top = 0
		return lines
	}
	// Keep a line for each "more" note.
	room = max(room-2, 1)
	if end > s.top+room {
		s.top = end - room
	}
	if start < s.top {
		s.top = start
	}
	s.top = min(max(s.top, 0), max(len(lines)-room, 0))
	var out []string
	if s.top > 0 {
		out = append(out, st.Subtle.Render("  more above ↑"))
	}
	out = append(out, lines[s.top:min(s.top+room, len(lines))]...)
	if s.top+room < len(lines) {
		out = append(out, st.Subtle.Render("  more below ↓"))
	}
	return out
}

func (s *helpNowScreen) formView() string {
	st := s.c.styles
	width := s.textWidth()
	title := "Add someone or something that helps"
	if s.editing != nil {
		title = "Change a support"
	}
	parts := []string{
		st.Heading.Render(title), "",
		st.Normal.Render("Who or what helps"), s.who.View(), "",
		st.Normal.Render("How to reach them"), s.how.View(), "",
		st.Subtle.Render(wrap("Both stay in your journal, on this computer. Waymark never contacts anyone.", width)),
	}
	return strings.Join(parts, "\n")
}

func (s *helpNowScreen) lineView() string {
	st := s.c.styles
	width := s.textWidth()
	parts := []string{
		st.Heading.Render("Your crisis line"), "",
		st.Normal.Render(wrap("The number or service to show when things are hard.", width)),
		s.line.View(), "",
		st.Subtle.Render(wrap(helpNowLineHint, width)),
	}
	return strings.Join(parts, "\n")
}

func lineCount(parts []string) int {
	n := 0
	for _, p := range parts {
		n += strings.Count(p, "\n") + 1
	}
	return n
}
