package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// dimensionsMaxWidth keeps names and their counts close on a wide window.
const dimensionsMaxWidth = 72

// maxPromptRunes bounds an area's short prompt: one line, in the person's words.
const maxPromptRunes = 120

// areaEdit says which text field, if any, is open.
type areaEdit int

const (
	editNone   areaEdit = iota
	editAdd             // a new area's name
	editName            // renaming the selected area
	editPrompt          // the selected area's short prompt
)

// dimensionsScreen is the life-areas editor: the person's own set of areas,
// to add, rename, reorder, describe, rest and bring back.
type dimensionsScreen struct {
	c    *common
	keys dimensionsKeys

	dims   journal.Dimensions // in the person's order
	counts map[string]int
	loaded bool
	err    error
	seq    int

	cursor int
	edit   areaEdit
	editID string
	input  textinput.Model
	saving bool

	width  int
	height int
}

type dimensionsKeys struct {
	Up, Down, New, Rename, Prompt, Prompts, MoveUp, MoveDown, Archive, Back key.Binding
	Save, Cancel                                                            key.Binding
}

func newDimensionsKeys() dimensionsKeys {
	return dimensionsKeys{
		Up:       keyUp,
		Down:     keyDown,
		New:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new area")),
		Rename:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename")),
		Prompt:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "edit its prompt")),
		Prompts:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "reflection prompts")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K/shift+↑", "move up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J/shift+↓", "move down")),
		Archive:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "archive or bring back")),
		Back:     keyBack,
		Save:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

type (
	areasLoadedMsg struct {
		owner  *dimensionsScreen
		seq    int
		dims   journal.Dimensions
		counts journal.Counts
		err    error
	}
	areasSavedMsg struct {
		owner *dimensionsScreen
		dims  journal.Dimensions
		focus string // the area to select afterwards
		err   error
	}
)

func newDimensionsScreen(c *common) screen {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.PromptStyle = c.styles.Subtle
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	s := &dimensionsScreen{c: c, keys: newDimensionsKeys(), input: in, dims: c.dims.Sorted()}
	s.updateKeys()
	return s
}

func (s *dimensionsScreen) Init() tea.Cmd { return s.load() }

func (s *dimensionsScreen) load() tea.Cmd {
	s.seq++
	repo, seq := s.c.repo, s.seq
	return func() tea.Msg {
		dims, err := repo.Dimensions()
		if err != nil {
			return areasLoadedMsg{owner: s, seq: seq, err: err}
		}
		counts, err := repo.Counts()
		return areasLoadedMsg{owner: s, seq: seq, dims: dims, counts: counts, err: err}
	}
}

func (s *dimensionsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case areasLoadedMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			s.err = msg.err
			return problem(msg.err)
		}
		s.err = nil
		s.dims, s.counts, s.loaded = msg.dims.Sorted(), msg.counts.ByDimension, true
		s.cursor = min(s.cursor, max(len(s.dims)-1, 0))
		s.updateKeys()
	case areasSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.saving = false
		if msg.err != nil {
			// The field stays open with the words in it, to try again.
			return problem(msg.err)
		}
		s.closeInput()
		s.dims = msg.dims.Sorted()
		s.c.dims = msg.dims
		for i, d := range s.dims {
			if d.ID == msg.focus {
				s.cursor = i
			}
		}
		s.updateKeys()
		return tea.Batch(changed, status("Saved."))
	case tea.KeyMsg:
		if s.edit != editNone {
			return s.handleTyping(msg)
		}
		return s.handleKey(msg)
	}
	return nil
}

