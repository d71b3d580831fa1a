package journal

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestNewIndexOrder(t *testing.T) {
	in := []Summary{
		summary("old", KindHope, at(1, 9)),
		summary("b", KindHope, at(5, 9)),
		summary("new", KindReflection, at(9, 9)),
		summary("a", KindHope, at(5, 9)),
		summary("c", KindHope, at(5, 9)),
		summary("mid", KindGoal, at(3, 9)),
	}
	ix := NewIndex(in)
	wantStrings(t, "order", ids(ix.All()), []string{"new", "a", "b", "c", "mid", "old"})
	if ix.Len() != 6 {
		t.Errorf("Len = %d, want 6", ix.Len())
	}
	// The index keeps its own copy of the slice.
	in[0] = summary("zzz", KindHope, at(30, 9))
	wantStrings(t, "order after the input changed", ids(ix.All()), []string{"new", "a", "b", "c", "mid", "old"})
	if _, ok := ix.Get("zzz"); ok {
		t.Error("changing the input slice reached the index")
	}

	empty := NewIndex(nil)
	if empty.Len() != 0 || len(empty.All()) != 0 {
		t.Errorf("NewIndex(nil) holds %d", empty.Len())
	}
	if p := empty.List(Query{}); p.Total != 0 || len(p.Summaries) != 0 {
		t.Errorf("empty List = %+v", p)
	}
}

// NewIndex sorts by instant, not by how the time is written.
func TestNewIndexComparesInstants(t *testing.T) {
	east := time.FixedZone("east", 10*3600)
	ix := NewIndex([]Summary{
		summary("utc-9", KindHope, at(5, 9)),
		summary("east-18", KindHope, time.Date(2026, time.May, 5, 18, 0, 0, 0, east)), // 08:00 UTC
	})
	wantStrings(t, "order", ids(ix.All()), []string{"utc-9", "east-18"})
}

func TestIndexPut(t *testing.T) {
	base := func() *Index {
		return NewIndex([]Summary{
			summary("a", KindHope, at(10, 9)),
			summary("b", KindHope, at(8, 9)),
			summary("c", KindHope, at(6, 9)),
		})
	}
	tests := []struct {
		name string
		put  Summary
		want []string
	}{
		{name: "newest goes first", put: summary("n", KindHope, at(12, 9)), want: []string{"n", "a", "b", "c"}},
		{name: "oldest goes last", put: summary("n", KindHope, at(1, 9)), want: []string{"a", "b", "c", "n"}},
		{name: "between", put: summary("n", KindHope, at(7, 9)), want: []string{"a", "b", "n", "c"}},
		{name: "same time sorts by id (before)", put: summary("0", KindHope, at(8, 9)), want: []string{"a", "0", "b", "c"}},
		{name: "same time sorts by id (after)", put: summary("bb", KindHope, at(8, 9)), want: []string{"a", "b", "bb", "c"}},
		{name: "replace in place", put: Summary{ID: "b", Kind: KindGoal, When: at(8, 9), Title: "new title"}, want: []string{"a", "b", "c"}},
		{name: "replace moves to newest", put: Summary{ID: "c", Kind: KindHope, When: at(11, 9), Title: "new title"}, want: []string{"c", "a", "b"}},
		{name: "replace moves to oldest", put: Summary{ID: "a", Kind: KindHope, When: at(2, 9), Title: "new title"}, want: []string{"b", "c", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := base()
			ix.Put(tt.put)
			wantStrings(t, "order", ids(ix.All()), tt.want)
			if ix.Len() != len(tt.want) {
				t.Errorf("Len = %d, want %d", ix.Len(), len(tt.want))
			}
			got, ok := ix.Get(tt.put.ID)
			if !ok || !reflect.DeepEqual(got, tt.put) {
				t.Errorf("Get(%q) = %+v, %v; want %+v", tt.put.ID, got, ok, tt.put)
			}
			// The list agrees with Get.
			for _, s := range ix.All() {
				if s.ID == tt.put.ID && !reflect.DeepEqual(s, tt.put) {
					t.Errorf("All has %+v for %q, want %+v", s, s.ID, tt.put)
				}
			}
		})
	}
}

