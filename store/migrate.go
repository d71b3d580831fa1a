package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// baseVersion is the schema a new file is laid out in before migrations run.
const baseVersion = 1

// A migration brings a file from version-1 to version. It gets the sealer
// so it can read and rewrite sealed records.
type migration struct {
	version int
	apply   func(tx *bolt.Tx, sl sealer) error
}

// migrations are applied in order, all in one transaction, after a backup.
// A new file is laid out at baseVersion and then brought through them too,
// so old and new files end in the same shape. Versions must increase.
// It is a variable so tests can add a migration.
var migrations = []migration{
	{version: 2, apply: binarySummaries},
}

// binarySummaries (schema 2) rewrites every summary written as JSON in the
// compact binary form (summary.go), so the journal opens quickly. Summaries
// of schema 1 held no tags, author or session, which the index now filters
// on: each summary is made again from its entry, as a write would make it.
// A summary whose entry is missing or can't be read is kept as it was (Check
// reports it).
func binarySummaries(tx *bolt.Tx, sl sealer) error {
	b := tx.Bucket(bucketSummaries)
	if b == nil {
		return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketSummaries)
	}
	entries := tx.Bucket(bucketEntries)
	if entries == nil {
		return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketEntries)
	}
	type kept struct {
		key []byte
		sum journal.Summary
	}
	var all []kept
	// Read first, write after: never change a bucket while walking it.
	if err := b.ForEach(func(k, v []byte) error {
		sum, err := decodeSummary(sl, k, v)
		if err != nil {
			return err
		}
		if ev := entries.Get(k); ev != nil {
			var rec entryRecord
			if decode(sl, bucketEntries, k, ev, &rec) == nil {
				rec.Entry.ID = sum.ID
				sum = rec.Entry.Summary()
			}
		}
		all = append(all, kept{append([]byte(nil), k...), sum})
		return nil
	}); err != nil {
		return err
	}
	for _, k := range all {
		if err := putSummary(tx, sl, k.key, k.sum); err != nil {
			return err
		}
	}
	return nil
}

// currentVersion is the schema this program writes.
func currentVersion() int {
	v := baseVersion
	for _, m := range migrations {
		v = max(v, m.version)
	}
	return v
}

// migrate applies every migration above from, recording each new version,
// inside the caller's transaction.
func migrate(tx *bolt.Tx, sl sealer, from int) error {
	last := from
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		if m.version <= last {
			return fmt.Errorf("migration to version %d is out of order", m.version)
		}
		if err := m.apply(tx, sl); err != nil {
			return fmt.Errorf("upgrade to version %d: %w", m.version, err)
		}
		last = m.version
	}
	if last == from {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketMeta)
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(last)))
}

// upgrade backs the file up, then applies the migrations above from in one
// transaction. Without a backup nothing is changed.
func (s *Store) upgrade(from int) error {
	name := fmt.Sprintf("upgrade-v%d-%s.db", from, s.clock().Local().Format("20060102-150405"))
	if err := s.backupInto(s.BackupDir(), name); err != nil {
		return fmt.Errorf("back up before upgrading: %w", err)
	}
	return s.update("upgrade the journal", func(tx *bolt.Tx) error {
		return migrate(tx, s.seal, from)
	})
}
