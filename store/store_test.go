package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

var idPattern = regexp.MustCompile(`^[a-z2-7]{26}$`)

// sameJSON fails unless a and b encode alike (times compare by instant and zone offset).
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func TestCreateAndGet(t *testing.T) {
	s, c := newStore(t)
	dims, _ := s.Dimensions()
	in := journal.Entry{
		Kind:       journal.KindReflection,
		Dimensions: []string{dims[0].ID, dims[2].ID, dims[0].ID},
		Tags:       []string{"morning"},
		Prompt:     "What helped this week?",
		Text:       "A walk <before> breakfast & a call with Sam.\n\nIt helped.",
	}
	got := mustCreate(t, s, in)

	if !idPattern.MatchString(got.ID) {
		t.Errorf("ID = %q, want 26 lowercase base32 characters", got.ID)
	}
	for name, tm := range map[string]time.Time{"When": got.When, "Created": got.Created, "Updated": got.Updated} {
		if !tm.Equal(t0) {
			t.Errorf("%s = %v, want the clock's %v", name, tm, t0)
		}
	}
	if want := []string{dims[0].ID, dims[2].ID}; !slices.Equal(got.Dimensions, want) {
		t.Errorf("Dimensions = %v, want duplicates dropped: %v", got.Dimensions, want)
	}

	c.Add(time.Hour)
	back, err := s.Get(got.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	sameJSON(t, "Get", back, got)
	if back.Text != in.Text {
		t.Errorf("Text = %q, want it kept exactly: %q", back.Text, in.Text)
	}

	for _, id := range []string{"", "nosuchid", strings.Repeat("a", 26)} {
		if _, err := s.Get(id); !errors.Is(err, journal.ErrNotFound) {
			t.Errorf("Get(%q) error = %v, want ErrNotFound", id, err)
		}
	}
}

func TestCreateKeepsABackDatedWhen(t *testing.T) {
	s, _ := newStore(t)
	when := t0.Add(-72 * time.Hour)
	got := mustCreate(t, s, journal.Entry{Kind: journal.KindHope, Text: "Someday a garden.", When: when})
	if !got.When.Equal(when) || !got.Created.Equal(t0) {
		t.Errorf("When, Created = %v, %v; want %v, %v", got.When, got.Created, when, t0)
	}
}

func TestListNewestFirstWithPaging(t *testing.T) {
	s, _ := newStore(t)
	const n = 120
	// Create in a shuffled order: the order must come from When, not from creation.
	order := rand.New(rand.NewPCG(1, 2)).Perm(n)
	byHour := map[int]string{}
	for _, h := range order {
		e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprintf("entry %d", h), When: t0.Add(-time.Duration(h) * time.Hour)})
		byHour[h] = e.ID
	}
	var want []string
	for h := 0; h < n; h++ {
		want = append(want, byHour[h]) // hour 0 is the newest
	}

	tests := []struct {
		offset, limit int
		want          []string
	}{
		{0, 0, want[:50]}, // zero limit is a default page
		{0, 50, want[:50]},
		{50, 50, want[50:100]},
		{100, 50, want[100:]},
		{115, 10, want[115:]},
		{200, 10, nil},
		{0, 1, want[:1]},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("offset%d_limit%d", tt.offset, tt.limit), func(t *testing.T) {
			page, err := s.List(journal.Query{Offset: tt.offset, Limit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != n {
				t.Errorf("Total = %d, want %d", page.Total, n)
			}
			if got := ids(page.Summaries); !slices.Equal(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
	page, _ := s.List(journal.Query{Limit: 1})
	if page.Summaries[0].Title != "entry 0" {
		t.Errorf("newest title = %q, want %q", page.Summaries[0].Title, "entry 0")
	}
}

func TestListFilters(t *testing.T) {
	s, _ := newStore(t)
	dims, _ := s.Dimensions()
	health, home := dims[0].ID, dims[1].ID
	type made struct {
		id   string
		kind journal.Kind
		dims []string
	}
	var all []made
	specs := []struct {
		kind journal.Kind
		dims []string
	}{
		{journal.KindReflection, []string{health}},
		{journal.KindHope, []string{health, home}},
		{journal.KindReflection, nil},
		{journal.KindHope, []string{home}},
		{journal.KindReflection, []string{home}},
		{journal.KindGoal, []string{health}},
	}
	for i, sp := range specs {
		e := journal.Entry{Kind: sp.kind, Dimensions: sp.dims, Text: "words", When: t0.Add(-time.Duration(i) * time.Minute)}
		if sp.kind == journal.KindGoal {
			e.Title = "Walk every day"
			e.Goal = &journal.Goal{Status: journal.GoalActive}
		}
		got := mustCreate(t, s, e)
		all = append(all, made{got.ID, sp.kind, sp.dims})
	}
	pick := func(keep func(made) bool) []string {
		var out []string
		for _, m := range all {
			if keep(m) {
				out = append(out, m.id)
			}
		}
		return out
	}
	tests := []struct {
		name string
		q    journal.Query
		want []string
	}{
		{"all", journal.Query{}, pick(func(made) bool { return true })},
		{"health", journal.Query{Dimension: health}, pick(func(m made) bool { return slices.Contains(m.dims, health) })},
		{"home", journal.Query{Dimension: home}, pick(func(m made) bool { return slices.Contains(m.dims, home) })},
		{"hopes", journal.Query{Kinds: []journal.Kind{journal.KindHope}}, pick(func(m made) bool { return m.kind == journal.KindHope })},
		{"hopes and goals", journal.Query{Kinds: []journal.Kind{journal.KindHope, journal.KindGoal}},
			pick(func(m made) bool { return m.kind != journal.KindReflection })},
		{"home reflections", journal.Query{Dimension: home, Kinds: []journal.Kind{journal.KindReflection}},
			pick(func(m made) bool { return m.kind == journal.KindReflection && slices.Contains(m.dims, home) })},
		{"unknown dimension", journal.Query{Dimension: "nope"}, nil},
		{"trash", journal.Query{Trash: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.List(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(page.Summaries); !slices.Equal(got, tt.want) || page.Total != len(tt.want) {
				t.Errorf("ids = %v (total %d), want %v", got, page.Total, tt.want)
			}
		})
	}
	page, _ := s.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}})
	if sum := page.Summaries[0]; sum.Title != "Walk every day" || sum.Status != journal.GoalActive {
		t.Errorf("goal summary = %+v, want its title and status", sum)
	}

	counts, _ := s.Counts()
	if counts.All != 6 || counts.ByDimension[health] != 3 || counts.ByDimension[home] != 3 ||
		counts.ByKind[journal.KindReflection] != 3 || counts.ByKind[journal.KindHope] != 2 || !counts.Latest.Equal(t0) {
		t.Errorf("Counts = %+v", counts)
	}
}

func TestUpdate(t *testing.T) {
	s, c := newStore(t)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "first words", When: t0.Add(-time.Hour)})
	other := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "other", When: t0.Add(-30 * time.Minute)})

	c.Add(10 * time.Minute)
	e.Text = "second words"
	e.When = t0.Add(-10 * time.Minute) // now newer than other
	e.Created = time.Time{}            // a caller cannot change Created
	up, err := s.Update(e)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if !up.Created.Equal(t0) || !up.Updated.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("Created, Updated = %v, %v; want %v, %v", up.Created, up.Updated, t0, t0.Add(10*time.Minute))
	}
	back, _ := s.Get(e.ID)
	sameJSON(t, "Get after Update", back, up)
	page, _ := s.List(journal.Query{})
	if got := ids(page.Summaries); !slices.Equal(got, []string{e.ID, other.ID}) || page.Summaries[0].Title != "second words" {
		t.Errorf("List = %+v, want the updated entry first with its new title", page.Summaries)
	}

	// A zero When keeps the stored one.
	up.When = time.Time{}
	up2, err := s.Update(up)
	if err != nil || !up2.When.Equal(t0.Add(-10*time.Minute)) {
		t.Errorf("Update with zero When = %v, %v; want the stored When", up2.When, err)
	}

	_, err = s.Update(journal.Entry{ID: "missing", Kind: journal.KindReflection, Text: "x"})
	if !errors.Is(err, journal.ErrNotFound) {
		t.Errorf("Update of a missing entry: %v, want ErrNotFound", err)
	}
	if page, _ := s.List(journal.Query{}); page.Total != 2 {
		t.Errorf("Total after failed update = %d, want 2", page.Total)
	}
	up2.Text = "  "
	if _, err := s.Update(up2); !errors.Is(err, journal.ErrEmptyText) {
		t.Errorf("Update with empty text: %v, want ErrEmptyText", err)
	}
	if back, _ := s.Get(e.ID); back.Text != "second words" {
		t.Errorf("Text after refused update = %q", back.Text)
	}
}

