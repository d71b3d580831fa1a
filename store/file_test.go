package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	tests := []struct {
		name, xdg, want string
	}{
		{"xdg set", "/data/me", "/data/me/waymark/journal.db"},
		{"xdg unset", "", filepath.Join(home, ".local/share/waymark/journal.db")},
		{"xdg relative", "data", filepath.Join(home, ".local/share/waymark/journal.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_DATA_HOME", tt.xdg)
			got, err := DefaultPath()
			if err != nil || got != tt.want {
				t.Errorf("DefaultPath() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestPermissions(t *testing.T) {
	t.Run("new file and folders", func(t *testing.T) {
		base := t.TempDir()
		path := filepath.Join(base, "a", "waymark", "journal.db")
		s := openAt(t, path, newClock(t0))
		s.Close()
		for p, want := range map[string]os.FileMode{
			path:                     0o600,
			filepath.Dir(path):       0o700,
			filepath.Join(base, "a"): 0o700,
		} {
			if got := mode(t, p); got != want {
				t.Errorf("mode of %s = %o, want %o", p, got, want)
			}
		}
	})
	t.Run("loose file and waymark folder are tightened", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "waymark")
		path := filepath.Join(dir, "journal.db")
		s := openAt(t, path, newClock(t0))
		s.Close()
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		s = openAt(t, path, newClock(t0))
		s.Close()
		if got := mode(t, path); got != 0o600 {
			t.Errorf("file mode = %o, want 600", got)
		}
		if got := mode(t, dir); got != 0o700 {
			t.Errorf("folder mode = %o, want 700", got)
		}
	})
	t.Run("someone's own folder is left alone", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "usb")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		s := openAt(t, filepath.Join(dir, "journal.db"), newClock(t0))
		s.Close()
		if got := mode(t, dir); got != 0o755 {
			t.Errorf("folder mode = %o, want 755 left as it was", got)
		}
		if got := mode(t, filepath.Join(dir, "journal.db")); got != 0o600 {
			t.Errorf("file mode = %o, want 600", got)
		}
	})
}

func TestSecondOpenIsInUse(t *testing.T) {
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "first"})

	start := time.Now()
	s2, err := Open(path, Options{}) // the default timeout
	took := time.Since(start)
	if err == nil {
		s2.Close()
		t.Fatal("second Open succeeded while the first is open")
	}
	if !errors.Is(err, journal.ErrInUse) {
		t.Errorf("second Open: %v, want ErrInUse", err)
	}
	if took > 1500*time.Millisecond {
		t.Errorf("second Open took %v, want under 1.5s", took)
	}
	if got := journal.Explain(err); !strings.Contains(got, "open in another window") {
		t.Errorf("Explain = %q", got)
	}

	// Once the first lets go, the journal opens.
	s.Close()
	s3 := openAt(t, path, newClock(t0))
	if page, _ := s3.List(journal.Query{}); page.Total != 1 {
		t.Errorf("Total = %d, want 1", page.Total)
	}
}

func TestRawKeysSayNothing(t *testing.T) {
	s, _ := newStore(t)
	secret := "Secret words about 2024"
	when := time.Date(2024, 2, 29, 23, 59, 0, 0, time.UTC)
	var made []string
	for i := range 10 {
		e := mustCreate(t, s, journal.Entry{Kind: journal.KindHope, Title: secret, Text: fmt.Sprint(secret, i), When: when.Add(time.Duration(i) * time.Second)})
		made = append(made, e.ID)
	}
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindHope, Text: secret}); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()

	var buckets []string
	raw(t, path, func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			buckets = append(buckets, string(name))
			return b.ForEach(func(k, v []byte) error {
				key := string(k)
				if len(v) == 0 || v[0] != formatPlain && !(string(name) == "meta" && key == "schema") {
					t.Errorf("value %s/%s does not start with the format byte", name, key)
				}
				for _, leak := range []string{"secret", "2024", "0229", "hope", "draft "} {
					if strings.Contains(strings.ToLower(key), leak) {
						t.Errorf("key %s/%q gives away %q", name, key, leak)
					}
				}
				switch string(name) {
				case "e", "s":
					if !idPattern.MatchString(key) {
						t.Errorf("key %s/%q is not a 26-character base32 id", name, key)
					}
				}
				return nil
			})
		})
	})
	if want := []string{"d", "e", "meta", "s", "w"}; strings.Join(buckets, " ") != strings.Join(want, " ") {
		t.Errorf("buckets = %v, want %v", buckets, want)
	}
	if n := keyCount(t, path, bucketEntries); n != 10 {
		t.Errorf("entries = %d, want 10", n)
	}
	raw(t, path, func(tx *bolt.Tx) error {
		for _, id := range made {
			if tx.Bucket(bucketEntries).Get([]byte(id)) == nil || tx.Bucket(bucketSummaries).Get([]byte(id)) == nil {
				t.Errorf("entry %s lacks its record or summary", id)
			}
		}
		if got, want := string(tx.Bucket(bucketMeta).Get(keySchema)), strconv.Itoa(currentVersion()); got != want {
			t.Errorf("schema = %q, want %s", got, want)
		}
		return nil
	})
}

