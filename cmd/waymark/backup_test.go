package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

// deleteEntry removes an entry for good, as emptying the trash does.
func deleteEntry(t *testing.T, path string, id string, pass []byte) {
	t.Helper()
	st, err := store.Open(path, store.Options{Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Trash(id); err != nil {
		t.Fatal(err)
	}
	if n, err := st.EmptyTrash(); err != nil || n != 1 {
		t.Fatalf("EmptyTrash = %d, %v", n, err)
	}
}

var backupLine = regexp.MustCompile(`^Backed up to (.+/journal-\d{8}-\d{6}\.db)\.$`)

func TestBackupAndRestore(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	dir := t.TempDir()

	r := must(t, "", "backup", dir, "--file", path)
	m := backupLine.FindStringSubmatch(strings.TrimSpace(r.stdout))
	if m == nil || filepath.Dir(m[1]) != dir {
		t.Fatalf("backup to a folder said %q", r.stdout)
	}
	backup := m[1]
	assertPrivate(t, backup)

	named := filepath.Join(dir, "mine.db")
	if r := must(t, "", "backup", named, "--file", path); r.stdout != "Backed up to "+named+".\n" {
		t.Errorf("backup to a file said %q", r.stdout)
	}
	fail1(t, "There's already a file at "+named+", so nothing was written. Choose another name, or add --force to replace it.",
		"", "backup", named, "--file", path)
	must(t, "", "backup", named, "--force", "--file", path)
	fail1(t, "There's no folder "+filepath.Join(dir, "nowhere")+" to put the backup in. Make it first, or choose another place.",
		"", "backup", filepath.Join(dir, "nowhere", "x.db"), "--file", path)

	before := entries(t, path)
	lost := find(t, before, "My own place by spring")
	deleteEntry(t, path, lost.ID, nil)
	must(t, "", "add", "--file", path, "Written after the backup")
	if n := len(entries(t, path)); n != 3 {
		t.Fatalf("the journal holds %d entries before the restore, want 3", n)
	}

	// Without a terminal, restore needs --yes, and changes nothing.
	r = waymark(t, "", "restore", backup, "--file", path)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "Restoring replaces your journal, so Waymark asks first. Run it in a terminal, or add --yes.") {
		t.Errorf("restore without --yes: exit %d stderr %q", r.code, r.stderr)
	}
	r = must(t, "", "restore", backup, "--yes", "--file", path)
	m = regexp.MustCompile(`^Restored\. Your previous journal is kept at (.+)\.\n$`).FindStringSubmatch(r.stdout)
	if m == nil || !strings.HasPrefix(m[1], path+".before-restore-") {
		t.Fatalf("restore said %q", r.stdout)
	}
	aside := m[1]
	assertPrivate(t, aside)

	after := entries(t, path)
	if len(after) != 3 {
		t.Fatalf("after the restore the journal holds %d entries, want 3", len(after))
	}
	if e := find(t, after, "My own place by spring"); e.ID != lost.ID {
		t.Errorf("the restored entry has id %s, want %s", e.ID, lost.ID)
	}
	// The journal as it was is kept whole beside it.
	kept := entries(t, aside)
	if len(kept) != 3 || find(t, kept, "Written after the backup").Text == "" {
		t.Errorf("the journal kept aside holds %+v", kept)
	}
	if r := must(t, "", "check", "--file", path); !strings.HasPrefix(r.stdout, "Your journal is healthy: 3 entries") {
		t.Errorf("check after the restore said %q", r.stdout)
	}
}

func TestRestoreAsksFirst(t *testing.T) {
	fakeTerminal(t)
	path := tempJournal(t)
	fill(t, path)
	backup := filepath.Join(t.TempDir(), "before.db")
	must(t, "", "backup", backup, "--file", path)
	must(t, "", "add", "--file", path, "Written after the backup")

	for _, answer := range []string{"\n", "n\n", "no thanks\n", ""} {
		r := must(t, answer, "restore", backup, "--file", path)
		want := "Put " + backup + " in place of your journal? Your current journal is kept beside it as journal.db.before-restore-…  [y/N] "
		if r.stderr != want || r.stdout != "Nothing was changed.\n" {
			t.Errorf("answer %q: stdout %q stderr %q", answer, r.stdout, r.stderr)
		}
	}
	if n := len(entries(t, path)); n != 4 {
		t.Fatalf("saying no changed the journal to %d entries", n)
	}
	r := must(t, "Y\n", "restore", backup, "--file", path)
	if !strings.HasPrefix(r.stdout, "Restored. Your previous journal is kept at ") {
		t.Errorf("restore said %q", r.stdout)
	}
	if n := len(entries(t, path)); n != 3 {
		t.Errorf("after the restore the journal holds %d entries, want 3", n)
	}
}

func TestRestoreRefusals(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	dir := t.TempDir()
	backup := filepath.Join(dir, "good.db")
	must(t, "", "backup", backup, "--file", path)
	notes := filepath.Join(dir, "notes.db")
	os.WriteFile(notes, []byte("my diary\n"), 0o600)

	fail1(t, restoreDamaged, "", "restore", notes, "--yes", "--file", path)
	fail1(t, "That is your journal itself, so nothing was changed. Choose a backup, such as one in the backups folder beside it.",
		"", "restore", path, "--yes", "--file", path)
	fail1(t, "That is your journal itself. Choose another place for the backup, such as a USB stick.",
		"", "backup", path, "--force", "--file", path)
	fail1(t, "There's no file at "+filepath.Join(dir, "gone.db")+". Check its name, then try again.",
		"", "restore", filepath.Join(dir, "gone.db"), "--yes", "--file", path)

	held, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fail1(t, "This journal is open in another window. Close it there, then try again.", "", "restore", backup, "--yes", "--file", path)
	held.Close()
	if left, _ := filepath.Glob(path + ".*"); len(left) > 0 {
		t.Errorf("refused restores left %v", left)
	}
	if n := len(entries(t, path)); n != 3 {
		t.Errorf("refused restores changed the journal to %d entries", n)
	}
}

// flipRecords damages every entry record in a plain journal's file, as a
// flipped bit in each would: the JSON of each can no longer be read.
func flipRecords(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mark := []byte(`{"v":1,"entry":`)
	if bytes.Count(b, mark) == 0 {
		t.Fatal("no entry records found to damage")
	}
	for i := bytes.Index(b, mark); i >= 0; {
		b[i] ^= 0x01 // '{' becomes 'z'
		j := bytes.Index(b[i+1:], mark)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCheck(t *testing.T) {
	path := tempJournal(t)
	fill(t, path)
	r := must(t, "", "check", "--file", path)
	want := "Your journal is healthy: 3 entries, 4 life areas, last backup " + time.Now().Format("2006-01-02") + ".\n"
	if r.stdout != want || r.stderr != "" {
		t.Errorf("check said %q %q, want %q", r.stdout, r.stderr, want)
	}

	damagedCopy := filepath.Join(t.TempDir(), "journal.db")
	b, _ := os.ReadFile(path)
	os.WriteFile(damagedCopy, b, 0o600)
	flipRecords(t, damagedCopy)
	r = waymark(t, "", "check", "--file", damagedCopy)
	if r.code != exitFailed || !strings.HasPrefix(r.stderr, journal.Explain(journal.ErrDamaged)) || r.stdout != "" {
		t.Errorf("check of a damaged copy: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "backups") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("check of a damaged copy should point at the backups, on one line: %q", r.stderr)
	}

	// A file that isn't a journal at all, and no journal.
	notJournal := filepath.Join(t.TempDir(), "journal.db")
	os.WriteFile(notJournal, bytes.Repeat([]byte("not a journal "), 1000), 0o600)
	r = waymark(t, "", "check", "--file", notJournal)
	if r.code != exitFailed || !strings.HasPrefix(r.stderr, journal.Explain(journal.ErrDamaged)) {
		t.Errorf("check of a text file: exit %d stderr %q", r.code, r.stderr)
	}
	none := tempJournal(t)
	fail1(t, "There's no journal at "+none+" yet, so there's nothing to check.", "", "check", "--file", none)
}

func TestEncryptedJournalExportImportBackupCheck(t *testing.T) {
	path := tempJournal(t)
	pf := passFile(t, passphrase+"\n")
	must(t, "", "init", "--encrypt", "--passphrase-file", pf, "--file", path)
	must(t, "", "add", "--file", path, "--passphrase-file", pf, "-d", "Home", canary)
	must(t, "", "add", "--file", path, "--passphrase-file", pf, "Second entry")
	dir := t.TempDir()

	// Export: works with the passphrase, and says the copy isn't protected.
	out := filepath.Join(dir, "journal.json")
	r := must(t, "", "export", "--format", "json", "-o", out, "--file", path, "--passphrase-file", pf)
	if r.stderr != "Exported 2 entries to "+out+".\nThis export isn't protected by a passphrase; keep it somewhere safe.\n" {
		t.Errorf("export said %q", r.stderr)
	}
	fail1(t, needPassphrase, "", "export", "--format", "json", "--file", path)

	// Import: into another encrypted journal, and twice.
	other := tempJournal(t)
	must(t, "", "init", "--encrypt", "--passphrase-file", pf, "--file", other)
	if r := must(t, "", "import", out, "--file", other, "--passphrase-file", pf); r.stdout != "Added 2, updated 0, unchanged 0.\n" {
		t.Errorf("import said %q", r.stdout)
	}
	if r := must(t, "", "import", filepath.Join(fixtures, "jrnl.txt"), "--file", other, "--passphrase-file", pf); r.stdout != "Added 5, updated 0, unchanged 0.\n" {
		t.Errorf("import of jrnl.txt said %q", r.stdout)
	}
	if r := must(t, "", "import", out, "--file", other, "--passphrase-file", pf); r.stdout != "Added 0, updated 0, unchanged 2.\n" {
		t.Errorf("the second import said %q", r.stdout)
	}
	if got := entries(t, other, "--passphrase-file", pf); len(got) != 7 || find(t, got, canary).Dimensions[0] != "Home (imported)" {
		t.Errorf("the other journal lists %+v", got)
	}
	assertSealed(t, other, canary, "heron", "Woke up early", "sister-anna")

	// Backup: encrypted, like the journal.
	backup := filepath.Join(dir, "backup.db")
	r = must(t, "", "backup", backup, "--file", path, "--passphrase-file", pf)
	if !strings.Contains(r.stdout, "The backup is encrypted, like your journal") {
		t.Errorf("backup said %q", r.stdout)
	}
	raw, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{canary, "heron", "Second entry"} {
		if bytes.Contains(raw, []byte(w)) {
			t.Errorf("the backup holds %q in plain text", w)
		}
	}
	if info, err := store.Inspect(backup); err != nil || !info.Encrypted {
		t.Errorf("the backup: %+v, %v; want encrypted", info, err)
	}

	// Check.
	if r := must(t, "", "check", "--file", path, "--passphrase-file", pf); !strings.HasPrefix(r.stdout, "Your journal is healthy: 2 entries, 4 life areas, last backup ") {
		t.Errorf("check said %q", r.stdout)
	}
	fail1(t, wrongFromFile, "", "check", "--file", path, "--passphrase-file", passFile(t, "not it\n"))

	// Restore: the backup needs its passphrase.
	deleteEntry(t, path, find(t, entries(t, path, "--passphrase-file", pf), "Second entry").ID, []byte(passphrase))
	fail1(t, restoreNeedsPass, "", "restore", backup, "--yes", "--file", path)
	fail1(t, "That passphrase didn't open the backup, so nothing was changed. It needs the passphrase the journal had when the backup was made.",
		"", "restore", backup, "--yes", "--file", path, "--passphrase-file", passFile(t, "not it\n"))
	must(t, "", "restore", backup, "--yes", "--file", path, "--passphrase-file", pf)
	if got := entries(t, path, "--passphrase-file", pf); len(got) != 2 {
		t.Errorf("after the restore the journal lists %d entries, want 2", len(got))
	}
	assertSealed(t, path, canary, "heron", "Second entry")
}
