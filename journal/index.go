package journal

import (
	"cmp"
	"maps"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// Index keeps every summary in time order, newest first, so timelines, filters
// and counts never read full records. It is not safe for concurrent use; its
// owner guards it. Summaries it returns are copies the caller may change.
//
// Beside each summary it keeps a small bit set of what filters ask most
// (in the trash, the kind, the dimensions), so a filtered page at 100,000
// entries is a walk over 800 KB of bits rather than over every summary; a
// date range is found by binary search. Any other filter falls back to
// Query.matches, so the answer is always the same.
type Index struct {
	items []Summary // newest first; ties broken by id for a stable order
	bits  []uint64  // bits[i] describes items[i] (see bitsOf)
	// byID finds a summary's time, from which its place; made on first
	// need, so opening a journal builds no map.
	byID map[string]time.Time
	// dimBit is the bit of each dimension id met, up to maxDimBits of them.
	dimBit map[string]uint64
	recent []dimBitOf // a few of dimBit, found by where their ids lie
}

type dimBitOf struct {
	id  string
	bit uint64
}

// The bit set of a summary: bit 0 in the trash, one bit per known kind, one
// for a kind not known, one for a dimension without a bit of its own, one
// for a dimension named twice, then one per dimension.
const (
	bitTrash     = 1 << 0
	bitKind0     = 1 << 1 // then one per AllKinds, in order
	bitOtherKind = bitKind0 << 7
	bitOtherDim  = bitOtherKind << 1
	bitDupDim    = bitOtherDim << 1 // a dimension named twice (Counts counts both)
	firstDimBit  = 11
	dimBits      = math.MaxUint64 << firstDimBit & math.MaxUint64
	maxDimBits   = 64 - firstDimBit
)

func init() {
	if len(AllKinds) > 7 {
		panic("journal: Index needs a bit for every kind")
	}
}

// kindBit is the bit of a kind; bitOtherKind for one not in AllKinds.
func kindBit(k Kind) uint64 {
	for i, known := range AllKinds {
		if k == known {
			return bitKind0 << i
		}
	}
	return bitOtherKind
}

// dimensionBit is the dimension's bit, given one if there is room; 0 when
// it has none.
func (ix *Index) dimensionBit(id string, give bool) uint64 {
	// The store shares one copy of each dimension id among its summaries,
	// so the same memory is the same id: a few comparisons spare a map
	// look-up for each of 100,000 summaries.
	for _, r := range ix.recent {
		if unsafe.StringData(r.id) == unsafe.StringData(id) && len(r.id) == len(id) {
			return r.bit
		}
	}
	if b, ok := ix.dimBit[id]; ok {
		if len(ix.recent) < 16 {
			ix.recent = append(ix.recent, dimBitOf{id, b})
		}
		return b
	}
	if !give || len(ix.dimBit) >= maxDimBits {
		return 0
	}
	if ix.dimBit == nil {
		ix.dimBit = map[string]uint64{}
	}
	b := uint64(1) << (firstDimBit + len(ix.dimBit))
	ix.dimBit[id] = b
	return b
}

func (ix *Index) bitsOf(s *Summary) uint64 {
	b := kindBit(s.Kind)
	if s.InTrash() {
		b |= bitTrash
	}
	for i, d := range s.Dimensions {
		db := ix.dimensionBit(d, true)
		switch {
		case db == 0:
			b |= bitOtherDim
			if slices.Contains(s.Dimensions[:i], d) {
				b |= bitDupDim
			}
		case b&db != 0:
			b |= bitDupDim
		}
		b |= db
	}
	return b
}

// NewIndex builds an index from summaries in any order.
func NewIndex(summaries []Summary) *Index { return NewIndexOf(summaries) }

// NewIndexOf builds an index from summaries in any order, given in any
// number of slices (as a store decoding on several cores has them), without
// first putting them in one.
func NewIndexOf(parts ...[]Summary) *Index {
	// Sort small keys rather than the summaries themselves (each key made,
	// with its bits, in one pass over the summaries as they lie in memory),
	// then place each summary once, on every core for a large index.
	type key struct {
		sec     int64
		bits    uint64
		nsec    int32
		part, i int32
	}
	ix := &Index{}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	keys := make([]key, 0, n)
	for pi, p := range parts {
		for i := range p {
			s := &p[i]
			keys = append(keys, key{s.When.Unix(), ix.bitsOf(s), int32(s.When.Nanosecond()), int32(pi), int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.sec != b.sec:
			return cmp.Compare(b.sec, a.sec)
		case a.nsec != b.nsec:
			return cmp.Compare(b.nsec, a.nsec)
		}
		return strings.Compare(parts[a.part][a.i].ID, parts[b.part][b.i].ID)
	})
	ix.items, ix.bits = make([]Summary, n), make([]uint64, n)
	place := func(lo, hi int) {
		for j := lo; j < hi; j++ {
			k := &keys[j]
			ix.items[j], ix.bits[j] = parts[k.part][k.i], k.bits
		}
	}
	workers := min(runtime.GOMAXPROCS(0), n/16384+1)
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			place(w*n/workers, (w+1)*n/workers)
		}()
	}
	place(0, n/workers)
	wg.Wait()
	return ix
}

