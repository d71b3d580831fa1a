package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/exchange"
	"github.com/waymark-journal/waymark/store"
)

// readExport reads a Waymark JSON export back with the importer.
func readExport(t *testing.T, data []byte) *exchange.Imported {
	t.Helper()
	imp, err := exchange.Import(bytes.NewReader(data), exchange.FormatWaymark, exchange.ImportOptions{File: "export.json"})
	if err != nil {
		t.Fatalf("the export doesn't import: %v\n%s", err, data)
	}
	if len(imp.Skipped) > 0 {
		t.Errorf("importing the export skipped %v", imp.Skipped)
	}
	return imp
}

func texts(entries []journal.Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Text)
	}
	slices.Sort(out)
	return out
}

// assertPrivate fails unless path is a file only its owner can read.
func assertPrivate(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", path, fi.Mode().Perm())
	}
}

// assertNoLeftovers fails if dir holds a temporary file of Waymark's.
func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".waymark-export-*"))
	if len(left) > 0 {
		t.Errorf("temporary files were left behind: %v", left)
	}
}

func TestExportToFile(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	dir := t.TempDir()

	md := filepath.Join(dir, "journal.md")
	r := must(t, "", "export", "--file", path, "--format", "markdown", "-o", md)
	if r.stderr != "Exported 3 entries to "+md+".\n" || r.stdout != "" {
		t.Errorf("export said stdout %q stderr %q", r.stdout, r.stderr)
	}
	assertPrivate(t, md)
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Waymark journal", "A calm week by the river\n\nMore about the week.",
		"My own place by spring", "Slept well", "Life areas: Home, Community", "· Hope"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, b)
		}
	}
	// Oldest first.
	if i, j := strings.Index(string(b), "A calm week"), strings.Index(string(b), "Slept well"); i < 0 || j < i {
		t.Errorf("the Markdown is not oldest first:\n%s", b)
	}

	js := filepath.Join(dir, "journal.json")
	must(t, "", "export", "--file", path, "--format", "json", "-o", js)
	assertPrivate(t, js)
	b, err = os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	imp := readExport(t, b)
	want := []string{"A calm week by the river\n\nMore about the week.", "My own place by spring", "Slept well"}
	if got := texts(imp.Entries); !slices.Equal(got, want) {
		t.Errorf("the JSON holds %q, want %q", got, want)
	}
	listed := entries(t, path)
	for _, e := range imp.Entries {
		if !slices.ContainsFunc(listed, func(l jsonEntry) bool { return l.ID == e.ID }) {
			t.Errorf("exported entry %s keeps no id of the journal's", e.ID)
		}
		if e.Text == "Slept well" && (len(e.Dimensions) != 1 || imp.Dimensions.Names(e.Dimensions)[0] != "Health") {
			t.Errorf("exported entry lost its life area: %+v", e)
		}
	}
	if len(imp.Dimensions) != 4 {
		t.Errorf("the JSON holds %d life areas, want the journal's 4", len(imp.Dimensions))
	}

	// The format follows -o's name when --format isn't given.
	guessed := filepath.Join(dir, "guessed.json")
	must(t, "", "export", "--file", path, "-o", guessed)
	if b, _ := os.ReadFile(guessed); !bytes.HasPrefix(b, []byte("{\n  \"format\": \"waymark\"")) {
		t.Errorf("-o guessed.json wrote %.40q", b)
	}
	assertNoLeftovers(t, dir)
}

