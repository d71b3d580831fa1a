package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// goalMaxWidth keeps a goal's lines a comfortable length on a wide window.
const goalMaxWidth = 100

// goalDetailBar is how many shapes the steps bar has on a goal's own screen.
const goalDetailBar = 10

// goalMode says what the goal screen is doing besides showing the goal.
type goalMode int

const (
	goalViewing goalMode = iota
	goalAddStep          // the field for a new step is open
	goalReword           // the field rewording the selected step is open
	goalAddNote          // the field for a progress note is open
	goalChoose           // the status chooser is open
	goalRemove           // asking before a step is removed
)

// goalScreen shows one goal: where it stands, its steps as a checklist to
// tick and reorder, what the person can draw on, and how it has gone.
type goalScreen struct {
	c    *common
	id   string
	keys goalKeys

	entry  journal.Entry
	loaded bool
	err    error
	seq    int
	saving bool

	step     int // the selected step
	mode     goalMode
	input    textinput.Model
	statusAt int // the status the chooser points at

	vp     viewport.Model
	focus  int  // the content line to keep on screen
	follow bool // keep focus on screen at the next render
	width  int
	height int
}

type goalKeys struct {
	Up, Down, PageUp, PageDown, MoveUp, MoveDown key.Binding
	Tick, Add, Reword, Remove, Note              key.Binding
	Status, Edit, Trash, Back                    key.Binding
	Save, Cancel, Choose                         key.Binding
}

func newGoalKeys() goalKeys {
	return goalKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   keyPageUp,
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K/shift+↑", "step up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J/shift+↓", "step down")),
		Tick:     key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", "tick or untick")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a step")),
		Reword:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reword the step")),
		Remove:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "remove the step")),
		Note:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "add a note")),
		Status:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "change status")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the goal")),
		Trash:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "move to the trash")),
		Back:     keyBack,
		Save:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set")),
	}
}

type (
	goalLoadedMsg struct {
		owner *goalScreen
		seq   int
		entry journal.Entry
		err   error
	}
	goalSavedMsg struct {
		owner  *goalScreen
		entry  journal.Entry
		before journal.Entry // shown again if the change could not be kept
		note   string
		err    error
	}
	goalTrashedMsg struct {
		owner *goalScreen
		err   error
	}
)

func newGoalScreen(c *common, id string) screen {
	s := &goalScreen{c: c, id: id, keys: newGoalKeys(), vp: viewport.New(80, 20), input: newGoalInput(c)}
	s.vp.KeyMap = viewport.KeyMap{} // this screen moves it
	s.updateKeys()
	return s
}

// newGoalInput is a one-line field with a steady cursor, styled plainly.
func newGoalInput(c *common) textinput.Model {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.PromptStyle = c.styles.Subtle
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	return in
}

func (s *goalScreen) Init() tea.Cmd { return s.load() }

func (s *goalScreen) load() tea.Cmd {
	s.seq++
	repo, id, seq := s.c.repo, s.id, s.seq
	return func() tea.Msg {
		e, err := repo.Get(id)
		return goalLoadedMsg{owner: s, seq: seq, entry: e, err: err}
	}
}

