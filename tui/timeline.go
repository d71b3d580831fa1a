package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// The timeline reads summaries a page at a time, and asks for the next page
// when the rows on screen come within timelinePrefetch of the end of what is
// loaded, so it stays instant however long the journal grows.
const (
	timelinePage     = journal.DefaultPageSize
	timelinePrefetch = 10
	// timelineMaxWidth keeps a row readable on a very wide window.
	timelineMaxWidth = 120
	// searchDelay is how long typing in the search field pauses before the
	// search runs; each keystroke starts the wait again.
	searchDelay = 150 * time.Millisecond
)

// timelineScreen lists entries newest first: the whole journal, one life area,
// one kind, or (with Trash set) the trash. `/` searches the words of the
// entries the filters select, and `f` sets the filters.
type timelineScreen struct {
	c     *common
	query journal.Query // what is shown; Offset and Limit are set per request
	keys  timelineKeys

	items   []journal.Summary // loaded so far, newest first
	total   int               // how many match in all
	loaded  bool
	loading bool
	seq     int // the newest request; older answers are dropped
	err     error

	cursor int
	top    int // first row on screen
	width  int
	height int

	undo    []string // ids moved to the trash from here, newest last
	focus   string   // an entry to select when the list next loads (one just brought back)
	confirm bool     // the question before emptying the trash is open

	search  timelineSearch
	filters *filterForm // the filter form, while it is open
}

// timelineSearch is the timeline's search: the field, the search running
// and the hits found. While hits are shown (shown is set) the list is the
// hits instead of the summaries.
type timelineSearch struct {
	input   textinput.Model
	open    bool // the field is on screen
	focused bool // the field has the keys
	// seq numbers the searches: each keystroke takes the next, and answers
	// to an older one are dropped. cancel stops the newest one's work.
	seq    int
	cancel context.CancelFunc
	ctx    context.Context
	terms  journal.SearchTerms // what the newest search looks for
	text   string              // the field's text it was made from
	// pending: the newest search waits for typing to pause.
	pending bool

	shown   bool // the list is the hits
	hits    []journal.Hit
	total   int
	loading bool
}

type timelineKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, New, Area, Kind, Filter, Search   key.Binding
	Trash, Undo, ShowTrash                  key.Binding
	Restore, Empty, Back                    key.Binding
	// While the search field has the keys.
	SearchDone, SearchClear key.Binding
}

func newTimelineKeys() timelineKeys {
	return timelineKeys{
		Up:        keyUp,
		Down:      keyDown,
		PageUp:    keyPageUp,
		PageDown:  keyPageDown,
		Top:       key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:      keyOpen,
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "write")),
		Area:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "one life area, or all")),
		Kind:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "one kind, or all")),
		Filter:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filters")),
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Trash:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "move to the trash")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "bring it back")),
		ShowTrash: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "open the trash")),
		Restore:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "bring back")),
		Empty:     key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "empty the trash")),
		Back:      keyBack,

		SearchDone:  key.NewBinding(key.WithKeys("enter", "down"), key.WithHelp("enter", "to the results")),
		SearchClear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the search")),
	}
}

// Results of the timeline's background work. Each names the screen that
// asked, as every screen on the stack sees every message.
type (
	timelinePageMsg struct {
		owner  *timelineScreen
		seq    int
		offset int
		page   journal.Page
		err    error
	}
	timelineTrashedMsg struct {
		owner *timelineScreen
		id    string
		err   error
	}
	timelineRestoredMsg struct {
		owner *timelineScreen
		id    string
		undo  bool
		err   error
	}
	timelineEmptiedMsg struct {
		owner *timelineScreen
		err   error
	}
	// timelineSearchTickMsg: typing paused; search if nothing came since.
	timelineSearchTickMsg struct {
		owner *timelineScreen
		seq   int
	}
	timelineSearchMsg struct {
		owner  *timelineScreen
		seq    int
		offset int
		page   journal.SearchPage
		err    error
	}
)

