package tui

import (
	"testing"

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
