package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// lookBackWindows are the stretches of days the larger chart can show; w
// steps through them.
var lookBackWindows = []int{30, 90, 365}

// lookBackMaxWidth keeps the rows of areas together on a wide window.
const lookBackMaxWidth = 100

// lookBackScreen shows how each life area has moved: a row per area with its
// latest rating, the change over 30 and 90 days in plain words and a
// sparkline; a larger chart of one area; and entries written on this day in
// earlier months and years. Ratings are never added up.
type lookBackScreen struct {
	c    *common
	keys lookBackKeys

	trends map[string][]journal.Point
	days   []journal.Summary // on this day, newest first
	now    time.Time         // when the data was read
	loaded bool
	err    error
	seq    int

	areaAt int  // the area whose chart shows
	dayAt  int  // the selected entry from this day
	onDays bool // the cursor is in "on this day" rather than the areas
	window int  // index into lookBackWindows

	width  int
	height int
}

type lookBackKeys struct {
	Up, Down, Switch, Window, Open, Back key.Binding
}

func newLookBackKeys() lookBackKeys {
	return lookBackKeys{
		Up:     keyUp,
		Down:   keyDown,
		Switch: key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "areas or on this day")),
		Window: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "30, 90 or 365 days")),
		Open:   keyOpen,
		Back:   keyBack,
	}
}

type lookBackLoadedMsg struct {
	owner  *lookBackScreen
	seq    int
	now    time.Time
	trends map[string][]journal.Point
	days   []journal.Summary
	err    error
}

func newLookBackScreen(c *common) screen {
	s := &lookBackScreen{c: c, keys: newLookBackKeys()}
	s.updateKeys()
	return s
}

func (s *lookBackScreen) Init() tea.Cmd { return s.load() }

func (s *lookBackScreen) load() tea.Cmd {
	s.seq++
	repo, seq, clock := s.c.repo, s.seq, s.c.now
	return func() tea.Msg {
		now := clock()
		trends, err := repo.Trends()
		if err != nil {
			return lookBackLoadedMsg{owner: s, seq: seq, err: err}
		}
		days, err := repo.OnThisDay(now)
		return lookBackLoadedMsg{owner: s, seq: seq, now: now, trends: trends, days: days, err: err}
	}
}

func (s *lookBackScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case lookBackLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			s.err = msg.err
			return problem(msg.err)
		}
		s.err = nil
		s.trends, s.days, s.now, s.loaded = msg.trends, msg.days, msg.now, true
		s.clamp()
	case dimensionsLoadedMsg:
		s.clamp()
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *lookBackScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	areas := len(s.c.dims.Active())
	switch {
	case key.Matches(msg, k.Up):
		switch {
		case s.onDays && s.dayAt > 0:
			s.dayAt--
		case s.onDays && s.showsAreas():
			s.onDays = false
		case !s.onDays:
			s.areaAt = max(s.areaAt-1, 0)
		}
	case key.Matches(msg, k.Down):
		switch {
		case s.onDays:
			s.dayAt = min(s.dayAt+1, len(s.days)-1)
		case s.areaAt < areas-1 && s.showsAreas():
			s.areaAt++
		case len(s.days) > 0:
			s.onDays = true
		}
	case key.Matches(msg, k.Switch):
		s.onDays = !s.onDays
	case key.Matches(msg, k.Window):
		s.window = (s.window + 1) % len(lookBackWindows)
	case key.Matches(msg, k.Open):
		if s.onDays && s.dayAt < len(s.days) {
			return push(newReadScreen(s.c, s.days[s.dayAt].ID))
		}
	case key.Matches(msg, k.Back):
		return pop
	}
	s.clamp()
	return nil
}

// clamp keeps the cursor on something that is shown.
func (s *lookBackScreen) clamp() {
	areas := len(s.c.dims.Active())
	s.areaAt = min(max(s.areaAt, 0), max(areas-1, 0))
	s.dayAt = min(max(s.dayAt, 0), max(len(s.days)-1, 0))
	if len(s.days) == 0 {
		s.onDays = false
	} else if !s.showsAreas() {
		s.onDays = true
	}
	s.updateKeys()
}