func newTimelineScreen(c *common, q journal.Query) screen {
	q.Offset, q.Limit = 0, 0
	if q.Trash {
		// The trash is emptied as a whole, so it is always shown whole.
		q.Kinds, q.Dimension = nil, ""
	}
	s := &timelineScreen{c: c, query: q, keys: newTimelineKeys()}
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = "Search: "
	in.Placeholder = "words to look for"
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	in.CharLimit = 200
	s.search.input = in
	s.updateKeys()
	return s
}

func (s *timelineScreen) Init() tea.Cmd { return s.reload() }

// reload reads again, from the top, as many rows as are loaded now, keeping
// the selection on the same entry where it is still shown.
func (s *timelineScreen) reload() tea.Cmd {
	if s.search.shown || !s.search.terms.Empty() {
		return s.searchRequest(0, max(len(s.search.hits), timelinePage))
	}
	return s.request(0, max(len(s.items), timelinePage))
}

func (s *timelineScreen) request(offset, limit int) tea.Cmd {
	s.seq++
	s.loading = true
	q := s.query
	q.Offset, q.Limit = offset, limit
	repo, seq := s.c.repo, s.seq
	return func() tea.Msg {
		page, err := repo.List(q)
		return timelinePageMsg{owner: s, seq: seq, offset: offset, page: page, err: err}
	}
}

// loadMore asks for the next page when the last row on screen is near the
// end of what is loaded and more exist.
func (s *timelineScreen) loadMore() tea.Cmd {
	if s.search.shown {
		n := len(s.search.hits)
		if s.search.loading || n >= s.search.total || s.top+s.rows()-1 < n-timelinePrefetch {
			return nil
		}
		return s.searchRequest(n, timelinePage)
	}
	if s.loading || !s.loaded || len(s.items) >= s.total {
		return nil
	}
	if s.top+s.rows()-1 < len(s.items)-timelinePrefetch {
		return nil
	}
	return s.request(len(s.items), timelinePage)
}

