package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/textedit"
)

// The fields of the writing screen, in tab order.
type writeField int

const (
	fieldText writeField = iota
	fieldKind
	fieldAreas
	// fieldAuthor shows only for writing in a session together.
	fieldAuthor
	fieldCount
)

type writeKeys struct {
	Save, Back, Next, Prev, Left, Right, Toggle, Prompt, Editor, Undo, WordMoves key.Binding
}

var wkeys = writeKeys{
	Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
	Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
	Left:   key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "move")),
	Right:  key.NewBinding(key.WithKeys("right", "l")),
	Toggle: key.NewBinding(key.WithKeys(" ", "enter", "x"), key.WithHelp("space", "choose")),
	Prompt: key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "a prompt")),
	Editor: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "your editor")),
	// The text field handles these itself; they are here for the full help.
	Undo:      key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z/ctrl+y", "undo/redo")),
	WordMoves: key.NewBinding(key.WithKeys("alt+left"), key.WithHelp("alt+←/→", "by word")),
}

// writeScreen writes a new entry or edits one. Unsaved words are kept as a
// draft a moment after typing pauses, and when the program ends.
type writeScreen struct {
	c *common
	// original is the entry being edited; its ID is empty for a new one.
	original journal.Entry
	kind     journal.Kind
	areas    areaPicker
	prompt   string
	promptN  int
	text     textedit.Model
	focus    writeField
	// author and session are set for writing in a session together.
	author  journal.Author
	session string

	// dirty: there is something not yet saved (a resumed draft starts dirty).
	dirty bool
	// draftSeq counts edits; a pending draft save only runs if no edit followed.
	draftSeq   int
	draftSaved time.Time
	asking     bool // "let go of this writing?" is showing
	// editorWarned: the person has been told their editor sees plain text.
	editorWarned bool
	saving       bool
	width        int
	height       int
}

type (
	draftTickMsg  struct{ seq int }
	draftSavedMsg struct {
		seq int
		at  time.Time
		err error
	}
	entrySavedMsg struct {
		entry journal.Entry
		err   error
	}
)

// newWriteScreen starts a new entry of the kind, cursor in the text.
func newWriteScreen(c *common, kind journal.Kind) screen {
	return newWriter(c, journal.Entry{Kind: kind}, false)
}

// newEditScreen edits an existing entry.
func newEditScreen(c *common, e journal.Entry) screen {
	return newWriter(c, e, false)
}

// newDraftScreen picks up a draft kept from last time.
func newDraftScreen(c *common, d journal.Draft) screen {
	e := journal.Entry{ID: d.EntryID, Kind: d.Kind, Dimensions: d.Dimensions, Title: d.Title, Text: d.Text, Prompt: d.Prompt,
		Author: d.Author, Session: d.Session}
	return newWriter(c, e, true)
}

func newWriter(c *common, e journal.Entry, resumed bool) *writeScreen {
	// The editor wraps and draws only what is on screen, so a letter of
	// 20,000 words stays smooth, and it keeps every line. Control characters
	// from an import are drawn as visible symbols but kept in the text, so
	// saving never changes words the person did not touch.
	ta := textedit.New()
	ta.Placeholder = "Write in your own words…"
	ta.Styles = textedit.Styles{
		Text:        c.styles.Normal,
		Placeholder: c.styles.Subtle,
		Cursor:      lipgloss.NewStyle().Reverse(true),
	}
	ta.SetValue(e.Text)
	ta.Focus()
	if e.Kind == "" {
		e.Kind = journal.KindReflection
	}
	if e.ID == "" && e.Session == "" && c.session != nil {
		// Written in a session: together, unless the person says otherwise.
		e.Session, e.Author = c.session.id, journal.AuthorTogether
	}
	w := &writeScreen{
		author:   e.Author,
		session:  e.Session,
		c:        c,
		original: e,
		kind:     e.Kind,
		areas:    newAreaPicker(c, e.Dimensions),
		prompt:   e.Prompt,
		text:     ta,
		dirty:    resumed,
	}
	return w
}

func (w *writeScreen) editing() bool { return w.original.ID != "" }

func (w *writeScreen) Init() tea.Cmd { return nil }

func (w *writeScreen) Title() string {
	if w.editing() {
		return "Editing " + strings.ToLower(w.kind.Label())
	}
	return "New " + strings.ToLower(w.kind.Label())
}

