package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// The larger view (ctrl+t) is for a shared screen: a worker and the person
// reading together. It is kept for this run only.

// largeMargin is the blank columns the larger view keeps on each side.
const largeMargin = 2

// largeExtraLines are the blank lines the larger view adds: one between
// header and body, one between body and footer.
const largeExtraLines = 2

// spacious reports whether the larger view's margins and spacing apply: it
// is on and the window has room for them (below that, the screens keep
// every column they can get).
func (a *App) spacious() bool {
	return a.c.styles.Large &&
		a.width-2*largeMargin >= minWidth && a.height-largeExtraLines >= minHeight
}

// togglePresent switches the larger view on or off, restyles everything and
// lays every screen out again for its new size.
func (a *App) togglePresent() tea.Cmd {
	large := !a.c.styles.Large
	if large {
		a.c.styles = NewLargeStyles(a.c.opts.Plain)
	} else {
		a.c.styles = NewStyles(a.c.opts.Plain)
	}
	a.help.Styles = a.c.styles.Help
	w, h := a.bodySize()
	for _, s := range a.stack {
		s.SetSize(w, h)
	}
	if large {
		return status("Larger view on.")
	}
	return status("Larger view off.")
}

// spaced lays the header, body and footer out with the larger view's
// margins and the extra blank lines between them. The help bar is drawn for
// the whole width: it keeps its margin when it fits in it, and takes the
// margin rather than cut a key off when it doesn't.
func spaced(width int, header, body, note, helpBar string) string {
	pad := strings.Repeat(" ", largeMargin)
	lines := strings.Split(strings.Join([]string{header, "", "", body, "", note}, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	if lipgloss.Width(helpBar) <= width-2*largeMargin {
		helpBar = pad + helpBar
	}
	return strings.Join(append(lines, helpBar), "\n")
}

// globalHelp is the keys that work on every screen, for the full help.
func (a *App) globalHelp() [][]key.Binding {
	return [][]key.Binding{{keyHelpNow, keyPresent, keyHide}, {a.keys.Help, a.keys.Quit}}
}
