package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// Search words found in stored text are marked with a style that does not
// rely on colour (reverse video), and with plain styles (NO_COLOR), where
// every attribute is gone, with brackets: [garden].

// markMatch draws one matched piece of text, already made safe.
func markMatch(st Styles, s string) string {
	if st.plain {
		return "[" + s + "]"
	}
	return lipgloss.NewStyle().Reverse(true).Render(s)
}

// highlightSafe makes text safe for the terminal (one line, or keeping its
// line breaks when multiline is set), then marks where the terms occur in
// the safe text: the marks are the only escape codes in what it returns.
func highlightSafe(st Styles, text string, terms journal.SearchTerms, multiline bool) string {
	safe := termsafe.Line(text)
	if multiline {
		safe = termsafe.Text(text)
	}
	spans := journal.MatchSpans(safe, terms)
	if len(spans) == 0 {
		return safe
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(safe[last:sp.Start])
		b.WriteString(markMatch(st, safe[sp.Start:sp.End]))
		last = sp.End
	}
	b.WriteString(safe[last:])
	return b.String()
}

// wrapHighlighted is wrap with the terms marked: made safe, marked, then
// fitted to width.
func wrapHighlighted(st Styles, text string, terms journal.SearchTerms, width int) string {
	marked := highlightSafe(st, text, terms, true)
	if width <= 0 {
		return marked
	}
	return lipgloss.NewStyle().Width(width).Render(marked)
}

// dateLayout is how dates are typed in the filters.
const dateLayout = "2006-01-02"

// errBadDate is what a date that can't be read gets.
const errBadDate = "That date doesn't look right — try 2026-05-01."

// statusChoices are the goal statuses the filter cycles through, "" for any.
var statusChoices = []journal.GoalStatus{"", journal.GoalSomeday, journal.GoalActive, journal.GoalResting,
	journal.GoalReached, journal.GoalLetGo}

// The filter form's fields, in order.
const (
	filterArea = iota
	filterKind
	filterTag
	filterStatus
	filterFrom
	filterTo
	filterFields
)

// filterForm sets what the timeline shows: life area, kind, tag, goal status
// and dates. It changes a copy of the query; the timeline takes it when the
// person presses enter.
type filterForm struct {
	c      *common
	query  journal.Query
	at     int
	inputs [filterFields]textinput.Model // tag, from and to are typed
	err    string
	keys   filterKeys
}

type filterKeys struct {
	Up, Down, Cycle, Apply, Clear, Cancel key.Binding
}

func newFilterKeys() filterKeys {
	return filterKeys{
		Up:     key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/tab", "next")),
		Cycle:  key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→", "change")),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show these")),
		Clear:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "clear all")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

func newFilterForm(c *common, q journal.Query) *filterForm {
	f := &filterForm{c: c, query: q, keys: newFilterKeys()}
	for _, i := range []int{filterTag, filterFrom, filterTo} {
		in := textinput.New()
		in.Cursor.SetMode(cursor.CursorStatic)
		in.Prompt = ""
		in.CharLimit = 100
		in.PlaceholderStyle = c.styles.Subtle
		in.TextStyle = c.styles.Normal
		f.inputs[i] = in
	}
	f.inputs[filterTag].Placeholder = "any tag"
	f.inputs[filterFrom].Placeholder = "any day"
	f.inputs[filterTo].Placeholder = "any day"
	if len(q.Tags) > 0 {
		f.inputs[filterTag].SetValue(q.Tags[0])
	}
	if !q.From.IsZero() {
		f.inputs[filterFrom].SetValue(q.From.Format(dateLayout))
	}
	if !q.To.IsZero() {
		f.inputs[filterTo].SetValue(q.To.AddDate(0, 0, -1).Format(dateLayout)) // To is the day after
	}
	f.focus()
	return f
}

