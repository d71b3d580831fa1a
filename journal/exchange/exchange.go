// Package exchange reads and writes the formats a journal travels in: Waymark's
// own JSON (full fidelity), Markdown for reading and printing, and the journals
// people bring from elsewhere: jrnl (its plain-text journals, encrypted or not,
// and its JSON export) and Day One (its JSON export, zipped or not).
//
// It is pure Go and knows nothing of the store or the terminal. Importers
// return entries that pass journal.Prepare; anything they could not read is
// reported as a Problem naming the file and the line or field, never as a
// panic. docs/format.md describes every format and how each one maps.
package exchange

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Day One entries name their time zone; read it the same on every machine.
	"unicode/utf8"

	"github.com/waymark-journal/waymark/journal"
)

// Format names a file format.
type Format string

// The formats Waymark reads or writes. Markdown is written only.
const (
	FormatWaymark  Format = "waymark"
	FormatJrnl     Format = "jrnl"
	FormatJrnlJSON Format = "jrnl-json"
	FormatDayOne   Format = "dayone"
	FormatMarkdown Format = "markdown"
)

// ImportFormats lists the formats Import reads, in the order help text names them.
var ImportFormats = []Format{FormatWaymark, FormatJrnl, FormatJrnlJSON, FormatDayOne}

// ParseFormat reads a format name as a person might type it ("Day One",
// "jrnl_json", "md").
func ParseFormat(s string) (Format, error) {
	norm := strings.NewReplacer(" ", "", "_", "", "-", "", ".", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch norm {
	case "waymark", "json", "waymarkjson":
		return FormatWaymark, nil
	case "jrnl", "jrnltext", "jrnltxt", "txt":
		return FormatJrnl, nil
	case "jrnljson":
		return FormatJrnlJSON, nil
	case "dayone", "dayonejson", "dayonezip":
		return FormatDayOne, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	}
	return "", fmt.Errorf("%q isn't a format Waymark knows; try waymark, jrnl, jrnl-json or dayone", s)
}

// Label is the format's name in messages.
func (f Format) Label() string {
	switch f {
	case FormatWaymark:
		return "Waymark export"
	case FormatJrnl:
		return "jrnl journal"
	case FormatJrnlJSON:
		return "jrnl JSON export"
	case FormatDayOne:
		return "Day One export"
	case FormatMarkdown:
		return "Markdown file"
	}
	return string(f)
}

// Limits on what Import reads.
const (
	// MaxImportBytes is the largest file Import reads (512 MiB). For a Day One
	// zip it bounds the unpacked journals too.
	MaxImportBytes = 512 << 20
	// HeadBytes is how much of the start of a file Detect needs to see.
	HeadBytes = 64 << 10
)

// maxImport is MaxImportBytes, lowered by tests.
var maxImport int64 = MaxImportBytes

// Kinds of whole-file problem; test for them with errors.Is.
var (
	// ErrNeedsPassword: the file is an encrypted jrnl journal and no password was given.
	ErrNeedsPassword = errors.New("needs its password")
	// ErrWrongPassword: the password given did not open the encrypted journal.
	ErrWrongPassword = errors.New("password did not open it")
	// ErrTooBig: the file is larger than MaxImportBytes.
	ErrTooBig = errors.New("too big to import")
	// ErrUnknownFormat: Detect could not tell the format, or the format can't be imported.
	ErrUnknownFormat = errors.New("format not recognised")
	// ErrWrongFormat: the file is not in the format asked for.
	ErrWrongFormat = errors.New("not in the format expected")
	// ErrUnreadable: the file is damaged or cut short (broken JSON, a damaged zip).
	ErrUnreadable = errors.New("could not be read")
	// ErrTooNew: a Waymark export from a newer version of Waymark.
	ErrTooNew = errors.New("written by a newer Waymark")
)

// Problem is something Waymark could not read, in words a person can act on.
// As an entry in Imported.Skipped it names an entry that was left out; as the
// error from Import or Detect it is about the whole file, and Err says which
// kind (ErrNeedsPassword, ErrWrongPassword, ...). A Problem never quotes the
// person's writing: at most a short date or field value.
type Problem struct {
	File   string // the file's name, as given in ImportOptions.File
	Line   int    // 1-based line, 0 when unknown
	Field  string // the field, for JSON formats ("creationDate"); empty when none
	Reason string // lower-case, plain, without a final full stop
	Err    error  // for whole-file problems, the kind; nil for skipped entries
}

// Error gives a plain sentence:
// `journal.txt, line 12: that date doesn't look right ("2021-13-40 10:00").`
func (p Problem) Error() string {
	var b strings.Builder
	file := p.File
	if file == "" {
		file = "The file"
	}
	b.WriteString(file)
	if p.Line > 0 {
		fmt.Fprintf(&b, ", line %d", p.Line)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, ", %s", p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Reason)
	if !strings.HasSuffix(p.Reason, ".") {
		b.WriteString(".")
	}
	return b.String()
}

// Unwrap gives the kind of a whole-file problem.
func (p Problem) Unwrap() error { return p.Err }

// Imported is what an importer returns.
type Imported struct {
	// Entries are ready for journal.Prepare (each one passes it). Every entry
	// has an id: kept from a Waymark export, derived from the source for the
	// other formats, so importing the same file again gives the same ids.
	Entries []journal.Entry
	// Dimensions are the life areas of a Waymark export, with their ids. Other
	// formats have none.
	Dimensions journal.Dimensions
	// Skipped names each entry that was left out, and why.
	Skipped []Problem
}

// ImportOptions tune Import.
type ImportOptions struct {
	// File is the file's name for messages ("journal.txt").
	File string
	// Password opens an encrypted jrnl journal.
	Password []byte
	// TimeFormat is the date format of a jrnl journal, as a Go layout
	// ("2006-01-02 15:04") or as jrnl's own strftime setting ("%Y-%m-%d %H:%M").
	// Empty means jrnl's default; seconds and 12-hour times are then also read.
	TimeFormat string
	// Location is where local times (jrnl, and Day One entries without a time
	// zone) were written; nil means time.Local.
	Location *time.Location
	// IDKey, when set, keys the ids derived for jrnl and Day One entries
	// (HMAC-SHA256 instead of SHA-256), so an id says nothing about the text
	// it was made from. Pass the same key every time for one journal so a
	// second import still finds the first one's entries.
	IDKey []byte
}

func (o ImportOptions) location() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

// Import reads a whole file in the given format. A problem with the whole
// file (broken JSON, the wrong format, a wrong password, too big) is returned
// as an error naming the file, and the line where that helps; problems with
// single entries leave those entries out and are listed in Skipped.
func Import(r io.Reader, f Format, opts ImportOptions) (*Imported, error) {
	data, err := readLimited(r, opts.File)
	if err != nil {
		return nil, err
	}
	return importBytes(data, f, opts)
}

func importBytes(data []byte, f Format, opts ImportOptions) (*Imported, error) {
	switch f {
	case FormatWaymark:
		return importWaymark(data, opts)
	case FormatJrnl:
		return importJrnl(data, opts)
	case FormatJrnlJSON:
		return importJrnlJSON(data, opts)
	case FormatDayOne:
		return importDayOne(data, opts)
	case FormatMarkdown:
		return nil, fileProblem(opts.File, 0, ErrUnknownFormat,
			"Waymark writes Markdown for reading and printing, but can't read it back in; import a Waymark JSON export instead")
	}
	return nil, fileProblem(opts.File, 0, ErrUnknownFormat,
		fmt.Sprintf("%q isn't a format Waymark can import; try waymark, jrnl, jrnl-json or dayone", string(f)))
}

// readLimited reads the whole of r, refusing more than maxImport bytes.
func readLimited(r io.Reader, file string) ([]byte, error) {
	size := int64(-1)
	switch v := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	case interface{ Len() int }:
		size = int64(v.Len())
	}
	if size > maxImport {
		return nil, tooBig(file)
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + 1)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, maxImport+1)); err != nil {
		return nil, fileProblem(file, 0, ErrUnreadable, "couldn't be read to the end; check the file is all there, then try again")
	}
	if int64(buf.Len()) > maxImport {
		return nil, tooBig(file)
	}
	return buf.Bytes(), nil
}

