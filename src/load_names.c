/* What format 1 allows, in the words messages need: each element's attributes
 * with an example, the children it must have, whether it may repeat. The
 * schema (schema/report-1.xsd) is what validates; these tables only let a
 * message say what was expected, and test_load checks that they agree. */
#include "load_internal.h"

#include <stdio.h>
#include <string.h>

struct element_info {
	const char *name;
	const char *required; /* Children that must be there, space-separated. */
	bool repeats;         /* May appear more than once in its parent. */
};

struct order_info {
	const char *parent;
	const char *children; /* The order they must come in, space-separated. */
};

static const struct order_info orders[] = {
	{ "report", "meta goals narrative" },
	{ "goal", "statement measure initiative" },
	{ "initiative", "name department milestone commentary" },
	{ "measure", "name department definition source levels target benchmark second-figure value "
		     "commentary action note" },
};

static const struct element_info elements[] = {
	{ "report", "meta goals", false },
	{ "meta", "organization title fiscal-year period", false },
	{ "organization", NULL, false },
	{ "title", NULL, false },
	{ "subtitle", NULL, false },
	{ "plan", NULL, false },
	{ "short-name", NULL, false },
	{ "dateline", NULL, false },
	{ "fiscal-year", NULL, false },
	{ "period", NULL, false },
	{ "published", NULL, false },
	{ "tolerance", NULL, false },
	{ "goals", "goal", false },
	{ "goal", NULL, true },
	{ "statement", NULL, false },
	{ "measure", "name", true },
	{ "initiative", "name", true },
	{ "milestone", NULL, true },
	{ "name", NULL, false },
	{ "department", NULL, false },
	{ "definition", NULL, false },
	{ "source", NULL, false },
	{ "second-figure", NULL, false },
	{ "part", NULL, true },
	{ "note", NULL, true },
	{ "levels", "level", false },
	{ "level", NULL, true },
	{ "target", NULL, true },
	{ "benchmark", NULL, true },
	{ "value", NULL, true },
	{ "commentary", NULL, false },
	{ "action", NULL, false },
	{ "narrative", "section", false },
	{ "section", NULL, true },
	{ "p", NULL, true },
	{ "quote", NULL, true },
	{ "list", "item", true },
	{ "item", NULL, true },
	{ "measures", NULL, true },
	{ "b", NULL, true },
	{ "i", NULL, true },
	{ "a", NULL, true },
};

struct attr_info {
	const char *element, *name, *example;
};

static const struct attr_info attrs[] = {
	{ "report", "format", "1" },
	{ "report", "lang", "en-US" },
	{ "fiscal-year", "start-month", "7" },
	{ "fiscal-year", "named-by", "end" },
	{ "goal", "id", "quality" },
	{ "goal", "name", "Quality" },
	{ "measure", "id", "code-inspections" },
	{ "measure", "unit", "percent" },
	{ "measure", "decimals", "1" },
	{ "measure", "currency", "USD" },
	{ "measure", "aggregation", "sum" },
	{ "measure", "tolerance", "5%" },
	{ "measure", "frequency", "monthly" },
	{ "measure", "lag", "1" },
	{ "measure", "scale", "millions" },
	{ "measure", "unit-label", "tons" },
	{ "measure", "unit-label-one", "ton" },
	{ "measure", "breakdown", "district" },
	{ "measure", "since", "FY2025" },
	{ "target", "at-least", "75" },
	{ "target", "more-than", "75" },
	{ "target", "at-most", "5:00" },
	{ "target", "less-than", "5:00" },
	{ "target", "per", "year" },
	{ "target", "period", "FY2018-Q1" },
	{ "target", "fiscal-year", "2018" },
	{ "target", "better", "higher" },
	{ "target", "change", "+5%" },
	{ "target", "over", "3" },
	{ "target", "phasing", "20% 45% 80% 100%" },
	{ "target", "label", "Stretch" },
	{ "target", "decides", "no" },
	{ "initiative", "id", "fire-station-7" },
	{ "initiative", "status", "on-track" },
	{ "milestone", "status", "complete" },
	{ "milestone", "due", "2025-06" },
	{ "benchmark", "label", "National average" },
	{ "benchmark", "value", "5:00" },
	{ "benchmark", "text", "Top quartile of peer cities" },
	{ "second-figure", "label", "90th percentile" },
	{ "second-figure", "unit", "duration" },
	{ "second-figure", "decimals", "1" },
	{ "part", "label", "North District" },
	{ "part", "actual", "5:02" },
	{ "value", "period", "FY2018-Q1" },
	{ "value", "actual", "81" },
	{ "value", "second", "7:45" },
	{ "value", "estimate", "81" },
	{ "value", "status", "met" },
	{ "commentary", "for", "FY2018-Q1" },
	{ "action", "for", "FY2018-Q1" },
	{ "section", "for", "FY2018-Q1" },
	{ "section", "id", "overview" },
	{ "section", "title", "Making the grade" },
	{ "quote", "by", "Zach Walker" },
	{ "quote", "role", "City Manager" },
	{ "measures", "refs", "code-inspections demolitions" },
	{ "a", "href", "https://www.example.org/" },
};

/* The table row for an element, or NULL. */
static const struct element_info *find(const char *name)
{
	for (size_t i = 0; i < sizeof elements / sizeof elements[0]; i++)
		if (strcmp(elements[i].name, name) == 0)
			return &elements[i];
	return NULL;
}

/* Writes "id, unit, decimals, ..." into buf; false when the element takes none. */
bool load_format_attrs(const char *element, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		if (strcmp(attrs[i].element, element) != 0)
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", attrs[i].name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return len > 0;
}

/* An example value for element@attr, or NULL. */
const char *load_format_example(const char *element, const char *attr)
{
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcmp(attrs[i].element, element) == 0 && strcmp(attrs[i].name, attr) == 0)
			return attrs[i].example;
	return NULL;
}

/* Whether the format has this element anywhere. */
bool load_format_known(const char *element)
{
	return find(element) != NULL;
}

/* Whether the element may appear more than once in its parent. */
bool load_format_repeats(const char *element)
{
	const struct element_info *e = find(element);
	return e && e->repeats;
}

/* The children a parent must have, space-separated; NULL if none. */
const char *load_format_required(const char *element)
{
	const struct element_info *e = find(element);
	return e ? e->required : NULL;
}

/* The order a parent's children must come in, space-separated; NULL if any. */
const char *load_format_order(const char *parent)
{
	for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++)
		if (strcmp(orders[i].parent, parent) == 0)
			return orders[i].children;
	return NULL;
}
