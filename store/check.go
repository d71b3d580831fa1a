package store

import (
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// maxProblems bounds how many problems Check reports in detail.
const maxProblems = 10

// Check runs bbolt's consistency check and decodes every record: each entry
// must have a summary and each summary an entry. Problems are returned in
// one error wrapping journal.ErrDamaged; the error names buckets and ids,
// never anything the person wrote.
func (s *Store) Check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var problems []string
	err := s.view("check the journal", func(tx *bolt.Tx) error {
		// bbolt's Check walks the pages on a goroutine of its own, where a
		// panic on a damaged page could not be recovered. Read every page of
		// every tree here first (checkPages), then walk every bucket under
		// the guard, so a damaged page is met on this goroutine and Check
		// only runs over pages that could be read.
		if err := checkPages(tx, s.file, true).err(); err != nil {
			return err
		}
		if err := walk(tx); err != nil {
			return err
		}
		for err := range tx.Check() {
			problems = append(problems, err.Error())
		}
		problems = append(problems, s.checkRecords(tx)...)
		return nil
	})
	if err != nil {
		if !errors.Is(err, journal.ErrDamaged) && !errors.Is(err, errClosed) {
			err = fmt.Errorf("%w: %v", journal.ErrDamaged, err)
		}
		return err
	}
	if len(problems) == 0 {
		return nil
	}
	shown := problems[:min(len(problems), maxProblems)]
	more := ""
	if len(problems) > len(shown) {
		more = fmt.Sprintf("; and %d more", len(problems)-len(shown))
	}
	return fmt.Errorf("check the journal: %w: %d problem(s): %v%s", journal.ErrDamaged, len(problems), shown, more)
}

// walk visits every key of every bucket, nested ones included.
func walk(tx *bolt.Tx) error {
	var visit func(b *bolt.Bucket) error
	visit = func(b *bolt.Bucket) error {
		if err := b.ForEach(func(_, _ []byte) error { return nil }); err != nil {
			return err
		}
		return b.ForEachBucket(func(k []byte) error { return visit(b.Bucket(k)) })
	}
	return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return visit(b) })
}

// checkRecords decodes every record and checks entries and summaries pair up.
func (s *Store) checkRecords(tx *bolt.Tx) []string {
	var problems []string
	report := func(err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			report(fmt.Errorf("bucket %s is missing", name))
		}
	}
	if len(problems) > 0 {
		return problems
	}

	meta := tx.Bucket(bucketMeta)
	if v, err := strconv.Atoi(string(meta.Get(keySchema))); err != nil || v < 1 {
		report(errors.New("the schema version can't be read"))
	}
	if s.encrypted {
		if _, err := decodeHeader(meta.Get(keyHeader)); err != nil {
			report(errors.New("the key header can't be read"))
		}
	}
	_, err := get(tx, s.seal, bucketMeta, keyBegun, &flagRecord{})
	report(err)
	_, err = get(tx, s.seal, bucketMeta, keyCreated, &timeRecord{})
	report(err)
	_, err = get(tx, s.seal, bucketDimensions, keySet, &dimensionsRecord{})
	report(err)
	_, err = get(tx, s.seal, bucketDraft, keyDraft, &draftRecord{})
	report(err)
	_, err = get(tx, s.seal, bucketMeta, keySettings, &settingsRecord{})
	report(err)
	_, err = get(tx, s.seal, bucketMeta, keyIDSalt, &saltRecord{})
	report(err)

	entries, summaries := tx.Bucket(bucketEntries), tx.Bucket(bucketSummaries)
	report(entries.ForEach(func(k, v []byte) error {
		var rec entryRecord
		report(decode(s.seal, bucketEntries, k, v, &rec))
		if summaries.Get(k) == nil {
			report(fmt.Errorf("entry %s has no summary", k))
		}
		return nil
	}))
	report(summaries.ForEach(func(k, v []byte) error {
		_, err := decodeSummary(s.seal, k, v)
		report(err)
		if entries.Get(k) == nil {
			report(fmt.Errorf("summary %s has no entry", k))
		}
		return nil
	}))
	return problems
}
