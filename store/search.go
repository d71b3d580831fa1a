package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// Full-text search reads no records while it looks. The first search (or
// WarmSearch) reads every entry once, in one read transaction on every core,
// and keeps each entry's words folded (journal.Fold of journal.SearchText) in
// memory: about the size of the words themselves. Every write keeps that
// cache current (createBatch, Update and EmptyTrash put or drop an entry's
// words; Import, which may change many, has it built again); trash and
// restore change no words, and the index decides what is in the trash.
// A search takes the ids the query selects from the index, newest first,
// checks their folded words on every core, and reads only the records of the
// page it returns, for their snippets. Close forgets the cache.

// searchCache is each entry's folded words, by id. It has its own lock, so a
// search scans without holding the store's, and writes wait only for a
// moment.
type searchCache struct {
	mu    sync.RWMutex
	docs  map[string]*searchDoc // by entry id; nil until built
	ready bool
	// gen counts the builds: a doc of one build is never one of the next.
	gen int
	// resolved is the docs of the ids the last search scanned, in its order.
	// Searching again over the same ids (the next keystroke, the next page)
	// reuses it instead of looking up 100,000 ids in the map again: that
	// lookup, not the matching, is most of a search's time.
	resolved struct {
		sync.Mutex
		gen  int
		ids  []string
		docs []*searchDoc
	}
	build *searchBuild // the build running, or nil
	// touched holds the ids written while a build runs: the build read the
	// file before them, so their words in docs are newer than its own.
	touched map[string]bool
}

// searchDoc is one entry's folded words, each kept once (journal.FoldWords).
// Writes change words in place, so a resolved list of docs stays current.
type searchDoc struct{ words string }

// searchBuild is one reading of every entry into the cache.
type searchBuild struct {
	done chan struct{} // closed when the build has ended, either way
	stop atomic.Bool   // set to make the build give up
	err  error         // why it failed; read after done
}

// errSearchStopped ends a build that is no longer wanted.
var errSearchStopped = errors.New("search cache build stopped")

// WarmSearch starts building the search cache in the background, if it is
// not built or being built, so the first search is quick. It returns at once.
func (s *Store) WarmSearch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.startSearchBuild()
	}
}

// startSearchBuild starts a build unless the cache is built or being built.
// The caller holds s.mu, with the store open.
func (s *Store) startSearchBuild() *searchBuild {
	c := &s.search
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ready || c.build != nil {
		return c.build
	}
	b := &searchBuild{done: make(chan struct{})}
	c.build, c.touched = b, map[string]bool{}
	if c.docs == nil {
		c.docs = map[string]*searchDoc{}
	}
	db, seal, damaged := s.db, s.seal, s.damaged
	go s.runSearchBuild(b, db, seal, damaged)
	return b
}

// runSearchBuild reads every entry and, unless stopped meanwhile, makes the
// cache from what it read and the writes made while it read.
func (s *Store) runSearchBuild(b *searchBuild, db *bolt.DB, seal sealer, damaged error) {
	c := &s.search
	built, err := readSearchDocs(db, seal, damaged, &b.stop)
	c.mu.Lock()
	if c.build == b {
		c.build = nil
		if err == nil {
			for id := range c.touched {
				if d, ok := c.docs[id]; ok {
					built[id] = d
				} else {
					delete(built, id)
				}
			}
			c.docs, c.ready = built, true
			c.gen++
			defer debug.FreeOSMemory() // the reading's garbage: keep the resident size down
		} else {
			c.docs = nil // the next search builds again
		}
		c.touched = nil
	} else if err == nil {
		err = errSearchStopped
	}
	b.err = err
	c.mu.Unlock()
	close(b.done)
}

