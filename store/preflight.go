package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt panics, rather than returning an error, when the freelist page of a
// damaged file can't be read; and a panic inside bolt.Open leaves its memory
// map of the file, and with it the file's lock, held until the program
// exits. So before bbolt sees an existing file, preflight reads the parts of
// it that bolt.Open trusts (the meta pages and the freelist) with plain
// reads, and refuses a file bbolt would trip over. It follows bbolt's file
// format version 2, which has not changed since bbolt began.

const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	metaSize         = 64 // magic, version, pageSize, flags u32; root, sequence, freelist, pgid, txid, checksum u64
	metaChecksummed  = 56
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

var errPreflight = errors.New("the file's structure can't be read")

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// readMeta reads and validates the meta at offset (the start of a page).
func readMeta(f io.ReaderAt, offset int64) (boltMeta, bool) {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], offset); err != nil {
		return boltMeta{}, false
	}
	m := buf[pageHeaderSize:]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != boltMagic || ne.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksummed])
	if h.Sum64() != ne.Uint64(m[metaChecksummed:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: ne.Uint32(m[8:]),
		root:     ne.Uint64(m[16:]),
		freelist: ne.Uint64(m[32:]),
		pgid:     ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}, true
}

// preflight checks what bolt.Open will read of an existing, non-empty file.
// A nil error does not mean the file is sound, only that opening it will not
// panic; reads later are guarded separately.
func preflight(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()

	// Find the page size as bbolt does: from meta 0, else by trying where
	// meta 1 would be for each page size from 1 KiB to 16 MiB.
	m0, ok0 := readMeta(f, 0)
	pageSize := int64(m0.pageSize)
	if !ok0 {
		pageSize = 0
		for i := range 15 {
			ps := int64(1024) << i
			if ps*2 > size {
				break
			}
			if m, ok := readMeta(f, ps); ok && int64(m.pageSize) == ps {
				pageSize = ps
				break
			}
		}
	}
	if pageSize < 1024 || pageSize > 16<<20 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("%w: no valid meta page", errPreflight)
	}
	m1, ok1 := readMeta(f, pageSize)

	// The meta with the higher transaction id wins if valid, as in bbolt.
	a, okA, b, okB := m0, ok0, m1, ok1
	if m1.txid > m0.txid {
		a, okA, b, okB = m1, ok1, m0, ok0
	}
	m := a
	if !okA {
		if !okB {
			return fmt.Errorf("%w: no valid meta page", errPreflight)
		}
		m = b
	}
	if int64(m.pageSize) != pageSize {
		return fmt.Errorf("%w: the meta pages disagree on the page size", errPreflight)
	}

	ps := uint64(pageSize)
	switch {
	case m.pgid < 3 || m.pgid > uint64(size)/ps:
		return fmt.Errorf("%w: the file is shorter than its pages (truncated?)", errPreflight)
	case m.root < 2 || m.root >= m.pgid:
		return fmt.Errorf("%w: the root page is out of range", errPreflight)
	case m.freelist == noFreelist:
		return nil // bbolt rebuilds the freelist by walking the pages
	case m.freelist < 2 || m.freelist >= m.pgid:
		return fmt.Errorf("%w: the freelist page is out of range", errPreflight)
	}

	var hdr [pageHeaderSize + 8]byte
	if _, err := f.ReadAt(hdr[:], int64(m.freelist*ps)); err != nil {
		return fmt.Errorf("%w: the freelist page can't be read", errPreflight)
	}
	ne := binary.NativeEndian
	flags, count, overflow := ne.Uint16(hdr[8:]), uint64(ne.Uint16(hdr[10:])), uint64(ne.Uint32(hdr[12:]))
	if flags != freelistPageFlag {
		return fmt.Errorf("%w: the freelist page is not a freelist", errPreflight)
	}
	if m.freelist+overflow >= m.pgid {
		return fmt.Errorf("%w: the freelist runs past the last page", errPreflight)
	}
	first := uint64(0)
	if count == 0xFFFF { // the real count is the first element
		first, count = 1, ne.Uint64(hdr[pageHeaderSize:])
	}
	if room := ((overflow+1)*ps - pageHeaderSize) / 8; count > room || first+count > room {
		return fmt.Errorf("%w: the freelist is longer than its pages", errPreflight)
	}
	ids := make([]byte, count*8)
	if _, err := f.ReadAt(ids, int64(m.freelist*ps+pageHeaderSize+first*8)); err != nil {
		return fmt.Errorf("%w: the freelist can't be read", errPreflight)
	}
	seen := make(map[uint64]bool, count)
	for i := uint64(0); i < count; i++ {
		id := ne.Uint64(ids[i*8:])
		if id < 2 || id >= m.pgid || seen[id] {
			return fmt.Errorf("%w: the freelist names a page that can't be free", errPreflight)
		}
		seen[id] = true
	}
	return nil
}
