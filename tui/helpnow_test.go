package tui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/journal/memjournal"
)

// pressKey sends one key of a type keyMsg has no name for (ctrl+g, ctrl+t).
func pressKey(t *testing.T, a *App, k tea.KeyType) {
	t.Helper()
	settle(t, a, func() tea.Msg { return tea.KeyMsg{Type: k} })
}

func helpNowOnTop(t *testing.T, a *App) *helpNowScreen {
	t.Helper()
	s, ok := a.front().(*helpNowScreen)
	if !ok {
		t.Fatalf("want the help-now screen on top, got %q", a.front().Title())
	}
	return s
}

// supportsJournal holds two supports, and other words the screen must never show.
func supportsJournal(t *testing.T) *memjournal.Journal {
	t.Helper()
	repo := memjournal.NewWithDefaults(testClock)
	for i, e := range []journal.Entry{
		{Kind: journal.KindReflection, Text: "Private words about a hard week"},
		{Kind: journal.KindSupport, Title: "Drop-in centre on King St", Text: "Open Tuesdays 10 to 4; ask for Sam"},
		{Kind: journal.KindSupport, Title: "My sister Ana", Text: "Call 555-0100 after 6"},
		{Kind: journal.KindHope, Text: "I hope to sleep through the night"},
	} {
		e.When = testNow.Add(time.Duration(i-10) * time.Hour)
		if _, err := repo.Create(e); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func TestHelpNowOpensFromHomeAndBack(t *testing.T) {
	a := newTestApp(t, supportsJournal(t))
	pressKey(t, a, tea.KeyCtrlG)
	helpNowOnTop(t, a)
	view := a.View()
	mustContain(t, view, "Need help now?", "You don't have to go through this alone.",
		"People and places that help you", "My sister Ana", "Call 555-0100 after 6",
		"Drop-in centre on King St", "If you are in crisis", journal.DefaultCrisisLine)
	mustNotContain(t, view, "Private words", "sleep through the night")
	// Supports come first, then the crisis line.
	if strings.Index(view, "My sister Ana") > strings.Index(view, "If you are in crisis") {
		t.Errorf("supports should show before the crisis line:\n%s", view)
	}
	// A second press does not stack another copy.
	pressKey(t, a, tea.KeyCtrlG)
	if len(a.screens()) != 2 {
		t.Fatalf("%d screens open, want home and help now", len(a.screens()))
	}
	press(t, a, "esc")
	if a.front().Title() != "Home" {
		t.Fatalf("esc should come back home, got %q", a.front().Title())
	}
}

func TestHelpNowOpensWhileTyping(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "n")
	typeText(t, a, "Half a thought")
	if !a.front().Typing() {
		t.Fatal("n should open writing with the cursor in the text")
	}
	pressKey(t, a, tea.KeyCtrlG)
	helpNowOnTop(t, a)
	mustContain(t, a.View(), "Need help now?", journal.DefaultCrisisLine)
	press(t, a, "esc")
	mustContain(t, a.View(), "New reflection", "Half a thought")
}

func TestHelpNowClosesTheFullHelp(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "?")
	mustContain(t, a.View(), "Keys on this screen", "Keys on every screen", "need help now?", "larger view", "hide")
	pressKey(t, a, tea.KeyCtrlG)
	helpNowOnTop(t, a)
	mustContain(t, a.View(), "If you are in crisis")
	mustNotContain(t, a.View(), "Keys on this screen")
}

func TestHelpNowAddEditAndTrashASupport(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	mustContain(t, a.View(), "Add the people, places or services that help you, and how to reach them.")

	press(t, a, "a")
	if !a.front().Typing() {
		t.Fatal("a should open the fields, typing")
	}
	mustContain(t, a.View(), "Who or what helps", "How to reach them")
	// Without a name, nothing is saved.
	press(t, a, "ctrl+s")
	mustContain(t, a.View(), helpNowWhoMissing)
	typeText(t, a, "My sister Ana")
	press(t, a, "enter")
	typeText(t, a, "Call 555-0100 after 6")
	press(t, a, "enter")

	mustContain(t, a.View(), "Saved.", "› My sister Ana", "Call 555-0100 after 6")
	page, _ := repo.List(journal.Query{Kinds: []journal.Kind{journal.KindSupport}})
	if page.Total != 1 {
		t.Fatalf("want 1 support, got %d", page.Total)
	}
	e, _ := repo.Get(page.Summaries[0].ID)
	if e.Title != "My sister Ana" || e.Text != "Call 555-0100 after 6" || e.Author != journal.AuthorMe {
		t.Fatalf("saved %+v", e)
	}

	press(t, a, "e")
	mustContain(t, a.View(), "Change a support")
	press(t, a, "tab")
	typeText(t, a, ", or text")
	press(t, a, "enter")
	mustContain(t, a.View(), "Call 555-0100 after 6, or text")
	if e, _ = repo.Get(e.ID); e.Text != "Call 555-0100 after 6, or text" || e.Title != "My sister Ana" {
		t.Fatalf("after editing: %+v", e)
	}

	// Any key but y keeps it; y moves it to the trash.
	press(t, a, "d")
	mustContain(t, a.View(), "Move “My sister Ana” to the trash?")
	press(t, a, "n")
	if e, _ = repo.Get(e.ID); e.InTrash() {
		t.Fatal("n moved the support to the trash")
	}
	press(t, a, "d", "y")
	if e, _ = repo.Get(e.ID); !e.InTrash() {
		t.Fatal("d then y should move the support to the trash")
	}
	mustContain(t, a.View(), "Moved to the trash.", "Add the people, places or services")
}

