package main

// The whole-program start-up harness: time to the first frame and resident
// memory, for sample journals of several sizes, plain and encrypted, in a
// real terminal (tmux, 80×24). It is not part of the usual test run:
//
//	WAYMARK_STARTUP=1 go test ./cmd/waymark -run Startup -v -timeout 30m
//
// WAYMARK_STARTUP_SIZES (default 1000,10000,100000) chooses the sizes and
// WAYMARK_STARTUP_DIR (default $TMPDIR/waymark-startup) where the sample
// journals are kept between runs (made once per size with waymark demo; the
// encrypted ones with the passphrase calibrated on this computer, as a real
// journal's is).

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startupRuns is how many times each journal is opened; the median is shown.
const startupRuns = 5

const startupPass = "startup sample"

func TestStartupFigures(t *testing.T) {
	if os.Getenv("WAYMARK_STARTUP") != "1" {
		t.Skip("the start-up harness runs with WAYMARK_STARTUP=1")
	}
	tm := newTerminal(t)
	dir := os.Getenv("WAYMARK_STARTUP_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "waymark-startup")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	pf := filepath.Join(dir, "pass")
	if err := os.WriteFile(pf, []byte(startupPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sizes := []int{1000, 10000, 100000}
	if s := os.Getenv("WAYMARK_STARTUP_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				t.Fatalf("WAYMARK_STARTUP_SIZES: %v", err)
			}
			sizes = append(sizes, n)
		}
	}

	var rows []string
	for _, n := range sizes {
		for _, enc := range []bool{false, true} {
			path := filepath.Join(dir, fmt.Sprintf("demo-%d.db", n))
			if enc {
				path = filepath.Join(dir, fmt.Sprintf("demo-%d.enc.db", n))
			}
			if _, err := os.Stat(path); err != nil {
				args := []string{"demo", "--entries", strconv.Itoa(n), path}
				if enc {
					args = append([]string{"--passphrase-file", pf, "demo", "--encrypt"}, args[1:]...)
				}
				start := time.Now()
				cmd := exec.Command(tm.bin, args...)
				cmd.Env = withoutEnv(os.Environ(), envFastKDF) // a real journal's key derivation
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("demo: %v\n%s", err, out)
				}
				t.Logf("made %s in %v", path, time.Since(start).Round(time.Millisecond))
			}
			// Today's backup is made by the first open of the day; make it
			// now, outside the timing.
			warm := []string{"--file", path, "list", "--limit", "1"}
			if enc {
				warm = append([]string{"--passphrase-file", pf}, warm...)
			}
			if out, err := exec.Command(tm.bin, warm...).CombinedOutput(); err != nil {
				t.Fatalf("warm-up: %v\n%s", err, out)
			}
			fi, _ := os.Stat(path)

			var frames []time.Duration
			var hwm, rss, anon, settled []int
			for run := range startupRuns {
				session := fmt.Sprintf("s%d-%v-%d", n, enc, run)
				var took time.Duration
				if enc {
					tm.start(session, []string{"--file", path})
					tm.waitFor("Type your passphrase", waitTimeout)
					for try := 0; ; try++ {
						time.Sleep(100 * time.Millisecond) // the field is ready
						tm.typeText(startupPass)
						start := time.Now()
						tm.sendKeys("Enter")
						if took = tm.waitFrame("Life areas", start); took > 0 {
							break
						}
						// A key lost on a busy machine: the screen said the
						// passphrase was wrong. Type it again.
						if try == 3 {
							t.Fatalf("the passphrase was refused %d times", try+1)
						}
					}
				} else {
					start := time.Now()
					tm.start(session, []string{"--file", path})
					took = tm.waitFrame("Life areas", start)
				}
				frames = append(frames, took)
				pid := tm.pid()
				h, r, a := memory(t, pid)
				time.Sleep(300 * time.Millisecond) // whatever home loads after its first frame
				h2, r2, a2 := memory(t, pid)
				hwm, rss, anon = append(hwm, max(h, h2)), append(rss, max(r, r2)), append(anon, max(a, a2))
				// Settled: after the key derivation's memory is handed
				// back (store/crypt.go, 2 s after it).
				time.Sleep(2700 * time.Millisecond)
				_, r3, _ := memory(t, pid)
				settled = append(settled, r3)
				tm.sendKeys("q")
				tm.waitExit(waitTimeout)
			}
			what := "open to first frame"
			if enc {
				what = "unlock (Enter) to first frame"
			}
			rows = append(rows, fmt.Sprintf("| %7s | %-9s | %4d MiB | %-29s | %6.0f ms (min %4.0f, max %4.0f) | %4d MiB | %4d MiB | %4d MiB | %4d MiB |",
				thousands(n), map[bool]string{false: "plain", true: "encrypted"}[enc], fi.Size()>>20, what,
				ms(median(frames)), ms(slices.Min(frames)), ms(slices.Max(frames)),
				medianInt(hwm)>>10, medianInt(rss)>>10, medianInt(anon)>>10, medianInt(settled)>>10))
		}
	}
	fmt.Println("| Entries | Journal | File | What | Time (median of 5) | Peak resident (VmHWM) | Resident after 0.3 s (VmRSS) | of which the process's own (RssAnon) | Resident after 3 s |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Println(r)
	}
}

// waitFrame polls the screen (every 15 ms, each a tmux command of its own)
// until it shows text, and returns how long after start that was; 0 when
// the screen says the passphrase didn't open the journal.
func (tm *terminal) waitFrame(text string, start time.Time) time.Duration {
	tm.t.Helper()
	for {
		s := tm.screen()
		if strings.Contains(s, text) {
			return time.Since(start)
		}
		if strings.Contains(s, "didn't open the journal") {
			return 0
		}
		if time.Since(start) > time.Minute || tm.dead() {
			tm.t.Fatalf("no %q after %v; the screen:\n%s", text, time.Since(start), s)
		}
		time.Sleep(15 * time.Millisecond) // each poll runs tmux: poll too often and it competes with waymark
	}
}

// memory reads the peak and current resident memory of a process, and the
// part of it that is the process's own rather than mapped file pages, in KiB.
func memory(t *testing.T, pid int) (hwm, rss, anon int) {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("memory: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(value), " kB"))
		switch name {
		case "VmHWM":
			hwm = kb
		case "VmRSS":
			rss = kb
		case "RssAnon":
			anon = kb
		}
	}
	return hwm, rss, anon
}

func withoutEnv(env []string, name string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, name+"=") })
}

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}

func medianInt(xs []int) int {
	s := slices.Sorted(slices.Values(xs))
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
