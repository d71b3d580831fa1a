//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// The full-disk test runs this test binary again as a child with a small
// limit on the size of the files it writes (RLIMIT_FSIZE), which makes the
// journal's growth fail the way a full disk does (EFBIG instead of ENOSPC).
const (
	envFullDiskWriter = "WAYMARK_FULLDISK_WRITER" // the journal's path: run as the writer
	envFullDiskLimit  = "WAYMARK_FULLDISK_LIMIT"  // the limit in bytes
)

// fullDiskText is the text of the writer's n-th entry, large enough to make
// the file grow within a few entries.
func fullDiskText(n int) string {
	return fmt.Sprintf("entry %d ", n) + strings.Repeat(fmt.Sprintf("words that fill the disk %d ", n), 2000)
}

// TestFullDiskWriter is the child: with the limit set, it creates entries
// until Create fails, printing "ok ID N" after each one done, then "explain
// TEXT" and "listed N" (how many entries the index then holds).
func TestFullDiskWriter(t *testing.T) {
	path := os.Getenv(envFullDiskWriter)
	if path == "" {
		t.Skip("run by TestFullDiskKeepsWhatWasSaved")
	}
	limit, err := strconv.ParseUint(os.Getenv(envFullDiskLimit), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	signal.Ignore(syscall.SIGXFSZ) // a write past the limit then fails with EFBIG instead of killing us
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &rl); err != nil {
		t.Fatal(err)
	}
	setLimit(&rl.Cur, limit)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &rl); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	for n := 0; n < 1000; n++ {
		e, err := s.Create(journal.Entry{Kind: journal.KindReflection, Text: fullDiskText(n)})
		if err != nil {
			page, _ := s.List(journal.Query{})
			fmt.Printf("explain %s\nlisted %d\n", journal.Explain(err), page.Total)
			fmt.Fprintln(os.Stderr, "create:", err) // for the parent's log
			return
		}
		fmt.Printf("ok %s %d\n", e.ID, n)
	}
	t.Fatal("the journal never filled up")
}

// setLimit sets an rlimit, whose type is uint64 on some systems and int64 on others.
func setLimit[T int64 | uint64](p *T, v uint64) { *p = T(v) }

func TestFullDiskKeepsWhatWasSaved(t *testing.T) {
	if os.Getenv(envFullDiskWriter) != "" {
		t.Skip("this is the writer")
	}
	path := journalPath(t)
	s := openAt(t, path, newClock(time.Now()))
	if err := Fill(s, 300, 3); err != nil {
		t.Fatal(err)
	}
	draft := journal.Draft{Kind: journal.KindHope, Text: "words not yet saved"}
	if err := s.SaveDraft(draft); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path, newClock(time.Now())) // today's backup, made here and not by the writer
	s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	limit := fi.Size() + 256<<10

	cmd, stdout, stderr := child(t, "TestFullDiskWriter", envFullDiskWriter+"="+path, envFullDiskLimit+"="+strconv.FormatInt(limit, 10))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("writer: %v\n%s\n%s", err, stdout.String(), stderr.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the writer hangs")
	}
	t.Logf("writer said: %s", strings.TrimSpace(stderr.String()))

	acked := map[string]int{}
	var explained string
	listed := -1
	okLine := regexp.MustCompile(`^ok ([a-z2-7]{26}) ([0-9]+)$`)
	sc := bufio.NewScanner(strings.NewReader(stdout.String()))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case okLine.MatchString(line):
			m := okLine.FindStringSubmatch(line)
			acked[m[1]], _ = strconv.Atoi(m[2])
		case strings.HasPrefix(line, "explain "):
			explained = strings.TrimPrefix(line, "explain ")
		case strings.HasPrefix(line, "listed "):
			listed, _ = strconv.Atoi(strings.TrimPrefix(line, "listed "))
		}
	}
	if explained == "" {
		t.Fatalf("the writer never failed:\n%s", stdout.String())
	}
	if want := journal.Explain(syscall.ENOSPC); explained != want {
		t.Errorf("the person was told %q, want %q", explained, want)
	}
	for _, leak := range []string{"EFBIG", "file too large", "goroutine", ".go:", "bolt", "journal.db"} {
		if strings.Contains(explained, leak) {
			t.Errorf("the message shows %q", leak)
		}
	}
	if len(acked) == 0 {
		t.Error("no entry was saved before the disk filled: the limit is too small to test anything")
	}
	if listed != 300+len(acked) {
		t.Errorf("after the failed save the index listed %d entries, want %d (the failed one left out)", listed, 300+len(acked))
	}

	s = openAt(t, path, newClock(time.Now()))
	if err := s.Check(); err != nil {
		t.Fatalf("Check after the full disk: %v", err)
	}
	for id, n := range acked {
		e, err := s.Get(id)
		if err != nil || e.Text != fullDiskText(n) {
			t.Errorf("entry %d saved before the disk filled: %v", n, err)
		}
	}
	if c, _ := s.Counts(); c.All != 300+len(acked) {
		t.Errorf("the journal holds %d entries, want %d", c.All, 300+len(acked))
	}
	if got, ok, err := s.Draft(); err != nil || !ok || got.Text != draft.Text {
		t.Errorf("the draft = %+v, %v, %v; want it kept", got, ok, err)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "with room again"})
}

