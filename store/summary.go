package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// Summaries are the one kind of record not kept as JSON. Every one of them
// is read at each open, and decoding 100,000 JSON summaries took about half
// a second; this compact binary form takes a tenth of that. It is
//
//	summaryFormat (1 byte) | fields (uvarint bit set) | kind | when | title
//	| dimensions? | status? | trashed? | revisit? | steps done, total?
//	| ratings? | tags? | author? | session?
//
// where a string is a uvarint length and its bytes, a list a uvarint count
// and its items, a rating a dimension id and a zigzag varint, and a time a
// zigzag varint of Unix seconds, a uvarint of nanoseconds and a zigzag
// varint of the zone's offset in seconds (zero read back as UTC, like
// RFC 3339's "Z"). A field marked "?" is there when its bit is set. The
// format byte is never '{', so summaries written as JSON by earlier versions
// still read (the migration to schema 2 rewrites them).
//
// A later change to the layout takes a new format byte.

// summaryFormat starts every binary summary.
const summaryFormat byte = 0xB1

// Bits of the fields set.
const (
	sumDims = 1 << iota
	sumStatus
	sumTrashed
	sumRevisit
	sumSteps
	sumRatings
	sumTags
	sumAuthor
	sumSession
	sumKnown = sumSession<<1 - 1
)

// encodeSummary lays a summary out in the binary form; its id is the key.
func encodeSummary(s journal.Summary) []byte {
	b := make([]byte, 0, 48+len(s.Title)+len(s.Session)+16*len(s.Dimensions))
	var fields uint64
	if len(s.Dimensions) > 0 {
		fields |= sumDims
	}
	if s.Status != "" {
		fields |= sumStatus
	}
	if !s.Trashed.IsZero() {
		fields |= sumTrashed
	}
	if !s.Revisit.IsZero() {
		fields |= sumRevisit
	}
	if s.StepsDone != 0 || s.StepsTotal != 0 {
		fields |= sumSteps
	}
	if len(s.Ratings) > 0 {
		fields |= sumRatings
	}
	if len(s.Tags) > 0 {
		fields |= sumTags
	}
	if s.Author != "" {
		fields |= sumAuthor
	}
	if s.Session != "" {
		fields |= sumSession
	}
	b = append(b, summaryFormat)
	b = binary.AppendUvarint(b, fields)
	b = appendString(b, string(s.Kind))
	b = appendTime(b, s.When)
	b = appendString(b, s.Title)
	if fields&sumDims != 0 {
		b = appendStrings(b, s.Dimensions)
	}
	if fields&sumStatus != 0 {
		b = appendString(b, string(s.Status))
	}
	if fields&sumTrashed != 0 {
		b = appendTime(b, s.Trashed)
	}
	if fields&sumRevisit != 0 {
		b = appendTime(b, s.Revisit)
	}
	if fields&sumSteps != 0 {
		b = binary.AppendVarint(b, int64(s.StepsDone))
		b = binary.AppendVarint(b, int64(s.StepsTotal))
	}
	if fields&sumRatings != 0 {
		b = binary.AppendUvarint(b, uint64(len(s.Ratings)))
		for _, d := range slices.Sorted(maps.Keys(s.Ratings)) { // the same summary, the same bytes
			b = appendString(b, d)
			b = binary.AppendVarint(b, int64(s.Ratings[d]))
		}
	}
	if fields&sumTags != 0 {
		b = appendStrings(b, s.Tags)
	}
	if fields&sumAuthor != 0 {
		b = appendString(b, string(s.Author))
	}
	if fields&sumSession != 0 {
		b = appendString(b, s.Session)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

func appendTime(b []byte, t time.Time) []byte {
	_, off := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(off))
}

// putSummary seals and stores a summary in the binary form.
func putSummary(tx *bolt.Tx, sl sealer, key []byte, s journal.Summary) error {
	b := tx.Bucket(bucketSummaries)
	if b == nil {
		return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketSummaries)
	}
	sealed, err := sl.seal(bucketSummaries, key, encodeSummary(s))
	if err != nil {
		return err
	}
	return b.Put(key, sealed)
}

