package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// defaultListLimit is how many entries list shows people unless asked.
const defaultListLimit = 20

// listPageSize is how many summaries list asks the journal for at a time.
const listPageSize = 200

type listOptions struct {
	area   string
	kind   string
	limit  int
	trash  bool
	asJSON bool
}

func (a *app) listCommand() *command {
	var o listOptions
	c := &command{
		Use:   "list",
		Short: "Read what you've written, newest first",
		Long: `Read what you've written, newest first: one line for each entry, with its
date, kind, life areas and first line. It shows the newest 20; --limit 0
shows everything.

--json gives every matching entry in full, for scripts and other tools.`,
		Example: `  waymark list
  waymark list --dimension Home --kind hope
  waymark list --limit 0
  waymark list --trash
  waymark list --json > my-words.json`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error {
			if o.asJSON && !c.Flags().Changed("limit") {
				o.limit = 0
			}
			return a.runList(c, o)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.area, "dimension", "d", "", "only entries in this life area, by `NAME`")
	f.StringVarP(&o.kind, "kind", "k", "", "only entries of this `KIND`: "+kindChoices(journal.AllKinds, ", "))
	f.IntVarP(&o.limit, "limit", "n", defaultListLimit, "show the newest `N` entries; 0 shows them all, as --json does unless told").invalid =
		"--limit needs a whole number, like --limit 5 (0 shows everything)."
	f.BoolVar(&o.trash, "trash", false, "show what's in the trash instead")
	f.BoolVar(&o.asJSON, "json", false, "print entries in full as JSON (see the README for the format)")
	return c
}

func (a *app) runList(c *command, o listOptions) error {
	if o.limit < 0 {
		return usage(c, "--limit needs 0 or more (0 shows everything).")
	}
	var q journal.Query
	q.Trash = o.trash
	if o.kind != "" {
		k, err := journal.ParseKind(o.kind)
		if err != nil {
			return usage(c, "Waymark doesn't know a kind called %q. Kinds: %s.",
				termsafe.Line(o.kind), kindChoices(journal.AllKinds, ", "))
		}
		q.Kinds = []journal.Kind{k}
	}

	// Reading never creates a journal: a path with nothing there yet is an
	// empty journal.
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if o.area != "" {
			return usage(c, "%s", unknownArea(o.area, nil))
		}
		return a.printList(nil, 0, nil, o)
	}

	st, ds, err := a.openForReading(c, o.area, &q)
	if err != nil {
		return err
	}
	summaries, total, err := collect(st, q, o.limit)
	if err != nil {
		return fail(err)
	}
	if o.asJSON {
		entries, err := fullEntries(st, summaries)
		if err != nil {
			return err
		}
		return a.printJSON(entries, ds)
	}
	return a.printList(summaries, total, ds, o)
}

