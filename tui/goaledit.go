package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The fields of the goal form, in tab order. The status is asked only of a
// new goal; after that it changes on the goal's own screen, with its date.
type goalField int

const (
	gfTitle goalField = iota
	gfWhy
	gfAreas
	gfSteps
	gfStrengths
	gfSupports
	gfRevisit
	gfStatus
)

// goalLabelWidth is the column the labels take, marker included.
const goalLabelWidth = 17

// goalDateLayout reads a date as a person types it: 2026-05-01 or 2026-5-1.
const goalDateLayout = "2006-1-2"

// goalBadDate is what a date that can't be read gets, with one that can.
const goalBadDate = "That date doesn't look right — try 2026-05-01."

// goalTitlePrompt invites a goal in the person's own words.
const goalTitlePrompt = "What would make life a little better here? Say it your way."

type goalEditKeys struct {
	Save, Back, Next, Prev, Left, Right, Toggle key.Binding
}

var gekeys = goalEditKeys{
	Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
	Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
	Left:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "move")),
	Right:  key.NewBinding(key.WithKeys("right", "l")),
	Toggle: key.NewBinding(key.WithKeys(" ", "enter", "x"), key.WithHelp("space", "choose")),
}

// goalEditScreen sets a new goal or changes one: its words, areas, steps,
// what the person can draw on and when to look again. Only the title is
// needed; everything else can be skipped.
type goalEditScreen struct {
	c *common
	// original is the goal being changed; its ID is empty for a new one.
	original journal.Entry

	title     textinput.Model
	why       textarea.Model
	steps     textarea.Model
	strengths textarea.Model
	supports  textarea.Model
	revisit   textinput.Model
	areas     areaPicker
	status    journal.GoalStatus

	focus goalField
	start string // the form as it began, to tell whether anything changed
	// begun holds each field as it began: a field left as it was keeps the
	// stored words (or moment) exactly.
	begun   map[string]string
	asking  bool // "let go of these changes?" is showing
	saving  bool
	dateBad bool // the date was refused; said under the form until it changes
	top     int  // the first line of the form on screen
	width   int
	height  int
}

type goalEditSavedMsg struct {
	owner   *goalEditScreen
	entry   journal.Entry
	created bool
	err     error
}

func newGoalEditScreen(c *common, e journal.Entry) screen {
	e.Kind = journal.KindGoal
	s := &goalEditScreen{
		c:         c,
		original:  e,
		title:     newGoalInput(c),
		why:       newGoalArea(c, "to you, in your own words"),
		steps:     newGoalArea(c, "one per line, as small as you like"),
		strengths: newGoalArea(c, "I can draw on, one per line"),
		supports:  newGoalArea(c, "people and places I can turn to, one per line"),
		revisit:   newGoalInput(c),
		status:    journal.GoalActive,
	}
	s.title.Placeholder = goalTitlePrompt
	s.revisit.Placeholder = "YYYY-MM-DD"
	s.revisit.CharLimit = 10

	// Stored words are shown made safe, so editing them can't bring back
	// anything a terminal would act on.
	s.title.SetValue(termsafe.Line(e.Title))
	s.areas = newAreaPicker(c, e.Dimensions)
	if g := e.Goal; g != nil {
		s.why.SetValue(termsafe.Text(g.Why))
		var steps []string
		for _, st := range g.Steps {
			steps = append(steps, termsafe.Line(st.Text))
		}
		s.steps.SetValue(strings.Join(steps, "\n"))
		s.strengths.SetValue(goalSafeLines(g.Strengths))
		s.supports.SetValue(goalSafeLines(g.Supports))
		if !g.Revisit.IsZero() {
			s.revisit.SetValue(g.Revisit.In(c.now().Location()).Format("2006-01-02"))
		}
		if g.Status != "" {
			s.status = g.Status
		}
	}
	s.start = s.snapshot()
	s.begun = map[string]string{"title": s.title.Value(), "why": s.why.Value(),
		"strengths": s.strengths.Value(), "supports": s.supports.Value(), "date": s.revisit.Value()}
	s.setFocus(gfTitle)
	return s
}

// newGoalArea is a text field of a few lines for one of the goal's lists.
func newGoalArea(c *common, placeholder string) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Placeholder = placeholder
	ta.Cursor.SetMode(cursor.CursorStatic)
	plain := lipgloss.NewStyle()
	for _, st := range []*textarea.Style{&ta.FocusedStyle, &ta.BlurredStyle} {
		st.CursorLine, st.Base, st.EndOfBuffer = plain, plain, plain
		st.Text, st.Placeholder = c.styles.Normal, c.styles.Subtle
	}
	ta.Blur()
	return ta
}

