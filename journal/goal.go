package journal

import "time"

// GoalStatus is where a goal stands. A goal is never "failed": it can rest,
// be reached or be let go, and every change is kept with its date.
type GoalStatus string

// Goal statuses.
const (
	GoalSomeday GoalStatus = "someday"
	GoalActive  GoalStatus = "active"
	GoalResting GoalStatus = "resting"
	GoalReached GoalStatus = "reached"
	GoalLetGo   GoalStatus = "let-go"
)

// Goal holds the parts of a goal entry beyond what every entry has; the goal's
// title is Entry.Title, and Entry.Text holds any longer words about it.
type Goal struct {
	Why       string         `json:"why,omitempty"`
	Steps     []Step         `json:"steps,omitempty"`
	Strengths []string       `json:"strengths,omitempty"`
	Supports  []string       `json:"supports,omitempty"`
	Revisit   time.Time      `json:"revisit,omitzero"`
	Status    GoalStatus     `json:"status"`
	History   []StatusChange `json:"history,omitempty"`
	Notes     []ProgressNote `json:"notes,omitempty"`
}

// Step is one small step towards a goal.
type Step struct {
	Text   string    `json:"text"`
	Done   bool      `json:"done,omitempty"`
	DoneAt time.Time `json:"doneAt,omitzero"`
}

// StatusChange records when a goal moved to a status.
type StatusChange struct {
	Status GoalStatus `json:"status"`
	At     time.Time  `json:"at"`
}

// ProgressNote is a dated note on how a goal is going.
type ProgressNote struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}
