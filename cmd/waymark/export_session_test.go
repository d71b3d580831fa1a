package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

// TestExportSessionToHome: one session, its summary and entries, goes to a
// new 0600 file in the home folder; nothing from outside the session does.
func TestExportSessionToHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	st, err := store.Create(filepath.Join(t.TempDir(), "journal.db"), storeOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Begin(journal.DefaultStartingSet()); err != nil {
		t.Fatal(err)
	}
	refl, err := st.Create(journal.Entry{Kind: journal.KindReflection, Text: "Packing one box a day", Author: journal.AuthorTogether, Session: "s1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []journal.Entry{
		{Kind: journal.KindReflection, Text: "A private note"},
		{Kind: journal.KindReflection, Text: "Another session", Session: "s2"},
	} {
		if _, err := st.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, time.November, 23, 15, 0, 0, 0, time.UTC)
	sum, err := journal.NewSessionSummary("s1", now.Add(-time.Hour), now, "We talked about the move.",
		[]string{"Call the housing office"}, []journal.Summary{refl.Summary()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Create(sum); err != nil {
		t.Fatal(err)
	}

	path, err := exportSessionToHome(st, "s1", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "waymark-session-2026-11-23.md"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	md, _ := os.ReadFile(path)
	for _, want := range []string{"We talked about the move.", "- Call the housing office", "Packing one box a day"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	for _, unwanted := range []string{"A private note", "Another session"} {
		if strings.Contains(string(md), unwanted) {
			t.Errorf("export holds %q from outside the session:\n%s", unwanted, md)
		}
	}
	again, err := exportSessionToHome(st, "s1", now)
	if err != nil || filepath.Base(again) != "waymark-session-2026-11-23-2.md" {
		t.Errorf("a second export went to %s (%v), want a new -2 file", again, err)
	}
}
