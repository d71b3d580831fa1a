package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releasePages tells the kernel this process no longer needs the journal
// file's pages it has read through bbolt's memory map. Reading a whole large
// journal (building the search cache) would otherwise leave every page of the
// file counted in the process's resident memory. The map is a read-only,
// shared map of the file, so dropping pages loses nothing: a later read
// faults them back in from the page cache or the file.
//
// It must run inside a transaction: the transaction holds bbolt's map lock,
// so the map cannot be replaced (and the range reused) while this runs.
func releasePages(tx *bolt.Tx) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 {
		return
	}
	size := uintptr(tx.Size())
	// Errors only mean the hint was not taken; nothing depends on it.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, size, syscall.MADV_DONTNEED)
}
