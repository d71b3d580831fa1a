package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// countingRepo records every List call, to show what the timeline reads.
type countingRepo struct {
	journal.Repository
	mu    sync.Mutex
	lists []journal.Query
}

func (r *countingRepo) List(q journal.Query) (journal.Page, error) {
	r.mu.Lock()
	r.lists = append(r.lists, q)
	r.mu.Unlock()
	return r.Repository.List(q)
}

func (r *countingRepo) calls() []journal.Query {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]journal.Query(nil), r.lists...)
}

// addEntries writes n reflections, an hour apart, newest first, and returns their ids.
func addEntries(t testing.TB, repo journal.Repository, n int) []string {
	t.Helper()
	ids := make([]string, 0, n)
	for i := 0; i < n; i++ {
		e, err := repo.Create(journal.Entry{Kind: journal.KindReflection,
			Text: fmt.Sprintf("Entry number %d", i), When: testNow.Add(-time.Duration(i+1) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	return ids
}

func dimID(t *testing.T, repo journal.Repository, name string) string {
	t.Helper()
	dims, _ := repo.Dimensions()
	d, ok := dims.ByName(name)
	if !ok {
		t.Fatalf("no area %q", name)
	}
	return d.ID
}

func timeline(t *testing.T, repo journal.Repository, q journal.Query) *timelineScreen {
	t.Helper()
	return open(t, newTimelineScreen(newTestCommon(t, repo), q), 80, 20).(*timelineScreen)
}

func TestTimelineLoadsPageByPageAsTheCursorNearsTheEnd(t *testing.T) {
	repo := &countingRepo{Repository: memjournal.NewWithDefaults(testClock)}
	addEntries(t, repo, 120)
	s := timeline(t, repo, journal.Query{})

	if n := len(repo.calls()); n != 1 || len(s.items) != 50 || s.total != 120 {
		t.Fatalf("at open: %d List calls, %d loaded of %d; want 1 call, 50 of 120", n, len(s.items), s.total)
	}
	mustContain(t, s.View(), "All entries · 120", "› Today 09:00", "Entry number 0")

	// 18 rows show at 80x20; moving to row 39 keeps the last row shown more
	// than ten rows from the end of the 50 loaded.
	for i := 0; i < 39; i++ {
		send(t, s, "down")
	}
	if n := len(repo.calls()); n != 1 {
		t.Fatalf("at row %d: %d List calls, want still 1", s.cursor, n)
	}
	send(t, s, "j")
	calls := repo.calls()
	if len(calls) != 2 || len(s.items) != 100 {
		t.Fatalf("at row %d: %d List calls and %d loaded, want 2 and 100", s.cursor, len(calls), len(s.items))
	}
	if q := calls[1]; q.Offset != 50 || q.Limit != 50 {
		t.Fatalf("second page asked for offset %d limit %d, want 50 and 50", q.Offset, q.Limit)
	}
	mustContain(t, s.View(), "› ", "Entry number 40")

	// G goes to the last loaded row, which brings the last 20; then nothing more.
	send(t, s, "G")
	send(t, s, "G", "end", "down", "down")
	calls = repo.calls()
	if len(calls) != 3 || len(s.items) != 120 {
		t.Fatalf("at the end: %d List calls and %d loaded, want 3 and 120", len(calls), len(s.items))
	}
	if s.cursor != 119 || !strings.Contains(s.View(), "Entry number 119") {
		t.Fatalf("cursor at %d, want the oldest entry (119):\n%s", s.cursor, s.View())
	}
	for i, q := range calls {
		if q.Limit != 50 {
			t.Errorf("call %d asked for %d rows, want a page of 50", i, q.Limit)
		}
	}

	// Back to the top and a change elsewhere: one reload of what is loaded.
	send(t, s, "g")
	run(t, s, s.Update(changedMsg{}))
	calls = repo.calls()
	if last := calls[len(calls)-1]; len(calls) != 4 || last.Offset != 0 || last.Limit != 120 {
		t.Fatalf("reload: %d calls, last %+v; want a 4th call for the 120 loaded", len(calls), last)
	}
}

func TestTimelineStaysInstantWithAHundredThousandEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large journal")
	}
	repo := &countingRepo{Repository: memjournal.NewWithDefaults(testClock)}
	addEntries(t, repo, 100_000)
	start := time.Now()
	s := timeline(t, repo, journal.Query{})
	for i := 0; i < 60; i++ {
		send(t, s, "pgdown")
	}
	_ = s.View()
	if len(s.items) > 60*18+2*timelinePage {
		t.Fatalf("loaded %d summaries for %d rows scrolled", len(s.items), s.cursor)
	}
	t.Logf("opened and paged through %d of 100,000 in %v with %d List calls", len(s.items), time.Since(start), len(repo.calls()))
}

func BenchmarkTimelineOpen(b *testing.B) {
	repo := memjournal.NewWithDefaults(testClock)
	addEntries(b, repo, 100_000)
	c := &common{repo: repo, styles: NewStyles(true), now: testClock}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := newTimelineScreen(c, journal.Query{}).(*timelineScreen)
		s.SetSize(80, 20)
		s.Update(s.Init()())
		_ = s.View()
	}
}

func TestTimelineFiltersByAreaAndKind(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	health, home := dimID(t, repo, "Health"), dimID(t, repo, "Home")
	for i, e := range []journal.Entry{
		{Kind: journal.KindReflection, Text: "Walked to the shop", Dimensions: []string{health}},
		{Kind: journal.KindReflection, Text: "Painted the hallway", Dimensions: []string{home}},
		{Kind: journal.KindHope, Text: "A garden of my own", Dimensions: []string{home}},
		{Kind: journal.KindHope, Text: "To sing again"},
	} {
		e.When = testNow.Add(-time.Duration(i+1) * time.Hour)
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	s := timeline(t, repo, journal.Query{})
	mustContain(t, s.View(), "All entries · 4")

	send(t, s, "a")
	v := s.View()
	mustContain(t, v, "Health · 1", "Walked to the shop")
	mustNotContain(t, v, "Painted", "garden", "sing")

	send(t, s, "a")
	v = s.View()
	mustContain(t, v, "Home · 2", "Painted the hallway", "A garden of my own")
	mustNotContain(t, v, "Walked", "sing")

	send(t, s, "v")
	v = s.View()
	mustContain(t, v, "Home · Reflections · 1", "Painted the hallway")
	mustNotContain(t, v, "garden")

	send(t, s, "v")
	v = s.View()
	mustContain(t, v, "Home · Hopes · 1", "› Today 07:00", "Hope", "A garden of my own")
	mustNotContain(t, v, "Painted")

	send(t, s, "a")
	mustContain(t, s.View(), "Purpose · Hopes · 0", "No hopes in Purpose yet.")
	send(t, s, "a", "a")
	mustContain(t, s.View(), "Hopes · 2", "A garden of my own", "To sing again")

	// The kind filter runs through every kind and back to all.
	for range journal.AllKinds[1:] {
		send(t, s, "v")
	}
	mustContain(t, s.View(), "All entries · 4")
}

func TestTimelineOpensOnOneArea(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	home := dimID(t, repo, "Home")
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Fixed the tap", Dimensions: []string{home}})
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Slept well"})
	s := timeline(t, repo, journal.Query{Dimension: home})
	v := s.View()
	mustContain(t, v, "Home · 1", "Fixed the tap", "Home")
	mustNotContain(t, v, "Slept well")

	empty := timeline(t, repo, journal.Query{Dimension: dimID(t, repo, "Community")})
	mustContain(t, empty.View(), "Community · 0", "Nothing in Community yet.")
}

func TestTimelineMovesToTrashAndUndoes(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	ids := addEntries(t, repo, 3)
	s := timeline(t, repo, journal.Query{})
	send(t, s, "down")

	msgs := send(t, s, "x")
	wantNote(t, msgs, "Moved to the trash. Press u to bring it back.", false)
	if !hasMsg[changedMsg](msgs) {
		t.Error("moving to the trash should tell other screens the journal changed")
	}
	if e, _ := repo.Get(ids[1]); !e.InTrash() {
		t.Fatal("the selected entry should be in the trash")
	}
	v := s.View()
	mustContain(t, v, "All entries · 2", "Entry number 0", "› Today 07:00", "Entry number 2")
	mustNotContain(t, v, "Entry number 1")

	msgs = send(t, s, "u")
	wantNote(t, msgs, "Brought back.", false)
	if e, _ := repo.Get(ids[1]); e.InTrash() {
		t.Fatal("u should bring the entry back")
	}
	mustContain(t, s.View(), "All entries · 3", "Entry number 1")
	if s.selectedID() != ids[1] {
		t.Error("the entry brought back should be selected again")
	}

	// Nothing left to undo: u does nothing.
	if msgs := send(t, s, "u"); len(msgs) != 0 {
		t.Fatalf("u with nothing to undo led to %v", msgs)
	}
	// delete is the other key for the trash.
	send(t, s, "delete")
	if c, _ := repo.Counts(); c.Trash != 1 {
		t.Fatalf("delete key: %d in the trash, want 1", c.Trash)
	}
}

func TestTimelineTOpensTheTrashAndEnterOpensAnEntry(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	ids := addEntries(t, repo, 2)
	s := timeline(t, repo, journal.Query{})
	tr, ok := pushed(send(t, s, "T")).(*timelineScreen)
	if !ok || !tr.query.Trash {
		t.Fatal("T should open the trash view")
	}
	send(t, s, "j")
	r, ok := pushed(send(t, s, "enter")).(*readScreen)
	if !ok || r.id != ids[1] {
		t.Fatalf("enter should open the selected entry, got %#v", r)
	}
	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Fatal("esc should go back")
	}
}

func TestTrashViewRestoresAndEmptiesAfterAsking(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	ids := addEntries(t, repo, 4)
	for _, id := range ids[:3] {
		if err := repo.Trash(id); err != nil {
			t.Fatal(err)
		}
	}
	s := timeline(t, repo, journal.Query{Trash: true})
	v := s.View()
	mustContain(t, v, "Trash · 3 — entries here can be brought back", "Entry number 0", "Entry number 2")
	mustNotContain(t, v, "Entry number 3")
	if s.Title() != "Trash" {
		t.Errorf("title %q", s.Title())
	}

	// Keys of the timeline do nothing here.
	for _, k := range []string{"x", "T", "u", "n", "f", "v"} {
		if msgs := send(t, s, k); len(msgs) != 0 {
			t.Fatalf("%s in the trash led to %v", k, msgs)
		}
	}

	msgs := send(t, s, "r")
	wantNote(t, msgs, "Brought back.", false)
	if e, _ := repo.Get(ids[0]); e.InTrash() {
		t.Fatal("r should bring back the selected entry")
	}
	mustContain(t, s.View(), "Trash · 2")

	// Any key but y leaves the trash as it is.
	for _, other := range []string{"k", "n", "esc", "enter", "q"} {
		send(t, s, "E")
		mustContain(t, s.View(), "Delete the 2 entries in the trash for good? This can't be undone. y / n")
		if msgs := send(t, s, other); hasMsg[popMsg](msgs) || hasMsg[changedMsg](msgs) {
			t.Fatalf("%q after E should only close the question, got %v", other, msgs)
		}
		mustNotContain(t, s.View(), "for good?")
		if c, _ := repo.Counts(); c.Trash != 2 {
			t.Fatalf("%q emptied the trash", other)
		}
	}

	send(t, s, "E")
	msgs = send(t, s, "y")
	wantNote(t, msgs, "The trash is empty now.", false)
	if c, _ := repo.Counts(); c.Trash != 0 || c.All != 2 {
		t.Fatalf("after emptying: %d in the trash, %d kept; want 0 and 2", c.Trash, c.All)
	}
	mustContain(t, s.View(), "Trash · 0", "The trash is empty.")
	if msgs := send(t, s, "E"); len(msgs) != 0 || s.confirm {
		t.Fatal("an empty trash has nothing to empty")
	}
}

func TestTimelineEmptyJournalInvitesWriting(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := timeline(t, repo, journal.Query{})
	mustContain(t, s.View(), "All entries · 0", "Nothing here yet. When you're ready, press n to write.")
	if _, ok := pushed(send(t, s, "n")).(*writeScreen); !ok {
		t.Fatal("n should open the writing screen")
	}
	if msgs := send(t, s, "enter", "x"); len(msgs) != 0 {
		t.Fatalf("enter and x with nothing selected led to %v", msgs)
	}
	mustContain(t, timeline(t, repo, journal.Query{Trash: true}).View(), "The trash is empty.")
}

func TestTimelineDropsStaleAndOthersResults(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	addEntries(t, repo, 3)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Tagged", Dimensions: []string{dimID(t, repo, "Health")}})
	s := timeline(t, repo, journal.Query{})

	stale := s.Update(changedMsg{}) // asks for everything…
	fresh := s.Update(keyMsg("a"))  // …then, before the answer, for Health only
	run(t, s, fresh)
	run(t, s, stale)
	mustContain(t, s.View(), "Health · 1", "Tagged")
	mustNotContain(t, s.View(), "Entry number")

	// A page answered to another timeline (the trash view above) is not ours.
	other := newTimelineScreen(s.c, journal.Query{Trash: true}).(*timelineScreen)
	s.Update(timelinePageMsg{owner: other, seq: s.seq, page: journal.Page{Total: 0}})
	mustContain(t, s.View(), "Health · 1", "Tagged")
}

func TestTimelineRowsFitOneLineAtEveryWidth(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	var all []string
	for _, d := range dims {
		all = append(all, d.ID)
	}
	seven := 7
	for _, e := range []journal.Entry{
		{Kind: journal.KindSupport, When: testNow.Add(-26 * time.Hour), Dimensions: all,
			Text: "漢字とかなの長い見出し 🌱🌱🌱 " + strings.Repeat("and a very long first line ", 10)},
		{Kind: journal.KindCheckIn, When: testNow.AddDate(-1, 0, 0),
			CheckIn: &journal.CheckIn{Answers: []journal.Answer{{Dimension: all[0], Value: &seven}}}},
	} {
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	addEntries(t, repo, 5)
	for width := 10; width <= 140; width += 7 {
		s := open(t, newTimelineScreen(newTestCommon(t, repo), journal.Query{}), width, 20).(*timelineScreen)
		v := s.View()
		assertFits(t, v, width, 20)
		if rows := len(strings.Split(v, "\n")) - 2; rows != 7 {
			t.Errorf("width %d: %d rows for 7 entries:\n%s", width, rows, v)
		}
	}
}

func TestTimelineShowsStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	dims[0].Name = "Health\x1b[2J"
	_ = repo.SaveDimensions(dims)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Dimensions: []string{dims[0].ID},
		Title: "\x1b]0;x\x07 a title", Text: "text \x1b[2J"})
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "\x1b[2J\x1b]0;x\x07 more"})
	s := timeline(t, repo, journal.Query{Dimension: dims[0].ID})
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "␛]0;x␇ a title")
	send(t, s, "a", "a", "a", "a")
	assertTerminalSafe(t, s.View())
	mustContain(t, s.View(), "␛[2J␛]0;x␇ more")
}