func TestTrashRestoreAndEmpty(t *testing.T) {
	s, c := newStore(t)
	dims, _ := s.Dimensions()
	a := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "a", Dimensions: []string{dims[0].ID}, When: t0.Add(-3 * time.Hour)})
	b := mustCreate(t, s, journal.Entry{Kind: journal.KindHope, Text: "b", Dimensions: []string{dims[0].ID}, When: t0.Add(-2 * time.Hour)})
	keep := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "keep", When: t0.Add(-1 * time.Hour)})

	c.Add(time.Minute)
	for _, id := range []string{a.ID, b.ID} {
		if err := s.Trash(id); err != nil {
			t.Fatalf("Trash: %v", err)
		}
	}
	page, _ := s.List(journal.Query{})
	if got := ids(page.Summaries); !slices.Equal(got, []string{keep.ID}) {
		t.Errorf("default List = %v, want only %v", got, keep.ID)
	}
	trash, _ := s.List(journal.Query{Trash: true})
	if got := ids(trash.Summaries); !slices.Equal(got, []string{b.ID, a.ID}) {
		t.Errorf("trash List = %v, want %v", got, []string{b.ID, a.ID})
	}
	counts, _ := s.Counts()
	if counts.All != 1 || counts.Trash != 2 || counts.ByDimension[dims[0].ID] != 0 || !counts.Latest.Equal(keep.When) {
		t.Errorf("Counts = %+v, want 1 outside the trash and 2 in it", counts)
	}
	got, _ := s.Get(a.ID)
	if !got.Trashed.Equal(t0.Add(time.Minute)) {
		t.Errorf("Trashed = %v, want %v", got.Trashed, t0.Add(time.Minute))
	}

	if err := s.Restore(a.ID); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	got, _ = s.Get(a.ID)
	if got.InTrash() || got.Text != "a" {
		t.Errorf("restored entry = %+v", got)
	}
	if page, _ := s.List(journal.Query{}); page.Total != 2 {
		t.Errorf("Total after restore = %d, want 2", page.Total)
	}

	for _, f := range []func(string) error{s.Trash, s.Restore} {
		if err := f("missing"); !errors.Is(err, journal.ErrNotFound) {
			t.Errorf("on a missing entry: %v, want ErrNotFound", err)
		}
	}

	n, err := s.EmptyTrash()
	if err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v; want 1", n, err)
	}
	if _, err := s.Get(b.ID); !errors.Is(err, journal.ErrNotFound) {
		t.Errorf("Get after EmptyTrash: %v, want ErrNotFound", err)
	}
	if trash, _ := s.List(journal.Query{Trash: true}); trash.Total != 0 {
		t.Errorf("trash after EmptyTrash holds %d", trash.Total)
	}
	if n, err := s.EmptyTrash(); n != 0 || err != nil {
		t.Errorf("EmptyTrash of an empty trash = %d, %v", n, err)
	}
	path := s.Path()
	s.Close()
	for _, bucket := range [][]byte{bucketEntries, bucketSummaries} {
		if n := keyCount(t, path, bucket); n != 2 {
			t.Errorf("bucket %s holds %d records, want 2 (the emptied one deleted for good)", bucket, n)
		}
	}
}

