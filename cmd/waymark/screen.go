package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/names"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// defaultIdleMinutes is --idle's default, the full screen's own.
const defaultIdleMinutes = int(tui.DefaultIdleAfter / time.Minute)

// idleAfter turns --idle's minutes into the full screen's setting: 0 is
// never (negative there).
func idleAfter(minutes int) time.Duration {
	if minutes == 0 {
		return -1
	}
	return time.Duration(minutes) * time.Minute
}

// runTUI opens the full-screen journal.
//
// With no journal yet, the full screen's first run makes one (with a
// passphrase if the person chooses one). An encrypted journal opens on the
// unlock screen, or at once with --passphrase-file; the hide key and the
// idle timer lock it again, closing the store so its key is forgotten, and
// unlocking opens a new one. A plain journal opens as it is.
func (a *app) runTUI(c *command, idleMinutes int) error {
	if !isTerminal(a.stdin) || !isTerminal(a.stdout) {
		return usage(c, "The full-screen journal needs a terminal. From a script, try: waymark list, or waymark add \"...\"")
	}
	// With several journals and none named, the person picks one first;
	// a new one named there starts with the first run, like --journal NAME.
	if chosen, err := a.chooseAtStart(); !chosen || err != nil {
		return err
	}
	a.mayCreate = true
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	info, err := store.Inspect(path)
	if err != nil {
		return fail(err)
	}
	s := &session{path: path}
	opts := s.options(idleMinutes)
	if a.journal != "" && !names.IsDefault(a.journal) {
		// Named as its folder is, so the header shows the name it was
		// made with, whatever case it was typed in now.
		opts.JournalName = filepath.Base(filepath.Dir(path))
	}
	var repo journal.Repository
	switch {
	case !info.Exists:
		if a.passFile != "" {
			return noJournalForPassphrase(path)
		}
		// A journal protected during the first run can be locked and
		// unlocked again in the same run.
		opts.Create = s.create
		opts.Unlock, opts.Lock = s.unlock, s.lock
	case info.Encrypted:
		opts.Unlock, opts.Lock = s.unlock, s.lock
		if a.passFile != "" {
			if _, err := a.open(); err != nil {
				return err
			}
			repo = s.hold(a)
		}
	default:
		if _, err := a.open(); err != nil {
			return err
		}
		repo = s.hold(a)
	}

	if st, ok := repo.(*store.Store); ok {
		opts.Notices = st.Warnings()
	}
	runErr := tui.Run(repo, opts)
	// Whatever is open when the screen ends is closed by a.close, like any
	// command's journal; then what the store noticed is told.
	a.store = s.release()
	for _, w := range s.warnings {
		fmt.Fprintln(a.stderr, termsafe.Line(w))
	}
	if runErr != nil {
		// The screen stopped, not the journal: everything saved is safe.
		return &failure{msg: "Waymark's screen stopped unexpectedly. Everything you saved is safe; please start it again."}
	}
	return nil
}

// options are the full screen's options for the journal at s.path; runTUI
// adds how the journal is made, unlocked and locked.
func (s *session) options(idleMinutes int) tui.Options {
	return tui.Options{JournalPath: s.path, Version: version, IdleAfter: idleAfter(idleMinutes), Export: s.export,
		ExportSession: s.exportSession}
}

// session is the journal the full screen has open, if any: the screen may
// lock and unlock it several times, from its background commands.
type session struct {
	path string

	mu       sync.Mutex
	cur      *store.Store
	warnings []string // from stores opened while the screen showed
}

// hold takes over the store a.open opened.
func (s *session) hold(a *app) journal.Repository {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur, a.store = a.store, nil
	return s.cur
}

// release hands back the store still open, for closing.
func (s *session) release() *store.Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.cur
	s.cur = nil
	return st
}

func (s *session) opened(st *store.Store) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.cur != st {
		_ = s.cur.Close() // not expected: the screen locks before it unlocks
	}
	s.cur = st
	for _, w := range st.Warnings() {
		if !slices.Contains(s.warnings, w) {
			s.warnings = append(s.warnings, w)
		}
	}
}

// create makes the journal on the first run, protected when the person
// chose a passphrase.
func (s *session) create(pass []byte) (journal.Repository, error) {
	opts := storeOptions()
	opts.Passphrase = pass
	st, err := store.Create(s.path, opts)
	if err != nil {
		return nil, err
	}
	s.opened(st)
	return st, nil
}

// unlock opens the encrypted journal with the passphrase typed on the
// unlock screen.
func (s *session) unlock(pass []byte) (journal.Repository, error) {
	opts := storeOptions()
	opts.Passphrase = pass
	st, err := store.Open(s.path, opts)
	if err != nil {
		return nil, err
	}
	s.opened(st)
	return st, nil
}

// lock closes the journal, so its key is forgotten.
func (s *session) lock(repo journal.Repository) error {
	st, ok := repo.(*store.Store)
	if !ok {
		return nil
	}
	s.mu.Lock()
	if s.cur == st {
		s.cur = nil
	}
	s.mu.Unlock()
	return st.Close()
}

// export writes the whole journal, as the full screen's export asks, through
// the journal open now, to a new file in the home folder; it says where.
func (s *session) export(format string) (string, error) {
	s.mu.Lock()
	st := s.cur
	s.mu.Unlock()
	if st == nil {
		return "", journal.ErrLocked
	}
	return exportToHome(st, format, time.Now())
}
