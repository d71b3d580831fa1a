package store

import (
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// bbolt trusts the page tree of a file. A damaged one can make it loop for
// ever (a branch pointing back at its parent: a cursor walking it never
// stops), recurse until the stack overflows (which no recover catches), or
// panic on a goroutine of its own, in tx.Check, where it can't be recovered
// either. So before bbolt walks a tree, checkPages walks it with plain reads
// of the file and refuses one bbolt would trip over: pages out of range, of
// the wrong kind, referenced twice or nested too deep, and elements whose
// keys or values would lie outside their page. Like preflight, it follows
// bbolt's file format version 2.
//
// Two depths: shape, at every open, reads each branch page and the header of
// each leaf page, so no walk can loop (about 80 ms for a journal of 100,000
// entries when each header was a 16-byte read; a few through a read-only map
// of the file, mapPages); full, before
// Check, also reads every leaf page and each bucket kept inside another, so
// bbolt's own check only meets pages it can read.

const (
	branchPageFlag = 0x01
	leafPageFlag   = 0x02
	metaPageFlag   = 0x04
	bucketLeafFlag = 0x01
	elementSize    = 16 // branch: pos, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	bucketHdrSize  = 16 // root pgid u64, sequence u64
	maxTreeDepth   = 48 // a B+tree of 4 KiB pages never gets near this
)

// pageChecker walks the page trees of one read transaction.
type pageChecker struct {
	tx *bolt.Tx
	f  io.ReaderAt
	// mapped is the file mapped read only (mapPages), when it could be:
	// pages are then read from it rather than with a read each.
	mapped []byte
	ps     uint64
	hwm    uint64 // pages below this are in use or free
	full   bool
	seen   pageSet
	// collect, when not nil, gathers the root pages of the buckets met
	// instead of checking them at once.
	collect map[string]uint64
}

// pageSet is a set of page ids below the high-water mark, one bit each.
type pageSet []uint64

func (s pageSet) has(id uint64) bool { return id/64 < uint64(len(s)) && s[id/64]&(1<<(id%64)) != 0 }

// add adds id, which must be below the high-water mark.
func (s pageSet) add(id uint64) {
	if id/64 < uint64(len(s)) {
		s[id/64] |= 1 << (id % 64)
	}
}

// pageDamage is what checkPages found: damage in the root bucket's tree
// (root; nothing can be read), or in the trees of buckets in it, by name.
type pageDamage struct {
	root    error
	buckets map[string]error
}

// err is every problem found as one error wrapping journal.ErrDamaged, nil
// when there is none.
func (d pageDamage) err() error {
	if d.root != nil {
		return fmt.Errorf("%w: %v", journal.ErrDamaged, d.root)
	}
	for _, name := range slices.Sorted(maps.Keys(d.buckets)) {
		return fmt.Errorf("%w: bucket %.16q: %v", journal.ErrDamaged, name, d.buckets[name])
	}
	return nil
}

// only reports whether every damage found is in the named bucket's tree.
func (d pageDamage) only(name string) bool {
	_, ok := d.buckets[name]
	return d.root == nil && ok && len(d.buckets) == 1
}

// checkPages checks the tree of the root bucket and of every bucket in it;
// with full set, every leaf page too.
func checkPages(tx *bolt.Tx, f io.ReaderAt, full bool) (d pageDamage) {
	if f == nil {
		return d // a store made in a test without a file
	}
	ps := uint64(tx.DB().Info().PageSize)
	hwm := uint64(tx.Size()) / ps
	c := &pageChecker{tx: tx, f: f, ps: ps, hwm: hwm, full: full, seen: make(pageSet, hwm/64+1)}
	if data, unmap, ok := mapPages(f, int64(c.hwm*ps)); ok {
		c.mapped = data
		defer unmap()
	}
	if full {
		// bbolt's Check also reads both meta pages and the freelist page,
		// and panics if their headers are wrong.
		if err := c.special(); err != nil {
			d.root = err
			return d
		}
	}
	// The root bucket's leaves name the other buckets: read them all, but
	// check the buckets' own trees one by one, to say which is damaged.
	c.collect = map[string]uint64{}
	if err := c.tree(uint64(tx.Cursor().Bucket().Root()), 0, true); err != nil {
		d.root = err
		return d
	}
	buckets := c.collect
	c.collect = nil
	for _, name := range slices.Sorted(maps.Keys(buckets)) {
		if err := c.tree(buckets[name], 0, full); err != nil {
			if d.buckets == nil {
				d.buckets = map[string]error{}
			}
			d.buckets[name] = err
		}
	}
	return d
}

// tree checks the page id and every page below it. readLeaves says whether
// leaf pages are read (always for the root bucket, whose leaves hold the
// other buckets).
func (c *pageChecker) tree(id uint64, depth int, readLeaves bool) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("the page tree at page %d is too deep", id)
	}
	if id < 2 || id >= c.hwm {
		return fmt.Errorf("page %d is out of range", id)
	}
	if c.seen.has(id) {
		return fmt.Errorf("page %d is used twice", id)
	}
	typ, overflow, err := c.header(id)
	if err != nil {
		return err
	}
	last := id + overflow
	if last >= c.hwm {
		return fmt.Errorf("page %d runs past the last page", id)
	}
	for p := id; p <= last; p++ {
		if c.seen.has(p) {
			return fmt.Errorf("page %d is used twice", p)
		}
		c.seen.add(p)
	}
	switch typ {
	case "branch":
	case "leaf":
		if !readLeaves && !c.full {
			return nil
		}
	default:
		return fmt.Errorf("page %d is a %s page where the tree needs a branch or leaf", id, typ)
	}

	page, err := c.read(id, (last-id+1)*c.ps)
	if err != nil {
		return err
	}
	ne := binary.NativeEndian
	if ne.Uint64(page[0:]) != id { // the file and the memory map disagree
		return fmt.Errorf("page %d calls itself %d", id, ne.Uint64(page[0:]))
	}
	if typ == "branch" {
		count := int(ne.Uint16(page[10:]))
		if count == 0 || pageHeaderSize+count*elementSize > len(page) {
			return fmt.Errorf("branch page %d has %d elements", id, count)
		}
		for i := range count {
			off := pageHeaderSize + i*elementSize
			pos, ksize := uint64(ne.Uint32(page[off:])), uint64(ne.Uint32(page[off+4:]))
			if uint64(off)+pos+ksize > uint64(len(page)) {
				return fmt.Errorf("branch page %d: key %d lies outside the page", id, i)
			}
			if err := c.tree(ne.Uint64(page[off+8:]), depth+1, readLeaves); err != nil {
				return err
			}
		}
		return nil
	}
	return c.leaf(page, fmt.Sprint("leaf page ", id), false)
}

