package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// The choices at the foot of the summary, in order.
type endChoice int

const (
	endSave endChoice = iota
	endWithout
	endBack
	endChoiceCount
)

var endChoiceNames = [endChoiceCount]string{"Save this summary", "End without a summary", "Back to the session"}

type endKeys struct {
	Save, Next, Left, Right, Choose, Back, Export, Home key.Binding
}

var ekeys = endKeys{
	Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save summary")),
	Next:   key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "words/choices")),
	Left:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "move")),
	Right:  key.NewBinding(key.WithKeys("right", "l")),
	Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to session")),
	Export: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "keep a copy as Markdown")),
	Home:   key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "home")),
}

// sessionEndScreen ends a session: what was written in it, the next steps
// and a field for what was talked about, in the person's words. Nothing is
// written until the person confirms; they can also end without a summary,
// and what they saved during the session stays as it is.
type sessionEndScreen struct {
	c       *common
	entries []journal.Summary
	seq     int
	text    textarea.Model
	// onChoices: the choices have focus rather than the words.
	onChoices bool
	choice    endChoice
	asking    bool // "end without a summary?" is showing
	saving    bool
	// draftSeq counts edits of the words; a pending draft only runs if no
	// edit followed (as the writing screen's).
	draftSeq int
	// saved is the confirmed summary; the session is over once it is set.
	saved     *journal.Entry
	exporting bool
	exported  string
	width     int
	height    int
}

type (
	sessionSummarySavedMsg struct {
		owner *sessionEndScreen
		entry journal.Entry
		err   error
	}
	sessionExportedMsg struct {
		path string
		err  error
	}
)

func newSessionEndScreen(c *common) *sessionEndScreen {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Placeholder = "A few words about what you talked about, if you like"
	plain := lipgloss.NewStyle()
	for _, st := range []*textarea.Style{&ta.FocusedStyle, &ta.BlurredStyle} {
		st.CursorLine = plain
		st.Base = plain
		st.Text = c.styles.Normal
		st.Placeholder = c.styles.Subtle
		st.EndOfBuffer = plain
	}
	ta.SetHeight(3)
	if c.session != nil {
		ta.SetValue(c.session.summary)
	}
	ta.Focus()
	return &sessionEndScreen{c: c, text: ta}
}

func (s *sessionEndScreen) Init() tea.Cmd {
	s.seq++
	return tea.Batch(textarea.Blink, loadSessionEntries(s.c, s, s.seq))
}

func (s *sessionEndScreen) Title() string {
	if s.saved != nil {
		return "Session summary"
	}
	return "Ending the session"
}

func (s *sessionEndScreen) Typing() bool { return s.saved == nil && !s.onChoices && !s.asking }

func (s *sessionEndScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.text.SetWidth(max(min(width, 76)-2, 10))
	// In a short window the field takes one line, so the choices below it
	// still show (see compact).
	if s.compact() {
		s.text.SetHeight(1)
	} else {
		s.text.SetHeight(3)
	}
}

// compact reports whether the window is too short for the summary's usual
// layout (its spacing, a three-line field and a line each of entries and
// steps): it then drops the blank lines and the note above the lists.
func (s *sessionEndScreen) compact() bool { return s.height > 0 && s.height < endFixedLines+2 }

func (s *sessionEndScreen) Keys() keyMap {
	switch {
	case s.saved != nil:
		b := []key.Binding{ekeys.Export, ekeys.Home}
		return keyMap{short: b, full: [][]key.Binding{b}}
	case s.asking:
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	case s.onChoices:
		b := []key.Binding{ekeys.Left, ekeys.Choose, ekeys.Next, ekeys.Save, ekeys.Back}
		return keyMap{short: b, full: [][]key.Binding{b}}
	}
	b := []key.Binding{ekeys.Save, ekeys.Next, ekeys.Back}
	return keyMap{short: b, full: [][]key.Binding{b}}
}

func (s *sessionEndScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case sessionEntriesMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		s.entries = msg.entries
		return nil
	case sessionSummarySavedMsg:
		if msg.owner != s {
			return nil
		}
		s.saving = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.saved = &msg.entry
		s.c.session = nil
		s.text.Blur()
		return tea.Batch(status(sessionOverNote), changed)
	case sessionDraftTickMsg:
		if msg.owner != s || msg.seq != s.draftSeq || s.saving || s.saved != nil {
			return nil
		}
		return keepSessionDraft(s.c)
	case sessionExportedMsg:
		s.exporting = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.exported = msg.path
		return status("Exported.")
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	if s.saved == nil && !s.onChoices {
		return s.updateText(msg)
	}
	return nil
}

