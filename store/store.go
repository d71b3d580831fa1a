// Package store keeps a journal in one bbolt file.
//
// Buckets have short neutral names and entries are kept under opaque random
// ids, so the raw file says nothing about what or when a person wrote. A
// compact summary of each entry is kept beside it and loaded at open into an
// in-memory index, which lists, filters and counts read; full records are
// read one at a time. Every value passes through a sealer on its way in and
// out (plain, or XChaCha20-Poly1305 under a passphrase-wrapped key for an
// encrypted journal: see crypt.go), and every write is one fsync'd
// transaction.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/waymark-journal/waymark/journal"
)

// DefaultTimeout is how long Open waits for another program to let go of
// the file when Options says nothing.
const DefaultTimeout = 750 * time.Millisecond

var errClosed = errors.New("journal is closed")

// DefaultPath is $XDG_DATA_HOME/waymark/journal.db, or
// ~/.local/share/waymark/journal.db when XDG_DATA_HOME is unset, empty or
// relative (as the XDG spec asks).
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "waymark", "journal.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the journal: %w", err)
	}
	return filepath.Join(home, ".local", "share", "waymark", "journal.db"), nil
}

// Options tune Open.
type Options struct {
	// Timeout is how long Open waits for another program to let go of the
	// file; zero means 750ms.
	Timeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Passphrase unlocks an encrypted journal; it is ignored for a plain
	// one. Given to Create, it makes the new journal encrypted. The store
	// keeps no copy of it.
	Passphrase []byte
	// KDF is Argon2id's setting for Create (and Encrypt) with a passphrase:
	// nil means calibrated to about half a second at 64 MiB over 2 lanes.
	// Tests pass FastKDF.
	KDF *KDFParams
}

// Store is a journal kept in a bbolt file. It implements journal.Repository
// and is safe for concurrent use.
type Store struct {
	mu    sync.Mutex
	db    *bolt.DB // nil once closed
	file  *os.File // the file db opened, for checkPages; db closes it
	path  string
	now   func() time.Time
	seal  sealer
	index *journal.Index
	dims  journal.Dimensions
	begun bool
	// encrypted is set when the file has a key header; seal is then a
	// *cryptSealer holding the data key.
	encrypted bool
	// idSalt keys the ids of imported entries (import.go); nil until an
	// import or ImportKey needs it.
	idSalt []byte
	// damaged is set at open when the entries' page tree is damaged (and
	// the rest sound): the journal is listed from its summaries, and every
	// read or write of the file returns this error, wrapping
	// journal.ErrDamaged, so bbolt never walks that tree and nothing is
	// written to a damaged file.
	damaged error

	warnings []string

	// search is each entry's words, folded, for full-text search (search.go).
	search searchCache
}

var _ journal.Repository = (*Store)(nil)

// Open opens the journal at path. When the file is absent (or empty) a new
// plain journal is made there (0600) with its folders (0700); Create makes
// a new journal, encrypted or not, and refuses an existing one. An existing
// file is tightened to 0600, and its folder to 0700 when the folder is named
// "waymark"; any other existing folder is left as the person set it.
//
// An encrypted journal needs opts.Passphrase. Nothing is written (not the
// file, its mode, its folder's mode, nor a backup) until the passphrase has
// unwrapped the data key.
//
// Errors wrap journal.ErrInUse (another program has the file),
// journal.ErrDamaged (not a journal, or unreadable), journal.ErrTooNew
// (written by a newer Waymark; the file is left untouched),
// journal.ErrLocked (encrypted, and no passphrase given) or
// journal.ErrWrongPassphrase (the passphrase is wrong, or the key header was
// changed: the two can't be told apart).
func Open(path string, opts Options) (*Store, error) {
	return open(path, opts, true)
}

