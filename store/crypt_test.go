package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

var (
	testPass  = []byte("a long walk by the river")
	otherPass = []byte("a short walk by the river")
)

// canary is a sentence no file may show once it is written to an encrypted
// journal; canaryWords are pieces of it that must not show either.
const canary = "Marigold canary sings beneath the cellar stairs"

var canaryWords = []string{canary, "Marigold", "canary sings", "cellar stairs"}

// encOpts are the options for an encrypted journal in tests.
func encOpts(c *clock, pass []byte) Options {
	return Options{Now: c.Now, Timeout: 200 * time.Millisecond, Passphrase: pass, KDF: &FastKDF}
}

// createEncrypted makes a new encrypted journal begun with the default set.
func createEncrypted(t testing.TB, path string, c *clock) *Store {
	t.Helper()
	s, err := Create(path, encOpts(c, testPass))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Begin(journal.DefaultStartingSet()); err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return s
}

// openWith opens a journal with a passphrase, closing it at the end of the test.
func openWith(t testing.TB, path string, c *clock, pass []byte) (*Store, error) {
	t.Helper()
	s, err := Open(path, encOpts(c, pass))
	if err == nil {
		t.Cleanup(func() { _ = s.Close() })
	}
	return s, err
}

// writeCanary puts the canary in an entry's title and text, a dimension's
// name and prompt, and the draft.
func writeCanary(t testing.TB, s *Store) journal.Entry {
	t.Helper()
	dims, err := s.Dimensions()
	if err != nil {
		t.Fatal(err)
	}
	dims[0].Name = "Marigold canary"
	dims[0].Prompt = canary
	if err := s.SaveDimensions(dims); err != nil {
		t.Fatalf("SaveDimensions: %v", err)
	}
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindHope, Title: canary, Text: canary + ", and I told no one.", Dimensions: []string{dims[0].ID}})
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "Draft: " + canary}); err != nil {
		t.Fatalf("SaveDraft: %v", err)
	}
	return e
}

// leaks reports which canary words a file shows.
func leaks(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, w := range canaryWords {
		if bytes.Contains(b, []byte(w)) {
			found = append(found, w)
		}
	}
	// JSON field names would show that records are stored in the clear.
	for _, w := range []string{`"text"`, `"kind"`, `"dimensions"`} {
		if bytes.Contains(b, []byte(w)) {
			found = append(found, w)
		}
	}
	return found
}

// backupFiles lists every file in the journal's backups folder.
func backupFiles(t testing.TB, path string) []string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(path), "backups")
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

// fileState is what must not change when a journal is refused.
type snapshot struct {
	sum     [32]byte
	mod     time.Time
	mode    fs.FileMode
	dirMode fs.FileMode
	listing string
}

// snap reads a file's bytes, time and mode, its folder's mode and what the
// folder holds.
func snap(t testing.TB, path string) snapshot {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	di, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	filepath.WalkDir(filepath.Dir(path), func(p string, d fs.DirEntry, err error) error {
		names = append(names, p)
		return nil
	})
	return snapshot{sha256.Sum256(b), fi.ModTime(), fi.Mode(), di.Mode(), strings.Join(names, "\n")}
}