func (s *dimensionsScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.Down):
		s.cursor = max(min(s.cursor+1, len(s.dims)-1), 0)
	case key.Matches(msg, k.New):
		return s.openInput(editAdd, "", "")
	case key.Matches(msg, k.Rename):
		if d, ok := s.selected(); ok {
			return s.openInput(editName, d.ID, d.Name)
		}
	case key.Matches(msg, k.Prompt):
		if d, ok := s.selected(); ok {
			return s.openInput(editPrompt, d.ID, d.Prompt)
		}
	case key.Matches(msg, k.Prompts):
		if d, ok := s.selected(); ok {
			return push(newPromptsScreen(s.c, d))
		}
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		d, ok := s.selected()
		if !ok || s.saving {
			return nil
		}
		delta := 1
		if key.Matches(msg, k.MoveUp) {
			delta = -1
		}
		return s.save(func(ds journal.Dimensions) (journal.Dimensions, string, error) {
			next, err := ds.Move(d.ID, delta)
			return next, d.ID, err
		})
	case key.Matches(msg, k.Archive):
		d, ok := s.selected()
		if !ok || s.saving {
			return nil
		}
		return s.save(func(ds journal.Dimensions) (journal.Dimensions, string, error) {
			next, err := ds.SetArchived(d.ID, !d.Archived)
			return next, d.ID, err
		})
	case key.Matches(msg, k.Back):
		return pop
	}
	return nil
}

func (s *dimensionsScreen) handleTyping(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.keys.Cancel):
		s.closeInput()
		return nil
	case key.Matches(msg, s.keys.Save):
		if s.saving {
			return nil
		}
		value, id, repo := s.input.Value(), s.editID, s.c.repo
		switch s.edit {
		case editAdd:
			return s.save(func(ds journal.Dimensions) (journal.Dimensions, string, error) {
				next, d, err := ds.Add(repo.NewDimensionID(), value)
				return next, d.ID, err
			})
		case editName:
			return s.save(func(ds journal.Dimensions) (journal.Dimensions, string, error) {
				next, err := ds.Rename(id, value)
				return next, id, err
			})
		case editPrompt:
			return s.save(func(ds journal.Dimensions) (journal.Dimensions, string, error) {
				next, err := ds.SetPrompt(id, value)
				return next, id, err
			})
		}
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

// save applies a change to the set and keeps it, in the background. The
// change runs there too, as a new area takes its id from the journal.
func (s *dimensionsScreen) save(change func(journal.Dimensions) (journal.Dimensions, string, error)) tea.Cmd {
	s.saving = true
	dims, repo := append(journal.Dimensions(nil), s.dims...), s.c.repo
	return func() tea.Msg {
		next, focus, err := change(dims)
		if err == nil {
			err = repo.SaveDimensions(next)
		}
		return areasSavedMsg{owner: s, dims: next, focus: focus, err: err}
	}
}

func (s *dimensionsScreen) openInput(edit areaEdit, id, value string) tea.Cmd {
	s.edit, s.editID = edit, id
	s.input.Reset()
	s.input.CharLimit = 0
	s.input.Placeholder = ""
	switch edit {
	case editAdd, editName:
		s.input.Prompt = "Name: "
		s.input.Placeholder = "a few words, your own"
	case editPrompt:
		s.input.Prompt = "Prompt: "
		s.input.Placeholder = "a short line about this area, in your words"
		// Never cut a longer prompt kept from before.
		s.input.CharLimit = max(maxPromptRunes, utf8.RuneCountInString(value))
	}
	// What was stored is shown made safe, so editing it can't bring back
	// anything a terminal would act on.
	s.input.SetValue(termsafe.Line(value))
	s.input.CursorEnd()
	s.sizeInput()
	s.updateKeys()
	return s.input.Focus()
}

func (s *dimensionsScreen) closeInput() {
	s.edit, s.editID = editNone, ""
	s.input.Blur()
	s.input.Reset()
	s.updateKeys()
}

func (s *dimensionsScreen) selected() (journal.Dimension, bool) {
	if s.cursor < 0 || s.cursor >= len(s.dims) {
		return journal.Dimension{}, false
	}
	return s.dims[s.cursor], true
}

func (s *dimensionsScreen) updateKeys() {
	k := &s.keys
	typing := s.edit != editNone
	has := len(s.dims) > 0
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Rename, &k.Prompt, &k.Prompts, &k.MoveUp, &k.MoveDown, &k.Archive} {
		b.SetEnabled(!typing && has)
	}
	k.New.SetEnabled(!typing)
	k.Back.SetEnabled(!typing)
	k.Save.SetEnabled(typing)
	k.Cancel.SetEnabled(typing)
	if d, ok := s.selected(); ok && d.Archived {
		k.Archive.SetHelp("a", "bring back")
	} else {
		k.Archive.SetHelp("a", "archive")
	}
}