func tooBig(file string) error {
	return fileProblem(file, 0, ErrTooBig,
		fmt.Sprintf("this file is larger than Waymark can import at once (%d MiB); nothing was imported", maxImport>>20))
}

func fileProblem(file string, line int, kind error, reason string) error {
	return Problem{File: file, Line: line, Reason: reason, Err: kind}
}

// skipper collects the entries left out of an import.
type skipper struct {
	file    string
	skipped []Problem
}

func (s *skipper) skip(line int, field, reason string) {
	s.skipped = append(s.skipped, Problem{File: s.file, Line: line, Field: field, Reason: reason})
}

// done returns the problems in the order of the file.
func (s *skipper) done() []Problem {
	slices.SortStableFunc(s.skipped, func(a, b Problem) int { return a.Line - b.Line })
	return s.skipped
}

// accept checks an entry as the store will and either keeps it or notes why
// it was left out.
func (s *skipper) accept(out *[]journal.Entry, e journal.Entry, line int, field string) {
	if len(e.Text) > journal.MaxTextBytes || len(e.Title) > journal.MaxTextBytes {
		s.skip(line, field, "this entry is longer than one entry can hold (1 MiB), so it was left out; it could be split into two in the original app")
		return
	}
	p, err := journal.Prepare(e)
	if err != nil {
		s.skip(line, field, whyLeftOut(err, e))
		return
	}
	*out = append(*out, p)
}