// updateText gives a message to the words' field; when the words change they
// are kept with the session, and as its draft once typing pauses.
func (s *sessionEndScreen) updateText(msg tea.Msg) tea.Cmd {
	before := s.text.Value()
	var cmd tea.Cmd
	s.text, cmd = s.text.Update(msg)
	if s.text.Value() == before || s.c.session == nil {
		return cmd
	}
	s.c.session.summary = s.text.Value()
	s.draftSeq++
	seq := s.draftSeq
	return tea.Batch(cmd, tea.Tick(s.c.draftDelay, func(time.Time) tea.Msg { return sessionDraftTickMsg{owner: s, seq: seq} }))
}

// back returns to the session's page, the words kept with the session and
// as its draft (a pending draft tick would not reach a closed screen).
func (s *sessionEndScreen) back() tea.Cmd {
	s.c.session.summary = s.text.Value()
	s.draftSeq++
	return tea.Batch(pop, keepSessionDraft(s.c))
}

func (s *sessionEndScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.saved != nil {
		switch {
		case key.Matches(msg, ekeys.Export):
			return s.export()
		case key.Matches(msg, ekeys.Home):
			// The summary and the session's page both close; home returns.
			return tea.Sequence(pop, pop)
		}
		return nil
	}
	if s.c.session == nil || s.saving {
		return nil
	}
	if s.asking {
		switch {
		case key.Matches(msg, keyYes):
			s.asking = false
			end := endSessionDraft(s.c)
			s.c.session = nil
			return tea.Sequence(end, pop, pop, status(sessionLeftNote), changed)
		case key.Matches(msg, keyNo):
			s.asking = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, ekeys.Save):
		return s.save()
	case key.Matches(msg, ekeys.Back):
		return s.back()
	case key.Matches(msg, ekeys.Next):
		s.onChoices = !s.onChoices
		if s.onChoices {
			s.text.Blur()
			return nil
		}
		return s.text.Focus()
	}
	if !s.onChoices {
		return s.updateText(msg)
	}
	switch {
	case key.Matches(msg, ekeys.Left):
		s.choice = max(s.choice-1, 0)
	case key.Matches(msg, ekeys.Right):
		s.choice = min(s.choice+1, endChoiceCount-1)
	case key.Matches(msg, ekeys.Choose):
		switch s.choice {
		case endSave:
			return s.save()
		case endWithout:
			s.asking = true
		case endBack:
			return s.back()
		}
	}
	return nil
}

// save writes the summary the person confirmed, linked to every entry
// written in the session, in one command.
func (s *sessionEndScreen) save() tea.Cmd {
	if s.saving {
		return nil
	}
	s.saving = true
	s.c.session.summary = s.text.Value()
	sess := *s.c.session
	text, repo, now := s.text.Value(), s.c.repo, s.c.now
	return func() tea.Msg {
		page, err := repo.List(journal.Query{Session: sess.id, Limit: maxSessionEntries})
		if err != nil {
			return sessionSummarySavedMsg{owner: s, err: err}
		}
		e, err := journal.NewSessionSummary(sess.id, sess.started, now(), text, sess.steps, page.Summaries)
		if err != nil {
			return sessionSummarySavedMsg{owner: s, err: err}
		}
		saved, err := repo.Create(e)
		if err == nil && sess.slot != nil {
			// The summary is an entry now: its draft is done with.
			_ = sess.slot.end(repo)
		}
		return sessionSummarySavedMsg{owner: s, entry: saved, err: err}
	}
}

func (s *sessionEndScreen) export() tea.Cmd {
	export := s.c.opts.ExportSession
	if export == nil {
		return status("Export isn't available here; try waymark export from the command line.")
	}
	if s.exporting || s.saved == nil {
		return nil
	}
	s.exporting = true
	id := s.saved.Session
	return func() tea.Msg {
		path, err := export(id)
		return sessionExportedMsg{path: path, err: err}
	}
}

// endFixedLines is how many lines the summary takes besides its two lists.
const endFixedLines = 14

