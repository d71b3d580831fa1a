package exchange

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
	"time"
)

// Detect guesses a file's format from its name and its first bytes (give it
// at least HeadBytes when the file is that long). What the bytes say wins
// over the name:
//
//   - a zip is a Day One export;
//   - JSON with "format": "waymark" is a Waymark export; JSON with
//     "metadata" and "entries", or entries with "uuid" and "creationDate",
//     is Day One; JSON with "tags" and "entries" is a jrnl JSON export;
//   - text with a line starting "[2021-03-04 09:15] " is a jrnl journal;
//   - an encrypted jrnl journal is FormatJrnl with an error wrapping
//     ErrNeedsPassword.
//
// When it can't tell, the error wraps ErrUnknownFormat.
func Detect(name string, head []byte) (Format, error) {
	file := name
	if file != "" {
		file = path.Base(strings.ReplaceAll(name, `\`, "/"))
	}
	unknown := func(why string) error {
		return fileProblem(file, 0, ErrUnknownFormat, why+"; name its format (waymark, jrnl, jrnl-json or dayone) to import it")
	}
	if len(head) > HeadBytes {
		head = head[:HeadBytes]
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return FormatDayOne, nil
	case bytes.HasPrefix(head, []byte(jrnlV3Magic)):
		return FormatJrnl, fileProblem(file, 0, ErrNeedsPassword, "this journal is encrypted by jrnl (v3); give its password to import it")
	case looksLikeFernet(head) || (len(head) == HeadBytes && looksLikeFernet(head[:HeadBytes-HeadBytes%4])):
		return FormatJrnl, fileProblem(file, 0, ErrNeedsPassword, "this journal is encrypted by jrnl (v2); give its password to import it")
	}

	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(text) == 0 {
		return "", unknown("Waymark can't tell what kind of file this is, because it's empty")
	}
	if text[0] == '{' {
		if f := detectJSON(text); f != "" {
			return f, nil
		}
		return "", unknown("this is JSON, but not a kind Waymark knows")
	}
	if hasJrnlDateLine(head) {
		return FormatJrnl, nil
	}
	ext := strings.ToLower(path.Ext(file))
	switch ext {
	case ".zip":
		return "", unknown("this is named like a zip, but it isn't one Waymark can read")
	case ".json":
		return "", unknown("this is named like JSON, but it doesn't start like JSON")
	}
	return "", unknown("Waymark can't tell what kind of file this is")
}

// detectJSON looks at the keys near the start of a JSON object, stopping
// quietly where the head is cut off.
func detectJSON(head []byte) Format {
	dec := json.NewDecoder(bytes.NewReader(head))
	top := map[string]bool{}
	entryKeys := map[string]bool{}
	formatValue := ""
	// One frame per open object or array; in an object, keys and values alternate.
	type frame struct {
		object    bool
		expectKey bool
		key       string // the key whose value is being read
	}
	var stack []frame
	// value notes that a value (scalar or closed container) ended in the top frame.
	value := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].expectKey = true
		}
	}
	inEntries := func() bool {
		// [top object] -> "entries" array -> entry object
		return len(stack) == 3 && stack[0].key == "entries" && !stack[1].object && stack[2].object
	}
	for steps := 0; steps < 100000; steps++ {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, frame{object: d == '{', expectKey: d == '{'})
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				value()
			}
			continue
		}
		n := len(stack)
		if n > 0 && stack[n-1].object && stack[n-1].expectKey {
			key, _ := tok.(string)
			stack[n-1].key = key
			stack[n-1].expectKey = false
			switch {
			case n == 1:
				top[key] = true
			case inEntries():
				entryKeys[key] = true
			}
			continue
		}
		if n == 1 && stack[0].key == "format" {
			formatValue, _ = tok.(string)
			if formatValue == string(FormatWaymark) {
				return FormatWaymark
			}
		}
		value()
	}
	switch {
	case formatValue == string(FormatWaymark):
		return FormatWaymark
	case top["metadata"] && (top["entries"] || len(top) == 1):
		return FormatDayOne
	case entryKeys["uuid"] && entryKeys["creationDate"], entryKeys["creationDate"] && entryKeys["text"]:
		return FormatDayOne
	case top["tags"] && top["entries"]:
		return FormatJrnlJSON
	case top["entries"] && entryKeys["title"] && entryKeys["body"] && entryKeys["date"]:
		return FormatJrnlJSON
	case top["tags"] && len(top) == 1:
		// jrnl writes "tags" first; a short head may end inside it.
		return FormatJrnlJSON
	}
	return ""
}

// hasJrnlDateLine reports whether a line of head starts with a jrnl date in
// brackets followed by a space or the end of the line.
func hasJrnlDateLine(head []byte) bool {
	dates, _ := newJrnlDates("", time.UTC)
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		if len(line) < 3 || line[0] != '[' {
			continue
		}
		close := bytes.IndexByte(line, ']')
		if close < 2 || close > 66 {
			continue
		}
		if rest := line[close+1:]; len(rest) > 0 && rest[0] != ' ' && rest[0] != '\r' {
			continue
		}
		if _, ok, _ := dates.parse(string(line[1:close])); ok {
			return true
		}
	}
	return false
}
