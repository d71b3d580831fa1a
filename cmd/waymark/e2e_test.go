package main

// End-to-end tests: the real binary in a real terminal. Each test builds
// waymark, starts it in a private tmux server (80×24, a temporary
// XDG_DATA_HOME), presses keys one at a time and reads the screen with
// capture-pane.
//
// Without tmux these tests skip, unless WAYMARK_E2E=1 (as .ci/run sets),
// when they fail: CI must never pass by skipping them.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

const (
	e2eWidth  = 80
	e2eHeight = 24
	// waitTimeout bounds every wait for the screen; a test stays under 30s.
	waitTimeout = 10 * time.Second
	pollEvery   = 50 * time.Millisecond
)

// terminal is a private tmux server running waymark, with its own journal.
type terminal struct {
	t        *testing.T
	bin      string // the built waymark
	socket   string // tmux -L name
	conf     string // tmux config
	dataHome string // XDG_DATA_HOME for every waymark this test runs
	target   string // the session keys go to
}

// needTmux skips the test when tmux is missing, or fails it when
// WAYMARK_E2E=1 says the end-to-end tests must run.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("WAYMARK_E2E") == "1" {
			t.Fatal("WAYMARK_E2E=1 but tmux is not installed: install tmux (.ci/run does) to run the end-to-end tests")
		}
		t.Skip("tmux is not installed; the end-to-end tests need it (WAYMARK_E2E=1 makes this a failure)")
	}
}

func newTerminal(t *testing.T) *terminal {
	t.Helper()
	needTmux(t)
	dir := t.TempDir()
	tm := &terminal{
		t:        t,
		bin:      buildWaymark(t, dir),
		socket:   "waymark-e2e-" + randomHex(t),
		conf:     filepath.Join(dir, "tmux.conf"),
		dataHome: filepath.Join(dir, "data"),
	}
	// remain-on-exit keeps a pane after waymark exits, so the test can see
	// that it did (and how); set-clipboard on would turn an OSC 52 from the
	// app into a tmux buffer, which the tests check for.
	conf := strings.Join([]string{
		"set -g remain-on-exit on",
		"set -g status off",
		"set -g default-terminal xterm-256color",
		"set -s escape-time 0",
		"set -s set-clipboard on",
	}, "\n") + "\n"
	if err := os.WriteFile(tm.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Ends the server and with it every waymark it started, then removes
		// the socket, which tmux leaves behind.
		socket, err := tm.tmux("display-message", "-p", "#{socket_path}")
		socket = strings.TrimSpace(socket)
		if err != nil || !filepath.IsAbs(socket) {
			socket = defaultSocketPath(tm.socket)
		}
		_ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run()
		_ = os.Remove(socket)
	})
	return tm
}

// defaultSocketPath is where tmux -L name puts its socket.
func defaultSocketPath(name string) string {
	dir := os.Getenv("TMUX_TMPDIR")
	if dir == "" {
		dir = "/tmp"
	}
	return filepath.Join(dir, "tmux-"+strconv.Itoa(os.Getuid()), name)
}

// buildWaymark builds the binary under test into dir.
func buildWaymark(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "waymark")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// tmux runs one tmux command on the private server.
func (tm *terminal) tmux(args ...string) (string, error) {
	all := append([]string{"-u", "-L", tm.socket, "-f", tm.conf}, args...)
	out, err := exec.Command("tmux", all...).CombinedOutput()
	return string(out), err
}

func (tm *terminal) mustTmux(args ...string) string {
	tm.t.Helper()
	out, err := tm.tmux(args...)
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// start runs waymark (with args) in a new 80×24 session and sends keys there
// from now on. more runs right after, in the same tmux command, before
// waymark can draw anything.
func (tm *terminal) start(session string, args []string, more ...string) {
	tm.t.Helper()
	cmd := []string{"new-session", "-d", "-s", session, "-x", strconv.Itoa(e2eWidth), "-y", strconv.Itoa(e2eHeight),
		"--", "env", "TERM=xterm-256color", "LANG=C.UTF-8", "XDG_DATA_HOME=" + tm.dataHome, "HOME=" + tm.dataHome,
		envFastKDF + "=1", tm.bin}
	cmd = append(cmd, args...)
	if len(more) > 0 {
		cmd = append(append(cmd, ";"), more...)
	}
	tm.mustTmux(cmd...)
	tm.target = session
}

// sendKeys presses one key ("Enter", "C-s", "n").
func (tm *terminal) sendKeys(key string) {
	tm.t.Helper()
	tm.mustTmux("send-keys", "-t", tm.target, key)
}

// typeText types text one character at a time, as a person would.
func (tm *terminal) typeText(text string) {
	tm.t.Helper()
	for _, r := range text {
		tm.mustTmux("send-keys", "-t", tm.target, "-l", string(r))
	}
}

// screen is what the pane shows now.
func (tm *terminal) screen() string {
	tm.t.Helper()
	return tm.mustTmux("capture-pane", "-p", "-t", tm.target)
}

// display expands a tmux format for the pane.
func (tm *terminal) display(format string) (string, error) {
	out, err := tm.tmux("display-message", "-p", "-t", tm.target, format)
	return strings.TrimSpace(out), err
}

// dead reports whether waymark has exited (or the session is gone).
func (tm *terminal) dead() bool {
	out, err := tm.display("#{pane_dead}")
	return err != nil || out == "1"
}

// waitFor polls the screen until it shows text, and fails the test with the
// last screen if it doesn't within timeout or waymark exits first.
func (tm *terminal) waitFor(text string, timeout time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.screen()
		if strings.Contains(s, text) {
			return
		}
		if tm.dead() {
			tm.t.Fatalf("waymark exited before showing %q; the screen:\n%s", text, s)
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen did not show %q within %v; the screen:\n%s", text, timeout, s)
		}
		time.Sleep(pollEvery)
	}
}

