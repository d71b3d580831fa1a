package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// choirHope is long enough that a summary keeps only its start.
const choirHope = "To feel steady enough to go back to the choir on Tuesday evenings, and to sing " +
	"with people again, even if I only manage the first half and have to slip out before the tea. " +
	"Just to hear the altos warming up would be something."

// hopesJournal holds hopes in one area, in several, in none, and one in the trash.
func hopesJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	health, home, community := dimID(t, repo, "Health"), dimID(t, repo, "Home"), dimID(t, repo, "Community")
	for _, e := range []journal.Entry{
		{Kind: journal.KindHope, When: testNow.AddDate(-1, 0, 0), Dimensions: []string{health, community}, Text: choirHope},
		{Kind: journal.KindHope, When: testNow.Add(-16 * time.Hour), Dimensions: []string{home},
			Text: "A place of my own, with a window that gets the morning sun"},
		{Kind: journal.KindHope, When: testNow.AddDate(0, 0, -3), Text: "To laugh more.\n\nTo be kind to myself on slow days."},
		{Kind: journal.KindReflection, When: testNow.AddDate(0, 0, -2), Dimensions: []string{home}, Text: "Not a hope"},
	} {
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	gone, _ := repo.Create(journal.Entry{Kind: journal.KindHope, Dimensions: []string{home}, Text: "In the trash"})
	_ = repo.Trash(gone.ID)
	return repo
}

func hopes(t *testing.T, repo journal.Repository, width, height int) *hopesScreen {
	t.Helper()
	return open(t, newHopesScreen(newTestCommon(t, repo)), width, height).(*hopesScreen)
}

// lineOf is the index of the first line of view holding text, or -1.
func lineOf(view, text string) int {
	for i, l := range strings.Split(view, "\n") {
		if strings.Contains(l, text) {
			return i
		}
	}
	return -1
}

func TestHopesGroupedByAreaWithEveryWord(t *testing.T) {
	s := hopes(t, hopesJournal(t), 80, 40)
	if s.Title() != "Hopes" {
		t.Errorf("title %q", s.Title())
	}
	v := s.View()
	mustContain(t, v, "Every hope · 3",
		"› To feel steady enough to go back to the choir on Tuesday evenings, and to sing",
		"  with people again, even if I only manage the first half and have to slip out",
		"  before the tea. Just to hear the altos warming up would be something.",
		"  23 Nov 2025",
		"  A place of my own, with a window that gets the morning sun",
		"  Yesterday 18:00",
		"  To laugh more.", "  To be kind to myself on slow days.")
	mustNotContain(t, v, "Not a hope", "In the trash", "Purpose")

	// In the person's order of areas; a hope in two areas shows under each;
	// a hope in none under "Any area", last.
	order := []string{"Health", "choir", "Home", "A place of my own", "Community", "choir", "Any area", "To laugh more."}
	at := -1
	for _, text := range order {
		i := strings.Index(v[at+1:], text)
		if i < 0 {
			t.Fatalf("%q missing after position %d, or out of order:\n%s", text, at, v)
		}
		at += 1 + i
	}
	if n := strings.Count(v, "altos warming up"); n != 2 {
		t.Errorf("the choir hope should show whole under Health and Community; shows %d times", n)
	}
	assertFits(t, v, 80, 40)
}

func TestHopesChooseOpenFilterAndWrite(t *testing.T) {
	repo := hopesJournal(t)
	s := hopes(t, repo, 80, 40)
	send(t, s, "down")
	v := s.View()
	mustContain(t, v, "› A place of my own")
	mustNotContain(t, v, "› To feel steady")
	msgs := send(t, s, "enter")
	r, ok := pushed(msgs).(*readScreen)
	if !ok {
		t.Fatalf("enter should open the hope: %v", msgs)
	}
	e, _ := repo.Get(r.id)
	if !strings.HasPrefix(e.Text, "A place of my own") {
		t.Errorf("opened %q", e.Text)
	}

	// f: Health, then Home, and so on round to every area.
	send(t, s, "f")
	mustContain(t, s.View(), "Hopes in Health · 1", "› To feel steady")
	mustNotContain(t, s.View(), "A place of my own", "Any area")
	send(t, s, "f")
	mustContain(t, s.View(), "Hopes in Home · 1", "› A place of my own")
	send(t, s, "f")
	mustContain(t, s.View(), "Hopes in Purpose · 0", "No hopes in Purpose yet. Press f to see every area, or h to write one.")
	if msgs := send(t, s, "enter"); pushed(msgs) != nil {
		t.Error("enter with nothing shown should open nothing")
	}
	send(t, s, "f", "f")
	mustContain(t, s.View(), "Every hope · 3")

	w, ok := pushed(send(t, s, "h")).(*writeScreen)
	if !ok || w.kind != journal.KindHope {
		t.Fatalf("h should open a new hope, got %#v", w)
	}
}

