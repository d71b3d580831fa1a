package tui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// goalsMaxWidth keeps a goal's title and its steps close on a wide window.
const goalsMaxWidth = 100

// maxGoalsListed is how many goals the list reads: every goal a person keeps.
const maxGoalsListed = 1000

// keyGoalsMove stands for the arrow keys in the help bar.
var keyGoalsMove = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move"))

// goalsBarWidth is how many shapes the steps bar has in the list.
const goalsBarWidth = 5

// goalReadyNote is how a goal whose revisit date has come is offered: an
// invitation, never a deadline.
const goalReadyNote = "ready for a look"

// goalAnyArea heads the goals that touch no life area.
const goalAnyArea = "Any area"

// goalProgress draws steps done as a bar of width shapes followed by the
// count, as in "▰▰▰▱▱ 3/5". The shapes carry the meaning, so it reads the
// same without colour. It is empty when there are no steps.
func goalProgress(done, total, width int) string {
	if total <= 0 {
		return ""
	}
	return goalBar(done, total, width) + fmt.Sprintf(" %d/%d", done, total)
}

// goalBar is the bar alone. A step done always shows, and a bar is only
// full when every step is done.
func goalBar(done, total, width int) string {
	width = max(width, 1)
	done = min(max(done, 0), total)
	filled := int(math.Round(float64(done) * float64(width) / float64(total)))
	if done > 0 {
		filled = max(filled, 1)
	}
	if done < total {
		filled = min(filled, width-1)
	}
	return strings.Repeat("▰", filled) + strings.Repeat("▱", width-filled)
}

// goalsScreen lists every goal outside the trash, grouped by where it stands
// and, within that, by life area.
type goalsScreen struct {
	c    *common
	keys goalsKeys

	all    []journal.Summary // every goal, newest first, as loaded
	shown  []journal.Summary // the goals on the list, in its order
	lines  []goalsLine       // the list laid out, headings included
	rowAt  []int             // the line of each shown goal
	loaded bool
	err    error
	seq    int

	area   string // a life area's id to show only its goals, or "" for all
	cursor int
	top    int // the first line on screen
	width  int
	height int
}

// goalsLine is one line of the list: a status heading, an area under it, a
// space between groups, or a goal.
type goalsLine struct {
	status journal.GoalStatus // a heading, when set
	count  int                // goals under the heading
	area   *journal.Dimension // an area's heading; nil under "Any area"
	name   string             // an area heading's words
	goal   int                // index into shown; -1 when not a goal
}

type goalsKeys struct {
	Up, Down, PageUp, PageDown, Open, New, Area, Back key.Binding
}

func newGoalsKeys() goalsKeys {
	return goalsKeys{
		Up:       keyUp,
		Down:     keyDown,
		PageUp:   keyPageUp,
		PageDown: keyPageDown,
		Open:     keyOpen,
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new goal")),
		Area:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "one life area, or all")),
		Back:     keyBack,
	}
}

type goalsLoadedMsg struct {
	owner *goalsScreen
	seq   int
	goals []journal.Summary
	err   error
}

func newGoalsScreen(c *common) screen {
	s := &goalsScreen{c: c, keys: newGoalsKeys()}
	s.updateKeys()
	return s
}

func (s *goalsScreen) Init() tea.Cmd { return s.load() }

func (s *goalsScreen) load() tea.Cmd {
	s.seq++
	repo, seq := s.c.repo, s.seq
	return func() tea.Msg {
		page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}, Limit: maxGoalsListed})
		return goalsLoadedMsg{owner: s, seq: seq, goals: page.Summaries, err: err}
	}
}

func (s *goalsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case dimensionsLoadedMsg:
		// Area names and their order come from the shared set.
		s.arrange()
	case goalsLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			s.err = msg.err
			return problem(msg.err)
		}
		s.err, s.all, s.loaded = nil, msg.goals, true
		s.arrange()
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *goalsScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		s.moveTo(s.cursor - 1)
	case key.Matches(msg, k.Down):
		s.moveTo(s.cursor + 1)
	case key.Matches(msg, k.PageUp):
		s.moveTo(s.cursor - s.rows())
	case key.Matches(msg, k.PageDown):
		s.moveTo(s.cursor + s.rows())
	case key.Matches(msg, k.Open):
		if id := s.selectedID(); id != "" {
			return push(newGoalScreen(s.c, id))
		}
	case key.Matches(msg, k.New):
		e := journal.Entry{Kind: journal.KindGoal}
		if s.area != "" {
			e.Dimensions = []string{s.area}
		}
		return push(newGoalEditScreen(s.c, e))
	case key.Matches(msg, k.Area):
		s.area = s.nextArea()
		s.cursor, s.top = 0, 0
		s.arrange()
	case key.Matches(msg, k.Back):
		return pop
	}
	return nil
}