func (s *goalScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case dimensionsLoadedMsg:
		s.render() // area names come from the shared set
	case goalLoadedMsg:
		if msg.owner != s || msg.seq != s.seq || s.saving {
			return nil
		}
		s.err = msg.err
		if msg.err == nil {
			// On a small window, scroll just enough that the step space
			// would tick is in view.
			s.follow = s.follow || !s.loaded
			s.entry, s.loaded = msg.entry, true
		}
		s.step = min(s.step, max(s.stepCount()-1, 0))
		s.updateKeys()
		s.render()
	case goalSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.saving = false
		if msg.err != nil {
			s.entry = msg.before
			s.step = min(s.step, max(s.stepCount()-1, 0))
			s.updateKeys()
			s.render()
			return problem(msg.err)
		}
		s.entry = msg.entry
		s.render()
		return tea.Batch(changed, status(msg.note))
	case goalTrashedMsg:
		if msg.owner != s {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(pop, changed, status("Moved to the trash."))
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *goalScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch s.mode {
	case goalAddStep, goalReword, goalAddNote:
		return s.handleTyping(msg)
	case goalChoose:
		return s.handleChooser(msg)
	case goalRemove:
		s.setMode(goalViewing)
		if key.Matches(msg, keyYes) {
			i := s.step
			return s.change("Step removed.", func(g *journal.Goal) error {
				if err := g.RemoveStep(i); err != nil {
					return err
				}
				s.step = min(i, max(len(g.Steps)-1, 0))
				return nil
			})
		}
		return nil // any other key keeps the step
	}
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		if s.step > 0 {
			s.step--
			s.follow = true
			s.render()
		} else {
			s.vp.ScrollUp(1)
		}
	case key.Matches(msg, k.Down):
		if s.step < s.stepCount()-1 {
			s.step++
			s.follow = true
			s.render()
		} else {
			s.vp.ScrollDown(1)
		}
	case key.Matches(msg, k.PageUp):
		s.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		s.vp.PageDown()
	case key.Matches(msg, k.Tick):
		i, now := s.step, s.c.now()
		return s.change("Saved.", func(g *journal.Goal) error { return g.ToggleStep(i, now) })
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		delta := 1
		if key.Matches(msg, k.MoveUp) {
			delta = -1
		}
		i := s.step
		return s.change("Saved.", func(g *journal.Goal) error {
			to, err := g.MoveStep(i, delta)
			s.step = to
			return err
		})
	case key.Matches(msg, k.Add):
		return s.openInput(goalAddStep, "", "a small step, in your words")
	case key.Matches(msg, k.Reword):
		if g := s.goal(); s.step < len(g.Steps) {
			return s.openInput(goalReword, g.Steps[s.step].Text, "")
		}
	case key.Matches(msg, k.Remove):
		s.setMode(goalRemove)
	case key.Matches(msg, k.Note):
		return s.openInput(goalAddNote, "", "how it's going, in a few words")
	case key.Matches(msg, k.Status):
		s.statusAt = max(slices.Index(journal.GoalStatuses, s.goal().Status), 0)
		s.setMode(goalChoose)
	case key.Matches(msg, k.Edit):
		return push(newGoalEditScreen(s.c, s.entry))
	case key.Matches(msg, k.Trash):
		repo, id := s.c.repo, s.entry.ID
		return func() tea.Msg { return goalTrashedMsg{owner: s, err: repo.Trash(id)} }
	case key.Matches(msg, k.Back):
		return pop
	}
	return nil
}

func (s *goalScreen) handleTyping(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Cancel):
		s.setMode(goalViewing)
		return nil
	case key.Matches(msg, s.keys.Save):
		if s.saving {
			return nil
		}
		text, i, now := s.input.Value(), s.step, s.c.now()
		var apply func(g *journal.Goal) error
		switch s.mode {
		case goalAddStep:
			apply = func(g *journal.Goal) error {
				if err := g.AddStep(text); err != nil {
					return err
				}
				s.step = len(g.Steps) - 1
				return nil
			}
		case goalReword:
			apply = func(g *journal.Goal) error { return g.EditStep(i, text) }
		case goalAddNote:
			apply = func(g *journal.Goal) error { return g.AddNote(text, now) }
		}
		// A refused change keeps the field open with the words in it.
		if err := s.check(apply); err != nil {
			return problem(err)
		}
		s.setMode(goalViewing)
		return s.change("Saved.", apply)
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	s.render()
	return cmd
}

func (s *goalScreen) handleChooser(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		s.statusAt = max(s.statusAt-1, 0)
	case key.Matches(msg, k.Down):
		s.statusAt = min(s.statusAt+1, len(journal.GoalStatuses)-1)
	case key.Matches(msg, k.Cancel):
		s.setMode(goalViewing)
	case key.Matches(msg, k.Choose):
		st, now := journal.GoalStatuses[s.statusAt], s.c.now()
		s.setMode(goalViewing)
		if st == s.goal().Status {
			return nil
		}
		note := "Saved."
		if st == journal.GoalReached {
			note = "Reached. That's worth noticing."
		}
		return s.change(note, func(g *journal.Goal) error { return g.SetStatus(st, now) })
	}
	return nil
}

// check reports whether a change would be refused, without making it.
func (s *goalScreen) check(apply func(*journal.Goal) error) error {
	step := s.step
	defer func() { s.step = step }()
	return apply(cloneGoal(s.entry.Goal))
}

