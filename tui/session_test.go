package tui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// startSession opens a session together from home and gives consent.
func startSession(t *testing.T, a *App) {
	t.Helper()
	press(t, a, "s")
	mustContain(t, a.View(), "Would you like to start a session together?", "› Start together")
	press(t, a, "enter")
	if a.c.session == nil {
		t.Fatalf("consent given but no session started:\n%s", a.View())
	}
	mustContain(t, a.View(), "Waymark · Together · started 10:00", "[ ] Check in", "End the session")
}

// allEntries is every entry in the journal outside the trash, newest first.
func allEntries(t *testing.T, repo journal.Repository) []journal.Entry {
	t.Helper()
	page, err := repo.List(journal.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []journal.Entry
	for _, s := range page.Summaries {
		e, err := repo.Get(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func onlyKind(t *testing.T, entries []journal.Entry, k journal.Kind) journal.Entry {
	t.Helper()
	var found []journal.Entry
	for _, e := range entries {
		if e.Kind == k {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s entry, got %d", k, len(found))
	}
	return found[0]
}

func TestSessionConsentDeclinedLeavesNothing(t *testing.T) {
	for _, keys := range [][]string{{"down", "enter"}, {"esc"}} {
		repo := memjournal.NewWithDefaults(testClock)
		a := newTestApp(t, repo)
		press(t, a, "s")
		view := a.View()
		golden(t, "session-consent", view)
		mustContain(t, view, "shows only what you write in this", "past entries stay hidden",
			"The record is yours", "You can stop at any time", "Start together", "Not now")

		press(t, a, keys...)
		mustContain(t, a.View(), "Waymark · Home", "Life areas")
		if a.c.session != nil {
			t.Errorf("%v: declining started a session", keys)
		}
		if c, _ := repo.Counts(); c.All != 0 {
			t.Errorf("%v: declining wrote %d entries", keys, c.All)
		}
		if _, ok, _ := repo.Draft(); ok {
			t.Errorf("%v: declining left a draft", keys)
		}
	}
}

// TestSessionWholeFlow is a whole session: consent, a check-in with a
// supporter's reading, a reflection written together, next steps, and the
// summary the person confirms, then exported and home again.
func TestSessionWholeFlow(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "A private note from last week"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	startSession(t, a)
	// The rest of the journal stays hidden.
	mustNotContain(t, a.View(), "A private note", "Life areas", "Recent")

	// Check in: Health 4 (the supporter sees 6), Home 7, the rest skipped.
	press(t, a, "enter")
	mustContain(t, a.View(), "Together · started 10:00 · Check-in", "Health", "Your reading · w to add your supporter's")
	press(t, a, "4", "w")
	mustContain(t, a.View(), "» Your supporter's reading (yours: 4) · w for yours")
	press(t, a, "6", "enter")
	mustContain(t, a.View(), "Home", "Your reading")
	press(t, a, "7", "enter", "s", "s")
	mustContain(t, a.View(), "Your check-in, area by area", "supporter: 6")
	press(t, a, "enter")
	mustContain(t, a.View(), "[x] Check in", "Check-in: Health 4 · Home 7")

	// A reflection, written together unless the person says otherwise.
	press(t, a, "down", "down", "enter")
	mustContain(t, a.View(), "New reflection", "Who    ( ) by me  (•) together  ( ) by my supporter")
	typeText(t, a, "We talked about the move.")
	press(t, a, "ctrl+s")
	mustContain(t, a.View(), "[x] Write a reflection", "Reflection: We talked about the move.")

	// Next steps, in the person's words.
	press(t, a, "down", "enter")
	typeText(t, a, "Call the housing office")
	press(t, a, "enter", "enter")
	typeText(t, a, "Walk by the river on Sunday")
	press(t, a, "enter")
	golden(t, "session-steps", a.View())
	press(t, a, "esc")
	view := a.View()
	mustContain(t, view, "[x] Agree next steps", "[ ] Look at goals")
	golden(t, "session-hub", view)

	// End: the summary, read and confirmed.
	press(t, a, "esc")
	mustContain(t, a.View(), "Ending the session", "Written in this session", "Check-in: Health 4 · Home 7",
		"1. Call the housing office", "2. Walk by the river on Sunday", "What we talked about, in your words", "Save this summary")
	typeText(t, a, "Moving, and what helps on hard days.")
	golden(t, "session-summary", a.View())
	if c, _ := repo.Counts(); c.ByKind[journal.KindSession] != 0 {
		t.Fatal("the summary was saved before it was confirmed")
	}
	press(t, a, "ctrl+s")
	mustContain(t, a.View(), sessionOverNote, "Press E to keep a copy")
	golden(t, "session-saved", a.View())
	if a.c.session != nil {
		t.Error("the session is still running after its summary was saved")
	}

	var exported string
	a.c.opts.ExportSession = func(id string) (string, error) { exported = id; return "/home/me/waymark-session.md", nil }
	press(t, a, "E")
	mustContain(t, a.View(), "Saved to /home/me/waymark-session.md (readable by you alone).")
	press(t, a, "enter")
	mustContain(t, a.View(), "Waymark · Home", "Life areas", "A private note")

	entries := allEntries(t, repo)
	ci := onlyKind(t, entries, journal.KindCheckIn)
	summary := onlyKind(t, entries, journal.KindSession)
	var refl journal.Entry
	for _, e := range entries {
		if e.Kind == journal.KindReflection && e.Session != "" {
			refl = e
		}
	}
	id := summary.Session
	if id == "" || exported != id {
		t.Fatalf("summary session %q, exported %q", id, exported)
	}
	for _, e := range []journal.Entry{ci, refl, summary} {
		if e.Session != id || e.Author != journal.AuthorTogether {
			t.Errorf("%s: session %q author %q, want %q together", e.Kind, e.Session, e.Author, id)
		}
	}
	n := summary.SessionNote
	if summary.Text != "Moving, and what helps on hard days." || n == nil {
		t.Fatalf("summary = %+v", summary)
	}
	if !slices.Equal(n.Entries, []string{ci.ID, refl.ID}) {
		t.Errorf("summary links %v, want the check-in then the reflection %v", n.Entries, []string{ci.ID, refl.ID})
	}
	if !slices.Equal(n.NextSteps, []string{"Call the housing office", "Walk by the river on Sunday"}) {
		t.Errorf("next steps = %q", n.NextSteps)
	}
	if !n.Started.Equal(testNow) || !n.Ended.Equal(testNow) {
		t.Errorf("session ran %v to %v", n.Started, n.Ended)
	}
	// Both readings are kept, the person's first; ratings count only theirs.
	dims, _ := repo.Dimensions()
	health, _ := dims.ByName("Health")
	home, _ := dims.ByName("Home")
	var got []string
	for _, ans := range ci.CheckIn.Answers {
		got = append(got, dims.Names([]string{ans.Dimension})[0]+" "+string(ans.By)+" "+strconv.Itoa(*ans.Value))
	}
	if want := []string{"Health me 4", "Health supporter 6", "Home me 7"}; !slices.Equal(got, want) {
		t.Errorf("answers = %q, want %q", got, want)
	}
	if r := ci.Summary().Ratings; len(r) != 2 || r[health.ID] != 4 || r[home.ID] != 7 {
		t.Errorf("ratings = %v, want only the person's: Health 4, Home 7", r)
	}
	trends, _ := repo.Trends()
	if p := trends[health.ID]; len(p) != 1 || p[0].Value != 4 {
		t.Errorf("Health trend = %v, want the person's 4 alone", p)
	}
}

// TestSessionEndingEarlyKeepsOnlyWhatWasSaved: a session ended without a
// summary keeps the entries already saved, and nothing else: no summary, no
// next steps.
func TestSessionEndingEarlyKeepsOnlyWhatWasSaved(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "down", "down", "enter")
	typeText(t, a, "One thing we wrote")
	press(t, a, "ctrl+s")
	press(t, a, "down", "enter")
	typeText(t, a, "A step never confirmed")
	press(t, a, "enter", "esc")

	// End from the path's last row, then leave without a summary.
	press(t, a, "down", "down", "enter")
	typeText(t, a, "Words never confirmed")
	press(t, a, "tab", "right", "enter")
	mustContain(t, a.View(), "End without a summary? What you saved stays; nothing else is kept. y / n")
	press(t, a, "y")
	mustContain(t, a.View(), "Waymark · Home", sessionLeftNote)
	if a.c.session != nil {
		t.Error("the session is still running")
	}

	entries := allEntries(t, repo)
	if len(entries) != 1 || entries[0].Text != "One thing we wrote" || entries[0].Author != journal.AuthorTogether || entries[0].Session == "" {
		t.Fatalf("want only the saved reflection, written together in the session; got %+v", entries)
	}
	for _, e := range entries {
		if strings.Contains(e.Text, "never confirmed") {
			t.Errorf("unconfirmed words were kept: %q", e.Text)
		}
	}
	if _, ok, _ := repo.Draft(); ok {
		t.Error("ending the session left a draft")
	}
}

// TestSessionBackFromTheSummaryKeepsTheSession: esc on the summary goes back
// to the session, the words typed so far kept; no summary is saved.
func TestSessionBackFromTheSummaryKeepsTheSession(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "esc")
	typeText(t, a, "Half a summary")
	press(t, a, "esc")
	mustContain(t, a.View(), "Together · started 10:00", "[ ] Check in")
	press(t, a, "esc")
	mustContain(t, a.View(), "Half a summary")
	press(t, a, "tab", "enter")
	mustContain(t, a.View(), sessionOverNote)
	press(t, a, "enter")
	mustContain(t, a.View(), "Waymark · Home")
	if c, _ := repo.Counts(); c.ByKind[journal.KindSession] != 1 {
		t.Errorf("want the one confirmed summary, got %d", c.ByKind[journal.KindSession])
	}
}

func TestSessionEmptySummaryIsNotSaved(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "esc", "ctrl+s")
	mustContain(t, a.View(), "There's nothing in this summary yet.", "Ending the session")
	if c, _ := repo.Counts(); c.All != 0 {
		t.Errorf("an empty summary was saved")
	}
}

// TestSessionWriterChoosesWhoWrote: a reflection can be marked as the
// person's own, or their supporter's.
func TestSessionWriterChoosesWhoWrote(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "down", "down", "enter")
	typeText(t, a, "Seen from the outside")
	press(t, a, "tab", "tab", "tab", "right")
	mustContain(t, a.View(), "› Who    ( ) by me  ( ) together  (•) by my supporter")
	press(t, a, "ctrl+s")
	e := allEntries(t, repo)[0]
	if e.Author != journal.AuthorSupporter || e.Session == "" {
		t.Errorf("author %q session %q, want supporter in the session", e.Author, e.Session)
	}
	mustContain(t, a.View(), "Reflection: Seen from the outside (written by your supporter)")

	// Outside a session, nobody is asked who wrote it.
	b := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, b, "n")
	mustNotContain(t, b.View(), "Who ")
	press(t, b, "tab", "tab", "tab")
	if !b.top().Typing() {
		t.Error("outside a session, tab should come round to the text after areas")
	}
}