// showsAreas reports whether there are area rows to move through: active
// areas, and at least one check-in to show for them.
func (s *lookBackScreen) showsAreas() bool {
	return len(s.c.dims.Active()) > 0 && s.anyCheckIns()
}

func (s *lookBackScreen) anyCheckIns() bool {
	for _, d := range s.c.dims.Active() {
		if len(s.trends[d.ID]) > 0 {
			return true
		}
	}
	return false
}

func (s *lookBackScreen) updateKeys() {
	k := &s.keys
	k.Open.SetEnabled(s.onDays && len(s.days) > 0)
	k.Switch.SetEnabled(len(s.days) > 0 && s.showsAreas())
	k.Window.SetEnabled(s.showsAreas())
	k.Up.SetEnabled(s.loaded)
	k.Down.SetEnabled(s.loaded)
}

func (s *lookBackScreen) SetSize(width, height int) { s.width, s.height = width, height }

func (s *lookBackScreen) Title() string { return "Looking back" }

func (s *lookBackScreen) Typing() bool { return false }

func (s *lookBackScreen) Keys() keyMap {
	k := s.keys
	return keyMap{
		short: []key.Binding{withHelp(k.Up, "↑/↓", "choose"), brief(k.Window, "30/90/365 days"),
			brief(k.Switch, "on this day"), k.Open, k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.Switch},
			{k.Window, k.Open, k.Back},
		},
	}
}

// trendWords says in plain words how an area moved over the days up to now:
// "up 2", "down 1", "steady", "one check-in", never a judgement. Only what
// was said counts; days without a check-in count for nothing.
func trendWords(points []journal.Point, now time.Time, days int) string {
	if len(points) == 0 {
		return "no check-ins yet"
	}
	ch := journal.ChangeOver(points, now, days)
	switch {
	case ch.Points == 0:
		return fmt.Sprintf("none in %d days", days)
	case ch.Points == 1:
		return "one check-in"
	case ch.Delta > 0:
		return fmt.Sprintf("up %d", ch.Delta)
	case ch.Delta < 0:
		return fmt.Sprintf("down %d", -ch.Delta)
	}
	return "steady"
}

// windowName names a chart's stretch of days in words.
func windowName(days int) string {
	if days == 365 {
		return "the last year"
	}
	return fmt.Sprintf("the last %d days", days)
}

func (s *lookBackScreen) layoutWidth() int {
	w := s.width
	if w <= 0 {
		w = 80
	}
	return min(w, lookBackMaxWidth)
}

func (s *lookBackScreen) View() string {
	st := s.c.styles
	width := s.layoutWidth()
	if s.err != nil && !s.loaded {
		return st.Problem.Render(wrap(journal.Explain(s.err), width))
	}
	if !s.loaded {
		return ""
	}
	height := s.height
	if height <= 0 {
		height = 20
	}
	active := s.c.dims.Active()

	var lines []string
	sel := 0      // the line the cursor is on, kept on screen
	chartEnd := 0 // the chart's last line, shown when there is room
	switch {
	case len(active) == 0:
		lines = append(lines, strings.Split(st.Subtle.Render(wrap("No life areas yet. Press a on home to add the areas of life that matter to you.", width)), "\n")...)
	case !s.anyCheckIns():
		lines = append(lines, strings.Split(st.Subtle.Render(wrap("When you check in, how each area has moved will show here.", width)), "\n")...)
	default:
		lines = append(lines, st.Subtle.Render(truncate(s.areaHeader(width), width)))
		for i, d := range active {
			if !s.onDays && i == s.areaAt {
				sel = len(lines)
			}
			lines = append(lines, s.areaLine(d, !s.onDays && i == s.areaAt, width))
		}
		// The chart stands on fewer rows when there is little room.
		rows := chartRows
		if 1+len(active)+1+(1+chartRows+2)+1+1+max(len(s.days), 1) > height {
			rows = 3
		}
		lines = append(lines, "")
		lines = append(lines, s.chartLines(active[s.areaAt], rows, width)...)
		if !s.onDays {
			// Bring the chart into view too, as far as the chosen area allows.
			chartEnd = len(lines) - 1
		}
	}

	lines = append(lines, "", st.Heading.Render("On this day")+st.Subtle.Render(" · from earlier months and years"))
	if len(s.days) == 0 {
		lines = append(lines, strings.Split(st.Subtle.Render(wrap("Entries from this day in earlier months and years will show here.", width)), "\n")...)
	}
	for i, d := range s.days {
		if s.onDays && i == s.dayAt {
			sel = len(lines)
		}
		lines = append(lines, summaryRow(s.c, d, width, s.onDays && i == s.dayAt))
	}

	// Show from the top, scrolled only as far as the cursor needs.
	top := min(max(sel, chartEnd)-height+1, sel)
	top = min(max(top, 0), max(len(lines)-height, 0))
	end := min(top+height, len(lines))
	return strings.Join(lines[top:end], "\n")
}

