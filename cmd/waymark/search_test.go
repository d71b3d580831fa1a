package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func searchJournalFile(t *testing.T) string {
	t.Helper()
	path := tempJournal(t)
	must(t, "", "init", "--file", path)
	must(t, "", "add", "--file", path, "--dimension", "Home", "--kind", "hope", "A small Gardén on the balcony")
	must(t, "", "add", "--file", path, "--dimension", "Health", "Walked past the community garden today")
	must(t, "", "add", "--file", path, "Rain all day, read a book")
	must(t, "", "add", "--file", path, "\x1b]0;garden title\x07 an \x1b[31mescaped\x1b[0m garden")
	return path
}

func TestSearchFindsWordsNewestFirst(t *testing.T) {
	path := searchJournalFile(t)
	r := must(t, "", "search", "--file", path, "GARDEN")
	out := lines(r.stdout)
	if len(out) != 6 {
		t.Fatalf("search printed %d lines, want 3 hits of 2 lines:\n%s", len(out), r.stdout)
	}
	if !strings.Contains(out[2], "Walked past the community garden today") || !strings.HasPrefix(out[3], "    Walked past") {
		t.Errorf("second hit:\n%s\n%s", out[2], out[3])
	}
	if !strings.Contains(out[4], "Hope") || !strings.Contains(out[4], "Home") || !strings.Contains(out[5], "Gardén") {
		t.Errorf("third hit:\n%s\n%s", out[4], out[5])
	}
	if strings.ContainsRune(r.stdout, '\x1b') || strings.ContainsRune(r.stdout, '\x07') {
		t.Errorf("stored escapes reached the output: %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}

	// Every word must be there.
	r = must(t, "", "search", "--file", path, "garden", "walked")
	if n := len(lines(r.stdout)); n != 2 {
		t.Errorf("garden walked: %d lines:\n%s", n, r.stdout)
	}
	// Filters.
	r = must(t, "", "search", "--file", path, "garden", "--area", "Home")
	if !strings.Contains(r.stdout, "balcony") || strings.Contains(r.stdout, "Walked") {
		t.Errorf("--area Home:\n%s", r.stdout)
	}
	r = must(t, "", "search", "--file", path, "garden", "--kind", "reflection", "--limit", "1")
	if n := len(lines(r.stdout)); n != 2 || !strings.Contains(r.stderr, "Showing the newest 1 of 2 found") {
		t.Errorf("--kind --limit 1: %q / %q", r.stdout, r.stderr)
	}
	r = must(t, "", "search", "--file", path, "garden", "--from", "2000-01-01", "--to", "2000-12-31")
	if strings.TrimSpace(r.stdout) != searchNothing {
		t.Errorf("out of range: %q", r.stdout)
	}
	// Nothing found is not an error.
	r = must(t, "", "search", "--file", path, "zebra")
	if strings.TrimSpace(r.stdout) != searchNothing || r.code != exitOK {
		t.Errorf("nothing found: %d %q", r.code, r.stdout)
	}
}

func TestSearchJSON(t *testing.T) {
	path := searchJournalFile(t)
	r := must(t, "", "search", "--file", path, "--json", "garden", "community")
	var hits []struct {
		Kind       string   `json:"kind"`
		Text       string   `json:"text"`
		Dimensions []string `json:"dimensions"`
		Snippet    string   `json:"snippet"`
		Matches    []struct {
			Start int `json:"start"`
			End   int `json:"end"`
		} `json:"matches"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(hits) != 1 || hits[0].Text != "Walked past the community garden today" || hits[0].Dimensions[0] != "Health" {
		t.Fatalf("hits = %+v", hits)
	}
	h := hits[0]
	var found []string
	for _, m := range h.Matches {
		found = append(found, h.Snippet[m.Start:m.End])
	}
	if strings.Join(found, ",") != "community,garden" {
		t.Errorf("matches = %q", found)
	}
	r = must(t, "", "search", "--file", path, "--json", "zebra")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("nothing found as JSON: %q", r.stdout)
	}
}

func TestSearchUsedWrongly(t *testing.T) {
	path := searchJournalFile(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"search"}, "Say what to look for, like: waymark search garden"},
		{[]string{"search", "a", "--from", "2026-13-01"}, "That date doesn't look right — try 2026-05-01."},
		{[]string{"search", "a", "--to", "yesterday"}, "That date doesn't look right — try 2026-05-01."},
		{[]string{"search", "a", "--kind", "poem"}, `Waymark doesn't know a kind called "poem".`},
		{[]string{"search", "a", "--status", "failed"}, `Waymark doesn't know a goal status called "failed".`},
		{[]string{"search", "a", "--area", "Work"}, `There's no life area called "Work".`},
		{[]string{"search", "a", "--limit=-1"}, "--limit needs 0 or more"},
	} {
		r := waymark(t, "", append(tt.args, "--file", path)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, exitUsage, tt.want)
		}
	}
}

func TestSearchWithNoJournalYet(t *testing.T) {
	r := must(t, "", "search", "--file", tempJournal(t), "garden")
	if strings.TrimSpace(r.stdout) != searchNothing {
		t.Errorf("no journal: %q", r.stdout)
	}
	// --json with nothing to search is an empty list, as list --json gives.
	r = must(t, "", "search", "--file", tempJournal(t), "--json", "garden")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("no journal, --json: %q, want []", r.stdout)
	}
}
