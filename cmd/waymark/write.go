package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/waymark-journal/waymark/journal"
	"github.com/waymark-journal/waymark/tui/termsafe"
)

func (a *app) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create your journal, with no questions asked",
		Long: `Create your journal, with no questions asked. It starts with four life
areas: Health, Home, Purpose and Community. You can rename them, or add your
own, whenever you like.

If the journal is already there, nothing is changed.`,
		Example: `  waymark init
  waymark init --file /media/usb/journal.db`,
		Args: a.noArgs,
		RunE: a.runInit,
	}
}

func (a *app) runInit(_ *cobra.Command, _ []string) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	path := termsafe.Line(st.Path())
	fresh, err := st.Fresh()
	if err != nil {
		return fail(err)
	}
	if !fresh {
		fmt.Fprintf(a.stdout, "Your journal is already at %s. Nothing was changed.\n", path)
		return nil
	}
	ds, err := st.Begin(journal.DefaultStartingSet())
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(a.stdout, "Your journal is ready at %s.\n", path)
	fmt.Fprintf(a.stdout, "Its life areas are %s. Open it with: waymark\n", joinAnd(areaNames(ds)))
	return nil
}

func (a *app) addCommand() *cobra.Command {
	var (
		kindName string
		areas    []string
	)
	c := &cobra.Command{
		Use:   "add [TEXT...]",
		Short: "Write a reflection or a hope",
		Long: `Write a reflection or a hope. Put the words after the command, or pipe them
in. Tag the life areas it touches with --dimension, as many as you like.

Your words are kept exactly as you wrote them.`,
		Example: `  waymark add "A calm week by the river."
  waymark add --dimension Home --dimension Community "Dinner with the neighbours."
  waymark add --kind hope "I hope to have my own place by spring."
  cat notes.txt | waymark add --dimension Health`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return a.runAdd(c, kindName, areas, args)
		},
	}
	c.Flags().StringVarP(&kindName, "kind", "k", string(journal.KindReflection),
		"the `KIND` you're writing: "+kindChoices(journal.WritableKinds, " or "))
	c.Flags().StringArrayVarP(&areas, "dimension", "d", nil,
		"a life area it touches, by `NAME` (repeat for more than one)")
	return c
}

func kindChoices(kinds []journal.Kind, sep string) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	if sep == " or " && len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
	return strings.Join(names, sep)
}

// writableKind reads a kind the person can write from the command line.
func writableKind(c *cobra.Command, name string) (journal.Kind, error) {
	k, err := journal.ParseKind(name)
	if err != nil {
		return "", usage(c, "Waymark doesn't know a kind called %q; try %s.",
			termsafe.Line(name), kindChoices(journal.WritableKinds, " or "))
	}
	for _, w := range journal.WritableKinds {
		if k == w {
			return k, nil
		}
	}
	return "", usage(c, "This version can't write a %s yet; try %s.",
		strings.ToLower(k.Label()), kindChoices(journal.WritableKinds, " or "))
}

func (a *app) runAdd(c *cobra.Command, kindName string, names []string, args []string) error {
	kind, err := writableKind(c, kindName)
	if err != nil {
		return err
	}
	text, err := a.readText(c, args)
	if err != nil {
		return err
	}
	// Check the words before the journal is opened (or set up), so a
	// mistake changes nothing.
	if _, err := journal.Prepare(journal.Entry{Kind: kind, Text: text}); err != nil {
		return fail(err)
	}

	st, err := a.open()
	if err != nil {
		return err
	}
	fresh, err := st.Fresh()
	if err != nil {
		return fail(err)
	}
	var ds journal.Dimensions
	if fresh {
		set := journal.DefaultStartingSet()
		if _, err := dimensionIDs(c, set.Dimensions(func() string { return "" }), names); err != nil {
			return err
		}
		if ds, err = st.Begin(set); err != nil {
			return fail(err)
		}
	} else if ds, err = st.Dimensions(); err != nil {
		return fail(err)
	}
	ids, err := dimensionIDs(c, ds, names)
	if err != nil {
		return err
	}
	if _, err := st.Create(journal.Entry{Kind: kind, Text: text, Dimensions: ids, Author: journal.AuthorMe}); err != nil {
		return fail(err)
	}
	fmt.Fprintln(a.stdout, "Saved.")
	return nil
}

// readText takes the words from the arguments, or from standard input when
// there are none.
func (a *app) readText(c *cobra.Command, args []string) (string, error) {
	if len(args) > 0 {
		return strings.Join(args, " "), nil
	}
	if isTerminal(a.stdin) {
		return "", usage(c, "Write the text after the command, or pipe it in.")
	}
	// One byte over the limit is enough for the journal to say it's too long.
	b, err := io.ReadAll(io.LimitReader(a.stdin, journal.MaxTextBytes+1))
	if err != nil {
		return "", &failure{msg: "Waymark couldn't read the text from standard input, so nothing was saved."}
	}
	text := string(b)
	// The line ending a pipe adds (echo, a here-document) isn't part of the words.
	if t, ok := strings.CutSuffix(text, "\n"); ok {
		text = strings.TrimSuffix(t, "\r")
	}
	return text, nil
}

// dimensionIDs finds each named life area, ignoring case.
func dimensionIDs(c *cobra.Command, ds journal.Dimensions, names []string) ([]string, error) {
	var ids []string
	for _, name := range names {
		d, ok := ds.ByName(name)
		if !ok {
			return nil, usage(c, "%s", unknownArea(name, ds))
		}
		ids = append(ids, d.ID)
	}
	return ids, nil
}

func unknownArea(name string, ds journal.Dimensions) string {
	msg := fmt.Sprintf("There's no life area called \"%s\".", termsafe.Line(name))
	names := areaNames(ds)
	if len(names) == 0 {
		return msg + " This journal has no life areas yet; add them in Waymark."
	}
	return msg + " Your areas: " + strings.Join(names, ", ") + "."
}
