package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// maxHopes bounds how many hopes the hopes screen reads.
const maxHopes = 1000

// hopesScreen shows every hope, whole, grouped by life area in the person's
// order, so they can be reread on a hard day. A hope in several areas shows
// under each; one in none shows under "Any area".
type hopesScreen struct {
	c    *common
	keys hopesKeys

	hopes  []hopeItem // newest first
	loaded bool
	err    error
	seq    int

	filter string     // an area id; "" for every area
	slots  []hopeSlot // each hope as shown, in order
	sel    int        // the selected slot
	vp     viewport.Model

	width  int
	height int
}

// hopeItem is one hope with its words wrapped for the current width.
type hopeItem struct {
	sum       journal.Summary
	text      string
	wrapWidth int
	wrapped   []string
}

// hopeSlot is one place a hope shows: its lines in the viewport's content.
type hopeSlot struct {
	hope       int // index into hopes
	top        int // the first line to bring into view (its group's heading, for the first in a group)
	start, end int // its own lines, end exclusive
}

type hopesKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Filter, Open, New, Back key.Binding
}

func newHopesKeys() hopesKeys {
	return hopesKeys{
		Up:       keyUp,
		Down:     keyDown,
		PageUp:   keyPageUp,
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("space", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "one life area, or all")),
		Open:     keyOpen,
		New:      key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "write a hope")),
		Back:     keyBack,
	}
}

type hopesLoadedMsg struct {
	owner *hopesScreen
	seq   int
	hopes []hopeItem
	err   error
}

func newHopesScreen(c *common) screen {
	s := &hopesScreen{c: c, keys: newHopesKeys(), vp: viewport.New(80, 18)}
	s.updateKeys()
	return s
}

func (s *hopesScreen) Init() tea.Cmd { return s.load() }

// load reads every hope's summary, then each hope whole: the summary keeps
// only the first words, and a hope is here to be read in full.
func (s *hopesScreen) load() tea.Cmd {
	s.seq++
	repo, seq := s.c.repo, s.seq
	return func() tea.Msg {
		page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindHope}, Limit: maxHopes})
		if err != nil {
			return hopesLoadedMsg{owner: s, seq: seq, err: err}
		}
		items := make([]hopeItem, 0, len(page.Summaries))
		for _, sum := range page.Summaries {
			e, err := repo.Get(sum.ID)
			switch {
			case errors.Is(err, journal.ErrNotFound):
				continue // gone since the list was read
			case err != nil:
				return hopesLoadedMsg{owner: s, seq: seq, err: err}
			}
			text := strings.TrimRight(e.Text, " \t\r\n")
			if strings.TrimSpace(text) == "" {
				text = e.Title
			}
			items = append(items, hopeItem{sum: sum, text: text})
		}
		return hopesLoadedMsg{owner: s, seq: seq, hopes: items}
	}
}

func (s *hopesScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case hopesLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			s.err = msg.err
			return problem(msg.err)
		}
		selected := s.selectedID()
		s.err, s.hopes, s.loaded = nil, msg.hopes, true
		s.layout()
		s.selectID(selected)
	case dimensionsLoadedMsg:
		// Group headings and the grouping follow the areas.
		selected := s.selectedID()
		s.layout()
		s.selectID(selected)
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *hopesScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		if slot, ok := s.selected(); ok && slot.start < s.vp.YOffset {
			s.vp.ScrollUp(1) // the rest of a long hope first
		} else {
			s.choose(s.sel - 1)
		}
	case key.Matches(msg, k.Down):
		if slot, ok := s.selected(); ok && slot.end > s.vp.YOffset+s.vp.Height {
			s.vp.ScrollDown(1)
		} else {
			s.choose(s.sel + 1)
		}
	case key.Matches(msg, k.PageUp):
		s.vp.PageUp()
		s.selectInView()
	case key.Matches(msg, k.PageDown):
		s.vp.PageDown()
		s.selectInView()
	case key.Matches(msg, k.Top):
		s.choose(0)
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.choose(len(s.slots) - 1)
		s.vp.GotoBottom()
	case key.Matches(msg, k.Filter):
		s.filter = s.nextArea()
		s.sel = 0
		s.layout()
		s.vp.GotoTop()
	case key.Matches(msg, k.Open):
		if id := s.selectedID(); id != "" {
			return push(newReadScreen(s.c, id))
		}
	case key.Matches(msg, k.New):
		return push(newWriteScreen(s.c, journal.KindHope))
	case key.Matches(msg, k.Back):
		return pop
	}
	return nil
}