// loosen gives the file and its folder modes Open would tighten, and an old
// modification time, so a refused Open can be seen to have changed nothing.
func loosen(t testing.TB, path string) {
	t.Helper()
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func TestCreateEncryptedRoundTrip(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	if !s.Encrypted() {
		t.Fatal("Encrypted() = false for a journal made with a passphrase")
	}
	e := writeCanary(t, s)
	wantDims, _ := s.Dimensions()
	wantDraft, _, _ := s.Draft()
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	s.Close()

	if info, err := Inspect(path); err != nil || info != (Info{Exists: true, Encrypted: true}) {
		t.Errorf("Inspect = %+v, %v; want an encrypted journal", info, err)
	}
	c.Add(time.Hour)
	s, err := openWith(t, path, c, testPass)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if !s.Encrypted() {
		t.Error("Encrypted() = false after reopening")
	}
	got, err := s.Get(e.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	sameJSON(t, "entry", got, e)
	page, _ := s.List(journal.Query{})
	if page.Total != 1 || page.Summaries[0].Title != canary {
		t.Errorf("List = %+v", page)
	}
	dims, _ := s.Dimensions()
	sameJSON(t, "dimensions", dims, wantDims)
	draft, ok, err := s.Draft()
	if err != nil || !ok {
		t.Fatalf("Draft: %v %v", ok, err)
	}
	sameJSON(t, "draft", draft, wantDraft)
	if fresh, _ := s.Fresh(); fresh {
		t.Error("the begun flag was lost")
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestCreateAndInspect(t *testing.T) {
	c := newClock(t0)

	t.Run("missing", func(t *testing.T) {
		path := journalPath(t)
		if info, err := Inspect(path); err != nil || info != (Info{}) {
			t.Errorf("Inspect = %+v, %v", info, err)
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Inspect made the folder: %v", err)
		}
	})
	t.Run("plain", func(t *testing.T) {
		path := journalPath(t)
		s, err := Create(path, Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		if s.Encrypted() {
			t.Error("a journal made without a passphrase is encrypted")
		}
		mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "plain words"})
		s.Close()
		if info, err := Inspect(path); err != nil || info != (Info{Exists: true}) {
			t.Errorf("Inspect = %+v, %v", info, err)
		}
		// A passphrase is ignored for a plain journal.
		s2, err := openWith(t, path, c, testPass)
		if err != nil || s2.Encrypted() {
			t.Fatalf("Open with a passphrase: %v", err)
		}
	})
	t.Run("existing journal is refused untouched", func(t *testing.T) {
		for _, pass := range [][]byte{nil, testPass} {
			path := journalPath(t)
			s := openAt(t, path, c)
			mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "mine"})
			s.Close()
			loosen(t, path)
			before := snap(t, path)
			if _, err := Create(path, encOpts(c, pass)); !errors.Is(err, fs.ErrExist) {
				t.Errorf("Create over a journal: %v, want fs.ErrExist", err)
			}
			if after := snap(t, path); after != before {
				t.Error("Create changed an existing journal")
			}
		}
	})
	t.Run("damaged file is refused as existing", func(t *testing.T) {
		path := journalPath(t)
		os.MkdirAll(filepath.Dir(path), 0o700)
		os.WriteFile(path, []byte("my own notes, not a journal"), 0o600)
		_, err := Create(path, encOpts(c, testPass))
		if !errors.Is(err, fs.ErrExist) || !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Create over a text file: %v, want fs.ErrExist and ErrDamaged", err)
		}
		if b, _ := os.ReadFile(path); string(b) != "my own notes, not a journal" {
			t.Error("the file was changed")
		}
		if _, err := Inspect(path); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Inspect: %v, want ErrDamaged", err)
		}
	})
	t.Run("empty file is used", func(t *testing.T) {
		path := journalPath(t)
		os.MkdirAll(filepath.Dir(path), 0o700)
		os.WriteFile(path, nil, 0o644)
		if info, err := Inspect(path); err != nil || info.Exists {
			t.Errorf("Inspect = %+v, %v", info, err)
		}
		s, err := Create(path, encOpts(c, testPass))
		if err != nil {
			t.Fatalf("Create in an empty file: %v", err)
		}
		s.Close()
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v", fi.Mode())
		}
	})
	t.Run("in use", func(t *testing.T) {
		path := journalPath(t)
		s := createEncrypted(t, path, c)
		defer s.Close()
		if _, err := Inspect(path); !errors.Is(err, journal.ErrInUse) {
			t.Errorf("Inspect of an open journal: %v, want ErrInUse", err)
		}
		if _, err := Create(path, encOpts(c, testPass)); !errors.Is(err, fs.ErrExist) {
			t.Errorf("Create over an open journal: %v, want fs.ErrExist", err)
		}
	})
	t.Run("settings out of bounds", func(t *testing.T) {
		path := journalPath(t)
		_, err := Create(path, Options{Passphrase: testPass, KDF: &KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}})
		if err == nil {
			t.Fatal("Create accepted 1 MiB")
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a file was left: %v", err)
		}
	})
}

