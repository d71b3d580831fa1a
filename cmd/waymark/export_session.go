package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/exchange"
	"github.com/waymark-journal/waymark/store"
)

// maxSessionEntries bounds how many entries one session's export reads.
const maxSessionEntries = 10000

// exportSession writes one session together, as the full screen asks,
// through the journal open now; it says where.
func (s *session) exportSession(id string) (string, error) {
	s.mu.Lock()
	st := s.cur
	s.mu.Unlock()
	if st == nil {
		return "", journal.ErrLocked
	}
	return exportSessionToHome(st, id, time.Now())
}

// exportSessionToHome writes the session's summary, next steps and entries
// as Markdown to ~/waymark-session-YYYY-MM-DD.md (-2, -3... when taken), 0600.
func exportSessionToHome(st *store.Store, id string, now time.Time) (string, error) {
	if id == "" {
		return "", journal.ErrNotFound
	}
	page, err := st.List(journal.Query{Session: id, Limit: maxSessionEntries})
	if err != nil {
		return "", err
	}
	entries := make([]journal.Entry, 0, len(page.Summaries))
	for _, sum := range page.Summaries {
		e, err := st.Get(sum.ID)
		if err != nil {
			return "", err
		}
		entries = append(entries, e)
	}
	ds, err := st.Dimensions()
	if err != nil {
		return "", err
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	p, err := newPendingFile(home)
	if err != nil {
		return "", err
	}
	defer p.discard()
	if err := exchange.ExportSessionMarkdown(p.f, entries, exchange.ExportOptions{Dimensions: ds, Now: now}); err != nil {
		return "", err
	}
	stem := filepath.Join(home, "waymark-session-"+now.Format(dateLayout))
	for n := 1; n < 1000; n++ {
		dest := stem + ".md"
		if n > 1 {
			dest = stem + "-" + strconv.Itoa(n) + ".md"
		}
		err := p.place(dest, false)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return dest, nil
	}
	return "", &fs.PathError{Op: "create", Path: stem + ".md", Err: fs.ErrExist}
}
