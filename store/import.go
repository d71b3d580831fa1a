package store

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// ImportResult says what an import did.
type ImportResult struct{ Added, Updated, Unchanged int }

// importProgressEvery is how many entries pass between calls to an import's
// progress function.
const importProgressEvery = 1000

// idSaltLen is the length of the journal's import salt.
const idSaltLen = 32

// Domain separation for what is derived from the import salt, so an entry's
// key can never be (part of) the exchange key.
const (
	saltDomainEntry    = "waymark entry id\x00"
	saltDomainExchange = "waymark exchange id key\x00"
)

// importedSuffix is added to the name of an imported life area whose name is
// already taken by another one.
const importedSuffix = " (imported)"

// Import merges entries (and, from a Waymark export, dimensions) into the
// journal in one transaction: if anything fails, nothing is changed, on disk
// or in memory.
//
// Every entry goes through journal.Prepare first; one it refuses fails the
// whole import with an error naming its position ("entry 3: ..."), so
// callers leave out what they can't use before calling.
//
// Keys: an id that is already one of the journal's own (26 lowercase base32
// characters, as a Waymark export holds) is kept, so an export merges back
// into the journal it came from. Any other id is turned into one of ours with
// HMAC-SHA256 under a salt made once per journal and kept sealed in it, so a
// key never shows what it came from and nobody without the journal's key can
// test a guess; the same id always gives the same key in one journal, so
// importing a file twice changes nothing. An entry with no id gets a new
// random one.
//
// An entry whose key is already in the journal is replaced only when its
// Updated is after the stored one's (it keeps the stored Created, When and
// trash state where it has none); otherwise it is left as it is. A new entry
// keeps its When, Created and Updated; a zero Created or Updated is now, a
// zero When is Created.
//
// Each dimension whose id the journal doesn't have is added after the
// existing ones, keeping its id, colour, prompts and archived state; if its
// name is taken, " (imported)" is added to it. A journal not yet begun is
// marked begun; one with no dimensions that imports none gets the default
// starting set.
//
// progress, when not nil, is called with how many entries have been merged
// about every 1,000 entries and once at the end. It is called with the
// journal locked and must not call the store.
func (s *Store) Import(entries []journal.Entry, dims journal.Dimensions, progress func(done, total int)) (ImportResult, error) {
	return s.merge(entries, dims, progress, false)
}

// WouldImport says what Import would do with the same entries and
// dimensions (the same checks, ids and comparisons, and the same error for
// an entry Import would refuse), changing nothing: for --dry-run.
func (s *Store) WouldImport(entries []journal.Entry, dims journal.Dimensions) (ImportResult, error) {
	return s.merge(entries, dims, nil, true)
}

