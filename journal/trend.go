package journal

import (
	"sort"
	"time"
)

// Point is one check-in rating of one dimension.
type Point struct {
	When  time.Time
	Value int
}

// Series gathers each dimension's ratings from check-in summaries, oldest
// first. Entries in the trash are left out.
func Series(summaries []Summary) map[string][]Point {
	out := map[string][]Point{}
	for _, s := range summaries {
		if s.Kind != KindCheckIn || s.InTrash() {
			continue
		}
		for dim, v := range s.Ratings {
			out[dim] = append(out[dim], Point{When: s.When, Value: v})
		}
	}
	for _, pts := range out {
		sort.SliceStable(pts, func(i, j int) bool { return pts[i].When.Before(pts[j].When) })
	}
	return out
}

// Latest is the most recent point of a series, oldest first.
func Latest(points []Point) (Point, bool) {
	if len(points) == 0 {
		return Point{}, false
	}
	return points[len(points)-1], true
}

// Recent returns the last n points.
func Recent(points []Point, n int) []Point {
	if n <= 0 {
		return nil
	}
	if len(points) <= n {
		return points
	}
	return points[len(points)-n:]
}

// Change describes how a dimension moved over a window of days.
type Change struct {
	// Points is how many ratings fall in the window.
	Points int
	First  Point
	Last   Point
	// Delta is Last.Value - First.Value: how far things moved, either way.
	Delta int
}

// ChangeOver compares the first and last ratings within the days up to now.
// With no ratings in the window Points is 0; with one, Delta is 0 and First
// and Last are the same point. Gaps between check-ins change nothing: only
// what was said counts, never what wasn't.
func ChangeOver(points []Point, now time.Time, days int) Change {
	from := now.AddDate(0, 0, -days)
	var c Change
	for _, p := range points {
		if p.When.Before(from) || p.When.After(now) {
			continue
		}
		if c.Points == 0 {
			c.First = p
		}
		c.Last = p
		c.Points++
	}
	if c.Points > 0 {
		c.Delta = c.Last.Value - c.First.Value
	}
	return c
}

// Bucket is one step of a chart: the average rating in [Start, Start+step),
// or no value (Has false) when there was no check-in then: a gap, not a zero.
type Bucket struct {
	Start time.Time
	Value float64
	Has   bool
}

// Buckets splits the time from `from` to `to` into n equal steps and averages
// the ratings in each.
func Buckets(points []Point, from, to time.Time, n int) []Bucket {
	if n <= 0 || !to.After(from) {
		return nil
	}
	step := to.Sub(from) / time.Duration(n)
	if step <= 0 {
		return nil
	}
	out := make([]Bucket, n)
	sums := make([]int, n)
	counts := make([]int, n)
	for i := range out {
		out[i].Start = from.Add(time.Duration(i) * step)
	}
	for _, p := range points {
		if p.When.Before(from) || !p.When.Before(to) {
			continue
		}
		i := min(int(p.When.Sub(from)/step), n-1)
		sums[i] += p.Value
		counts[i]++
	}
	for i := range out {
		if counts[i] > 0 {
			out[i].Value = float64(sums[i]) / float64(counts[i])
			out[i].Has = true
		}
	}
	return out
}

// OnThisDay picks the entries written on this day of the month in earlier
// months and years, newest first, leaving out today and the trash.
func OnThisDay(summaries []Summary, today time.Time) []Summary {
	y, m, d := today.Date()
	var out []Summary
	for _, s := range summaries {
		if s.InTrash() || s.Kind == KindCheckIn {
			continue
		}
		w := s.When.In(today.Location())
		wy, wm, wd := w.Date()
		if wd != d || (wy == y && wm == m) || w.After(today) {
			continue
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].When.After(out[j].When) })
	return out
}