// TestSessionQuitKeepsDraftTogether: quitting mid-session keeps unsaved
// writing as a draft that comes back written together, in the session.
func TestSessionQuitKeepsDraftTogether(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	id := a.c.session.id
	press(t, a, "down", "down", "enter")
	typeText(t, a, "Half a thought")
	if !press(t, a, "ctrl+c") {
		t.Fatal("ctrl+c should quit in a session")
	}
	d, ok, _ := repo.Draft()
	if !ok || d.Author != journal.AuthorTogether || d.Session != id {
		t.Fatalf("draft = %+v (kept %v), want together in %q", d, ok, id)
	}
	if c, _ := repo.Counts(); c.All != 0 {
		t.Errorf("quitting wrote %d entries", c.All)
	}

	b := newTestApp(t, repo)
	press(t, b, "enter")
	mustContain(t, b.View(), "Half a thought", "(•) together")
	press(t, b, "ctrl+s")
	e := allEntries(t, repo)[0]
	if e.Author != journal.AuthorTogether || e.Session != id {
		t.Errorf("resumed draft saved as %q in %q", e.Author, e.Session)
	}
}

// TestSessionSummaryReads: the reader shows who wrote an entry and, for a
// summary, its next steps and the entries it links to; E exports it.
func TestSessionSummaryReads(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	refl, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Packing one box a day",
		Author: journal.AuthorTogether, Session: "abc"})
	sum, err := journal.NewSessionSummary("abc", testNow, testNow.Add(70*60e9), "We talked about the move.",
		[]string{"Call the housing office"}, []journal.Summary{refl.Summary()})
	if err != nil {
		t.Fatal(err)
	}
	sum, _ = repo.Create(sum)
	c := newTestCommon(t, repo)
	var exported string
	c.opts.ExportSession = func(id string) (string, error) { exported = id; return "/tmp/s.md", nil }
	s := open(t, newReadScreen(c, sum.ID), 80, 20)
	view := s.View()
	mustContain(t, view, "Session · Today 11:10", "Written together", "We talked about the move.",
		"A session together, 10:00 to 11:10", "Next steps", "1. Call the housing office",
		"Written in this session", "Reflection: Packing one box a day")
	assertTerminalSafe(t, view)
	msgs := send(t, s, "E")
	wantNote(t, msgs, "Saved this session to /tmp/s.md (readable by you alone).", false)
	if exported != "abc" {
		t.Errorf("exported session %q, want abc", exported)
	}
	if s.Keys().ShortHelp()[2].Enabled() {
		t.Error("a confirmed summary should not offer edit")
	}

	r := open(t, newReadScreen(c, refl.ID), 80, 20)
	mustContain(t, r.View(), "Written together")
}

