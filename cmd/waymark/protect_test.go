package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

const (
	passphrase = "a river at dawn"
	// canary is written to encrypted journals and must never be found in
	// their files.
	canary = "Canary: the heron sang at noon by the weir"
)

// passFile writes a passphrase file (its first line is the passphrase).
func passFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// fail1 runs a command that should fail with exit 1 and exactly want on
// stderr.
func fail1(t *testing.T, want string, stdin string, args ...string) {
	t.Helper()
	r := waymark(t, stdin, args...)
	if r.code != exitFailed || r.stderr != want+"\n" {
		t.Errorf("waymark %q: exit %d stderr %q; want exit 1 and %q", args, r.code, r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("waymark %q: stdout %q, want nothing", args, r.stdout)
	}
}

// journalFiles are the journal and every file in its backups folder.
func journalFiles(t *testing.T, path string) []string {
	t.Helper()
	files := []string{path}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "*"))
	return append(files, backups...)
}

// assertSealed fails if any of words is in the journal's file or backups.
func assertSealed(t *testing.T, path string, words ...string) {
	t.Helper()
	for _, f := range journalFiles(t, path) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if bytes.Contains(raw, []byte(w)) {
				t.Errorf("%s holds %q in plain text", f, w)
			}
		}
	}
}

func TestEncryptedJournalFromScripts(t *testing.T) {
	path := tempJournal(t)
	pf := passFile(t, passphrase+"\nthe second line is not part of it\n")

	r := must(t, "", "init", "--encrypt", "--passphrase-file", pf, "--file", path)
	if !strings.HasPrefix(r.stdout, "Your journal is ready at "+path+".\n") || !strings.Contains(r.stdout, "protected by your passphrase") {
		t.Errorf("init --encrypt said %q", r.stdout)
	}
	if info, err := store.Inspect(path); err != nil || !info.Encrypted {
		t.Fatalf("after init --encrypt: %+v, %v; want an encrypted journal", info, err)
	}

	// The passphrase file's option works before and after the command, and
	// between the words.
	must(t, "", "--passphrase-file", pf, "add", "--file", path, "-d", "Home", canary)
	must(t, "", "add", "Second", "--passphrase-file="+pf, "entry", "--file", path, "-d", "Community")
	r = must(t, "", "list", "--file", path, "--passphrase-file", pf)
	if !strings.Contains(r.stdout, canary) || !strings.Contains(r.stdout, "Second entry") {
		t.Errorf("list shows:\n%s", r.stdout)
	}
	got := entries(t, path, "--passphrase-file", pf)
	if len(got) != 2 || got[1].Text != canary || got[1].Dimensions[0] != "Home" {
		t.Errorf("list --json = %+v", got)
	}
	must(t, "", "checkin", "--file", path, "--passphrase-file", pf, "--rate", "Home=6")
	must(t, "", "goals", "--file", path, "--passphrase-file", pf)
	assertSealed(t, path, canary, "heron", "Second entry", "Community")

	// From a pipe, without the file: exit 1, the plain sentence, nothing saved.
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fail1(t, needPassphrase, "", "list", "--file", path)
	fail1(t, needPassphrase, "", "goals", "--file", path)
	fail1(t, needPassphrase, "Piped words", "add", "--file", path)
	fail1(t, needPassphrase, "", "checkin", "--file", path, "--rate", "Home=3")

	// A wrong passphrase: exit 1, and the file is byte for byte the same.
	wrong := passFile(t, "a river at dusk\n")
	fail1(t, wrongFromFile, "", "list", "--file", path, "--passphrase-file", wrong)
	fail1(t, wrongFromFile, "", "add", "--file", path, "--passphrase-file", wrong, "More words")
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("commands that couldn't open the journal changed its file")
	}
	if n := len(entries(t, path, "--passphrase-file", pf)); n != 3 {
		t.Errorf("journal holds %d entries, want 3", n)
	}

	// init again changes nothing.
	r = must(t, "", "init", "--encrypt", "--file", path)
	if r.stdout != "Your journal is already at "+path+". Nothing was changed.\n" {
		t.Errorf("init on an encrypted journal said %q", r.stdout)
	}
}

