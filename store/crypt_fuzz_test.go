package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/waymark-journal/waymark/journal"
)

// fuzzHeader is a valid header, wrapped under a fixed key with a fixed
// nonce, so every fuzzing process builds the same one.
func fuzzHeader(f *testing.F, p KDFParams) []byte {
	f.Helper()
	h := header{params: p}
	copy(h.salt[:], "sixteen byte salt")
	nonce := h.wrapped[:chacha20poly1305.NonceSizeX]
	copy(nonce, "a fixed nonce for fuzzing")
	aead, err := chacha20poly1305.NewX(bytes.Repeat([]byte{3}, dataKeyLen))
	if err != nil {
		f.Fatal(err)
	}
	copy(h.wrapped[len(nonce):], aead.Seal(nil, nonce, bytes.Repeat([]byte{9}, dataKeyLen), h.ad()))
	return h.encode()
}

// FuzzHeader feeds the header decoder anything. It must never panic, and
// whatever it accepts is within bounds and encodes back to the same bytes.
// (No derivation runs here: that is the point of checking first.)
func FuzzHeader(f *testing.F) {
	good := fuzzHeader(f, FastKDF)
	most := fuzzHeader(f, KDFParams{Time: maxTime, MemoryKiB: maxMemoryKiB, Threads: maxThreads})
	f.Add(good)
	f.Add(most)
	f.Add([]byte{})
	f.Add([]byte{headerVersion})
	f.Add(good[:headerLen-1])
	f.Add(append(bytes.Clone(good), 0))
	absurd := bytes.Clone(good)
	binary.BigEndian.PutUint32(absurd[2+len(kdfArgon2id):], 1e6)
	binary.BigEndian.PutUint32(absurd[2+len(kdfArgon2id)+4:], 1<<31)
	f.Add(absurd)
	name := bytes.Clone(good)
	name[1] = 0xff
	f.Add(name)

	kek := bytes.Repeat([]byte{3}, dataKeyLen)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := decodeHeader(b)
		if err != nil {
			if h != nil || !errors.Is(err, errBadHeader) {
				t.Fatalf("decodeHeader = %v, %v", h, err)
			}
			return
		}
		if err := h.params.check(); err != nil {
			t.Fatalf("accepted settings out of bounds: %v", err)
		}
		if !bytes.Equal(h.encode(), b) {
			t.Fatalf("encode(decode(b)) = %x, want %x", h.encode(), b)
		}
		key, err := h.unwrap(kek)
		switch {
		case err == nil && !bytes.Equal(b, good) && !bytes.Equal(b, most):
			t.Fatalf("a changed header unwrapped")
		case err == nil && len(key) != dataKeyLen:
			t.Fatalf("unwrapped %d bytes", len(key))
		case err != nil && !errors.Is(err, journal.ErrWrongPassphrase):
			t.Fatalf("unwrap: %v", err)
		}
	})
}

// FuzzOpenSealed feeds the value decoders anything, under any bucket and
// key. They must never panic; a value that opens must seal and open again
// to the same bytes; and any plain value must seal and open back, but not
// under another key.
func FuzzOpenSealed(f *testing.F) {
	cs, err := newCryptSealer(bytes.Repeat([]byte{7}, dataKeyLen))
	if err != nil {
		f.Fatal(err)
	}
	for _, plain := range [][]byte{nil, []byte(`{"v":1}`), bytes.Repeat([]byte("x"), 508), bytes.Repeat([]byte("y"), 509)} {
		sealed, err := cs.seal(bucketEntries, []byte("abc"), plain)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bucketEntries, []byte("abc"), sealed)
		f.Add(bucketSummaries, []byte("abc"), sealed) // moved
		cut := bytes.Clone(sealed[:len(sealed)-padBlock])
		f.Add(bucketEntries, []byte("abc"), cut)
	}
	f.Add([]byte("meta"), []byte("k"), []byte{})
	f.Add([]byte("e"), []byte(""), []byte{formatXChaCha})
	f.Add([]byte("e"), []byte("x"), []byte{formatPlain, '{', '}'})
	f.Add([]byte("e"), []byte("x"), append([]byte{formatXChaCha}, make([]byte, sealedOverhead+padBlock-1)...))

	f.Fuzz(func(t *testing.T, bucket, key, value []byte) {
		if plain, err := cs.open(bucket, key, value); err == nil {
			again, err := cs.seal(bucket, key, plain)
			if err != nil {
				t.Fatal(err)
			}
			back, err := cs.open(bucket, key, again)
			if err != nil || !bytes.Equal(back, plain) {
				t.Fatalf("resealed value opens as %q, %v", back, err)
			}
		} else if !errors.Is(err, journal.ErrDamaged) {
			t.Fatalf("open: %v, want ErrDamaged", err)
		}
		if _, err := (plainSealer{}).open(bucket, key, value); err != nil && !errors.Is(err, journal.ErrDamaged) {
			t.Fatalf("plain open: %v", err)
		}

		// The value as plain text: it seals, opens back, and only where it was put.
		sealed, err := cs.seal(bucket, key, value)
		if err != nil {
			t.Fatal(err)
		}
		if (len(sealed)-sealedOverhead)%padBlock != 0 {
			t.Fatalf("sealed %d bytes to %d", len(value), len(sealed))
		}
		back, err := cs.open(bucket, key, sealed)
		if err != nil || !bytes.Equal(back, value) {
			t.Fatalf("round trip: %q, %v", back, err)
		}
		if _, err := cs.open(append(bytes.Clone(bucket), 'x'), key, sealed); err == nil {
			t.Fatal("opened under another bucket")
		}
		if _, err := cs.open(bucket, append(bytes.Clone(key), 'x'), sealed); err == nil {
			t.Fatal("opened under another key")
		}
		// Bucket and key are kept apart by the zero byte: "ab"+"c" is not "a"+"bc".
		if len(bucket) > 0 && bytes.IndexByte(bucket, 0) < 0 {
			moved := append(bytes.Clone(bucket[len(bucket)-1:]), key...)
			if _, err := cs.open(bucket[:len(bucket)-1], moved, sealed); err == nil {
				t.Fatal("opened with the boundary between bucket and key moved")
			}
		}
	})
}
