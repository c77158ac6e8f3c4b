#include "layout_parts.h"

#include <stdio.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_card.h"
#include "layout_table.h"
#include "units.h"

static const struct tcol appendix_cols[] = {
	{"Goal area", ALIGN_LEFT, true},
	{"Measure", ALIGN_LEFT, true},
	{"Target", ALIGN_LEFT, true},
	{"Result", ALIGN_RIGHT, false},
	{"Status", ALIGN_LEFT, false},
	{"On last year", ALIGN_RIGHT, false},
};
#define APPENDIX_NCOLS (sizeof appendix_cols / sizeof appendix_cols[0])

/* The change on last year with its direction in words, or a dash. */
static void change_cell(struct lay *L, const struct measure *m, struct tcell *c)
{
	const struct change *ch = &m->vs_last_year;
	if (!ch->available) {
		tcell_text(L, c, "\xE2\x80\x94");
		return;
	}
	struct spans sp = {0};
	spans_add(L, &sp, ch->delta_text, 0);
	struct rgb color;
	const char *word = trend_word(L, ch->trend, &color);
	if (word) {
		spans_add(L, &sp, " ", 0);
		struct tspan *w = spans_add(L, &sp, word, RUN_BOLD);
		w->has_color = true;
		w->color = color;
	}
	memset(c, 0, sizeof *c);
	c->spans = sp.v;
	c->nspans = sp.n;
	c->dest = -1;
}

/* The table of every measure, continuing across pages under its head row. */
static void measures_table(struct lay *L, int sect)
{
	const struct report *r = L->r;
	struct table t;
	memset(&t, 0, sizeof t);
	t.cols = appendix_cols;
	t.ncols = APPENDIX_NCOLS;
	t.nrows = r->nmeasures;
	t.cells = arena_calloc(L->a, r->nmeasures * APPENDIX_NCOLS + 1, sizeof *t.cells);
	t.parent = sect;
	t.x = L->left;
	t.width = L->width;
	t.band = true;
	t.kind = T_SMALL;
	t.space_before = L->line * 0.8;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct period_eval *cur = m->current;
		enum status s = cur ? cur->shown : STATUS_NO_DATA;
		struct tcell *c = &t.cells[i * APPENDIX_NCOLS];
		tcell_text(L, &c[0], m->goal->name);
		c[0].line = m->goal->line;
		tcell_text(L, &c[1], m->name);
		c[1].dest = L->measure_dest[m->index];
		c[1].line = m->line;
		tcell_text(L, &c[2], cur && cur->target_text[0] ? cur->target_text : "None set");
		tcell_text(L, &c[3], result_text(L, m));
		tcell_text(L, &c[4], L->st->status_label[s]);
		c[4].icon = true;
		c[4].status = s;
		change_cell(L, m, &c[5]);
	}
	table_shape(L, &t);
	table_fit(L, &t, NULL, NULL);
	table_flow(L, &t);
}

/* What each status means, as decided by the data file format's rules. */
static const char *status_meaning(enum status s)
{
	switch (s) {
	case STATUS_MET:
		return "The result meets the target.";
	case STATUS_UNDER:
		return "The result misses the target, but by no more than the tolerance.";
	case STATUS_NOT_MET:
		return "The result misses the target by more than the tolerance.";
	case STATUS_NO_DATA:
		return "No result was reported for the quarter, or the measure has no target to "
		       "compare it with.";
	}
	return "";
}

/* A tolerance as readers see it: "10% of the target" or "0:30". */
static const char *tolerance_text(struct lay *L, const struct measure *m, struct tolerance t)
{
	if (t.relative)
		return arena_printf(L->a, "%g%% of the target", t.amount);
	char buf[64];
	amount_format(m, t.amount, buf, sizeof buf);
	return arena_strdup(L->a, buf);
}

/* The tolerance rule, naming the measures that set their own. */
static const char *tolerance_paragraph(struct lay *L)
{
	const struct report *r = L->r;
	enum { SHOW = 12 };
	size_t own = 0;
	char *names = arena_strdup(L->a, "");
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		if (!m->has_tolerance)
			continue;
		if (own < SHOW)
			names = arena_printf(L->a, "%s%s%s (%s)", names, own ? "; " : "", m->name,
					     tolerance_text(L, m, m->tolerance));
		own++;
	}
	const char *deflt = r->tolerance.relative
				    ? arena_printf(L->a, "%g%% of the target", r->tolerance.amount)
				    : arena_printf(L->a, "%g", r->tolerance.amount);
	if (own == 0)
		return arena_printf(L->a, "Tolerance: a result is %s when it misses its target by no "
				    "more than %s. Every measure in this report uses that tolerance.",
				    L->st->status_label[STATUS_UNDER], deflt);
	const char *more = own > SHOW ? arena_printf(L->a, "; and %zu more", own - SHOW) : "";
	return arena_printf(L->a, "Tolerance: a result is %s when it misses its target by no more "
			    "than %s, unless the measure sets its own tolerance. %zu measure%s set%s "
			    "their own: %s%s.", L->st->status_label[STATUS_UNDER], deflt, own,
			    own == 1 ? "" : "s", own == 1 ? "s" : "", names, more);
}

