package tui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
)

// checkInMaxWidth keeps the scale and its labels together on a wide window.
const checkInMaxWidth = 72

// answerWordRunes is the longest answer kept as "a word", shown beside the
// rating; anything longer is kept as a note, shown whole below it.
const answerWordRunes = 40

// ratingMiddle is where the first arrow press lands on an unrated area.
const ratingMiddle = 5

// checkInWordHint stands in the word field until something is written there.
const checkInWordHint = "tab to write"

// checkInQuestionToLeave is asked before a check-in with answers is let go.
const checkInQuestionToLeave = "Leave this check-in? What you've answered so far won't be kept. y / n"

// checkInScreen walks through the active life areas one at a time: a rating
// from 0 to 10 and a word or a note, each optional, then a summary to save.
// The ratings are kept area by area and never added up.
type checkInScreen struct {
	c    *common
	keys checkInKeys

	areas   journal.Dimensions
	answers []checkInAnswer
	// at is the area on screen; len(areas) is the summary.
	at     int
	typing bool // the word field has focus
	input  textinput.Model
	asking bool // "leave this check-in?" is showing
	saving bool

	// In a session together each area can also take the supporter's
	// reading, kept after the person's: session is the session's id,
	// support the supporter's answers, bySupporter whose is being entered.
	session     string
	support     []checkInAnswer
	bySupporter bool

	width  int
	height int
}

// checkInAnswer is one area's answer while the check-in is open.
type checkInAnswer struct {
	value int
	rated bool
	word  string
}

type checkInKeys struct {
	Lower, Higher, Number, Ten, Word, Next, Skip, Prev, Leave key.Binding
	Done, Save, Back                                          key.Binding
	// Whose switches between the person's reading and a supporter's (in a session).
	Whose key.Binding
}

func newCheckInKeys() checkInKeys {
	return checkInKeys{
		Lower:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "lower")),
		Higher: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "higher")),
		Number: key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("0–9", "a number")),
		Ten:   key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "ten")),
		Word:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "a word or a note")),
		Next:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next area")),
		Skip:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip this area")),
		Prev:  key.NewBinding(key.WithKeys("backspace", "shift+tab"), key.WithHelp("backspace", "previous area")),
		Leave: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
		Done:  key.NewBinding(key.WithKeys("tab", "shift+tab", "esc"), key.WithHelp("tab/esc", "done")),
		Save:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Back:  key.NewBinding(key.WithKeys("esc", "backspace", "shift+tab"), key.WithHelp("esc", "back")),
		Whose: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "whose reading")),
	}
}

type checkInSavedMsg struct {
	owner *checkInScreen
	err   error
}

func newCheckInScreen(c *common) screen {
	in := textinput.New()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Prompt = ""
	in.Placeholder = checkInWordHint
	in.PlaceholderStyle = c.styles.Subtle
	in.TextStyle = c.styles.Normal
	in.CharLimit = 1000
	s := &checkInScreen{c: c, keys: newCheckInKeys(), input: in}
	if c.session != nil {
		s.session = c.session.id
	}
	s.setAreas(c.dims.Active())
	return s
}

func (s *checkInScreen) setAreas(areas journal.Dimensions) {
	s.areas = areas
	s.answers = make([]checkInAnswer, len(areas))
	s.support = make([]checkInAnswer, len(areas))
	s.bySupporter = false
	s.at = 0
	s.input.Reset()
}

func (s *checkInScreen) Init() tea.Cmd { return nil }

func (s *checkInScreen) Title() string { return "Check-in" }

func (s *checkInScreen) Typing() bool { return s.typing && !s.asking }

func (s *checkInScreen) onSummary() bool { return s.at >= len(s.areas) }

// answered reports whether anything has been rated or written yet.
func (s *checkInScreen) answered() bool {
	for _, a := range append(s.answers, s.support...) {
		if a.rated || strings.TrimSpace(a.word) != "" {
			return true
		}
	}
	return false
}

// current is the answer being entered: the person's, or in a session the
// supporter's when they have switched to it.
func (s *checkInScreen) current() *checkInAnswer {
	if s.bySupporter {
		return &s.support[s.at]
	}
	return &s.answers[s.at]
}

func (s *checkInScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dimensionsLoadedMsg:
		if msg.err != nil {
			return nil
		}
		if !s.answered() && s.at == 0 && !s.typing {
			s.setAreas(msg.dims.Active())
			return nil
		}
		// Keep the walk as it is; only names and prompts follow a change.
		for i, d := range s.areas {
			if nd, ok := msg.dims.ByID(d.ID); ok {
				s.areas[i] = nd
			}
		}
	case checkInSavedMsg:
		if msg.owner != s {
			return nil
		}
		s.saving = false
		if msg.err != nil {
			return problem(msg.err)
		}
		return tea.Batch(pop, status("Saved."), changed)
	case tea.KeyMsg:
		return s.handleKey(msg)
	}
	return nil
}