// open is Open; dailyBackup says whether to make the daily backup (Encrypt's
// own opens make none).
func open(path string, opts Options, dailyBackup bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("open journal: no file given")
	}
	opts = withDefaults(opts)
	s := &Store{path: path, now: opts.Now, seal: plainSealer{}}
	fail := func(err error) (*Store, error) {
		s.release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	fi, err := os.Stat(path)
	existed := err == nil && fi.Size() > 0
	if !existed {
		if err := s.prepareDir(); err != nil {
			return fail(err)
		}
	}
	if s.db, s.file, err = openBolt(path, opts.Timeout, false); err != nil {
		return fail(err)
	}
	st, err := s.readState()
	if err != nil {
		return fail(err)
	}
	if err := st.refuse(); err != nil {
		return fail(err)
	}
	if st.header != nil {
		if len(opts.Passphrase) == 0 {
			return fail(journal.ErrLocked)
		}
		cs, err := unlock(st.header, opts.Passphrase)
		if err != nil {
			return fail(err)
		}
		s.seal, s.encrypted = cs, true
	}
	// From here on the file may be written.
	if existed {
		if err := s.prepareDir(); err != nil {
			return fail(err)
		}
	}
	if err := tightenFile(path); err != nil {
		return fail(err)
	}
	if err := s.start(st, dailyBackup); err != nil {
		return fail(err)
	}
	return s, nil
}

// Create makes a new journal at path, with its folders (0700), and opens it.
// With opts.Passphrase it is encrypted: a new random data key, wrapped under
// a key derived from the passphrase with opts.KDF (calibrated when nil).
// An existing journal is never touched: the error then wraps fs.ErrExist.
// An empty file (or a bbolt file with nothing in it) holds no journal and is
// used.
func Create(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("create journal: no file given")
	}
	opts = withDefaults(opts)
	s := &Store{path: path, now: opts.Now, seal: plainSealer{}}
	made := false
	fail := func(err error) (*Store, error) {
		if made && s.db != nil {
			// Ours, and still locked by us: leave no half-made file behind.
			_ = os.Remove(path)
		}
		s.release()
		return nil, fmt.Errorf("create %s: %w", path, err)
	}

	var hdr []byte
	if len(opts.Passphrase) > 0 {
		p, err := chooseKDF(opts.KDF)
		if err != nil {
			return fail(err)
		}
		cs, h, err := newEncryption(opts.Passphrase, p)
		if err != nil {
			return fail(err)
		}
		s.seal, s.encrypted, hdr = cs, true, h
	}
	_, err := os.Stat(path)
	present := err == nil
	if !present {
		if err := s.prepareDir(); err != nil {
			return fail(err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		made = true
		if err := f.Close(); err != nil {
			return fail(err)
		}
	case !errors.Is(err, fs.ErrExist):
		return fail(err)
	}
	if s.db, s.file, err = openBolt(path, opts.Timeout, false); err != nil {
		if !made {
			return fail(fmt.Errorf("%w (%w)", fs.ErrExist, err))
		}
		return fail(err)
	}
	st, err := s.readState()
	if err == nil && (st.hasMeta || st.others > 0) {
		err = errors.New("there is a journal there already")
	}
	if err != nil {
		made = false // someone else's file: leave it be
		return fail(fmt.Errorf("%w (%w)", fs.ErrExist, err))
	}
	// From here on the file is ours to write.
	if present {
		if err := s.prepareDir(); err != nil {
			return fail(err)
		}
	}
	if err := tightenFile(path); err != nil {
		return fail(err)
	}
	if err := s.initialise(hdr); err != nil {
		return fail(err)
	}
	if err := s.load(); err != nil {
		return fail(err)
	}
	return s, nil
}

// Info is what can be known of a journal file without its passphrase.
type Info struct {
	// Exists is false when there is no journal at the path: no file, an
	// empty one, or a bbolt file with nothing in it (Open and Create both
	// lay a new journal out there).
	Exists bool
	// Encrypted is true when the journal needs a passphrase.
	Encrypted bool
}

// Inspect says whether there is a journal at path and whether it is
// encrypted, reading the file without changing or creating anything. Errors
// wrap journal.ErrInUse, journal.ErrDamaged or journal.ErrTooNew as Open's do.
func Inspect(path string) (Info, error) {
	if path == "" {
		return Info{}, errors.New("look at the journal: no file given")
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Info{}, nil
	case err != nil:
		return Info{}, fmt.Errorf("look at %s: %w", path, err)
	case fi.IsDir():
		return Info{}, fmt.Errorf("look at %s: %w: it is a folder", path, journal.ErrDamaged)
	case fi.Size() == 0:
		return Info{}, nil
	}
	s := &Store{path: path}
	if s.db, s.file, err = openBolt(path, DefaultTimeout, true); err != nil {
		return Info{}, fmt.Errorf("look at %s: %w", path, err)
	}
	defer s.release()
	st, err := s.readState()
	if err == nil {
		err = st.refuse()
	}
	if err != nil {
		return Info{}, fmt.Errorf("look at %s: %w", path, err)
	}
	return Info{Exists: st.hasMeta, Encrypted: st.header != nil}, nil
}

// Encrypted reports whether the journal is encrypted.
func (s *Store) Encrypted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.encrypted
}