// errBadSummary is a binary summary that can't be read.
var errBadSummary = errors.New("bad summary")

// summaryDecoder decodes summaries, sharing one copy of each repeated
// string (kinds, statuses, dimension ids, tags, sessions) and keeping ids
// and titles in one block of memory, so 100,000 summaries cost a handful of
// allocations rather than several each.
type summaryDecoder struct {
	in      map[string]string
	zones   map[int]*time.Location
	text    []byte // ids and titles, made one string by finish
	lists   []string
	scratch []byte // an opened sealed value
	// fix records where each summary's id, title and lists lie in text and
	// lists, until finish.
	fix []summaryFix
}

type summaryFix struct {
	s              *journal.Summary
	idOff, idLen   int32
	titleOff, tLen int32
	dimOff, dimLen int32
	tagOff, tagLen int32
}

func newSummaryDecoder() *summaryDecoder {
	return &summaryDecoder{in: map[string]string{}, zones: map[int]*time.Location{}}
}

func (d *summaryDecoder) intern(b []byte) string {
	if v, ok := d.in[string(b)]; ok { // no allocation for the lookup
		return v
	}
	v := string(b)
	d.in[v] = v
	return v
}

// decode opens a sealed summary and decodes it into s; s's id, title,
// dimensions and tags are only set by finish.
func (d *summaryDecoder) decode(sl sealer, key, sealed []byte, s *journal.Summary) error {
	plain, err := d.open(sl, key, sealed)
	if err != nil {
		return err
	}
	fix := summaryFix{s: s, idOff: int32(len(d.text)), idLen: int32(len(key))}
	d.text = append(d.text, key...)
	if len(plain) > 0 && plain[0] == summaryFormat {
		if err := d.binary(plain[1:], s, &fix); err != nil {
			return fmt.Errorf("%w: the record %s/%s can't be read", journal.ErrDamaged, bucketSummaries, key)
		}
	} else {
		if err := d.json(plain, key, s, &fix); err != nil {
			return err
		}
	}
	d.fix = append(d.fix, fix)
	return nil
}

// json decodes a summary written as JSON by an earlier version.
func (d *summaryDecoder) json(plain, key []byte, s *journal.Summary, fix *summaryFix) error {
	var rec summaryRecord
	if err := json.Unmarshal(plain, &rec); err != nil {
		return fmt.Errorf("%w: the record %s/%s can't be read", journal.ErrDamaged, bucketSummaries, key)
	}
	if err := checkVersion(&rec, bucketSummaries, key); err != nil {
		return err
	}
	*s = rec.Summary
	s.Kind = journal.Kind(d.internString(string(s.Kind)))
	s.Status = journal.GoalStatus(d.internString(string(s.Status)))
	s.Author = journal.Author(d.internString(string(s.Author)))
	s.Session = d.internString(s.Session)
	fix.titleOff, fix.tLen = int32(len(d.text)), int32(len(s.Title))
	d.text = append(d.text, s.Title...)
	fix.dimOff, fix.dimLen = d.addList(s.Dimensions, nil)
	fix.tagOff, fix.tagLen = d.addList(s.Tags, nil)
	if len(s.Ratings) > 0 {
		r := make(map[string]int, len(s.Ratings))
		for k, v := range s.Ratings {
			r[d.internString(k)] = v
		}
		s.Ratings = r
	}
	return nil
}

func (d *summaryDecoder) internString(s string) string {
	if v, ok := d.in[s]; ok {
		return v
	}
	d.in[s] = s
	return s
}

func (d *summaryDecoder) addList(ss []string, raw [][]byte) (off, n int32) {
	off = int32(len(d.lists))
	for _, s := range ss {
		d.lists = append(d.lists, d.internString(s))
	}
	for _, b := range raw {
		d.lists = append(d.lists, d.intern(b))
	}
	return off, int32(len(d.lists)) - off
}