func TestSessionScreensFitAndHelp(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	c := a.c
	// The consent's choices show in the smallest window.
	consent := newSessionConsentScreen(c)
	consent.SetSize(50, 10)
	assertFits(t, consent.View(), 50, 10)
	mustContain(t, consent.View(), "You can stop at any time", "Not now")
	for _, s := range []screen{newSessionConsentScreen(c), newSessionScreen(c), newSessionStepsScreen(c), newSessionEndScreen(c), newCheckInScreen(c)} {
		for _, size := range [][2]int{{80, 20}, {50, 10}} {
			s.SetSize(size[0], size[1])
			run(t, s, s.Init())
			assertFits(t, s.View(), size[0], max(size[1], 20))
			assertTerminalSafe(t, s.View())
		}
		assertHelpFits(t, s)
		assertFullHelpFits(t, s)
	}
}

// TestSessionOpensWhatWasWritten: what was written in the session can be
// read again from its page, marked as written together; the journal's
// other entries stay hidden until the person opens their journal.
func TestSessionOpensWhatWasWritten(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "A private note from last week"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "down", "down", "enter")
	typeText(t, a, "Written side by side")
	press(t, a, "ctrl+s")
	for range int(rowCount) {
		press(t, a, "down")
	}
	mustContain(t, a.View(), "› · Reflection: Written side by side")
	press(t, a, "enter")
	mustContain(t, a.View(), "Together · started 10:00 · Reflection", "Written together", "Written side by side")
	press(t, a, "esc")
	mustNotContain(t, a.View(), "A private note")

	// Up past "End the session" to "Open my journal".
	press(t, a, "up", "up")
	mustContain(t, a.View(), "› Open my journal (shows past entries)")
	press(t, a, "enter")
	mustContain(t, a.View(), "A private note")
	press(t, a, "esc")
	mustContain(t, a.View(), "Together · started 10:00", "End the session")
}