// nextArea cycles the filter: every area, then each active area in the
// person's order, then every area again.
func (s *hopesScreen) nextArea() string {
	active := s.c.dims.Active()
	if s.filter == "" {
		if len(active) == 0 {
			return ""
		}
		return active[0].ID
	}
	for i, d := range active {
		if d.ID == s.filter && i+1 < len(active) {
			return active[i+1].ID
		}
	}
	return ""
}

func (s *hopesScreen) selected() (hopeSlot, bool) {
	if s.sel < 0 || s.sel >= len(s.slots) {
		return hopeSlot{}, false
	}
	return s.slots[s.sel], true
}

func (s *hopesScreen) selectedID() string {
	if slot, ok := s.selected(); ok {
		return s.hopes[slot.hope].sum.ID
	}
	return ""
}

// selectID selects the first place the hope shows, if it still does.
func (s *hopesScreen) selectID(id string) {
	for i, slot := range s.slots {
		if s.hopes[slot.hope].sum.ID == id {
			s.choose(i)
			return
		}
	}
	s.choose(s.sel)
}

// choose selects a slot and scrolls it into view.
func (s *hopesScreen) choose(i int) {
	s.sel = min(max(i, 0), max(len(s.slots)-1, 0))
	s.render()
	slot, ok := s.selected()
	if !ok {
		return
	}
	off, h := s.vp.YOffset, s.vp.Height
	if slot.end > off+h {
		off = slot.end - h
	}
	if slot.top < off || slot.start < off {
		off = slot.top
		if slot.end-slot.top > h {
			off = slot.start
		}
	}
	s.vp.SetYOffset(off)
}

// selectInView selects the first hope that begins in view after a page turn.
func (s *hopesScreen) selectInView() {
	off, h := s.vp.YOffset, s.vp.Height
	for i, slot := range s.slots {
		if slot.start >= off && slot.start < off+h {
			s.sel = i
			s.render()
			return
		}
	}
}

func (s *hopesScreen) updateKeys() {
	has := len(s.slots) > 0
	s.keys.Open.SetEnabled(has)
	s.keys.Filter.SetEnabled(s.loaded && len(s.c.dims.Active()) > 0)
}

func (s *hopesScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.vp.Width = max(width, 1)
	s.vp.Height = max(height-3, 1) // the line saying what shows, a space, and a note below
	selected := s.selectedID()
	s.layout()
	s.selectID(selected)
}

func (s *hopesScreen) textWidth() int {
	w := s.vp.Width
	return max(min(w, readMaxWidth)-2, 10)
}

// layout groups the hopes under their areas and wraps any words not yet
// wrapped at this width; render then draws them.
func (s *hopesScreen) layout() {
	width := s.textWidth()
	for i := range s.hopes {
		h := &s.hopes[i]
		if h.wrapWidth != width || h.wrapped == nil {
			h.wrapWidth = width
			h.wrapped = strings.Split(wrap(h.text, width), "\n")
		}
	}
	s.render()
	s.updateKeys()
}

// hopeGroup is one area's heading and the hopes under it.
type hopeGroup struct {
	heading string
	colour  string
	hopes   []int
}

