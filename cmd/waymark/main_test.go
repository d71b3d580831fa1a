package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

func TestMain(m *testing.M) {
	// No test may touch a real journal: without --file or WAYMARK_FILE,
	// everything lands in a folder that is removed afterwards. (HOME stays:
	// the end-to-end tests run go build, which keeps its cache there.)
	dir, err := os.MkdirTemp("", "waymark-cmd-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	os.Unsetenv(envFile)
	// New passphrases use the cheapest key derivation, so tests stay quick
	// (the binaries the end-to-end tests build inherit it too).
	os.Setenv(envFastKDF, "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

// waymark runs the command line in this process with stdin as its input.
func waymark(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut strings.Builder
	start := time.Now()
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String(), elapsed: time.Since(start)}
}

// must runs a command that should succeed.
func must(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	r := waymark(t, stdin, args...)
	if r.code != exitOK {
		t.Fatalf("waymark %q: exit %d, stderr:\n%s", args, r.code, r.stderr)
	}
	return r
}

func tempJournal(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "journal.db")
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func TestInit(t *testing.T) {
	path := tempJournal(t)
	r := must(t, "", "init", "--file", path)
	if want := "Your journal is ready at " + path + "."; lines(r.stdout)[0] != want {
		t.Errorf("init said %q, want first line %q", r.stdout, want)
	}
	if !strings.Contains(r.stdout, "Health, Home, Purpose and Community") {
		t.Errorf("init should name the four areas: %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("init wrote to stderr: %q", r.stderr)
	}

	r = must(t, "", "init", "--file", path)
	if !strings.Contains(r.stdout, "already") || !strings.Contains(r.stdout, "Nothing was changed") {
		t.Errorf("second init should say nothing changed: %q", r.stdout)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Dimensions()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(areaNames(ds), ","); got != "Health,Home,Purpose,Community" {
		t.Errorf("areas after two inits = %s", got)
	}
}

// entries reads the journal back with list --json.
func entries(t *testing.T, path string, args ...string) []jsonEntry {
	t.Helper()
	r := must(t, "", append([]string{"list", "--json", "--file", path}, args...)...)
	var got []jsonEntry
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, r.stdout)
	}
	return got
}

func TestAdd(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		args     []string
		kind     string
		text     string
		areas    []string
		preamble []string // run first
	}{
		{name: "words as arguments", args: []string{"add", "A", "calm", "week"},
			kind: "reflection", text: "A calm week", areas: []string{}},
		{name: "one argument", args: []string{"add", "A calm week by the river"},
			kind: "reflection", text: "A calm week by the river", areas: []string{}},
		{name: "standard input keeps lines, drops the pipe's last newline",
			stdin: "First line\n\n  indented second\n", args: []string{"add"},
			kind: "reflection", text: "First line\n\n  indented second", areas: []string{}},
		{name: "hope with areas in any case",
			args: []string{"add", "--kind", "Hope", "--dimension", "home", "-d", "COMMUNITY", "My own place by spring"},
			kind: "hope", text: "My own place by spring", areas: []string{"Home", "Community"}},
		{name: "on an initialised journal", preamble: []string{"init"},
			args: []string{"add", "-k", "reflection", "-d", "Health", "Slept well"},
			kind: "reflection", text: "Slept well", areas: []string{"Health"}},
		{name: "text after --", args: []string{"add", "--", "--not a flag"},
			kind: "reflection", text: "--not a flag", areas: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			if tt.preamble != nil {
				must(t, "", append(tt.preamble, "--file", path)...)
			}
			r := must(t, tt.stdin, append([]string{"--file", path}, tt.args...)...)
			if r.stdout != "Saved.\n" {
				t.Errorf("stdout = %q, want Saved.", r.stdout)
			}
			got := entries(t, path)
			if len(got) != 1 {
				t.Fatalf("journal holds %d entries, want 1", len(got))
			}
			e := got[0]
			if e.Kind != tt.kind || e.Text != tt.text || strings.Join(e.Dimensions, ",") != strings.Join(tt.areas, ",") {
				t.Errorf("saved %+v, want kind %s text %q areas %v", e, tt.kind, tt.text, tt.areas)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "init", "--file", path)
	tests := []struct {
		name string
		args []string
		want string // the first line of stderr
		help string // the command in the "Try" line
	}{
		{"unknown dimension", []string{"add", "-d", "Hoem", "words"},
			`There's no life area called "Hoem". Your areas: Health, Home, Purpose, Community.`, "waymark add"},
		{"unknown flag", []string{"add", "--bogus", "words"},
			"waymark add doesn't have an option called --bogus.", "waymark add"},
		{"unknown shorthand", []string{"list", "-x"},
			"waymark list doesn't have an option called -x.", "waymark list"},
		{"unknown flag before the command", []string{"--bogus", "list"},
			"waymark doesn't have an option called --bogus.", "waymark"},
		{"unknown command", []string{"frobnicate"}, `There's no command called "frobnicate".`, "waymark"},
		{"a near miss", []string{"lst"}, `There's no command called "lst". Did you mean list?`, "waymark"},
		{"unknown kind", []string{"add", "--kind", "poem", "words"},
			`Waymark doesn't know a kind called "poem"; try reflection, hope, goal or support.`, "waymark add"},
		{"a kind not writable yet", []string{"add", "--kind", "strength", "words"},
			"This version can't write a strength yet; try reflection, hope, goal or support.", "waymark add"},
		{"a support without who", []string{"add", "--kind", "support", "Call 555-0100"},
			`Say who or what helps with --title, like: waymark add --kind support --title "My sister Ana" "Call 555-0100 after 6"`, "waymark add"},
		{"a title on a reflection", []string{"add", "--title", "Ana", "words"},
			"--title is only for supports; add --kind support to use it.", "waymark add"},
		{"unknown kind in list", []string{"list", "--kind", "poem"},
			`Waymark doesn't know a kind called "poem". Kinds: reflection, hope, goal, checkin, strength, support, session.`, "waymark list"},
		{"limit not a number", []string{"list", "--limit", "lots"},
			"--limit needs a whole number, like --limit 5 (0 shows everything).", "waymark list"},
		{"negative limit", []string{"list", "--limit=-3"}, "--limit needs 0 or more (0 shows everything).", "waymark list"},
		{"flag without its value", []string{"list", "--dimension"},
			"--dimension needs a value after it, like --dimension Home.", "waymark list"},
		{"unknown dimension in list", []string{"list", "--dimension", "Work"},
			`There's no life area called "Work". Your areas: Health, Home, Purpose, Community.`, "waymark list"},
		{"words after list", []string{"list", "everything"},
			"waymark list doesn't take any words after it, only options.", "waymark list"},
		{"words after init", []string{"init", "now"},
			"waymark init doesn't take any words after it, only options.", "waymark init"},
		{"idle after a command", []string{"list", "--idle", "3"},
			"waymark list doesn't have an option called --idle.", "waymark list"},
		{"idle before a command", []string{"--idle", "3", "list"},
			"waymark list doesn't have an option called --idle.", "waymark list"},
		{"idle not a number", []string{"--idle", "soon"},
			"--idle needs a whole number of minutes, like --idle 10 (0 never hides by itself).", "waymark"},
		{"negative idle", []string{"--idle=-1"}, "--idle needs 0 or more minutes (0 never hides by itself).", "waymark"},
		{"--journal with --file", []string{"--journal", "work", "list"},
			"--file and --journal both choose a journal: give one or the other.", "waymark list"},
		{"no completion command", []string{"completion", "bash"}, `There's no command called "completion".`, "waymark"},
		{"a near miss of passwd", []string{"paswd"}, `There's no command called "paswd". Did you mean passwd?`, "waymark"},
		{"words after passwd", []string{"passwd", "now"},
			"waymark passwd doesn't take any words after it, only options.", "waymark passwd"},
		{"words after encrypt", []string{"encrypt", "now"},
			"waymark encrypt doesn't take any words after it, only options.", "waymark encrypt"},
		{"an option passwd doesn't have", []string{"passwd", "--passphrase", "secret"},
			"waymark passwd doesn't have an option called --passphrase.", "waymark passwd"},
		{"three dashes", []string{"list", "---json"}, `"---json" isn't an option Waymark understands.`, "waymark list"},
		{"an on/off option with a strange value", []string{"list", "--json=maybe"},
			`"maybe" isn't a value that option understands.`, "waymark list"},
		{"help about nothing", []string{"help", "frobnicate"}, `There's no command called "frobnicate".`, "waymark"},
		{"no screen without a terminal", []string{},
			`The full-screen journal needs a terminal. From a script, try: waymark list, or waymark add "..."`, "waymark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := waymark(t, "", append([]string{"--file", path}, tt.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			got := lines(r.stderr)
			want := []string{tt.want, "Try '" + tt.help + " --help'."}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, strings.Join(want, "\n"))
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
	if n := len(entries(t, path)); n != 0 {
		t.Errorf("usage errors saved %d entries", n)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"empty argument", "", []string{"add", ""}, journal.ErrEmptyText.Error()},
		{"only spaces", "", []string{"add", "  ", " "}, journal.ErrEmptyText.Error()},
		{"empty standard input", "", []string{"add"}, journal.ErrEmptyText.Error()},
		{"too long", strings.Repeat("a", journal.MaxTextBytes+10), []string{"add"}, journal.ErrTextTooLong.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			r := waymark(t, tt.stdin, append(tt.args, "--file", path)...)
			if r.code != exitFailed {
				t.Errorf("exit %d, want %d", r.code, exitFailed)
			}
			if r.stderr != tt.want+"\n" {
				t.Errorf("stderr = %q, want %q", r.stderr, tt.want)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("a refused entry created the journal file (stat: %v)", err)
			}
		})
	}
}

// fill adds entries in order, oldest first.
func fill(t *testing.T, path string) {
	t.Helper()
	must(t, "", "add", "--file", path, "-d", "Home", "-d", "Community", "A calm week by the river\n\nMore about the week.")
	must(t, "", "add", "--file", path, "--kind", "hope", "-d", "Home", "My own place by spring")
	must(t, "", "add", "--file", path, "-d", "Health", "Slept well")
}

func TestListForPeople(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	r := must(t, "", "list", "--file", path)
	got := lines(r.stdout)
	want := []*regexp.Regexp{
		regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d  Reflection  Health +  Slept well$`),
		regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d  Hope        Home +  My own place by spring$`),
		regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d  Reflection  Home, Community  A calm week by the river$`),
	}
	if len(got) != len(want) {
		t.Fatalf("list printed %d lines, want %d:\n%s", len(got), len(want), r.stdout)
	}
	for i := range want {
		if !want[i].MatchString(got[i]) {
			t.Errorf("line %d = %q, want %s", i, got[i], want[i])
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}

	tests := []struct {
		name    string
		args    []string
		heads   []string
		stderr  string
		message string
	}{
		{name: "one area", args: []string{"--dimension", "home"},
			heads: []string{"My own place by spring", "A calm week by the river"}},
		{name: "one kind", args: []string{"--kind", "hope"}, heads: []string{"My own place by spring"}},
		{name: "area and kind", args: []string{"-d", "Community", "-k", "reflection"},
			heads: []string{"A calm week by the river"}},
		{name: "limit", args: []string{"--limit", "1"}, heads: []string{"Slept well"},
			stderr: "Showing the newest 1 of 3. Add --limit 0 to see them all.\n"},
		{name: "limit 0 is all", args: []string{"-n", "0"},
			heads: []string{"Slept well", "My own place by spring", "A calm week by the river"}},
		{name: "nothing in an area", args: []string{"--dimension", "purpose"},
			message: `Nothing in Purpose yet. When you're ready, write with: waymark add --file ` + path + ` --dimension Purpose "..."`},
		{name: "nothing of a kind", args: []string{"--kind", "goal"},
			message: "Nothing here matches that yet. See everything with: waymark list --file " + path},
		{name: "empty trash", args: []string{"--trash"}, message: "The trash is empty."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := must(t, "", append([]string{"list", "--file", path}, tt.args...)...)
			if r.stderr != tt.stderr {
				t.Errorf("stderr = %q, want %q", r.stderr, tt.stderr)
			}
			got := lines(r.stdout)
			if tt.message != "" {
				if r.stdout != tt.message+"\n" {
					t.Errorf("stdout = %q, want %q", r.stdout, tt.message)
				}
				return
			}
			if len(got) != len(tt.heads) {
				t.Fatalf("got %d lines, want %d:\n%s", len(got), len(tt.heads), r.stdout)
			}
			for i, h := range tt.heads {
				if !strings.HasSuffix(got[i], "  "+h) {
					t.Errorf("line %d = %q, want it to end with %q", i, got[i], h)
				}
			}
		})
	}
}