// nextArea cycles the filter: all, then each active area in the person's
// order, then all again.
func (s *goalsScreen) nextArea() string {
	active := s.c.dims.Active()
	if s.area == "" {
		if len(active) == 0 {
			return ""
		}
		return active[0].ID
	}
	for i, d := range active {
		if d.ID == s.area && i+1 < len(active) {
			return active[i+1].ID
		}
	}
	return ""
}

// arrange puts the goals in the list's order and lays the list out, keeping
// the same goal selected where it is still shown.
func (s *goalsScreen) arrange() {
	selected := s.selectedID()
	dims := s.c.dims.Sorted()
	order := map[string]int{}
	for i, d := range dims {
		order[d.ID] = i
	}
	// areaOf is the goal's first area in the person's order, or -1 for none.
	areaOf := func(g journal.Summary) int {
		best := -1
		for _, id := range g.Dimensions {
			if i, ok := order[id]; ok && (best < 0 || i < best) {
				best = i
			}
		}
		return best
	}

	s.shown = s.shown[:0]
	s.lines = s.lines[:0]
	s.rowAt = s.rowAt[:0]
	for _, st := range journal.GoalStatuses {
		var group []journal.Summary
		for _, g := range s.all {
			if g.Status == st && (s.area == "" || g.HasDimension(s.area)) {
				group = append(group, g)
			}
		}
		if len(group) == 0 {
			continue
		}
		// By area in the person's order, goals with none last; newest first within.
		slices.SortStableFunc(group, func(a, b journal.Summary) int {
			ia, ib := areaOf(a), areaOf(b)
			if ia < 0 {
				ia = len(dims)
			}
			if ib < 0 {
				ib = len(dims)
			}
			return ia - ib
		})
		if len(s.lines) > 0 {
			s.lines = append(s.lines, goalsLine{goal: -1})
		}
		s.lines = append(s.lines, goalsLine{status: st, count: len(group), goal: -1})
		lastArea := -2
		for _, g := range group {
			// Filtered to one area, the line above the list names it.
			if a := areaOf(g); s.area == "" && a != lastArea {
				lastArea = a
				if a < 0 {
					s.lines = append(s.lines, goalsLine{name: goalAnyArea, goal: -1})
				} else {
					d := dims[a]
					s.lines = append(s.lines, goalsLine{area: &d, name: d.Name, goal: -1})
				}
			}
			s.rowAt = append(s.rowAt, len(s.lines))
			s.lines = append(s.lines, goalsLine{goal: len(s.shown)})
			s.shown = append(s.shown, g)
		}
	}
	for i, g := range s.shown {
		if g.ID == selected {
			s.cursor = i
		}
	}
	s.moveTo(s.cursor)
}

// moveTo selects a goal and keeps it, with the headings just above it, on screen.
func (s *goalsScreen) moveTo(i int) {
	s.cursor = max(min(i, len(s.shown)-1), 0)
	s.updateKeys()
	if len(s.shown) == 0 {
		s.top = 0
		return
	}
	rows := s.rows()
	line := s.rowAt[s.cursor]
	if line < s.top {
		s.top = line
		for s.top > 0 && s.lines[s.top-1].goal < 0 && (s.lines[s.top-1].status != "" || s.lines[s.top-1].name != "") &&
			line-s.top+1 < rows {
			s.top--
		}
	}
	if line >= s.top+rows {
		s.top = line - rows + 1
	}
	s.top = max(min(s.top, len(s.lines)-rows), 0)
}

func (s *goalsScreen) selectedID() string {
	if s.cursor < 0 || s.cursor >= len(s.shown) {
		return ""
	}
	return s.shown[s.cursor].ID
}

// rows is how many lines of the list fit under the line saying what is shown.
func (s *goalsScreen) rows() int {
	h := s.height
	if h <= 0 {
		h = 20
	}
	return max(h-2, 1)
}

func (s *goalsScreen) updateKeys() {
	has := len(s.shown) > 0
	s.keys.Open.SetEnabled(has)
	s.keys.Area.SetEnabled(len(s.c.dims.Active()) > 0)
}

func (s *goalsScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.moveTo(s.cursor)
}

func (s *goalsScreen) Title() string { return "Goals" }

func (s *goalsScreen) Typing() bool { return false }

