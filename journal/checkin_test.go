package journal

import (
	"errors"
	"reflect"
	"testing"
)

func TestRating(t *testing.T) {
	tests := []struct {
		v       int
		wantErr error
	}{
		{0, nil}, {1, nil}, {5, nil}, {9, nil}, {10, nil},
		{-1, ErrRatingRange}, {11, ErrRatingRange}, {100, ErrRatingRange}, {-100, ErrRatingRange},
	}
	for _, tt := range tests {
		got, err := Rating(tt.v)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("Rating(%d) error = %v, want %v", tt.v, err, tt.wantErr)
		}
		if tt.wantErr != nil {
			if got != nil {
				t.Errorf("Rating(%d) = %d, want nil", tt.v, *got)
			}
			continue
		}
		if got == nil || *got != tt.v {
			t.Errorf("Rating(%d) = %v, want a pointer to %d", tt.v, got, tt.v)
		}
	}
	a, _ := Rating(4)
	b, _ := Rating(4)
	if a == b {
		t.Error("two ratings share one pointer")
	}
	if RatingMin != 0 || RatingMax != 10 {
		t.Errorf("rating range %d–%d, want 0–10", RatingMin, RatingMax)
	}
}

func TestCheckInValidate(t *testing.T) {
	tests := []struct {
		name    string
		answers []Answer
		want    error
	}{
		{name: "no answers", answers: nil, want: ErrEmptyCheckIn},
		{name: "only empty answers", answers: []Answer{{Dimension: "a"}, {Dimension: "b", Word: " ", Note: "\n"}}, want: ErrEmptyCheckIn},
		{name: "one rating", answers: []Answer{{Dimension: "a", Value: val(5)}}},
		{name: "lowest and highest", answers: []Answer{{Dimension: "a", Value: val(0)}, {Dimension: "b", Value: val(10)}}},
		{name: "a word only", answers: []Answer{{Dimension: "a", Word: "steady"}}},
		{name: "a note only", answers: []Answer{{Dimension: "a", Note: "slept well"}}},
		{name: "one empty beside one answered", answers: []Answer{{Dimension: "a"}, {Dimension: "b", Value: val(3)}}},
		{name: "rating 11", answers: []Answer{{Dimension: "a", Value: val(11)}}, want: ErrRatingRange},
		{name: "rating -1", answers: []Answer{{Dimension: "a", Value: val(-1)}}, want: ErrRatingRange},
		{name: "out of range after a good one", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "b", Value: val(12)}}, want: ErrRatingRange},
		{name: "twice by me", answers: []Answer{{Dimension: "a", Value: val(3), By: AuthorMe}, {Dimension: "a", Value: val(4), By: AuthorMe}}, want: ErrTwiceRated},
		{name: "twice, unnamed and me", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Word: "ok", By: AuthorMe}}, want: ErrTwiceRated},
		{name: "twice, me and together", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Value: val(4), By: AuthorTogether}}, want: ErrTwiceRated},
		{name: "twice, even when the second is empty", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a"}}, want: ErrTwiceRated},
		{name: "me and a supporter", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "a", Value: val(8), By: AuthorSupporter}}},
		{name: "together and a supporter", answers: []Answer{{Dimension: "a", Value: val(3), By: AuthorTogether}, {Dimension: "a", Value: val(8), By: AuthorSupporter}}},
		{name: "twice by a supporter", answers: []Answer{{Dimension: "a", Value: val(3), By: AuthorSupporter}, {Dimension: "a", Value: val(8), By: AuthorSupporter}}, want: ErrTwiceRated},
		{name: "only a supporter", answers: []Answer{{Dimension: "a", Value: val(7), By: AuthorSupporter}}},
		{name: "different areas by me", answers: []Answer{{Dimension: "a", Value: val(3)}, {Dimension: "b", Value: val(3)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckIn{Answers: tt.answers}.Validate()
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Validate = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCheckInRatings(t *testing.T) {
	tests := []struct {
		name    string
		answers []Answer
		want    map[string]int
	}{
		{name: "none", answers: nil, want: map[string]int{}},
		{name: "mine in all three ways", answers: []Answer{
			{Dimension: "a", Value: val(1)}, {Dimension: "b", Value: val(2), By: AuthorMe}, {Dimension: "c", Value: val(3), By: AuthorTogether},
		}, want: map[string]int{"a": 1, "b": 2, "c": 3}},
		{name: "a supporter's is left out", answers: []Answer{
			{Dimension: "a", Value: val(4)}, {Dimension: "a", Value: val(9), By: AuthorSupporter}, {Dimension: "b", Value: val(6), By: AuthorSupporter},
		}, want: map[string]int{"a": 4}},
		{name: "supporter first, mine still counts", answers: []Answer{
			{Dimension: "a", Value: val(9), By: AuthorSupporter}, {Dimension: "a", Value: val(2)},
		}, want: map[string]int{"a": 2}},
		{name: "words without a rating", answers: []Answer{
			{Dimension: "a", Word: "tired"}, {Dimension: "b", Value: val(0), Note: "hard day"},
		}, want: map[string]int{"b": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckIn{Answers: tt.answers}.Ratings()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Ratings = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckInWords(t *testing.T) {
	if CheckInQuestion != "How is this part of life for you right now?" {
		t.Errorf("CheckInQuestion = %q", CheckInQuestion)
	}
	if RatingLowLabel != "0 = very hard" || RatingHighLabel != "10 = really good" {
		t.Errorf("scale ends = %q / %q", RatingLowLabel, RatingHighLabel)
	}
}
