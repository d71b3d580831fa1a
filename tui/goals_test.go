package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// goalsJournal holds goals in every status: some with steps, some ready for
// a look, one with no life area.
func goalsJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	area := func(name string) []string { return []string{dimID(t, repo, name)} }
	steps := func(done int, texts ...string) []journal.Step {
		out := make([]journal.Step, len(texts))
		for i, s := range texts {
			out[i] = journal.Step{Text: s}
			if i < done {
				out[i].Done, out[i].DoneAt = true, day(20-3*i)
			}
		}
		return out
	}
	for _, g := range []struct {
		title   string
		status  journal.GoalStatus
		areas   []string
		revisit time.Time
		steps   []journal.Step
	}{
		{"Get back to swimming once a week", journal.GoalActive, area("Health"), day(2),
			steps(3, "Find the pool timetable", "Buy goggles", "Go on a quiet morning", "Go twice in one week", "Ask Sam to come along")},
		{"Cook for a friend", journal.GoalActive, area("Community"), testNow.AddDate(0, 0, 8),
			steps(0, "Pick a simple recipe", "Ask Ana which day suits her")},
		{"Sort out the spare room", journal.GoalActive, nil, testNow, nil},
		{"Find a quieter flat", journal.GoalSomeday, area("Home"), time.Time{}, nil},
		{"Learn to drive", journal.GoalResting, area("Purpose"), day(1), steps(1, "Book a lesson", "Practise with Dad")},
		{"Finish the course", journal.GoalReached, area("Purpose"), day(9), steps(3, "Module one", "Module two", "Hand in the essay")},
		{"Volunteer on Saturdays", journal.GoalLetGo, area("Community"), day(30), nil},
	} {
		goal, err := journal.NewGoal(g.status, day(30))
		if err != nil {
			t.Fatal(err)
		}
		goal.Revisit, goal.Steps = g.revisit, g.steps
		if _, err := repo.Create(journal.Entry{Kind: journal.KindGoal, When: day(30), Title: g.title, Dimensions: g.areas, Goal: goal}); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func goalsList(t *testing.T, repo journal.Repository, width, height int) *goalsScreen {
	t.Helper()
	return open(t, newGoalsScreen(newTestCommon(t, repo)), width, height).(*goalsScreen)
}

// goalID finds a goal's id by its title.
func goalID(t *testing.T, repo journal.Repository, title string) string {
	t.Helper()
	page, err := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Summaries {
		if s.Title == title {
			return s.ID
		}
	}
	t.Fatalf("no goal %q", title)
	return ""
}

// lineWith returns the view's line holding text.
func lineWith(t *testing.T, view, text string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", text, view)
	return ""
}

func TestGoalProgressDrawsShapesAndTheCount(t *testing.T) {
	for _, tt := range []struct {
		done, total, width int
		want               string
	}{
		{3, 5, 5, "▰▰▰▱▱ 3/5"},
		{0, 2, 5, "▱▱▱▱▱ 0/2"},
		{2, 2, 5, "▰▰▰▰▰ 2/2"},
		// One step done always shows; the bar is full only when all are.
		{1, 20, 5, "▰▱▱▱▱ 1/20"},
		{19, 20, 5, "▰▰▰▰▱ 19/20"},
		{0, 0, 5, ""},
	} {
		if got := goalProgress(tt.done, tt.total, tt.width); got != tt.want {
			t.Errorf("goalProgress(%d, %d, %d) = %q, want %q", tt.done, tt.total, tt.width, got, tt.want)
		}
	}
}

func TestGoalsGroupByStatusThenArea(t *testing.T) {
	repo := goalsJournal(t)
	s := goalsList(t, repo, 80, 40)
	if s.Title() != "Goals" {
		t.Errorf("title %q", s.Title())
	}
	v := s.View()
	mustContain(t, v, "All goals · 7", "Active · 3", "Someday · 1", "Resting · 1", "Reached · 1", "Let go · 1")
	order := []string{"Active · 3", "Health", "Get back to swimming", "Community", "Cook for a friend", "Any area",
		"Sort out the spare room", "Someday · 1", "Find a quieter flat", "Resting · 1", "Learn to drive",
		"Reached · 1", "Finish the course", "Let go · 1", "Volunteer on Saturdays"}
	at := -1
	for _, w := range order {
		i := strings.Index(v, w)
		if i <= at {
			t.Fatalf("%q is out of order in:\n%s", w, v)
		}
		at = i
	}
	mustContain(t, lineWith(t, v, "Get back to swimming"), "› Get back to swimming once a week", "▰▰▰▱▱ 3/5", "ready for a look")
	mustContain(t, lineWith(t, v, "Cook for a friend"), "▱▱▱▱▱ 0/2")
	// Today's revisit date has come too; a resting goal can be looked at again.
	mustContain(t, lineWith(t, v, "Sort out the spare room"), "ready for a look")
	mustContain(t, lineWith(t, v, "Learn to drive"), "ready for a look", "▰▰▰▱▱ 1/2")
	// Not yet, no date, or no longer open: nothing to look at.
	for _, title := range []string{"Cook for a friend", "Find a quieter flat", "Finish the course", "Volunteer on Saturdays"} {
		mustNotContain(t, lineWith(t, v, title), "ready for a look")
	}
	if strings.Contains(lineWith(t, v, "Find a quieter flat"), "▱") {
		t.Error("a goal with no steps should show no bar")
	}
	mustNotContain(t, strings.ToLower(v), "overdue", "failed", "late", "missed", "!")
	assertFits(t, v, 80, 40)
}

func TestGoalsEmptyInvitesAFirstGoal(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := goalsList(t, repo, 80, 20)
	mustContain(t, s.View(), "No goals yet. What would make life a little better?", "Press n to set one, in your", "All goals · 0")
	if s.keys.Open.Enabled() {
		t.Error("enter should not be offered with nothing to open")
	}
	if _, ok := pushed(send(t, s, "n")).(*goalEditScreen); !ok {
		t.Fatal("n should open a new goal")
	}

	// Goals in the trash are not listed.
	goal, _ := journal.NewGoal(journal.GoalActive, testNow)
	e, _ := repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Put away", Goal: goal})
	_ = repo.Trash(e.ID)
	run(t, s, s.Update(changedMsg{}))
	mustNotContain(t, s.View(), "Put away")
}

func TestGoalsMoveOpenAndFilterByArea(t *testing.T) {
	repo := goalsJournal(t)
	s := goalsList(t, repo, 80, 20)

	send(t, s, "down", "j")
	mustContain(t, lineWith(t, s.View(), "Sort out the spare room"), "› Sort out")
	opened, ok := pushed(send(t, s, "enter")).(*goalScreen)
	if !ok || opened.id != goalID(t, repo, "Sort out the spare room") {
		t.Fatalf("enter should open the selected goal, got %#v", opened)
	}

	// f shows one area at a time, then all again; new goals start in it.
	send(t, s, "f")
	v := s.View()
	mustContain(t, v, "Goals in Health · 1", "› Get back to swimming")
	mustNotContain(t, v, "Cook for a friend", "Any area")
	edit, ok := pushed(send(t, s, "n")).(*goalEditScreen)
	if !ok || !edit.areas.chosen[dimID(t, repo, "Health")] {
		t.Fatal("a new goal from a filtered list should start in that area")
	}
	send(t, s, "f", "f")
	mustContain(t, s.View(), "Goals in Purpose · 2", "Resting · 1", "Reached · 1")
	send(t, s, "f")
	mustContain(t, s.View(), "Goals in Community · 2", "Let go · 1")
	send(t, s, "f")
	mustContain(t, s.View(), "All goals · 7")

	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Error("esc should go back")
	}
}

