package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// lockedJournal stands in for an encrypted store: it opens with one
// passphrase and records when it is locked again.
type lockedJournal struct {
	repo    *memjournal.Journal
	pass    string
	unlocks int
	locks   int
}

func (l *lockedJournal) unlock(p []byte) (journal.Repository, error) {
	if string(p) != l.pass {
		return nil, journal.ErrWrongPassphrase
	}
	l.unlocks++
	return encryptedRepo{l.repo}, nil
}

// encryptedRepo is a journal that says it is protected by a passphrase.
type encryptedRepo struct{ *memjournal.Journal }

func (encryptedRepo) Encrypted() bool { return true }

func (l *lockedJournal) lock(journal.Repository) error {
	l.locks++
	return nil
}

func newLockedApp(t *testing.T, l *lockedJournal, idle time.Duration) *App {
	t.Helper()
	a := New(nil, Options{Now: testClock, Plain: true, DraftDelay: time.Hour,
		Unlock: l.unlock, Lock: l.lock, IdleAfter: idle})
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, a, a.Init())
	return a
}

func typeKeys(t *testing.T, a *App, text string) {
	t.Helper()
	for _, r := range text {
		press(t, a, string(r))
	}
}

func TestUnlockAsksKindlyAndHasNoLimit(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Private words"}); err != nil {
		t.Fatal(err)
	}
	l := &lockedJournal{repo: repo, pass: "correct horse"}
	a := newLockedApp(t, l, 0)
	mustContain(t, a.View(), "This journal is locked.", "Passphrase:")

	for i := 0; i < 3; i++ {
		typeKeys(t, a, "wrong guess")
		press(t, a, "enter")
		view := a.View()
		mustContain(t, a.View(), "That passphrase didn't open the journal. Try again — there's no limit.")
		mustNotContain(t, view, "wrong guess", "Private words")
	}
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	mustContain(t, a.View(), "Private words", "Life areas")
	if l.unlocks != 1 {
		t.Errorf("unlocks = %d, want 1", l.unlocks)
	}
}

func TestPassphraseIsNeverShown(t *testing.T) {
	l := &lockedJournal{repo: memjournal.NewWithDefaults(testClock), pass: "correct horse"}
	a := newLockedApp(t, l, 0)
	typeKeys(t, a, "correct hor")
	view := a.View()
	mustNotContain(t, view, "correct", "hor", "•", "*")
}

func TestHideKeyLocksAnEncryptedJournalAndKeepsTheDraft(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Private words"}); err != nil {
		t.Fatal(err)
	}
	l := &lockedJournal{repo: repo, pass: "correct horse"}
	a := newLockedApp(t, l, 0)
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	press(t, a, "n")
	typeText(t, a, "Someone is coming")
	press(t, a, "ctrl+l") // works while typing, too

	view := a.View()
	mustContain(t, view, "This journal is locked.")
	mustNotContain(t, view, "Private words", "Someone is coming", "Life areas")
	if l.locks != 1 {
		t.Errorf("locks = %d, want 1", l.locks)
	}
	if d, ok, _ := repo.Draft(); !ok || d.Text != "Someone is coming" {
		t.Errorf("the words being written were not kept: %+v", d)
	}
	if a.c.repo != nil || len(a.stack) != 1 {
		t.Error("the locked app still holds the journal or its screens")
	}

	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	mustContain(t, a.View(), "You were writing something")
}

func TestIdleLocksAfterTheSetTime(t *testing.T) {
	l := &lockedJournal{repo: memjournal.NewWithDefaults(testClock), pass: "correct horse"}
	a := newLockedApp(t, l, 5*time.Minute)
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	mustContain(t, a.View(), "Life areas")

	settle(t, a, func() tea.Msg { return idleTickMsg{at: testNow.Add(4 * time.Minute)} })
	mustContain(t, a.View(), "Life areas")
	settle(t, a, func() tea.Msg { return idleTickMsg{at: testNow.Add(5 * time.Minute)} })
	mustContain(t, a.View(), "This journal is locked.")
	if l.locks != 1 {
		t.Errorf("locks = %d, want 1", l.locks)
	}
}

func TestHideBlanksAPlainJournal(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Private words"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	mustContain(t, a.View(), "ctrl+l hide")
	press(t, a, "ctrl+l")
	view := a.View()
	mustContain(t, view, "Hidden. Press any key to come back.")
	mustNotContain(t, view, "Private words", "Waymark ·")
	press(t, a, "q") // brings the screen back; it does not quit
	mustContain(t, a.View(), "Private words")

	// Idle hides too.
	settle(t, a, func() tea.Msg { return idleTickMsg{at: testNow.Add(DefaultIdleAfter)} })
	mustContain(t, a.View(), "Hidden.")
}

func TestFirstRunOffersAPassphrase(t *testing.T) {
	var created []byte
	repo := memjournal.New(testClock)
	a := New(nil, Options{Now: testClock, Plain: true, Create: func(p []byte) (journal.Repository, error) {
		created = append([]byte(nil), p...)
		return repo, nil
	}})
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, a, a.Init())

	press(t, a, "enter", "enter") // hello, four areas
	mustContain(t, a.View(), "protect this journal with a passphrase", "nobody can open the journal")
	press(t, a, "enter")
	typeKeys(t, a, "short")
	press(t, a, "enter")
	mustContain(t, a.View(), "at least 8 characters")
	for range "short" {
		press(t, a, "backspace")
	}
	typeKeys(t, a, "a river at dawn")
	press(t, a, "enter")
	typeKeys(t, a, "a river at dusk")
	press(t, a, "enter")
	mustContain(t, a.View(), "Those two didn't match.")
	typeKeys(t, a, "a river at dawn")
	press(t, a, "enter")
	typeKeys(t, a, "a river at dawn")
	if strings.Contains(a.View(), "river") {
		t.Fatal("the passphrase showed on screen")
	}
	press(t, a, "enter")

	if string(created) != "a river at dawn" {
		t.Fatalf("created with %q", created)
	}
	mustContain(t, a.View(), "Life areas", "Health")
	if fresh, _ := repo.Fresh(); fresh {
		t.Error("the journal was not set up")
	}
}

func TestFirstRunWithoutAPassphrase(t *testing.T) {
	var created []byte
	called := false
	repo := memjournal.New(testClock)
	a := New(nil, Options{Now: testClock, Plain: true, Create: func(p []byte) (journal.Repository, error) {
		created, called = p, true
		return repo, nil
	}})
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, a, a.Init())
	press(t, a, "enter", "enter", "down", "enter")
	if !called || len(created) != 0 {
		t.Fatalf("want a journal without a passphrase; called=%v pass=%q", called, created)
	}
	mustContain(t, a.View(), "Life areas")
}

func TestAJournalProtectedAtFirstRunLocks(t *testing.T) {
	l := &lockedJournal{repo: memjournal.New(testClock), pass: "a river at dawn"}
	a := New(nil, Options{Now: testClock, Plain: true, Unlock: l.unlock, Lock: l.lock,
		Create: func(p []byte) (journal.Repository, error) { return encryptedRepo{l.repo}, nil }})
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, a, a.Init())
	press(t, a, "enter", "enter", "enter")
	typeKeys(t, a, "a river at dawn")
	press(t, a, "enter")
	typeKeys(t, a, "a river at dawn")
	press(t, a, "enter")
	mustContain(t, a.View(), "Life areas")
	press(t, a, "ctrl+l")
	mustContain(t, a.View(), "This journal is locked.")
	if l.locks != 1 {
		t.Errorf("locks = %d, want 1", l.locks)
	}
}
