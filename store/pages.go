package store

import (
	"cmp"
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
// each leaf page, so no walk can loop (for a journal of 100,000 entries, 80
// ms when each header was a read of its own, less reading each level of a
// tree in runs: shape); full, before
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
	// buf is reused for reading runs of pages (prefetch).
	buf  []byte
	ps   uint64
	hwm  uint64 // pages below this are in use or free
	full bool
	seen pageSet
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
	d, _ = checkPagesBut(tx, f, full, "")
	return d
}

// checkPagesBut is checkPages leaving the tree of the bucket named later
// (in shape only) to the function it returns, to run in a read transaction
// of its own, while nothing writes to the file: opening checks the entries'
// tree, the largest, while it loads the summaries, which never touches it.
// The function's error wraps journal.ErrDamaged and names the bucket. It is
// nil when there is no such bucket.
func checkPagesBut(tx *bolt.Tx, f io.ReaderAt, full bool, later string) (d pageDamage, rest func(*bolt.Tx) error) {
	if f == nil {
		return d, nil // a store made in a test without a file
	}
	ps := uint64(tx.DB().Info().PageSize)
	hwm := uint64(tx.Size()) / ps
	c := &pageChecker{tx: tx, f: f, ps: ps, hwm: hwm, full: full, seen: make(pageSet, hwm/64+1)}
	if full {
		// bbolt's Check also reads both meta pages and the freelist page,
		// and panics if their headers are wrong.
		if err := c.special(); err != nil {
			d.root = err
			return d, nil
		}
	}
	// The root bucket's leaves name the other buckets: read them all, but
	// check the buckets' own trees one by one, to say which is damaged.
	c.collect = map[string]uint64{}
	if err := c.tree(uint64(tx.Cursor().Bucket().Root()), 0, true); err != nil {
		d.root = err
		return d, nil
	}
	buckets := c.collect
	c.collect = nil
	for _, name := range slices.Sorted(maps.Keys(buckets)) {
		if name == later && !full {
			continue
		}
		check := c.shape
		if full {
			check = func(root uint64) error { return c.tree(root, 0, true) }
		}
		if err := check(buckets[name]); err != nil {
			if d.buckets == nil {
				d.buckets = map[string]error{}
			}
			d.buckets[name] = err
		}
	}
	root, ok := buckets[later]
	if !ok || full {
		return d, nil
	}
	// With the pages the other trees use, so a page in two trees is found.
	seen := slices.Clone(c.seen)
	return d, func(tx *bolt.Tx) error {
		lc := &pageChecker{tx: tx, f: f, ps: ps, hwm: uint64(tx.Size()) / ps, seen: seen}
		if len(seen) < int(lc.hwm/64+1) {
			lc.seen = append(seen, make(pageSet, int(lc.hwm/64+1)-len(seen))...)
		}
		if err := lc.shape(root); err != nil {
			return fmt.Errorf("%w: bucket %.16q: %v", journal.ErrDamaged, later, err)
		}
		return nil
	}
}

// tree checks the page id and every page below it. readLeaves says whether
// leaf pages are read (always for the root bucket, whose leaves hold the
// other buckets).
func (c *pageChecker) tree(id uint64, depth int, readLeaves bool) error {
	return c.treeAt(id, depth, readLeaves, nil)
}

// treeAt is tree, with the page's header already read when hdr is not nil.
func (c *pageChecker) treeAt(id uint64, depth int, readLeaves bool, hdr []byte) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("the page tree at page %d is too deep", id)
	}
	if id < 2 || id >= c.hwm {
		return fmt.Errorf("page %d is out of range", id)
	}
	if c.seen.has(id) {
		return fmt.Errorf("page %d is used twice", id)
	}
	typ, overflow, err := c.header(id, hdr)
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
		children := make([]uint64, count)
		for i := range count {
			off := pageHeaderSize + i*elementSize
			pos, ksize := uint64(ne.Uint32(page[off:])), uint64(ne.Uint32(page[off+4:]))
			if uint64(off)+pos+ksize > uint64(len(page)) {
				return fmt.Errorf("branch page %d: key %d lies outside the page", id, i)
			}
			children[i] = ne.Uint64(page[off+8:])
		}
		for _, child := range children {
			if err := c.treeAt(child, depth+1, readLeaves, nil); err != nil {
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

// shape checks a bucket's tree as tree does with readLeaves false, level by
// level: the pages of each level are read in the order they lie in the
// file, in runs (prefetch), rather than with a read for each, which for the
// tens of thousands of leaves of a large journal is several times quicker.
// Nothing is mapped, so the file takes no room in memory.
func (c *pageChecker) shape(root uint64) error {
	level := []uint64{root}
	ne := binary.NativeEndian
	for depth := 0; len(level) > 0; depth++ {
		if depth > maxTreeDepth {
			return fmt.Errorf("the page tree at page %d is too deep", level[0])
		}
		headers := c.prefetch(level)
		var next []uint64
		for i, id := range level {
			if id < 2 || id >= c.hwm {
				return fmt.Errorf("page %d is out of range", id)
			}
			if c.seen.has(id) {
				return fmt.Errorf("page %d is used twice", id)
			}
			typ, overflow, err := c.header(id, headers[i])
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
			case "leaf":
				continue
			case "branch":
			default:
				return fmt.Errorf("page %d is a %s page where the tree needs a branch or leaf", id, typ)
			}
			page, err := c.read(id, (last-id+1)*c.ps)
			if err != nil {
				return err
			}
			if ne.Uint64(page[0:]) != id {
				return fmt.Errorf("page %d calls itself %d", id, ne.Uint64(page[0:]))
			}
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
				next = append(next, ne.Uint64(page[off+8:]))
			}
		}
		level = next
	}
	return nil
}