func (s *sessionEndScreen) View() string {
	st := s.c.styles
	width := min(max(s.width, 20), 76)
	if s.saved != nil {
		return s.doneView(width)
	}
	steps := []string(nil)
	if s.c.session != nil {
		steps = s.c.session.steps
	}
	// The choices (or the question) are laid out first: in a narrow window
	// they take two lines rather than lose the last one.
	var choices []string
	for i, name := range endChoiceNames {
		if s.onChoices && endChoice(i) == s.choice {
			choices = append(choices, st.Selected.Render("› "+name))
		} else {
			choices = append(choices, "  "+name)
		}
	}
	foot := strings.Join(flowChips(choices, max(s.width, 20)), "\n")
	if s.asking {
		foot = st.Problem.Render(wrap("End without a summary? What you saved stays; nothing else is kept. y / n", width))
	}
	compact := s.compact()
	// Besides the two lists: three headings, the field in its box and the
	// foot; and, when not compact, the note at the top and three blank lines.
	fixed := endFixedLines - 1 + lipgloss.Height(foot)
	if compact {
		fixed = 3 + s.text.Height() + 2 + lipgloss.Height(foot)
	}
	room := max(s.height-fixed, 2)
	shownEntries := min(len(s.entries), max(room/2, 1), max(room-min(len(steps), room/2), 1))
	shownSteps := max(room-max(shownEntries, 1), 1)
	gap := []string{""}
	if compact {
		gap = nil
	}

	var lines []string
	if !compact {
		lines = append(lines, st.Subtle.Render(truncate("Read it through together. Nothing more is kept until you save it.", width)), "")
	}
	lines = append(lines, st.Heading.Render("Written in this session"))
	if len(s.entries) == 0 {
		lines = append(lines, st.Subtle.Render("  Nothing written."))
	}
	lines = append(lines, listWithMore(len(s.entries), shownEntries, func(i int) string {
		return sessionEntryLine(s.c, s.entries[i], width)
	}, st)...)
	lines = append(append(lines, gap...), st.Heading.Render("Next steps"))
	if len(steps) == 0 {
		lines = append(lines, st.Subtle.Render("  None agreed. That's fine."))
	}
	lines = append(lines, listWithMore(len(steps), shownSteps, func(i int) string {
		return safeLine(fmt.Sprintf("  %d. %s", i+1, steps[i]), width)
	}, st)...)

	lines = append(append(lines, gap...), st.Heading.Render("What we talked about, in your words"))
	box := st.Blurred
	if !s.onChoices && !s.asking {
		box = st.Focused
	}
	lines = append(lines, box.Render(s.text.View()), foot)
	return strings.Join(lines, "\n")
}

// listWithMore shows the first shown of n lines, the last of them giving
// way to "and N more" when some are left out.
func listWithMore(n, shown int, line func(int) string, st Styles) []string {
	var out []string
	for i := 0; i < n; i++ {
		if i == shown-1 && n > shown {
			out = append(out, st.Subtle.Render(fmt.Sprintf("  and %d more", n-i)))
			break
		}
		out = append(out, line(i))
	}
	return out
}

func (s *sessionEndScreen) doneView(width int) string {
	st := s.c.styles
	var b strings.Builder
	b.WriteString(st.Title.Render(wrap(sessionOverNote, width)) + "\n\n")
	if n := s.saved.SessionNote; n != nil && len(n.NextSteps) > 0 {
		b.WriteString(st.Heading.Render("Your next steps") + "\n")
		for i, step := range n.NextSteps {
			if i >= max(s.height-10, 1) {
				b.WriteString(st.Subtle.Render(fmt.Sprintf("  and %d more", len(n.NextSteps)-i)) + "\n")
				break
			}
			b.WriteString(safeLine(fmt.Sprintf("  %d. %s", i+1, step), width) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(wrap("Press E to keep a copy of this session as Markdown, to read or print, or enter to go home.", width) + "\n")
	switch {
	case s.exporting:
		b.WriteString("\n" + st.Subtle.Render("Exporting…"))
	case s.exported != "":
		b.WriteString("\n" + wrap("Saved to "+s.exported+" (readable by you alone).", width))
		if s.c.encrypted() {
			b.WriteString("\n" + st.Problem.Render(wrap("This copy isn't protected by your passphrase. Keep it somewhere safe, or remove it when you're done.", width)))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}