func TestHelpNowCancelKeepsNothing(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	press(t, a, "a")
	typeText(t, a, "Someone")
	press(t, a, "esc")
	helpNowOnTop(t, a)
	if c, _ := repo.Counts(); c.All != 0 {
		t.Fatal("esc kept a support")
	}
}

func TestHelpNowChangesTheCrisisLine(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	press(t, a, "c")
	if !a.front().Typing() {
		t.Fatal("c should open the crisis line's field")
	}
	mustContain(t, a.View(), "Your crisis line", "Leave it empty to go back to 988")
	line := "Samaritans 116 123, free, any time (UK and Ireland)"
	typeText(t, a, line)
	press(t, a, "enter")
	mustContain(t, a.View(), "Saved.", line)
	mustNotContain(t, a.View(), journal.DefaultCrisisLine)
	if set, _ := repo.Settings(); set.CrisisLine != line {
		t.Fatalf("saved crisis line %q", set.CrisisLine)
	}

	// Emptying the field goes back to the default.
	press(t, a, "c")
	settle(t, a, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyCtrlU} })
	press(t, a, "enter")
	mustContain(t, a.View(), "Saved. The crisis line is 988 again.", journal.DefaultCrisisLine)
	if set, _ := repo.Settings(); set.CrisisLine != "" {
		t.Fatalf("an empty field should save no line of its own, got %q", set.CrisisLine)
	}

	// esc leaves it as it was.
	press(t, a, "c")
	typeText(t, a, "something else")
	press(t, a, "esc")
	mustContain(t, a.View(), journal.DefaultCrisisLine)
	if set, _ := repo.Settings(); set.CrisisLine != "" {
		t.Fatalf("esc saved %q", set.CrisisLine)
	}
}

func TestHelpNowShowsTheSavedCrisisLine(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if err := repo.SaveSettings(journal.Settings{CrisisLine: "Lifeline 13 11 14 (Australia)\x1b]0;title\x07"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	view := a.View()
	mustContain(t, view, "Lifeline 13 11 14 (Australia)")
	mustNotContain(t, view, "988")
	assertTerminalSafe(t, view)
}

func TestHelpNowSanitisesSupports(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindSupport, Title: "Ana\x1b[2J", Text: "Call\x1b]52;c;aGk=\x07 me"}); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	view := a.View()
	mustContain(t, view, "Ana")
	assertTerminalSafe(t, view)
}

func TestHelpNowKeepsWordsTheFieldCannotShow(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	e, err := repo.Create(journal.Entry{Kind: journal.KindSupport, Title: "Ana", Text: "Call after 6\nor text any time"})
	if err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	press(t, a, "e", "enter", "enter")
	if got, _ := repo.Get(e.ID); got.Text != e.Text || got.Title != "Ana" {
		t.Fatalf("saving unchanged fields changed the words: %q", got.Text)
	}
}

// recordingRepo is a journal that notes what a screen asks of it.
type recordingRepo struct {
	*memjournal.Journal
	mu     sync.Mutex
	lists  []journal.Query
	gets   []string
	others []string
}

func (r *recordingRepo) note(what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.others = append(r.others, what)
}

func (r *recordingRepo) List(q journal.Query) (journal.Page, error) {
	r.mu.Lock()
	r.lists = append(r.lists, q)
	r.mu.Unlock()
	return r.Journal.List(q)
}

func (r *recordingRepo) Get(id string) (journal.Entry, error) {
	r.mu.Lock()
	r.gets = append(r.gets, id)
	r.mu.Unlock()
	return r.Journal.Get(id)
}