// prefetchGap is the most pages between two pages read in one run by
// prefetch; prefetchMax the most bytes one read takes, and prefetchWindow
// the most one map holds.
const (
	prefetchGap    = 16
	prefetchMax    = 1 << 20
	prefetchWindow = 8 << 20
)

// prefetch reads the headers of the pages ids in as few steps as it can:
// the pages of one level of a tree mostly lie close together in the file,
// so it takes them in file order, through a window of the file mapped for a
// moment (mapWindow), or else reading the runs of pages that hold them,
// whole; either is far quicker than a read for each. A header is nil where
// the page couldn't be read or the id is out of range; the caller then
// reads it, or reports it, itself.
func (c *pageChecker) prefetch(ids []uint64) [][]byte {
	out := make([][]byte, len(ids))
	order := make([]int, 0, len(ids))
	for i, id := range ids {
		if id >= 2 && id < c.hwm {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
	hdrs := make([]byte, pageHeaderSize*len(ids))
	take := func(i int, page []byte) {
		h := hdrs[i*pageHeaderSize : (i+1)*pageHeaderSize : (i+1)*pageHeaderSize]
		copy(h, page[:pageHeaderSize])
		out[i] = h
	}
	// Through maps of at most prefetchWindow bytes, each ending at the last
	// page wanted in it.
	mapped := true
	for start := 0; start < len(order) && mapped; {
		first := ids[order[start]]
		end := start + 1
		for end < len(order) && (ids[order[end]]-first+1)*c.ps <= prefetchWindow {
			end++
		}
		last := ids[order[end-1]]
		data, unmap, ok := mapWindow(c.f, int64(first*c.ps), int64((last-first+1)*c.ps))
		if !ok {
			mapped = false
			break
		}
		func() {
			// A fault in the window (the file cut short meanwhile) is a
			// panic: let go of the window all the same.
			defer unmap()
			for _, i := range order[start:end] {
				at := (ids[i] - first) * c.ps
				take(i, data[at:])
			}
		}()
		order = order[end:]
	}
	// Else by reads, in runs.
	maxPages := max(1, uint64(prefetchMax)/c.ps)
	for start := 0; start < len(order); {
		first := ids[order[start]]
		end := start + 1
		for end < len(order) {
			next := ids[order[end]]
			if next-ids[order[end-1]] > prefetchGap || next-first >= maxPages {
				break
			}
			end++
		}
		last := ids[order[end-1]]
		size := (last - first + 1) * c.ps
		if uint64(cap(c.buf)) < size {
			c.buf = make([]byte, size)
		}
		run := c.buf[:size]
		if _, err := c.f.ReadAt(run, int64(first*c.ps)); err == nil {
			for _, i := range order[start:end] {
				take(i, run[(ids[i]-first)*c.ps:])
			}
		}
		start = end
	}
	return out
}

// header returns a page's type and how many pages follow it: from hdr when
// given, else read from the file.
func (c *pageChecker) header(id uint64, hdr []byte) (typ string, overflow uint64, err error) {
	if len(hdr) < pageHeaderSize {
		if hdr, err = c.read(id, pageHeaderSize); err != nil {
			return "", 0, err
		}
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

// read returns n bytes from the start of page id, read from the file (not
// bbolt's memory map: a page of it not yet read costs a fault, more than a
// read, and a damaged one could fault for good).
func (c *pageChecker) read(id, n uint64) ([]byte, error) {
	off := id * c.ps
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