func TestTooNewIsRefusedUntouched(t *testing.T) {
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "words"})
	s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
	})
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(path, Options{Now: newClock(t0.Add(48 * time.Hour)).Now})
	if !errors.Is(err, journal.ErrTooNew) {
		t.Fatalf("Open: %v, want ErrTooNew", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup folder was made for a file that was refused: %v", err)
	}
}

func TestDamagedFiles(t *testing.T) {
	// A real journal to damage.
	good := func(t *testing.T) string {
		path := journalPath(t)
		s := openAt(t, path, newClock(t0))
		if err := Fill(s, 300, 1); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return path
	}
	const page = 4096
	tests := []struct {
		name   string
		damage func(t *testing.T) string
	}{
		{"random bytes", func(t *testing.T) string {
			path := journalPath(t)
			b := make([]byte, 64*1024)
			r := rand.New(rand.NewPCG(3, 4))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			os.MkdirAll(filepath.Dir(path), 0o700)
			os.WriteFile(path, b, 0o600)
			return path
		}},
		{"a short text file", func(t *testing.T) string {
			path := journalPath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			os.WriteFile(path, []byte("my diary\n"), 0o600)
			return path
		}},
		{"both meta pages overwritten", func(t *testing.T) string {
			path := good(t)
			f, _ := os.OpenFile(path, os.O_WRONLY, 0)
			f.WriteAt(bytes.Repeat([]byte{0xAB}, 2*page), 0)
			f.Close()
			return path
		}},
		{"data pages overwritten", func(t *testing.T) string {
			path := good(t)
			b, _ := os.ReadFile(path)
			r := rand.New(rand.NewPCG(5, 6))
			for i := 2 * page; i < len(b); i++ {
				b[i] = byte(r.Uint32())
			}
			os.WriteFile(path, b, 0o600)
			return path
		}},
		{"truncated", func(t *testing.T) string {
			path := good(t)
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/3)
			return path
		}},
		{"another program's bbolt file", func(t *testing.T) string {
			path := journalPath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Update(func(tx *bolt.Tx) error {
				b, _ := tx.CreateBucket([]byte("settings"))
				return b.Put([]byte("theme"), []byte("dark"))
			})
			db.Close()
			return path
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.damage(t)
			before, _ := os.ReadFile(path)
			s, err := Open(path, Options{Now: newClock(t0.Add(24 * time.Hour)).Now, Timeout: 100 * time.Millisecond})
			if err == nil {
				err = s.Check()
				s.Close()
			}
			if !errors.Is(err, journal.ErrDamaged) {
				t.Fatalf("error = %v, want ErrDamaged", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the damaged file was changed")
			}
			if got := journal.Explain(err); !strings.Contains(got, "damaged") {
				t.Errorf("Explain = %q", got)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	if err := Fill(s, 50, 9); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "draft"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check of a healthy journal: %v", err)
	}
	page, _ := s.List(journal.Query{Limit: 3})
	s.Close()

	bad, orphan, lost := page.Summaries[0].ID, page.Summaries[1].ID, page.Summaries[2].ID
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketEntries).Put([]byte(bad), []byte("\x01{not json")); err != nil {
			return err
		}
		if err := tx.Bucket(bucketEntries).Delete([]byte(orphan)); err != nil {
			return err
		}
		return tx.Bucket(bucketSummaries).Delete([]byte(lost))
	})

	s = openAt(t, path, c) // only summaries are read at open
	if _, err := s.Get(bad); !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("Get of a damaged record: %v, want ErrDamaged", err)
	}
	err := s.Check()
	if !errors.Is(err, journal.ErrDamaged) {
		t.Fatalf("Check: %v, want ErrDamaged", err)
	}
	msg := err.Error()
	for _, want := range []string{"3 problem", "e/" + bad, "summary " + orphan + " has no entry", "entry " + lost + " has no summary"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Check error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, "not json") {
		t.Error("Check error repeats the record's content")
	}
}

