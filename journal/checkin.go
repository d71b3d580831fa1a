package journal

import (
	"errors"
	"strings"
)

// RatingMin and RatingMax bound a check-in answer; only the two ends are labelled.
const (
	RatingMin = 0
	RatingMax = 10
)

// The check-in question and the words at either end of its scale.
const (
	CheckInQuestion = "How is this part of life for you right now?"
	RatingLowLabel  = "0 = very hard"
	RatingHighLabel = "10 = really good"
)

// Check-in errors, written for the person.
var (
	ErrRatingRange  = errors.New("Ratings go from 0 to 10.")
	ErrEmptyCheckIn = errors.New("This check-in has no answers yet. Rate an area or add a word, or skip it for today.")
	ErrTwiceRated   = errors.New("An area can only be answered once in a check-in.")
)

// CheckIn holds a check-in's answers, one per dimension the person chose to
// answer. Ratings are never summed into one score.
type CheckIn struct {
	Answers []Answer `json:"answers,omitempty"`
}

// Answer is one dimension's part of a check-in. Value is nil when the person
// skipped the rating but left a word or a note.
type Answer struct {
	Dimension string `json:"dimension"`
	Value     *int   `json:"value,omitempty"`
	Word      string `json:"word,omitempty"`
	Note      string `json:"note,omitempty"`
	// By is who gave this reading; where a supporter sees an area differently,
	// both answers are kept and the person's comes first.
	By Author `json:"by,omitempty"`
}

// Rating makes a rating value, refusing one outside 0–10.
func Rating(v int) (*int, error) {
	if v < RatingMin || v > RatingMax {
		return nil, ErrRatingRange
	}
	return &v, nil
}

// mine reports whether an answer is the person's own reading.
func (a Answer) mine() bool { return a.By == "" || a.By == AuthorMe || a.By == AuthorTogether }

func (a Answer) empty() bool {
	return a.Value == nil && strings.TrimSpace(a.Word) == "" && strings.TrimSpace(a.Note) == ""
}

// Validate checks every rating is in range, each area is answered at most
// once by each reader, and something was answered.
func (c CheckIn) Validate() error {
	seen := map[string]bool{}
	answered := false
	for _, a := range c.Answers {
		if a.Value != nil && (*a.Value < RatingMin || *a.Value > RatingMax) {
			return ErrRatingRange
		}
		who := a.Dimension + "\x00" + string(a.By)
		if a.mine() {
			who = a.Dimension + "\x00me"
		}
		if seen[who] {
			return ErrTwiceRated
		}
		seen[who] = true
		answered = answered || !a.empty()
	}
	if !answered {
		return ErrEmptyCheckIn
	}
	return nil
}

// Ratings returns the person's own rating for each dimension they rated.
func (c CheckIn) Ratings() map[string]int {
	out := map[string]int{}
	for _, a := range c.Answers {
		if a.Value != nil && a.mine() {
			out[a.Dimension] = *a.Value
		}
	}
	return out
}

// repair mends invalid UTF-8 and drops answers with nothing in them.
func (c *CheckIn) repair() {
	kept := c.Answers[:0]
	for _, a := range c.Answers {
		a.Word = RepairText(a.Word)
		a.Note = RepairText(a.Note)
		if !a.empty() {
			kept = append(kept, a)
		}
	}
	c.Answers = kept
}
