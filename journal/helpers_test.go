package journal

import (
	"testing"
	"time"
)

// at is a fixed moment in May 2026, UTC, so every test reads the same clock.
func at(day, hour int) time.Time {
	return time.Date(2026, time.May, day, hour, 0, 0, 0, time.UTC)
}

// val makes a rating value for an answer without going through Rating, so
// tests can also build values Rating would refuse.
func val(v int) *int { return &v }

// summary builds a small summary for index and trend tests.
func summary(id string, kind Kind, when time.Time, dims ...string) Summary {
	return Summary{ID: id, Kind: kind, When: when, Dimensions: dims, Title: "title " + id}
}

// ids lists the ids of summaries in order.
func ids(sums []Summary) []string {
	out := make([]string, 0, len(sums))
	for _, s := range sums {
		out = append(out, s.ID)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func wantStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !equalStrings(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}