func TestCanaryIsNotInTheFileOrBackups(t *testing.T) {
	for _, encrypted := range []bool{true, false} {
		t.Run(fmt.Sprintf("encrypted=%v", encrypted), func(t *testing.T) {
			c := newClock(t0)
			path := journalPath(t)
			var s *Store
			if encrypted {
				s = createEncrypted(t, path, c)
			} else {
				s = openAt(t, path, c)
				s.Begin(journal.DefaultStartingSet())
			}
			writeCanary(t, s)
			// Values written and then replaced must not linger either.
			e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: canary})
			e.Text = "Nothing to see."
			if _, err := s.Update(e); err != nil {
				t.Fatal(err)
			}
			s.Close()

			// A day later: a daily backup, and one on demand.
			c.Add(24 * time.Hour)
			s, err := openWith(t, path, c, testPass)
			if err != nil {
				t.Fatal(err)
			}
			if w := s.Warnings(); len(w) > 0 {
				t.Fatalf("Warnings: %q", w)
			}
			mine := filepath.Join(t.TempDir(), "copy.db")
			if err := s.Backup(mine); err != nil {
				t.Fatal(err)
			}
			s.Close()

			files := append([]string{path, mine}, backupFiles(t, path)...)
			if len(files) != 3 {
				t.Fatalf("files = %q, want the journal, a copy and one daily backup", files)
			}
			for _, f := range files {
				got := leaks(t, f)
				if encrypted && len(got) > 0 {
					t.Errorf("%s shows %q", filepath.Base(f), got)
				}
				if !encrypted && !slices.Contains(got, canary) {
					t.Errorf("control: the plain %s doesn't show the canary; the search is broken", filepath.Base(f))
				}
				if encrypted {
					// A backup is a journal that opens with the passphrase.
					if info, err := Inspect(f); err != nil || !info.Encrypted {
						t.Errorf("Inspect(%s) = %+v, %v", filepath.Base(f), info, err)
					}
					b, err := openWith(t, f, c, testPass)
					if err != nil {
						t.Fatalf("open %s: %v", filepath.Base(f), err)
					}
					if p, _ := b.List(journal.Query{}); p.Total != 2 {
						t.Errorf("%s holds %d entries", filepath.Base(f), p.Total)
					}
					b.Close()
				}
			}
		})
	}
}

func TestEveryValueIsSealedAndPadded(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	writeCanary(t, s)
	long := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("long ", 300)})
	short := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("x", 10)})
	mid := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("y", 250)})
	s.Close()

	n := 0
	raw(t, path, func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				n++
				if string(name) == "meta" && (string(k) == "schema" || string(k) == "k") {
					return nil
				}
				if v[0] != formatXChaCha {
					t.Errorf("%s/%s has format %#x", name, k, v[0])
				}
				if body := len(v) - sealedOverhead; body < padBlock || body%padBlock != 0 {
					t.Errorf("%s/%s is %d bytes, not padded to %d", name, k, len(v), padBlock)
				}
				return nil
			})
		})
	})
	if n < 10 {
		t.Errorf("only %d values", n)
	}
	raw(t, path, func(tx *bolt.Tx) error {
		e := tx.Bucket(bucketEntries)
		ls, ss, ms := len(e.Get([]byte(long.ID))), len(e.Get([]byte(short.ID))), len(e.Get([]byte(mid.ID)))
		if ss != ms {
			t.Errorf("entries of 10 and 250 characters are sealed as %d and %d bytes", ss, ms)
		}
		if ls <= ms {
			t.Errorf("an entry of 1,500 characters is sealed as %d bytes, the short ones as %d", ls, ms)
		}
		sums := tx.Bucket(bucketSummaries)
		if a, b := len(sums.Get([]byte(short.ID))), len(sums.Get([]byte(long.ID))); a != b {
			t.Errorf("summaries are %d and %d bytes", a, b)
		}
		return nil
	})

	// The sealer itself: 10 and 400 bytes seal to the same length; 600 more.
	cs := testSealer(t)
	a, _ := cs.seal(bucketEntries, []byte("a"), bytes.Repeat([]byte("a"), 10))
	b, _ := cs.seal(bucketEntries, []byte("b"), bytes.Repeat([]byte("b"), 400))
	d, _ := cs.seal(bucketEntries, []byte("d"), bytes.Repeat([]byte("d"), 600))
	if len(a) != len(b) || len(a) != sealedOverhead+padBlock {
		t.Errorf("10 and 400 bytes seal to %d and %d, want %d", len(a), len(b), sealedOverhead+padBlock)
	}
	if len(d) != sealedOverhead+2*padBlock {
		t.Errorf("600 bytes seal to %d, want %d", len(d), sealedOverhead+2*padBlock)
	}
	// The same value sealed twice differs (a fresh nonce each time).
	a2, _ := cs.seal(bucketEntries, []byte("a"), bytes.Repeat([]byte("a"), 10))
	if bytes.Equal(a, a2) {
		t.Error("sealing twice gave the same bytes")
	}
}

