package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// common is what every screen shares: the journal, the person's dimensions,
// the styles and the clock. It is passed by pointer, never kept in globals.
type common struct {
	repo   journal.Repository
	styles Styles
	now    func() time.Time
	dims   journal.Dimensions
	opts   Options
	// draftDelay is how long typing must pause before a draft is kept.
	draftDelay time.Duration
	// session is the session together now under way, if any (session.go).
	session *activeSession
}

// loadDimensions reads the dimensions in the background.
func (c *common) loadDimensions() tea.Cmd {
	repo := c.repo
	if repo == nil {
		return nil
	}
	return func() tea.Msg {
		dims, err := repo.Dimensions()
		return dimensionsLoadedMsg{dims: dims, err: err}
	}
}

// dimensionNames names the ids given, in the person's order.
func (c *common) dimensionNames(ids []string) []string {
	return c.dims.Names(ids)
}

// formatWhen shows a moment in plain words relative to today.
func (c *common) formatWhen(t time.Time) string {
	now := c.now()
	t = t.In(now.Location())
	y1, m1, d1 := now.Date()
	y2, m2, d2 := t.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return "Today " + t.Format("15:04")
	case y1 == y2 && m1 == m2 && d1 == d2+1,
		now.AddDate(0, 0, -1).Format("2006-01-02") == t.Format("2006-01-02"):
		return "Yesterday " + t.Format("15:04")
	case y1 == y2:
		return t.Format("Mon 2 Jan")
	}
	return t.Format("2 Jan 2006")
}

// encrypted reports whether the open journal is protected by a passphrase
// and can be unlocked again, so hiding should lock it.
func (c *common) encrypted() bool {
	if c.repo == nil || c.opts.Unlock == nil {
		return false
	}
	e, ok := c.repo.(interface{ Encrypted() bool })
	return ok && e.Encrypted()
}