func TestTimelineHelpFitsTheBar(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	addEntries(t, repo, 3)
	s := timeline(t, repo, journal.Query{})
	assertHelpFits(t, s)
	send(t, s, "x") // now u is offered too
	if !s.keys.Undo.Enabled() {
		t.Fatal("u should be offered after moving to the trash")
	}
	assertHelpFits(t, s)
	tr := timeline(t, repo, journal.Query{Trash: true})
	assertHelpFits(t, tr)
	for _, b := range tr.Keys().ShortHelp() {
		if b.Enabled() && (b.Help().Key == "x" || b.Help().Key == "T" || b.Help().Key == "u") {
			t.Errorf("%s offered in the trash", b.Help().Key)
		}
	}
	assertFullHelpFits(t, s)
	assertFullHelpFits(t, tr)
	send(t, tr, "E")
	assertHelpFits(t, tr)
}

func goldenJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	health, home, community := dimID(t, repo, "Health"), dimID(t, repo, "Home"), dimID(t, repo, "Community")
	for _, e := range []journal.Entry{
		{Kind: journal.KindReflection, When: testNow.Add(-30 * time.Minute), Dimensions: []string{health},
			Text: "Walked by the river before breakfast. The light on the water helped."},
		{Kind: journal.KindHope, When: testNow.Add(-16 * time.Hour), Dimensions: []string{home},
			Text: "A place of my own, with a window that gets the morning sun"},
		{Kind: journal.KindReflection, When: testNow.AddDate(0, 0, -3), Dimensions: []string{home, community},
			Prompt: "Who did I feel connected to this week?", Text: "Called my sister.\n\nWe laughed about the old flat."},
		{Kind: journal.KindReflection, When: testNow.AddDate(0, -2, 0), Text: "# Notes\n\nA quiet week, and that was fine."},
		{Kind: journal.KindHope, When: testNow.AddDate(-1, 0, 0), Dimensions: []string{health, home, community},
			Text: "To feel steady enough to go back to the choir, and to sing with people again"},
	} {
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func TestTimelineGolden(t *testing.T) {
	repo := goldenJournal(t)
	s := timeline(t, repo, journal.Query{})
	send(t, s, "down")
	golden(t, "timeline", s.View())
}

func TestTrashGolden(t *testing.T) {
	repo := goldenJournal(t)
	page, _ := repo.List(journal.Query{})
	for _, sum := range page.Summaries[1:3] {
		_ = repo.Trash(sum.ID)
	}
	s := timeline(t, repo, journal.Query{Trash: true})
	send(t, s, "E")
	golden(t, "trash", s.View())
}

// The screens together, through the root: push, pop, notes and reloads.
func TestTimelineTrashAndReadThroughTheApp(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	ids := addEntries(t, repo, 3)
	a := newTestApp(t, repo)

	press(t, a, "t")
	mustContain(t, a.View(), "Waymark · Timeline", "All entries · 3", "› Today 09:00")
	press(t, a, "x")
	mustContain(t, a.View(), "All entries · 2", "Moved to the trash. Press u to bring it back.", "u undo")
	press(t, a, "u")
	mustContain(t, a.View(), "All entries · 3", "Brought back.")

	press(t, a, "down", "enter")
	mustContain(t, a.View(), "Waymark · Reflection", "Entry number 1", "e edit")
	press(t, a, "x")
	mustContain(t, a.View(), "Waymark · Timeline", "All entries · 2", "You can bring it back from the trash (T in the timeline).")

	press(t, a, "T")
	mustContain(t, a.View(), "Waymark · Trash", "Trash · 1 — entries here can be brought back", "Entry number 1", "r bring back")
	press(t, a, "r")
	mustContain(t, a.View(), "Trash · 0", "The trash is empty.", "Brought back.")
	press(t, a, "esc")
	mustContain(t, a.View(), "All entries · 3", "Entry number 1")
	if e, _ := repo.Get(ids[1]); e.InTrash() {
		t.Fatal("the entry should be back")
	}
	press(t, a, "esc")
	mustNotContain(t, a.View(), "Waymark · Timeline")
}

// searchRepo records every search that looks for something, and can hold
// searches until their context is done, to show what the timeline asks.
type searchRepo struct {
	journal.Repository
	mu       sync.Mutex
	texts    []string
	contexts []context.Context
	block    bool
}

func (r *searchRepo) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	if strings.TrimSpace(text) != "" {
		r.mu.Lock()
		r.texts = append(r.texts, text)
		r.contexts = append(r.contexts, ctx)
		block := r.block
		r.mu.Unlock()
		if block {
			<-ctx.Done()
			return journal.SearchPage{}, ctx.Err()
		}
	}
	return r.Repository.Search(ctx, text, q)
}

