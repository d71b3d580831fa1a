package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

type checkinOptions struct {
	rates []string
	words []string
	note  string
}

// checkInPrompt is asked for each life area when checking in at a terminal.
var checkInPrompt = journal.CheckInQuestion + " (" + journal.RatingLowLabel + ", " +
	journal.RatingHighLabel + "; press Enter to skip)"

// notePrompt closes a check-in at a terminal.
const notePrompt = "A word or a note, if you like (Enter to skip):"

// stdinIsTerminal decides whether checkin asks its questions; tests replace it.
var stdinIsTerminal = isTerminal

func (a *app) checkinCommand() *command {
	var o checkinOptions
	c := &command{
		Use:   "checkin",
		Short: "Check in: where each life area is for you now, 0 to 10",
		Long: `Check in: for each life area, where things are for you right now, from
0 (very hard) to 10 (really good). Answer as many areas as you like; the
rest are skipped. The check-in is saved as one entry, and each rating is
kept on its own, never added up.

With --rate (and --word), the answers come from the command line. With
neither, at a terminal, Waymark asks about each of your areas in turn, one
line at a time; from a pipe, it reads one AREA=N a line ("Health=" skips).

The area's name is everything before the last "=", matched ignoring case.`,
		Example: `  waymark checkin
  waymark checkin --rate "Home=6" --rate "Health=4"
  waymark checkin --rate "Close family=7" --word "Close family=warm"
  waymark checkin --rate Home=6 --note "A quiet week."
  printf 'Home=6\nHealth=\n' | waymark checkin`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runCheckIn(c, o) },
	}
	f := c.Flags()
	f.StringArrayVarP(&o.rates, "rate", "r", nil,
		"rate a life area from 0 to 10, as `AREA=N` (repeat for more areas; \"AREA=\" skips it)")
	f.StringArrayVarP(&o.words, "word", "w", nil,
		"a word for a life area, as `AREA=WORD` (repeat for more areas)")
	f.StringVar(&o.note, "note", "", "a note on the whole check-in, in your `WORDS`")
	return c
}

// given is one area's answer as typed, before the area is looked up.
type given struct {
	area  string
	value *int   // nil when skipped
	word  string // "" when none
}

func (a *app) runCheckIn(c *command, o checkinOptions) error {
	var rates, words []given
	for _, r := range o.rates {
		g, err := parseRate(c, r, `--rate needs an area and a number, like --rate "Home=6".`)
		if err != nil {
			return err
		}
		rates = append(rates, g)
	}
	for _, w := range o.words {
		area, word, ok := splitAnswer(w)
		if !ok {
			return usage(c, `--word needs an area and a word, like --word "Home=steady".`)
		}
		words = append(words, given{area: area, word: strings.TrimSpace(journal.RepairText(word))})
	}

	if len(rates) == 0 && len(words) == 0 {
		if stdinIsTerminal(a.stdin) {
			return a.askCheckIn(o.note)
		}
		var err error
		if rates, err = a.readRates(c); err != nil {
			return err
		}
	}
	// Nothing answered is said before the journal is opened, so it changes
	// nothing.
	if !answered(rates) && !answered(words) {
		return fail(journal.ErrEmptyCheckIn)
	}

	st, ds, err := a.openForWriting(func(ds journal.Dimensions) error {
		_, _, err := checkInAnswers(c, ds, rates, words)
		return err
	})
	if err != nil {
		return err
	}
	answers, ids, err := checkInAnswers(c, ds, rates, words)
	if err != nil {
		return err
	}
	return a.saveCheckIn(st, answers, ids, o.note)
}

func answered(gs []given) bool {
	for _, g := range gs {
		if g.value != nil || g.word != "" {
			return true
		}
	}
	return false
}

// splitAnswer splits "AREA=VALUE" at the last "=", so an area's name may
// hold spaces (and even an "=").
func splitAnswer(s string) (area, value string, ok bool) {
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return "", "", false
	}
	area = strings.TrimSpace(s[:i])
	return area, strings.TrimSpace(s[i+1:]), area != ""
}

// parseRate reads "AREA=N"; "AREA=" is a skipped area.
func parseRate(c *command, s, malformed string) (given, error) {
	area, value, ok := splitAnswer(s)
	if !ok {
		return given{}, usage(c, "%s", malformed)
	}
	if value == "" {
		return given{area: area}, nil
	}
	v, err := parseRating(value)
	if err != nil {
		return given{}, usage(c, "%s", err.Error())
	}
	return given{area: area, value: v}, nil
}

// parseRating reads a rating; its errors are plain sentences.
func parseRating(s string) (*int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%q isn't a rating Waymark understands. Ratings are whole numbers from 0 to 10, like Home=6.",
			termsafe.Line(s))
	}
	return journal.Rating(n)
}

