package exchange

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/waymark-journal/waymark/journal"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// berlin is where the jrnl fixtures were written, for every test that reads local times.
var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what was written; run with -update if the change is meant.\n--- got ---\n%s", name, got)
	}
}

func importBytesT(t testing.TB, data []byte, f Format, opts ImportOptions) *Imported {
	t.Helper()
	imp, err := Import(bytes.NewReader(data), f, opts)
	if err != nil {
		t.Fatalf("Import(%s): %v", f, err)
	}
	return imp
}

// checkImported holds for every import: each entry has a usable id, passes
// journal.Prepare unchanged, is valid UTF-8 and fits in one entry; every
// problem reads as a sentence.
func checkImported(t testing.TB, imp *Imported) {
	t.Helper()
	for i, e := range imp.Entries {
		if !validID(e.ID) {
			t.Fatalf("entry %d has id %q", i, e.ID)
		}
		p, err := journal.Prepare(e)
		if err != nil {
			t.Fatalf("entry %d doesn't pass Prepare: %v", i, err)
		}
		// Prepare may swap an empty list for nil; nothing else may change.
		if a, b := mustJSON(t, p), mustJSON(t, e); !bytes.Equal(a, b) {
			t.Fatalf("entry %d changes under Prepare:\n%s\n%s", i, b, a)
		}
		if !utf8.ValidString(e.Text) || !utf8.ValidString(e.Title) {
			t.Fatalf("entry %d holds invalid UTF-8", i)
		}
		for _, tag := range e.Tags {
			if !utf8.ValidString(tag) {
				t.Fatalf("entry %d has an invalid tag", i)
			}
		}
		if len(e.Text) > journal.MaxTextBytes {
			t.Fatalf("entry %d is over the limit", i)
		}
	}
	for _, p := range imp.Skipped {
		if msg := p.Error(); msg == "" || !utf8.ValidString(msg) {
			t.Fatalf("problem %#v reads %q", p, msg)
		}
	}
}

// normalized gives entries with every time in UTC, so entries that went
// through JSON compare equal when they name the same instants.
func normalized(es []journal.Entry) []journal.Entry {
	out := make([]journal.Entry, len(es))
	for i, e := range es {
		e.When, e.Created, e.Updated, e.Trashed = utc(e.When), utc(e.Created), utc(e.Updated), utc(e.Trashed)
		if e.Goal != nil {
			g := *e.Goal
			g.Revisit = utc(g.Revisit)
			g.Steps = append([]journal.Step(nil), g.Steps...)
			for j := range g.Steps {
				g.Steps[j].DoneAt = utc(g.Steps[j].DoneAt)
			}
			g.History = append([]journal.StatusChange(nil), g.History...)
			for j := range g.History {
				g.History[j].At = utc(g.History[j].At)
			}
			g.Notes = append([]journal.ProgressNote(nil), g.Notes...)
			for j := range g.Notes {
				g.Notes[j].At = utc(g.Notes[j].At)
			}
			e.Goal = &g
		}
		out[i] = e
	}
	return out
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		// Times outside what JSON holds can't be compared this way.
		return []byte(fmt.Sprintf("%#v", v))
	}
	return b
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Round(0)
}

func wantIs(t *testing.T, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v, want one that is %v", err, kind)
	}
	var p Problem
	if !errors.As(err, &p) {
		t.Fatalf("error %T isn't a Problem", err)
	}
}

// fernetEncrypt builds a Fernet token per the spec, with the IV and time
// given, so tests can check against the spec's vector and make jrnl v2/v3
// journals exactly as jrnl does.
func fernetEncrypt(key, iv []byte, ts int64, plain []byte) []byte {
	block, err := aes.NewCipher(key[16:])
	if err != nil {
		panic(err)
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	padded := append(append([]byte(nil), plain...), bytes.Repeat([]byte{byte(pad)}, pad)...)
	ct := make([]byte, len(padded))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, padded)
	tok := []byte{0x80}
	tok = binary.BigEndian.AppendUint64(tok, uint64(ts))
	tok = append(tok, iv...)
	tok = append(tok, ct...)
	m := hmac.New(sha256.New, key[:16])
	m.Write(tok)
	tok = m.Sum(tok)
	return []byte(base64.URLEncoding.EncodeToString(tok))
}

func ptr(v int) *int { return &v }