func withDefaults(opts Options) Options {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return opts
}

// prepareDir prepares the journal's folder, keeping any warning.
func (s *Store) prepareDir() error {
	w, err := prepareDir(filepath.Dir(s.path))
	if w != "" {
		s.warnings = append(s.warnings, w)
	}
	return err
}

// release forgets the data key and closes the file, if open, for a store
// that failed to open.
func (s *Store) release() {
	if cs, ok := s.seal.(*cryptSealer); ok {
		cs.forget()
	}
	if s.db != nil {
		_ = s.db.Close()
		s.db, s.file = nil, nil
	}
}

// fileState is what is read from a file before its key is known.
type fileState struct {
	schema  int
	hasMeta bool
	others  int    // top-level buckets other than meta
	header  []byte // the key header, copied; nil for a plain journal
	// checkEntries checks the entries' page tree, left out of readState's
	// check (checkPagesBut); nil when there is none. Run it with
	// (*Store).checkEntries before anything writes to the file.
	checkEntries func(*bolt.Tx) error
}

// refuse returns the error for a file that is not a journal or is too new.
func (st fileState) refuse() error {
	switch {
	case !st.hasMeta && st.others > 0:
		return fmt.Errorf("%w: this file is not a Waymark journal", journal.ErrDamaged)
	case st.schema > currentVersion():
		return fmt.Errorf("%w: schema %d, this program knows up to %d", journal.ErrTooNew, st.schema, currentVersion())
	}
	return nil
}

// start sets up a new file or upgrades an old one, loads the index and, when
// asked, makes the daily backup.
func (s *Store) start(st fileState, dailyBackup bool) (err error) {
	// The entries' tree is checked while the summaries load (which never
	// touch it), when nothing is to be written first; else before.
	var checked chan error
	if st.hasMeta && st.schema == currentVersion() {
		checked = make(chan error, 1)
		go func() { checked <- s.checkEntries(st.checkEntries) }()
		defer func() {
			if checked == nil {
				return // received below
			}
			if cerr := <-checked; err == nil { // load failed: wait for the check all the same
				err = cerr
			}
		}()
	} else if err := s.checkEntries(st.checkEntries); err != nil {
		return err
	}
	switch {
	case !st.hasMeta:
		if err := s.initialise(nil); err != nil {
			return err
		}
	case st.schema < currentVersion():
		if err := s.upgrade(st.schema); err != nil {
			return err
		}
	}
	if err := s.load(); err != nil {
		return err
	}
	if checked != nil {
		err, checked = <-checked, nil
		if err != nil {
			return err
		}
	}
	if s.damaged != nil {
		// No daily backup: copies of a damaged file would push the good
		// backups out, one a day.
		s.warnings = append(s.warnings, fmt.Sprintf(
			"This journal file is damaged: its entries can be listed but not opened or changed. Your backups are in %s.", s.BackupDir()))
		return nil
	}
	if st.hasMeta && dailyBackup {
		if err := s.dailyBackup(); err != nil {
			s.warnings = append(s.warnings, fmt.Sprintf(
				"Today's backup couldn't be made in %s (%v). Your journal opened as usual.", s.BackupDir(), err))
		}
	}
	return nil
}

