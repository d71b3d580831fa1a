//go:build linux

package store

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// mapsOf counts the memory maps of this process that map path.
func mapsOf(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skip("no /proc/self/maps")
	}
	return strings.Count(string(b), path)
}

func TestPrefetchLetsGoOfItsWindowOnAFault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "short.db")
	ps := uint64(os.Getpagesize())
	if err := os.WriteFile(path, make([]byte, ps), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The file is one page long, but pages up to 64 are said to be in use:
	// reading page 2's header through the window faults.
	c := &pageChecker{f: f, ps: ps, hwm: 64}
	faulted := false
	func() {
		defer func() {
			if recover() != nil {
				faulted = true
			}
		}()
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		c.prefetch([]uint64{2, 40})
	}()
	if !faulted {
		t.Skip("reading past the end of the file did not fault here")
	}
	if n := mapsOf(t, path); n != 0 {
		t.Errorf("%d maps of the file left after a fault in the window", n)
	}
}
