package journal

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// threeAreas is a small set whose slice order differs from the person's order.
func threeAreas() Dimensions {
	return Dimensions{
		{ID: "p", Name: "Purpose", Order: 2, Colour: "violet"},
		{ID: "h", Name: "Health", Order: 0, Colour: "teal", Prompt: "Feeling well"},
		{ID: "o", Name: "Home", Order: 1, Colour: "blue"},
	}
}

func dimIDs(ds Dimensions) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func TestDimensionsAdd(t *testing.T) {
	tests := []struct {
		name     string
		set      Dimensions
		add      string
		want     string
		wantErr  error
		wantDup  string
		wantOrd  int
		wantCol  string
		wantSize int
	}{
		{name: "trims and collapses spaces", set: threeAreas(), add: "  Sleep   and \t rest ", want: "Sleep and rest", wantOrd: 3, wantCol: Palette[3], wantSize: 4},
		{name: "first area of an empty set", set: nil, add: "Art", want: "Art", wantOrd: 0, wantCol: Palette[0], wantSize: 1},
		{name: "order follows the highest", set: Dimensions{{ID: "x", Name: "X", Order: 0}, {ID: "y", Name: "Y", Order: 7}}, add: "Z", want: "Z", wantOrd: 8, wantCol: Palette[2], wantSize: 3},
		{name: "exactly the longest name in runes", set: threeAreas(), add: strings.Repeat("é", MaxDimensionName), want: strings.Repeat("é", MaxDimensionName), wantOrd: 3, wantCol: Palette[3], wantSize: 4},
		{name: "surrounding spaces don't count", set: threeAreas(), add: "  " + strings.Repeat("a", MaxDimensionName) + "  ", want: strings.Repeat("a", MaxDimensionName), wantOrd: 3, wantCol: Palette[3], wantSize: 4},
		{name: "invalid UTF-8 repaired", set: threeAreas(), add: "Art\xff", want: "Art\uFFFD", wantOrd: 3, wantCol: Palette[3], wantSize: 4},
		{name: "empty", set: threeAreas(), add: "", wantErr: ErrDimensionNameEmpty},
		{name: "only spaces", set: threeAreas(), add: " \t\n ", wantErr: ErrDimensionNameEmpty},
		{name: "one rune too long", set: threeAreas(), add: strings.Repeat("é", MaxDimensionName+1), wantErr: ErrDimensionNameLong},
		{name: "too long in ASCII", set: threeAreas(), add: strings.Repeat("a", MaxDimensionName+1), wantErr: ErrDimensionNameLong},
		{name: "duplicate in other case", set: threeAreas(), add: "health", wantDup: "Health"},
		{name: "duplicate with spaces and capitals", set: threeAreas(), add: "  HOME ", wantDup: "Home"},
		{name: "duplicate of an archived area", set: Dimensions{{ID: "x", Name: "Work", Archived: true}}, add: "work", wantDup: "Work"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := append(Dimensions(nil), tt.set...)
			got, d, err := tt.set.Add("new-id", tt.add)
			if !reflect.DeepEqual(tt.set, before) {
				t.Errorf("receiver changed to %+v", tt.set)
			}
			if tt.wantErr != nil || tt.wantDup != "" {
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("Add error = %v, want %v", err, tt.wantErr)
				}
				if tt.wantDup != "" {
					var dup DuplicateNameError
					if !errors.As(err, &dup) {
						t.Fatalf("Add error = %v, want a DuplicateNameError", err)
					}
					if dup.Name != tt.wantDup {
						t.Errorf("DuplicateNameError.Name = %q, want the existing name %q", dup.Name, tt.wantDup)
					}
					if want := `There's already a life area called "` + tt.wantDup + `".`; err.Error() != want {
						t.Errorf("error text = %q, want %q", err.Error(), want)
					}
				}
				if !reflect.DeepEqual(got, before) {
					t.Errorf("Add returned %+v on error, want the set unchanged", got)
				}
				if !reflect.DeepEqual(d, Dimension{}) {
					t.Errorf("Add returned dimension %+v on error, want zero", d)
				}
				return
			}
			if err != nil {
				t.Fatalf("Add error = %v", err)
			}
			want := Dimension{ID: "new-id", Name: tt.want, Order: tt.wantOrd, Colour: tt.wantCol}
			if !reflect.DeepEqual(d, want) {
				t.Errorf("added %+v, want %+v", d, want)
			}
			if len(got) != tt.wantSize {
				t.Fatalf("new set has %d areas, want %d", len(got), tt.wantSize)
			}
			if !reflect.DeepEqual(got[len(got)-1], want) {
				t.Errorf("last of the new set = %+v, want %+v", got[len(got)-1], want)
			}
			if !reflect.DeepEqual(got[:len(got)-1], before) && len(before) > 0 {
				t.Errorf("new set's earlier areas = %+v, want %+v", got[:len(got)-1], before)
			}
		})
	}
}

