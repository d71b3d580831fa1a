package main

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixtures are the files journal/exchange's tests read, written as jrnl and
// Day One write them.
const fixtures = "../../journal/exchange/testdata"

// dayOneZip builds a Day One export as Day One zips it: Journal.json inside.
func dayOneZip(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "dayone", "Journal.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Export-Journal.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("Journal.json")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// find is the listed entry whose text starts with prefix.
func find(t *testing.T, list []jsonEntry, prefix string) jsonEntry {
	t.Helper()
	for _, e := range list {
		if strings.HasPrefix(e.Text, prefix) {
			return e
		}
	}
	t.Fatalf("no entry starts with %q", prefix)
	return jsonEntry{}
}

func TestImportEachFormat(t *testing.T) {
	zipped := dayOneZip(t)
	tests := []struct {
		name    string
		file    string
		args    []string
		added   int
		listed  int    // entries list --json shows (the trash isn't listed)
		skipped string // stderr, when something is left out
		sample  string // the start of one entry's text
		when    string // its date, RFC 3339 (local for jrnl)
		utc     bool   // when is an instant, not local wall-clock time
		tags    []string
		areas   []string
		more    string // more of its text
	}{
		{name: "jrnl journal", file: filepath.Join(fixtures, "jrnl.txt"), added: 5, listed: 5,
			sample: "Therapy day: a lot to think about.", when: "2021-03-05T21:40:00",
			tags: []string{"sister-anna", "starred", "support"}, more: "   - calling my sister\n"},
		{name: "jrnl journal, format named", file: filepath.Join(fixtures, "jrnl.txt"), args: []string{"--from", "jrnl"}, added: 5, listed: 5,
			sample: "Café with Léa ☕️🌱", when: "2021-03-07T13:05:00", tags: []string{"café"}, more: "Tabs\tstay as\twritten."},
		{name: "encrypted jrnl journal", file: filepath.Join(fixtures, "jrnl-v2.enc"), args: []string{"--password-file", "PASSWORD"},
			added: 5, listed: 5, sample: "Late night.", when: "2021-03-09T23:59:00", tags: []string{"starred"}},
		{name: "jrnl JSON export", file: filepath.Join(fixtures, "jrnl.json"), added: 5, listed: 5,
			sample: "Woke up early and walked to the river.", when: "2021-03-04T09:15:00",
			tags: []string{"morning", "walking"}, more: "the light on the water was lovely"},
		{name: "Day One JSON", file: filepath.Join(fixtures, "dayone", "Journal.json"), added: 3, listed: 3,
			skipped: "Journal.json, line 70, text: this entry has no words in it (perhaps only a photo), so it was left out.\n",
			sample:  "# All packed up finally", when: "2021-03-03T11:48:50Z", utc: true,
			tags: []string{"Family", "starred", "travel"}, more: "Cairns here we come. Good night Canberra."},
		{name: "Day One zip", file: zipped, added: 3, listed: 3,
			skipped: "Export-Journal.zip (Journal.json), line 70, text: this entry has no words in it (perhaps only a photo), so it was left out.\n",
			sample:  "# Things that help", when: "2021-07-01T08:30:00Z", utc: true, tags: []string{"pinned", "what helps"}},
		{name: "Waymark export", file: filepath.Join(fixtures, "waymark.json"), added: 6, listed: 5,
			sample: "Slept well for the first time in ages.", when: "2026-05-01T09:30:00Z", utc: true,
			tags: []string{"hope", "starred"}, areas: []string{"Health"}, more: "**park** & back"},
	}
	jrnlPass := passFile(t, "a hope in my own words\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempJournal(t)
			args := []string{"import", tt.file, "--file", path}
			for _, a := range tt.args {
				if a == "PASSWORD" {
					a = jrnlPass
				}
				args = append(args, a)
			}
			r := must(t, "", args...)
			want := "Added " + itoa(tt.added) + ", updated 0, unchanged 0."
			if tt.skipped != "" {
				want += " Skipped 1 (see above)."
			}
			if r.stdout != want+"\n" || r.stderr != tt.skipped {
				t.Errorf("import said stdout %q stderr %q, want %q and %q", r.stdout, r.stderr, want, tt.skipped)
			}
			got := entries(t, path)
			if len(got) != tt.listed {
				t.Fatalf("the journal lists %d entries, want %d", len(got), tt.listed)
			}
			e := find(t, got, tt.sample)
			if tt.utc {
				when, err := time.Parse(time.RFC3339, e.When)
				if want, _ := time.Parse(time.RFC3339, tt.when); err != nil || !when.Equal(want) {
					t.Errorf("when = %s, want the instant %s", e.When, tt.when)
				}
			} else if !strings.HasPrefix(e.When, tt.when) {
				t.Errorf("when = %s, want %s local", e.When, tt.when)
			}
			if !slices.Equal(e.Tags, tt.tags) {
				t.Errorf("tags = %q, want %q", e.Tags, tt.tags)
			}
			if tt.areas != nil && !slices.Equal(e.Dimensions, tt.areas) {
				t.Errorf("life areas = %q, want %q", e.Dimensions, tt.areas)
			}
			if !strings.Contains(e.Text, tt.more) {
				t.Errorf("text = %q, want it to hold %q", e.Text, tt.more)
			}

			// The same file again changes nothing.
			r = must(t, "", args...)
			want = "Added 0, updated 0, unchanged " + itoa(tt.added) + "."
			if tt.skipped != "" {
				want += " Skipped 1 (see above)."
			}
			if r.stdout != want+"\n" {
				t.Errorf("the second import said %q, want %q", r.stdout, want)
			}
			again := entries(t, path)
			if len(again) != len(got) {
				t.Errorf("the second import changed the count from %d to %d", len(got), len(again))
			}
			for i := range again {
				if again[i].ID != got[i].ID || again[i].Text != got[i].Text || again[i].Updated != got[i].Updated {
					t.Errorf("entry %d changed on the second import: %+v, was %+v", i, again[i], got[i])
				}
			}
		})
	}
}