// compareSummaries orders newest first, then by id.
func compareSummaries(a, b Summary) int { return compareAt(&a, b.When, b.ID) }

// compareAt compares a with the summary at when with id, in index order.
func compareAt(a *Summary, when time.Time, id string) int {
	if c := when.Compare(a.When); c != 0 {
		return c
	}
	return strings.Compare(a.ID, id)
}

// position is where the summary at when with id sits, or would sit.
func (ix *Index) position(when time.Time, id string) int {
	return sort.Search(len(ix.items), func(i int) bool { return compareAt(&ix.items[i], when, id) >= 0 })
}

// ids makes the map from id to time, if not yet made.
func (ix *Index) ids() map[string]time.Time {
	if ix.byID == nil {
		ix.byID = make(map[string]time.Time, len(ix.items))
		for i := range ix.items {
			ix.byID[ix.items[i].ID] = ix.items[i].When
		}
	}
	return ix.byID
}

// find is the place of the summary with the id; false when absent.
func (ix *Index) find(id string) (int, bool) {
	when, ok := ix.ids()[id]
	if !ok {
		return 0, false
	}
	i := ix.position(when, id)
	return i, i < len(ix.items) && ix.items[i].ID == id
}

// Len is how many summaries the index holds, trash included.
func (ix *Index) Len() int { return len(ix.items) }

// Put adds a summary or replaces the one with the same id.
func (ix *Index) Put(s Summary) {
	ix.Remove(s.ID)
	i := ix.position(s.When, s.ID)
	ix.items = slices.Insert(ix.items, i, s)
	ix.bits = slices.Insert(ix.bits, i, ix.bitsOf(&s))
	ix.ids()[s.ID] = s.When
}

// PutMany adds or replaces many summaries at once, as an import does: the
// new ones are sorted and merged in, in one pass, rather than the whole
// index shifted for each.
func (ix *Index) PutMany(sums []Summary) {
	if len(sums) < 64 {
		for _, s := range sums {
			ix.Put(s)
		}
		return
	}
	// The last of each id wins, as a Put of each in turn would give.
	byID := ix.ids()
	incoming := make(map[string]int, len(sums))
	for i, s := range sums {
		incoming[s.ID] = i
	}
	fresh := make([]Summary, 0, len(incoming))
	for i, s := range sums {
		if incoming[s.ID] == i {
			fresh = append(fresh, s)
		}
	}
	slices.SortFunc(fresh, compareSummaries)
	n := 0
	for i := range ix.items {
		if _, replaced := incoming[ix.items[i].ID]; !replaced {
			ix.items[n], ix.bits[n] = ix.items[i], ix.bits[i]
			n++
		}
	}
	old := ix.items[:n]
	items := make([]Summary, 0, n+len(fresh))
	bits := make([]uint64, 0, n+len(fresh))
	oldBits := ix.bits[:n]
	i, j := 0, 0
	for i < len(old) || j < len(fresh) {
		if j == len(fresh) || i < len(old) && compareSummaries(old[i], fresh[j]) < 0 {
			items, bits = append(items, old[i]), append(bits, oldBits[i])
			i++
			continue
		}
		items, bits = append(items, fresh[j]), append(bits, ix.bitsOf(&fresh[j]))
		byID[fresh[j].ID] = fresh[j].When
		j++
	}
	ix.items, ix.bits = items, bits
}