func (w *writeScreen) Typing() bool { return w.focus == fieldText && !w.asking }

func (w *writeScreen) Keys() keyMap {
	if w.asking {
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	}
	short := []key.Binding{wkeys.Save, wkeys.Back, wkeys.Next}
	if w.focus != fieldText {
		short = append(short, wkeys.Left, wkeys.Toggle)
	}
	return keyMap{
		short: short,
		full: [][]key.Binding{
			{wkeys.Save, wkeys.Back, wkeys.Next, wkeys.Prev},
			{wkeys.Left, wkeys.Toggle, wkeys.Prompt, wkeys.Editor},
			{wkeys.Undo, wkeys.WordMoves},
		},
	}
}

func (w *writeScreen) SetSize(width, height int) {
	w.width, w.height = width, height
	// The styles may have changed (the larger view, ctrl+t): the text takes
	// the current ones, not those of when the screen opened.
	w.text.Styles.Text, w.text.Styles.Placeholder = w.c.styles.Normal, w.c.styles.Subtle
	w.layout()
}

// layout gives the text field whatever the rows above and below leave.
func (w *writeScreen) layout() {
	w.text.SetWidth(max(w.width-2, 10))
	above := lipgloss.Height(w.fieldsView())
	w.text.SetHeight(max(w.height-above-3, 3))
}

func (w *writeScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return w.handleKey(msg)
	case draftTickMsg:
		if msg.seq == w.draftSeq && w.dirty && !w.saving {
			return w.saveDraft()
		}
		return nil
	case draftSavedMsg:
		if msg.err != nil {
			return problem(fmt.Errorf("keep draft: %w", msg.err))
		}
		w.draftSaved = msg.at
		return nil
	case editorDoneMsg:
		switch {
		case errors.Is(msg.err, errNoEditor):
			return status("Set $EDITOR to write in your own editor (for example EDITOR=nano).")
		case msg.err != nil:
			return status("The editor didn't open, so nothing changed. Your words are still here.")
		}
		text := strings.TrimSuffix(msg.text, "\n")
		if text == w.text.Value() {
			return nil
		}
		w.text.SetValue(text)
		return w.edited()
	case entrySavedMsg:
		w.saving = false
		if msg.err != nil {
			return problem(msg.err)
		}
		w.dirty = false
		return tea.Batch(pop, status("Saved."), changed)
	}
	// The cursor blinks through here.
	var cmd tea.Cmd
	w.text, cmd = w.text.Update(msg)
	return cmd
}

func (w *writeScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if w.asking {
		switch {
		case key.Matches(msg, keyYes):
			w.asking = false
			w.dirty = false
			release := releaseDraft(w.c)
			return tea.Batch(pop, func() tea.Msg {
				if err := release(); err != nil {
					return statusMsg{text: journal.Explain(err), problem: true}
				}
				return nil
			})
		case key.Matches(msg, keyNo):
			w.asking = false
		}
		return nil
	}
	switch {
	case key.Matches(msg, wkeys.Save):
		return w.save()
	case key.Matches(msg, wkeys.Back):
		if w.dirty {
			w.asking = true
			return nil
		}
		return pop
	case key.Matches(msg, wkeys.Next):
		return w.setFocus(w.nextField(1))
	case key.Matches(msg, wkeys.Prev):
		return w.setFocus(w.nextField(fieldCount - 1))
	case key.Matches(msg, wkeys.Prompt):
		w.nextPrompt()
		w.layout()
		return w.edited()
	case key.Matches(msg, wkeys.Editor):
		if w.c.encrypted() && !w.editorWarned {
			// Honest about what encryption can't cover.
			w.editorWarned = true
			return status("Your editor sees this text unencrypted while it's open. Press ctrl+o again to go on.")
		}
		return openEditor(w.text.Value())
	}
	switch w.focus {
	case fieldText:
		before := w.text.Version()
		var cmd tea.Cmd
		w.text, cmd = w.text.Update(msg)
		if w.text.Version() != before {
			return tea.Batch(cmd, w.edited())
		}
		return cmd
	case fieldKind:
		if key.Matches(msg, wkeys.Left, wkeys.Right, wkeys.Toggle) {
			w.kind = nextKind(w.kind, key.Matches(msg, wkeys.Left))
			return w.edited()
		}
	case fieldAreas:
		if w.areas.update(msg) {
			return w.edited()
		}
	case fieldAuthor:
		if key.Matches(msg, wkeys.Left, wkeys.Right, wkeys.Toggle) {
			w.author = nextAuthor(w.author, key.Matches(msg, wkeys.Left))
			return w.edited()
		}
	}
	return nil
}