// goalSafeLines joins stored lines, each made safe, one per line.
func goalSafeLines(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = termsafe.Line(it)
	}
	return strings.Join(out, "\n")
}

func (s *goalEditScreen) textFields() []*textarea.Model {
	return []*textarea.Model{&s.why, &s.steps, &s.strengths, &s.supports}
}

func (s *goalEditScreen) editing() bool { return s.original.ID != "" }

func (s *goalEditScreen) fields() int {
	if s.editing() {
		return int(gfStatus) // no status field
	}
	return int(gfStatus) + 1
}

func (s *goalEditScreen) Init() tea.Cmd { return nil }

func (s *goalEditScreen) Title() string {
	if s.editing() {
		return "Editing goal"
	}
	return "New goal"
}

func (s *goalEditScreen) Typing() bool {
	if s.asking {
		return false
	}
	switch s.focus {
	case gfAreas, gfStatus:
		return false
	}
	return true
}

func (s *goalEditScreen) Keys() keyMap {
	if s.asking {
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	}
	short := []key.Binding{gekeys.Save, gekeys.Back, gekeys.Next}
	if s.focus == gfAreas || s.focus == gfStatus {
		short = append(short, gekeys.Left, gekeys.Toggle)
	}
	return keyMap{
		short: short,
		full: [][]key.Binding{
			{gekeys.Save, gekeys.Back, gekeys.Next, gekeys.Prev},
			{gekeys.Left, gekeys.Toggle},
		},
	}
}

func (s *goalEditScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.layout()
}

// fieldWidth is what the fields get beside the labels.
func (s *goalEditScreen) fieldWidth() int {
	w := s.width
	if w <= 0 {
		w = 80
	}
	return max(min(w, goalMaxWidth)-goalLabelWidth-1, 8)
}

// layout sizes the fields: a few lines each, with any room to spare going
// to the steps and then to why it matters.
func (s *goalEditScreen) layout() {
	fw := s.fieldWidth()
	s.title.Width = fw - 1
	s.revisit.Width = fw - 1
	for _, ta := range s.textFields() {
		ta.SetWidth(fw)
	}
	heights := map[*textarea.Model]int{&s.why: 2, &s.steps: 4, &s.strengths: 2, &s.supports: 2}
	used := 1 + 2 + len(s.areaRows()) + 4 + 2 + 2 + 1 + 1 // the fields as they start
	if !s.editing() {
		used++ // the status
	}
	spare := s.height - 2 - used // a space and the hint go under the form
	if spare > 0 {
		more := min(spare, 3)
		heights[&s.steps] += more
		spare -= more
	}
	if spare > 0 {
		heights[&s.why]++
	}
	for ta, h := range heights {
		ta.SetHeight(h)
	}
}

func (s *goalEditScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case goalEditSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.saving = false
		if msg.err != nil {
			return problem(msg.err)
		}
		s.start = s.snapshot()
		if msg.created {
			// Straight to the new goal, to tick its steps from there.
			return tea.Batch(replace(newGoalScreen(s.c, msg.entry.ID)), status("Saved."), changed)
		}
		return tea.Batch(pop, status("Saved."), changed)
	case dimensionsLoadedMsg:
		s.layout()
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *goalEditScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.asking {
		switch {
		case key.Matches(msg, keyYes):
			s.asking = false
			return pop
		case key.Matches(msg, keyNo):
			s.asking = false
		}
		return nil
	}
	n := goalField(s.fields())
	switch {
	case key.Matches(msg, gekeys.Save):
		return s.save()
	case key.Matches(msg, gekeys.Back):
		if s.snapshot() != s.start {
			s.asking = true
			return nil
		}
		return pop
	case key.Matches(msg, gekeys.Next):
		return s.setFocus((s.focus + 1) % n)
	case key.Matches(msg, gekeys.Prev):
		return s.setFocus((s.focus + n - 1) % n)
	}
	var cmd tea.Cmd
	switch s.focus {
	case gfTitle:
		s.title, cmd = s.title.Update(msg)
	case gfRevisit:
		before := s.revisit.Value()
		s.revisit, cmd = s.revisit.Update(msg)
		if s.revisit.Value() != before {
			s.dateBad = false
		}
	case gfWhy:
		s.why, cmd = s.why.Update(msg)
	case gfSteps:
		s.steps, cmd = s.steps.Update(msg)
	case gfStrengths:
		s.strengths, cmd = s.strengths.Update(msg)
	case gfSupports:
		s.supports, cmd = s.supports.Update(msg)
	case gfAreas:
		if s.areas.update(msg) {
			s.layout()
		}
	case gfStatus:
		if key.Matches(msg, gekeys.Left, gekeys.Right, gekeys.Toggle) {
			s.status = map[journal.GoalStatus]journal.GoalStatus{
				journal.GoalActive: journal.GoalSomeday, journal.GoalSomeday: journal.GoalActive,
			}[s.status]
			if s.status == "" {
				s.status = journal.GoalActive
			}
		}
	}
	return cmd
}