func (s *timelineScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.reload()
	case timelinePageMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		return s.pageLoaded(msg)
	case timelineSearchTickMsg:
		if msg.owner != s || msg.seq != s.search.seq || !s.search.pending {
			return nil // typing went on (a later tick will search), or enter searched already
		}
		return s.searchRequest(0, timelinePage)
	case timelineSearchMsg:
		if msg.owner != s || msg.seq != s.search.seq {
			return nil // an answer to words no longer in the field
		}
		return s.searchLoaded(msg)
	case timelineTrashedMsg:
		if msg.owner != s {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		s.undo = append(s.undo, msg.id)
		s.updateKeys()
		return tea.Batch(changed, status("Moved to the trash. Press u to bring it back."))
	case timelineRestoredMsg:
		if msg.owner != s {
			return nil
		}
		if msg.undo {
			// Tried once, it leaves the list: if it failed (emptied from
			// the trash meanwhile), u must not keep failing on it.
			s.undo = slices.DeleteFunc(s.undo, func(id string) bool { return id == msg.id })
			s.updateKeys()
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		if msg.undo {
			s.focus = msg.id
		}
		return tea.Batch(changed, status("Brought back."))
	case timelineEmptiedMsg:
		if msg.owner != s {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(changed, status("The trash is empty now."))
	case tea.KeyMsg:
		return s.handleKey(msg)
	default:
		if s.search.focused {
			var cmd tea.Cmd
			s.search.input, cmd = s.search.input.Update(msg)
			return cmd
		}
	}
	return nil
}

func (s *timelineScreen) pageLoaded(msg timelinePageMsg) tea.Cmd {
	s.loading = false
	if msg.err != nil {
		s.err = msg.err
		return problem(msg.err)
	}
	s.err = nil
	if msg.offset == 0 {
		selected := s.selectedID()
		if s.focus != "" {
			selected, s.focus = s.focus, ""
		}
		s.items = msg.page.Summaries
		for i, it := range s.items {
			if it.ID == selected {
				s.cursor = i
				break
			}
		}
	} else if msg.offset == len(s.items) {
		s.items = append(s.items, msg.page.Summaries...)
	}
	s.total = msg.page.Total
	s.loaded = true
	return s.moveTo(s.cursor)
}

func (s *timelineScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.filters != nil {
		cmd, done, apply := s.filters.update(msg)
		if done {
			if apply {
				s.query = s.filters.query
			}
			s.filters = nil
			s.updateKeys()
			if apply {
				return s.refilter()
			}
		}
		return cmd
	}
	if s.search.focused {
		return s.searchKey(msg)
	}
	if s.confirm {
		s.confirm = false
		s.updateKeys()
		if key.Matches(msg, keyYes) {
			repo := s.c.repo
			return func() tea.Msg {
				_, err := repo.EmptyTrash()
				return timelineEmptiedMsg{owner: s, err: err}
			}
		}
		return nil // any other key keeps the trash as it is
	}
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		return s.moveTo(s.cursor - 1)
	case key.Matches(msg, k.Down):
		return s.moveTo(s.cursor + 1)
	case key.Matches(msg, k.PageUp):
		return s.moveTo(s.cursor - s.rows())
	case key.Matches(msg, k.PageDown):
		return s.moveTo(s.cursor + s.rows())
	case key.Matches(msg, k.Top):
		return s.moveTo(0)
	case key.Matches(msg, k.Bottom):
		return s.moveTo(s.count() - 1)
	case key.Matches(msg, k.Open):
		sum, ok := s.selectedSummary()
		switch {
		case !ok:
		case s.search.shown && (sum.Kind != journal.KindGoal || sum.InTrash()):
			return push(newReadScreenHighlight(s.c, sum.ID, s.search.terms))
		default:
			return openSummary(s.c, sum)
		}
	case key.Matches(msg, k.New):
		return push(newWriteScreen(s.c, journal.KindReflection))
	case key.Matches(msg, k.Search):
		return s.openSearch()
	case key.Matches(msg, k.Filter):
		s.filters = newFilterForm(s.c, s.query)
		s.updateKeys()
		return nil
	case key.Matches(msg, k.Area):
		s.query.Dimension = s.nextDimension()
		return s.refilter()
	case key.Matches(msg, k.Kind):
		s.query.Kinds = nextKinds(s.query.Kinds)
		return s.refilter()
	case key.Matches(msg, k.Trash):
		if id := s.selectedID(); id != "" {
			repo := s.c.repo
			return func() tea.Msg { return timelineTrashedMsg{owner: s, id: id, err: repo.Trash(id)} }
		}
	case key.Matches(msg, k.Undo):
		if len(s.undo) > 0 {
			id, repo := s.undo[len(s.undo)-1], s.c.repo
			return func() tea.Msg { return timelineRestoredMsg{owner: s, id: id, undo: true, err: repo.Restore(id)} }
		}
	case key.Matches(msg, k.ShowTrash):
		return push(newTimelineScreen(s.c, journal.Query{Trash: true}))
	case key.Matches(msg, k.Restore):
		if id := s.selectedID(); id != "" {
			repo := s.c.repo
			return func() tea.Msg { return timelineRestoredMsg{owner: s, id: id, err: repo.Restore(id)} }
		}
	case key.Matches(msg, k.Empty):
		s.confirm = true
		s.updateKeys()
	case key.Matches(msg, k.Back):
		if s.search.open {
			return s.clearSearch()
		}
		return pop
	}
	return nil
}

// refilter starts the list again from the newest entry under a new filter;
// a search shown searches again under it.
func (s *timelineScreen) refilter() tea.Cmd {
	s.items, s.total, s.loaded = nil, 0, false
	s.cursor, s.top = 0, 0
	if s.search.shown || !s.search.terms.Empty() {
		s.search.hits, s.search.total = nil, 0
		s.updateKeys()
		return s.searchRequest(0, timelinePage)
	}
	s.updateKeys()
	return s.reload()
}

// nextDimension cycles the area filter: all, then each active area in the
// person's order, then all again.
func (s *timelineScreen) nextDimension() string {
	active := s.c.dims.Active()
	if s.query.Dimension == "" {
		if len(active) == 0 {
			return ""
		}
		return active[0].ID
	}
	for i, d := range active {
		if d.ID == s.query.Dimension && i+1 < len(active) {
			return active[i+1].ID
		}
	}
	return ""
}

// nextKinds cycles the kind filter: all, then each kind, then all again.
func nextKinds(kinds []journal.Kind) []journal.Kind {
	if len(kinds) == 0 {
		return []journal.Kind{journal.AllKinds[0]}
	}
	if len(kinds) == 1 {
		for i, k := range journal.AllKinds {
			if k == kinds[0] && i+1 < len(journal.AllKinds) {
				return []journal.Kind{journal.AllKinds[i+1]}
			}
		}
	}
	return nil
}

// moveTo selects a row, keeps it on screen and loads more when near the end.
func (s *timelineScreen) moveTo(i int) tea.Cmd {
	s.scrollTo(i)
	return s.loadMore()
}

// scrollTo selects a row and keeps it on screen.
func (s *timelineScreen) scrollTo(i int) {
	n := s.count()
	s.cursor = max(min(i, n-1), 0)
	rows := s.rows()
	if s.cursor < s.top {
		s.top = s.cursor
	}
	if s.cursor >= s.top+rows {
		s.top = s.cursor - rows + 1
	}
	s.top = max(min(s.top, n-rows), 0)
	s.updateKeys()
}

// count is how many rows are loaded: hits while a search is shown.
func (s *timelineScreen) count() int {
	if s.search.shown {
		return len(s.search.hits)
	}
	return len(s.items)
}

func (s *timelineScreen) selectedSummary() (journal.Summary, bool) {
	if s.cursor < 0 || s.cursor >= s.count() {
		return journal.Summary{}, false
	}
	if s.search.shown {
		return s.search.hits[s.cursor].Summary, true
	}
	return s.items[s.cursor], true
}

func (s *timelineScreen) selectedID() string {
	sum, ok := s.selectedSummary()
	if !ok {
		return ""
	}
	return sum.ID
}

// rows is how many entries fit under the line that says what is shown.
func (s *timelineScreen) rows() int {
	h := s.height
	if h <= 0 {
		h = 20
	}
	h -= 2 // the line saying what is shown, and a space under it
	if s.search.open {
		h-- // the search field
	}
	if filtersLine(s.query) != "" {
		h-- // the filters in force
	}
	if s.confirm {
		h -= lipgloss.Height(s.questionView()) + 1
	}
	// A hit is its row and a line of its words; in the larger view each
	// item also has a blank line after it.
	per := 1 + s.c.styles.RowGap()
	if s.search.shown {
		per++
	}
	// The last item needs no blank line after it.
	return max((h+s.c.styles.RowGap())/per, 1)
}

// updateKeys turns bindings on and off from the screen's state, in one place.
func (s *timelineScreen) updateKeys() {
	k := &s.keys
	trash := s.query.Trash
	has := s.count() > 0
	k.Search.SetEnabled(true)
	k.Filter.SetEnabled(!trash)
	k.Open.SetEnabled(has)
	k.New.SetEnabled(!trash)
	k.Area.SetEnabled(!trash)
	k.Kind.SetEnabled(!trash)
	k.Trash.SetEnabled(!trash && has)
	k.Undo.SetEnabled(!trash && len(s.undo) > 0)
	k.ShowTrash.SetEnabled(!trash)
	k.Restore.SetEnabled(trash && has)
	k.Empty.SetEnabled(trash && s.total > 0)
}

func (s *timelineScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.scrollTo(s.cursor)
}

func (s *timelineScreen) Title() string {
	if s.query.Trash {
		return "Trash"
	}
	return "Timeline"
}

// Typing is true while the search field or the filters have the keys.
func (s *timelineScreen) Typing() bool { return s.search.focused || s.filters != nil }

func (s *timelineScreen) Keys() keyMap {
	k := s.keys
	if s.filters != nil {
		return s.filters.keyMap()
	}
	if s.search.focused {
		return keyMap{
			short: []key.Binding{k.SearchDone, k.SearchClear},
			full:  [][]key.Binding{{k.SearchDone, k.SearchClear}},
		}
	}
	if s.confirm {
		no := key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "keep them"))
		yes := brief(keyYes, "delete for good")
		return keyMap{short: []key.Binding{yes, no}, full: [][]key.Binding{{yes, no}}}
	}
	if s.query.Trash {
		return keyMap{
			short: []key.Binding{k.Open, k.Search, brief(k.Restore, "bring back"), brief(k.Empty, "empty trash"), k.Back},
			full: [][]key.Binding{
				{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
				{k.Open, k.Search, k.Restore, k.Empty, k.Back},
			},
		}
	}
	return keyMap{
		short: []key.Binding{k.Open, k.Search, brief(k.Filter, "filter"),
			brief(k.Trash, "trash"), brief(k.Undo, "undo"), s.backKey()},
		// Two tall groups, so all of them fit beside each other at 50 columns.
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.Open, k.Search, k.Filter, k.Area, k.Kind, k.New, k.Trash, k.Undo, k.ShowTrash, s.backKey()},
		},
	}
}

