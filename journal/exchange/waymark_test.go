package exchange

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/waymark-journal/waymark/journal"
)

var exportedAt = time.Date(2026, time.May, 12, 8, 0, 0, 0, time.UTC)

func exportSample(t *testing.T) []byte {
	t.Helper()
	dims, entries := sample()
	var buf bytes.Buffer
	if err := ExportJSON(&buf, entries, ExportOptions{Dimensions: dims, Now: exportedAt, Title: "My journal"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportJSONGolden(t *testing.T) {
	golden(t, "waymark.json", exportSample(t))
}

func TestWaymarkRoundTrip(t *testing.T) {
	dims, entries := sample()
	data := exportSample(t)
	imp := importBytesT(t, data, FormatWaymark, ImportOptions{File: "export.json"})
	checkImported(t, imp)
	if len(imp.Skipped) != 0 {
		t.Fatalf("skipped %v", imp.Skipped)
	}
	if !reflect.DeepEqual(imp.Dimensions, dims) {
		t.Errorf("dimensions\n got %#v\nwant %#v", imp.Dimensions, dims)
	}
	want := normalized(prepared(t, sortedEntries(entries)))
	got := normalized(imp.Entries)
	sameEntries(t, got, want)

	// Times keep their own offset, not only the instant.
	for _, e := range imp.Entries {
		if e.ID == "e2aaaaaaaaaaaaaaaaaaaaaaaa" {
			if _, off := e.When.Zone(); off != 10*3600 || e.When.Hour() != 18 {
				t.Errorf("hope's time came back as %v", e.When)
			}
		}
	}

	// And again: exporting what was imported gives the same file.
	var again bytes.Buffer
	if err := ExportJSON(&again, imp.Entries, ExportOptions{Dimensions: imp.Dimensions, Now: exportedAt, Title: "My journal"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Errorf("a second export differs from the first:\n%s", again.Bytes())
	}
}

func TestWaymarkFixtureImports(t *testing.T) {
	// testdata/waymark.json is also a fixture: a file an earlier Waymark wrote.
	imp := importBytesT(t, readFixture(t, "waymark.json"), FormatWaymark, ImportOptions{})
	checkImported(t, imp)
	if len(imp.Entries) != 6 || len(imp.Dimensions) != 3 {
		t.Fatalf("%d entries, %d areas", len(imp.Entries), len(imp.Dimensions))
	}
	var goal, check journal.Entry
	for _, e := range imp.Entries {
		switch e.Kind {
		case journal.KindGoal:
			goal = e
		case journal.KindCheckIn:
			check = e
		}
	}
	if goal.Goal == nil || len(goal.Goal.Steps) != 2 || !goal.Goal.Steps[0].Done || goal.Goal.Status != journal.GoalResting ||
		len(goal.Goal.History) != 2 || len(goal.Goal.Notes) != 1 {
		t.Errorf("goal came back as %#v", goal.Goal)
	}
	if check.CheckIn == nil || len(check.CheckIn.Answers) != 4 || check.CheckIn.Answers[1].Value != nil ||
		*check.CheckIn.Answers[3].Value != 0 || check.CheckIn.Answers[2].By != journal.AuthorSupporter {
		t.Errorf("check-in came back as %#v", check.CheckIn)
	}
}

func TestWaymarkEmptyExport(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportJSON(&buf, nil, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"format\": \"waymark\",\n  \"version\": 1,\n  \"dimensions\": [],\n  \"entries\": []\n}\n"
	if buf.String() != want {
		t.Errorf("empty export:\n%s", buf.String())
	}
	imp := importBytesT(t, buf.Bytes(), FormatWaymark, ImportOptions{})
	if len(imp.Entries) != 0 || len(imp.Dimensions) != 0 {
		t.Errorf("got %#v", imp)
	}
}

func TestWaymarkFileProblems(t *testing.T) {
	cases := []struct {
		name, in string
		kind     error
		msg      string
	}{
		{"newer", `{"format": "waymark", "version": 2, "entries": []}`, ErrTooNew,
			"export.json, line 1: this export was made by a newer Waymark (format version 2). Please update Waymark to import it; nothing was imported."},
		{"no version", `{"format": "waymark", "entries": []}`, ErrWrongFormat, ""},
		{"other format", `{"format": "something", "entries": []}`, ErrWrongFormat, ""},
		{"day one", string(readFixture(t, "dayone/Journal.json")), ErrWrongFormat,
			"export.json, line 1: this isn't a Waymark export: it looks like a Day One export; import it as dayone."},
		{"array", `[1, 2]`, ErrWrongFormat, ""},
		{"empty", ``, ErrWrongFormat, ""},
		{"broken", "{\"format\": \"waymark\",\n\"version\": 1,\n\"entries\": [\n{\"id\": \"x\",}\n]}", ErrUnreadable,
			"export.json, line 4: the JSON is broken here, so nothing was imported; the file may be damaged or edited by hand."},
		{"trailing", `{"format": "waymark", "version": 1} {}`, ErrUnreadable, ""},
		{"entries not a list", `{"format": "waymark", "version": 1, "entries": {}}`, ErrWrongFormat, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import(strings.NewReader(c.in), FormatWaymark, ImportOptions{File: "export.json"})
			wantIs(t, err, c.kind)
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("reads %q, want %q", err, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "export.json") {
				t.Errorf("%q should name the file", err)
			}
		})
	}
}

func TestWaymarkEntryProblems(t *testing.T) {
	in := `{
  "format": "waymark",
  "version": 1,
  "dimensions": [
    {"id": "d1", "name": "Health", "order": 0},
    {"id": "", "name": "No id", "order": 1},
    {"id": "d3", "name": "  ", "order": 2}
  ],
  "entries": [
    {"id": "ok", "kind": "reflection", "when": "2026-05-01T10:00:00Z", "text": "Kept."},
    {"id": "bad-when", "kind": "reflection", "when": "2026-05-41T10:00:00Z", "text": "Left out."},
    {"id": "bad kind", "kind": "diary", "when": "2026-05-01T10:00:00Z", "text": "Left out."},
    {"id": "bad-rating", "kind": "checkin", "when": "2026-05-01T10:00:00Z", "text": "",
     "checkin": {"answers": [{"dimension": "d1", "value": 11}]}},
    {"id": "no-title", "kind": "goal", "when": "2026-05-01T10:00:00Z", "text": "x", "goal": {"status": "active"}},
    {"kind": "hope", "when": "2026-05-02T10:00:00Z", "text": "No id: given a stable one."},
    {"id": "tags", "kind": "reflection", "when": "2026-05-01T10:00:00Z", "text": "x", "tags": "not a list"},
    {"id": "empty", "kind": "reflection", "when": "2026-05-01T10:00:00Z", "text": "  \n "}
  ]
}`
	imp := importBytesT(t, []byte(in), FormatWaymark, ImportOptions{File: "w.json"})
	checkImported(t, imp)
	if len(imp.Entries) != 2 || imp.Entries[0].ID != "ok" || !idShape.MatchString(imp.Entries[1].ID) {
		t.Fatalf("entries %#v", imp.Entries)
	}
	if len(imp.Dimensions) != 1 || imp.Dimensions[0].ID != "d1" {
		t.Errorf("areas %#v", imp.Dimensions)
	}
	want := []string{
		`w.json, line 6, id: this life area has no usable id, so it was left out.`,
		`w.json, line 7, name: this life area has no name, so it was left out.`,
		`w.json, line 11, when: that date doesn't look right ("2026-05-41T10:00:00Z"), so the entry was left out.`,
		`w.json, line 12, id: this entry's id isn't one Waymark can use, so it was left out.`,
		`w.json, line 13: a rating in this check-in isn't between 0 and 10, so it was left out.`,
		`w.json, line 15: this goal has no title, so it was left out.`,
		`w.json, line 17, tags: this should be a list, so the entry was left out.`,
		`w.json, line 18: this entry has no words in it, so it was left out.`,
	}
	var got []string
	for _, p := range imp.Skipped {
		got = append(got, p.Error())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	again := importBytesT(t, []byte(in), FormatWaymark, ImportOptions{})
	if imp.Entries[1].ID != again.Entries[1].ID {
		t.Error("an entry without an id gets a different one each time")
	}
}

func TestWaymarkUnknownKindNamed(t *testing.T) {
	in := `{"format":"waymark","version":1,"entries":[{"id":"x","kind":"diary","when":"2026-05-01T10:00:00Z","text":"x"}]}`
	imp := importBytesT(t, []byte(in), FormatWaymark, ImportOptions{File: "w.json"})
	if len(imp.Skipped) != 1 || imp.Skipped[0].Error() != `w.json, line 1: this entry's kind ("diary") isn't one Waymark knows, so it was left out.` {
		t.Errorf("skipped %v", imp.Skipped)
	}
}

func TestMarkdownGolden(t *testing.T) {
	dims, entries := sample()
	var buf bytes.Buffer
	if err := ExportMarkdown(&buf, entries, ExportOptions{Dimensions: dims, Now: exportedAt}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	golden(t, "export.md.golden", buf.Bytes())
	for _, want := range []string{
		"- [x] Find my walking shoes (done Monday 4 May 2026)\n- [ ] Walk to the corner and back\n",
		"| Area | Rating | Word |\n|---|---|---|\n| Health | 6 | steady |\n| Home |  | noisy \\| loud |\n| Home (supporter) | 5 |  |\n| Purpose | 0 |  |\n",
		"## Friday 1 May 2026, 09:30 · Reflection\n",
		"## Sunday 3 May 2026, 10:00 · Goal: Walk to the park on Sundays\n",
		"Life areas: Health, Home\n\n| Area",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Error("control characters reached the Markdown")
	}
	if strings.Contains(strings.ToLower(out), "total") || strings.Contains(out, "11 /") {
		t.Error("a check-in must never show a total")
	}
	// Oldest first.
	if strings.Index(out, "1 May 2026") > strings.Index(out, "8 May 2026") {
		t.Error("entries should run oldest first")
	}
}

func TestEncryptAge(t *testing.T) {
	data := exportSample(t)
	var sealed bytes.Buffer
	w, err := EncryptAge(&sealed, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sealed.Bytes(), []byte("age-encryption.org/v1\n-> scrypt ")) {
		t.Fatalf("not an age scrypt file: %q", sealed.Bytes()[:40])
	}
	if bytes.Contains(sealed.Bytes(), []byte("waymark")) {
		t.Fatal("the export shows through the encryption")
	}
	id, err := age.NewScryptIdentity("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(sealed.Bytes()), id)
	if err != nil {
		t.Fatal(err)
	}
	back, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(back, data) {
		t.Fatalf("decrypted %d bytes, %v", len(back), err)
	}
	wrong, _ := age.NewScryptIdentity("wrong horse")
	if _, err := age.Decrypt(bytes.NewReader(sealed.Bytes()), wrong); err == nil {
		t.Error("a wrong passphrase opened the export")
	}
	if _, err := EncryptAge(&sealed, nil); !errors.Is(err, ErrEmptyPassphrase) {
		t.Errorf("empty passphrase: %v", err)
	}
}

func TestDetect(t *testing.T) {
	js := readFixture(t, "dayone/Journal.json")
	cases := []struct {
		name string
		data []byte
		want Format
		err  error
	}{
		{"journal.txt", readFixture(t, "jrnl.txt"), FormatJrnl, nil},
		{"jrnl.json", readFixture(t, "jrnl.json"), FormatJrnlJSON, nil},
		{"Journal.json", js, FormatDayOne, nil},
		{"export.zip", zipOf(t, map[string][]byte{"Journal.json": js}), FormatDayOne, nil},
		{"waymark.json", readFixture(t, "waymark.json"), FormatWaymark, nil},
		{"secret.txt", readFixture(t, "jrnl-v2.enc"), FormatJrnl, ErrNeedsPassword},
		{"secret3.txt", readFixture(t, "jrnl-v3.enc"), FormatJrnl, ErrNeedsPassword},
		{"cut day one", js[:60], FormatDayOne, nil},
		{"cut jrnl json", readFixture(t, "jrnl.json")[:30], FormatJrnlJSON, nil},
		{"day one entries first", []byte(`{"entries":[{"uuid":"X","creationDate":"2021-01-01T00:00:00Z","text":"hi"}]}`), FormatDayOne, nil},
		{"jrnl json no tags", []byte(`{"entries":[{"title":"a","body":"","date":"2021-01-01","time":"10:00"}]}`), FormatJrnlJSON, nil},
		{"waymark later key", []byte(`{"title":"x","format":"waymark","version":1}`), FormatWaymark, nil},
		{"jrnl later", []byte("Some words first.\n[2021-03-04 09:15] Then an entry.\n"), FormatJrnl, nil},
		{"notes.txt", []byte("Dear diary.\n"), "", ErrUnknownFormat},
		{"other.json", []byte(`{"hello": "world"}`), "", ErrUnknownFormat},
		{"fake.zip", []byte("not a zip"), "", ErrUnknownFormat},
		{"empty", nil, "", ErrUnknownFormat},
		{"v1 looks like noise", readFixture(t, "jrnl-v1.enc"), "", ErrUnknownFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Detect(c.name, c.data)
			if got != c.want || !errors.Is(err, c.err) {
				t.Errorf("Detect = %q, %v; want %q, %v", got, err, c.want, c.err)
			}
			if err != nil && !strings.HasPrefix(err.Error(), c.name+": ") {
				t.Errorf("%q should name the file", err)
			}
		})
	}
}

// randomBytes is n bytes of reproducible noise.
func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestGarbageGetsPlainErrors(t *testing.T) {
	noise := randomBytes(10<<20, 1)
	if f, err := Detect("noise.bin", noise); f != "" || !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Detect(noise) = %q, %v", f, err)
	}
	for _, f := range ImportFormats {
		t.Run(string(f), func(t *testing.T) {
			imp, err := Import(bytes.NewReader(noise), f, ImportOptions{File: "noise.bin", Password: []byte("pw")})
			if err == nil {
				t.Fatalf("10 MB of noise imported as %s: %d entries", f, len(imp.Entries))
			}
			if !strings.HasPrefix(err.Error(), "noise.bin") || strings.ContainsAny(err.Error(), "\x00\x1b") {
				t.Errorf("reads %q", err)
			}
		})
	}
	// Noise that happens to be text is no journal either.
	text := []byte(strings.Repeat("[not a date] Words, words. {\"a\": [1,2,\n", 200_000))
	for _, f := range ImportFormats {
		if _, err := Import(bytes.NewReader(text), f, ImportOptions{File: "words.txt"}); err == nil {
			t.Errorf("text noise imported as %s", f)
		}
	}
}

func TestTooBig(t *testing.T) {
	old := maxImport
	maxImport = 1 << 10
	defer func() { maxImport = old }()
	big := bytes.Repeat([]byte("[2021-03-04 09:15] Hi.\n"), 100)
	for _, r := range []io.Reader{bytes.NewReader(big), io.MultiReader(bytes.NewReader(big))} {
		_, err := Import(r, FormatJrnl, ImportOptions{File: "big.txt"})
		wantIs(t, err, ErrTooBig)
	}
	// A zip that unpacks to more than the limit is refused too.
	js := []byte(`{"metadata":{"version":"1.0"},"entries":[{"uuid":"A","creationDate":"2021-01-01T00:00:00Z","text":"` +
		strings.Repeat("a", 4000) + `"}]}`)
	z := zipOf(t, map[string][]byte{"Journal.json": js})
	if len(z) > int(maxImport) {
		t.Fatalf("test zip is %d bytes", len(z))
	}
	_, err := Import(bytes.NewReader(z), FormatDayOne, ImportOptions{File: "big.zip"})
	wantIs(t, err, ErrTooBig)
}

func TestMarkdownIsNotImported(t *testing.T) {
	_, err := Import(strings.NewReader("# Waymark journal\n"), FormatMarkdown, ImportOptions{File: "export.md"})
	wantIs(t, err, ErrUnknownFormat)
	_, err = Import(strings.NewReader("x"), Format("docx"), ImportOptions{File: "a.docx"})
	wantIs(t, err, ErrUnknownFormat)
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"waymark": FormatWaymark, "JSON": FormatWaymark, "jrnl": FormatJrnl, "jrnl-json": FormatJrnlJSON,
		"jrnl_json": FormatJrnlJSON, "Day One": FormatDayOne, "dayone": FormatDayOne, "md": FormatMarkdown,
	} {
		if got, err := ParseFormat(in); got != want || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("docx"); err == nil {
		t.Error("docx isn't a format")
	}
}

func TestProblemReads(t *testing.T) {
	cases := map[string]Problem{
		`journal.txt, line 12: that date doesn't look right ("2021-13-40 10:00").`: {File: "journal.txt", Line: 12, Reason: `that date doesn't look right ("2021-13-40 10:00")`},
		`Journal.json, line 4, creationDate: x.`:                                   {File: "Journal.json", Line: 4, Field: "creationDate", Reason: "x."},
		`The file: it couldn't be read.`:                                           {Reason: "it couldn't be read"},
	}
	for want, p := range cases {
		if got := p.Error(); got != want {
			t.Errorf("%#v reads %q, want %q", p, got, want)
		}
	}
	if quote("a\x1b[2Jb") != `"a\x1b[2Jb"` {
		t.Errorf("quote lets escapes through: %s", quote("a\x1b[2Jb"))
	}
	if q := quote(strings.Repeat("x", 100)); len([]rune(q)) > 45 {
		t.Errorf("quote doesn't shorten: %s", q)
	}
}