/* The legend: each icon and label with its meaning, then the rules. */
static void legend(struct lay *L, int sect)
{
	const struct report *r = L->r;
	int gs = db_elem(&L->db, ROLE_SECT, sect, NULL);
	blk_heading(L, 2, "How to read this report", gs, -1, L->line * 2, 0);
	int list = db_elem(&L->db, ROLE_L, gs, NULL);
	struct tstyle lts = lay_tstyle(L, T_BODY);
	lts.face = FACE_BOLD;
	double isz = L->st->size_body * 1.2;
	double label_w = 0;
	for (int i = 0; i < STATUS_COUNT; i++) {
		double w = label_width(L, L->st->status_label[i], T_BODY) * 1.1;
		if (w > label_w)
			label_w = w;
	}
	if (label_w > L->width * 0.35)
		label_w = L->width * 0.35;
	double indent = isz * 1.6 + label_w + L->line;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = status_order[i];
		int li = db_elem(&L->db, ROLE_LI, list, NULL);
		int lbl = db_elem(&L->db, ROLE_LBL, li, NULL);
		int body = db_elem(&L->db, ROLE_LBODY, li, NULL);
		struct tstyle ts = lts;
		ts.color = L->c.status_text[s];
		struct tblock lb;
		text_plain(L, &lb, L->st->status_label[s], &ts, label_w, L->st->path, 0);
		struct lines_opt o = lines_opt_default(L, -1);
		o.x = L->left + indent;
		o.width = L->width - indent;
		o.space_before = L->line * (i ? 0.4 : 0.6);
		o.icon = true;
		o.icon_status = s;
		o.icon_x = L->left;
		o.label = &lb;
		o.label_x = L->left + isz * 1.6;
		o.label_width = label_w;
		o.label_elem = lbl;
		blk_text(L, status_meaning(s), T_BODY, body, &o);
		text_free(&lb);
	}

	bool ytd = false, override = false;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct period_eval *cur = r->measures[i]->current;
		ytd |= cur && cur->ytd;
		override |= cur && cur->value && cur->value->has_override;
	}
	struct lines_opt o = lines_opt_default(L, -1);
	o.space_before = L->line;
	blk_text(L, tolerance_paragraph(L), T_BODY, gs, &o);
	o.space_before = L->line * 0.6;
	if (ytd)
		blk_text(L, "Annual targets: where a target is set for the whole year, the total so far "
			    "this year is compared with the share of the target due by the end of the "
			    "quarter: a quarter of it after the first quarter, half after the second, "
			    "and so on.", T_BODY, gs, &o);
	if (override)
		blk_text(L, "Reported status: where the data gives a status for the quarter, that "
			    "status is shown, and the measure's card says what the numbers alone "
			    "would give.", T_BODY, gs, &o);
	blk_text(L, "Changes compare the quarter with the same quarter a year earlier and with the "
		    "quarter before it. Better or worse follows the direction of the target: for a "
		    "response time, lower is better.", T_BODY, gs, &o);
}

/* The appendix: every measure in one table, then the legend. */
void part_appendix(struct lay *L)
{
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	int dest = L->part_dest[PART_APPENDIX];
	db_outline(&L->db, part_title[PART_APPENDIX], 0, dest);
	blk_heading(L, 1, part_title[PART_APPENDIX], sect, dest, 0, 0);
	struct lines_opt o = lines_opt_default(L, -1);
	o.space_before = L->line * 0.4;
	const char *intro = arena_printf(L->a, "Every measure in the report with its status for %s. "
					 "Select a measure's name to go to its card.",
					 L->r->period_label ? L->r->period_label : "the quarter");
	if (!L->has_part[PART_GOALS])
		intro = arena_printf(L->a, "Every measure in the report with its status for %s.",
				     L->r->period_label ? L->r->period_label : "the quarter");
	blk_text(L, intro, T_BODY_MUTED, sect, &o);
	if (L->r->nmeasures > 0)
		measures_table(L, sect);
	legend(L, sect);
}
