package exchange

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/waymark-journal/waymark/journal"
)

// ExportMarkdown writes entries as Markdown to read or print: a title, then
// every entry oldest first, each under a heading with its date and kind, its
// life areas by name, and its text as written (it is Markdown already).
// Goals show why they matter, their steps as a checklist, strengths,
// supports, status and its history; check-ins show a table of each area's
// own rating and word, never a total. Control characters are left out, so
// the file is safe to show in a terminal.
func ExportMarkdown(w io.Writer, entries []journal.Entry, opts ExportOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	m := &mdWriter{w: bw, dims: opts.Dimensions}
	title := strings.TrimSpace(oneLine(opts.Title))
	if title == "" {
		title = "Waymark journal"
	}
	m.f("# %s\n\n", title)
	count := "1 entry"
	if len(entries) != 1 {
		count = fmt.Sprintf("%d entries", len(entries))
	}
	if !opts.Now.IsZero() {
		m.f("Exported %s · %s, oldest first.\n", longDate(opts.Now), count)
	} else {
		m.f("%s, oldest first.\n", count)
	}
	for _, e := range sortedEntries(entries) {
		m.entry(e)
	}
	return bw.Flush()
}

type mdWriter struct {
	w    *bufio.Writer
	dims journal.Dimensions
}

func (m *mdWriter) f(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

// entry writes one entry as blocks separated by blank lines.
func (m *mdWriter) entry(e journal.Entry) {
	heading := e.Kind.Label()
	if e.Kind == journal.KindGoal || strings.TrimSpace(e.Title) != "" {
		heading += ": " + oneLine(e.Title)
	}
	blocks := []string{fmt.Sprintf("## %s · %s", longDateTime(e.When), heading)}

	var meta []string
	if names := m.dims.Names(e.Dimensions); len(names) > 0 {
		meta = append(meta, "Life areas: "+strings.Join(mapStrings(names, oneLine), ", "))
	}
	if len(e.Tags) > 0 {
		meta = append(meta, "Tags: "+strings.Join(mapStrings(e.Tags, oneLine), ", "))
	}
	switch e.Author {
	case journal.AuthorTogether:
		meta = append(meta, "Written together with a supporter")
	case journal.AuthorSupporter:
		meta = append(meta, "Written by a supporter")
	}
	if e.InTrash() {
		meta = append(meta, "In the trash since "+longDate(e.Trashed))
	}
	if e.Goal != nil {
		g := e.Goal
		status := "Status: " + g.Status.Label()
		if since := g.StatusSince(); !since.IsZero() {
			status += " since " + longDate(since)
		}
		meta = append(meta, status)
		if !g.Revisit.IsZero() {
			meta = append(meta, "Look again: "+longDate(g.Revisit))
		}
	}
	if len(meta) > 0 {
		// Two spaces end a line without starting a paragraph.
		blocks = append(blocks, strings.Join(meta, "  \n"))
	}
	if p := oneLine(e.Prompt); p != "" {
		blocks = append(blocks, "> "+p)
	}
	if e.Goal != nil {
		blocks = append(blocks, m.goal(e)...)
	} else if t := text(e.Text); t != "" {
		blocks = append(blocks, t)
	}
	if e.CheckIn != nil {
		blocks = append(blocks, m.checkIn(*e.CheckIn)...)
	}
	blocks = append(blocks, sessionNoteBlocks(e.SessionNote)...)
	m.f("\n%s\n", strings.Join(blocks, "\n\n"))
}

func (m *mdWriter) goal(e journal.Entry) []string {
	g := e.Goal
	var blocks []string
	if why := text(g.Why); why != "" {
		blocks = append(blocks, "**Why it matters**", why)
	}
	if t := text(e.Text); t != "" {
		blocks = append(blocks, t)
	}
	if len(g.Steps) > 0 {
		var b strings.Builder
		for i, s := range g.Steps {
			box, done := " ", ""
			if s.Done {
				box = "x"
				if !s.DoneAt.IsZero() {
					done = " (done " + longDate(s.DoneAt) + ")"
				}
			}
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "- [%s] %s%s", box, oneLine(s.Text), done)
		}
		blocks = append(blocks, "**Steps**", b.String())
	}
	blocks = append(blocks, list("Strengths to draw on", g.Strengths)...)
	blocks = append(blocks, list("Supports", g.Supports)...)
	if len(g.Notes) > 0 {
		var items []string
		for _, n := range g.Notes {
			items = append(items, longDate(n.At)+": "+oneLine(n.Text))
		}
		blocks = append(blocks, list("Notes", items)...)
	}
	if len(g.History) > 0 {
		var items []string
		for _, h := range g.History {
			items = append(items, h.Status.Label()+", "+longDate(h.At))
		}
		blocks = append(blocks, list("Status history", items)...)
	}
	return blocks
}

// list is a bold title and a bulleted list, or nothing when there are no items.
func list(title string, items []string) []string {
	if len(items) == 0 {
		return nil
	}
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = "- " + oneLine(it)
	}
	return []string{"**" + title + "**", strings.Join(lines, "\n")}
}

func (m *mdWriter) checkIn(c journal.CheckIn) []string {
	if len(c.Answers) == 0 {
		return nil
	}
	rows := []string{"| Area | Rating | Word |", "|---|---|---|"}
	var notes []string
	for _, a := range c.Answers {
		area := m.areaName(a.Dimension)
		switch a.By {
		case journal.AuthorSupporter:
			area += " (supporter)"
		case journal.AuthorTogether:
			area += " (together)"
		}
		rating := ""
		if a.Value != nil {
			rating = strconv.Itoa(*a.Value)
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s |", cell(area), rating, cell(a.Word)))
		if n := oneLine(a.Note); n != "" {
			notes = append(notes, "- "+area+": "+n)
		}
	}
	blocks := []string{strings.Join(rows, "\n"), "Ratings go from 0 (very hard) to 10 (really good)."}
	if len(notes) > 0 {
		blocks = append(blocks, strings.Join(notes, "\n"))
	}
	return blocks
}

func (m *mdWriter) areaName(id string) string {
	if d, ok := m.dims.ByID(id); ok {
		return oneLine(d.Name)
	}
	return "Another area"
}

// longDate is a date as people write it: "Monday 4 May 2026".
func longDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

func longDateTime(t time.Time) string {
	if t.IsZero() {
		return "Undated"
	}
	return t.Format("Monday 2 January 2006, 15:04")
}

// text is a block of the person's Markdown with control characters left out
// and blank lines trimmed from its ends.
func text(s string) string {
	return strings.Trim(printable(s, true), "\n")
}

// oneLine fits text on one line of Markdown (a heading, a list item).
func oneLine(s string) string {
	return strings.Join(strings.Fields(printable(s, false)), " ")
}

// cell fits text in a table cell.
func cell(s string) string {
	return strings.ReplaceAll(oneLine(s), "|", `\|`)
}

// unprintable reports runes a terminal or viewer would act on rather than
// show: controls and the bidirectional overrides that reorder text.
func unprintable(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// printable leaves out control characters (escape sequences among them) and
// bidirectional overrides, keeping tabs and, when multiline, line breaks.
func printable(s string, multiline bool) string {
	clean := true
	for _, r := range s {
		if unprintable(r) && r != '\t' && (r != '\n' || !multiline) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range journal.RepairText(s) {
		switch {
		case r == '\n' && multiline, r == '\t':
			b.WriteRune(r)
		case r == '\n', r == '\r' && !multiline:
			b.WriteRune(' ')
		case unprintable(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}