func TestListEmpty(t *testing.T) {
	path := tempJournal(t)
	r := must(t, "", "list", "--file", path)
	if r.stdout != "Nothing here yet. When you're ready, write with: waymark add --file "+path+" \"...\"\n" {
		t.Errorf("empty list said %q", r.stdout)
	}
	r = must(t, "", "list", "--json", "--file", path)
	if r.stdout != "[]\n" {
		t.Errorf("empty list --json = %q, want []", r.stdout)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("list created a journal where there was none (stat: %v)", err)
	}
	must(t, "", "init", "--file", path)
	if r := must(t, "", "list", "--json", "--file", path); r.stdout != "[]\n" {
		t.Errorf("list --json of a new journal = %q, want []", r.stdout)
	}
}

func TestListJSON(t *testing.T) {
	path := tempJournal(t)
	before := time.Now().Add(-time.Second)
	fill(t, path)
	after := time.Now().Add(time.Second)

	r := must(t, "", "list", "--json", "--file", path)
	// The field names are a promise to scripts: check them as written.
	var raw []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != 3 {
		t.Fatalf("got %d entries, want 3", len(raw))
	}
	for _, obj := range raw {
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		for _, k := range []string{"id", "kind", "when", "created", "updated", "dimensions", "text"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("entry lacks %q: %v", k, keys)
			}
		}
		if len(obj) != 7 {
			t.Errorf("entry has fields %v, want exactly the 7 documented", keys)
		}
	}

	got := entries(t, path)
	want := []struct {
		kind, text string
		areas      []string
	}{
		{"reflection", "Slept well", []string{"Health"}},
		{"hope", "My own place by spring", []string{"Home"}},
		{"reflection", "A calm week by the river\n\nMore about the week.", []string{"Home", "Community"}},
	}
	ids := map[string]bool{}
	for i, w := range want {
		e := got[i]
		if e.Kind != w.kind || e.Text != w.text || strings.Join(e.Dimensions, ",") != strings.Join(w.areas, ",") {
			t.Errorf("entry %d = %+v, want %+v", i, e, w)
		}
		if e.ID == "" || ids[e.ID] {
			t.Errorf("entry %d has id %q: want a new, non-empty one", i, e.ID)
		}
		ids[e.ID] = true
		for name, s := range map[string]string{"when": e.When, "created": e.Created, "updated": e.Updated} {
			tm, err := time.Parse(time.RFC3339, s)
			if err != nil {
				t.Errorf("entry %d %s = %q is not RFC 3339: %v", i, name, s, err)
				continue
			}
			if tm.Before(before) || tm.After(after) {
				t.Errorf("entry %d %s = %s, want about now", i, name, s)
			}
		}
	}

	// --limit applies when given; the area filter too.
	if got := entries(t, path, "--limit", "2"); len(got) != 2 {
		t.Errorf("--json --limit 2 gave %d entries", len(got))
	}
	if got := entries(t, path, "-d", "Home"); len(got) != 2 || got[0].Kind != "hope" {
		t.Errorf("--json -d Home gave %+v", got)
	}
}

