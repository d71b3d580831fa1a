package names

import (
	"strings"
	"testing"
)

func TestNameCheck(t *testing.T) {
	rules := msgRules
	tests := []struct {
		name string
		in   string
		want string // the name returned; "" when refused
		err  string // the sentence when refused
	}{
		{"a plain word", "work", "work", ""},
		{"capitals kept", "Sam", "Sam", ""},
		{"an apostrophe", "Sam's", "", rules},
		{"words with spaces", "my own journal", "my own journal", ""},
		{"dash, underscore and dot inside", "peer-work_2026.notes", "peer-work_2026.notes", ""},
		{"digits only", "2026", "2026", ""},
		{"accents, composed", "Métis", "Métis", ""},
		{"accents, decomposed", "Me\u0301tis", "Me\u0301tis", ""},
		{"another script", "日記", "日記", ""},
		{"a script with vowel signs", "हिन्दी", "हिन्दी", ""},
		{"Cree syllabics", "ᓀᐦᐃᔭᐍᐏᐣ", "ᓀᐦᐃᔭᐍᐏᐣ", ""},
		{"spaces around are dropped", "  work  ", "work", ""},
		{"exactly 40", strings.Repeat("a", 40), strings.Repeat("a", 40), ""},
		{"40 letters of two bytes", strings.Repeat("é", 40), strings.Repeat("é", 40), ""},

		{"empty", "", "", msgEmpty},
		{"only spaces", "   ", "", msgEmpty},
		{"41 characters", strings.Repeat("a", 41), "", msgLong},
		{"a dot", ".", "", msgDot},
		{"two dots", "..", "", msgDot},
		{"hidden", ".work", "", msgDot},
		{"a slash", "work/notes", "", rules},
		{"a path up", "../work", "", msgDot},
		{"a path down", "a/../../b", "", rules},
		{"a backslash", `work\notes`, "", rules},
		{"a newline", "work\nnotes", "", rules},
		{"a tab", "work\tnotes", "", rules},
		{"an escape", "work\x1b[2J", "", rules},
		{"a NUL", "work\x00", "", rules},
		{"a bidi override", "work\u202egnp", "", rules},
		{"a zero-width joiner", "wo\u200drk", "", rules},
		{"an emoji", "work 🌱", "", rules},
		{"a colon", "C:work", "", rules},
		{"starts with a dash (like an option)", "-work", "", rules},
		{"ends with a dot", "work.", "", rules},
		{"starts with an underscore", "_work", "", rules},
		{"invalid UTF-8", "wo\xffrk", "", rules},
		{"an accent alone first", "\u0301work", "", rules},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(tt.in)
			if tt.err == "" {
				if err != nil || got != tt.want {
					t.Errorf("Check(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check(%q) = %q, want it refused", tt.in, got)
			}
			if err.Error() != tt.err {
				t.Errorf("Check(%q) says %q, want %q", tt.in, err, tt.err)
			}
			if got != "" {
				t.Errorf("Check(%q) returned %q with its error", tt.in, got)
			}
		})
	}
}

func TestNameMessagesArePlainSentences(t *testing.T) {
	for _, m := range []string{msgEmpty, msgRules, msgLong, msgDot} {
		if !strings.HasSuffix(m, ".") || strings.ToUpper(m[:1]) != m[:1] {
			t.Errorf("%q is not one plain sentence", m)
		}
		for _, w := range []string{"invalid", "error", "illegal"} {
			if strings.Contains(strings.ToLower(m), w) {
				t.Errorf("%q says %q", m, w)
			}
		}
	}
}

func TestNameSame(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"work", "work", true},
		{"Work", "wORK", true},
		{"Métis", "MÉTIS", true},
		{" work", "work ", true},
		{"work", "works", false},
		{"work", "wörk", false},
	}
	for _, tt := range tests {
		if got := Same(tt.a, tt.b); got != tt.same {
			t.Errorf("Same(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
	for _, n := range []string{"default", "Default", " DEFAULT "} {
		if !IsDefault(n) {
			t.Errorf("IsDefault(%q) = false", n)
		}
	}
	if IsDefault("defaults") {
		t.Error(`IsDefault("defaults") = true`)
	}
}

func TestSameIgnoresHowAnAccentWasTyped(t *testing.T) {
	composed, decomposed := "M\u00e9tis", "Me\u0301tis"
	if !Same(composed, decomposed) {
		t.Errorf("Same(%q, %q) = false; one name typed two ways", composed, decomposed)
	}
	if Same("Metis", composed) {
		t.Errorf("Same(Metis, Métis) = true; the accent is part of the name")
	}
}
