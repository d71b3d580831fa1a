package tui

import (
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// lookBackJournal has a few months of check-ins in Home and Health, one old
// one in Purpose, none in Community, and entries written on this day a
// month and a year ago, and yesterday.
func lookBackJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n).Add(-2 * time.Hour) }
	checkIn := func(n int, ratings map[string]int) {
		t.Helper()
		var ci journal.CheckIn
		var ids []string
		for _, name := range []string{"Health", "Home", "Purpose", "Community"} {
			v, ok := ratings[name]
			if !ok {
				continue
			}
			r, err := journal.Rating(v)
			if err != nil {
				t.Fatal(err)
			}
			id := dimID(t, repo, name)
			ci.Answers = append(ci.Answers, journal.Answer{Dimension: id, Value: r})
			ids = append(ids, id)
		}
		if _, err := repo.Create(journal.Entry{Kind: journal.KindCheckIn, When: day(n), Dimensions: ids, CheckIn: &ci}); err != nil {
			t.Fatal(err)
		}
	}
	checkIn(100, map[string]int{"Purpose": 5})
	checkIn(80, map[string]int{"Home": 3})
	checkIn(60, map[string]int{"Health": 6})
	checkIn(50, map[string]int{"Home": 4})
	checkIn(28, map[string]int{"Home": 4})
	checkIn(21, map[string]int{"Home": 5})
	checkIn(20, map[string]int{"Health": 5})
	checkIn(14, map[string]int{"Home": 6})
	checkIn(7, map[string]int{"Home": 6})
	checkIn(3, map[string]int{"Health": 4})
	checkIn(0, map[string]int{"Home": 7})
	for _, e := range []journal.Entry{
		{Kind: journal.KindReflection, When: testNow.AddDate(0, -1, 0), Dimensions: []string{dimID(t, repo, "Health")},
			Text: "First swim in years. Cold, and I loved it."},
		{Kind: journal.KindHope, When: testNow.AddDate(-1, 0, 0), Dimensions: []string{dimID(t, repo, "Home")},
			Text: "A place of my own, with a window that gets the morning sun"},
		{Kind: journal.KindReflection, When: testNow.AddDate(0, 0, -1), Text: "Yesterday's note"},
	} {
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func lookBack(t *testing.T, repo journal.Repository, width, height int) *lookBackScreen {
	t.Helper()
	return open(t, newLookBackScreen(newTestCommon(t, repo)), width, height).(*lookBackScreen)
}

// series builds points `daysAgo` days before testNow with the values given.
func series(pairs ...int) []journal.Point {
	var out []journal.Point
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, journal.Point{When: testNow.AddDate(0, 0, -pairs[i]), Value: pairs[i+1]})
	}
	return out
}

func TestTrendWords(t *testing.T) {
	tests := []struct {
		name           string
		points         []journal.Point
		want30, want90 string
	}{
		{"none", nil, "no check-ins yet", "no check-ins yet"},
		{"one", series(5, 6), "one check-in", "one check-in"},
		{"up", series(20, 3, 2, 5), "up 2", "up 2"},
		{"down over 90, one in 30", series(60, 8, 10, 7), "one check-in", "down 1"},
		{"steady, whatever came between", series(25, 5, 12, 2, 3, 5), "steady", "steady"},
		{"only long ago", series(200, 4), "none in 30 days", "none in 90 days"},
		{"gaps change nothing", series(80, 2, 29, 6, 1, 9), "up 3", "up 7"},
	}
	for _, tt := range tests {
		if got := trendWords(tt.points, testNow, 30); got != tt.want30 {
			t.Errorf("%s: over 30 days %q, want %q", tt.name, got, tt.want30)
		}
		if got := trendWords(tt.points, testNow, 90); got != tt.want90 {
			t.Errorf("%s: over 90 days %q, want %q", tt.name, got, tt.want90)
		}
	}
}

func TestLookBackShowsEachAreaInPlainWords(t *testing.T) {
	s := lookBack(t, lookBackJournal(t), 80, 20)
	if s.Title() != "Looking back" {
		t.Errorf("title %q", s.Title())
	}
	v := s.View()
	mustContain(t, v,
		"  Area              Latest   30 days           90 days           Recent",
		"› Health                 4   down 1            down 2            ▅▅▄",
		"  Home                   7   up 3              up 4              ▃▄▄▅▅▅▆",
		"  Purpose                5   none in 30 days   none in 90 days   ▅",
		"  Community                  no check-ins yet  no check-ins yet",
		"Health · the last 30 days",
	)
	mustNotContain(t, v, "total", "score", "average", "streak", "missed", "worse", "better")
	assertFits(t, v, 80, 20)
	assertTerminalSafe(t, v)

	// ↓ chooses the area the chart shows; w the stretch of time.
	send(t, s, "down")
	mustContain(t, s.View(), "› Home", "Home · the last 30 days")
	send(t, s, "w")
	mustContain(t, s.View(), "Home · the last 90 days")
	send(t, s, "w")
	mustContain(t, s.View(), "Home · the last year", "24 Nov 2025", "23 Nov 2026")
	send(t, s, "w")
	mustContain(t, s.View(), "Home · the last 30 days")

	send(t, s, "down")
	mustContain(t, s.View(), "No check-ins for Purpose in the last 30 days. Press w for a longer view.")
	send(t, s, "down")
	mustContain(t, s.View(), "No check-ins for Community yet.")
}

