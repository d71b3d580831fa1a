package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/waymark-journal/waymark/journal/memjournal"
)

func testChoices() []JournalChoice {
	return []JournalChoice{
		{Name: "default", Usual: true},
		{Name: "Ana María", Protected: true},
		{Name: "peer work", Protected: true, Busy: true},
		{Name: "Sam"},
	}
}

// newTestPicker is a picker at 80×24, plain.
func newTestPicker(t *testing.T, choices []JournalChoice) *journalPicker {
	t.Helper()
	p := newJournalPicker(choices, true)
	pickerKeys(t, p) // nothing yet
	p.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return p
}

// pickerKeys presses keys one at a time and reports whether the picker
// quit.
func pickerKeys(t *testing.T, p *journalPicker, keys ...string) (quit bool) {
	t.Helper()
	for _, k := range keys {
		_, cmd := p.Update(keyMsg(k))
		if drain(t, cmd, 20*time.Millisecond, func(msg tea.Msg) tea.Cmd {
			_, more := p.Update(msg)
			return more
		}) {
			return true
		}
	}
	return false
}

func pickerText(t *testing.T, p *journalPicker, text string) {
	t.Helper()
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)})
}

func TestPickerView(t *testing.T) {
	p := newJournalPicker(testChoices(), true)
	if v := p.View(); v != "" {
		t.Errorf("before its size is known the picker draws %q", v)
	}
	p = newTestPicker(t, testChoices())
	v := p.View()
	mustContain(t, v, "Which journal would you like to open?", "› default (the usual one)",
		"  Ana María", "🔒 passphrase", "open in another window", "  Sam", "n new journal", "q quit")
	assertFits(t, v, 80, 24)
	assertTerminalSafe(t, v)
	golden(t, "picker", v)
	// Only protected journals have the lock.
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "Sam") || strings.Contains(line, "default") {
			if strings.Contains(line, lockSymbol) {
				t.Errorf("an unprotected journal shows a lock: %q", line)
			}
		}
	}
}

func TestPickerOpensTheChosenJournal(t *testing.T) {
	p := newTestPicker(t, testChoices())
	if pickerKeys(t, p, "down", "down", "down", "down", "up", "k", "j", "j") {
		t.Fatal("moving quit the picker")
	}
	mustContain(t, p.View(), "› Sam")
	if !pickerKeys(t, p, "enter") {
		t.Fatal("enter should open the chosen journal")
	}
	if p.pick != (JournalPick{Name: "Sam"}) {
		t.Errorf("picked %+v, want Sam", p.pick)
	}
	if v := p.View(); v != "" {
		t.Errorf("after choosing, the picker still draws:\n%s", v)
	}
}

func TestPickerDoesNotOpenABusyJournal(t *testing.T) {
	p := newTestPicker(t, testChoices())
	if pickerKeys(t, p, "down", "down", "enter") {
		t.Fatal("a journal open in another window was chosen")
	}
	mustContain(t, p.View(), "That journal is open in another window.")
	pickerKeys(t, p, "up")
	if strings.Contains(p.View(), "That journal is open") {
		t.Error("the note should go with the next key")
	}
}

func TestPickerQuits(t *testing.T) {
	for _, k := range []string{"q", "esc", "ctrl+c"} {
		p := newTestPicker(t, testChoices())
		if !pickerKeys(t, p, "down", k) {
			t.Errorf("%s should quit the picker", k)
		}
		if p.pick != (JournalPick{}) {
			t.Errorf("%s picked %+v, want nothing", k, p.pick)
		}
	}
}