// readState reads the schema version, the key header, whether the meta
// bucket exists and how many other top-level buckets there are.
func (s *Store) readState() (st fileState, err error) {
	err = s.read("read the journal", func(tx *bolt.Tx) error {
		// Before any walk: a page tree bbolt could loop in is refused here.
		// Damage only in the entries' tree still lets the journal open, to
		// list what it holds from the summaries; nothing is read from it or
		// written to it after that (see damaged).
		d, entries := checkPagesBut(tx, s.file, false, string(bucketEntries))
		if err := d.err(); err != nil {
			return err
		}
		st.checkEntries = entries
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if string(name) != string(bucketMeta) {
				st.others++
			}
			return nil
		}); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		st.hasMeta = true
		raw := meta.Get(keySchema)
		v, err := strconv.Atoi(string(raw))
		if err != nil || v < 1 {
			return fmt.Errorf("%w: the schema version can't be read", journal.ErrDamaged)
		}
		st.schema = v
		if h := meta.Get(keyHeader); h != nil {
			st.header = append([]byte{}, h...)
		}
		return nil
	})
	return st, err
}

// checkEntries runs the check of the entries' page tree readState left
// out, in a read transaction of its own. Damage there alone lets the
// journal open, to list what it holds from the summaries (see damaged).
func (s *Store) checkEntries(check func(*bolt.Tx) error) error {
	if check == nil {
		return nil
	}
	var damage error
	err := s.read("read the journal", func(tx *bolt.Tx) error {
		damage = check(tx)
		return nil
	})
	if err != nil {
		return err
	}
	if damage != nil {
		s.damaged = damage
	}
	return nil
}

// initialise sets up a new file: buckets, schema 1, the key header when
// encrypted, creation time, then every migration, all in one transaction.
func (s *Store) initialise(header []byte) error {
	now := s.clock()
	return s.update("set up the journal", func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keySchema, []byte(strconv.Itoa(baseVersion))); err != nil {
			return err
		}
		if header != nil {
			if err := meta.Put(keyHeader, header); err != nil {
				return err
			}
		}
		if err := put(tx, s.seal, bucketMeta, keyCreated, &timeRecord{V: recordVersion, Time: now}); err != nil {
			return err
		}
		return migrate(tx, s.seal, baseVersion)
	})
}

// load reads the dimensions, the begun flag and every summary.
func (s *Store) load() error {
	// Loading makes a large heap from nothing in a moment: with the
	// collector's usual pace it would run several times on the way, each
	// time slowing every write of a summary. Let the heap grow first; the
	// usual pace is back before the journal is used.
	defer raiseGCPercent()()
	var sums [][]journal.Summary
	err := s.read("load the journal", func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, name)
			}
		}
		var flag flagRecord
		found, err := get(tx, s.seal, bucketMeta, keyBegun, &flag)
		if err != nil {
			return err
		}
		s.begun = found && flag.On

		var dr dimensionsRecord
		if _, err := get(tx, s.seal, bucketDimensions, keySet, &dr); err != nil {
			return err
		}
		s.dims = dr.Dimensions

		sums, err = loadSummaries(tx.Bucket(bucketSummaries), s.seal)
		// Every summary is decoded into the heap: the file's pages read
		// for it need not stay counted in resident memory.
		releasePages(tx)
		return err
	})
	if err != nil {
		return err
	}
	s.index = journal.NewIndexOf(sums...)
	return nil
}

// loadGC counts the loads under way, which share one raised GC percent:
// each setting it and putting back what it found would, with two journals
// loading at once, leave it raised for good (the second puts back the
// first's 800).
var loadGC struct {
	sync.Mutex
	loads int
	saved int // the GC percent before the first load under way
}

// raiseGCPercent lets the heap grow further between collections until the
// function it returns is called, for every load under way.
func raiseGCPercent() (restore func()) {
	loadGC.Lock()
	if loadGC.loads == 0 {
		loadGC.saved = debug.SetGCPercent(800)
	}
	loadGC.loads++
	loadGC.Unlock()
	return func() {
		loadGC.Lock()
		if loadGC.loads--; loadGC.loads == 0 {
			debug.SetGCPercent(loadGC.saved)
		}
		loadGC.Unlock()
	}
}

