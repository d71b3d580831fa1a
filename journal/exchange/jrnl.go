package exchange

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-journal/waymark/journal"
)

// A jrnl journal is plain text. An entry starts at the beginning of a line
// with its date in square brackets and a space, "[2021-03-04 09:15] ", in the
// journal's time format (jrnl's default is "%Y-%m-%d %H:%M"). The title is
// the first line (or, on a single line, the first sentence); the rest is the
// body. jrnl writes a starred entry's title line with a trailing " *", and
// separates entries with a blank line.

// jrnlDefaultLayouts are tried, in order, when no time format is given:
// jrnl's default, with seconds, and 12-hour clocks.
var jrnlDefaultLayouts = []string{
	"2006-1-2 15:04",
	"2006-1-2 15:04:05",
	"2006-1-2 3:04 PM",
	"2006-1-2 3:04:05 PM",
	"2006-1-2 3:04 pm",
	"2006-1-2 3:04:05 pm",
	"2006-1-2 3:04PM",
	"2006-1-2 3:04pm",
}

// jrnlIDLayout is the wall-clock time an entry's id is derived from: to the
// minute, as jrnl's JSON export keeps it, so the text journal and its JSON
// export give the same ids.
const jrnlIDLayout = "2006-01-02 15:04"

// jrnlDates reads the bracketed dates of one journal.
type jrnlDates struct {
	layouts []string
	shapes  []*regexp.Regexp // what a date in one of the layouts looks like
	loc     *time.Location
}

func newJrnlDates(timeFormat string, loc *time.Location) (*jrnlDates, error) {
	d := &jrnlDates{loc: loc}
	if tf := strings.TrimSpace(timeFormat); tf != "" {
		layout := tf
		if strings.Contains(tf, "%") {
			var err error
			if layout, err = strftimeLayout(tf); err != nil {
				return nil, err
			}
		}
		d.layouts = append(d.layouts, layout)
	}
	d.layouts = append(d.layouts, jrnlDefaultLayouts...)
	for _, l := range d.layouts {
		d.shapes = append(d.shapes, layoutShape(l))
	}
	return d, nil
}

// parse reads a date blob (the text between the brackets). ok is false when
// it is not a date; bad is true when it looks like one but isn't right
// ("2021-13-40 10:00").
func (d *jrnlDates) parse(blob string) (t time.Time, ok, bad bool) {
	if len(blob) == 0 || len(blob) > 64 {
		return time.Time{}, false, false
	}
	for _, l := range d.layouts {
		if t, err := time.ParseInLocation(l, blob, d.loc); err == nil {
			return t, true, false
		}
	}
	for _, s := range d.shapes {
		if s.MatchString(blob) {
			return time.Time{}, false, true
		}
	}
	return time.Time{}, false, false
}