// merge is Import; with dry set it reads only, in a read transaction.
func (s *Store) merge(entries []journal.Entry, dims journal.Dimensions, progress func(done, total int), dry bool) (ImportResult, error) {
	prepared := make([]journal.Entry, len(entries))
	for i, e := range entries {
		p, err := journal.Prepare(e)
		if err != nil {
			return ImportResult{}, fmt.Errorf("entry %d: %w", i+1, err)
		}
		prepared[i] = p
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return ImportResult{}, fmt.Errorf("import: %w", errClosed)
	}

	base := copyDimensions(s.dims)
	begin := !s.begun
	if begin && len(base) == 0 && len(dims) == 0 {
		base = journal.DefaultStartingSet().Dimensions(newID)
	}
	merged, err := mergeDimensions(base, dims)
	if err != nil {
		return ImportResult{}, err
	}
	added := len(merged) != len(base)
	if len(prepared) == 0 && !added {
		return ImportResult{}, nil // nothing to import: the journal is left as it is, even not begun
	}
	saveDims := begin || added

	var res ImportResult
	var changed []journal.Summary
	now := s.clock()
	salt := s.idSalt
	fresh := make(map[int]bool) // entries with no id, given a new random key
	// In a dry run nothing is written, so what the run would have written
	// is kept here: the Updated of each key merged so far.
	var pending map[string]time.Time
	if dry {
		pending = map[string]time.Time{}
	}
	run := s.update
	if dry {
		run = s.view
	}
	err = run("import", func(tx *bolt.Tx) error {
		res, changed = ImportResult{}, changed[:0]
		var err error
		if salt, err = s.loadSalt(tx, !dry); err != nil {
			return err
		}
		if saveDims && !dry {
			if err := put(tx, s.seal, bucketDimensions, keySet, &dimensionsRecord{V: recordVersion, Dimensions: merged}); err != nil {
				return err
			}
			if err := put(tx, s.seal, bucketMeta, keyBegun, &flagRecord{V: recordVersion, On: true}); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
		}
		// In key order: bbolt keeps a transaction's new keys in one sorted
		// slice per page until commit, so keys in random order would shift
		// that slice on every insert (quadratic in a new journal).
		order := make([]int, len(prepared))
		keys := make([]string, len(prepared))
		for i, e := range prepared {
			order[i], keys[i] = i, importKey(salt, e.ID)
			if keys[i] == "" {
				keys[i] = newID()
				fresh[i] = true
			}
		}
		slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
		for n, i := range order {
			if progress != nil && n > 0 && n%importProgressEvery == 0 {
				progress(n, len(prepared))
			}
			e, key := prepared[i], keys[i]
			for fresh[i] && b.Get([]byte(key)) != nil { // 128 random bits; but never overwrite
				key = newID()
			}
			e.ID = key
			if dry {
				updated, seen := pending[key]
				if !seen {
					if v := b.Get([]byte(key)); v != nil {
						var old entryRecord
						if err := decode(s.seal, bucketEntries, []byte(key), v, &old); err != nil {
							return fmt.Errorf("entry %d: %w", i+1, err)
						}
						updated, seen = old.Entry.Updated, true
					}
				}
				switch {
				case !seen:
					res.Added++
					if e.Updated.IsZero() {
						e.Updated = now
					}
				case e.Updated.After(updated):
					res.Updated++
				default:
					res.Unchanged++
					continue
				}
				pending[key] = e.Updated
				continue
			}
			if v := b.Get([]byte(key)); v != nil {
				var old entryRecord
				if err := decode(s.seal, bucketEntries, []byte(key), v, &old); err != nil {
					return fmt.Errorf("entry %d: %w", i+1, err)
				}
				if !e.Updated.After(old.Entry.Updated) {
					res.Unchanged++
					continue
				}
				if e.Created.IsZero() {
					e.Created = old.Entry.Created
				}
				if e.When.IsZero() {
					e.When = old.Entry.When
				}
				if e.Trashed.IsZero() {
					e.Trashed = old.Entry.Trashed // put in the trash here: it stays there
				}
				res.Updated++
			} else {
				if e.Created.IsZero() {
					e.Created = now
				}
				if e.Updated.IsZero() {
					e.Updated = now
				}
				if e.When.IsZero() {
					e.When = e.Created
				}
				res.Added++
			}
			sum := e.Summary()
			if err := s.putEntrySummary(tx, e, sum); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			changed = append(changed, sum)
		}
		if progress != nil {
			progress(len(prepared), len(prepared))
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	if dry {
		return res, nil
	}
	s.idSalt = salt
	if saveDims {
		s.dims, s.begun = merged, true
	}
	s.index.PutMany(lastByID(changed))
	s.rebuildSearch() // search.go: many words changed
	return res, nil
}

// ImportKey returns a key for journal/exchange's ImportOptions.IDKey: the
// ids the importers derive from what they read (a Day One uuid, a jrnl
// entry's date and words) are then keyed by this journal's own secret, so
// they look like any other id in the file and can't be checked against a
// guess. It is derived from the journal's import salt, the same every time
// for one journal, and only ever held in memory; the salt itself is written
// by the first Import.
func (s *Store) ImportKey() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, fmt.Errorf("import: %w", errClosed)
	}
	if s.idSalt == nil {
		var salt []byte
		err := s.view("import", func(tx *bolt.Tx) error {
			var err error
			salt, err = s.loadSalt(tx, false)
			return err
		})
		if err != nil {
			return nil, err
		}
		s.idSalt = salt
	}
	m := hmac.New(sha256.New, s.idSalt)
	m.Write([]byte(saltDomainExchange))
	return m.Sum(nil), nil
}

// loadSalt returns the journal's import salt: the one in memory, else the
// stored one, else a new one (from the time ImportKey made it, if it did),
// which is stored when write is set.
func (s *Store) loadSalt(tx *bolt.Tx, write bool) ([]byte, error) {
	var rec saltRecord
	found, err := get(tx, s.seal, bucketMeta, keyIDSalt, &rec)
	if err != nil {
		return nil, err
	}
	if found {
		if len(rec.Salt) != idSaltLen {
			return nil, fmt.Errorf("%w: the import salt has the wrong length", journal.ErrDamaged)
		}
		return rec.Salt, nil
	}
	salt := s.idSalt
	if salt == nil {
		salt = make([]byte, idSaltLen)
		if _, err := rand.Read(salt); err != nil {
			return nil, err
		}
	}
	if write {
		if err := put(tx, s.seal, bucketMeta, keyIDSalt, &saltRecord{V: recordVersion, Salt: salt}); err != nil {
			return nil, err
		}
	}
	return salt, nil
}

// importKey is the key an imported id is kept under: the id itself when it
// is one of ours, "" when there is none (a new random one is chosen), and
// otherwise HMAC-SHA256 of it under the salt, in the shape of our ids.
func importKey(salt []byte, id string) string {
	switch {
	case id == "":
		return ""
	case isOurID(id):
		return id
	}
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(saltDomainEntry))
	m.Write([]byte(id))
	return idEncoding.EncodeToString(m.Sum(nil)[:16])
}

