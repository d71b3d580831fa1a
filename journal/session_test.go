package journal

import (
	"errors"
	"testing"
)

func TestNewSessionSummary(t *testing.T) {
	started, ended := at(4, 14), at(4, 15)
	sessionSummaries := func(session string) []Summary {
		ci := summary("c", KindCheckIn, at(4, 14))
		ci.Session = session
		r := summary("r", KindReflection, at(4, 15))
		r.Session = session
		earlier := summary("e", KindReflection, at(4, 14))
		earlier.Session = session
		earlier.When = earlier.When.Add(-1) // written first
		trashed := summary("t", KindReflection, at(4, 14))
		trashed.Session, trashed.Trashed = session, at(4, 15)
		other := summary("o", KindReflection, at(4, 14))
		other.Session = "another"
		old := summary("s", KindSession, at(3, 14))
		old.Session = session
		return []Summary{r, ci, earlier, trashed, other, old}
	}
	tests := []struct {
		name      string
		text      string
		steps     []string
		sums      []Summary
		wantSteps []string
		wantLinks []string
		wantErr   error
	}{
		{name: "words, steps and entries", text: "We talked about the move.",
			steps: []string{"  Call the housing office  ", "", "Walk on Sunday"}, sums: sessionSummaries("s1"),
			wantSteps: []string{"Call the housing office", "Walk on Sunday"}, wantLinks: []string{"e", "c", "r"}},
		{name: "only next steps", steps: []string{"Rest"}, wantSteps: []string{"Rest"}},
		{name: "only entries", sums: sessionSummaries("s1"), wantLinks: []string{"e", "c", "r"}},
		{name: "nothing at all", text: "  \n", steps: []string{" "}, wantErr: ErrEmptySession},
		{name: "entries of another session only", sums: sessionSummaries("s2"), wantErr: ErrEmptySession},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewSessionSummary("s1", started, ended, tt.text, tt.steps, tt.sums)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if e.Kind != KindSession || e.Author != AuthorTogether || e.Session != "s1" || !e.When.Equal(ended) {
				t.Errorf("summary = %+v, want a session summary written together in s1 at its end", e)
			}
			n := e.SessionNote
			if !n.Started.Equal(started) || !n.Ended.Equal(ended) {
				t.Errorf("note times = %v–%v, want %v–%v", n.Started, n.Ended, started, ended)
			}
			wantStrings(t, "next steps", n.NextSteps, tt.wantSteps)
			wantStrings(t, "entries", n.Entries, tt.wantLinks)
			if _, err := Prepare(e); err != nil {
				t.Errorf("Prepare refuses the summary: %v", err)
			}
		})
	}
}

func TestPrepareSessionAndAuthor(t *testing.T) {
	note := &SessionNote{Started: at(4, 14), Ended: at(4, 15), NextSteps: []string{" a ", ""}, Entries: []string{"x", "x", "y"}}
	tests := []struct {
		name    string
		e       Entry
		wantErr error
	}{
		{"a summary", Entry{Kind: KindSession, Session: "s1", SessionNote: note}, nil},
		{"a summary without its note", Entry{Kind: KindSession, Session: "s1", Text: "words"}, ErrEmptySession},
		{"a summary without a session", Entry{Kind: KindSession, SessionNote: note}, ErrNoSession},
		{"written together", Entry{Kind: KindReflection, Text: "t", Author: AuthorTogether, Session: "s1"}, nil},
		{"written by a supporter", Entry{Kind: KindReflection, Text: "t", Author: AuthorSupporter}, nil},
		{"an author Waymark doesn't know", Entry{Kind: KindReflection, Text: "t", Author: "someone"}, ErrUnknownAuthor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Prepare(tt.e)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && got.SessionNote != nil {
				wantStrings(t, "next steps", got.SessionNote.NextSteps, []string{"a"})
				wantStrings(t, "entries", got.SessionNote.Entries, []string{"x", "y"})
				if len(note.NextSteps) != 2 {
					t.Error("Prepare changed the caller's note")
				}
			}
		})
	}
}

func TestCheckInRatingsCountOnlyThePersonsReading(t *testing.T) {
	ci := CheckIn{Answers: []Answer{
		{Dimension: "h", Value: val(4), By: AuthorMe},
		{Dimension: "h", Value: val(7), By: AuthorSupporter},
		{Dimension: "w", Value: val(6), By: AuthorSupporter},
	}}
	if err := ci.Validate(); err != nil {
		t.Fatalf("both readings of an area: %v", err)
	}
	got := ci.Ratings()
	if len(got) != 1 || got["h"] != 4 {
		t.Errorf("ratings = %v, want only the person's: h 4", got)
	}
}

func TestAuthorLabel(t *testing.T) {
	for a, want := range map[Author]string{"": "", AuthorMe: "", AuthorTogether: "Written together", AuthorSupporter: "Written by your supporter"} {
		if got := a.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", a, got, want)
		}
	}
}
