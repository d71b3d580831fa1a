package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/waymark-journal/waymark/journal"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestMain(m *testing.M) {
	// Golden views hold no colour codes, whatever terminal runs the tests.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// newTestCommon is what a screen shares, for a screen tested on its own: the
// repository, plain styles, the fixed clock (testNow) and the repository's
// dimensions as they are now.
func newTestCommon(t *testing.T, repo journal.Repository) *common {
	t.Helper()
	dims, err := repo.Dimensions()
	if err != nil {
		t.Fatalf("read dimensions: %v", err)
	}
	opts := Options{Now: testClock, Plain: true, DraftDelay: time.Millisecond}
	return &common{repo: repo, styles: NewStyles(true), now: testClock, dims: dims, opts: opts, draftDelay: opts.DraftDelay}
}

// run executes cmd and everything it leads to, feeding each message back into
// the screen as the root would (changedMsg included, so the screen reloads),
// and returns every message in the order it arrived. tea.Batch and
// tea.Sequence are expanded; commands still running after a short wait
// (timers, cursor blinks) are dropped so the test stays synchronous.
func run(t *testing.T, s screen, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	drain(t, cmd, 500*time.Millisecond, func(msg tea.Msg) tea.Cmd {
		seen = append(seen, msg)
		return s.Update(msg)
	})
	return seen
}

// open sizes a screen, starts it and runs what it starts.
func open(t *testing.T, s screen, width, height int) screen {
	t.Helper()
	s.SetSize(width, height)
	run(t, s, s.Init())
	return s
}

// send gives the screen keys one at a time and returns every message they
// led to. Key names are keyMsg's, and shift+up and shift+down.
func send(t *testing.T, s screen, keys ...string) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	for _, k := range keys {
		msg := keyMsg(k)
		switch k {
		case "shift+up":
			msg = tea.KeyMsg{Type: tea.KeyShiftUp}
		case "shift+down":
			msg = tea.KeyMsg{Type: tea.KeyShiftDown}
		}
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
			t.Fatalf("send: %q is not a key name; use sendText for text", k)
		}
		seen = append(seen, run(t, s, s.Update(msg))...)
	}
	return seen
}

// sendText types text into the screen as one burst of runes.
func sendText(t *testing.T, s screen, text string) []tea.Msg {
	t.Helper()
	return run(t, s, s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)}))
}

// statusNotes returns the footer notes among msgs.
func statusNotes(msgs []tea.Msg) []statusMsg {
	var notes []statusMsg
	for _, m := range msgs {
		if n, ok := m.(statusMsg); ok {
			notes = append(notes, n)
		}
	}
	return notes
}

// wantNote fails unless msgs hold a footer note with exactly text.
func wantNote(t *testing.T, msgs []tea.Msg, text string, isProblem bool) {
	t.Helper()
	for _, n := range statusNotes(msgs) {
		if n.text == text && n.problem == isProblem {
			return
		}
	}
	t.Fatalf("want note %q (problem %v), got %+v", text, isProblem, statusNotes(msgs))
}

// pushed returns the screen a message in msgs opened, or nil.
func pushed(msgs []tea.Msg) screen {
	for _, m := range msgs {
		if p, ok := m.(pushMsg); ok {
			return p.s
		}
	}
	return nil
}

func hasMsg[T any](msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(T); ok {
			return true
		}
	}
	return false
}

// mustNotContain fails if the view holds any of the strings.
func mustNotContain(t *testing.T, view string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(view, u) {
			t.Fatalf("view should not hold %q:\n%s", u, view)
		}
	}
}

// assertTerminalSafe fails if the view holds a byte a terminal would act on
// (ESC or BEL, from stored text reaching the screen raw).
func assertTerminalSafe(t *testing.T, view string) {
	t.Helper()
	if i := strings.IndexAny(view, "\x1b\x07"); i >= 0 {
		t.Fatalf("view holds a control byte %q at %d:\n%q", view[i], i, view)
	}
}

// assertFits fails if any line of the view is wider than width cells or the
// view is taller than height lines.
func assertFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		t.Errorf("%dx%d: view has %d lines:\n%s", width, height, len(lines), view)
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > width {
			t.Errorf("%dx%d: line of %d cells: %q", width, height, w, l)
		}
	}
}

// assertHelpFits fails if the screen's help bar, with "? all keys" after it,
// is wider than 80 columns (the help bar would then cut keys off).
func assertHelpFits(t *testing.T, s screen) {
	t.Helper()
	h := help.New()
	h.Styles = NewStyles(true).Help
	bindings := append(append([]key.Binding(nil), s.Keys().ShortHelp()...), newGlobalKeys().Help)
	if bar := h.ShortHelpView(bindings); lipgloss.Width(bar) > 80 {
		t.Errorf("help bar is %d columns: %q", lipgloss.Width(bar), bar)
	}
}

// assertFullHelpFits fails if the full help (?) would cut off any of the
// screen's keys: at 80 columns with the keys every screen has, at 50 (the
// smallest window) without them.
func assertFullHelpFits(t *testing.T, s screen) {
	t.Helper()
	g := newGlobalKeys()
	for _, tt := range []struct {
		width int
		extra [][]key.Binding
	}{{80, [][]key.Binding{{g.Help, g.Quit}}}, {50, nil}} {
		h := help.New()
		h.Styles = NewStyles(true).Help
		h.Width = tt.width
		groups := append(append([][]key.Binding(nil), s.Keys().FullHelp()...), tt.extra...)
		view := h.FullHelpView(groups)
		if strings.Contains(view, "…") {
			t.Errorf("full help cut at %d columns:\n%s", tt.width, view)
		}
		for _, group := range groups {
			for _, b := range group {
				if b.Enabled() && !strings.Contains(view, b.Help().Desc) {
					t.Errorf("full help at %d columns lacks %q:\n%s", tt.width, b.Help().Desc, view)
				}
			}
		}
	}
}

// golden compares a view with testdata/NAME.golden; -update rewrites it.
func golden(t *testing.T, name, view string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(view), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run %s -update to create it)", err, t.Name())
	}
	if string(want) != view {
		t.Errorf("view differs from %s (run with -update if the change is meant)\n--- want\n%s\n--- got\n%s", path, want, view)
	}
}