// backKey is esc as it works now: clearing the search while one is shown.
func (s *timelineScreen) backKey() key.Binding {
	if s.search.open {
		return withHelp(s.keys.Back, "esc", "clear search")
	}
	return s.keys.Back
}

// brief is a binding with a shorter description, for the help bar.
func brief(b key.Binding, desc string) key.Binding {
	return withHelp(b, b.Help().Key, desc)
}

// withHelp is a binding shown differently in the help bar; it matches and
// is enabled as the binding it copies.
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

func (s *timelineScreen) View() string {
	st := s.c.styles
	if s.err != nil && !s.loaded {
		return st.Problem.Render(wrap(journal.Explain(s.err), s.width))
	}
	if !s.loaded {
		return ""
	}
	width := s.width
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	if s.search.open {
		b.WriteString(truncate(s.search.input.View(), width) + "\n")
	}
	b.WriteString(truncate(s.describe(), width))
	if line := filtersLine(s.query); line != "" {
		b.WriteString("\n" + st.Subtle.Render(truncate(line, width)))
	}
	if s.filters != nil {
		// The form takes what the lines above leave; in a short window
		// without the blank line under them.
		room := 0
		if s.height > 0 {
			room = s.height - lipgloss.Height(b.String()) - 1
		}
		form := s.filters.view(width, room)
		if room > 0 && lipgloss.Height(form) > room {
			room++
			form = s.filters.view(width, room)
			b.WriteString("\n" + form)
		} else {
			b.WriteString("\n\n" + form)
		}
		return b.String()
	}
	b.WriteString("\n\n")
	between := "\n" + strings.Repeat("\n", st.RowGap()) // a blank line between rows in the larger view
	switch {
	case s.search.shown && len(s.search.hits) == 0:
		b.WriteString(st.Subtle.Render(wrap("Nothing found for that. Try fewer or different words.", width)))
	case s.search.shown:
		end := min(s.top+s.rows(), len(s.search.hits))
		for i := s.top; i < end; i++ {
			if i > s.top {
				b.WriteString(between)
			}
			b.WriteString(s.hitRows(s.search.hits[i], i == s.cursor, min(width, timelineMaxWidth)))
		}
	case len(s.items) == 0:
		b.WriteString(st.Subtle.Render(wrap(s.emptyText(), width)))
	default:
		end := min(s.top+s.rows(), len(s.items))
		for i := s.top; i < end; i++ {
			if i > s.top {
				b.WriteString(between)
			}
			b.WriteString(s.row(s.items[i], i == s.cursor, min(width, timelineMaxWidth)))
		}
	}
	if s.confirm {
		b.WriteString("\n\n" + s.questionView())
	}
	return b.String()
}

