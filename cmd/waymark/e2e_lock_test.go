package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2ELockedJournal: a journal made with init --encrypt opens on the
// unlock screen, where nothing typed shows; a wrong passphrase says so, the
// right one opens it; the hide key locks it again and leaves none of its
// words on the screen or in tmux's history; q is only typing there, and
// ctrl+c quits.
func TestE2ELockedJournal(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	pass := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(pass, []byte(passphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm.mustCLI("init", "--encrypt", "--passphrase-file", pass)

	tm.start("main", nil)
	tm.waitFor("This journal is locked.", waitTimeout)
	history := func() string {
		t.Helper()
		return tm.mustTmux("capture-pane", "-p", "-S", "-", "-t", tm.target)
	}
	noneOf := func(when string, words ...string) {
		t.Helper()
		h := history()
		for _, w := range words {
			if strings.Contains(h, w) {
				t.Errorf("%s, the terminal shows %q:\n%s", when, w, h)
			}
		}
	}

	tm.typeText("a river at dusk")
	time.Sleep(300 * time.Millisecond) // let every key arrive
	noneOf("while a passphrase is typed", "river", "dusk")
	tm.sendKeys("Enter")
	tm.waitFor("That passphrase didn't open the journal", waitTimeout)
	noneOf("after a wrong passphrase", "river", "dusk")

	tm.typeText(passphrase)
	time.Sleep(300 * time.Millisecond)
	noneOf("while the passphrase is typed", "river", "dawn")
	tm.sendKeys("Enter")
	tm.waitFor("Recent", waitTimeout)
	noneOf("once open", "river", "dawn")

	words := []string{"Heron", "lingered", "beside", "mossy", "weirs"}
	tm.sendKeys("n")
	tm.waitFor("New reflection", waitTimeout)
	tm.typeText(strings.Join(words, " "))
	tm.waitFor("mossy weirs", waitTimeout)
	tm.sendKeys("C-s")
	tm.waitFor("Saved.", waitTimeout)
	tm.waitFor("Heron lingered", waitTimeout)

	tm.sendKeys("C-l")
	tm.waitFor("This journal is locked.", waitTimeout)
	noneOf("after the hide key", words...)

	// q is just a letter of a passphrase here.
	tm.sendKeys("q")
	time.Sleep(300 * time.Millisecond)
	if tm.dead() {
		t.Fatalf("q quit from the unlock screen; the screen:\n%s", tm.screen())
	}
	if s := tm.screen(); !strings.Contains(s, "This journal is locked.") {
		t.Errorf("after q the screen is:\n%s", s)
	}
	tm.sendKeys("C-c")
	if how := tm.waitExit(waitTimeout); how != "0" && how != "" {
		t.Errorf("waymark quit with %s, want status 0", how)
	}
	noneOf("after quitting", words...)

	// The reflection is there, and sealed.
	r := tm.mustCLI("list", "--passphrase-file", pass)
	if !strings.Contains(r.stdout, "Heron lingered beside mossy weirs") {
		t.Errorf("list does not show the reflection:\n%s", r.stdout)
	}
	raw, err := os.ReadFile(tm.journalPath())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Heron")) {
		t.Error("the journal file holds the reflection in plain text")
	}
}

// shell starts a shell in a new session that runs waymark with args, says
// how it exited and whether the terminal shows typing (stty's echo or
// -echo), then waits, so the screen can be read.
func (tm *terminal) shell(session string, args ...string) {
	tm.t.Helper()
	script := `trap true INT; "$0" "$@"; echo "exit $?"; stty -a | tr ' ' '\n' | grep -x -e echo -e -echo; exec sleep 60`
	cmd := []string{"new-session", "-d", "-s", session, "-x", "80", "-y", "24",
		"--", "env", "TERM=xterm-256color", "LANG=C.UTF-8", "XDG_DATA_HOME=" + tm.dataHome, "HOME=" + tm.dataHome,
		envFastKDF + "=1", "sh", "-c", script, tm.bin}
	tm.mustTmux(append(cmd, args...)...)
	tm.target = session
}

// afterStty waits for the shell's stty line (echo or -echo), printed just
// after the exit status, and returns the screen.
func (tm *terminal) afterStty() string {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := tm.screen()
		if strings.Contains(s, "\necho") || strings.Contains(s, "-echo") || time.Now().After(deadline) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestE2EPassphrasePrompt: a command asks for the passphrase at the
// terminal without showing it, asks again after a wrong one, and leaves the
// terminal showing typing again, even when stopped with ctrl+c.
func TestE2EPassphrasePrompt(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	pass := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(pass, []byte(passphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm.mustCLI("init", "--encrypt", "--passphrase-file", pass)
	tm.mustCLI("add", "--passphrase-file", pass, "Heron lingered beside mossy weirs")

	tm.shell("first", "list")
	tm.waitFor("Passphrase for your journal:", waitTimeout)
	tm.typeText("a river at dusk")
	tm.sendKeys("Enter")
	tm.waitFor("That passphrase didn't open the journal", waitTimeout)
	tm.typeText(passphrase)
	tm.sendKeys("Enter")
	tm.waitFor("exit 0", waitTimeout)
	s := tm.afterStty()
	if !strings.Contains(s, "Heron lingered") {
		t.Errorf("list did not show the entry:\n%s", s)
	}
	for _, w := range []string{"river", "dusk", "dawn"} {
		if strings.Contains(s, w) {
			t.Errorf("the typed passphrase shows on the screen (%q):\n%s", w, s)
		}
	}
	if !strings.Contains(s, "\necho") {
		t.Errorf("the terminal no longer shows typing after the prompt:\n%s", s)
	}

	tm.shell("second", "list")
	tm.waitFor("Passphrase for your journal:", waitTimeout)
	tm.typeText("half")
	tm.sendKeys("C-c")
	tm.waitFor("exit 130", waitTimeout)
	if s := tm.afterStty(); !strings.Contains(s, "\necho") || strings.Contains(s, "half") {
		t.Errorf("after ctrl+c at the prompt the screen is:\n%s", s)
	}
}
