package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/store"
)

// journalsHome gives the test a data folder of its own and says where the
// usual journal and the named journals go in it.
func journalsHome(t *testing.T) (usual, named string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	return filepath.Join(dir, "waymark", "journal.db"), filepath.Join(dir, "waymark", "journals")
}

func TestJournalNameRules(t *testing.T) {
	journalsHome(t)
	rules := "A journal name can use letters, numbers, spaces, dots, - and _ (up to 40), and starts and ends with a letter or number."
	tests := []struct {
		name    string
		journal string
		want    string
	}{
		{"hidden", ".work", "A journal name can't start with a dot."},
		{"a dot", ".", "A journal name can't start with a dot."},
		{"a path up", "..", "A journal name can't start with a dot."},
		{"a slash", "work/notes", rules},
		{"a path", "../../etc", "A journal name can't start with a dot."},
		{"a backslash", `work\notes`, rules},
		{"a control character", "work\x1b[2J", rules},
		{"too long", strings.Repeat("a", 41), "A journal name can be up to 40 characters long."},
		{"empty", "", "--journal needs a journal's name, like --journal work."},
		{"spaces only", "  ", "--journal needs a journal's name, like --journal work."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{
				{"--journal", tt.journal, "list"},
				{"init", "--journal=" + tt.journal},
				{"add", "--journal", tt.journal, "words"},
			} {
				r := waymark(t, "", args...)
				if r.code != exitUsage {
					t.Errorf("%q: exit %d, want %d", args, r.code, exitUsage)
				}
				if got := lines(r.stderr); len(got) != 2 || got[0] != tt.want || !strings.HasPrefix(got[1], "Try 'waymark ") {
					t.Errorf("%q: stderr %q, want %q and where to find help", args, r.stderr, tt.want)
				}
			}
		})
	}
	// Nothing was made anywhere.
	ents, _ := os.ReadDir(os.Getenv("XDG_DATA_HOME"))
	if len(ents) != 0 {
		t.Errorf("refused names left %d things in the data folder", len(ents))
	}
}

func TestJournalAndFileTogetherAreRefused(t *testing.T) {
	journalsHome(t)
	path := tempJournal(t)
	for _, args := range [][]string{
		{"--file", path, "--journal", "work", "list"},
		{"init", "--journal", "work", "--file", path},
		{"--journal=work", "--file=" + path},
	} {
		r := waymark(t, "", args...)
		if r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, r.code, exitUsage)
		}
		if got := lines(r.stderr); len(got) == 0 || got[0] != "--file and --journal both choose a journal: give one or the other." {
			t.Errorf("%q: stderr %q", args, r.stderr)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a journal was made at --file")
	}
}