// special checks the headers of the meta pages and of the freelist page
// named by the meta this transaction reads.
func (c *pageChecker) special() error {
	ne := binary.NativeEndian
	var hdr [pageHeaderSize]byte
	for id := uint64(0); id < 2; id++ {
		if _, err := c.f.ReadAt(hdr[:], int64(id*c.ps)); err != nil {
			return fmt.Errorf("meta page %d can't be read", id)
		}
		if ne.Uint64(hdr[0:]) != id || ne.Uint16(hdr[8:]) != metaPageFlag {
			return fmt.Errorf("meta page %d has a damaged header", id)
		}
	}
	var m boltMeta
	found := false
	for id := uint64(0); id < 2; id++ {
		if mm, ok := readMeta(c.f, int64(id*c.ps)); ok && mm.txid == uint64(c.tx.ID()) {
			m, found = mm, true
		}
	}
	if !found {
		return fmt.Errorf("the meta page in use can't be found")
	}
	if m.freelist == noFreelist {
		return nil
	}
	if m.freelist < 2 || m.freelist >= c.hwm {
		return fmt.Errorf("the freelist page %d is out of range", m.freelist)
	}
	if _, err := c.f.ReadAt(hdr[:], int64(m.freelist*c.ps)); err != nil {
		return fmt.Errorf("the freelist page can't be read")
	}
	overflow := uint64(ne.Uint32(hdr[12:]))
	if ne.Uint64(hdr[0:]) != m.freelist || ne.Uint16(hdr[8:]) != freelistPageFlag || m.freelist+overflow >= c.hwm {
		return fmt.Errorf("the freelist page %d has a damaged header", m.freelist)
	}
	for p := m.freelist; p <= m.freelist+overflow; p++ {
		c.seen.add(p)
	}
	return nil
}