func TestLookBackOnThisDay(t *testing.T) {
	repo := lookBackJournal(t)
	s := lookBack(t, repo, 80, 20)
	v := s.View()
	mustContain(t, v, "On this day", "Fri 23 Oct      Reflection  Health · First swim in years.",
		"23 Nov 2025     Hope        Home · A place of my own")
	mustNotContain(t, v, "Yesterday's note")

	// tab goes to the entries; enter opens the one chosen.
	send(t, s, "tab")
	mustContain(t, s.View(), "› Fri 23 Oct")
	send(t, s, "down")
	mustContain(t, s.View(), "› 23 Nov 2025")
	msgs := send(t, s, "enter")
	r, ok := pushed(msgs).(*readScreen)
	if !ok {
		t.Fatalf("enter should open the entry: %v", msgs)
	}
	if want := s.days[1].ID; r.id != want {
		t.Errorf("opened %s, want %s", r.id, want)
	}
	// ↑ from the first entry goes back to the areas.
	send(t, s, "up", "up")
	mustContain(t, s.View(), "› Health")
	if msgs := send(t, s, "enter"); pushed(msgs) != nil {
		t.Error("enter on an area should open nothing")
	}
}

func TestLookBackEmptyIsKind(t *testing.T) {
	s := lookBack(t, memjournal.NewWithDefaults(testClock), 80, 20)
	v := s.View()
	mustContain(t, v, "When you check in, how each area has moved will show here.",
		"Entries from this day in earlier months and years will show here.")
	mustNotContain(t, v, "no check-ins yet", "│")
	if msgs := send(t, s, "down", "tab", "w", "enter"); len(msgs) != 0 {
		t.Fatalf("keys on an empty look-back led to %v", msgs)
	}
	assertHelpFits(t, s)

	blank := memjournal.New(testClock)
	_, _ = blank.Begin(journal.StartingSet{Key: "blank"})
	mustContain(t, lookBack(t, blank, 80, 20).View(), "No life areas yet.")
}

func TestLookBackReloadsWhenTheJournalChanges(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := lookBack(t, repo, 80, 20)
	mustContain(t, s.View(), "When you check in")
	nine, _ := journal.Rating(9)
	health := dimID(t, repo, "Health")
	_, _ = repo.Create(journal.Entry{Kind: journal.KindCheckIn, Dimensions: []string{health},
		CheckIn: &journal.CheckIn{Answers: []journal.Answer{{Dimension: health, Value: nine}}}})
	run(t, s, s.Update(changedMsg{}))
	mustContain(t, s.View(), "› Health                 9   one check-in")
}

func TestLookBackShowsStoredTextHarmlessly(t *testing.T) {
	repo := lookBackJournal(t)
	dims, _ := repo.Dimensions()
	for i := range dims {
		dims[i].Name += " \x1b]0;x\x07"
	}
	_ = repo.SaveDimensions(dims)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, When: testNow.AddDate(0, -2, 0),
		Text: "Two months \x1b]0;x\x07 ago \x1b[2J"})
	s := lookBack(t, repo, 80, 24)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Health ␛]0;x␇", "Two months ␛]0;x␇ ago ␛[2J")
	send(t, s, "down", "down", "down")
	assertTerminalSafe(t, s.View())
}

func TestLookBackFits(t *testing.T) {
	repo := lookBackJournal(t)
	// Eight more areas, and more entries on this day than fit.
	dims, _ := repo.Dimensions()
	for _, name := range []string{"Emotional", "Environmental", "Financial", "Intellectual"} {
		dims, _, _ = dims.Add(repo.NewDimensionID(), name)
	}
	_ = repo.SaveDimensions(dims)
	for i := 2; i < 14; i++ {
		_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, When: testNow.AddDate(0, -i, 0), Text: "An older day"})
	}
	for _, size := range [][2]int{{80, 20}, {50, 10}, {120, 36}} {
		s := lookBack(t, repo, size[0], size[1])
		assertFits(t, s.View(), size[0], size[1])
		for i := 0; i < 30; i++ {
			send(t, s, "down")
			assertFits(t, s.View(), size[0], size[1])
		}
		mustContain(t, s.View(), "› ") // the cursor stays in view
		send(t, s, "w", "w")
		assertFits(t, s.View(), size[0], size[1])
	}
	s := lookBack(t, repo, 80, 20)
	assertHelpFits(t, s)
	assertFullHelpFits(t, s)
}

func TestLookBackGolden(t *testing.T) {
	s := lookBack(t, lookBackJournal(t), 80, 20)
	send(t, s, "down")
	golden(t, "lookback", s.View())
}

// The look-back through the whole app opens and closes like any screen.
func TestLookBackThroughTheApp(t *testing.T) {
	a := newTestApp(t, lookBackJournal(t))
	settle(t, a, push(newLookBackScreen(a.c)))
	mustContain(t, a.View(), "Waymark · Looking back", "Health · the last 30 days", "On this day")
	assertFits(t, a.View(), 80, 24)
	press(t, a, "tab", "enter")
	mustContain(t, a.View(), "First swim in years.")
	press(t, a, "esc", "esc")
	mustContain(t, a.View(), "Recent")
}