// nextField is the field step places on from the one with focus; who wrote
// it is asked only in a session.
func (w *writeScreen) nextField(step writeField) writeField {
	f := (w.focus + step) % fieldCount
	if f == fieldAuthor && w.session == "" {
		f = (f + step) % fieldCount
	}
	return f
}

// writeAuthors are who can have written an entry in a session, in order.
var writeAuthors = []journal.Author{journal.AuthorMe, journal.AuthorTogether, journal.AuthorSupporter}

func nextAuthor(a journal.Author, back bool) journal.Author {
	for i, candidate := range writeAuthors {
		if candidate == a {
			if back {
				return writeAuthors[(i+len(writeAuthors)-1)%len(writeAuthors)]
			}
			return writeAuthors[(i+1)%len(writeAuthors)]
		}
	}
	return journal.AuthorTogether
}

func (w *writeScreen) setFocus(f writeField) tea.Cmd {
	w.focus = f
	if f == fieldText {
		return w.text.Focus()
	}
	w.text.Blur()
	return nil
}

func nextKind(k journal.Kind, back bool) journal.Kind {
	kinds := journal.WritableKinds
	for i, candidate := range kinds {
		if candidate == k {
			if back {
				return kinds[(i+len(kinds)-1)%len(kinds)]
			}
			return kinds[(i+1)%len(kinds)]
		}
	}
	return kinds[0]
}

// nextPrompt offers the next reflection prompt from the chosen areas (or all
// areas when none is chosen), then none, then round again.
func (w *writeScreen) nextPrompt() {
	var prompts []string
	for _, d := range w.c.dims.Active() {
		if len(w.chosen()) == 0 || w.areas.chosen[d.ID] {
			prompts = append(prompts, d.Prompts...)
		}
	}
	if len(prompts) == 0 {
		w.prompt = ""
		return
	}
	w.promptN = (w.promptN + 1) % (len(prompts) + 1)
	w.prompt = ""
	if w.promptN > 0 {
		w.prompt = prompts[w.promptN-1]
	}
}

// edited marks unsaved changes and schedules a draft once typing pauses.
func (w *writeScreen) edited() tea.Cmd {
	w.dirty = true
	w.draftSeq++
	seq := w.draftSeq
	return tea.Tick(w.c.draftDelay, func(time.Time) tea.Msg { return draftTickMsg{seq} })
}

func (w *writeScreen) chosen() []string { return w.areas.ids() }

func (w *writeScreen) draft() journal.Draft {
	return journal.Draft{
		EntryID:    w.original.ID,
		Kind:       w.kind,
		Dimensions: w.chosen(),
		Title:      w.original.Title,
		Text:       w.text.Value(),
		Prompt:     w.prompt,
		Author:     w.author,
		Session:    w.session,
	}
}

func (w *writeScreen) saveDraft() tea.Cmd {
	d, seq, repo, now := w.draft(), w.draftSeq, w.c.repo, w.c.now
	return func() tea.Msg {
		err := repo.SaveDraft(d)
		return draftSavedMsg{seq: seq, at: now(), err: err}
	}
}

// BeforeQuit keeps unsaved writing as a draft before the program ends.
func (w *writeScreen) BeforeQuit() tea.Cmd {
	if !w.dirty || strings.TrimSpace(w.text.Value()) == "" {
		return nil
	}
	d, repo := w.draft(), w.c.repo
	return func() tea.Msg {
		_ = repo.SaveDraft(d) // nowhere left to report it; the program is ending
		return nil
	}
}