func (s *goalEditScreen) setFocus(f goalField) tea.Cmd {
	s.focus = f
	s.title.Blur()
	s.revisit.Blur()
	for _, ta := range s.textFields() {
		ta.Blur()
	}
	switch f {
	case gfTitle:
		return s.title.Focus()
	case gfRevisit:
		return s.revisit.Focus()
	case gfWhy:
		return s.why.Focus()
	case gfSteps:
		return s.steps.Focus()
	case gfStrengths:
		return s.strengths.Focus()
	case gfSupports:
		return s.supports.Focus()
	}
	return nil
}

// snapshot is the whole form as one string, to compare with how it began.
func (s *goalEditScreen) snapshot() string {
	return strings.Join([]string{s.title.Value(), s.why.Value(), s.steps.Value(), s.strengths.Value(),
		s.supports.Value(), s.revisit.Value(), string(s.status), strings.Join(s.chosen(), ",")}, "\x00")
}

// chosen is the goal's areas in the person's order, keeping any the set no
// longer knows.
func (s *goalEditScreen) chosen() []string { return s.areas.ids() }

// readRevisit reads the date field; ok is false when it can't be read.
func (s *goalEditScreen) readRevisit() (time.Time, bool) {
	v := strings.TrimSpace(s.revisit.Value())
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation(goalDateLayout, v, s.c.now().Location())
	return t, err == nil
}

// goalLines splits a field into its lines with words, each trimmed.
func goalLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (s *goalEditScreen) save() tea.Cmd {
	if s.saving {
		return nil
	}
	title := strings.TrimSpace(s.title.Value())
	if title == "" {
		return problem(journal.ErrEmptyTitle)
	}
	revisit, ok := s.readRevisit()
	if !ok {
		s.dateBad = true
		return func() tea.Msg { return statusMsg{text: goalBadDate, problem: true} }
	}
	s.saving = true
	dims := s.chosen()
	why := strings.TrimSpace(s.why.Value())
	steps, strengths, supports := goalLines(s.steps.Value()), goalLines(s.strengths.Value()), goalLines(s.supports.Value())
	repo, now := s.c.repo, s.c.now()

	if !s.editing() {
		status := s.status
		// A goal set during a session together is written together.
		var session string
		var author journal.Author
		if s.c.session != nil {
			session, author = s.c.session.id, journal.AuthorTogether
		}
		return func() tea.Msg {
			g, err := journal.NewGoal(status, now)
			if err != nil {
				return goalEditSavedMsg{owner: s, err: err}
			}
			g.Why, g.Strengths, g.Supports, g.Revisit = why, strengths, supports, revisit
			for _, st := range steps {
				if err := g.AddStep(st); err != nil {
					return goalEditSavedMsg{owner: s, err: err}
				}
			}
			saved, err := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: title, Dimensions: dims, Goal: g,
				Session: session, Author: author})
			return goalEditSavedMsg{owner: s, entry: saved, created: true, err: err}
		}
	}
	id := s.original.ID
	same := func(name, value string) bool { return s.begun[name] == value }
	keepTitle, keepWhy := same("title", s.title.Value()), same("why", s.why.Value())
	keepStrengths, keepSupports := same("strengths", s.strengths.Value()), same("supports", s.supports.Value())
	keepDate := same("date", s.revisit.Value())
	return func() tea.Msg {
		// Keep what this screen doesn't edit (status, notes, history) as it
		// is stored now.
		current, err := repo.Get(id)
		if err != nil {
			return goalEditSavedMsg{owner: s, err: err}
		}
		g := cloneGoal(current.Goal)
		if !keepWhy {
			g.Why = why
		}
		if !keepStrengths {
			g.Strengths = strengths
		}
		if !keepSupports {
			g.Supports = supports
		}
		if !keepDate {
			g.Revisit = revisit
		}
		g.Steps = keepSteps(g.Steps, steps)
		if !keepTitle {
			current.Title = title
		}
		current.Dimensions, current.Goal = dims, g
		saved, err := repo.Update(current)
		return goalEditSavedMsg{owner: s, entry: saved, err: err}
	}
}

