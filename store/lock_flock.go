//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package store

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// canPreflight says whether the file can be locked for preflight the way
// bbolt locks it (flock), so a file another program is writing is never
// read half-written.
const canPreflight = true

// errLockTimeout is returned when another program holds the file's lock.
var errLockTimeout = errors.New("timeout")

// lockFile takes the exclusive flock bbolt would take, waiting up to timeout.
// Closing f lets go of it.
func lockFile(f *os.File, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			return errLockTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}