func (r *searchRepo) searches() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.texts...)
}

func searchJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := goldenJournal(t)
	for _, e := range []journal.Entry{
		{Kind: journal.KindReflection, When: testNow.Add(-2 * time.Hour), Tags: []string{"calm"},
			Text: "Planted beans in the Garden with Sam. Tired, and glad of it."},
		{Kind: journal.KindHope, When: testNow.AddDate(0, 0, -10), Tags: []string{"calm"},
			Text: "A small gardén on the balcony, herbs first"},
		{Kind: journal.KindReflection, When: testNow.AddDate(0, -1, 0),
			Text: "Read about community gardens.\nThe one on Elm Street has plots free in spring."},
	} {
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func TestTimelineSearchWaitsForAPauseInTyping(t *testing.T) {
	repo := &searchRepo{Repository: searchJournal(t)}
	s := timeline(t, repo, journal.Query{})
	send(t, s, "/")
	if !s.Typing() {
		t.Fatal("the search field should have the keys")
	}
	// Two quick keystrokes: the first one's wait ends after the second
	// came, so only the second searches.
	first := s.Update(keyMsg("g"))
	second := s.Update(keyMsg("a"))
	run(t, s, first)
	if n := len(repo.searches()); n != 0 {
		t.Fatalf("%d searches after a superseded keystroke, want 0", n)
	}
	run(t, s, second)
	if got := repo.searches(); len(got) != 1 || got[0] != "ga" {
		t.Fatalf("searches = %q, want one for \"ga\"", got)
	}
	mustContain(t, s.View(), "Search: ga", "All entries · 4 found", "[Ga]rden", "[ga]rdén", "[ga]rdens", "a[ga")
}

func TestTimelineSearchCancelsTheOneBeforeAndDropsItsAnswer(t *testing.T) {
	repo := &searchRepo{Repository: searchJournal(t), block: true}
	s := timeline(t, repo, journal.Query{})
	send(t, s, "/")
	s.Update(keyMsg("g"))
	old := s.Update(timelineSearchTickMsg{owner: s, seq: s.search.seq}) // the pause is over: it searches
	if old == nil {
		t.Fatal("the tick should start a search")
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- old() }()
	waitFor(t, func() bool { return len(repo.searches()) == 1 })

	s.Update(keyMsg("a")) // typing goes on
	repo.mu.Lock()
	ctx := repo.contexts[0]
	repo.mu.Unlock()
	select {
	case msg := <-done:
		if ctx.Err() == nil {
			t.Fatal("the first search's context was not cancelled")
		}
		// Its answer, an error now, is dropped: no note, no change.
		if cmd := s.Update(msg); cmd != nil {
			t.Fatalf("the stale answer led to %v", cmd())
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the first search was never cancelled")
	}
	if s.search.shown {
		t.Fatal("a stale answer was shown")
	}
	// A stale answer with hits is dropped too.
	s.Update(timelineSearchMsg{owner: s, seq: s.search.seq - 1, page: journal.SearchPage{Total: 9, Hits: []journal.Hit{{Summary: journal.Summary{ID: "x", Title: "stale"}}}}})
	mustNotContain(t, s.View(), "stale", "9 found")
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("timed out")
}

func TestTimelineSearchEnterEscAndOpen(t *testing.T) {
	repo := searchJournal(t)
	s := timeline(t, repo, journal.Query{})
	send(t, s, "/")
	sendText(t, s, "garden")
	send(t, s, "enter")
	if s.Typing() {
		t.Fatal("enter should move the keys to the results")
	}
	v := s.View()
	mustContain(t, v, "Search: garden", "3 found", "[Garden]", "[gardén]", "[garden]s")
	// Opening a hit marks the words in the reader.
	r, ok := pushed(send(t, s, "enter")).(*readScreen)
	if !ok {
		t.Fatal("enter should open the hit in the reader")
	}
	open(t, r, 80, 20)
	mustContain(t, r.View(), "Planted beans in the [Garden] with Sam.")
	// esc clears the search and shows the list again.
	send(t, s, "esc")
	mustContain(t, s.View(), "All entries · 8")
	mustNotContain(t, s.View(), "Search:", "found")
	// esc while typing clears it too.
	send(t, s, "/")
	sendText(t, s, "zzz")
	mustContain(t, s.View(), "Nothing found for that. Try fewer or different words.")
	send(t, s, "esc")
	if s.Typing() || s.search.open {
		t.Fatal("esc should close the search")
	}
	mustContain(t, s.View(), "All entries · 8")
}

func TestTimelineSearchMarksOnlySafeText(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "a \x1b[31mgarden\x1b[0m \x1b]0;garden\x07 plot"})
	s := timeline(t, repo, journal.Query{})
	send(t, s, "/")
	sendText(t, s, "garden")
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "1 found", "[garden]")
	r := pushed(send(t, s, "enter", "enter"))
	open(t, r, 80, 20)
	assertTerminalSafe(t, r.View())
	mustContain(t, r.View(), "[garden]")
}

