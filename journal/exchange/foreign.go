package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// jrnlJSONEntry is one entry of jrnl's JSON export (jrnl --export json):
// {"tags": {"@tag": n}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
// "time": "HH:MM", "tags": ["@tag"], "starred": bool}]}, in local time.
type jrnlJSONEntry struct {
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Date    string   `json:"date"`
	Time    string   `json:"time"`
	Tags    []string `json:"tags"`
	Starred bool     `json:"starred"`
}

func importJrnlJSON(data []byte, opts ImportOptions) (*Imported, error) {
	doc := newJSONDoc(data, opts.File, FormatJrnlJSON)
	sk := &skipper{file: opts.File}
	gen := newIDs(opts.IDKey)
	loc := opts.location()
	out := &Imported{}
	sawEntries := false
	var other string
	err := doc.object(func(key string) error {
		switch key {
		case "entries":
			sawEntries = true
			return doc.array(key, func(start int) error {
				var je jrnlJSONEntry
				ok, err := doc.decodeEntry(&je, sk, start)
				if err != nil || !ok {
					return err
				}
				line := doc.lines.at(start)
				e, ok := jrnlJSONToEntry(je, loc, gen, sk, line)
				if ok {
					sk.accept(&out.Entries, e, line, "")
				}
				return nil
			})
		case "metadata":
			other = "it looks like a Day One export; import it as dayone"
		case "format":
			other = "it looks like a Waymark export; import it as waymark"
		}
		return doc.skip()
	})
	if err != nil {
		return nil, err
	}
	if !sawEntries {
		if other == "" {
			other = `it has no "entries" list`
		}
		return nil, doc.notThis(1, other)
	}
	out.Skipped = sk.done()
	return out, nil
}

func jrnlJSONToEntry(je jrnlJSONEntry, loc *time.Location, gen *ids, sk *skipper, line int) (journal.Entry, bool) {
	clock := strings.TrimSpace(je.Time)
	if clock == "" {
		clock = "09:00" // jrnl's default hour for an entry given only a date
	}
	when, err := time.ParseInLocation("2006-1-2 15:04", strings.TrimSpace(je.Date)+" "+clock, loc)
	if err != nil {
		if _, derr := time.ParseInLocation("2006-1-2", strings.TrimSpace(je.Date), loc); derr != nil {
			sk.skip(line, "date", fmt.Sprintf("that date doesn't look right (%s), so the entry was left out", quote(je.Date)))
		} else {
			sk.skip(line, "time", fmt.Sprintf("that time doesn't look right (%s), so the entry was left out", quote(je.Time)))
		}
		return journal.Entry{}, false
	}
	text := strings.TrimSpace(je.Title)
	if body := strings.TrimSpace(je.Body); body != "" {
		text += "\n" + body
	}
	text = journal.RepairText(text)
	title, body := jrnlSplitTitle(text)
	e := journal.Entry{
		ID:      gen.derive("jrnl", when.Format(jrnlIDLayout), title, body),
		Kind:    journal.KindReflection,
		When:    when,
		Created: when,
		Updated: when,
		Text:    text,
	}
	for _, t := range je.Tags {
		e.Tags = addTag(e.Tags, jrnlTagName(journal.RepairText(t)))
	}
	e.Tags = jrnlTags(text, e.Tags)
	if je.Starred {
		e.Tags = addTag(e.Tags, TagStarred)
	}
	slices.Sort(e.Tags)
	return e, true
}

// dayOneEntry is one entry of a Day One JSON export: {"metadata":
// {"version": "1.0"}, "entries": [...]}. Fields Waymark doesn't keep
// (richText, photos, location, weather, ...) are not read.
type dayOneEntry struct {
	UUID         string   `json:"uuid"`
	CreationDate string   `json:"creationDate"`
	ModifiedDate string   `json:"modifiedDate"`
	TimeZone     string   `json:"timeZone"`
	Text         string   `json:"text"`
	Tags         []string `json:"tags"`
	Starred      bool     `json:"starred"`
	IsPinned     bool     `json:"isPinned"`
}

