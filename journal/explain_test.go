package journal

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// exportedErrors is every exported Err* value of the package. The test below
// checks it against the source, so a new error can't be left out of it.
var exportedErrors = map[string]error{
	"ErrEmptyText":          ErrEmptyText,
	"ErrWrongPassphrase":    ErrWrongPassphrase,
	"ErrTextTooLong":        ErrTextTooLong,
	"ErrEmptyTitle":         ErrEmptyTitle,
	"ErrUnknownKind":        ErrUnknownKind,
	"ErrDimensionNameEmpty": ErrDimensionNameEmpty,
	"ErrDimensionNameLong":  ErrDimensionNameLong,
	"ErrDimensionNotFound":  ErrDimensionNotFound,
	"ErrUnknownStatus":      ErrUnknownStatus,
	"ErrEmptyStep":          ErrEmptyStep,
	"ErrNoSuchStep":         ErrNoSuchStep,
	"ErrEmptyNote":          ErrEmptyNote,
	"ErrRatingRange":        ErrRatingRange,
	"ErrEmptyCheckIn":       ErrEmptyCheckIn,
	"ErrTwiceRated":         ErrTwiceRated,
	"ErrNotFound":           ErrNotFound,
	"ErrInUse":              ErrInUse,
	"ErrDamaged":            ErrDamaged,
	"ErrTooNew":             ErrTooNew,
	"ErrLocked":             ErrLocked,
	"ErrEmptySession":       ErrEmptySession,
	"ErrNoSession":          ErrNoSession,
	"ErrUnknownAuthor":      ErrUnknownAuthor,
}

// sourceErrorNames reads the package's own files for exported Err* variables.
func sourceErrorNames(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					if strings.HasPrefix(id.Name, "Err") && id.IsExported() {
						names = append(names, id.Name)
					}
				}
			}
		}
	}
	sort.Strings(names)
	return names
}

func TestExportedErrorsListIsComplete(t *testing.T) {
	names := sourceErrorNames(t)
	if len(names) == 0 {
		t.Fatal("found no Err* variables in the package source")
	}
	for _, n := range names {
		if _, ok := exportedErrors[n]; !ok {
			t.Errorf("%s is not in exportedErrors; add it so its words are checked", n)
		}
	}
	if len(names) != len(exportedErrors) {
		t.Errorf("source has %d Err* values, exportedErrors lists %d", len(names), len(exportedErrors))
	}
}

func TestExplain(t *testing.T) {
	const (
		generic   = "Something went wrong with the journal file, and nothing was changed. Please try again."
		inUse     = "This journal is open in another window. Close it there, then try again."
		damaged   = "This journal file looks damaged, so Waymark has left it untouched. Your backups are in the backups folder beside it."
		tooNew    = "This journal was written by a newer Waymark. Please update Waymark to open it; the file is unchanged."
		locked    = "This journal is locked. Unlock it with your passphrase to go on."
		notFound  = "That entry isn't in the journal any more."
		diskFull  = "The disk is full, so this couldn't be saved. Your words are still here: free some space, then save again."
		notAllow  = "Waymark isn't allowed to use the journal file. Check who owns it, then try again."
		readOnly  = "The journal is on a disk that can't be written to right now. Your words are still here."
		duplicate = `There's already a life area called "Health".`
	)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"in use", ErrInUse, inUse},
		{"in use, wrapped", fmt.Errorf("open /home/me/journal.db: %w", ErrInUse), inUse},
		{"damaged", ErrDamaged, damaged},
		{"damaged, wrapped twice", fmt.Errorf("load: %w", fmt.Errorf("bucket entries: %w", ErrDamaged)), damaged},
		{"too new", fmt.Errorf("version 9: %w", ErrTooNew), tooNew},
		{"locked", ErrLocked, locked},
		{"not found", fmt.Errorf("get %q: %w", "01HXYZ", ErrNotFound), notFound},
		{"disk full", syscall.ENOSPC, diskFull},
		{"disk full, wrapped", fmt.Errorf("commit: %w", &fs.PathError{Op: "write", Path: "/j.db", Err: syscall.ENOSPC}), diskFull},
		{"permission", &fs.PathError{Op: "open", Path: "/j.db", Err: syscall.EACCES}, notAllow},
		{"permission sentinel", fmt.Errorf("x: %w", fs.ErrPermission), notAllow},
		{"read-only disk", fmt.Errorf("sync: %w", syscall.EROFS), readOnly},
		{"duplicate name", DuplicateNameError{Name: "Health"}, duplicate},
		{"duplicate name, wrapped", fmt.Errorf("rename d1: %w", DuplicateNameError{Name: "Health"}), duplicate},
		{"unknown", errors.New("bolt: page 12 checksum mismatch"), generic},
		{"unknown, wrapping words", fmt.Errorf("saving %q: %w", "my private words", errors.New("boom")), generic},
		{"os error", os.ErrClosed, generic},
	}
	// Every validation error comes out as its own sentence, without the wrapping context.
	plain := []error{ErrEmptyText, ErrTextTooLong, ErrEmptyTitle, ErrUnknownKind,
		ErrDimensionNameEmpty, ErrDimensionNameLong, ErrDimensionNotFound,
		ErrUnknownStatus, ErrEmptyStep, ErrNoSuchStep, ErrEmptyNote,
		ErrRatingRange, ErrEmptyCheckIn, ErrTwiceRated}
	for _, e := range plain {
		tests = append(tests,
			struct {
				name string
				err  error
				want string
			}{"plain " + e.Error(), e, e.Error()},
			struct {
				name string
				err  error
				want string
			}{"wrapped " + e.Error(), fmt.Errorf("save entry %q (text %q): %w", "01ABC", "my private words", e), e.Error()},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Explain(tt.err)
			if got != tt.want {
				t.Errorf("Explain(%v)\n got %q\nwant %q", tt.err, got, tt.want)
			}
			for _, leak := range []string{"my private words", "01ABC", "01HXYZ", "/j.db", "journal.db", "bolt", "checksum", "boom", "%!"} {
				if strings.Contains(got, leak) {
					t.Errorf("Explain(%v) = %q leaks %q", tt.err, got, leak)
				}
			}
		})
	}
}