func TestTimelineFiltersCombineWithSearch(t *testing.T) {
	repo := searchJournal(t)
	s := timeline(t, repo, journal.Query{})
	send(t, s, "f")
	if !s.Typing() {
		t.Fatal("the filters should have the keys")
	}
	send(t, s, "down", "right", "right") // kind: hopes
	send(t, s, "down")                   // tag
	sendText(t, s, "calm")
	send(t, s, "enter")
	v := s.View()
	mustContain(t, v, "Hopes · 1", "Only tag calm", "A small gardén")
	mustNotContain(t, v, "Planted")

	send(t, s, "/")
	sendText(t, s, "garden")
	v = s.View()
	mustContain(t, v, "Hopes · 1 found", "Only tag calm", "[gardén]")
	mustNotContain(t, v, "Planted", "Elm Street")

	// Changing the filters searches again under them.
	send(t, s, "enter", "f", "down", "right", "right", "right", "right", "right", "right", "enter")
	v = s.View()
	mustContain(t, v, "All entries · 2 found", "Only tag calm", "Planted beans", "gardén")
}

func TestTimelineFilterDatesAndStatus(t *testing.T) {
	repo := searchJournal(t)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindGoal, Title: "Grow tomatoes", When: testNow.Add(-time.Hour),
		Goal: &journal.Goal{Status: journal.GoalResting}})
	s := timeline(t, repo, journal.Query{})
	send(t, s, "f", "down", "down", "down", "down") // from
	sendText(t, s, "2025-13-01")
	send(t, s, "enter")
	mustContain(t, s.View(), "That date doesn't look right — try 2026-05-01.")
	if s.filters == nil {
		t.Fatal("a wrong date should keep the filters open")
	}
	for range 10 {
		send(t, s, "backspace")
	}
	from := testNow.AddDate(0, 0, -11).Format("2006-01-02")
	sendText(t, s, from)
	send(t, s, "enter")
	v := s.View()
	mustContain(t, v, "Only from "+from, "Planted beans", "A small gardén", "Grow tomatoes")
	mustNotContain(t, v, "Elm Street", "choir")

	send(t, s, "f", "up", "up", "up", "right", "right", "right", "enter") // status: resting
	v = s.View()
	mustContain(t, v, "Only resting goals · from "+from, "Grow tomatoes")
	mustNotContain(t, v, "Planted")

	// esc leaves the filters as they were.
	send(t, s, "f", "down", "right", "esc")
	mustContain(t, s.View(), "Only resting goals")
	if s.Typing() {
		t.Fatal("esc should close the filters")
	}
}