// With no steps yet the field is ready for the first; after that, the add
// key starts a new one and is not itself typed into it.
func TestSessionStepAddKeyIsNotTyped(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	press(t, a, "down", "down", "down", "enter")
	typeText(t, a, "Visit the allotment office")
	press(t, a, "enter", "up", "a")
	typeText(t, a, "Ask about a plot")
	press(t, a, "enter")
	mustContain(t, a.View(), "1. Visit the allotment office", "2. Ask about a plot")
	mustNotContain(t, a.View(), "aAsk")
}

// resize gives the app a new window size, as the terminal would.
func resize(t *testing.T, a *App, width, height int) {
	t.Helper()
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: width, Height: height} })
}

// TestSessionWriterFitsTheSmallestWindow: at 50×14 the header (the
// session's banner and the screen's title) fits the width, and every
// choice of who wrote it shows rather than being cut off.
func TestSessionWriterFitsTheSmallestWindow(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	resize(t, a, 50, 14)
	press(t, a, "down", "down", "enter")
	view := a.View()
	assertFits(t, view, 50, 14)
	// The choices take their short names; the word count still shows.
	mustContain(t, view, "Who    ( ) me  (•) together  ( ) supporter", "0 words")
	press(t, a, "tab", "tab", "tab", "right")
	mustContain(t, a.View(), "(•) supporter")
}

// TestSessionLongEntryStillSaysTheSupporterWroteIt: the words of a long
// entry are cut, never the note of who wrote it.
func TestSessionLongEntryStillSaysTheSupporterWroteIt(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	press(t, a, "down", "down", "enter")
	typeText(t, a, strings.Repeat("What I noticed from the outside this week. ", 4))
	press(t, a, "tab", "tab", "tab", "right", "ctrl+s")
	view := a.View()
	mustContain(t, view, "Reflection: What I noticed", "(written by your supporter)")
	assertFits(t, view, 80, 24)

	press(t, a, "esc") // the summary lists it the same way
	mustContain(t, a.View(), "(written by your supporter)")
}

