package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// demoDefaultEntries is how many entries a sample journal has unless told.
const demoDefaultEntries = 2000

// demoMaxEntries bounds --entries: a million entries is a journal of about
// 1.5 GB, far beyond any real one.
const demoMaxEntries = 1_000_000

// demoSeed chooses the sample journal: every demo of the same size holds the
// same entries (at moments that end today).
const demoSeed = 1

// demoOptions are demo's flags.
type demoOptions struct {
	entries int
	encrypt bool
}

func (a *app) demoCommand() *command {
	o := demoOptions{entries: demoDefaultEntries}
	c := &command{
		Use:   "demo FILE",
		Short: "Make a sample journal to try Waymark with",
		Long: `Make a sample journal in FILE, to try Waymark with or to see how it copes
with years of writing. Its entries are made up: reflections (a few of them
long letters), hopes, goals with their steps and changes, check-ins across
the four life areas (some with a supporter's reading beside the person's
own), strengths, supports, sessions written together, and a few entries in
the trash, over the last four years.

FILE must not exist yet: demo never writes over a file. Your own journal is
not touched. --encrypt protects the sample with a passphrase, as
init --encrypt does.`,
		Example: `  waymark demo ~/waymark-demo.db
  waymark --file ~/waymark-demo.db
  waymark demo --entries 100000 /tmp/big.db
  waymark demo --encrypt ~/waymark-demo.db`,
		Args: func(c *command, args []string) error {
			if len(args) != 1 {
				return usage(c, "waymark demo needs the file to make, like: waymark demo ~/waymark-demo.db")
			}
			return nil
		},
		RunE: func(c *command, args []string) error { return a.runDemo(c, args[0], o) },
	}
	f := c.Flags()
	f.IntVarP(&o.entries, "entries", "n", demoDefaultEntries, "how many entries: `N` from 1 to 1,000,000").invalid =
		"--entries needs a whole number of entries, like --entries 2000."
	f.BoolVar(&o.encrypt, "encrypt", false, "protect the sample journal with a passphrase")
	return c
}

func (a *app) runDemo(c *command, path string, o demoOptions) error {
	if o.entries < 1 || o.entries > demoMaxEntries {
		return usage(c, "--entries needs a number from 1 to 1,000,000, like --entries 2000.")
	}
	if globals := &c.root().persistent; globals.Changed("file") || globals.Changed("journal") {
		// demo never opens a journal: saying which one would do nothing.
		return usage(c, "waymark demo makes its sample in the FILE you give, apart from your journals; leave out --file and --journal, like: waymark demo ~/waymark-demo.db")
	}
	if a.passFile != "" && !o.encrypt {
		return usage(c, "A sample journal uses --passphrase-file only with --encrypt: waymark demo --encrypt --passphrase-file FILE PATH")
	}
	shown := termsafe.Line(path)
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return &failure{msg: fmt.Sprintf("There is already a file at %s, and demo never writes over one. Choose a new name, like %s.",
			shown, termsafe.Line(freeDemoName(filepath.Dir(path))))}
	}
	opts := storeOptions()
	if o.encrypt {
		pass, err := a.newPassphrase(a.passFile, "--passphrase-file")
		if err != nil {
			return err
		}
		defer clear(pass)
		opts.Passphrase = pass
	}
	st, err := store.Create(path, opts)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &failure{msg: fmt.Sprintf("There is already a file at %s, and demo never writes over one.", shown)}
		}
		return fail(err)
	}
	a.store = st
	a.warn(st)

	var progress func(int)
	if isTerminal(a.stderr) {
		progress = func(done int) {
			fmt.Fprintf(a.stderr, "\rWriting sample entries: %s of %s", thousands(done), thousands(o.entries))
		}
	}
	err = store.FillSample(st, o.entries, demoSeed, progress)
	if progress != nil {
		fmt.Fprint(a.stderr, "\r\x1b[K")
	}
	if err != nil {
		st.Close()
		a.store = nil
		_ = os.Remove(path) // ours, made a moment ago: leave no half-made sample
		return fail(err)
	}
	fmt.Fprintf(a.stdout, "A sample journal of %s, all made up, is ready at %s.\n", countEntries(o.entries), shown)
	fmt.Fprintf(a.stdout, "Open it with: waymark --file %s\n", shellWord(shown))
	if st.Encrypted() {
		fmt.Fprintln(a.stdout, "It is protected by the passphrase you chose.")
	}
	fmt.Fprintln(a.stdout, "Your own journal was not touched. Delete the sample file whenever you like.")
	return nil
}

// freeDemoName is a name in dir that no file has yet, to suggest when the
// one given is taken: waymark-demo-2.db, or -3, -4 and so on.
func freeDemoName(dir string) string {
	for n := 2; ; n++ {
		p := filepath.Join(dir, fmt.Sprintf("waymark-demo-%d.db", n))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) || n >= 1000 {
			return p
		}
	}
}