// keepSteps makes the new list of steps, keeping a step as it was (its exact
// words, and whether and when it was done) wherever its line is unchanged.
func keepSteps(old []journal.Step, texts []string) []journal.Step {
	used := make([]bool, len(old))
	out := make([]journal.Step, 0, len(texts))
	for _, t := range texts {
		kept := false
		for i, o := range old {
			if !used[i] && strings.TrimSpace(termsafe.Line(o.Text)) == t {
				used[i], kept = true, true
				out = append(out, o)
				break
			}
		}
		if !kept {
			out = append(out, journal.Step{Text: t})
		}
	}
	return out
}

// areaRows lays the life areas out as chips to choose with space.
func (s *goalEditScreen) areaRows() []string {
	return s.areas.rows(s.focus == gfAreas, s.fieldWidth())
}

// formLines draws every field beside its label, and says which lines the
// focused field takes.
func (s *goalEditScreen) formLines() (out []string, from, to int) {
	st := s.c.styles
	label := func(text string, f goalField) string {
		if s.focus == f {
			return st.Heading.Render(goalPad("› "+text, goalLabelWidth))
		}
		return st.Subtle.Render(goalPad("  "+text, goalLabelWidth))
	}
	field := func(f goalField, name string, body string) {
		if f == s.focus {
			from = len(out)
		}
		for i, l := range strings.Split(body, "\n") {
			lead := strings.Repeat(" ", goalLabelWidth)
			if i == 0 {
				lead = label(name, f)
			}
			out = append(out, lead+l)
		}
		if f == s.focus {
			to = len(out)
		}
	}
	field(gfTitle, "Title", s.title.View())
	field(gfWhy, "Why it matters", s.why.View())
	field(gfAreas, "Areas", strings.Join(s.areaRows(), "\n"))
	field(gfSteps, "Small steps", s.steps.View())
	field(gfStrengths, "Strengths", s.strengths.View())
	field(gfSupports, "Supports", s.supports.View())
	field(gfRevisit, "Look again on", s.revisit.View())
	if !s.editing() {
		var opts []string
		for _, gs := range []journal.GoalStatus{journal.GoalActive, journal.GoalSomeday} {
			mark := "( )"
			if gs == s.status {
				mark = "(•)"
			}
			opts = append(opts, mark+" "+gs.Label())
		}
		field(gfStatus, "Status", strings.Join(opts, "  "))
	}
	return out, from, to
}

// goalPad pads plain text with spaces to width cells.
func goalPad(s string, width int) string {
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}

// hint is the line under the form: a word about the focused field, the date
// problem, or the question before changes are let go.
func (s *goalEditScreen) hint() string {
	st := s.c.styles
	width := s.width
	if width <= 0 {
		width = 80
	}
	switch {
	case s.asking:
		return st.Problem.Render(truncate("Let go of these changes? y / n", width))
	case s.dateBad:
		return st.Problem.Render(truncate(goalBadDate, width))
	}
	var h string
	switch s.focus {
	case gfTitle:
		h = "Only the title is needed; everything else can be skipped."
	case gfWhy:
		h = "Why this goal matters to you, in your own words."
	case gfAreas:
		h = "Which parts of life it touches: ←/→ to move, space to choose."
	case gfSteps:
		h = "Small steps, one per line. Small is good."
	case gfStrengths:
		h = "Strengths I can draw on, one per line."
	case gfSupports:
		h = "People and supports, one per line."
	case gfRevisit:
		h = "A day to look at this goal again, like 2026-05-01. You can leave it empty."
	case gfStatus:
		h = "Active if you're starting now, someday if it can wait."
	}
	return st.Subtle.Render(truncate(h, width))
}

func (s *goalEditScreen) View() string {
	form, from, to := s.formLines()
	avail := s.height - 2 // a space, then the hint
	if avail <= 0 {
		avail = len(form)
	}
	// Keep the focused field on screen when the form is taller than the window.
	if from < s.top {
		s.top = from
	}
	if to > s.top+avail {
		s.top = to - avail
	}
	s.top = max(min(s.top, len(form)-avail), 0)
	end := min(s.top+avail, len(form))
	width := s.width
	if width <= 0 {
		width = 80
	}
	shown := make([]string, 0, end-s.top+2)
	for _, l := range form[s.top:end] {
		shown = append(shown, truncate(l, width))
	}
	return strings.Join(append(shown, "", s.hint()), "\n")
}
