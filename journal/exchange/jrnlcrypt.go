package exchange

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// jrnl encrypts a whole journal file in one of three ways:
//
//   - v1 (jrnl before 2.0): AES-256-CBC, key SHA-256(password), the 16-byte
//     IV first, then the ciphertext; PKCS#7 padding (the oldest versions
//     padded with spaces).
//   - v2 (jrnl 2.x to 4.x): a Fernet token, with the Fernet key derived by
//     PBKDF2-HMAC-SHA256 (100,000 iterations, a fixed salt, 32 bytes).
//   - v3: "JRNLv3", a big-endian uint16 header length, a JSON header (raw, or
//     base64-encoded) holding a base64url 16-byte "salt", then a Fernet
//     token whose key is derived as in v2 with that salt.
//
// A Fernet token (https://github.com/fernet/spec) is base64url of
// 0x80 | 8-byte timestamp | 16-byte IV | AES-128-CBC ciphertext | HMAC-SHA256,
// the HMAC over everything before it, keyed with the first half of the
// 32-byte key; the second half is the AES key.

const (
	jrnlKDFIterations = 100_000
	jrnlV3Magic       = "JRNLv3"
)

// jrnlV2Salt is jrnl v2's fixed salt.
var jrnlV2Salt = []byte("\xf2\xd5q\x0e\xc1\x8d.\xde\xdc\x8e6t\x89\x04\xce\xf8")

// errBadToken: the file has the shape of a Fernet token but isn't one.
var errBadToken = errors.New("not a Fernet token")

// openJrnl returns the plain text of a jrnl journal, decrypting it with the
// password when it is encrypted.
func openJrnl(data []byte, opts ImportOptions) ([]byte, error) {
	file := opts.File
	needs := func(which string) error {
		return fileProblem(file, 0, ErrNeedsPassword,
			"this journal is encrypted by jrnl ("+which+"); give its password to import it")
	}
	wrong := func() error {
		return fileProblem(file, 0, ErrWrongPassword,
			"that password didn't open this journal. Check it and try again — there's no limit")
	}
	damaged := func() error {
		return fileProblem(file, 0, ErrUnreadable,
			"this looks like an encrypted jrnl journal, but it's damaged or cut short, so it couldn't be opened")
	}

	switch {
	case bytes.HasPrefix(data, []byte(jrnlV3Magic)):
		if len(opts.Password) == 0 {
			return nil, needs("v3")
		}
		salt, token, err := jrnlV3Parts(data)
		if err != nil {
			return nil, damaged()
		}
		plain, err := fernetDecrypt(jrnlKey(opts.Password, salt), token)
		return jrnlDecrypted(plain, err, wrong, damaged)

	case looksLikeFernet(data):
		if len(opts.Password) == 0 {
			return nil, needs("v2")
		}
		plain, err := fernetDecrypt(jrnlKey(opts.Password, jrnlV2Salt), bytes.TrimSpace(data))
		return jrnlDecrypted(plain, err, wrong, damaged)

	case len(opts.Password) > 0 && maybeJrnlV1(data):
		plain, ok := jrnlV1Decrypt(opts.Password, data)
		if !ok {
			return nil, wrong()
		}
		return plain, nil
	}
	return data, nil
}

func jrnlDecrypted(plain []byte, err error, wrong, damaged func() error) ([]byte, error) {
	switch {
	case errors.Is(err, errBadToken):
		return nil, damaged()
	case err != nil:
		return nil, wrong()
	case !utf8.Valid(plain):
		// jrnl decodes the text as UTF-8; a journal that isn't is damaged.
		return nil, damaged()
	}
	return plain, nil
}

// jrnlKey derives the 32-byte Fernet key (signing half, then encryption half).
func jrnlKey(password, salt []byte) []byte {
	key, err := pbkdf2.Key(sha256.New, string(password), salt, jrnlKDFIterations, 32)
	if err != nil {
		// Only FIPS-only mode refuses these parameters; no key opens the journal then.
		return make([]byte, 32)
	}
	return key
}

// looksLikeFernet reports whether data is one Fernet token: base64url text
// starting with the version byte 0x80 and a timestamp below 2^40 seconds.
func looksLikeFernet(data []byte) bool {
	data = bytes.TrimSpace(data)
	if !bytes.HasPrefix(data, []byte("gAAAAA")) || len(data) < 100 {
		return false
	}
	for _, c := range data {
		if !isBase64URL(c) {
			return false
		}
	}
	return true
}

func isBase64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '='
}