func itoa(n int) string { return thousands(n) }

func TestImportIntoAJournalInUse(t *testing.T) {
	// Imports add to what is there; areas named alike keep their own.
	path := tempJournal(t)
	fill(t, path)
	must(t, "", "import", filepath.Join(fixtures, "waymark.json"), "--file", path)
	got := entries(t, path)
	if len(got) != 3+5 {
		t.Fatalf("the journal lists %d entries, want 8", len(got))
	}
	if e := find(t, got, "Slept well for the first time"); !slices.Equal(e.Dimensions, []string{"Health (imported)"}) {
		t.Errorf("an imported entry's area = %q", e.Dimensions)
	}
	if e := find(t, got, "Slept well"); e.Text != "Slept well" || !slices.Equal(e.Dimensions, []string{"Health"}) {
		t.Errorf("the journal's own entry became %+v", e)
	}
}

func TestImportRoundTrip(t *testing.T) {
	// Export, import into a new journal, export again: the same entries.
	from := tempJournal(t)
	fill(t, from)
	must(t, "", "add", "--file", from, "--kind", "goal", "--step", "Find the pool", "-d", "Health", "Get back to swimming")
	must(t, "", "checkin", "--file", from, "--rate", "Home=6", "--word", "Home=steady")
	dir := t.TempDir()
	out := filepath.Join(dir, "journal.json")
	must(t, "", "export", "--file", from, "--format", "json", "-o", out)

	to := tempJournal(t)
	r := must(t, "", "import", out, "--file", to)
	if r.stdout != "Added 5, updated 0, unchanged 0.\n" {
		t.Errorf("import said %q", r.stdout)
	}
	a, b := entries(t, from), entries(t, to)
	if len(a) != len(b) {
		t.Fatalf("%d entries became %d", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Text != b[i].Text || a[i].When != b[i].When || !slices.Equal(a[i].Dimensions, b[i].Dimensions) {
			t.Errorf("entry %d: %+v became %+v", i, a[i], b[i])
		}
	}
	// And back into the journal it came from: nothing new.
	if r := must(t, "", "import", out, "--file", from); r.stdout != "Added 0, updated 0, unchanged 5.\n" {
		t.Errorf("importing an export into its own journal said %q", r.stdout)
	}
}

func TestImportBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	broken := write("broken.json", "{\n  \"format\": \"waymark\",\n  \"version\": 1,\n  \"entries\": [\n"+
		"    {\"id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaa\", \"kind\": \"reflection\", \"text\": \"Fine\"},\n"+
		"    {\"id\": oops}\n  ]\n}\n")
	cut := write("cut.json", "{\n  \"format\": \"waymark\",\n  \"version\": 1,\n  \"entries\": [\n    {\"text\": \"Fine\"")
	notes := write("notes.txt", "Some notes of mine.\nNothing like a journal.\n")
	escape := write("escape.json", "{\"format\":\"waymark\",\"version\":1,\"entries\":[{\"kind\":\"\x1b]0;title\x07\",\"text\":\"x\"}]}")

	path := tempJournal(t)
	fill(t, path)
	before := entries(t, path)
	tests := []struct {
		file string
		args []string
		want string
	}{
		{broken, nil, "broken.json, line 6: the JSON is broken here, so nothing was imported; the file may be damaged or edited by hand."},
		{cut, nil, "cut.json, line 5: the file ends in the middle of its JSON; it may have been cut short, so nothing was imported."},
		{notes, nil, "notes.txt: Waymark can't tell what kind of file this is; name its format (waymark, jrnl, jrnl-json or dayone) to import it. Name it with --from, like: waymark import " +
			shellWord(notes) + " --from jrnl"},
		{notes, []string{"--from", "dayone"}, "notes.txt, line 1: the JSON is broken here, so nothing was imported; the file may be damaged or edited by hand."},
		{filepath.Join(dir, "missing.txt"), nil, "There's no file at " + filepath.Join(dir, "missing.txt") + ". Check its name, then try again."},
		{dir, nil, dir + " is a folder. Give the file inside it to import, like its Journal.json or journal.txt."},
		{filepath.Join(fixtures, "jrnl-v3.enc"), nil, "jrnl-v3.enc is encrypted by jrnl. Give its password with --password-file FILE, or run this in a terminal."},
		{filepath.Join(fixtures, "jrnl-v3.enc"), []string{"--password-file", passFile(t, "not the password\n")},
			"That password didn't open jrnl-v3.enc. Check the first line of the password file, then try again."},
	}
	for _, tt := range tests {
		r := waymark(t, "", append([]string{"import", tt.file, "--file", path}, tt.args...)...)
		if r.code != exitFailed || r.stderr != tt.want+"\n" || r.stdout != "" {
			t.Errorf("import %s %q: exit %d stdout %q stderr %q; want exit 1 and %q", filepath.Base(tt.file), tt.args, r.code, r.stdout, r.stderr, tt.want)
		}
	}
	if after := entries(t, path); !slices.EqualFunc(before, after, func(a, b jsonEntry) bool { return a.ID == b.ID && a.Updated == b.Updated }) {
		t.Errorf("failed imports changed the journal: %d entries became %d", len(before), len(after))
	}

	// Text from the file never reaches the terminal raw.
	r := waymark(t, "", "import", escape, "--file", path)
	assertNoControls(t, "import of escape sequences", r.stdout+r.stderr)
	if !strings.Contains(r.stderr, "escape.json, line 1") {
		t.Errorf("import of escape.json said %q %q", r.stdout, r.stderr)
	}

	// Into no journal at all: none is made.
	fresh := tempJournal(t)
	r = waymark(t, "", "import", broken, "--file", fresh)
	if r.code != exitFailed {
		t.Errorf("import of broken.json into a new journal: exit %d", r.code)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed import made a journal (stat: %v)", err)
	}

	r = waymark(t, "", "import", "--file", path)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "waymark import needs the file to import") {
		t.Errorf("import with no file: exit %d stderr %q", r.code, r.stderr)
	}
	r = waymark(t, "", "import", notes, "--from", "word", "--file", path)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "Waymark imports waymark, jrnl, jrnl-json or dayone files") {
		t.Errorf("import --from word: exit %d stderr %q", r.code, r.stderr)
	}
}