// reader walks a binary summary; any overrun sets bad.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.bad || n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (d *summaryDecoder) time(r *reader) time.Time {
	sec, nsec, off := r.varint(), r.uvarint(), r.varint()
	if r.bad || nsec >= 1e9 || off < -24*3600 || off > 24*3600 {
		r.bad = true
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if off == 0 {
		return t.UTC()
	}
	// As time.Parse does for RFC 3339: the local zone when it has this
	// offset at that moment, else a fixed zone.
	if _, local := t.Zone(); local == int(off) {
		return t
	}
	loc, ok := d.zones[int(off)]
	if !ok {
		loc = time.FixedZone("", int(off))
		d.zones[int(off)] = loc
	}
	return t.In(loc)
}

func (d *summaryDecoder) binary(b []byte, s *journal.Summary, fix *summaryFix) error {
	r := &reader{b: b}
	fields := r.uvarint()
	if fields&^sumKnown != 0 {
		return errBadSummary
	}
	*s = journal.Summary{}
	s.Kind = journal.Kind(d.intern(r.bytes()))
	s.When = d.time(r)
	title := r.bytes()
	fix.titleOff, fix.tLen = int32(len(d.text)), int32(len(title))
	d.text = append(d.text, title...)
	if fields&sumDims != 0 {
		fix.dimOff, fix.dimLen = d.list(r)
	}
	if fields&sumStatus != 0 {
		s.Status = journal.GoalStatus(d.intern(r.bytes()))
	}
	if fields&sumTrashed != 0 {
		s.Trashed = d.time(r)
	}
	if fields&sumRevisit != 0 {
		s.Revisit = d.time(r)
	}
	if fields&sumSteps != 0 {
		s.StepsDone, s.StepsTotal = int(r.varint()), int(r.varint())
	}
	if fields&sumRatings != 0 {
		n := r.uvarint()
		if n > uint64(len(r.b)) {
			return errBadSummary
		}
		s.Ratings = make(map[string]int, n)
		for range n {
			k := d.intern(r.bytes())
			s.Ratings[k] = int(r.varint())
		}
	}
	if fields&sumTags != 0 {
		fix.tagOff, fix.tagLen = d.list(r)
	}
	if fields&sumAuthor != 0 {
		s.Author = journal.Author(d.intern(r.bytes()))
	}
	if fields&sumSession != 0 {
		s.Session = d.intern(r.bytes())
	}
	if r.bad || len(r.b) != 0 {
		return errBadSummary
	}
	return nil
}

func (d *summaryDecoder) list(r *reader) (off, n int32) {
	count := r.uvarint()
	if count > uint64(len(r.b)) {
		r.bad = true
		return 0, 0
	}
	off = int32(len(d.lists))
	for range count {
		d.lists = append(d.lists, d.intern(r.bytes()))
	}
	return off, int32(len(d.lists)) - off
}

// finish sets every decoded summary's id, title, dimensions and tags, all
// sharing the decoder's two blocks of memory.
func (d *summaryDecoder) finish() {
	var text string
	if len(d.text) > 0 {
		// d.text is never written again: the string may share its bytes.
		text = unsafe.String(unsafe.SliceData(d.text), len(d.text))
	}
	for _, f := range d.fix {
		f.s.ID = text[f.idOff : f.idOff+f.idLen]
		f.s.Title = text[f.titleOff : f.titleOff+f.tLen]
		if f.dimLen > 0 {
			f.s.Dimensions = d.lists[f.dimOff : f.dimOff+f.dimLen : f.dimOff+f.dimLen]
		}
		if f.tagLen > 0 {
			f.s.Tags = d.lists[f.tagOff : f.tagOff+f.tagLen : f.tagOff+f.tagLen]
		}
	}
	clear(d.scratch[:cap(d.scratch)]) // the last summary opened, in plain
	d.text, d.lists, d.fix, d.scratch = nil, nil, nil, nil
}

