package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

func areas(t *testing.T, repo journal.Repository) *dimensionsScreen {
	t.Helper()
	return open(t, newDimensionsScreen(newTestCommon(t, repo)), 80, 20).(*dimensionsScreen)
}

// names lists the repository's areas in the person's order.
func names(t *testing.T, repo journal.Repository) string {
	t.Helper()
	dims, err := repo.Dimensions()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range dims.Sorted() {
		n := d.Name
		if d.Archived {
			n += "(archived)"
		}
		out = append(out, n)
	}
	return strings.Join(out, ",")
}

func TestAreasListsEveryAreaWithItsPromptAndCount(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	home := dimID(t, repo, "Home")
	for _, text := range []string{"one", "two"} {
		_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: text, Dimensions: []string{home}})
	}
	trashed, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "three", Dimensions: []string{home}})
	_ = repo.Trash(trashed.ID)
	_, _ = repo.Create(journal.Entry{Kind: journal.KindHope, Text: "four", Dimensions: []string{dimID(t, repo, "Health")}})

	s := areas(t, repo)
	if s.Title() != "Life areas" {
		t.Errorf("title %q", s.Title())
	}
	v := s.View()
	mustContain(t, v, "› Health", "1 entry", "Feeling well in body and mind, in my own way.",
		"  Home", "2 entries", "A safe, steady place to live.", "Purpose", "no entries yet", "Community")
	if s.Typing() {
		t.Error("not typing until a field opens")
	}
}

func TestAreasAddANewArea(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	send(t, s, "n")
	if !s.Typing() {
		t.Fatal("n should open a field for the name")
	}
	mustContain(t, s.View(), "› Name: ")
	sendText(t, s, "Friends")
	msgs := send(t, s, "enter")
	wantNote(t, msgs, "Saved.", false)
	if !hasMsg[changedMsg](msgs) {
		t.Error("a saved change should tell the other screens")
	}
	if got := names(t, repo); got != "Health,Home,Purpose,Community,Friends" {
		t.Fatalf("areas = %s", got)
	}
	if s.Typing() {
		t.Error("the field should close once saved")
	}
	mustContain(t, s.View(), "› Friends")
	dims, _ := repo.Dimensions()
	if d, _ := dims.ByName("Friends"); d.ID == "" || s.c.dims.Names([]string{d.ID})[0] != "Friends" {
		t.Errorf("the new area should have an id and reach the shared set: %+v", d)
	}
}

func TestAreasRefuseANameInPlainWordsAndKeepTheFieldOpen(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	for _, tt := range []struct{ typed, note string }{
		{" home ", `There's already a life area called "Home".`},
		{"", "A life area needs a name."},
		{strings.Repeat("long ", 10), "That name is a little long; try 32 characters or fewer."},
	} {
		send(t, s, "n")
		sendText(t, s, tt.typed)
		msgs := send(t, s, "enter")
		wantNote(t, msgs, tt.note, true)
		if !s.Typing() || s.input.Value() != tt.typed {
			t.Fatalf("%q: the field should stay open with the words in it (%q)", tt.typed, s.input.Value())
		}
		send(t, s, "esc")
		if s.Typing() {
			t.Fatal("esc should close the field")
		}
	}
	if got := names(t, repo); got != "Health,Home,Purpose,Community" {
		t.Fatalf("areas changed: %s", got)
	}
}

func TestAreasRenameKeepsEntriesTagged(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	home := dimID(t, repo, "Home")
	e, _ := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: "Tidied", Dimensions: []string{home}})
	s := areas(t, repo)
	send(t, s, "down", "r")
	if s.input.Value() != "Home" || !s.Typing() {
		t.Fatalf("r should open the name, filled in: %q", s.input.Value())
	}
	wantNote(t, send(t, s, "enter"), "Saved.", false) // unchanged is fine

	send(t, s, "r")
	// Renaming to another area's name is refused.
	send(t, s, "backspace", "backspace", "backspace", "backspace")
	sendText(t, s, "health")
	wantNote(t, send(t, s, "enter"), `There's already a life area called "Health".`, true)

	for range "health" {
		send(t, s, "backspace")
	}
	sendText(t, s, "My place")
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	if got := names(t, repo); got != "Health,My place,Purpose,Community" {
		t.Fatalf("areas = %s", got)
	}
	got, _ := repo.Get(e.ID)
	dims, _ := repo.Dimensions()
	if n := dims.Names(got.Dimensions); len(n) != 1 || n[0] != "My place" {
		t.Fatalf("entry's areas = %v, want the renamed one", n)
	}
	mustContain(t, s.View(), "› My place")
}

func TestAreasEditPrompt(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	send(t, s, "down", "down", "p")
	mustContain(t, s.View(), "Prompt: Things I do that matter to me")
	for s.input.Value() != "" {
		send(t, s, "backspace")
	}
	sendText(t, s, "Making things with my hands")
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	dims, _ := repo.Dimensions()
	if d, _ := dims.ByName("Purpose"); d.Prompt != "Making things with my hands" {
		t.Fatalf("prompt = %q", d.Prompt)
	}
	mustContain(t, s.View(), "› Purpose", "Making things with my hands")

	// esc throws an edit away.
	send(t, s, "p")
	sendText(t, s, " and more")
	send(t, s, "esc")
	dims, _ = repo.Dimensions()
	if d, _ := dims.ByName("Purpose"); d.Prompt != "Making things with my hands" {
		t.Fatalf("esc saved the prompt: %q", d.Prompt)
	}
}

