package tui

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// swimmingGoal is a goal some weeks in: steps part done, strengths and
// supports, progress notes and a change of status.
func swimmingGoal(t *testing.T, repo *memjournal.Journal) string {
	t.Helper()
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	goal, err := journal.NewGoal(journal.GoalSomeday, day(40))
	if err != nil {
		t.Fatal(err)
	}
	if err := goal.SetStatus(journal.GoalActive, day(20)); err != nil {
		t.Fatal(err)
	}
	goal.Why = "I feel more like myself after a swim, and I sleep better."
	for _, s := range []string{"Find the pool timetable", "Buy goggles", "Go on a quiet morning", "Go twice in one week", "Ask Sam to come along"} {
		if err := goal.AddStep(s); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 3; i++ {
		_ = goal.ToggleStep(i, day(18-5*i))
	}
	goal.Strengths = []string{"I used to swim for the school team", "I like early mornings"}
	goal.Supports = []string{"Sam, who swims on Tuesdays", "The leisure centre's quiet hour"}
	goal.Revisit = testNow.AddDate(0, 0, 8)
	_ = goal.AddNote("Went for the first time in a year. Cold, but good.", day(14))
	_ = goal.AddNote("Went again. Easier this time.", day(5))
	e, err := repo.Create(journal.Entry{Kind: journal.KindGoal, When: day(40), Title: "Get back to swimming once a week",
		Dimensions: []string{dimID(t, repo, "Health"), dimID(t, repo, "Community")}, Goal: goal})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

// stepsGoal is a plain active goal with the steps given, none done.
func stepsGoal(t *testing.T, repo journal.Repository, steps ...string) string {
	t.Helper()
	goal, _ := journal.NewGoal(journal.GoalActive, testNow.AddDate(0, 0, -7))
	for _, s := range steps {
		_ = goal.AddStep(s)
	}
	e, err := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "A goal", Goal: goal})
	if err != nil {
		t.Fatal(err)
	}
	return e.ID
}

func goalDetail(t *testing.T, repo journal.Repository, id string, width, height int) *goalScreen {
	t.Helper()
	return open(t, newGoalScreen(newTestCommon(t, repo), id), width, height).(*goalScreen)
}

func goalEditor(t *testing.T, repo journal.Repository, e journal.Entry, width, height int) *goalEditScreen {
	t.Helper()
	return open(t, newGoalEditScreen(newTestCommon(t, repo), e), width, height).(*goalEditScreen)
}

func storedGoal(t *testing.T, repo journal.Repository, id string) (journal.Entry, journal.Goal) {
	t.Helper()
	e, err := repo.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Goal == nil {
		t.Fatal("the entry has no goal")
	}
	return e, *e.Goal
}

func stepTexts(g journal.Goal) string {
	var out []string
	for _, s := range g.Steps {
		out = append(out, s.Text)
	}
	return strings.Join(out, ",")
}

// onlyGoal is the one goal in the journal.
func onlyGoal(t *testing.T, repo journal.Repository) journal.Entry {
	t.Helper()
	page, _ := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}})
	if page.Total != 1 {
		t.Fatalf("want 1 goal, got %d", page.Total)
	}
	e, _ := repo.Get(page.Summaries[0].ID)
	return e
}

func TestGoalShowsEverythingAboutTheGoal(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalDetail(t, repo, swimmingGoal(t, repo), 80, 40)
	if s.Title() != "Goal" {
		t.Errorf("title %q", s.Title())
	}
	v := s.View()
	mustContain(t, v, "Get back to swimming once a week", "Active since 3 Nov · Look again on 1 Dec", "Health, Community",
		"Why it matters", "I feel more like myself after a swim",
		"Small steps  ▰▰▰▰▰▰▱▱▱▱ 3 of 5 steps", "› [x] Find the pool timetable", "  [x] Buy goggles", "  [ ] Go twice in one week",
		"Strengths I can draw on", "· I used to swim for the school team", "People and supports", "· Sam, who swims on Tuesdays",
		"Progress notes", "18 Nov  Went again. Easier this time.", "9 Nov   Went for the first time in a year.",
		"Status over time", "14 Oct  Someday", "3 Nov   Active")
	// Notes newest first; history oldest first.
	if strings.Index(v, "Went again") > strings.Index(v, "Went for the first time") {
		t.Error("progress notes should show the newest first")
	}
	if strings.Index(v, "14 Oct  Someday") > strings.Index(v, "3 Nov   Active") {
		t.Error("the status history should read in order")
	}
	mustNotContain(t, strings.ToLower(v), "overdue", "failed", "!")
	assertFits(t, v, 80, 40)
	if s.Typing() {
		t.Error("not typing until a field opens")
	}
}