func TestManyEntriesArePaged(t *testing.T) {
	path := tempJournal(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Begin(journal.DefaultStartingSet()); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.Local)
	const n = listPageSize*2 + 7
	for i := range n {
		if _, err := st.Create(journal.Entry{Kind: journal.KindReflection, Text: "Entry", When: start.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, path); len(got) != n {
		t.Errorf("--json gave %d entries, want all %d", len(got), n)
	}
	r := must(t, "", "list", "--file", path)
	if got := len(lines(r.stdout)); got != defaultListLimit {
		t.Errorf("list gave %d lines, want %d", got, defaultListLimit)
	}
	if got := len(lines(must(t, "", "list", "--limit", "0", "--file", path).stdout)); got != n {
		t.Errorf("list --limit 0 gave %d lines, want %d", got, n)
	}
}

func TestGlobalFlagPlacement(t *testing.T) {
	tests := []struct {
		name string
		args func(path string) []string
	}{
		{"before the command", func(p string) []string { return []string{"--file", p, "add", "Placed before"} }},
		{"after the command", func(p string) []string { return []string{"add", "Placed after", "--file", p} }},
		{"between the words", func(p string) []string { return []string{"add", "Placed", "--file", p, "between"} }},
		{"with an equals sign", func(p string) []string { return []string{"add", "--file=" + p, "Placed with equals"} }},
		{"between the words and an area", func(p string) []string {
			return []string{"--file", p, "add", "Placed", "--dimension", "Home", "among words"}
		}},
		{"a short option with its value attached", func(p string) []string { return []string{"add", "-dHome", "Placed", "--file", p} }},
		{"a short option with an equals sign", func(p string) []string { return []string{"add", "-d=Home", "--file", p, "Placed"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			must(t, "", tt.args(path)...)
			got := entries(t, path)
			if len(got) != 1 || !strings.HasPrefix(got[0].Text, "Placed") {
				t.Errorf("journal holds %+v", got)
			}
		})
	}
}

func TestEnvironmentChoosesTheJournal(t *testing.T) {
	fromEnv := tempJournal(t)
	fromFlag := tempJournal(t)
	t.Setenv(envFile, fromEnv)

	must(t, "", "add", "Written where the environment says")
	if got := entries(t, fromEnv); len(got) != 1 {
		t.Fatalf("WAYMARK_FILE journal holds %d entries, want 1", len(got))
	}
	r := must(t, "", "list")
	if !strings.Contains(r.stdout, "Written where the environment says") {
		t.Errorf("list without --file should read WAYMARK_FILE: %q", r.stdout)
	}

	must(t, "", "add", "--file", fromFlag, "The flag wins")
	if got := entries(t, fromFlag); len(got) != 1 || got[0].Text != "The flag wins" {
		t.Errorf("--file journal holds %+v", got)
	}
	if got := entries(t, fromEnv); len(got) != 1 {
		t.Errorf("--file should win over WAYMARK_FILE, but its journal now holds %d", len(got))
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	r := must(t, "", "init")
	want := filepath.Join(dir, "waymark", "journal.db")
	if !strings.Contains(r.stdout, want) {
		t.Errorf("init said %q, want the path %s", r.stdout, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		r := must(t, "", flag)
		if r.stdout != "waymark "+version+"\n" {
			t.Errorf("%s = %q", flag, r.stdout)
		}
	}
	// Nothing in help for what isn't there (or isn't yet).
	r := must(t, "", "--help")
	for _, never := range []string{"completion"} {
		if strings.Contains(r.stdout, never) {
			t.Errorf("--help mentions %q:\n%s", never, r.stdout)
		}
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--help"}, []string{"Waymark is a private journal", "waymark add", "waymark list", "--file PATH",
			"--passphrase-file FILE", "--idle MINUTES", "passwd", "encrypt", "-v, --version"}},
		{[]string{"help"}, []string{"Waymark is a private journal", "Commands:"}},
		{[]string{"--help", "add"}, []string{"Write a reflection, a hope or a goal"}},
		{[]string{"init", "--help"}, []string{"--encrypt", "--dimensions SET", "--passphrase-file FILE"}},
		{[]string{"passwd", "--help"}, []string{"Change your journal's passphrase", "--new-passphrase-file FILE"}},
		{[]string{"encrypt", "-h"}, []string{"Protect a journal that has no passphrase yet"}},
		{[]string{"add", "--help"}, []string{"Write a reflection, a hope or a goal", "--dimension NAME", "--kind KIND", "Examples:"}},
		{[]string{"list", "--help"}, []string{"newest first", "--json", "--limit N", "--trash"}},
		{[]string{"init", "-h"}, []string{"no questions asked"}},
		{[]string{"help", "list"}, []string{"--json"}},
	}
	for _, tt := range tests {
		r := must(t, "", tt.args...)
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("waymark %q: want %q in:\n%s", tt.args, w, r.stdout)
			}
		}
		if r.stderr != "" {
			t.Errorf("waymark %q wrote to stderr: %q", tt.args, r.stderr)
		}
	}
}

// hostileText holds sequences that, printed raw, would retitle the
// terminal, write to the clipboard, clear the screen, or start a C1 CSI.
const hostileText = "Title \x1b]0;title\x07 clip \x1b]52;c;aGk=\x07 clear \x1b[2J raw \x9b1m c1 \u009b2m del \x7f bidi \u202e end"

// assertNoControls fails if out holds anything a terminal would act on.
// (A byte test for 0x9b would be wrong: it is also part of valid UTF-8, as
// in ␛, U+241B, which is E2 90 9B.)
func assertNoControls(t *testing.T, what string, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s is not valid UTF-8, so a raw 0x9b (CSI) byte could reach the terminal: %q", what, out)
	}
	for i, r := range out {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) {
			t.Errorf("%s holds control %U at byte %d: %q", what, r, i, out)
			return
		}
	}
}

