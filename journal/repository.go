package journal

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Repository is how the rest of Waymark reads and writes a journal. The store
// implements it over bbolt; tests use an in-memory one. Every method may do
// I/O, so screens call it from commands, never while handling a key.
type Repository interface {
	// Fresh reports whether the person has not yet chosen a starting set.
	Fresh() (bool, error)
	// Begin saves the first set of dimensions and marks the journal as set up.
	Begin(set StartingSet) (Dimensions, error)

	Dimensions() (Dimensions, error)
	// SaveDimensions replaces the whole set in one transaction.
	SaveDimensions(Dimensions) error
	// NewDimensionID returns an unused, opaque id for a new dimension.
	NewDimensionID() string

	// Create stores a new entry, giving it an id and its times, and returns it.
	// A zero When means now.
	Create(Entry) (Entry, error)
	// Update stores a changed entry and returns it with Updated set.
	Update(Entry) (Entry, error)
	Get(id string) (Entry, error)
	// List returns one page of summaries, newest first, and how many match.
	List(Query) (Page, error)
	// Counts returns how many entries, outside the trash, touch each dimension.
	Counts() (Counts, error)
	// Trends returns each dimension's check-in ratings, oldest first.
	Trends() (map[string][]Point, error)
	// OnThisDay returns entries written on this day of the month in earlier
	// months and years, newest first.
	OnThisDay(today time.Time) ([]Summary, error)

	Trash(id string) error
	Restore(id string) error
	// EmptyTrash deletes, for good, every entry in the trash and says how many.
	EmptyTrash() (int, error)

	// Draft returns the unsaved writing kept from last time, if any.
	Draft() (Draft, bool, error)
	SaveDraft(Draft) error
	ClearDraft() error

	// Search finds the entries the query selects whose words hold text
	// (ignoring case and accents), newest first, a page at a time. It gives
	// up with ctx's error when ctx is done, so a newer search can replace it.
	Search(ctx context.Context, text string, q Query) (SearchPage, error)

	// Settings are the person's own choices that are not entries.
	Settings() (Settings, error)
	SaveSettings(Settings) error
}

// SearchPage is one page of search results.
type SearchPage struct {
	Hits []Hit
	// Total is how many entries match in all.
	Total int
}

// Hit is one entry a search found, with a short piece of its text around
// the first match.
type Hit struct {
	Summary Summary
	// Snippet is a line of the entry's text around the first match.
	Snippet string
	// Matches are the byte ranges of the matches within Snippet.
	Matches []Span
}

// Span is a byte range [Start, End) within a string.
type Span struct{ Start, End int }

// Settings hold the person's choices that are not entries.
type Settings struct {
	// CrisisLine is shown on the "Need help now?" screen; empty means the
	// default (DefaultCrisisLine).
	CrisisLine string `json:"crisisLine,omitempty"`
}

// DefaultCrisisLine is shown until the person writes their own.
const DefaultCrisisLine = "988 — call or text, any time (Canada and the US)"

// Query selects summaries. The zero Query is every entry outside the trash.
type Query struct {
	Kinds     []Kind // any of these; empty means all
	Dimension string // a dimension id; empty means all
	// Tags: entries holding every one of these tags (compared ignoring case).
	Tags []string
	// Statuses: goals in any of these states; empty means all (and any kind).
	Statuses []GoalStatus
	// From and To bound When: From inclusive, To exclusive; zero means open.
	From, To time.Time
	// Session: only entries written in this session; empty means all.
	Session string
	// Trash selects the entries in the trash instead of those outside it.
	Trash  bool
	Offset int
	Limit  int // zero means a default page
}

// DefaultPageSize is how many summaries a page holds when a query says nothing.
const DefaultPageSize = 50

// Matches reports whether a summary is selected by the query (ignoring paging).
func (q Query) Matches(s Summary) bool { return q.matches(&s) }

func (q Query) matches(s *Summary) bool {
	if s.InTrash() != q.Trash {
		return false
	}
	if q.Dimension != "" && !s.HasDimension(q.Dimension) {
		return false
	}
	if q.Session != "" && s.Session != q.Session {
		return false
	}
	if !q.From.IsZero() && s.When.Before(q.From) {
		return false
	}
	if !q.To.IsZero() && !s.When.Before(q.To) {
		return false
	}
	for _, t := range q.Tags {
		if !s.HasTag(t) {
			return false
		}
	}
	if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, s.Status) {
		return false
	}
	return len(q.Kinds) == 0 || slices.Contains(q.Kinds, s.Kind)
}

// HasTag reports whether the summarised entry holds the tag, ignoring case.
func (s Summary) HasTag(tag string) bool {
	for _, t := range s.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Page is one page of a query's results.
type Page struct {
	Summaries []Summary
	// Total is how many summaries match the query in all.
	Total int
}

// Counts holds how many entries (outside the trash) there are.
type Counts struct {
	All         int
	ByDimension map[string]int
	ByKind      map[Kind]int
	Trash       int
	// GoalsByStatus counts goals by where they stand.
	GoalsByStatus map[GoalStatus]int
	// Latest is when the newest entry was written; zero when there is none.
	Latest time.Time
}

// Draft is writing not yet saved, kept so a closed terminal or a crash loses
// at most a few seconds of it.
type Draft struct {
	// EntryID is set when the draft edits an existing entry.
	EntryID    string   `json:"entryId,omitempty"`
	Kind       Kind     `json:"kind"`
	Dimensions []string `json:"dimensions,omitempty"`
	Title      string   `json:"title,omitempty"`
	Text       string   `json:"text"`
	Prompt     string   `json:"prompt,omitempty"`
	// Author and Session are kept for writing begun in a session together,
	// so a draft picked up later is saved as it was being written.
	Author  Author `json:"author,omitempty"`
	Session string `json:"session,omitempty"`
	// A session together not yet ended keeps its unconfirmed part here:
	// Kind is KindSession, Session its id, Text the summary's words so far,
	// NextSteps the steps agreed and SessionStarted when it began. Nothing
	// of it is an entry until the person confirms the summary.
	NextSteps      []string  `json:"steps,omitempty"`
	SessionStarted time.Time `json:"started,omitzero"`
	Saved          time.Time `json:"saved"`
}

// IsSession reports whether the draft is an unfinished session together
// rather than writing.
func (d Draft) IsSession() bool { return d.Kind == KindSession && d.Session != "" }

// Errors a repository returns, whatever keeps the journal.
var (
	ErrNotFound = errors.New("entry not found")
	// ErrInUse: another program (often another Waymark window) has the journal open.
	ErrInUse = errors.New("journal is open elsewhere")
	// ErrDamaged: the journal file cannot be read as a journal.
	ErrDamaged = errors.New("journal file is damaged")
	// ErrTooNew: the file was written by a newer Waymark.
	ErrTooNew = errors.New("journal was written by a newer version")
	// ErrLocked: the journal is encrypted and its passphrase is needed.
	ErrLocked = errors.New("journal is locked")
	// ErrWrongPassphrase: the passphrase did not open the journal. A tampered
	// header gives this same error, so neither tells an attacker anything.
	ErrWrongPassphrase = errors.New("passphrase did not open the journal")
)
