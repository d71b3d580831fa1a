package journal

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseKind(t *testing.T) {
	tests := []struct {
		in      string
		want    Kind
		wantErr bool
	}{
		{in: "Hope", want: KindHope},
		{in: "hope", want: KindHope},
		{in: " check-in ", want: KindCheckIn},
		{in: "CHECKIN", want: KindCheckIn},
		{in: "check_in", want: KindCheckIn},
		{in: "Check In", want: KindCheckIn},
		{in: "reflection", want: KindReflection},
		{in: "\tReflection\n", want: KindReflection},
		{in: "goal", want: KindGoal},
		{in: "Strength", want: KindStrength},
		{in: "SUPPORT", want: KindSupport},
		{in: "diary", wantErr: true},
		{in: "hopes", wantErr: true},
		{in: "", wantErr: true},
		{in: "   ", wantErr: true},
		{in: "reflect", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseKind(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseKind(%q) = %q, nil; want an error", tt.in, got)
				}
				if got != "" {
					t.Errorf("ParseKind(%q) kind = %q on error, want empty", tt.in, got)
				}
				if !strings.Contains(err.Error(), "isn't a kind of entry") {
					t.Errorf("ParseKind(%q) error = %q, want it to say it isn't a kind of entry", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseKind(%q) error = %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseKind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKindLabel(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{KindReflection, "Reflection"},
		{KindHope, "Hope"},
		{KindGoal, "Goal"},
		{KindCheckIn, "Check-in"},
		{KindStrength, "Strength"},
		{KindSupport, "Support"},
		{Kind("mystery"), "mystery"},
		{Kind(""), ""},
	}
	for _, tt := range tests {
		if got := tt.kind.Label(); got != tt.want {
			t.Errorf("Kind(%q).Label() = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

// Every label a screen shows must read back as the same kind.
func TestKindLabelParsesBack(t *testing.T) {
	if len(AllKinds) != 7 {
		t.Fatalf("AllKinds has %d kinds, want 7", len(AllKinds))
	}
	for _, k := range AllKinds {
		got, err := ParseKind(k.Label())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", k.Label(), got, err, k)
		}
	}
	wantKinds := []Kind{KindReflection, KindHope}
	if !reflect.DeepEqual(WritableKinds, wantKinds) {
		t.Errorf("WritableKinds = %q, want %q", WritableKinds, wantKinds)
	}
}

func TestHeadline(t *testing.T) {
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	tests := []struct {
		name  string
		title string
		text  string
		want  string
	}{
		{name: "title wins over text", title: "My goal", text: "Some text", want: "My goal"},
		{name: "title is trimmed", title: "  My goal \n", text: "Some text", want: "My goal"},
		{name: "blank title falls back to text", title: " \t\n ", text: "The text", want: "The text"},
		{name: "title spaces collapse", title: "a \t b\n\n  c", want: "a b c"},
		{name: "first line", text: "First line\nSecond line", want: "First line"},
		{name: "first non-empty line", text: "\n\n   \n\tSecond line  \nThird", want: "Second line"},
		{name: "heading marker trimmed", text: "## Today  was   good", want: "Today was good"},
		{name: "quote marker trimmed", text: "> a quote", want: "a quote"},
		{name: "nested quote trimmed", text: "> > deeper", want: "deeper"},
		{name: "dash bullet trimmed", text: "- item one\n- item two", want: "item one"},
		{name: "star bullet trimmed", text: "* item", want: "item"},
		{name: "bold start trimmed", text: "**Bold** start", want: "Bold** start"},
		{name: "marker after indent", text: "   #   Indented heading", want: "Indented heading"},
		{name: "tab after marker", text: "#\tTabbed", want: "Tabbed"},
		{name: "lines of only markers skipped", text: "---\n# \n***\n>\nReal words", want: "Real words"},
		{name: "CRLF line endings", text: "\r\nHello there\r\nWorld", want: "Hello there"},
		{name: "tabs inside collapse", text: "one\t\ttwo   three", want: "one two three"},
		{name: "nothing at all", want: ""},
		{name: "only blank and markers", text: "\n \n#\n- \n", want: ""},
		{name: "exactly the limit is kept", text: long("a", SummaryTitleRunes), want: long("a", SummaryTitleRunes)},
		{name: "one past the limit is cut", text: long("a", SummaryTitleRunes+1), want: long("a", SummaryTitleRunes-1) + "…"},
		{name: "long title is cut too", title: long("t", 500), want: long("t", SummaryTitleRunes-1) + "…"},
		{name: "two-byte runes cut by rune", text: long("é", 200), want: long("é", SummaryTitleRunes-1) + "…"},
		{name: "four-byte runes cut by rune", text: long("🌱", SummaryTitleRunes+1), want: long("🌱", SummaryTitleRunes-1) + "…"},
		{name: "multi-byte exactly at limit kept", text: long("日", SummaryTitleRunes), want: long("日", SummaryTitleRunes)},
		{name: "no space left before the ellipsis", text: long("a", SummaryTitleRunes-2) + " " + long("b", 50), want: long("a", SummaryTitleRunes-2) + "…"},
		{name: "cut counts collapsed spaces", text: long("a ", 70), want: strings.TrimSpace(long("a ", 60)) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Headline(tt.title, tt.text)
			if got != tt.want {
				t.Errorf("Headline(%q, %q)\n got %q\nwant %q", short(tt.title), short(tt.text), got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Headline gave invalid UTF-8: %q", got)
			}
			if n := utf8.RuneCountInString(got); n > SummaryTitleRunes {
				t.Errorf("Headline has %d runes, more than %d", n, SummaryTitleRunes)
			}
		})
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "..."
	}
	return s
}

func TestEntrySummary(t *testing.T) {
	when := at(3, 9)
	trashed := at(4, 10)
	revisit := at(20, 0)
	tests := []struct {
		name  string
		entry Entry
		want  Summary
	}{
		{
			name: "reflection",
			entry: Entry{ID: "e1", Kind: KindReflection, When: when, Created: at(5, 1), Updated: at(6, 1),
				Dimensions: []string{"d1", "d2"}, Tags: []string{"tag"}, Text: "\n# A   calm\tweek \nby the river", Prompt: "What helped?",
				Author: AuthorTogether, Session: "s1"},
			want: Summary{ID: "e1", Kind: KindReflection, When: when, Dimensions: []string{"d1", "d2"}, Title: "A calm week",
				Tags: []string{"tag"}, Author: AuthorTogether, Session: "s1"},
		},
		{
			name:  "trashed hope keeps its trash time",
			entry: Entry{ID: "e2", Kind: KindHope, When: when, Text: "A home of my own", Trashed: trashed},
			want:  Summary{ID: "e2", Kind: KindHope, When: when, Title: "A home of my own", Trashed: trashed},
		},
		{
			name: "goal carries status, revisit and steps",
			entry: Entry{ID: "g1", Kind: KindGoal, When: when, Title: "Swim weekly", Text: "Longer words",
				Goal: &Goal{Status: GoalResting, Revisit: revisit, Steps: []Step{{Text: "a", Done: true}, {Text: "b"}, {Text: "c", Done: true}}}},
			want: Summary{ID: "g1", Kind: KindGoal, When: when, Title: "Swim weekly", Status: GoalResting, Revisit: revisit, StepsDone: 2, StepsTotal: 3},
		},
		{
			name:  "goal without steps",
			entry: Entry{ID: "g2", Kind: KindGoal, When: when, Title: "Rest", Goal: &Goal{Status: GoalSomeday}},
			want:  Summary{ID: "g2", Kind: KindGoal, When: when, Title: "Rest", Status: GoalSomeday},
		},
		{
			name: "check-in keeps only the person's own ratings",
			entry: Entry{ID: "c1", Kind: KindCheckIn, When: when, Dimensions: []string{"a", "b", "c", "d"},
				CheckIn: &CheckIn{Answers: []Answer{
					{Dimension: "a", Value: val(3)},
					{Dimension: "b", Value: val(7), By: AuthorMe},
					{Dimension: "c", Value: val(5), By: AuthorTogether},
					{Dimension: "a", Value: val(9), By: AuthorSupporter},
					{Dimension: "e", Value: val(2), By: AuthorSupporter},
					{Dimension: "d", Word: "tired"},
				}}},
			want: Summary{ID: "c1", Kind: KindCheckIn, When: when, Dimensions: []string{"a", "b", "c", "d"},
				Ratings: map[string]int{"a": 3, "b": 7, "c": 5}},
		},
		{
			name: "check-in rated only by a supporter has no ratings",
			entry: Entry{ID: "c2", Kind: KindCheckIn, When: when,
				CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(4), By: AuthorSupporter}, {Dimension: "b", Note: "a note"}}}},
			want: Summary{ID: "c2", Kind: KindCheckIn, When: when},
		},
		{
			name: "rating of zero is kept",
			entry: Entry{ID: "c3", Kind: KindCheckIn, When: when,
				CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(0)}}}},
			want: Summary{ID: "c3", Kind: KindCheckIn, When: when, Ratings: map[string]int{"a": 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.entry.Summary()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Summary()\n got %+v\nwant %+v", got, tt.want)
			}
			if got.InTrash() != tt.entry.InTrash() {
				t.Errorf("Summary().InTrash() = %v, entry.InTrash() = %v", got.InTrash(), tt.entry.InTrash())
			}
		})
	}
}

// The summary is a copy: changing the entry afterwards leaves it as it was.
func TestEntrySummaryIsACopy(t *testing.T) {
	e := Entry{ID: "c1", Kind: KindCheckIn, When: at(1, 9), Dimensions: []string{"a", "b"},
		CheckIn: &CheckIn{Answers: []Answer{{Dimension: "a", Value: val(6)}}}}
	s := e.Summary()
	e.Dimensions[0] = "changed"
	e.Dimensions = append(e.Dimensions, "more")
	*e.CheckIn.Answers[0].Value = 1
	e.CheckIn.Answers = append(e.CheckIn.Answers, Answer{Dimension: "b", Value: val(2)})
	if want := []string{"a", "b"}; !equalStrings(s.Dimensions, want) {
		t.Errorf("summary dimensions = %q after the entry changed, want %q", s.Dimensions, want)
	}
	if want := map[string]int{"a": 6}; !reflect.DeepEqual(s.Ratings, want) {
		t.Errorf("summary ratings = %v after the entry changed, want %v", s.Ratings, want)
	}
}

func TestHasDimensionAndInTrash(t *testing.T) {
	e := Entry{Dimensions: []string{"a", "b"}}
	s := Summary{Dimensions: []string{"a", "b"}, Trashed: at(1, 0)}
	for _, tt := range []struct {
		id   string
		want bool
	}{{"a", true}, {"b", true}, {"c", false}, {"", false}} {
		if got := e.HasDimension(tt.id); got != tt.want {
			t.Errorf("Entry.HasDimension(%q) = %v, want %v", tt.id, got, tt.want)
		}
		if got := s.HasDimension(tt.id); got != tt.want {
			t.Errorf("Summary.HasDimension(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
	if e.InTrash() {
		t.Error("entry with zero Trashed is in the trash")
	}
	if !s.InTrash() {
		t.Error("summary with Trashed set is not in the trash")
	}
	if (Entry{Trashed: time.Unix(0, 0)}).InTrash() != true {
		t.Error("entry trashed at the Unix epoch is not in the trash")
	}
}
