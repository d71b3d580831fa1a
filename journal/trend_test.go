package journal

import (
	"reflect"
	"testing"
	"time"
)

func pt(when time.Time, v int) Point { return Point{When: when, Value: v} }

func checkInSummary(id string, when time.Time, ratings map[string]int) Summary {
	return Summary{ID: id, Kind: KindCheckIn, When: when, Ratings: ratings}
}

func TestSeries(t *testing.T) {
	trashed := checkInSummary("c3", at(5, 9), map[string]int{"a": 7})
	trashed.Trashed = at(6, 0)
	hopeWithRatings := Summary{ID: "h1", Kind: KindHope, When: at(2, 9), Ratings: map[string]int{"a": 9}}
	tests := []struct {
		name string
		in   []Summary
		want map[string][]Point
	}{
		{name: "nothing", in: nil, want: map[string][]Point{}},
		{name: "no check-ins", in: []Summary{summary("h", KindHope, at(1, 0))}, want: map[string][]Point{}},
		{
			name: "oldest first per dimension, trash and other kinds left out",
			in: []Summary{
				checkInSummary("c1", at(3, 9), map[string]int{"a": 4, "b": 6}),
				trashed,
				checkInSummary("c2", at(1, 9), map[string]int{"a": 2}),
				hopeWithRatings,
				checkInSummary("c4", at(4, 9), map[string]int{"b": 3}),
				checkInSummary("c5", at(2, 9), nil),
			},
			want: map[string][]Point{
				"a": {pt(at(1, 9), 2), pt(at(3, 9), 4)},
				"b": {pt(at(3, 9), 6), pt(at(4, 9), 3)},
			},
		},
		{
			name: "newest-first input comes out oldest first",
			in: []Summary{
				checkInSummary("c3", at(9, 9), map[string]int{"a": 0}),
				checkInSummary("c2", at(8, 9), map[string]int{"a": 10}),
				checkInSummary("c1", at(7, 9), map[string]int{"a": 5}),
			},
			want: map[string][]Point{"a": {pt(at(7, 9), 5), pt(at(8, 9), 10), pt(at(9, 9), 0)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Series(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Series\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestIndexTrends(t *testing.T) {
	sums := []Summary{
		checkInSummary("c1", at(3, 9), map[string]int{"a": 4}),
		checkInSummary("c2", at(1, 9), map[string]int{"a": 2}),
	}
	got := NewIndex(sums).Trends()
	want := map[string][]Point{"a": {pt(at(1, 9), 2), pt(at(3, 9), 4)}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Trends = %v, want %v", got, want)
	}
}

func TestLatestAndRecent(t *testing.T) {
	pts := []Point{pt(at(1, 0), 1), pt(at(2, 0), 2), pt(at(3, 0), 3), pt(at(4, 0), 4)}
	if p, ok := Latest(nil); ok || p != (Point{}) {
		t.Errorf("Latest(nil) = %v, %v; want nothing", p, ok)
	}
	if p, ok := Latest(pts); !ok || p != pts[3] {
		t.Errorf("Latest = %v, %v; want %v", p, ok, pts[3])
	}
	if p, ok := Latest(pts[:1]); !ok || p != pts[0] {
		t.Errorf("Latest of one = %v, %v; want %v", p, ok, pts[0])
	}
	tests := []struct {
		n    int
		want []Point
	}{
		{0, []Point{}},
		{1, pts[3:]},
		{2, pts[2:]},
		{4, pts},
		{10, pts},
	}
	for _, tt := range tests {
		got := Recent(pts, tt.n)
		if len(got) != len(tt.want) || (len(got) > 0 && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("Recent(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	if got := Recent(nil, 3); len(got) != 0 {
		t.Errorf("Recent(nil, 3) = %v, want none", got)
	}
}

func TestChangeOver(t *testing.T) {
	now := at(30, 12)
	from := at(23, 12) // seven days before now
	tests := []struct {
		name   string
		points []Point
		days   int
		want   Change
	}{
		{name: "no history", points: nil, days: 7, want: Change{}},
		{name: "only points before the window", points: []Point{pt(at(1, 0), 3), pt(at(20, 0), 9)}, days: 7, want: Change{}},
		{name: "only points after now", points: []Point{pt(at(31, 0), 3)}, days: 7, want: Change{}},
		{
			name: "one point", points: []Point{pt(at(10, 0), 9), pt(at(25, 0), 6)}, days: 7,
			want: Change{Points: 1, First: pt(at(25, 0), 6), Last: pt(at(25, 0), 6), Delta: 0},
		},
		{
			name: "up", points: []Point{pt(at(24, 0), 3), pt(at(26, 0), 5), pt(at(29, 0), 8)}, days: 7,
			want: Change{Points: 3, First: pt(at(24, 0), 3), Last: pt(at(29, 0), 8), Delta: 5},
		},
		{
			name: "down", points: []Point{pt(at(24, 0), 9), pt(at(29, 0), 2)}, days: 7,
			want: Change{Points: 2, First: pt(at(24, 0), 9), Last: pt(at(29, 0), 2), Delta: -7},
		},
		{
			name: "back where it was", points: []Point{pt(at(24, 0), 4), pt(at(26, 0), 9), pt(at(29, 0), 4)}, days: 7,
			want: Change{Points: 3, First: pt(at(24, 0), 4), Last: pt(at(29, 0), 4), Delta: 0},
		},
		{
			name: "edges of the window count, outside does not",
			points: []Point{
				pt(from.Add(-time.Second), 0), pt(from, 5), pt(at(25, 0), 4), pt(now, 8), pt(now.Add(time.Second), 1),
			},
			days: 7,
			want: Change{Points: 3, First: pt(from, 5), Last: pt(now, 8), Delta: 3},
		},
		{
			name: "zero days is only now", points: []Point{pt(at(29, 0), 2), pt(now, 6)}, days: 0,
			want: Change{Points: 1, First: pt(now, 6), Last: pt(now, 6)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ChangeOver(tt.points, now, tt.days)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ChangeOver\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// Only what was said counts: a long gap gives the same change as steady check-ins.
func TestChangeOverIgnoresGaps(t *testing.T) {
	now := at(30, 12)
	sparse := []Point{pt(at(2, 0), 4), pt(at(29, 0), 6)}
	dense := []Point{pt(at(2, 0), 4), pt(at(9, 0), 1), pt(at(16, 0), 9), pt(at(23, 0), 3), pt(at(29, 0), 6)}
	a := ChangeOver(sparse, now, 30)
	b := ChangeOver(dense, now, 30)
	if a.Delta != 2 || b.Delta != 2 {
		t.Errorf("Delta sparse %d, dense %d; want 2 for both", a.Delta, b.Delta)
	}
	if a.First != b.First || a.Last != b.Last {
		t.Errorf("sparse %+v and dense %+v disagree on first and last", a, b)
	}
	if a.Points != 2 || b.Points != 5 {
		t.Errorf("Points sparse %d, dense %d; want 2 and 5", a.Points, b.Points)
	}
}

func TestBuckets(t *testing.T) {
	from, to := at(1, 0), at(11, 0) // five steps of two days
	points := []Point{
		pt(at(1, 0).Add(-time.Nanosecond), 1), // before from: left out
		pt(at(1, 0), 4),                       // exactly at from: first step
		pt(at(2, 12), 7),                      // first step
		pt(at(3, 0).Add(-time.Nanosecond), 4), // last moment of the first step
		pt(at(3, 0), 0),                       // second step: a real zero
		pt(at(8, 0), 3),                       // fourth step
		pt(at(11, 0).Add(-time.Second), 9),    // last step
		pt(at(11, 0), 10),                     // exactly at to: left out
	}
	got := Buckets(points, from, to, 5)
	want := []Bucket{
		{Start: at(1, 0), Value: 5, Has: true},
		{Start: at(3, 0), Value: 0, Has: true},
		{Start: at(5, 0)},
		{Start: at(7, 0), Value: 3, Has: true},
		{Start: at(9, 0), Value: 9, Has: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Buckets\n got %+v\nwant %+v", got, want)
	}
}

func TestBucketsShapes(t *testing.T) {
	from, to := at(1, 0), at(11, 0)
	tests := []struct {
		name     string
		points   []Point
		from, to time.Time
		n        int
		want     []Bucket
	}{
		{name: "n zero", points: []Point{pt(at(2, 0), 5)}, from: from, to: to, n: 0, want: nil},
		{name: "n negative", points: []Point{pt(at(2, 0), 5)}, from: from, to: to, n: -3, want: nil},
		{name: "empty span", points: []Point{pt(from, 5)}, from: from, to: from, n: 4, want: nil},
		{name: "backwards span", points: []Point{pt(from, 5)}, from: to, to: from, n: 4, want: nil},
		{name: "no points: all gaps", points: nil, from: from, to: to, n: 2, want: []Bucket{{Start: at(1, 0)}, {Start: at(6, 0)}}},
		{name: "one step averages all", points: []Point{pt(at(2, 0), 1), pt(at(4, 0), 2), pt(at(9, 0), 6)}, from: from, to: to, n: 1,
			want: []Bucket{{Start: from, Value: 3, Has: true}}},
		{name: "fractional average", points: []Point{pt(at(2, 0), 1), pt(at(3, 0), 2)}, from: from, to: to, n: 1,
			want: []Bucket{{Start: from, Value: 1.5, Has: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Buckets(tt.points, tt.from, tt.to, tt.n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Buckets\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestOnThisDay(t *testing.T) {
	today := time.Date(2026, time.May, 15, 10, 0, 0, 0, time.UTC)
	mk := func(id string, kind Kind, y int, m time.Month, d int) Summary {
		return summary(id, kind, time.Date(y, m, d, 9, 0, 0, 0, time.UTC))
	}
	trashed := mk("trashed", KindHope, 2026, time.February, 15)
	trashed.Trashed = at(1, 0)
	sums := []Summary{
		mk("2024-12", KindReflection, 2024, time.December, 15),
		mk("2026-04", KindHope, 2026, time.April, 15),
		mk("today-earlier", KindReflection, 2026, time.May, 15),
		mk("this-month", KindReflection, 2026, time.May, 1),
		mk("2025-05", KindReflection, 2025, time.May, 15),
		mk("wrong-day", KindReflection, 2026, time.March, 14),
		mk("checkin", KindCheckIn, 2026, time.March, 15),
		trashed,
		mk("future", KindReflection, 2026, time.June, 15),
		mk("next-year", KindReflection, 2027, time.May, 15),
		mk("2026-01-goal", KindGoal, 2026, time.January, 15),
	}
	want := []string{"2026-04", "2026-01-goal", "2025-05", "2024-12"}
	wantStrings(t, "OnThisDay", ids(OnThisDay(sums, today)), want)
	wantStrings(t, "Index.OnThisDay", ids(NewIndex(sums).OnThisDay(today)), want)

	if got := OnThisDay(nil, today); len(got) != 0 {
		t.Errorf("OnThisDay(nil) = %v", ids(got))
	}
}

// The day of the month is the person's day, in today's time zone.
func TestOnThisDayUsesTodaysZone(t *testing.T) {
	east := time.FixedZone("east", 10*3600)
	today := time.Date(2026, time.May, 15, 12, 0, 0, 0, east)
	sums := []Summary{
		summary("east-15th", KindHope, time.Date(2026, time.April, 14, 20, 0, 0, 0, time.UTC)), // 15th 06:00 east
		summary("east-16th", KindHope, time.Date(2026, time.April, 15, 20, 0, 0, 0, time.UTC)), // 16th 06:00 east
	}
	wantStrings(t, "OnThisDay", ids(OnThisDay(sums, today)), []string{"east-15th"})
}

func TestIndexOnThisDayReturnsCopies(t *testing.T) {
	today := time.Date(2026, time.May, 15, 10, 0, 0, 0, time.UTC)
	ix := NewIndex([]Summary{summary("a", KindHope, time.Date(2026, time.April, 15, 9, 0, 0, 0, time.UTC), "d1")})
	got := ix.OnThisDay(today)
	got[0].Dimensions[0] = "changed"
	again, _ := ix.Get("a")
	wantStrings(t, "dimensions", again.Dimensions, []string{"d1"})
}