func (r *recordingRepo) Search(ctx context.Context, text string, q journal.Query) (journal.SearchPage, error) {
	r.note("Search")
	return r.Journal.Search(ctx, text, q)
}

func (r *recordingRepo) Counts() (journal.Counts, error) {
	r.note("Counts")
	return r.Journal.Counts()
}

func (r *recordingRepo) Trends() (map[string][]journal.Point, error) {
	r.note("Trends")
	return r.Journal.Trends()
}

func (r *recordingRepo) OnThisDay(today time.Time) ([]journal.Summary, error) {
	r.note("OnThisDay")
	return r.Journal.OnThisDay(today)
}

func (r *recordingRepo) Draft() (journal.Draft, bool, error) {
	r.note("Draft")
	return r.Journal.Draft()
}

func TestHelpNowAsksOnlyForSupports(t *testing.T) {
	repo := &recordingRepo{Journal: supportsJournal(t)}
	c := newTestCommon(t, repo)
	s := open(t, newHelpNowScreen(c), 80, 20)
	// Add one, edit one, move one to the trash: still only supports.
	send(t, s, "a")
	sendText(t, s, "The library")
	send(t, s, "enter")
	sendText(t, s, "Quiet room upstairs")
	send(t, s, "enter", "down", "e", "enter", "enter", "d", "y")
	mustContain(t, s.View(), "The library")

	repo.mu.Lock()
	defer repo.mu.Unlock()
	if len(repo.lists) == 0 {
		t.Fatal("the screen never listed the supports")
	}
	for _, q := range repo.lists {
		if !slices.Equal(q.Kinds, []journal.Kind{journal.KindSupport}) || q.Trash {
			t.Errorf("the screen asked for %+v; want supports only", q)
		}
	}
	for _, id := range repo.gets {
		e, err := repo.Journal.Get(id)
		if err != nil || e.Kind != journal.KindSupport {
			t.Errorf("the screen read %s (%s), not a support", id, e.Kind)
		}
	}
	if len(repo.others) > 0 {
		t.Errorf("the screen asked for %v", repo.others)
	}
}

func TestHelpNowOpensOnTheLockedScreen(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	if _, err := repo.Create(journal.Entry{Kind: journal.KindSupport, Title: "My sister Ana", Text: "Call 555-0100"}); err != nil {
		t.Fatal(err)
	}
	if err := repo.SaveSettings(journal.Settings{CrisisLine: "My own line"}); err != nil {
		t.Fatal(err)
	}
	l := &lockedJournal{repo: repo, pass: "correct horse"}
	a := newLockedApp(t, l, 0)
	pressKey(t, a, tea.KeyCtrlG)
	helpNowOnTop(t, a)
	view := a.View()
	mustContain(t, view, "Need help now?", journal.DefaultCrisisLine, helpNowLocked)
	mustNotContain(t, view, "My sister Ana", "My own line")
	// Nothing here can be changed without the journal.
	press(t, a, "a", "c", "e")
	if a.front().Typing() {
		t.Fatal("a locked journal's help-now screen opened a field")
	}
	press(t, a, "esc")
	mustContain(t, a.View(), "This journal is locked.")

	// Once open, the person's own supports and line show.
	typeKeys(t, a, "correct horse")
	press(t, a, "enter")
	pressKey(t, a, tea.KeyCtrlG)
	mustContain(t, a.View(), "My sister Ana", "My own line")
}

func TestHelpNowWhileHiddenFirstComesBack(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "ctrl+l")
	mustContain(t, a.View(), "Hidden.")
	pressKey(t, a, tea.KeyCtrlG)
	if len(a.stack) != 1 || a.hidden {
		t.Fatal("the first key after hiding should only bring the screen back")
	}
	pressKey(t, a, tea.KeyCtrlG)
	helpNowOnTop(t, a)
}

func TestHelpNowKeysFit(t *testing.T) {
	a := newTestApp(t, supportsJournal(t))
	pressKey(t, a, tea.KeyCtrlG)
	s := helpNowOnTop(t, a)
	for _, keys := range [][]string{nil, {"a"}, {"esc", "c"}, {"esc", "d"}} {
		press(t, a, keys...)
		assertHelpFits(t, s)
		assertFullHelpFits(t, s)
		assertFits(t, a.View(), 80, 24)
	}
}

