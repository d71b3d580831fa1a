// Package journal is Waymark's domain: entries, dimensions, goals and check-ins,
// the rules they follow and the views derived from them.
//
// It knows nothing of bbolt or the terminal, and it never reads the clock or a
// source of randomness itself: callers pass times and ids in, so every rule can
// be tested exactly.
package journal

import (
	"fmt"
	"strings"
	"time"
)

// Kind says what an entry is.
type Kind string

// The kinds of entry. Every kind shares Entry; the kind-specific parts live in
// optional fields (Goal, CheckIn), so adding a kind never migrates stored ones.
const (
	KindReflection Kind = "reflection"
	KindHope       Kind = "hope"
	KindGoal       Kind = "goal"
	KindCheckIn    Kind = "checkin"
	KindStrength   Kind = "strength"
	KindSupport    Kind = "support"
	// KindSession is the summary of a session together, confirmed by the person.
	KindSession Kind = "session"
)

// WritableKinds are the kinds a person can write in this version, in the
// order the writing screen offers them.
var WritableKinds = []Kind{KindReflection, KindHope}

// AllKinds lists every kind the journal can hold, for filters.
var AllKinds = []Kind{KindReflection, KindHope, KindGoal, KindCheckIn, KindStrength, KindSupport, KindSession}

// Label is the kind's name on screen.
func (k Kind) Label() string {
	switch k {
	case KindReflection:
		return "Reflection"
	case KindHope:
		return "Hope"
	case KindGoal:
		return "Goal"
	case KindCheckIn:
		return "Check-in"
	case KindStrength:
		return "Strength"
	case KindSupport:
		return "Support"
	case KindSession:
		return "Session"
	}
	return string(k)
}

// ParseKind reads a kind as a person might type it ("Hope", "check-in").
func ParseKind(s string) (Kind, error) {
	norm := strings.ToLower(strings.TrimSpace(s))
	norm = strings.NewReplacer("-", "", "_", "", " ", "").Replace(norm)
	for _, k := range AllKinds {
		if string(k) == norm {
			return k, nil
		}
	}
	return "", fmt.Errorf("%q isn't a kind of entry Waymark knows; try reflection, hope or goal", s)
}

// Author says who wrote an entry.
type Author string

// Who wrote an entry: the person alone, together with a supporter, or a
// supporter (whose words are always shown as theirs).
const (
	AuthorMe        Author = "me"
	AuthorTogether  Author = "together"
	AuthorSupporter Author = "supporter"
)

// Entry is something written at a moment.
type Entry struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	// When is the moment the entry is about; it may be back-dated.
	When    time.Time `json:"when"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Dimensions holds dimension ids, never names, so a rename reaches every entry.
	Dimensions []string `json:"dimensions,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	// Title is used by goals; other kinds show the start of their text.
	Title string `json:"title,omitempty"`
	// Text is the person's words, Markdown, kept exactly as written.
	Text string `json:"text"`
	// Prompt is the reflection prompt the text answers, if any.
	Prompt  string `json:"prompt,omitempty"`
	Author  Author `json:"author,omitempty"`
	Session string `json:"session,omitempty"`

	Goal    *Goal    `json:"goal,omitempty"`
	CheckIn *CheckIn `json:"checkin,omitempty"`
	// SessionNote is set on a session's confirmed summary (KindSession).
	SessionNote *SessionNote `json:"sessionNote,omitempty"`

	// Trashed is when the entry was moved to the trash; zero when it is not there.
	Trashed time.Time `json:"trashed,omitzero"`
}

// InTrash reports whether the entry is in the trash.
func (e Entry) InTrash() bool { return !e.Trashed.IsZero() }

// HasDimension reports whether the entry is tagged with the dimension id.
func (e Entry) HasDimension(id string) bool {
	for _, d := range e.Dimensions {
		if d == id {
			return true
		}
	}
	return false
}

// Summary is the small part of an entry that lists, filters and the home
// screen need. The store keeps one per entry and loads them all at open, so
// browsing never reads full records.
type Summary struct {
	ID         string     `json:"id"`
	Kind       Kind       `json:"kind"`
	When       time.Time  `json:"when"`
	Dimensions []string   `json:"dimensions,omitempty"`
	Title      string     `json:"title"`
	Status     GoalStatus `json:"status,omitempty"`
	Trashed    time.Time  `json:"trashed,omitzero"`
	// Goals: when to look again, and steps done of all steps.
	Revisit    time.Time `json:"revisit,omitzero"`
	StepsDone  int       `json:"stepsDone,omitempty"`
	StepsTotal int       `json:"steps,omitempty"`
	// Check-ins: the person's own rating of each dimension they rated.
	Ratings map[string]int `json:"ratings,omitempty"`
	// Tags, author and session let filters work from the index alone.
	Tags    []string `json:"tags,omitempty"`
	Author  Author   `json:"author,omitempty"`
	Session string   `json:"session,omitempty"`
}

// InTrash reports whether the summarised entry is in the trash.
func (s Summary) InTrash() bool { return !s.Trashed.IsZero() }

// HasDimension reports whether the summarised entry is tagged with the dimension id.
func (s Summary) HasDimension(id string) bool {
	for _, d := range s.Dimensions {
		if d == id {
			return true
		}
	}
	return false
}

// SummaryTitleRunes bounds the title kept in a summary.
const SummaryTitleRunes = 120

// Summary derives the entry's summary.
func (e Entry) Summary() Summary {
	s := Summary{
		ID:         e.ID,
		Kind:       e.Kind,
		When:       e.When,
		Dimensions: append([]string(nil), e.Dimensions...),
		Title:      Headline(e.Title, e.Text),
		Trashed:    e.Trashed,
		Tags:       append([]string(nil), e.Tags...),
		Author:     e.Author,
		Session:    e.Session,
	}
	if e.Goal != nil {
		s.Status = e.Goal.Status
		s.Revisit = e.Goal.Revisit
		s.StepsDone, s.StepsTotal = e.Goal.StepsDone()
	}
	if e.CheckIn != nil {
		if r := e.CheckIn.Ratings(); len(r) > 0 {
			s.Ratings = r
		}
	}
	return s
}

// Headline is the one line that stands for an entry in a list: its title if it
// has one, otherwise the first line of text with words, cut to a readable length.
func Headline(title, text string) string {
	line := strings.TrimSpace(title)
	if line == "" {
		for _, l := range strings.Split(text, "\n") {
			l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "#>-* "))
			if l != "" {
				line = l
				break
			}
		}
	}
	line = strings.Join(strings.Fields(line), " ")
	r := []rune(line)
	if len(r) > SummaryTitleRunes {
		line = strings.TrimSpace(string(r[:SummaryTitleRunes-1])) + "…"
	}
	return line
}