// Remove drops the summary with the id, if present.
func (ix *Index) Remove(id string) {
	if i, ok := ix.find(id); ok {
		ix.items = slices.Delete(ix.items, i, i+1)
		ix.bits = slices.Delete(ix.bits, i, i+1)
	}
	delete(ix.ids(), id)
}

// RemoveMany drops the summaries with the ids in one pass.
func (ix *Index) RemoveMany(ids []string) {
	gone := make(map[string]bool, len(ids))
	byID := ix.ids()
	for _, id := range ids {
		gone[id] = true
		delete(byID, id)
	}
	n := 0
	for i := range ix.items {
		if !gone[ix.items[i].ID] {
			ix.items[n], ix.bits[n] = ix.items[i], ix.bits[i]
			n++
		}
	}
	clear(ix.items[n:])
	ix.items, ix.bits = ix.items[:n], ix.bits[:n]
}

// Get returns the summary with the id.
func (ix *Index) Get(id string) (Summary, bool) {
	i, ok := ix.find(id)
	if !ok {
		return Summary{}, false
	}
	return ix.items[i].clone(), true
}

// All returns every summary, newest first, trash included.
func (ix *Index) All() []Summary {
	out := make([]Summary, len(ix.items))
	for i := range ix.items {
		out[i] = ix.items[i].clone()
	}
	return out
}

// filter is a query made ready for the walk: the range of places its dates
// allow, the bits every summary it selects has, and whether Query.matches
// must still be asked.
type filter struct {
	q        Query
	lo, hi   int
	trash    uint64 // bitTrash or 0: what the trash bit must be
	kinds    uint64 // any of these; 0 means any kind
	dim      uint64 // this one; 0 means any dimension
	none     bool   // nothing can match
	slowPath bool   // ask q.matches of every summary that passes the bits
}

func (ix *Index) filter(q Query) filter {
	f := filter{q: q, hi: len(ix.items)}
	// Newest first: To (exclusive) bounds the start, From (inclusive) the end.
	if !q.To.IsZero() {
		f.lo = sort.Search(len(ix.items), func(i int) bool { return ix.items[i].When.Before(q.To) })
	}
	if !q.From.IsZero() {
		f.hi = sort.Search(len(ix.items), func(i int) bool { return ix.items[i].When.Before(q.From) })
	}
	if q.Trash {
		f.trash = bitTrash
	}
	for _, k := range q.Kinds {
		b := kindBit(k)
		if b == bitOtherKind {
			f.slowPath = true
		}
		f.kinds |= b
	}
	if q.Dimension != "" {
		f.dim = ix.dimensionBit(q.Dimension, false)
		if f.dim == 0 {
			// No bit: a dimension nobody has (nothing matches), unless some
			// summaries have dimensions beyond the bits.
			if len(ix.dimBit) < maxDimBits {
				f.none = true
			}
			f.dim, f.slowPath = bitOtherDim, true
		}
	}
	if q.Session != "" || len(q.Tags) > 0 || len(q.Statuses) > 0 {
		f.slowPath = true
	}
	return f
}

// List returns one page of the summaries the query selects, newest first.
func (ix *Index) List(q Query) Page {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var page Page
	f := ix.filter(q)
	if f.none {
		return page
	}
	// Counting is the long part: only the bits are read until the page's
	// place is reached, and summaries are copied only for the page.
	for i := f.lo; i < f.hi; i++ {
		b := ix.bits[i]
		if b&bitTrash != f.trash || f.kinds != 0 && b&f.kinds == 0 || f.dim != 0 && b&f.dim == 0 {
			continue
		}
		if f.slowPath && !q.matches(&ix.items[i]) {
			continue
		}
		if page.Total >= q.Offset && len(page.Summaries) < limit {
			page.Summaries = append(page.Summaries, ix.items[i].clone())
		}
		page.Total++
	}
	return page
}

