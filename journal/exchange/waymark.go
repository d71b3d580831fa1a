package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/waymark-journal/waymark/journal"
)

// WaymarkVersion is the version of the Waymark JSON format this package
// writes, and the newest it reads.
const WaymarkVersion = 1

// waymarkHeader is the start of a Waymark export, before its lists.
type waymarkHeader struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Exported time.Time `json:"exported,omitzero"`
	Title    string    `json:"title,omitempty"`
}

// ExportOptions tune the exports.
type ExportOptions struct {
	// Dimensions are the journal's life areas: written whole into JSON, and
	// used for names in Markdown.
	Dimensions journal.Dimensions
	// Now is when the export was made; zero leaves it out.
	Now time.Time
	// Title heads the export; Markdown uses "Waymark journal" when empty.
	Title string
}

// ExportJSON writes entries as a Waymark export: every field of every entry,
// the life areas with their ids, a format name and version. Entries are
// written oldest first (ties by id), so the same journal always gives the
// same file. docs/format.md describes the format.
func ExportJSON(w io.Writer, entries []journal.Entry, opts ExportOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := marshalIndented(waymarkHeader{Format: string(FormatWaymark), Version: WaymarkVersion,
		Exported: opts.Now, Title: opts.Title}, "")
	if err != nil {
		return err
	}
	// Open the header object and leave it open for the two lists.
	bw.Write(bytes.TrimRight(bytes.TrimSuffix(bytes.TrimRight(head, "\n"), []byte("}")), "\n "))
	bw.WriteString(",\n  \"dimensions\": ")
	dims := opts.Dimensions.Sorted()
	if dims == nil {
		dims = journal.Dimensions{}
	}
	d, err := marshalIndented(dims, "  ")
	if err != nil {
		return err
	}
	bw.Write(d)
	bw.WriteString(",\n  \"entries\": [")
	for i, e := range sortedEntries(entries) {
		b, err := marshalIndented(e, "    ")
		if err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if len(entries) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// marshalIndented encodes v indented by two spaces under prefix, keeping
// '<', '>' and '&' as written.
func marshalIndented(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sortedEntries orders entries oldest first, then by id, without changing the caller's slice.
func sortedEntries(entries []journal.Entry) []journal.Entry {
	out := slices.Clone(entries)
	slices.SortStableFunc(out, func(a, b journal.Entry) int {
		if c := a.When.Compare(b.When); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// maxIDBytes bounds an entry or dimension id read from a file.
const maxIDBytes = 128

func validID(id string) bool {
	if id == "" || len(id) > maxIDBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

func importWaymark(data []byte, opts ImportOptions) (*Imported, error) {
	doc := newJSONDoc(data, opts.File, FormatWaymark)
	sk := &skipper{file: opts.File}
	gen := newIDs(opts.IDKey)
	out := &Imported{}
	var head waymarkHeader
	sawFormat := false
	// An entry met before the version is known is kept raw until it is.
	type pending struct {
		e     journal.Entry
		start int
	}
	var entries []pending

	err := doc.object(func(key string) error {
		switch key {
		case "format":
			line := doc.lines.at(doc.nextOffset())
			if err := doc.dec.Decode(&head.Format); err != nil || head.Format != string(FormatWaymark) {
				if err != nil && !isTypeError(err) {
					return doc.broken(err)
				}
				return doc.notThis(line, `its "format" isn't "waymark"`)
			}
			sawFormat = true
		case "version":
			line := doc.lines.at(doc.nextOffset())
			if err := doc.dec.Decode(&head.Version); err != nil {
				if !isTypeError(err) {
					return doc.broken(err)
				}
				return fileProblem(opts.File, line, ErrWrongFormat, `its "version" should be a whole number like 1`)
			}
			if head.Version > WaymarkVersion {
				return fileProblem(opts.File, line, ErrTooNew,
					fmt.Sprintf("this export was made by a newer Waymark (format version %d). Please update Waymark to import it; nothing was imported", head.Version))
			}
		case "dimensions":
			return doc.array(key, func(start int) error {
				var dim journal.Dimension
				ok, err := doc.decodeEntry(&dim, sk, start)
				if err != nil || !ok {
					return err
				}
				line := doc.lines.at(start)
				dim.Name = strings.Join(strings.Fields(journal.RepairText(dim.Name)), " ")
				dim.Prompt = journal.RepairText(dim.Prompt)
				for i, p := range dim.Prompts {
					dim.Prompts[i] = journal.RepairText(p)
				}
				switch {
				case !validID(dim.ID):
					sk.skip(line, "id", "this life area has no usable id, so it was left out")
				case dim.Name == "":
					sk.skip(line, "name", "this life area has no name, so it was left out")
				default:
					out.Dimensions = append(out.Dimensions, dim)
				}
				return nil
			})
		case "entries":
			return doc.array(key, func(start int) error {
				var e journal.Entry
				ok, err := doc.decodeEntry(&e, sk, start)
				if err != nil || !ok {
					return err
				}
				entries = append(entries, pending{e, start})
				return nil
			})
		default:
			return doc.skip()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !sawFormat {
		why := `it has no "format": "waymark" at its start`
		if f := detectJSON(data[:min(len(data), HeadBytes)]); f != "" && f != FormatWaymark {
			why = fmt.Sprintf("it looks like a %s; import it as %s", f.Label(), f)
		}
		return nil, doc.notThis(1, why)
	}
	if head.Version < 1 {
		return nil, fileProblem(opts.File, 0, ErrWrongFormat, `this Waymark export doesn't say which version it is ("version": 1), so it wasn't imported`)
	}
	for _, p := range entries {
		line := doc.lines.at(p.start)
		e := p.e
		if e.ID == "" {
			// Hand-made files may leave ids out; give each a stable one.
			e.ID = gen.derive("waymark", e.When.UTC().Format(time.RFC3339Nano), string(e.Kind), e.Title, e.Text)
		}
		if !validID(e.ID) {
			sk.skip(line, "id", "this entry's id isn't one Waymark can use, so it was left out")
			continue
		}
		if e.When.IsZero() {
			sk.skip(line, "when", "this entry has no date, so it was left out")
			continue
		}
		sk.accept(&out.Entries, e, line, "")
	}
	out.Skipped = sk.done()
	return out, nil
}

func isTypeError(err error) bool {
	var ute *json.UnmarshalTypeError
	return errors.As(err, &ute)
}
