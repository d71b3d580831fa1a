package tui

import (
	"fmt"
	tea "github.com/charmbracelet/bubbletea"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

// wrap fits text to a width, breaking at spaces. The text is made safe first:
// whatever is stored reaches the terminal only through here or safeLine.
func wrap(text string, width int) string {
	text = termsafe.Text(text)
	if width <= 0 {
		return text
	}
	return lipgloss.NewStyle().Width(width).Render(text)
}

// safeLine is stored text made safe for a single line and cut to width.
func safeLine(text string, width int) string {
	return truncate(termsafe.Line(text), width)
}

// summaryRow is one entry on one line: when, kind, areas and its first words.
// The timeline and home share it so entries look the same everywhere.
func summaryRow(c *common, s journal.Summary, width int, selected bool) string {
	st := c.styles
	marker := "  "
	if selected {
		marker = "› "
	}
	when := fmt.Sprintf("%-16s", c.formatWhen(s.When))
	kind := fmt.Sprintf("%-12s", safeLine(s.Kind.Label(), 11))
	areas := strings.Join(c.dimensionNames(s.Dimensions), ", ")
	title := s.Title
	if s.Kind == journal.KindCheckIn {
		// A check-in's line is its own ratings, area by area, never a total,
		// then its note if it has one.
		areas = ""
		title = strings.Join(nonEmpty(ratingsLine(c, s.Ratings), s.Title), " · ")
	}
	lead := marker + when + kind
	if areas != "" {
		areas = safeLine(areas, 24) + " · "
	}
	rest := safeLine(areas+title, max(width-len([]rune(lead)), 1))
	if selected {
		return truncate(st.Selected.Render(lead+rest), width)
	}
	return truncate(st.Subtle.Render(lead)+st.Normal.Render(rest), width)
}

// ratingsLine lists a check-in's ratings in the person's order of areas.
func ratingsLine(c *common, ratings map[string]int) string {
	var parts []string
	for _, d := range c.dims.Sorted() {
		if v, ok := ratings[d.ID]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", d.Name, v))
		}
	}
	return strings.Join(parts, " · ")
}

// openSummary opens an entry on the screen that suits its kind: a goal on its
// own page (steps, notes, status), anything else in the reader.
func openSummary(c *common, s journal.Summary) tea.Cmd {
	if s.Kind == journal.KindGoal && !s.InTrash() {
		return push(newGoalScreen(c, s.ID))
	}
	return push(newReadScreen(c, s.ID))
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
