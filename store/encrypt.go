package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// ChangePassphrase rewraps the data key under newPass, with a new salt and
// kdf (calibrated when nil), in one transaction. The entries are not
// touched: they stay sealed with the same data key.
//
// So a copy of the journal made before (a backup) still opens with the old
// passphrase, and so may the file itself to someone who can read its unused
// pages, where bbolt leaves the old header until the space is reused. The
// new passphrase keeps people out from now on; it does not take back what
// the old one gave.
func (s *Store) ChangePassphrase(newPass []byte, kdf *KDFParams) error {
	if len(newPass) == 0 {
		return fmt.Errorf("change the passphrase: %w", ErrEmptyPassphrase)
	}
	if !s.Encrypted() {
		return fmt.Errorf("change the passphrase: %w", ErrNotEncrypted)
	}
	p, err := chooseKDF(kdf)
	if err != nil {
		return fmt.Errorf("change the passphrase: %w", err)
	}
	salt, err := newSalt()
	if err != nil {
		return fmt.Errorf("change the passphrase: %w", err)
	}
	// The slow derivation runs before the lock is taken.
	kek := deriveKEK(newPass, salt[:], p)
	defer clear(kek)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return fmt.Errorf("change the passphrase: %w", errClosed)
	}
	cs, ok := s.seal.(*cryptSealer)
	if !ok {
		return fmt.Errorf("change the passphrase: %w", ErrNotEncrypted)
	}
	hdr, err := newHeader(cs.key, p, salt, kek)
	if err != nil {
		return fmt.Errorf("change the passphrase: %w", err)
	}
	return s.update("change the passphrase", func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucketMeta)
		}
		if meta.Get(keyHeader) == nil {
			return fmt.Errorf("%w: the key header is missing", journal.ErrDamaged)
		}
		return meta.Put(keyHeader, hdr)
	})
}

// encryptBatch bounds how many values, and about how many bytes, Encrypt
// writes per transaction.
const (
	encryptBatch      = 1000
	encryptBatchBytes = 8 << 20
)

// upgradeName matches the backups made before an upgrade.
var upgradeName = regexp.MustCompile(`^upgrade-v[0-9]+-[0-9]{8}-[0-9]{6}\.db$`)

// Encrypt turns the plain journal at path (which must not be open) into an
// encrypted one, with opts.Passphrase and opts.KDF (calibrated when nil):
//
//  1. The journal is opened (and kept locked throughout) and backed up into
//     backups/ as before-encrypt-DATE-TIME.db.
//  2. An encrypted copy is written beside it, every value of every bucket
//     resealed, in batches; it is fsync'd.
//  3. The copy is opened with the passphrase, checked record by record, and
//     must hold as many entries as the journal.
//  4. It is renamed over the journal, and the folder fsync'd.
//  5. The plain backups (the one from step 1, every daily backup and every
//     upgrade backup) are removed: a plain copy left behind would defeat the
//     point. A fresh, encrypted daily backup is made.
//
// Until step 4 the journal is unchanged, and if anything fails the copy is
// removed. The old file's blocks are freed, not overwritten: on the disk
// they may stay readable until reused, which only full-disk encryption
// prevents. An encrypted journal is refused with ErrAlreadyEncrypted.
func Encrypt(path string, opts Options) (err error) {
	if len(opts.Passphrase) == 0 {
		return fmt.Errorf("encrypt the journal: %w", ErrEmptyPassphrase)
	}
	info, err := Inspect(path)
	if err != nil {
		return fmt.Errorf("encrypt the journal: %w", err)
	}
	if !info.Exists {
		return fmt.Errorf("encrypt the journal: there is no journal at %s: %w", path, fs.ErrNotExist)
	}
	if info.Encrypted {
		return fmt.Errorf("encrypt the journal: %w", ErrAlreadyEncrypted)
	}
	opts = withDefaults(opts)
	p, err := chooseKDF(opts.KDF)
	if err != nil {
		return fmt.Errorf("encrypt the journal: %w", err)
	}
	opts.KDF = &p

	src, err := open(path, opts, false)
	if err != nil {
		return fmt.Errorf("encrypt the journal: %w", err)
	}
	defer func() { _ = src.Close() }()
	if src.Encrypted() { // encrypted since Inspect looked
		return fmt.Errorf("encrypt the journal: %w", ErrAlreadyEncrypted)
	}

	stamp := src.clock().Local().Format("20060102-150405")
	backupName := "before-encrypt-" + stamp + ".db"
	if err := src.backupInto(src.BackupDir(), backupName); err != nil {
		return fmt.Errorf("encrypt the journal: back up first: %w", err)
	}

	tmp := path + ".encrypting"
	_ = os.Remove(tmp) // left by an earlier attempt that was cut short
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	want, err := src.writeEncrypted(tmp, opts.Passphrase, p)
	if err != nil {
		return fmt.Errorf("encrypt the journal: write the encrypted copy: %w", err)
	}
	if err := verifyEncrypted(tmp, opts, want); err != nil {
		return fmt.Errorf("encrypt the journal: check the encrypted copy: %w", err)
	}

	// Rename while still holding the old file's lock, so no one writes to
	// the plain journal in between (a waiting Open notices the new file).
	// Where an open file can't be renamed over, close it first.
	if err := os.Rename(tmp, path); err != nil {
		_ = src.Close()
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("encrypt the journal: put the encrypted copy in place: %w", err)
		}
	}
	_ = src.Close()
	syncDir(filepath.Dir(path))

	// The journal is encrypted now; what follows must not undo that.
	var problems []error
	if err := removePlainBackups(src.BackupDir(), backupName); err != nil {
		problems = append(problems, fmt.Errorf("the journal is encrypted, but plain copies are still in %s; delete them yourself: %w", src.BackupDir(), err))
	}
	s, err := open(path, opts, false)
	if err == nil {
		err = s.dailyBackup()
		_ = s.Close()
	}
	if err != nil {
		problems = append(problems, fmt.Errorf("the journal is encrypted, but its first encrypted backup couldn't be made: %w", err))
	}
	if len(problems) > 0 {
		return fmt.Errorf("encrypt the journal: %w", errors.Join(problems...))
	}
	return nil
}