// breakBucketRoot overwrites the page type of a bucket's root page in a closed
// journal, the kind of damage bbolt meets with a panic.
func breakBucketRoot(t *testing.T, path string, bucket []byte) {
	t.Helper()
	var root int64
	var pageSize int64
	raw(t, path, func(tx *bolt.Tx) error {
		root = int64(tx.Bucket(bucket).Root())
		pageSize = int64(tx.DB().Info().PageSize)
		return nil
	})
	if root == 0 {
		t.Fatalf("bucket %s is inline; fill more", bucket)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte{0x7f, 0x00}, root*pageSize+8); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedPagesArePlainErrors(t *testing.T) {
	path := journalPath(t)
	s := openAt(t, path, newClock(t0))
	if err := Fill(s, 300, 7); err != nil {
		t.Fatal(err)
	}
	page, _ := s.List(journal.Query{Limit: 1})
	id := page.Summaries[0].ID
	s.Close()

	t.Run("entries", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "journal.db")
		copyFile(t, path, p)
		breakBucketRoot(t, p, bucketEntries)
		s := openAt(t, p, newClock(t0)) // summaries are sound, so it opens
		if _, err := s.Get(id); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Get: %v, want ErrDamaged", err)
		}
		if err := s.Check(); !errors.Is(err, journal.ErrDamaged) {
			t.Errorf("Check: %v, want ErrDamaged", err)
		}
		// The store is still usable for what is sound.
		if page, err := s.List(journal.Query{}); err != nil || page.Total != 300 {
			t.Errorf("List after a damaged read = %d, %v", page.Total, err)
		}
	})
	t.Run("summaries", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "journal.db")
		copyFile(t, path, p)
		breakBucketRoot(t, p, bucketSummaries)
		for range 2 { // the failed open let go of the file: a second try is not "in use"
			_, err := Open(p, Options{Now: newClock(t0).Now, Timeout: 100 * time.Millisecond})
			if !errors.Is(err, journal.ErrDamaged) {
				t.Fatalf("Open: %v, want ErrDamaged", err)
			}
		}
	})
}

func TestGuardRecoversPanics(t *testing.T) {
	s, _ := newStore(t)
	err := s.view("read", func(*bolt.Tx) error { panic("bad page") })
	if !errors.Is(err, journal.ErrDamaged) || !strings.Contains(err.Error(), "bad page") {
		t.Errorf("view: %v, want ErrDamaged", err)
	}
	err = s.update("write", func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDraft).Put(keyDraft, []byte("x")); err != nil {
			return err
		}
		var m map[string]int
		m["boom"]++ // a runtime panic
		return nil
	})
	if !errors.Is(err, journal.ErrDamaged) {
		t.Errorf("update: %v, want ErrDamaged", err)
	}
	if _, ok, err := s.Draft(); ok || err != nil {
		t.Errorf("the panicking write was kept: %v, %v", ok, err)
	}
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "still fine"})
}

func TestPreflightAcceptsBusyFiles(t *testing.T) {
	// A journal after many writes and deletes has a long freelist.
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	for round := range 3 {
		if err := Fill(s, 200, int64(round)); err != nil {
			t.Fatal(err)
		}
		page, _ := s.List(journal.Query{Limit: 100})
		for _, sum := range page.Summaries {
			if err := s.Trash(sum.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.EmptyTrash(); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := preflight(f); err != nil {
		t.Errorf("preflight of a sound journal: %v", err)
	}
	var free int
	rawUpdate(t, path, func(tx *bolt.Tx) error { free = tx.DB().Stats().FreePageN; return nil })
	if free == 0 {
		t.Error("the test journal has no free pages; it tests nothing")
	}
	s = openAt(t, path, c)
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
	if page, _ := s.List(journal.Query{}); page.Total != 300 {
		t.Errorf("Total = %d, want 300 (3 × 200 - 3 × 100)", page.Total)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestALooseWaymarkFolderIsTightenedWithANotice(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "waymark")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(filepath.Join(dir, "journal.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o700 {
		t.Errorf("folder is %o, want 700", got)
	}
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "made it private to you") {
		t.Errorf("warnings = %q, want one notice that the folder was tightened", w)
	}
}
