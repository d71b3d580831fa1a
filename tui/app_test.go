package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// testNow is the fixed moment every TUI test lives in.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func testClock() time.Time { return testNow }

// newTestApp builds the root exactly as Run does, with a fixed clock, plain
// styles and a draft delay short enough to run inside a test.
func newTestApp(t *testing.T, repo journal.Repository) *App {
	t.Helper()
	a := New(repo, Options{Now: testClock, Plain: true, DraftDelay: time.Millisecond})
	settle(t, a, a.Init())
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	return a
}

// settle runs a command and everything it leads to, feeding each message back
// into the app, as the Bubble Tea runtime would. Commands still running after
// a short wait (cursor blinks, the timer that clears a note) are dropped, so
// the test stays synchronous. It reports whether tea.Quit was reached.
func settle(t *testing.T, a *App, cmd tea.Cmd) (quit bool) {
	t.Helper()
	return drain(t, cmd, 20*time.Millisecond, func(msg tea.Msg) tea.Cmd {
		_, more := a.Update(msg)
		return more
	})
}

// drain is the loop behind settle and run: it executes cmd, expands
// tea.Batch and tea.Sequence (both deliver a slice of commands), hands every
// other message to deliver and runs what that returns, until nothing is
// left. It stops at tea.Quit and reports reaching it.
func drain(t *testing.T, cmd tea.Cmd, wait time.Duration, deliver func(tea.Msg) tea.Cmd) (quit bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("the model kept producing commands")
		}
		next := queue[0]
		queue = queue[1:]
		if next == nil {
			continue
		}
		msg, ok := runWithin(next, wait)
		if !ok || msg == nil {
			continue
		}
		if _, isQuit := msg.(tea.QuitMsg); isQuit {
			return true
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			inner := make([]tea.Cmd, 0, v.Len())
			for i := 0; i < v.Len(); i++ {
				inner = append(inner, v.Index(i).Interface().(tea.Cmd))
			}
			queue = append(inner, queue...)
			continue
		}
		queue = append(queue, deliver(msg))
	}
	return false
}

func runWithin(cmd tea.Cmd, d time.Duration) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg, true
	case <-time.After(d):
		return nil, false
	}
}

// press sends keys one at a time, as a person types them.
func press(t *testing.T, a *App, keys ...string) (quit bool) {
	t.Helper()
	for _, k := range keys {
		if settle(t, a, func() tea.Msg { return keyMsg(k) }) {
			return true
		}
	}
	return false
}

// typeText sends text as one burst of runes, as fast typing or a paste arrives.
func typeText(t *testing.T, a *App, text string) {
	t.Helper()
	settle(t, a, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)} })
}

func keyMsg(k string) tea.KeyMsg {
	names := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC, "ctrl+p": tea.KeyCtrlP, "ctrl+o": tea.KeyCtrlO, "ctrl+l": tea.KeyCtrlL,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"space": tea.KeySpace, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"ctrl+g": tea.KeyCtrlG, "ctrl+end": tea.KeyCtrlEnd, "ctrl+home": tea.KeyCtrlHome, "ctrl+z": tea.KeyCtrlZ, "ctrl+y": tea.KeyCtrlY,
		"delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if t, ok := names[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func mustContain(t *testing.T, view string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(view, w) {
			t.Fatalf("view is missing %q:\n%s", w, view)
		}
	}
}

func TestFirstRunChoosesAreasThenHome(t *testing.T) {
	repo := memjournal.New(testClock)
	a := newTestApp(t, repo)
	mustContain(t, a.View(), "Welcome.", "Everything stays on this computer.")
	press(t, a, "enter")
	mustContain(t, a.View(), "Which life areas would you like to start with?", "› Four areas", "Start blank")

	press(t, a, "down", "enter")
	mustContain(t, a.View(), "Life areas", "Emotional           0 entries", "Recent", "Nothing here yet. When you're ready, press n to write.")
	if fresh, _ := repo.Fresh(); fresh {
		t.Fatal("choosing a starting set should set the journal up")
	}
	dims, _ := repo.Dimensions()
	if len(dims) != 8 {
		t.Fatalf("want the eight areas of wellness, got %d areas", len(dims))
	}
}

