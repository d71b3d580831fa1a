package main

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

// answerLine is an answer as "Area=value/word/by", "-" for a skipped rating.
func answerLine(a jsonAnswer) string {
	v := "-"
	if a.Value != nil {
		v = fmt.Sprint(*a.Value)
	}
	return a.Dimension + "=" + v + "/" + a.Word + "/" + a.By
}

// checkIns reads the check-ins back with list --kind checkin --json.
func checkIns(t *testing.T, path string) []jsonEntry {
	t.Helper()
	got := entries(t, path, "--kind", "checkin")
	for i, e := range got {
		if e.CheckInFields == nil || e.GoalFields != nil {
			t.Fatalf("check-in %d has fields %+v", i, e)
		}
	}
	return got
}

// addArea adds a life area through the store, as the full screen would.
func addArea(t *testing.T, path, name string) {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.Dimensions()
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err = ds.Add(st.NewDimensionID(), name)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveDimensions(ds); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckIn(t *testing.T) {
	tests := []struct {
		name    string
		stdin   string
		args    []string
		area    string // added through the store first
		answers []string
		areas   []string
		text    string
	}{
		{name: "two ratings", args: []string{"--rate", "Home=6", "--rate", "Health=4"},
			answers: []string{"Health=4/me", "Home=6/me"}, areas: []string{"Health", "Home"}},
		{name: "names in any case, zero is a rating", args: []string{"-r", "hOmE=0", "-r", " community = 10 "},
			answers: []string{"Home=0/me", "Community=10/me"}, areas: []string{"Home", "Community"}},
		{name: "an area with a space in its name", area: "Close family", args: []string{"--rate", "Close family=7"},
			answers: []string{"Close family=7/me"}, areas: []string{"Close family"}},
		{name: "an area with = in its name", area: "Me=Us", args: []string{"--rate", "me=us=3"},
			answers: []string{"Me=Us=3/me"}, areas: []string{"Me=Us"}},
		{name: "a word with a rating, a word alone, a note",
			args:    []string{"--rate", "Home=6", "--word", "home=steady", "--word", "Purpose=curious", "--note", "A quiet week."},
			answers: []string{"Home=6/steady/me", "Purpose=-/curious/me"}, areas: []string{"Home", "Purpose"}, text: "A quiet week."},
		{name: "a skipped area is left out", args: []string{"--rate", "Home=6", "--rate", "Health="},
			answers: []string{"Home=6/me"}, areas: []string{"Home"}},
		{name: "from standard input, one skipped", stdin: "Home=6\nHealth=\n", args: []string{},
			answers: []string{"Home=6/me"}, areas: []string{"Home"}},
		{name: "standard input with blank lines and Windows endings", stdin: "\r\nPurpose = 3\r\n\r\nhealth=9\r\n",
			args: []string{}, answers: []string{"Health=9/me", "Purpose=3/me"}, areas: []string{"Health", "Purpose"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			if tt.area != "" {
				must(t, "", "init", "--file", path)
				addArea(t, path, tt.area)
			}
			r := must(t, tt.stdin, append([]string{"checkin", "--file", path}, tt.args...)...)
			if r.stdout != "Saved.\n" {
				t.Errorf("stdout = %q, want Saved.", r.stdout)
			}
			got := checkIns(t, path)
			if len(got) != 1 {
				t.Fatalf("journal holds %d check-ins, want 1", len(got))
			}
			var answers []string
			for _, a := range got[0].Answers {
				answers = append(answers, strings.Replace(answerLine(a), "//", "/", 1))
			}
			if !slices.Equal(answers, tt.answers) {
				t.Errorf("answers = %q, want %q", answers, tt.answers)
			}
			if !slices.Equal(got[0].Dimensions, tt.areas) {
				t.Errorf("dimensions = %q, want %q", got[0].Dimensions, tt.areas)
			}
			if got[0].Text != tt.text || got[0].Kind != "checkin" {
				t.Errorf("kind %q text %q, want checkin %q", got[0].Kind, got[0].Text, tt.text)
			}
		})
	}
}

func TestCheckInJSONAndList(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "checkin", "--file", path, "--rate", "Home=6", "--rate", "Health=4")
	must(t, "", "add", "--file", path, "-d", "Home", "Slept well")

	r := must(t, "", "list", "--kind", "checkin", "--json", "--file", path)
	keys := rawKeys(t, r.stdout)
	want := sortedCopy(append(slices.Clone(commonFields), "answers"))
	if len(keys) != 1 || !slices.Equal(keys[0], want) {
		t.Errorf("check-in fields = %v, want %v", keys, want)
	}
	for _, field := range []string{`"value": 6`, `"value": 4`, `"dimension": "Home"`, `"dimension": "Health"`, `"by": "me"`} {
		if !strings.Contains(r.stdout, field) {
			t.Errorf("list --json lacks %s:\n%s", field, r.stdout)
		}
	}
	// (The field check above already rules out any total; dates and times
	// can hold any digits, so no digits are tested here.)
	for _, never := range []string{"total", "score"} {
		if strings.Contains(r.stdout, never) {
			t.Errorf("list --json holds %q, as if the ratings were added up:\n%s", never, r.stdout)
		}
	}
	got := checkIns(t, path)
	if len(got) != 1 || len(got[0].Answers) != 2 {
		t.Fatalf("check-ins = %+v, want one with two answers", got)
	}
	values := map[string]int{}
	for _, a := range got[0].Answers {
		if a.Value == nil {
			t.Fatalf("answer %+v has no value", a)
		}
		values[a.Dimension] = *a.Value
	}
	if values["Home"] != 6 || values["Health"] != 4 || len(values) != 2 {
		t.Errorf("values = %v, want Home 6 and Health 4", values)
	}
	// Other kinds keep exactly the fields they had.
	r = must(t, "", "list", "--kind", "reflection", "--json", "--file", path)
	if keys := rawKeys(t, r.stdout); len(keys) != 1 || !slices.Equal(keys[0], sortedCopy(commonFields)) {
		t.Errorf("reflection fields = %v", keys)
	}

	r = must(t, "", "list", "--file", path)
	lineRE := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d  Check-in    +Health 4 · Home 6$`)
	var found bool
	for _, l := range lines(r.stdout) {
		if strings.Contains(l, "Check-in") {
			found = true
			if !lineRE.MatchString(l) {
				t.Errorf("check-in line = %q, want its ratings in area order, %s", l, lineRE)
			}
		}
	}
	if !found {
		t.Errorf("list shows no check-in:\n%s", r.stdout)
	}
}

func TestCheckInMistakes(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // all of stderr but the "Try" line
	}{
		{"a rating over 10", "", []string{"--rate", "Home=11"}, exitUsage, "Ratings go from 0 to 10."},
		{"a rating under 0", "", []string{"--rate", "Home=-1"}, exitUsage, "Ratings go from 0 to 10."},
		{"a rating in words", "", []string{"--rate", "Home=six"}, exitUsage,
			`"six" isn't a rating Waymark understands. Ratings are whole numbers from 0 to 10, like Home=6.`},
		{"half a rating", "", []string{"--rate", "Home=6.5"}, exitUsage,
			`"6.5" isn't a rating Waymark understands. Ratings are whole numbers from 0 to 10, like Home=6.`},
		{"no =", "", []string{"--rate", "Home 6"}, exitUsage, `--rate needs an area and a number, like --rate "Home=6".`},
		{"no area", "", []string{"--rate", "=6"}, exitUsage, `--rate needs an area and a number, like --rate "Home=6".`},
		{"a word with no =", "", []string{"--word", "steady"}, exitUsage, `--word needs an area and a word, like --word "Home=steady".`},
		{"an unknown area", "", []string{"--rate", "Work=5"}, exitUsage,
			`There's no life area called "Work". Your areas: Health, Home, Purpose, Community.`},
		{"the same area twice", "", []string{"--rate", "Home=5", "--rate", "home=6"}, exitUsage, journal.ErrTwiceRated.Error()},
		{"the same word twice", "", []string{"--word", "Home=a", "--word", "Home=b"}, exitUsage, journal.ErrTwiceRated.Error()},
		{"a line that isn't a rating", "Home=6\nHealth 4\n", nil, exitUsage, "Line 2 needs an area and a number, like Home=6."},
		{"a rating out of range on a line", "Home=12\n", nil, exitUsage, "Ratings go from 0 to 10."},
		{"words after checkin", "", []string{"today"}, exitUsage, "waymark checkin doesn't take any words after it, only options."},
		{"everything skipped", "", []string{"--rate", "Home=", "--rate", "Health="}, exitFailed, journal.ErrEmptyCheckIn.Error()},
		{"everything skipped on standard input", "Home=\nHealth=\n", nil, exitFailed, journal.ErrEmptyCheckIn.Error()},
		{"nothing on standard input", "", nil, exitFailed, journal.ErrEmptyCheckIn.Error()},
		{"only a note", "", []string{"--note", "Nothing to rate"}, exitFailed, journal.ErrEmptyCheckIn.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			r := waymark(t, tt.stdin, append([]string{"checkin", "--file", path}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			want := tt.want + "\n"
			if tt.code == exitUsage {
				want += "Try 'waymark checkin --help'.\n"
			}
			if r.stderr != want {
				t.Errorf("stderr = %q, want %q", r.stderr, want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if n := len(entries(t, path)); n != 0 {
				t.Errorf("a refused check-in saved %d entries", n)
			}
		})
	}
}

// fakeTerminal makes checkin treat its input as a person at a terminal.
func fakeTerminal(t *testing.T) {
	t.Helper()
	was := stdinIsTerminal
	stdinIsTerminal = func(any) bool { return true }
	t.Cleanup(func() { stdinIsTerminal = was })
}

func TestCheckInAsks(t *testing.T) {
	fakeTerminal(t)
	question := " — How is this part of life for you right now? (0 = very hard, 10 = really good; press Enter to skip)"

	path := tempJournal(t)
	// Health: a word, then out of range, then 4. Home skipped. Purpose 7.
	// Community: the input ends. Then no note is asked for.
	r := must(t, "well\n11\n4\n\n7\n", "checkin", "--file", path)
	want := []string{
		"Health" + question,
		"Type a number from 0 to 10 for Health, or press Enter to skip.",
		"Ratings go from 0 to 10. Type a number for Health, or press Enter to skip.",
		"Home" + question,
		"Purpose" + question,
		"Community" + question,
		"Saved.",
	}
	if got := lines(r.stdout); !slices.Equal(got, want) {
		t.Errorf("checkin asked:\n%s\nwant:\n%s", r.stdout, strings.Join(want, "\n"))
	}
	got := checkIns(t, path)
	if len(got) != 1 {
		t.Fatalf("journal holds %d check-ins, want 1", len(got))
	}
	var answers []string
	for _, a := range got[0].Answers {
		answers = append(answers, answerLine(a))
	}
	if !slices.Equal(answers, []string{"Health=4//me", "Purpose=7//me"}) {
		t.Errorf("answers = %q", answers)
	}

	// Every area answered, then a note.
	path = tempJournal(t)
	r = must(t, "1\n2\n3\n4\nA quiet week, mostly.\n", "checkin", "--file", path)
	if got := lines(r.stdout); len(got) != 6 || got[4] != notePrompt || got[5] != "Saved." {
		t.Errorf("checkin asked:\n%s", r.stdout)
	}
	if got := checkIns(t, path); len(got) != 1 || len(got[0].Answers) != 4 || got[0].Text != "A quiet week, mostly." {
		t.Errorf("check-in = %+v", got)
	}

	// Everything skipped: nothing saved, and the plain message.
	path = tempJournal(t)
	r = waymark(t, "\n\n\n\n", "checkin", "--file", path)
	if r.code != exitFailed || r.stderr != journal.ErrEmptyCheckIn.Error()+"\n" {
		t.Errorf("all skipped: exit %d stderr %q", r.code, r.stderr)
	}
	if n := len(entries(t, path)); n != 0 {
		t.Errorf("all skipped saved %d entries", n)
	}
}

func TestCheckInAsksSafely(t *testing.T) {
	fakeTerminal(t)
	path := tempJournal(t)
	must(t, "", "init", "--file", path)
	addArea(t, path, "Kin \x1b]0;x\x07")
	r := must(t, "\n\n\n\n5\n\n", "checkin", "--file", path)
	assertNoControls(t, "checkin's questions", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, "Kin ␛]0;x␇ — How is") {
		t.Errorf("checkin should show the area's name with visible symbols:\n%s", r.stdout)
	}
	for _, args := range [][]string{{"list"}, {"list", "--json"}} {
		r := must(t, "", append(args, "--file", path)...)
		assertNoControls(t, strings.Join(args, " "), r.stdout+r.stderr)
	}
}

// With --rate, checkin never asks, even at a terminal.
func TestCheckInFlagsDontAsk(t *testing.T) {
	fakeTerminal(t)
	path := tempJournal(t)
	var out, errOut strings.Builder
	code := run([]string{"checkin", "--file", path, "--rate", "Home=6"}, io.MultiReader(), &out, &errOut)
	if code != exitOK || out.String() != "Saved.\n" {
		t.Errorf("exit %d stdout %q stderr %q", code, out.String(), errOut.String())
	}
}
