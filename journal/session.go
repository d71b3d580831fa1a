package journal

import "time"

// SessionNote is what a session's summary holds beyond its text: when the
// session ran, the next steps agreed, and the entries written during it. The
// summary entry itself (KindSession) carries the person's words in Text and
// the session's id in Session.
type SessionNote struct {
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended"`
	NextSteps []string  `json:"nextSteps,omitempty"`
	// Entries are the ids of the entries written in the session.
	Entries []string `json:"entries,omitempty"`
}