func (w *writeScreen) save() tea.Cmd {
	if w.saving {
		return nil
	}
	if strings.TrimSpace(w.text.Value()) == "" {
		return problem(journal.ErrEmptyText)
	}
	w.saving = true
	e := w.original
	e.Kind = w.kind
	e.Dimensions = w.chosen()
	e.Text = w.text.Value()
	e.Prompt = w.prompt
	e.Author, e.Session = w.author, w.session
	repo, release := w.c.repo, releaseDraft(w.c)
	return func() tea.Msg {
		var saved journal.Entry
		var err error
		if e.ID == "" {
			saved, err = repo.Create(e)
		} else {
			// Keep what this screen doesn't edit as it is stored now.
			current, getErr := repo.Get(e.ID)
			if getErr != nil {
				return entrySavedMsg{err: getErr}
			}
			current.Kind, current.Dimensions, current.Text, current.Prompt = e.Kind, e.Dimensions, e.Text, e.Prompt
			current.Author = e.Author
			saved, err = repo.Update(current)
		}
		if err != nil {
			return entrySavedMsg{err: err}
		}
		// The entry is safe; a draft left behind would only offer it twice.
		// In a session the draft goes back to the session (session_draft.go).
		_ = release()
		return entrySavedMsg{entry: saved}
	}
}

func (w *writeScreen) fieldsView() string {
	st := w.c.styles
	label := func(s string, f writeField) string {
		if w.focus == f {
			return st.Heading.Render("› " + s)
		}
		return st.Subtle.Render("  " + s)
	}
	var kinds []string
	for _, k := range journal.WritableKinds {
		mark := "( )"
		if k == w.kind {
			mark = "(•)"
		}
		kinds = append(kinds, mark+" "+k.Label())
	}
	kindRow := label("Kind   ", fieldKind) + strings.Join(kinds, "  ")

	areaRows := w.areas.rows(w.focus == fieldAreas, max(w.width-9, 10))
	areasRow := label("Areas  ", fieldAreas) + strings.Join(areaRows, "\n         ")

	rows := []string{kindRow, areasRow}
	if w.session != "" {
		choices := func(name func(journal.Author) string) string {
			var who []string
			for _, a := range writeAuthors {
				mark := "( )"
				if a == w.author {
					mark = "(•)"
				}
				who = append(who, mark+" "+name(a))
			}
			return strings.Join(who, "  ")
		}
		// In a narrow window the choices take their short names (me,
		// together, supporter) rather than have "by my supporter" cut off.
		who := choices(authorChoice)
		if w.width > 0 && 9+lipgloss.Width(who) > w.width {
			who = choices(authorShort)
		}
		rows = append(rows, label("Who    ", fieldAuthor)+who)
	}
	if w.prompt != "" {
		rows = append(rows, st.Subtle.Render(safeLine("  "+w.prompt, w.width)))
	}
	return strings.Join(rows, "\n")
}

// flowChips lays chips out in rows no wider than width.
func flowChips(chips []string, width int) []string {
	var rows []string
	row := ""
	for _, c := range chips {
		switch {
		case row == "":
			row = c
		case lipgloss.Width(row)+2+lipgloss.Width(c) > width:
			rows = append(rows, row)
			row = c
		default:
			row += "  " + c
		}
	}
	return append(rows, row)
}

func (w *writeScreen) View() string {
	st := w.c.styles
	box := st.Blurred
	if w.focus == fieldText {
		box = st.Focused
	}
	parts := []string{w.fieldsView(), box.Render(w.text.View())}
	switch {
	case w.asking:
		parts = append(parts, st.Problem.Render("Let go of what you've written here? y / n"))
	default:
		parts = append(parts, st.Subtle.Render(w.info()))
	}
	return strings.Join(parts, "\n")
}

func (w *writeScreen) info() string {
	words := w.text.WordCount()
	s := fmt.Sprintf("%d words", words)
	if words == 1 {
		s = "1 word"
	}
	if !w.draftSaved.IsZero() && w.dirty {
		s += " · draft kept " + w.draftSaved.Format("15:04")
	}
	return s
}

// authorShort is authorChoice in fewer words, for a narrow window.
func authorShort(a journal.Author) string {
	switch a {
	case journal.AuthorMe:
		return "me"
	case journal.AuthorSupporter:
		return "supporter"
	}
	return "together"
}

// authorChoice names who wrote an entry, as the writing screen offers it.
func authorChoice(a journal.Author) string {
	switch a {
	case journal.AuthorMe:
		return "by me"
	case journal.AuthorSupporter:
		return "by my supporter"
	}
	return "together"
}
