//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package store

import (
	"io"
	"os"
	"syscall"
)

// mapPages maps the first size bytes of f read only, for checkPages: reading
// the header of each of tens of thousands of pages through the map costs a
// page fault for every few dozen of them (the kernel maps neighbouring pages
// of the page cache together), where a read costs a system call each. A
// fault past the end of the file (should it shrink meanwhile) is a panic
// under debug.SetPanicOnFault, which every transaction sets, and so damage.
// ok is false when the file can't be mapped; the caller then reads.
func mapPages(r io.ReaderAt, size int64) (data []byte, unmap func(), ok bool) {
	f, isFile := r.(*os.File)
	if !isFile || size <= 0 || int64(int(size)) != size {
		return nil, nil, false
	}
	fi, err := f.Stat()
	if err != nil || fi.Size() < size {
		return nil, nil, false // reads report what is missing
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, mapFlags)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { _ = syscall.Munmap(data) }, true
}
