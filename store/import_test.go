package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// exportAll returns every entry outside the trash, oldest first.
func exportAll(t testing.TB, s *Store) []journal.Entry {
	t.Helper()
	var out []journal.Entry
	if err := s.Export(ExportQuery{}, func(e journal.Entry) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return out
}

func mustImport(t testing.TB, s *Store, entries []journal.Entry, dims journal.Dimensions) ImportResult {
	t.Helper()
	res, err := s.Import(entries, dims, nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

func listAll(t testing.TB, s *Store) []journal.Summary {
	t.Helper()
	page, err := s.List(journal.Query{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return page.Summaries
}

func TestImportMergesByID(t *testing.T) {
	src, c := newStore(t)
	for i := range 5 {
		c.Add(time.Minute)
		mustCreate(t, src, journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprint("entry ", i), When: t0.Add(-time.Duration(i) * time.Hour)})
	}
	exported := exportAll(t, src)
	srcDims, _ := src.Dimensions()

	dst, dc := newStore(t)
	dc.Add(24 * time.Hour)
	if got := mustImport(t, dst, exported, srcDims); got != (ImportResult{Added: 5}) {
		t.Fatalf("first import = %+v, want 5 added", got)
	}
	for _, e := range exported {
		got, err := dst.Get(e.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v (a Waymark id must be kept)", e.ID, err)
		}
		sameJSON(t, "imported entry", got, e) // times kept as exported
	}
	before := listAll(t, dst)

	// The same file again changes nothing.
	if got := mustImport(t, dst, exported, srcDims); got != (ImportResult{Unchanged: 5}) {
		t.Errorf("second import = %+v, want 5 unchanged", got)
	}
	sameJSON(t, "index after a second import", listAll(t, dst), before)
	if ds, _ := dst.Dimensions(); len(ds) != len(srcDims)*2 {
		// Both journals began with the default set, under different ids:
		// the source's are added once, as "(imported)".
		t.Errorf("dimensions = %d, want %d", len(ds), len(srcDims)*2)
	}

	// Newer wins, older and equal are ignored.
	changed := slices.Clone(exported)
	changed[0].Text, changed[0].Updated = "newer words", exported[0].Updated.Add(time.Second)
	changed[1].Text, changed[1].Updated = "older words", exported[1].Updated.Add(-time.Second)
	changed[2].Text = "same time, other words"
	changed[0].Created, changed[0].When = time.Time{}, time.Time{} // kept from the stored one
	if got := mustImport(t, dst, changed, nil); got != (ImportResult{Updated: 1, Unchanged: 4}) {
		t.Errorf("third import = %+v, want 1 updated, 4 unchanged", got)
	}
	got, _ := dst.Get(exported[0].ID)
	if got.Text != "newer words" || !got.Updated.Equal(changed[0].Updated) ||
		!got.Created.Equal(exported[0].Created) || !got.When.Equal(exported[0].When) {
		t.Errorf("updated entry = %+v", got)
	}
	for _, i := range []int{1, 2} {
		if got, _ := dst.Get(exported[i].ID); got.Text != exported[i].Text {
			t.Errorf("entry %d was replaced by one not newer: %q", i, got.Text)
		}
	}
	if sum, ok := dst.index.Get(exported[0].ID); !ok || sum.Title != "newer words" {
		t.Errorf("index after an update: %+v", sum)
	}
	if n := len(listAll(t, dst)); n != 5 {
		t.Errorf("List holds %d, want 5", n)
	}
	if err := dst.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestImportKeepsLocalTrash(t *testing.T) {
	s, _ := newStore(t)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "old"})
	if err := s.Trash(e.ID); err != nil {
		t.Fatal(err)
	}
	e.Text, e.Updated = "edited elsewhere", e.Updated.Add(time.Hour)
	if got := mustImport(t, s, []journal.Entry{e}, nil); got.Updated != 1 {
		t.Fatalf("Import = %+v", got)
	}
	got, _ := s.Get(e.ID)
	if got.Text != "edited elsewhere" || !got.InTrash() {
		t.Errorf("entry = %q, in trash %v; want the new words, still in the trash", got.Text, got.InTrash())
	}
}

func TestImportTimes(t *testing.T) {
	s, c := newStore(t)
	c.Add(time.Hour)
	now := c.Now()
	created := t0.AddDate(-2, 0, 0)
	updated := created.Add(48 * time.Hour)
	when := created.Add(-time.Hour)
	in := []journal.Entry{
		{ID: "all-times", Kind: journal.KindReflection, Text: "a", When: when, Created: created, Updated: updated},
		{ID: "no-times", Kind: journal.KindReflection, Text: "b"},
		{ID: "created-only", Kind: journal.KindHope, Text: "c", Created: created},
	}
	mustImport(t, s, in, nil)
	byText := map[string]journal.Entry{}
	for _, e := range exportAll(t, s) {
		byText[e.Text] = e
	}
	check := func(text string, when, created, updated time.Time) {
		t.Helper()
		e := byText[text]
		if !e.When.Equal(when) || !e.Created.Equal(created) || !e.Updated.Equal(updated) {
			t.Errorf("%s: when %v created %v updated %v; want %v %v %v", text, e.When, e.Created, e.Updated, when, created, updated)
		}
	}
	check("a", when, created, updated)
	check("b", now, now, now)
	check("c", created, created, now)
}

func TestImportForeignIDs(t *testing.T) {
	foreign := []journal.Entry{
		{ID: "d1-3F2504E0-4F89-11D3-9A0C-0305E82C3301", Kind: journal.KindReflection, Text: "Day One words"},
		{ID: "jr-2024-01-02-secret-title", Kind: journal.KindReflection, Text: "jrnl words"},
		{ID: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", Kind: journal.KindReflection, Text: "upper case is not ours"},
	}
	keys := func(s *Store) map[string]string {
		out := map[string]string{}
		for _, e := range exportAll(t, s) {
			out[e.Text] = e.ID
		}
		return out
	}

	path := journalPath(t)
	c := newClock(t0)
	s := openAt(t, path, c)
	if got := mustImport(t, s, foreign, nil); got.Added != 3 {
		t.Fatalf("Import = %+v", got)
	}
	first := keys(s)
	for text, key := range first {
		if !idPattern.MatchString(key) {
			t.Errorf("%s: key %q is not 26 base32 characters", text, key)
		}
		for _, in := range foreign {
			if strings.Contains(strings.ToLower(key), "secret") || key == strings.ToLower(in.ID) {
				t.Errorf("key %q shows the id it came from", key)
			}
		}
	}
	k1, err := s.ImportKey()
	if err != nil || len(k1) != 32 {
		t.Fatalf("ImportKey = %x, %v", k1, err)
	}

	// Stable within the journal, also after reopening it.
	s.Close()
	s = openAt(t, path, c)
	if got := mustImport(t, s, foreign, nil); got != (ImportResult{Unchanged: 3}) {
		t.Errorf("import after reopening = %+v, want 3 unchanged", got)
	}
	if k, _ := s.ImportKey(); !bytes.Equal(k, k1) {
		t.Error("ImportKey changed after reopening")
	}
	sameJSON(t, "keys after reopening", keys(s), first)

	// Another journal has its own salt.
	other, _ := newStore(t)
	mustImport(t, other, foreign, nil)
	for text, key := range keys(other) {
		if first[text] == key {
			t.Errorf("%s: the same key %q in two journals", text, key)
		}
	}
	if k, _ := other.ImportKey(); bytes.Equal(k, k1) {
		t.Error("two journals have the same ImportKey")
	}

	// No id: a new random one each time.
	noID := []journal.Entry{{Kind: journal.KindHope, Text: "no id"}}
	mustImport(t, s, noID, nil)
	if got := mustImport(t, s, noID, nil); got.Added != 1 {
		t.Errorf("an entry without an id = %+v, want added again", got)
	}
}

func TestImportKeyBeforeFirstImport(t *testing.T) {
	// The key handed out before the salt is stored is the one the import stores.
	path := journalPath(t)
	c := newClock(t0)
	s := openAt(t, path, c)
	k1, err := s.ImportKey()
	if err != nil {
		t.Fatal(err)
	}
	raw := func() (found bool) {
		s.Close()
		rawFound := false
		raw(t, path, func(tx *bolt.Tx) error {
			rawFound = tx.Bucket(bucketMeta).Get(keyIDSalt) != nil
			return nil
		})
		s = openAt(t, path, c)
		return rawFound
	}
	// ImportKey writes nothing (a dry run leaves the journal as it was)...
	if raw() {
		t.Error("ImportKey stored the salt")
	}
	k1, _ = s.ImportKey()
	mustImport(t, s, []journal.Entry{{ID: "x", Kind: journal.KindHope, Text: "x"}}, nil)
	if k2, _ := s.ImportKey(); !bytes.Equal(k1, k2) {
		t.Error("the import stored another salt than the one ImportKey used")
	}
	if !raw() {
		t.Error("the import did not store the salt")
	}
	if k3, _ := s.ImportKey(); !bytes.Equal(k1, k3) {
		t.Error("ImportKey changed after reopening")
	}
}

func TestImportDuplicateIDsInOneImport(t *testing.T) {
	s, _ := newStore(t)
	a := journal.Entry{ID: "dup", Kind: journal.KindReflection, Text: "first", Updated: t0}
	b := journal.Entry{ID: "dup", Kind: journal.KindReflection, Text: "second", Updated: t0.Add(time.Hour)}
	c := journal.Entry{ID: "dup", Kind: journal.KindReflection, Text: "third, older", Updated: t0.Add(-time.Hour)}
	if got := mustImport(t, s, []journal.Entry{a, b, c}, nil); got != (ImportResult{Added: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("Import = %+v", got)
	}
	sums := listAll(t, s)
	if len(sums) != 1 || sums[0].Title != "second" {
		t.Errorf("List = %+v, want one entry, the newest", sums)
	}
}

func TestImportDimensions(t *testing.T) {
	s, _ := newStore(t)
	existing, _ := s.Dimensions()
	health, _ := existing.ByName("Health")
	in := journal.Dimensions{
		{ID: "imp-art", Name: "Art", Colour: "plum", Order: 2, Prompt: "Making things", Prompts: []string{"What did I make?"}, Archived: true},
		{ID: "imp-health", Name: "health", Colour: "not a colour", Order: 0},
		{ID: health.ID, Name: "Renamed elsewhere", Order: 1}, // already here: ours is kept
		{ID: "imp-health-2", Name: "Health (imported)", Order: 3},
		{ID: "imp-long", Name: "Community", Order: 4},
		{ID: "imp-long-2", Name: strings.Repeat("x", 32), Order: 5},
		{ID: "imp-long-3", Name: strings.Repeat("x", 32), Order: 6},
	}
	e := journal.Entry{ID: "d1-1", Kind: journal.KindReflection, Text: "art", Dimensions: []string{"imp-art", health.ID}}
	mustImport(t, s, []journal.Entry{e}, in)

	got, _ := s.Dimensions()
	var names, ids []string
	for _, d := range got.Sorted() {
		names = append(names, d.Name)
		ids = append(ids, d.ID)
	}
	want := []string{"Health", "Home", "Purpose", "Community",
		"health (imported)", "Art", "Health (imported) (imported)", "Community (imported)",
		strings.Repeat("x", 32), strings.Repeat("x", 21) + " (imported)"}
	if !slices.Equal(names, want) {
		t.Errorf("names =\n%q\nwant\n%q", names, want)
	}
	if wantIDs := []string{"imp-health", "imp-art", "imp-health-2", "imp-long", "imp-long-2", "imp-long-3"}; !slices.Equal(ids[4:], wantIDs) {
		t.Errorf("ids = %v, want the imported ones kept: %v", ids[4:], wantIDs)
	}
	art, _ := got.ByID("imp-art")
	if art.Colour != "plum" || art.Prompt != "Making things" || !slices.Equal(art.Prompts, []string{"What did I make?"}) || !art.Archived {
		t.Errorf("Art = %+v", art)
	}
	if h, _ := got.ByID("imp-health"); !slices.Contains(journal.Palette, h.Colour) {
		t.Errorf("an unknown colour was kept: %+v", h)
	}
	if h, _ := got.ByID(health.ID); h.Name != "Health" {
		t.Errorf("an existing area was changed: %+v", h)
	}
	for i, d := range got.Sorted() {
		if d.Order != i {
			t.Errorf("order of %s = %d, want %d", d.Name, d.Order, i)
		}
	}
	if c, _ := s.Counts(); c.ByDimension["imp-art"] != 1 {
		t.Errorf("Counts = %+v", c.ByDimension)
	}

	// Reopened, the same; importing the same areas again adds none.
	mustImport(t, s, nil, in)
	again, _ := s.Dimensions()
	sameJSON(t, "dimensions after a second import", again, got)

	// A nameless area can't be added: nothing is.
	if _, err := s.Import([]journal.Entry{{Kind: journal.KindHope, Text: "x"}}, journal.Dimensions{{ID: "blank", Name: "  "}}, nil); !errors.Is(err, journal.ErrDimensionNameEmpty) {
		t.Errorf("Import with a nameless area: %v", err)
	}
	if n := len(listAll(t, s)); n != 1 {
		t.Errorf("entries = %d after a refused import, want 1", n)
	}
}

func TestImportBeginsAFreshJournal(t *testing.T) {
	t.Run("foreign entries", func(t *testing.T) {
		s := openAt(t, journalPath(t), newClock(t0))
		mustImport(t, s, []journal.Entry{{ID: "jr-1", Kind: journal.KindReflection, Text: "x"}}, nil)
		if fresh, _ := s.Fresh(); fresh {
			t.Error("still fresh after an import")
		}
		ds, _ := s.Dimensions()
		if len(ds) != len(journal.DefaultStartingSet().Areas) {
			t.Errorf("dimensions = %+v, want the default set", ds)
		}
	})
	t.Run("a Waymark export", func(t *testing.T) {
		path := journalPath(t)
		s := openAt(t, path, newClock(t0))
		dims := journal.Dimensions{{ID: "a", Name: "Art", Colour: "teal"}, {ID: "b", Name: "Body", Colour: "sky", Order: 1}}
		mustImport(t, s, nil, dims)
		s.Close()
		s = openAt(t, path, newClock(t0))
		if fresh, _ := s.Fresh(); fresh {
			t.Error("still fresh after an import")
		}
		got, _ := s.Dimensions()
		sameJSON(t, "dimensions", got, dims)
	})
	t.Run("nothing", func(t *testing.T) {
		s := openAt(t, journalPath(t), newClock(t0))
		if got, err := s.Import(nil, nil, nil); err != nil || got != (ImportResult{}) {
			t.Errorf("Import of nothing = %+v, %v", got, err)
		}
		if fresh, _ := s.Fresh(); !fresh {
			t.Error("an empty import began the journal")
		}
	})
}

func TestImportInvalidEntryChangesNothing(t *testing.T) {
	s, _ := newStore(t)
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "already here"})
	dimsBefore, _ := s.Dimensions()
	indexBefore := listAll(t, s)
	fileBefore, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	in := []journal.Entry{
		{ID: "ok-1", Kind: journal.KindReflection, Text: "fine"},
		{ID: "ok-2", Kind: journal.KindHope, Text: "fine too"},
		{ID: "bad", Kind: journal.KindReflection, Text: "   "},
	}
	_, err = s.Import(in, journal.Dimensions{{ID: "new", Name: "New"}}, nil)
	if !errors.Is(err, journal.ErrEmptyText) || !strings.HasPrefix(err.Error(), "entry 3: ") {
		t.Fatalf("Import: %v, want entry 3 refused", err)
	}
	if got := journal.Explain(err); got != journal.ErrEmptyText.Error() {
		t.Errorf("Explain = %q", got)
	}
	fileAfter, _ := os.ReadFile(s.Path())
	if !bytes.Equal(fileBefore, fileAfter) {
		t.Error("the file changed")
	}
	sameJSON(t, "index", listAll(t, s), indexBefore)
	dimsAfter, _ := s.Dimensions()
	sameJSON(t, "dimensions", dimsAfter, dimsBefore)

	// A failure inside the transaction (here the second entry can't be
	// sealed) rolls back what was written before it: salt, areas, first entry.
	s.seal = &failingSealer{sealer: s.seal, after: 5, err: errors.New("no room")}
	in = in[:2]
	in = append(in, journal.Entry{ID: "ok-3", Kind: journal.KindHope, Text: "three"})
	if _, err := s.Import(in, journal.Dimensions{{ID: "new", Name: "New"}}, nil); err == nil {
		t.Fatal("Import with a failing write succeeded")
	}
	s.seal = s.seal.(*failingSealer).sealer
	sameJSON(t, "index after a failed write", listAll(t, s), indexBefore)
	dimsAfter, _ = s.Dimensions()
	sameJSON(t, "dimensions after a failed write", dimsAfter, dimsBefore)
	if n := keyCount(t, copyOf(t, s.Path()), bucketEntries); n != 1 {
		t.Errorf("the file holds %d entries, want 1", n)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

// copyOf copies a journal that is open into a new file, to read it raw.
func copyOf(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := journalPath(t)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// failingSealer seals the first `after` values, then fails with err.
type failingSealer struct {
	sealer
	after int
	err   error
}

func (f *failingSealer) seal(bucket, key, plain []byte) ([]byte, error) {
	if f.after <= 0 {
		return nil, f.err
	}
	f.after--
	return f.sealer.seal(bucket, key, plain)
}

func TestImportProgress(t *testing.T) {
	s, _ := newStore(t)
	in := make([]journal.Entry, 2500)
	for i := range in {
		in[i] = journal.Entry{ID: fmt.Sprint("p-", i), Kind: journal.KindReflection, Text: fmt.Sprint("entry ", i)}
	}
	var calls [][2]int
	res, err := s.Import(in, nil, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil || res.Added != 2500 {
		t.Fatalf("Import = %+v, %v", res, err)
	}
	if want := [][2]int{{1000, 2500}, {2000, 2500}, {2500, 2500}}; !slices.Equal(calls, want) {
		t.Errorf("progress calls = %v, want %v", calls, want)
	}
	if c, _ := s.Counts(); c.All != 2500 {
		t.Errorf("Counts.All = %d", c.All)
	}
}

func TestImportEncrypted(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := createEncrypted(t, path, c)
	in := []journal.Entry{
		{ID: "d1-ABC", Kind: journal.KindReflection, Text: canary},
		{ID: strings.Repeat("q", 26), Kind: journal.KindHope, Text: "ours", Updated: t0},
	}
	dims := journal.Dimensions{{ID: "m", Name: "Marigold canary"}}
	if got := mustImport(t, s, in, dims); got.Added != 2 {
		t.Fatalf("Import = %+v", got)
	}
	if got := mustImport(t, s, in, dims); got != (ImportResult{Unchanged: 2}) {
		t.Errorf("second import = %+v", got)
	}
	k1, _ := s.ImportKey()
	s.Close()
	if l := leaks(t, path); len(l) > 0 {
		t.Errorf("the encrypted file shows %q", l)
	}
	raw(t, path, func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyIDSalt); len(v) == 0 || v[0] != formatXChaCha {
			t.Error("the import salt is not sealed")
		}
		return nil
	})

	s, err := openWith(t, path, c, testPass)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustImport(t, s, in, dims); got != (ImportResult{Unchanged: 2}) {
		t.Errorf("import after reopening = %+v", got)
	}
	if k2, _ := s.ImportKey(); !bytes.Equal(k1, k2) {
		t.Error("ImportKey changed")
	}
	if got, err := s.Get(strings.Repeat("q", 26)); err != nil || got.Text != "ours" {
		t.Errorf("Get = %+v, %v", got, err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestWouldImportMatchesImport(t *testing.T) {
	s, c := newStore(t)
	kept := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "ours"})
	newer, older := kept, kept
	newer.Text, newer.Updated = "newer", kept.Updated.Add(time.Hour)
	older.Text, older.Updated = "older", kept.Updated.Add(-time.Hour)
	in := []journal.Entry{
		newer, older,
		{ID: "d1-A", Kind: journal.KindReflection, Text: "a", Updated: t0},
		{ID: "d1-A", Kind: journal.KindReflection, Text: "a again, later", Updated: t0.Add(time.Hour)},
		{ID: "d1-A", Kind: journal.KindReflection, Text: "a again, same time", Updated: t0.Add(time.Hour)},
		{ID: "jr-no-time", Kind: journal.KindHope, Text: "no time"},
		{ID: "jr-no-time", Kind: journal.KindHope, Text: "no time, twice"},
		{Kind: journal.KindHope, Text: "no id"},
	}
	dims := journal.Dimensions{{ID: "new", Name: "New"}}
	for round := range 2 {
		c.Add(time.Minute)
		fileBefore, _ := os.ReadFile(s.Path())
		indexBefore := listAll(t, s)
		would, err := s.WouldImport(in, dims)
		if err != nil {
			t.Fatal(err)
		}
		if after, _ := os.ReadFile(s.Path()); !bytes.Equal(after, fileBefore) {
			t.Errorf("round %d: WouldImport changed the file", round)
		}
		sameJSON(t, "index after WouldImport", listAll(t, s), indexBefore)
		did := mustImport(t, s, in, dims)
		if would != did {
			t.Errorf("round %d: WouldImport = %+v, Import = %+v", round, would, did)
		}
	}
	bad := append(slices.Clone(in), journal.Entry{Kind: journal.KindReflection})
	if _, err := s.WouldImport(bad, nil); !errors.Is(err, journal.ErrEmptyText) || !strings.HasPrefix(err.Error(), fmt.Sprintf("entry %d: ", len(bad))) {
		t.Errorf("WouldImport of an invalid entry: %v", err)
	}
}