func TestJournalsKeepSeparateFiles(t *testing.T) {
	usual, named := journalsHome(t)
	must(t, "", "init")
	r := must(t, "", "init", "--journal", "work", "--dimensions", "practice")
	work := filepath.Join(named, "work", "journal.db")
	if first := lines(r.stdout)[0]; first != "Your journal is ready at "+work+"." {
		t.Errorf("init --journal said %q, want the path %s", first, work)
	}
	if !strings.Contains(r.stdout, "Hope, The person leads, Life around them, Diversity, First Nations, Inuit and Métis and Changing services") {
		t.Errorf("init --dimensions practice should name the practice lens's areas: %q", r.stdout)
	}
	if !strings.Contains(r.stdout, "Open it with: waymark --journal work") {
		t.Errorf("init --journal should say how to open it: %q", r.stdout)
	}

	must(t, "", "add", "Mine, in the usual journal")
	must(t, "", "add", "--journal", "work", "--dimension", "Hope", "A reflection on practice")
	must(t, "", "--journal", "work", "add", "Another, the option first")

	usualList := must(t, "", "list").stdout
	workList := must(t, "", "list", "--journal", "work").stdout
	if !strings.Contains(usualList, "Mine, in the usual journal") || strings.Contains(usualList, "practice") {
		t.Errorf("the usual journal holds:\n%s", usualList)
	}
	if !strings.Contains(workList, "A reflection on practice") || !strings.Contains(workList, "Another, the option first") ||
		strings.Contains(workList, "Mine") {
		t.Errorf("the work journal holds:\n%s", workList)
	}
	// --journal default is the usual journal; names don't mind case.
	if got := must(t, "", "list", "--journal", "Default").stdout; got != usualList {
		t.Errorf("--journal Default listed:\n%s\nwant the usual journal:\n%s", got, usualList)
	}
	if got := must(t, "", "list", "--journal", "WORK").stdout; got != workList {
		t.Errorf("--journal WORK listed:\n%s\nwant the work journal:\n%s", got, workList)
	}
	r = must(t, "", "init", "--journal", "Work")
	if !strings.Contains(r.stdout, "already at "+work) {
		t.Errorf("init --journal Work with work there said %q", r.stdout)
	}
	// --journal wins over WAYMARK_FILE, as --file does.
	t.Setenv(envFile, usual)
	if got := must(t, "", "list", "--journal", "work").stdout; got != workList {
		t.Errorf("with WAYMARK_FILE set, --journal work listed:\n%s", got)
	}

	// Each journal has its own folder, private, with its own backups.
	for _, dir := range []string{named, filepath.Dir(work), filepath.Join(filepath.Dir(work), "backups")} {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("%s is %v, want 0700", dir, fi.Mode().Perm())
		}
	}
	if fi, err := os.Stat(work); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the work journal: %v, %v; want a 0600 file", fi, err)
	}
	usualBackups, _ := filepath.Glob(filepath.Join(filepath.Dir(usual), "backups", "*"))
	workBackups, _ := filepath.Glob(filepath.Join(filepath.Dir(work), "backups", "*"))
	if len(usualBackups) == 0 || len(workBackups) == 0 {
		t.Fatalf("backups: usual %q, work %q; want each journal's own", usualBackups, workBackups)
	}
	st, err := store.Open(workBackups[0], store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := st.Dimensions()
	st.Close()
	if len(ds) != 6 || ds[0].Name != "Hope" {
		t.Errorf("the work journal's backup has areas %v, want the practice lens", areaNames(ds))
	}
}

func TestJournalThatIsNotThereYet(t *testing.T) {
	_, named := journalsHome(t)
	want := `There's no journal called "nope" yet. To start it: waymark init --journal nope`
	for _, args := range [][]string{{"list"}, {"add", "words"}, {"export", "--format", "json"}, {"checkin", "--rate", "Home=5"}, {"backup", t.TempDir()}, {"check"}} {
		fail1(t, want, "", append(args, "--journal", "nope")...)
	}
	fail1(t, `There's no journal called "my notes" yet. To start it: waymark init --journal 'my notes'`, "", "list", "--journal", "my notes")
	if _, err := os.Stat(named); err == nil {
		t.Errorf("asking for a journal that isn't there made %s", named)
	}
}

func TestJournalsHaveTheirOwnPassphrases(t *testing.T) {
	journalsHome(t)
	samPass := passFile(t, "Sam's own passphrase\n")
	aliPass := passFile(t, "Ali's own passphrase\n")
	r := must(t, "", "init", "--journal", "Sam", "--encrypt", "--passphrase-file", samPass)
	if !strings.Contains(r.stdout, "protected by your passphrase") {
		t.Errorf("init --journal --encrypt said %q", r.stdout)
	}
	must(t, "", "init", "--journal", "Ali", "--encrypt", "--passphrase-file", aliPass)
	must(t, "", "add", "--journal", "Sam", "--passphrase-file", samPass, canary)

	fail1(t, wrongFromFile, "", "list", "--journal", "Sam", "--passphrase-file", aliPass)
	fail1(t, wrongFromFile, "", "list", "--journal", "Ali", "--passphrase-file", samPass)
	if out := must(t, "", "list", "--journal", "sam", "--passphrase-file", samPass).stdout; !strings.Contains(out, canary) {
		t.Errorf("Sam's journal lists:\n%s", out)
	}
	if out := must(t, "", "list", "--journal", "Ali", "--passphrase-file", aliPass).stdout; strings.Contains(out, canary) {
		t.Errorf("Ali's journal holds Sam's words:\n%s", out)
	}
	path, err := (&app{journal: "Sam"}).namedJournalPath("Sam")
	if err != nil {
		t.Fatal(err)
	}
	assertSealed(t, path, canary)
}

