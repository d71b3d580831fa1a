package tui

import (
	"slices"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// sessionDraft is the journal's draft, which must be a session's.
func sessionDraft(t *testing.T, repo journal.Repository) journal.Draft {
	t.Helper()
	d, ok, err := repo.Draft()
	if err != nil || !ok {
		t.Fatalf("no draft kept (err %v)", err)
	}
	if !d.IsSession() {
		t.Fatalf("the draft is not a session's: %+v", d)
	}
	return d
}

func noDraft(t *testing.T, repo journal.Repository, when string) {
	t.Helper()
	if d, ok, _ := repo.Draft(); ok {
		t.Errorf("%s left a draft: %+v", when, d)
	}
}

// addSteps writes next steps from the session's page, then goes back to it.
func addSteps(t *testing.T, a *App, steps ...string) {
	t.Helper()
	press(t, a, "down", "down", "down", "enter")
	mustContain(t, a.View(), "What will you do next?")
	for i, step := range steps {
		if i > 0 {
			press(t, a, "enter") // on "+ Add a step"
		}
		typeText(t, a, step)
		press(t, a, "enter")
	}
	press(t, a, "esc")
	mustContain(t, a.View(), "[x] Agree next steps")
	// Back at the top of the path.
	press(t, a, "up", "up", "up")
}

// TestSessionDraftSurvivesQuitAndComesBack: the next steps and the summary's
// words are kept as the draft as they are written, so quitting (or a crash)
// loses none of them; at the next start they are offered back, and opening
// them brings the session back at its summary, to be confirmed.
func TestSessionDraftSurvivesQuitAndComesBack(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	id := a.c.session.id
	noDraft(t, repo, "starting a session")

	addSteps(t, a, "Call the housing office", "Walk by the river on Sunday")
	d := sessionDraft(t, repo)
	if d.Session != id || !slices.Equal(d.NextSteps, []string{"Call the housing office", "Walk by the river on Sunday"}) ||
		!d.SessionStarted.Equal(testNow) || d.Kind != journal.KindSession {
		t.Fatalf("after the steps, draft = %+v", d)
	}

	press(t, a, "esc")
	mustContain(t, a.View(), "Ending the session")
	typeText(t, a, "Moving, and what helps")
	// Kept once typing pauses, before any quit: a crash now loses nothing.
	if d := sessionDraft(t, repo); d.Text != "Moving, and what helps" || len(d.NextSteps) != 2 {
		t.Fatalf("after a pause in the summary, draft = %+v", d)
	}
	if !press(t, a, "ctrl+c") {
		t.Fatal("ctrl+c should quit")
	}
	if c, _ := repo.Counts(); c.All != 0 {
		t.Fatalf("quitting wrote %d entries", c.All)
	}

	b := newTestApp(t, repo)
	view := b.View()
	mustContain(t, view, "A session together from 10:00 wasn't finished.", "Moving, and what helps",
		"2 next steps agreed", "Open it to read it through and choose what to keep?", "enter open it", "x let it go")
	mustNotContain(t, view, "Life areas")
	golden(t, "session-draft-offer", view)

	press(t, b, "enter")
	mustContain(t, b.View(), "Together · started 10:00 · Ending the session", "1. Call the housing office",
		"2. Walk by the river on Sunday", "Moving, and what helps")
	if b.c.session == nil || b.c.session.id != id {
		t.Fatalf("the session came back as %+v, want %q", b.c.session, id)
	}
	// Opening it is not confirming it: the draft stays until then.
	sessionDraft(t, repo)

	typeText(t, b, " on hard days.")
	press(t, b, "ctrl+s")
	mustContain(t, b.View(), sessionOverNote)
	noDraft(t, repo, "confirming the summary")
	summary := onlyKind(t, allEntries(t, repo), journal.KindSession)
	n := summary.SessionNote
	if summary.Session != id || summary.Text != "Moving, and what helps on hard days." || n == nil ||
		!slices.Equal(n.NextSteps, []string{"Call the housing office", "Walk by the river on Sunday"}) || !n.Started.Equal(testNow) {
		t.Fatalf("summary = %+v (note %+v)", summary, n)
	}
	press(t, b, "enter")
	mustContain(t, b.View(), "Waymark · Home", "Life areas")

	// And the next start offers nothing.
	c := newTestApp(t, repo)
	mustContain(t, c.View(), "Life areas")
}

// TestSessionDraftBackToTheSessionThenQuit: words typed and left with esc
// before the pause are kept too, and the session's page keeps them on quit.
func TestSessionDraftBackToTheSessionThenQuit(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := New(repo, Options{Now: testClock, Plain: true, DraftDelay: time.Hour})
	settle(t, a, a.Init())
	resize(t, a, 80, 24)
	startSession(t, a)
	press(t, a, "esc")
	typeText(t, a, "Words before the pause")
	noDraft(t, repo, "typing without a pause")
	press(t, a, "esc")
	mustContain(t, a.View(), "[ ] Check in")
	if d := sessionDraft(t, repo); d.Text != "Words before the pause" {
		t.Fatalf("going back to the session kept %+v", d)
	}

	// Cleared by hand, the draft comes back from quitting on the page.
	if err := repo.ClearDraft(); err != nil {
		t.Fatal(err)
	}
	press(t, a, "ctrl+c")
	if d := sessionDraft(t, repo); d.Text != "Words before the pause" {
		t.Fatalf("quitting kept %+v", d)
	}
}

// TestSessionDraftLetGo: letting an unfinished session go clears its draft
// and nothing else: what was saved during it stays, and no summary is made.
func TestSessionDraftLetGo(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	press(t, a, "down", "down", "enter")
	typeText(t, a, "One thing we wrote")
	press(t, a, "ctrl+s")
	press(t, a, "up", "up")
	addSteps(t, a, "A step never confirmed")
	press(t, a, "ctrl+c")
	sessionDraft(t, repo)

	b := newTestApp(t, repo)
	mustContain(t, b.View(), "1 next step agreed", "(no words for the summary yet)")
	press(t, b, "x")
	mustContain(t, b.View(), "Let go of what wasn't confirmed? What you saved in the session stays. y / n")
	press(t, b, "y")
	mustContain(t, b.View(), "Life areas", "Let go.")
	if b.c.session != nil {
		t.Error("letting go started the session again")
	}
	noDraft(t, repo, "letting go")
	entries := allEntries(t, repo)
	if len(entries) != 1 || entries[0].Text != "One thing we wrote" {
		t.Fatalf("want only the reflection saved in the session, got %+v", entries)
	}
}

// TestSessionDraftDoesNotOverwriteWriting: the journal keeps one draft.
// While a reflection is being written in a session, it is the reflection's;
// once the reflection is saved, the session's comes back.
func TestSessionDraftDoesNotOverwriteWriting(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	id := a.c.session.id
	addSteps(t, a, "Call the housing office")
	press(t, a, "down", "down", "enter")
	typeText(t, a, "Half a thought")
	if d, _, _ := repo.Draft(); d.Kind != journal.KindReflection || d.Text != "Half a thought" {
		t.Fatalf("while writing, draft = %+v, want the reflection", d)
	}

	// Saved: the draft goes back to the session.
	press(t, a, "ctrl+s")
	mustContain(t, a.View(), "Reflection: Half a thought")
	if d := sessionDraft(t, repo); !slices.Equal(d.NextSteps, []string{"Call the housing office"}) {
		t.Fatalf("after the reflection was saved, draft = %+v", d)
	}

	// Quitting while writing keeps the writing, not the session.
	press(t, a, "enter")
	typeText(t, a, "Another half")
	press(t, a, "ctrl+c")
	d, ok, _ := repo.Draft()
	if !ok || d.Kind != journal.KindReflection || d.Text != "Another half" || d.Session != id || d.Author != journal.AuthorTogether {
		t.Fatalf("after quitting mid-reflection, draft = %+v, want the reflection", d)
	}

	// Let go, the writing gives the slot back to the session too.
	b := newTestApp(t, repo)
	press(t, b, "x", "y")
	startSession(t, b)
	addSteps(t, b, "A new step")
	press(t, b, "down", "down", "enter")
	typeText(t, b, "Not this")
	press(t, b, "esc", "y")
	if d := sessionDraft(t, repo); !slices.Equal(d.NextSteps, []string{"A new step"}) {
		t.Fatalf("after letting the writing go, draft = %+v", d)
	}
}

// TestSessionDraftClearedWhenEnded: a session ended without a summary, or
// with one, leaves no draft; one with nothing unconfirmed keeps none.
func TestSessionDraftClearedWhenEnded(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	startSession(t, a)
	addSteps(t, a, "A step")
	press(t, a, "esc")
	typeText(t, a, "Some words")
	sessionDraft(t, repo)
	press(t, a, "tab", "right", "enter", "y")
	mustContain(t, a.View(), sessionLeftNote)
	noDraft(t, repo, "ending without a summary")
	if c, _ := repo.Counts(); c.All != 0 {
		t.Errorf("ending without a summary wrote %d entries", c.All)
	}

	// Nothing unconfirmed: quitting keeps no draft to offer.
	startSession(t, a)
	press(t, a, "ctrl+c")
	noDraft(t, repo, "quitting a session with nothing unconfirmed")
}

// TestSessionDraftLocksAndComesBack: locking an encrypted journal keeps the
// session's unconfirmed part, and unlocking offers it back.
func TestSessionDraftLocksAndComesBack(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	l := &lockedJournal{repo: repo, pass: "correct horse"}
	a := newLockedApp(t, l, 0)
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	startSession(t, a)
	press(t, a, "esc")
	typeText(t, a, "Said before the lock") // the draft delay is an hour here
	press(t, a, "ctrl+l")
	mustContain(t, a.View(), "This journal is locked.")
	mustNotContain(t, a.View(), "Said before the lock")
	if d := sessionDraft(t, repo); d.Text != "Said before the lock" {
		t.Fatalf("locking kept %+v", d)
	}
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	mustContain(t, a.View(), "A session together from 10:00 wasn't finished.", "Said before the lock")
}

// TestSessionDraftAlreadySummarisedIsNotOffered: a draft left behind by a
// summary confirmed just before the program ended is not offered again.
func TestSessionDraftAlreadySummarisedIsNotOffered(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, err := journal.NewSessionSummary("abc", testNow, testNow, "Done", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Create(e); err != nil {
		t.Fatal(err)
	}
	if err := repo.SaveDraft(journal.Draft{Kind: journal.KindSession, Session: "abc", Text: "Done", SessionStarted: testNow}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	mustContain(t, a.View(), "Life areas")
	noDraft(t, repo, "a summarised session")
}
