package tui

import (
	"os"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

func TestEditorFileIsPrivateAndRemoved(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	path, err := writeEditorFile("A long entry")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s is %o, want %o", p, got, want)
		}
	}
	if err := os.WriteFile(path, []byte("A long entry, longer now\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := finishEditorFile(path)
	if err != nil || text != "A long entry, longer now\n" {
		t.Fatalf("read back %q, %v", text, err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the editor's folder is still there: %v", err)
	}
}

func TestLeftoverEditorFilesAreRemoved(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	path, err := writeEditorFile("words")
	if err != nil {
		t.Fatal(err)
	}
	removeEditorFiles()
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("cleanup left the editor's folder: %v", err)
	}
}

func TestTextComesBackFromTheEditor(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	press(t, a, "n")
	typeText(t, a, "Start")
	settle(t, a, func() tea.Msg { return editorDoneMsg{text: "Start, and the rest of a long day\n"} })
	mustContain(t, a.View(), "Start, and the rest of a long day")
	if d, ok, _ := repo.Draft(); !ok || d.Text != "Start, and the rest of a long day" {
		t.Errorf("the edited text was not kept as a draft: %+v", d)
	}
}

func TestNoEditorSetSaysHow(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "n", "ctrl+o")
	mustContain(t, a.View(), "Set $EDITOR")
}
