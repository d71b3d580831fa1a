package journal

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxTextBytes is the most text one entry can hold (1 MiB). Longer writing is
// better split into more than one entry, and the limit keeps every record a
// size the store can seal and load quickly.
const MaxTextBytes = 1 << 20

// Validation errors. Their text is written for the person and can be shown as is.
var (
	ErrEmptyText   = errors.New("There's nothing written yet. Add a few words, then save.")
	ErrTextTooLong = errors.New("This entry is longer than one entry can hold (1 MiB). Try splitting it into two.")
	ErrEmptyTitle  = errors.New("A goal needs a few words to name it.")
	ErrUnknownKind = errors.New("Waymark doesn't know that kind of entry.")
)

// Prepare checks an entry before it is saved and returns it ready to store:
// invalid UTF-8 (from a damaged file or a paste) is repaired rather than
// refused, so the person's words are kept; empty or oversized text is refused.
// The words themselves are never trimmed or reflowed.
func Prepare(e Entry) (Entry, error) {
	if !knownKind(e.Kind) {
		return e, ErrUnknownKind
	}
	if !ValidAuthor(e.Author) {
		return e, ErrUnknownAuthor
	}
	e.Session = RepairText(e.Session)
	e.Text = RepairText(e.Text)
	e.Title = RepairText(e.Title)
	e.Prompt = RepairText(e.Prompt)
	e.Tags = slices.Clone(e.Tags)
	for i, t := range e.Tags {
		e.Tags[i] = RepairText(t)
	}
	e.Dimensions = dedupe(e.Dimensions)

	if len(e.Text) > MaxTextBytes || len(e.Title) > MaxTextBytes {
		return e, ErrTextTooLong
	}
	switch e.Kind {
	case KindGoal:
		if strings.TrimSpace(e.Title) == "" {
			return e, ErrEmptyTitle
		}
		g := Goal{Status: GoalActive}
		if !e.When.IsZero() {
			g.History = []StatusChange{{Status: GoalActive, At: e.When}}
		}
		if e.Goal != nil {
			g = *e.Goal
		}
		if !validStatus(g.Status) {
			return e, ErrUnknownStatus
		}
		g.Why = RepairText(g.Why)
		e.Goal = &g
	case KindCheckIn:
		// A check-in's words live in its answers.
		if e.CheckIn == nil {
			return e, ErrEmptyCheckIn
		}
		c := *e.CheckIn
		c.Answers = append([]Answer(nil), c.Answers...)
		c.repair()
		if err := c.Validate(); err != nil {
			return e, err
		}
		e.CheckIn = &c
	case KindSession:
		// A session's summary may hold only next steps, or only links to
		// what was written, with no words of its own.
		if e.SessionNote == nil {
			return e, ErrEmptySession
		}
		n := *e.SessionNote
		n.NextSteps = CleanSteps(n.NextSteps)
		n.Entries = dedupe(n.Entries)
		if err := n.validate(e); err != nil {
			return e, err
		}
		e.SessionNote = &n
	case KindSupport:
		// Who or what helps (the title) and how to reach them (the text):
		// either is enough, as a practice may have no way to reach it.
		if strings.TrimSpace(e.Title) == "" && strings.TrimSpace(e.Text) == "" {
			return e, ErrEmptyText
		}
	default:
		if strings.TrimSpace(e.Text) == "" {
			return e, ErrEmptyText
		}
	}
	return e, nil
}

// RepairText replaces invalid UTF-8 with U+FFFD, leaving valid text untouched.
func RepairText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func knownKind(k Kind) bool {
	for _, known := range AllKinds {
		if k == known {
			return true
		}
	}
	return false
}

func dedupe(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}
