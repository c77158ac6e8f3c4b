/* The press packet's words: the name a layout file gives each template,
 * the words used where a layout gives none, and the placeholders each may
 * hold. The fallbacks are written to read like a city's own release, in
 * whole sentences a reporter can quote; a layout replaces any of them to
 * change the wording or the language (docs/layouts.md, press). */
#include "style.h"

#include <string.h>

/* What every sentence of the packet may name. */
#define REPORT_WORDS "organization", "name", "title", "period", "period-words", "start", "end", "date"
/* A set of measures' status counts. */
#define COUNT_WORDS "met", "under", "not-met", "no-data", "measures"

static const char *const none[] = {NULL};
static const char *const report[] = {REPORT_WORDS, NULL};
static const char *const counted[] = {REPORT_WORDS, COUNT_WORDS, NULL};
static const char *const period_words[] = {"quarter", "year", NULL};
static const char *const more[] = {REPORT_WORDS, "n", "counts", NULL};
static const char *const more_goals[] = {REPORT_WORDS, "n", "measures", "counts", NULL};
static const char *const dateline[] = {"place", NULL};
static const char *const rest[] = {REPORT_WORDS, "list", NULL};
static const char *const n_only[] = {"n", NULL};
static const char *const goal[] = {"goal", NULL};
static const char *const goal_counted[] = {"goal", COUNT_WORDS, NULL};
static const char *const measure[] = {"measure", "sentence", "result", "target", "status",
				      "reason", "goal", "department", NULL};
static const char *const quote[] = {"quote", "by", "role", NULL};

static const struct press_word_info words[PW_COUNT] = {
	[PW_PERIOD_WORDS] = {"period-words", "the {quarter} quarter of fiscal {year}", period_words},
	[PW_QUARTER_1] = {"quarter-1", "first", none},
	[PW_QUARTER_2] = {"quarter-2", "second", none},
	[PW_QUARTER_3] = {"quarter-3", "third", none},
	[PW_QUARTER_4] = {"quarter-4", "fourth", none},
	[PW_SCORECARD_TITLE] = {"scorecard-title", "{title} scorecard, {period}", report},
	[PW_SCORECARD_MORE] = {"scorecard-more",
			       "and {n} more measures: {counts}; see the full report", more},
	[PW_SCORECARD_MORE_GOALS] = {"scorecard-more-goals",
				     "and {n} more goal areas with {measures} measures: {counts}; "
				     "see the full report",
				     more_goals},
	[PW_SCORECARD_NOTE] = {"scorecard-note",
			       "Every measure's definition, commentary and history is in the full "
			       "report, {title} for {period}.",
			       report},
	[PW_RELEASE_DATE] = {"release-date", "For release {date}", report},
	[PW_HEADLINE] = {"headline", "{name} met {met} of {measures} performance goals in "
				     "{period-words}",
			 counted},
	[PW_HEADLINE_ONE] = {"headline-one", "{name} met {met} of its 1 performance goal in "
					     "{period-words}",
			     counted},
	[PW_DATELINE] = {"dateline", "{place} \u2013", dateline},
	[PW_LEAD] = {"lead", "{name} met {met} of the {measures} performance goals in its {title} "
			     "for {period-words}, from {start} to {end}.",
		     counted},
	[PW_LEAD_ONE] = {"lead-one", "{name} met {met} of its 1 performance goal in its {title} "
				     "for {period-words}, from {start} to {end}.",
			 counted},
	[PW_REST] = {"rest", "Of the others, {list}.", rest},
	[PW_REST_UNDER] = {"rest-under", "{n} came within the allowed margin of their goals", n_only},
	[PW_REST_UNDER_ONE] = {"rest-under-one", "1 came within the allowed margin of its goal",
			       n_only},
	[PW_REST_NOT_MET] = {"rest-not-met", "{n} were not met", n_only},
	[PW_REST_NOT_MET_ONE] = {"rest-not-met-one", "1 was not met", n_only},
	[PW_REST_NO_DATA] = {"rest-no-data", "{n} had no result to judge", n_only},
	[PW_REST_NO_DATA_ONE] = {"rest-no-data-one", "1 had no result to judge", n_only},
	[PW_AND] = {"and", "and", none},
	[PW_GOAL_HEADING] = {"goal-heading", "Goal area: {goal}", goal},
	[PW_GOAL_LEAD] = {"goal-lead", "Goals met in this area: {met} of {measures}.", goal_counted},
	[PW_GOAL_EMPTY] = {"goal-empty", "No measures are reported for this goal area this quarter.",
			   goal},
	[PW_MEASURE_MET] = {"measure-met", "{measure} \u2013 {status}, with {sentence}.", measure},
	[PW_MEASURE_UNDER] = {"measure-under", "{measure} \u2013 {status}, within the allowed margin, "
					       "with {sentence}.",
			      measure},
	[PW_MEASURE_NOT_MET] = {"measure-not-met", "{measure} \u2013 {status}, with {sentence}.",
				measure},
	[PW_MEASURE_NO_DATA] = {"measure-no-data", "{measure} \u2013 {status}. {sentence}.", measure},
	[PW_MEASURE_REPORTED] = {"measure-reported", "{measure} \u2013 {status}, as reported for the "
						     "quarter. {sentence}.",
				 measure},
	[PW_QUOTE] = {"quote", "\u201c{quote}\u201d said {by}, {role}.", quote},
	[PW_QUOTE_NO_ROLE] = {"quote-no-role", "\u201c{quote}\u201d said {by}.", quote},
	[PW_CLOSING] = {"closing", "The full {title} for {period-words}, with every measure's "
				   "definition, commentary and history, and the data behind it are "
				   "available from the {organization}.",
			report},
	[PW_END] = {"end", "###", none},
};

/* See style.h. */
const struct press_word_info *press_word_info(enum press_word w)
{
	return &words[w];
}

/* See style.h. */
enum press_word press_word_find(const char *name)
{
	for (int w = 0; w < PW_COUNT; w++)
		if (strcmp(words[w].name, name) == 0)
			return (enum press_word)w;
	return PW_COUNT;
}
