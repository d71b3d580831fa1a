package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// maxUnlockTries is how many passphrases a command asks for at a terminal
// before it stops; running it again starts afresh (there is no lock-out).
const maxUnlockTries = 5

// envFastKDF, set to 1, makes new passphrases use store.FastKDF, the
// cheapest key derivation the store accepts, so tests that make encrypted
// journals run quickly. It is for tests only: a journal made with it is
// far easier to break into by guessing its passphrase.
const envFastKDF = "WAYMARK_TEST_FAST_KDF"

// The plain sentences about passphrases.
const (
	needPassphrase = "This journal is protected by a passphrase. Give it with --passphrase-file FILE, or run this in a terminal."
	wrongFromFile  = "That passphrase didn't open the journal. Check the first line of the passphrase file, then try again."
	noPassphrase   = "No passphrase was given, so the journal stayed closed."
	triesUsed      = "That passphrase didn't open the journal either. Run the command again whenever you're ready; there's no limit on tries."
)

// kdf is the key derivation for new passphrases: nil (calibrated by the
// store) unless a test asks for the fast one.
func kdf() *store.KDFParams {
	if os.Getenv(envFastKDF) == "1" {
		p := store.FastKDF
		return &p
	}
	return nil
}

// storeOptions are the options every open and create shares.
func storeOptions() store.Options {
	return store.Options{Timeout: lockTimeout, KDF: kdf()}
}

// journalPath is the journal file chosen: --file, then --journal (see
// journals.go), then WAYMARK_FILE, then the default place.
func (a *app) journalPath() (string, error) {
	if a.file != "" {
		return a.file, nil
	}
	if a.journal != "" {
		return a.namedJournalPath(a.journal)
	}
	if p := os.Getenv(envFile); p != "" {
		return p, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", &failure{msg: "Waymark couldn't work out where to keep your journal. Choose a file with --file PATH."}
	}
	return p, nil
}

// noJournal reports whether there is no journal file at path yet (an empty
// file is no journal either).
func noJournal(path string) bool {
	fi, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode().IsRegular() && fi.Size() == 0
}

// noJournalForPassphrase is said when --passphrase-file is given but there
// is no journal: Waymark never makes an unprotected journal then.
func noJournalForPassphrase(path string) error {
	return &failure{msg: fmt.Sprintf("There's no journal at %s yet. To make one protected by that passphrase: waymark init --encrypt --passphrase-file FILE",
		termsafe.Line(path))}
}

// open opens the chosen journal, creating a plain one if there is none,
// and tells about anything the store noticed on the way (such as a backup
// it couldn't make). An encrypted journal is unlocked with the passphrase
// file, or with a passphrase typed at the terminal.
func (a *app) open() (*store.Store, error) {
	path, err := a.journalPath()
	if err != nil {
		return nil, err
	}
	opts := storeOptions()
	if a.passFile != "" {
		if noJournal(path) {
			return nil, noJournalForPassphrase(path)
		}
		if opts.Passphrase, err = a.filePassphrase(); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(path, opts)
	if errors.Is(err, journal.ErrLocked) && a.passFile == "" {
		st, err = a.unlockAtTerminal(path, opts)
	}
	if err != nil {
		var f *failure
		switch {
		case errors.As(err, &f):
			return nil, err
		case a.passFile != "" && errors.Is(err, journal.ErrWrongPassphrase):
			return nil, &failure{msg: wrongFromFile}
		}
		return nil, fail(err)
	}
	a.store = st
	a.warn(st)
	return st, nil
}

// warn prints what the store noticed while opening, on standard error.
func (a *app) warn(st *store.Store) {
	for _, w := range st.Warnings() {
		fmt.Fprintln(a.stderr, termsafe.Line(w))
	}
}

// unlockAtTerminal asks for the passphrase of an encrypted journal, and
// asks again after a wrong one, up to maxUnlockTries times.
func (a *app) unlockAtTerminal(path string, opts store.Options) (*store.Store, error) {
	if !passphraseAtTerminal(a.stdin) {
		return nil, &failure{msg: needPassphrase}
	}
	for try := 1; try <= maxUnlockTries; try++ {
		pass, err := readPassphrase(a.stdin, a.stderr, "Passphrase for your journal: ")
		if err != nil {
			return nil, &failure{msg: noPassphrase}
		}
		if len(pass) == 0 {
			fmt.Fprintln(a.stderr, "Nothing was typed. Type your passphrase, then press Enter.")
			continue
		}
		opts.Passphrase = pass
		st, err := store.Open(path, opts)
		clear(pass)
		opts.Passphrase = nil
		if err == nil {
			return st, nil
		}
		if !errors.Is(err, journal.ErrWrongPassphrase) {
			return nil, err
		}
		if try < maxUnlockTries {
			fmt.Fprintln(a.stderr, journal.Explain(err))
		}
	}
	return nil, &failure{msg: triesUsed}
}

// filePassphrase is the passphrase from --passphrase-file, read once. The
// app clears it when the run ends.
func (a *app) filePassphrase() ([]byte, error) {
	if a.pass == nil {
		p, err := readPassphraseFile(a.passFile, a.stderr)
		if err != nil {
			return nil, err
		}
		a.pass = p
	}
	return a.pass, nil
}