// testSealer is a sealer with a fixed key.
func testSealer(t testing.TB) *cryptSealer {
	t.Helper()
	cs, err := newCryptSealer(bytes.Repeat([]byte{7}, dataKeyLen))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestSwappedValuesAreDetected(t *testing.T) {
	setup := func(t *testing.T) (path string, a, b journal.Entry) {
		c := newClock(t0)
		path = journalPath(t)
		s := createEncrypted(t, path, c)
		a = mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "Alpha: the letter I never sent."})
		b = mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "Bravo: what the doctor said."})
		s.Close()
		return path, a, b
	}
	swap := func(t *testing.T, path string, b1, k1, b2, k2 []byte) {
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			v1 := append([]byte(nil), tx.Bucket(b1).Get(k1)...)
			v2 := append([]byte(nil), tx.Bucket(b2).Get(k2)...)
			if err := tx.Bucket(b1).Put(k1, v2); err != nil {
				return err
			}
			return tx.Bucket(b2).Put(k2, v1)
		})
	}

	t.Run("two entries", func(t *testing.T) {
		path, a, b := setup(t)
		swap(t, path, bucketEntries, []byte(a.ID), bucketEntries, []byte(b.ID))
		s, err := openWith(t, path, newClock(t0), testPass)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		for _, e := range []journal.Entry{a, b} {
			got, err := s.Get(e.ID)
			if !errors.Is(err, journal.ErrDamaged) {
				t.Errorf("Get(%s) = %q, %v; want ErrDamaged", e.ID, got.Text, err)
			}
			if got.Text != "" {
				t.Errorf("Get gave text %q", got.Text)
			}
		}
		if err := s.Check(); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Check: %v, want ErrDamaged", err)
		}
	})
	t.Run("entry and summary", func(t *testing.T) {
		path, a, _ := setup(t)
		swap(t, path, bucketEntries, []byte(a.ID), bucketSummaries, []byte(a.ID))
		if _, err := openWith(t, path, newClock(t0), testPass); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Open: %v, want ErrDamaged", err)
		}
	})
	t.Run("draft moved to the dimensions", func(t *testing.T) {
		path, _, _ := setup(t)
		s, _ := openWith(t, path, newClock(t0), testPass)
		s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "draft"})
		s.Close()
		swap(t, path, bucketDraft, keyDraft, bucketDimensions, keySet)
		if _, err := openWith(t, path, newClock(t0), testPass); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Open: %v, want ErrDamaged", err)
		}
	})
	t.Run("a plain value slipped in", func(t *testing.T) {
		path, a, _ := setup(t)
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			plain, _ := plainSealer{}.seal(bucketEntries, []byte(a.ID), []byte(`{"v":1,"entry":{"kind":"reflection","text":"planted"}}`))
			return tx.Bucket(bucketEntries).Put([]byte(a.ID), plain)
		})
		s, err := openWith(t, path, newClock(t0), testPass)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Get(a.ID); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Get = %q, %v; want ErrDamaged", got.Text, err)
		}
	})
	t.Run("a flipped bit", func(t *testing.T) {
		path, a, _ := setup(t)
		rawUpdate(t, path, func(tx *bolt.Tx) error {
			v := append([]byte(nil), tx.Bucket(bucketEntries).Get([]byte(a.ID))...)
			v[len(v)/2] ^= 1
			return tx.Bucket(bucketEntries).Put([]byte(a.ID), v)
		})
		s, _ := openWith(t, path, newClock(t0), testPass)
		if _, err := s.Get(a.ID); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Get: %v, want ErrDamaged", err)
		}
	})
	t.Run("the header removed", func(t *testing.T) {
		path, _, _ := setup(t)
		rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyHeader) })
		before := snap(t, path)
		_, err := Open(path, Options{Now: newClock(t0.Add(48 * time.Hour)).Now})
		if !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Open: %v, want ErrDamaged", err)
		}
		if snap(t, path).sum != before.sum {
			t.Error("the file was changed")
		}
	})
}

// setHeader replaces the key header of a closed journal.
func setHeader(t testing.TB, path string, h []byte) {
	t.Helper()
	rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyHeader, h) })
}

func getHeader(t testing.TB, path string) []byte {
	t.Helper()
	var h []byte
	raw(t, path, func(tx *bolt.Tx) error {
		h = append([]byte(nil), tx.Bucket(bucketMeta).Get(keyHeader)...)
		return nil
	})
	return h
}

