package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

func checkInFor(t *testing.T, repo journal.Repository) *checkInScreen {
	t.Helper()
	return open(t, newCheckInScreen(newTestCommon(t, repo)), 80, 20).(*checkInScreen)
}

// checkIns returns every check-in entry in the journal.
func checkIns(t *testing.T, repo journal.Repository) []journal.Entry {
	t.Helper()
	page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindCheckIn}})
	if err != nil {
		t.Fatal(err)
	}
	var out []journal.Entry
	for _, sum := range page.Summaries {
		e, err := repo.Get(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestCheckInThroughKeysSavesOneEntryWithExactlyTheAnswers(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	if s.Title() != "Check-in" {
		t.Errorf("title %q", s.Title())
	}
	// The four areas in order: Health, Home, Purpose, Community.
	mustContain(t, s.View(), "Health", "1 of 4", "Feeling well in body and mind, in my own way.",
		journal.CheckInQuestion, journal.RatingLowLabel, journal.RatingHighLabel, "Not rated yet")

	send(t, s, "s") // skip Health
	mustContain(t, s.View(), "Home", "2 of 4", "A safe, steady place to live.")

	// Home: a digit, then the arrows (→ twice, ← once): 6.
	send(t, s, "4", "right", "right", "left", "right")
	mustContain(t, s.View(), "›[6]")
	mustNotContain(t, s.View(), "[5]", "[7]", "Not rated yet")

	send(t, s, "tab")
	if !s.Typing() {
		t.Fatal("tab should put the cursor in the word field")
	}
	sendText(t, s, "settled")
	send(t, s, "tab")
	if s.Typing() {
		t.Fatal("tab should leave the word field")
	}
	mustContain(t, s.View(), "settled")
	send(t, s, "enter")

	// Purpose: nothing said, enter passes it by.
	mustContain(t, s.View(), "Purpose", "3 of 4")
	send(t, s, "enter")

	// Community: a digit.
	mustContain(t, s.View(), "Community", "4 of 4")
	send(t, s, "4", "enter")

	v := s.View()
	mustContain(t, v, "Health      skipped", "Home        6 · settled", "Purpose     skipped", "Community   4",
		"enter save · esc back")
	mustNotContain(t, v, "10", "total", "score", "average")
	if n := len(checkIns(t, repo)); n != 0 {
		t.Fatalf("nothing should be saved before enter on the summary; %d check-ins", n)
	}

	msgs := send(t, s, "enter")
	wantNote(t, msgs, "Saved.", false)
	if !hasMsg[popMsg](msgs) || !hasMsg[changedMsg](msgs) {
		t.Errorf("saving should close the check-in and tell the others: %v", msgs)
	}
	saved := checkIns(t, repo)
	if len(saved) != 1 {
		t.Fatalf("want one check-in, got %d", len(saved))
	}
	e := saved[0]
	home, community := dimID(t, repo, "Home"), dimID(t, repo, "Community")
	if got := e.CheckIn.Answers; len(got) != 2 ||
		got[0].Dimension != home || got[0].Value == nil || *got[0].Value != 6 || got[0].Word != "settled" || got[0].Note != "" ||
		got[1].Dimension != community || got[1].Value == nil || *got[1].Value != 4 || got[1].Word != "" {
		t.Fatalf("answers = %+v", got)
	}
	if r := e.CheckIn.Ratings(); len(r) != 2 || r[home] != 6 || r[community] != 4 {
		t.Errorf("ratings = %v", r)
	}
	if strings.Join(e.Dimensions, ",") != home+","+community {
		t.Errorf("dimensions = %v, want Home and Community only", e.Dimensions)
	}
	if e.Text != "" {
		t.Errorf("text = %q, want none", e.Text)
	}
}

func TestCheckInRatingKeys(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	rating := func() (int, bool) { a := s.answers[s.at]; return a.value, a.rated }

	send(t, s, "right")
	if v, ok := rating(); !ok || v != ratingMiddle {
		t.Fatalf("the first arrow should land on the middle, got %d %v", v, ok)
	}
	send(t, s, "l", "l", "l", "l", "l", "l", "l")
	if v, _ := rating(); v != 10 {
		t.Fatalf("→ should stop at 10, got %d", v)
	}
	send(t, s, "0", "h", "left")
	if v, _ := rating(); v != 0 {
		t.Fatalf("← should stop at 0, got %d", v)
	}
	mustContain(t, s.View(), "›[0]")
	send(t, s, "+")
	if v, _ := rating(); v != 10 {
		t.Fatalf("+ should choose 10, got %d", v)
	}
	mustContain(t, s.View(), "›[10]")
	send(t, s, "3")
	sendText(t, s, "10") // typed fast, it arrives as one
	if v, _ := rating(); v != 10 {
		t.Fatalf("10 typed at once should choose 10, got %d", v)
	}

	// Back to an earlier area keeps what was said there.
	send(t, s, "enter", "7", "backspace")
	if s.at != 0 {
		t.Fatalf("backspace should go back to the first area, at %d", s.at)
	}
	if v, _ := rating(); v != 10 {
		t.Fatalf("the first area's rating should be kept, got %d", v)
	}
	send(t, s, "enter")
	if v, _ := rating(); v != 7 {
		t.Fatalf("the second area's rating should be kept, got %d", v)
	}
	send(t, s, "shift+tab")
	if s.at != 0 {
		t.Fatalf("shift+tab should go back too, at %d", s.at)
	}

	// s forgets the area's answer and moves on.
	send(t, s, "enter", "s", "backspace")
	if _, ok := rating(); ok || s.answers[1].word != "" {
		t.Fatalf("skip should leave the area unanswered: %+v", s.answers[1])
	}
}

func TestCheckInALongAnswerIsKeptAsANote(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	long := "The heating works again, and the neighbours said hello on the stairs."
	send(t, s, "tab")
	sendText(t, s, long)
	send(t, s, "enter")
	if s.Typing() || s.at != 1 {
		t.Fatalf("enter in the word field should go to the next area (at %d)", s.at)
	}
	send(t, s, "enter", "enter", "enter")
	mustContain(t, s.View(), "Health      no rating · The heating works again")
	send(t, s, "enter")
	saved := checkIns(t, repo)
	if len(saved) != 1 {
		t.Fatalf("want one check-in, got %d", len(saved))
	}
	a := saved[0].CheckIn.Answers
	if len(a) != 1 || a[0].Value != nil || a[0].Note != long || a[0].Word != "" {
		t.Fatalf("answers = %+v, want Health's words kept whole as a note", a)
	}
}

func TestCheckInAllSkippedIsNotSaved(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	send(t, s, "s", "s", "enter", "s")
	mustContain(t, s.View(), "Health      skipped", "Community   skipped")
	msgs := send(t, s, "enter")
	wantNote(t, msgs, journal.ErrEmptyCheckIn.Error(), true)
	if hasMsg[popMsg](msgs) {
		t.Error("a check-in with nothing in it should stay open")
	}
	if n := len(checkIns(t, repo)); n != 0 {
		t.Fatalf("%d check-ins saved, want none", n)
	}
	// esc from the summary goes back to the last area, to answer it after all.
	send(t, s, "esc")
	mustContain(t, s.View(), "Community", "4 of 4")
}

func TestCheckInEscAsksBeforeLettingAnswersGo(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)

	// Nothing answered: esc simply goes back.
	if msgs := send(t, s, "esc"); !hasMsg[popMsg](msgs) {
		t.Fatalf("esc with nothing answered should go back: %v", msgs)
	}

	send(t, s, "6")
	msgs := send(t, s, "esc")
	if hasMsg[popMsg](msgs) {
		t.Fatal("esc with an answer should ask first")
	}
	mustContain(t, s.View(), checkInQuestionToLeave)
	send(t, s, "n")
	mustNotContain(t, s.View(), checkInQuestionToLeave)
	mustContain(t, s.View(), "›[6]")

	send(t, s, "esc")
	if msgs := send(t, s, "y"); !hasMsg[popMsg](msgs) {
		t.Fatalf("y should let the check-in go: %v", msgs)
	}
	if n := len(checkIns(t, repo)); n != 0 {
		t.Fatalf("%d check-ins saved, want none", n)
	}
}

func TestCheckInWithNoAreas(t *testing.T) {
	repo := memjournal.New(testClock)
	if _, err := repo.Begin(journal.StartingSet{Key: "blank"}); err != nil {
		t.Fatal(err)
	}
	s := checkInFor(t, repo)
	mustContain(t, s.View(), "Add a life area first (press a on home).")
	if msgs := send(t, s, "5", "enter", "s"); len(msgs) != 0 {
		t.Fatalf("keys with no areas led to %v", msgs)
	}
	if msgs := send(t, s, "esc"); !hasMsg[popMsg](msgs) {
		t.Fatal("esc should go back")
	}
}

func TestCheckInSkipsArchivedAreas(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	dims, _ = dims.SetArchived(dimID(t, repo, "Purpose"), true)
	_ = repo.SaveDimensions(dims)
	s := checkInFor(t, repo)
	mustContain(t, s.View(), "1 of 3")
	send(t, s, "enter", "enter", "enter")
	mustContain(t, s.View(), "Health", "Home", "Community")
	mustNotContain(t, s.View(), "Purpose")
}

func TestCheckInShowsStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	for i := range dims {
		dims[i].Name += " \x1b]0;x\x07"
		dims[i].Prompt = "Prompt \x1b[2J\x07"
	}
	_ = repo.SaveDimensions(dims)
	s := checkInFor(t, repo)
	assertTerminalSafe(t, s.View())
	mustContain(t, s.View(), "Health ␛]0;x␇", "Prompt ␛[2J␇")
	send(t, s, "5", "tab")
	sendText(t, s, "word\x1b]0;y\x07")
	send(t, s, "tab")
	assertTerminalSafe(t, s.View())
	send(t, s, "enter", "enter", "enter", "enter")
	assertTerminalSafe(t, s.View())
	mustContain(t, s.View(), "Health ␛]0;x␇")
}

