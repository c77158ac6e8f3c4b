/* What a reader is told about the plan's initiatives: each one's status in
 * the layout's words, its milestones (due when, how they stand, which are
 * overdue) and a line that sums them up; per goal, how many stand where. */
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "present_internal.h"

/* The words for how far along something is. */
static const char *const progress_words[PROGRESS_COUNT] = {
	[PROGRESS_NOT_STARTED] = "Not Started",
	[PROGRESS_ON_TRACK] = "On Track",
	[PROGRESS_DELAYED] = "Delayed",
	[PROGRESS_COMPLETE] = "Complete",
};

/* One milestone in words. */
static void milestone_words(struct presentation *p, const struct milestone *ms,
			    struct pres_milestone *pm)
{
	pm->ms = ms;
	pm->text = ms->text;
	pm->status_word = p->progress_label[ms->status];
	pm->due = ms->has_due ? pres_period_label(p, ms->due) : NULL;
	const char *when = pm->due ? arena_printf(&p->arena, ", due %s", pm->due) : "";
	pm->line = arena_printf(&p->arena, "%s%s: %s%s%s", ms->text, when, pm->status_word,
				ms->overdue ? ", " : "", ms->overdue ? p->overdue_word : "");
}

/* One initiative in words. */
static void initiative_words(struct presentation *p, const struct initiative *in,
			     struct pres_initiative *pi)
{
	pi->in = in;
	pi->status_word = p->progress_label[in->status];
	pi->nmilestones = in->nmilestones;
	pi->milestones = arena_calloc(&p->arena, in->nmilestones + 1, sizeof *pi->milestones);
	size_t done = 0, overdue = 0;
	const struct pres_milestone *next = NULL;
	for (size_t i = 0; i < in->nmilestones; i++) {
		milestone_words(p, &in->milestones[i], &pi->milestones[i]);
		done += in->milestones[i].status == PROGRESS_COMPLETE;
		overdue += in->milestones[i].overdue;
		if (!next && in->milestones[i].status != PROGRESS_COMPLETE)
			next = &pi->milestones[i];
	}
	if (in->nmilestones == 0)
		pi->summary = "No milestones set";
	else if (!next)
		pi->summary = arena_printf(&p->arena, "All %zu milestone%s complete", done,
					   done == 1 ? "" : "s");
	else
		pi->summary = arena_printf(&p->arena, "%zu of %zu milestone%s complete; next: %s%s%s",
					   done, in->nmilestones, in->nmilestones == 1 ? "" : "s",
					   next->text, next->due ? ", due " : "",
					   next->due ? next->due : "");
	if (overdue)
		pi->overdue_note = arena_printf(&p->arena, "%zu milestone%s overdue", overdue,
						overdue == 1 ? "" : "s");
}

/* "3 initiatives: 2 On Track, 1 Delayed" (zero counts left out). */
static const char *counts_words(struct presentation *p, const struct goal *g)
{
	const char *s = arena_printf(&p->arena, "%zu initiative%s", g->ninitiatives,
				     g->ninitiatives == 1 ? "" : "s");
	static const enum progress order[PROGRESS_COUNT] = {PROGRESS_COMPLETE, PROGRESS_ON_TRACK,
							     PROGRESS_DELAYED, PROGRESS_NOT_STARTED};
	bool first = true;
	for (int i = 0; i < PROGRESS_COUNT; i++) {
		int n = g->initiative_counts[order[i]];
		if (n == 0)
			continue;
		s = arena_printf(&p->arena, "%s%s%d %s", s, first ? ": " : ", ", n,
				 p->progress_label[order[i]]);
		first = false;
	}
	return s;
}

/* See present_internal.h. */
void pres_initiatives_build(struct presentation *p)
{
	const struct report *r = p->r;
	for (int i = 0; i < PROGRESS_COUNT; i++)
		p->progress_label[i] = progress_words[i];
	p->initiatives_title = "Initiatives";
	p->overdue_word = "overdue";
	p->initiatives = arena_calloc(&p->arena, r->ninitiatives + 1, sizeof *p->initiatives);
	for (size_t i = 0; i < r->ninitiatives; i++)
		initiative_words(p, r->initiatives[i], &p->initiatives[i]);
	p->goal_initiatives = arena_calloc(&p->arena, r->ngoals + 1, sizeof *p->goal_initiatives);
	for (size_t g = 0; g < r->ngoals; g++)
		if (r->goals[g].ninitiatives > 0)
			p->goal_initiatives[g] = counts_words(p, &r->goals[g]);
	if (r->ninitiatives > 0)
		p->initiative_rule = "Initiatives are projects of the plan followed by their "
				     "milestones rather than a figure: each shows where it stands as "
				     "its department reports it, and a milestone due by the end of the "
				     "quarter and not complete is marked overdue. They do not count in "
				     "the measures' totals.";
}
