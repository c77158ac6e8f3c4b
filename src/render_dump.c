/* The evaluated model as indented text, one fact a line: what the loader read
 * and what evaluation decided, for golden regression tests and for people
 * asking "why is this measure under?". Numbers are printed exactly to 9
 * places, so the text is the same on every machine. */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "present.h"
#include "period.h"
#include "units.h"

#define NUM_MAX 400   /* "%.9f" of anything the loader accepts, with room to spare. */
#define LABEL_MAX 128 /* Formatted amounts and period ids. */

/* A number as the shortest of "%.9f" without trailing zeros: 81, 7.5, 51.7. */
static const char *num(double v, char buf[NUM_MAX])
{
	snprintf(buf, NUM_MAX, "%.9f", round9(v));
	char *end = buf + strlen(buf);
	if (strchr(buf, '.')) {
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			*--end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

/* Indentation: two spaces a level. */
static void indent(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", out);
}

/* Text in double quotes, with quotes, backslashes and control characters escaped. */
static void put_quoted_raw(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}

/* A quoted string, or (none) for NULL. */
static void put_quoted(FILE *out, const char *s)
{
	if (!s) {
		fputs("(none)", out);
		return;
	}
	fputc('"', out);
	put_quoted_raw(out, s);
	fputc('"', out);
}

/* A paragraph as one quoted line, styles shown as <b>, <i> and <a href>. */
static void put_para(FILE *out, const struct para *p)
{
	fputc('"', out);
	for (size_t i = 0; i < p->nruns; i++) {
		const struct run *r = &p->runs[i];
		if (r->lang) {
			fputs("<span xml:lang=\\\"", out);
			put_quoted_raw(out, r->lang);
			fputs("\\\">", out);
		}
		if (r->href) {
			fputs("<a href=\\\"", out);
			put_quoted_raw(out, r->href);
			fputs("\\\">", out);
		}
		if (r->style & RUN_BOLD)
			fputs("<b>", out);
		if (r->style & RUN_ITALIC)
			fputs("<i>", out);
		put_quoted_raw(out, r->text);
		if (r->style & RUN_ITALIC)
			fputs("</i>", out);
		if (r->style & RUN_BOLD)
			fputs("</b>", out);
		if (r->href)
			fputs("</a>", out);
		if (r->lang)
			fputs("</span>", out);
	}
	fputc('"', out);
}

/* "label: <para> line N" on its own line. */
static void para_line(FILE *out, int depth, const char *label, const struct para *p)
{
	indent(out, depth);
	fprintf(out, "%s: ", label);
	put_para(out, p);
	fprintf(out, " line %d", p->line);
	if (p->lang)
		fprintf(out, " xml:lang %s", p->lang);
	fputc('\n', out);
}

/* Commentary or action: one line per paragraph. */
static void paras_lines(FILE *out, int depth, const char *label, const struct paras *ps)
{
	if (ps->n == 0)
		return;
	indent(out, depth);
	fprintf(out, "%s:\n", label);
	for (size_t i = 0; i < ps->n; i++)
		para_line(out, depth + 1, "p", &ps->items[i]);
}

/* "FY2018-Q1" */
static const char *pid(struct period p, char buf[LABEL_MAX])
{
	period_id(p, buf, LABEL_MAX);
	return buf;
}

/* "met 2, under 0, not-met 1, no-data 0" */
static void counts_line(FILE *out, int depth, const int counts[STATUS_COUNT])
{
	static const enum status order[STATUS_COUNT] = {STATUS_MET, STATUS_UNDER, STATUS_NOT_MET,
							STATUS_NO_DATA};
	indent(out, depth);
	fputs("counts:", out);
	for (int i = 0; i < STATUS_COUNT; i++)
		fprintf(out, "%s %s %d", i ? "," : "", status_name(order[i]), counts[order[i]]);
	fputc('\n', out);
}

/* "2017-07-01" */
static void put_date(FILE *out, struct date d)
{
	fprintf(out, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* "10%" or "30 (0:30)": a tolerance as the file meant it. */
static void put_tolerance(FILE *out, const struct measure *m, struct tolerance t)
{
	char n[NUM_MAX], text[LABEL_MAX];
	if (t.relative) {
		fprintf(out, "%s%%", num(t.amount, n));
		return;
	}
	amount_format(m, t.amount, text, sizeof text);
	fprintf(out, "%s \"%s\"", num(t.amount, n), text);
}

/* The report's own fields and labels. */
static void dump_meta(const struct report *r, const struct presentation *p, FILE *out)
{
	char n[NUM_MAX], b[LABEL_MAX];
	const char *base = r->path ? strrchr(r->path, '/') : NULL;
	fputs("report\n", out);
	fputs("  file: ", out);
	put_quoted(out, base ? base + 1 : r->path);
	fputs("\n  lang: ", out);
	put_quoted(out, r->lang);
	fputs("\n  organization: ", out);
	put_quoted(out, r->organization);
	fputs("\n  title: ", out);
	put_quoted(out, r->title);
	fputs("\n  subtitle: ", out);
	put_quoted(out, r->subtitle);
	fputs("\n  plan: ", out);
	put_quoted(out, r->plan);
	fputs("\n  country: ", out);
	put_quoted(out, r->country);
	fputs("\n  short-name: ", out);
	put_quoted(out, r->short_name);
	fputs("\n  dateline: ", out);
	put_quoted(out, r->dateline);
	fprintf(out, "\n  fiscal-year: start-month %d, named-by %s\n", r->calendar.start_month,
		r->calendar.named_by_end ? "end" : "start");
	fprintf(out, "  period: %s ", pid(r->period, b));
	put_quoted(out, p->period_label);
	fputc(' ', out);
	put_quoted(out, p->period_dates);
	fputc(' ', out);
	put_date(out, r->period_start);
	fputs("..", out);
	put_date(out, r->period_end);
	fputs("\n  published: ", out);
	if (r->has_published) {
		put_date(out, r->published);
		fputc(' ', out);
		put_quoted(out, p->published_date);
	} else {
		fputs("(none)", out);
	}
	fprintf(out, "\n  tolerance: %s%%\n", num(r->tolerance.amount, n));
	counts_line(out, 1, r->counts);
}

/* One target as written: comparison, amount, per, scope, line. */
static void dump_target(const struct measure *m, const struct target *t, FILE *out)
{
	char n[NUM_MAX], text[LABEL_MAX], b[LABEL_MAX];
	amount_format(m, t->amount, text, sizeof text);
	const char *per = t->per_year ? "year" : t->per_quarter ? "quarter" : NULL;
	if (!per)
		per = m->frequency == FREQ_QUARTERLY ? "quarter"
		      : m->frequency == FREQ_MONTHLY ? "month"
						      : "period";
	switch (t->kind) {
	case TARGET_AMOUNT:
		fprintf(out, "    target: %s %s \"%s\" per %s, ", cmp_name(t->cmp), num(t->amount, n),
			text, per);
		break;
	case TARGET_RANGE:
		fprintf(out, "    target: %s %s \"%s\"", cmp_name(t->cmp), num(t->amount, n), text);
		amount_format(m, t->high, text, sizeof text);
		fprintf(out, " to %s %s \"%s\" per %s, ", cmp_name(t->cmp_high), num(t->high, n), text,
			per);
		break;
	case TARGET_RELATIVE:
		fprintf(out, "    target: %s %s", cmp_name(t->cmp),
			t->baseline == BASELINE_PREVIOUS    ? "previous"
			: t->baseline == BASELINE_LAST_YEAR ? "last-year"
							    : "average");
		if (t->baseline == BASELINE_AVERAGE)
			fprintf(out, " over %d", t->over);
		if (t->has_change)
			fprintf(out, " change %s%s%s", t->change > 0 ? "+" : "", num(t->change, n),
				t->change_relative ? "%" : "");
		fprintf(out, " per %s, ", per);
		break;
	case TARGET_IMPROVE:
		fprintf(out, "    target: better %s per %s, ",
			t->cmp == CMP_MORE_THAN ? "higher" : "lower", per);
		break;
	}
	if (t->label) {
		fputs("label ", out);
		put_quoted(out, t->label);
		fputs(t->reference ? " (does not decide), " : ", ", out);
	}
	if (t->phasing) {
		fputs("phasing", out);
		for (size_t i = 0; i < t->nphasing; i++)
			fprintf(out, " %s%%", num(t->phasing[i], n));
		fputs(", ", out);
	}
	switch (t->scope) {
	case SCOPE_ALL:
		fputs("all periods", out);
		break;
	case SCOPE_FISCAL_YEAR:
		fprintf(out, "fiscal-year %d", t->scope_fy);
		break;
	case SCOPE_PERIOD:
		fprintf(out, "period %s", pid(t->scope_period, b));
		break;
	}
	fprintf(out, ", line %d\n", t->line);
}

/* One value element as written. */
static void dump_value(const struct value *v, FILE *out)
{
	char n[NUM_MAX], b[LABEL_MAX];
	fprintf(out, "    value: %s actual ", pid(v->period, b));
	fputs(v->has_actual ? num(v->actual, n) : "(none)", out);
	if (v->has_estimate)
		fprintf(out, ", estimate %s", num(v->estimate, n));
	if (v->has_second)
		fprintf(out, ", second %s", num(v->second, n));
	if (v->has_override)
		fprintf(out, ", status %s", status_name(v->override));
	fprintf(out, ", line %d\n", v->line);
	for (size_t i = 0; i < v->nparts; i++) {
		const struct value_part *pt = &v->parts[i];
		fputs("      part ", out);
		put_quoted(out, pt->label);
		fprintf(out, " actual %s, line %d\n", pt->has_actual ? num(pt->actual, n) : "(none)",
			pt->line);
	}
}

/* One evaluated period: everything that went into its status. */
static void dump_period(const struct report *r, const struct measure *m,
			const struct pres_period *pp, FILE *out)
{
	const struct period_eval *pe = pp->pe;
	char n[NUM_MAX], b[LABEL_MAX];
	fprintf(out, "    period %s%s\n", pid(pe->period, b),
		period_cmp(pe->period, r->period) == 0 ? " (report period)"
		: pe == m->current			? " (judged)"
							: "");
	fputs("      actual: ", out);
	if (pe->has_actual) {
		fprintf(out, "%s ", num(pe->actual, n));
		put_quoted(out, pp->actual);
		if (pe->estimated)
			fputs(" estimate", out);
	} else {
		fputs("(none)", out);
	}
	if (pe->value)
		fprintf(out, ", value line %d", pe->value->line);
	fputs("\n      target: ", out);
	if (pe->has_target) {
		fprintf(out, "%s %s ", cmp_name(pe->target->cmp), num(pe->target_amount, n));
		put_quoted(out, pp->target_amount);
		if (pp->target_high) {
			fprintf(out, " to %s %s ", cmp_name(pe->target->cmp_high),
				num(pe->target_high, n));
			put_quoted(out, pp->target_high);
		}
		fputs(" from ", out);
		put_quoted(out, pp->target);
		fprintf(out, ", line %d", pe->target->line);
	} else {
		fputs("(none)", out);
	}
	if (pe->has_baseline)
		fprintf(out, "\n      baseline: %s for %s", num(pe->baseline, n),
			pid(pe->baseline_period, b));
	else if (pe->baseline_missing)
		fprintf(out, "\n      baseline: (none: %s has no result)", pid(pe->baseline_period, b));
	fputs("\n      compared: ", out);
	if (pe->has_compared) {
		fprintf(out, "%s ", num(pe->compared, n));
		put_quoted(out, pp->compared);
		if (pe->ytd)
			fputs(pe->target && pe->target->per_quarter ? " quarter to date" : " year to date",
			      out);
	} else {
		fputs(pe->ytd ? "(none: a quarter of the year has no data)" : "(none)", out);
	}
	fputc('\n', out);
	if (pe->has_target) {
		fprintf(out, "      tolerance: %s\n", num(pe->tolerance, n));
		if (pe->has_compared)
			fprintf(out, "      miss: %s\n", num(pe->miss, n));
	}
	fprintf(out, "      status: %s, computed %s%s\n", status_name(pe->shown),
		status_name(pe->computed), pe->value && pe->value->has_override ? " (override)" : "");
	if (pp->reason) {
		fputs("      reason: ", out);
		put_quoted(out, pp->reason);
		fputc('\n', out);
	}
}

/* A change of the report period's actual against another period. */
static void dump_change(const struct change *c, const struct pres_change *pc, FILE *out)
{
	char n[NUM_MAX], b[LABEL_MAX];
	fprintf(out, "    change vs %s: ", pid(c->against, b));
	if (!c->applies) {
		fputs("(does not apply)\n", out);
		return;
	}
	if (!c->available) {
		if (c->has_previous) {
			fprintf(out, "previous %s ", num(c->previous, n));
			put_quoted(out, pc->previous);
			fputs(", ", out);
		}
		fputs("(none) ", out);
		put_quoted(out, pc->text);
		fputc('\n', out);
		return;
	}
	fprintf(out, "previous %s ", num(c->previous, n));
	put_quoted(out, pc->previous);
	fprintf(out, ", delta %s ", num(c->delta, n));
	put_quoted(out, pc->delta);
	if (c->has_pct)
		fprintf(out, ", %s%%", num(round(c->pct * 100) / 100, n));
	fprintf(out, ", %s\n", pc->trend_word ? pc->trend_word : "");
}

/* A measure: what the file said, then every evaluated period and the texts. */
static void dump_measure(const struct report *r, const struct presentation *p,
			 const struct measure *m, FILE *out)
{
	const struct pres_measure *pm = present_measure(p, m);
	fprintf(out, "  measure %s ", m->id);
	put_quoted(out, m->name);
	fprintf(out, " line %d\n", m->line);
	fprintf(out, "    unit: %s, decimals %d", unit_name(m->unit), m->decimals);
	if (m->currency)
		fprintf(out, ", currency %s", m->currency);
	fprintf(out, ", aggregation %s\n", aggregation_name(m->aggregation));
	if (m->frequency != FREQ_QUARTERLY || m->lag > 0) {
		char a[LABEL_MAX], z[LABEL_MAX];
		fprintf(out, "    frequency: %s, lag %d, judged %s, window %s..%s\n",
			frequency_name(m->frequency), m->lag, pid(m->current->period, a),
			pid(m->window_first, z), pid(m->current->period, a));
	}
	if (m->department) {
		fputs("    department: ", out);
		put_quoted(out, m->department);
		fputc('\n', out);
	}
	if (m->definition.nruns)
		para_line(out, 2, "definition", &m->definition);
	if (m->scale != SCALE_ONE || m->unit_label)
		fprintf(out, "    shown: scale %s, unit-label %s%s%s\n",
			m->scale == SCALE_THOUSANDS ? "thousands"
			: m->scale == SCALE_MILLIONS ? "millions"
			: m->scale == SCALE_BILLIONS ? "billions"
						    : "ones",
			m->unit_label ? m->unit_label : "(none)", m->unit_label_one ? ", one " : "",
			m->unit_label_one ? m->unit_label_one : "");
	if (m->nlevels > 0 && m->unit == UNIT_RATING) {
		fputs("    levels:", out);
		for (size_t i = 0; i < m->nlevels; i++) {
			fputc(' ', out);
			put_quoted(out, m->levels[i]);
		}
		fputc('\n', out);
	}
	if (m->source) {
		fputs("    source: ", out);
		put_quoted(out, m->source);
		fputc('\n', out);
	}
	if (m->breakdown) {
		fputs("    breakdown: ", out);
		put_quoted(out, m->breakdown);
		fputc('\n', out);
	}
	if (m->second) {
		fputs("    second figure: ", out);
		put_quoted(out, m->second_label);
		fprintf(out, " %s, decimals %d\n", unit_name(m->second->unit), m->second->decimals);
	}
	if (m->has_since) {
		char b[LABEL_MAX];
		fprintf(out, "    since: %s\n", pid(m->since, b));
	}
	for (size_t i = 0; i < m->nnotes; i++)
		para_line(out, 2, "note", &m->notes[i]);
	fputs("    tolerance: ", out);
	put_tolerance(out, m, m->tolerance);
	if (m->has_tolerance)
		fprintf(out, ", line %d\n", m->tolerance.line);
	else
		fputs(" (report default)\n", out);
	fprintf(out, "    direction: %s\n", pm->direction);
	for (size_t i = 0; i < m->ntargets; i++)
		dump_target(m, &m->targets[i], out);
	for (size_t i = 0; i < m->nbenchmarks; i++) {
		char n[NUM_MAX], text[LABEL_MAX];
		const struct benchmark *bm = &m->benchmarks[i];
		fputs("    benchmark: ", out);
		put_quoted(out, bm->label);
		if (bm->has_value) {
			amount_format(m, bm->value, text, sizeof text);
			fprintf(out, " %s \"%s\", line %d\n", num(bm->value, n), text, bm->line);
		} else {
			fputs(" text ", out);
			put_quoted(out, bm->text);
			fprintf(out, ", line %d\n", bm->line);
		}
	}
	for (size_t i = 0; i < m->nvalues; i++)
		dump_value(&m->values[i], out);
	for (size_t i = 0; i < m->nhistory; i++)
		dump_period(r, m, &pm->periods[i], out);
	for (size_t i = 0; i < m->nchecks; i++) {
		const struct target_check *c = &m->checks[i];
		char n[NUM_MAX];
		fputs("    check ", out);
		put_quoted(out, c->target->label);
		if (c->has_amount)
			fprintf(out, ": %s %s", cmp_name(c->target->cmp), num(c->amount, n));
		fprintf(out, ", %s, line %d\n",
			!c->has_amount || !c->has_compared ? "not known"
			: c->reached			   ? "reached"
							   : "not reached",
			c->target->line);
	}
	dump_change(&m->vs_last_year, &pm->vs_last_year, out);
	dump_change(&m->vs_last_quarter, &pm->vs_last_quarter, out);
	fputs("    benchmark text: ", out);
	put_quoted(out, pm->benchmarks);
	fputs("\n    summary: ", out);
	put_quoted(out, pm->sentence);
	fputc('\n', out);
	paras_lines(out, 2, "commentary", &m->commentary);
	paras_lines(out, 2, "action", &m->action);
}

/* An initiative: its status, milestones and commentary. */
static void dump_initiative(const struct presentation *p, const struct initiative *in, FILE *out)
{
	char b[LABEL_MAX];
	fprintf(out, "  initiative %s ", in->id);
	put_quoted(out, in->name);
	fprintf(out, " %s line %d\n", progress_name(in->status), in->line);
	if (in->department) {
		fputs("    department: ", out);
		put_quoted(out, in->department);
		fputc('\n', out);
	}
	for (size_t i = 0; i < in->nmilestones; i++) {
		const struct milestone *ms = &in->milestones[i];
		fputs("    milestone ", out);
		put_quoted(out, ms->text);
		fprintf(out, " %s, due %s%s, line %d\n", progress_name(ms->status),
			ms->has_due ? pid(ms->due, b) : "(none)", ms->overdue ? ", overdue" : "",
			ms->line);
	}
	fputs("    progress: ", out);
	put_quoted(out, p->initiatives[in->index].summary);
	fputc('\n', out);
	paras_lines(out, 2, "commentary", &in->commentary);
}

/* One narrative block. */
static void dump_block(const struct block *bl, FILE *out)
{
	switch (bl->kind) {
	case BLOCK_PARAGRAPH:
		para_line(out, 2, "p", &bl->u.paragraph);
		break;
	case BLOCK_QUOTE:
		fputs("    quote by ", out);
		put_quoted(out, bl->u.quote.by);
		fputs(" role ", out);
		put_quoted(out, bl->u.quote.role);
		fprintf(out, " line %d\n", bl->line);
		para_line(out, 3, "text", &bl->u.quote.text);
		break;
	case BLOCK_LIST:
		fprintf(out, "    list line %d\n", bl->line);
		for (size_t i = 0; i < bl->u.list.n; i++)
			para_line(out, 3, "item", &bl->u.list.items[i]);
		break;
	case BLOCK_HEADING:
		fputs("    h: ", out);
		put_quoted(out, bl->u.heading.text);
		fprintf(out, " line %d", bl->line);
		if (bl->u.heading.lang)
			fprintf(out, " xml:lang %s", bl->u.heading.lang);
		fputc('\n', out);
		break;
	case BLOCK_MEASURES:
		fputs("    measures:", out);
		for (size_t i = 0; i < bl->u.measures.n; i++)
			fprintf(out, " %s", bl->u.measures.items[i]->id);
		fprintf(out, " line %d\n", bl->line);
		break;
	}
}

/* Print the whole evaluated report; see render.h. */
void render_dump(const struct report *r, const struct presentation *p, FILE *out)
{
	dump_meta(r, p, out);
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		fprintf(out, "goal %s ", goal->id);
		put_quoted(out, goal->name);
		fprintf(out, " line %d\n", goal->line);
		if (goal->statement.nruns)
			para_line(out, 1, "statement", &goal->statement);
		counts_line(out, 1, goal->counts);
		if (goal->nmeasures == 0)
			fputs("  (no measures)\n", out);
		for (size_t i = 0; i < goal->nmeasures; i++)
			dump_measure(r, p, goal->measures[i], out);
		for (size_t i = 0; i < goal->ninitiatives; i++)
			dump_initiative(p, goal->initiatives[i], out);
	}
	if (r->nsections == 0)
		return;
	fputs("narrative\n", out);
	for (size_t s = 0; s < r->nsections; s++) {
		const struct section *sec = &r->sections[s];
		fprintf(out, "  section %s ", sec->id);
		put_quoted(out, sec->title);
		fprintf(out, " line %d\n", sec->line);
		for (size_t i = 0; i < sec->nblocks; i++)
			dump_block(&sec->blocks[i], out);
	}
}