func TestIndexRemoveAndGet(t *testing.T) {
	ix := NewIndex([]Summary{
		summary("a", KindHope, at(10, 9)),
		summary("b", KindHope, at(10, 9)),
		summary("c", KindHope, at(6, 9)),
	})
	ix.Remove("b")
	wantStrings(t, "after removing b", ids(ix.All()), []string{"a", "c"})
	if _, ok := ix.Get("b"); ok {
		t.Error("Get(b) found a removed summary")
	}
	ix.Remove("nope")
	wantStrings(t, "after removing an unknown id", ids(ix.All()), []string{"a", "c"})
	ix.Remove("a")
	ix.Remove("a")
	wantStrings(t, "after removing a twice", ids(ix.All()), []string{"c"})
	ix.Remove("c")
	if ix.Len() != 0 {
		t.Errorf("Len = %d after removing everything", ix.Len())
	}
	ix.Put(summary("c", KindHope, at(6, 9)))
	wantStrings(t, "after putting c back", ids(ix.All()), []string{"c"})
}

// Summaries the index returns are copies the caller may change.
func TestIndexReturnsCopies(t *testing.T) {
	s := summary("a", KindCheckIn, at(3, 9), "d1", "d2")
	s.Ratings = map[string]int{"d1": 4}
	ix := NewIndex([]Summary{s})

	got, _ := ix.Get("a")
	got.Dimensions[0] = "changed"
	got.Ratings["d1"] = 9
	all := ix.All()
	all[0].Dimensions[1] = "changed"
	page := ix.List(Query{})
	page.Summaries[0].Ratings["d1"] = 1

	again, _ := ix.Get("a")
	wantStrings(t, "dimensions", again.Dimensions, []string{"d1", "d2"})
	if again.Ratings["d1"] != 4 {
		t.Errorf("rating = %d, want 4", again.Ratings["d1"])
	}
}

func TestIndexList(t *testing.T) {
	sums := []Summary{
		summary("h1", KindHope, at(10, 9), "home"),
		summary("r1", KindReflection, at(9, 9), "home", "health"),
		summary("g1", KindGoal, at(8, 9), "health"),
		summary("c1", KindCheckIn, at(7, 9), "health", "home"),
		summary("r2", KindReflection, at(6, 9)),
		summary("h2", KindHope, at(5, 9), "purpose"),
	}
	trashedHope := summary("t1", KindHope, at(11, 9), "home")
	trashedHope.Trashed = at(12, 0)
	trashedGoal := summary("t2", KindGoal, at(4, 9), "health")
	trashedGoal.Trashed = at(12, 0)
	ix := NewIndex(append(sums, trashedHope, trashedGoal))

	tests := []struct {
		name      string
		q         Query
		want      []string
		wantTotal int
	}{
		{name: "zero query is everything outside the trash", q: Query{}, want: []string{"h1", "r1", "g1", "c1", "r2", "h2"}, wantTotal: 6},
		{name: "one kind", q: Query{Kinds: []Kind{KindReflection}}, want: []string{"r1", "r2"}, wantTotal: 2},
		{name: "two kinds", q: Query{Kinds: []Kind{KindHope, KindGoal}}, want: []string{"h1", "g1", "h2"}, wantTotal: 3},
		{name: "a kind with none", q: Query{Kinds: []Kind{KindSupport}}, want: nil, wantTotal: 0},
		{name: "dimension", q: Query{Dimension: "home"}, want: []string{"h1", "r1", "c1"}, wantTotal: 3},
		{name: "dimension and kind", q: Query{Dimension: "health", Kinds: []Kind{KindGoal, KindCheckIn}}, want: []string{"g1", "c1"}, wantTotal: 2},
		{name: "unknown dimension", q: Query{Dimension: "nope"}, want: nil, wantTotal: 0},
		{name: "trash", q: Query{Trash: true}, want: []string{"t1", "t2"}, wantTotal: 2},
		{name: "trash by kind", q: Query{Trash: true, Kinds: []Kind{KindGoal}}, want: []string{"t2"}, wantTotal: 1},
		{name: "trash by dimension", q: Query{Trash: true, Dimension: "home"}, want: []string{"t1"}, wantTotal: 1},
		{name: "first page", q: Query{Limit: 2}, want: []string{"h1", "r1"}, wantTotal: 6},
		{name: "second page", q: Query{Offset: 2, Limit: 2}, want: []string{"g1", "c1"}, wantTotal: 6},
		{name: "last partial page", q: Query{Offset: 4, Limit: 4}, want: []string{"r2", "h2"}, wantTotal: 6},
		{name: "offset past the end", q: Query{Offset: 10, Limit: 2}, want: nil, wantTotal: 6},
		{name: "paging within a filter", q: Query{Kinds: []Kind{KindHope, KindReflection}, Offset: 1, Limit: 2}, want: []string{"r1", "r2"}, wantTotal: 4},
		{name: "negative limit is the default page", q: Query{Limit: -1}, want: []string{"h1", "r1", "g1", "c1", "r2", "h2"}, wantTotal: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ix.List(tt.q)
			wantStrings(t, "page", ids(p.Summaries), tt.want)
			if p.Total != tt.wantTotal {
				t.Errorf("Total = %d, want %d", p.Total, tt.wantTotal)
			}
			// IDs selects the same, ignoring paging.
			q := tt.q
			q.Offset, q.Limit = 0, 0
			if got := ix.IDs(q); len(got) != tt.wantTotal {
				t.Errorf("IDs = %q, want %d ids", got, tt.wantTotal)
			}
			for _, s := range p.Summaries {
				if !tt.q.Matches(s) {
					t.Errorf("listed %q but Query.Matches says no", s.ID)
				}
			}
		})
	}
}