// focus gives the cursor to the current field when it is typed.
func (f *filterForm) focus() {
	for i := range f.inputs {
		if !typedField(i) {
			continue
		}
		if i == f.at {
			f.inputs[i].Focus()
		} else {
			f.inputs[i].Blur()
		}
	}
}

func typedField(i int) bool { return i == filterTag || i == filterFrom || i == filterTo }

// update handles a key. done is set when the form closes: apply says whether
// the query it holds should be used.
func (f *filterForm) update(msg tea.KeyMsg) (cmd tea.Cmd, done, apply bool) {
	k := f.keys
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, true, false
	case key.Matches(msg, k.Apply):
		if err := f.read(); err != "" {
			f.err = err
			return nil, false, false
		}
		return nil, true, true
	case key.Matches(msg, k.Clear):
		trash := f.query.Trash
		*f = *newFilterForm(f.c, journal.Query{Trash: trash, Session: f.query.Session})
		return nil, false, false
	case key.Matches(msg, k.Up):
		f.at = (f.at + filterFields - 1) % filterFields
		f.focus()
		return nil, false, false
	case key.Matches(msg, k.Down):
		f.at = (f.at + 1) % filterFields
		f.focus()
		return nil, false, false
	}
	if !typedField(f.at) {
		if key.Matches(msg, k.Cycle) {
			back := msg.Type == tea.KeyLeft
			switch f.at {
			case filterArea:
				f.query.Dimension = cycleArea(f.c.dims.Active(), f.query.Dimension, back)
			case filterKind:
				f.query.Kinds = cycleKinds(f.query.Kinds, back)
			case filterStatus:
				f.query.Statuses = cycleStatus(f.query.Statuses, back)
			}
		}
		return nil, false, false
	}
	f.err = ""
	var c tea.Cmd
	f.inputs[f.at], c = f.inputs[f.at].Update(msg)
	return c, false, false
}

// read takes the typed fields into the query, or says what is wrong.
func (f *filterForm) read() string {
	tag := strings.TrimSpace(f.inputs[filterTag].Value())
	f.query.Tags = nil
	if tag != "" {
		f.query.Tags = []string{strings.TrimPrefix(tag, "#")}
	}
	loc := f.c.now().Location()
	var from, to time.Time
	if v := strings.TrimSpace(f.inputs[filterFrom].Value()); v != "" {
		d, err := time.ParseInLocation(dateLayout, v, loc)
		if err != nil {
			f.at = filterFrom
			f.focus()
			return errBadDate
		}
		from = d
	}
	if v := strings.TrimSpace(f.inputs[filterTo].Value()); v != "" {
		d, err := time.ParseInLocation(dateLayout, v, loc)
		if err != nil {
			f.at = filterTo
			f.focus()
			return errBadDate
		}
		to = d.AddDate(0, 0, 1) // the whole of the last day
	}
	f.query.From, f.query.To = from, to
	return ""
}

// view draws the form in at most height lines (no limit when height is 0).
// In a short window the blank lines, then the heading, give way, so every
// field and the note under them (a date that can't be read) still show.
func (f *filterForm) view(width, height int) string {
	st := f.c.styles
	labels := [filterFields]string{"Life area", "Kind", "Tag", "Goal status", "From", "To"}
	var rows []string
	for i := range filterFields {
		marker := "  "
		if i == f.at {
			marker = "› "
		}
		var value string
		switch i {
		case filterArea:
			value = "‹ " + areaLabel(f.c, f.query.Dimension) + " ›"
		case filterKind:
			value = "‹ " + kindsLabel(f.query.Kinds) + " ›"
		case filterStatus:
			value = "‹ " + statusLabel(f.query.Statuses) + " ›"
		default:
			value = f.inputs[i].View()
		}
		line := marker + lipgloss.NewStyle().Width(13).Render(labels[i]) + value
		if i == f.at {
			line = st.Selected.Render(line)
		}
		rows = append(rows, truncate(line, width))
	}
	note := st.Subtle.Render(wrap("Dates are typed as 2026-05-01; leave a field empty for any.", width))
	if f.err != "" {
		note = st.Problem.Render(wrap(f.err, width))
	}
	heading := st.Heading.Render("Show entries")
	parts := append(append([]string{heading, ""}, rows...), "", note)
	if height > 0 && lineCount(parts) > height {
		parts = append(append([]string{heading}, rows...), note)
	}
	if height > 0 && lineCount(parts) > height {
		parts = append(rows, note)
	}
	return strings.Join(parts, "\n")
}