func TestPickerStartsANewJournal(t *testing.T) {
	p := newTestPicker(t, testChoices())
	pickerKeys(t, p, "n")
	if !p.naming {
		t.Fatal("n should ask for the new journal's name")
	}
	v := p.View()
	mustContain(t, v, "A new journal", "What would you like to call it?", "Name: ", "enter start it", "esc back")
	assertFits(t, v, 80, 24)
	golden(t, "picker-new", v)

	// q is a letter here, and the rules are --journal's.
	tests := []struct {
		typed string
		note  string
	}{
		{"", "A journal needs a name"},
		{".quiet", "can't start with a dot"},
		{"a/b", "letters, numbers, spaces"},
		{"SAM", "There's already a journal called Sam."},
		{"Default", "That name is the usual journal's."},
		{strings.Repeat("q", 40) + "x", ""}, // the field stops at 40
	}
	for _, tt := range tests {
		p.input.SetValue("")
		pickerText(t, p, tt.typed)
		if pickerKeys(t, p, "enter") {
			if tt.note != "" {
				t.Fatalf("%q was accepted", tt.typed)
			}
			break
		}
		mustContain(t, p.View(), tt.note)
	}
	if p.pick != (JournalPick{Name: strings.Repeat("q", 40), New: true}) {
		t.Errorf("picked %+v, want a new journal of 40 q's", p.pick)
	}

	// esc goes back to the list, and the list still works.
	p = newTestPicker(t, testChoices())
	pickerKeys(t, p, "n", "q", "esc")
	if p.naming || p.done {
		t.Fatalf("esc should go back to the list (naming %v, done %v)", p.naming, p.done)
	}
	pickerKeys(t, p, "n")
	pickerText(t, p, "  Notes for work ")
	if !pickerKeys(t, p, "enter") || p.pick != (JournalPick{Name: "Notes for work", New: true}) {
		t.Errorf("picked %+v, want a new journal called Notes for work", p.pick)
	}
}

func TestPickerHides(t *testing.T) {
	p := newTestPicker(t, testChoices())
	pickerKeys(t, p, "ctrl+l")
	v := p.View()
	mustNotContain(t, v, "Ana María", "Sam")
	mustContain(t, v, "Hidden.")
	if pickerKeys(t, p, "q") {
		t.Fatal("the key that brings the screen back shouldn't quit")
	}
	mustContain(t, p.View(), "Ana María")
}

func TestPickerKeepsTheChoiceInViewWhenShort(t *testing.T) {
	var many []JournalChoice
	for _, n := range []string{"a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9", "j10", "k11", "l12", "m13", "n14", "o15"} {
		many = append(many, JournalChoice{Name: n})
	}
	p := newJournalPicker(many, true)
	p.Update(tea.WindowSizeMsg{Width: 40, Height: 16})
	for range 14 {
		pickerKeys(t, p, "down")
	}
	v := p.View()
	mustContain(t, v, "› o15")
	assertFits(t, v, 40, 16)
}

// The first run offers the practice lens, last, for a peer worker's own
// journal.
func TestWelcomeOffersThePracticeLens(t *testing.T) {
	repo := memjournal.New(testClock)
	a := newTestApp(t, repo)
	press(t, a, "enter")
	v := a.View()
	mustContain(t, v, "Practice lens", "For a peer worker's own journal")
	assertFits(t, v, 80, 24)
	press(t, a, "down", "down", "down", "down", "enter")
	dims, _ := repo.Dimensions()
	if len(dims) != 6 || dims[0].Name != "Hope" || dims[5].Name != "Changing services" {
		t.Errorf("the practice lens set up %+v", dims)
	}
}

// "Need help now?" works before any journal is open: the crisis line alone.
func TestPickerNeedHelpNow(t *testing.T) {
	p := newTestPicker(t, testChoices())
	pickerKeys(t, p, "ctrl+g")
	v := p.View()
	mustContain(t, v, "Need help now?", "If you are in crisis", "988", "once your journal is open")
	assertFits(t, v, 80, 24)
	if pickerKeys(t, p, "esc") {
		t.Fatal("esc on the help should come back to the journals, not quit")
	}
	mustContain(t, p.View(), "Which journal would you like to open?")
}