// readSearchDocs reads and folds every entry, split among the cores, in one
// read transaction. bbolt's values stay valid until the transaction ends, so
// the records are decoded where they lie, never copied whole.
func readSearchDocs(db *bolt.DB, seal sealer, damaged error, stop *atomic.Bool) (docs map[string]*searchDoc, err error) {
	const what = "read the journal for search"
	if damaged != nil {
		return nil, fmt.Errorf("%s: %w", what, damaged)
	}
	defer guard(what, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	err = db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketEntries)
		if bk == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
		}
		var keys, vals [][]byte
		if err := bk.ForEach(func(k, v []byte) error {
			keys, vals = append(keys, k), append(vals, v)
			return nil
		}); err != nil {
			return err
		}
		folded := make([]searchDoc, len(keys)) // one allocation for them all
		err := parallel(len(keys), func(_, lo, hi int) (err error) {
			defer guard(what, &err)
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			seen := map[string]struct{}{}
			for i := lo; i < hi; i++ {
				if i%256 == 0 && stop.Load() {
					return errSearchStopped
				}
				if i%8192 == 8191 {
					// Keep resident memory near the cache's own size
					// rather than the file's.
					releasePages(tx)
				}
				var rec entryRecord
				if err := decode(seal, bucketEntries, keys[i], vals[i], &rec); err != nil {
					return err
				}
				folded[i].words = journal.FoldWords(journal.SearchText(rec.Entry), seen)
			}
			return nil
		})
		if err != nil {
			return err
		}
		docs = make(map[string]*searchDoc, len(keys))
		for i, k := range keys {
			docs[string(k)] = &folded[i]
		}
		releasePages(tx)
		return nil
	})
	if err != nil {
		return nil, wrap(what, err)
	}
	return docs, nil
}

// searchChunk is the least work handed to one core at a time.
const searchChunk = 2048

// chunking splits n items into chunks for the cores: at least searchChunk
// to a chunk, and about four chunks a core so one core slowed by long
// entries does not hold up the rest.
func chunking(n int) (size, chunks int) {
	size = max(searchChunk, (n+runtime.GOMAXPROCS(0)*4-1)/(runtime.GOMAXPROCS(0)*4))
	return size, (n + size - 1) / size
}