// readRates reads one "AREA=N" a line from standard input; blank lines are
// passed over.
func (a *app) readRates(c *command) ([]given, error) {
	sc := bufio.NewScanner(io.LimitReader(a.stdin, journal.MaxTextBytes))
	var out []given
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		g, err := parseRate(c, line, fmt.Sprintf("Line %d needs an area and a number, like Home=6.", n))
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, &failure{msg: "Waymark couldn't read the ratings from standard input, so nothing was saved."}
	}
	return out, nil
}

// checkInAnswers finds each area and makes one answer for each, in the
// person's order of areas, leaving out areas skipped with no word. It says
// which areas were answered, for the entry's life areas.
func checkInAnswers(c *command, ds journal.Dimensions, rates, words []given) ([]journal.Answer, []string, error) {
	type answer struct {
		journal.Answer
		rated, worded bool
	}
	byID := map[string]*answer{}
	find := func(name string) (*answer, error) {
		d, ok := ds.ByName(name)
		if !ok {
			return nil, usage(c, "%s", unknownArea(name, ds))
		}
		if byID[d.ID] == nil {
			byID[d.ID] = &answer{Answer: journal.Answer{Dimension: d.ID, By: journal.AuthorMe}}
		}
		return byID[d.ID], nil
	}
	for _, g := range rates {
		ans, err := find(g.area)
		if err != nil {
			return nil, nil, err
		}
		if ans.rated {
			return nil, nil, usage(c, "%s", journal.ErrTwiceRated.Error())
		}
		ans.rated, ans.Value = true, g.value
	}
	for _, g := range words {
		ans, err := find(g.area)
		if err != nil {
			return nil, nil, err
		}
		if ans.worded {
			return nil, nil, usage(c, "%s", journal.ErrTwiceRated.Error())
		}
		ans.worded, ans.Word = true, g.word
	}
	var answers []journal.Answer
	var ids []string
	for _, d := range ds.Sorted() {
		ans := byID[d.ID]
		if ans == nil || ans.Value == nil && ans.Word == "" {
			continue
		}
		answers = append(answers, ans.Answer)
		ids = append(ids, d.ID)
	}
	return answers, ids, nil
}

// askCheckIn asks about each active area in turn, one plain line at a time
// (a screen reader reads each question as it comes), then for a note.
func (a *app) askCheckIn(note string) error {
	st, ds, err := a.openForWriting(func(journal.Dimensions) error { return nil })
	if err != nil {
		return err
	}
	areas := ds.Active()
	if len(areas) == 0 {
		return &failure{msg: "This journal has no life areas yet. Add them in Waymark, then check in."}
	}
	in := bufio.NewReader(a.stdin)
	var answers []journal.Answer
	var ids []string
	done := false
	for _, d := range areas {
		if done {
			break
		}
		name := termsafe.Line(d.Name)
		fmt.Fprintf(a.stdout, "%s — %s\n", name, checkInPrompt)
		for {
			line, err := readLine(in)
			if err != nil {
				done = true // the input ended: the rest are skipped
				break
			}
			if line == "" {
				break
			}
			v, perr := parseRating(line)
			if errors.Is(perr, journal.ErrRatingRange) {
				fmt.Fprintf(a.stdout, "Ratings go from 0 to 10. Type a number for %s, or press Enter to skip.\n", name)
				continue
			}
			if perr != nil {
				fmt.Fprintf(a.stdout, "Type a number from 0 to 10 for %s, or press Enter to skip.\n", name)
				continue
			}
			answers = append(answers, journal.Answer{Dimension: d.ID, Value: v, By: journal.AuthorMe})
			ids = append(ids, d.ID)
			break
		}
	}
	if len(answers) == 0 {
		return fail(journal.ErrEmptyCheckIn)
	}
	if note == "" && !done {
		fmt.Fprintln(a.stdout, notePrompt)
		note, _ = readLine(in)
	}
	return a.saveCheckIn(st, answers, ids, note)
}

// readLine reads one line without its line ending. At the end of the input
// with nothing read, it returns io.EOF.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	return strings.TrimSpace(line), nil
}

func (a *app) saveCheckIn(st journal.Repository, answers []journal.Answer, ids []string, note string) error {
	e := journal.Entry{
		Kind:       journal.KindCheckIn,
		Dimensions: ids,
		Text:       note,
		CheckIn:    &journal.CheckIn{Answers: answers},
		Author:     journal.AuthorMe,
	}
	if _, err := st.Create(e); err != nil {
		return fail(err)
	}
	fmt.Fprintln(a.stdout, "Saved.")
	return nil
}
