package tui

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// A session together: a person journals with a peer worker beside them. It
// opens with consent, shows only what is written in it (the rest of the
// journal stays hidden unless the person opens it), offers a path that can be
// followed or left, and ends with a summary the person reads and confirms.

// activeSession is the session under way. Only what the person saves is kept
// as entries: the next steps and the summary's words live here until the
// summary is confirmed, and are kept meanwhile as the journal's draft
// (session_draft.go).
type activeSession struct {
	id      string
	started time.Time
	// steps are the next steps agreed so far, in the person's words.
	steps []string
	// lookedAtGoals: the person opened their goals in this session.
	lookedAtGoals bool
	// summary is what was written in the summary's field so far, kept if
	// the person goes back to the session before confirming.
	summary string
	// slot orders the session's draft writes with its ending.
	slot *draftSlot
}

// banner is the calm header a session shows while it runs.
func (s *activeSession) banner() string {
	return "Together · started " + s.started.Format("15:04")
}

// sessionTitle puts a running session's banner before a screen's title.
func sessionTitle(c *common, title string) string {
	if c.session == nil {
		return title
	}
	if title == "" {
		return c.session.banner()
	}
	return c.session.banner() + " · " + title
}

// keyTogether starts a session together from home.
var keyTogether = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start a session together"))

// newSessionID is a random, opaque id: nothing in it says when or who.
func newSessionID() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)), nil
}

// sessionOverNote is said when a session ends with its summary saved.
const sessionOverNote = "The session is over. What you confirmed is saved in your journal."

// sessionLeftNote is said when a session ends without a summary.
const sessionLeftNote = "The session is over. What you saved during it stays in your journal."

// maxSessionEntries bounds how many of a session's entries are read at once.
const maxSessionEntries = 500

// loadSessionEntries reads the summaries of what was written in the session,
// oldest first.
func loadSessionEntries(c *common, owner any, seq int) tea.Cmd {
	repo := c.repo
	if repo == nil || c.session == nil {
		return nil
	}
	id := c.session.id
	return func() tea.Msg {
		page, err := repo.List(journal.Query{Session: id, Limit: maxSessionEntries})
		// Oldest first; entries of the same moment keep the journal's order.
		sums := page.Summaries
		slices.SortStableFunc(sums, func(a, b journal.Summary) int { return a.When.Compare(b.When) })
		return sessionEntriesMsg{owner: owner, seq: seq, entries: sums, err: err}
	}
}

type sessionEntriesMsg struct {
	owner   any
	seq     int
	entries []journal.Summary
	err     error
}

// sessionEntryLine is one entry written in the session, on one line: its
// kind and its first words (a check-in's ratings, area by area).
func sessionEntryLine(c *common, s journal.Summary, width int) string {
	title := s.Title
	if s.Kind == journal.KindCheckIn {
		title = strings.Join(nonEmpty(ratingsLine(c, s.Ratings), s.Title), " · ")
	}
	line := s.Kind.Label()
	if title != "" {
		line += ": " + title
	}
	const by = " (written by your supporter)"
	if s.Author != journal.AuthorSupporter {
		return safeLine("  · "+line, width)
	}
	if width < len(by)+12 {
		return safeLine("  · "+line+by, width)
	}
	// Who wrote it is cut from the words, never from the end of the line,
	// so a long entry still says it was the supporter's.
	return safeLine("  · "+line, width-len(by)) + by
}

// ---- Consent ----

type consentChoice int

const (
	consentStart consentChoice = iota
	consentNotNow
)

var consentChoices = []string{"Start together", "Not now"}

var keyConsentChoose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))

// sessionConsentScreen says, in plain words, what a session shows and who
// owns its record, before anything starts. Declining writes nothing.
type sessionConsentScreen struct {
	c        *common
	cursor   consentChoice
	starting bool
	width    int
	height   int
}

type sessionStartedMsg struct {
	owner *sessionConsentScreen
	id    string
	at    time.Time
	err   error
}

func newSessionConsentScreen(c *common) *sessionConsentScreen {
	return &sessionConsentScreen{c: c}
}

