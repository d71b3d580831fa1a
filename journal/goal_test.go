package journal

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestNewGoal(t *testing.T) {
	tests := []struct {
		name    string
		status  GoalStatus
		want    GoalStatus
		wantErr error
	}{
		{name: "empty means active", status: "", want: GoalActive},
		{name: "active", status: GoalActive, want: GoalActive},
		{name: "someday", status: GoalSomeday, want: GoalSomeday},
		{name: "resting", status: GoalResting, want: GoalResting},
		{name: "reached", status: GoalReached, want: GoalReached},
		{name: "let go", status: GoalLetGo, want: GoalLetGo},
		{name: "unknown", status: "paused", wantErr: ErrUnknownStatus},
		{name: "label is not a status", status: "Let go", wantErr: ErrUnknownStatus},
	}
	when := at(3, 14)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewGoal(tt.status, when)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || g != nil {
					t.Fatalf("NewGoal(%q) = %+v, %v; want nil, %v", tt.status, g, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewGoal(%q) error = %v", tt.status, err)
			}
			want := &Goal{Status: tt.want, History: []StatusChange{{Status: tt.want, At: when}}}
			if !reflect.DeepEqual(g, want) {
				t.Errorf("NewGoal(%q) = %+v, want %+v", tt.status, g, want)
			}
			if !g.StatusSince().Equal(when) {
				t.Errorf("StatusSince = %v, want %v", g.StatusSince(), when)
			}
		})
	}
}

func TestGoalSetStatus(t *testing.T) {
	type step struct {
		status  GoalStatus
		at      time.Time
		wantErr error
	}
	tests := []struct {
		name        string
		steps       []step
		wantStatus  GoalStatus
		wantHistory []StatusChange
		wantSince   time.Time
	}{
		{
			name:        "each change kept with its date",
			steps:       []step{{GoalResting, at(5, 9), nil}, {GoalActive, at(9, 9), nil}, {GoalReached, at(20, 9), nil}},
			wantStatus:  GoalReached,
			wantHistory: []StatusChange{{GoalActive, at(1, 9)}, {GoalResting, at(5, 9)}, {GoalActive, at(9, 9)}, {GoalReached, at(20, 9)}},
			wantSince:   at(20, 9),
		},
		{
			name:        "same status changes nothing",
			steps:       []step{{GoalActive, at(5, 9), nil}, {GoalResting, at(6, 9), nil}, {GoalResting, at(7, 9), nil}},
			wantStatus:  GoalResting,
			wantHistory: []StatusChange{{GoalActive, at(1, 9)}, {GoalResting, at(6, 9)}},
			wantSince:   at(6, 9),
		},
		{
			name:        "unknown status refused and nothing changes",
			steps:       []step{{"failed", at(5, 9), ErrUnknownStatus}, {"", at(6, 9), ErrUnknownStatus}, {"Resting", at(7, 9), ErrUnknownStatus}},
			wantStatus:  GoalActive,
			wantHistory: []StatusChange{{GoalActive, at(1, 9)}},
			wantSince:   at(1, 9),
		},
		{
			name:        "back to an earlier status dates from the latest change",
			steps:       []step{{GoalLetGo, at(3, 9), nil}, {GoalActive, at(4, 9), nil}},
			wantStatus:  GoalActive,
			wantHistory: []StatusChange{{GoalActive, at(1, 9)}, {GoalLetGo, at(3, 9)}, {GoalActive, at(4, 9)}},
			wantSince:   at(4, 9),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewGoal(GoalActive, at(1, 9))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.steps {
				if err := g.SetStatus(s.status, s.at); !errors.Is(err, s.wantErr) {
					t.Errorf("SetStatus(%q) error = %v, want %v", s.status, err, s.wantErr)
				}
			}
			if g.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", g.Status, tt.wantStatus)
			}
			if !reflect.DeepEqual(g.History, tt.wantHistory) {
				t.Errorf("History = %+v, want %+v", g.History, tt.wantHistory)
			}
			if !g.StatusSince().Equal(tt.wantSince) {
				t.Errorf("StatusSince = %v, want %v", g.StatusSince(), tt.wantSince)
			}
		})
	}
}

// A goal made without history (as Prepare makes one) records its first change.
func TestGoalSetStatusWithoutHistory(t *testing.T) {
	g := &Goal{Status: GoalActive}
	if !g.StatusSince().IsZero() {
		t.Errorf("StatusSince without history = %v, want zero", g.StatusSince())
	}
	if err := g.SetStatus(GoalActive, at(2, 9)); err != nil {
		t.Fatal(err)
	}
	want := []StatusChange{{GoalActive, at(2, 9)}}
	if !reflect.DeepEqual(g.History, want) {
		t.Errorf("History = %+v, want %+v", g.History, want)
	}
	// A history that never mentions the current status gives no date.
	odd := Goal{Status: GoalReached, History: []StatusChange{{GoalActive, at(1, 0)}}}
	if !odd.StatusSince().IsZero() {
		t.Errorf("StatusSince = %v, want zero", odd.StatusSince())
	}
}

