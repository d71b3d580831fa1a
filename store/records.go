package store

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/waymark-journal/waymark/journal"
)

// Buckets. The names are short and say nothing about the person.
var (
	bucketMeta       = []byte("meta")
	bucketEntries    = []byte("e")
	bucketSummaries  = []byte("s")
	bucketDimensions = []byte("d")
	bucketDraft      = []byte("w")

	allBuckets = [][]byte{bucketMeta, bucketEntries, bucketSummaries, bucketDimensions, bucketDraft}
)

// Keys of the singleton values.
var (
	keySchema  = []byte("schema")  // meta: decimal schema version, not sealed (read before any key is known)
	keyBegun   = []byte("begun")   // meta: sealed "1" once a starting set was chosen
	keyCreated = []byte("created") // meta: sealed RFC 3339 time the file was created
	keySet     = []byte("set")     // d: the whole set of dimensions
	keyDraft   = []byte("draft")   // w: the draft
	keyIDSalt  = []byte("ids")     // meta: sealed key for the ids of imported entries (import.go)
)

// recordVersion is the format version written into every JSON record.
const recordVersion = 1

type entryRecord struct {
	V     int           `json:"v"`
	Entry journal.Entry `json:"entry"`
}

// summaryRecord is the JSON form summaries had before schema 2; they are
// written in a binary form now (summary.go), and read in either.
type summaryRecord struct {
	V       int             `json:"v"`
	Summary journal.Summary `json:"summary"`
}

type dimensionsRecord struct {
	V          int                `json:"v"`
	Dimensions journal.Dimensions `json:"dimensions"`
}

type draftRecord struct {
	V     int           `json:"v"`
	Draft journal.Draft `json:"draft"`
}

type timeRecord struct {
	V    int       `json:"v"`
	Time time.Time `json:"time"`
}

type flagRecord struct {
	V  int  `json:"v"`
	On bool `json:"on"`
}

type saltRecord struct {
	V    int    `json:"v"`
	Salt []byte `json:"salt"`
}

// versioned lets decode check the format version of any record.
type versioned interface{ version() int }

func (r *entryRecord) version() int      { return r.V }
func (r *summaryRecord) version() int    { return r.V }
func (r *dimensionsRecord) version() int { return r.V }
func (r *draftRecord) version() int      { return r.V }
func (r *timeRecord) version() int       { return r.V }
func (r *flagRecord) version() int       { return r.V }
func (r *saltRecord) version() int       { return r.V }

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// idLen is the length of an id: 16 random bytes in base32.
const idLen = 26

// newID returns an opaque random id: 16 bytes from crypto/rand as 26
// lowercase base32 characters. Nothing in it says when or what.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails on supported systems (see crypto/rand)
	return idEncoding.EncodeToString(b[:])
}

// encode turns a record into JSON, keeping '<', '>' and '&' as written.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// put encodes, seals and stores a record.
func put(tx *bolt.Tx, sl sealer, bucket, key []byte, rec any) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucket)
	}
	plain, err := encode(rec)
	if err != nil {
		return err
	}
	sealed, err := sl.seal(bucket, key, plain)
	if err != nil {
		return err
	}
	return b.Put(key, sealed)
}

// decode opens and decodes a stored value into rec. The error names the
// bucket and key, never the content.
func decode(sl sealer, bucket, key, sealed []byte, rec versioned) error {
	plain, err := sl.open(bucket, key, sealed)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(plain, rec); err != nil {
		return fmt.Errorf("%w: the record %s/%s can't be read", journal.ErrDamaged, bucket, key)
	}
	return checkVersion(rec, bucket, key)
}

// checkVersion checks a decoded record's format version.
func checkVersion(rec versioned, bucket, key []byte) error {
	switch v := rec.version(); {
	case v == recordVersion:
		return nil
	case v > recordVersion:
		return fmt.Errorf("%w: the record %s/%s has format %d", journal.ErrTooNew, bucket, key, v)
	default:
		return fmt.Errorf("%w: the record %s/%s has no format version", journal.ErrDamaged, bucket, key)
	}
}

// get reads and decodes one record; found is false when the key is absent.
func get(tx *bolt.Tx, sl sealer, bucket, key []byte, rec versioned) (found bool, err error) {
	b := tx.Bucket(bucket)
	if b == nil {
		return false, fmt.Errorf("%w: bucket %s is missing", journal.ErrDamaged, bucket)
	}
	v := b.Get(key)
	if v == nil {
		return false, nil
	}
	return true, decode(sl, bucket, key, v, rec)
}

// copyDimensions returns a copy sharing no memory with ds; nil when empty,
// as the in-memory journal returns.
func copyDimensions(ds journal.Dimensions) journal.Dimensions {
	if len(ds) == 0 {
		return nil
	}
	out := make(journal.Dimensions, len(ds))
	for i, d := range ds {
		d.Prompts = append([]string(nil), d.Prompts...)
		out[i] = d
	}
	return out
}
