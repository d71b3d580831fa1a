package tui

import (
	"github.com/charmbracelet/lipgloss"
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
