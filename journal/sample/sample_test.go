package sample

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func dims(t *testing.T) journal.Dimensions {
	t.Helper()
	n := 0
	return journal.DefaultStartingSet().Dimensions(func() string { n++; return string(rune('a' + n)) })
}

func TestSameSeedSameJournal(t *testing.T) {
	ds := dims(t)
	a := Entries(500, ds, Options{Seed: 1})
	b := Entries(500, ds, Options{Seed: 1})
	c := Entries(500, ds, Options{Seed: 2})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave two journals")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("two seeds gave the same journal")
	}
	if len(a) != 500 {
		t.Errorf("%d entries, want 500", len(a))
	}
}

func TestSampleIsVariedAndValid(t *testing.T) {
	ds := dims(t)
	end := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	const n = 5000
	es := Entries(n, ds, Options{Seed: 9, End: end, Years: 3})
	kinds := map[journal.Kind]int{}
	statuses := map[journal.GoalStatus]bool{}
	var letters, prompted, tagged, trashed, supporter, together, history int
	sessions := map[string]int{}
	valid := map[string]bool{}
	for _, d := range ds {
		valid[d.ID] = true
	}
	var last time.Time
	for i, e := range es {
		if _, err := journal.Prepare(e); err != nil {
			t.Fatalf("entry %d (%s) is refused: %v", i, e.Kind, err)
		}
		if e.When.Before(end.AddDate(-3, 0, 0)) || e.When.After(end) {
			t.Errorf("entry %d is at %v, outside the three years to %v", i, e.When, end)
		}
		if e.When.Before(last.Add(-time.Hour)) {
			t.Errorf("entry %d at %v comes well before the one before it (%v)", i, e.When, last)
		}
		last = e.When
		kinds[e.Kind]++
		for _, d := range e.Dimensions {
			if !valid[d] {
				t.Errorf("entry %d has an unknown area %q", i, d)
			}
		}
		if e.Kind == journal.KindReflection && len(strings.Fields(e.Text)) > LetterWords*9/10 {
			letters++
		}
		if e.Prompt != "" {
			prompted++
		}
		if len(e.Tags) > 0 {
			tagged++
		}
		if e.InTrash() {
			trashed++
			if e.Trashed.Before(e.When) {
				t.Errorf("entry %d trashed before it was written", i)
			}
		}
		if e.Goal != nil {
			statuses[e.Goal.Status] = true
			if len(e.Goal.History) > 1 {
				history++
			}
			if e.Goal.History[len(e.Goal.History)-1].Status != e.Goal.Status {
				t.Errorf("goal %d: history ends at %s, status %s", i, e.Goal.History[len(e.Goal.History)-1].Status, e.Goal.Status)
			}
		}
		if e.CheckIn != nil {
			firstBy := map[string]journal.Author{}
			for _, a := range e.CheckIn.Answers {
				if _, seen := firstBy[a.Dimension]; !seen {
					firstBy[a.Dimension] = a.By
				}
				if a.By == journal.AuthorSupporter {
					supporter++
					if firstBy[a.Dimension] == journal.AuthorSupporter {
						t.Errorf("check-in %d: the supporter's reading comes first", i)
					}
				}
			}
		}
		if e.Author == journal.AuthorTogether {
			together++
			sessions[e.Session]++
		}
	}
	for _, k := range journal.AllKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s entries: %v", k, kinds)
		}
	}
	for _, st := range journal.GoalStatuses {
		if !statuses[st] {
			t.Errorf("no goal is %s", st)
		}
	}
	if letters != n/LetterEvery {
		t.Errorf("%d long letters, want %d", letters, n/LetterEvery)
	}
	for what, got := range map[string]int{"prompted": prompted, "tagged": tagged, "trashed": trashed,
		"supporter readings": supporter, "written together": together, "goals with a history": history} {
		if got == 0 {
			t.Errorf("no %s entries", what)
		}
	}
	for id, count := range sessions {
		if id == "" || count < 3 {
			t.Errorf("session %q has %d entries", id, count)
		}
	}
}

func TestNoAreas(t *testing.T) {
	for _, e := range Entries(300, nil, Options{Seed: 4}) {
		if _, err := journal.Prepare(e); err != nil {
			t.Fatalf("%s refused: %v", e.Kind, err)
		}
		if len(e.Dimensions) > 0 {
			t.Fatalf("an area with none to choose from: %v", e.Dimensions)
		}
	}
}