func TestPassphraseFileProblems(t *testing.T) {
	path := tempJournal(t)
	pf := passFile(t, passphrase+"\n")

	// Never an unprotected journal when a passphrase is at hand.
	fail1(t, "There's no journal at "+path+" yet. To make one protected by that passphrase: waymark init --encrypt --passphrase-file FILE",
		"", "add", "--file", path, "--passphrase-file", pf, "Words")
	r := waymark(t, "", "init", "--file", path, "--passphrase-file", pf)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "A new journal uses --passphrase-file only with --encrypt") {
		t.Errorf("init --passphrase-file without --encrypt: exit %d stderr %q", r.code, r.stderr)
	}
	fail1(t, "Choosing a passphrase needs a terminal. From a script, give it with --passphrase-file FILE.", "", "init", "--encrypt", "--file", path)
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refused inits made a file (stat: %v)", err)
	}

	for _, content := range []string{"", "\nsecond\n", "\r\n"} {
		bad := passFile(t, content)
		fail1(t, "The first line of the passphrase file is empty. Put the passphrase there, on a line of its own.",
			"", "init", "--encrypt", "--file", path, "--passphrase-file", bad)
	}
	missing := filepath.Join(t.TempDir(), "nothing-here")
	fail1(t, "Waymark couldn't read the passphrase file "+missing+". Check that it is there and yours.",
		"", "init", "--encrypt", "--file", path, "--passphrase-file", missing)
	if r := waymark(t, "", "list", "--file", path, "--passphrase-file="); r.code != exitUsage {
		t.Errorf("an empty --passphrase-file: exit %d (%q), want 2", r.code, r.stderr)
	}

	// A line ending (Windows or not) isn't part of the passphrase; a file
	// others can read works, with a warning.
	crlf := passFile(t, passphrase+"\r\n")
	must(t, "", "init", "--encrypt", "--file", path, "--passphrase-file", crlf)
	open := passFile(t, passphrase)
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	r = must(t, "", "add", "--file", path, "--passphrase-file", open, "Words")
	if !strings.Contains(r.stderr, "can be read by others on this computer. To keep it to yourself: chmod 600") {
		t.Errorf("a passphrase file others can read should be warned about: %q", r.stderr)
	}
	if r := must(t, "", "list", "--file", path, "--passphrase-file", pf); r.stderr != "" {
		t.Errorf("a private passphrase file was warned about: %q", r.stderr)
	}
}

func TestInitMistakesWithPassphrases(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "init", "--file", path)
	pf := passFile(t, passphrase)
	fail1(t, "There's already a journal at "+path+", without a passphrase, so nothing was changed. To protect it: waymark encrypt --file "+path,
		"", "init", "--encrypt", "--file", path, "--passphrase-file", pf)
	if info, _ := store.Inspect(path); info.Encrypted {
		t.Error("init --encrypt encrypted an existing journal")
	}
}

func TestInitDimensions(t *testing.T) {
	tests := []struct {
		set, want string
	}{
		{"four", "Its life areas are Health, Home, Purpose and Community."},
		{"Eight", "Its life areas are Emotional, Environmental, Financial, Intellectual, Occupational, Physical, Social and Spiritual."},
		{"blank", "It has no life areas yet: add your own in Waymark."},
	}
	for _, tt := range tests {
		path := tempJournal(t)
		r := must(t, "", "init", "--dimensions", tt.set, "--file", path)
		if !strings.Contains(r.stdout, tt.want) {
			t.Errorf("init --dimensions %s said %q, want %q", tt.set, r.stdout, tt.want)
		}
	}
	r := waymark(t, "", "init", "--dimensions", "seven", "--file", tempJournal(t))
	if r.code != exitUsage || lines(r.stderr)[0] != `Waymark doesn't have a set of life areas called "seven"; try four, eight, blank or practice.` {
		t.Errorf("init --dimensions seven: exit %d stderr %q", r.code, r.stderr)
	}
	// Encrypted, with the eight areas.
	path := tempJournal(t)
	pf := passFile(t, passphrase)
	must(t, "", "init", "--encrypt", "--dimensions", "eight", "--passphrase-file", pf, "--file", path)
	must(t, "", "add", "-d", "Spiritual", "Quiet morning", "--passphrase-file", pf, "--file", path)
	if got := entries(t, path, "--passphrase-file", pf); len(got) != 1 || got[0].Dimensions[0] != "Spiritual" {
		t.Errorf("entries = %+v", got)
	}
}