// counts are what a journal holds, to compare a copy with its original.
type counts struct{ entries, summaries int }

// writeEncrypted writes an encrypted copy of the journal to dest, with a new
// data key wrapped under pass, and returns how many entries it holds. Every
// value of every bucket is opened and resealed; the schema is copied as is.
func (s *Store) writeEncrypted(dest string, pass []byte, p KDFParams) (counts, error) {
	cs, hdr, err := newEncryption(pass, p)
	if err != nil {
		return counts{}, err
	}
	defer cs.forget()

	db, err := bolt.Open(dest, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return counts{}, err
	}
	defer func() { _ = db.Close() }()

	s.mu.Lock()
	defer s.mu.Unlock()
	var n counts
	err = s.view("copy the journal", func(tx *bolt.Tx) error {
		n.entries = tx.Bucket(bucketEntries).Stats().KeyN
		n.summaries = tx.Bucket(bucketSummaries).Stats().KeyN
		if err := db.Update(func(out *bolt.Tx) error {
			meta, err := out.CreateBucket(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(keyHeader, hdr)
		}); err != nil {
			return err
		}
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return copyBucket(db, name, b, s.seal, cs)
		})
	})
	if err != nil {
		return counts{}, err
	}
	if err := db.Close(); err != nil {
		return counts{}, err
	}
	// Every commit was fsync'd; once more for the file as a whole.
	f, err := os.Open(dest)
	if err != nil {
		return counts{}, err
	}
	defer f.Close()
	return n, f.Sync()
}

// copyBucket reseals every value of one bucket into db, in batches.
func copyBucket(db *bolt.DB, name []byte, b *bolt.Bucket, from, to sealer) error {
	type kv struct{ k, v []byte }
	var batch []kv
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := db.Update(func(out *bolt.Tx) error {
			ob, err := out.CreateBucketIfNotExists(name)
			if err != nil {
				return err
			}
			for _, p := range batch {
				if err := ob.Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
		batch, size = batch[:0], 0
		return err
	}
	// An empty bucket is copied too.
	if err := db.Update(func(out *bolt.Tx) error {
		_, err := out.CreateBucketIfNotExists(name)
		return err
	}); err != nil {
		return err
	}
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			return fmt.Errorf("%w: bucket %s holds a bucket", journal.ErrDamaged, name)
		}
		key := append([]byte(nil), k...)
		var sealed []byte
		switch {
		case string(name) == string(bucketMeta) && string(k) == string(keySchema):
			sealed = append([]byte(nil), v...) // never sealed: read before the key
		case string(name) == string(bucketMeta) && string(k) == string(keyHeader):
			return fmt.Errorf("%w: a plain journal has a key header", journal.ErrDamaged)
		default:
			plain, err := from.open(name, k, v)
			if err != nil {
				return err
			}
			if sealed, err = to.seal(name, key, plain); err != nil {
				return err
			}
		}
		batch = append(batch, kv{key, sealed})
		size += len(sealed)
		if len(batch) >= encryptBatch || size >= encryptBatchBytes {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// verifyEncrypted opens the encrypted copy with the passphrase, checks every
// record, and compares its counts with the original's.
func verifyEncrypted(path string, opts Options, want counts) error {
	s, err := open(path, opts, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if !s.Encrypted() {
		return errors.New("the copy is not encrypted")
	}
	if err := s.Check(); err != nil {
		return err
	}
	var got counts
	err = s.view("count the entries", func(tx *bolt.Tx) error {
		got.entries = tx.Bucket(bucketEntries).Stats().KeyN
		got.summaries = tx.Bucket(bucketSummaries).Stats().KeyN
		return nil
	})
	if err != nil {
		return err
	}
	if got != want || s.index.Len() != want.summaries {
		return fmt.Errorf("the copy holds %d entries and %d summaries, the journal %d and %d",
			got.entries, got.summaries, want.entries, want.summaries)
	}
	return nil
}

// removePlainBackups removes the backup Encrypt made (made), every daily
// backup and every upgrade backup in dir, with any temporary files of
// theirs: all were copies of the plain journal. A file by those names that
// is an encrypted journal is left; one that can't be read is removed, as it
// may still hold plain text.
func removePlainBackups(dir, made string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range ents {
		name := e.Name()
		base := name
		if len(base) > 4 && base[len(base)-4:] == ".tmp" {
			base = base[:len(base)-4]
		}
		if !e.Type().IsRegular() || !(base == made || dailyName.MatchString(base) || upgradeName.MatchString(base)) {
			continue
		}
		if info, err := Inspect(filepath.Join(dir, name)); err == nil && info.Encrypted {
			continue // not a plain copy (put there by hand)
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	syncDir(dir)
	return errors.Join(errs...)
}