// change applies one of the goal's own rules to a copy of the goal, shows the
// result at once and keeps it in the background. One change is kept at a
// time, so none is lost to another finishing first.
func (s *goalScreen) change(note string, apply func(*journal.Goal) error) tea.Cmd {
	if s.saving || !s.editable() {
		return nil
	}
	before := s.entry
	g := cloneGoal(before.Goal)
	if err := apply(g); err != nil {
		return problem(err)
	}
	e := before
	e.Goal = g
	s.entry = e
	s.saving = true
	s.follow = true
	s.updateKeys()
	s.render()
	// The store gets its own copy: the screen keeps drawing this one.
	keep := e
	keep.Goal = cloneGoal(g)
	repo := s.c.repo
	return func() tea.Msg {
		saved, err := repo.Update(keep)
		return goalSavedMsg{owner: s, entry: saved, before: before, note: note, err: err}
	}
}

// cloneGoal copies a goal deeply, so a change never touches the one the
// journal handed out.
func cloneGoal(g *journal.Goal) *journal.Goal {
	if g == nil {
		return &journal.Goal{Status: journal.GoalActive}
	}
	c := *g
	c.Steps = slices.Clone(g.Steps)
	c.Strengths = slices.Clone(g.Strengths)
	c.Supports = slices.Clone(g.Supports)
	c.History = slices.Clone(g.History)
	c.Notes = slices.Clone(g.Notes)
	return &c
}

func (s *goalScreen) openInput(mode goalMode, value, placeholder string) tea.Cmd {
	if !s.editable() {
		return nil
	}
	s.input.Reset()
	s.input.Placeholder = placeholder
	// What was stored is shown made safe, so editing it can't bring back
	// anything a terminal would act on.
	s.input.SetValue(termsafe.Line(value))
	s.input.CursorEnd()
	s.setMode(mode)
	return s.input.Focus()
}

// setMode opens or closes a field, the chooser or the question.
func (s *goalScreen) setMode(m goalMode) {
	s.mode = m
	if m != goalAddStep && m != goalReword && m != goalAddNote {
		s.input.Blur()
	}
	s.follow = true
	s.updateKeys()
	s.layout()
}

func (s *goalScreen) goal() journal.Goal {
	if s.entry.Goal == nil {
		return journal.Goal{Status: journal.GoalActive}
	}
	return *s.entry.Goal
}

func (s *goalScreen) stepCount() int { return len(s.goal().Steps) }

// editable: the goal is here and not in the trash.
func (s *goalScreen) editable() bool { return s.loaded && s.err == nil && !s.entry.InTrash() }

// updateKeys turns bindings on and off from the screen's state, in one place.
func (s *goalScreen) updateKeys() {
	k := &s.keys
	viewing := s.mode == goalViewing
	ok := viewing && s.editable()
	steps := ok && s.stepCount() > 0
	for _, b := range []*key.Binding{&k.Tick, &k.Reword, &k.Remove, &k.MoveUp, &k.MoveDown} {
		b.SetEnabled(steps)
	}
	for _, b := range []*key.Binding{&k.Add, &k.Note, &k.Status, &k.Edit, &k.Trash} {
		b.SetEnabled(ok)
	}
	typing := s.Typing()
	k.PageUp.SetEnabled(viewing)
	k.PageDown.SetEnabled(viewing)
	k.Back.SetEnabled(viewing)
	k.Save.SetEnabled(typing)
	k.Cancel.SetEnabled(typing || s.mode == goalChoose)
	k.Choose.SetEnabled(s.mode == goalChoose)
}

func (s *goalScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.layout()
}

// layout gives the goal whatever the chooser or question below leaves.
func (s *goalScreen) layout() {
	s.vp.Width = max(s.width, 1)
	s.vp.Height = max(s.height-lipgloss.Height(s.footer()), 1)
	s.input.Width = max(min(s.vp.Width, goalMaxWidth)-9, 1)
	s.render()
}

func (s *goalScreen) Title() string { return "Goal" }

func (s *goalScreen) Typing() bool {
	return s.mode == goalAddStep || s.mode == goalReword || s.mode == goalAddNote
}

