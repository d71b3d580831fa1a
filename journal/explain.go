package journal

import (
	"errors"
	"io/fs"
	"syscall"
)

// Explain turns an error from the journal into a kind, plain sentence a person
// can act on. It never includes entry text or file paths.
func Explain(err error) string {
	var dup DuplicateNameError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrInUse):
		return "This journal is open in another window. Close it there, then try again."
	case errors.Is(err, ErrDamaged):
		return "This journal file looks damaged, so Waymark has left it untouched. Your backups are in the backups folder beside it."
	case errors.Is(err, ErrTooNew):
		return "This journal was written by a newer Waymark. Please update Waymark to open it; the file is unchanged."
	case errors.Is(err, ErrWrongPassphrase):
		return "That passphrase didn't open the journal. Try again — there's no limit."
	case errors.Is(err, ErrLocked):
		return "This journal is locked. Unlock it with your passphrase to go on."
	case errors.Is(err, ErrNotFound):
		return "That entry isn't in the journal any more."
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EFBIG):
		// EFBIG ("file too large") is what a limit on file size gives: to the
		// person it is the same as a full disk.
		return "The disk is full, so this couldn't be saved. Your words are still here: free some space, then save again."
	case errors.Is(err, fs.ErrPermission):
		return "Waymark isn't allowed to use the journal file. Check who owns it, then try again."
	case errors.Is(err, syscall.EROFS):
		return "The journal is on a disk that can't be written to right now. Your words are still here."
	case errors.As(err, &dup):
		return dup.Error()
	}
	// Validation errors are already written for the person; show the one
	// inside, never context wrapped around it for logs.
	for _, plain := range plainErrors {
		if errors.Is(err, plain) {
			return plain.Error()
		}
	}
	return "Something went wrong with the journal file, and nothing was changed. Please try again."
}

var plainErrors = []error{ErrEmptyText, ErrTextTooLong, ErrEmptyTitle, ErrUnknownKind,
	ErrDimensionNameEmpty, ErrDimensionNameLong, ErrDimensionNotFound,
	ErrUnknownStatus, ErrEmptyStep, ErrNoSuchStep, ErrEmptyNote,
	ErrRatingRange, ErrEmptyCheckIn, ErrTwiceRated,
	ErrEmptySession, ErrNoSession, ErrUnknownAuthor}