func (s *checkInScreen) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := s.keys
	if s.asking {
		switch {
		case key.Matches(msg, keyYes):
			s.asking = false
			return pop
		case key.Matches(msg, keyNo):
			s.asking = false
		}
		return nil
	}
	if len(s.areas) == 0 {
		if key.Matches(msg, k.Leave) {
			return pop
		}
		return nil
	}
	if s.typing {
		switch {
		case key.Matches(msg, k.Next):
			s.blurWord()
			s.move(1)
		case key.Matches(msg, k.Done):
			s.blurWord()
		default:
			var cmd tea.Cmd
			s.input, cmd = s.input.Update(msg)
			s.current().word = s.input.Value()
			return cmd
		}
		return nil
	}
	if s.onSummary() {
		switch {
		case key.Matches(msg, k.Save):
			return s.save()
		case key.Matches(msg, k.Back):
			s.move(-1)
		}
		return nil
	}
	a := s.current()
	if v, ok := typedRating(msg); ok {
		a.value, a.rated = v, true
		return nil
	}
	switch {
	case key.Matches(msg, k.Lower):
		if !a.rated {
			a.value, a.rated = ratingMiddle, true
		} else {
			a.value = max(a.value-1, journal.RatingMin)
		}
	case key.Matches(msg, k.Higher):
		if !a.rated {
			a.value, a.rated = ratingMiddle, true
		} else {
			a.value = min(a.value+1, journal.RatingMax)
		}
	case key.Matches(msg, k.Ten):
		a.value, a.rated = journal.RatingMax, true
	case s.session != "" && key.Matches(msg, k.Whose):
		s.bySupporter = !s.bySupporter
		s.input.Reset()
		s.input.SetValue(s.current().word)
		s.input.CursorEnd()
	case key.Matches(msg, k.Word):
		s.typing = true
		s.input.Placeholder = ""
		return s.input.Focus()
	case key.Matches(msg, k.Next):
		s.move(1)
	case key.Matches(msg, k.Skip):
		*a = checkInAnswer{}
		s.move(1)
	case key.Matches(msg, k.Prev):
		s.move(-1)
	case key.Matches(msg, k.Leave):
		if s.answered() {
			s.asking = true
			return nil
		}
		return pop
	}
	return nil
}