func TestGoalWhoseDateHasComeIsReadyForALook(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	for _, tt := range []struct {
		revisit time.Time
		status  journal.GoalStatus
		want    string
		not     string
	}{
		{testNow.Add(-time.Hour), journal.GoalActive, "Active since 16 Nov · Ready for a look", "Look again"},
		{testNow.AddDate(0, 0, -30), journal.GoalResting, "Resting since 16 Nov · Ready for a look", "Look again"},
		{testNow.AddDate(0, 0, 1), journal.GoalActive, "Look again on 24 Nov", "Ready"},
		{testNow.AddDate(1, 0, 0), journal.GoalSomeday, "Look again on 23 Nov 2027", "Ready"},
		{testNow.AddDate(0, 0, -3), journal.GoalReached, "Reached since 16 Nov", "Look again"},
	} {
		goal, _ := journal.NewGoal(tt.status, testNow.AddDate(0, 0, -7))
		goal.Revisit = tt.revisit
		e, _ := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Look", Goal: goal})
		v := goalDetail(t, repo, e.ID, 80, 20).View()
		mustContain(t, v, tt.want)
		mustNotContain(t, v, tt.not, "overdue", "Overdue", "failed")
	}
}

func TestGoalTickAStepAndSeeTheBarMove(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	s := goalDetail(t, repo, id, 80, 40)

	send(t, s, "down", "down", "down")
	msgs := send(t, s, "space")
	wantNote(t, msgs, "Saved.", false)
	if !hasMsg[changedMsg](msgs) {
		t.Error("a change should tell the other screens")
	}
	_, g := storedGoal(t, repo, id)
	if st := g.Steps[3]; !st.Done || !st.DoneAt.Equal(testNow) {
		t.Fatalf("step 4 should be done today: %+v", st)
	}
	if d, _ := g.StepsDone(); d != 4 {
		t.Fatalf("%d steps done, want 4", d)
	}
	v := s.View()
	mustContain(t, v, "▰▰▰▰▰▰▰▰▱▱ 4 of 5 steps", "› [x] Go twice in one week")

	// x unticks it again, and forgets when.
	send(t, s, "x")
	_, g = storedGoal(t, repo, id)
	if st := g.Steps[3]; st.Done || !st.DoneAt.IsZero() {
		t.Fatalf("step 4 should be unticked: %+v", st)
	}
	mustContain(t, s.View(), "▰▰▰▰▰▰▱▱▱▱ 3 of 5 steps", "› [ ] Go twice in one week")
	// Earlier steps keep the day they were done.
	if !g.Steps[0].DoneAt.Equal(testNow.AddDate(0, 0, -18)) {
		t.Errorf("step 1 done at %v", g.Steps[0].DoneAt)
	}
}

func TestGoalReorderStepsKeepsTheOrder(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := stepsGoal(t, repo, "A", "B", "C")
	s := goalDetail(t, repo, id, 80, 20)

	for _, tt := range []struct {
		key, want string
		at        int
	}{
		{"J", "B,A,C", 1},
		{"shift+down", "B,C,A", 2},
		{"shift+down", "B,C,A", 2}, // already last
		{"K", "B,A,C", 1},
		{"shift+up", "A,B,C", 0},
	} {
		send(t, s, tt.key)
		_, g := storedGoal(t, repo, id)
		if got := stepTexts(g); got != tt.want {
			t.Fatalf("after %s: steps %s, want %s", tt.key, got, tt.want)
		}
		if s.step != tt.at {
			t.Fatalf("after %s: the selection should follow the step to %d, is on %d", tt.key, tt.at, s.step)
		}
	}
	send(t, s, "J", "J")
	v := s.View()
	if b, c, a := strings.Index(v, "  [ ] B"), strings.Index(v, "  [ ] C"), strings.Index(v, "› [ ] A"); b < 0 || c < b || a < c {
		t.Fatalf("want B, C, then A selected:\n%s", v)
	}
}

