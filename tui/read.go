package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// readMaxWidth keeps lines a comfortable length on a wide window.
const readMaxWidth = 100

// editedAfter is how long after writing a change counts as an edit worth
// mentioning (saving a draft a moment later is not one).
const editedAfter = time.Minute

// readScreen shows one entry, whole, to read and scroll.
type readScreen struct {
	c    *common
	id   string
	keys readKeys
	// highlight marks these search terms in the entry's words (search.go).
	highlight journal.SearchTerms

	entry journal.Entry
	// linked are the entries a session's summary links to, oldest first.
	linked []journal.Summary
	loaded bool
	err    error
	seq    int

	vp     viewport.Model
	width  int
	height int
	cache  struct {
		width    int
		id, text string
		updated  time.Time
		wrapped  string
	}
}

// keyScroll stands for the arrow keys in the help bar, where space is short.
var keyScroll = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll"))

type readKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Edit, Trash, Restore, Back              key.Binding
	// Export keeps a copy of the entry's session together as Markdown.
	Export key.Binding
}

func newReadKeys() readKeys {
	return readKeys{
		Up:       keyUp,
		Down:     keyDown,
		PageUp:   keyPageUp,
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("space", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Trash:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "move to the trash")),
		Restore:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "bring back")),
		Back:     keyBack,
		Export:   keySessionExport,
	}
}

type (
	readLoadedMsg struct {
		owner  *readScreen
		seq    int
		entry  journal.Entry
		linked []journal.Summary
		err    error
	}
	readTrashedMsg struct {
		owner *readScreen
		err   error
	}
	readRestoredMsg struct {
		owner *readScreen
		err   error
	}
)

func newReadScreen(c *common, id string) screen {
	s := &readScreen{c: c, id: id, keys: newReadKeys(), vp: viewport.New(80, 20)}
	s.updateKeys()
	return s
}

// newReadScreenHighlight is the reader opened from a search: the words
// found are marked in the entry's text.
func newReadScreenHighlight(c *common, id string, terms journal.SearchTerms) screen {
	s := newReadScreen(c, id).(*readScreen)
	s.highlight = terms
	return s
}

func (s *readScreen) Init() tea.Cmd { return s.load() }

func (s *readScreen) load() tea.Cmd {
	s.seq++
	repo, id, seq := s.c.repo, s.id, s.seq
	return func() tea.Msg {
		e, err := repo.Get(id)
		if err != nil {
			return readLoadedMsg{owner: s, seq: seq, err: err}
		}
		linked, err := sessionLinks(repo, e)
		return readLoadedMsg{owner: s, seq: seq, entry: e, linked: linked, err: err}
	}
}

