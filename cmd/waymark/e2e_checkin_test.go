package main

import (
	"regexp"
	"testing"
)

// TestE2ECheckInShowsOnHome: a weekly check-in through the keys, area by
// area, and home shows each area's own rating afterwards (never a total).
func TestE2ECheckInShowsOnHome(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.start("main", nil)
	tm.waitFor("Recent", waitTimeout)

	tm.sendKeys("c")
	tm.waitFor("How is this part of life for you right now?", waitTimeout)
	tm.waitFor("Health", waitTimeout)
	tm.sendKeys("4")
	tm.sendKeys("Enter")
	tm.waitFor("Home", waitTimeout)
	tm.sendKeys("6")
	tm.sendKeys("Enter")
	tm.waitFor("Purpose", waitTimeout)
	tm.sendKeys("s")
	tm.waitFor("Community", waitTimeout)
	tm.sendKeys("s")
	tm.waitFor("skipped", waitTimeout)
	tm.sendKeys("Enter")

	tm.waitFor("Saved.", waitTimeout)
	tm.waitFor("Life areas", waitTimeout)
	screen := tm.screen()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`Health\s+1 entry\s+now\s+4\s+▄`),
		regexp.MustCompile(`Home\s+1 entry\s+now\s+6\s+▅`),
		regexp.MustCompile(`Check-in\s+Health 4 · Home 6`),
	} {
		if !want.MatchString(screen) {
			t.Errorf("home does not match %s; the screen:\n%s", want, screen)
		}
	}
	tm.sendKeys("q")
	tm.waitExit(waitTimeout)
}
