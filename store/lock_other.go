//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package store

import (
	"errors"
	"os"
	"time"
)

// canPreflight is false where the file can't be locked the way bbolt locks
// it: there the preflight is skipped, and a panic inside bolt.Open is still
// recovered, but leaves the file locked until the program exits.
const canPreflight = false

var errLockTimeout = errors.New("timeout")

func lockFile(*os.File, time.Duration) error { return nil }
