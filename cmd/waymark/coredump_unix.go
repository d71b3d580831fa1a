//go:build unix

package main

import "syscall"

// disableCoreDumps stops the system writing a core file should Waymark
// crash: a core file is a copy of the program's memory, which holds the
// words on screen and, for an encrypted journal, its key. Best effort: a
// failure leaves things as they were.
func disableCoreDumps() {
	_ = syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{Cur: 0, Max: 0})
}