// whyLeftOut says, for an import, why journal.Prepare refused an entry.
func whyLeftOut(err error, e journal.Entry) string {
	switch {
	case errors.Is(err, journal.ErrEmptyText):
		return "this entry has no words in it, so it was left out"
	case errors.Is(err, journal.ErrTextTooLong):
		return "this entry is longer than one entry can hold (1 MiB), so it was left out"
	case errors.Is(err, journal.ErrUnknownKind):
		return fmt.Sprintf("this entry's kind (%s) isn't one Waymark knows, so it was left out", quote(string(e.Kind)))
	case errors.Is(err, journal.ErrEmptyTitle):
		return "this goal has no title, so it was left out"
	case errors.Is(err, journal.ErrUnknownStatus):
		return "this goal's status isn't one Waymark knows, so it was left out"
	case errors.Is(err, journal.ErrRatingRange):
		return "a rating in this check-in isn't between 0 and 10, so it was left out"
	case errors.Is(err, journal.ErrEmptyCheckIn):
		return "this check-in has no answers in it, so it was left out"
	case errors.Is(err, journal.ErrTwiceRated):
		return "this check-in answers one area twice, so it was left out"
	}
	return "this entry couldn't be read, so it was left out"
}

// quote shows a short value from the file (a date, a field) safely in a
// message: quoted, escaped and cut to a readable length.
func quote(s string) string {
	const max = 40
	s = journal.RepairText(s)
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// lineCounter turns byte offsets, asked for in increasing order, into 1-based
// line numbers without rescanning the file.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, line: 1} }

func (lc *lineCounter) at(off int) int {
	if off > len(lc.data) {
		off = len(lc.data)
	}
	if off < lc.off {
		lc.off, lc.line = 0, 1
	}
	lc.line += bytes.Count(lc.data[lc.off:off], []byte{'\n'})
	lc.off = off
	return lc.line
}

// ids derives opaque, deterministic entry ids from a source's own identity,
// so importing the same file twice gives the same ids and the store merges
// instead of adding. An id has the shape of the store's random ids: 26
// lowercase base32 characters. Repeats of the same source key within one
// file get distinct ids in order.
type ids struct {
	key  []byte
	seen map[string]int
}

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

func newIDs(key []byte) *ids { return &ids{key: key, seen: map[string]int{}} }

func (g *ids) derive(parts ...string) string {
	var h hash.Hash
	if len(g.key) > 0 {
		h = hmac.New(sha256.New, g.key)
	} else {
		h = sha256.New()
	}
	h.Write([]byte("waymark-import-v1"))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	sum := h.Sum(nil)
	k := string(sum)
	n := g.seen[k]
	g.seen[k] = n + 1
	if n > 0 {
		h.Reset()
		h.Write(sum)
		fmt.Fprintf(h, "\x00repeat %d", n)
		sum = h.Sum(nil)
	}
	return idEncoding.EncodeToString(sum[:16])
}

// addTag adds a tag once, keeping the order tags were first seen.
func addTag(tags []string, t string) []string {
	t = strings.TrimSpace(t)
	if t == "" {
		return tags
	}
	for _, have := range tags {
		if have == t {
			return tags
		}
	}
	return append(tags, t)
}

// Tags Waymark gives imported entries that were starred or pinned.
const (
	TagStarred = "starred"
	TagPinned  = "pinned"
)