func (s *dimensionsScreen) layoutWidth() int {
	w := s.width
	if w <= 0 {
		w = 80
	}
	return min(w, dimensionsMaxWidth)
}

func (s *dimensionsScreen) sizeInput() {
	indent := 2
	if s.edit == editPrompt {
		indent = 4
	}
	s.input.Width = max(s.layoutWidth()-indent-lipgloss.Width(s.input.Prompt)-1, 1)
}

func (s *dimensionsScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	s.sizeInput()
}

func (s *dimensionsScreen) Title() string { return "Life areas" }

func (s *dimensionsScreen) Typing() bool { return s.edit != editNone }

func (s *dimensionsScreen) Keys() keyMap {
	k := s.keys
	if s.edit != editNone {
		return keyMap{short: []key.Binding{k.Save, k.Cancel}, full: [][]key.Binding{{k.Save, k.Cancel}}}
	}
	return keyMap{
		short: []key.Binding{brief(k.New, "new"), k.Rename, brief(k.Prompt, "prompt"),
			withHelp(k.MoveUp, "K/J", "move"), k.Archive, k.Back},
		full: [][]key.Binding{
			{k.Up, k.Down, k.MoveUp, k.MoveDown},
			{k.New, k.Rename, k.Prompt, k.Prompts, k.Archive, k.Back},
		},
	}
}

func (s *dimensionsScreen) View() string {
	st := s.c.styles
	if s.err != nil && !s.loaded {
		return st.Problem.Render(wrap(journal.Explain(s.err), s.width))
	}
	if !s.loaded {
		return ""
	}
	width := s.layoutWidth()
	head := []string{
		st.Subtle.Render(truncate("These are your life areas, in your order. Change them whenever you like.", width)),
		"",
	}
	var lines []string
	selFrom, selTo := 0, 0
	for i, d := range s.dims {
		if i == s.cursor && s.edit != editAdd {
			selFrom = len(lines)
		}
		lines = append(lines, s.areaLines(d, i == s.cursor && s.edit != editAdd, width)...)
		if i == s.cursor && s.edit != editAdd {
			selTo = len(lines)
		}
	}
	if s.edit == editAdd {
		selFrom = len(lines)
		lines = append(lines, "› "+s.input.View())
		selTo = len(lines)
	}
	if len(lines) == 0 {
		lines = append(lines, st.Subtle.Render(wrap("No life areas yet. Press n to add one, in your own words.", width)))
	}

	// Keep the selected area on screen when there are more than fit.
	avail := s.height - len(head)
	if avail <= 0 {
		avail = len(lines)
	}
	top := 0
	if selTo > avail {
		top = selTo - avail
	}
	top = min(top, selFrom)
	end := min(top+avail, len(lines))
	return strings.Join(append(head, lines[top:end]...), "\n")
}

// areaLines draws one area: its name with how many entries touch it, and its
// short prompt below; the open text field takes the place of what it edits.
func (s *dimensionsScreen) areaLines(d journal.Dimension, selected bool, width int) []string {
	st := s.c.styles
	marker := "  "
	if selected {
		marker = "› "
	}
	count := entriesCount(s.counts[d.ID])
	var first string
	if selected && s.edit == editName {
		first = marker + s.input.View()
	} else {
		label := ""
		if d.Archived {
			label = " (archived)"
		}
		used := lipgloss.Width(marker) + lipgloss.Width(label) + lipgloss.Width(count)
		name := safeLine(d.Name, max(width-used-2, 1))
		gap := max(width-used-lipgloss.Width(name), 1)
		nameStyle := st.Accent(d.Colour)
		if selected {
			nameStyle = st.Selected
		}
		first = marker + nameStyle.Render(name) + st.Subtle.Render(label+strings.Repeat(" ", gap)+count)
	}
	lines := []string{ansi.Truncate(first, width, "…")}
	switch {
	case selected && s.edit == editPrompt:
		lines = append(lines, "    "+s.input.View())
	case d.Prompt != "":
		lines = append(lines, st.Subtle.Render("    "+safeLine(d.Prompt, max(width-4, 1))))
	}
	return lines
}

func entriesCount(n int) string {
	switch n {
	case 0:
		return "no entries yet"
	case 1:
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}
