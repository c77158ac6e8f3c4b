#include "model.h"

#include <string.h>

struct report *report_new(void)
{
	/* The report lives in its own arena so one arena_free releases everything. */
	struct arena a;
	arena_init(&a);
	struct report *r = arena_alloc(&a, sizeof *r);
	r->arena = a;
	return r;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	struct arena a = r->arena; /* r itself is inside the arena. */
	arena_free(&a);
}

/* The data file's own words for units, comparisons and statuses. */
static const char *const unit_names[] = { "count", "number", "percent", "currency", "minutes",
					  "duration", "rating", "yes-no" };

/* "count", "percent", ... as written in the data file. */
const char *unit_name(enum unit unit)
{
	return unit_names[unit];
}

/* Reads a unit name; false for anything else. */
bool unit_parse(const char *s, enum unit *out)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++) {
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (enum unit)i;
			return true;
		}
	}
	return false;
}

/* "at-least", ... as the attribute is named in the data file. */
const char *cmp_name(enum cmp c)
{
	switch (c) {
	case CMP_AT_LEAST:
		return "at-least";
	case CMP_MORE_THAN:
		return "more-than";
	case CMP_AT_MOST:
		return "at-most";
	case CMP_LESS_THAN:
		return "less-than";
	}
	return "";
}

/* "quarterly", "monthly", "annual", "biennial" as the frequency= attribute says. */
const char *frequency_name(enum frequency f)
{
	switch (f) {
	case FREQ_QUARTERLY:
		break;
	case FREQ_MONTHLY:
		return "monthly";
	case FREQ_ANNUAL:
		return "annual";
	case FREQ_BIENNIAL:
		return "biennial";
	}
	return "quarterly";
}

/* "none", "sum", "average", "cumulative" as the aggregation= attribute says. */
const char *aggregation_name(enum aggregation a)
{
	switch (a) {
	case AGG_NONE:
		break;
	case AGG_SUM:
		return "sum";
	case AGG_AVERAGE:
		return "average";
	case AGG_CUMULATIVE:
		return "cumulative";
	}
	return "none";
}

/* "met", "under", "not-met", "no-data" */
const char *status_name(enum status s)
{
	switch (s) {
	case STATUS_NO_DATA:
		return "no-data";
	case STATUS_MET:
		return "met";
	case STATUS_UNDER:
		return "under";
	case STATUS_NOT_MET:
		return "not-met";
	}
	return "no-data";
}

/* The data file's words for an initiative's progress. */
static const char *const progress_names[PROGRESS_COUNT] = {
	[PROGRESS_NOT_STARTED] = "not-started",
	[PROGRESS_ON_TRACK] = "on-track",
	[PROGRESS_DELAYED] = "delayed",
	[PROGRESS_COMPLETE] = "complete",
};

/* "not-started", "on-track", "delayed", "complete" */
const char *progress_name(enum progress p)
{
	return progress_names[p];
}

/* Reads a progress word; false for anything else. */
bool progress_parse(const char *s, enum progress *out)
{
	for (int i = 0; i < PROGRESS_COUNT; i++)
		if (strcmp(s, progress_names[i]) == 0) {
			*out = (enum progress)i;
			return true;
		}
	return false;
}
