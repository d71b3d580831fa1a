package tui

// Placeholders until the timeline, read and life-area screens land.

import "github.com/waymark-journal/waymark/journal"

func newTimelineScreen(c *common, q journal.Query) screen { return newStartScreen(c) }
func newReadScreen(c *common, id string) screen           { return newStartScreen(c) }
func newDimensionsScreen(c *common) screen                { return newStartScreen(c) }