func TestPasswd(t *testing.T) {
	path := tempJournal(t)
	old, next := passFile(t, passphrase), passFile(t, "a heron at dusk")

	fail1(t, "There's no journal at "+path+" yet. To make one protected by a passphrase: waymark init --file "+path+" --encrypt",
		"", "passwd", "--file", path)
	must(t, "", "init", "--file", path)
	fail1(t, "This journal has no passphrase yet. Protect it with: waymark encrypt --file "+path, "", "passwd", "--file", path)

	path = tempJournal(t)
	must(t, "", "init", "--encrypt", "--file", path, "--passphrase-file", old)
	must(t, "", "add", "--file", path, "--passphrase-file", old, canary)
	fail1(t, "Choosing a passphrase needs a terminal. From a script, give it with --new-passphrase-file FILE.",
		"", "passwd", "--file", path, "--passphrase-file", old)
	fail1(t, needPassphrase, "", "passwd", "--file", path, "--new-passphrase-file", next)
	fail1(t, wrongFromFile, "", "passwd", "--file", path, "--passphrase-file", next, "--new-passphrase-file", next)

	r := must(t, "", "passwd", "--file", path, "--passphrase-file", old, "--new-passphrase-file", next)
	if r.stdout != "Your journal's passphrase is changed. Copies in backups/ made before now still open with the old one.\n" {
		t.Errorf("passwd said %q", r.stdout)
	}
	fail1(t, wrongFromFile, "", "list", "--file", path, "--passphrase-file", old)
	if got := entries(t, path, "--passphrase-file", next); len(got) != 1 || got[0].Text != canary {
		t.Errorf("after passwd the journal holds %+v", got)
	}
	assertSealed(t, path, canary)
}