func TestEmptyTrashMany(t *testing.T) {
	s, _ := newStore(t)
	var batch []journal.Entry
	for i := range 200 {
		batch = append(batch, journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprint("entry ", i), When: t0.Add(-time.Duration(i) * time.Minute)})
	}
	made, err := s.createBatch(batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range made {
		if i%2 == 0 {
			if err := s.Trash(e.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n, err := s.EmptyTrash(); n != 100 || err != nil {
		t.Fatalf("EmptyTrash = %d, %v; want 100", n, err)
	}
	page, _ := s.List(journal.Query{Limit: 200})
	if page.Total != 100 || page.Summaries[0].ID != made[1].ID || page.Summaries[99].ID != made[199].ID {
		t.Errorf("after EmptyTrash: total %d, first %s, last %s", page.Total, page.Summaries[0].ID, page.Summaries[99].ID)
	}
}

func TestPrepareErrorsWriteNothing(t *testing.T) {
	tests := []struct {
		name  string
		entry journal.Entry
		want  error
	}{
		{"empty text", journal.Entry{Kind: journal.KindReflection}, journal.ErrEmptyText},
		{"only spaces", journal.Entry{Kind: journal.KindHope, Text: " \n\t "}, journal.ErrEmptyText},
		{"unknown kind", journal.Entry{Kind: "diary", Text: "words"}, journal.ErrUnknownKind},
		{"goal without a title", journal.Entry{Kind: journal.KindGoal, Text: "words"}, journal.ErrEmptyTitle},
		{"too long", journal.Entry{Kind: journal.KindReflection, Text: strings.Repeat("a", journal.MaxTextBytes+1)}, journal.ErrTextTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t)
			if _, err := s.Create(tt.entry); !errors.Is(err, tt.want) {
				t.Fatalf("Create error = %v, want %v", err, tt.want)
			}
			batch := []journal.Entry{{Kind: journal.KindReflection, Text: "fine"}, tt.entry}
			if _, err := s.createBatch(batch); !errors.Is(err, tt.want) {
				t.Fatalf("createBatch error = %v, want %v", err, tt.want)
			}
			if page, _ := s.List(journal.Query{}); page.Total != 0 {
				t.Errorf("List total = %d, want 0", page.Total)
			}
			path := s.Path()
			s.Close()
			if n := keyCount(t, path, bucketEntries) + keyCount(t, path, bucketSummaries); n != 0 {
				t.Errorf("%d records written, want none", n)
			}
		})
	}
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	s, _ := newStore(t)
	e := mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Title: "t\xffitle", Text: "caf\xc3 ok\xff"})
	want := "caf\uFFFD ok\uFFFD"
	if e.Text != want || e.Title != "t\uFFFDitle" {
		t.Errorf("Create returned %q, %q", e.Title, e.Text)
	}
	back, _ := s.Get(e.ID)
	if back.Text != want {
		t.Errorf("Get Text = %q, want %q", back.Text, want)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	if fresh, _ := s.Fresh(); !fresh {
		t.Fatal("a new journal is not Fresh")
	}
	dims, err := s.Begin(journal.DefaultStartingSet())
	if err != nil {
		t.Fatal(err)
	}
	dims, _ = dims.Rename(dims[1].ID, "My place")
	if err := s.SaveDimensions(dims); err != nil {
		t.Fatal(err)
	}
	var made []journal.Entry
	for i := range 5 {
		made = append(made, mustCreate(t, s, journal.Entry{
			Kind: journal.WritableKinds[i%2], Text: fmt.Sprintf("words %d", i),
			Dimensions: []string{dims[i%len(dims)].ID}, When: t0.Add(-time.Duration(i) * time.Hour),
		}))
	}
	if err := s.Trash(made[4].ID); err != nil {
		t.Fatal(err)
	}
	made[4], _ = s.Get(made[4].ID)
	draft := journal.Draft{EntryID: made[0].ID, Kind: journal.KindHope, Text: "half a thought", Dimensions: []string{dims[0].ID}}
	if err := s.SaveDraft(draft); err != nil {
		t.Fatal(err)
	}
	wantPage, _ := s.List(journal.Query{})
	wantTrash, _ := s.List(journal.Query{Trash: true})
	wantCounts, _ := s.Counts()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	c.Add(time.Hour)
	s = openAt(t, path, c)
	if fresh, _ := s.Fresh(); fresh {
		t.Error("reopened journal is Fresh, want begun")
	}
	gotDims, _ := s.Dimensions()
	sameJSON(t, "Dimensions", gotDims, dims)
	if gotDims[1].Name != "My place" {
		t.Errorf("renamed dimension = %q", gotDims[1].Name)
	}
	for _, e := range made {
		back, err := s.Get(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "entry", back, e)
	}
	gotPage, _ := s.List(journal.Query{})
	gotTrash, _ := s.List(journal.Query{Trash: true})
	gotCounts, _ := s.Counts()
	sameJSON(t, "List", gotPage, wantPage)
	sameJSON(t, "trash", gotTrash, wantTrash)
	sameJSON(t, "Counts", gotCounts, wantCounts)
	if gotPage.Total != 4 || gotTrash.Total != 1 {
		t.Errorf("totals = %d, %d; want 4, 1", gotPage.Total, gotTrash.Total)
	}
	d, ok, err := s.Draft()
	draft.Saved = t0
	if err != nil || !ok {
		t.Fatalf("Draft = %v, %v", ok, err)
	}
	sameJSON(t, "Draft", d, draft)
}