func (s *goalsScreen) Keys() keyMap {
	k := s.keys
	return keyMap{
		short: []key.Binding{keyGoalsMove, k.Open, k.New, brief(k.Area, "area"), k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown},
			{k.Open, k.New, k.Area, k.Back},
		},
	}
}

func (s *goalsScreen) layoutWidth() int {
	w := s.width
	if w <= 0 {
		w = 80
	}
	return min(w, goalsMaxWidth)
}

func (s *goalsScreen) View() string {
	st := s.c.styles
	if s.err != nil && !s.loaded {
		return st.Problem.Render(wrap(journal.Explain(s.err), s.width))
	}
	if !s.loaded {
		return ""
	}
	width := s.layoutWidth()
	var b strings.Builder
	b.WriteString(st.Heading.Render(truncate(s.describe(), width)))
	b.WriteString("\n\n")
	if len(s.shown) == 0 {
		b.WriteString(st.Subtle.Render(wrap(s.emptyText(), width)))
		return b.String()
	}
	progW, readyW := s.columns()
	end := min(s.top+s.rows(), len(s.lines))
	for i := s.top; i < end; i++ {
		if i > s.top {
			b.WriteByte('\n')
		}
		b.WriteString(s.line(s.lines[i], width, progW, readyW))
	}
	return b.String()
}

// columns measures the steps and "ready for a look" columns, so they line
// up down the list and take no room when no goal needs them.
func (s *goalsScreen) columns() (progW, readyW int) {
	now := s.c.now()
	for _, g := range s.shown {
		progW = max(progW, lipgloss.Width(goalProgress(g.StepsDone, g.StepsTotal, goalsBarWidth)))
		if journal.ReadyForALook(g.Status, g.Revisit, now) {
			readyW = len(goalReadyNote)
		}
	}
	return progW, readyW
}

// line draws one line of the list, at most width cells wide.
func (s *goalsScreen) line(l goalsLine, width, progW, readyW int) string {
	st := s.c.styles
	switch {
	case l.status != "":
		return st.Heading.Render(truncate(fmt.Sprintf("%s · %d", l.status.Label(), l.count), width))
	case l.area != nil:
		return "  " + st.Accent(l.area.Colour).Render(safeLine(l.name, max(width-2, 1)))
	case l.name != "":
		return "  " + st.Subtle.Render(truncate(l.name, max(width-2, 1)))
	case l.goal < 0:
		return ""
	}
	g := s.shown[l.goal]
	selected := l.goal == s.cursor
	marker := "  "
	if selected {
		marker = "› "
	}
	lead := "  " + marker

	var right []string
	if progW > 0 {
		right = append(right, fmt.Sprintf("%-*s", progW, goalProgress(g.StepsDone, g.StepsTotal, goalsBarWidth)))
	}
	if readyW > 0 {
		ready := ""
		if journal.ReadyForALook(g.Status, g.Revisit, s.c.now()) {
			ready = goalReadyNote
		}
		right = append(right, fmt.Sprintf("%-*s", readyW, ready))
	}
	tail := strings.TrimRight(strings.Join(right, "  "), " ")
	rightW := 0
	if tail != "" {
		rightW = lipgloss.Width(strings.Join(right, "  ")) + 2
	}
	titleW := width - lipgloss.Width(lead) - rightW
	if titleW < 12 {
		// Too narrow for the columns: the title comes first.
		titleW, tail, rightW = width-lipgloss.Width(lead), "", 0
	}
	title := safeLine(g.Title, titleW)
	if rightW > 0 {
		title += strings.Repeat(" ", max(titleW-lipgloss.Width(title), 0)+2)
	}
	if selected {
		return truncate(st.Selected.Render(lead+title+tail), width)
	}
	return truncate(lead+st.Normal.Render(title)+st.Subtle.Render(tail), width)
}

// describe is the line above the list saying what it shows.
func (s *goalsScreen) describe() string {
	if name := s.areaName(); name != "" {
		return fmt.Sprintf("Goals in %s · %d", name, len(s.shown))
	}
	return fmt.Sprintf("All goals · %d", len(s.shown))
}

// areaName is the filtered life area's name, made safe, or "" for all.
func (s *goalsScreen) areaName() string {
	if s.area == "" {
		return ""
	}
	if d, ok := s.c.dims.ByID(s.area); ok {
		return safeLine(d.Name, journal.MaxDimensionName+1)
	}
	return "one life area"
}

func (s *goalsScreen) emptyText() string {
	if name := s.areaName(); name != "" {
		return "No goals in " + name + " yet. Press n to set one, in your own words, or f to see other areas."
	}
	return "No goals yet. What would make life a little better? Press n to set one, in your own words."
}