func TestExportToStandardOutput(t *testing.T) {
	path := tempJournal(t)
	must(t, "", "add", "--file", path, hostileText)
	// A pipe gets the exact bytes: the words come back as they were kept.
	r := must(t, "", "export", "--file", path, "--format", "json")
	imp := readExport(t, []byte(r.stdout))
	if len(imp.Entries) != 1 || imp.Entries[0].Text != strings.ToValidUTF8(hostileText, "\uFFFD") {
		t.Errorf("export to a pipe gave %+v", imp.Entries)
	}
	if r.stderr != "Exported 1 entry.\n" {
		t.Errorf("stderr = %q", r.stderr)
	}
	piped := must(t, "", "export", "--file", path, "--format", "md").stdout
	if !strings.Contains(piped, "Title") {
		t.Errorf("export --format md to a pipe gave %q", piped)
	}

	// On the screen, nothing a terminal would act on.
	was := stdoutIsTerminal
	stdoutIsTerminal = func(any) bool { return true }
	t.Cleanup(func() { stdoutIsTerminal = was })
	for _, format := range []string{"markdown", "json"} {
		r := must(t, "", "export", "--file", path, "--format", format)
		assertNoControls(t, "export --format "+format+" to a terminal", r.stdout)
	}
	r = waymark(t, "", "export", "--file", path, "--format", "json", "--encrypt", "--export-passphrase-file", passFile(t, "x\n"))
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "A sealed export isn't for reading on the screen.") || r.stdout != "" {
		t.Errorf("a sealed export to the screen: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// datedJournal holds four entries around May 2026, in Home or Health.
func datedJournal(t *testing.T) string {
	t.Helper()
	path := tempJournal(t)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Begin(journal.DefaultStartingSet())
	if err != nil {
		t.Fatal(err)
	}
	home, _ := ds.ByName("Home")
	health, _ := ds.ByName("Health")
	for _, e := range []struct {
		when time.Time
		area string
		text string
	}{
		{time.Date(2026, 4, 30, 23, 59, 0, 0, time.Local), home.ID, "Last of April"},
		{time.Date(2026, 5, 1, 0, 0, 0, 0, time.Local), health.ID, "First of May"},
		{time.Date(2026, 5, 31, 23, 59, 59, 0, time.Local), home.ID, "Last of May"},
		{time.Date(2026, 6, 1, 0, 0, 0, 0, time.Local), health.ID, "First of June"},
	} {
		if _, err := st.Create(journal.Entry{Kind: journal.KindReflection, When: e.when, Text: e.text, Dimensions: []string{e.area}}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestExportFilters(t *testing.T) {
	path := datedJournal(t)
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"First of June", "First of May", "Last of April", "Last of May"}},
		{[]string{"--since", "2026-05-01", "--until", "2026-05-31"}, []string{"First of May", "Last of May"}},
		{[]string{"--since", "2026-05-01"}, []string{"First of June", "First of May", "Last of May"}},
		{[]string{"--until", "2026-04-30"}, []string{"Last of April"}},
		{[]string{"--dimension", "home"}, []string{"Last of April", "Last of May"}},
		{[]string{"-d", "Home", "-d", "Health", "--until", "2026-05-01"}, []string{"First of May", "Last of April"}},
		{[]string{"--since", "2026-05-02", "--dimension", "Health"}, []string{"First of June"}},
		{[]string{"--since", "2027-01-01"}, nil},
	}
	for _, tt := range tests {
		r := must(t, "", append([]string{"export", "--file", path, "--format", "json"}, tt.args...)...)
		if got := texts(readExport(t, []byte(r.stdout)).Entries); !slices.Equal(got, tt.want) {
			t.Errorf("export %q gave %q, want %q", tt.args, got, tt.want)
		}
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--since", "2026-13-01"}, "That date doesn't look right — try 2026-05-01."},
		{[]string{"--until", "May 1st"}, "That date doesn't look right — try 2026-05-01."},
		{[]string{"--since", "2026-06-01", "--until", "2026-05-01"}, "--since comes after --until, so nothing could match. Try them the other way round."},
		{[]string{"--dimension", "Work"}, `There's no life area called "Work". Your areas: Health, Home, Purpose, Community.`},
		{[]string{"--format", "pdf"}, "Waymark exports as markdown or json; try --format markdown or --format json."},
		{[]string{"--format", "jrnl"}, "Waymark exports as markdown or json; try --format markdown or --format json."},
	} {
		args := append([]string{"export", "--file", path}, tt.args...)
		if !slices.Contains(tt.args, "--format") {
			args = append(args, "--format", "json")
		}
		r := waymark(t, "", args...)
		if r.code != exitUsage || lines(r.stderr)[0] != tt.want || r.stdout != "" {
			t.Errorf("export %q: exit %d stderr %q, want exit 2 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	r := waymark(t, "", "export", "--file", path)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "Choose a format: --format markdown") {
		t.Errorf("export without a format: exit %d stderr %q", r.code, r.stderr)
	}
}

func TestExportRefusesToOverwrite(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	dir := t.TempDir()
	out := filepath.Join(dir, "mine.md")
	if err := os.WriteFile(out, []byte("my own notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	fail1(t, "There's already a file at "+out+", so nothing was written. Choose another name, or add --force to replace it.",
		"", "export", "--file", path, "--format", "markdown", "-o", out)
	if b, _ := os.ReadFile(out); string(b) != "my own notes" {
		t.Errorf("the file was changed: %q", b)
	}
	must(t, "", "export", "--file", path, "--format", "markdown", "-o", out, "--force")
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), "Slept well") {
		t.Errorf("--force didn't replace the file: %q", b)
	}
	assertPrivate(t, out)

	fail1(t, "There's no folder "+filepath.Join(dir, "nowhere")+" to write into. Make it first, or choose another place.",
		"", "export", "--file", path, "--format", "markdown", "-o", filepath.Join(dir, "nowhere", "x.md"))
	fail1(t, dir+" is a folder. Give the name of a new file inside it, like "+filepath.Join(dir, "waymark-export.md")+".",
		"", "export", "--file", path, "--format", "markdown", "-o", dir)
	assertNoLeftovers(t, dir)

	// Nothing to export: no journal is made.
	none := tempJournal(t)
	fail1(t, "There's no journal at "+none+" yet, so there's nothing to export.", "", "export", "--file", none, "--format", "json")
	if _, err := os.Stat(none); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("export made a journal (stat: %v)", err)
	}
}

// openAge decrypts an age file sealed with pass.
func openAge(t *testing.T, sealed []byte, pass string) []byte {
	t.Helper()
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(sealed), id)
	if err != nil {
		t.Fatalf("age can't open the export: %v", err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportEncrypted(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	must(t, "", "add", "--file", path, canary)
	dir := t.TempDir()
	pf := passFile(t, "an export of my own\n")
	out := filepath.Join(dir, "journal.json.age")

	r := must(t, "", "export", "--file", path, "--format", "json", "--encrypt", "--export-passphrase-file", pf, "-o", out)
	if !strings.HasPrefix(r.stderr, "Exported 4 entries to "+out+".\n") || !strings.Contains(r.stderr, "age -d") {
		t.Errorf("stderr = %q", r.stderr)
	}
	assertPrivate(t, out)
	sealed, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sealed, []byte("age-encryption.org/v1\n")) {
		t.Errorf("the export is not an age file: %.40q", sealed)
	}
	if bytes.Contains(sealed, []byte("heron")) {
		t.Error("the sealed export holds the words in plain text")
	}
	plain := openAge(t, sealed, "an export of my own")
	if got := texts(readExport(t, plain).Entries); len(got) != 4 || !slices.Contains(got, canary) {
		t.Errorf("the opened export holds %q", got)
	}

	// To a pipe, the age file itself.
	r = must(t, "", "export", "--file", path, "--format", "markdown", "--encrypt", "--export-passphrase-file", pf)
	if md := openAge(t, []byte(r.stdout), "an export of my own"); !strings.Contains(string(md), canary) {
		t.Errorf("the sealed Markdown holds:\n%s", md)
	}

	// Without a terminal or a file for its passphrase: nothing is written.
	fail1(t, "Sealing an export needs a passphrase: run this in a terminal, or give one with --export-passphrase-file FILE.",
		"", "export", "--file", path, "--format", "json", "--encrypt", "-o", filepath.Join(dir, "other.age"))
	if _, err := os.Stat(filepath.Join(dir, "other.age")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused export wrote its file")
	}
	assertNoLeftovers(t, dir)
}

func TestExportPassphraseTypedTwice(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	out := filepath.Join(t.TempDir(), "sealed.age")
	ty := fakePassphraseTerminal(t, "first try", "second try", "the export words", "the export words")
	r := must(t, "", "export", "--file", path, "--format", "json", "--encrypt", "-o", out)
	if !strings.Contains(r.stderr, "Those two weren't the same.") {
		t.Errorf("stderr = %q", r.stderr)
	}
	want := []string{"Passphrase for the export: ", "The same passphrase again: ", "Passphrase for the export: ", "The same passphrase again: "}
	if !slices.Equal(ty.prompts, want) {
		t.Errorf("asked %q, want %q", ty.prompts, want)
	}
	sealed, _ := os.ReadFile(out)
	if got := texts(readExport(t, openAge(t, sealed, "the export words")).Entries); len(got) != 3 {
		t.Errorf("the export holds %q", got)
	}
}

func TestExportFromTheFullScreen(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	path := tempJournal(t)
	fill(t, path)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	s := &session{path: path}
	opts := s.options(defaultIdleMinutes)
	if opts.Export == nil {
		t.Fatal("the full screen is given no Export")
	}
	if _, err := opts.Export("markdown"); !errors.Is(err, journal.ErrLocked) {
		t.Errorf("export with no journal open: %v, want ErrLocked", err)
	}
	s.cur = st

	day := time.Now().Format("2006-01-02")
	for i, want := range []string{"waymark-export-" + day + ".md", "waymark-export-" + day + "-2.md"} {
		got, err := opts.Export("markdown")
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.Join(home, want) {
			t.Errorf("export %d went to %s, want %s", i+1, got, filepath.Join(home, want))
		}
		assertPrivate(t, got)
		if b, _ := os.ReadFile(got); !strings.Contains(string(b), "A calm week by the river") {
			t.Errorf("%s holds:\n%s", got, b)
		}
	}
	got, err := opts.Export("json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(got, "waymark-export-"+day+".json") {
		t.Errorf("the JSON export went to %s", got)
	}
	b, _ := os.ReadFile(got)
	if n := len(readExport(t, b).Entries); n != 3 {
		t.Errorf("the JSON export holds %d entries, want 3", n)
	}
	assertNoLeftovers(t, home)
	if names, _ := filepath.Glob(filepath.Join(home, "*")); len(names) != 3 {
		t.Errorf("home holds %v", names)
	}
}