func (s *goalScreen) Keys() keyMap {
	k := s.keys
	switch s.mode {
	case goalAddStep, goalReword, goalAddNote:
		return keyMap{short: []key.Binding{k.Save, k.Cancel}, full: [][]key.Binding{{k.Save, k.Cancel}}}
	case goalChoose:
		return keyMap{short: []key.Binding{keyGoalsMove, k.Choose, k.Cancel}, full: [][]key.Binding{{k.Up, k.Down, k.Choose, k.Cancel}}}
	case goalRemove:
		no := key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "keep it"))
		yes := brief(keyYes, "remove it")
		return keyMap{short: []key.Binding{yes, no}, full: [][]key.Binding{{yes, no}}}
	}
	return keyMap{
		short: []key.Binding{brief(k.Tick, "tick"), brief(k.Add, "add step"), brief(k.Note, "note"),
			brief(k.Status, "status"), brief(k.Edit, "edit"), k.Back},
		// Two groups, so they fit beside each other at 50 columns.
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.MoveUp, k.MoveDown},
			{k.Tick, k.Add, k.Reword, k.Remove, k.Note, k.Status, k.Edit, k.Trash, k.Back},
		},
	}
}

// goalDay names a day plainly: "3 Nov", with the year when it isn't this one.
func goalDay(now, t time.Time) string {
	t = t.In(now.Location())
	if t.Year() == now.Year() {
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}

// goalStanding says where a goal stands and since when, and when the person
// wanted to look at it again.
func goalStanding(c *common, g journal.Goal) string {
	now := c.now()
	parts := []string{g.Status.Label()}
	if since := g.StatusSince(); !since.IsZero() {
		parts[0] += " since " + goalDay(now, since)
	}
	switch {
	case journal.ReadyForALook(g.Status, g.Revisit, now):
		parts = append(parts, "Ready for a look")
	case !g.Revisit.IsZero() && g.Status.Open():
		parts = append(parts, "Look again on "+goalDay(now, g.Revisit))
	}
	return strings.Join(parts, " · ")
}

// render lays the goal out for the current width. Everything stored passes
// through wrap or safeLine.
func (s *goalScreen) render() {
	if !s.loaded {
		return
	}
	st := s.c.styles
	e, g := s.entry, s.goal()
	width := min(s.vp.Width, goalMaxWidth)
	now := s.c.now()

	var lines []string
	add := func(block string) { lines = append(lines, strings.Split(block, "\n")...) }
	heading := func(h string) {
		lines = append(lines, "", st.Heading.Render(truncate(h, width)))
	}

	add(st.Title.Render(wrap(e.Title, width)))
	add(st.Subtle.Render(truncate(goalStanding(s.c, g), width)))
	if names := s.c.dimensionNames(e.Dimensions); len(names) > 0 {
		add(st.Subtle.Render(safeLine(strings.Join(names, ", "), width)))
	}
	if e.InTrash() {
		add(st.Subtle.Render("In the trash: bring it back from the trash to change it."))
	}
	if strings.TrimSpace(g.Why) != "" {
		heading("Why it matters")
		add(wrap(g.Why, width))
	}
	if strings.TrimSpace(e.Text) != "" {
		lines = append(lines, "")
		add(wrap(e.Text, width))
	}

	// The steps, as a checklist; the selected one marked with ›.
	done, total := g.StepsDone()
	steps := "Small steps"
	if total > 0 {
		steps += "  " + goalBar(done, total, goalDetailBar) + fmt.Sprintf(" %d of %d steps", done, total)
	}
	heading(steps)
	focus := len(lines)
	if total == 0 && s.mode != goalAddStep {
		add(st.Subtle.Render(truncate("  No steps yet. Press a to add a small one.", width)))
	}
	for i, step := range g.Steps {
		selected := i == s.step && s.mode != goalAddStep
		if selected {
			focus = len(lines)
		}
		if selected && s.mode == goalReword {
			lines = append(lines, "› "+s.input.View())
			continue
		}
		lines = append(lines, s.stepLine(step, selected, width))
	}
	if s.mode == goalAddStep {
		focus = len(lines)
		lines = append(lines, "› [ ] "+s.input.View())
	}

	if len(g.Strengths) > 0 {
		heading("Strengths I can draw on")
		for _, t := range g.Strengths {
			add(goalBullet("· ", t, width))
		}
	}
	if len(g.Supports) > 0 {
		heading("People and supports")
		for _, t := range g.Supports {
			add(goalBullet("· ", t, width))
		}
	}

	heading("Progress notes")
	if s.mode == goalAddNote {
		focus = len(lines)
		lines = append(lines, "› "+s.input.View())
	} else if len(g.Notes) == 0 {
		add(st.Subtle.Render(truncate("  None yet. Press p to note how it's going.", width)))
	}
	for i := len(g.Notes) - 1; i >= 0; i-- {
		n := g.Notes[i]
		add(goalBullet(fmt.Sprintf("%-8s", goalDay(now, n.At)), n.Text, width))
	}

	if len(g.History) > 0 {
		heading("Status over time")
		for _, h := range g.History {
			add(truncate(fmt.Sprintf("%-8s%s", goalDay(now, h.At), h.Status.Label()), width))
		}
	}

	s.vp.SetContent(strings.Join(lines, "\n"))
	s.focus = focus
	if s.follow {
		s.follow = false
		s.show(focus)
	}
}

// show scrolls so the line is on screen, with the heading above the first
// step in view when there is room.
func (s *goalScreen) show(line int) {
	switch {
	case line < s.vp.YOffset:
		s.vp.SetYOffset(max(line-1, 0))
	case line >= s.vp.YOffset+s.vp.Height:
		s.vp.SetYOffset(line - s.vp.Height + 1)
	}
}

// stepLine is one step of the checklist: [x] when done, [ ] when not.
func (s *goalScreen) stepLine(step journal.Step, selected bool, width int) string {
	marker := "  "
	if selected {
		marker = "› "
	}
	box := "[ ] "
	if step.Done {
		box = "[x] "
	}
	line := marker + box + safeLine(step.Text, max(width-6, 1))
	if selected {
		return s.c.styles.Selected.Render(line)
	}
	return line
}

// goalBullet wraps text after a lead, with the lines after the first indented
// under the text.
func goalBullet(lead, text string, width int) string {
	lead = "  " + lead
	pad := lipgloss.Width(lead)
	body := strings.Split(wrap(strings.TrimSpace(text), max(width-pad, 1)), "\n")
	for i := range body {
		body[i] = strings.TrimRight(body[i], " ")
		if i == 0 {
			body[i] = lead + body[i]
		} else {
			body[i] = strings.Repeat(" ", pad) + body[i]
		}
	}
	return strings.Join(body, "\n")
}

// footer is what sits under the goal: the status chooser, the question
// before a step goes, or a note that there is more to see.
func (s *goalScreen) footer() string {
	st := s.c.styles
	width := max(s.width, 1)
	switch s.mode {
	case goalChoose:
		current := s.goal().Status
		rows := []string{"Where does this goal stand now?"}
		for i, gs := range journal.GoalStatuses {
			marker := "  "
			if i == s.statusAt {
				marker = "› "
			}
			label := gs.Label()
			if gs == current {
				label += " (now)"
			}
			row := marker + label
			if i == s.statusAt {
				row = st.Selected.Render(row)
			}
			rows = append(rows, row)
		}
		return st.Dialog.Render(strings.Join(rows, "\n"))
	case goalRemove:
		q := "Remove this step? y / n"
		if g := s.goal(); s.step < len(g.Steps) {
			q = "Remove “" + safeLine(g.Steps[s.step].Text, max(width-30, 10)) + "”? y / n"
		}
		return st.Problem.Render(truncate(q, width))
	}
	return s.scrollNote()
}

// scrollNote says, quietly, when there is more to see.
func (s *goalScreen) scrollNote() string {
	if s.vp.TotalLineCount() <= s.vp.Height {
		return ""
	}
	note := fmt.Sprintf("%d%%", int(s.vp.ScrollPercent()*100+0.5))
	if !s.vp.AtBottom() {
		note += " · more below ↓"
	}
	width := max(s.width, 1)
	return s.c.styles.Subtle.Render(lipgloss.PlaceHorizontal(width, lipgloss.Right, truncate(note, width)))
}

func (s *goalScreen) View() string {
	st := s.c.styles
	if s.err != nil {
		return st.Problem.Render(wrap(journal.Explain(s.err), max(s.width, 20)))
	}
	if !s.loaded {
		return ""
	}
	return s.vp.View() + "\n" + s.footer()
}
