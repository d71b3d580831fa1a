//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package store

import (
	"io"
	"os"
	"syscall"
)

// mapWindow maps size bytes of the file r at off (a multiple of the
// system's page size) read only, for prefetch: reading the headers of
// thousands of pages through a map (the kernel maps the pages near each one
// touched together, from the page cache) costs about half as much as
// copying them out with reads, and far less than a read for each. The
// window is let go of at once, so the file never takes more than a window
// of memory. A fault in it (the file cut short meanwhile) is a panic under
// debug.SetPanicOnFault, which every transaction sets, and so damage. ok is
// false when r is not a file or can't be mapped.
func mapWindow(r io.ReaderAt, off, size int64) (data []byte, unmap func(), ok bool) {
	f, isFile := r.(*os.File)
	if !isFile || size <= 0 || off%int64(os.Getpagesize()) != 0 {
		return nil, nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), off, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { _ = syscall.Munmap(data) }, true
}