func TestStoredTextIsShownSafely(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "add", "--file", path, "-d", "Home", hostileText)
	must(t, "", "add", "--file", path, "--kind", "hope", hostileText)
	// Standard input carries the same bytes.
	must(t, hostileText, "add", "--file", path)

	r := must(t, "", "list", "--file", path)
	assertNoControls(t, "list", r.stdout+r.stderr)
	if !strings.Contains(r.stdout, "␛]0;title␇") || !strings.Contains(r.stdout, "␛[2J") {
		t.Errorf("list should show the sequences as visible symbols: %q", r.stdout)
	}

	r = must(t, "", "list", "--json", "--file", path)
	assertNoControls(t, "list --json", r.stdout+r.stderr)
	for _, esc := range []string{`\u001b]0;title\u0007`, `\u001b]52;c;aGk=\u0007`, `\u001b[2J`, `\u009b2m`, `\u007f`, `\u202e`} {
		if !strings.Contains(r.stdout, esc) {
			t.Errorf("list --json should escape %s: %s", esc, r.stdout)
		}
	}
	var got []jsonEntry
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	// The words come back exactly, but for the invalid byte, repaired.
	want := strings.ToValidUTF8(hostileText, "\uFFFD")
	if len(got) != 3 {
		t.Fatalf("list --json gave %d entries, want 3", len(got))
	}
	for _, e := range got {
		if e.Text != want {
			t.Errorf("list --json text = %q, want %q", e.Text, want)
		}
	}
}