// layoutShape turns a Go time layout into a pattern for text that has its
// shape: runs of digits, runs of letters and the separators between them.
func layoutShape(layout string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	rs := []rune(layout)
	for i := 0; i < len(rs); {
		r := rs[i]
		j := i + 1
		switch {
		case unicode.IsDigit(r):
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			b.WriteString(`\d{1,4}`)
		case unicode.IsLetter(r):
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			b.WriteString(`\p{L}+`)
		case r == ' ':
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			b.WriteString(` +`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
		i = j
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

// strftimeLayout translates jrnl's time format setting (Python strftime) into
// a Go layout.
func strftimeLayout(f string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		if i+1 >= len(f) {
			return "", fmt.Errorf("the time format %s ends with a lone %%", quote(f))
		}
		i++
		switch f[i] {
		case 'Y':
			b.WriteString("2006")
		case 'y':
			b.WriteString("06")
		case 'm':
			b.WriteString("1")
		case 'd':
			b.WriteString("2")
		case 'H':
			b.WriteString("15")
		case 'I':
			b.WriteString("3")
		case 'M':
			b.WriteString("04")
		case 'S':
			b.WriteString("05")
		case 'p':
			b.WriteString("PM")
		case 'b':
			b.WriteString("Jan")
		case 'B':
			b.WriteString("January")
		case 'a':
			b.WriteString("Mon")
		case 'A':
			b.WriteString("Monday")
		case 'j':
			b.WriteString("002")
		case 'z':
			b.WriteString("-0700")
		case 'Z':
			b.WriteString("MST")
		case '%':
			b.WriteString("%")
		default:
			return "", fmt.Errorf("the time format %s uses %%%c, which Waymark can't read yet; try the format as a Go layout such as \"2006-01-02 15:04\"", quote(f), f[i])
		}
	}
	return b.String(), nil
}

func importJrnl(data []byte, opts ImportOptions) (*Imported, error) {
	plain, err := openJrnl(data, opts)
	if err != nil {
		return nil, err
	}
	return parseJrnl(plain, opts)
}

// parseJrnl reads a plain-text jrnl journal.
func parseJrnl(data []byte, opts ImportOptions) (*Imported, error) {
	dates, err := newJrnlDates(opts.TimeFormat, opts.location())
	if err != nil {
		return nil, fileProblem(opts.File, 0, ErrWrongFormat, err.Error())
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	p := &jrnlParser{
		data:  data,
		dates: dates,
		sk:    &skipper{file: opts.File},
		ids:   newIDs(opts.IDKey),
	}
	p.entries = make([]journal.Entry, 0, min(bytes.Count(data, []byte("\n["))+1, 1<<20))
	p.scan()
	if p.starts == 0 && p.bad == 0 {
		if len(bytes.TrimSpace(data)) == 0 {
			return &Imported{}, nil
		}
		return nil, fileProblem(opts.File, 0, ErrWrongFormat, notJrnlReason(data, opts.TimeFormat))
	}
	return &Imported{Entries: p.entries, Skipped: p.sk.done()}, nil
}

func notJrnlReason(data []byte, timeFormat string) string {
	if head := bytes.TrimLeft(data[:min(len(data), HeadBytes)], " \t\r\n"); len(head) > 0 && head[0] == '{' {
		if f := detectJSON(head); f != "" {
			return fmt.Sprintf("this isn't a jrnl journal: it looks like a %s; import it as %s", f.Label(), f)
		}
	}
	if !utf8.Valid(data[:min(len(data), 4096)]) && len(data)%16 == 0 && len(data) >= 32 {
		return "this doesn't look like a jrnl journal. If it's one encrypted by jrnl before version 2.0, give its password"
	}
	if timeFormat != "" {
		return fmt.Sprintf("no line starts with a date in the time format %s, so this doesn't look like a jrnl journal written with it", quote(timeFormat))
	}
	return "no line starts with a date like [2021-03-04 09:15], so this doesn't look like a jrnl journal. If it uses another date format, give that time format"
}

type jrnlParser struct {
	data    []byte
	dates   *jrnlDates
	sk      *skipper
	ids     *ids
	entries []journal.Entry
	starts  int // entries found
	bad     int // dates that looked wrong
}

// scan walks the journal line by line, cutting it into entries.
func (p *jrnlParser) scan() {
	data := p.data
	type open struct {
		line      int
		when      time.Time
		textStart int
		bad       bool
	}
	var cur *open
	preambleEnd := -1
	finish := func(end int) {
		if cur == nil {
			return
		}
		if !cur.bad {
			p.entry(data[cur.textStart:end], cur.when, cur.line)
		}
		cur = nil
	}
	line := 1
	for pos := 0; pos < len(data); line++ {
		nl := bytes.IndexByte(data[pos:], '\n')
		lineEnd := len(data)
		next := len(data)
		if nl >= 0 {
			lineEnd = pos + nl
			next = lineEnd + 1
		}
		if data[pos] == '[' {
			if when, textStart, ok, bad, blob := p.header(pos, lineEnd); ok || bad {
				end := pos - 1 // the newline before the date
				if end < 0 {
					end = 0
				}
				if cur == nil && preambleEnd < 0 {
					preambleEnd = end
				}
				finish(end)
				cur = &open{line: line, when: when, textStart: textStart, bad: bad}
				if bad {
					p.bad++
					p.sk.skip(line, "", fmt.Sprintf("that date doesn't look right (%s)", quote(blob)))
				} else {
					p.starts++
				}
			}
		}
		pos = next
	}
	finish(len(data))
	if preambleEnd > 0 && len(bytes.TrimSpace(data[:preambleEnd])) > 0 {
		// jrnl itself drops words before the first date; say so rather than lose them quietly.
		p.sk.skipped = append([]Problem{{File: p.sk.file, Line: 1,
			Reason: "the words before the first dated entry aren't part of any entry, so they were left out"}}, p.sk.skipped...)
	}
}

// header reads "[date] " at pos. It returns where the entry's text starts.
func (p *jrnlParser) header(pos, lineEnd int) (when time.Time, textStart int, ok, bad bool, blob string) {
	line := p.data[pos:lineEnd]
	close := bytes.IndexByte(line, ']')
	if close < 2 || close > 66 {
		return
	}
	after := close + 1
	switch {
	case after == len(line), after == len(line)-1 && line[after] == '\r':
		textStart = pos + after
	case line[after] == ' ':
		textStart = pos + after + 1
	default:
		return
	}
	blob = string(line[1:close])
	when, ok, bad = p.dates.parse(blob)
	return
}

// entry turns one entry's raw text into a journal entry.
func (p *jrnlParser) entry(raw []byte, when time.Time, line int) {
	if len(raw) > journal.MaxTextBytes+4096 {
		p.sk.skip(line, "", "this entry is longer than one entry can hold (1 MiB), so it was left out; it could be split into two in jrnl")
		return
	}
	text := journal.RepairText(string(raw))
	first, rest, multi := strings.Cut(text, "\n")
	starred := false
	if t := strings.TrimRight(first, " \t\r"); t == "*" || strings.HasSuffix(t, " *") {
		starred = true
		first = strings.TrimRight(strings.TrimSuffix(t, "*"), " \t")
	}
	if multi {
		text = first + "\n" + rest
	} else {
		text = first
	}
	text = strings.TrimSpace(text)

	title, body := jrnlSplitTitle(text)
	e := journal.Entry{
		ID:      p.ids.derive("jrnl", when.Format(jrnlIDLayout), title, body),
		Kind:    journal.KindReflection,
		When:    when,
		Created: when,
		Updated: when,
		Text:    text,
		Tags:    jrnlTags(text, nil),
	}
	if starred {
		e.Tags = addTag(e.Tags, TagStarred)
	}
	slices.Sort(e.Tags)
	p.sk.accept(&p.entries, e, line, "")
}

// jrnlSentenceEnd is jrnl's sentence splitter (after segtok): a sentence
// terminal, an optional closing quote and brackets, then space; or a CJK
// full stop, which needs no space.
var jrnlSentenceEnd = regexp.MustCompile(
	`[.!?\x{2026}\x{203C}\x{203D}\x{2047}\x{2048}\x{2049}\x{22EF}\x{FE52}\x{FE57}]['\x{2019}"\x{201D}]?[\])]*[\t\n\v\f\r \x{1c}-\x{1f}\x{85}\p{Z}]+` +
		`|[\x{FF01}\x{FF0E}\x{FF1F}\x{FF61}\x{3002}]`)

// jrnlSplitTitle splits a title off an entry's text as jrnl does: the first
// line when there is more than one, otherwise the first sentence.
func jrnlSplitTitle(text string) (title, body string) {
	text = strings.TrimLeft(text, " \t\n\r")
	end := -1
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		end = i + 1
	} else if loc := jrnlSentenceEnd.FindStringIndex(text); loc != nil {
		end = loc[1]
	}
	if end < 0 {
		return text, ""
	}
	return strings.TrimSpace(text[:end]), strings.TrimSpace(text[end:])
}

// jrnlTags finds jrnl's @tags in text: an @ at the start or after white
// space, then letters, digits and -+*#/_ . They are lower-cased, as jrnl does,
// and kept without the @.
func jrnlTags(text string, tags []string) []string {
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:i])
			if !unicode.IsSpace(r) {
				continue
			}
		}
		j := i + 1
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isTagRune(r) {
				break
			}
			j += n
		}
		if j > i+1 {
			tags = addTag(tags, strings.ToLower(text[i+1:j]))
		}
		i = j - 1
	}
	return tags
}

func isTagRune(r rune) bool {
	switch r {
	case '-', '+', '*', '#', '/', '_':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// jrnlTagName turns a tag as jrnl's JSON export lists it ("@work") into
// Waymark's ("work").
func jrnlTagName(t string) string {
	t = strings.TrimSpace(t)
	if r, n := utf8.DecodeRuneInString(t); t != "" && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
		t = t[n:]
	}
	return strings.ToLower(t)
}