// typedRating reads a digit (or "10" typed fast enough to arrive at once) as
// a rating.
func typedRating(msg tea.KeyMsg) (int, bool) {
	if msg.Type != tea.KeyRunes || msg.Alt || len(msg.Runes) == 0 {
		return 0, false
	}
	for _, r := range msg.Runes {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(string(msg.Runes))
	if err != nil || v < journal.RatingMin || v > journal.RatingMax {
		return 0, false
	}
	return v, true
}

// move goes to the next (delta 1) or previous (-1) area, or the summary.
func (s *checkInScreen) move(delta int) {
	s.at = min(max(s.at+delta, 0), len(s.areas))
	// Each area starts with the person's own reading.
	s.bySupporter = false
	// The field shows what was kept for this area, or its placeholder.
	s.input.Reset()
	if !s.onSummary() {
		s.input.SetValue(s.answers[s.at].word)
		s.input.CursorEnd()
	}
}

func (s *checkInScreen) blurWord() {
	s.typing = false
	s.input.Placeholder = checkInWordHint
	s.input.Blur()
}

// checkIn gathers the answers given, in the person's order of areas; an
// area with nothing in it is left out, so skipping leaves no trace.
func (s *checkInScreen) checkIn() (journal.CheckIn, []string) {
	var ci journal.CheckIn
	var ids []string
	for i, d := range s.areas {
		// The person's reading first, then a supporter's where they gave one.
		mine, theirs := s.answers[i], checkInAnswer{}
		if s.session != "" {
			theirs = s.support[i]
		}
		kept := false
		for _, r := range []struct {
			a  checkInAnswer
			by journal.Author
		}{{mine, ""}, {theirs, journal.AuthorSupporter}} {
			ans, ok := r.a.answer(d.ID)
			if !ok {
				continue
			}
			ans.By = r.by
			if s.session != "" && r.by == "" {
				ans.By = journal.AuthorMe
			}
			ci.Answers = append(ci.Answers, ans)
			kept = true
		}
		if kept {
			ids = append(ids, d.ID)
		}
	}
	return ci, ids
}

// answer is one reading of an area as the journal keeps it; false when
// nothing was given.
func (a checkInAnswer) answer(dimension string) (journal.Answer, bool) {
	ans := journal.Answer{Dimension: dimension}
	if a.rated {
		v := a.value
		ans.Value = &v
	}
	word := strings.TrimSpace(a.word)
	if utf8.RuneCountInString(word) <= answerWordRunes {
		ans.Word = word
	} else {
		ans.Note = word
	}
	return ans, ans.Value != nil || word != ""
}

func (s *checkInScreen) save() tea.Cmd {
	if s.saving {
		return nil
	}
	ci, ids := s.checkIn()
	if err := ci.Validate(); err != nil {
		return problem(err)
	}
	s.saving = true
	repo := s.c.repo
	e := journal.Entry{Kind: journal.KindCheckIn, CheckIn: &ci, Dimensions: ids}
	if s.session != "" {
		e.Author, e.Session = journal.AuthorTogether, s.session
	}
	return func() tea.Msg {
		_, err := repo.Create(e)
		return checkInSavedMsg{owner: s, err: err}
	}
}

func (s *checkInScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	// The styles may have changed (the larger view, ctrl+t): restyle the field.
	s.input.PlaceholderStyle, s.input.TextStyle = s.c.styles.Subtle, s.c.styles.Normal
	s.input.Width = max(s.layoutWidth()-4, 1)
}

func (s *checkInScreen) layoutWidth() int {
	w := s.width
	if w <= 0 {
		w = 80
	}
	return min(w, checkInMaxWidth)
}

func (s *checkInScreen) Keys() keyMap {
	k := s.keys
	switch {
	case s.asking:
		return keyMap{short: []key.Binding{keyYes, keyNo}, full: [][]key.Binding{{keyYes, keyNo}}}
	case len(s.areas) == 0:
		back := brief(k.Leave, "back")
		return keyMap{short: []key.Binding{back}, full: [][]key.Binding{{back}}}
	case s.typing:
		next := brief(k.Next, "next")
		return keyMap{short: []key.Binding{next, k.Done}, full: [][]key.Binding{{next, k.Done}}}
	case s.onSummary():
		return keyMap{short: []key.Binding{k.Save, k.Back}, full: [][]key.Binding{{k.Save, k.Back}}}
	}
	if s.session != "" {
		return keyMap{
			short: []key.Binding{withHelp(k.Lower, "←/→", "rate"), brief(k.Number, "number"), brief(k.Word, "word"),
				brief(k.Next, "next"), brief(k.Skip, "skip"), brief(k.Whose, "whose")},
			full: [][]key.Binding{
				{k.Lower, k.Higher, k.Number, k.Ten, k.Whose},
				{k.Word, k.Next, k.Skip, k.Prev, k.Leave},
			},
		}
	}
	return keyMap{
		short: []key.Binding{withHelp(k.Lower, "←/→", "rate"), brief(k.Number, "number"), brief(k.Word, "word"),
			brief(k.Next, "next"), brief(k.Skip, "skip"), k.Leave},
		full: [][]key.Binding{
			{k.Lower, k.Higher, k.Number, k.Ten},
			{k.Word, k.Next, k.Skip, k.Prev, k.Leave},
		},
	}
}

func (s *checkInScreen) View() string {
	st := s.c.styles
	width := s.layoutWidth()
	if len(s.areas) == 0 {
		return st.Subtle.Render(wrap("Add a life area first (press a on home).", width))
	}
	var body string
	if s.onSummary() {
		body = s.summaryView(width)
	} else {
		body = s.areaView(width)
	}
	if s.asking {
		question := st.Problem.Render(lipgloss.NewStyle().Width(width).Render(checkInQuestionToLeave))
		// In a short window the blank line above the question gives way, so
		// its last words (y / n) still show.
		gap := "\n\n"
		if s.height > 0 && lipgloss.Height(body)+1+lipgloss.Height(question) > s.height {
			gap = "\n"
		}
		body += gap + question
	}
	return body
}

// areaView is one area: its name and prompt, the question, the scale and
// the word field.
func (s *checkInScreen) areaView(width int) string {
	st := s.c.styles
	d, a := s.areas[s.at], *s.current()
	var lines []string

	count := fmt.Sprintf("%d of %d", s.at+1, len(s.areas))
	name := safeLine(d.Name, max(width-len(count)-2, 1))
	gap := max(width-lipgloss.Width(name)-len(count), 1)
	lines = append(lines, st.Accent(d.Colour).Render(name)+strings.Repeat(" ", gap)+st.Subtle.Render(count))
	if strings.TrimSpace(d.Prompt) != "" {
		lines = append(lines, st.Subtle.Render(safeLine(d.Prompt, width)))
	}
	if s.session != "" {
		lines = append(lines, s.whoseLine(width))
	}
	lines = append(lines, "", st.Title.Render(truncate(journal.CheckInQuestion, width)), "")

	scale := ratingScale(a.value, a.rated, width)
	lines = append(lines, scale)
	low, high := journal.RatingLowLabel, journal.RatingHighLabel
	span := max(lipgloss.Width(scale), len(low)+len(high)+2)
	lines = append(lines, st.Subtle.Render(truncate(low+strings.Repeat(" ", span-len(low)-len(high))+high, width)))
	if a.rated {
		lines = append(lines, "")
	} else {
		lines = append(lines, st.Subtle.Render(truncate("Not rated yet: ←/→ or a number to choose, + for 10, s to skip.", width)))
	}

	lines = append(lines, "", st.Subtle.Render("A word or a note, if you like"))
	marker := "  "
	if s.typing {
		marker = "› "
	}
	lines = append(lines, truncate(marker+s.input.View(), width))
	return strings.Join(s.fit(lines), "\n")
}

// fit drops the blank lines between parts when the window is short, keeping
// room below for the question before leaving.
func (s *checkInScreen) fit(lines []string) []string {
	room := s.height
	if room <= 0 {
		return lines
	}
	if s.asking {
		room -= 4
	}
	if len(lines) <= room {
		return lines
	}
	kept := lines[:0:0]
	for _, l := range lines {
		if l != "" {
			kept = append(kept, l)
		}
	}
	return kept
}

// ratingScale draws 0 to 10 with the chosen number marked "›[6]": the mark
// is shapes, so it reads the same without colour. Each number keeps its
// column whether or not it is chosen.
func ratingScale(value int, rated bool, width int) string {
	cell := 5
	if width < 56 {
		cell = 4
	}
	var b strings.Builder
	for n := journal.RatingMin; n <= journal.RatingMax; n++ {
		num := strconv.Itoa(n)
		if rated && n == value {
			b.WriteString(fmt.Sprintf("%*s", cell, "›["+num+"]"))
			continue
		}
		b.WriteString(fmt.Sprintf("%*s ", cell-1, num))
	}
	return strings.TrimRight(b.String(), " ")
}

// summaryView lists each area's answer, or "skipped", never a total.
func (s *checkInScreen) summaryView(width int) string {
	st := s.c.styles
	nameW := 0
	for _, d := range s.areas {
		nameW = max(nameW, lipgloss.Width(safeLine(d.Name, 20)))
	}
	lines := []string{st.Heading.Render("Your check-in, area by area"), ""}
	for i, d := range s.areas {
		a := s.answers[i]
		name := safeLine(d.Name, 20)
		name += strings.Repeat(" ", nameW-lipgloss.Width(name))
		var parts []string
		if a.rated {
			parts = append(parts, strconv.Itoa(a.value))
		}
		word := strings.TrimSpace(a.word)
		if word != "" {
			if !a.rated {
				parts = append(parts, "no rating")
			}
			parts = append(parts, word)
		}
		answer := "skipped"
		if len(parts) > 0 {
			answer = strings.Join(parts, " · ")
		}
		row := "  " + st.Accent(d.Colour).Render(name) + "   "
		lines = append(lines, row+st.Normal.Render(safeLine(answer, max(width-lipgloss.Width(row), 1))))
		if s.session != "" {
			if theirs := readingWords(s.support[i]); theirs != "" {
				pad := strings.Repeat(" ", lipgloss.Width(row))
				lines = append(lines, pad+st.Subtle.Render(safeLine("supporter: "+theirs, max(width-len(pad), 1))))
			}
		}
	}
	lines = append(lines, "", st.Subtle.Render("enter save · esc back"))
	return strings.Join(s.fit(lines), "\n")
}

// whoseLine says, in words, whose reading of the area is being entered in a
// session, and what the other reader gave.
func (s *checkInScreen) whoseLine(width int) string {
	st := s.c.styles
	if s.bySupporter {
		line := "Your supporter's reading, kept after yours · w for yours"
		if mine := readingWords(s.answers[s.at]); mine != "" {
			line = "Your supporter's reading (yours: " + mine + ") · w for yours"
		}
		return st.Heading.Render(safeLine("» "+line, width))
	}
	line := "Your reading · w to add your supporter's"
	if theirs := readingWords(s.support[s.at]); theirs != "" {
		line = "Your reading · your supporter's: " + theirs + " · w to change it"
	}
	return st.Subtle.Render(safeLine(line, width))
}

// readingWords is one reading in a few words: "6 · tired", "no rating ·
// tired", or "" when nothing was given.
func readingWords(a checkInAnswer) string {
	var parts []string
	if a.rated {
		parts = append(parts, strconv.Itoa(a.value))
	}
	if word := strings.TrimSpace(a.word); word != "" {
		if !a.rated {
			parts = append(parts, "no rating")
		}
		parts = append(parts, word)
	}
	return strings.Join(parts, " · ")
}