func TestFreshBeginAndSaveDimensions(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*Store) error
		names []string
	}{
		{"begin four", func(s *Store) error { _, err := s.Begin(journal.DefaultStartingSet()); return err },
			[]string{"Health", "Home", "Purpose", "Community"}},
		{"begin blank", func(s *Store) error {
			set, _ := journal.FindStartingSet("blank")
			_, err := s.Begin(set)
			return err
		}, nil},
		{"save dimensions", func(s *Store) error {
			ds, _, err := journal.Dimensions(nil).Add(s.NewDimensionID(), "Music")
			if err != nil {
				return err
			}
			return s.SaveDimensions(ds)
		}, []string{"Music"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := journalPath(t)
			s := openAt(t, path, newClock(t0))
			if fresh, err := s.Fresh(); !fresh || err != nil {
				t.Fatalf("Fresh = %v, %v; want true", fresh, err)
			}
			if err := tt.setup(s); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = openAt(t, path, newClock(t0))
			if fresh, _ := s.Fresh(); fresh {
				t.Error("Fresh after setup and reopen, want not")
			}
			ds, _ := s.Dimensions()
			var names []string
			for _, d := range ds {
				names = append(names, d.Name)
				if !idPattern.MatchString(d.ID) {
					t.Errorf("dimension id %q is not an opaque id", d.ID)
				}
			}
			if !slices.Equal(names, tt.names) {
				t.Errorf("names = %v, want %v", names, tt.names)
			}
		})
	}
}