func TestGoalAddRewordAndRemoveSteps(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := stepsGoal(t, repo, "Buy goggles")
	s := goalDetail(t, repo, id, 80, 20)

	send(t, s, "a")
	if !s.Typing() {
		t.Fatal("a should open a field for the step")
	}
	mustContain(t, s.View(), "› [ ] a small step, in your words")
	sendText(t, s, "Find the timetable")
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	_, g := storedGoal(t, repo, id)
	if stepTexts(g) != "Buy goggles,Find the timetable" || s.step != 1 || s.Typing() {
		t.Fatalf("steps %s, selected %d, typing %v", stepTexts(g), s.step, s.Typing())
	}

	// An empty step is refused in plain words, the field staying open.
	send(t, s, "a")
	wantNote(t, send(t, s, "enter"), "A step needs a few words.", true)
	if !s.Typing() {
		t.Fatal("the field should stay open")
	}
	send(t, s, "esc")
	if s.Typing() || s.stepCount() != 2 {
		t.Fatal("esc should close the field and add nothing")
	}

	send(t, s, "r")
	if s.input.Value() != "Find the timetable" {
		t.Fatalf("r should open the step's words: %q", s.input.Value())
	}
	sendText(t, s, " online")
	send(t, s, "enter")
	_, g = storedGoal(t, repo, id)
	if stepTexts(g) != "Buy goggles,Find the timetable online" {
		t.Fatalf("steps %s", stepTexts(g))
	}

	send(t, s, "d")
	mustContain(t, s.View(), "Remove “Find the timetable online”? y / n")
	send(t, s, "n")
	if s.stepCount() != 2 {
		t.Fatal("n should keep the step")
	}
	send(t, s, "d", "y")
	_, g = storedGoal(t, repo, id)
	if stepTexts(g) != "Buy goggles" || s.step != 0 {
		t.Fatalf("steps %s, selected %d", stepTexts(g), s.step)
	}
	send(t, s, "d", "y")
	mustContain(t, s.View(), "No steps yet. Press a to add a small one.")
	if s.keys.Tick.Enabled() || s.keys.Remove.Enabled() {
		t.Error("step keys should rest with no steps")
	}
}

func TestGoalAddAProgressNote(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	s := goalDetail(t, repo, id, 80, 20)
	send(t, s, "p")
	if !s.Typing() {
		t.Fatal("p should open a field for the note")
	}
	assertFits(t, s.View(), 80, 20)
	mustContain(t, s.View(), "› how it's going, in a few words")
	sendText(t, s, "Swam ten lengths.")
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	_, g := storedGoal(t, repo, id)
	if n := g.Notes[len(g.Notes)-1]; len(g.Notes) != 3 || n.Text != "Swam ten lengths." || !n.At.Equal(testNow) {
		t.Fatalf("notes %+v", g.Notes)
	}
	send(t, s, "pgdown", "pgdown")
	v := s.View()
	mustContain(t, v, "23 Nov  Swam ten lengths.")
	if strings.Index(v, "Swam ten lengths") > strings.Index(v, "Went again") {
		t.Error("the newest note comes first")
	}
}

func TestGoalChangeStatusKeepsEachDate(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := stepsGoal(t, repo, "One")
	c := newTestCommon(t, repo)
	now := testNow
	c.now = func() time.Time { return now }
	s := open(t, newGoalScreen(c, id), 80, 20).(*goalScreen)

	send(t, s, "s")
	v := s.View()
	mustContain(t, v, "Where does this goal stand now?", "› Active (now)", "  Someday", "  Resting", "  Reached", "  Let go")
	assertFits(t, v, 80, 20)
	send(t, s, "down", "down")
	mustContain(t, s.View(), "› Resting")
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	mustContain(t, s.View(), "Resting since 23 Nov")

	now = testNow.AddDate(0, 0, 2)
	send(t, s, "s", "down")
	msgs := send(t, s, "enter")
	wantNote(t, msgs, "Reached. That's worth noticing.", false)
	_, g := storedGoal(t, repo, id)
	want := []journal.StatusChange{
		{Status: journal.GoalActive, At: testNow.AddDate(0, 0, -7)},
		{Status: journal.GoalResting, At: testNow},
		{Status: journal.GoalReached, At: testNow.AddDate(0, 0, 2)},
	}
	if g.Status != journal.GoalReached || !reflect.DeepEqual(g.History, want) {
		t.Fatalf("status %s, history %+v", g.Status, g.History)
	}
	mustContain(t, s.View(), "Reached since 25 Nov", "16 Nov  Active", "23 Nov  Resting", "25 Nov  Reached")

	// The status it has already, or esc, changes nothing.
	send(t, s, "s", "enter")
	send(t, s, "s", "up", "esc")
	if _, g := storedGoal(t, repo, id); len(g.History) != 3 {
		t.Fatalf("history grew: %+v", g.History)
	}
}