func TestGoalsScrollKeepsTheSelectionAndItsHeadingsInView(t *testing.T) {
	repo := goalsJournal(t)
	s := goalsList(t, repo, 80, 12)
	for i := 0; i < 6; i++ {
		send(t, s, "down")
	}
	v := s.View()
	assertFits(t, v, 80, 12)
	mustContain(t, v, "› Volunteer on Saturdays", "Let go · 1")
	for i := 0; i < 6; i++ {
		send(t, s, "up")
	}
	v = s.View()
	mustContain(t, v, "Active · 3", "Health", "› Get back to swimming")
}

func TestGoalsReloadKeepsTheSelectedGoal(t *testing.T) {
	repo := goalsJournal(t)
	s := goalsList(t, repo, 80, 40)
	send(t, s, "down") // Cook for a friend
	id := goalID(t, repo, "Cook for a friend")
	e, _ := repo.Get(id)
	g := cloneGoal(e.Goal)
	_ = g.SetStatus(journal.GoalResting, testNow)
	e.Goal = g
	if _, err := repo.Update(e); err != nil {
		t.Fatal(err)
	}
	run(t, s, s.Update(changedMsg{}))
	v := s.View()
	mustContain(t, v, "Active · 2", "Resting · 2", "› Cook for a friend")
	if strings.Index(v, "Cook for a friend") < strings.Index(v, "Resting · 2") {
		t.Errorf("a goal resting now belongs under Resting:\n%s", v)
	}
}

func TestGoalsShowStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	dims, _ = dims.Rename(dims.Sorted()[0].ID, "Health \x1b]0;x\x07")
	_ = repo.SaveDimensions(dims)
	goal, _ := journal.NewGoal(journal.GoalActive, testNow)
	goal.Steps = []journal.Step{{Text: "step \x1b]0;x\x07"}}
	_, _ = repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Goal \x1b]0;x\x07 \x1b[2J", Goal: goal,
		Dimensions: []string{dims.Sorted()[0].ID}})
	s := goalsList(t, repo, 80, 20)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Goal ␛]0;x␇ ␛[2J", "Health ␛]0;x␇")
	send(t, s, "f")
	assertTerminalSafe(t, s.View())
}

func TestGoalsFitEveryWindow(t *testing.T) {
	repo := goalsJournal(t)
	// A very long title too.
	goal, _ := journal.NewGoal(journal.GoalActive, testNow)
	goal.Steps = []journal.Step{{Text: "one"}}
	_, _ = repo.Create(journal.Entry{Kind: journal.KindGoal, Title: strings.Repeat("a long goal in many words ", 10), Goal: goal})
	for _, size := range [][2]int{{80, 20}, {50, 10}, {120, 36}} {
		s := goalsList(t, repo, size[0], size[1])
		for i := 0; i < 9; i++ {
			assertFits(t, s.View(), size[0], size[1])
			send(t, s, "down")
		}
	}
	assertFits(t, goalsList(t, memjournal.NewWithDefaults(testClock), 50, 10).View(), 50, 10)
}

func TestGoalsHelpFits(t *testing.T) {
	s := goalsList(t, goalsJournal(t), 80, 20)
	assertHelpFits(t, s)
	assertFullHelpFits(t, s)
}

func TestGoalsGolden(t *testing.T) {
	s := goalsList(t, goalsJournal(t), 80, 20)
	send(t, s, "down")
	golden(t, "goals", s.View())
}

// The goal screens together, through the root: set a goal, take a step,
// see it on the list.
func TestGoalsThroughTheApp(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	settle(t, a, push(newGoalsScreen(a.c)))
	mustContain(t, a.View(), "Waymark · Goals", "No goals yet.")

	press(t, a, "n")
	mustContain(t, a.View(), "Waymark · New goal", "What would make life a little better here? Say it your way.")
	typeText(t, a, "Walk to the park on Sundays")
	press(t, a, "ctrl+s")
	v := a.View()
	mustContain(t, v, "Waymark · Goal", "Walk to the park on Sundays", "Active since 23 Nov", "Saved.", "No steps yet")
	assertFits(t, v, 80, 24)

	press(t, a, "a")
	typeText(t, a, "Find my shoes")
	press(t, a, "enter", "space")
	mustContain(t, a.View(), "› [x] Find my shoes", "1 of 1 steps")
	press(t, a, "esc")
	v = a.View()
	mustContain(t, v, "Waymark · Goals", "Active · 1", "› Walk to the park on Sundays", "▰▰▰▰▰ 1/1")
	assertFits(t, v, 80, 24)
	press(t, a, "esc")
	mustContain(t, a.View(), "Waymark · Home")
}