func TestDimensionsAreCopies(t *testing.T) {
	s, _ := newStore(t)
	ds, _ := s.Dimensions()
	ds[0].Name = "changed"
	ds[0].Prompts[0] = "changed"
	again, _ := s.Dimensions()
	if again[0].Name == "changed" || again[0].Prompts[0] == "changed" {
		t.Error("changing a returned set changed the store's")
	}
	if a, b := s.NewDimensionID(), s.NewDimensionID(); a == b || !idPattern.MatchString(a) {
		t.Errorf("NewDimensionID gave %q and %q", a, b)
	}
}

func TestDraft(t *testing.T) {
	s, c := newStore(t)
	if _, ok, err := s.Draft(); ok || err != nil {
		t.Fatalf("Draft on a new journal = %v, %v; want none", ok, err)
	}
	c.Add(5 * time.Second)
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "one"}); err != nil {
		t.Fatal(err)
	}
	c.Add(5 * time.Second)
	if err := s.SaveDraft(journal.Draft{Kind: journal.KindReflection, Text: "one two", Saved: t0}); err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.Draft()
	if !ok || err != nil || d.Text != "one two" || !d.Saved.Equal(t0.Add(10*time.Second)) {
		t.Errorf("Draft = %+v, %v, %v; want the last one, saved by the clock", d, ok, err)
	}
	for range 2 {
		if err := s.ClearDraft(); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := s.Draft(); ok {
		t.Error("Draft after ClearDraft still there")
	}
}

