package journal

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

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

// GoalStatuses lists the statuses in the order screens group goals.
var GoalStatuses = []GoalStatus{GoalActive, GoalSomeday, GoalResting, GoalReached, GoalLetGo}

// Label is the status as the screen says it.
func (s GoalStatus) Label() string {
	switch s {
	case GoalSomeday:
		return "Someday"
	case GoalActive:
		return "Active"
	case GoalResting:
		return "Resting"
	case GoalReached:
		return "Reached"
	case GoalLetGo:
		return "Let go"
	}
	return string(s)
}

// Open reports whether the goal is still being worked towards or may be again.
func (s GoalStatus) Open() bool { return s == GoalActive || s == GoalSomeday || s == GoalResting }

// ParseGoalStatus reads a status as a person might type it ("let go", "Reached").
func ParseGoalStatus(s string) (GoalStatus, error) {
	norm := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, st := range GoalStatuses {
		if strings.ReplaceAll(string(st), "-", "") == norm {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q isn't a goal status; try someday, active, resting, reached or let go", s)
}

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

// Goal editing errors, written for the person.
var (
	ErrUnknownStatus = errors.New("That isn't a goal status Waymark knows.")
	ErrEmptyStep     = errors.New("A step needs a few words.")
	ErrNoSuchStep    = errors.New("That step isn't on this goal.")
	ErrEmptyNote     = errors.New("A note needs a few words.")
)

// NewGoal starts a goal with the status given (active when empty), recording
// that first status with its date.
func NewGoal(status GoalStatus, at time.Time) (*Goal, error) {
	if status == "" {
		status = GoalActive
	}
	g := &Goal{}
	if err := g.SetStatus(status, at); err != nil {
		return nil, err
	}
	return g, nil
}

// SetStatus moves the goal to a status, keeping the date of the change.
// Setting the status it already has changes nothing.
func (g *Goal) SetStatus(s GoalStatus, at time.Time) error {
	if !validStatus(s) {
		return ErrUnknownStatus
	}
	if g.Status == s && len(g.History) > 0 {
		return nil
	}
	g.Status = s
	g.History = append(g.History, StatusChange{Status: s, At: at})
	return nil
}

// StatusSince is when the goal took its current status; zero if unknown.
func (g Goal) StatusSince() time.Time {
	for i := len(g.History) - 1; i >= 0; i-- {
		if g.History[i].Status == g.Status {
			return g.History[i].At
		}
	}
	return time.Time{}
}

// AddStep adds a step at the end.
func (g *Goal) AddStep(text string) error {
	text = strings.TrimSpace(RepairText(text))
	if text == "" {
		return ErrEmptyStep
	}
	g.Steps = append(g.Steps, Step{Text: text})
	return nil
}

// EditStep rewords step i.
func (g *Goal) EditStep(i int, text string) error {
	text = strings.TrimSpace(RepairText(text))
	if text == "" {
		return ErrEmptyStep
	}
	if i < 0 || i >= len(g.Steps) {
		return ErrNoSuchStep
	}
	g.Steps[i].Text = text
	return nil
}

// RemoveStep takes step i off the list.
func (g *Goal) RemoveStep(i int) error {
	if i < 0 || i >= len(g.Steps) {
		return ErrNoSuchStep
	}
	g.Steps = append(g.Steps[:i], g.Steps[i+1:]...)
	return nil
}

// ToggleStep ticks step i, or unticks it, keeping when it was done.
func (g *Goal) ToggleStep(i int, at time.Time) error {
	if i < 0 || i >= len(g.Steps) {
		return ErrNoSuchStep
	}
	s := &g.Steps[i]
	s.Done = !s.Done
	s.DoneAt = time.Time{}
	if s.Done {
		s.DoneAt = at
	}
	return nil
}

// MoveStep shifts step i by delta places, stopping at either end, and returns
// where it landed.
func (g *Goal) MoveStep(i, delta int) (int, error) {
	if i < 0 || i >= len(g.Steps) {
		return i, ErrNoSuchStep
	}
	to := min(max(i+delta, 0), len(g.Steps)-1)
	s := g.Steps[i]
	g.Steps = append(g.Steps[:i], g.Steps[i+1:]...)
	g.Steps = append(g.Steps[:to], append([]Step{s}, g.Steps[to:]...)...)
	return to, nil
}

// AddNote adds a dated progress note.
func (g *Goal) AddNote(text string, at time.Time) error {
	text = strings.TrimSpace(RepairText(text))
	if text == "" {
		return ErrEmptyNote
	}
	g.Notes = append(g.Notes, ProgressNote{At: at, Text: text})
	return nil
}

// StepsDone counts the steps ticked and all steps.
func (g Goal) StepsDone() (done, total int) {
	for _, s := range g.Steps {
		if s.Done {
			done++
		}
	}
	return done, len(g.Steps)
}

// ReadyForALook reports whether the person asked to look at this goal again
// by now: its revisit date has come and it is still open. It is an invitation,
// never a deadline.
func ReadyForALook(status GoalStatus, revisit, today time.Time) bool {
	if revisit.IsZero() || !status.Open() {
		return false
	}
	y, m, d := today.Date()
	return revisit.Before(time.Date(y, m, d+1, 0, 0, 0, 0, today.Location()))
}

func validStatus(s GoalStatus) bool {
	for _, st := range GoalStatuses {
		if s == st {
			return true
		}
	}
	return false
}
