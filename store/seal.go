package store

import (
	"fmt"

	"github.com/waymark-journal/waymark/journal"
)

// Every value passes through a sealer on its way into and out of bbolt. The
// bucket and key are given so an encrypting sealer can bind them as
// additional data: a sealed value moved to another key then fails to open.
type sealer interface {
	// seal returns a new slice holding the format byte and the sealed value.
	seal(bucket, key, plain []byte) ([]byte, error)
	// open returns the plain value. The result may share memory with sealed,
	// so it is only valid as long as sealed is (inside the transaction).
	open(bucket, key, sealed []byte) ([]byte, error)
}

// The first byte of every sealed value says how it was sealed, so a plain
// journal and an encrypted one can be told apart value by value.
const (
	formatPlain   byte = 0x01
	formatXChaCha byte = 0x02 // XChaCha20-Poly1305 with the data key (crypt.go)
)

// plainSealer stores values as they are, behind the format byte.
type plainSealer struct{}

func (plainSealer) seal(_, _, plain []byte) ([]byte, error) {
	out := make([]byte, 1+len(plain))
	out[0] = formatPlain
	copy(out[1:], plain)
	return out, nil
}

func (plainSealer) open(bucket, key, sealed []byte) ([]byte, error) {
	if len(sealed) == 0 {
		return nil, fmt.Errorf("%w: empty value in %s/%s", journal.ErrDamaged, bucket, key)
	}
	switch sealed[0] {
	case formatPlain:
		return sealed[1:], nil
	case formatXChaCha:
		// Sealed with a key, in a journal with no key header: the header
		// was removed, or the value put here from elsewhere.
		return nil, fmt.Errorf("%w: the record %s/%s is sealed, but the journal has no key", journal.ErrDamaged, bucket, key)
	}
	return nil, fmt.Errorf("%w: unknown value format %#x in %s/%s", journal.ErrDamaged, sealed[0], bucket, key)
}
