// Package tui is Waymark's terminal interface: a root model that routes
// between screens, each speaking to the journal through journal.Repository.
package tui

import (
	"github.com/waymark-journal/waymark/journal"
)

// Options configure the interface.
type Options struct {
	// JournalPath is shown on the help screen so a person knows where their words live.
	JournalPath string
	Version     string
}

// Run shows the interface until the person quits.
func Run(repo journal.Repository, opts Options) error {
	_ = repo
	_ = opts
	return nil
}