func TestJournalLocksAreSeparate(t *testing.T) {
	journalsHome(t)
	must(t, "", "init", "--journal", "A")
	must(t, "", "init", "--journal", "B")
	a, err := (&app{}).namedJournalPath("A")
	if err != nil {
		t.Fatal(err)
	}
	held, err := store.Open(a, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	must(t, "", "add", "--journal", "B", "B is free")
	fail1(t, "This journal is open in another window. Close it there, then try again.", "", "add", "--journal", "A", "A is not")

	// journals still lists both, and says which is open.
	r := must(t, "", "journals")
	if !strings.Contains(r.stdout, "open in another window") {
		t.Errorf("journals should say A is open elsewhere:\n%s", r.stdout)
	}
}

func TestJournalsList(t *testing.T) {
	usual, named := journalsHome(t)
	r := must(t, "", "journals")
	if !strings.Contains(r.stdout, "There are no journals here yet.") {
		t.Errorf("journals with none said %q", r.stdout)
	}
	r = must(t, "", "journals", "--json")
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("journals --json with none = %q, want []", r.stdout)
	}

	must(t, "", "init")
	must(t, "", "init", "--journal", "work", "--encrypt", "--passphrase-file", passFile(t, passphrase+"\n"))
	must(t, "", "init", "--journal", "Ana María")
	// Folders that aren't journals, or aren't names --journal takes, are
	// left out.
	for _, dir := range []string{".hidden", "empty", "bad\x1bname"} {
		if err := os.MkdirAll(filepath.Join(named, dir), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(named, ".hidden", "journal.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A journal that can't be read is listed, and says so, in JSON too.
	if err := os.MkdirAll(filepath.Join(named, "broken"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(named, "broken", "journal.db"), []byte(strings.Repeat("not a journal ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}

	r = must(t, "", "journals")
	today := time.Now().Format("2006-01-02")
	want := []string{
		"default    no passphrase     changed " + today + "  (the usual one)",
		"Ana María  no passphrase     changed " + today,
		"broken     couldn't be read  changed " + today,
		"work       passphrase        changed " + today,
		"",
		"Open one with: waymark --journal NAME",
	}
	if got := lines(r.stdout); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("journals:\n%s\nwant:\n%s", r.stdout, strings.Join(want, "\n"))
	}

	r = must(t, "", "journals", "--json")
	var got []struct {
		Name          string    `json:"name"`
		Default       bool      `json:"default"`
		Path          string    `json:"path"`
		Protected     bool      `json:"protected"`
		OpenElsewhere bool      `json:"open_elsewhere"`
		Changed       time.Time `json:"changed"`
		Unreadable    *bool     `json:"unreadable"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("journals --json is not JSON: %v\n%s", err, r.stdout)
	}
	if len(got) != 4 {
		t.Fatalf("journals --json gave %d journals, want 4:\n%s", len(got), r.stdout)
	}
	type row struct {
		name       string
		def        bool
		path       string
		protected  bool
		unreadable bool
	}
	wantRows := []row{
		{"default", true, usual, false, false},
		{"Ana María", false, filepath.Join(named, "Ana María", "journal.db"), false, false},
		{"broken", false, filepath.Join(named, "broken", "journal.db"), false, true},
		{"work", false, filepath.Join(named, "work", "journal.db"), true, false},
	}
	for i, w := range wantRows {
		g := got[i]
		if g.Unreadable == nil {
			t.Fatalf("journal %d has no unreadable field:\n%s", i, r.stdout)
		}
		if (row{g.Name, g.Default, g.Path, g.Protected, *g.Unreadable}) != w || g.OpenElsewhere {
			t.Errorf("journal %d = %+v, want %+v", i, g, w)
		}
		if time.Since(g.Changed) > time.Hour {
			t.Errorf("journal %d changed %v", i, g.Changed)
		}
	}
}

func TestJournalsHelp(t *testing.T) {
	r := must(t, "", "--help")
	for _, want := range []string{"--journal NAME", "journals  ", "waymark --journal Sam"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--help should mention %q:\n%s", want, r.stdout)
		}
	}
	r = must(t, "", "journals", "--help")
	for _, want := range []string{"List the journals on this computer", "--json", "waymark init --journal NAME"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("journals --help should mention %q:\n%s", want, r.stdout)
		}
	}
	r = must(t, "", "init", "--help")
	for _, want := range []string{"--dimensions practice", "--journal NAME"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init --help should mention %q:\n%s", want, r.stdout)
		}
	}
}

// TestHintsNameTheJournal: a message that suggests a command names the
// journal this run used, so following it never reaches the usual journal
// (a bare "waymark encrypt" would protect that one instead).
func TestHintsNameTheJournal(t *testing.T) {
	usual, named := journalsHome(t)
	must(t, "", "init")
	must(t, "", "init", "--journal", "my notes")
	path := filepath.Join(named, "my notes", "journal.db")
	pf := passFile(t, passphrase)

	fail1(t, "There's already a journal at "+path+", without a passphrase, so nothing was changed. To protect it: waymark encrypt --journal 'my notes'",
		"", "init", "--journal", "my notes", "--encrypt", "--passphrase-file", pf)
	fail1(t, "This journal has no passphrase yet. Protect it with: waymark encrypt --journal 'my notes'", "", "passwd", "--journal", "my notes")
	must(t, "", "encrypt", "--journal", "my notes", "--passphrase-file", pf)
	fail1(t, "This journal is already protected by a passphrase. To change it: waymark passwd --journal 'my notes'",
		"", "encrypt", "--journal", "my notes", "--passphrase-file", pf)
	if info, _ := store.Inspect(usual); info.Encrypted {
		t.Error("the usual journal was encrypted")
	}
	// The usual journal, named or not, needs no option.
	fail1(t, "This journal has no passphrase yet. Protect it with: waymark encrypt", "", "passwd", "--journal", "default")

	// An empty list or goals says how to write in this journal.
	must(t, "", "init", "--journal", "work")
	if r := must(t, "", "list", "--journal", "work"); r.stdout != "Nothing here yet. When you're ready, write with: waymark add --journal work \"...\"\n" {
		t.Errorf("an empty list --journal work said %q", r.stdout)
	}
	if r := must(t, "", "list", "--journal", "work", "--dimension", "home"); !strings.HasSuffix(r.stdout, "write with: waymark add --journal work --dimension Home \"...\"\n") {
		t.Errorf("an empty list --journal work --dimension home said %q", r.stdout)
	}
	if r := must(t, "", "goals", "--journal", "work"); r.stdout != "No goals yet. Set one with: waymark add --journal work --kind goal \"...\"\n" {
		t.Errorf("goals --journal work with none said %q", r.stdout)
	}
	if r := must(t, "", "list"); r.stdout != "Nothing here yet. When you're ready, write with: waymark add \"...\"\n" {
		t.Errorf("an empty list of the usual journal said %q", r.stdout)
	}

	// init --file says to open that file, not the usual journal.
	other := tempJournal(t)
	r := must(t, "", "init", "--file", other)
	if !strings.Contains(r.stdout, "Open it with: waymark --file "+other+"\n") {
		t.Errorf("init --file said %q, want it to name the file", r.stdout)
	}
}

// TestCheckOfANamedJournalSaysHowToRestoreIt: the way back from a damaged
// journal names that journal, so the restore never lands on the usual one.
func TestCheckOfANamedJournalSaysHowToRestoreIt(t *testing.T) {
	_, named := journalsHome(t)
	must(t, "", "init", "--journal", "work")
	must(t, "", "add", "--journal", "work", "A first entry")
	must(t, "", "add", "--journal", "work", "A second entry")
	flipRecords(t, filepath.Join(named, "work", "journal.db"))
	r := waymark(t, "", "check", "--journal", "work")
	if r.code != exitFailed || !strings.Contains(r.stderr, "To put one back: waymark restore --journal work FILE, with a file from "+filepath.Join(named, "work", "backups")+".") {
		t.Errorf("check --journal work of a damaged journal: exit %d stderr %q", r.code, r.stderr)
	}
}
