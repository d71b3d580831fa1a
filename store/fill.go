package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// FillBatch is how many entries Fill writes per transaction.
const FillBatch = 1000

// fillWords is the small vocabulary Fill writes with.
var fillWords = strings.Fields(`today I walked to the park and felt a little
lighter after talking with a friend about home work rest sleep food music
garden bus morning evening quiet hope plan small step tomorrow week kind
tired calm proud worried better steady learn try again slowly together
coffee rain sun window letter call visit cook read write breathe notice`)

// Fill writes n reproducible entries (the same seed gives the same words,
// kinds, dimensions and moments) for trying Waymark and measuring it with a
// large journal. Entries are reflections and hopes, with up to three of the
// journal's dimensions, When spread over the three years before the store's
// clock, and text from a few words to a few hundred. They are written
// FillBatch to a transaction. A journal not yet begun is begun with the
// default starting set.
func Fill(s *Store, n int, seed int64) error {
	if n <= 0 {
		return nil
	}
	fresh, err := s.Fresh()
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	if fresh {
		if _, err := s.Begin(journal.DefaultStartingSet()); err != nil {
			return fmt.Errorf("fill: %w", err)
		}
	}
	dims, err := s.Dimensions()
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	var ids []string
	for _, d := range dims.Active() {
		ids = append(ids, d.ID)
	}

	r := rand.New(rand.NewPCG(uint64(seed), 0x5761796d61726b)) // "Waymark"
	end := s.clock().Truncate(time.Second)
	const span = 3 * 365 * 24 * time.Hour
	for done := 0; done < n; {
		batch := make([]journal.Entry, min(FillBatch, n-done))
		for i := range batch {
			batch[i] = fillEntry(r, ids, end.Add(-time.Duration(r.Int64N(int64(span/time.Second)))*time.Second))
		}
		if _, err := s.createBatch(batch); err != nil {
			return fmt.Errorf("fill: %w", err)
		}
		done += len(batch)
	}
	return nil
}

func fillEntry(r *rand.Rand, dims []string, when time.Time) journal.Entry {
	e := journal.Entry{Kind: journal.KindReflection, When: when}
	if r.IntN(10) < 3 {
		e.Kind = journal.KindHope
	}
	if len(dims) > 0 {
		for _, i := range r.Perm(len(dims))[:r.IntN(min(3, len(dims))+1)] {
			e.Dimensions = append(e.Dimensions, dims[i])
		}
	}
	// Mostly short, now and then long: 3 to about 400 words.
	words := 3 + r.IntN(40)
	if r.IntN(5) == 0 {
		words += r.IntN(360)
	}
	var b strings.Builder
	for i := 0; i < words; i++ {
		w := fillWords[r.IntN(len(fillWords))]
		switch {
		case i == 0:
			w = strings.ToUpper(w[:1]) + w[1:]
		case i%60 == 0:
			b.WriteString(".\n\n")
			w = strings.ToUpper(w[:1]) + w[1:]
		case i%12 == 0:
			b.WriteString(". ")
			w = strings.ToUpper(w[:1]) + w[1:]
		default:
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	e.Text = b.String()
	return e
}