func TestDimensionsAddDoesNotShareTheReceiversArray(t *testing.T) {
	base := make(Dimensions, 1, 10) // spare capacity
	base[0] = Dimension{ID: "a", Name: "A"}
	one, _, err := base.Add("b", "B")
	if err != nil {
		t.Fatal(err)
	}
	two, _, err := base.Add("c", "C")
	if err != nil {
		t.Fatal(err)
	}
	if one[1].ID != "b" || two[1].ID != "c" {
		t.Errorf("two adds to the same set share storage: %v and %v", dimIDs(one), dimIDs(two))
	}
}

func TestDimensionsRename(t *testing.T) {
	tests := []struct {
		name    string
		id, to  string
		want    string
		wantErr error
		wantDup string
	}{
		{name: "new name trimmed and collapsed", id: "h", to: "  Body  and\tmind ", want: "Body and mind"},
		{name: "own name in other case", id: "h", to: "HEALTH", want: "HEALTH"},
		{name: "own name unchanged", id: "o", to: "Home", want: "Home"},
		{name: "another area's name", id: "h", to: "home", wantDup: "Home"},
		{name: "empty", id: "h", to: "  ", wantErr: ErrDimensionNameEmpty},
		{name: "too long", id: "h", to: strings.Repeat("x", MaxDimensionName+1), wantErr: ErrDimensionNameLong},
		{name: "longest allowed", id: "h", to: strings.Repeat("ü", MaxDimensionName), want: strings.Repeat("ü", MaxDimensionName)},
		{name: "unknown id", id: "zz", to: "Sleep", wantErr: ErrDimensionNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := threeAreas()
			got, err := set.Rename(tt.id, tt.to)
			if !reflect.DeepEqual(set, threeAreas()) {
				t.Errorf("receiver changed to %+v", set)
			}
			if tt.wantErr != nil || tt.wantDup != "" {
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("Rename error = %v, want %v", err, tt.wantErr)
				}
				var dup DuplicateNameError
				if tt.wantDup != "" && (!errors.As(err, &dup) || dup.Name != tt.wantDup) {
					t.Errorf("Rename error = %v, want DuplicateNameError naming %q", err, tt.wantDup)
				}
				if !reflect.DeepEqual(got, threeAreas()) {
					t.Errorf("Rename returned %+v on error, want the set unchanged", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Rename error = %v", err)
			}
			want := threeAreas()
			for i := range want {
				if want[i].ID == tt.id {
					want[i].Name = tt.want
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Rename = %+v, want %+v", got, want)
			}
		})
	}
}

func TestDimensionsSetPrompt(t *testing.T) {
	tests := []struct {
		name, id, prompt, want string
		wantErr                error
	}{
		{name: "trimmed", id: "o", prompt: "  A safe place \n", want: "A safe place"},
		{name: "inner spaces kept", id: "o", prompt: "A  safe  place", want: "A  safe  place"},
		{name: "cleared", id: "h", prompt: "   ", want: ""},
		{name: "repaired", id: "p", prompt: "mean\xffing", want: "mean\uFFFDing"},
		{name: "unknown id", id: "zz", prompt: "x", wantErr: ErrDimensionNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := threeAreas()
			got, err := set.SetPrompt(tt.id, tt.prompt)
			if !reflect.DeepEqual(set, threeAreas()) {
				t.Errorf("receiver changed to %+v", set)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("SetPrompt error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("SetPrompt error = %v", err)
			}
			d, _ := got.ByID(tt.id)
			if d.Prompt != tt.want {
				t.Errorf("Prompt = %q, want %q", d.Prompt, tt.want)
			}
		})
	}
}

func TestDimensionsSetPrompts(t *testing.T) {
	set := threeAreas()
	got, err := set.SetPrompts("o", []string{"  Where do  I feel\tat ease? ", "", "  ", "Where do I feel at ease?", "Who\xff helps?"})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := got.ByID("o")
	wantStrings(t, "Prompts", d.Prompts, []string{"Where do I feel at ease?", "Who\uFFFD helps?"})
	if old, _ := set.ByID("o"); old.Prompts != nil {
		t.Errorf("receiver's prompts changed to %q", old.Prompts)
	}

	many := make([]string, MaxPrompts+5)
	for i := range many {
		many[i] = "prompt " + strconv.Itoa(i)
	}
	got, err = set.SetPrompts("h", many)
	if err != nil {
		t.Fatal(err)
	}
	d, _ = got.ByID("h")
	if len(d.Prompts) != MaxPrompts || d.Prompts[0] != many[0] || d.Prompts[MaxPrompts-1] != many[MaxPrompts-1] {
		t.Errorf("kept %d prompts, want the first %d", len(d.Prompts), MaxPrompts)
	}
	if _, err := set.SetPrompts("zz", []string{"x"}); !errors.Is(err, ErrDimensionNotFound) {
		t.Errorf("SetPrompts on unknown id error = %v, want %v", err, ErrDimensionNotFound)
	}
}

func TestDimensionsArchivedAndActive(t *testing.T) {
	set := threeAreas()
	wantStrings(t, "Active before", dimIDs(set.Active()), []string{"h", "o", "p"})

	archived, err := set.SetArchived("o", true)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := set.ByID("o"); d.Archived {
		t.Error("SetArchived changed the receiver")
	}
	if d, _ := archived.ByID("o"); !d.Archived {
		t.Error("area not archived")
	}
	wantStrings(t, "Active after archiving", dimIDs(archived.Active()), []string{"h", "p"})
	wantStrings(t, "Sorted keeps archived", dimIDs(archived.Sorted()), []string{"h", "o", "p"})

	back, err := archived.SetArchived("o", false)
	if err != nil {
		t.Fatal(err)
	}
	wantStrings(t, "Active after bringing back", dimIDs(back.Active()), []string{"h", "o", "p"})

	all, _ := set.SetArchived("h", true)
	all, _ = all.SetArchived("o", true)
	all, _ = all.SetArchived("p", true)
	if a := all.Active(); len(a) != 0 {
		t.Errorf("Active with everything archived = %v, want none", dimIDs(a))
	}
	if _, err := set.SetArchived("zz", true); !errors.Is(err, ErrDimensionNotFound) {
		t.Errorf("SetArchived on unknown id error = %v, want %v", err, ErrDimensionNotFound)
	}
}

func TestDimensionsMove(t *testing.T) {
	// Slice order and gaps in Order both differ from the person's order a, b, c, d.
	base := func() Dimensions {
		return Dimensions{
			{ID: "c", Name: "C", Order: 20},
			{ID: "a", Name: "A", Order: 0},
			{ID: "d", Name: "D", Order: 30},
			{ID: "b", Name: "B", Order: 10},
		}
	}
	tests := []struct {
		name    string
		id      string
		delta   int
		want    []string
		wantErr error
	}{
		{name: "up one", id: "c", delta: -1, want: []string{"a", "c", "b", "d"}},
		{name: "down one", id: "c", delta: 1, want: []string{"a", "b", "d", "c"}},
		{name: "up two", id: "d", delta: -2, want: []string{"a", "d", "b", "c"}},
		{name: "first up stays first", id: "a", delta: -1, want: []string{"a", "b", "c", "d"}},
		{name: "last down stays last", id: "d", delta: 5, want: []string{"a", "b", "c", "d"}},
		{name: "far down stops at the end", id: "b", delta: 99, want: []string{"a", "c", "d", "b"}},
		{name: "far up stops at the top", id: "c", delta: -99, want: []string{"c", "a", "b", "d"}},
		{name: "no move renumbers", id: "b", delta: 0, want: []string{"a", "b", "c", "d"}},
		{name: "unknown id", id: "zz", delta: 1, wantErr: ErrDimensionNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := base()
			got, err := set.Move(tt.id, tt.delta)
			if !reflect.DeepEqual(set, base()) {
				t.Errorf("receiver changed to %+v", set)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Move error = %v, want %v", err, tt.wantErr)
				}
				if !reflect.DeepEqual(got, base()) {
					t.Errorf("Move returned %+v on error, want the set unchanged", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Move error = %v", err)
			}
			wantStrings(t, "order", dimIDs(got.Sorted()), tt.want)
			for i, d := range got.Sorted() {
				if d.Order != i {
					t.Errorf("%s has Order %d, want %d", d.ID, d.Order, i)
				}
				if d.Name != strings.ToUpper(d.ID) {
					t.Errorf("%s has name %q, want %q", d.ID, d.Name, strings.ToUpper(d.ID))
				}
			}
		})
	}
}

func TestDimensionsMoveSingle(t *testing.T) {
	got, err := Dimensions{{ID: "a", Order: 4}}.Move("a", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "a" || got[0].Order != 0 {
		t.Errorf("Move on one area = %+v, want a at order 0", got)
	}
}

func TestDimensionsByIDAndByName(t *testing.T) {
	set := threeAreas()
	tests := []struct {
		name   string
		wantID string
	}{
		{"Health", "h"},
		{"  health  ", "h"},
		{"HOME", "o"},
		{"purpose\n", "p"},
		{"Heal", ""},
		{"", ""},
		{"Health and home", ""},
	}
	for _, tt := range tests {
		d, ok := set.ByName(tt.name)
		if ok != (tt.wantID != "") || d.ID != tt.wantID {
			t.Errorf("ByName(%q) = %q, %v; want %q", tt.name, d.ID, ok, tt.wantID)
		}
	}
	if d, ok := set.ByID("o"); !ok || d.Name != "Home" {
		t.Errorf("ByID(o) = %+v, %v; want Home", d, ok)
	}
	if d, ok := set.ByID("zz"); ok || d.ID != "" {
		t.Errorf("ByID(zz) = %+v, %v; want nothing", d, ok)
	}
}

func TestDimensionsNames(t *testing.T) {
	set := threeAreas()
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{name: "set order not argument order", ids: []string{"p", "h"}, want: []string{"Health", "Purpose"}},
		{name: "unknown ids skipped", ids: []string{"zz", "o", ""}, want: []string{"Home"}},
		{name: "repeated ids once", ids: []string{"o", "o"}, want: []string{"Home"}},
		{name: "all", ids: []string{"o", "p", "h"}, want: []string{"Health", "Home", "Purpose"}},
		{name: "none known", ids: []string{"x", "y"}, want: nil},
		{name: "nil", ids: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantStrings(t, "Names", set.Names(tt.ids), tt.want)
		})
	}
}

func TestDimensionsSorted(t *testing.T) {
	set := threeAreas()
	got := set.Sorted()
	wantStrings(t, "Sorted", dimIDs(got), []string{"h", "o", "p"})
	wantStrings(t, "receiver after Sorted", dimIDs(set), []string{"p", "h", "o"})
}
