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

type homeKeys struct {
	NewReflection, NewHope, Goals, CheckIn, LookBack, Hopes, Export, Open, Switch, Timeline, Areas, Trash, Resume, DropDraft key.Binding
}

var hkeys = homeKeys{
	NewReflection: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
	NewHope:       key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "new hope")),
	Goals:         key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "goals")),
	CheckIn:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check in")),
	LookBack:      key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "look back")),
	Hopes:         key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hopes")),
	Export:        key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export")),
	Open:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
	Switch:        key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "areas/recent")),
	Timeline:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "timeline")),
	Areas:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "life areas")),
	Trash:         key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "trash")),
	Resume:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pick up where you left off")),
	DropDraft:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "let it go")),
}

// recentRows is how many recent entries home reads; it shows what fits.
const recentRows = 12

// maxGoalsShown bounds how many goals home reads to find those ready for a look.
const maxGoalsShown = 1000

// welcomeBackAfter is the gap after which home says "Welcome back."
const welcomeBackAfter = 7 * 24 * time.Hour

// homeScreen is where Waymark opens: the person's life areas with how much
// they have written in each, and their most recent entries.
type homeScreen struct {
	c      *common
	counts journal.Counts
	recent []journal.Summary
	trends map[string][]journal.Point
	goals  []journal.Summary
	loaded bool
	// onAreas: the cursor is on the life areas row rather than the recent list.
	onAreas  bool
	recentAt int
	areaAt   int
	// draft is unsaved writing from last time, offered back until answered.
	draft      *journal.Draft
	askingDrop bool
	seq        int
	width      int
	height     int
}

type homeLoadedMsg struct {
	seq    int
	counts journal.Counts
	recent []journal.Summary
	trends map[string][]journal.Point
	// goals are every goal's summary, for the ones ready for a look.
	goals []journal.Summary
	err   error
}

func newHomeScreen(c *common, draft *journal.Draft) *homeScreen {
	return &homeScreen{c: c, draft: draft}
}

func (h *homeScreen) Init() tea.Cmd { return h.load() }

func (h *homeScreen) load() tea.Cmd {
	h.seq++
	seq, repo := h.seq, h.c.repo
	return func() tea.Msg {
		counts, err := repo.Counts()
		if err != nil {
			return homeLoadedMsg{seq: seq, err: err}
		}
		recent, err := repo.List(journal.Query{Limit: recentRows})
		if err != nil {
			return homeLoadedMsg{seq: seq, err: err}
		}
		trends, err := repo.Trends()
		if err != nil {
			return homeLoadedMsg{seq: seq, err: err}
		}
		goals, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}, Limit: maxGoalsShown})
		return homeLoadedMsg{seq: seq, counts: counts, recent: recent.Summaries, trends: trends, goals: goals.Summaries, err: err}
	}
}

func (h *homeScreen) Title() string { return "Home" }
func (h *homeScreen) Typing() bool  { return false }

func (h *homeScreen) SetSize(width, height int) { h.width, h.height = width, height }

func (h *homeScreen) Keys() keyMap {
	if h.askingDrop {
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	}
	if h.draft != nil {
		resume := hkeys.Resume
		if h.draft.IsSession() {
			resume = withHelp(resume, "enter", "open it")
		}
		return keyMap{
			short: []key.Binding{resume, hkeys.DropDraft},
			full:  [][]key.Binding{{resume, hkeys.DropDraft, keyQuitHome}},
		}
	}
	return keyMap{
		short: []key.Binding{hkeys.NewReflection, hkeys.CheckIn, hkeys.Goals, hkeys.Timeline, hkeys.LookBack, keyQuitHome},
		full: [][]key.Binding{
			{hkeys.NewReflection, hkeys.NewHope, hkeys.CheckIn, keyTogether, hkeys.Open, hkeys.Switch, keyUp, keyDown},
			{hkeys.Goals, hkeys.Hopes, hkeys.LookBack, hkeys.Timeline, hkeys.Areas, hkeys.Trash, hkeys.Export, keyQuitHome},
		},
	}
}

func (h *homeScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case homeLoadedMsg:
		if msg.seq != h.seq {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		h.counts, h.recent, h.trends, h.goals, h.loaded = msg.counts, msg.recent, msg.trends, msg.goals, true
		h.recentAt = min(h.recentAt, max(len(h.recent)-1, 0))
		return nil
	case changedMsg:
		return h.load()
	case tea.KeyMsg:
		return h.handleKey(msg)
	}
	return nil
}