// waitExit waits for waymark to exit and says how, when tmux knows: its exit
// status ("0"), or "signal N". tmux marks the pane dead when the terminal
// closes and usually learns the status a moment later, but 3.3 sometimes
// never does; then waitExit returns "".
func (tm *terminal) waitExit(timeout time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	var diedAt time.Time
	for {
		out, err := tm.display("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}")
		if err != nil {
			return "" // the session is gone, so waymark is too
		}
		parts := strings.Split(out, "|")
		if len(parts) == 3 && parts[0] == "1" {
			switch {
			case parts[2] != "" && parts[2] != "0":
				return "signal " + parts[2]
			case parts[1] != "":
				return parts[1]
			case diedAt.IsZero():
				diedAt = time.Now()
			case time.Since(diedAt) > time.Second:
				return ""
			}
		} else if time.Now().After(deadline) {
			tm.t.Fatalf("waymark did not exit within %v; the screen:\n%s", timeout, tm.screen())
		}
		time.Sleep(pollEvery)
	}
}

// pid is the process id of waymark in the pane (env execs it, so the pane's
// process is waymark itself).
func (tm *terminal) pid() int {
	tm.t.Helper()
	out, err := tm.display("#{pane_pid}")
	if err != nil {
		tm.t.Fatalf("pane pid: %v %s", err, out)
	}
	pid, err := strconv.Atoi(out)
	if err != nil || pid <= 0 {
		tm.t.Fatalf("pane pid %q: %v", out, err)
	}
	return pid
}

// journalPath is where waymark keeps this test's journal by default.
func (tm *terminal) journalPath() string {
	return filepath.Join(tm.dataHome, "waymark", "journal.db")
}

type cliResult struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

// cli runs waymark outside tmux, with this test's XDG_DATA_HOME.
func (tm *terminal) cli(args ...string) cliResult {
	tm.t.Helper()
	cmd := exec.Command(tm.bin, args...)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "XDG_DATA_HOME=") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, envFile+"=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "XDG_DATA_HOME="+tm.dataHome, "HOME="+tm.dataHome, envFastKDF+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := cliResult{stdout: out.String(), stderr: errOut.String(), elapsed: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		tm.t.Fatalf("run waymark %q: %v", args, err)
	}
	return r
}

