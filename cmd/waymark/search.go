package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

type searchOptions struct {
	area, kind, tag, status, from, to string
	limit                             int
	trash, asJSON                     bool
}

// searchNothing is what search says when nothing matches. It is not an
// error: search exits 0, as list does for an empty list.
const searchNothing = "Nothing found for that. Try fewer or different words."

// badDate is what a date search can't read gets.
const badDate = "That date doesn't look right — try 2026-05-01."

func (a *app) searchCommand() *command {
	var o searchOptions
	c := &command{
		Use:   "search WORDS...",
		Short: "Find entries by their words",
		Long: `Find entries holding every word you give, in any order, newest first. Case
and accents don't matter: cafe finds Café. Put words in quotes to find them
together, as a phrase: waymark search '"morning walk"'.

Each entry found shows as in waymark list, with a line of its words around
what was found. It shows the newest 20; --limit 0 shows everything. Nothing
found is not an error: the exit code is 0 either way.

--json gives every entry found in full, as list --json does, with "snippet"
(the line shown) and "matches" (where the words are in it, as byte offsets).`,
		Example: `  waymark search garden
  waymark search walk river --area Health
  waymark search hope --kind hope --from 2026-01-01 --to 2026-03-31
  waymark search steps --kind goal --status active
  waymark search calm --tag morning --json`,
		RunE: func(c *command, args []string) error {
			if o.asJSON && !c.Flags().Changed("limit") {
				o.limit = 0
			}
			return a.runSearch(c, strings.Join(args, " "), o)
		},
	}
	f := c.Flags()
	f.StringVarP(&o.area, "area", "d", "", "only entries in this life area, by `NAME`")
	f.StringVar(&o.area, "dimension", "", "the same as --area `NAME`, as list has it")
	f.StringVarP(&o.kind, "kind", "k", "", "only entries of this `KIND`: "+kindChoices(journal.AllKinds, ", "))
	f.StringVar(&o.tag, "tag", "", "only entries with this `TAG`")
	f.StringVar(&o.status, "status", "", "only goals in this `STATUS`: someday, active, resting, reached or let-go")
	f.StringVar(&o.from, "from", "", "only entries written on or after `DATE`, like 2026-05-01")
	f.StringVar(&o.to, "to", "", "only entries written on or before `DATE`, like 2026-05-31")
	f.IntVarP(&o.limit, "limit", "n", defaultListLimit, "show the newest `N` found; 0 shows them all, as --json does unless told").invalid =
		"--limit needs a whole number, like --limit 5 (0 shows everything)."
	f.BoolVar(&o.trash, "trash", false, "search what's in the trash instead")
	f.BoolVar(&o.asJSON, "json", false, "print the entries found in full as JSON (see the README for the format)")
	return c
}

func (a *app) runSearch(c *command, text string, o searchOptions) error {
	if journal.ParseSearch(text).Empty() {
		return usage(c, "Say what to look for, like: waymark search garden")
	}
	if o.limit < 0 {
		return usage(c, "--limit needs 0 or more (0 shows everything).")
	}
	q := journal.Query{Trash: o.trash}
	if o.kind != "" {
		k, err := journal.ParseKind(o.kind)
		if err != nil {
			return usage(c, "Waymark doesn't know a kind called %q. Kinds: %s.",
				termsafe.Line(o.kind), kindChoices(journal.AllKinds, ", "))
		}
		q.Kinds = []journal.Kind{k}
	}
	if o.status != "" {
		st, err := journal.ParseGoalStatus(o.status)
		if err != nil {
			return usage(c, "Waymark doesn't know a goal status called %q. Try someday, active, resting, reached or let go.",
				termsafe.Line(o.status))
		}
		q.Statuses = []journal.GoalStatus{st}
	}
	if t := strings.TrimPrefix(strings.TrimSpace(o.tag), "#"); t != "" {
		q.Tags = []string{t}
	}
	for _, d := range []struct {
		value string
		into  *time.Time
		after bool
	}{{o.from, &q.From, false}, {o.to, &q.To, true}} {
		if d.value == "" {
			continue
		}
		day, err := time.ParseInLocation(dateLayout, strings.TrimSpace(d.value), time.Local)
		if err != nil {
			return usage(c, "%s", badDate)
		}
		if d.after {
			day = day.AddDate(0, 0, 1) // the whole of the last day
		}
		*d.into = day
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
		return a.printHits(nil, 0, nil, nil, o)
	}
	st, ds, err := a.openForReading(c, o.area, &q)
	if err != nil {
		return err
	}

	var hits []journal.Hit
	total := 0
	for {
		q.Offset, q.Limit = len(hits), listPageSize
		if o.limit > 0 {
			q.Limit = min(listPageSize, o.limit-len(hits))
		}
		page, err := st.Search(context.Background(), text, q)
		if err != nil {
			return fail(err)
		}
		hits, total = append(hits, page.Hits...), page.Total
		if len(page.Hits) == 0 || len(hits) >= total || (o.limit > 0 && len(hits) >= o.limit) {
			break
		}
	}
	if o.asJSON {
		out := make([]jsonHit, 0, len(hits))
		for _, h := range hits {
			e, err := st.Get(h.Summary.ID)
			if errors.Is(err, journal.ErrNotFound) {
				continue
			}
			if err != nil {
				return fail(err)
			}
			jh := jsonHit{jsonEntry: toJSON(e, ds), Snippet: h.Snippet, Matches: make([]jsonSpan, 0, len(h.Matches))}
			for _, m := range h.Matches {
				jh.Matches = append(jh.Matches, jsonSpan{Start: m.Start, End: m.End})
			}
			out = append(out, jh)
		}
		return a.printHitsJSON(out)
	}
	return a.printHits(hits, total, ds, journal.ParseSearch(text), o)
}

