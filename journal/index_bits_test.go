package journal

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// naive answers what the index answers, the slow way, from summaries in
// index order.
type naive []Summary

func (n naive) list(q Query) Page {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	var p Page
	for _, s := range n {
		if !q.Matches(s) {
			continue
		}
		if p.Total >= q.Offset && len(p.Summaries) < limit {
			p.Summaries = append(p.Summaries, s)
		}
		p.Total++
	}
	return p
}

func (n naive) counts() Counts {
	c := Counts{ByDimension: map[string]int{}, ByKind: map[Kind]int{}, GoalsByStatus: map[GoalStatus]int{}}
	for _, s := range n {
		if s.InTrash() {
			c.Trash++
			continue
		}
		c.All++
		c.ByKind[s.Kind]++
		if s.Kind == KindGoal {
			c.GoalsByStatus[s.Status]++
		}
		for _, d := range s.Dimensions {
			c.ByDimension[d]++
		}
		if c.Latest.IsZero() || s.When.After(c.Latest) {
			c.Latest = s.When
		}
	}
	return c
}

func randomSummary(r *rand.Rand, id string, dims int) Summary {
	kinds := append(slices.Clone(AllKinds), "letter")
	s := Summary{ID: id, Kind: kinds[r.IntN(len(kinds))],
		When: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(400)) * time.Hour)}
	for range r.IntN(4) {
		s.Dimensions = append(s.Dimensions, fmt.Sprintf("d%02d", r.IntN(dims)))
	}
	if r.IntN(10) == 0 {
		s.Trashed = s.When.Add(time.Hour)
	}
	if s.Kind == KindGoal {
		s.Status = GoalStatuses[r.IntN(len(GoalStatuses))]
	}
	if s.Kind == KindCheckIn {
		s.Ratings = map[string]int{}
		for _, d := range s.Dimensions {
			s.Ratings[d] = r.IntN(11)
		}
		if r.IntN(4) == 0 {
			s.Ratings["elsewhere"] = r.IntN(11) // a rating for an area the entry doesn't name
		}
	}
	if r.IntN(5) == 0 {
		s.Tags = []string{"hope"}
		s.Session = "s1"
	}
	return s
}

// TestIndexBitsAgreeWithMatches checks every fast path against
// Query.matches and Series, with few and with more dimensions than bits,
// kinds nobody knows, the trash, ties in time, and every way of changing
// the index.
func TestIndexBitsAgreeWithMatches(t *testing.T) {
	for _, dims := range []int{5, maxDimBits + 20} {
		t.Run(fmt.Sprint(dims, " dimensions"), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(dims)))
			var sums []Summary
			for i := range 600 {
				sums = append(sums, randomSummary(r, fmt.Sprintf("id%04d", i), dims))
			}
			ix := NewIndex(sums)
			for i := range 50 {
				ix.Put(randomSummary(r, fmt.Sprintf("id%04d", r.IntN(700)), dims))
				ix.Remove(fmt.Sprintf("id%04d", r.IntN(700)))
				_ = i
			}
			var many []Summary
			for range 100 {
				many = append(many, randomSummary(r, fmt.Sprintf("id%04d", r.IntN(800)), dims))
			}
			ix.PutMany(many)
			ix.RemoveMany([]string{"id0001", "id0002", "id0500"})

			all := naive(ix.items)
			if !slices.IsSortedFunc(ix.items, compareSummaries) {
				t.Fatal("the index is out of order")
			}
			seen := map[string]bool{}
			for _, s := range ix.items {
				if seen[s.ID] {
					t.Fatalf("%s is in the index twice", s.ID)
				}
				seen[s.ID] = true
			}
			from, to := time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC)
			var queries []Query
			for _, trash := range []bool{false, true} {
				for _, d := range []string{"", "d00", "d03", fmt.Sprintf("d%02d", dims-1), "nobody"} {
					for _, k := range [][]Kind{nil, {KindCheckIn}, {KindGoal, KindHope}, {"letter"}} {
						queries = append(queries,
							Query{Trash: trash, Dimension: d, Kinds: k, Limit: 20},
							Query{Trash: trash, Dimension: d, Kinds: k, Offset: 15, Limit: 10, From: from},
							Query{Trash: trash, Dimension: d, Kinds: k, To: to, Tags: []string{"HOPE"}},
							Query{Trash: trash, Dimension: d, Kinds: k, From: from, To: to, Session: "s1"},
							Query{Trash: trash, Dimension: d, Statuses: []GoalStatus{GoalActive}})
					}
				}
			}
			for _, q := range queries {
				if got, want := ix.List(q), all.list(q); !reflect.DeepEqual(got, want) {
					t.Errorf("List(%+v): %d (%d), want %d (%d)", q, got.Total, len(got.Summaries), want.Total, len(want.Summaries))
				}
				var want []string
				for _, s := range all {
					if q.Matches(s) {
						want = append(want, s.ID)
					}
				}
				if got := ix.IDs(q); !slices.Equal(got, want) {
					t.Errorf("IDs(%+v) = %d, want %d", q, len(got), len(want))
				}
			}
			if got, want := ix.Counts(), all.counts(); !reflect.DeepEqual(got, want) {
				t.Errorf("Counts:\n got %+v\nwant %+v", got, want)
			}
			if got, want := ix.Trends(), Series(ix.items); !reflect.DeepEqual(got, want) {
				t.Errorf("Trends differ from Series")
			}
			for _, id := range []string{"id0003", "id0100", "id0599", "none"} {
				got, ok := ix.Get(id)
				want, wok := Summary{}, false
				for _, s := range all {
					if s.ID == id {
						want, wok = s, true
					}
				}
				if ok != wok || !reflect.DeepEqual(got, want) {
					t.Errorf("Get(%s) = %v, %v", id, ok, got.ID)
				}
			}
		})
	}
}
