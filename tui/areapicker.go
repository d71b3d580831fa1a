package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/waymark-journal/waymark/journal"
)

// areaPicker chooses the life areas an entry belongs to: the active areas as
// chips, moved through with ←/→ and chosen with space. The writing and goal
// screens share it.
type areaPicker struct {
	c      *common
	at     int
	chosen map[string]bool
	// kept are the ids the entry had at first, so an area archived or gone
	// since is not dropped by editing.
	kept []string
}

var (
	pickerLeft   = key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "move"))
	pickerRight  = key.NewBinding(key.WithKeys("right", "l"))
	pickerToggle = key.NewBinding(key.WithKeys(" ", "enter", "x"), key.WithHelp("space", "choose"))
)

func newAreaPicker(c *common, ids []string) areaPicker {
	p := areaPicker{c: c, chosen: map[string]bool{}, kept: append([]string(nil), ids...)}
	for _, id := range ids {
		p.chosen[id] = true
	}
	return p
}

// update handles a key and reports whether the choice changed.
func (p *areaPicker) update(msg tea.KeyMsg) bool {
	active := p.c.dims.Active()
	if len(active) == 0 {
		return false
	}
	switch {
	case key.Matches(msg, pickerLeft):
		p.at = max(p.at-1, 0)
	case key.Matches(msg, pickerRight):
		p.at = min(p.at+1, len(active)-1)
	case key.Matches(msg, pickerToggle):
		id := active[min(p.at, len(active)-1)].ID
		p.chosen[id] = !p.chosen[id]
		return true
	}
	return false
}

// ids are the chosen areas in the person's order, then any the set no longer
// knows that the entry already had.
func (p *areaPicker) ids() []string {
	var ids []string
	for _, d := range p.c.dims.Sorted() {
		if p.chosen[d.ID] {
			ids = append(ids, d.ID)
		}
	}
	for _, id := range p.kept {
		if _, known := p.c.dims.ByID(id); p.chosen[id] && !known {
			ids = append(ids, id)
		}
	}
	return ids
}

// rows draws the chips within width; the focused chip carries a marker, so
// it shows without colour too.
func (p *areaPicker) rows(focused bool, width int) []string {
	st := p.c.styles
	active := p.c.dims.Active()
	if len(active) == 0 {
		return []string{st.Subtle.Render(truncate("No life areas yet (add them from home with a)", width))}
	}
	chips := make([]string, 0, len(active))
	for i, d := range active {
		mark := "[ ]"
		if p.chosen[d.ID] {
			mark = "[x]"
		}
		chip := mark + " " + safeLine(d.Name, journal.MaxDimensionName)
		if focused && i == p.at {
			chip = st.Selected.Render("›" + chip)
		} else {
			chip = " " + st.Accent(d.Colour).Render(chip)
		}
		chips = append(chips, chip)
	}
	return flowChips(chips, width)
}