func (f *filterForm) keyMap() keyMap {
	k := f.keys
	return keyMap{
		short: []key.Binding{k.Down, k.Cycle, k.Apply, k.Clear, k.Cancel},
		full:  [][]key.Binding{{k.Up, k.Down, k.Cycle}, {k.Apply, k.Clear, k.Cancel}},
	}
}

// cycleArea moves the area filter on (or back): all, then each active area.
func cycleArea(active journal.Dimensions, id string, back bool) string {
	ids := []string{""}
	for _, d := range active {
		ids = append(ids, d.ID)
	}
	return cycle(ids, id, back)
}

// cycleKinds moves the kind filter on (or back): all, then each kind.
func cycleKinds(kinds []journal.Kind, back bool) []journal.Kind {
	all := append([]journal.Kind{""}, journal.AllKinds...)
	var cur journal.Kind
	if len(kinds) == 1 {
		cur = kinds[0]
	}
	if next := cycle(all, cur, back); next != "" {
		return []journal.Kind{next}
	}
	return nil
}

// cycleStatus moves the goal status filter on (or back): any, then each.
func cycleStatus(sts []journal.GoalStatus, back bool) []journal.GoalStatus {
	var cur journal.GoalStatus
	if len(sts) == 1 {
		cur = sts[0]
	}
	if next := cycle(statusChoices, cur, back); next != "" {
		return []journal.GoalStatus{next}
	}
	return nil
}

func cycle[T comparable](all []T, cur T, back bool) T {
	at := 0
	for i, v := range all {
		if v == cur {
			at = i
		}
	}
	if back {
		return all[(at+len(all)-1)%len(all)]
	}
	return all[(at+1)%len(all)]
}

func areaLabel(c *common, id string) string {
	if id == "" {
		return "All"
	}
	if d, ok := c.dims.ByID(id); ok {
		return safeLine(d.Name, journal.MaxDimensionName+1)
	}
	return "One life area"
}

func kindsLabel(kinds []journal.Kind) string {
	if len(kinds) == 0 {
		return "All"
	}
	var names []string
	for _, k := range kinds {
		names = append(names, kindPlural(k))
	}
	return strings.Join(names, " and ")
}

func statusLabel(sts []journal.GoalStatus) string {
	if len(sts) == 0 {
		return "Any"
	}
	var names []string
	for _, s := range sts {
		names = append(names, safeLine(s.Label(), 20))
	}
	return strings.Join(names, " or ")
}

// filtersLine names the filters the header does not (tag, goal status,
// dates), or "" when none is set.
func filtersLine(q journal.Query) string {
	var parts []string
	for _, t := range q.Tags {
		parts = append(parts, "tag "+safeLine(t, 30))
	}
	if len(q.Statuses) > 0 {
		parts = append(parts, strings.ToLower(statusLabel(q.Statuses))+" goals")
	}
	switch {
	case !q.From.IsZero() && !q.To.IsZero():
		parts = append(parts, q.From.Format(dateLayout)+" to "+q.To.AddDate(0, 0, -1).Format(dateLayout))
	case !q.From.IsZero():
		parts = append(parts, "from "+q.From.Format(dateLayout))
	case !q.To.IsZero():
		parts = append(parts, "up to "+q.To.AddDate(0, 0, -1).Format(dateLayout))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Only " + strings.Join(parts, " · ")
}
