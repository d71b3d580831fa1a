package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/waymark-journal/waymark/store"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// The passphrase commands: passwd changes it, encrypt adds one to a journal
// that started without.

func (a *app) passwdCommand() *command {
	var newFile string
	c := &command{
		Use:   "passwd",
		Short: "Change your journal's passphrase",
		Long: `Change your journal's passphrase. Waymark asks for the one it has now, then
the new one twice; from a script, give them with --passphrase-file and
--new-passphrase-file. Only the key that opens the journal is rewrapped, in
one step: your entries are not rewritten.

Copies in backups/ made before the change still open with the old
passphrase.`,
		Example: `  waymark passwd
  waymark passwd --passphrase-file old.txt --new-passphrase-file new.txt`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runPasswd(c, newFile) },
	}
	c.Flags().StringVar(&newFile, "new-passphrase-file", "",
		"read the new passphrase from the first line of `FILE`")
	return c
}

func (a *app) runPasswd(c *command, newFile string) error {
	if c.Flags().Changed("new-passphrase-file") && newFile == "" {
		return needsValue(c, c.Flags().byName("new-passphrase-file"))
	}
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	info, err := store.Inspect(path)
	switch {
	case err != nil:
		return fail(err)
	case !info.Exists:
		return &failure{msg: fmt.Sprintf("There's no journal at %s yet. To make one protected by a passphrase: %s", termsafe.Line(path), a.hint("init --encrypt"))}
	case !info.Encrypted:
		return &failure{msg: "This journal has no passphrase yet. Protect it with: " + a.hint("encrypt")}
	case newFile == "" && !passphraseAtTerminal(a.stdin):
		// Said before the old passphrase is asked for or read.
		return &failure{msg: "Choosing a passphrase needs a terminal. From a script, give it with --new-passphrase-file FILE."}
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	pass, err := a.newPassphrase(newFile, "--new-passphrase-file")
	if err != nil {
		return err
	}
	defer clear(pass)
	if err := st.ChangePassphrase(pass, kdf()); err != nil {
		return fail(err)
	}
	fmt.Fprintln(a.stdout, "Your journal's passphrase is changed. Copies in backups/ made before now still open with the old one.")
	return nil
}

func (a *app) encryptCommand() *command {
	return &command{
		Use:   "encrypt",
		Short: "Protect a journal that has no passphrase yet",
		Long: `Protect a journal that has no passphrase yet. Waymark asks for a new
passphrase twice (from a script, give it with --passphrase-file), backs the
journal up, writes an encrypted copy, checks it, puts it in place of the
journal, and then removes the unprotected copies in backups/.

From then on Waymark asks for the passphrase each time the journal opens. If
it is forgotten, nobody can open the journal: not you, not a supporter, not
us. Write it down somewhere safe.`,
		Example: `  waymark encrypt
  waymark encrypt --passphrase-file ~/.waymark-pass`,
		Args: a.noArgs,
		RunE: func(c *command, _ []string) error { return a.runEncrypt() },
	}
}

func (a *app) runEncrypt() error {
	path, err := a.journalPath()
	if err != nil {
		return err
	}
	info, err := store.Inspect(path)
	switch {
	case err != nil:
		return fail(err)
	case !info.Exists:
		return &failure{msg: fmt.Sprintf("There's no journal at %s yet. To make one protected by a passphrase: %s", termsafe.Line(path), a.hint("init --encrypt"))}
	case info.Encrypted:
		return &failure{msg: "This journal is already protected by a passphrase. To change it: " + a.hint("passwd")}
	}
	pass, err := a.newPassphrase(a.passFile, "--passphrase-file")
	if err != nil {
		return err
	}
	defer clear(pass)
	opts := storeOptions()
	opts.Passphrase = pass
	if err := store.Encrypt(path, opts); err != nil {
		if now, ierr := store.Inspect(path); ierr == nil && now.Encrypted && !errors.Is(err, store.ErrAlreadyEncrypted) {
			// Encrypted, but the tidying up afterwards went wrong.
			return &failure{msg: "Your journal is now protected by a passphrase, but Waymark couldn't tidy up after: unprotected copies may be left in backups/ beside it. Delete the files there made before now."}
		}
		if errors.Is(err, store.ErrAlreadyEncrypted) {
			return &failure{msg: "This journal is already protected by a passphrase. To change it: " + a.hint("passwd")}
		}
		return fail(err)
	}
	fmt.Fprintln(a.stdout, "Your journal is now protected by a passphrase. The plain copies in backups/ were removed.")
	fmt.Fprintln(a.stdout, "The disk may keep the old, unprotected file's words until its space is reused; full-disk encryption guards against that.")
	// Copies kept aside by a restore are the person's safety net, so they
	// are not deleted here; say plainly that they are still unprotected.
	if aside, _ := filepath.Glob(path + ".before-restore-*"); len(aside) > 0 {
		fmt.Fprintln(a.stdout, "These copies, kept aside when a backup was restored, are not protected:")
		for _, f := range aside {
			fmt.Fprintln(a.stdout, "  "+termsafe.Line(f))
		}
		fmt.Fprintln(a.stdout, "Delete them once you no longer need them.")
	}
	return nil
}