// lookBackWide is the width from which the rows have room for full names
// and a sparkline; narrower, names are shorter and the sparkline waits.
const lookBackWide = 78

// areaColumns lays out what follows an area's name in its row.
func (s *lookBackScreen) areaColumns(latest, month, quarter, recent string, width int) string {
	if width < lookBackWide {
		return fmt.Sprintf("%3s  %-17s%s", latest, month, quarter)
	}
	return fmt.Sprintf("%6s   %-18s%-18s%s", latest, month, quarter, recent)
}

// nameColumn pads or cuts a name to its column.
func nameColumn(name string, width int) string {
	w := 18
	if width < lookBackWide {
		w = 10
	}
	name = truncate(name, w-1)
	return name + strings.Repeat(" ", max(w-lipgloss.Width(name), 0))
}

// areaHeader names the columns of the rows below it.
func (s *lookBackScreen) areaHeader(width int) string {
	latest := "Latest"
	if width < lookBackWide {
		latest = "Now"
	}
	return "  " + nameColumn("Area", width) + s.areaColumns(latest, "30 days", "90 days", "Recent", width)
}

// areaLine is one area: its latest rating, how it moved and its sparkline.
func (s *lookBackScreen) areaLine(d journal.Dimension, selected bool, width int) string {
	st := s.c.styles
	points := s.trends[d.ID]
	latest := ""
	if p, ok := journal.Latest(points); ok {
		latest = fmt.Sprint(p.Value)
	}
	name := nameColumn(safeLine(d.Name, journal.MaxDimensionName+1), width)
	rest := s.areaColumns(latest, trendWords(points, s.now, 30), trendWords(points, s.now, 90),
		sparkline(points, sparkWidth), width)
	if selected {
		return truncate(st.Selected.Render("› "+name+rest), width)
	}
	return truncate("  "+st.Accent(d.Colour).Render(name)+st.Normal.Render(rest), width)
}

// chartLines are the larger chart of one area over the chosen window.
func (s *lookBackScreen) chartLines(d journal.Dimension, rows, width int) []string {
	st := s.c.styles
	days := lookBackWindows[s.window]
	points := s.trends[d.ID]
	name := safeLine(d.Name, journal.MaxDimensionName+1)
	head := st.Heading.Render(name+" · "+windowName(days)) + st.Subtle.Render(" · a blank column means no check-in then")
	lines := []string{truncate(head, width)}
	if len(points) == 0 {
		return append(lines, st.Subtle.Render(truncate("  No check-ins for "+name+" yet.", width)))
	}
	if !chartHas(points, s.now, days) {
		more := " Press w for a longer view."
		if days == lookBackWindows[len(lookBackWindows)-1] {
			more = ""
		}
		return append(lines, strings.Split(st.Subtle.Render(wrap("No check-ins for "+name+" in "+windowName(days)+"."+more, width)), "\n")...)
	}
	chart := barChart(points, s.now, days, width, rows)
	for _, l := range strings.Split(chart, "\n") {
		lines = append(lines, st.Accent(d.Colour).Render(truncate(l, width)))
	}
	return lines
}