// Close closes the journal and, for an encrypted one, zeroes the data key
// (as far as Go allows). Closing twice is harmless.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	s.closeSearch() // search.go: no read left open, no words kept
	err := s.db.Close()
	s.db, s.file = nil, nil
	if cs, ok := s.seal.(*cryptSealer); ok {
		cs.forget() // best effort; see cryptSealer
	}
	clear(s.idSalt)
	s.idSalt = nil
	// Let go of what was read, so a closed (locked) store holds no titles
	// or names for longer than the garbage collector takes.
	s.index, s.dims = journal.NewIndex(nil), nil
	if err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path is the journal file's path.
func (s *Store) Path() string { return s.path }

// Warnings lists problems met while opening that did not stop the journal
// opening (a backup that could not be made, a folder left too open), as
// plain sentences.
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// clock returns the time now, without a monotonic reading, so a time
// returned to a caller equals the one read back from the file.
func (s *Store) clock() time.Time { return s.now().Round(0) }

// view runs fn in a read transaction, turning a bbolt panic (a damaged page)
// into journal.ErrDamaged. In a journal found damaged at open it does
// nothing and returns that damage.
func (s *Store) view(what string, fn func(*bolt.Tx) error) (err error) {
	if s.damaged != nil && s.db != nil {
		return fmt.Errorf("%s: %w", what, s.damaged)
	}
	return s.read(what, fn)
}

// read is view, also for a journal found damaged at open: only for what
// open itself reads, which checkPages found sound.
func (s *Store) read(what string, fn func(*bolt.Tx) error) (err error) {
	if s.db == nil {
		return fmt.Errorf("%s: %w", what, errClosed)
	}
	defer guard(what, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return wrap(what, s.db.View(fn))
}

// update runs fn in one write transaction, committed and fsync'd, turning a
// bbolt panic into journal.ErrDamaged.
func (s *Store) update(what string, fn func(*bolt.Tx) error) (err error) {
	if s.db == nil {
		return fmt.Errorf("%s: %w", what, errClosed)
	}
	if s.damaged != nil {
		return fmt.Errorf("%s: %w", what, s.damaged)
	}
	defer guard(what, &err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return wrap(what, s.db.Update(fn))
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, diskError(err))
}

// diskErrnos are the errors of a full or read-only disk, which
// journal.Explain turns into words a person can act on. A full quota reads as
// a full disk.
var diskErrnos = []struct{ errno, as syscall.Errno }{
	{syscall.ENOSPC, syscall.ENOSPC},
	{syscall.EFBIG, syscall.EFBIG},
	{syscall.EDQUOT, syscall.ENOSPC},
	{syscall.EROFS, syscall.EROFS},
}

// diskError gives back bbolt's errors their cause: when growing or syncing
// the file fails, bbolt formats the system's error into its message ("file
// resize error: truncate ...: file too large") instead of wrapping it. The
// message is matched against the system's own text for each error, and the
// error wrapped again so errors.Is finds it.
func diskError(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if errno == syscall.EDQUOT {
			return fmt.Errorf("%w (%w)", syscall.ENOSPC, err)
		}
		return err
	}
	msg := err.Error()
	for _, d := range diskErrnos {
		if strings.Contains(msg, d.errno.Error()) {
			return fmt.Errorf("%w (%w)", d.as, err)
		}
	}
	return err
}

// guard is deferred around every call into bbolt: bbolt panics on some
// damaged pages, and reading past the end of a truncated file faults (made a
// panic with debug.SetPanicOnFault); both become ErrDamaged. It must be
// deferred directly, `defer guard(...)`, so recover sees the panic.
func guard(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %w (%s)", what, journal.ErrDamaged, short(r))
	}
}

func short(r any) string {
	msg := fmt.Sprint(r)
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}

