// Package tui is Waymark's terminal interface: a root model that routes
// between screens, each speaking to the journal through journal.Repository.
package tui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/waymark-journal/waymark/journal"
)

// Options configure the interface.
type Options struct {
	// JournalPath is shown on the help screen so a person knows where their words live.
	JournalPath string
	// JournalName is the name of a named journal (--journal NAME), shown in
	// the header so on a shared computer it is clear whose journal is open;
	// empty for the usual one.
	JournalName string
	Version     string
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// DraftDelay is how long typing must pause before a draft is kept; zero means 2s.
	DraftDelay time.Duration
	// Plain drops colour and text attributes (NO_COLOR).
	Plain bool

	// Create makes the journal file when it doesn't exist yet, protected
	// when the passphrase is not empty; the first run asks for one. With
	// Create, Run is given no repository.
	Create func(passphrase []byte) (journal.Repository, error)
	// Unlock opens an encrypted journal. With Unlock, Run is given no
	// repository and starts on the unlock screen.
	Unlock func(passphrase []byte) (journal.Repository, error)
	// Lock closes an open encrypted journal so its key is forgotten; the
	// hide key and the idle timer call it.
	Lock func(journal.Repository) error
	// Export writes the whole journal in a format ("markdown" or "json")
	// to a file of the person's own and says where.
	Export func(format string) (path string, err error)
	// ExportSession writes one session together (its confirmed summary and
	// the entries written in it) as Markdown to a file of the person's own
	// and says where.
	ExportSession func(session string) (path string, err error)
	// Notices are plain sentences about the journal file (a folder made
	// private, damage found), shown in the footer at start.
	Notices []string
	// IdleAfter hides the screen (and locks an encrypted journal) after this
	// long without a key press; zero means 5 minutes, negative never.
	IdleAfter time.Duration
}

// DefaultIdleAfter is how long Waymark waits without a key before hiding.
const DefaultIdleAfter = 5 * time.Minute

// Run shows the interface until the person quits. repo is nil when
// opts.Create or opts.Unlock will provide it.
func Run(repo journal.Repository, opts Options) error {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		opts.Plain = true
	}
	if !opts.Plain {
		// Ask the terminal once, before the program reads input: asking later
		// can hang or leak the terminal's answer into the text being typed.
		lipgloss.SetHasDarkBackground(termenv.HasDarkBackground())
	}
	p := tea.NewProgram(New(repo, opts), tea.WithAltScreen())
	// A closed terminal sends a hang-up: keep the draft and end cleanly, so
	// no editor file is left behind. (Bubble Tea handles interrupt and
	// terminate itself.)
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	defer signal.Stop(hangup)
	go func() {
		<-hangup
		removeEditorFiles()
		p.Send(quitMsg{})
		time.Sleep(2 * time.Second)
		p.Kill()
	}()
	defer removeEditorFiles()
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("run the interface: %w", err)
	}
	return nil
}
