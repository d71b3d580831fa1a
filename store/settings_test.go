package store

import (
	"bytes"
	"os"
	"testing"

	"github.com/waymark-journal/waymark/journal"
)

func TestSettingsStartEmpty(t *testing.T) {
	s, _ := newStore(t)
	got, err := s.Settings()
	if err != nil {
		t.Fatalf("Settings: %v", err)
	}
	if got != (journal.Settings{}) {
		t.Errorf("a new journal's settings = %+v, want none (the default crisis line)", got)
	}
}

func TestSettingsRoundTripAndSurviveReopen(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	want := journal.Settings{CrisisLine: "Samaritans: 116 123 (UK and Ireland) <free> & open all night"}
	if err := s.SaveSettings(want); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if got, err := s.Settings(); err != nil || got != want {
		t.Fatalf("Settings = %+v, %v; want %+v", got, err, want)
	}
	// Saving again replaces the line; empty means the default again.
	if err := s.SaveSettings(journal.Settings{}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if got, _ := s.Settings(); got != (journal.Settings{}) {
		t.Fatalf("after saving empty settings, got %+v", got)
	}
	if err := s.SaveSettings(want); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	s.Close()

	s = openAt(t, path, c)
	if got, err := s.Settings(); err != nil || got != want {
		t.Fatalf("after reopening, Settings = %+v, %v; want %+v", got, err, want)
	}
}

func TestSettingsRepairBrokenText(t *testing.T) {
	s, _ := newStore(t)
	if err := s.SaveSettings(journal.Settings{CrisisLine: "call \xff 988"}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	if got, _ := s.Settings(); got.CrisisLine != "call \uFFFD 988" {
		t.Errorf("CrisisLine = %q", got.CrisisLine)
	}
}

func TestSettingsAreSealedInAnEncryptedJournal(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	line := "Lifeline Marigold 13 11 14"
	if err := s.SaveSettings(journal.Settings{CrisisLine: line}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	s.Close()

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{line, "Marigold", "13 11 14", `"crisisLine"`, `"settings"`} {
		if bytes.Contains(b, []byte(w)) {
			t.Errorf("the encrypted file shows %q", w)
		}
	}

	s, err = openWith(t, path, c, testPass)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got, err := s.Settings(); err != nil || got.CrisisLine != line {
		t.Fatalf("Settings = %+v, %v; want %q", got, err, line)
	}
}

func TestSettingsKeptWhenAJournalIsEncrypted(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	line := "Marigold help line 0800 000"
	if err := s.SaveSettings(journal.Settings{CrisisLine: line}); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	s.Close()
	if err := Encrypt(path, encOpts(c, testPass)); err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	if b, _ := os.ReadFile(path); bytes.Contains(b, []byte("Marigold")) {
		t.Error("the encrypted file still shows the crisis line")
	}
	s, err := openWith(t, path, c, testPass)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got, _ := s.Settings(); got.CrisisLine != line {
		t.Errorf("after encrypting, CrisisLine = %q, want %q", got.CrisisLine, line)
	}
}