func (tm *terminal) mustCLI(args ...string) cliResult {
	tm.t.Helper()
	r := tm.cli(args...)
	if r.code != 0 {
		tm.t.Fatalf("waymark %q: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
	}
	return r
}

// TestE2EWriteAReflection is the first minute of a new person: the welcome
// screen, the four areas, no passphrase for now, a reflection written and
// saved, quit, and the words still there from the command line.
func TestE2EWriteAReflection(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.start("main", nil)

	tm.waitFor("Everything stays on this computer.", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Which life areas would you like to start with?", waitTimeout)
	tm.sendKeys("Enter") // Four areas, the default
	tm.waitFor("Would you like to protect this journal with a passphrase?", waitTimeout)
	tm.sendKeys("Down")
	tm.sendKeys("Enter") // Not now

	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("n new", waitTimeout)
	tm.sendKeys("n")
	tm.waitFor("New reflection", waitTimeout)
	tm.typeText("A calm week by the river")
	tm.waitFor("A calm week by the river", waitTimeout)
	tm.sendKeys("C-s")

	tm.waitFor("Saved.", waitTimeout)
	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("A calm week by the river", waitTimeout)

	tm.sendKeys("q")
	if how := tm.waitExit(waitTimeout); how != "0" && how != "" {
		t.Errorf("waymark quit with %s, want status 0; the screen:\n%s", how, tm.screen())
	}
	// The alternate screen is gone, and with it every word of the journal.
	if history := tm.mustTmux("capture-pane", "-p", "-S", "-", "-t", tm.target); strings.Contains(history, "A calm week") {
		t.Errorf("the journal's words are left in the terminal after quitting:\n%s", history)
	}

	r := tm.mustCLI("list", "--file", tm.journalPath())
	if !strings.Contains(r.stdout, "Reflection") || !strings.Contains(r.stdout, "A calm week by the river") {
		t.Errorf("waymark list does not show the reflection:\n%s", r.stdout)
	}
}

// TestE2EJournalOpenElsewhere: while the full screen has the journal open, a
// second waymark gives up at once with a plain sentence.
func TestE2EJournalOpenElsewhere(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")
	tm.start("main", nil)
	tm.waitFor("Recent", waitTimeout)

	r := tm.cli("list")
	if r.code != exitFailed {
		t.Errorf("list while the journal is open: exit %d, want %d", r.code, exitFailed)
	}
	if !strings.Contains(r.stderr, "open in another window") {
		t.Errorf("stderr = %q, want it to say the journal is open in another window", r.stderr)
	}
	if r.elapsed > 2*time.Second {
		t.Errorf("list took %v to give up, want under 2s", r.elapsed)
	}
	if tm.dead() {
		t.Errorf("the open waymark exited; the screen:\n%s", tm.screen())
	}
}

// TestE2EDraftComesBack: the terminal dies while a person is writing; the
// next start offers their words back.
func TestE2EDraftComesBack(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("init")

	tm.start("first", nil)
	tm.waitFor("Recent", waitTimeout)
	tm.sendKeys("n")
	tm.waitFor("New reflection", waitTimeout)
	tm.typeText("Half a thought")
	tm.waitFor("Half a thought", waitTimeout)
	// Drafts are kept about 2s after typing pauses; the screen says when.
	tm.waitFor("draft kept", waitTimeout)

	if err := syscall.Kill(tm.pid(), syscall.SIGKILL); err != nil {
		t.Fatalf("kill waymark: %v", err)
	}
	tm.waitExit(waitTimeout)

	tm.start("second", nil)
	tm.waitFor("You were writing something", waitTimeout)
	tm.sendKeys("Enter")
	tm.waitFor("Half a thought", waitTimeout)
}

// TestE2EStoredTextIsHarmless: escape sequences in an entry show as symbols
// and never retitle the terminal or reach the clipboard.
func TestE2EStoredTextIsHarmless(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	tm.mustCLI("add", "Title test \x1b]0;pwned\x07 and \x1b]52;c;aGk=\x07 done")

	tm.start("main", nil, "select-pane", "-t", "main", "-T", "waymark-e2e")
	tm.waitFor("Recent", waitTimeout)
	tm.waitFor("␛]0;pwned␇", waitTimeout)

	title, err := tm.display("#{pane_title}")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(title, "pwned") {
		t.Errorf("the entry retitled the terminal: pane title %q", title)
	}
	if buffers := tm.mustTmux("list-buffers"); strings.TrimSpace(buffers) != "" {
		t.Errorf("the entry reached the clipboard (OSC 52): tmux buffers %q", buffers)
	}
}

// TestE2EListFitsTheTerminal: in a terminal, list cuts each line to the
// width rather than wrapping; into a pipe it prints the whole line (a
// headline is at most journal.SummaryTitleRunes long).
func TestE2EListFitsTheTerminal(t *testing.T) {
	t.Parallel()
	tm := newTerminal(t)
	long := "A long walk " + strings.Repeat("along the river ", 5) + "and home again"
	tm.mustCLI("add", "-d", "Home", long)

	// A shell keeps the terminal open after list exits: a pane whose process
	// exits at once can lose its last output.
	tm.mustTmux("new-session", "-d", "-s", "main", "-x", strconv.Itoa(e2eWidth), "-y", strconv.Itoa(e2eHeight),
		"--", "env", "TERM=xterm-256color", "LANG=C.UTF-8", "XDG_DATA_HOME="+tm.dataHome,
		"sh", "-c", `"$0" list; echo "exit $?"; exec sleep 60`, tm.bin)
	tm.target = "main"
	tm.waitFor("exit 0", waitTimeout)
	var line string
	for _, l := range strings.Split(tm.screen(), "\n") {
		if strings.Contains(l, "Reflection  Home") {
			line = strings.TrimRight(l, " ")
		}
	}
	if !strings.HasSuffix(line, "…") || utf8.RuneCountInString(line) != e2eWidth {
		t.Errorf("list in an %d-column terminal printed %q; want it cut to the width, ending in …", e2eWidth, line)
	}

	if r := tm.mustCLI("list"); !strings.Contains(r.stdout, long) {
		t.Errorf("list into a pipe should print whole lines: %q", r.stdout)
	}
}