func TestEncryptCommand(t *testing.T) {
	path := tempJournal(t)
	pf := passFile(t, passphrase)
	fail1(t, "There's no journal at "+path+" yet. To make one protected by a passphrase: waymark init --file "+path+" --encrypt",
		"", "encrypt", "--file", path, "--passphrase-file", pf)

	must(t, "", "add", "--file", path, "-d", "Home", canary)
	// The second open of the day backs the journal up: a plain copy that
	// encrypt must remove.
	must(t, "", "add", "--file", path, "Another entry")
	plainCopy := false
	for _, f := range journalFiles(t, path)[1:] {
		if raw, _ := os.ReadFile(f); bytes.Contains(raw, []byte(canary)) {
			plainCopy = true
		}
	}
	if !plainCopy {
		t.Fatal("want a plain backup holding the canary before encrypt")
	}

	fail1(t, "Choosing a passphrase needs a terminal. From a script, give it with --passphrase-file FILE.", "", "encrypt", "--file", path)
	// A copy kept aside by an earlier restore stays (it may be someone's
	// only copy of something), and encrypt says it is unprotected.
	aside := path + ".before-restore-20261101-090000"
	if err := os.WriteFile(aside, []byte("plain"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := must(t, "", "encrypt", "--file", path, "--passphrase-file", pf)
	if !strings.Contains(r.stdout, "are not protected:\n  "+aside+"\nDelete them once you no longer need them.") {
		t.Errorf("encrypt did not name the unprotected copy:\n%s", r.stdout)
	}
	if _, err := os.Stat(aside); err != nil {
		t.Errorf("the copy kept aside was removed: %v", err)
	}
	if first := lines(r.stdout)[0]; first != "Your journal is now protected by a passphrase. The plain copies in backups/ were removed." {
		t.Errorf("encrypt said %q", r.stdout)
	}
	assertSealed(t, path, canary, "Another entry")
	fail1(t, needPassphrase, "", "list", "--file", path)
	if got := entries(t, path, "--passphrase-file", pf); len(got) != 2 || got[1].Text != canary || got[1].Dimensions[0] != "Home" {
		t.Errorf("after encrypt the journal holds %+v", got)
	}
	fail1(t, "This journal is already protected by a passphrase. To change it: waymark passwd --file "+path,
		"", "encrypt", "--file", path, "--passphrase-file", pf)
}

// typist stands in for a person at a terminal typing passphrases: each
// prompt gets the next answer, and io.EOF (ctrl+d) once they run out.
type typist struct {
	answers []string
	prompts []string
}

func fakePassphraseTerminal(t *testing.T, answers ...string) *typist {
	t.Helper()
	ty := &typist{answers: answers}
	wasAt, wasRead := passphraseAtTerminal, readPassphrase
	passphraseAtTerminal = func(any) bool { return true }
	readPassphrase = func(_ any, stderr io.Writer, prompt string) ([]byte, error) {
		fmt.Fprint(stderr, prompt+"\n")
		ty.prompts = append(ty.prompts, prompt)
		if len(ty.answers) == 0 {
			return nil, io.EOF
		}
		a := ty.answers[0]
		ty.answers = ty.answers[1:]
		return []byte(a), nil
	}
	t.Cleanup(func() { passphraseAtTerminal, readPassphrase = wasAt, wasRead })
	return ty
}

func TestPassphrasesAtATerminal(t *testing.T) {
	path := tempJournal(t)
	const (
		ask     = "Passphrase for your journal: "
		newOne  = "New passphrase: "
		again   = "The same passphrase again: "
		explain = "That passphrase didn't open the journal. Try again — there's no limit."
	)

	// Choosing: an empty one, two that differ, then two the same.
	ty := fakePassphraseTerminal(t, "", "one", "two", passphrase, passphrase)
	r := must(t, "", "init", "--encrypt", "--file", path)
	if want := []string{newOne, newOne, again, newOne, again}; !slices.Equal(ty.prompts, want) {
		t.Errorf("init --encrypt asked %q, want %q", ty.prompts, want)
	}
	for _, said := range []string{forgetNote, "A passphrase needs at least one character.", "Those two weren't the same. Let's try again."} {
		if !strings.Contains(r.stderr, said) {
			t.Errorf("init --encrypt should say %q; stderr:\n%s", said, r.stderr)
		}
	}

	// Opening: a wrong one, then the right one.
	ty = fakePassphraseTerminal(t, "wrong", passphrase)
	r = must(t, "", "add", "--file", path, canary)
	if !slices.Equal(ty.prompts, []string{ask, ask}) || strings.Count(r.stderr, explain) != 1 || r.stdout != "Saved.\n" {
		t.Errorf("add asked %q; stdout %q stderr %q", ty.prompts, r.stdout, r.stderr)
	}

	// Five wrong: exit 1, and nothing changed.
	before, _ := os.ReadFile(path)
	ty = fakePassphraseTerminal(t, "1", "2", "3", "4", "5", passphrase)
	r = waymark(t, "", "list", "--file", path)
	if r.code != exitFailed || len(ty.prompts) != maxUnlockTries || strings.Count(r.stderr, explain) != maxUnlockTries-1 ||
		!strings.HasSuffix(r.stderr, triesUsed+"\n") {
		t.Errorf("five wrong: exit %d, asked %d times, stderr:\n%s", r.code, len(ty.prompts), r.stderr)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("wrong passphrases changed the file")
	}

	// ctrl+d instead of a passphrase.
	fakePassphraseTerminal(t)
	r = waymark(t, "", "list", "--file", path)
	if r.code != exitFailed || !strings.HasSuffix(r.stderr, noPassphrase+"\n") {
		t.Errorf("no passphrase: exit %d stderr %q", r.code, r.stderr)
	}

	// passwd: the old one, then the new one twice.
	ty = fakePassphraseTerminal(t, passphrase, "a heron at dusk", "a heron at dusk")
	must(t, "", "passwd", "--file", path)
	if !slices.Equal(ty.prompts, []string{ask, newOne, again}) {
		t.Errorf("passwd asked %q", ty.prompts)
	}
	fakePassphraseTerminal(t, "a heron at dusk")
	if r := must(t, "", "list", "--file", path); !strings.Contains(r.stdout, canary) {
		t.Errorf("list after passwd: %q", r.stdout)
	}

	// encrypt a plain journal.
	plain := tempJournal(t)
	must(t, "", "add", "--file", plain, canary)
	ty = fakePassphraseTerminal(t, passphrase, "not the same", passphrase, passphrase)
	must(t, "", "encrypt", "--file", plain)
	if len(ty.prompts) != 4 {
		t.Errorf("encrypt asked %q", ty.prompts)
	}
	assertSealed(t, plain, canary)
	fakePassphraseTerminal(t, passphrase)
	if r := must(t, "", "list", "--file", plain); !strings.Contains(r.stdout, canary) {
		t.Errorf("list after encrypt: %q", r.stdout)
	}

	// Mismatched three times: nothing is made.
	fresh := tempJournal(t)
	fakePassphraseTerminal(t, "a", "b", "c", "d", "e", "f")
	r = waymark(t, "", "init", "--encrypt", "--file", fresh)
	if r.code != exitFailed || !strings.HasSuffix(r.stderr, "\nThe passphrases didn't match, so nothing was changed. Run the command again whenever you're ready.\n") {
		t.Errorf("three mismatches: exit %d stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused init made a file (stat: %v)", err)
	}
}

// The words a wrong passphrase gets at a terminal are the journal's own.
func TestWrongPassphraseWords(t *testing.T) {
	if got := journal.Explain(journal.ErrWrongPassphrase); !strings.HasPrefix(got, "That passphrase didn't open the journal.") {
		t.Errorf("Explain(ErrWrongPassphrase) = %q", got)
	}
	if !strings.HasPrefix(wrongFromFile, "That passphrase didn't open the journal.") {
		t.Errorf("wrongFromFile = %q", wrongFromFile)
	}
}