func TestHelpNowFitsSmallWindowsAndManySupports(t *testing.T) {
	repo := memjournal.NewWithDefaults(testClock)
	for i := range 30 {
		if _, err := repo.Create(journal.Entry{Kind: journal.KindSupport, When: testNow.Add(time.Duration(-i) * time.Minute),
			Title: "Support " + string(rune('A'+i%26)), Text: strings.Repeat("reach them here ", 6)}); err != nil {
			t.Fatal(err)
		}
	}
	a := newTestApp(t, repo)
	pressKey(t, a, tea.KeyCtrlG)
	for _, size := range [][2]int{{80, 24}, {50, 14}, {120, 40}} {
		settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: size[0], Height: size[1]} })
		for range 31 {
			view := a.View()
			assertFits(t, view, size[0], size[1])
			// The crisis line always shows, however many supports there are.
			mustContain(t, view, "988")
			press(t, a, "down")
		}
		mustContain(t, a.View(), "more above ↑")
		for range 31 {
			press(t, a, "up")
		}
		mustContain(t, a.View(), "more below ↓")
	}
}

func TestHelpNowGoldenTwoSupports(t *testing.T) {
	a := newTestApp(t, supportsJournal(t))
	pressKey(t, a, tea.KeyCtrlG)
	golden(t, "help-now", a.View())
}

func TestHelpNowGoldenEmpty(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	pressKey(t, a, tea.KeyCtrlG)
	golden(t, "help-now-empty", a.View())
}

func TestHelpNowGoldenCrisisLineEdit(t *testing.T) {
	a := newTestApp(t, supportsJournal(t))
	pressKey(t, a, tea.KeyCtrlG)
	press(t, a, "c")
	typeText(t, a, "Samaritans 116 123")
	golden(t, "help-now-crisis-line", a.View())
}

func TestPresentTogglesTheLargerView(t *testing.T) {
	a := newTestApp(t, homeJournal(t))
	w, h := a.bodySize()
	if w != 80 || h != 20 {
		t.Fatalf("body is %dx%d, want 80x20", w, h)
	}
	pressKey(t, a, tea.KeyCtrlT)
	if !a.c.styles.Large {
		t.Fatal("ctrl+t should switch the larger view on")
	}
	if w, h := a.bodySize(); w != 80-2*largeMargin || h != 20-largeExtraLines {
		t.Fatalf("larger view body is %dx%d, want %dx%d", w, h, 80-2*largeMargin, 20-largeExtraLines)
	}
	view := a.View()
	mustContain(t, view, "Larger view on.")
	assertFits(t, view, 80, 24)
	lines := strings.Split(view, "\n")
	if len(lines) != 24 {
		t.Errorf("view has %d lines, want 24", len(lines))
	}
	for _, l := range lines[:len(lines)-1] { // the help bar may take the margin
		if l != "" && !strings.HasPrefix(l, "  ") {
			t.Errorf("line without the left margin: %q", l)
		}
		if lipgloss.Width(l) > 80-largeMargin {
			t.Errorf("line into the right margin: %q", l)
		}
	}
	if lines[1] != "" || lines[2] != "" {
		t.Errorf("want two blank lines under the header:\n%s", view)
	}

	pressKey(t, a, tea.KeyCtrlT)
	if a.c.styles.Large {
		t.Fatal("ctrl+t again should switch it off")
	}
	if w, h := a.bodySize(); w != 80 || h != 20 {
		t.Fatalf("body is %dx%d after switching off, want 80x20", w, h)
	}
	mustContain(t, a.View(), "Larger view off.")
}

func TestPresentWorksWhileTyping(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "n")
	typeText(t, a, "Words")
	pressKey(t, a, tea.KeyCtrlT)
	if !a.c.styles.Large {
		t.Fatal("ctrl+t should work while typing")
	}
	mustContain(t, a.View(), "Words", "Larger view on.")
	mustNotContain(t, a.View(), "Wordst")
	assertFits(t, a.View(), 80, 24)
}

func TestPresentKeepsColumnsInASmallWindow(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: minWidth, Height: minHeight} })
	pressKey(t, a, tea.KeyCtrlT)
	if w, h := a.bodySize(); w != minWidth || h != minHeight-chromeHeight {
		t.Fatalf("at the smallest size the body is %dx%d; the margins should give way", w, h)
	}
	assertFits(t, a.View(), minWidth, minHeight)
}

