package store

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/waymark-journal/waymark/journal"
)

// Encryption at rest.
//
// A random 256-bit data key seals every value with XChaCha20-Poly1305 (a
// fresh random 24-byte nonce for each write), with the bucket and key as
// additional data, so a sealed value moved to another key or bucket no
// longer opens. Before sealing, a value is prefixed with its length and
// padded with zeros to a multiple of 512 bytes, so the sizes in the file say
// little about how much was written. A sealed value is
//
//	0x02 | nonce (24) | ciphertext of (length u32 | value | zeros) + tag (16)
//
// The data key is kept wrapped (sealed with XChaCha20-Poly1305) under a key
// derived from the passphrase with Argon2id, in a header stored unsealed in
// the meta bucket under keyHeader, beside the schema version. Changing the
// passphrase rewraps that one key; the entries are not touched.

// KDFParams are Argon2id's settings, stored in the journal's header.
type KDFParams struct {
	Time      uint32 // passes over the memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
}

// FastKDF is the cheapest setting the header's bounds accept. It is meant for
// tests; a real journal uses the calibrated setting (Options.KDF nil).
var FastKDF = KDFParams{Time: 1, MemoryKiB: minMemoryKiB, Threads: 2}

// The bounds a header's settings must fall in before any derivation runs: a
// header that asks for more (or less) is refused at once, so a tampered
// file can neither make Waymark spend minutes and gigabytes nor weaken the
// derivation.
const (
	minMemoryKiB = 64 * 1024   // 64 MiB
	maxMemoryKiB = 1024 * 1024 // 1 GiB
	minTime      = 1
	maxTime      = 20
	minThreads   = 1
	maxThreads   = 16
)

// Calibration: one pass at calibrateMemoryKiB over calibrateThreads lanes is
// timed, and the number of passes chosen so that a derivation takes about
// targetDerivation, between 1 and maxCalibratedTime passes.
const (
	calibrateMemoryKiB = 64 * 1024
	calibrateThreads   = 2
	targetDerivation   = 500 * time.Millisecond
	maxCalibratedTime  = 10
)

// keyHeader is the meta key of the header. Like the schema version it is not
// sealed: it is read before any key is known.
var keyHeader = []byte("k")

// The header, all integers big-endian:
//
//	version   1 byte, headerVersion
//	kdf       1 byte length, then the name ("argon2id")
//	time      4 bytes
//	memory    4 bytes, KiB
//	threads   1 byte
//	salt      16 bytes
//	wrapped   72 bytes: nonce (24) | sealed data key (32) + tag (16)
//
// The wrapped key's additional data is headerAD followed by every byte before
// the wrapped key (version, KDF name, settings and salt), so changing any of
// them makes the unwrap fail, just as a wrong passphrase does.
//
// A future header layout must come with a new schema version, so an older
// Waymark says "written by a newer version" (the schema is checked first)
// instead of "wrong passphrase".
const (
	headerVersion = 1
	kdfArgon2id   = "argon2id"
	saltLen       = 16
	dataKeyLen    = chacha20poly1305.KeySize
	wrappedLen    = chacha20poly1305.NonceSizeX + dataKeyLen + chacha20poly1305.Overhead
	headerLen     = 1 + 1 + len(kdfArgon2id) + 4 + 4 + 1 + saltLen + wrappedLen
)

// headerAD starts the additional data of the wrapped key.
const headerAD = "waymark data key\x00"

// padBlock is the step sealed lengths are padded to.
const padBlock = 512

// sealedOverhead is what sealing adds to a padded value: format byte, nonce, tag.
const sealedOverhead = 1 + chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// Errors.
var (
	// ErrAlreadyEncrypted: Encrypt was asked to encrypt an encrypted journal.
	ErrAlreadyEncrypted = errors.New("this journal is already encrypted; to change its passphrase, use passwd")
	// ErrNotEncrypted: ChangePassphrase was asked of a journal without one.
	ErrNotEncrypted = errors.New("this journal has no passphrase; to add one, encrypt it")
	// ErrEmptyPassphrase: a passphrase must have at least one character.
	ErrEmptyPassphrase = errors.New("the passphrase is empty")
)