func (h *homeScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if h.askingDrop {
		switch {
		case key.Matches(msg, keyYes):
			h.askingDrop, h.draft = false, nil
			repo := h.c.repo
			return func() tea.Msg {
				if err := repo.ClearDraft(); err != nil {
					return statusMsg{text: journal.Explain(err), problem: true}
				}
				return statusMsg{text: "Let go."}
			}
		case key.Matches(msg, keyNo):
			h.askingDrop = false
		}
		return nil
	}
	if h.draft != nil {
		switch {
		case key.Matches(msg, hkeys.Resume):
			d := *h.draft
			h.draft = nil
			if d.IsSession() {
				// The session comes back as it was, at its summary, to be
				// read through and confirmed or ended. Its draft stays
				// until then.
				h.c.session = resumeSession(d)
				return tea.Sequence(push(newSessionScreen(h.c)), push(newSessionEndScreen(h.c)))
			}
			return push(newDraftScreen(h.c, d))
		case key.Matches(msg, hkeys.DropDraft):
			h.askingDrop = true
		case key.Matches(msg, keyQuitHome):
			return quit
		}
		return nil
	}
	active := h.c.dims.Active()
	switch {
	case key.Matches(msg, keyQuitHome):
		return quit
	case key.Matches(msg, hkeys.NewReflection):
		return push(newWriteScreen(h.c, journal.KindReflection))
	case key.Matches(msg, hkeys.NewHope):
		return push(newWriteScreen(h.c, journal.KindHope))
	case key.Matches(msg, hkeys.Goals):
		return push(newGoalsScreen(h.c))
	case key.Matches(msg, hkeys.CheckIn):
		return push(newCheckInScreen(h.c))
	case key.Matches(msg, hkeys.LookBack):
		return push(newLookBackScreen(h.c))
	case key.Matches(msg, hkeys.Hopes):
		return push(newHopesScreen(h.c))
	case key.Matches(msg, hkeys.Export):
		return push(newExportScreen(h.c))
	case key.Matches(msg, hkeys.Timeline):
		return push(newTimelineScreen(h.c, journal.Query{}))
	case key.Matches(msg, hkeys.Areas):
		return push(newDimensionsScreen(h.c))
	case key.Matches(msg, keyTogether):
		return push(newSessionConsentScreen(h.c))
	case key.Matches(msg, hkeys.Trash):
		return push(newTimelineScreen(h.c, journal.Query{Trash: true}))
	case key.Matches(msg, hkeys.Switch):
		h.onAreas = !h.onAreas && len(active) > 0
	case h.onAreas && key.Matches(msg, keyUp):
		h.areaAt = max(h.areaAt-1, 0)
	case h.onAreas && key.Matches(msg, keyDown):
		h.areaAt = min(h.areaAt+1, len(active)-1)
	case key.Matches(msg, keyUp):
		h.recentAt = max(h.recentAt-1, 0)
	case key.Matches(msg, keyDown):
		h.recentAt = min(h.recentAt+1, max(len(h.recent)-1, 0))
	case key.Matches(msg, hkeys.Open):
		if h.onAreas && len(active) > 0 {
			return push(newTimelineScreen(h.c, journal.Query{Dimension: active[min(h.areaAt, len(active)-1)].ID}))
		}
		if len(h.recent) > 0 {
			return openSummary(h.c, h.recent[h.recentAt])
		}
	}
	return nil
}

