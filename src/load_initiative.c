/* Initiatives: a project of the plan with its status, its milestones (each
 * with a due period and a status) and commentary. They sit after a goal's
 * measures and never change a measure's status or the goal's counts. */
#include "load_limits.h"
#include "load_internal.h"

#include <string.h>

#include "period.h"

/* status=: one of the progress words; false after reporting otherwise. */
static bool read_status(struct loader *ld, xmlNode *el, enum progress *out)
{
	xmlAttr *a;
	const char *s = load_get(ld, el, "status", &a);
	if (!s)
		return false; /* Required: the schema reported it. */
	if (progress_parse(s, out))
		return true;
	load_attr_error(ld, a, "status=\"%s\" is not a progress; expected not-started, on-track, "
			"delayed or complete", load_shown(ld, s));
	return false;
}

/* One milestone: its text, due period and status. */
static void read_milestone(struct loader *ld, xmlNode *el, struct milestone *ms)
{
	ms->line = load_line(el);
	ms->text = load_plain(ld, el);
	if (!*ms->text)
		load_node_error(ld, el, "<milestone> is empty; expected what is to be done, such as "
				"Land purchased");
	read_status(ld, el, &ms->status);
	xmlAttr *a;
	const char *due = load_get(ld, el, "due", &a);
	if (!due)
		return;
	if (!period_parse_any(due, &ms->due))
		load_attr_error(ld, a, "due=\"%s\" is not a period; expected the period it is due in, "
				"such as 2025-06, FY2025-Q4 or FY2026", load_shown(ld, due));
	else if (!period_in_range(ms->due))
		load_attr_error(ld, a, "due=\"%s\" is outside the years qreport reads; expected a "
				"period from 1901 to 9999", load_shown(ld, due));
	else
		ms->has_due = true;
}

/* See load_internal.h. */
void load_initiative(struct loader *ld, xmlNode *el, struct initiative *in)
{
	in->line = load_line(el);
	in->id = load_id(ld, el, ID_INITIATIVE, in);
	read_status(ld, el, &in->status);
	size_t n = 0;
	for (xmlNode *c = el->children; c; c = c->next)
		n += load_is(c, "milestone");
	if (n > LOAD_MAX_MILESTONES)
		n = LOAD_MAX_MILESTONES;
	in->milestones = n ? arena_calloc(&ld->r->arena, n, sizeof *in->milestones) : NULL;
	bool told = false;
	for (xmlNode *c = el->children; c; c = c->next) {
		if (load_is(c, "name")) {
			in->name = load_plain(ld, c);
			if (!*in->name)
				load_node_error(ld, c, "<name> is empty; expected the initiative's name as "
						"readers see it");
		} else if (load_is(c, "department")) {
			const char *d = load_plain(ld, c);
			in->department = *d ? d : NULL;
		} else if (load_is(c, "milestone")) {
			if (in->nmilestones == n) {
				if (!told)
					load_node_error(ld, c, "more than %d milestones in one initiative; "
							"expected at most %d", LOAD_MAX_MILESTONES,
							LOAD_MAX_MILESTONES);
				told = true;
				continue;
			}
			read_milestone(ld, c, &in->milestones[in->nmilestones++]);
		} else if (load_is(c, "commentary")) {
			struct paras stale;
			load_paras(ld, c, load_text_current(ld, c) ? &in->commentary : &stale);
		}
	}
	if (!in->name)
		in->name = "";
}