func importDayOne(data []byte, opts ImportOptions) (*Imported, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return importDayOneZip(data, opts)
	}
	return importDayOneJSON(data, opts, newIDs(opts.IDKey), newZones(opts.location()))
}

// importDayOneZip reads every journal (*.json) in a Day One export zip, in
// name order; photos and other files are passed over.
func importDayOneZip(data []byte, opts ImportOptions) (*Imported, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileProblem(opts.File, 0, ErrUnreadable, "this zip file is damaged or cut short, so nothing was imported")
	}
	var journals []*zip.File
	for _, f := range zr.File {
		name := f.Name
		base := path.Base(name)
		if f.FileInfo().IsDir() || !strings.EqualFold(path.Ext(name), ".json") ||
			strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") {
			continue
		}
		journals = append(journals, f)
	}
	if len(journals) == 0 {
		return nil, fileProblem(opts.File, 0, ErrWrongFormat,
			"this zip holds no Day One journal (a .json file such as Journal.json), so nothing was imported")
	}
	sort.SliceStable(journals, func(i, j int) bool { return journals[i].Name < journals[j].Name })

	out := &Imported{}
	gen := newIDs(opts.IDKey)
	zones := newZones(opts.location())
	budget := maxImport
	for _, f := range journals {
		inner := opts
		inner.File = fmt.Sprintf("%s (%s)", displayName(opts.File), f.Name)
		if int64(f.UncompressedSize64) > budget {
			return nil, tooBig(inner.File)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fileProblem(inner.File, 0, ErrUnreadable, "this part of the zip can't be opened; the zip may be damaged, so nothing was imported")
		}
		var buf bytes.Buffer
		buf.Grow(int(min(int64(f.UncompressedSize64), budget, 16<<20)) + 1) // a hint only; the header may lie
		_, err = buf.ReadFrom(io.LimitReader(rc, budget+1))
		rc.Close()
		if err != nil {
			return nil, fileProblem(inner.File, 0, ErrUnreadable, "this part of the zip is damaged or cut short, so nothing was imported")
		}
		if int64(buf.Len()) > budget {
			return nil, tooBig(inner.File)
		}
		budget -= int64(buf.Len())
		got, err := importDayOneJSON(buf.Bytes(), inner, gen, zones)
		if err != nil {
			return nil, err
		}
		out.Entries = append(out.Entries, got.Entries...)
		out.Skipped = append(out.Skipped, got.Skipped...)
	}
	return out, nil
}

func displayName(file string) string {
	if file == "" {
		return "The zip"
	}
	return file
}

func importDayOneJSON(data []byte, opts ImportOptions, gen *ids, zones *zones) (*Imported, error) {
	doc := newJSONDoc(data, opts.File, FormatDayOne)
	sk := &skipper{file: opts.File}
	out := &Imported{}
	sawEntries := false
	var other string
	err := doc.object(func(key string) error {
		switch key {
		case "entries":
			sawEntries = true
			return doc.array(key, func(start int) error {
				var de dayOneEntry
				ok, err := doc.decodeEntry(&de, sk, start)
				if err != nil || !ok {
					return err
				}
				line := doc.lines.at(start)
				if e, ok := dayOneToEntry(de, zones, gen, sk, line); ok {
					sk.accept(&out.Entries, e, line, "text")
				}
				return nil
			})
		case "format":
			other = "it looks like a Waymark export; import it as waymark"
		case "tags":
			other = "it looks like a jrnl JSON export; import it as jrnl-json"
		}
		return doc.skip()
	})
	if err != nil {
		return nil, err
	}
	if !sawEntries {
		if other == "" {
			other = `it has no "entries" list`
		}
		return nil, doc.notThis(1, other)
	}
	out.Skipped = sk.done()
	return out, nil
}