func (s *sessionConsentScreen) Init() tea.Cmd             { return nil }
func (s *sessionConsentScreen) Title() string             { return "A session together" }
func (s *sessionConsentScreen) Typing() bool              { return false }
func (s *sessionConsentScreen) SetSize(width, height int) { s.width, s.height = width, height }

func (s *sessionConsentScreen) Keys() keyMap {
	b := []key.Binding{keyUp, keyDown, keyConsentChoose, brief(keyBack, "not now")}
	return keyMap{short: b, full: [][]key.Binding{b}}
}

func (s *sessionConsentScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case sessionStartedMsg:
		if msg.owner != s {
			return nil
		}
		s.starting = false
		if msg.err != nil {
			return status("The session couldn't start. Nothing was written; please try again.")
		}
		s.c.session = newActiveSession(msg.id, msg.at)
		return replace(newSessionScreen(s.c))
	case tea.KeyMsg:
		if s.starting {
			return nil
		}
		switch {
		case key.Matches(msg, keyUp):
			s.cursor = consentStart
		case key.Matches(msg, keyDown):
			s.cursor = consentNotNow
		case key.Matches(msg, keyBack):
			return pop
		case key.Matches(msg, keyConsentChoose):
			if s.cursor == consentNotNow {
				return pop
			}
			s.starting = true
			now := s.c.now
			return func() tea.Msg {
				id, err := newSessionID()
				return sessionStartedMsg{owner: s, id: id, at: now(), err: err}
			}
		}
	}
	return nil
}