func TestImportDryRun(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	file := filepath.Join(fixtures, "jrnl.txt")
	r := must(t, "", "import", file, "--dry-run", "--file", path)
	if r.stdout != "Nothing was changed (a dry run). Importing jrnl.txt would add 5, update 0, and leave 0 unchanged.\n" {
		t.Errorf("dry run said %q", r.stdout)
	}
	if n := len(entries(t, path)); n != 3 {
		t.Errorf("a dry run changed the journal to %d entries", n)
	}
	must(t, "", "import", file, "--file", path)
	r = must(t, "", "import", file, "--dry-run", "--file", path)
	if r.stdout != "Nothing was changed (a dry run). Importing jrnl.txt would add 0, update 0, and leave 5 unchanged.\n" {
		t.Errorf("dry run after the import said %q", r.stdout)
	}

	// With no journal yet, a dry run makes none.
	fresh := tempJournal(t)
	r = must(t, "", "import", filepath.Join(fixtures, "dayone", "Journal.json"), "--dry-run", "--file", fresh)
	if !strings.HasSuffix(r.stdout, "would add 3, update 0, and leave 0 unchanged. Skipped 1 (see above).\n") {
		t.Errorf("dry run said %q", r.stdout)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a dry run made a journal (stat: %v)", err)
	}
}