func TestWrongPassphraseAndTamperedHeaderAreAlike(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "words"})
	s.Close()
	good := getHeader(t, path)
	if len(good) != headerLen {
		t.Fatalf("header is %d bytes, want %d", len(good), headerLen)
	}
	later := newClock(t0.Add(72 * time.Hour)) // a daily backup would be due

	// refused opens the journal and checks the error and that nothing changed.
	refused := func(t *testing.T, pass []byte, want error) string {
		t.Helper()
		loosen(t, path)
		before := snap(t, path)
		s, err := Open(path, encOpts(later, pass))
		if err == nil {
			s.Close()
			t.Fatal("Open succeeded")
		}
		if !errors.Is(err, want) {
			t.Fatalf("Open: %v, want %v", err, want)
		}
		if after := snap(t, path); after != before {
			t.Errorf("the refused Open changed something:\nbefore %+v\nafter  %+v", before, after)
		}
		return err.Error()
	}

	wrong := refused(t, otherPass, journal.ErrWrongPassphrase)
	refused(t, []byte("A long walk by the river"), journal.ErrWrongPassphrase)
	refused(t, nil, journal.ErrLocked)

	// Where the header's parts are.
	const (
		offName    = 2
		offTime    = offName + len(kdfArgon2id)
		offMemory  = offTime + 4
		offThreads = offMemory + 4
		offSalt    = offThreads + 1
		offWrapped = offSalt + saltLen
	)
	flip := func(at int, mask byte) []byte {
		h := bytes.Clone(good)
		h[at] ^= mask
		return h
	}
	tampered := map[string][]byte{
		"version":            flip(0, 1),
		"kdf name":           flip(offName+3, 0x20),
		"time (in bounds)":   flip(offTime+3, 2),
		"time (out)":         flip(offTime, 0x80),
		"memory (in bounds)": flip(offMemory+3, 0xff),
		"memory (out)":       flip(offMemory, 0x40),
		"threads":            flip(offThreads, 1),
		"salt first":         flip(offSalt, 1),
		"salt last":          flip(offSalt+saltLen-1, 0x80),
		"nonce":              flip(offWrapped, 1),
		"wrapped key":        flip(offWrapped+30, 4),
		"tag":                flip(headerLen-1, 1),
		"cut short":          good[:headerLen-1],
		"longer":             append(bytes.Clone(good), 0),
		"empty":              {},
	}
	for name, h := range tampered {
		t.Run(name, func(t *testing.T) {
			setHeader(t, path, h)
			defer setHeader(t, path, good)
			if got := refused(t, testPass, journal.ErrWrongPassphrase); got != wrong {
				t.Errorf("error = %q, a wrong passphrase gives %q", got, wrong)
			}
		})
	}

	// After all that, the journal still opens.
	if _, err := openWith(t, path, later, testPass); err != nil {
		t.Fatalf("Open with the passphrase: %v", err)
	}
}