func TestCheckInFitsAndItsHelpFits(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	dims[0].Name = strings.Repeat("W", journal.MaxDimensionName)
	dims[0].Prompt = strings.Repeat("a long prompt ", 12)
	_ = repo.SaveDimensions(dims)
	for _, size := range [][2]int{{80, 20}, {50, 10}} {
		s := open(t, newCheckInScreen(newTestCommon(t, repo)), size[0], size[1]).(*checkInScreen)
		check := func() {
			t.Helper()
			assertFits(t, s.View(), size[0], size[1])
			assertHelpFits(t, s)
			assertFullHelpFits(t, s)
		}
		check()
		send(t, s, "+")
		check()
		send(t, s, "tab")
		sendText(t, s, strings.Repeat("many words ", 20))
		check()
		send(t, s, "tab", "esc")
		check()
		send(t, s, "n", "enter", "enter", "enter", "enter")
		check()
	}
}

// The check-in through the whole app: it closes, says so, and home reloads.
func TestCheckInThroughTheApp(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	settle(t, a, push(newCheckInScreen(a.c)))
	mustContain(t, a.View(), "Waymark · Check-in", "Health", "1 of 4")
	press(t, a, "?")
	mustContain(t, a.View(), "Keys on this screen", "a number", "skip this area")
	press(t, a, "esc", "7", "enter", "s", "s", "s", "enter")
	mustContain(t, a.View(), "Saved.", "Health 7")
	if n := len(checkIns(t, repo)); n != 1 {
		t.Fatalf("%d check-ins, want 1", n)
	}
}

func TestCheckInGolden(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	send(t, s, "s", "6", "tab")
	sendText(t, s, "settled")
	send(t, s, "tab")
	golden(t, "checkin", s.View())

	send(t, s, "enter", "enter", "4", "enter")
	golden(t, "checkin-summary", s.View())
}

func TestCheckInKeepsTheAnswersWhenSavingFails(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := checkInFor(t, repo)
	send(t, s, "3", "enter", "enter", "enter", "enter")
	repo.FailWrites = errors.New("disk gone")
	msgs := send(t, s, "enter")
	if hasMsg[popMsg](msgs) || len(statusNotes(msgs)) != 1 || !statusNotes(msgs)[0].problem {
		t.Fatalf("a failed save should stay open with a plain note: %v", msgs)
	}
	mustContain(t, s.View(), "Health      3")
	repo.FailWrites = nil
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	if n := len(checkIns(t, repo)); n != 1 {
		t.Fatalf("%d check-ins, want 1", n)
	}
}
