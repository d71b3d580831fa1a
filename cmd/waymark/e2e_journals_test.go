package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EJournalsPickerAndTwoWindows: with two journals on the computer,
// the full screen asks which to open and opens the one chosen; a second
// window opens the other journal at the same time, while a third that
// names the first is told it is open in another window. The picker leaves
// no journal's name in the terminal.
func TestE2EJournalsPickerAndTwoWindows(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.mustCLI("init", "--journal", "riverside", "--dimensions", "practice")
	tm.mustCLI("add", "Usual words by the weir")
	tm.mustCLI("add", "--journal", "riverside", "--dimension", "Hope", "Practice words at the ford")

	tm.start("first", nil)
	tm.waitFor("Which journal would you like to open?", waitTimeout)
	tm.waitFor("› default (the usual one)", waitTimeout)
	tm.waitFor("riverside", waitTimeout)
	tm.sendKeys("Down")
	tm.waitFor("› riverside", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("Practice words at the ford", waitTimeout)
	tm.waitFor("The person leads", waitTimeout) // the practice lens's areas
	if s := tm.screen(); strings.Contains(s, "Usual words") {
		t.Errorf("the riverside journal shows the usual journal's words:\n%s", s)
	}

	// A second window: riverside is open in the first, and the picker says
	// so; the usual journal opens beside it.
	tm.start("second", nil)
	tm.waitFor("open in another window", waitTimeout)
	tm.sendKeys("Enter") // the usual one, first in the list
	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("Usual words by the weir", waitTimeout)
	if s := tm.screen(); strings.Contains(s, "Practice words") {
		t.Errorf("the usual journal shows riverside's words:\n%s", s)
	}
	tm.target = "first"
	if tm.dead() {
		t.Fatalf("the first window closed; the screen:\n%s", tm.screen())
	}
	tm.waitFor("Practice words at the ford", waitTimeout)

	// A third window on riverside gives up at once, plainly.
	r := tm.cli("list", "--journal", "riverside")
	if r.code != exitFailed || !strings.Contains(r.stderr, "This journal is open in another window.") {
		t.Errorf("list --journal riverside while open: exit %d, stderr %q", r.code, r.stderr)
	}
	tm.shell("third", "--journal", "riverside") // a shell keeps the message on screen
	tm.waitFor("exit 1", waitTimeout)
	if s := tm.screen(); !strings.Contains(s, "This journal is open in another window.") {
		t.Errorf("a third window on riverside says:\n%s", s)
	}

	// Both quit cleanly; nothing of either journal, nor the picker's names,
	// stays in the terminal.
	for _, session := range []string{"first", "second"} {
		tm.target = session
		tm.sendKeys("q")
		if how := tm.waitExit(waitTimeout); how != "0" && how != "" {
			t.Errorf("%s window quit with %s, want 0", session, how)
		}
		history := tm.mustTmux("capture-pane", "-p", "-S", "-", "-t", session)
		for _, w := range []string{"riverside", "Practice words", "Usual words", "Which journal"} {
			if strings.Contains(history, w) {
				t.Errorf("after quitting, the %s window still shows %q:\n%s", session, w, history)
			}
		}
	}
}

// TestE2EJournalsNewFromPicker: n in the picker names a new journal, which
// starts with the first run (its own areas, its own passphrase or none) in
// a folder of its own.
func TestE2EJournalsNewFromPicker(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.mustCLI("init", "--journal", "riverside")

	tm.start("main", nil)
	tm.waitFor("Which journal would you like to open?", waitTimeout)
	tm.sendKeys("n")
	tm.waitFor("What would you like to call it?", waitTimeout)
	tm.typeText(".hidden")
	tm.sendKeys("Enter")
	tm.waitFor("can't start with a dot", waitTimeout)
	for range len(".hidden") {
		tm.sendKeys("BSpace")
	}
	tm.typeText("Sam")
	tm.sendKeys("Enter")

	tm.waitFor("Everything stays on this computer.", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Which life areas would you like to start with?", waitTimeout)
	tm.waitFor("Practice lens", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Would you like to protect this journal with a passphrase?", waitTimeout)
	tm.sendKeys("Down")
	tm.sendKeys("Enter")
	tm.waitFor("Recent", waitTimeout)
	tm.sendKeys("q")
	tm.waitExit(waitTimeout)

	path := filepath.Join(tm.dataHome, "waymark", "journals", "Sam", "journal.db")
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("Sam's journal: %v %v; want a 0600 file at %s", fi, err, path)
	}
	r := tm.mustCLI("journals")
	for _, want := range []string{"default", "riverside", "Sam"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("journals does not list %s:\n%s", want, r.stdout)
		}
	}
}