func TestAbsurdSettingsAreRefusedBeforeAnyWork(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	createEncrypted(t, path, c).Close()
	good := getHeader(t, path)
	h, err := decodeHeader(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []KDFParams{
		{Time: 1, MemoryKiB: 1 << 31, Threads: 2},
		{Time: 1e6, MemoryKiB: minMemoryKiB, Threads: 2},
		{Time: 1e6, MemoryKiB: 1 << 31, Threads: 255},
		{Time: 0, MemoryKiB: minMemoryKiB, Threads: 2},
		{Time: 1, MemoryKiB: 8, Threads: 2}, // too weak
		{Time: 1, MemoryKiB: minMemoryKiB, Threads: 0},
		{Time: 21, MemoryKiB: minMemoryKiB, Threads: 2},
		{Time: 1, MemoryKiB: maxMemoryKiB + 1, Threads: 2},
		{Time: 1, MemoryKiB: minMemoryKiB, Threads: 17},
	} {
		t.Run(fmt.Sprintf("%+v", p), func(t *testing.T) {
			bad := *h
			bad.params = p
			setHeader(t, path, bad.encode())
			before := snap(t, path)
			n := derivations.Load()
			start := time.Now()
			_, err := Open(path, encOpts(c, testPass))
			took := time.Since(start)
			if !errors.Is(err, journal.ErrWrongPassphrase) {
				t.Errorf("Open: %v, want ErrWrongPassphrase", err)
			}
			if d := derivations.Load() - n; d != 0 {
				t.Errorf("%d key derivations ran", d)
			}
			if took > 50*time.Millisecond {
				t.Errorf("refusing took %v", took)
			}
			if snap(t, path) != before {
				t.Error("the file changed")
			}
		})
	}
	// The bounds themselves are accepted.
	for _, p := range []KDFParams{FastKDF, {Time: maxTime, MemoryKiB: maxMemoryKiB, Threads: maxThreads}, {Time: minTime, MemoryKiB: minMemoryKiB, Threads: minThreads}} {
		if err := p.check(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

// TestHeaderBindsItsSettings checks the additional data of the wrapped key:
// with the right derived key, a header whose settings or salt say anything
// else still doesn't unwrap. (Through Open, changed settings also change the
// derived key; this checks the binding on its own.)
func TestHeaderBindsItsSettings(t *testing.T) {
	dataKey := bytes.Repeat([]byte{9}, dataKeyLen)
	kek := bytes.Repeat([]byte{3}, dataKeyLen)
	salt, _ := newSalt()
	raw, err := newHeader(dataKey, FastKDF, salt, kek)
	if err != nil {
		t.Fatal(err)
	}
	h, err := decodeHeader(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := h.unwrap(kek); err != nil || !bytes.Equal(got, dataKey) {
		t.Fatalf("unwrap = %x, %v", got, err)
	}
	if !bytes.Equal(h.encode(), raw) {
		t.Error("encode(decode(h)) != h")
	}
	changes := map[string]func(h *header){
		"time":    func(h *header) { h.params.Time++ },
		"memory":  func(h *header) { h.params.MemoryKiB++ },
		"threads": func(h *header) { h.params.Threads++ },
		"salt":    func(h *header) { h.salt[5] ^= 1 },
	}
	for name, change := range changes {
		h2 := *h
		change(&h2)
		if _, err := h2.unwrap(kek); !errors.Is(err, journal.ErrWrongPassphrase) {
			t.Errorf("%s changed: unwrap gave %v, want ErrWrongPassphrase", name, err)
		}
	}
	if _, err := h.unwrap(bytes.Repeat([]byte{4}, dataKeyLen)); !errors.Is(err, journal.ErrWrongPassphrase) {
		t.Errorf("another key: %v", err)
	}
}

func TestChangePassphrase(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	e := writeCanary(t, s)
	s.Close()

	// values reads every value but the header.
	values := func() map[string]string {
		m := map[string]string{}
		raw(t, path, func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return b.ForEach(func(k, v []byte) error {
					if string(name) != "meta" || string(k) != "k" {
						m[string(name)+"/"+string(k)] = string(v)
					}
					return nil
				})
			})
		})
		return m
	}
	beforeValues, beforeHeader := values(), getHeader(t, path)

	s, err := openWith(t, path, c, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(nil, &FastKDF); !errors.Is(err, ErrEmptyPassphrase) {
		t.Errorf("empty passphrase: %v", err)
	}
	if err := s.ChangePassphrase(otherPass, &KDFParams{Time: 1, MemoryKiB: 1 << 31, Threads: 1}); err == nil {
		t.Error("settings out of bounds were accepted")
	}
	if err := s.ChangePassphrase(otherPass, &FastKDF); err != nil {
		t.Fatalf("ChangePassphrase: %v", err)
	}
	// Still usable straight after.
	if got, err := s.Get(e.ID); err != nil || got.Text != e.Text {
		t.Errorf("Get after the change: %v", err)
	}
	s.Close()

	if h := getHeader(t, path); bytes.Equal(h, beforeHeader) || len(h) != headerLen {
		t.Error("the header did not change")
	} else if bytes.Equal(h[offsetSalt():offsetSalt()+saltLen], beforeHeader[offsetSalt():offsetSalt()+saltLen]) {
		t.Error("the salt was kept")
	}
	afterValues := values()
	if len(afterValues) != len(beforeValues) {
		t.Errorf("%d values, before %d", len(afterValues), len(beforeValues))
	}
	for k, v := range beforeValues {
		if afterValues[k] != v {
			t.Errorf("%s changed: entries must not be re-encrypted", k)
		}
	}

	if _, err := openWith(t, path, c, testPass); !errors.Is(err, journal.ErrWrongPassphrase) {
		t.Errorf("the old passphrase: %v, want ErrWrongPassphrase", err)
	}
	s, err = openWith(t, path, c, otherPass)
	if err != nil {
		t.Fatalf("the new passphrase: %v", err)
	}
	got, err := s.Get(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "entry", got, e)
	if err := s.Check(); err != nil {
		t.Error(err)
	}
	s.Close()

	// A plain journal has no passphrase to change.
	p := openAt(t, journalPath(t), c)
	if err := p.ChangePassphrase(otherPass, &FastKDF); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("plain journal: %v, want ErrNotEncrypted", err)
	}
	if err := s.ChangePassphrase(otherPass, &FastKDF); err == nil {
		t.Error("a closed journal changed its passphrase")
	}
}

func offsetSalt() int { return 2 + len(kdfArgon2id) + 4 + 4 + 1 }

func TestCloseForgetsTheKey(t *testing.T) {
	s := createEncrypted(t, journalPath(t), newClock(t0))
	cs := s.seal.(*cryptSealer)
	key := cs.key // the same memory
	if allZero(key) {
		t.Fatal("the key is all zeros")
	}
	s.Close()
	if !allZero(key) {
		t.Error("the key was not zeroed on Close")
	}
	if _, err := cs.seal(bucketEntries, []byte("x"), []byte("y")); err == nil {
		t.Error("a closed sealer sealed")
	}
	if _, err := cs.open(bucketEntries, []byte("x"), []byte{formatXChaCha}); err == nil {
		t.Error("a closed sealer opened")
	}
}

func TestEncrypt(t *testing.T) {
	c := newClock(time.Date(2025, 3, 14, 10, 0, 0, 0, time.Local))
	path := journalPath(t)
	s := openAt(t, path, c)
	if err := Fill(s, 1500, 3); err != nil { // more than one batch
		t.Fatal(err)
	}
	e := writeCanary(t, s)
	trashed := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "to the trash"})
	s.Trash(trashed.ID)
	wantAll, _ := s.List(journal.Query{Limit: 10000})
	wantTrash, _ := s.List(journal.Query{Trash: true})
	wantCounts, _ := s.Counts()
	wantDims, _ := s.Dimensions()
	wantDraft, _, _ := s.Draft()
	s.Close()

	// A daily backup, an old upgrade backup and the person's own file.
	c.Add(24 * time.Hour)
	openAt(t, path, c).Close()
	dir := filepath.Join(filepath.Dir(path), "backups")
	plainCopy, _ := os.ReadFile(path)
	os.WriteFile(filepath.Join(dir, "upgrade-v1-20250101-120000.db"), plainCopy, 0o600)
	os.WriteFile(filepath.Join(dir, "journal-20250313.db.tmp"), plainCopy, 0o600)
	os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("mine"), 0o600)
	if n := len(backupFiles(t, path)); n != 4 {
		t.Fatalf("%d files in backups", n)
	}

	c.Add(time.Hour)
	start := time.Now()
	if err := Encrypt(path, encOpts(c, testPass)); err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	t.Logf("Encrypt of %d entries took %v", wantAll.Total+1, time.Since(start).Round(time.Millisecond))

	if info, err := Inspect(path); err != nil || !info.Encrypted {
		t.Fatalf("Inspect = %+v, %v", info, err)
	}
	if got := leaks(t, path); len(got) > 0 {
		t.Errorf("the journal shows %q", got)
	}
	var names []string
	for _, f := range backupFiles(t, path) {
		names = append(names, filepath.Base(f))
		if filepath.Base(f) == "mine.txt" {
			continue
		}
		if got := leaks(t, f); len(got) > 0 {
			t.Errorf("%s shows %q", filepath.Base(f), got)
		}
	}
	if want := []string{"journal-20250315.db", "mine.txt"}; !slices.Equal(names, want) {
		t.Errorf("backups = %q, want %q", names, want)
	}
	if _, err := os.Stat(path + ".encrypting"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary copy was left: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v", fi.Mode())
	}

	if _, err := Open(path, Options{Now: c.Now}); !errors.Is(err, journal.ErrLocked) {
		t.Errorf("Open without a passphrase: %v, want ErrLocked", err)
	}
	s, err := openWith(t, path, c, testPass)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	gotAll, _ := s.List(journal.Query{Limit: 10000})
	sameJSON(t, "every summary", gotAll, wantAll)
	gotTrash, _ := s.List(journal.Query{Trash: true})
	sameJSON(t, "the trash", gotTrash, wantTrash)
	gotCounts, _ := s.Counts()
	sameJSON(t, "counts", gotCounts, wantCounts)
	gotDims, _ := s.Dimensions()
	sameJSON(t, "dimensions", gotDims, wantDims)
	gotDraft, _, _ := s.Draft()
	sameJSON(t, "draft", gotDraft, wantDraft)
	got, err := s.Get(e.ID)
	if err != nil || got.Text != e.Text {
		t.Errorf("Get = %q, %v", got.Text, err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
	// The backup made by Encrypt opens with the passphrase too.
	b, err := openWith(t, filepath.Join(dir, "journal-20250315.db"), c, testPass)
	if err != nil {
		t.Fatalf("open the new backup: %v", err)
	}
	if p, _ := b.List(journal.Query{}); p.Total != wantAll.Total {
		t.Errorf("the backup holds %d entries, want %d", p.Total, wantAll.Total)
	}
	b.Close()
	s.Close()

	// Refusals.
	before := snap(t, path)
	if err := Encrypt(path, encOpts(c, testPass)); !errors.Is(err, ErrAlreadyEncrypted) {
		t.Errorf("Encrypt twice: %v, want ErrAlreadyEncrypted", err)
	}
	if snap(t, path) != before {
		t.Error("a refused Encrypt changed the journal")
	}
	missing := journalPath(t)
	if err := Encrypt(missing, encOpts(c, testPass)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Encrypt of no file: %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Error("Encrypt made a file")
	}
	plain := journalPath(t)
	openAt(t, plain, c).Close()
	if err := Encrypt(plain, encOpts(c, nil)); !errors.Is(err, ErrEmptyPassphrase) {
		t.Errorf("Encrypt without a passphrase: %v", err)
	}
	held := openAt(t, plain, c)
	if err := Encrypt(plain, encOpts(c, testPass)); !errors.Is(err, journal.ErrInUse) {
		t.Errorf("Encrypt of an open journal: %v, want ErrInUse", err)
	}
	held.Close()
}

func TestEncryptFailureLeavesThePlainJournal(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "keep me"})
	s.Close()
	// An entry that can't be read: the copy can't be made.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEntries).Put([]byte(e.ID), []byte{0x7f, 1, 2})
	})
	before := snap(t, path)
	err := Encrypt(path, encOpts(c, testPass))
	if !errors.Is(err, journal.ErrDamaged) {
		t.Fatalf("Encrypt: %v, want ErrDamaged", err)
	}
	after := snap(t, path)
	if after.sum != before.sum {
		t.Error("the journal was changed")
	}
	if _, err := os.Stat(path + ".encrypting"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary copy was left: %v", err)
	}
	if info, _ := Inspect(path); info.Encrypted {
		t.Error("the journal became encrypted")
	}
	// The backup made first is kept: the plain journal still is too.
	var kept []string
	for _, f := range backupFiles(t, path) {
		kept = append(kept, filepath.Base(f))
	}
	if len(kept) != 1 || !strings.HasPrefix(kept[0], "before-encrypt-") {
		t.Errorf("backups = %q", kept)
	}
}

