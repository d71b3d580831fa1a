package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// The person's own editor, for long entries. The words pass through a file
// for as long as the editor is open: it lives in a 0700 folder of its own,
// in memory-backed storage where there is some ($XDG_RUNTIME_DIR, /dev/shm),
// as a 0600 file, and is removed as soon as the editor closes, when Waymark
// ends, and on a hang-up or termination signal.

// editorDoneMsg carries the text back from the editor.
type editorDoneMsg struct {
	text string
	err  error
}

// editorFiles are the folders of editor files still open, for cleanup.
var editorFiles = struct {
	sync.Mutex
	dirs map[string]bool
}{dirs: map[string]bool{}}

// removeEditorFiles removes every editor folder still present.
func removeEditorFiles() {
	editorFiles.Lock()
	defer editorFiles.Unlock()
	for dir := range editorFiles.dirs {
		_ = os.RemoveAll(dir)
		delete(editorFiles.dirs, dir)
	}
}

// editorCommand reads $VISUAL, then $EDITOR; either may hold arguments
// ("code --wait").
func editorCommand() []string {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(name)); len(f) > 0 {
			return f
		}
	}
	return nil
}

// privateDir picks where the editor's file lives: memory-backed if possible.
func privateDir() string {
	for _, dir := range []string{os.Getenv("XDG_RUNTIME_DIR"), "/dev/shm"} {
		if dir == "" {
			continue
		}
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
	}
	return os.TempDir()
}

// writeEditorFile puts text in a new private file and returns its path.
func writeEditorFile(text string) (string, error) {
	dir, err := os.MkdirTemp(privateDir(), "waymark-")
	if err != nil {
		return "", fmt.Errorf("make a private folder for the editor: %w", err)
	}
	editorFiles.Lock()
	editorFiles.dirs[dir] = true
	editorFiles.Unlock()
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("protect the editor's folder: %w", err)
	}
	path := filepath.Join(dir, "entry.md")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("write the editor's file: %w", err)
	}
	return path, nil
}

// finishEditorFile reads the text back and removes the folder.
func finishEditorFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	dir := filepath.Dir(path)
	_ = os.RemoveAll(dir)
	editorFiles.Lock()
	delete(editorFiles.dirs, dir)
	editorFiles.Unlock()
	if err != nil {
		return "", fmt.Errorf("read the editor's file: %w", err)
	}
	return string(data), nil
}

var errNoEditor = errors.New("no editor set")

// openEditor hands the text to the person's editor and brings it back.
func openEditor(text string) tea.Cmd {
	args := editorCommand()
	if args == nil {
		return func() tea.Msg { return editorDoneMsg{err: errNoEditor} }
	}
	path, err := writeEditorFile(text)
	if err != nil {
		if path != "" {
			_, _ = finishEditorFile(path)
		}
		removeEditorFiles()
		return func() tea.Msg { return editorDoneMsg{err: err} }
	}
	cmd := exec.Command(args[0], append(args[1:], path)...)
	return tea.ExecProcess(cmd, func(runErr error) tea.Msg {
		edited, err := finishEditorFile(path)
		if runErr != nil {
			return editorDoneMsg{err: fmt.Errorf("run the editor: %w", runErr)}
		}
		return editorDoneMsg{text: edited, err: err}
	})
}