func TestSearchGolden(t *testing.T) {
	repo := searchJournal(t)
	s := open(t, newTimelineScreen(newTestCommon(t, repo), journal.Query{}), 80, 24).(*timelineScreen)
	send(t, s, "/")
	sendText(t, s, "garden")
	send(t, s, "enter", "down")
	golden(t, "search", s.View())

	send(t, s, "/")
	sendText(t, s, " nowhere")
	send(t, s, "enter")
	golden(t, "search_nothing", s.View())
}

func TestTimelineFilterGolden(t *testing.T) {
	repo := searchJournal(t)
	s := open(t, newTimelineScreen(newTestCommon(t, repo), journal.Query{}), 80, 24).(*timelineScreen)
	send(t, s, "f", "down", "right", "down")
	sendText(t, s, "calm")
	send(t, s, "down", "right", "right", "down")
	sendText(t, s, "2026-13-01")
	send(t, s, "enter")
	golden(t, "timeline_filters", s.View())
}

func TestTimelineSearchPagesAsTheCursorNearsTheEnd(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	addEntries(t, repo, 120)
	s := timeline(t, repo, journal.Query{})
	send(t, s, "/")
	sendText(t, s, "number")
	send(t, s, "enter")
	if len(s.search.hits) != 50 || s.search.total != 120 {
		t.Fatalf("first page: %d hits of %d", len(s.search.hits), s.search.total)
	}
	mustContain(t, s.View(), "All entries · 120 found", "› Today 09:00", "Entry [number] 0")
	for range 45 {
		send(t, s, "down")
	}
	if len(s.search.hits) != 100 {
		t.Fatalf("after moving down: %d hits loaded, want 100", len(s.search.hits))
	}
	send(t, s, "G")
	for range 30 {
		send(t, s, "down")
	}
	mustContain(t, s.View(), "Entry [number] 119")
	assertFits(t, s.View(), 80, 20)
}