func (s *readScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case dimensionsLoadedMsg:
		s.render() // names come from the shared dimensions
	case readLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		s.err = msg.err
		if msg.err == nil {
			s.entry, s.linked, s.loaded = msg.entry, msg.linked, true
		}
		s.render()
		s.updateKeys()
	case readTrashedMsg:
		if msg.owner != s {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(pop, changed,
			status("Moved to the trash. You can bring it back from the trash (T in the timeline)."))
	case readRestoredMsg:
		if msg.owner != s {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(changed, status("Brought back."))
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *readScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		s.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		s.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		s.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		s.vp.PageDown()
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	case key.Matches(msg, k.Edit):
		if s.entry.Kind == journal.KindGoal {
			return push(newGoalEditScreen(s.c, s.entry))
		}
		return push(newEditScreen(s.c, s.entry))
	case key.Matches(msg, k.Trash):
		repo, id := s.c.repo, s.entry.ID
		return func() tea.Msg { return readTrashedMsg{owner: s, err: repo.Trash(id)} }
	case key.Matches(msg, k.Restore):
		repo, id := s.c.repo, s.entry.ID
		return func() tea.Msg { return readRestoredMsg{owner: s, err: repo.Restore(id)} }
	case key.Matches(msg, k.Export):
		return exportSession(s.c, s.entry.Session)
	case key.Matches(msg, k.Back):
		return pop
	}
	return nil
}

// updateKeys offers edit and trash for a kept entry, bring back for one in
// the trash, and nothing until the entry is here.
func (s *readScreen) updateKeys() {
	ok := s.loaded && s.err == nil
	trashed := s.entry.InTrash()
	// A session's summary was confirmed as it is; it is read, not edited.
	s.keys.Edit.SetEnabled(ok && !trashed && s.entry.Kind != journal.KindSession)
	s.keys.Export.SetEnabled(ok && s.entry.Session != "")
	s.keys.Trash.SetEnabled(ok && !trashed)
	s.keys.Restore.SetEnabled(ok && trashed)
}

func (s *readScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.vp.Width = max(width, 1)
	s.vp.Height = max(height-1, 1) // a line below for "more below"
	s.render()
}

// render lays the entry out for the current width. Everything stored passes
// through wrap or safeLine.
func (s *readScreen) render() {
	if !s.loaded {
		return
	}
	st := s.c.styles
	e := s.entry
	width := min(s.vp.Width, readMaxWidth)

	var b strings.Builder
	meta := safeLine(e.Kind.Label(), 20) + " · " + s.c.formatWhen(e.When)
	if e.Updated.Sub(e.Created) > editedAfter {
		meta += " · edited " + lowerDay(s.c.formatWhen(e.Updated))
	}
	if e.InTrash() {
		meta += " · in the trash"
	}
	b.WriteString(st.Heading.Render(truncate(meta, width)) + "\n")
	if who := e.Author.Label(); who != "" {
		b.WriteString(st.Subtle.Render(truncate(who, width)) + "\n")
	}
	if names := s.c.dimensionNames(e.Dimensions); len(names) > 0 {
		b.WriteString(st.Subtle.Render(safeLine(strings.Join(names, ", "), width)) + "\n")
	}
	if strings.TrimSpace(e.Prompt) != "" {
		b.WriteString(st.Subtle.Render(wrap(e.Prompt, width)) + "\n")
	}
	if strings.TrimSpace(e.Title) != "" {
		b.WriteString("\n" + st.Title.Render(wrap(e.Title, width)) + "\n")
	}
	if e.Goal != nil {
		b.WriteString(s.goalView(*e.Goal, width))
	}
	if e.CheckIn != nil {
		b.WriteString(s.checkInView(*e.CheckIn, width))
	}
	if e.Text != "" {
		b.WriteString("\n" + s.wrappedText(width))
	}
	if e.SessionNote != nil {
		b.WriteString(sessionNoteView(s.c, *e.SessionNote, s.linked, width))
	}
	s.vp.SetContent(strings.TrimRight(b.String(), "\n"))
}

// wrappedText is the entry's words fitted to width, kept until the width or
// the words change: a long entry takes a while to wrap, and names or a reload
// that changed nothing should not pay for it again.
func (s *readScreen) wrappedText(width int) string {
	e := s.entry
	if s.cache.width != width || s.cache.id != e.ID || !s.cache.updated.Equal(e.Updated) || s.cache.text != e.Text {
		s.cache.width, s.cache.id, s.cache.updated, s.cache.text = width, e.ID, e.Updated, e.Text
		s.cache.wrapped = wrap(e.Text, width)
		if len(s.highlight) > 0 {
			s.cache.wrapped = wrapHighlighted(s.c.styles, e.Text, s.highlight, width) // search.go
		}
	}
	return s.cache.wrapped
}

// goalView shows the parts of a goal beyond its title and words.
func (s *readScreen) goalView(g journal.Goal, width int) string {
	st := s.c.styles
	var b strings.Builder
	if g.Status != "" {
		b.WriteString(st.Subtle.Render(safeLine(g.Status.Label(), width)) + "\n")
	}
	if g.Why != "" {
		b.WriteString("\n" + st.Subtle.Render("Why it matters") + "\n" + wrap(g.Why, width) + "\n")
	}
	if len(g.Steps) > 0 {
		b.WriteString("\n" + st.Subtle.Render("Small steps") + "\n")
		for _, step := range g.Steps {
			mark := "[ ] "
			if step.Done {
				mark = "[x] "
			}
			b.WriteString(mark + safeLine(step.Text, max(width-4, 1)) + "\n")
		}
	}
	return b.String()
}

// checkInView shows each answer as it was given, the person's first; the
// ratings are never added up.
func (s *readScreen) checkInView(ci journal.CheckIn, width int) string {
	st := s.c.styles
	var b strings.Builder
	b.WriteString("\n" + st.Subtle.Render(wrap(journal.CheckInQuestion+" ("+journal.RatingLowLabel+", "+
		journal.RatingHighLabel+")", width)) + "\n")
	for _, a := range ci.Answers {
		line := "An area no longer in the journal"
		if names := s.c.dimensionNames([]string{a.Dimension}); len(names) > 0 {
			line = names[0]
		}
		if a.By == journal.AuthorSupporter {
			line += " (as a supporter sees it)"
		}
		if a.Value != nil {
			line += fmt.Sprintf(" · %d", *a.Value)
		}
		if a.Word != "" {
			line += " · " + a.Word
		}
		b.WriteString(safeLine(line, width) + "\n")
		if a.Note != "" {
			b.WriteString(wrap(a.Note, width) + "\n")
		}
	}
	return b.String()
}

// lowerDay writes "Today 09:40" as "today 09:40" inside a sentence.
func lowerDay(s string) string {
	for _, day := range []string{"Today", "Yesterday"} {
		if strings.HasPrefix(s, day) {
			return strings.ToLower(day) + s[len(day):]
		}
	}
	return s
}

func (s *readScreen) Title() string {
	if s.loaded {
		return safeLine(s.entry.Kind.Label(), 20)
	}
	return "Reading"
}

func (s *readScreen) Typing() bool { return false }

func (s *readScreen) Keys() keyMap {
	k := s.keys
	return keyMap{
		short: []key.Binding{keyScroll, k.PageDown, brief(k.Edit, "edit"), brief(k.Trash, "trash"),
			k.Restore, brief(k.Export, "export"), k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.Edit, k.Trash, k.Restore, k.Export, k.Back},
		},
	}
}

func (s *readScreen) View() string {
	st := s.c.styles
	if s.err != nil {
		return st.Problem.Render(lipgloss.NewStyle().Width(max(s.width, 20)).Render(journal.Explain(s.err)))
	}
	if !s.loaded {
		return ""
	}
	return s.vp.View() + "\n" + s.scrollNote()
}

// scrollNote says, quietly, when there is more to read.
func (s *readScreen) scrollNote() string {
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