// describe is the line above the list saying what it shows.
func (s *timelineScreen) describe() string {
	st := s.c.styles
	if s.query.Trash {
		if s.search.shown {
			return st.Heading.Render(fmt.Sprintf("Trash · %d found", s.search.total))
		}
		return st.Heading.Render(fmt.Sprintf("Trash · %d", s.total)) +
			st.Subtle.Render(" — entries here can be brought back")
	}
	var parts []string
	if name := s.areaName(); name != "" {
		parts = append(parts, name)
	}
	if len(s.query.Kinds) > 0 {
		var kinds []string
		for _, k := range s.query.Kinds {
			kinds = append(kinds, kindPlural(k))
		}
		parts = append(parts, strings.Join(kinds, " and "))
	}
	if len(parts) == 0 {
		parts = append(parts, "All entries")
	}
	if s.search.shown {
		parts = append(parts, fmt.Sprintf("%d found", s.search.total))
	} else {
		parts = append(parts, fmt.Sprint(s.total))
	}
	return st.Heading.Render(strings.Join(parts, " · "))
}

// areaName is the filtered life area's name, made safe, or "" for all.
func (s *timelineScreen) areaName() string {
	if s.query.Dimension == "" {
		return ""
	}
	if d, ok := s.c.dims.ByID(s.query.Dimension); ok {
		return safeLine(d.Name, journal.MaxDimensionName+1)
	}
	return "One life area"
}

