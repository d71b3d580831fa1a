package tui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// What a session together has not yet confirmed (its next steps and the
// summary's words so far) is kept as the journal's draft, so a crash, a
// closed terminal or a lock loses no more of it than of any writing. A draft
// is not an entry: at the next start home offers it back, and only the
// summary the person confirms is kept in the journal.
//
// The journal has one draft slot. The rule for sharing it:
//
//   - While a writing screen is open in a session (a reflection, say), the
//     slot is the writing's. The session's own screens (its page, next steps,
//     the summary) are all under the writing screen then, so none of them
//     saves; only quitting or locking saves the session, and it does so
//     first, from the session's page at the bottom of the stack, so the
//     writing screen's draft, kept after it, is the one left.
//   - When the writing screen closes (saved, or let go), it hands the slot
//     back to the session rather than clearing it (releaseDraft).
//   - Otherwise the slot is the session's: it is kept when the steps change,
//     a moment after typing in the summary pauses, on going back from the
//     summary, and on quitting or locking; it is cleared when the summary is
//     confirmed or the session ends without one.

// draftSlot orders a session's draft writes and its ending, so a draft kept
// a moment before the summary was confirmed can't land after the draft was
// cleared and offer a finished session again.
type draftSlot struct {
	mu    sync.Mutex
	ended bool
}

// keep stores d as the journal's draft, or clears the draft when d is nil;
// once the session has ended it does nothing.
func (s *draftSlot) keep(repo journal.Repository, d *journal.Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return nil
	}
	if d == nil {
		return repo.ClearDraft()
	}
	return repo.SaveDraft(*d)
}

// end marks the session over and clears its draft.
func (s *draftSlot) end(repo journal.Repository) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended = true
	return repo.ClearDraft()
}

// newActiveSession starts keeping a session under way.
func newActiveSession(id string, started time.Time) *activeSession {
	return &activeSession{id: id, started: started, slot: &draftSlot{}}
}

// resumeSession brings back a session kept as a draft: the same id, start,
// next steps and summary words.
func resumeSession(d journal.Draft) *activeSession {
	started := d.SessionStarted
	if started.IsZero() {
		started = d.Saved
	}
	s := newActiveSession(d.Session, started)
	s.steps = slices.Clone(d.NextSteps)
	s.summary = d.Text
	return s
}

// draft is the session's unconfirmed part as a draft; nil when there is
// nothing unconfirmed (no steps, no words).
func (s *activeSession) draft() *journal.Draft {
	if len(s.steps) == 0 && strings.TrimSpace(s.summary) == "" {
		return nil
	}
	return &journal.Draft{
		Kind:           journal.KindSession,
		Session:        s.id,
		Text:           s.summary,
		NextSteps:      slices.Clone(s.steps),
		SessionStarted: s.started,
		Author:         journal.AuthorTogether,
	}
}

// sessionDraftWrite takes what the running session has not confirmed now,
// and returns the write that keeps it as the draft (or clears a draft it no
// longer needs); nil when no session is running.
func sessionDraftWrite(c *common) func() error {
	sess, repo := c.session, c.repo
	if sess == nil || repo == nil || sess.slot == nil {
		return nil
	}
	d, slot := sess.draft(), sess.slot
	return func() error { return slot.keep(repo, d) }
}

// keepSessionDraft keeps the running session's unconfirmed part as the
// draft, in a command.
func keepSessionDraft(c *common) tea.Cmd {
	write := sessionDraftWrite(c)
	if write == nil {
		return nil
	}
	return func() tea.Msg {
		if err := write(); err != nil {
			return statusMsg{text: journal.Explain(fmt.Errorf("keep draft: %w", err)), problem: true}
		}
		return nil
	}
}

// endSessionDraft clears the running session's draft for good: the session
// is over. The write runs in the command it returns.
func endSessionDraft(c *common) tea.Cmd {
	sess, repo := c.session, c.repo
	if sess == nil || repo == nil || sess.slot == nil {
		return nil
	}
	slot := sess.slot
	return func() tea.Msg {
		if err := slot.end(repo); err != nil {
			return statusMsg{text: journal.Explain(err), problem: true}
		}
		return nil
	}
}

// releaseDraft is what a writing screen does with the draft slot as it
// closes: in a session the slot goes back to the session's unconfirmed
// part; otherwise it is cleared. It is taken when the screen closes and
// run in the command that closes it.
func releaseDraft(c *common) func() error {
	if write := sessionDraftWrite(c); write != nil {
		return write
	}
	repo := c.repo
	return repo.ClearDraft
}

// sessionDraftTickMsg comes a moment after typing in the summary; it keeps
// the draft if no typing followed.
type sessionDraftTickMsg struct {
	owner *sessionEndScreen
	seq   int
}

// sessionDraftOffer is home's offer of a session that wasn't finished.
func sessionDraftOffer(c *common, d journal.Draft, width int, askingDrop bool) string {
	st := c.styles
	started := d.SessionStarted
	if started.IsZero() {
		started = d.Saved
	}
	now := c.now()
	started = started.In(now.Location())
	from := started.Format("15:04")
	if started.Format("2006-01-02") != now.Format("2006-01-02") {
		from += " on " + started.Format("Mon 2 Jan")
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(wrap("A session together from "+from+" wasn't finished.", width)) + "\n")
	b.WriteString(st.Subtle.Render("Kept "+c.formatWhen(d.Saved)) + "\n\n")
	preview := journal.Headline("", d.Text)
	if preview == "" {
		preview = "(no words for the summary yet)"
	}
	b.WriteString(st.Dialog.Render(safeLine(preview, max(width-6, 10))) + "\n")
	switch n := len(d.NextSteps); n {
	case 0:
	case 1:
		b.WriteString(st.Subtle.Render("  1 next step agreed") + "\n")
	default:
		b.WriteString(st.Subtle.Render(fmt.Sprintf("  %d next steps agreed", n)) + "\n")
	}
	b.WriteString("\n")
	if askingDrop {
		b.WriteString(st.Problem.Render(wrap("Let go of what wasn't confirmed? What you saved in the session stays. y / n", width)))
	} else {
		b.WriteString(wrap("Open it to read it through and choose what to keep?", width) + "\n")
		b.WriteString(wrap("Press enter to open it, or x to let it go.", width))
	}
	return b.String()
}