// isOurID reports whether id has the shape of the ids the store makes.
func isOurID(id string) bool {
	if len(id) != idLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// lastByID keeps, for each id, the last summary given, in a new slice.
func lastByID(sums []journal.Summary) []journal.Summary {
	at := make(map[string]int, len(sums))
	out := make([]journal.Summary, 0, len(sums))
	for _, s := range sums {
		if i, ok := at[s.ID]; ok {
			out[i] = s
			continue
		}
		at[s.ID] = len(out)
		out = append(out, s)
	}
	return out
}

// mergeDimensions adds to base, in their own order and after base's, the
// dimensions of in whose ids base doesn't have, renaming any whose name is
// taken. It returns a new set; base is not changed.
func mergeDimensions(base, in journal.Dimensions) (journal.Dimensions, error) {
	out := copyDimensions(base)
	for i, d := range in.Sorted() {
		if d.ID == "" {
			d.ID = newID()
		}
		if _, ok := out.ByID(d.ID); ok {
			continue
		}
		next, added, err := addImported(out, d.ID, d.Name)
		if err != nil {
			return nil, fmt.Errorf("life area %d: %w", i+1, err)
		}
		if next, err = next.SetPrompt(added.ID, d.Prompt); err == nil {
			next, err = next.SetPrompts(added.ID, d.Prompts)
		}
		if err != nil {
			return nil, fmt.Errorf("life area %d: %w", i+1, err)
		}
		for j := range next { // next is a new slice: changing it leaves out as it was
			if next[j].ID == added.ID {
				if slices.Contains(journal.Palette, d.Colour) {
					next[j].Colour = d.Colour
				}
				next[j].Archived = d.Archived
			}
		}
		out = next
	}
	return out, nil
}

// addImported adds a dimension by journal.Dimensions.Add's rules; when the
// name is taken it tries "NAME (imported)", then "NAME (imported 2)" and so
// on, shortening NAME as needed to stay within the length allowed.
func addImported(ds journal.Dimensions, id, name string) (journal.Dimensions, journal.Dimension, error) {
	out, d, err := ds.Add(id, name)
	var dup journal.DuplicateNameError
	if !errors.As(err, &dup) {
		return out, d, err
	}
	name = strings.Join(strings.Fields(journal.RepairText(name)), " ")
	for n := 1; n < 1000; n++ {
		suffix := importedSuffix
		if n > 1 {
			suffix = fmt.Sprintf(" (imported %d)", n)
		}
		stem := name
		for utf8.RuneCountInString(stem)+utf8.RuneCountInString(suffix) > journal.MaxDimensionName {
			r := []rune(stem)
			stem = strings.TrimSpace(string(r[:len(r)-1]))
		}
		out, d, err = ds.Add(id, stem+suffix)
		if !errors.As(err, &dup) {
			return out, d, err
		}
	}
	return ds, journal.Dimension{}, err
}
