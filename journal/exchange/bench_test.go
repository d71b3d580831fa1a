package exchange

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// jrnlJournal writes n entries as jrnl would, a few lines each, some tagged
// and starred.
func jrnlJournal(n int) []byte {
	var b bytes.Buffer
	start := time.Date(2010, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		star := ""
		if i%7 == 0 {
			star = " *"
		}
		fmt.Fprintf(&b, "[%s] Entry number %d, a short title.%s\n", start.Add(time.Duration(i)*97*time.Minute).Format("2006-01-02 15:04"), i, star)
		fmt.Fprintf(&b, "Some words about the day, with @tag%d in them.\n\nA second paragraph that goes on a little longer, as people's entries do.\n", i%50)
	}
	return b.Bytes()
}

func BenchmarkImportJrnl100k(b *testing.B) {
	data := jrnlJournal(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		imp, err := Import(bytes.NewReader(data), FormatJrnl, ImportOptions{Location: time.UTC})
		if err != nil || len(imp.Entries) != 100_000 {
			b.Fatalf("%v, %d entries", err, len(imp.Entries))
		}
	}
}

func BenchmarkImportWaymark100k(b *testing.B) {
	imp, err := Import(bytes.NewReader(jrnlJournal(100_000)), FormatJrnl, ImportOptions{Location: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	var data bytes.Buffer
	if err := ExportJSON(&data, imp.Entries, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(data.Len()))
	b.ReportAllocs()
	for b.Loop() {
		got, err := Import(bytes.NewReader(data.Bytes()), FormatWaymark, ImportOptions{})
		if err != nil || len(got.Entries) != 100_000 {
			b.Fatalf("%v", err)
		}
	}
}
