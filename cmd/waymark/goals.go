package main

import (
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

type goalsOptions struct {
	statuses []string
	area     string
	asJSON   bool
}

func (a *app) goalsCommand() *command {
	var o goalsOptions
	c := &command{
		Use:   "goals",
		Short: "See your goals, by where they stand",
		Long: `See your goals, grouped by where they stand: active, someday, resting,
reached and let go. Each line shows the goal, its steps done, its life areas,
and "ready for a look" once the date you chose to look at it again has come.

--json gives every matching goal in full, for scripts and other tools.`,
		Example: `  waymark goals
  waymark goals --status active --status someday
  waymark goals --status "let go"
  waymark goals --dimension Health
  waymark goals --json > my-goals.json`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runGoals(c, o) },
	}
	f := c.Flags()
	f.StringArrayVarP(&o.statuses, "status", "s", nil,
		"only goals that are `STATUS`: someday, active, resting, reached or let go (repeat for more)")
	f.StringVarP(&o.area, "dimension", "d", "", "only goals in this life area, by `NAME`")
	f.BoolVar(&o.asJSON, "json", false, "print goals in full as JSON (see the README for the format)")
	return c
}

func (a *app) runGoals(c *command, o goalsOptions) error {
	want := map[journal.GoalStatus]bool{}
	for _, s := range o.statuses {
		st, err := journal.ParseGoalStatus(s)
		if err != nil {
			return usage(c, "Waymark doesn't know a goal status called %q; try someday, active, resting, reached or let go.",
				termsafe.Line(s))
		}
		want[st] = true
	}

	// Reading never creates a journal: a path with nothing there yet has
	// no goals.
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if o.area != "" {
			return usage(c, "%s", unknownArea(o.area, nil))
		}
		if o.asJSON {
			return a.printJSON(nil, nil)
		}
		return a.printGoals(nil, nil, o, false)
	}

	q := journal.Query{Kinds: []journal.Kind{journal.KindGoal}}
	st, ds, err := a.openForReading(c, o.area, &q)
	if err != nil {
		return err
	}
	all, _, err := collect(st, q, 0)
	if err != nil {
		return fail(err)
	}
	var summaries []journal.Summary
	for _, s := range all {
		if len(want) == 0 || want[s.Status] {
			summaries = append(summaries, s)
		}
	}
	groups := groupGoals(summaries)

	if o.asJSON {
		var shown []journal.Summary
		for _, g := range groups {
			shown = append(shown, g.goals...)
		}
		entries, err := fullEntries(st, shown)
		if err != nil {
			return err
		}
		return a.printJSON(entries, ds)
	}
	return a.printGoals(groups, ds, o, len(all) > 0)
}

// goalGroup is the goals with one status, newest first.
type goalGroup struct {
	status journal.GoalStatus
	goals  []journal.Summary
}

// groupGoals groups goals by status in journal.GoalStatuses order; a status
// this version doesn't know comes last, as it is.
func groupGoals(summaries []journal.Summary) []goalGroup {
	var groups []goalGroup
	index := map[journal.GoalStatus]int{}
	for _, st := range journal.GoalStatuses {
		index[st] = len(groups)
		groups = append(groups, goalGroup{status: st})
	}
	for _, s := range summaries {
		i, ok := index[s.Status]
		if !ok {
			i = len(groups)
			index[s.Status] = i
			groups = append(groups, goalGroup{status: s.Status})
		}
		groups[i].goals = append(groups[i].goals, s)
	}
	kept := groups[:0]
	for _, g := range groups {
		if len(g.goals) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}

// maxGoalTitleWidth keeps a long goal from pushing its steps and areas off a
// terminal's edge.
const maxGoalTitleWidth = 48

// printGoals prints a heading for each status and a line for each goal:
// title, steps done, life areas, and "ready for a look" when its revisit
// date has come. anyGoals says whether the journal (or the area asked for)
// holds goals at all, for the message when none are shown. Every piece of stored text is made safe for the terminal.
func (a *app) printGoals(groups []goalGroup, ds journal.Dimensions, o goalsOptions, anyGoals bool) error {
	if len(groups) == 0 {
		fmt.Fprintln(a.stdout, a.noGoalsMessage(o, ds, anyGoals))
		return nil
	}
	width := terminalWidth(a.stdout)
	now := time.Now()
	type row struct{ title, steps, areas, ready string }
	rows := make([][]row, len(groups))
	titleW, stepsW, areasW := 0, 0, 0
	for i, g := range groups {
		for _, s := range g.goals {
			names := ds.Names(s.Dimensions)
			for j, n := range names {
				names[j] = termsafe.Line(n)
			}
			r := row{
				title: termsafe.Line(s.Title),
				areas: ansi.Truncate(strings.Join(names, ", "), maxAreasWidth, "…"),
			}
			if width > 0 {
				r.title = ansi.Truncate(r.title, maxGoalTitleWidth, "…")
			}
			if s.StepsTotal > 0 {
				unit := "steps"
				if s.StepsTotal == 1 {
					unit = "step"
				}
				r.steps = fmt.Sprintf("%d/%d %s", s.StepsDone, s.StepsTotal, unit)
			}
			if journal.ReadyForALook(s.Status, s.Revisit, now) {
				r.ready = "ready for a look"
			}
			titleW = max(titleW, min(ansi.StringWidth(r.title), maxGoalTitleWidth))
			stepsW = max(stepsW, ansi.StringWidth(r.steps))
			areasW = max(areasW, ansi.StringWidth(r.areas))
			rows[i] = append(rows[i], r)
		}
	}
	var b strings.Builder
	for i, g := range groups {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(termsafe.Line(g.status.Label()) + "\n")
		for _, r := range rows[i] {
			line := "  " + pad(r.title, titleW)
			for _, col := range []struct {
				text string
				w    int
			}{{r.steps, stepsW}, {r.areas, areasW}, {r.ready, 0}} {
				if col.w > 0 || col.text != "" {
					line += "   " + pad(col.text, col.w)
				}
			}
			line = strings.TrimRight(line, " ")
			if width > 0 {
				line = ansi.Truncate(line, width, "…")
			}
			b.WriteString(line + "\n")
		}
	}
	if _, err := fmt.Fprint(a.stdout, b.String()); err != nil {
		return nil // a closed pipe (| head) is not the person's problem
	}
	return nil
}

func (a *app) noGoalsMessage(o goalsOptions, ds journal.Dimensions, anyGoals bool) string {
	switch {
	case !anyGoals && o.area == "":
		return "No goals yet. Set one with: " + a.hint(`add --kind goal "..."`)
	case o.area != "" && !anyGoals:
		name := o.area
		if d, ok := ds.ByName(o.area); ok {
			name = d.Name
		}
		name = termsafe.Line(name)
		return fmt.Sprintf("No goals in %s yet. Set one with: %s",
			name, a.hint("add --kind goal --dimension "+shellWord(name)+` "..."`))
	case o.area != "" || len(o.statuses) > 0:
		return "No goals match that yet. See them all with: " + a.hint("goals")
	}
	return "No goals yet. Set one with: " + a.hint(`add --kind goal "..."`)
}
