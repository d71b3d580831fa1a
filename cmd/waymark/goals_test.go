package main

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

// goalsJSON reads the goals back with goals --json.
func goalsJSON(t *testing.T, path string, args ...string) []jsonEntry {
	t.Helper()
	r := must(t, "", append([]string{"goals", "--json", "--file", path}, args...)...)
	var got []jsonEntry
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("goals --json is not JSON: %v\n%s", err, r.stdout)
	}
	for i, e := range got {
		if e.GoalFields == nil {
			t.Fatalf("goals --json entry %d has no goal fields: %s", i, r.stdout)
		}
	}
	return got
}

// rawKeys are the field names of each object in a JSON array, sorted.
func rawKeys(t *testing.T, out string) [][]string {
	t.Helper()
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not a JSON array of objects: %v\n%s", err, out)
	}
	var all [][]string
	for _, obj := range raw {
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		all = append(all, keys)
	}
	return all
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

var (
	commonFields = []string{"id", "kind", "when", "created", "updated", "dimensions", "text"}
	goalFields   = []string{"title", "status", "statusSince", "why", "steps", "strengths", "supports", "history", "notes"}
)

func TestAddGoal(t *testing.T) {
	tests := []struct {
		name      string
		stdin     string
		args      []string
		title     string
		text      string
		status    string
		why       string
		steps     []string
		strengths []string
		supports  []string
		areas     []string
		revisit   string
	}{
		{
			name: "everything, from flags",
			args: []string{"--kind", "goal", "-d", "health", "--why", "I feel lighter after",
				"--step", "Find the pool's opening hours", "--step", "Buy goggles", "--step", "Go once",
				"--strength", "I keep going", "--support", "My sister", "--support", "The swim club",
				"--revisit", "2026-05-01", "--status", "active", "Get", "back", "to", "swimming"},
			title: "Get back to swimming", status: "active", why: "I feel lighter after",
			steps:     []string{"Find the pool's opening hours", "Buy goggles", "Go once"},
			strengths: []string{"I keep going"}, supports: []string{"My sister", "The swim club"},
			areas: []string{"Health"}, revisit: "2026-05-01",
		},
		{
			name: "active unless told", args: []string{"-k", "Goal", "Learn to cook three meals"},
			title: "Learn to cook three meals", status: "active",
			steps: []string{}, strengths: []string{}, supports: []string{}, areas: []string{},
		},
		{
			name: "someday", args: []string{"--kind", "goal", "--status", "Someday", "--revisit", "2027-01-31", "Walk the coast path"},
			title: "Walk the coast path", status: "someday", revisit: "2027-01-31",
			steps: []string{}, strengths: []string{}, supports: []string{}, areas: []string{},
		},
		{
			name: "title from standard input, the rest kept", stdin: "Own place by spring\n\nA room with light.\n",
			args:  []string{"--kind", "goal", "-d", "Home"},
			title: "Own place by spring", text: "A room with light.", status: "active",
			steps: []string{}, strengths: []string{}, supports: []string{}, areas: []string{"Home"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			before := time.Now().Add(-time.Second)
			r := must(t, tt.stdin, append([]string{"add", "--file", path}, tt.args...)...)
			if r.stdout != "Saved.\n" {
				t.Errorf("stdout = %q, want Saved.", r.stdout)
			}
			got := goalsJSON(t, path)
			if len(got) != 1 {
				t.Fatalf("goals --json gave %d goals, want 1", len(got))
			}
			g := got[0]
			if g.Kind != "goal" || g.Title != tt.title || g.Text != tt.text || g.Status != tt.status || g.Why != tt.why {
				t.Errorf("goal = kind %q title %q text %q status %q why %q; want goal %q %q %q %q",
					g.Kind, g.Title, g.Text, g.Status, g.Why, tt.title, tt.text, tt.status, tt.why)
			}
			var steps []string
			for _, s := range g.Steps {
				steps = append(steps, s.Text)
				if s.Done || s.DoneAt != "" {
					t.Errorf("new step %q is marked done", s.Text)
				}
			}
			if strings.Join(steps, "|") != strings.Join(tt.steps, "|") {
				t.Errorf("steps = %q, want %q in that order", steps, tt.steps)
			}
			if !slices.Equal(g.Strengths, tt.strengths) || !slices.Equal(g.Supports, tt.supports) {
				t.Errorf("strengths %q supports %q, want %q %q", g.Strengths, g.Supports, tt.strengths, tt.supports)
			}
			if !slices.Equal(g.Dimensions, tt.areas) {
				t.Errorf("dimensions = %q, want %q", g.Dimensions, tt.areas)
			}
			if g.Revisit != tt.revisit {
				t.Errorf("revisit = %q, want %q", g.Revisit, tt.revisit)
			}
			if len(g.History) != 1 || g.History[0].Status != tt.status {
				t.Fatalf("history = %+v, want one change to %s", g.History, tt.status)
			}
			at, err := time.Parse(time.RFC3339, g.History[0].At)
			if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) {
				t.Errorf("history at %q, want about now (%v)", g.History[0].At, err)
			}
			if g.StatusSince != g.History[0].At {
				t.Errorf("statusSince = %q, want the history's %q", g.StatusSince, g.History[0].At)
			}
			if g.Notes == nil || len(g.Notes) != 0 {
				t.Errorf("notes = %#v, want []", g.Notes)
			}

			// The same goal through list --json, with exactly the documented fields.
			r = must(t, "", "list", "--json", "--kind", "goal", "--file", path)
			want := append(slices.Clone(commonFields), goalFields...)
			if tt.revisit != "" {
				want = append(want, "revisit")
			}
			keys := rawKeys(t, r.stdout)
			if len(keys) != 1 || !slices.Equal(keys[0], sortedCopy(want)) {
				t.Errorf("list --json goal fields = %v, want %v", keys, sortedCopy(want))
			}
			if l := entries(t, path, "--kind", "goal"); len(l) != 1 || l[0].GoalFields == nil || l[0].Title != tt.title {
				t.Errorf("list --json --kind goal = %+v", l)
			}
		})
	}
}