func TestIndexListDefaultPageSize(t *testing.T) {
	var sums []Summary
	for i := range DefaultPageSize + 10 {
		sums = append(sums, summary(fmt.Sprintf("e%03d", i), KindHope, at(1, 0).Add(time.Duration(i)*time.Minute)))
	}
	ix := NewIndex(sums)
	p := ix.List(Query{})
	if len(p.Summaries) != DefaultPageSize || p.Total != DefaultPageSize+10 {
		t.Fatalf("List(Query{}) gave %d of %d, want %d of %d", len(p.Summaries), p.Total, DefaultPageSize, DefaultPageSize+10)
	}
	if first, last := p.Summaries[0].ID, p.Summaries[DefaultPageSize-1].ID; first != "e059" || last != "e010" {
		t.Errorf("page runs %s..%s, want e059..e010", first, last)
	}
	rest := ix.List(Query{Offset: DefaultPageSize})
	wantStrings(t, "second page", ids(rest.Summaries), []string{"e009", "e008", "e007", "e006", "e005", "e004", "e003", "e002", "e001", "e000"})
	if DefaultPageSize != 50 {
		t.Errorf("DefaultPageSize = %d, want 50", DefaultPageSize)
	}
}

func TestIndexIDs(t *testing.T) {
	trashed := summary("t", KindHope, at(9, 9))
	trashed.Trashed = at(10, 0)
	ix := NewIndex([]Summary{
		summary("a", KindHope, at(3, 9), "x"),
		summary("b", KindGoal, at(5, 9)),
		summary("c", KindHope, at(4, 9), "x"),
		trashed,
	})
	wantStrings(t, "IDs(all)", ix.IDs(Query{Limit: 1, Offset: 1}), []string{"b", "c", "a"})
	wantStrings(t, "IDs(x)", ix.IDs(Query{Dimension: "x"}), []string{"c", "a"})
	wantStrings(t, "IDs(trash)", ix.IDs(Query{Trash: true}), []string{"t"})
	if got := ix.IDs(Query{Kinds: []Kind{KindCheckIn}}); got != nil {
		t.Errorf("IDs(check-ins) = %q, want nil", got)
	}
}

func TestIndexCounts(t *testing.T) {
	trashedNewest := summary("t1", KindReflection, at(20, 9), "home")
	trashedNewest.Trashed = at(21, 0)
	trashedGoal := summary("t2", KindGoal, at(2, 9), "health")
	trashedGoal.Status = GoalActive
	trashedGoal.Trashed = at(21, 0)
	goal1 := summary("g1", KindGoal, at(8, 9), "health")
	goal1.Status = GoalActive
	goal2 := summary("g2", KindGoal, at(7, 9))
	goal2.Status = GoalResting
	goal3 := summary("g3", KindGoal, at(6, 9), "health", "home")
	goal3.Status = GoalActive

	ix := NewIndex([]Summary{
		summary("h1", KindHope, at(10, 9), "home"),
		summary("r1", KindReflection, at(11, 9), "home", "health"),
		summary("c1", KindCheckIn, at(5, 9), "health"),
		summary("r2", KindReflection, at(4, 9)),
		goal1, goal2, goal3, trashedNewest, trashedGoal,
	})
	got := ix.Counts()
	want := Counts{
		All:           7,
		ByDimension:   map[string]int{"home": 3, "health": 4},
		ByKind:        map[Kind]int{KindHope: 1, KindReflection: 2, KindCheckIn: 1, KindGoal: 3},
		Trash:         2,
		GoalsByStatus: map[GoalStatus]int{GoalActive: 2, GoalResting: 1},
		Latest:        at(11, 9),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Counts\n got %+v\nwant %+v", got, want)
	}

	empty := NewIndex(nil).Counts()
	if empty.All != 0 || empty.Trash != 0 || !empty.Latest.IsZero() || len(empty.ByDimension) != 0 || len(empty.ByKind) != 0 {
		t.Errorf("empty Counts = %+v", empty)
	}
	onlyTrash := NewIndex([]Summary{trashedNewest}).Counts()
	if onlyTrash.All != 0 || onlyTrash.Trash != 1 || !onlyTrash.Latest.IsZero() {
		t.Errorf("Counts with only trash = %+v, want Trash 1 and no Latest", onlyTrash)
	}
}

