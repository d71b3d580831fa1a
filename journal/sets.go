package journal

// StartingSet is a set of dimensions a person can begin with. Every set is
// only a start: the person renames, reorders, archives and adds as they like.
type StartingSet struct {
	Key         string
	Name        string
	Description string
	Areas       []Area
}

// Area is a dimension in a starting set, before it has an id.
type Area struct {
	Name    string
	Prompt  string
	Prompts []string
}

// StartingSets are offered at first run. The four areas are the default.
// Sources (paraphrased, never quoted): SAMHSA's four dimensions that support
// recovery (public domain), SAMHSA's eight dimensions of wellness (after
// Swarbrick) and, for a peer worker's own journal only, the Mental Health
// Commission of Canada's six dimensions of recovery-oriented practice. All
// prompts are Waymark's own words.
var StartingSets = []StartingSet{
	{
		Key:         "four",
		Name:        "Four areas",
		Description: "Health, Home, Purpose and Community (after SAMHSA's four dimensions of recovery).",
		Areas: []Area{
			{Name: "Health", Prompt: "Feeling well in body and mind, in my own way.",
				Prompts: []string{"What helped this week, even a little?", "What does feeling well look like for me right now?"}},
			{Name: "Home", Prompt: "A safe, steady place to live.",
				Prompts: []string{"What would make home feel a little more like mine?", "Where do I feel most at ease?"}},
			{Name: "Purpose", Prompt: "Things I do that matter to me: work, learning, caring, creating.",
				Prompts: []string{"What gave me a sense of meaning lately?", "What would I like to learn or try?"}},
			{Name: "Community", Prompt: "People and places where I belong.",
				Prompts: []string{"Who did I feel connected to this week?", "Where would I like to belong?"}},
		},
	},
	{
		Key:         "eight",
		Name:        "Eight areas of wellness",
		Description: "Emotional, environmental, financial, intellectual, occupational, physical, social and spiritual (after SAMHSA and Swarbrick).",
		Areas: []Area{
			{Name: "Emotional", Prompt: "Making room for my feelings."},
			{Name: "Environmental", Prompt: "Places and surroundings that are good for me."},
			{Name: "Financial", Prompt: "Feeling steadier about money."},
			{Name: "Intellectual", Prompt: "Learning, curiosity and creativity."},
			{Name: "Occupational", Prompt: "Work or activity that feels worthwhile."},
			{Name: "Physical", Prompt: "Rest, food, movement, care for my body."},
			{Name: "Social", Prompt: "Connection and belonging."},
			{Name: "Spiritual", Prompt: "Meaning, values and purpose."},
		},
	},
	{
		Key:         "blank",
		Name:        "Start blank",
		Description: "No areas yet; add your own, in your own words.",
	},
	{
		// For a peer worker's own journal, kept apart from any person's
		// (design.md: never applied to the person). After the Mental Health
		// Commission of Canada's six dimensions of recovery-oriented
		// practice, paraphrased: names and prompts are Waymark's own.
		Key:         "practice",
		Name:        "Practice lens",
		Description: "For a peer worker's own journal: reflections on your practice, after the MHCC's six dimensions of recovery-oriented practice.",
		Areas: []Area{
			{Name: "Hope", Prompt: "Carrying hope, and helping a culture of hope grow around me.",
				Prompts: []string{"Where did I notice hope today, in someone else or in me?", "How did my words leave room for what is possible?"}},
			{Name: "The person leads", Prompt: "Each person's recovery is their own; they choose the way.",
				Prompts: []string{"When did I follow someone's lead rather than set the direction?", "Whose choices did I make room for this week?"}},
			{Name: "Life around them", Prompt: "Family, friends, community and culture: the whole of a life.",
				Prompts: []string{"What in someone's wider life did I pay attention to?", "Who or what around a person could I learn more about?"}},
			{Name: "Diversity", Prompt: "Meeting each person as who they are, with respect for difference.",
				Prompts: []string{"What did I learn about someone whose life differs from mine?", "Where might my own assumptions have got in the way?"}},
			{Name: "First Nations, Inuit and Métis", Prompt: "Working alongside First Nations, Inuit and Métis people, on their terms.",
				Prompts: []string{"What am I learning about working in a good way with Indigenous people and communities?", "Whose knowledge and ways of healing did I make room for?"}},
			{Name: "Changing services", Prompt: "Helping services and systems turn toward recovery.",
				Prompts: []string{"What small change in how we work would make a difference?", "What did I speak up about, or wish I had?"}},
		},
	},
}

// DefaultStartingSet is the set a journal begins with when nobody is asked.
func DefaultStartingSet() StartingSet { return StartingSets[0] }

// FindStartingSet looks a starting set up by key.
func FindStartingSet(key string) (StartingSet, bool) {
	for _, s := range StartingSets {
		if s.Key == key {
			return s, true
		}
	}
	return StartingSet{}, false
}

// Dimensions turns the set into dimensions, taking one id from newID for each.
func (s StartingSet) Dimensions(newID func() string) Dimensions {
	ds := make(Dimensions, 0, len(s.Areas))
	for i, a := range s.Areas {
		ds = append(ds, Dimension{
			ID:      newID(),
			Name:    a.Name,
			Prompt:  a.Prompt,
			Prompts: append([]string(nil), a.Prompts...),
			Colour:  Palette[i%len(Palette)],
			Order:   i,
		})
	}
	return ds
}
