// Package sample writes a realistic, reproducible journal for trying Waymark
// and for measuring it: reflections (some answering an area's prompts, a few
// long letters), hopes, goals with steps and a history of every status,
// check-ins across the areas (some with a supporter's second reading),
// strengths, supports, a few sessions written together, and some entries in
// the trash, spread over several years.
//
// It is pure: the same seed, areas, count and end give the same entries, and
// it reads no clock. Every word is Waymark's own.
package sample

import (
	"encoding/base32"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// Options shape a sample journal.
type Options struct {
	// Seed chooses the journal; the same seed gives the same entries.
	Seed int64
	// End is the moment the newest entry is about; entries are spread over
	// Years before it. Zero means 2026-11-01 at noon UTC.
	End time.Time
	// Years is how far back the journal reaches; zero means four.
	Years int
	// NoTrash leaves every entry out of the trash (about one in a hundred
	// is put there otherwise), for tests that count what is listed.
	NoTrash bool
}

// LetterEvery is how many entries there are for each long letter (about
// 20,000 words): a journal of fewer entries holds none.
const LetterEvery = 2000

// LetterWords is about how many words a long letter holds.
const LetterWords = 20000

// Tags are the optional CHIME tags a reflection may carry (after Leamy et
// al. 2011: connectedness, hope, identity, meaning, empowerment).
var Tags = []string{"connectedness", "hope", "identity", "meaning", "empowerment"}

// Generator makes the entries of one sample journal, oldest first.
type Generator struct {
	r     *rand.Rand
	n     int
	i     int
	start time.Time
	step  time.Duration
	end   time.Time
	dims  journal.Dimensions
	trash bool
	// level is each area's rating as the journal goes on: a slow walk.
	level   map[string]float64
	pending []journal.Entry
}

// New starts a generator of n entries over the active areas of ds (none is
// fine: entries then have no areas).
func New(n int, ds journal.Dimensions, o Options) *Generator {
	if o.End.IsZero() {
		o.End = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	}
	if o.Years <= 0 {
		o.Years = 4
	}
	g := &Generator{
		r:     rand.New(rand.NewPCG(uint64(o.Seed), 0x5761796d61726b)), // "Waymark"
		n:     max(n, 0),
		end:   o.End,
		start: o.End.AddDate(-o.Years, 0, 0),
		dims:  ds.Active(),
		trash: !o.NoTrash,
		level: map[string]float64{},
	}
	if g.n > 0 {
		g.step = g.end.Sub(g.start) / time.Duration(g.n)
	}
	for _, d := range g.dims {
		g.level[d.ID] = 3 + g.r.Float64()*3
	}
	return g
}

// Entries returns all n entries at once.
func Entries(n int, ds journal.Dimensions, o Options) []journal.Entry {
	g := New(n, ds, o)
	out := make([]journal.Entry, 0, n)
	for {
		e, ok := g.Next()
		if !ok {
			return out
		}
		out = append(out, e)
	}
}

// Remaining is how many entries are still to come.
func (g *Generator) Remaining() int { return g.n - g.i }

// Next returns the next entry, oldest first; false when all n are made.
// Entries have no id and no created or updated time: the store gives those.
func (g *Generator) Next() (journal.Entry, bool) {
	if g.i >= g.n {
		return journal.Entry{}, false
	}
	if len(g.pending) == 0 {
		g.pending = g.make(g.n - g.i)
	}
	e := g.pending[0]
	g.pending = g.pending[1:]
	g.i++
	return e, true
}

// when is the moment of the i-th entry: evenly spread, with jitter, at a
// time of day a person might write.
func (g *Generator) when(i int) time.Time {
	t := g.start.Add(time.Duration(i) * g.step)
	if g.step > time.Minute {
		t = t.Add(time.Duration(g.r.Int64N(int64(g.step))))
	}
	t = t.Truncate(time.Minute)
	if t.After(g.end) {
		t = g.end
	}
	return t
}

// make makes the next entry or group of entries (a session), at most left.
func (g *Generator) make(left int) []journal.Entry {
	when := g.when(g.i)
	g.walk()
	if g.n >= LetterEvery && g.i%LetterEvery == LetterEvery/2 {
		return []journal.Entry{g.letter(when)}
	}
	if left >= 4 && g.r.IntN(250) == 0 {
		return g.session(when, left)
	}
	var e journal.Entry
	switch k := g.r.IntN(100); {
	case k < 52:
		e = g.reflection(when)
	case k < 62:
		e = g.hope(when)
	case k < 68:
		e = g.goal(when)
	case k < 90:
		e = g.checkIn(when, false)
	case k < 95:
		e = g.strength(when)
	default:
		e = g.support(when)
	}
	if g.r.IntN(100) == 0 && g.trash {
		e.Trashed = g.later(when, 20)
	}
	return []journal.Entry{e}
}

// walk moves each area's level a little, drifting slowly upwards.
func (g *Generator) walk() {
	for _, d := range g.dims { // in order: the same seed, the same walk
		v := g.level[d.ID] + (g.r.Float64()-0.47)*0.6
		g.level[d.ID] = min(max(v, 0), 10)
	}
}

// later is a moment up to days after t, never after the end.
func (g *Generator) later(t time.Time, days int) time.Time {
	l := t.Add(time.Duration(1+g.r.IntN(days*24)) * time.Hour)
	if l.After(g.end) {
		return g.end
	}
	return l
}

func (g *Generator) pick(words []string) string { return words[g.r.IntN(len(words))] }

// someDims picks up to n areas, each at most once.
func (g *Generator) someDims(n int) []string {
	if len(g.dims) == 0 || n == 0 {
		return nil
	}
	var out []string
	for _, i := range g.r.Perm(len(g.dims))[:1+g.r.IntN(min(n, len(g.dims)))] {
		out = append(out, g.dims[i].ID)
	}
	return out
}

// sentences writes about words words of sentences.
func (g *Generator) sentences(b *strings.Builder, words int) {
	written := 0
	inPara := 0
	for written < words {
		s := g.sentence()
		if b.Len() > 0 {
			if inPara >= 3+g.r.IntN(4) {
				b.WriteString("\n\n")
				inPara = 0
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
		inPara++
		written += strings.Count(s, " ") + 1
	}
}

// sentence is one sentence from the parts below.
func (g *Generator) sentence() string {
	switch g.r.IntN(4) {
	case 0:
		return g.pick(openings) + " " + g.pick(middles) + "."
	case 1:
		return g.pick(middlesCap) + " " + g.pick(closings) + "."
	case 2:
		return g.pick(whole)
	}
	return g.pick(openings) + " " + g.pick(middles) + ", and " + g.pick(closings) + "."
}

func (g *Generator) text(minWords, maxWords int) string {
	var b strings.Builder
	g.sentences(&b, minWords+g.r.IntN(maxWords-minWords+1))
	return b.String()
}

func (g *Generator) reflection(when time.Time) journal.Entry {
	e := journal.Entry{Kind: journal.KindReflection, When: when, Dimensions: g.someDims(3)}
	if g.r.IntN(4) == 0 && len(g.dims) > 0 {
		d := g.dims[g.r.IntN(len(g.dims))]
		prompts := append([]string{}, d.Prompts...)
		if d.Prompt != "" && len(prompts) == 0 {
			prompts = append(prompts, "What is "+strings.ToLower(d.Name)+" like for me today?")
		}
		if len(prompts) > 0 {
			e.Prompt = g.pick(prompts)
			e.Dimensions = []string{d.ID}
		}
	}
	switch k := g.r.IntN(20); {
	case k < 12:
		e.Text = g.text(8, 60)
	case k < 19:
		e.Text = g.text(60, 300)
	default:
		e.Text = g.text(300, 1200)
	}
	if g.r.IntN(10) == 0 {
		e.Text = "# " + g.pick(headings) + "\n\n" + e.Text
	}
	if g.r.IntN(4) == 0 {
		for _, i := range g.r.Perm(len(Tags))[:1+g.r.IntN(2)] {
			e.Tags = append(e.Tags, Tags[i])
		}
	}
	return e
}

// letter is a long letter, about LetterWords words, to someone or to a
// future self.
func (g *Generator) letter(when time.Time) journal.Entry {
	var b strings.Builder
	b.Grow(LetterWords * 7)
	b.WriteString(g.pick(salutations))
	b.WriteString("\n\n")
	g.sentences(&b, LetterWords-20)
	b.WriteString("\n\n")
	b.WriteString(g.pick(signoffs))
	return journal.Entry{Kind: journal.KindReflection, When: when, Dimensions: g.someDims(2),
		Tags: []string{"connectedness"}, Text: b.String()}
}

func (g *Generator) hope(when time.Time) journal.Entry {
	text := g.pick(hopes)
	if g.r.IntN(3) == 0 {
		text += " " + g.text(6, 40)
	}
	e := journal.Entry{Kind: journal.KindHope, When: when, Dimensions: g.someDims(2), Text: text}
	if g.r.IntN(5) == 0 {
		e.Tags = []string{"hope"}
	}
	return e
}

func (g *Generator) goal(when time.Time) journal.Entry {
	title := g.pick(goals)
	goal := &journal.Goal{Why: g.pick(whys)}
	for _, i := range g.r.Perm(len(steps))[:2+g.r.IntN(4)] {
		s := journal.Step{Text: steps[i]}
		if g.r.IntN(2) == 0 {
			s.Done, s.DoneAt = true, g.later(when, 60)
		}
		goal.Steps = append(goal.Steps, s)
	}
	for _, i := range g.r.Perm(len(strengths))[:g.r.IntN(3)] {
		goal.Strengths = append(goal.Strengths, strengths[i])
	}
	for _, i := range g.r.Perm(len(supportNames))[:g.r.IntN(3)] {
		goal.Supports = append(goal.Supports, supportNames[i])
	}
	// A history through the statuses: every status appears across a journal.
	first := journal.GoalActive
	if g.r.IntN(4) == 0 {
		first = journal.GoalSomeday
	}
	_ = goal.SetStatus(first, when)
	at := when
	for range g.r.IntN(4) {
		at = g.later(at, 40)
		_ = goal.SetStatus(journal.GoalStatuses[g.r.IntN(len(journal.GoalStatuses))], at)
	}
	if goal.Status.Open() && g.r.IntN(2) == 0 {
		goal.Revisit = g.later(at, 60).Truncate(24 * time.Hour)
	}
	for range g.r.IntN(3) {
		_ = goal.AddNote(g.text(6, 30), g.later(when, 90))
	}
	text := ""
	if g.r.IntN(2) == 0 {
		text = g.text(10, 80)
	}
	return journal.Entry{Kind: journal.KindGoal, When: when, Dimensions: g.someDims(2), Title: title, Text: text, Goal: goal}
}

func (g *Generator) checkIn(when time.Time, together bool) journal.Entry {
	c := &journal.CheckIn{}
	var rated []string
	for _, d := range g.dims {
		if g.r.IntN(5) == 0 {
			continue // skipped: every area is skippable
		}
		a := journal.Answer{Dimension: d.ID}
		if g.r.IntN(12) != 0 {
			v := min(max(int(g.level[d.ID]+0.5)+g.r.IntN(3)-1, journal.RatingMin), journal.RatingMax)
			a.Value = &v
		}
		if g.r.IntN(3) == 0 {
			a.Word = g.pick(checkWords)
		}
		if g.r.IntN(6) == 0 {
			a.Note = g.text(4, 20)
		}
		if a.Value == nil && a.Word == "" && a.Note == "" {
			a.Word = g.pick(checkWords)
		}
		c.Answers = append(c.Answers, a)
		rated = append(rated, d.ID)
	}
	if len(c.Answers) == 0 {
		c.Answers = []journal.Answer{{Word: g.pick(checkWords)}}
		if len(g.dims) > 0 {
			c.Answers[0].Dimension = g.dims[0].ID
			rated = []string{g.dims[0].ID}
		}
	}
	e := journal.Entry{Kind: journal.KindCheckIn, When: when, Dimensions: rated, CheckIn: c}
	// Now and then a supporter sees an area differently: both readings are
	// kept, the person's first.
	if (together || g.r.IntN(10) == 0) && len(c.Answers) > 0 {
		a := c.Answers[g.r.IntN(len(c.Answers))]
		if a.Value != nil {
			v := min(max(*a.Value+1+g.r.IntN(2), journal.RatingMin), journal.RatingMax)
			c.Answers = append(c.Answers, journal.Answer{Dimension: a.Dimension, Value: &v,
				Note: g.pick(supporterNotes), By: journal.AuthorSupporter})
		}
	}
	return e
}

func (g *Generator) strength(when time.Time) journal.Entry {
	return journal.Entry{Kind: journal.KindStrength, When: when, Dimensions: g.someDims(1),
		Text: g.pick(strengths) + ". " + g.text(5, 40)}
}

func (g *Generator) support(when time.Time) journal.Entry {
	s := supports[g.r.IntN(len(supports))]
	return journal.Entry{Kind: journal.KindSupport, When: when, Dimensions: g.someDims(1),
		Title: s[0], Text: s[1]}
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// session is a session with a peer worker: a check-in and a reflection
// written together, then the session's summary, confirmed by the person.
func (g *Generator) session(when time.Time, left int) []journal.Entry {
	var raw [16]byte
	for i := range raw {
		raw[i] = byte(g.r.IntN(256))
	}
	id := idEncoding.EncodeToString(raw[:])
	c := g.checkIn(when, true)
	r := g.reflection(when.Add(10 * time.Minute))
	r.Prompt, r.Trashed = "", time.Time{}
	out := []journal.Entry{c, r}
	if left >= 4 && g.r.IntN(2) == 0 {
		out = append(out, g.goal(when.Add(25*time.Minute)))
	}
	end := when.Add(50 * time.Minute)
	for i := range out {
		out[i].Author, out[i].Session = journal.AuthorTogether, id
	}
	note := &journal.SessionNote{Started: when, Ended: end,
		NextSteps: []string{g.pick(steps), g.pick(steps)}}
	sum := journal.Entry{Kind: journal.KindSession, When: end, Author: journal.AuthorTogether, Session: id,
		Title: "Session " + end.Format("2 January 2006"),
		Text:  g.pick(sessionSummaries) + " " + g.text(10, 40), SessionNote: note}
	out = append(out, sum)
	return out
}

// String describes the options, for logs.
func (o Options) String() string {
	return fmt.Sprintf("seed %d, %d years to %s", o.Seed, o.Years, o.End.Format(time.DateOnly))
}
