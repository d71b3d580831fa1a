package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/x/term"

	"github.com/waymark-journal/waymark/tui/termsafe"
)

// maxPassphraseBytes bounds the first line read from a passphrase file.
const maxPassphraseBytes = 4096

// maxChooseTries is how many times a new passphrase is asked for when the
// two typed don't match.
const maxChooseTries = 3

// forgetNote is said before a new passphrase is chosen at a terminal.
const forgetNote = "If this passphrase is forgotten, nobody can open the journal: not you, not a supporter, not us. Write it down somewhere safe."

// passphraseAtTerminal decides whether a passphrase can be asked for;
// readPassphrase asks for one. Tests replace both.
var (
	passphraseAtTerminal = isTerminal
	readPassphrase       = readTerminalPassphrase
)

// readTerminalPassphrase writes prompt to stderr and reads a line from the
// terminal on stdin without showing it. Should the person press ctrl+c
// meanwhile, the terminal is put back as it was (showing what is typed)
// before Waymark stops.
func readTerminalPassphrase(stdin any, stderr io.Writer, prompt string) ([]byte, error) {
	f, ok := stdin.(fder)
	if !ok {
		return nil, errors.New("standard input is not a terminal")
	}
	fd := f.Fd()
	state, err := term.GetState(fd)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(stderr, prompt)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-stop:
			_ = term.Restore(fd, state)
			fmt.Fprintln(stderr)
			os.Exit(130) // as a shell reports ctrl+c
		case <-done:
		}
	}()
	pass, err := term.ReadPassword(fd)
	close(done)
	signal.Stop(stop)
	fmt.Fprintln(stderr) // the Enter the person typed wasn't shown
	return pass, err
}

// readPassphraseFile reads the first line of a passphrase file, without its
// line ending. A file others can read is used, with a warning.
func readPassphraseFile(path string, stderr io.Writer) ([]byte, error) {
	shown := termsafe.Line(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &failure{msg: fmt.Sprintf("Waymark couldn't read the passphrase file %s. Check that it is there and yours.", shown)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		return nil, &failure{msg: fmt.Sprintf("Waymark couldn't read the passphrase file %s. Check that it is there and yours.", shown)}
	}
	if fi.Mode().IsRegular() && fi.Mode().Perm()&0o044 != 0 {
		fmt.Fprintf(stderr, "The passphrase file %s can be read by others on this computer. To keep it to yourself: chmod 600 %s\n",
			shown, shellWord(shown))
	}
	buf, err := io.ReadAll(io.LimitReader(f, maxPassphraseBytes+2))
	defer clear(buf)
	if err != nil {
		return nil, &failure{msg: fmt.Sprintf("Waymark couldn't read the passphrase file %s. Check that it is there and yours.", shown)}
	}
	line, _, found := bytes.Cut(buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	switch {
	case !found && len(buf) > maxPassphraseBytes, len(line) > maxPassphraseBytes:
		return nil, &failure{msg: "The first line of the passphrase file is too long to be a passphrase (up to 4096 bytes)."}
	case len(line) == 0:
		return nil, &failure{msg: "The first line of the passphrase file is empty. Put the passphrase there, on a line of its own."}
	}
	return bytes.Clone(line), nil
}

// newPassphrase is a passphrase for a journal: the first line of file, or,
// with no file, typed twice at the terminal. flagName is the option that
// gives a file, for the message when there is neither. The caller clears it.
func (a *app) newPassphrase(file, flagName string) ([]byte, error) {
	if file != "" {
		if file == a.passFile {
			p, err := a.filePassphrase()
			return bytes.Clone(p), err
		}
		return readPassphraseFile(file, a.stderr)
	}
	if !passphraseAtTerminal(a.stdin) {
		return nil, &failure{msg: fmt.Sprintf("Choosing a passphrase needs a terminal. From a script, give it with %s FILE.", flagName)}
	}
	fmt.Fprintln(a.stderr, forgetNote)
	return a.typeTwice("New passphrase: ", "changed")
}

// typeTwice asks for a new passphrase and the same again, a few times if
// they differ or are empty. undone says what didn't happen when it gives up
// ("changed", "exported"). The caller clears the passphrase.
func (a *app) typeTwice(prompt, undone string) ([]byte, error) {
	for range maxChooseTries {
		first, err := readPassphrase(a.stdin, a.stderr, prompt)
		if err != nil {
			return nil, &failure{msg: "No passphrase was given, so nothing was " + undone + "."}
		}
		if len(first) == 0 {
			fmt.Fprintln(a.stderr, "A passphrase needs at least one character.")
			continue
		}
		again, err := readPassphrase(a.stdin, a.stderr, "The same passphrase again: ")
		if err != nil {
			clear(first)
			return nil, &failure{msg: "No passphrase was given, so nothing was " + undone + "."}
		}
		same := bytes.Equal(first, again)
		clear(again)
		if same {
			return first, nil
		}
		clear(first)
		fmt.Fprintln(a.stderr, "Those two weren't the same. Let's try again.")
	}
	return nil, &failure{msg: "The passphrases didn't match, so nothing was " + undone + ". Run the command again whenever you're ready."}
}
