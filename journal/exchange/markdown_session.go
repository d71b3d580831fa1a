package exchange

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/waymark-journal/waymark/journal"
)

// ExportSessionMarkdown writes one session together as Markdown, to keep or
// print: when it ran, the summary the person confirmed (their words and the
// next steps), then every entry written in it, oldest first, each as
// ExportMarkdown writes it. entries are the session's entries, its summary
// (journal.KindSession) among them; entries of other sessions are left out.
// Without a summary the entries are written alone.
func ExportSessionMarkdown(w io.Writer, entries []journal.Entry, opts ExportOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	m := &mdWriter{w: bw, dims: opts.Dimensions}

	var summary *journal.Entry
	for i, e := range entries {
		if e.Kind == journal.KindSession && (summary == nil || e.When.After(summary.When)) {
			summary = &entries[i]
		}
	}
	session := ""
	if summary != nil {
		session = summary.Session
	} else {
		for _, e := range entries {
			if e.Session != "" {
				session = e.Session
				break
			}
		}
	}
	var written []journal.Entry
	for _, e := range sortedEntries(entries) {
		if e.Kind != journal.KindSession && e.Session == session {
			written = append(written, e)
		}
	}

	title := strings.TrimSpace(oneLine(opts.Title))
	if title == "" {
		title = "A session together"
	}
	m.f("# %s\n\n", title)
	var about []string
	if summary != nil && summary.SessionNote != nil && !summary.SessionNote.Started.IsZero() {
		n := summary.SessionNote
		when := longDateTime(n.Started)
		if !n.Ended.IsZero() {
			when += " to " + n.Ended.Format("15:04")
		}
		about = append(about, when+".")
	}
	if summary != nil {
		about = append(about, "The summary below was read and confirmed by the person whose journal this is.")
	} else {
		about = append(about, "This session ended without a summary.")
	}
	if !opts.Now.IsZero() {
		about = append(about, "Exported "+longDate(opts.Now)+".")
	}
	m.f("%s\n", strings.Join(about, "  \n"))

	if summary != nil {
		if t := text(summary.Text); t != "" {
			m.f("\n## What we talked about\n\n%s\n", t)
		}
		if n := summary.SessionNote; n != nil && len(n.NextSteps) > 0 {
			m.f("\n## Next steps\n\n")
			for _, s := range n.NextSteps {
				m.f("- %s\n", oneLine(s))
			}
		}
	}
	m.f("\n## Written in this session\n\n")
	switch len(written) {
	case 0:
		m.f("Nothing was written in this session.\n")
	case 1:
		m.f("1 entry.\n")
	default:
		m.f("%d entries, oldest first.\n", len(written))
	}
	for _, e := range written {
		m.entry(e)
	}
	return bw.Flush()
}

// sessionNoteBlocks are a session summary's next steps, for ExportMarkdown.
func sessionNoteBlocks(n *journal.SessionNote) []string {
	if n == nil {
		return nil
	}
	var blocks []string
	if !n.Started.IsZero() && !n.Ended.IsZero() {
		blocks = append(blocks, fmt.Sprintf("A session together, %s to %s", n.Started.Format("15:04"), n.Ended.Format("15:04")))
	}
	return append(blocks, list("Next steps", slices.Clone(n.NextSteps))...)
}
