package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"
)

// jsonDoc walks a JSON file a value at a time, so an export of 100,000
// entries is never held twice, and every entry knows the line it starts on.
type jsonDoc struct {
	data  []byte
	dec   *json.Decoder
	lines *lineCounter
	file  string
	what  Format
}

func newJSONDoc(data []byte, file string, what Format) *jsonDoc {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return &jsonDoc{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineCounter(data), file: file, what: what}
}

// broken turns a decoding error into a whole-file problem naming the line.
func (d *jsonDoc) broken(err error) error {
	// Rescan the whole file for the exact place: the streaming decoder's
	// offsets are not always from the start of the file.
	var se *json.SyntaxError
	if rerr := json.Unmarshal(d.data, new(struct{})); errors.As(rerr, &se) {
		err = rerr
	}
	switch {
	case errors.As(err, &se):
		if se.Offset >= int64(len(d.data)) {
			return fileProblem(d.file, d.lines.at(len(d.data)), ErrUnreadable,
				"the file ends in the middle of its JSON; it may have been cut short, so nothing was imported")
		}
		return fileProblem(d.file, d.lines.at(int(max(se.Offset-1, 0))), ErrUnreadable,
			"the JSON is broken here, so nothing was imported; the file may be damaged or edited by hand")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fileProblem(d.file, d.lines.at(len(d.data)), ErrUnreadable,
			"the file ends in the middle of its JSON; it may have been cut short, so nothing was imported")
	}
	return fileProblem(d.file, 0, ErrUnreadable, "the JSON couldn't be read, so nothing was imported")
}

// notThis says the file is JSON, but not the format expected.
func (d *jsonDoc) notThis(line int, why string) error {
	return fileProblem(d.file, line, ErrWrongFormat, fmt.Sprintf("this isn't a %s: %s", d.what.Label(), why))
}

// object walks the top-level object, calling fn with each key; fn must read
// the key's value (with array, decode or skip).
func (d *jsonDoc) object(fn func(key string) error) error {
	if len(bytes.TrimSpace(d.data)) == 0 {
		return d.notThis(0, "the file is empty")
	}
	tok, err := d.dec.Token()
	if err != nil {
		return d.broken(err)
	}
	if tok != json.Delim('{') {
		return d.notThis(1, "it doesn't start with a JSON object")
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return d.broken(err)
		}
		key, _ := tok.(string)
		if err := fn(key); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return d.broken(err)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		if err != nil {
			return d.broken(err)
		}
		return fileProblem(d.file, d.lines.at(int(d.dec.InputOffset())), ErrUnreadable,
			"there's more after the end of the JSON, so nothing was imported; the file may be damaged")
	}
	return nil
}

// array walks an array value, calling fn for each element with the offset
// it starts at; fn must read the element. null is an empty array.
func (d *jsonDoc) array(key string, fn func(start int) error) error {
	line := d.lines.at(d.nextOffset())
	tok, err := d.dec.Token()
	if err != nil {
		return d.broken(err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return d.notThis(line, fmt.Sprintf("%q should be a list", key))
	}
	for d.dec.More() {
		if err := fn(d.nextOffset()); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return d.broken(err)
	}
	return nil
}

// nextOffset is where the next value starts: after the decoder's offset,
// past white space, commas and colons.
func (d *jsonDoc) nextOffset() int {
	off := int(d.dec.InputOffset())
	for off < len(d.data) {
		switch d.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// skip reads and drops a value.
func (d *jsonDoc) skip() error {
	var v json.RawMessage
	if err := d.dec.Decode(&v); err != nil {
		return d.broken(err)
	}
	return nil
}

// decodeEntry reads the element starting at start into v, a pointer to a
// fresh struct. A value of the wrong type in a field, or a date that isn't
// right, leaves the entry out (ok false, with a problem naming the line and
// field); broken JSON stops the whole import.
func (d *jsonDoc) decodeEntry(v any, sk *skipper, start int) (ok bool, err error) {
	err = d.dec.Decode(v)
	if err == nil {
		return true, nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return false, d.broken(err)
	}
	// The value was read whole; find which field would not go in.
	line := d.lines.at(start)
	end := int(d.dec.InputOffset())
	if end < start || end > len(d.data) {
		end = start
	}
	field, reason := badField(d.data[start:end], reflect.TypeOf(v).Elem(), err)
	sk.skip(line, field, reason)
	return false, nil
}

// badField finds the first top-level field of an object that fails to
// decode into a value of type t, and says what is wrong with it.
func badField(raw []byte, t reflect.Type, err error) (field, reason string) {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) && ute.Field == "" {
		return "", "this entry isn't a JSON object as expected, so it was left out"
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil && t.Kind() == reflect.Struct {
		// Keys in the order they appear, so the first bad one is named.
		keys := orderedKeys(raw)
		for _, k := range keys {
			one, _ := json.Marshal(map[string]json.RawMessage{k: fields[k]})
			probe := reflect.New(t).Interface()
			if perr := json.Unmarshal(one, probe); perr != nil {
				return fieldPath(k, perr), fieldReason(fields[k], perr)
			}
		}
	}
	if errors.As(err, &ute) {
		return ute.Field, fieldReason(nil, err)
	}
	return "", "this entry couldn't be read, so it was left out"
}

// orderedKeys lists an object's top-level keys in order.
func orderedKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var keys []string
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

func fieldPath(key string, err error) string {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) && ute.Field != "" {
		return ute.Field
	}
	return key
}

func fieldReason(raw json.RawMessage, err error) string {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return fmt.Sprintf("this should be %s, so the entry was left out", jsonKind(ute.Type))
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("that date doesn't look right (%s), so the entry was left out", quote(pe.Value))
	}
	_ = raw
	return "this couldn't be read, so the entry was left out"
}

// jsonKind names a Go type as JSON a person might recognise.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "something else"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text in quotes"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32, reflect.Uint, reflect.Uint64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		if t.String() == "time.Time" {
			return "a date like \"2026-05-01T10:00:00Z\""
		}
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "something else"
}
