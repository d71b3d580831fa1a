package journal

// RatingMin and RatingMax bound a check-in answer; only the two ends are labelled.
const (
	RatingMin = 0
	RatingMax = 10
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