func (h *homeScreen) View() string {
	st := h.c.styles
	if !h.loaded {
		return st.Subtle.Render("Opening your journal…")
	}
	var b strings.Builder
	if h.draft != nil {
		return h.draftView()
	}
	if !h.counts.Latest.IsZero() && h.c.now().Sub(h.counts.Latest) > welcomeBackAfter {
		b.WriteString(st.Title.Render("Welcome back.") + "\n\n")
	}

	b.WriteString(st.Heading.Render("Life areas") + "\n")
	active := h.c.dims.Active()
	if len(active) == 0 {
		b.WriteString(st.Subtle.Render("  None yet. Press a to add the areas of life that matter to you.") + "\n")
	}
	for i, d := range active {
		b.WriteString(h.areaRow(d, h.onAreas && i == h.areaAt) + "\n")
	}
	if line := h.goalsLine(); line != "" {
		b.WriteString("\n" + line + "\n")
	}
	// The session key has no room in the help bar, so it is offered here,
	// where a supporter sitting alongside will look for it.
	recent := st.Heading.Render("Recent")
	together := st.Subtle.Render("s · start a session together")
	if gap := h.width - lipgloss.Width(recent) - lipgloss.Width(together) - 2; gap > 1 {
		recent += strings.Repeat(" ", gap) + together
	}
	b.WriteString("\n" + recent + "\n")
	if len(h.recent) == 0 {
		b.WriteString(st.Subtle.Render("  Nothing here yet. When you're ready, press n to write.") + "\n")
		return b.String()
	}
	// In the larger view each row has a blank line after it, for a screen
	// read from a little further away.
	gap := strings.Repeat("\n", h.c.styles.RowGap())
	room := (h.height - strings.Count(b.String(), "\n")) / (1 + h.c.styles.RowGap())
	// Keep the chosen entry in view when not all of them fit.
	first := max(0, h.recentAt-room+1)
	for i := first; i < len(h.recent) && i < first+room; i++ {
		b.WriteString(summaryRow(h.c, h.recent[i], h.width, !h.onAreas && i == h.recentAt) + "\n" + gap)
	}
	return strings.TrimRight(b.String(), "\n")
}

// areaRow is one life area: how much is written there, the latest check-in
// rating and a sparkline of the ones before it. Never a total or a score.
func (h *homeScreen) areaRow(d journal.Dimension, selected bool) string {
	st := h.c.styles
	marker := "  "
	if selected {
		marker = "› "
	}
	name := fmt.Sprintf("%-18s", safeLine(d.Name, 17))
	n := h.counts.ByDimension[d.ID]
	written := fmt.Sprintf("%3d entries", n)
	if n == 1 {
		written = "  1 entry  "
	}
	now := ""
	if p, ok := journal.Latest(h.trends[d.ID]); ok {
		now = fmt.Sprintf("   now %2d  %s", p.Value, sparkline(h.trends[d.ID], sparkWidth))
	}
	row := marker + name + written + now
	if selected {
		return truncate(st.Selected.Render(row), h.width)
	}
	return truncate(marker+st.Accent(d.Colour).Render(name)+st.Subtle.Render(written)+st.Normal.Render(now), h.width)
}

// sparkWidth is how many recent check-ins home draws per area.
const sparkWidth = 12

// goalsLine counts what the person is working towards and hoping for. Goals
// whose revisit date has come are offered for a look, never flagged.
func (h *homeScreen) goalsLine() string {
	st := h.c.styles
	active := h.counts.GoalsByStatus[journal.GoalActive]
	ready := 0
	for _, g := range h.goals {
		if journal.ReadyForALook(g.Status, g.Revisit, h.c.now()) {
			ready++
		}
	}
	var parts []string
	switch {
	case active == 0 && len(h.goals) > 0:
		parts = append(parts, "No active goals")
	case active == 0:
	case active == 1:
		parts = append(parts, "1 active goal")
	default:
		parts = append(parts, fmt.Sprintf("%d active goals", active))
	}
	if ready > 0 {
		parts = append(parts, fmt.Sprintf("%d ready for a look", ready))
	}
	switch hopes := h.counts.ByKind[journal.KindHope]; hopes {
	case 0:
	case 1:
		parts = append(parts, "1 hope")
	default:
		parts = append(parts, fmt.Sprintf("%d hopes", hopes))
	}
	if len(parts) == 0 {
		return ""
	}
	return st.Subtle.Render(truncate("  "+strings.Join(parts, " · "), h.width))
}

func (h *homeScreen) draftView() string {
	st := h.c.styles
	d := h.draft
	if d.IsSession() {
		return sessionDraftOffer(h.c, *d, max(h.width, 20), h.askingDrop)
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("You were writing something when Waymark last closed.") + "\n")
	b.WriteString(st.Subtle.Render(fmt.Sprintf("%s, kept %s", d.Kind.Label(), h.c.formatWhen(d.Saved))) + "\n\n")
	preview := journal.Headline(d.Title, d.Text)
	if preview == "" {
		preview = "(no words yet)"
	}
	b.WriteString(st.Dialog.Render(safeLine(preview, max(h.width-6, 10))) + "\n\n")
	if h.askingDrop {
		b.WriteString(st.Problem.Render("Let go of this draft for good? y / n"))
	} else {
		b.WriteString("Press enter to pick up where you left off, or x to let it go.")
	}
	return b.String()
}