func TestAreasNeverCutALongPromptShort(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	long := strings.Repeat("a long line in my own words ", 10)
	dims[0].Prompt = strings.TrimSpace(long)
	_ = repo.SaveDimensions(dims)
	s := areas(t, repo)
	send(t, s, "p", "enter")
	dims, _ = repo.Dimensions()
	if dims[0].Prompt != strings.TrimSpace(long) {
		t.Fatalf("prompt cut to %d runes", len([]rune(dims[0].Prompt)))
	}
}

func TestAreasMoveUpAndDown(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	send(t, s, "down", "down", "K")
	if got := names(t, repo); got != "Health,Purpose,Home,Community" {
		t.Fatalf("after K: %s", got)
	}
	if d, _ := s.selected(); d.Name != "Purpose" {
		t.Fatalf("the moved area should stay selected, got %s", d.Name)
	}
	send(t, s, "shift+up")
	if got := names(t, repo); got != "Purpose,Health,Home,Community" {
		t.Fatalf("after shift+up: %s", got)
	}
	send(t, s, "shift+up") // already first: stays
	send(t, s, "J", "shift+down", "J")
	if got := names(t, repo); got != "Health,Home,Community,Purpose" {
		t.Fatalf("after J, shift+down, J: %s", got)
	}
	mustContain(t, s.View(), "› Purpose")
}

func TestAreasArchiveAndBringBack(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	send(t, s, "down")
	if s.keys.Archive.Help().Desc != "archive" {
		t.Errorf("a key says %q", s.keys.Archive.Help().Desc)
	}
	wantNote(t, send(t, s, "a"), "Saved.", false)
	if got := names(t, repo); got != "Health,Home(archived),Purpose,Community" {
		t.Fatalf("after a: %s", got)
	}
	mustContain(t, s.View(), "› Home (archived)")
	if s.keys.Archive.Help().Desc != "bring back" {
		t.Errorf("on an archived area a should say bring back, says %q", s.keys.Archive.Help().Desc)
	}
	send(t, s, "a")
	if got := names(t, repo); got != "Health,Home,Purpose,Community" {
		t.Fatalf("after a again: %s", got)
	}
	mustNotContain(t, s.View(), "(archived)")
}

func TestAreasKeepTheFieldOpenWhenSavingFails(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	repo.FailWrites = errors.New("disk trouble")
	send(t, s, "r")
	sendText(t, s, " and heart")
	wantNote(t, send(t, s, "enter"), "Something went wrong with the journal file, and nothing was changed. Please try again.", true)
	if !s.Typing() || s.input.Value() != "Health and heart" {
		t.Fatalf("the words should still be there: %q", s.input.Value())
	}
	repo.FailWrites = nil
	wantNote(t, send(t, s, "enter"), "Saved.", false)
	if got := names(t, repo); !strings.HasPrefix(got, "Health and heart,") {
		t.Fatalf("areas = %s", got)
	}
}

func TestAreasStartBlank(t *testing.T) {
	repo := memjournal.New(testClock)
	_, _ = repo.Begin(journal.StartingSets[2])
	s := areas(t, repo)
	mustContain(t, s.View(), "No life areas yet. Press n to add one, in your own words.")
	if msgs := send(t, s, "r", "p", "a", "K"); len(msgs) != 0 || s.Typing() {
		t.Fatalf("keys for an area with no areas led to %v", msgs)
	}
	send(t, s, "n")
	sendText(t, s, "Music")
	send(t, s, "enter")
	if got := names(t, repo); got != "Music" {
		t.Fatalf("areas = %s", got)
	}
	if !hasMsg[popMsg](send(t, s, "esc")) {
		t.Error("esc should go back")
	}
}

func TestAreasShowStoredTextHarmlessly(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	dims, _ := repo.Dimensions()
	dims[0].Name = "Health\x1b]0;x\x07"
	dims[0].Prompt = "\x1b[2J cleared"
	_ = repo.SaveDimensions(dims)
	s := areas(t, repo)
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "Health␛]0;x␇", "␛[2J cleared")
	send(t, s, "r")
	assertTerminalSafe(t, s.input.Value())
	assertTerminalSafe(t, s.View())
	send(t, s, "esc", "p")
	assertTerminalSafe(t, s.View())
}

func TestAreasManyAreasScrollToTheSelection(t *testing.T) {
	repo := memjournal.New(testClock)
	_, _ = repo.Begin(journal.StartingSets[1]) // eight areas, two lines each
	s := open(t, newDimensionsScreen(newTestCommon(t, repo)), 80, 10).(*dimensionsScreen)
	send(t, s, "G") // not a key here: nothing happens
	for i := 0; i < 7; i++ {
		send(t, s, "down")
	}
	v := s.View()
	assertFits(t, v, 80, 10)
	mustContain(t, v, "› Spiritual", "Meaning, values and purpose.")
}

func TestAreasHelpFitsTheBar(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	s := areas(t, repo)
	assertHelpFits(t, s)
	assertFullHelpFits(t, s)
	send(t, s, "n")
	assertHelpFits(t, s)
}

func TestAreasGolden(t *testing.T) {
	repo := goldenJournal(t)
	s := areas(t, repo)
	send(t, s, "down", "down", "a", "up", "r")
	sendText(t, s, " sweet home")
	golden(t, "areas", s.View())
}