func TestGoalRefusedChangeShowsTheGoalAsItWas(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := stepsGoal(t, repo, "One")
	s := goalDetail(t, repo, id, 80, 20)
	repo.FailWrites = errors.New("disk trouble")
	msgs := send(t, s, "space")
	wantNote(t, msgs, "Something went wrong with the journal file, and nothing was changed. Please try again.", true)
	mustContain(t, s.View(), "› [ ] One")
	repo.FailWrites = nil
	send(t, s, "space")
	mustContain(t, s.View(), "› [x] One")
}

func TestGoalEditAndTrash(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	s := goalDetail(t, repo, id, 80, 20)
	edit, ok := pushed(send(t, s, "e")).(*goalEditScreen)
	if !ok || edit.original.ID != id || edit.Title() != "Editing goal" {
		t.Fatal("e should open the goal to edit")
	}

	msgs := send(t, s, "X")
	wantNote(t, msgs, "Moved to the trash.", false)
	if !hasMsg[popMsg](msgs) || !hasMsg[changedMsg](msgs) {
		t.Fatalf("X should go back and tell the others: %v", msgs)
	}
	if e, _ := repo.Get(id); !e.InTrash() {
		t.Fatal("X should move the goal to the trash")
	}

	// Opened from the trash, it can be read but not changed.
	s = goalDetail(t, repo, id, 80, 20)
	mustContain(t, s.View(), "In the trash")
	if msgs := send(t, s, "space", "a", "p", "s", "e", "X", "J"); len(msgs) != 0 {
		t.Fatalf("keys on a goal in the trash led to %v", msgs)
	}
	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Error("esc should go back")
	}
}

func TestGoalThatIsGone(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalDetail(t, repo, "id9999", 80, 20)
	mustContain(t, s.View(), "That entry isn't in the journal any more.")
	if msgs := send(t, s, "space", "a", "s", "X"); len(msgs) != 0 {
		t.Fatalf("keys on a missing goal led to %v", msgs)
	}
}

func TestGoalScrollsToTheSelectedStep(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	var steps []string
	for i := 0; i < 30; i++ {
		steps = append(steps, "Step number "+string(rune('A'+i%26))+strings.Repeat("x", i/26))
	}
	s := goalDetail(t, repo, stepsGoal(t, repo, steps...), 80, 12)
	for i := 0; i < 25; i++ {
		send(t, s, "down")
	}
	v := s.View()
	assertFits(t, v, 80, 12)
	mustContain(t, v, "› [ ] Step number Z", "more below")
}

func TestGoalShowsStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	bad := "\x1b]0;x\x07"
	goal, _ := journal.NewGoal(journal.GoalActive, testNow)
	goal.Why = "why " + bad
	goal.Steps = []journal.Step{{Text: "step " + bad}}
	goal.Strengths = []string{"strength " + bad}
	goal.Supports = []string{"support " + bad}
	goal.Notes = []journal.ProgressNote{{At: testNow, Text: "note " + bad}}
	e, _ := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Goal " + bad, Text: "more " + bad, Goal: goal})

	s := goalDetail(t, repo, e.ID, 80, 40)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Goal ␛]0;x␇", "why ␛]0;x␇", "[ ] step ␛]0;x␇", "strength ␛]0;x␇", "support ␛]0;x␇", "note ␛]0;x␇", "more ␛]0;x␇")
	send(t, s, "r")
	assertTerminalSafe(t, s.View())
	send(t, s, "esc", "d")
	assertTerminalSafe(t, s.View())

	ed := goalEditor(t, repo, e, 80, 20)
	assertTerminalSafe(t, ed.View())
	mustContain(t, ed.View(), "Goal ␛]0;x␇", "step ␛]0;x␇")
}