func (s *timelineScreen) emptyText() string {
	switch {
	case s.query.Trash:
		return "The trash is empty."
	case filtersLine(s.query) != "":
		return "Nothing here for these filters. Press f to change them."
	case s.query.Dimension == "" && len(s.query.Kinds) == 0:
		return "Nothing here yet. When you're ready, press n to write."
	}
	what := "Nothing"
	if len(s.query.Kinds) == 1 {
		what = "No " + kindPluralLower(s.query.Kinds[0])
	}
	if name := s.areaName(); name != "" {
		return what + " in " + name + " yet."
	}
	return what + " yet."
}

// questionView asks, in a box, before the trash is emptied for good.
func (s *timelineScreen) questionView() string {
	q := fmt.Sprintf("Delete the %d entries in the trash for good? This can't be undone. y / n", s.total)
	if s.total == 1 {
		q = "Delete the entry in the trash for good? This can't be undone. y / n"
	}
	width := s.width
	if width <= 0 {
		width = 80
	}
	if inner := max(width-4, 10); lipgloss.Width(q) > inner {
		q = lipgloss.NewStyle().Width(inner).Render(q)
	}
	return s.c.styles.Dialog.Render(q)
}

// row draws one entry on exactly one line of at most width cells, as home
// draws it, so an entry looks the same everywhere.
func (s *timelineScreen) row(sum journal.Summary, selected bool, width int) string {
	return truncate(summaryRow(s.c, sum, width, selected), width)
}

// kindPlural names a kind of entry in the plural, for the line above the list.
func kindPlural(k journal.Kind) string {
	switch k {
	case journal.KindReflection:
		return "Reflections"
	case journal.KindHope:
		return "Hopes"
	case journal.KindGoal:
		return "Goals"
	case journal.KindCheckIn:
		return "Check-ins"
	case journal.KindStrength:
		return "Strengths"
	case journal.KindSupport:
		return "What helps me"
	}
	return safeLine(k.Label(), 20)
}

// kindPluralLower is the plural inside a sentence: "No hopes in Home yet."
func kindPluralLower(k journal.Kind) string {
	if k == journal.KindSupport {
		return "notes on what helps"
	}
	return strings.ToLower(kindPlural(k))
}

// hitRows draws one search hit on two lines: its row as the timeline draws
// it, then the words around the match with the matches marked.
func (s *timelineScreen) hitRows(h journal.Hit, selected bool, width int) string {
	row := s.row(h.Summary, selected, width)
	// The snippet is made safe before it is marked, so the marks are its
	// only escape codes; Hit.Matches are for the unsafe text, so the
	// matches are found again in the safe one.
	snippet := highlightSafe(s.c.styles, h.Snippet, s.search.terms, false)
	return row + "\n" + truncate("    "+snippet, width)
}

// openSearch shows the search field and gives it the keys. An empty search
// is sent at once so the journal gets its words ready for the real one.
func (s *timelineScreen) openSearch() tea.Cmd {
	s.search.open, s.search.focused = true, true
	s.search.input.Focus()
	s.updateKeys()
	repo, q := s.c.repo, s.query
	return func() tea.Msg {
		_, _ = repo.Search(context.Background(), "", q)
		return nil
	}
}