// jsonHit is one entry search --json found: the entry as list --json gives
// it, the line shown around what was found, and where the words are in it.
type jsonHit struct {
	jsonEntry
	Snippet string     `json:"snippet"`
	Matches []jsonSpan `json:"matches"`
}

// jsonSpan is a byte range [start, end) of a snippet.
type jsonSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

func (a *app) printHitsJSON(hits []jsonHit) error {
	if hits == nil {
		hits = []jsonHit{} // nothing found is [], as list --json prints it
	}
	b, err := json.MarshalIndent(hits, "", "  ")
	if err != nil {
		return &failure{msg: somethingWrong}
	}
	b = append(escapeControls(b), '\n')
	if _, err := a.stdout.Write(b); err != nil {
		return &failure{msg: "Waymark couldn't write what it found, so it may be incomplete."}
	}
	return nil
}

// printHits prints each hit as list prints an entry, then, indented, the
// line of its words around what was found. On a terminal (without NO_COLOR)
// the words found are shown in reverse video, marked on the safe text.
func (a *app) printHits(hits []journal.Hit, total int, ds journal.Dimensions, terms journal.SearchTerms, o searchOptions) error {
	if o.asJSON {
		return a.printHitsJSON(nil)
	}
	if len(hits) == 0 {
		fmt.Fprintln(a.stdout, searchNothing)
		return nil
	}
	width := terminalWidth(a.stdout)
	mark := width > 0 && os.Getenv("NO_COLOR") == ""
	var b strings.Builder
	for _, h := range hits {
		s := h.Summary
		names := ds.Names(s.Dimensions)
		for j, n := range names {
			names[j] = termsafe.Line(n)
		}
		line := s.When.Local().Format("2006-01-02 15:04") + "  " + termsafe.Line(s.Kind.Label())
		if areas := ansi.Truncate(strings.Join(names, ", "), maxAreasWidth, "…"); areas != "" && s.Kind != journal.KindCheckIn {
			line += "  " + areas
		}
		headline := termsafe.Line(s.Title)
		if hl := checkInHeadline(s, ds); s.Kind == journal.KindCheckIn && hl != "" {
			headline = hl
		}
		line = strings.TrimRight(line+"  "+headline, " ")
		snippet := "    " + markSnippet(h.Snippet, terms, mark)
		if width > 0 {
			line = ansi.Truncate(line, width, "…")
			snippet = ansi.Truncate(snippet, width, "…")
		}
		b.WriteString(line + "\n" + snippet + "\n")
	}
	if _, err := fmt.Fprint(a.stdout, b.String()); err != nil {
		return nil // a closed pipe (| head) is not the person's problem
	}
	if total > len(hits) {
		fmt.Fprintf(a.stderr, "Showing the newest %d of %d found. Add --limit 0 to see them all.\n", len(hits), total)
	}
	return nil
}

// markSnippet makes a snippet safe for one line, then, when mark is set,
// shows the terms found in it in reverse video.
func markSnippet(snippet string, terms journal.SearchTerms, mark bool) string {
	safe := termsafe.Line(snippet)
	if !mark {
		return safe
	}
	var b strings.Builder
	last := 0
	for _, sp := range journal.MatchSpans(safe, terms) {
		b.WriteString(safe[last:sp.Start])
		b.WriteString("\x1b[7m" + safe[sp.Start:sp.End] + "\x1b[27m")
		last = sp.End
	}
	b.WriteString(safe[last:])
	return b.String()
}
