package journal

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Dimension is a life area the person chooses to attend to. The set is theirs:
// they can rename, reorder, archive and extend it at any time.
type Dimension struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Prompt is a short line in the person's own words about this area.
	Prompt string `json:"prompt,omitempty"`
	// Colour names an accent from the palette (see Palette); never a judgement.
	Colour   string `json:"colour,omitempty"`
	Order    int    `json:"order"`
	Archived bool   `json:"archived,omitempty"`
	// Prompts are optional reflection prompts offered when writing in this area.
	Prompts []string `json:"prompts,omitempty"`
}

// Palette is the set of accent colour names a dimension can take. Screens map
// each name to a colour that reads on light and dark backgrounds; none of them
// means good or bad.
var Palette = []string{"teal", "blue", "violet", "amber", "sand", "sky", "plum", "slate"}

// MaxDimensionName bounds a dimension's name so it fits a column on screen.
const MaxDimensionName = 32

// Dimension editing errors, written for the person.
var (
	ErrDimensionNameEmpty = errors.New("A life area needs a name.")
	ErrDimensionNameLong  = fmt.Errorf("That name is a little long; try %d characters or fewer.", MaxDimensionName)
	ErrDimensionNotFound  = errors.New("That life area isn't in this journal.")
)

// DuplicateNameError says a name is already taken by another dimension.
type DuplicateNameError struct{ Name string }

func (e DuplicateNameError) Error() string {
	return fmt.Sprintf("There's already a life area called %q.", e.Name)
}

// Dimensions is a person's set of dimensions. Its methods return a new set and
// leave the receiver untouched, so a screen can offer an edit and throw it away.
type Dimensions []Dimension

// Sorted returns the set in the person's order.
func (ds Dimensions) Sorted() Dimensions {
	out := append(Dimensions(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}

// Active returns the dimensions not archived, in order.
func (ds Dimensions) Active() Dimensions {
	var out Dimensions
	for _, d := range ds.Sorted() {
		if !d.Archived {
			out = append(out, d)
		}
	}
	return out
}

// ByID finds a dimension by id.
func (ds Dimensions) ByID(id string) (Dimension, bool) {
	for _, d := range ds {
		if d.ID == id {
			return d, true
		}
	}
	return Dimension{}, false
}

// ByName finds a dimension by name, ignoring case and surrounding space.
func (ds Dimensions) ByName(name string) (Dimension, bool) {
	name = strings.TrimSpace(name)
	for _, d := range ds {
		if strings.EqualFold(d.Name, name) {
			return d, true
		}
	}
	return Dimension{}, false
}

// Names returns the names of the dimension ids given, in the set's order,
// skipping ids the set doesn't hold.
func (ds Dimensions) Names(ids []string) []string {
	var names []string
	for _, d := range ds.Sorted() {
		for _, id := range ids {
			if d.ID == id {
				names = append(names, d.Name)
				break
			}
		}
	}
	return names
}

// Add appends a new dimension with the given id and name and returns the new set.
func (ds Dimensions) Add(id, name string) (Dimensions, Dimension, error) {
	name, err := ds.checkName("", name)
	if err != nil {
		return ds, Dimension{}, err
	}
	d := Dimension{ID: id, Name: name, Order: ds.nextOrder(), Colour: Palette[len(ds)%len(Palette)]}
	out := append(append(Dimensions(nil), ds...), d)
	return out, d, nil
}

// Rename gives a dimension a new name.
func (ds Dimensions) Rename(id, name string) (Dimensions, error) {
	name, err := ds.checkName(id, name)
	if err != nil {
		return ds, err
	}
	return ds.change(id, func(d *Dimension) { d.Name = name })
}

// SetPrompt sets the short line in the person's words about a dimension.
func (ds Dimensions) SetPrompt(id, prompt string) (Dimensions, error) {
	prompt = strings.TrimSpace(RepairText(prompt))
	return ds.change(id, func(d *Dimension) { d.Prompt = prompt })
}

// MaxPrompts bounds how many reflection prompts one area keeps.
const MaxPrompts = 50

// SetPrompts replaces an area's reflection prompts: each trimmed, blank and
// repeated ones dropped, in the person's order.
func (ds Dimensions) SetPrompts(id string, prompts []string) (Dimensions, error) {
	var kept []string
	seen := map[string]bool{}
	for _, p := range prompts {
		p = strings.Join(strings.Fields(RepairText(p)), " ")
		if p == "" || seen[p] || len(kept) == MaxPrompts {
			continue
		}
		seen[p] = true
		kept = append(kept, p)
	}
	return ds.change(id, func(d *Dimension) { d.Prompts = kept })
}

// SetArchived archives a dimension or brings it back. Archiving hides it from
// choices; its entries keep it.
func (ds Dimensions) SetArchived(id string, archived bool) (Dimensions, error) {
	return ds.change(id, func(d *Dimension) { d.Archived = archived })
}

// Move shifts a dimension up (delta < 0) or down (delta > 0) in the person's
// order and renumbers the set 0..n-1. Moving past either end stays at the end.
func (ds Dimensions) Move(id string, delta int) (Dimensions, error) {
	sorted := ds.Sorted()
	from := -1
	for i, d := range sorted {
		if d.ID == id {
			from = i
		}
	}
	if from < 0 {
		return ds, ErrDimensionNotFound
	}
	to := min(max(from+delta, 0), len(sorted)-1)
	d := sorted[from]
	sorted = append(sorted[:from], sorted[from+1:]...)
	sorted = append(sorted[:to], append(Dimensions{d}, sorted[to:]...)...)
	for i := range sorted {
		sorted[i].Order = i
	}
	return sorted, nil
}

func (ds Dimensions) change(id string, f func(*Dimension)) (Dimensions, error) {
	out := append(Dimensions(nil), ds...)
	for i := range out {
		if out[i].ID == id {
			f(&out[i])
			return out, nil
		}
	}
	return ds, ErrDimensionNotFound
}

func (ds Dimensions) checkName(selfID, name string) (string, error) {
	name = strings.Join(strings.Fields(RepairText(name)), " ")
	if name == "" {
		return "", ErrDimensionNameEmpty
	}
	if utf8.RuneCountInString(name) > MaxDimensionName {
		return "", ErrDimensionNameLong
	}
	if other, ok := ds.ByName(name); ok && other.ID != selfID {
		return "", DuplicateNameError{Name: other.Name}
	}
	return name, nil
}

func (ds Dimensions) nextOrder() int {
	next := 0
	for _, d := range ds {
		next = max(next, d.Order+1)
	}
	return next
}