// clearSearch empties and closes the field, stops any search and shows the
// list again.
func (s *timelineScreen) clearSearch() tea.Cmd {
	s.stopSearch()
	s.search.seq++
	s.search.input.Reset()
	s.search.input.Blur()
	wasShown := s.search.shown
	s.search.open, s.search.focused, s.search.shown = false, false, false
	s.search.hits, s.search.total, s.search.terms, s.search.text = nil, 0, nil, ""
	s.search.loading, s.search.pending = false, false
	s.cursor, s.top = 0, 0
	s.updateKeys()
	if wasShown || !s.loaded {
		return s.refilter()
	}
	s.scrollTo(0)
	return nil
}

// stopSearch cancels the newest search's work, if any.
func (s *timelineScreen) stopSearch() {
	if s.search.cancel != nil {
		s.search.cancel()
		s.search.cancel, s.search.ctx = nil, nil
	}
}

// searchKey handles a key while the search field has the keys.
func (s *timelineScreen) searchKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.SearchClear):
		return s.clearSearch()
	case key.Matches(msg, k.SearchDone):
		s.search.focused = false
		s.search.input.Blur()
		s.updateKeys()
		switch {
		case s.search.input.Value() != s.search.text:
			return s.typed(false)
		case s.search.pending:
			// Typed but not searched yet: search now rather than wait.
			return s.searchRequest(0, timelinePage)
		}
		return nil
	}
	var cmd tea.Cmd
	s.search.input, cmd = s.search.input.Update(msg)
	if s.search.input.Value() == s.search.text {
		return cmd
	}
	return tea.Batch(cmd, s.typed(true))
}

// typed starts a search for the field's words, after searchDelay when
// debounce is set. The search before it is cancelled: its answer, should
// one still come, is dropped by its number.
func (s *timelineScreen) typed(debounce bool) tea.Cmd {
	s.stopSearch()
	s.search.seq++
	s.search.text = s.search.input.Value()
	s.search.terms = journal.ParseSearch(s.search.text)
	if s.search.terms.Empty() {
		// Nothing to look for: back to the list.
		s.search.loading, s.search.pending = false, false
		if s.search.shown {
			s.search.shown, s.search.hits, s.search.total = false, nil, 0
			return s.refilter()
		}
		return nil
	}
	if !debounce {
		return s.searchRequest(0, timelinePage)
	}
	seq := s.search.seq
	s.search.pending = true
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return timelineSearchTickMsg{owner: s, seq: seq} })
}

// searchRequest asks for a page of hits for the newest search.
func (s *timelineScreen) searchRequest(offset, limit int) tea.Cmd {
	if s.search.terms.Empty() {
		return nil
	}
	if s.search.ctx == nil {
		s.search.ctx, s.search.cancel = context.WithCancel(context.Background())
	}
	s.search.loading, s.search.pending = true, false
	q := s.query
	q.Offset, q.Limit = offset, limit
	repo, ctx, seq, text := s.c.repo, s.search.ctx, s.search.seq, s.search.text
	return func() tea.Msg {
		page, err := repo.Search(ctx, text, q)
		return timelineSearchMsg{owner: s, seq: seq, offset: offset, page: page, err: err}
	}
}

func (s *timelineScreen) searchLoaded(msg timelineSearchMsg) tea.Cmd {
	s.search.loading = false
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		return problem(msg.err)
	}
	if msg.offset == 0 {
		selected := s.selectedID()
		if !s.search.shown {
			selected = ""
		}
		s.search.shown = true
		s.search.hits = msg.page.Hits
		s.cursor = 0
		for i, h := range s.search.hits {
			if h.Summary.ID == selected {
				s.cursor = i
				break
			}
		}
	} else if msg.offset == len(s.search.hits) {
		s.search.hits = append(s.search.hits, msg.page.Hits...)
	}
	s.search.total = msg.page.Total
	s.loaded = true
	return s.moveTo(s.cursor)
}