func TestHopesScrollToTheChosenHope(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	home := dimID(t, repo, "Home")
	for i := 0; i < 12; i++ {
		_, _ = repo.Create(journal.Entry{Kind: journal.KindHope, Dimensions: []string{home}, When: testNow.Add(-time.Duration(i) * time.Hour),
			Text: fmt.Sprintf("Hope number %d", i)})
	}
	_, _ = repo.Create(journal.Entry{Kind: journal.KindHope, When: testNow.AddDate(0, 0, -5),
		Text: strings.Repeat("A long hope that goes on and on. ", 40)})
	s := hopes(t, repo, 80, 20)
	assertFits(t, s.View(), 80, 20)
	mustContain(t, s.View(), "› Hope number 0", "more below ↓")
	for i := 0; i < 11; i++ {
		send(t, s, "down")
		v := s.View()
		assertFits(t, v, 80, 20)
		mustContain(t, v, fmt.Sprintf("› Hope number %d", i+1))
	}
	// The long hope: ↓ reads down through it before going on.
	send(t, s, "down")
	mustContain(t, s.View(), "› A long hope")
	first := s.vp.YOffset
	send(t, s, "down", "down")
	if s.vp.YOffset != first+2 {
		t.Errorf("↓ in a long hope should scroll it: offset %d, want %d", s.vp.YOffset, first+2)
	}
	send(t, s, "G")
	mustNotContain(t, s.View(), "more below")
	send(t, s, "g")
	mustContain(t, s.View(), "› Hope number 0", "Home")
	send(t, s, "pgdown")
	if s.sel == 0 {
		t.Error("a page down should choose a hope further down")
	}
	assertFits(t, s.View(), 80, 20)
	assertHelpFits(t, s)
	assertFullHelpFits(t, s)
}

func TestHopesEmptyIsKind(t *testing.T) {
	s := hopes(t, memjournal.NewWithDefaults(testClock), 80, 20)
	mustContain(t, s.View(), "No hopes written yet. When one comes to you, press h to keep it here.")
	if msgs := send(t, s, "enter", "down"); len(msgs) != 0 {
		t.Fatalf("keys with no hopes led to %v", msgs)
	}
}

func TestHopesReloadWhenOneIsWritten(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := hopes(t, repo, 80, 20)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindHope, Text: "Somewhere to grow tomatoes"})
	run(t, s, s.Update(changedMsg{}))
	mustContain(t, s.View(), "Any area", "› Somewhere to grow tomatoes")
}

func TestHopesShowStoredTextHarmlessly(t *testing.T) {
	repo := hopesJournal(t)
	dims, _ := repo.Dimensions()
	for i := range dims {
		dims[i].Name += " \x1b]0;x\x07"
	}
	_ = repo.SaveDimensions(dims)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindHope, Dimensions: []string{dims[0].ID},
		Text: "Hope \x1b]0;x\x07 with \x1b[2J\n\x1b]52;c;aGk=\x07"})
	s := hopes(t, repo, 80, 40)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Health ␛]0;x␇", "Hope ␛]0;x␇ with ␛[2J", "␛]52;c;aGk=␇")
	send(t, s, "f")
	assertTerminalSafe(t, s.View())
}

func TestHopesGolden(t *testing.T) {
	s := hopes(t, hopesJournal(t), 80, 20)
	send(t, s, "down")
	golden(t, "hopes", s.View())
}

// Hopes through the whole app: written from the screen, shown on return.
func TestHopesThroughTheApp(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	settle(t, a, push(newHopesScreen(a.c)))
	mustContain(t, a.View(), "Waymark · Hopes", "No hopes written yet.")
	press(t, a, "h")
	typeText(t, a, "To swim in the sea next summer")
	press(t, a, "ctrl+s")
	mustContain(t, a.View(), "Waymark · Hopes", "Saved.", "› To swim in the sea next summer")
	assertFits(t, a.View(), 80, 24)
}
