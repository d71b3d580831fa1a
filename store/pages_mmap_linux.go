package store

import "syscall"

// mapFlags populates the whole map at once, in the kernel: far cheaper than
// a fault for every few dozen pages read.
const mapFlags = syscall.MAP_SHARED | syscall.MAP_POPULATE