func TestGoalViewsFitEveryWindow(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	e, _ := repo.Get(id)
	long := strings.Repeat("a long sentence of many words ", 12)
	_ = e.Goal.AddNote(long, testNow)
	_ = e.Goal.AddStep(long)
	e.Goal.Strengths = append(e.Goal.Strengths, long)
	e.Title = long
	if _, err := repo.Update(e); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 20}, {50, 10}, {120, 36}} {
		w, h := size[0], size[1]
		s := goalDetail(t, repo, id, w, h)
		for _, keys := range [][]string{nil, {"down", "down", "down", "down", "down"}, {"s"}, {"esc", "a"}, {"esc", "p"}, {"esc", "r"}, {"esc", "d"}, {"n", "pgdown", "pgdown"}} {
			send(t, s, keys...)
			assertFits(t, s.View(), w, h)
		}
		ed := goalEditor(t, repo, e, w, h)
		for i := 0; i < 8; i++ {
			assertFits(t, ed.View(), w, h)
			send(t, ed, "tab")
		}
		ed = goalEditor(t, repo, journal.Entry{}, w, h)
		for i := 0; i < 9; i++ {
			assertFits(t, ed.View(), w, h)
			send(t, ed, "shift+tab")
		}
	}
}

func TestGoalHelpFits(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalDetail(t, repo, swimmingGoal(t, repo), 80, 20)
	for _, keys := range [][]string{nil, {"s"}, {"esc", "a"}, {"esc", "d"}} {
		send(t, s, keys...)
		assertHelpFits(t, s)
		assertFullHelpFits(t, s)
	}
	ed := goalEditor(t, repo, journal.Entry{}, 80, 20)
	for i := 0; i < 8; i++ {
		assertHelpFits(t, ed)
		assertFullHelpFits(t, ed)
		send(t, ed, "tab")
	}
}

func TestGoalEditCreatesAGoal(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalEditor(t, repo, journal.Entry{}, 80, 20)
	if s.Title() != "New goal" || !s.Typing() {
		t.Fatalf("a new goal opens with the cursor in its title (%q, typing %v)", s.Title(), s.Typing())
	}
	mustContain(t, s.View(), "› Title", "What would make life a little better here? Say it your way.", "(•) Active  ( ) Someday")

	sendText(t, s, "Get back to swimming once a week")
	send(t, s, "tab")
	sendText(t, s, "I sleep better after a swim")
	send(t, s, "tab")
	if s.Typing() {
		t.Error("choosing areas is not typing")
	}
	send(t, s, "space", "right", "right", "space") // Health and Purpose
	send(t, s, "tab")
	sendText(t, s, "Find the pool timetable")
	send(t, s, "enter", "enter")
	sendText(t, s, "  Buy goggles ")
	send(t, s, "tab")
	sendText(t, s, "I like early mornings")
	send(t, s, "tab")
	sendText(t, s, "Sam")
	send(t, s, "tab")
	sendText(t, s, "2026-12-01")
	msgs := send(t, s, "ctrl+s")
	wantNote(t, msgs, "Saved.", false)
	var next screen
	for _, m := range msgs {
		if r, ok := m.(replaceMsg); ok {
			next = r.s
		}
	}
	if !hasMsg[changedMsg](msgs) {
		t.Error("saving should tell the other screens")
	}

	e := onlyGoal(t, repo)
	g := *e.Goal
	if opened, ok := next.(*goalScreen); !ok || opened.id != e.ID {
		t.Fatalf("saving a new goal should show it, got %#v", next)
	}
	dims, _ := repo.Dimensions()
	if e.Title != "Get back to swimming once a week" || strings.Join(dims.Names(e.Dimensions), ",") != "Health,Purpose" {
		t.Fatalf("saved %q in %v", e.Title, dims.Names(e.Dimensions))
	}
	if g.Status != journal.GoalActive || len(g.History) != 1 || !g.History[0].At.Equal(testNow) || g.History[0].Status != journal.GoalActive {
		t.Fatalf("status %s, history %+v", g.Status, g.History)
	}
	if stepTexts(g) != "Find the pool timetable,Buy goggles" || g.Steps[0].Done {
		t.Fatalf("steps %+v", g.Steps)
	}
	if !g.Revisit.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("revisit %v", g.Revisit)
	}
	if g.Why != "I sleep better after a swim" || !reflect.DeepEqual(g.Strengths, []string{"I like early mornings"}) ||
		!reflect.DeepEqual(g.Supports, []string{"Sam"}) {
		t.Fatalf("why %q, strengths %v, supports %v", g.Why, g.Strengths, g.Supports)
	}
}