func TestImportAsksForTheJrnlPassword(t *testing.T) {
	path := tempJournal(t)
	ty := fakePassphraseTerminal(t, "a guess", "a hope in my own words")
	r := must(t, "", "import", filepath.Join(fixtures, "jrnl-v3.enc"), "--file", path)
	if r.stdout != "Added 5, updated 0, unchanged 0.\n" || !strings.Contains(r.stderr, "That password didn't open jrnl-v3.enc. Try again") {
		t.Errorf("import said %q %q", r.stdout, r.stderr)
	}
	if want := []string{"jrnl's password for jrnl-v3.enc: ", "jrnl's password for jrnl-v3.enc: "}; !slices.Equal(ty.prompts, want) {
		t.Errorf("asked %q, want %q", ty.prompts, want)
	}
}

func TestImportProgress(t *testing.T) {
	var b strings.Builder
	for i := range 2500 {
		fmt.Fprintf(&b, "[2020-01-01 %02d:%02d] Entry %d.\n\n", i/60%24, i%60, i)
	}
	file := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	path := tempJournal(t)
	// Not at a terminal: no progress.
	if r := must(t, "", "import", file, "--file", path); r.stderr != "" || r.stdout != "Added 2,500, updated 0, unchanged 0.\n" {
		t.Errorf("import said %q %q", r.stdout, r.stderr)
	}
	was := progressIsTerminal
	progressIsTerminal = func(any) bool { return true }
	t.Cleanup(func() { progressIsTerminal = was })
	r := must(t, "", "import", file, "--file", tempJournal(t))
	want := "\rImporting… 1,000 of 2,500\rImporting… 2,000 of 2,500\rImporting… 2,500 of 2,500\r\x1b[K"
	if r.stderr != want || r.stdout != "Added 2,500, updated 0, unchanged 0.\n" {
		t.Errorf("import at a terminal said %q on stderr, want %q", r.stderr, want)
	}

	if got := thousands(100000); got != "100,000" {
		t.Errorf("thousands(100000) = %q", got)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 42000: "42,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