func TestIndexPutManyAndRemoveMany(t *testing.T) {
	for _, n := range []int{10, 100} { // below and above the batch threshold
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var first []Summary
			for i := range n {
				first = append(first, summary(fmt.Sprintf("e%03d", i), KindHope, at(1, 0).Add(time.Duration(i)*time.Hour)))
			}
			ix := NewIndex(first[:n/2])
			// The second half is new; the first two of the first half move to the end of time.
			batch := append([]Summary(nil), first[n/2:]...)
			moved0 := first[0]
			moved0.When = at(28, 0)
			moved1 := first[1]
			moved1.When = at(28, 0)
			moved1.Title = "moved"
			batch = append(batch, moved1, moved0)
			ix.PutMany(batch)

			union := append([]Summary(nil), first...)
			union[0], union[1] = moved0, moved1
			want := NewIndex(union).All()
			got := ix.All()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("after PutMany: %d summaries, first %q; want %d, first %q", len(got), ids(got)[:3], len(want), ids(want)[:3])
			}
			if s, _ := ix.Get("e001"); s.Title != "moved" {
				t.Errorf("Get(e001).Title = %q, want moved", s.Title)
			}

			ix.RemoveMany([]string{"e000", "e001", "nope"})
			if ix.Len() != n-2 {
				t.Errorf("Len after RemoveMany = %d, want %d", ix.Len(), n-2)
			}
			for _, id := range []string{"e000", "e001"} {
				if _, ok := ix.Get(id); ok {
					t.Errorf("Get(%s) found a removed summary", id)
				}
			}
			if got := ids(ix.All())[0]; got != fmt.Sprintf("e%03d", n-1) {
				t.Errorf("newest after RemoveMany = %s", got)
			}
		})
	}
}

func TestQueryMatches(t *testing.T) {
	hope := summary("h", KindHope, at(1, 0), "home")
	trashed := hope
	trashed.Trashed = at(2, 0)
	tests := []struct {
		name string
		q    Query
		s    Summary
		want bool
	}{
		{"zero query", Query{}, hope, true},
		{"zero query skips trash", Query{}, trashed, false},
		{"trash query", Query{Trash: true}, trashed, true},
		{"trash query skips the rest", Query{Trash: true}, hope, false},
		{"kind matches", Query{Kinds: []Kind{KindGoal, KindHope}}, hope, true},
		{"kind doesn't", Query{Kinds: []Kind{KindGoal}}, hope, false},
		{"dimension matches", Query{Dimension: "home"}, hope, true},
		{"dimension doesn't", Query{Dimension: "health"}, hope, false},
		{"paging ignored", Query{Offset: 5, Limit: 1}, hope, true},
	}
	for _, tt := range tests {
		if got := tt.q.Matches(tt.s); got != tt.want {
			t.Errorf("%s: Matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestQueryFilters(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	sums := []Summary{
		{ID: "a", Kind: KindReflection, When: day(1), Tags: []string{"Walks"}, Session: "s1", Author: AuthorTogether},
		{ID: "b", Kind: KindGoal, When: day(2), Status: GoalActive, Tags: []string{"walks", "home"}},
		{ID: "c", Kind: KindGoal, When: day(3), Status: GoalResting},
		{ID: "d", Kind: KindHope, When: day(4), Session: "s1"},
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"tag ignores case", Query{Tags: []string{"WALKS"}}, []string{"b", "a"}},
		{"every tag", Query{Tags: []string{"walks", "home"}}, []string{"b"}},
		{"goal status", Query{Statuses: []GoalStatus{GoalResting}}, []string{"c"}},
		{"from is inclusive, to exclusive", Query{From: day(2), To: day(4)}, []string{"c", "b"}},
		{"session", Query{Session: "s1"}, []string{"d", "a"}},
		{"kinds and tags together", Query{Kinds: []Kind{KindReflection}, Tags: []string{"walks"}}, []string{"a"}},
	}
	ix := NewIndex(sums)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range ix.List(tt.q).Summaries {
				got = append(got, s.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("List(%+v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}
