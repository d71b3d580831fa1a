package tui

import (
	"strings"

	"github.com/waymark-journal/waymark/journal"
)

// sparkLevels draw a rating from 0 (lowest block) to 10 (full block). The
// shapes carry the meaning, so a sparkline reads the same without colour.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkline draws the last `width` ratings of a series, oldest on the left.
func sparkline(points []journal.Point, width int) string {
	points = journal.Recent(points, width)
	var b strings.Builder
	for _, p := range points {
		b.WriteRune(sparkRune(float64(p.Value)))
	}
	return b.String()
}

// sparkRune maps a rating (0–10) to a block.
func sparkRune(v float64) rune {
	i := int(v*float64(len(sparkLevels)-1)/journal.RatingMax + 0.5)
	return sparkLevels[min(max(i, 0), len(sparkLevels)-1)]
}