func (s *hopesScreen) groups() []hopeGroup {
	var out []hopeGroup
	known := func(id string) bool { _, ok := s.c.dims.ByID(id); return ok }
	for _, d := range s.c.dims.Sorted() {
		if s.filter != "" && d.ID != s.filter {
			continue
		}
		g := hopeGroup{heading: safeLine(d.Name, journal.MaxDimensionName+1), colour: d.Colour}
		if d.Archived {
			g.heading += " (archived)"
		}
		for i, h := range s.hopes {
			if h.sum.HasDimension(d.ID) {
				g.hopes = append(g.hopes, i)
			}
		}
		if len(g.hopes) > 0 {
			out = append(out, g)
		}
	}
	if s.filter == "" {
		g := hopeGroup{heading: "Any area"}
		for i, h := range s.hopes {
			inArea := false
			for _, id := range h.sum.Dimensions {
				inArea = inArea || known(id)
			}
			if !inArea {
				g.hopes = append(g.hopes, i)
			}
		}
		if len(g.hopes) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// render draws the groups into the viewport, marking the selected hope.
func (s *hopesScreen) render() {
	st := s.c.styles
	var lines []string
	var slots []hopeSlot
	for gi, g := range s.groups() {
		if gi > 0 {
			lines = append(lines, "")
		}
		heading := len(lines)
		lines = append(lines, st.Accent(g.colour).Bold(!st.plain).Render(g.heading))
		for j, hi := range g.hopes {
			h := s.hopes[hi]
			if j > 0 {
				lines = append(lines, "")
			}
			slot := hopeSlot{hope: hi, top: len(lines), start: len(lines)}
			if j == 0 {
				slot.top = heading
			}
			selected := len(slots) == s.sel
			for k, l := range h.wrapped {
				marker := "  "
				if k == 0 && selected {
					marker = "› "
				}
				if selected {
					lines = append(lines, st.Heading.Render(marker)+st.Selected.Render(l))
				} else {
					lines = append(lines, marker+st.Normal.Render(l))
				}
			}
			lines = append(lines, st.Subtle.Render("  "+s.c.formatWhen(h.sum.When)))
			slot.end = len(lines)
			slots = append(slots, slot)
		}
	}
	s.slots = slots
	s.vp.SetContent(strings.Join(lines, "\n"))
}

func (s *hopesScreen) Title() string { return "Hopes" }

func (s *hopesScreen) Typing() bool { return false }

func (s *hopesScreen) Keys() keyMap {
	k := s.keys
	return keyMap{
		short: []key.Binding{withHelp(k.Up, "↑/↓", "choose"), k.Open, brief(k.Filter, "area"),
			brief(k.New, "new hope"), k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.Open, k.Filter, k.New, k.Back},
		},
	}
}

func (s *hopesScreen) View() string {
	st := s.c.styles
	width := max(s.width, 1)
	if s.width <= 0 {
		width = 80
	}
	if s.err != nil && !s.loaded {
		return st.Problem.Render(wrap(journal.Explain(s.err), width))
	}
	if !s.loaded {
		return ""
	}
	head := st.Heading.Render(truncate(s.describe(), width))
	if len(s.slots) == 0 {
		return head + "\n\n" + st.Subtle.Render(wrap(s.emptyText(), min(width, readMaxWidth)))
	}
	return head + "\n\n" + s.vp.View() + "\n" + s.scrollNote(width)
}

// describe is the line above the hopes saying what shows.
func (s *hopesScreen) describe() string {
	n := 0
	for _, h := range s.hopes {
		if s.filter == "" || h.sum.HasDimension(s.filter) {
			n++
		}
	}
	if s.filter == "" {
		return fmt.Sprintf("Every hope · %d", n)
	}
	return fmt.Sprintf("Hopes in %s · %d", s.areaName(), n)
}

func (s *hopesScreen) areaName() string {
	if d, ok := s.c.dims.ByID(s.filter); ok {
		return safeLine(d.Name, journal.MaxDimensionName+1)
	}
	return "one life area"
}

func (s *hopesScreen) emptyText() string {
	if s.filter != "" && len(s.hopes) > 0 {
		return "No hopes in " + s.areaName() + " yet. Press f to see every area, or h to write one."
	}
	return "No hopes written yet. When one comes to you, press h to keep it here."
}

// scrollNote says, quietly, when there is more to read.
func (s *hopesScreen) scrollNote(width int) string {
	if s.vp.TotalLineCount() <= s.vp.Height || s.vp.AtBottom() {
		return ""
	}
	return s.c.styles.Subtle.Render(lipgloss.PlaceHorizontal(width, lipgloss.Right, "more below ↓"))
}
