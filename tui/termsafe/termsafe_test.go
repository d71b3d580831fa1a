package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineAndText(t *testing.T) {
	tests := []struct {
		name, in, line, text string
	}{
		{"plain", "A good week", "A good week", "A good week"},
		{"newlines", "one\ntwo", "one two", "one\ntwo"},
		{"windows line endings", "one\r\ntwo", "one two", "one\ntwo"},
		{"tab", "a\tb", "a    b", "a    b"},
		{"title change", "\x1b]0;owned\x07hi", "␛]0;owned␇hi", "␛]0;owned␇hi"},
		{"clipboard write", "\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇", "␛]52;c;aGk=␇"},
		{"clear screen", "\x1b[2Jgone", "␛[2Jgone", "␛[2Jgone"},
		{"C1 CSI", "x\u009b2Jy", "x\uFFFD2Jy", "x\uFFFD2Jy"},
		{"DEL", "a\x7fb", "a\u2421b", "a\u2421b"},
		{"bidi override", "abc\u202edef", "abc\uFFFDdef", "abc\uFFFDdef"},
		{"invalid utf8", "ok\xffok", "ok\uFFFDok", "ok\uFFFDok"},
		{"emoji and accents kept", "café 🌱 naïve", "café 🌱 naïve", "café 🌱 naïve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
		})
	}
}

func TestNoEscapeSurvives(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x100; r++ {
		all.WriteRune(r)
	}
	for _, out := range []string{Line(all.String()), Text(all.String())} {
		for _, r := range out {
			if r != '\n' && NeedsCare(r) {
				t.Fatalf("control rune %U survived in %q", r, out)
			}
		}
	}
}

// FuzzClean: whatever goes in, nothing a terminal would act on comes out, and
// the result is valid UTF-8 (so no byte can start an escape on its own).
func FuzzClean(f *testing.F) {
	for _, seed := range []string{"", "plain", "\x1b]0;t\x07", "\x1b]52;c;aGk=\x1b\\", "\x1b[2J", "\x9b2J", "\u202e", "a\r\nb\tc", "\xff\xfe"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Text(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if r != '\n' && NeedsCare(r) {
					t.Fatalf("%U survived in %q", r, out)
				}
			}
		}
		if strings.Contains(Line(s), "\n") {
			t.Fatalf("Line kept a line break: %q", s)
		}
	})
}
