package journal

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func areaNames(s StartingSet) []string {
	var out []string
	for _, a := range s.Areas {
		out = append(out, a.Name)
	}
	return out
}

func TestStartingSets(t *testing.T) {
	tests := []struct {
		key   string
		names []string
	}{
		{"four", []string{"Health", "Home", "Purpose", "Community"}},
		{"eight", []string{"Emotional", "Environmental", "Financial", "Intellectual", "Occupational", "Physical", "Social", "Spiritual"}},
		{"blank", nil},
		{"practice", []string{"Hope", "The person leads", "Life around them", "Diversity", "First Nations, Inuit and Métis", "Changing services"}},
	}
	if len(StartingSets) != len(tests) {
		t.Errorf("%d starting sets, want %d", len(StartingSets), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			s, ok := FindStartingSet(tt.key)
			if !ok {
				t.Fatalf("FindStartingSet(%q) found nothing", tt.key)
			}
			if s.Key != tt.key {
				t.Errorf("FindStartingSet(%q).Key = %q", tt.key, s.Key)
			}
			if StartingSets[i].Key != tt.key {
				t.Errorf("StartingSets[%d] is %q, want %q", i, StartingSets[i].Key, tt.key)
			}
			wantStrings(t, "areas", areaNames(s), tt.names)
			if s.Name == "" || s.Description == "" {
				t.Errorf("set %q needs a name and a description", tt.key)
			}
			// Every area would be accepted as a new dimension, one after another.
			var ds Dimensions
			for j, a := range s.Areas {
				var err error
				if ds, _, err = ds.Add(fmt.Sprint(j), a.Name); err != nil {
					t.Errorf("area %q isn't a name a person could give: %v", a.Name, err)
				}
				if a.Prompt == "" {
					t.Errorf("area %q has no prompt", a.Name)
				}
			}
		})
	}
	for _, key := range []string{"", "Four", "nine", " four"} {
		if s, ok := FindStartingSet(key); ok || s.Key != "" {
			t.Errorf("FindStartingSet(%q) = %q, %v; want nothing", key, s.Key, ok)
		}
	}
}

func TestDefaultStartingSetIsTheFourAreas(t *testing.T) {
	s := DefaultStartingSet()
	if s.Key != "four" {
		t.Fatalf("DefaultStartingSet().Key = %q, want four", s.Key)
	}
	wantStrings(t, "default areas", areaNames(s), []string{"Health", "Home", "Purpose", "Community"})
	for _, a := range s.Areas {
		if len(a.Prompts) == 0 {
			t.Errorf("default area %q has no reflection prompts", a.Name)
		}
		for _, p := range a.Prompts {
			if strings.TrimSpace(p) != p || p == "" {
				t.Errorf("default area %q has an untidy prompt %q", a.Name, p)
			}
		}
	}
}

func TestStartingSetDimensions(t *testing.T) {
	for _, s := range StartingSets {
		t.Run(s.Key, func(t *testing.T) {
			n := 0
			newID := func() string { n++; return fmt.Sprintf("id-%d", n) }
			ds := s.Dimensions(newID)
			if n != len(s.Areas) {
				t.Errorf("newID called %d times, want %d", n, len(s.Areas))
			}
			if len(ds) != len(s.Areas) {
				t.Fatalf("%d dimensions, want %d", len(ds), len(s.Areas))
			}
			for i, d := range ds {
				a := s.Areas[i]
				want := Dimension{ID: fmt.Sprintf("id-%d", i+1), Name: a.Name, Prompt: a.Prompt, Prompts: a.Prompts,
					Colour: Palette[i%len(Palette)], Order: i}
				if len(a.Prompts) == 0 {
					want.Prompts = nil
				}
				if !reflect.DeepEqual(d, want) {
					t.Errorf("dimension %d = %+v, want %+v", i, d, want)
				}
				if d.Archived {
					t.Errorf("%s starts archived", d.Name)
				}
			}
			// The dimensions' prompts are their own, not the starting set's.
			for i := range ds {
				if len(ds[i].Prompts) > 0 {
					ds[i].Prompts[0] = "changed"
					if s.Areas[i].Prompts[0] == "changed" {
						t.Fatalf("changing a dimension's prompt changed starting set %q", s.Key)
					}
				}
			}
		})
	}
}

func TestStartingSetColoursDiffer(t *testing.T) {
	s, _ := FindStartingSet("eight")
	seen := map[string]bool{}
	for _, d := range s.Dimensions(func() string { return "x" }) {
		if seen[d.Colour] {
			t.Errorf("colour %q used twice in the eight areas", d.Colour)
		}
		seen[d.Colour] = true
	}
}

// Licensed instruments are never quoted or named in Waymark's own words.
func TestStartingSetsNameNoLicensedInstrument(t *testing.T) {
	var words []string
	for _, s := range StartingSets {
		words = append(words, s.Name, s.Description)
		for _, a := range s.Areas {
			words = append(words, a.Name, a.Prompt)
			words = append(words, a.Prompts...)
		}
	}
	for _, w := range words {
		lower := strings.ToLower(w)
		for _, banned := range []string{"recovery star", "wemwbs", "reqol", "recovery assessment scale", "wellness recovery action plan"} {
			if strings.Contains(lower, banned) {
				t.Errorf("%q names %q", w, banned)
			}
		}
		if strings.Contains(w, "WRAP") {
			t.Errorf("%q names WRAP", w)
		}
		for _, judged := range []string{"score", "failed", "overdue", "missed", "relapse", "patient", "client"} {
			if strings.Contains(lower, judged) {
				t.Errorf("%q says %q", w, judged)
			}
		}
	}
}

// The practice lens is for a peer worker's own journal, and says so; it
// comes last, after the sets for a person's own journal.
func TestPracticeLens(t *testing.T) {
	s, ok := FindStartingSet("practice")
	if !ok {
		t.Fatal("no practice lens")
	}
	if StartingSets[len(StartingSets)-1].Key != "practice" {
		t.Error("the practice lens should be offered last")
	}
	if s.Name != "Practice lens" {
		t.Errorf("Name = %q", s.Name)
	}
	for _, w := range []string{"peer worker's own journal", "MHCC", "six dimensions of recovery-oriented practice"} {
		if !strings.Contains(s.Description, w) {
			t.Errorf("Description %q should say %q", s.Description, w)
		}
	}
	for _, a := range s.Areas {
		if len(a.Prompts) == 0 {
			t.Errorf("practice area %q has no reflection prompts", a.Name)
		}
		for _, p := range a.Prompts {
			if !strings.HasSuffix(p, "?") || strings.TrimSpace(p) != p {
				t.Errorf("practice area %q: prompt %q should be one tidy question", a.Name, p)
			}
		}
	}
}
