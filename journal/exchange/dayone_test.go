package exchange

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// zipOf builds a Day One export zip: the journals given, plus a photo.
func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"photos/81aec6a1340813493f09a3396972bdd6.jpeg"}
	for name := range files {
		names = append(names, name)
	}
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		data, ok := files[name]
		if !ok {
			data = []byte("\xff\xd8\xff\xe0 not really a photo")
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDayOneJSON(t *testing.T) {
	imp := importBytesT(t, readFixture(t, "dayone/Journal.json"), FormatDayOne, ImportOptions{File: "Journal.json", Location: berlin})
	checkImported(t, imp)

	sydney, london := mustZone("Australia/Sydney"), mustZone("Europe/London")
	want := []journal.Entry{
		{
			Kind:    journal.KindReflection,
			When:    time.Date(2021, 3, 3, 22, 48, 50, 0, sydney),
			Created: time.Date(2021, 3, 3, 22, 48, 50, 0, sydney),
			Updated: time.Date(2021, 3, 3, 22, 59, 9, 0, sydney),
			Tags:    []string{"Family", "starred", "travel"},
			Text:    "# All packed up finally .. still checking on the weather\n\nCairns here we come. Good night Canberra.",
		},
		{
			Kind:    journal.KindReflection,
			When:    time.Date(2021, 7, 1, 9, 30, 0, 0, london),
			Created: time.Date(2021, 7, 1, 9, 30, 0, 0, london),
			Updated: time.Date(2021, 7, 2, 11, 0, 0, 0, london),
			Tags:    []string{"pinned", "what helps"},
			Text:    "# Things that help 🌱\n\n1\\. A walk before breakfast\n2\\. Calling Sam (even for five minutes)\n\nI felt *much* steadier today!\n\\- not a list, just a dash",
		},
		{
			Kind:    journal.KindReflection,
			When:    time.Date(2021, 12, 25, 0, 15, 0, 0, berlin),
			Created: time.Date(2021, 12, 25, 0, 15, 0, 0, berlin),
			Updated: time.Date(2021, 12, 25, 0, 15, 0, 0, berlin),
			Text:    "No time zone on this one, from an old app version.\nSecond line stays as written.",
		},
	}
	got := withoutIDs(imp.Entries)
	sameEntries(t, got, want)
	for i, e := range got {
		if i < len(want) && e.When.Location().String() != want[i].When.Location().String() {
			t.Errorf("entry %d is shown in %v, want %v", i, e.When.Location(), want[i].When.Location())
		}
	}
	if len(imp.Skipped) != 1 {
		t.Fatalf("skipped %v", imp.Skipped)
	}
	if got, want := imp.Skipped[0].Error(), "Journal.json, line 70, text: this entry has no words in it (perhaps only a photo), so it was left out."; got != want {
		t.Errorf("problem reads %q, want %q", got, want)
	}
}

func TestDayOneZip(t *testing.T) {
	js := readFixture(t, "dayone/Journal.json")
	plain := importBytesT(t, js, FormatDayOne, ImportOptions{Location: berlin})
	zipped := zipOf(t, map[string][]byte{"Journal.json": js})
	imp := importBytesT(t, zipped, FormatDayOne, ImportOptions{File: "export.zip", Location: berlin})
	checkImported(t, imp)
	if !reflect.DeepEqual(imp.Entries, plain.Entries) {
		t.Fatal("the zip gives other entries than the JSON inside it")
	}
	if len(imp.Skipped) != 1 || imp.Skipped[0].File != "export.zip (Journal.json)" {
		t.Errorf("skipped %v", imp.Skipped)
	}

	// Every journal in the zip is read, in name order.
	second := []byte(`{"metadata":{"version":"1.0"},"entries":[{"uuid":"AAAA0000BBBB1111CCCC2222DDDD3333","creationDate":"2022-01-01T10:00:00Z","timeZone":"UTC","text":"From the second journal."}]}`)
	two := importBytesT(t, zipOf(t, map[string][]byte{"Journal.json": js, "Work notes.json": second}), FormatDayOne, ImportOptions{Location: berlin})
	if len(two.Entries) != len(plain.Entries)+1 || two.Entries[len(two.Entries)-1].Text != "From the second journal." {
		t.Errorf("two journals gave %d entries", len(two.Entries))
	}

	_, err := Import(bytes.NewReader(zipOf(t, nil)), FormatDayOne, ImportOptions{File: "empty.zip"})
	wantIs(t, err, ErrWrongFormat)
	_, err = Import(bytes.NewReader(zipped[:len(zipped)/2]), FormatDayOne, ImportOptions{File: "cut.zip"})
	wantIs(t, err, ErrUnreadable)
}

func TestDayOneIDsAreStable(t *testing.T) {
	js := readFixture(t, "dayone/Journal.json")
	a := importBytesT(t, js, FormatDayOne, ImportOptions{Location: berlin})
	b := importBytesT(t, zipOf(t, map[string][]byte{"Journal.json": js}), FormatDayOne, ImportOptions{Location: time.UTC})
	if !reflect.DeepEqual(idsOf(a.Entries), idsOf(b.Entries)) {
		t.Fatalf("ids %v then %v", idsOf(a.Entries), idsOf(b.Entries))
	}
	// The uuid is the entry: the same uuid in any case, edited text, same id.
	edited := strings.Replace(string(js), `"uuid" : "65a6f350c04e496db775971441e41fba"`, `"uuid" : "65A6F350C04E496DB775971441E41FBA"`, 1)
	edited = strings.Replace(edited, "I felt *much* steadier", "I felt steadier", 1)
	c := importBytesT(t, []byte(edited), FormatDayOne, ImportOptions{Location: berlin})
	if !reflect.DeepEqual(idsOf(a.Entries), idsOf(c.Entries)) {
		t.Errorf("an edited entry got a new id")
	}
	for _, id := range idsOf(a.Entries) {
		if !idShape.MatchString(id) {
			t.Errorf("id %q isn't shaped like the store's ids", id)
		}
	}
}

func TestDayOneProblems(t *testing.T) {
	in := `{
  "metadata" : {
    "version" : "1.0"
  },
  "entries" : [
    {
      "uuid" : "A1",
      "creationDate" : "2021-02-30T10:00:00Z",
      "text" : "A day that never was."
    },
    {
      "uuid" : "A2",
      "creationDate" : "2021-02-03T10:00:00Z",
      "starred" : "yes",
      "text" : "Starred the wrong way."
    },
    {
      "uuid" : "A3",
      "creationDate" : "2021-02-04T10:00:00Z",
      "timeZone" : "Not\/A_Zone",
      "text" : "Kept, in the fallback zone."
    }
  ]
}`
	imp := importBytesT(t, []byte(in), FormatDayOne, ImportOptions{File: "Journal.json", Location: berlin})
	checkImported(t, imp)
	if len(imp.Entries) != 1 || imp.Entries[0].When.Location() != berlin {
		t.Fatalf("entries %#v", imp.Entries)
	}
	want := []string{
		`Journal.json, line 6, creationDate: that date doesn't look right ("2021-02-30T10:00:00Z"), so the entry was left out.`,
		`Journal.json, line 11, starred: this should be true or false, so the entry was left out.`,
	}
	if len(imp.Skipped) != len(want) {
		t.Fatalf("skipped %v", imp.Skipped)
	}
	for i, w := range want {
		if got := imp.Skipped[i].Error(); got != w {
			t.Errorf("problem %d reads %q, want %q", i, got, w)
		}
	}
}

func TestDayOneBrokenJSONNamesTheLine(t *testing.T) {
	broken := strings.Replace(string(readFixture(t, "dayone/Journal.json")), `"isPinned" : true,`, `"isPinned" : true`, 1)
	_, err := Import(strings.NewReader(broken), FormatDayOne, ImportOptions{File: "Journal.json"})
	wantIs(t, err, ErrUnreadable)
	if got, want := err.Error(), "Journal.json, line 48: the JSON is broken here, so nothing was imported; the file may be damaged or edited by hand."; got != want {
		t.Errorf("broken JSON reads %q, want %q", got, want)
	}
	cut := readFixture(t, "dayone/Journal.json")[:2000]
	_, err = Import(bytes.NewReader(cut), FormatDayOne, ImportOptions{File: "Journal.json"})
	wantIs(t, err, ErrUnreadable)
	if !strings.Contains(err.Error(), "cut short") {
		t.Errorf("a cut file reads %q", err)
	}
}

func TestDayOneUnescape(t *testing.T) {
	cases := map[string]string{
		`plain`:                             `plain`,
		`Hi\. there\!`:                      `Hi. there!`,
		`\(a\) \[b\] \{c\} x\-y`:            `(a) [b] {c} x-y`,
		"1\\. first\n 22\\) second":         "1\\. first\n 22\\) second",
		"\\# not a heading":                 "\\# not a heading",
		"a \\# b":                           "a # b",
		"\\- \\+ \\> at start":              "\\- + > at start",
		`keep \* \_ \` + "`" + ` \\ and \q`: `keep \* \_ \` + "`" + ` \\ and \q`,
		`trailing \`:                        `trailing \`,
	}
	for in, want := range cases {
		if got := dayOneUnescape(in); got != want {
			t.Errorf("dayOneUnescape(%q) = %q, want %q", in, got, want)
		}
	}
}
