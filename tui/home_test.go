package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// homeJournal is a journal a few weeks in: entries, hopes, goals and check-ins.
func homeJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	id := func(name string) string {
		d, ok := dims.ByName(name)
		if !ok {
			t.Fatalf("no area %q", name)
		}
		return d.ID
	}
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	mustCreate := func(e journal.Entry) {
		t.Helper()
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	for i, v := range []int{3, 4, 4, 6, 7} {
		home, _ := journal.Rating(v)
		health, _ := journal.Rating(8 - i)
		mustCreate(journal.Entry{Kind: journal.KindCheckIn, When: day(28 - 7*i), Dimensions: []string{id("Home"), id("Health")},
			CheckIn: &journal.CheckIn{Answers: []journal.Answer{{Dimension: id("Home"), Value: home}, {Dimension: id("Health"), Value: health}}}})
	}
	mustCreate(journal.Entry{Kind: journal.KindHope, When: day(3), Dimensions: []string{id("Home")}, Text: "I hope to have my own place by spring"})
	mustCreate(journal.Entry{Kind: journal.KindReflection, When: day(1), Dimensions: []string{id("Home"), id("Community")}, Text: "A calm week by the river"})
	for _, g := range []struct {
		title   string
		status  journal.GoalStatus
		revisit time.Time
	}{
		{"Get back to swimming once a week", journal.GoalActive, day(2)},
		{"Cook for a friend", journal.GoalActive, testNow.AddDate(0, 1, 0)},
		{"Finish the course", journal.GoalReached, day(9)},
	} {
		goal, _ := journal.NewGoal(g.status, day(20))
		goal.Revisit = g.revisit
		mustCreate(journal.Entry{Kind: journal.KindGoal, When: day(20), Title: g.title, Goal: goal, Dimensions: []string{id("Health")}})
	}
	return repo
}

func TestHomeShowsEachAreaWithItsOwnRatingAndNoTotal(t *testing.T) {
	a := newTestApp(t, homeJournal(t))
	view := a.View()
	mustContain(t, view,
		"Health              8 entries   now  4  ▇▆▅▅▄",
		"Home                7 entries   now  7  ▃▄▄▅▆",
		"Community           1 entry",
		"2 active goals · 1 ready for a look · 1 hope",
		"A calm week by the river",
	)
	mustNotContain(t, view, "overdue", "failed", "total", "score", "streak")
	golden(t, "home", view)
}

func TestHomeOpensAnAreasTimeline(t *testing.T) {
	a := newTestApp(t, homeJournal(t))
	press(t, a, "tab", "down", "enter")
	view := a.View()
	mustContain(t, view, "Home · 7")
	if strings.Contains(view, "Health ·") {
		t.Errorf("timeline should hold only Home entries:\n%s", view)
	}
}

func TestHomeWelcomesBackAfterAGap(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, When: testNow.AddDate(0, 0, -12), Text: "Before the gap"}); err != nil {
		t.Fatal(err)
	}
	view := newTestApp(t, repo).View()
	mustContain(t, view, "Welcome back.")
	mustNotContain(t, view, "12 days", "missed")
}

func TestHomeKeysFit(t *testing.T) {
	a := newTestApp(t, homeJournal(t))
	assertHelpFits(t, a.top())
	assertFullHelpFits(t, a.top())
	for _, k := range []string{"g", "c", "l", "H", "t", "a", "T"} {
		press(t, a, k)
		if len(a.stack) != 2 {
			t.Fatalf("%s opened no screen", k)
		}
		assertHelpFits(t, a.top())
		press(t, a, "esc")
		if len(a.stack) != 1 {
			t.Fatalf("esc did not come back from the screen %s opened (%s)", k, a.top().Title())
		}
	}
}

// In the larger view fewer recent entries fit; moving down still shows the
// chosen one.
func TestHomeKeepsTheChosenEntryInViewInTheLargerView(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	for i := range 10 {
		if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprintf("Entry number %d", i),
			When: testClock().Add(-time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlT)
	for range 9 {
		press(t, a, "down")
	}
	mustContain(t, a.View(), "› Today 01:00", "Entry number 9")
}