// parallel calls fn for each chunk of [0, n) (see chunking) on every core,
// handing chunks out in order, and returns the first error.
func parallel(n int, fn func(chunk, lo, hi int) error) error {
	size, chunks := chunking(n)
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		for c := range chunks {
			if err := fn(c, c*size, min(c*size+size, n)); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		next    atomic.Int64
		failed  atomic.Bool
		errOnce sync.Once
		first   error
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for !failed.Load() {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				if err := fn(c, c*size, min(c*size+size, n)); err != nil {
					errOnce.Do(func() { first = err })
					failed.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// putSearch keeps the cache current after entries are written.
func (c *searchCache) put(entries ...journal.Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ready && c.build == nil {
		return // nothing built: the first search reads them
	}
	seen := map[string]struct{}{}
	for _, e := range entries {
		words := journal.FoldWords(journal.SearchText(e), seen)
		if d := c.docs[e.ID]; d != nil {
			d.words = words
		} else {
			c.docs[e.ID] = &searchDoc{words: words}
		}
		if c.build != nil {
			c.touched[e.ID] = true
		}
	}
}

// remove drops entries deleted for good.
func (c *searchCache) remove(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ready && c.build == nil {
		return
	}
	for _, id := range ids {
		if d := c.docs[id]; d != nil {
			d.words = "" // matches nothing, should a resolved list still hold it
		}
		delete(c.docs, id)
		if c.build != nil {
			c.touched[id] = true
		}
	}
}

// forget drops the cache and stops any build, returning it so the caller
// can wait for it to end.
func (c *searchCache) forget() *searchBuild {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.build
	if b != nil {
		b.stop.Store(true)
	}
	c.docs, c.ready, c.build, c.touched = nil, false, nil, nil
	c.gen++
	c.resolved.Lock()
	c.resolved.ids, c.resolved.docs = nil, nil
	c.resolved.Unlock()
	return b
}

// rebuildSearch drops the cache after a write that changed many entries
// (an import) and, if it had been built or was building, builds it again in
// the background. The caller holds s.mu, with the store open.
func (s *Store) rebuildSearch() {
	c := &s.search
	c.mu.RLock()
	was := c.ready || c.build != nil
	c.mu.RUnlock()
	c.forget()
	if was {
		s.startSearchBuild()
	}
}

// closeSearch forgets the cache and waits for any build to give up, so no
// read transaction is left open when the file closes. The caller holds s.mu.
func (s *Store) closeSearch() {
	if b := s.search.forget(); b != nil {
		<-b.done
	}
}

// Search implements journal.Repository. An empty text finds nothing (and
// starts the cache building, so the search that follows is quick).
func (s *Store) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	terms := journal.ParseSearch(text)
	// The cache keeps each word once, not in order: it finds the entries
	// holding every word of every phrase, and phrases are then checked in
	// the entries themselves.
	words, phrases := terms.Words()
	limit := q.Limit
	if limit <= 0 {
		limit = journal.DefaultPageSize
	}
	offset := max(q.Offset, 0)
	q.Offset, q.Limit = 0, 0

	var found []string
	for {
		var ids []string
		s.mu.Lock()
		if s.db == nil {
			s.mu.Unlock()
			return journal.SearchPage{}, fmt.Errorf("search: %w", errClosed)
		}
		b := s.startSearchBuild()
		if b == nil && !terms.Empty() {
			ids = s.index.IDs(q)
		}
		s.mu.Unlock()
		if terms.Empty() {
			return journal.SearchPage{}, nil
		}
		if b != nil {
			select {
			case <-b.done:
			case <-ctx.Done():
				return journal.SearchPage{}, ctx.Err()
			}
			if b.err != nil && !errors.Is(b.err, errSearchStopped) {
				return journal.SearchPage{}, b.err
			}
			continue
		}
		var err error
		if found, err = s.search.scan(ctx, ids, words); err == nil {
			break
		}
		if !errors.Is(err, errSearchNotReady) {
			return journal.SearchPage{}, err
		}
	}
	var page journal.SearchPage
	for _, id := range found {
		if !phrases && (page.Total < offset || len(page.Hits) >= limit) {
			page.Total++ // counted without reading
			continue
		}
		if err := ctx.Err(); err != nil {
			return journal.SearchPage{}, err
		}
		e, err := s.Get(id)
		if errors.Is(err, journal.ErrNotFound) {
			continue // deleted for good since the scan
		}
		if err != nil {
			return journal.SearchPage{}, err
		}
		if phrases && !terms.Match(journal.SearchText(e)) {
			continue
		}
		if page.Total >= offset && len(page.Hits) < limit {
			page.Hits = append(page.Hits, journal.NewHit(e, terms))
		}
		page.Total++
	}
	return page, nil
}

// errSearchNotReady: the cache was dropped (by an import) between waiting
// for it and scanning it; the search waits for the new one.
var errSearchNotReady = errors.New("search cache not ready")

// scan returns the ids, in the order given, whose folded words hold every
// term, checking them on every core. It gives up with ctx's error when ctx
// is done, checked between chunks.
func (c *searchCache) scan(ctx context.Context, ids []string, terms journal.SearchTerms) ([]string, error) {
	docs, err := c.resolve(ctx, ids)
	if err != nil {
		return nil, err
	}
	_, chunks := chunking(len(ids))
	parts := make([][]string, chunks)
	err = parallel(len(ids), func(chunk, lo, hi int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.mu.RLock()
		defer c.mu.RUnlock()
		var hits []string
		for i := lo; i < hi; i++ {
			if d := docs[i]; d != nil && terms.MatchFolded(d.words) {
				hits = append(hits, ids[i])
			}
		}
		parts[chunk] = hits
		return nil
	})
	if err != nil {
		return nil, err
	}
	var found []string
	for _, p := range parts {
		found = append(found, p...)
	}
	return found, ctx.Err()
}

// resolve returns the doc of each id (nil where there is none), reusing the
// last search's when the ids are the same. The ids come from the index,
// which hands out the same strings each time, so comparing them is mostly
// comparing pointers.
func (c *searchCache) resolve(ctx context.Context, ids []string) ([]*searchDoc, error) {
	c.mu.RLock()
	ready, gen := c.ready, c.gen
	c.mu.RUnlock()
	if !ready {
		return nil, errSearchNotReady
	}
	r := &c.resolved
	r.Lock()
	if r.gen == gen && slices.Equal(r.ids, ids) {
		docs := r.docs
		r.Unlock()
		return docs, nil
	}
	r.Unlock()

	docs := make([]*searchDoc, len(ids))
	err := parallel(len(ids), func(_, lo, hi int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.mu.RLock()
		defer c.mu.RUnlock()
		if !c.ready || c.gen != gen {
			return errSearchNotReady
		}
		for i := lo; i < hi; i++ {
			docs[i] = c.docs[ids[i]]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Lock()
	r.gen, r.ids, r.docs = gen, ids, docs
	r.Unlock()
	return docs, nil
}
