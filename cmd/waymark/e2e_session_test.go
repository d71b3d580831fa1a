package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestE2ESessionKilledMidSummaryComesBack: waymark is killed (kill -9) while
// the summary of a session is being written; the next start offers the
// session back with its next step and words, and the person confirms it.
func TestE2ESessionKilledMidSummaryComesBack(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.start("first", nil)
	tm.waitFor("Recent", waitTimeout)

	tm.sendKeys("s")
	tm.waitFor("The record is yours.", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("[ ] Check in", waitTimeout)
	for range 3 {
		tm.sendKeys("Down")
	}
	tm.sendKeys("Enter")
	tm.waitFor("What will you do next?", waitTimeout)
	tm.typeText("Call the housing office")
	tm.sendKeys("Enter")
	tm.waitFor("1. Call the housing office", waitTimeout)
	tm.sendKeys("Escape")
	tm.waitFor("[x] Agree next steps", waitTimeout)
	tm.sendKeys("Escape")
	tm.waitFor("What we talked about, in your words", waitTimeout)

	// The words arrive in one go, so the draft is kept once, about 2s after
	// them; the journal file changing says it was.
	before := tm.settledJournal(waitTimeout)
	tm.mustTmux("send-keys", "-t", tm.target, "-l", "Moving house, one step at a time")
	tm.waitFor("Moving house, one step at a time", waitTimeout)
	tm.waitJournalWritten(before, waitTimeout)

	if err := syscall.Kill(tm.pid(), syscall.SIGKILL); err != nil {
		t.Fatalf("kill waymark: %v", err)
	}
	tm.waitExit(waitTimeout)

	tm.start("second", nil)
	tm.waitFor("wasn't finished.", waitTimeout)
	tm.waitFor("1 next step agreed", waitTimeout)
	tm.waitFor("Moving house, one step at a time", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("1. Call the housing office", waitTimeout)
	tm.waitFor("What we talked about, in your words", waitTimeout)
	tm.sendKeys("C-s")
	tm.waitFor("The session is over. What you confirmed is saved in your journal.", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Recent", waitTimeout)
	tm.sendKeys("q")
	tm.waitExit(waitTimeout)

	var entries []struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
	}
	r := tm.mustCLI("list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
		t.Fatalf("list --json: %v\n%s", err, r.stdout)
	}
	if len(entries) != 1 || entries[0].Kind != "session" || entries[0].Text != "Moving house, one step at a time" {
		t.Errorf("journal after the session came back: %s", r.stdout)
	}

	// Confirmed, it is not offered again.
	tm.start("third", nil)
	tm.waitFor("Recent", waitTimeout)
	if s := tm.screen(); strings.Contains(s, "wasn't finished") {
		t.Errorf("a confirmed session was offered again:\n%s", s)
	}
	tm.sendKeys("q")
	tm.waitExit(waitTimeout)
}

// journalModified is when the journal file was last written.
func (tm *terminal) journalModified() time.Time {
	tm.t.Helper()
	info, err := os.Stat(tm.journalPath())
	if err != nil {
		tm.t.Fatalf("journal file: %v", err)
	}
	return info.ModTime()
}

// settledJournal waits until the journal file has not been written for a
// moment (saves already under way have landed) and says when it last was.
func (tm *terminal) settledJournal(timeout time.Duration) time.Time {
	tm.t.Helper()
	const quiet = 500 * time.Millisecond
	deadline := time.Now().Add(timeout)
	last, since := tm.journalModified(), time.Now()
	for time.Since(since) < quiet {
		if time.Now().After(deadline) {
			tm.t.Fatalf("the journal file kept changing for %v", timeout)
		}
		time.Sleep(pollEvery)
		if m := tm.journalModified(); !m.Equal(last) {
			last, since = m, time.Now()
		}
	}
	return last
}

// waitJournalWritten waits until the journal file is written after before.
func (tm *terminal) waitJournalWritten(before time.Time, timeout time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for tm.journalModified().Equal(before) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("the journal file was not written within %v; the screen:\n%s", timeout, tm.screen())
		}
		time.Sleep(pollEvery)
	}
}