// decodeSummary decodes one stored summary (binary or JSON), for check.
func decodeSummary(sl sealer, key, sealed []byte) (journal.Summary, error) {
	var s journal.Summary
	d := newSummaryDecoder()
	if err := d.decode(sl, key, sealed, &s); err != nil {
		return s, err
	}
	d.finish()
	return s, nil
}

// open opens a sealed summary, into the decoder's scratch memory when the
// sealer can (the encrypting one), saving an allocation per value.
func (d *summaryDecoder) open(sl sealer, key, sealed []byte) ([]byte, error) {
	cs, ok := sl.(*cryptSealer)
	if !ok {
		return sl.open(bucketSummaries, key, sealed)
	}
	plain, used, err := cs.openTo(d.scratch, bucketSummaries, key, sealed)
	d.scratch = used
	return plain, err
}

// forEachSummary walks the summaries' bucket; tests replace it.
var forEachSummary = (*bolt.Bucket).ForEach

// summaryBatch is how many summaries a decoding goroutine takes at a time.
const summaryBatch = 2048

// loadSummaries reads and decodes every summary in the bucket on all cores:
// this goroutine walks the bucket and hands out batches of keys and values,
// which other goroutines decode, each with its own decoder, into a slice
// per batch. Values are read inside the caller's transaction, which stays
// open until this returns.
func loadSummaries(b *bolt.Bucket, sl sealer) ([][]journal.Summary, error) {
	type kv struct{ k, v []byte }
	type batch struct {
		kvs  []kv
		into []journal.Summary
	}
	workers := runtime.GOMAXPROCS(0)
	batches := make(chan batch, 2*workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	started := 0
	start := func() {
		w := started
		started++
		wg.Add(1)
		go func() {
			defer wg.Done()
			// As read does for its own goroutine: a fault reading the
			// file, or a panic, is damage, never a crash.
			defer func() {
				if r := recover(); r != nil {
					errs[w] = fmt.Errorf("%w (%s)", journal.ErrDamaged, short(r))
					for range batches { // let the walk finish
					}
				}
			}()
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			d := newSummaryDecoder()
			for bt := range batches {
				if errs[w] != nil {
					continue
				}
				if d.text == nil {
					// Room for the ids and titles of many batches, so the
					// block is rarely made again: a plain value bounds its
					// title; a sealed one is padded, so guess.
					size := 0
					for _, x := range bt.kvs {
						size += len(x.k) + min(len(x.v), 64)
					}
					d.text = make([]byte, 0, 16*size)
					d.fix = make([]summaryFix, 0, 16*len(bt.kvs))
					d.lists = make([]string, 0, 32*len(bt.kvs))
				}
				for i, x := range bt.kvs {
					if err := d.decode(sl, x.k, x.v, &bt.into[i]); err != nil {
						errs[w] = err
						break
					}
				}
			}
			d.finish()
		}()
	}
	closed := false
	defer func() {
		if !closed {
			// The walk panicked (damage): let the decoders end, and wait
			// for them, as the values they hold lie in the transaction's
			// memory map, which goes when the panic ends the transaction.
			close(batches)
			wg.Wait()
		}
	}()
	var parts [][]journal.Summary
	cur := make([]kv, 0, summaryBatch)
	send := func() {
		if started < workers {
			start() // one decoder a batch, up to one a core
		}
		part := make([]journal.Summary, len(cur))
		parts = append(parts, part)
		batches <- batch{cur, part}
		cur = make([]kv, 0, summaryBatch)
	}
	sent := 0
	err := forEachSummary(b, func(k, v []byte) error {
		cur = append(cur, kv{k, v})
		if len(cur) == summaryBatch {
			send()
			if sent++; sent%16 == 0 {
				// Keep the file's pages read so far from piling up in
				// resident memory (resident_linux.go).
				releasePages(b.Tx())
			}
		}
		return nil
	})
	if len(cur) > 0 {
		send()
	}
	close(batches)
	closed = true
	wg.Wait()
	if err := errors.Join(append([]error{err}, errs...)...); err != nil {
		return nil, err
	}
	return parts, nil
}
