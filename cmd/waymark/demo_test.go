package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

func TestDemoMakesASampleJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo", "sample.db")
	r := must(t, "", "demo", "--entries", "400", path)
	if !strings.Contains(r.stdout, "400 entries") || !strings.Contains(r.stdout, path) ||
		!strings.Contains(r.stdout, "waymark --file "+path) {
		t.Errorf("demo said %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("demo wrote to stderr (not a terminal): %q", r.stderr)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("sample file: %v, %v; want 0600", fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("sample folder: %v, %v; want 0700", fi.Mode(), err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if c.All+c.Trash != 400 || c.ByKind[journal.KindReflection] == 0 || c.ByKind[journal.KindCheckIn] == 0 ||
		c.ByKind[journal.KindGoal] == 0 || len(c.ByDimension) != 4 {
		t.Errorf("Counts = %+v", c)
	}
	if fresh, _ := st.Fresh(); fresh {
		t.Error("the sample journal has no life areas")
	}
	// It reads like a journal from the command line too.
	st.Close()
	r = must(t, "", "list", "--file", path, "--limit", "3")
	if len(lines(r.stdout)) < 3 {
		t.Errorf("list of the sample: %q", r.stdout)
	}
}

func TestDemoNeverWritesOverAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.db")
	if err := os.WriteFile(path, []byte("my own words"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := waymark(t, "", "demo", path)
	if r.code != exitFailed || !strings.Contains(r.stderr, "already a file") {
		t.Errorf("demo over a file: exit %d, %q", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != "my own words" {
		t.Errorf("the file was changed: %q", b)
	}
	// The name it suggests instead is free.
	taken := filepath.Join(filepath.Dir(path), "waymark-demo-2.db")
	os.WriteFile(taken, nil, 0o600)
	r = waymark(t, "", "demo", taken)
	if want := "Choose a new name, like " + filepath.Join(filepath.Dir(path), "waymark-demo-3.db") + "."; r.code != exitFailed || !strings.Contains(r.stderr, want) {
		t.Errorf("demo over %s: exit %d, %q; want %q", taken, r.code, r.stderr, want)
	}
	// An empty file is somebody's file too.
	empty := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if r := waymark(t, "", "demo", empty); r.code != exitFailed {
		t.Errorf("demo over an empty file: exit %d", r.code)
	}
}

func TestDemoEncrypted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.db")
	pf := passFile(t, "sample pass\n")
	r := must(t, "", "demo", "--encrypt", "--passphrase-file", pf, "-n", "150", path)
	if !strings.Contains(r.stdout, "passphrase") {
		t.Errorf("demo --encrypt said %q", r.stdout)
	}
	info, err := store.Inspect(path)
	if err != nil || !info.Encrypted {
		t.Fatalf("Inspect = %+v, %v; want encrypted", info, err)
	}
	st, err := store.Open(path, store.Options{Passphrase: []byte("sample pass")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.Counts(); c.All+c.Trash != 150 {
		t.Errorf("Counts = %+v", c)
	}
}

func TestDemoUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"demo"},
		{"demo", filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")},
		{"demo", "--entries", "0", filepath.Join(dir, "c.db")},
		{"demo", "--entries", "lots", filepath.Join(dir, "d.db")},
		{"demo", "--passphrase-file", filepath.Join(dir, "p"), filepath.Join(dir, "e.db")},
		// demo chooses no journal: --file or --journal would do nothing.
		{"demo", "--journal", "work", filepath.Join(dir, "f.db")},
		{"--file", filepath.Join(dir, "g.db"), "demo", filepath.Join(dir, "h.db")},
	} {
		if r := waymark(t, "", args...); r.code != exitUsage {
			t.Errorf("waymark %q: exit %d (%q), want 2", args, r.code, r.stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}