// openBolt opens the bbolt file, read only when asked, and maps bbolt's
// errors to the journal's. It returns the file bbolt opened too (for
// checkPages' reads; bbolt closes it). Should the file have been replaced while waiting
// for its lock (Encrypt renames a new file over the old one while holding
// the old one's lock), the new one is opened instead, so nothing is ever
// written to a file that is no longer the journal.
func openBolt(path string, timeout time.Duration, readOnly bool) (*bolt.DB, *os.File, error) {
	for range 3 {
		db, file, err := openBoltOnce(path, timeout, readOnly)
		if err != nil {
			return nil, nil, err
		}
		held, errHeld := file.Stat()
		now, errNow := os.Stat(path)
		if errHeld != nil || errNow != nil || os.SameFile(held, now) {
			return db, file, nil
		}
		_ = db.Close()
	}
	return nil, nil, fmt.Errorf("%w: the file keeps being replaced", journal.ErrInUse)
}

// openBoltOnce opens the bbolt file, returning the file bbolt opened too.
func openBoltOnce(path string, timeout time.Duration, readOnly bool) (db *bolt.DB, file *os.File, err error) {
	existed := false
	if fi, statErr := os.Stat(path); statErr == nil && fi.Size() > 0 {
		existed = true
		if err := preflightFile(path, timeout); err != nil {
			return nil, nil, err
		}
	}
	// Should bbolt still panic part way through Open, close the file it
	// opened. That is all that can be done: its memory map, out of reach,
	// keeps the file (and so its lock) until the program exits. The
	// preflight above makes this unlikely.
	opts := &bolt.Options{
		Timeout:  timeout,
		ReadOnly: readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			if err == nil && file == nil {
				file = f
			}
			return f, err
		},
	}
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				_ = file.Close()
			}
			db, file, err = nil, nil, fmt.Errorf("%w (%s)", journal.ErrDamaged, short(r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err = bolt.Open(path, 0o600, opts)
	if err == nil {
		return db, file, nil
	}
	var pathErr *fs.PathError
	var errno syscall.Errno
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, nil, fmt.Errorf("%w: %v", journal.ErrInUse, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, nil, fmt.Errorf("%w: %v", journal.ErrDamaged, err)
	case errors.As(err, &pathErr), errors.As(err, &errno):
		return nil, nil, err // permissions, a full disk, a read-only disk: the person can act on these
	case existed:
		return nil, nil, fmt.Errorf("%w: %v", journal.ErrDamaged, err)
	}
	return nil, nil, err
}

// preflightFile runs the preflight on an existing file while holding its lock, so a
// file another program is writing is never read half-written. The lock is
// let go of before bbolt takes its own.
func preflightFile(path string, timeout time.Duration) error {
	if !canPreflight {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil // bbolt's own open reports it
	}
	defer f.Close()
	if err := lockFile(f, timeout); err != nil {
		if errors.Is(err, errLockTimeout) {
			return fmt.Errorf("%w: %v", journal.ErrInUse, err)
		}
		return err
	}
	if err := preflight(f); err != nil {
		return fmt.Errorf("%w: %v", journal.ErrDamaged, err)
	}
	return nil
}

// prepareDir creates the journal's folder (and any missing parents) as 0700.
// An existing folder is tightened only when it is named "waymark": Waymark
// never changes the mode of a folder the person made for something else. A
// folder that can't be tightened is a warning, not an error.
func prepareDir(dir string) (warning string, err error) {
	var missing []string
	for d := dir; ; {
		_, err := os.Stat(d)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		missing = append(missing, d)
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if len(missing) > 0 {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		for _, d := range missing { // MkdirAll's mode is masked by the umask
			if err := os.Chmod(d, 0o700); err != nil {
				return "", err
			}
		}
		return "", nil
	}
	if filepath.Base(dir) != "waymark" {
		return "", nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if fi.IsDir() && fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Sprintf("The folder %s can be read by others, and Waymark couldn't change that (%v).", dir, err), nil
		}
		return fmt.Sprintf("The folder %s could be read by others; Waymark made it private to you (0700).", dir), nil
	}
	return "", nil
}

// tightenFile makes the journal file 0600 if it is not already.
func tightenFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm() != 0o600 {
		return os.Chmod(path, 0o600)
	}
	return nil
}