// A write that fails leaves the in-memory index as it was: the entry isn't
// listed, an update isn't shown, an import adds nothing.
func TestFailedWriteLeavesTheIndex(t *testing.T) {
	s, _ := newStore(t)
	kept := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "kept"})
	before := listAll(t, s)
	full := &os.PathError{Op: "write", Path: s.Path(), Err: syscall.EFBIG}
	s.seal = &failingSealer{sealer: s.seal, after: 1, err: full} // the record is sealed, its summary not

	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s succeeded", what)
		}
		if got, want := journal.Explain(err), journal.Explain(syscall.ENOSPC); got != want {
			t.Errorf("%s: Explain = %q, want the disk-full sentence", what, got)
		}
		sameJSON(t, what+": index", listAll(t, s), before)
		s.seal.(*failingSealer).after = 1
	}
	_, err := s.Create(journal.Entry{Kind: journal.KindHope, Text: "lost to a full disk"})
	check("Create", err)
	changed := kept
	changed.Text = "changed"
	_, err = s.Update(changed)
	check("Update", err)
	check("Trash", s.Trash(kept.ID))
	_, err = s.Import([]journal.Entry{{ID: "x", Kind: journal.KindHope, Text: "imported"}}, nil, nil)
	check("Import", err)

	s.seal = s.seal.(*failingSealer).sealer
	if got, _ := s.Get(kept.ID); got.Text != "kept" {
		t.Errorf("the entry holds %q", got.Text)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

// bbolt formats the system's error into its own message when growing the
// file fails; the store gives it back its cause.
func TestDiskErrorsAreFoundInBboltMessages(t *testing.T) {
	tests := []struct {
		err  error
		want error
	}{
		{fmt.Errorf("file resize error: %s", &os.PathError{Op: "truncate", Path: "/j.db", Err: syscall.EFBIG}), syscall.EFBIG},
		{fmt.Errorf("file sync error: %s", syscall.ENOSPC), syscall.ENOSPC},
		{fmt.Errorf("file resize error: %s", syscall.EDQUOT), syscall.ENOSPC},
		{&os.PathError{Op: "write", Path: "/j.db", Err: syscall.EDQUOT}, syscall.ENOSPC},
		{fmt.Errorf("sync: %w", syscall.EROFS), syscall.EROFS},
	}
	for _, tt := range tests {
		got := wrap("save entry", tt.err)
		if !errors.Is(got, tt.want) {
			t.Errorf("wrap(%v) = %v, want it to wrap %v", tt.err, got, tt.want)
		}
		if journal.Explain(got) == journal.Explain(errors.New("other")) {
			t.Errorf("Explain(%v) is the general sentence", got)
		}
	}
	if err := wrap("x", errors.New("page 3 checksum")); errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) {
		t.Errorf("an unrelated error became a disk error: %v", err)
	}
}