// fullEntries reads the whole entry of each summary, in order, for --json.
// One gone since its summary was read (trashed for good meanwhile) is left out.
func fullEntries(st *store.Store, summaries []journal.Summary) ([]journal.Entry, error) {
	entries := make([]journal.Entry, 0, len(summaries))
	for _, s := range summaries {
		e, err := st.Get(s.ID)
		if errors.Is(err, journal.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fail(err)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// openForReading opens the journal for a command that reads it, and narrows
// q to the life area named (if any), refusing a name the journal doesn't
// have with a usage message that lists the ones it does.
func (a *app) openForReading(c *command, area string, q *journal.Query) (*store.Store, journal.Dimensions, error) {
	st, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	ds, err := st.Dimensions()
	if err != nil {
		return nil, nil, fail(err)
	}
	if area != "" {
		d, ok := ds.ByName(area)
		if !ok {
			return nil, nil, usage(c, "%s", unknownArea(area, ds))
		}
		q.Dimension = d.ID
	}
	return st, ds, nil
}

// collect reads summaries a page at a time, up to limit (0 means all), and
// says how many match in all.
func collect(repo journal.Repository, q journal.Query, limit int) ([]journal.Summary, int, error) {
	var out []journal.Summary
	for {
		q.Offset = len(out)
		q.Limit = listPageSize
		if limit > 0 {
			q.Limit = min(listPageSize, limit-len(out))
		}
		page, err := repo.List(q)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, page.Summaries...)
		if len(page.Summaries) == 0 || len(out) >= page.Total || (limit > 0 && len(out) >= limit) {
			return out, page.Total, nil
		}
	}
}

// printList prints one line for each entry: when, kind, life areas and
// headline, every piece of stored text made safe for the terminal.
func (a *app) printList(summaries []journal.Summary, total int, ds journal.Dimensions, o listOptions) error {
	if o.asJSON {
		return a.printJSON(nil, ds)
	}
	if len(summaries) == 0 {
		fmt.Fprintln(a.stdout, a.emptyMessage(o, ds))
		return nil
	}
	type row struct{ when, kind, areas, headline string }
	rows := make([]row, len(summaries))
	kindW, areasW := 0, 0
	for i, s := range summaries {
		names := ds.Names(s.Dimensions)
		for j, n := range names {
			names[j] = termsafe.Line(n)
		}
		r := row{
			when:     s.When.Local().Format("2006-01-02 15:04"),
			kind:     termsafe.Line(s.Kind.Label()),
			areas:    ansi.Truncate(strings.Join(names, ", "), maxAreasWidth, "…"),
			headline: termsafe.Line(s.Title),
		}
		if h := checkInHeadline(s, ds); s.Kind == journal.KindCheckIn && h != "" {
			// A check-in's line is its own ratings, area by area, never a
			// total; they name the areas, so the column stays empty.
			r.areas, r.headline = "", h
		}
		kindW = max(kindW, ansi.StringWidth(r.kind))
		areasW = max(areasW, ansi.StringWidth(r.areas))
		rows[i] = r
	}
	width := terminalWidth(a.stdout)
	var b strings.Builder
	for _, r := range rows {
		line := r.when + "  " + pad(r.kind, kindW)
		if areasW > 0 {
			line += "  " + pad(r.areas, areasW)
		}
		line = strings.TrimRight(line+"  "+r.headline, " ")
		if width > 0 {
			line = ansi.Truncate(line, width, "…")
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if _, err := fmt.Fprint(a.stdout, b.String()); err != nil {
		return nil // a closed pipe (| head) is not the person's problem
	}
	if total > len(rows) {
		fmt.Fprintf(a.stderr, "Showing the newest %d of %d. Add --limit 0 to see them all.\n", len(rows), total)
	}
	return nil
}

// checkInHeadline is a check-in's ratings in the person's order of areas,
// "Health 4 · Home 6", then the first line of its note, if any; "" when it
// has neither (only words, which the summary doesn't hold).
func checkInHeadline(s journal.Summary, ds journal.Dimensions) string {
	var parts []string
	for _, d := range ds.Sorted() {
		if v, ok := s.Ratings[d.ID]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", termsafe.Line(d.Name), v))
		}
	}
	if s.Title != "" {
		parts = append(parts, termsafe.Line(s.Title))
	}
	return strings.Join(parts, " · ")
}

// maxAreasWidth keeps the life-areas column from crowding out the words.
const maxAreasWidth = 30

func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

func (a *app) emptyMessage(o listOptions, ds journal.Dimensions) string {
	switch {
	case o.trash:
		return "The trash is empty."
	case o.area != "" && o.kind == "":
		name := o.area
		if d, ok := ds.ByName(o.area); ok {
			name = d.Name
		}
		name = termsafe.Line(name)
		return fmt.Sprintf("Nothing in %s yet. When you're ready, write with: %s",
			name, a.hint("add --dimension "+shellWord(name)+` "..."`))
	case o.area != "" || o.kind != "":
		return "Nothing here matches that yet. See everything with: " + a.hint("list")
	}
	return "Nothing here yet. When you're ready, write with: " + a.hint(`add "..."`)
}

// shellWord quotes s for a shell when it needs it.
func shellWord(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./,:+@", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// jsonEntry is one entry in list --json and goals --json. The fields and
// their meaning are documented in the README; add fields, never change or
// remove them. Goals carry GoalFields and check-ins CheckInFields; other
// kinds carry neither.
type jsonEntry struct {
	ID         string   `json:"id"`
	Kind       string   `json:"kind"`
	When       string   `json:"when"`
	Created    string   `json:"created"`
	Updated    string   `json:"updated"`
	Dimensions []string `json:"dimensions"`
	Text       string   `json:"text"`
	// Tags are left out when there are none (entries written in Waymark
	// have none; imported ones keep theirs, and "starred").
	Tags []string `json:"tags,omitempty"`
	// Author is "together" or "supporter" when the person did not write
	// alone, and Session names the session the entry was written in.
	Author  string `json:"author,omitempty"`
	Session string `json:"session,omitempty"`
	// Who is a support's who or what helps (its text says how to reach them).
	Who string `json:"who,omitempty"`
	// NextSteps are a session summary's agreed next steps.
	NextSteps []string `json:"nextSteps,omitempty"`

	*GoalFields
	*CheckInFields
}

// GoalFields are the parts of a goal in --json. (Exported only so that
// encoding/json can fill them when reading the output back.)
type GoalFields struct {
	Title       string        `json:"title"`
	Status      string        `json:"status"`
	StatusSince string        `json:"statusSince"`
	Why         string        `json:"why"`
	Revisit     string        `json:"revisit,omitempty"`
	Steps       []jsonStep    `json:"steps"`
	Strengths   []string      `json:"strengths"`
	Supports    []string      `json:"supports"`
	History     []jsonHistory `json:"history"`
	Notes       []jsonNote    `json:"notes"`
}

type jsonStep struct {
	Text   string `json:"text"`
	Done   bool   `json:"done"`
	DoneAt string `json:"doneAt,omitempty"`
}

type jsonHistory struct {
	Status string `json:"status"`
	At     string `json:"at"`
}

type jsonNote struct {
	At   string `json:"at"`
	Text string `json:"text"`
}

// CheckInFields are the parts of a check-in in --json: each answer as given,
// never a total.
type CheckInFields struct {
	Answers []jsonAnswer `json:"answers"`
}

type jsonAnswer struct {
	Dimension string `json:"dimension"`
	Value     *int   `json:"value,omitempty"`
	Word      string `json:"word"`
	Note      string `json:"note"`
	By        string `json:"by"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(time.RFC3339)
}

// toJSON turns an entry into its --json form, naming its life areas.
func toJSON(e journal.Entry, ds journal.Dimensions) jsonEntry {
	names := ds.Names(e.Dimensions)
	if names == nil {
		names = []string{}
	}
	out := jsonEntry{
		ID:         e.ID,
		Kind:       string(e.Kind),
		When:       rfc3339(e.When),
		Created:    rfc3339(e.Created),
		Updated:    rfc3339(e.Updated),
		Dimensions: names,
		Text:       e.Text,
		Tags:       e.Tags,
		Session:    e.Session,
	}
	if e.Author != "" && e.Author != journal.AuthorMe {
		out.Author = string(e.Author)
	}
	if e.Kind == journal.KindSupport {
		out.Who = e.Title
	}
	if e.SessionNote != nil {
		out.NextSteps = e.SessionNote.NextSteps
	}
	switch {
	case e.Kind == journal.KindGoal || e.Goal != nil:
		g := journal.Goal{}
		if e.Goal != nil {
			g = *e.Goal
		}
		out.GoalFields = goalJSON(e.Title, g)
	case e.Kind == journal.KindCheckIn || e.CheckIn != nil:
		ci := journal.CheckIn{}
		if e.CheckIn != nil {
			ci = *e.CheckIn
		}
		out.CheckInFields = checkInJSON(ci, ds)
	}
	return out
}

func goalJSON(title string, g journal.Goal) *GoalFields {
	out := &GoalFields{
		Title:       title,
		Status:      string(g.Status),
		StatusSince: rfc3339(g.StatusSince()),
		Why:         g.Why,
		Steps:       make([]jsonStep, 0, len(g.Steps)),
		Strengths:   append([]string{}, g.Strengths...),
		Supports:    append([]string{}, g.Supports...),
		History:     make([]jsonHistory, 0, len(g.History)),
		Notes:       make([]jsonNote, 0, len(g.Notes)),
	}
	if !g.Revisit.IsZero() {
		// The date as it was chosen, in the place it was chosen.
		out.Revisit = g.Revisit.Format(dateLayout)
	}
	for _, s := range g.Steps {
		out.Steps = append(out.Steps, jsonStep{Text: s.Text, Done: s.Done, DoneAt: rfc3339(s.DoneAt)})
	}
	for _, h := range g.History {
		out.History = append(out.History, jsonHistory{Status: string(h.Status), At: rfc3339(h.At)})
	}
	for _, n := range g.Notes {
		out.Notes = append(out.Notes, jsonNote{At: rfc3339(n.At), Text: n.Text})
	}
	return out
}

func checkInJSON(ci journal.CheckIn, ds journal.Dimensions) *CheckInFields {
	out := &CheckInFields{Answers: make([]jsonAnswer, 0, len(ci.Answers))}
	for _, a := range ci.Answers {
		ans := jsonAnswer{Word: a.Word, Note: a.Note, By: string(a.By)}
		if d, ok := ds.ByID(a.Dimension); ok {
			ans.Dimension = d.Name
		}
		if a.Value != nil {
			v := *a.Value
			ans.Value = &v
		}
		if ans.By == "" {
			ans.By = string(journal.AuthorMe)
		}
		out.Answers = append(out.Answers, ans)
	}
	return out
}

func (a *app) printJSON(entries []journal.Entry, ds journal.Dimensions) error {
	out := make([]jsonEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, toJSON(e, ds))
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return &failure{msg: somethingWrong}
	}
	b = append(escapeControls(b), '\n')
	if _, err := a.stdout.Write(b); err != nil {
		return &failure{msg: "Waymark couldn't write the list, so it may be incomplete."}
	}
	return nil
}

// escapeControls escapes what encoding/json leaves raw but a terminal would
// act on: DEL, the C1 controls U+0080–U+009F (such as CSI, U+009B) and the
// bidirectional overrides. The JSON means the same; it just never carries a
// raw control, even when printed straight to a terminal.
//
// encoding/json's output is valid UTF-8 whose structure is ASCII, so these
// byte patterns can only be the runes themselves, inside strings.
func escapeControls(b []byte) []byte {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) }) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for i := 0; i < len(b); {
		switch {
		case b[i] == 0x7f:
			out = append(out, `\u007f`...)
			i++
			continue
		case b[i] == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, rune(b[i+1]))
			i += 2
			continue
		case b[i] == 0xe2 && i+2 < len(b):
			r := rune(b[i+1])<<8 | rune(b[i+2])
			// U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9.
			if r >= 0x80aa && r <= 0x80ae || r >= 0x81a6 && r <= 0x81a9 {
				cp := 0x2000 | (rune(b[i+1])&0x3f)<<6 | rune(b[i+2])&0x3f
				out = fmt.Appendf(out, `\u%04x`, cp)
				i += 3
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return out
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