// derivations counts Argon2id derivations, so tests can tell that a header
// was refused before any work.
var derivations atomic.Int64

// derivationTime adds up the time spent in derivations (nanoseconds), so a
// benchmark can tell an open's own work from the derivation's.
var derivationTime atomic.Int64

// header is a decoded key header.
type header struct {
	params  KDFParams
	salt    [saltLen]byte
	wrapped [wrappedLen]byte
}

// check reports whether the settings are within bounds.
func (p KDFParams) check() error {
	switch {
	case p.Time < minTime || p.Time > maxTime:
		return fmt.Errorf("Argon2id time %d is outside %d–%d", p.Time, minTime, maxTime)
	case p.MemoryKiB < minMemoryKiB || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("Argon2id memory %d KiB is outside %d–%d KiB", p.MemoryKiB, minMemoryKiB, maxMemoryKiB)
	case p.Threads < minThreads || p.Threads > maxThreads:
		return fmt.Errorf("Argon2id lanes %d is outside %d–%d", p.Threads, minThreads, maxThreads)
	}
	return nil
}

// encode lays the header out as described above.
func (h *header) encode() []byte {
	b := make([]byte, 0, headerLen)
	b = append(b, headerVersion, byte(len(kdfArgon2id)))
	b = append(b, kdfArgon2id...)
	b = binary.BigEndian.AppendUint32(b, h.params.Time)
	b = binary.BigEndian.AppendUint32(b, h.params.MemoryKiB)
	b = append(b, h.params.Threads)
	b = append(b, h.salt[:]...)
	return append(b, h.wrapped[:]...)
}

// ad is the additional data binding the wrapped key to the rest of the header.
func (h *header) ad() []byte {
	enc := h.encode()
	return append([]byte(headerAD), enc[:headerLen-wrappedLen]...)
}

// errBadHeader is behind every header that can't be decoded. Callers turn it
// into journal.ErrWrongPassphrase: a tampered header and a wrong passphrase
// look the same.
var errBadHeader = errors.New("the key header can't be used")

// decodeHeader reads a header and checks its settings, doing no key
// derivation. Anything unexpected, including settings out of bounds, is
// errBadHeader.
func decodeHeader(b []byte) (*header, error) {
	if len(b) != headerLen || b[0] != headerVersion || int(b[1]) != len(kdfArgon2id) ||
		string(b[2:2+len(kdfArgon2id)]) != kdfArgon2id {
		return nil, errBadHeader
	}
	rest := b[2+len(kdfArgon2id):]
	h := &header{params: KDFParams{
		Time:      binary.BigEndian.Uint32(rest[0:]),
		MemoryKiB: binary.BigEndian.Uint32(rest[4:]),
		Threads:   rest[8],
	}}
	if h.params.check() != nil {
		return nil, errBadHeader
	}
	rest = rest[9:]
	copy(h.salt[:], rest[:saltLen])
	copy(h.wrapped[:], rest[saltLen:])
	return h, nil
}

// releasePending: a hand-back of freed memory is already on its way.
var releasePending atomic.Bool

// deriveKEK derives the key that wraps the data key. The settings must
// already be checked.
func deriveKEK(pass []byte, salt []byte, p KDFParams) []byte {
	derivations.Add(1)
	start := time.Now()
	defer func() { derivationTime.Add(int64(time.Since(start))) }()
	// Argon2id's working memory (64 MiB or more) is garbage the moment it
	// returns, but Go gives freed memory back to the system only slowly, so
	// it would stay counted as the program's for minutes. Give it back a
	// little later, once the journal has opened and drawn its first frame.
	if releasePending.CompareAndSwap(false, true) {
		time.AfterFunc(2*time.Second, func() {
			releasePending.Store(false)
			debug.FreeOSMemory()
		})
	}
	return argon2.IDKey(pass, salt, p.Time, p.MemoryKiB, p.Threads, chacha20poly1305.KeySize)
}