func TestWriteTagAndSaveAReflection(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)

	press(t, a, "n")
	if !a.top().Typing() {
		t.Fatal("n should open a new reflection with the cursor in the text")
	}
	mustContain(t, a.View(), "New reflection", "(•) Reflection")
	typeText(t, a, "A calm week. ")
	typeText(t, a, "Home feels more like mine.")
	// Tag Home and Community: tab to kind, tab to areas, then move and choose.
	press(t, a, "tab", "tab", "right", "space", "right", "right", "space", "tab")
	press(t, a, "ctrl+s")

	mustContain(t, a.View(), "Saved.", "Reflection", "Home, Community · A calm week. Home feels")
	page, _ := repo.List(journal.Query{})
	if page.Total != 1 {
		t.Fatalf("want 1 entry, got %d", page.Total)
	}
	e, _ := repo.Get(page.Summaries[0].ID)
	dims, _ := repo.Dimensions()
	if got := strings.Join(dims.Names(e.Dimensions), ","); got != "Home,Community" {
		t.Errorf("dimensions = %q, want Home,Community", got)
	}
	if e.Text != "A calm week. Home feels more like mine." || e.Kind != journal.KindReflection {
		t.Errorf("saved %q (%s)", e.Text, e.Kind)
	}
	if _, ok, _ := repo.Draft(); ok {
		t.Error("a saved entry should leave no draft behind")
	}
}

func TestWriteAHope(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "h")
	mustContain(t, a.View(), "New hope", "(•) Hope")
	typeText(t, a, "I hope to have my own place by spring")
	press(t, a, "ctrl+s")
	page, _ := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindHope}})
	if page.Total != 1 || page.Summaries[0].Title != "I hope to have my own place by spring" {
		t.Fatalf("hope not saved: %+v", page)
	}
}

func TestEmptyTextIsNotSaved(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "n", "ctrl+s")
	mustContain(t, a.View(), "There's nothing written yet.", "New reflection")
	if c, _ := repo.Counts(); c.All != 0 {
		t.Fatal("an empty entry was saved")
	}
}

func TestEscAsksBeforeLettingGoOfWords(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "n")
	typeText(t, a, "Not sure yet")
	press(t, a, "esc")
	mustContain(t, a.View(), "Let go of what you've written here? y / n")
	press(t, a, "n")
	mustContain(t, a.View(), "Not sure yet")
	press(t, a, "esc", "y")
	mustContain(t, a.View(), "Recent")
	if _, ok, _ := repo.Draft(); ok {
		t.Error("letting go should remove the draft too")
	}

	// With nothing written, esc goes straight back.
	press(t, a, "n", "esc")
	mustContain(t, a.View(), "Recent")
}

func TestDraftIsKeptWhileTypingAndOfferedBack(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "n")
	typeText(t, a, "Half a thought")
	d, ok, _ := repo.Draft()
	if !ok || d.Text != "Half a thought" {
		t.Fatalf("draft not kept after a pause: %+v %v", d, ok)
	}

	// A new start (after a crash) offers it back.
	b := newTestApp(t, repo)
	mustContain(t, b.View(), "You were writing something when Waymark last closed.", "Half a thought")
	press(t, b, "enter")
	mustContain(t, b.View(), "New reflection", "Half a thought")
	press(t, b, "ctrl+s")
	if c, _ := repo.Counts(); c.All != 1 {
		t.Fatalf("resumed draft not saved: %d entries", c.All)
	}
}

func TestDraftCanBeLetGo(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	_ = repo.SaveDraft(journal.Draft{Kind: journal.KindHope, Text: "Maybe"})
	a := newTestApp(t, repo)
	press(t, a, "x")
	mustContain(t, a.View(), "Let go of this draft for good? y / n")
	press(t, a, "y")
	mustContain(t, a.View(), "Recent")
	if _, ok, _ := repo.Draft(); ok {
		t.Fatal("draft still there")
	}
}

func TestCtrlCKeepsTheDraft(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := New(repo, Options{Now: testClock, Plain: true, DraftDelay: time.Hour})
	settle(t, a, a.Init())
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	press(t, a, "n")
	typeText(t, a, "Before the bus")
	if _, ok, _ := repo.Draft(); ok {
		t.Fatal("no draft should exist before the pause")
	}
	if !press(t, a, "ctrl+c") {
		t.Fatal("ctrl+c should quit")
	}
	if d, ok, _ := repo.Draft(); !ok || d.Text != "Before the bus" {
		t.Fatalf("ctrl+c lost the words: %+v", d)
	}
	if a.View() != "" {
		t.Error("nothing of the journal should be drawn after quitting")
	}
}

func TestQuitFromHome(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	if !press(t, a, "q") {
		t.Fatal("q on home should quit")
	}
}

func TestQIsJustALetterWhileWriting(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "n", "q", "?")
	mustContain(t, a.View(), "q?")
}

func TestHelpShowsAllKeys(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "?")
	mustContain(t, a.View(), "Keys on this screen", "new hope", "life areas", "trash")
	press(t, a, "esc")
	mustContain(t, a.View(), "Recent")
}

func TestSmallWindowAsksForRoom(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 40, Height: 10} })
	mustContain(t, a.View(), "make the window a little")
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	mustContain(t, a.View(), "Recent")
}