// TestSessionPagesFitTheSmallestWindow: at 50×14 the session's page still
// shows what was written, and the summary still shows its field and all
// three choices (and the question before ending without one).
func TestSessionPagesFitTheSmallestWindow(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	press(t, a, "enter", "4", "enter", "s", "s", "s", "enter")
	press(t, a, "down", "down", "down", "enter")
	typeText(t, a, "Call the housing office")
	press(t, a, "enter", "esc")
	resize(t, a, 50, 14)

	view := a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "End the session", "Written in this session", "Check-in: Health 4")

	press(t, a, "esc")
	typeText(t, a, "Moving house")
	view = a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "Check-in: Health 4", "1. Call the housing office", "Moving house",
		"Save this summary", "End without a summary", "Back to the session")

	press(t, a, "tab", "right", "enter")
	view = a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "End without a summary?", "y / n")
}

// TestSessionStepsHelpOffersOnlyWhatWorks: on "+ Add a step" nothing can
// be changed or removed, so the help bar offers enter to add; on a step it
// offers change and remove, and they work.
func TestSessionStepsHelpOffersOnlyWhatWorks(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	press(t, a, "down", "down", "down", "enter")
	typeText(t, a, "Call the housing office")
	press(t, a, "enter")
	view := a.View()
	mustContain(t, view, "› + Add a step", "enter add a step")
	mustNotContain(t, view, "x remove", "enter change")
	press(t, a, "x") // does nothing here, as the help says
	mustNotContain(t, a.View(), "Remove this step?")
	press(t, a, "enter")
	typeText(t, a, "Walk by the river")
	press(t, a, "enter")
	mustContain(t, a.View(), "2. Walk by the river")

	press(t, a, "up")
	mustContain(t, a.View(), "› 2. Walk by the river", "enter change", "x remove")
	press(t, a, "x", "y")
	mustNotContain(t, a.View(), "Walk by the river")
}

// TestSessionStepsScrollToTheChosenRow: with more steps than fit, the row
// being written or chosen stays in view, at 80×24 and at 50×14.
func TestSessionStepsScrollToTheChosenRow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {50, 14}} {
		a := newTestApp(t, memjournal.NewWithDefaults(testClock))
		startSession(t, a)
		resize(t, a, size[0], size[1])
		press(t, a, "down", "down", "down", "enter")
		for i := 1; i <= 20; i++ {
			typeText(t, a, "Step "+strconv.Itoa(i))
			press(t, a, "enter", "a")
		}
		view := a.View()
		assertFits(t, view, size[0], size[1])
		mustContain(t, view, "› 21. ", "20. Step 20")
		press(t, a, "esc") // stop writing: "+ Add a step" is chosen
		mustContain(t, a.View(), "› + Add a step")
		for range 20 {
			press(t, a, "up")
		}
		view = a.View()
		assertFits(t, view, size[0], size[1])
		mustContain(t, view, "› 1. Step 1")
		press(t, a, "x")
		mustContain(t, a.View(), "› 1. Step 1", "Remove this step? y / n")
	}
}

// TestSessionCheckInQuestionFitsTheSmallestWindow: at 50×14 the question
// before leaving a check-in shows whole, y / n included, with the line
// about whose reading it is.
func TestSessionCheckInQuestionFitsTheSmallestWindow(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	startSession(t, a)
	resize(t, a, 50, 14)
	press(t, a, "enter", "5", "esc")
	view := a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "Your reading", "›[5]", "Leave this check-in?", "kept. y / n")
}

// A goal set while looking at goals in a session is written together.
func TestSessionGoalIsWrittenTogether(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "down", "enter") // Look at goals
	press(t, a, "n")
	typeText(t, a, "Plant tomatoes in spring")
	press(t, a, "ctrl+s")
	page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}})
	if err != nil || len(page.Summaries) != 1 {
		t.Fatalf("goals = %+v, %v; want one", page.Summaries, err)
	}
	g, _ := repo.Get(page.Summaries[0].ID)
	if g.Session != a.c.session.id || g.Author != journal.AuthorTogether {
		t.Errorf("goal session %q author %q; want this session, together", g.Session, g.Author)
	}
}
