package journal

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestPrepare(t *testing.T) {
	tests := []struct {
		name    string
		in      Entry
		wantErr error
		// check looks at the prepared entry when there is no error.
		check func(t *testing.T, got Entry)
	}{
		// Empty words.
		{name: "empty reflection", in: Entry{Kind: KindReflection}, wantErr: ErrEmptyText},
		{name: "whitespace reflection", in: Entry{Kind: KindReflection, Text: " \n\t \r\n "}, wantErr: ErrEmptyText},
		{name: "empty hope", in: Entry{Kind: KindHope, Text: ""}, wantErr: ErrEmptyText},
		{name: "whitespace hope", in: Entry{Kind: KindHope, Text: "\n\n   "}, wantErr: ErrEmptyText},
		{name: "whitespace hope with a title", in: Entry{Kind: KindHope, Title: "A title", Text: "  "}, wantErr: ErrEmptyText},
		{name: "empty strength", in: Entry{Kind: KindStrength}, wantErr: ErrEmptyText},
		{name: "empty support", in: Entry{Kind: KindSupport, Text: "\t"}, wantErr: ErrEmptyText},
		{name: "support without words", in: Entry{Kind: KindSupport, Title: " ", Text: "\n"}, wantErr: ErrEmptyText},
		{name: "support with who and how", in: Entry{Kind: KindSupport, Title: "My sister Ana", Text: "Call 555-0100 after 6"}},
		{name: "support with only who", in: Entry{Kind: KindSupport, Title: "Walking by the river"}},
		{name: "support with only how", in: Entry{Kind: KindSupport, Text: "Drop-in centre, Tuesdays"}},

		// Size.
		{
			name: "text of exactly MaxTextBytes", in: Entry{Kind: KindReflection, Text: strings.Repeat("a", MaxTextBytes)},
			check: func(t *testing.T, got Entry) {
				if len(got.Text) != MaxTextBytes {
					t.Errorf("len(Text) = %d, want %d", len(got.Text), MaxTextBytes)
				}
			},
		},
		{
			name: "multi-byte text of exactly MaxTextBytes", in: Entry{Kind: KindHope, Text: strings.Repeat("é", MaxTextBytes/2)},
			check: func(t *testing.T, got Entry) {
				if len(got.Text) != MaxTextBytes {
					t.Errorf("len(Text) = %d, want %d", len(got.Text), MaxTextBytes)
				}
			},
		},
		{name: "text of MaxTextBytes+1", in: Entry{Kind: KindReflection, Text: strings.Repeat("a", MaxTextBytes+1)}, wantErr: ErrTextTooLong},
		{name: "goal text of MaxTextBytes+1", in: Entry{Kind: KindGoal, Title: "t", Text: strings.Repeat("a", MaxTextBytes+1)}, wantErr: ErrTextTooLong},
		{name: "title of MaxTextBytes+1", in: Entry{Kind: KindGoal, Title: strings.Repeat("t", MaxTextBytes+1)}, wantErr: ErrTextTooLong},

		// Repair and keeping words exactly.
		{
			name: "invalid UTF-8 repaired everywhere",
			in:   Entry{Kind: KindReflection, Text: "ok\xffok", Title: "t\xfe", Prompt: "p\xc3", Tags: []string{"a\xff", "fine"}},
			check: func(t *testing.T, got Entry) {
				if got.Text != "ok\uFFFDok" {
					t.Errorf("Text = %q, want %q", got.Text, "ok\uFFFDok")
				}
				if got.Title != "t\uFFFD" {
					t.Errorf("Title = %q, want %q", got.Title, "t\uFFFD")
				}
				if got.Prompt != "p\uFFFD" {
					t.Errorf("Prompt = %q, want %q", got.Prompt, "p\uFFFD")
				}
				wantStrings(t, "Tags", got.Tags, []string{"a\uFFFD", "fine"})
			},
		},
		{
			name: "run of invalid bytes becomes one replacement",
			in:   Entry{Kind: KindHope, Text: "a\xff\xfe\xfdb"},
			check: func(t *testing.T, got Entry) {
				if got.Text != "a\uFFFDb" {
					t.Errorf("Text = %q, want %q", got.Text, "a\uFFFDb")
				}
			},
		},
		{
			name: "valid text kept byte for byte",
			in:   Entry{Kind: KindReflection, Text: "  \n Hello,  *world*  \r\n\n\t", Title: " Title  ", Prompt: " What helped? ", Tags: []string{" x ", ""}},
			check: func(t *testing.T, got Entry) {
				if got.Text != "  \n Hello,  *world*  \r\n\n\t" {
					t.Errorf("Text = %q, want it unchanged", got.Text)
				}
				if got.Title != " Title  " {
					t.Errorf("Title = %q, want it unchanged", got.Title)
				}
				if got.Prompt != " What helped? " {
					t.Errorf("Prompt = %q, want it unchanged", got.Prompt)
				}
				wantStrings(t, "Tags", got.Tags, []string{" x ", ""})
			},
		},
		{
			name: "other fields pass through",
			in: Entry{ID: "e1", Kind: KindHope, When: at(2, 8), Created: at(2, 9), Updated: at(3, 9), Text: "words",
				Author: AuthorTogether, Session: "s1", Trashed: at(4, 0)},
			check: func(t *testing.T, got Entry) {
				want := Entry{ID: "e1", Kind: KindHope, When: at(2, 8), Created: at(2, 9), Updated: at(3, 9), Text: "words",
					Author: AuthorTogether, Session: "s1", Trashed: at(4, 0)}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Prepare = %+v, want %+v", got, want)
				}
			},
		},

		// Dimensions.
		{
			name: "duplicate and empty dimension ids removed in order",
			in:   Entry{Kind: KindHope, Text: "x", Dimensions: []string{"b", "", "a", "b", "c", "a", ""}},
			check: func(t *testing.T, got Entry) {
				wantStrings(t, "Dimensions", got.Dimensions, []string{"b", "a", "c"})
			},
		},
		{
			name: "only empty dimension ids",
			in:   Entry{Kind: KindHope, Text: "x", Dimensions: []string{"", ""}},
			check: func(t *testing.T, got Entry) {
				if len(got.Dimensions) != 0 {
					t.Errorf("Dimensions = %q, want none", got.Dimensions)
				}
			},
		},
		{
			name: "no dimensions stays none",
			in:   Entry{Kind: KindHope, Text: "x"},
			check: func(t *testing.T, got Entry) {
				if got.Dimensions != nil {
					t.Errorf("Dimensions = %#v, want nil", got.Dimensions)
				}
			},
		},

		// Kinds.
		{name: "unknown kind", in: Entry{Kind: "diary", Text: "x"}, wantErr: ErrUnknownKind},
		{name: "empty kind", in: Entry{Text: "x"}, wantErr: ErrUnknownKind},
		{name: "kind in another case", in: Entry{Kind: "Hope", Text: "x"}, wantErr: ErrUnknownKind},

		// Goals.
		{name: "goal without title", in: Entry{Kind: KindGoal, Text: "Some words", Goal: &Goal{Status: GoalActive}}, wantErr: ErrEmptyTitle},
		{name: "goal with blank title", in: Entry{Kind: KindGoal, Title: " \n\t", Goal: &Goal{Status: GoalActive}}, wantErr: ErrEmptyTitle},
		{
			name: "goal without Goal gets an active one",
			in:   Entry{Kind: KindGoal, Title: "Swim"},
			check: func(t *testing.T, got Entry) {
				if got.Goal == nil {
					t.Fatal("Goal is nil, want an active goal")
				}
				if got.Goal.Status != GoalActive {
					t.Errorf("Goal.Status = %q, want %q", got.Goal.Status, GoalActive)
				}
				if got.Text != "" {
					t.Errorf("Text = %q, want empty (a goal needs no text)", got.Text)
				}
			},
		},
		{name: "goal with unknown status", in: Entry{Kind: KindGoal, Title: "Swim", Goal: &Goal{Status: "failed"}}, wantErr: ErrUnknownStatus},
		{
			name: "goal keeps its status and repairs why",
			in:   Entry{Kind: KindGoal, Title: "Swim", Goal: &Goal{Status: GoalResting, Why: "to feel\xff strong"}},
			check: func(t *testing.T, got Entry) {
				if got.Goal.Status != GoalResting {
					t.Errorf("Goal.Status = %q, want %q", got.Goal.Status, GoalResting)
				}
				if got.Goal.Why != "to feel\uFFFD strong" {
					t.Errorf("Goal.Why = %q, want %q", got.Goal.Why, "to feel\uFFFD strong")
				}
			},
		},

		// Check-ins.
		{name: "check-in without CheckIn", in: Entry{Kind: KindCheckIn}, wantErr: ErrEmptyCheckIn},
		{name: "check-in without answers", in: Entry{Kind: KindCheckIn, CheckIn: &CheckIn{}}, wantErr: ErrEmptyCheckIn},
		{name: "rating 11", in: Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(11)}}}}, wantErr: ErrRatingRange},
		{name: "rating -1", in: Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(-1)}}}}, wantErr: ErrRatingRange},
		{
			name:    "all answers empty",
			in:      Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a"}, {Dimension: "b", Word: "  ", Note: "\n\t"}}}},
			wantErr: ErrEmptyCheckIn,
		},
		{
			name: "empty answers dropped",
			in: Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{
				{Dimension: "a", Value: val(5)}, {Dimension: "b", Word: " "}, {Dimension: "c", Word: "tired"}, {Dimension: "d", Note: "slept well"}, {Dimension: "e"},
			}}},
			check: func(t *testing.T, got Entry) {
				want := []Answer{{Dimension: "a", Value: val(5)}, {Dimension: "c", Word: "tired"}, {Dimension: "d", Note: "slept well"}}
				if !reflect.DeepEqual(got.CheckIn.Answers, want) {
					t.Errorf("Answers = %+v, want %+v", got.CheckIn.Answers, want)
				}
			},
		},
		{
			name: "check-in words repaired and kept exactly",
			in:   Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Word: " calm\xff ", Note: "  a note  "}}}},
			check: func(t *testing.T, got Entry) {
				a := got.CheckIn.Answers[0]
				if a.Word != " calm\uFFFD " || a.Note != "  a note  " {
					t.Errorf("answer = %+v, want word %q and note %q", a, " calm\uFFFD ", "  a note  ")
				}
			},
		},
		{
			name:    "same dimension twice by me",
			in:      Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Value: val(4), By: AuthorMe}}}},
			wantErr: ErrTwiceRated,
		},
		{
			name:    "same dimension by me and together",
			in:      Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(3), By: AuthorMe}, {Dimension: "a", Word: "ok", By: AuthorTogether}}}},
			wantErr: ErrTwiceRated,
		},
		{
			name: "same dimension by me and by a supporter",
			in:   Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Value: val(6), By: AuthorSupporter}}}},
			check: func(t *testing.T, got Entry) {
				want := []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Value: val(6), By: AuthorSupporter}}
				if !reflect.DeepEqual(got.CheckIn.Answers, want) {
					t.Errorf("Answers = %+v, want %+v", got.CheckIn.Answers, want)
				}
			},
		},
		{
			name:    "same dimension twice by a supporter",
			in:      Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(3), By: AuthorSupporter}, {Dimension: "a", Value: val(6), By: AuthorSupporter}}}},
			wantErr: ErrTwiceRated,
		},
		{
			name: "check-in needs no text",
			in:   Entry{Kind: KindCheckIn, CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(0)}, {Dimension: "b", Value: val(10)}}}},
			check: func(t *testing.T, got Entry) {
				if n := len(got.CheckIn.Answers); n != 2 {
					t.Errorf("kept %d answers, want 2", n)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Prepare(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Prepare error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Prepare error = %v, want none", err)
			}
			if got.Kind != tt.in.Kind {
				t.Errorf("Kind = %q, want %q", got.Kind, tt.in.Kind)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// Prepare works on its own copies: the caller's slices and check-in stay as they were.
func TestPrepareDoesNotChangeTheCallersEntry(t *testing.T) {
	answers := []Answer{
		{Dimension: "a", Value: val(5)},
		{Dimension: "b"},
		{Dimension: "c", Word: "x\xff"},
	}
	before := []Answer{
		{Dimension: "a", Value: val(5)},
		{Dimension: "b"},
		{Dimension: "c", Word: "x\xff"},
	}
	dims := []string{"a", "a", "", "b"}
	tags := []string{"t\xff"}
	ci := &CheckIn{Answers: answers}
	in := Entry{Kind: KindCheckIn, Dimensions: dims, Tags: tags, CheckIn: ci}

	got, err := Prepare(in)
	if err != nil {
		t.Fatalf("Prepare error = %v", err)
	}
	if !reflect.DeepEqual(answers, before) {
		t.Errorf("caller's answers changed to %+v, want %+v", answers, before)
	}
	if len(ci.Answers) != 3 {
		t.Errorf("caller's CheckIn now has %d answers, want 3", len(ci.Answers))
	}
	if got.CheckIn == ci {
		t.Error("Prepare returned the caller's CheckIn, want its own copy")
	}
	if n := len(got.CheckIn.Answers); n != 2 {
		t.Errorf("prepared check-in has %d answers, want 2", n)
	}
	wantStrings(t, "caller's dimensions", dims, []string{"a", "a", "", "b"})
	wantStrings(t, "caller's tags", tags, []string{"t\xff"})
	wantStrings(t, "prepared dimensions", got.Dimensions, []string{"a", "b"})
	wantStrings(t, "prepared tags", got.Tags, []string{"t\uFFFD"})
}

func TestRepairText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"  spaced \n", "  spaced \n"},
		{"ok\xffok", "ok\uFFFDok"},
		{"\xff", "\uFFFD"},
		{"é🌱日", "é🌱日"},
		{"cut\xe6\x97", "cut\uFFFD"},
	}
	for _, tt := range tests {
		if got := RepairText(tt.in); got != tt.want {
			t.Errorf("RepairText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
