package main

import (
	"strings"
	"testing"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/store"
)

func TestAddSupport(t *testing.T) {
	path := tempJournal(t)
	r := must(t, "", "--file", path, "add", "--kind", "support", "--title", "My sister Ana", "Call 555-0100 after 6")
	if r.stdout != "Saved.\n" {
		t.Errorf("stdout = %q, want Saved.", r.stdout)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	page, err := st.List(journal.Query{Kinds: []journal.Kind{journal.KindSupport}})
	if err != nil || page.Total != 1 {
		t.Fatalf("List = %+v, %v; want one support", page, err)
	}
	e, err := st.Get(page.Summaries[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "My sister Ana" || e.Text != "Call 555-0100 after 6" || e.Kind != journal.KindSupport {
		t.Errorf("saved %+v", e)
	}
}

// TestAddHelpNamesSupports: the list of commands says add writes supports too.
func TestAddHelpNamesSupports(t *testing.T) {
	r := must(t, "", "--help")
	if !strings.Contains(r.stdout, "add       Write a reflection, a hope, a goal or a support\n") {
		t.Errorf("waymark --help doesn't say add writes supports:\n%s", r.stdout)
	}
}
