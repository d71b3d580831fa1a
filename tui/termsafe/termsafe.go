// Package termsafe makes stored and imported text harmless to print to a
// terminal. Journal text can hold anything (an import, a paste, a damaged
// file); printed raw, an escape sequence could retitle the window, write to
// the clipboard (OSC 52) or clear the screen. Every piece of stored text passes
// through here before it reaches a screen or standard output.
package termsafe

import (
	"strings"
	"unicode/utf8"
)

// TabWidth is how many spaces a tab becomes, so widths measure true.
const TabWidth = 4

// Line returns s safe for a single line: line breaks become spaces, and every
// other control character becomes a visible symbol (ESC shows as ␛).
func Line(s string) string { return clean(s, false) }

// Text returns s safe for a block of lines: line breaks are kept, tabs become
// spaces, and every other control character becomes a visible symbol.
func Text(s string) string { return clean(s, true) }

// Safe reports whether s would print unchanged as a block of text.
func Safe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\n' && NeedsCare(r) {
			return false
		}
	}
	return true
}

func clean(s string, multiline bool) string {
	if multiline && Safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune('\uFFFD')
		case r == '\r' && i < len(s) && s[i] == '\n':
			// A Windows line ending: the \n that follows does the work.
		case r == '\n' || r == '\r':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteString(strings.Repeat(" ", TabWidth))
		case !NeedsCare(r):
			b.WriteRune(r)
		default:
			b.WriteString(Symbol(r))
		}
	}
	return b.String()
}

// NeedsCare reports runes that a terminal would act on rather than print:
// C0 and C1 controls and DEL, and the bidirectional overrides that can make
// text display in a different order from how it is stored. (Newline and
// tab need care too; callers that lay text out handle them first.)
func NeedsCare(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Symbol is the visible stand-in for a rune NeedsCare reports: the Unicode
// control pictures for C0 and DEL (ESC is ␛), and a replacement character
// for the rest. Each is one cell wide.
func Symbol(r rune) string {
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return "\u2421"
	}
	return "\uFFFD"
}
