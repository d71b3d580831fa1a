package journal

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// SessionNote is what a session's summary holds beyond its text: when the
// session ran, the next steps agreed, and the entries written during it. The
// summary entry itself (KindSession) carries the person's words in Text and
// the session's id in Session.
type SessionNote struct {
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended"`
	NextSteps []string  `json:"nextSteps,omitempty"`
	// Entries are the ids of the entries written in the session.
	Entries []string `json:"entries,omitempty"`
}

// SessionTitle names a session's summary that has no words of its own.
const SessionTitle = "A session together"

// Session errors, written for the person.
var (
	ErrEmptySession  = errors.New("There's nothing in this summary yet. Add a few words or a next step, or end without a summary.")
	ErrNoSession     = errors.New("This summary doesn't say which session it belongs to.")
	ErrUnknownAuthor = errors.New("Waymark doesn't know who wrote that entry: it can be me, together or supporter.")
)

// ValidAuthor reports whether a is an author Waymark knows (empty means the
// person, as before authors were kept).
func ValidAuthor(a Author) bool {
	switch a {
	case "", AuthorMe, AuthorTogether, AuthorSupporter:
		return true
	}
	return false
}

// Label is who wrote an entry, in words for the screen; empty for the
// person alone, who needs no label on their own journal.
func (a Author) Label() string {
	switch a {
	case AuthorTogether:
		return "Written together"
	case AuthorSupporter:
		return "Written by your supporter"
	}
	return ""
}

// CleanSteps keeps next steps as the person wrote them, leaving out empty
// lines and the spaces around each step.
func CleanSteps(steps []string) []string {
	var out []string
	for _, s := range steps {
		s = strings.TrimSpace(RepairText(s))
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SessionEntries picks, oldest first, the ids of the entries a session's
// summary links to: every entry written in the session outside the trash,
// except summaries of it. Entries written at the same moment keep the order
// they are given in.
func SessionEntries(session string, summaries []Summary) []string {
	picked := make([]Summary, 0, len(summaries))
	for _, s := range summaries {
		if s.Session == session && s.Kind != KindSession && !s.InTrash() {
			picked = append(picked, s)
		}
	}
	slices.SortStableFunc(picked, func(a, b Summary) int { return a.When.Compare(b.When) })
	ids := make([]string, 0, len(picked))
	for _, s := range picked {
		ids = append(ids, s.ID)
	}
	return ids
}

// NewSessionSummary builds the summary the person confirms at the end of a
// session: their words, the next steps agreed and links to the entries
// written in it (from summaries, in any order). It is written together and
// dated when the session ended.
func NewSessionSummary(session string, started, ended time.Time, text string, nextSteps []string, summaries []Summary) (Entry, error) {
	e := Entry{
		Kind:    KindSession,
		When:    ended,
		Text:    text,
		Author:  AuthorTogether,
		Session: session,
		SessionNote: &SessionNote{
			Started:   started,
			Ended:     ended,
			NextSteps: CleanSteps(nextSteps),
			Entries:   SessionEntries(session, summaries),
		},
	}
	if len(e.SessionNote.Entries) == 0 {
		e.SessionNote.Entries = nil
	}
	if strings.TrimSpace(text) == "" {
		// Lists show a title when there are no words to show.
		e.Title = SessionTitle
	}
	return e, e.SessionNote.validate(e)
}

// validate checks a session summary holds something and names its session.
func (n *SessionNote) validate(e Entry) error {
	if n == nil {
		return ErrEmptySession
	}
	if strings.TrimSpace(e.Session) == "" {
		return ErrNoSession
	}
	if strings.TrimSpace(e.Text) == "" && len(n.NextSteps) == 0 && len(n.Entries) == 0 {
		return ErrEmptySession
	}
	return nil
}