func (s *sessionConsentScreen) View() string {
	st := s.c.styles
	width := min(max(s.width, 20), 72)
	paras := []string{
		"While you journal together, Waymark shows only what you write in this session. " +
			"Your past entries stay hidden unless you choose to open them.",
		"The record is yours. It stays in your journal on this computer; nothing goes to anyone else's journal.",
		"You can stop at any time. At the end you read a summary and choose what is kept.",
	}
	gap := "\n\n"
	if s.height > 0 && s.height < 18 {
		// A small window: the same words, closer together, so the choices show.
		paras = []string{"Only what you write in this session shows; your past entries stay hidden unless you open them. " +
			"The record is yours. You can stop at any time and choose what is kept."}
		gap = "\n"
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(truncate("Would you like to start a session together?", width)) + gap)
	for _, p := range paras {
		b.WriteString(wrap(p, width) + gap)
	}
	for i, c := range consentChoices {
		if consentChoice(i) == s.cursor {
			b.WriteString(st.Selected.Render("› "+c) + "\n")
		} else {
			b.WriteString("  " + c + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// ---- The session's own page ----

// The steps of the path and the other rows of the session's page, in order.
type sessionRow int

const (
	rowCheckIn sessionRow = iota
	rowGoals
	rowReflect
	rowNextSteps
	rowJournal
	rowEnd
	rowCount
)

var sessionRowNames = [rowCount]string{
	rowCheckIn:   "Check in",
	rowGoals:     "Look at goals",
	rowReflect:   "Write a reflection",
	rowNextSteps: "Agree next steps",
	rowJournal:   "Open my journal (shows past entries)",
	rowEnd:       "End the session",
}

// pathSteps is how many rows make the guided path.
const pathSteps = int(rowNextSteps) + 1

var keyEndSession = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end the session"))

// sessionScreen stands in for home while a session runs: the path, what has
// been written so far, and the way out. Home returns only when it ends.
type sessionScreen struct {
	c       *common
	cursor  sessionRow
	entries []journal.Summary
	seq     int
	width   int
	height  int
}

func newSessionScreen(c *common) *sessionScreen { return &sessionScreen{c: c} }

func (s *sessionScreen) Init() tea.Cmd { return s.load() }

func (s *sessionScreen) load() tea.Cmd {
	s.seq++
	return loadSessionEntries(s.c, s, s.seq)
}

// Title is empty: the header shows the session's banner alone.
func (s *sessionScreen) Title() string             { return "" }
func (s *sessionScreen) Typing() bool              { return false }
func (s *sessionScreen) SetSize(width, height int) { s.width, s.height = width, height }

// BeforeQuit keeps what the session hasn't confirmed as the draft, when the
// program ends or the journal locks. The session's page is at the bottom of
// the session's screens, so a writing screen above it keeps its own draft
// after this one: the writing, if any, is what the draft slot holds then.
func (s *sessionScreen) BeforeQuit() tea.Cmd {
	write := sessionDraftWrite(s.c)
	if write == nil {
		return nil
	}
	return func() tea.Msg {
		_ = write() // nowhere left to report it; the program is ending
		return nil
	}
}

func (s *sessionScreen) Keys() keyMap {
	b := []key.Binding{keyUp, keyDown, keyOpen, keyEndSession}
	return keyMap{short: b, full: [][]key.Binding{b}}
}

func (s *sessionScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case changedMsg:
		return s.load()
	case sessionEntriesMsg:
		if msg.owner != s || msg.seq != s.seq {
			return nil
		}
		if msg.err != nil {
			return problem(msg.err)
		}
		s.entries = msg.entries
		s.cursor = min(s.cursor, rowCount-1+sessionRow(s.shownEntries()))
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *sessionScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	if s.c.session == nil {
		return nil
	}
	switch {
	case key.Matches(msg, keyUp):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, keyDown):
		s.cursor = min(s.cursor+1, rowCount-1+sessionRow(s.shownEntries()))
	case key.Matches(msg, keyEndSession):
		return push(newSessionEndScreen(s.c))
	case key.Matches(msg, keyOpen):
		switch s.cursor {
		case rowCheckIn:
			return push(newCheckInScreen(s.c))
		case rowGoals:
			s.c.session.lookedAtGoals = true
			return push(newGoalsScreen(s.c))
		case rowReflect:
			return push(newWriteScreen(s.c, journal.KindReflection))
		case rowNextSteps:
			return push(newSessionStepsScreen(s.c))
		case rowJournal:
			return push(newTimelineScreen(s.c, journal.Query{}))
		case rowEnd:
			return push(newSessionEndScreen(s.c))
		}
		// Below the path: what was written in the session, to read again.
		if i := int(s.cursor - rowCount); i >= 0 && i < len(s.entries) {
			return openSummary(s.c, s.entries[i])
		}
	}
	return nil
}

// done reports whether a step of the path has been used in this session.
func (s *sessionScreen) done(row sessionRow) bool {
	has := func(kinds ...journal.Kind) bool {
		for _, e := range s.entries {
			if slices.Contains(kinds, e.Kind) {
				return true
			}
		}
		return false
	}
	switch row {
	case rowCheckIn:
		return has(journal.KindCheckIn)
	case rowGoals:
		return s.c.session.lookedAtGoals || has(journal.KindGoal)
	case rowReflect:
		return has(journal.KindReflection, journal.KindHope)
	case rowNextSteps:
		return len(s.c.session.steps) > 0
	}
	return false
}

func (s *sessionScreen) View() string {
	st := s.c.styles
	if s.c.session == nil {
		return ""
	}
	width := max(s.width, 20)
	var lines []string
	if !s.compact() {
		lines = append(lines, st.Subtle.Render(truncate("A path you can follow or leave; every step can be skipped.", width)), "")
	}
	for r := sessionRow(0); r < rowCount; r++ {
		if r == rowJournal {
			lines = append(lines, "")
		}
		label := sessionRowNames[r]
		if int(r) < pathSteps {
			mark := "[ ] "
			if s.done(r) {
				mark = "[x] "
			}
			label = mark + label
		}
		if r == s.cursor {
			lines = append(lines, st.Selected.Render(truncate("› "+label, width)))
		} else {
			lines = append(lines, truncate("  "+label, width))
		}
	}
	lines = append(lines, "", st.Heading.Render("Written in this session"))
	if len(s.entries) == 0 {
		lines = append(lines, st.Subtle.Render(truncate("  Nothing yet. What you write together shows here.", width)))
	}
	shown := s.shownEntries()
	for i, e := range s.entries[:shown] {
		line := sessionEntryLine(s.c, e, width-2)
		if s.cursor == rowCount+sessionRow(i) {
			lines = append(lines, st.Selected.Render("› "+strings.TrimPrefix(line, "  ")))
		} else {
			lines = append(lines, line)
		}
	}
	if more := len(s.entries) - shown; more > 0 {
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("  and %d more", more)))
	}
	return strings.Join(lines, "\n")
}

// hubLines is how many lines the session's page takes above its entries.
const hubLines = 2 + int(rowCount) + 1 + 2

// compact reports whether the window is too short for the page's note at
// the top and a line of what was written: the note then gives way, so
// "Written in this session" and its entries still show.
func (s *sessionScreen) compact() bool { return s.height > 0 && s.height < hubLines+1 }

// shownEntries is how many of the session's entries fit on its page.
func (s *sessionScreen) shownEntries() int {
	if s.height <= 0 {
		return len(s.entries)
	}
	above := hubLines
	if s.compact() {
		above -= 2 // the note and the blank line under it
	}
	room := max(s.height-above, 1)
	if len(s.entries) > room {
		return room - 1
	}
	return len(s.entries)
}

// keySessionExport keeps a copy of one session as Markdown.
var keySessionExport = key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "keep a copy of this session as Markdown"))