// newHeader wraps dataKey under a key derived from pass with a new salt.
// kek, when not nil, is a key already derived for pass with that salt
// (ChangePassphrase derives it before taking the store's lock).
func newHeader(dataKey []byte, p KDFParams, salt [saltLen]byte, kek []byte) ([]byte, error) {
	h := &header{params: p, salt: salt}
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	nonce := h.wrapped[:chacha20poly1305.NonceSizeX]
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	sealed := aead.Seal(nil, nonce, dataKey, h.ad())
	copy(h.wrapped[chacha20poly1305.NonceSizeX:], sealed)
	return h.encode(), nil
}

// newSalt returns 16 random bytes.
func newSalt() (salt [saltLen]byte, err error) {
	_, err = rand.Read(salt[:])
	return salt, err
}

// unlock decodes a header and unwraps the data key with pass. Every failure,
// a wrong passphrase or a header changed in any byte, is
// journal.ErrWrongPassphrase; settings out of bounds are refused before any
// derivation.
func unlock(raw, pass []byte) (*cryptSealer, error) {
	h, err := decodeHeader(raw)
	if err != nil {
		return nil, journal.ErrWrongPassphrase
	}
	kek := deriveKEK(pass, h.salt[:], h.params)
	defer clear(kek)
	key, err := h.unwrap(kek)
	if err != nil {
		return nil, err
	}
	return newCryptSealer(key)
}

// unwrap opens the wrapped data key with kek; any failure is
// journal.ErrWrongPassphrase.
func (h *header) unwrap(kek []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, journal.ErrWrongPassphrase
	}
	nonce := h.wrapped[:chacha20poly1305.NonceSizeX]
	key, err := aead.Open(nil, nonce, h.wrapped[chacha20poly1305.NonceSizeX:], h.ad())
	if err != nil {
		return nil, journal.ErrWrongPassphrase
	}
	return key, nil
}

// newEncryption makes a new data key and its header for pass.
func newEncryption(pass []byte, p KDFParams) (*cryptSealer, []byte, error) {
	key := make([]byte, dataKeyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, nil, err
	}
	salt, err := newSalt()
	if err != nil {
		return nil, nil, err
	}
	kek := deriveKEK(pass, salt[:], p)
	defer clear(kek)
	hdr, err := newHeader(key, p, salt, kek)
	if err != nil {
		return nil, nil, err
	}
	cs, err := newCryptSealer(key)
	if err != nil {
		return nil, nil, err
	}
	return cs, hdr, nil
}

// chooseKDF returns the settings to use: the given ones if within bounds,
// or calibrated ones when p is nil.
func chooseKDF(p *KDFParams) (KDFParams, error) {
	if p == nil {
		return calibrate(), nil
	}
	if err := p.check(); err != nil {
		return KDFParams{}, err
	}
	return *p, nil
}

// calibrate times one Argon2id pass at 64 MiB over 2 lanes and chooses the
// number of passes that makes a derivation take about half a second on this
// computer, between 1 and 10.
func calibrate() KDFParams {
	p := KDFParams{Time: 1, MemoryKiB: calibrateMemoryKiB, Threads: calibrateThreads}
	var salt [saltLen]byte
	start := time.Now()
	clear(argon2.IDKey([]byte("calibrate"), salt[:], 1, p.MemoryKiB, p.Threads, 32))
	one := max(time.Since(start), time.Millisecond)
	passes := (targetDerivation + one/2) / one
	p.Time = uint32(min(max(passes, 1), maxCalibratedTime))
	return p
}

