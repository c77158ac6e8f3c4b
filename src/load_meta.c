/* The report element and its meta data: language, organization, titles,
 * fiscal calendar, report period, publication date and default tolerance. */
#include "load_internal.h"

#include <string.h>

#include "period.h"
#include "units.h"

/* See load_internal.h. */
bool load_language_tag(const char *s)
{
	size_t n = 0;
	bool first = true;
	for (;; s++) {
		bool alpha = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z');
		bool digit = *s >= '0' && *s <= '9';
		if (alpha || (digit && !first)) {
			if (++n > 8)
				return false;
			continue;
		}
		if (n == 0)
			return false;
		if (*s == '\0')
			return true;
		if (*s != '-')
			return false;
		n = 0;
		first = false;
	}
}

/* The report element's own attributes (format was checked before validation). */
void load_root(struct loader *ld, xmlNode *root)
{
	struct report *r = ld->r;
	xmlAttr *a;
	const char *lang = load_get(ld, root, "lang", &a);
	r->lang = "en-US";
	if (lang && !load_language_tag(lang))
		load_attr_error(ld, a, "lang=\"%s\" is not a language tag; expected a BCP 47 tag such "
			       "as en-US", load_shown(ld, lang));
	else if (lang)
		r->lang = arena_strdup(&r->arena, lang);
	r->tolerance = (struct tolerance){ true, 10, 0 };
	r->calendar = (struct fiscal_calendar){ 7, true };
}

/* Required plain text: an empty one is an error naming what belongs there. */
static const char *required_text(struct loader *ld, xmlNode *el, const char *what)
{
	const char *s = load_plain(ld, el);
	if (!*s) {
		const char *e = (const char *)el->name;
		load_node_error(ld, el, "<%s> is empty; expected %s", e, what);
	}
	return s;
}

/* Optional plain text: empty means absent. */
static const char *optional_text(struct loader *ld, xmlNode *el)
{
	const char *s = load_plain(ld, el);
	return *s ? s : NULL;
}

/* fiscal-year: start-month 1..12 written plainly, named-by end or start. */
static void load_fiscal_year(struct loader *ld, xmlNode *el)
{
	struct fiscal_calendar *cal = &ld->r->calendar;
	xmlAttr *a;
	const char *m = load_get(ld, el, "start-month", &a);
	if (m) {
		bool ok = (strlen(m) == 1 && m[0] >= '1' && m[0] <= '9') ||
			  (strlen(m) == 2 && m[0] == '1' && m[1] >= '0' && m[1] <= '2');
		if (ok)
			cal->start_month = m[1] ? 10 + m[1] - '0' : m[0] - '0';
		else
			load_attr_error(ld, a, "start-month=\"%s\" is not a month; expected a number "
				       "from 1 (January) to 12 (December)", load_shown(ld, m));
	}
	const char *nb = load_get(ld, el, "named-by", &a);
	if (nb) {
		if (strcmp(nb, "end") == 0 || strcmp(nb, "start") == 0)
			cal->named_by_end = nb[0] == 'e';
		else
			load_attr_error(ld, a, "named-by=\"%s\" is not a way to name fiscal years; "
				       "expected end (FY2018 ends in 2018) or start (FY2018 starts in "
				       "2018)", load_shown(ld, nb));
	}
}

/* meta: its children may come in any order. */
void load_meta(struct loader *ld, xmlNode *meta)
{
	struct report *r = ld->r;
	int published_line = 0;
	for (xmlNode *c = meta->children; c; c = c->next) {
		if (load_is(c, "organization")) {
			r->organization = required_text(ld, c, "the name of the organization that "
							"publishes the report");
			r->organization_line = load_line(c);
		} else if (load_is(c, "title")) {
			r->title = required_text(ld, c, "the report's title, such as Performance "
						 "Dashboard");
			r->title_line = load_line(c);
		} else if (load_is(c, "subtitle")) {
			r->subtitle = optional_text(ld, c);
			r->subtitle_line = load_line(c);
		} else if (load_is(c, "plan")) {
			r->plan = optional_text(ld, c);
			r->plan_line = load_line(c);
		} else if (load_is(c, "country")) {
			const char *s = load_plain(ld, c);
			if (strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z')
				r->country = s;
			else
				load_node_error(ld, c, "<country>%s</country> is not a country code; "
						"expected two capital letters (ISO 3166-1), such as US",
						load_shown(ld, s));
		} else if (load_is(c, "short-name")) {
			r->short_name = optional_text(ld, c);
			r->short_name_line = load_line(c);
		} else if (load_is(c, "dateline")) {
			r->dateline = optional_text(ld, c);
			r->dateline_line = load_line(c);
		} else if (load_is(c, "fiscal-year")) {
			load_fiscal_year(ld, c);
		} else if (load_is(c, "period")) {
			const char *s = load_plain(ld, c);
			if (period_parse(s, &r->period) && fiscal_year_ok(r->period.fy))
				ld->has_period = true;
			else if (period_parse(s, &r->period))
				load_node_error(ld, c, "<period>%s</period> is outside the fiscal years "
						"qreport reads; expected FY%d to FY%d (so that every "
						"quarter falls in the years 1901 to 9999)",
						load_shown(ld, s), PERIOD_MIN_FY, PERIOD_MAX_FY);
			else
				load_node_error(ld, c, "<period>%s</period> is not a period; expected a "
						"period id such as FY2018-Q1", load_shown(ld, s));
		} else if (load_is(c, "published")) {
			const char *s = load_plain(ld, c);
			published_line = load_line(c);
			if (date_parse(s, &r->published) && r->published.year >= DATE_MIN_YEAR)
				r->has_published = true;
			else if (date_parse(s, &r->published))
				load_node_error(ld, c, "<published>%s</published> is before %d; expected "
						"a date from %d-01-01 to 9999-12-31", load_shown(ld, s),
						DATE_MIN_YEAR, DATE_MIN_YEAR);
			else
				load_node_error(ld, c, "<published>%s</published> is not a date; "
						"expected YYYY-MM-DD with a day that exists, such as "
						"2017-11-13", load_shown(ld, s));
		} else if (load_is(c, "tolerance")) {
			const char *s = load_plain(ld, c);
			char why[200];
			if (!amount_precise(s, why, sizeof why))
				load_node_error(ld, c, "<tolerance>%s</tolerance> %s", load_shown(ld, s), why);
			else if (tolerance_parse(UNIT_NUMBER, true, s, &r->tolerance, why, sizeof why))
				r->tolerance.line = load_line(c);
			else
				load_node_error(ld, c, "<tolerance>%s</tolerance> is not a percentage; "
						"expected %s", load_shown(ld, s), why);
		}
	}
	load_check_published(ld, published_line);
}