// Every exported error is either explained in its own words or shown as it is.
func TestExplainCoversEveryExportedError(t *testing.T) {
	const generic = "Something went wrong with the journal file, and nothing was changed. Please try again."
	for name, e := range exportedErrors {
		wrapped := fmt.Errorf("context for logs: %w", e)
		got := Explain(wrapped)
		if got == generic || got == "" {
			t.Errorf("Explain(%s) = %q, want a sentence of its own", name, got)
		}
		if strings.Contains(got, "context for logs") {
			t.Errorf("Explain(%s) = %q shows the wrapping context", name, got)
		}
	}
}

func TestExplainSpecificWords(t *testing.T) {
	tests := []struct {
		err  error
		want []string
	}{
		{ErrInUse, []string{"open in another window"}},
		{ErrDamaged, []string{"backups"}},
		{ErrTooNew, []string{"newer Waymark", "update"}},
		{ErrNotFound, []string{"isn't in the journal"}},
		{fmt.Errorf("write: %w", syscall.ENOSPC), []string{"disk is full", "Your words are still here"}},
	}
	for _, tt := range tests {
		got := Explain(tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("Explain(%v) = %q, want it to mention %q", tt.err, got, w)
			}
		}
	}
}

// Words the person sees never judge or blame (shared/language.md).
func TestMessagesUseKindWords(t *testing.T) {
	messages := map[string]string{}
	for name, e := range exportedErrors {
		messages[name] = e.Error()
		messages["Explain("+name+")"] = Explain(fmt.Errorf("wrapped: %w", e))
	}
	for i, e := range []error{
		nil, syscall.ENOSPC, syscall.EROFS, syscall.EACCES, fs.ErrPermission,
		DuplicateNameError{Name: "Home"}, errors.New("something odd"),
	} {
		messages[fmt.Sprintf("Explain(#%d %v)", i, e)] = Explain(e)
	}
	messages["DuplicateNameError"] = DuplicateNameError{Name: "Home"}.Error()
	if _, err := ParseKind("diary"); err != nil {
		messages["ParseKind"] = err.Error()
	}
	if _, err := ParseGoalStatus("someday soon"); err != nil {
		messages["ParseGoalStatus"] = err.Error()
	}
	for _, k := range AllKinds {
		messages["label "+string(k)] = k.Label()
	}
	for _, s := range GoalStatuses {
		messages["label "+string(s)] = s.Label()
	}
	messages["CheckInQuestion"] = CheckInQuestion
	messages["RatingLowLabel"] = RatingLowLabel
	messages["RatingHighLabel"] = RatingHighLabel

	banned := []string{"failed", "invalid", "error", "overdue", "missed",
		"fail", "abandon", "completed", "achieved", "relapse", "patient", "client", "score"}
	for where, msg := range messages {
		lower := strings.ToLower(msg)
		for _, w := range banned {
			if strings.Contains(lower, w) {
				t.Errorf("%s = %q says %q", where, msg, w)
			}
		}
		if strings.Contains(msg, "!") {
			t.Errorf("%s = %q has an exclamation mark", where, msg)
		}
	}
}
