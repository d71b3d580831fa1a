package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

func reader(t *testing.T, repo journal.Repository, id string, width, height int) *readScreen {
	t.Helper()
	return open(t, newReadScreen(newTestCommon(t, repo), id), width, height).(*readScreen)
}

func TestReadShowsTheEntryWrappedToTheWidthAndScrolls(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	words := strings.Repeat("one small step and then another ", 40) + "THE END"
	e, err := repo.Create(journal.Entry{Kind: journal.KindReflection, When: testNow.Add(-time.Hour),
		Dimensions: []string{dimID(t, repo, "Health"), dimID(t, repo, "Purpose")},
		Prompt:     "What helped this week, even a little?", Text: words})
	if err != nil {
		t.Fatal(err)
	}
	s := reader(t, repo, e.ID, 40, 10)
	v := s.View()
	assertFits(t, v, 40, 10)
	mustContain(t, v, "Reflection · Today 09:00", "Health, Purpose", "What helped this week, even a", "one small step and then another one", "more below ↓")
	mustNotContain(t, v, "THE END", "edited")
	if s.Title() != "Reflection" {
		t.Errorf("title %q", s.Title())
	}

	send(t, s, "down")
	if s.vp.YOffset != 1 {
		t.Fatalf("down should scroll a line, offset %d", s.vp.YOffset)
	}
	send(t, s, "space")
	if s.vp.YOffset != 1+9 {
		t.Fatalf("space should scroll a page of 9 lines, offset %d", s.vp.YOffset)
	}
	send(t, s, "G")
	v = s.View()
	mustContain(t, v, "THE END", "100%")
	mustNotContain(t, v, "more below")
	send(t, s, "k", "g")
	if s.vp.YOffset != 0 {
		t.Fatalf("g should go to the top, offset %d", s.vp.YOffset)
	}

	// A wider window wraps again, to the new width.
	s.SetSize(70, 10)
	v = s.View()
	assertFits(t, v, 70, 10)
	if !strings.Contains(v, "one small step and then another one small step and then another") {
		t.Fatalf("text not wrapped again at 70 columns:\n%s", v)
	}

	// Everything fits: no note about more.
	short, _ := repo.Create(journal.Entry{Kind: journal.KindHope, Text: "A short hope"})
	v = reader(t, repo, short.ID, 80, 20).View()
	mustContain(t, v, "Hope · Today 10:00", "A short hope")
	mustNotContain(t, v, "more below", "%")
}

func TestReadSaysWhenAnEntryWasEdited(t *testing.T) {
	now := testNow.Add(-2 * time.Hour)
	repo := memjournal.NewWithDefaults(func() time.Time { return now })
	e, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "First words"})
	now = now.Add(30 * time.Second) // a draft saved a moment later is not an edit
	e.Text = "First words, again"
	e, _ = repo.Update(e)
	mustNotContain(t, reader(t, repo, e.ID, 80, 20).View(), "edited")

	now = testNow.Add(-20 * time.Minute)
	e.Text = "Second thoughts"
	_, _ = repo.Update(e)
	mustContain(t, reader(t, repo, e.ID, 80, 20).View(), "Reflection · Today 08:00 · edited today 09:40", "Second thoughts")
}

func TestReadEditOpensTheEditorAndReloadsAfterwards(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Before"})
	s := reader(t, repo, e.ID, 80, 20)
	if _, ok := pushed(send(t, s, "e")).(*writeScreen); !ok {
		t.Fatal("e should open the entry in the writing screen")
	}

	// The editor saves and says the journal changed: the new words show.
	e.Text = "After, in other words"
	if _, err := repo.Update(e); err != nil {
		t.Fatal(err)
	}
	run(t, s, s.Update(changedMsg{}))
	v := s.View()
	mustContain(t, v, "After, in other words")
	mustNotContain(t, v, "Before")
}

