package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// The crash test runs this test binary again as a child process that writes
// to a journal in a loop, kills it with SIGKILL at a random moment, and checks
// that every write the child had been told was done is there.
const (
	envCrashWriter = "WAYMARK_CRASH_WRITER" // the journal's path: run as the writer
	envCrashRound  = "WAYMARK_CRASH_ROUND"
	crashRounds    = 25
)

// crashText is the text of the writer's n-th entry in a round: mostly short,
// every seventh long enough to need pages of its own, so the kill lands in
// all kinds of writes.
func crashText(round, n int) string {
	head := fmt.Sprintf("round %d entry %d", round, n)
	if n%7 == 3 {
		return head + " " + strings.Repeat(fmt.Sprintf("long words %d ", n), 1200)
	}
	return head + strings.Repeat(" and a few words", n%5)
}

// ackLine is what the writer prints once Create has returned.
var ackLine = regexp.MustCompile(`^([a-z2-7]{26}) ([0-9]+)$`)

// TestCrashWriter is the child: it opens the journal and creates entries
// until it is killed, printing "ID N" for each only after Create returned.
// It does nothing unless run by TestCrashKeepsAcknowledgedWrites.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv(envCrashWriter)
	if path == "" {
		t.Skip("run by TestCrashKeepsAcknowledgedWrites")
	}
	round, _ := strconv.Atoi(os.Getenv(envCrashRound))
	s, err := Open(path, Options{Timeout: 2 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	deadline := time.Now().Add(10 * time.Second) // never outlive a parent that went away
	for n := 0; time.Now().Before(deadline); n++ {
		e, err := s.Create(journal.Entry{Kind: journal.KindReflection, Text: crashText(round, n)})
		if err != nil {
			fmt.Fprintln(os.Stderr, "create:", err)
			os.Exit(2)
		}
		// One write, unbuffered: the line is out before the next Create.
		if _, err := os.Stdout.WriteString(e.ID + " " + strconv.Itoa(n) + "\n"); err != nil {
			os.Exit(2)
		}
	}
	os.Exit(3)
}

// lockedBuffer is a bytes.Buffer safe to write from exec's copying goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// child runs this test binary as a child running only the test named.
func child(t *testing.T, test string, env ...string) (*exec.Cmd, *lockedBuffer, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", test, err)
	}
	return cmd, &stdout, &stderr
}

// openRetrying opens the journal, trying again for a while if the lock is
// still held.
func openRetrying(t *testing.T, path string) *Store {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		s, err := Open(path, Options{Timeout: 200 * time.Millisecond})
		if err == nil {
			return s
		}
		if !errors.Is(err, journal.ErrInUse) || time.Now().After(deadline) {
			t.Fatalf("Open after the crash: %v", err)
		}
	}
}

func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a writer 25 times")
	}
	if os.Getenv(envCrashWriter) != "" {
		t.Skip("this is the writer")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	path := journalPath(t)
	type ack struct{ round, n int }
	acked := map[string]ack{}
	killedWriting := 0

	for round := range crashRounds {
		cmd, stdout, stderr := child(t, "TestCrashWriter", envCrashWriter+"="+path, envCrashRound+"="+strconv.Itoa(round))
		time.Sleep(time.Duration(30+r.IntN(221)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		err := cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 {
			// Not killed: it stopped by itself, which it only does on a problem.
			t.Fatalf("round %d: the writer stopped before it was killed (%v): %s", round, err, stderr.String())
		}

		// Only whole lines count: a line cut short by the kill was not acknowledged.
		out := stdout.String()
		if i := strings.LastIndexByte(out, '\n'); i >= 0 {
			out = out[:i+1]
		} else {
			out = ""
		}
		sc := bufio.NewScanner(strings.NewReader(out))
		got := 0
		for sc.Scan() {
			m := ackLine.FindStringSubmatch(sc.Text())
			if m == nil {
				t.Fatalf("round %d: unexpected line %q from the writer", round, sc.Text())
			}
			n, _ := strconv.Atoi(m[2])
			acked[m[1]] = ack{round, n}
			got++
		}
		if got > 0 {
			killedWriting++
		}

		s := openRetrying(t, path)
		if err := s.Check(); err != nil {
			t.Fatalf("round %d: Check after the kill: %v", round, err)
		}
		for id, a := range acked {
			e, err := s.Get(id)
			if err != nil {
				t.Fatalf("round %d: acknowledged entry %s (round %d, #%d): %v", round, id, a.round, a.n, err)
			}
			if e.Text != crashText(a.round, a.n) {
				t.Fatalf("round %d: entry %s holds other words than were written", round, id)
			}
		}
		if c, _ := s.Counts(); c.All < len(acked) {
			t.Fatalf("round %d: the index holds %d entries, fewer than the %d acknowledged", round, c.All, len(acked))
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d entries acknowledged over %d rounds; %d rounds killed while writing", len(acked), crashRounds, killedWriting)
	if killedWriting < crashRounds/2 {
		t.Errorf("only %d of %d rounds were killed while writing: the test tested little", killedWriting, crashRounds)
	}
}
