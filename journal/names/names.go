// Package names holds the rules for a journal's name, shared by the command
// line (--journal NAME, waymark journals) and the full screen's journal
// picker. Pure Go: it says whether a name is good, never where the journal
// lives.
//
// A name becomes a folder's name on disk, so the rules keep it safe there on
// every system: letters (in any language) and numbers, with spaces, dots,
// - and _ inside; 1–40 characters; nothing that could be a path (no / or \,
// no "." or ".."), nothing hidden (no leading dot), no control characters,
// none of the device names Windows keeps (con, nul, com1 and the like).
// Names are told apart without regard to case: "Work" and "work" are one
// journal, as they would be on a Mac's or Windows' disk.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest name, in characters.
const MaxLen = 40

// Default is the name of the usual journal, the one Waymark opens when no
// journal is named: it keeps the path it always had.
const Default = "default"

// Error is a name that can't be used; its message is one plain sentence.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// The plain sentences.
const (
	msgEmpty = "A journal needs a name, like work or Sam."
	msgRules = "A journal name can use letters, numbers, spaces, dots, - and _ (up to 40), and starts and ends with a letter or number."
	msgLong  = "A journal name can be up to 40 characters long."
	msgDot   = "A journal name can't start with a dot."
	msgKept  = "That name is kept for devices on some systems (like con or nul); try another."
)

// reserved are the names Windows keeps for devices: a folder named one of
// them (with or without anything after a dot) can't be made there.
var reserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// Check says whether name can name a journal, and returns it without the
// spaces around it.
func Check(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", &Error{msgEmpty}
	case !utf8.ValidString(name):
		return "", &Error{msgRules}
	case strings.HasPrefix(name, "."):
		// Also "." and "..", and every hidden file.
		return "", &Error{msgDot}
	case utf8.RuneCountInString(name) > MaxLen:
		return "", &Error{msgLong}
	}
	for _, r := range name {
		if !allowed(r) {
			return "", &Error{msgRules}
		}
	}
	base, _, _ := strings.Cut(name, ".")
	if reserved[strings.ToLower(strings.TrimRight(base, " "))] {
		return "", &Error{msgKept}
	}
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return "", &Error{msgRules}
	}
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) && !unicode.IsMark(last) {
		return "", &Error{msgRules}
	}
	return name, nil
}

// allowed reports whether r may appear in a name at all. Marks are the
// accents and vowel signs many languages write letters with.
func allowed(r rune) bool {
	switch r {
	case ' ', '-', '_', '.':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// Same reports whether two names are one journal's: case doesn't count.
func Same(a, b string) bool {
	// NFC first: "Métis" typed with a combining accent is the same name as
	// "Métis" typed with é (and one folder on a Mac's disk).
	return strings.EqualFold(norm.NFC.String(strings.TrimSpace(a)), norm.NFC.String(strings.TrimSpace(b)))
}

// IsDefault reports whether name means the usual journal.
func IsDefault(name string) bool { return Same(name, Default) }
