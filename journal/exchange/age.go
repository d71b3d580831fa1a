package exchange

import (
	"errors"
	"io"

	"filippo.io/age"
)

// ErrEmptyPassphrase: an encrypted export needs a passphrase.
var ErrEmptyPassphrase = errors.New("An encrypted export needs a passphrase. Choose one you'll remember, or write it down somewhere safe.")

// EncryptAge wraps w so what is written to it is sealed with age, using a
// passphrase (scrypt), readable by the standard `age -d`. Close the returned
// writer to finish the file; it does not close w.
func EncryptAge(w io.Writer, passphrase []byte) (io.WriteCloser, error) {
	if len(passphrase) == 0 {
		return nil, ErrEmptyPassphrase
	}
	r, err := age.NewScryptRecipient(string(passphrase))
	if err != nil {
		return nil, err
	}
	return age.Encrypt(w, r)
}
