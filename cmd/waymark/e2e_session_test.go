package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ESessionEndsInAConfirmedSummary is a whole session together in a
// real terminal: consent, a check-in with a supporter's reading, a
// reflection written together, a next step, and the summary the person
// confirms; then the session is in the journal, linked to what was written,
// and one session exports as Markdown.
func TestE2ESessionEndsInAConfirmedSummary(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.mustCLI("add", "A private note from before")
	tm.start("main", nil)
	tm.waitFor("Recent", waitTimeout)

	tm.sendKeys("s")
	tm.waitFor("Would you like to start a session together?", waitTimeout)
	tm.waitFor("The record is yours.", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Waymark · Together · started", waitTimeout)
	tm.waitFor("[ ] Check in", waitTimeout)
	if s := tm.screen(); strings.Contains(s, "A private note") {
		t.Errorf("the session shows the journal's past entries:\n%s", s)
	}

	// Check in: Health 4, as the supporter sees it 6; the rest skipped.
	tm.sendKeys("Enter")
	tm.waitFor("How is this part of life for you right now?", waitTimeout)
	tm.sendKeys("4")
	tm.waitFor("›[4]", waitTimeout)
	tm.sendKeys("w")
	tm.waitFor("Your supporter's reading (yours: 4)", waitTimeout)
	tm.sendKeys("6")
	tm.sendKeys("Enter")
	tm.waitFor("2 of 4", waitTimeout)
	// One skip at a time, as a person presses them: keys that reach the
	// screen in one read ("sss" on a busy machine) are taken as one key
	// the check-in doesn't know, so the test waited for a screen that
	// never came.
	for _, next := range []string{"3 of 4", "4 of 4", "Your check-in, area by area"} {
		tm.sendKeys("s")
		tm.waitFor(next, waitTimeout)
	}
	tm.waitFor("Your check-in, area by area", waitTimeout)
	tm.waitFor("supporter: 6", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("[x] Check in", waitTimeout)

	// A reflection, written together.
	tm.sendKeys("Down")
	tm.sendKeys("Down")
	tm.sendKeys("Enter")
	tm.waitFor("(•) together", waitTimeout)
	tm.typeText("Packing one box a day")
	tm.waitFor("Packing one box a day", waitTimeout)
	tm.sendKeys("C-s")
	tm.waitFor("[x] Write a reflection", waitTimeout)

	// A next step.
	tm.sendKeys("Down")
	tm.sendKeys("Enter")
	tm.waitFor("What will you do next?", waitTimeout)
	tm.typeText("Call the housing office")
	tm.sendKeys("Enter")
	tm.waitFor("1. Call the housing office", waitTimeout)
	tm.sendKeys("Escape")
	tm.waitFor("[x] Agree next steps", waitTimeout)

	// The summary, read and confirmed.
	tm.sendKeys("Escape")
	tm.waitFor("What we talked about, in your words", waitTimeout)
	tm.waitFor("Check-in: Health 4", waitTimeout)
	tm.typeText("Moving house, one step at a time")
	tm.waitFor("Moving house, one step at a time", waitTimeout)
	tm.sendKeys("C-s")
	tm.waitFor("The session is over. What you confirmed is saved in your journal.", waitTimeout)

	tm.sendKeys("E")
	tm.waitFor("readable by you alone", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("A private note", waitTimeout)
	tm.sendKeys("q")
	tm.waitExit(waitTimeout)

	var entries []struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Text    string `json:"text"`
		Answers []struct {
			By    string `json:"by"`
			Value *int   `json:"value"`
		} `json:"answers"`
	}
	r := tm.mustCLI("list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
		t.Fatalf("list --json: %v\n%s", err, r.stdout)
	}
	kinds := map[string]int{}
	var summary string
	for _, e := range entries {
		kinds[e.Kind]++
		if e.Kind == "session" {
			summary = e.Text
		}
		if e.Kind == "checkin" {
			var got []string
			for _, a := range e.Answers {
				if a.Value != nil {
					got = append(got, a.By+" "+string(rune('0'+*a.Value)))
				}
			}
			if strings.Join(got, ",") != "me 4,supporter 6" {
				t.Errorf("check-in readings %q, want the person's 4 then the supporter's 6", got)
			}
		}
	}
	if summary != "Moving house, one step at a time" || kinds["session"] != 1 || kinds["checkin"] != 1 || kinds["reflection"] != 2 {
		t.Errorf("journal after the session: %v, summary %q\n%s", kinds, summary, r.stdout)
	}

	// The export holds this one session: its summary, next step and entries.
	files, _ := filepath.Glob(filepath.Join(tm.dataHome, "waymark-session-*.md"))
	if len(files) != 1 {
		t.Fatalf("want one session export in the home folder, got %v", files)
	}
	info, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", info.Mode().Perm())
	}
	md, _ := os.ReadFile(files[0])
	for _, want := range []string{"# A session together", "Moving house, one step at a time", "- Call the housing office",
		"Packing one box a day", "| Health (supporter) | 6 |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the session's Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "A private note") {
		t.Errorf("the session's Markdown holds an entry from outside the session:\n%s", md)
	}
}