// exportSession writes one session as Markdown through the command line's
// export, and says where it went.
func exportSession(c *common, session string) tea.Cmd {
	export := c.opts.ExportSession
	if export == nil {
		return status("Export isn't available here; try waymark export from the command line.")
	}
	if session == "" {
		return nil
	}
	encrypted := c.encrypted()
	return func() tea.Msg {
		path, err := export(session)
		if err != nil {
			return statusMsg{text: journal.Explain(err), problem: true}
		}
		note := "Saved this session to " + path + " (readable by you alone)."
		if encrypted {
			note += " It isn't protected by your passphrase."
		}
		return statusMsg{text: note}
	}
}

// sessionLinks reads the summaries of the entries a session's summary links
// to, in its order; any other entry gives none.
func sessionLinks(repo journal.Repository, e journal.Entry) ([]journal.Summary, error) {
	if e.SessionNote == nil || len(e.SessionNote.Entries) == 0 || e.Session == "" {
		return nil, nil
	}
	page, err := repo.List(journal.Query{Session: e.Session, Limit: maxSessionEntries})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]journal.Summary, len(page.Summaries))
	for _, s := range page.Summaries {
		byID[s.ID] = s
	}
	var out []journal.Summary
	for _, id := range e.SessionNote.Entries {
		if s, ok := byID[id]; ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// sessionNoteView shows a session's summary beyond its words: when it ran,
// the next steps agreed and what was written in it.
func sessionNoteView(c *common, n journal.SessionNote, linked []journal.Summary, width int) string {
	st := c.styles
	var b strings.Builder
	when := "A session together"
	if !n.Started.IsZero() {
		when += ", " + n.Started.Format("15:04")
		if !n.Ended.IsZero() {
			when += " to " + n.Ended.Format("15:04")
		}
	}
	b.WriteString("\n" + st.Subtle.Render(truncate(when, width)) + "\n")
	if len(n.NextSteps) > 0 {
		b.WriteString("\n" + st.Heading.Render("Next steps") + "\n")
		for i, step := range n.NextSteps {
			b.WriteString(wrap(fmt.Sprintf("%d. %s", i+1, step), width) + "\n")
		}
	}
	if len(n.Entries) > 0 {
		b.WriteString("\n" + st.Heading.Render("Written in this session") + "\n")
		for _, s := range linked {
			b.WriteString(sessionEntryLine(c, s, width) + "\n")
		}
		if missing := len(n.Entries) - len(linked); missing > 0 {
			b.WriteString(st.Subtle.Render(fmt.Sprintf("  %d more no longer here (in the trash or deleted)", missing)) + "\n")
		}
	}
	return b.String()
}