func TestTimelineSearchThroughTheApp(t *testing.T) {
	a := newTestApp(t, searchJournal(t))
	press(t, a, "t", "/")
	typeText(t, a, "garden")
	press(t, a, "enter") // searches now, without waiting for the pause
	v := a.View()
	mustContain(t, v, "All entries · 3 found", "[Garden]", "esc clear search")
	assertFits(t, v, 80, 24)
	press(t, a, "enter")
	mustContain(t, a.View(), "Planted beans in the [Garden] with Sam.")
	press(t, a, "esc", "esc")
	mustContain(t, a.View(), "All entries · 8")
}

// TestTimelineFiltersFitTheSmallestWindow: at 50×14, with the search field
// open and a filter in force, every field of the form shows (the last one,
// To, too), and so does the note when a date can't be read.
func TestTimelineFiltersFitTheSmallestWindow(t *testing.T) {
	a := newTestApp(t, searchJournal(t))
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 50, Height: 14} })
	press(t, a, "t", "f", "down", "down")
	typeText(t, a, "calm")
	press(t, a, "enter", "/")
	typeText(t, a, "garden")
	press(t, a, "enter", "f")
	view := a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "Only tag calm", "Life area", "From", "To           any day")

	press(t, a, "up") // round to To
	typeText(t, a, "someday")
	press(t, a, "enter")
	view = a.View()
	assertFits(t, view, 50, 14)
	mustContain(t, view, "› To           someday", errBadDate)
}

// In the larger view rows have a line between them, the list still fits,
// and moving down keeps the chosen entry in view.
func TestTimelineLargerView(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	for i := range 30 {
		if _, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprintf("Entry number %d", i),
			When: testClock().Add(-time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlT)
	press(t, a, "t")
	v := a.View()
	assertFits(t, v, 80, 24)
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		if strings.Contains(l, "Entry number 0") {
			if i+2 >= len(lines) || strings.TrimSpace(lines[i+1]) != "" || !strings.Contains(lines[i+2], "Entry number 1") {
				t.Fatalf("want a blank line between rows:\n%s", v)
			}
		}
	}
	for range 12 {
		press(t, a, "down")
	}
	v = a.View()
	assertFits(t, v, 80, 24)
	mustContain(t, v, "Entry number 12")
}