func TestConcurrentUse(t *testing.T) {
	s, _ := newStore(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e, err := s.Create(journal.Entry{Kind: journal.KindReflection, Text: fmt.Sprintf("w%d i%d", w, i)})
				if err != nil {
					errs <- err
					continue
				}
				if _, err := s.Get(e.ID); err != nil {
					errs <- err
				}
				if _, err := s.List(journal.Query{}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if c, _ := s.Counts(); c.All != workers*each {
		t.Errorf("All = %d, want %d", c.All, workers*each)
	}
}

// TestMatchesMemjournal runs the same steps on the store and the in-memory
// journal and expects the same lists and counts.
func TestMatchesMemjournal(t *testing.T) {
	c := newClock(t0)
	s := openAt(t, journalPath(t), c)
	m := memjournal.New(c.Now)
	dims := journal.Dimensions{{ID: "d1", Name: "Health", Order: 0}, {ID: "d2", Name: "Home", Order: 1}}
	repos := []journal.Repository{s, m}
	for _, r := range repos {
		if err := r.SaveDimensions(dims); err != nil {
			t.Fatal(err)
		}
	}
	idsOf := make([][]string, len(repos))
	steps := []func(r journal.Repository, ids []string) ([]string, error){}
	for i := range 12 {
		steps = append(steps, func(r journal.Repository, ids []string) ([]string, error) {
			e, err := r.Create(journal.Entry{Kind: journal.WritableKinds[i%2], Text: fmt.Sprintf("# Day %d\nmore", i),
				Dimensions: []string{dims[i%2].ID}, When: t0.Add(time.Duration((i*7)%12) * -time.Hour)})
			return append(ids, e.ID), err
		})
	}
	steps = append(steps,
		func(r journal.Repository, ids []string) ([]string, error) { return ids, r.Trash(ids[3]) },
		func(r journal.Repository, ids []string) ([]string, error) { return ids, r.Trash(ids[5]) },
		func(r journal.Repository, ids []string) ([]string, error) { return ids, r.Restore(ids[3]) },
		func(r journal.Repository, ids []string) ([]string, error) {
			e, err := r.Get(ids[7])
			if err != nil {
				return ids, err
			}
			e.Text = "changed"
			e.Dimensions = []string{"d1", "d2"}
			_, err = r.Update(e)
			return ids, err
		},
		func(r journal.Repository, ids []string) ([]string, error) { return ids, r.Trash(ids[8]) },
		func(r journal.Repository, ids []string) ([]string, error) { _, err := r.EmptyTrash(); return ids, err },
	)
	for i, step := range steps {
		c.Add(time.Minute)
		for j, r := range repos {
			var err error
			if idsOf[j], err = step(r, idsOf[j]); err != nil {
				t.Fatalf("step %d on %T: %v", i, r, err)
			}
		}
	}
	for _, q := range []journal.Query{{}, {Trash: true}, {Dimension: "d2"}, {Kinds: []journal.Kind{journal.KindHope}, Limit: 3, Offset: 1}} {
		var pages []journal.Page
		for j, r := range repos {
			p, err := r.List(q)
			if err != nil {
				t.Fatal(err)
			}
			// Ids differ between the two; compare by position in creation order.
			for k := range p.Summaries {
				p.Summaries[k].ID = fmt.Sprint(slices.Index(idsOf[j], p.Summaries[k].ID))
			}
			pages = append(pages, p)
		}
		sameJSON(t, fmt.Sprintf("List(%+v)", q), pages[0], pages[1])
	}
	cs, _ := s.Counts()
	cm, _ := m.Counts()
	sameJSON(t, "Counts", cs, cm)
	if cs.All != 10 {
		t.Errorf("All = %d, want 10", cs.All)
	}
}

func TestClosedStore(t *testing.T) {
	s, _ := newStore(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	calls := map[string]error{}
	_, calls["Create"] = s.Create(journal.Entry{Kind: journal.KindReflection, Text: "x"})
	_, calls["Get"] = s.Get("x")
	_, calls["List"] = s.List(journal.Query{})
	_, calls["Counts"] = s.Counts()
	_, calls["Fresh"] = s.Fresh()
	calls["SaveDraft"] = s.SaveDraft(journal.Draft{})
	calls["Backup"] = s.Backup(s.Path() + ".copy")
	calls["Check"] = s.Check()
	for name, err := range calls {
		if !errors.Is(err, errClosed) {
			t.Errorf("%s after Close: %v, want errClosed", name, err)
		}
	}
}

func TestCreateBatchLarge(t *testing.T) {
	s, _ := newStore(t)
	mustCreate(t, s, journal.Entry{Kind: journal.KindReflection, Text: "before", When: t0.Add(-90*time.Minute - 30*time.Second)})
	var batch []journal.Entry
	for i := range 150 {
		batch = append(batch, journal.Entry{Kind: journal.KindHope, Text: fmt.Sprint("hope ", i), When: t0.Add(-time.Duration(i) * time.Minute)})
	}
	made, err := s.createBatch(batch)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range made {
		if seen[e.ID] || !idPattern.MatchString(e.ID) || !e.Created.Equal(t0) {
			t.Fatalf("batch entry %+v", e)
		}
		seen[e.ID] = true
	}
	page, _ := s.List(journal.Query{Limit: 200})
	if page.Total != 151 || page.Summaries[0].ID != made[0].ID || page.Summaries[91].Title != "before" {
		t.Errorf("List after batch: total %d, first %q, 92nd %q", page.Total, page.Summaries[0].Title, page.Summaries[91].Title)
	}
}

func TestFill(t *testing.T) {
	const n = 1500
	var titles [2][]string
	for i := range titles {
		s := openAt(t, journalPath(t), newClock(t0))
		if err := Fill(s, n, 42); err != nil {
			t.Fatalf("Fill: %v", err)
		}
		c, _ := s.Counts()
		if c.All != n || c.Trash != 0 || c.ByKind[journal.KindReflection] < n/3 || c.ByKind[journal.KindCheckIn] < n/10 ||
			c.ByKind[journal.KindHope] == 0 || c.ByKind[journal.KindGoal] == 0 {
			t.Errorf("Counts = %+v", c)
		}
		page, _ := s.List(journal.Query{Limit: n})
		oldest := page.Summaries[len(page.Summaries)-1].When
		if oldest.Before(t0.AddDate(-FillYears, 0, -1)) || t0.Sub(oldest) < time.Duration(FillYears-1)*365*24*time.Hour {
			t.Errorf("oldest entry %v, want about %d years before %v", oldest, FillYears, t0)
		}
		ds, _ := s.Dimensions()
		for _, sum := range page.Summaries[:100] {
			titles[i] = append(titles[i], sum.When.String()+" "+string(sum.Kind)+" "+strings.Join(ds.Names(sum.Dimensions), ",")+" "+sum.Title)
		}
	}
	if !slices.Equal(titles[0], titles[1]) {
		t.Error("two fills with the same seed differ")
	}
}

// TestSessionDraftReopens: an unfinished session's draft (its next steps,
// its summary's words and when it began) is kept across a reopen.
func TestSessionDraftReopens(t *testing.T) {
	c := newClock(t0)
	path := journalPath(t)
	s := openAt(t, path, c)
	want := journal.Draft{Kind: journal.KindSession, Session: "abc", Text: "What we talked about",
		NextSteps: []string{"Call the housing office", "Walk on Sunday"}, SessionStarted: t0.Add(-time.Hour)}
	if err := s.SaveDraft(want); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path, c)
	got, ok, err := s.Draft()
	if err != nil || !ok {
		t.Fatalf("Draft: %v (found %v)", err, ok)
	}
	want.Saved = got.Saved
	sameJSON(t, "draft", got, want)
	if !got.IsSession() || !got.SessionStarted.Equal(t0.Add(-time.Hour)) {
		t.Errorf("draft = %+v", got)
	}
}