func TestGoalEditOnlyTheTitleIsNeeded(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalEditor(t, repo, journal.Entry{}, 80, 20)
	wantNote(t, send(t, s, "ctrl+s"), "A goal needs a few words to name it.", true)
	sendText(t, s, "   ")
	wantNote(t, send(t, s, "ctrl+s"), "A goal needs a few words to name it.", true)
	if c, _ := repo.Counts(); c.All != 0 {
		t.Fatal("a goal with no title was saved")
	}

	// Someday, and nothing else.
	sendText(t, s, "Learn to sail")
	send(t, s, "shift+tab", "space")
	mustContain(t, s.View(), "( ) Active  (•) Someday")
	send(t, s, "ctrl+s")
	g := *onlyGoal(t, repo).Goal
	if g.Status != journal.GoalSomeday || len(g.History) != 1 || len(g.Steps) != 0 || !g.Revisit.IsZero() || g.Why != "" {
		t.Fatalf("saved %+v", g)
	}
}

func TestGoalEditRefusesABadDateInPlainWords(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalEditor(t, repo, journal.Entry{}, 80, 20)
	sendText(t, s, "Call the housing office")
	for i := 0; i < 6; i++ {
		send(t, s, "tab")
	}
	for _, bad := range []string{"1st of May", "2026-13-01", "2026-02-30"} {
		s.revisit.SetValue(bad)
		msgs := send(t, s, "ctrl+s")
		wantNote(t, msgs, "That date doesn't look right — try 2026-05-01.", true)
		mustContain(t, s.View(), "That date doesn't look right — try 2026-05-01.")
		if c, _ := repo.Counts(); c.All != 0 {
			t.Fatalf("%q: saved with a date that can't be read", bad)
		}
	}
	// Typing again takes the note away; a good date saves, short or long.
	s.revisit.SetValue("")
	sendText(t, s, "2026-5-1")
	mustNotContain(t, s.View(), "doesn't look right")
	send(t, s, "ctrl+s")
	if g := onlyGoal(t, repo).Goal; !g.Revisit.Equal(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("revisit %v", g.Revisit)
	}
}

func TestGoalEditKeepsWhatWasDone(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	before, bg := storedGoal(t, repo, id)
	s := goalEditor(t, repo, before, 80, 20)
	if s.Title() != "Editing goal" {
		t.Errorf("title %q", s.Title())
	}
	mustNotContain(t, s.View(), "Someday")
	mustContain(t, s.View(), "Find the pool timetable", "2026-12-01")

	// Reword the third step, drop the fourth, add one at the end.
	s.steps.SetValue("Find the pool timetable\nBuy goggles\nGo on a quiet weekday morning\nAsk Sam to come along\nSwim ten lengths")
	send(t, s, "tab", "tab", "tab", "tab", "tab", "tab", "tab") // round to the title
	send(t, s, "backspace")
	sendText(t, s, "K")
	msgs := send(t, s, "ctrl+s")
	wantNote(t, msgs, "Saved.", false)
	if !hasMsg[popMsg](msgs) {
		t.Error("saving an edit should go back to the goal")
	}
	after, g := storedGoal(t, repo, id)
	if after.Title != "Get back to swimming once a weeK" {
		t.Errorf("title %q", after.Title)
	}
	if stepTexts(g) != "Find the pool timetable,Buy goggles,Go on a quiet weekday morning,Ask Sam to come along,Swim ten lengths" {
		t.Fatalf("steps %s", stepTexts(g))
	}
	for i, want := range []journal.Step{bg.Steps[0], bg.Steps[1], {Text: "Go on a quiet weekday morning"}, bg.Steps[4], {Text: "Swim ten lengths"}} {
		if !reflect.DeepEqual(g.Steps[i], want) {
			t.Errorf("step %d = %+v, want %+v", i, g.Steps[i], want)
		}
	}
	if !g.Steps[0].Done || !g.Steps[0].DoneAt.Equal(bg.Steps[0].DoneAt) {
		t.Error("an unchanged step keeps when it was done")
	}
	// What the form doesn't hold is kept as it was.
	if g.Status != bg.Status || !reflect.DeepEqual(g.History, bg.History) || !reflect.DeepEqual(g.Notes, bg.Notes) ||
		!reflect.DeepEqual(after.Dimensions, before.Dimensions) || !g.Revisit.Equal(bg.Revisit) {
		t.Errorf("the edit changed what it doesn't show: %+v", g)
	}
	if !reflect.DeepEqual(g.Strengths, bg.Strengths) || !reflect.DeepEqual(g.Supports, bg.Supports) || g.Why != bg.Why {
		t.Errorf("strengths, supports or why changed: %+v", g)
	}
}