func TestReadMovesToTrashThenBringsBack(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Hard day"})
	s := reader(t, repo, e.ID, 80, 20)
	if s.keys.Restore.Enabled() {
		t.Error("r should not be offered outside the trash")
	}

	msgs := send(t, s, "x")
	wantNote(t, msgs, "Moved to the trash. You can bring it back from the trash (T in the timeline).", false)
	if !hasMsg[popMsg](msgs) || !hasMsg[changedMsg](msgs) {
		t.Fatalf("x should go back and tell the others: %v", msgs)
	}
	if got, _ := repo.Get(e.ID); !got.InTrash() {
		t.Fatal("x should move the entry to the trash")
	}

	// Read from the trash: bring back, not edit or trash again.
	s = reader(t, repo, e.ID, 80, 20)
	mustContain(t, s.View(), "in the trash")
	if msgs := send(t, s, "e", "x"); len(msgs) != 0 {
		t.Fatalf("e and x on an entry in the trash led to %v", msgs)
	}
	wantNote(t, send(t, s, "r"), "Brought back.", false)
	if got, _ := repo.Get(e.ID); got.InTrash() {
		t.Fatal("r should bring the entry back")
	}
	mustNotContain(t, s.View(), "in the trash")
	if !s.keys.Edit.Enabled() {
		t.Error("e should be offered again once the entry is back")
	}
	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Error("esc should go back")
	}
}

func TestReadAnEntryThatIsGone(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := reader(t, repo, "id9999", 80, 20)
	mustContain(t, s.View(), "That entry isn't in the journal any more.")
	if msgs := send(t, s, "e", "x", "r"); len(msgs) != 0 {
		t.Fatalf("keys on a missing entry led to %v", msgs)
	}
}

func TestReadShowsStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, _ := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Goal \x1b]0;x\x07",
		Prompt: "\x1b[2J prompt", Text: "Body \x1b]0;x\x07 and \x1b[2J\n\x1b]52;c;aGk=\x07",
		Goal: &journal.Goal{Status: journal.GoalActive, Why: "\x1b[2J why", Steps: []journal.Step{{Text: "step \x07"}}}})
	s := reader(t, repo, e.ID, 80, 20)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Goal ␛]0;x␇", "Body ␛]0;x␇ and ␛[2J", "[ ] step ␇", "Active")
	assertTerminalSafe(t, s.Title())
}

func TestReadShowsACheckInAnswerByAnswer(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	six, four := 6, 4
	e, err := repo.Create(journal.Entry{Kind: journal.KindCheckIn, CheckIn: &journal.CheckIn{Answers: []journal.Answer{
		{Dimension: dimID(t, repo, "Health"), Value: &six, Word: "steadier"},
		{Dimension: dimID(t, repo, "Health"), Value: &four, By: journal.AuthorSupporter},
		{Dimension: dimID(t, repo, "Home"), Note: "The heating works again."},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	v := reader(t, repo, e.ID, 80, 20).View()
	mustContain(t, v, "Check-in · Today 10:00", "How is this part of life for you right now? (0 = very hard, 10 = really good)",
		"Health · 6 · steadier", "Health (as a supporter sees it) · 4", "Home", "The heating works again.")
	mustNotContain(t, v, "10 ·", "total")
}

func TestReadHelpFitsTheBar(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Words"})
	s := reader(t, repo, e.ID, 80, 20)
	assertHelpFits(t, s)
	assertFullHelpFits(t, s)
	_ = repo.Trash(e.ID)
	assertHelpFits(t, reader(t, repo, e.ID, 80, 20))
}

func TestReadGolden(t *testing.T) {
	repo := goldenJournal(t)
	page, _ := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindReflection}})
	golden(t, "read", reader(t, repo, page.Summaries[1].ID, 80, 20).View())

	long, err := repo.Create(journal.Entry{Kind: journal.KindReflection, When: testNow.Add(-26 * time.Hour),
		Dimensions: []string{dimID(t, repo, "Purpose")}, Prompt: "What gave me a sense of meaning lately?",
		Text: strings.Repeat("Helping at the food bank on Thursday gave the week a shape. I liked sorting the tins "+
			"and talking with Ana about her allotment, and I want to go back next week.\n\n", 6)})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "read-long", reader(t, repo, long.ID, 80, 20).View())
}