func TestLargeStyles(t *testing.T) {
	st := NewLargeStyles(false)
	if !st.Large || st.RowGap() != 1 {
		t.Fatal("the larger styles should say so and leave a line between rows")
	}
	for name, s := range map[string]lipgloss.Style{"Subtle": st.Subtle, "Normal": st.Normal, "Status": st.Status,
		"Problem": st.Problem, "help key": st.Help.ShortKey, "help words": st.Help.ShortDesc, "full help words": st.Help.FullDesc} {
		if s.GetFaint() {
			t.Errorf("%s is faint", name)
		}
		if s.GetForeground() != colStrong {
			t.Errorf("%s is %v, want the strongest text colour", name, s.GetForeground())
		}
	}
	for name, s := range map[string]lipgloss.Style{"Header": st.Header, "Title": st.Title, "Heading": st.Heading, "Selected": st.Selected} {
		if !s.GetBold() {
			t.Errorf("%s is not bold", name)
		}
	}
	if !st.Selected.GetReverse() {
		t.Error("the selection should show in reverse")
	}
	if got := st.JoinRows([]string{"a", "b"}); got != "a\n\nb" {
		t.Errorf("JoinRows = %q", got)
	}
	if got := NewStyles(false).JoinRows([]string{"a", "b"}); got != "a\nb" {
		t.Errorf("JoinRows = %q", got)
	}

	// NO_COLOR: no colour and no attributes, but still the larger spacing.
	plain := NewLargeStyles(true)
	if !plain.Large {
		t.Error("plain larger styles should still say so")
	}
	for name, s := range map[string]lipgloss.Style{"Header": plain.Header, "Heading": plain.Heading, "Selected": plain.Selected, "Subtle": plain.Subtle} {
		if s.GetBold() || s.GetReverse() || s.GetItalic() || s.GetFaint() {
			t.Errorf("plain %s has an attribute", name)
		}
		if _, none := s.GetForeground().(lipgloss.NoColor); !none {
			t.Errorf("plain %s has a colour", name)
		}
	}
}

func TestLargeHomeGolden(t *testing.T) {
	a := newTestApp(t, homeJournal(t))
	pressKey(t, a, tea.KeyCtrlT)
	golden(t, "home-large", a.View())
}

func TestLargeHelpNowLeavesALineBetweenSupports(t *testing.T) {
	a := newTestApp(t, supportsJournal(t))
	pressKey(t, a, tea.KeyCtrlT)
	pressKey(t, a, tea.KeyCtrlG)
	view := a.View()
	assertFits(t, view, 80, 24)
	var lines []string
	for _, l := range strings.Split(view, "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	mustContain(t, strings.Join(lines, "\n"), "      Call 555-0100 after 6\n\n    Drop-in centre on King St")
}

// TestPresentRestylesTheWritingAndCheckInFields: the larger view reaches
// the words being written and the check-in's word field, not only what the
// screens draw themselves; and switching it off takes them back.
func TestPresentRestylesTheWritingAndCheckInFields(t *testing.T) {
	a := New(memjournal.NewWithDefaults(testClock), Options{Now: testClock, DraftDelay: time.Millisecond})
	settle(t, a, a.Init())
	settle(t, a, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	strong := NewLargeStyles(false).Normal.GetForeground()
	usual := NewStyles(false).Normal.GetForeground()

	press(t, a, "n")
	w := a.front().(*writeScreen)
	pressKey(t, a, tea.KeyCtrlT)
	if got := w.text.Styles.Text.GetForeground(); got != strong {
		t.Errorf("writing text colour %v in the larger view, want %v", got, strong)
	}
	pressKey(t, a, tea.KeyCtrlT)
	if got := w.text.Styles.Text.GetForeground(); got != usual {
		t.Errorf("writing text colour %v after the larger view, want %v", got, usual)
	}

	press(t, a, "esc", "c")
	ci := a.front().(*checkInScreen)
	pressKey(t, a, tea.KeyCtrlT)
	if got := ci.input.TextStyle.GetForeground(); got != strong {
		t.Errorf("check-in word colour %v in the larger view, want %v", got, strong)
	}
	if got, faint := ci.input.PlaceholderStyle.GetForeground(), NewStyles(false).Subtle.GetForeground(); got == faint {
		t.Errorf("check-in hint keeps the dim colour %v in the larger view", got)
	}
}

// "Need help now?" sits above the screens: a save finishing underneath
// closes the screen that saved, never the help.
func TestHelpNowStaysWhenASaveUnderneathFinishes(t *testing.T) {
	a := newTestApp(t, memjournal.NewWithDefaults(testClock))
	press(t, a, "n")
	mustContain(t, a.View(), "New reflection")
	pressKey(t, a, tea.KeyCtrlG)
	mustContain(t, a.View(), "If you are in crisis")
	// The writing screen's save answers with pop, as it does on success.
	settle(t, a, func() tea.Msg { return popMsg{} })
	mustContain(t, a.View(), "If you are in crisis")
	press(t, a, "esc")
	mustContain(t, a.View(), "Life areas")
	mustNotContain(t, a.View(), "New reflection")
}