func TestEveryLineFitsTheWindow(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	for i := 0; i < 30; i++ {
		_, _ = repo.Create(journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("a long line of words ", 20),
			When: testNow.Add(-time.Duration(i) * time.Hour)})
	}
	a := newTestApp(t, repo)
	for _, size := range [][2]int{{80, 24}, {50, 14}, {120, 40}} {
		settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: size[0], Height: size[1]} })
		for _, keys := range [][]string{nil, {"n"}} {
			press(t, a, keys...)
			lines := strings.Split(a.View(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d after %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d after %v: line of %d cells: %q", size[0], size[1], keys, w, l)
				}
			}
		}
		press(t, a, "esc")
	}
}

func TestAVeryLongEntryIsNeverCutShortByEditing(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	// More lines than bubbles' textarea would keep (10,000), and control
	// characters from an import, which must survive an edit untouched.
	long := strings.Repeat("line\n", 15000) + "bell\x07 and escape\x1b[2J kept\n"
	e, err := repo.Create(journal.Entry{Kind: journal.KindReflection, Text: long})
	if err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	settle(t, a, push(newEditScreen(a.c, e)))
	view := a.View()
	if strings.Contains(view, "\x1b[2J") || strings.Contains(view, "\x07") {
		t.Fatalf("raw escape sequence reached the screen: %q", view)
	}
	press(t, a, "ctrl+end")
	typeText(t, a, "the end")
	press(t, a, "ctrl+s")
	got, _ := repo.Get(e.ID)
	if want := long + "the end"; got.Text != want {
		t.Fatalf("entry changed: %d bytes, want %d (tail %q)", len(got.Text), len(want), got.Text[max(len(got.Text)-40, 0):])
	}
}

func TestNoticesShowAtStart(t *testing.T) {
	a := New(memjournal.NewWithDefaults(testClock), Options{Now: testClock, Plain: true,
		Notices: []string{"The folder /x/waymark could be read by others; Waymark made it private to you (0700)."}})
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 24} })
	settle(t, a, a.Init())
	mustContain(t, a.View(), "Waymark made it private to you")
}

func TestWritingUndoAndRedo(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "n")
	typeText(t, a, "A quiet")
	typeText(t, a, " morning")
	press(t, a, "ctrl+z")
	mustContain(t, a.View(), "A quiet")
	if strings.Contains(a.View(), "morning") {
		t.Fatalf("undo kept the last words:\n%s", a.View())
	}
	press(t, a, "ctrl+y", "ctrl+s")
	page, err := repo.List(journal.Query{})
	if err != nil || len(page.Summaries) != 1 || page.Summaries[0].Title != "A quiet morning" {
		t.Fatalf("saved %+v, %v; want one entry \"A quiet morning\"", page.Summaries, err)
	}
}

// TestHelpBarFitsEveryWidth: from the smallest window to 80 columns the
// help bar never runs past the window's edge (bubbles' help can add a key
// whole when its "…" does not fit).
func TestHelpBarFitsEveryWidth(t *testing.T) {
	for _, keys := range [][]string{{"t"}, {"c"}, {"s", "enter"}} {
		a := newTestApp(t, memjournal.NewWithDefaults(testClock))
		press(t, a, keys...)
		for width := minWidth; width <= 80; width++ {
			settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: width, Height: 24} })
			assertFits(t, a.View(), width, 24)
		}
	}
}

// Keys pressed faster than the terminal is read arrive as one message; each
// still counts, and letters after a key that opens a screen go to that one.
func TestKeysThatArriveTogetherEachCount(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "c")
	mustContain(t, a.View(), "Health")
	typeText(t, a, "sss") // skip Health, Home and Purpose
	mustContain(t, a.View(), "Community", "4 of 4")

	b := newTestApp(t, memjournal.NewWithDefaults(testClock))
	typeText(t, b, "nA walk")
	mustContain(t, b.View(), "New reflection", "A walk")
}

// A named journal says whose it is in the header, and a new one says it is
// new, so a mistyped name never looks like a journal that has gone.
func TestANamedJournalSaysItsName(t *testing.T) {
	repo := memjournal.New(testClock) // not set up yet: the first run
	a := New(repo, Options{Now: testClock, Plain: true, JournalName: "Sam\x1b]0;x\x07"})
	settle(t, a, a.Init())
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	v := a.View()
	mustContain(t, v, "Waymark (Sam␛]0;x␇)", "This is a new journal called “Sam␛]0;x␇”")
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("the name reached the screen unsanitised: %q", v)
	}

	b := New(memjournal.NewWithDefaults(testClock), Options{Now: testClock, Plain: true, JournalName: "Sam"})
	settle(t, b, b.Init())
	settle(t, b, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	mustContain(t, b.View(), "Waymark (Sam) · Home")
	mustNotContain(t, b.View(), "new journal called")
}