func TestEscapeControls(t *testing.T) {
	in := "a\x7fb\u0080c\u009bd\u009fe\u00a0f\u202ag\u202eh\u2066i\u2069j\u2028k\u2067é✓␛"
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := escapeControls(b)
	assertNoControls(t, "escaped JSON", string(out))
	var back string
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("escaped JSON %s does not parse: %v", out, err)
	}
	if back != in {
		t.Errorf("round trip = %q, want %q", back, in)
	}
	for _, want := range []string{`\u007f`, `\u0080`, `\u009b`, `\u009f`, `\u202a`, `\u202e`, `\u2066`, `\u2069`, "\u00a0", "é✓␛"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("escaped JSON %s lacks %q", out, want)
		}
	}
}

func TestJournalOpenElsewhere(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "add", "--file", path, "Written before")
	// bbolt's lock is a flock, which conflicts between two opens of the file
	// even within one process: this holds the journal as another window would.
	held, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	for _, args := range [][]string{{"list"}, {"add", "More words"}, {"init"}} {
		r := waymark(t, "", append(args, "--file", path)...)
		if r.code != exitFailed {
			t.Errorf("%s: exit %d, want %d", args[0], r.code, exitFailed)
		}
		if want := "This journal is open in another window. Close it there, then try again.\n"; r.stderr != want {
			t.Errorf("%s: stderr = %q, want %q", args[0], r.stderr, want)
		}
		if r.elapsed > 1500*time.Millisecond {
			t.Errorf("%s took %v to give up; want under 1.5s", args[0], r.elapsed)
		}
		if r.stdout != "" {
			t.Errorf("%s: stdout = %q", args[0], r.stdout)
		}
	}
}
