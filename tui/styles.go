package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Styles holds every style the screens use, built once from an adaptive
// palette so they read on light and dark backgrounds. With NO_COLOR set every
// style is plain (no colour, bold or reverse): state is always shown with a
// symbol too, never with colour alone.
type Styles struct {
	App      lipgloss.Style
	Header   lipgloss.Style
	Title    lipgloss.Style
	Subtle   lipgloss.Style
	Heading  lipgloss.Style
	Selected lipgloss.Style
	Normal   lipgloss.Style
	Status   lipgloss.Style
	Problem  lipgloss.Style
	Dialog   lipgloss.Style
	Focused  lipgloss.Style
	Blurred  lipgloss.Style
	Help     help.Styles
	// Large is the larger, clearer view for a shared screen (ctrl+t): the
	// root adds margins and space around the body, and a list may leave a
	// blank line between its rows (RowGap, JoinRows).
	Large   bool
	accents map[string]lipgloss.AdaptiveColor
	plain   bool
}

// Soft, calm tones; none of them stands for good or bad.
var (
	colText   = lipgloss.AdaptiveColor{Light: "#2b2b33", Dark: "#e6e4dc"}
	colSubtle = lipgloss.AdaptiveColor{Light: "#6b6b76", Dark: "#9a978e"}
	colAccent = lipgloss.AdaptiveColor{Light: "#1f6f78", Dark: "#7fc8c4"}
	colSelBg  = lipgloss.AdaptiveColor{Light: "#e3efef", Dark: "#2c3b3d"}
	colBorder = lipgloss.AdaptiveColor{Light: "#a8b8ba", Dark: "#4d5c5e"}
	colNote   = lipgloss.AdaptiveColor{Light: "#7a5a12", Dark: "#e5c07b"}
	// colStrong is the larger view's one text colour: near-black on a light
	// background, near-white on a dark one.
	colStrong = lipgloss.AdaptiveColor{Light: "#111111", Dark: "#f5f5f5"}
)

var accentColours = map[string]lipgloss.AdaptiveColor{
	"teal":   {Light: "#1f6f78", Dark: "#7fc8c4"},
	"blue":   {Light: "#2f5d9e", Dark: "#8ab4f8"},
	"violet": {Light: "#6a4c9c", Dark: "#c3a6f0"},
	"amber":  {Light: "#8a5a00", Dark: "#e5c07b"},
	"sand":   {Light: "#7c6a4f", Dark: "#d8c3a5"},
	"sky":    {Light: "#22708f", Dark: "#89d3f0"},
	"plum":   {Light: "#84426e", Dark: "#e0a3c8"},
	"slate":  {Light: "#4a5568", Dark: "#b4bccb"},
}

// NewStyles builds the styles; plain drops every colour and text attribute.
func NewStyles(plain bool) Styles { return newStyles(plain, false) }

// NewLargeStyles builds the larger, clearer view for a shared screen: the
// strongest text colour everywhere, nothing dim, bold headings and titles,
// the selection in reverse. Plain still drops every colour and attribute;
// the larger spacing applies all the same.
func NewLargeStyles(plain bool) Styles { return newStyles(plain, true) }

func newStyles(plain, large bool) Styles {
	switch {
	case plain:
		p := lipgloss.NewStyle()
		return Styles{
			App: p, Header: p, Title: p, Subtle: p, Heading: p, Selected: p, Normal: p,
			Status: p, Problem: p,
			Dialog:  p.Border(lipgloss.NormalBorder()).Padding(0, 1),
			Focused: p.Border(lipgloss.NormalBorder()),
			Blurred: p.Border(lipgloss.HiddenBorder()),
			Help:    help.Styles{ShortKey: p, ShortDesc: p, ShortSeparator: p, Ellipsis: p, FullKey: p, FullDesc: p, FullSeparator: p},
			Large:   large,
			plain:   true,
		}
	case large:
		return largeStyles()
	}
	base := lipgloss.NewStyle().Foreground(colText)
	subtle := lipgloss.NewStyle().Foreground(colSubtle)
	return Styles{
		App:      base,
		Header:   lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Title:    lipgloss.NewStyle().Foreground(colText).Bold(true),
		Subtle:   subtle,
		Heading:  lipgloss.NewStyle().Foreground(colAccent).Bold(true),
		Selected: lipgloss.NewStyle().Foreground(colText).Background(colSelBg).Bold(true),
		Normal:   base,
		Status:   lipgloss.NewStyle().Foreground(colAccent),
		Problem:  lipgloss.NewStyle().Foreground(colNote),
		Dialog:   lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 1),
		Focused:  lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent),
		Blurred:  lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colBorder),
		Help: help.Styles{
			ShortKey:       lipgloss.NewStyle().Foreground(colAccent),
			ShortDesc:      subtle,
			ShortSeparator: subtle,
			Ellipsis:       subtle,
			FullKey:        lipgloss.NewStyle().Foreground(colAccent),
			FullDesc:       subtle,
			FullSeparator:  subtle,
		},
		accents: accentColours,
	}
}

// largeStyles are the colour styles of the larger view.
func largeStyles() Styles {
	strong := lipgloss.NewStyle().Foreground(colStrong)
	bold := strong.Bold(true)
	return Styles{
		App:      strong,
		Header:   bold,
		Title:    bold,
		Subtle:   strong.Italic(true), // never faint or grey
		Heading:  bold,
		Selected: bold.Reverse(true),
		Normal:   strong,
		Status:   bold,
		Problem:  bold,
		Dialog:   lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(colStrong).Padding(0, 1),
		Focused:  lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(colStrong),
		Blurred:  lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(colStrong),
		Help: help.Styles{
			ShortKey:       bold,
			ShortDesc:      strong,
			ShortSeparator: strong,
			Ellipsis:       strong,
			FullKey:        bold,
			FullDesc:       strong,
			FullSeparator:  strong,
		},
		Large: true,
	}
}

// Accent styles a dimension's name in its own colour (in the larger view,
// the strongest text colour, in bold).
func (s Styles) Accent(colour string) lipgloss.Style {
	if s.plain {
		return lipgloss.NewStyle()
	}
	if s.Large {
		return lipgloss.NewStyle().Foreground(colStrong).Bold(true)
	}
	if c, ok := s.accents[colour]; ok {
		return lipgloss.NewStyle().Foreground(c)
	}
	return lipgloss.NewStyle().Foreground(colAccent)
}

// RowGap is how many blank lines a list leaves between its rows: one in the
// larger view, none otherwise. Screens opt in; a row's height is 1+RowGap.
func (s Styles) RowGap() int {
	if s.Large {
		return 1
	}
	return 0
}

// JoinRows puts list rows one under another, with a blank line between them
// in the larger view.
func (s Styles) JoinRows(rows []string) string {
	return strings.Join(rows, strings.Repeat("\n", 1+s.RowGap()))
}