// fernetDecrypt checks and decrypts a Fernet token. It ignores the token's
// timestamp, as jrnl does. errBadToken means the token is malformed; any
// other error means the key is wrong or the token was altered.
func fernetDecrypt(key, token []byte) ([]byte, error) {
	raw := make([]byte, base64.URLEncoding.DecodedLen(len(token)))
	n, err := base64.URLEncoding.Decode(raw, token)
	if err != nil {
		n, err = base64.RawURLEncoding.Decode(raw, bytes.TrimRight(token, "="))
		if err != nil {
			return nil, errBadToken
		}
	}
	raw = raw[:n]
	const head, mac = 1 + 8 + 16, sha256.Size
	if len(raw) < head+aes.BlockSize+mac || (len(raw)-head-mac)%aes.BlockSize != 0 || raw[0] != 0x80 {
		return nil, errBadToken
	}
	if len(key) != 32 {
		return nil, errors.New("fernet key must be 32 bytes")
	}
	body, sum := raw[:len(raw)-mac], raw[len(raw)-mac:]
	m := hmac.New(sha256.New, key[:16])
	m.Write(body)
	if !hmac.Equal(m.Sum(nil), sum) {
		return nil, errors.New("fernet: signature does not match")
	}
	block, err := aes.NewCipher(key[16:])
	if err != nil {
		return nil, err
	}
	iv, ct := body[9:25], body[25:]
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(ct, ct)
	plain, ok := pkcs7Unpad(ct)
	if !ok {
		return nil, errors.New("fernet: bad padding")
	}
	return plain, nil
}

func pkcs7Unpad(b []byte) ([]byte, bool) {
	if len(b) == 0 || len(b)%aes.BlockSize != 0 {
		return nil, false
	}
	n := int(b[len(b)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, false
	}
	for _, c := range b[len(b)-n:] {
		if int(c) != n {
			return nil, false
		}
	}
	return b[:len(b)-n], true
}

// jrnlV3Parts splits a v3 file into its salt and Fernet token.
func jrnlV3Parts(data []byte) (salt, token []byte, err error) {
	rest := data[len(jrnlV3Magic):]
	if len(rest) < 2 {
		return nil, nil, errBadToken
	}
	n := int(binary.BigEndian.Uint16(rest))
	rest = rest[2:]
	if len(rest) < n {
		return nil, nil, errBadToken
	}
	header, token := rest[:n], bytes.TrimSpace(rest[n:])
	if !bytes.HasPrefix(bytes.TrimSpace(header), []byte("{")) {
		// Newer jrnl base64-encodes the JSON header.
		header = decodeAnyBase64(header)
	}
	var h struct {
		Salt string `json:"salt"`
	}
	if header == nil || json.Unmarshal(header, &h) != nil || h.Salt == "" {
		return nil, nil, errBadToken
	}
	salt = decodeAnyBase64([]byte(h.Salt))
	if len(salt) == 0 {
		return nil, nil, errBadToken
	}
	return salt, token, nil
}

// decodeAnyBase64 decodes standard or URL-safe base64, padded or not; nil if neither.
func decodeAnyBase64(b []byte) []byte {
	b = bytes.TrimSpace(b)
	for _, enc := range []*base64.Encoding{base64.URLEncoding, base64.StdEncoding, base64.RawURLEncoding, base64.RawStdEncoding} {
		out := make([]byte, enc.DecodedLen(len(b)))
		if n, err := enc.Decode(out, b); err == nil {
			return out[:n]
		}
	}
	return nil
}

// maybeJrnlV1 reports whether data could be a jrnl v1 encrypted journal: an
// IV and whole AES blocks, and not readable text.
func maybeJrnlV1(data []byte) bool {
	if len(data) < 2*aes.BlockSize || len(data)%aes.BlockSize != 0 {
		return false
	}
	return !utf8.Valid(data[:min(len(data), 4096)]) || bytes.IndexByte(data, 0) >= 0
}

// jrnlV1Decrypt opens a jrnl v1 journal. ok is false for a wrong password.
func jrnlV1Decrypt(password, data []byte) ([]byte, bool) {
	key := sha256.Sum256(password)
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, false
	}
	iv := data[:aes.BlockSize]
	plain := make([]byte, len(data)-aes.BlockSize)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, data[aes.BlockSize:])
	if plain[len(plain)-1] == ' ' {
		// The oldest jrnl padded with spaces.
		plain = bytes.TrimRight(plain, " ")
	} else {
		var ok bool
		if plain, ok = pkcs7Unpad(plain); !ok {
			return nil, false
		}
	}
	if !utf8.Valid(plain) {
		return nil, false
	}
	return plain, true
}