func TestAddGoalMistakes(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // the first line of stderr
	}{
		{"bad revisit date", "", []string{"--kind", "goal", "--revisit", "May 1st", "Swim"}, exitUsage,
			"That date doesn't look right — try 2026-05-01."},
		{"a day that isn't", "", []string{"--kind", "goal", "--revisit", "2026-02-30", "Swim"}, exitUsage,
			"That date doesn't look right — try 2026-05-01."},
		{"a step for a reflection", "", []string{"--step", "Go once", "Swim"}, exitUsage,
			"--step is only for goals; add --kind goal to use it."},
		{"a revisit date for a hope", "", []string{"--kind", "hope", "--revisit", "2026-05-01", "Swim"}, exitUsage,
			"--revisit is only for goals; add --kind goal to use it."},
		{"a status for a reflection", "", []string{"--status", "active", "Swim"}, exitUsage,
			"--status is only for goals; add --kind goal to use it."},
		{"check-ins have their own command", "", []string{"--kind", "check-in", "Home 6"}, exitUsage,
			`Check-ins have their own command; try: waymark checkin --rate "Home=6"`},
		{"a new goal can't start reached", "", []string{"--kind", "goal", "--status", "reached", "Swim"}, exitUsage,
			"A new goal starts as active or someday; try --status active or --status someday."},
		{"a status nobody knows", "", []string{"--kind", "goal", "--status", "done", "Swim"}, exitUsage,
			"A new goal starts as active or someday; try --status active or --status someday."},
		{"an empty step", "", []string{"--kind", "goal", "--step", "  ", "Swim"}, exitUsage, journal.ErrEmptyStep.Error()},
		{"an empty strength", "", []string{"--kind", "goal", "--strength", "", "Swim"}, exitUsage, "A strength needs a few words."},
		{"an unknown area", "", []string{"--kind", "goal", "-d", "Work", "Swim"}, exitUsage,
			`There's no life area called "Work". Your areas: Health, Home, Purpose, Community.`},
		{"no title", "", []string{"--kind", "goal", "  "}, exitFailed, journal.ErrEmptyTitle.Error()},
		{"no title on standard input", "\n\nwords below\n", []string{"--kind", "goal"}, exitFailed, journal.ErrEmptyTitle.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			r := waymark(t, tt.stdin, append([]string{"add", "--file", path}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			if got := lines(r.stderr); len(got) == 0 || got[0] != tt.want {
				t.Errorf("stderr = %q, want first line %q", r.stderr, tt.want)
			}
			if tt.code == exitUsage && !strings.Contains(r.stderr, "Try 'waymark add --help'.") {
				t.Errorf("stderr = %q, want where to find help", r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if n := len(entries(t, path)); n != 0 {
				t.Errorf("a refused goal saved %d entries", n)
			}
		})
	}
}

// setGoal changes goals through the store, as the full screen would.
func setGoal(t *testing.T, path, title string, change func(g *journal.Goal)) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	page, err := st.List(journal.Query{Kinds: []journal.Kind{journal.KindGoal}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Summaries {
		if s.Title != title {
			continue
		}
		e, err := st.Get(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		change(e.Goal)
		if _, err := st.Update(e); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("no goal called %q", title)
}

func setStatus(s journal.GoalStatus) func(*journal.Goal) {
	return func(g *journal.Goal) {
		if err := g.SetStatus(s, time.Now()); err != nil {
			panic(err)
		}
	}
}

// fillGoals sets a goal of every status, some with revisit dates.
func fillGoals(t *testing.T, path string) {
	t.Helper()
	add := func(args ...string) {
		must(t, "", append([]string{"add", "--kind", "goal", "--file", path}, args...)...)
	}
	add("-d", "Health", "--step", "Find the pool", "--step", "Go once", "--revisit", "2020-01-01", "Get back to swimming once a week")
	add("-d", "Home", "-d", "Community", "--revisit", "2999-01-01", "Have friends round for dinner")
	add("--status", "someday", "Walk the coast path")
	add("-d", "Purpose", "--revisit", "2020-03-01", "Learn to cook three meals")
	add("--revisit", "2020-01-01", "Move to a flat with a garden")
	add("Run a marathon")

	setGoal(t, path, "Get back to swimming once a week", func(g *journal.Goal) {
		if err := g.ToggleStep(0, time.Now()); err != nil {
			t.Fatal(err)
		}
	})
	setGoal(t, path, "Learn to cook three meals", setStatus(journal.GoalResting))
	setGoal(t, path, "Move to a flat with a garden", setStatus(journal.GoalReached))
	setGoal(t, path, "Run a marathon", setStatus(journal.GoalLetGo))
}

func TestGoalsForPeople(t *testing.T) {
	path := tempJournal(t)
	fillGoals(t, path)
	r := must(t, "", "goals", "--file", path)
	got := lines(r.stdout)

	// Headings in the journal's order, each followed by its goals.
	index := map[string]int{}
	for i, l := range got {
		index[l] = i
	}
	var at []int
	for _, h := range []string{"Active", "Someday", "Resting", "Reached", "Let go"} {
		i, ok := index[h]
		if !ok {
			t.Fatalf("no heading %q in:\n%s", h, r.stdout)
		}
		at = append(at, i)
	}
	if !sort.IntsAreSorted(at) {
		t.Errorf("headings at lines %v, want Active, Someday, Resting, Reached, Let go in that order:\n%s", at, r.stdout)
	}
	under := func(title string) (heading, line string) {
		for i, l := range got {
			if strings.HasPrefix(l, "  "+title) {
				for j := i; j >= 0; j-- {
					if !strings.HasPrefix(got[j], " ") && got[j] != "" {
						return got[j], l
					}
				}
			}
		}
		t.Fatalf("no line for %q in:\n%s", title, r.stdout)
		return "", ""
	}
	tests := []struct {
		title, heading string
		has            []string
		ready          bool
	}{
		{"Get back to swimming once a week", "Active", []string{"1/2 steps", "Health"}, true},
		{"Have friends round for dinner", "Active", []string{"Home, Community"}, false},
		{"Walk the coast path", "Someday", nil, false},
		{"Learn to cook three meals", "Resting", []string{"Purpose"}, true},
		{"Move to a flat with a garden", "Reached", nil, false},
		{"Run a marathon", "Let go", nil, false},
	}
	for _, tt := range tests {
		heading, line := under(tt.title)
		if heading != tt.heading {
			t.Errorf("%q is under %q, want %q", tt.title, heading, tt.heading)
		}
		for _, h := range tt.has {
			if !strings.Contains(line, h) {
				t.Errorf("line %q lacks %q", line, h)
			}
		}
		if ready := strings.HasSuffix(line, "   ready for a look"); ready != tt.ready {
			t.Errorf("line %q: ready for a look = %v, want %v", line, ready, tt.ready)
		}
	}
	for _, never := range []string{"overdue", "late", "failed", "missed", "score"} {
		if strings.Contains(strings.ToLower(r.stdout), never) {
			t.Errorf("goals says %q:\n%s", never, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}

	// JSON comes in the same order, with the changes and their dates.
	gs := goalsJSON(t, path)
	var order []string
	for _, g := range gs {
		order = append(order, g.Status)
	}
	if strings.Join(order, ",") != "active,active,someday,resting,reached,let-go" {
		t.Errorf("goals --json statuses in order %v", order)
	}
	for _, g := range gs {
		switch g.Title {
		case "Learn to cook three meals":
			if len(g.History) != 2 || g.History[0].Status != "active" || g.History[1].Status != "resting" ||
				g.StatusSince != g.History[1].At {
				t.Errorf("resting goal history %+v since %s", g.History, g.StatusSince)
			}
		case "Get back to swimming once a week":
			if len(g.Steps) != 2 || !g.Steps[0].Done || g.Steps[0].DoneAt == "" || g.Steps[1].Done {
				t.Errorf("swimming steps = %+v, want the first one done with its date", g.Steps)
			}
		}
	}
}

func TestGoalsFilters(t *testing.T) {
	path := tempJournal(t)
	fillGoals(t, path)
	tests := []struct {
		name   string
		args   []string
		titles []string
	}{
		{"let go, as said", []string{"--status", "let go"}, []string{"Run a marathon"}},
		{"let-go, as stored", []string{"-s", "let-go"}, []string{"Run a marathon"}},
		{"two statuses", []string{"--status", "Reached", "--status", "someday"},
			[]string{"Walk the coast path", "Move to a flat with a garden"}},
		{"one area", []string{"--dimension", "community"}, []string{"Have friends round for dinner"}},
		{"area and status", []string{"-d", "Purpose", "--status", "resting"}, []string{"Learn to cook three meals"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var titles []string
			for _, g := range goalsJSON(t, path, tt.args...) {
				titles = append(titles, g.Title)
			}
			if !slices.Equal(titles, tt.titles) {
				t.Errorf("goals --json %v = %q, want %q", tt.args, titles, tt.titles)
			}
			r := must(t, "", append([]string{"goals", "--file", path}, tt.args...)...)
			var shown []string
			for _, l := range lines(r.stdout) {
				if strings.HasPrefix(l, "  ") {
					shown = append(shown, strings.TrimSpace(strings.Split(strings.TrimSpace(l), "   ")[0]))
				}
			}
			if !slices.Equal(shown, tt.titles) {
				t.Errorf("goals %v showed %q, want %q:\n%s", tt.args, shown, tt.titles, r.stdout)
			}
		})
	}

	if r := must(t, "", "goals", "--file", path, "--status", "let go"); !strings.HasPrefix(r.stdout, "Let go\n") {
		t.Errorf("goals --status \"let go\" = %q, want the Let go heading first", r.stdout)
	}
	if r := must(t, "", "goals", "--file", path, "-d", "Health", "--status", "someday"); r.stdout != "No goals match that yet. See them all with: waymark goals --file "+path+"\n" {
		t.Errorf("no match said %q", r.stdout)
	}
}

func TestGoalsEmptyAndMistakes(t *testing.T) {
	path := tempJournal(t)
	none := "No goals yet. Set one with: waymark add --file " + path + " --kind goal \"...\"\n"
	if r := must(t, "", "goals", "--file", path); r.stdout != none {
		t.Errorf("goals with no journal said %q", r.stdout)
	}
	if r := must(t, "", "goals", "--json", "--file", path); r.stdout != "[]\n" {
		t.Errorf("goals --json with no journal = %q, want []", r.stdout)
	}
	must(t, "", "add", "--file", path, "Not a goal")
	if r := must(t, "", "goals", "--file", path, "--status", "active"); r.stdout != none {
		t.Errorf("goals in a journal with none said %q", r.stdout)
	}
	if r := must(t, "", "goals", "--file", path, "-d", "Home"); r.stdout != "No goals in Home yet. Set one with: waymark add --file "+path+" --kind goal --dimension Home \"...\"\n" {
		t.Errorf("goals in an empty area said %q", r.stdout)
	}

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown status", []string{"--status", "finished"},
			`Waymark doesn't know a goal status called "finished"; try someday, active, resting, reached or let go.`},
		{"unknown area", []string{"--dimension", "Work"},
			`There's no life area called "Work". Your areas: Health, Home, Purpose, Community.`},
		{"words after goals", []string{"all"}, "waymark goals doesn't take any words after it, only options."},
		{"status without its value", []string{"--status"}, "--status needs a value after it, like --status active."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := waymark(t, "", append([]string{"goals", "--file", path}, tt.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			if want := tt.want + "\nTry 'waymark goals --help'.\n"; r.stderr != want {
				t.Errorf("stderr = %q, want %q", r.stderr, want)
			}
		})
	}
}

func TestGoalTextIsShownSafely(t *testing.T) {
	path := tempJournal(t)
	const title = "Swim \x1b]0;x\x07 again"
	must(t, "", "add", "--file", path, "--kind", "goal", "--step", "step \x1b[2J", "--why", "why \u009b1m", "--revisit", "2020-01-01", title)

	r := must(t, "", "goals", "--file", path)
	assertNoControls(t, "goals", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, "Swim ␛]0;x␇ again") {
		t.Errorf("goals should show the sequence as visible symbols: %q", r.stdout)
	}
	for _, args := range [][]string{{"goals", "--json"}, {"list", "--json"}, {"list"}} {
		r := must(t, "", append(args, "--file", path)...)
		assertNoControls(t, strings.Join(args, " "), r.stdout+r.stderr)
	}
	g := goalsJSON(t, path)
	if len(g) != 1 || g[0].Title != title || g[0].Steps[0].Text != "step \x1b[2J" || g[0].Why != "why \u009b1m" {
		t.Errorf("goals --json gave back %+v, want the words exactly", g)
	}
}
