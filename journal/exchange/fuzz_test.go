package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// The fuzz targets feed each importer anything at all. Whatever comes in,
// Import must not panic, must answer with entries or a Problem, and every
// entry it returns must be one the store can take (checkImported). Their
// seeds are the fixtures, so `go test` runs them as ordinary tests.

func fuzzImport(t *testing.T, data []byte, f Format, opts ImportOptions) *Imported {
	imp, err := Import(bytes.NewReader(data), f, opts)
	if err != nil {
		var p Problem
		if !errors.As(err, &p) || p.Err == nil || p.Error() == "" {
			t.Fatalf("error %T %q isn't a whole-file Problem", err, err)
		}
		if imp != nil {
			t.Fatal("an error came with entries")
		}
		return nil
	}
	checkImported(t, imp)
	return imp
}

func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(readFixture(f, n))
	}
}

func FuzzImportJrnl(f *testing.F) {
	addFixtures(f, "jrnl.txt", "jrnl-v2.enc", "jrnl-v3.enc")
	f.Add([]byte("[2021-13-40 10:00] Bad.\n[2021-03-04 09:15 PM] Twelve. *\n@tag body\r\n"))
	f.Add([]byte("before\n[2021-03-04 09:15]\n\x1b[2J\xff\n[2021-03-04 09:15] x"))
	f.Add([]byte("JRNLv3\x00\x05{\"a\"}gAAAAA"))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp := fuzzImport(t, data, FormatJrnl, ImportOptions{File: "fuzz.txt", Location: time.UTC})
		if imp == nil {
			return
		}
		// Importing again gives the same entries, ids and all.
		again := fuzzImport(t, data, FormatJrnl, ImportOptions{File: "fuzz.txt", Location: time.UTC})
		if !reflect.DeepEqual(imp, again) {
			t.Fatal("two imports of the same journal differ")
		}
		for _, e := range imp.Entries {
			if e.Kind != journal.KindReflection || e.Title != "" || strings.TrimSpace(e.Text) != e.Text {
				t.Fatalf("entry %#v", e)
			}
		}
	})
}

func FuzzImportJrnlJSON(f *testing.F) {
	addFixtures(f, "jrnl.json")
	f.Add([]byte(`{"tags":{},"entries":[{"title":"a","body":"b","date":"2021-02-30","time":"25:00","tags":["@x"],"starred":"no"}]}`))
	f.Add([]byte(`{"entries":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, data, FormatJrnlJSON, ImportOptions{File: "fuzz.json", Location: time.UTC})
	})
}

func FuzzImportDayOne(f *testing.F) {
	js := readFixture(f, "dayone/Journal.json")
	f.Add(js)
	f.Add(zipOf(f, map[string][]byte{"Journal.json": js}))
	f.Add([]byte(`{"metadata":{},"entries":[{"uuid":"","creationDate":"2021-01-01T00:00:00+14:00","timeZone":"../../etc/passwd","text":"\\. \\# x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, data, FormatDayOne, ImportOptions{File: "fuzz.json", Location: time.UTC})
	})
}

func FuzzImportWaymark(f *testing.F) {
	addFixtures(f, "waymark.json")
	f.Add([]byte(`{"format":"waymark","version":1,"entries":[{"id":"a","kind":"checkin","when":"2026-05-01T10:00:00Z","text":"","checkin":{"answers":[{"dimension":"d","value":3},{"dimension":"d","word":"x"}]}}]}`))
	f.Add([]byte(`{"format":"waymark","version":1,"dimensions":[{"id":"d","name":"A"}],"entries":[{"kind":"goal","title":"t","text":"","when":"0001-01-01T00:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp := fuzzImport(t, data, FormatWaymark, ImportOptions{File: "fuzz.json"})
		if imp == nil {
			return
		}
		// What was imported exports and imports again unchanged.
		var buf bytes.Buffer
		if err := ExportJSON(&buf, imp.Entries, ExportOptions{Dimensions: imp.Dimensions}); err != nil {
			if strings.Contains(err.Error(), "year outside of range") {
				return // a time JSON can't hold once moved to another zone
			}
			t.Fatalf("export: %v", err)
		}
		back := fuzzImport(t, buf.Bytes(), FormatWaymark, ImportOptions{})
		if back == nil {
			t.Fatalf("an export of imported entries doesn't import:\n%s", buf.Bytes())
		}
		if len(back.Skipped) != 0 {
			t.Fatalf("re-import skipped %v", back.Skipped)
		}
		if !bytes.Equal(mustJSON(t, normalized(back.Entries)), mustJSON(t, normalized(sortedEntries(imp.Entries)))) {
			t.Fatalf("round trip changed entries:\n%#v\n%#v", back.Entries, imp.Entries)
		}
	})
}

// FuzzDecodeEntry is the exchange side of the record decoder: one entry as
// JSON, as a Waymark export holds it, decodes to an entry that survives
// Prepare and encodes and decodes to itself.
func FuzzDecodeEntry(f *testing.F) {
	_, entries := sample()
	for _, e := range entries {
		b, _ := json.Marshal(e)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","kind":"goal","title":"t","when":"2026-05-01T10:00:00Z","goal":{"status":"let-go","steps":[{"text":"a","done":true}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := fmt.Appendf(nil, `{"format":"waymark","version":1,"entries":[%s]}`, data)
		imp := fuzzImport(t, doc, FormatWaymark, ImportOptions{})
		if imp == nil {
			return
		}
		for _, e := range imp.Entries {
			b, err := json.Marshal(e)
			if err != nil {
				continue // a time outside what JSON holds
			}
			var back journal.Entry
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("re-decode: %v", err)
			}
			// Empty lists may come back as none; nothing else may change.
			if !bytes.Equal(mustJSON(t, normalized([]journal.Entry{back})), mustJSON(t, normalized([]journal.Entry{e}))) {
				t.Fatalf("entry changed through JSON:\n%#v\n%#v", back, e)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	for _, n := range []string{"jrnl.txt", "jrnl.json", "dayone/Journal.json", "waymark.json", "jrnl-v1.enc", "jrnl-v2.enc", "jrnl-v3.enc"} {
		f.Add(n, readFixture(f, n))
	}
	f.Add("export.zip", zipOf(f, map[string][]byte{"Journal.json": readFixture(f, "dayone/Journal.json")}))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		got, err := Detect(name, head)
		if err != nil {
			var p Problem
			if !errors.As(err, &p) || p.Err == nil {
				t.Fatalf("Detect error %T %q", err, err)
			}
		}
		if got != "" {
			// Whatever Detect chose, Import answers plainly.
			fuzzImport(t, head, got, ImportOptions{File: name, Location: time.UTC})
		}
	})
}