// sample is a small journal with every kind and part of an entry.
func sample() (journal.Dimensions, []journal.Entry) {
	dims := journal.Dimensions{
		{ID: "dhealthaaaaaaaaaaaaaaaaaaa", Name: "Health", Prompt: "Feeling well in my own way.", Colour: "teal", Order: 0,
			Prompts: []string{"What helped this week, even a little?"}},
		{ID: "dhomeaaaaaaaaaaaaaaaaaaaaa", Name: "Home", Colour: "blue", Order: 1},
		{ID: "dpurposeaaaaaaaaaaaaaaaaaa", Name: "Purpose", Colour: "violet", Order: 2, Archived: true},
	}
	day := func(d, h, m int) time.Time { return time.Date(2026, time.May, d, h, m, 0, 0, time.UTC) }
	brisbane := time.FixedZone("AEST", 10*3600)
	entries := []journal.Entry{
		{
			ID: "e1aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindReflection,
			When: day(1, 9, 30), Created: day(1, 9, 31), Updated: day(2, 8, 0),
			Dimensions: []string{"dhealthaaaaaaaaaaaaaaaaaaa"}, Tags: []string{"hope", "starred"},
			Text:   "Slept well for the first time in ages.\n\nWalked to the **park** & back — 20 minutes. <3",
			Prompt: "What helped this week, even a little?", Author: journal.AuthorMe,
		},
		{
			ID: "e2aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindHope,
			When:       time.Date(2026, time.May, 2, 18, 0, 0, 0, brisbane),
			Created:    time.Date(2026, time.May, 2, 18, 5, 0, 0, brisbane),
			Updated:    time.Date(2026, time.May, 2, 18, 5, 0, 0, brisbane),
			Dimensions: []string{"dhomeaaaaaaaaaaaaaaaaaaaaa", "dpurposeaaaaaaaaaaaaaaaaaa"},
			Text:       "To have people over for dinner again. 🍲", Author: journal.AuthorTogether, Session: "s1",
		},
		{
			ID: "e3aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindGoal,
			When: day(3, 10, 0), Created: day(3, 10, 0), Updated: day(10, 19, 0),
			Dimensions: []string{"dhealthaaaaaaaaaaaaaaaaaaa"},
			Title:      "Walk to the park on Sundays", Text: "Start small.",
			Goal: &journal.Goal{
				Why: "Being outside helps me think.",
				Steps: []journal.Step{
					{Text: "Find my walking shoes", Done: true, DoneAt: day(4, 12, 0)},
					{Text: "Walk to the corner and back"},
				},
				Strengths: []string{"patience", "I like mornings"},
				Supports:  []string{"my sister Anna"},
				Revisit:   day(31, 9, 0),
				Status:    journal.GoalResting,
				History: []journal.StatusChange{
					{Status: journal.GoalActive, At: day(3, 10, 0)},
					{Status: journal.GoalResting, At: day(10, 19, 0)},
				},
				Notes: []journal.ProgressNote{{At: day(8, 17, 0), Text: "Rain, so I stayed in. That's ok."}},
			},
		},
		{
			ID: "e4aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindCheckIn,
			When: day(6, 20, 0), Created: day(6, 20, 0), Updated: day(6, 20, 0),
			Dimensions: []string{"dhealthaaaaaaaaaaaaaaaaaaa", "dhomeaaaaaaaaaaaaaaaaaaaaa"},
			CheckIn: &journal.CheckIn{Answers: []journal.Answer{
				{Dimension: "dhealthaaaaaaaaaaaaaaaaaaa", Value: ptr(6), Word: "steady", Note: "slept better"},
				{Dimension: "dhomeaaaaaaaaaaaaaaaaaaaaa", Word: "noisy | loud"},
				{Dimension: "dhomeaaaaaaaaaaaaaaaaaaaaa", Value: ptr(5), By: journal.AuthorSupporter},
				{Dimension: "dpurposeaaaaaaaaaaaaaaaaaa", Value: ptr(0)},
			}},
		},
		{
			ID: "e5aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindReflection,
			When: day(7, 22, 15), Created: day(7, 22, 15), Updated: day(9, 7, 0), Trashed: day(9, 7, 0),
			Text: "Pasted from a chat: \x1b[31mred\x1b[0m and \x1b]0;title\x07 stay as data.\tA tab too.",
		},
		{
			ID: "e6aaaaaaaaaaaaaaaaaaaaaaaa", Kind: journal.KindSupport,
			When: day(8, 9, 0), Created: day(8, 9, 0), Updated: day(8, 9, 0),
			Text: "Anna: call after 6pm.", Author: journal.AuthorSupporter,
		},
	}
	return dims, entries
}

// prepared returns entries as journal.Prepare leaves them.
func prepared(t testing.TB, es []journal.Entry) []journal.Entry {
	t.Helper()
	out := make([]journal.Entry, len(es))
	for i, e := range es {
		p, err := journal.Prepare(e)
		if err != nil {
			t.Fatalf("sample entry %d: %v", i, err)
		}
		out[i] = p
	}
	return out
}