// cryptSealer seals values with the data key.
//
// The data key lives here and nowhere else in the store. forget zeroes it
// when the journal is closed. That is best effort: Go gives no way to wipe
// memory for certain (the garbage collector may have copied it, the AEAD
// keeps its own copy, which is dropped but not zeroed, and memory can be
// swapped to disk), which the README says plainly.
type cryptSealer struct {
	key  []byte
	aead cipher.AEAD
}

func newCryptSealer(key []byte) (*cryptSealer, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	return &cryptSealer{key: key, aead: aead}, nil
}

// forget zeroes the data key and drops the cipher.
func (c *cryptSealer) forget() {
	clear(c.key)
	c.key = nil
	c.aead = nil
}

// valueAD binds a value to where it is kept: bucket, a zero byte, key.
func valueAD(bucket, key []byte) []byte {
	ad := make([]byte, 0, len(bucket)+1+len(key))
	ad = append(ad, bucket...)
	ad = append(ad, 0)
	return append(ad, key...)
}

// paddedLen is the padded length of a value of n bytes with its length prefix.
func paddedLen(n int) int {
	return (4 + n + padBlock - 1) / padBlock * padBlock
}

func (c *cryptSealer) seal(bucket, key, plain []byte) ([]byte, error) {
	if c.aead == nil {
		return nil, errClosed
	}
	if uint64(len(plain)) > 1<<31 {
		return nil, fmt.Errorf("a value in %s is too large to store", bucket)
	}
	padded := make([]byte, paddedLen(len(plain)))
	binary.BigEndian.PutUint32(padded, uint32(len(plain)))
	copy(padded[4:], plain)
	defer clear(padded)

	out := make([]byte, 1+chacha20poly1305.NonceSizeX, sealedOverhead+len(padded))
	out[0] = formatXChaCha
	nonce := out[1:]
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return c.aead.Seal(out, nonce, padded, valueAD(bucket, key)), nil
}

func (c *cryptSealer) open(bucket, key, sealed []byte) ([]byte, error) {
	plain, _, err := c.openTo(nil, bucket, key, sealed)
	return plain, err
}

// openTo is open, opening into buf's memory when it is large enough; it
// returns the buffer used too, to pass to the next call.
func (c *cryptSealer) openTo(buf, bucket, key, sealed []byte) (plain, used []byte, err error) {
	if c.aead == nil {
		return nil, buf, errClosed
	}
	if len(sealed) == 0 {
		return nil, buf, fmt.Errorf("%w: empty value in %s/%s", journal.ErrDamaged, bucket, key)
	}
	if sealed[0] != formatXChaCha {
		// A plain value in an encrypted journal was not written by Waymark:
		// reading it would show whatever someone put there.
		return nil, buf, fmt.Errorf("%w: the record %s/%s is not sealed", journal.ErrDamaged, bucket, key)
	}
	body := len(sealed) - sealedOverhead
	if body < padBlock || body%padBlock != 0 {
		return nil, buf, fmt.Errorf("%w: the record %s/%s has the wrong length", journal.ErrDamaged, bucket, key)
	}
	nonce := sealed[1 : 1+chacha20poly1305.NonceSizeX]
	padded, err := c.aead.Open(buf[:0], nonce, sealed[1+chacha20poly1305.NonceSizeX:], valueAD(bucket, key))
	if err != nil {
		return nil, buf, fmt.Errorf("%w: the record %s/%s can't be opened (changed, or moved from elsewhere)", journal.ErrDamaged, bucket, key)
	}
	n := binary.BigEndian.Uint32(padded)
	if uint64(n) > uint64(len(padded)-4) || paddedLen(int(n)) != len(padded) ||
		!allZero(padded[4+n:]) {
		clear(padded)
		return nil, buf, fmt.Errorf("%w: the record %s/%s is badly padded", journal.ErrDamaged, bucket, key)
	}
	return padded[4 : 4+n], padded, nil
}

func allZero(b []byte) bool {
	return len(bytes.TrimLeft(b, "\x00")) == 0
}