func TestGoalEditAsksBeforeLettingChangesGo(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	e, _ := repo.Get(id)

	// Nothing changed: esc goes straight back.
	s := goalEditor(t, repo, e, 80, 20)
	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Fatal("esc with nothing changed should go back")
	}

	s = goalEditor(t, repo, e, 80, 20)
	send(t, s, "tab", "tab", "space") // Health off
	if msgs := send(t, s, "esc"); hasMsg[popMsg](msgs) {
		t.Fatal("esc should ask first")
	}
	mustContain(t, s.View(), "Let go of these changes? y / n")
	if s.Typing() {
		t.Error("the question is not typing")
	}
	send(t, s, "n")
	mustNotContain(t, s.View(), "Let go of these changes?")
	send(t, s, "esc")
	if !hasMsg[popMsg](send(t, s, "y")) {
		t.Fatal("y should let the changes go")
	}
	if after, _ := repo.Get(id); !reflect.DeepEqual(after.Dimensions, e.Dimensions) {
		t.Fatal("letting go changed the goal")
	}
}

func TestGoalEditDoesNotChangeTheGoalItWasGiven(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	id := swimmingGoal(t, repo)
	e, _ := repo.Get(id)
	steps := append([]journal.Step(nil), e.Goal.Steps...)
	s := goalEditor(t, repo, e, 80, 20)
	s.steps.SetValue("Only this")
	send(t, s, "ctrl+s")
	if !reflect.DeepEqual(e.Goal.Steps, steps) {
		t.Fatal("saving changed the entry the screen was handed")
	}
}

func TestGoalGolden(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalDetail(t, repo, swimmingGoal(t, repo), 80, 20)
	send(t, s, "down", "down")
	golden(t, "goal", s.View())
}

func TestGoalEditGolden(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalEditor(t, repo, journal.Entry{}, 80, 20)
	sendText(t, s, "Get back to swimming once a week")
	send(t, s, "tab", "tab", "space", "right", "tab")
	sendText(t, s, "Find the pool timetable")
	send(t, s, "enter")
	sendText(t, s, "Buy goggles")
	golden(t, "goal-edit", s.View())
}

// The cursor never blinks in these fields, so no timer keeps a test waiting.
func TestGoalFieldsStartNoTimers(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalEditor(t, repo, journal.Entry{}, 80, 20)
	for i := 0; i < 8; i++ {
		if cmd := s.Update(keyMsg("tab")); cmd != nil {
			if msg := cmd(); msg != nil {
				if _, ok := msg.(tea.BatchMsg); !ok {
					t.Fatalf("tab led to %T", msg)
				}
			}
		}
	}
}

func TestGoalEditKeepsUntouchedWordsExactly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	goal, _ := journal.NewGoal(journal.GoalActive, testNow)
	goal.Why = "why\tit\x07 matters\n"
	goal.Strengths = []string{"tab\there"}
	goal.Steps = []journal.Step{{Text: "step\x07", Done: true, DoneAt: testNow}}
	e, _ := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "title\x07", Goal: goal})
	s := goalEditor(t, repo, e, 80, 20)
	send(t, s, "tab", "tab", "tab", "tab", "tab")
	sendText(t, s, "Sam")
	send(t, s, "ctrl+s")
	after, g := storedGoal(t, repo, e.ID)
	if after.Title != "title\x07" || g.Why != goal.Why || !reflect.DeepEqual(g.Strengths, goal.Strengths) ||
		!reflect.DeepEqual(g.Steps, goal.Steps) {
		t.Fatalf("untouched words changed: %q %q %q %+v", after.Title, g.Why, g.Strengths, g.Steps)
	}
	if !reflect.DeepEqual(g.Supports, []string{"Sam"}) {
		t.Fatalf("supports %q", g.Supports)
	}
}

func TestGoalOnASmallWindowShowsTheSelectedStep(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalDetail(t, repo, swimmingGoal(t, repo), 50, 10)
	v := s.View()
	assertFits(t, v, 50, 10)
	mustContain(t, v, "› [x] Find the pool timetable")
}
