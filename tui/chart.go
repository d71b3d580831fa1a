package tui

import (
	"fmt"
	"math"
	"strings"
	"time"

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

// The larger chart: one area's ratings over a stretch of days, drawn with the
// same blocks as the sparkline, on a y-axis labelled 0, 5 and 10 and an x-axis
// that names its first and last day.
const (
	// chartRows is how many lines the bars stand on; odd, so 5 has a row.
	chartRows = 5
	// chartMaxPlot keeps the plot a readable width on a very wide window.
	chartMaxPlot = 72
	// chartGutter is the y-axis: a label of two cells, a space and "│".
	chartGutter = 4
)

// barChart draws points over the `days` up to and including now's day. Each
// step of time is one bar: the average rating of the check-ins in it. A step
// with no check-in is left blank (a gap, never a zero), and a rating of 0 is
// still the lowest block (▁), so the two read apart without colour. Every
// line is exactly as wide as the chart, so its columns line up.
func barChart(points []journal.Point, now time.Time, days, width, rows int) string {
	if days < 1 {
		days = 1
	}
	if rows%2 == 0 {
		rows--
	}
	rows = max(rows, 3)
	plotMax := min(max(width-chartGutter, 1), chartMaxPlot)
	steps := min(days, plotMax)
	colW := max(plotMax/steps, 1)
	barW := colW
	if colW > 1 {
		barW = colW - 1 // a space between wide bars, so each stands alone
	}
	plotW := steps * colW

	from, to := chartSpan(now, days)
	buckets := journal.Buckets(points, from, to, steps)

	// Each bucket's height in eighths of a row.
	eighths := make([]int, len(buckets))
	for i, b := range buckets {
		if b.Has {
			e := int(math.Round(b.Value / journal.RatingMax * float64(rows*8)))
			eighths[i] = min(max(e, 1), rows*8)
		}
	}

	var lines []string
	for r := rows - 1; r >= 0; r-- {
		label := "  "
		switch r {
		case rows - 1:
			label = "10"
		case (rows - 1) / 2:
			label = " 5"
		case 0:
			label = " 0"
		}
		var b strings.Builder
		b.WriteString(label + " │")
		for i := range buckets {
			ch := ' '
			if fill := eighths[i] - r*8; eighths[i] > 0 && fill >= 8 {
				ch = sparkLevels[len(sparkLevels)-1]
			} else if eighths[i] > 0 && fill > 0 {
				ch = sparkLevels[fill-1]
			}
			b.WriteString(strings.Repeat(string(ch), barW) + strings.Repeat(" ", colW-barW))
		}
		lines = append(lines, b.String())
	}
	lines = append(lines, "   └"+strings.Repeat("─", plotW))

	first, last := from, to.AddDate(0, 0, -1)
	layout := "2 Jan"
	if first.Year() != last.Year() {
		layout = "2 Jan 2006"
	}
	left, right := first.Format(layout), last.Format(layout)
	gap := plotW - len(left) - len(right)
	dates := left
	if gap >= 1 {
		dates += strings.Repeat(" ", gap) + right
	}
	lines = append(lines, strings.Repeat(" ", chartGutter)+fmt.Sprintf("%-*s", plotW, dates))
	return strings.Join(lines, "\n")
}

// chartSpan is the time a chart of `days` covers: whole days, ending with
// the end of now's day.
func chartSpan(now time.Time, days int) (from, to time.Time) {
	y, m, d := now.Date()
	to = time.Date(y, m, d, 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
	return to.AddDate(0, 0, -max(days, 1)), to
}

// chartHas reports whether any point falls in the time a chart of `days` covers.
func chartHas(points []journal.Point, now time.Time, days int) bool {
	from, to := chartSpan(now, days)
	for _, p := range points {
		if !p.When.Before(from) && p.When.Before(to) {
			return true
		}
	}
	return false
}