// header returns a page's type and how many pages follow it, read from the
// file (not the memory map: a page of it not yet read costs a fault, more
// than a read).
func (c *pageChecker) header(id uint64) (typ string, overflow uint64, err error) {
	hdr, err := c.read(id, pageHeaderSize)
	if err != nil {
		return "", 0, err
	}
	ne := binary.NativeEndian
	if got := ne.Uint64(hdr[0:]); got != id {
		return "", 0, fmt.Errorf("page %d calls itself %d", id, got)
	}
	switch ne.Uint16(hdr[8:]) {
	case branchPageFlag:
		typ = "branch"
	case leafPageFlag:
		typ = "leaf"
	default:
		typ = fmt.Sprintf("unknown<%02x>", ne.Uint16(hdr[8:]))
	}
	return typ, uint64(ne.Uint32(hdr[12:])), nil
}

// read returns n bytes from the start of page id: from the map when there
// is one (the bytes are valid until checkPages returns), else read.
func (c *pageChecker) read(id, n uint64) ([]byte, error) {
	off := id * c.ps
	if c.mapped != nil {
		if off+n > uint64(len(c.mapped)) || off+n < off {
			return nil, fmt.Errorf("page %d can't be read", id)
		}
		return c.mapped[off : off+n : off+n], nil
	}
	b := make([]byte, n)
	if _, err := c.f.ReadAt(b, int64(off)); err != nil {
		return nil, fmt.Errorf("page %d can't be read", id)
	}
	return b, nil
}

// leaf checks a leaf page's elements and the buckets kept in it. An inline
// bucket's page (inline set) may hold no buckets itself.
func (c *pageChecker) leaf(page []byte, what string, inline bool) error {
	ne := binary.NativeEndian
	if len(page) < pageHeaderSize || ne.Uint16(page[8:]) != leafPageFlag {
		return fmt.Errorf("%s is not a leaf", what)
	}
	count := int(ne.Uint16(page[10:]))
	if pageHeaderSize+count*elementSize > len(page) {
		return fmt.Errorf("%s has more elements than room", what)
	}
	for i := range count {
		off := pageHeaderSize + i*elementSize
		flags := ne.Uint32(page[off:])
		pos, ksize, vsize := uint64(ne.Uint32(page[off+4:])), uint64(ne.Uint32(page[off+8:])), uint64(ne.Uint32(page[off+12:]))
		start := uint64(off) + pos
		if start+ksize+vsize > uint64(len(page)) {
			return fmt.Errorf("%s: element %d lies outside the page", what, i)
		}
		if flags&bucketLeafFlag == 0 {
			continue
		}
		if inline {
			return fmt.Errorf("%s: a bucket inside an inline bucket", what)
		}
		value := page[start+ksize : start+ksize+vsize]
		if len(value) < bucketHdrSize {
			return fmt.Errorf("%s: element %d is a bucket too short to be one", what, i)
		}
		if root := ne.Uint64(value); root != 0 {
			if c.collect != nil {
				c.collect[string(page[start:start+ksize])] = root
				continue
			}
			if err := c.tree(root, 0, c.full); err != nil {
				return err
			}
			continue
		}
		if err := c.leaf(value[bucketHdrSize:], fmt.Sprintf("%s: the bucket in element %d", what, i), true); err != nil {
			return err
		}
	}
	return nil
}