func TestParseGoalStatus(t *testing.T) {
	tests := []struct {
		in      string
		want    GoalStatus
		wantErr bool
	}{
		{in: "let go", want: GoalLetGo},
		{in: "Let-Go", want: GoalLetGo},
		{in: "let_go", want: GoalLetGo},
		{in: "LETGO", want: GoalLetGo},
		{in: "  let   go ", want: GoalLetGo},
		{in: "reached", want: GoalReached},
		{in: "Reached", want: GoalReached},
		{in: " resting\n", want: GoalResting},
		{in: "someday", want: GoalSomeday},
		{in: "Some Day", want: GoalSomeday},
		{in: "ACTIVE", want: GoalActive},
		{in: "failed", wantErr: true},
		{in: "done", wantErr: true},
		{in: "let", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseGoalStatus(tt.in)
			if tt.wantErr {
				if err == nil || got != "" {
					t.Errorf("ParseGoalStatus(%q) = %q, %v; want an error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseGoalStatus(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	// Every label reads back as its status.
	for _, s := range GoalStatuses {
		if got, err := ParseGoalStatus(s.Label()); err != nil || got != s {
			t.Errorf("ParseGoalStatus(%q) = %q, %v; want %q", s.Label(), got, err, s)
		}
	}
}

func TestGoalStatusLabelAndOpen(t *testing.T) {
	tests := []struct {
		status GoalStatus
		label  string
		open   bool
	}{
		{GoalActive, "Active", true},
		{GoalSomeday, "Someday", true},
		{GoalResting, "Resting", true},
		{GoalReached, "Reached", false},
		{GoalLetGo, "Let go", false},
		{"odd", "odd", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := tt.status.Label(); got != tt.label {
			t.Errorf("%q.Label() = %q, want %q", tt.status, got, tt.label)
		}
		if got := tt.status.Open(); got != tt.open {
			t.Errorf("%q.Open() = %v, want %v", tt.status, got, tt.open)
		}
	}
	want := []GoalStatus{GoalActive, GoalSomeday, GoalResting, GoalReached, GoalLetGo}
	if !reflect.DeepEqual(GoalStatuses, want) {
		t.Errorf("GoalStatuses = %q, want %q", GoalStatuses, want)
	}
}

func stepTexts(g *Goal) []string {
	var out []string
	for _, s := range g.Steps {
		out = append(out, s.Text)
	}
	return out
}

func goalWithSteps(texts ...string) *Goal {
	g := &Goal{Status: GoalActive}
	for _, s := range texts {
		g.Steps = append(g.Steps, Step{Text: s})
	}
	return g
}

func TestGoalAddStep(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr error
	}{
		{in: "Find the pool times", want: []string{"a", "Find the pool times"}},
		{in: "  Pack a bag \n", want: []string{"a", "Pack a bag"}},
		{in: "Ask\xff Sam", want: []string{"a", "Ask\uFFFD Sam"}},
		{in: "", want: []string{"a"}, wantErr: ErrEmptyStep},
		{in: " \t\n", want: []string{"a"}, wantErr: ErrEmptyStep},
	}
	for _, tt := range tests {
		g := goalWithSteps("a")
		err := g.AddStep(tt.in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("AddStep(%q) error = %v, want %v", tt.in, err, tt.wantErr)
		}
		wantStrings(t, "steps after AddStep("+tt.in+")", stepTexts(g), tt.want)
	}
}

func TestGoalEditStep(t *testing.T) {
	tests := []struct {
		name    string
		i       int
		text    string
		want    []string
		wantErr error
	}{
		{name: "first", i: 0, text: " A1 ", want: []string{"A1", "b", "c"}},
		{name: "last", i: 2, text: "C1", want: []string{"a", "b", "C1"}},
		{name: "empty", i: 1, text: "  ", want: []string{"a", "b", "c"}, wantErr: ErrEmptyStep},
		{name: "past the end", i: 3, text: "x", want: []string{"a", "b", "c"}, wantErr: ErrNoSuchStep},
		{name: "negative", i: -1, text: "x", want: []string{"a", "b", "c"}, wantErr: ErrNoSuchStep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := goalWithSteps("a", "b", "c")
			if err := g.EditStep(tt.i, tt.text); !errors.Is(err, tt.wantErr) {
				t.Errorf("EditStep(%d, %q) error = %v, want %v", tt.i, tt.text, err, tt.wantErr)
			}
			wantStrings(t, "steps", stepTexts(g), tt.want)
		})
	}
}

func TestGoalRemoveStep(t *testing.T) {
	tests := []struct {
		i       int
		want    []string
		wantErr error
	}{
		{0, []string{"b", "c"}, nil},
		{1, []string{"a", "c"}, nil},
		{2, []string{"a", "b"}, nil},
		{3, []string{"a", "b", "c"}, ErrNoSuchStep},
		{-1, []string{"a", "b", "c"}, ErrNoSuchStep},
	}
	for _, tt := range tests {
		g := goalWithSteps("a", "b", "c")
		if err := g.RemoveStep(tt.i); !errors.Is(err, tt.wantErr) {
			t.Errorf("RemoveStep(%d) error = %v, want %v", tt.i, err, tt.wantErr)
		}
		wantStrings(t, "steps", stepTexts(g), tt.want)
	}
	if err := (&Goal{}).RemoveStep(0); !errors.Is(err, ErrNoSuchStep) {
		t.Errorf("RemoveStep on no steps error = %v, want %v", err, ErrNoSuchStep)
	}
}

func TestGoalToggleStep(t *testing.T) {
	g := goalWithSteps("a", "b")
	if err := g.ToggleStep(1, at(4, 10)); err != nil {
		t.Fatal(err)
	}
	if s := g.Steps[1]; !s.Done || !s.DoneAt.Equal(at(4, 10)) {
		t.Errorf("after ticking: %+v, want done at %v", s, at(4, 10))
	}
	if s := g.Steps[0]; s.Done || !s.DoneAt.IsZero() {
		t.Errorf("other step changed: %+v", s)
	}
	if done, total := g.StepsDone(); done != 1 || total != 2 {
		t.Errorf("StepsDone = %d/%d, want 1/2", done, total)
	}
	if err := g.ToggleStep(1, at(5, 10)); err != nil {
		t.Fatal(err)
	}
	if s := g.Steps[1]; s.Done || !s.DoneAt.IsZero() {
		t.Errorf("after unticking: %+v, want not done and no date", s)
	}
	if err := g.ToggleStep(1, at(6, 10)); err != nil {
		t.Fatal(err)
	}
	if s := g.Steps[1]; !s.Done || !s.DoneAt.Equal(at(6, 10)) {
		t.Errorf("after ticking again: %+v, want done at %v", s, at(6, 10))
	}
	for _, i := range []int{-1, 2} {
		if err := g.ToggleStep(i, at(7, 0)); !errors.Is(err, ErrNoSuchStep) {
			t.Errorf("ToggleStep(%d) error = %v, want %v", i, err, ErrNoSuchStep)
		}
	}
}

func TestGoalMoveStep(t *testing.T) {
	tests := []struct {
		name    string
		i       int
		delta   int
		wantAt  int
		want    []string
		wantErr error
	}{
		{name: "down one", i: 0, delta: 1, wantAt: 1, want: []string{"b", "a", "c", "d"}},
		{name: "up one", i: 2, delta: -1, wantAt: 1, want: []string{"a", "c", "b", "d"}},
		{name: "down two", i: 1, delta: 2, wantAt: 3, want: []string{"a", "c", "d", "b"}},
		{name: "first up stays", i: 0, delta: -1, wantAt: 0, want: []string{"a", "b", "c", "d"}},
		{name: "last down stays", i: 3, delta: 1, wantAt: 3, want: []string{"a", "b", "c", "d"}},
		{name: "far up clamps", i: 3, delta: -10, wantAt: 0, want: []string{"d", "a", "b", "c"}},
		{name: "far down clamps", i: 0, delta: 10, wantAt: 3, want: []string{"b", "c", "d", "a"}},
		{name: "zero", i: 2, delta: 0, wantAt: 2, want: []string{"a", "b", "c", "d"}},
		{name: "past the end", i: 4, delta: -1, wantAt: 4, want: []string{"a", "b", "c", "d"}, wantErr: ErrNoSuchStep},
		{name: "negative", i: -1, delta: 1, wantAt: -1, want: []string{"a", "b", "c", "d"}, wantErr: ErrNoSuchStep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := goalWithSteps("a", "b", "c", "d")
			got, err := g.MoveStep(tt.i, tt.delta)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("MoveStep(%d, %d) error = %v, want %v", tt.i, tt.delta, err, tt.wantErr)
			}
			if got != tt.wantAt {
				t.Errorf("MoveStep(%d, %d) = %d, want %d", tt.i, tt.delta, got, tt.wantAt)
			}
			wantStrings(t, "steps", stepTexts(g), tt.want)
		})
	}
}

// A moved step keeps whether and when it was done.
func TestGoalMoveStepKeepsDone(t *testing.T) {
	g := goalWithSteps("a", "b", "c")
	if err := g.ToggleStep(0, at(2, 8)); err != nil {
		t.Fatal(err)
	}
	if _, err := g.MoveStep(0, 2); err != nil {
		t.Fatal(err)
	}
	want := []Step{{Text: "b"}, {Text: "c"}, {Text: "a", Done: true, DoneAt: at(2, 8)}}
	if !reflect.DeepEqual(g.Steps, want) {
		t.Errorf("Steps = %+v, want %+v", g.Steps, want)
	}
}

func TestGoalAddNote(t *testing.T) {
	g := &Goal{}
	if err := g.AddNote("  Went once this week \n", at(3, 18)); err != nil {
		t.Fatal(err)
	}
	if err := g.AddNote("", at(4, 18)); !errors.Is(err, ErrEmptyNote) {
		t.Errorf("AddNote(\"\") error = %v, want %v", err, ErrEmptyNote)
	}
	if err := g.AddNote(" \n\t ", at(4, 18)); !errors.Is(err, ErrEmptyNote) {
		t.Errorf("AddNote(blank) error = %v, want %v", err, ErrEmptyNote)
	}
	if err := g.AddNote("Twice\xff", at(5, 18)); err != nil {
		t.Fatal(err)
	}
	want := []ProgressNote{{At: at(3, 18), Text: "Went once this week"}, {At: at(5, 18), Text: "Twice\uFFFD"}}
	if !reflect.DeepEqual(g.Notes, want) {
		t.Errorf("Notes = %+v, want %+v", g.Notes, want)
	}
}

func TestGoalStepsDone(t *testing.T) {
	tests := []struct {
		steps       []Step
		done, total int
	}{
		{nil, 0, 0},
		{[]Step{{Text: "a"}}, 0, 1},
		{[]Step{{Text: "a", Done: true}}, 1, 1},
		{[]Step{{Text: "a", Done: true}, {Text: "b"}, {Text: "c", Done: true}, {Text: "d"}}, 2, 4},
	}
	for _, tt := range tests {
		done, total := Goal{Steps: tt.steps}.StepsDone()
		if done != tt.done || total != tt.total {
			t.Errorf("StepsDone(%+v) = %d/%d, want %d/%d", tt.steps, done, total, tt.done, tt.total)
		}
	}
}

func TestReadyForALook(t *testing.T) {
	local := time.FixedZone("local", -4*3600)
	day := func(d, h, m int) time.Time { return time.Date(2026, time.May, d, h, m, 0, 0, local) }
	today := day(10, 9, 0)
	tests := []struct {
		name    string
		status  GoalStatus
		revisit time.Time
		today   time.Time
		want    bool
	}{
		{name: "revisit today at midnight", status: GoalActive, revisit: day(10, 0, 0), today: today, want: true},
		{name: "revisit today, looked at late in the day", status: GoalActive, revisit: day(10, 0, 0), today: day(10, 23, 59), want: true},
		{name: "revisit later today", status: GoalActive, revisit: day(10, 22, 0), today: day(10, 8, 0), want: true},
		{name: "revisit last minute of today", status: GoalActive, revisit: day(10, 23, 59), today: day(10, 0, 1), want: true},
		{name: "revisit yesterday", status: GoalActive, revisit: day(9, 0, 0), today: today, want: true},
		{name: "revisit long ago", status: GoalActive, revisit: day(1, 0, 0).AddDate(-1, 0, 0), today: today, want: true},
		{name: "revisit tomorrow", status: GoalActive, revisit: day(11, 0, 0), today: day(10, 23, 59), want: false},
		{name: "revisit next month", status: GoalActive, revisit: day(10, 0, 0).AddDate(0, 1, 0), today: today, want: false},
		{name: "no revisit date", status: GoalActive, revisit: time.Time{}, today: today, want: false},
		{name: "resting", status: GoalResting, revisit: day(9, 0, 0), today: today, want: true},
		{name: "someday", status: GoalSomeday, revisit: day(10, 0, 0), today: today, want: true},
		{name: "reached", status: GoalReached, revisit: day(9, 0, 0), today: today, want: false},
		{name: "let go", status: GoalLetGo, revisit: day(9, 0, 0), today: today, want: false},
		{name: "unknown status", status: "odd", revisit: day(9, 0, 0), today: today, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadyForALook(tt.status, tt.revisit, tt.today); got != tt.want {
				t.Errorf("ReadyForALook(%q, %v, %v) = %v, want %v", tt.status, tt.revisit, tt.today, got, tt.want)
			}
		})
	}
}