// IDs returns the ids of every summary the query selects, ignoring paging.
func (ix *Index) IDs(q Query) []string {
	var ids []string
	f := ix.filter(q)
	if f.none {
		return nil
	}
	for i := f.lo; i < f.hi; i++ {
		b := ix.bits[i]
		if b&bitTrash != f.trash || f.kinds != 0 && b&f.kinds == 0 || f.dim != 0 && b&f.dim == 0 {
			continue
		}
		if f.slowPath && !q.matches(&ix.items[i]) {
			continue
		}
		ids = append(ids, ix.items[i].ID)
	}
	return ids
}

// Counts tallies the entries outside the trash by dimension and kind. It
// reads the bits kept beside each summary, not the summaries, except a
// goal's status and what has no bit of its own.
func (ix *Index) Counts() Counts {
	c := Counts{ByDimension: map[string]int{}, ByKind: map[Kind]int{}, GoalsByStatus: map[GoalStatus]int{}}
	var perBit [64]int
	goal := kindBit(KindGoal)
	for i, b := range ix.bits {
		if b&bitTrash != 0 {
			c.Trash++
			continue
		}
		if c.All == 0 {
			c.Latest = ix.items[i].When // newest first: the first is the latest
		}
		c.All++
		rest := b &^ (bitOtherKind | bitOtherDim | bitDupDim)
		if b&bitDupDim != 0 {
			rest &^= dimBits // counted one by one below
		}
		for ; rest != 0; rest &= rest - 1 {
			perBit[bits.TrailingZeros64(rest)]++
		}
		if b&(goal|bitOtherKind|bitOtherDim|bitDupDim) == 0 {
			continue
		}
		s := &ix.items[i]
		if b&goal != 0 {
			c.GoalsByStatus[s.Status]++
		}
		if b&bitOtherKind != 0 {
			c.ByKind[s.Kind]++
		}
		if b&(bitOtherDim|bitDupDim) != 0 {
			for _, d := range s.Dimensions {
				if b&bitDupDim != 0 || ix.dimensionBit(d, false) == 0 {
					c.ByDimension[d]++
				}
			}
		}
	}
	for i, k := range AllKinds {
		if n := perBit[bits.TrailingZeros64(bitKind0<<i)]; n > 0 {
			c.ByKind[k] += n
		}
	}
	for id, b := range ix.dimBit {
		if n := perBit[bits.TrailingZeros64(b)]; n > 0 {
			c.ByDimension[id] += n
		}
	}
	return c
}

// Trends gathers each dimension's check-in ratings, oldest first: what
// Series gives, read from the oldest check-in to the newest, with no sort.
func (ix *Index) Trends() map[string][]Point {
	out := map[string][]Point{}
	want := kindBit(KindCheckIn)
	for i := len(ix.items) - 1; i >= 0; {
		// Summaries at the same moment stay in the index's order, as
		// Series' stable sort keeps them.
		j := i
		for j > 0 && ix.items[j-1].When.Equal(ix.items[i].When) {
			j--
		}
		for k := j; k <= i; k++ {
			if ix.bits[k]&(want|bitTrash) != want {
				continue
			}
			s := &ix.items[k]
			// A check-in's ratings are mostly for its own dimensions: look
			// them up rather than walk the map (walking a map costs more).
			found := 0
			if ix.bits[k]&bitDupDim == 0 {
				for _, d := range s.Dimensions {
					if v, ok := s.Ratings[d]; ok {
						out[d] = append(out[d], Point{When: s.When, Value: v})
						found++
					}
				}
			}
			if found != len(s.Ratings) {
				for dim, v := range s.Ratings {
					if found == 0 || !s.HasDimension(dim) {
						out[dim] = append(out[dim], Point{When: s.When, Value: v})
					}
				}
			}
		}
		i = j - 1
	}
	return out
}

// OnThisDay picks earlier entries written on today's day of the month.
func (ix *Index) OnThisDay(today time.Time) []Summary {
	found := OnThisDay(ix.items, today)
	for i := range found {
		found[i] = found[i].clone()
	}
	return found
}

func (s Summary) clone() Summary {
	s.Dimensions = slices.Clone(s.Dimensions)
	s.Tags = slices.Clone(s.Tags)
	s.Ratings = maps.Clone(s.Ratings)
	return s
}