func dayOneToEntry(de dayOneEntry, zones *zones, gen *ids, sk *skipper, line int) (journal.Entry, bool) {
	created, err := time.Parse(time.RFC3339, strings.TrimSpace(de.CreationDate))
	if err != nil {
		field := "creationDate"
		if de.CreationDate == "" {
			sk.skip(line, field, "this entry has no date, so it was left out")
		} else {
			sk.skip(line, field, fmt.Sprintf("that date doesn't look right (%s), so the entry was left out", quote(de.CreationDate)))
		}
		return journal.Entry{}, false
	}
	loc := zones.get(de.TimeZone)
	created = created.In(loc)
	updated := created
	if m, err := time.Parse(time.RFC3339, strings.TrimSpace(de.ModifiedDate)); err == nil && m.After(created) {
		updated = m.In(loc)
	}
	text := journal.RepairText(de.Text)
	if strings.TrimSpace(text) == "" {
		sk.skip(line, "text", "this entry has no words in it (perhaps only a photo), so it was left out")
		return journal.Entry{}, false
	}
	var id string
	if uuid := strings.ToUpper(strings.TrimSpace(de.UUID)); uuid != "" {
		id = gen.derive("dayone", uuid)
	} else {
		id = gen.derive("dayone-no-uuid", created.UTC().Format(time.RFC3339), text)
	}
	e := journal.Entry{
		ID:      id,
		Kind:    journal.KindReflection,
		When:    created,
		Created: created,
		Updated: updated,
		Text:    dayOneUnescape(text),
	}
	for _, t := range de.Tags {
		e.Tags = addTag(e.Tags, journal.RepairText(t))
	}
	if de.Starred {
		e.Tags = addTag(e.Tags, TagStarred)
	}
	if de.IsPinned {
		e.Tags = addTag(e.Tags, TagPinned)
	}
	slices.Sort(e.Tags)
	return e, true
}

// dayOneUnescape removes the backslashes Day One puts before punctuation
// in its Markdown ("we made it\. home\!") where they make no difference to
// how the Markdown reads, so the person's words look as they typed them.
// Escapes that matter are kept: at the start of a line (\#, \-, \+, \>), after
// a number there (1\.), and before *, _, ` and \ anywhere.
func dayOneUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	lineStart := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			lineStart = i + 1
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		next := s[i+1]
		if next == '\\' {
			b.WriteString(`\\`)
			i++
			continue
		}
		if !strings.ContainsRune(".!()[]-+#>{}|", rune(next)) || escapeMatters(s[lineStart:i], next) {
			b.WriteByte(c)
			continue
		}
		// Drop the backslash; the punctuation follows on the next turn.
	}
	return b.String()
}

// escapeMatters reports whether an escaped character after before (the line
// so far) would change the Markdown if it were not escaped.
func escapeMatters(before string, c byte) bool {
	lead := strings.TrimLeft(before, " \t")
	switch c {
	case '#', '-', '+', '>', '|':
		return lead == ""
	case '.', ')':
		if lead == "" {
			return false
		}
		return strings.Trim(lead, "0123456789") == ""
	}
	return false
}

// zones loads the time zones Day One names, once each.
type zones struct {
	fallback *time.Location
	byName   map[string]*time.Location
}

func newZones(fallback *time.Location) *zones {
	return &zones{fallback: fallback, byName: map[string]*time.Location{}}
}

// get returns the named zone, or the fallback when the name is empty or unknown.
func (z *zones) get(name string) *time.Location {
	name = strings.TrimSpace(name)
	if loc, ok := z.byName[name]; ok {
		return loc
	}
	loc := z.fallback
	if zoneName(name) {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	}
	if len(z.byName) < 1000 {
		z.byName[name] = loc
	}
	return loc
}

// zoneName reports whether name looks like an IANA zone ("Europe/London"),
// the only kind of name handed to time.LoadLocation.
func zoneName(name string) bool {
	if name == "" || name == "Local" || len(name) > 64 || strings.Contains(name, "..") || name[0] == '/' {
		return false
	}
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("/_-+", r)) {
			return false
		}
	}
	return true
}
