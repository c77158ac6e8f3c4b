/* Text written for a quarter. Commentary, next steps and narrative sections
 * may say which quarter they were written for (for="FY2018-Q1"); when the
 * report has moved on to a later quarter, last quarter's words would
 * describe figures readers no longer see, so they are left out of the
 * report and the writer is told where they are. The publication date is
 * checked the same way: a file made for the next quarter keeps last
 * quarter's date until the writer sets it. */
#include "load_internal.h"

#include <stdio.h>
#include <string.h>

#include "period.h"

/* How a text element is named in messages: "<commentary>", "<action> (next
 * steps)", "<section id="focus">"; in the report's arena. */
static const char *text_name(struct loader *ld, xmlNode *el)
{
	if (load_is(el, "action"))
		return "<action> (next steps)";
	if (load_is(el, "section")) {
		const char *id = load_get(ld, el, "id", NULL);
		if (id)
			return arena_printf(&ld->r->arena, "<section id=\"%s\">", load_shown(ld, id));
	}
	return arena_printf(&ld->r->arena, "<%s>", (const char *)el->name);
}

/* Reads for= on commentary, action or section; see load_internal.h. */
bool load_text_current(struct loader *ld, xmlNode *el)
{
	xmlAttr *a;
	const char *text = load_get(ld, el, "for", &a);
	if (!text)
		return true;
	struct period p;
	if (!period_parse(text, &p)) {
		load_attr_error(ld, a, "for=\"%s\" is not a period; expected the period id of the "
				"quarter the text was written for, such as for=\"FY2018-Q1\"",
				load_shown(ld, text));
		return true;
	}
	if (!ld->has_period)
		return true;
	const struct period now = ld->r->period;
	char was[16], is[16], was_label[24], is_label[24];
	period_id(p, was, sizeof was);
	period_id(now, is, sizeof is);
	period_label(p, was_label, sizeof was_label);
	period_label(now, is_label, sizeof is_label);
	int c = period_cmp(p, now);
	if (c > 0) {
		load_attr_error(ld, a, "for=\"%s\" is after the report period %s; expected text "
				"written for %s or an earlier quarter", text, is, is);
		return true;
	}
	if (c == 0)
		return true;
	load_warning(ld, load_line(el),
		     "%s was written for %s and the report is for %s, so it is left out of the "
		     "report; expected it brought up to date and marked <%s for=\"%s\">, or "
		     "deleted", text_name(ld, el), was_label, is_label, (const char *)el->name, is);
	return false;
}

/* The publication date against the end of the report period. */
void load_check_published(struct loader *ld, int line)
{
	const struct report *r = ld->r;
	if (!ld->has_period || !r->has_published)
		return;
	struct date start, end;
	period_dates(r->period, r->calendar, &start, &end);
	struct date pub = r->published;
	bool before = pub.year != end.year ? pub.year < end.year
		      : pub.month != end.month ? pub.month < end.month
					       : pub.day < end.day;
	if (!before)
		return;
	char id[16], end_text[40];
	period_id(r->period, id, sizeof id);
	date_long_label(end, end_text, sizeof end_text);
	load_warning(ld, line,
		     "<published>%04d-%02d-%02d</published> is before the end of the report period "
		     "%s (%s); expected the day this report is published, after the quarter it "
		     "covers", pub.year, pub.month, pub.day, id, end_text);
}
