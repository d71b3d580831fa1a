package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

func TestExportFromHome(t *testing.T) {
	var asked []string
	a := New(memjournal.NewWithDefaults(testClock), Options{Now: testClock, Plain: true, DraftDelay: time.Millisecond,
		Export: func(format string) (string, error) {
			asked = append(asked, format)
			return "/home/me/waymark-2026-11-23." + format, nil
		}})
	settle(t, a, a.Init())
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	press(t, a, "E")
	mustContain(t, a.View(), "› Markdown", "JSON")
	press(t, a, "enter")
	mustContain(t, a.View(), "Saved to /home/me/waymark-2026-11-23.markdown", "Exported.")
	press(t, a, "down", "enter")
	if len(asked) != 2 || asked[0] != "markdown" || asked[1] != "json" {
		t.Fatalf("exports asked for: %q", asked)
	}
	press(t, a, "esc")
	mustContain(t, a.View(), "Life areas")
}
