package sample

// The words the sample journal is written with: all Waymark's own, in the
// plain, hopeful voice a person might write in.

var openings = []string{
	"This morning I", "Today I", "After lunch I", "Late in the evening I", "On the bus I",
	"For the first time in a while I", "Yesterday I", "At the group I", "Before bed I",
	"Walking home I", "At the kitchen table I", "Over coffee I", "In the garden I",
	"When the rain stopped I", "On the phone with my sister I", "At work I",
}

var middles = []string{
	"noticed my shoulders were less tight", "made a proper breakfast and sat down to eat it",
	"kept the appointment even though I wanted to stay in", "wrote a list and crossed off two things",
	"walked the long way round by the river", "walked to the park and back",
	"let myself rest without feeling bad about it",
	"called a friend I had not spoken to in months", "tidied one shelf and left the rest for later",
	"said no to something that would have worn me out", "read a few pages of the book from the library",
	"cooked enough soup for three days", "sat in the park and watched the dogs",
	"asked for help with the forms", "went to bed at a sensible hour",
	"felt the old worry come and then pass", "laughed properly for the first time this week",
	"planted the seeds my neighbour gave me", "took my time and did not rush",
	"noticed I was kinder to myself than last month", "went to the drop-in and stayed for tea",
	"practised the breathing that helps me", "opened the letters I had been avoiding",
	"played music while I cleaned", "met up with the walking group",
}

var middlesCap = []string{
	"Small things added up", "The day felt long", "It was a quieter week than I expected",
	"Sleep came easier", "Money worries were loud today", "The flat felt more like mine",
	"My body felt heavy", "There was more light in the afternoon", "Talking it through helped",
	"I felt more like myself", "The plan for the week held together", "Some days are like this",
}

var closings = []string{
	"that counts for something", "I want to remember how that felt",
	"I can try again tomorrow", "it was enough for today", "I am learning what helps",
	"I would like more days like this", "I got through it", "the evening was calmer",
	"I felt a bit proud", "I noticed I was hopeful", "it reminded me I am not alone",
	"I am allowed to go slowly", "next week I will ask again", "that is a step",
}

var whole = []string{
	"Not every day moves forward, and that is all right.",
	"I kept my own pace.",
	"The kettle, the window, the first light: a good start.",
	"I am still here, and still trying.",
	"Some of it was hard. Some of it was good.",
	"I want to be gentle with the person I was a year ago.",
	"It helps to write it down.",
	"Looking back, I have come further than I thought.",
	"There is a lot I cannot change, and some things I can.",
	"I would like to keep this feeling close.",
	"Rest is part of it, not a break from it.",
	"Who I am is more than what I have been through.",
}

var headings = []string{
	"A good day", "A hard day", "Notes to self", "What helped", "Thinking about home",
	"After the appointment", "Sunday", "Small wins", "Looking back",
}

var salutations = []string{
	"Dear me, a year from now,", "Dear Gran,", "To my younger self,", "Dear future me,",
	"Dear friend,",
}

var signoffs = []string{
	"With love, and more hope than I had.", "Until next time. Go gently.",
	"Yours, still finding the way.", "With all my heart.",
}

var hopes = []string{
	"A place of my own with a window that gets the sun.",
	"To feel at ease in a room full of people again.",
	"To get back to swimming, even once a week.",
	"To finish the course I started.",
	"To cook for friends at my own table.",
	"To sleep through the night most nights.",
	"To be there for my niece's birthday.",
	"To find work that uses what I am good at.",
	"To feel steady about money from one month to the next.",
	"To walk the whole coast path one day.",
	"To play the guitar in front of someone.",
	"To trust myself a little more.",
}

var goals = []string{
	"Get back to swimming", "Find a part-time job", "Learn to drive", "Volunteer at the garden",
	"Sort out my benefits", "Save a little each month", "Join a choir", "Walk every morning",
	"Paint the bedroom", "Reconnect with my brother", "Finish my college course",
	"Cook a new recipe each week", "Go to the library group", "Take a short trip by train",
}

var whys = []string{
	"I feel lighter after.", "It would make the week feel like mine.", "I used to love it.",
	"It gives me something to look forward to.", "I want to feel useful.",
	"It is a step towards the life I want.", "My body and mind both thank me.",
}

var steps = []string{
	"Find the opening times", "Ask a friend to come along", "Buy what I need",
	"Book a first session", "Try it once and see", "Write down what I want to say",
	"Set an alarm for the morning", "Look at the bus route", "Make a phone call",
	"Fill in the form", "Tell my peer worker how it went", "Put a date in the calendar",
	"Go twice in one week", "Try the longer route",
}

var strengths = []string{
	"I keep going, even when it is slow", "I am good at listening", "I notice small things",
	"I can make people laugh", "I ask for help when I need it", "I am patient with plants and people",
	"I keep my promises", "I can cook from whatever is in the cupboard", "I know my warning signs",
	"I am honest about how I feel",
}

var supportNames = []string{
	"My sister", "The walking group", "My peer worker", "The drop-in on Tuesdays",
	"My neighbour", "The helpline", "My dog", "The library",
}

// supports are a name and how to reach it.
var supports = [][2]string{
	{"My sister", "Call her in the evening, after seven. She always picks up on Sundays."},
	{"The walking group", "Meets at the park gate, Saturday at ten. No need to book."},
	{"My peer worker", "Text to arrange a time; sessions at the community centre."},
	{"The drop-in", "Tuesdays and Thursdays, one to four, on the high street. Tea is free."},
	{"My neighbour", "Knock at number twelve; happy to feed the cat if I am away."},
	{"The allotment", "Open every day from eight. Being outside with my hands in the soil helps."},
	{"Music", "The playlist I made for hard evenings, and headphones by the bed."},
	{"The library", "Quiet, warm, and the staff know my name. Open until seven."},
}

var checkWords = []string{
	"steady", "tired", "hopeful", "quiet", "busy", "calm", "stretched", "okay", "lighter",
	"unsettled", "grateful", "slow", "better", "mixed",
}

var supporterNotes = []string{
	"From where I sit, this looked a bit brighter than it felt to you.",
	"You have done more here than you give yourself credit for.",
	"I noticed real steps this month.",
}

var sessionSummaries = []string{
	"We talked about the week and what helped.",
	"We looked at the goal together and picked a small next step.",
	"A slower session today; we mostly talked about sleep.",
	"We went over the check-in and what had changed since last time.",
}
