package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

func TestSparkline(t *testing.T) {
	pts := func(vs ...int) []journal.Point {
		var out []journal.Point
		for i, v := range vs {
			out = append(out, journal.Point{When: testNow.AddDate(0, 0, i), Value: v})
		}
		return out
	}
	tests := []struct {
		name   string
		points []journal.Point
		width  int
		want   string
	}{
		{"empty", nil, 8, ""},
		{"one", pts(5), 8, "▅"},
		{"ends", pts(0, 10), 8, "▁█"},
		{"keeps the latest", pts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 4, "▆▇▇█"},
	}
	for _, tt := range tests {
		if got := sparkline(tt.points, tt.width); got != tt.want {
			t.Errorf("%s: sparkline = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// column is the cell at x of a chart line, counted in runes.
func column(line string, x int) string {
	r := []rune(line)
	if x >= len(r) {
		return " "
	}
	return string(r[x])
}

func TestBarChartAxesGapsAndGlyphs(t *testing.T) {
	at := func(y, m, d, h, v int) journal.Point {
		return journal.Point{When: time.Date(y, time.Month(m), d, h, 0, 0, 0, time.UTC), Value: v}
	}
	points := []journal.Point{
		at(2026, 10, 25, 12, 10), // the first day: a full bar
		at(2026, 11, 1, 9, 0),    // a rating of 0: the lowest block, not a gap
		at(2026, 11, 10, 9, 4),   // two on one day: their average, 5
		at(2026, 11, 10, 20, 6),
		at(2026, 11, 23, 9, 5), // today
		at(2026, 9, 1, 9, 9),   // before the window: not drawn
	}
	chart := barChart(points, testNow, 30, 80, chartRows)
	lines := strings.Split(chart, "\n")
	if len(lines) != chartRows+2 {
		t.Fatalf("want %d rows, the x-axis and the dates; got %d lines:\n%s", chartRows+2, len(lines), chart)
	}
	// 30 days over at most 72 columns: two columns a day, a bar and a space.
	x := func(day int) int { return chartGutter + 2*day }
	want := []string{
		"10 │█",
		"   │█",
		" 5 │█",
		"   │█",
		" 0 │█",
		"   └" + strings.Repeat("─", 60),
		"    25 Oct" + strings.Repeat(" ", 60-len("25 Oct")-len("23 Nov")) + "23 Nov",
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start %q", i, lines[i], w)
		}
		if n := len([]rune(lines[i])); n != chartGutter+60 {
			t.Errorf("line %d is %d cells, want %d", i, n, chartGutter+60)
		}
	}
	type cell struct {
		day, row int // row 0 is the top (10), row 4 the bottom (0)
		want     string
	}
	for _, c := range []cell{
		{0, 0, "█"}, {0, 4, "█"},
		{7, 4, "▁"}, {7, 3, " "}, {7, 0, " "}, // 0 is drawn low, never left out
		{16, 4, "█"}, {16, 3, "█"}, {16, 2, "▄"}, {16, 1, " "}, // 5, the average of 4 and 6
		{29, 4, "█"}, {29, 2, "▄"}, {29, 1, " "},
	} {
		if got := column(lines[c.row], x(c.day)); got != c.want {
			t.Errorf("day %d, row %d: %q, want %q\n%s", c.day, c.row, got, c.want, chart)
		}
	}
	// Days with no check-in are blank in every row: gaps, not zeros.
	for _, day := range []int{1, 2, 3, 6, 8, 15, 17, 28} {
		for row := 0; row < chartRows; row++ {
			if got := column(lines[row], x(day)); got != " " {
				t.Errorf("day %d with no check-in, row %d: %q, want blank", day, row, got)
			}
		}
	}
	// The space beside each bar stays blank.
	for row := 0; row < chartRows; row++ {
		if got := column(lines[row], x(0)+1); got != " " {
			t.Errorf("the space after a bar, row %d: %q", row, got)
		}
	}
	if strings.ContainsAny(chart, "\x1b\x07") {
		t.Errorf("the chart itself holds control bytes: %q", chart)
	}
}

func TestBarChartLongerWindows(t *testing.T) {
	points := []journal.Point{{When: testNow.AddDate(0, 0, -200), Value: 3}, {When: testNow, Value: 8}}
	year := strings.Split(barChart(points, testNow, 365, 80, chartRows), "\n")
	mustContain(t, year[len(year)-1], "24 Nov 2025", "23 Nov 2026")
	mustContain(t, year[len(year)-2], "└"+strings.Repeat("─", chartMaxPlot))
	for _, l := range year {
		if n := len([]rune(l)); n != chartGutter+chartMaxPlot {
			t.Errorf("a year's line is %d cells, want %d: %q", n, chartGutter+chartMaxPlot, l)
		}
	}
	// The newest point is the last column; 200 days ago is further left.
	if got := column(year[chartRows-1], chartGutter+chartMaxPlot-1); got != "█" {
		t.Errorf("today's bar missing: %q", year[chartRows-1])
	}

	// Narrow, and with fewer rows: still labelled 10, 5 and 0.
	small := strings.Split(barChart(points, testNow, 90, 50, 3), "\n")
	for i, label := range []string{"10 │", " 5 │", " 0 │"} {
		if !strings.HasPrefix(small[i], label) {
			t.Errorf("row %d = %q, want the label %q", i, small[i], label)
		}
	}
	for _, l := range small {
		if n := len([]rune(l)); n > 50 {
			t.Errorf("line of %d cells at 50 columns: %q", n, l)
		}
	}
	mustContain(t, small[len(small)-1], "26 Aug", "23 Nov")
}

func TestLookBackChartReadsWithoutColour(t *testing.T) {
	repo := lookBackJournal(t)
	s := lookBack(t, repo, 80, 20)
	send(t, s, "down") // Home
	v := s.View()
	assertTerminalSafe(t, v)
	mustContain(t, v, "10 │", " 5 │", " 0 │", "   └────", "25 Oct", "23 Nov", "▄", "█",
		"a blank column means no check-in then")
}