func TestCalibrate(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration takes about a second")
	}
	start := time.Now()
	p := calibrate()
	took := time.Since(start)
	if err := p.check(); err != nil {
		t.Fatalf("calibrated %+v: %v", p, err)
	}
	if p.MemoryKiB != 64*1024 || p.Threads != 2 || p.Time < 1 || p.Time > maxCalibratedTime {
		t.Errorf("calibrated %+v", p)
	}
	var salt [saltLen]byte
	start = time.Now()
	deriveKEK(testPass, salt[:], p)
	t.Logf("calibration took %v; %+v derives in %v", took.Round(time.Millisecond), p, time.Since(start).Round(time.Millisecond))
}

// TestOpenWaitingForTheLockGetsTheNewFile: Encrypt renames the encrypted
// copy over the journal while holding the plain one's lock. An Open waiting
// for that lock must end up with the new file, never the old one it was
// waiting on (writes there would be lost).
func TestOpenWaitingForTheLockGetsTheNewFile(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	held := openAt(t, path, c)
	mustCreate(t, held, journal.Entry{Kind: journal.KindReflection, Text: "old"})

	other := filepath.Join(filepath.Dir(path), "new.db")
	s := createEncrypted(t, other, c)
	s.Close()

	type result struct {
		s   *Store
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := Open(path, Options{Now: c.Now, Timeout: 5 * time.Second, Passphrase: testPass})
		done <- result{s, err}
	}()
	time.Sleep(200 * time.Millisecond) // the goroutine is waiting for the lock
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	held.Close()
	r := <-done
	if r.err != nil {
		t.Fatalf("Open: %v", r.err)
	}
	defer r.s.Close()
	if !r.s.Encrypted() {
		t.Error("the waiting Open got the old, replaced file")
	}
}
