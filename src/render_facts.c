/* The presentation facts as JSON: every word, status, comparison and chart
 * series a reader is told, exactly as the back ends take them. Tests hold
 * each output against these facts (and golden copies of them), so the
 * outputs can never disagree; people can diff them between two runs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "present.h"
#include "render.h"
#include "units.h"

/* Enough for "%.9f" of anything the loader accepts. */
#define NUM_MAX 400

/* A JSON writer: commas between members come from `first`. */
struct json {
	FILE *out;
	int depth;
	bool first;
};

/* Text as a JSON string, or null. */
static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* A number exactly to nine places, without trailing zeros: 81, 7.5, 241.25. */
static void put_num(FILE *out, double v)
{
	char buf[NUM_MAX];
	snprintf(buf, sizeof buf, "%.9f", round9(v));
	char *end = buf + strlen(buf);
	if (strchr(buf, '.')) {
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			*--end = '\0';
	}
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, out);
}

/* Start a member (or array element), with its comma and indentation. */
static void member(struct json *j, const char *key)
{
	fputs(j->first ? "\n" : ",\n", j->out);
	j->first = false;
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
	if (key) {
		put_str(j->out, key);
		fputs(": ", j->out);
	}
}

/* Open an object or array as a member. */
static void json_open(struct json *j, const char *key, char bracket)
{
	member(j, key);
	fputc(bracket, j->out);
	j->depth++;
	j->first = true;
}

/* Close what json_open opened. */
static void json_close(struct json *j, char bracket)
{
	j->depth--;
	if (!j->first) {
		fputc('\n', j->out);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->out);
	}
	fputc(bracket, j->out);
	j->first = false;
}

static void str(struct json *j, const char *key, const char *s)
{
	member(j, key);
	put_str(j->out, s);
}

static void num(struct json *j, const char *key, double v)
{
	member(j, key);
	put_num(j->out, v);
}

static void boolean(struct json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
}

/* "FY2018-Q1" */
static void period(struct json *j, const char *key, struct period p)
{
	char buf[32];
	period_id(p, buf, sizeof buf);
	str(j, key, buf);
}

/* Status counts, by the data file's names. */
static void counts(struct json *j, const struct presentation *p, const struct pres_counts *c)
{
	json_open(j, "counts", '{');
	for (int i = 0; i < STATUS_COUNT; i++)
		num(j, status_name(p->order[i]), c->n[p->order[i]]);
	json_close(j, '}');
	str(j, "counts_sentence", c->sentence);
}

static void change(struct json *j, const char *key, const struct pres_change *c)
{
	json_open(j, key, '{');
	str(j, "label", c->label);
	if (!c->applies)
		boolean(j, "applies", false);
	period(j, "against", c->against);
	boolean(j, "available", c->available);
	str(j, "previous", c->previous);
	str(j, "delta", c->delta);
	str(j, "share", c->share);
	str(j, "trend", c->trend_word);
	str(j, "text", c->text);
	boolean(j, "says_little", c->says_little);
	json_close(j, '}');
}

static void chart(struct json *j, const char *key, const struct pres_chart *c)
{
	json_open(j, key, '{');
	boolean(j, "drawn", c->drawn);
	boolean(j, "ytd", c->ytd);
	str(j, "value_name", c->value_name);
	str(j, "target_name", c->target_name);
	json_open(j, "points", '[');
	for (size_t i = 0; i < c->npoints; i++) {
		const struct pres_point *pt = &c->points[i];
		json_open(j, NULL, '{');
		period(j, "period", pt->period);
		str(j, "label", pt->label);
		boolean(j, "declared", pt->declared);
		if (pt->has_value) {
			num(j, "value", pt->value);
			str(j, "value_text", pt->value_text);
		}
		if (pt->has_target) {
			num(j, "target", pt->target);
			str(j, "target_text", pt->target_text);
		}
		if (pt->has_high) {
			num(j, "high", pt->high);
			str(j, "high_text", pt->high_text);
			str(j, "range_text", pt->range_text);
		}
		json_close(j, '}');
	}
	json_close(j, ']');
	json_open(j, "segments", '[');
	for (size_t i = 0; i < c->nsegments; i++) {
		const struct pres_segment *s = &c->segments[i];
		json_open(j, NULL, '{');
		period(j, "from", c->points[s->first].period);
		period(j, "to", c->points[s->last].period);
		num(j, "amount", s->amount);
		str(j, "text", s->text);
		if (s->has_high) {
			num(j, "high", s->high);
			str(j, "high_text", s->high_text);
		}
		json_close(j, '}');
	}
	json_close(j, ']');
	json_open(j, "benchmarks", '[');
	for (size_t i = 0; i < c->nbenchmarks; i++) {
		json_open(j, NULL, '{');
		str(j, "label", c->benchmarks[i].label);
		num(j, "value", c->benchmarks[i].value);
		str(j, "value_text", c->benchmarks[i].value_text);
		json_close(j, '}');
	}
	json_close(j, ']');
	str(j, "kind", c->lines ? "lines" : "bars");
	json_open(j, "ticks", '[');
	for (size_t i = 0; i < c->nticks; i++) {
		member(j, NULL);
		put_str(j->out, c->ticks[i]);
	}
	json_close(j, ']');
	str(j, "axis_unit", c->axis_unit);
	json_open(j, "year_marks", '[');
	for (size_t i = 0; i < c->npoints; i++)
		if (c->year_marks[i]) {
			json_open(j, NULL, '{');
			period(j, "at", c->points[i].period);
			str(j, "year", c->year_marks[i]);
			json_close(j, '}');
		}
	json_close(j, ']');
	str(j, "alt", c->alt);
	json_close(j, '}');
}

/* A period's breakdown: its parts in order. */
static void parts(struct json *j, const struct pres_period *pp)
{
	json_open(j, "parts", '[');
	for (size_t i = 0; i < pp->nparts; i++) {
		json_open(j, NULL, '{');
		str(j, "label", pp->parts[i].label);
		str(j, "value", pp->parts[i].value);
		json_close(j, '}');
	}
	json_close(j, ']');
}

static void measure(struct json *j, const struct pres_measure *pm)
{
	const struct measure *m = pm->m;
	json_open(j, NULL, '{');
	str(j, "id", m->id);
	str(j, "goal", m->goal ? m->goal->id : NULL);
	str(j, "name", m->name);
	str(j, "status", status_name(pm->status));
	str(j, "status_word", pm->status_word);
	str(j, "reason", pm->reason);
	str(j, "result", pm->result);
	str(j, "sentence", pm->sentence);
	str(j, "target", pm->target);
	if (pm->target_due)
		str(j, "target_due", pm->target_due);
	str(j, "this_quarter", pm->this_quarter);
	str(j, "benchmarks", pm->benchmarks);
	str(j, "override_note", pm->override_note);
	str(j, "tolerance", pm->tolerance);
	str(j, "direction", pm->direction);
	/* Members a format-1 file without the feature has no use for are
	 * left out, so its facts stay as they were. */
	if (pm->recent)
		str(j, "recent", pm->recent);
	if (m->frequency != FREQ_QUARTERLY)
		str(j, "frequency", frequency_name(m->frequency));
	if (pm->frequency_note)
		str(j, "frequency_note", pm->frequency_note);
	if (pm->as_of) {
		period(j, "judged", m->current->period);
		str(j, "judged_label", pm->judged_label);
		str(j, "as_of", pm->as_of);
	}
	if (pm->estimated)
		boolean(j, "estimated", true);
	if (pm->latest)
		str(j, "latest", pm->latest);
	if (pm->to_date)
		str(j, "to_date", pm->to_date);
	if (pm->pace)
		str(j, "pace", pm->pace);
	if (pm->second_label) {
		str(j, "second_label", pm->second_label);
		str(j, "second", pm->second);
	}
	if (pm->breakdown_title) {
		str(j, "breakdown_title", pm->breakdown_title);
		parts(j, pm->current);
	}
	if (pm->source)
		str(j, "source", pm->source);
	if (pm->since_note)
		str(j, "since_note", pm->since_note);
	if (pm->ntargets > 0) {
		json_open(j, "targets", '[');
		for (size_t i = 0; i < pm->ntargets; i++) {
			const struct pres_target *t = &pm->targets[i];
			json_open(j, NULL, '{');
			str(j, "label", t->label);
			str(j, "words", t->words);
			boolean(j, "decides", t->decides);
			str(j, "outcome", t->outcome);
			json_close(j, '}');
		}
		json_close(j, ']');
		str(j, "targets_text", pm->targets_text);
	}
	change(j, "vs_last_year", &pm->vs_last_year);
	change(j, "vs_last_quarter", &pm->vs_last_quarter);
	json_open(j, "history", '[');
	for (size_t i = 0; i < m->nhistory; i++) {
		const struct pres_period *pp = &pm->periods[i];
		json_open(j, NULL, '{');
		str(j, "period", pp->period_id);
		str(j, "status", status_name(pp->pe->shown));
		str(j, "status_word", pp->status_word);
		str(j, "reason", pp->reason);
		str(j, "actual", pp->actual);
		if (pp->estimated)
			boolean(j, "estimated", true);
		if (pp->estimate)
			str(j, "estimate", pp->estimate);
		if (pp->second)
			str(j, "second", pp->second);
		if (pp->nparts)
			parts(j, pp);
		str(j, "compared", pp->compared);
		str(j, "target", pp->target);
		str(j, "target_amount", pp->target_amount);
		str(j, "allowed_miss", pp->allowed_miss);
		json_close(j, '}');
	}
	json_close(j, ']');
	chart(j, "card_chart", &pm->card);
	chart(j, "full_chart", &pm->full);
	json_close(j, '}');
}

/* The labels and the web page's own words. */
static void page(struct json *j, const struct pres_page *w)
{
	json_open(j, "page", '{');
	str(j, "result", w->result);
	str(j, "this_quarter", w->this_quarter);
	str(j, "results", w->results);
	str(j, "to_date", w->to_date);
	str(j, "pace", w->pace);
	str(j, "targets", w->targets);
	str(j, "latest", w->latest);
	str(j, "reported", w->reported);
	str(j, "history", w->history);
	str(j, "source", w->source);
	str(j, "initiative", w->initiative);
	str(j, "milestone", w->milestone);
	str(j, "due", w->due);
	str(j, "progress", w->progress);
	str(j, "status", w->status);
	str(j, "benchmark", w->benchmark);
	str(j, "definition", w->definition);
	str(j, "commentary", w->commentary);
	str(j, "next_steps", w->next_steps);
	str(j, "measure", w->measure);
	str(j, "target", w->target);
	str(j, "quarter", w->quarter);
	str(j, "skip_link", w->skip_link);
	str(j, "downloads", w->downloads);
	str(j, "csv_link", w->csv_link);
	str(j, "csv_note", w->csv_note);
	str(j, "xlsx_link", w->xlsx_link);
	str(j, "xlsx_note", w->xlsx_note);
	str(j, "pdf_link", w->pdf_link);
	str(j, "pdf_note", w->pdf_note);
	str(j, "chart_figures", w->chart_figures);
	str(j, "no_value", w->no_value);
	str(j, "no_target", w->no_target);
	json_close(j, '}');
}

static void initiative(struct json *j, const struct pres_initiative *pi)
{
	const struct initiative *in = pi->in;
	json_open(j, NULL, '{');
	str(j, "id", in->id);
	str(j, "goal", in->goal ? in->goal->id : NULL);
	str(j, "name", in->name);
	str(j, "status", progress_name(in->status));
	str(j, "status_word", pi->status_word);
	str(j, "summary", pi->summary);
	str(j, "overdue_note", pi->overdue_note);
	json_open(j, "milestones", '[');
	for (size_t i = 0; i < pi->nmilestones; i++) {
		const struct pres_milestone *pm = &pi->milestones[i];
		json_open(j, NULL, '{');
		str(j, "text", pm->text);
		str(j, "due", pm->due);
		str(j, "status", progress_name(pm->ms->status));
		str(j, "status_word", pm->status_word);
		boolean(j, "overdue", pm->ms->overdue);
		str(j, "line", pm->line);
		json_close(j, '}');
	}
	json_close(j, ']');
	json_close(j, '}');
}

/* See render.h. */
void render_facts(const struct presentation *p, FILE *out)
{
	const struct report *r = p->r;
	struct json j = {.out = out, .first = true};
	fputc('{', out);
	j.depth = 1;
	num(&j, "facts_format", 1);
	json_open(&j, "report", '{');
	str(&j, "title", p->doc_title);
	period(&j, "period", r->period);
	str(&j, "period_label", p->period_label);
	str(&j, "period_dates", p->period_dates);
	str(&j, "published", p->published);
	str(&j, "lang", r->lang);
	str(&j, "glance_intro", p->glance_intro);
	str(&j, "appendix_intro", p->appendix_intro);
	str(&j, "appendix_links", p->appendix_links);
	str(&j, "no_measures", p->no_measures);
	str(&j, "no_result_mark", p->no_result_mark);
	str(&j, "chart_gap", p->chart_gap);
	str(&j, "goal_kicker", p->goal_kicker);
	str(&j, "plan_label", p->plan_label);
	counts(&j, p, &p->counts);
	json_close(&j, '}');
	json_open(&j, "legend", '{');
	str(&j, "title", p->legend_title);
	json_open(&j, "meanings", '{');
	for (int i = 0; i < STATUS_COUNT; i++)
		str(&j, status_name(p->order[i]), p->status_meaning[p->order[i]]);
	json_close(&j, '}');
	str(&j, "tolerance_rule", p->tolerance_rule);
	str(&j, "ytd_rule", p->ytd_rule);
	str(&j, "phasing_rule", p->phasing_rule);
	str(&j, "target_rule", p->target_rule);
	str(&j, "period_rule", p->period_rule);
	str(&j, "estimate_rule", p->estimate_rule);
	str(&j, "initiative_rule", p->initiative_rule);
	str(&j, "override_rule", p->override_rule);
	str(&j, "change_rule", p->change_rule);
	json_close(&j, '}');
	page(&j, &p->page);
	json_open(&j, "status_labels", '{');
	for (int i = 0; i < STATUS_COUNT; i++)
		str(&j, status_name(p->order[i]), p->status_label[p->order[i]]);
	json_close(&j, '}');
	json_open(&j, "goals", '[');
	for (size_t g = 0; g < r->ngoals; g++) {
		json_open(&j, NULL, '{');
		str(&j, "id", r->goals[g].id);
		str(&j, "name", r->goals[g].name);
		counts(&j, p, &p->goal_counts[g]);
		if (p->goal_initiatives[g])
			str(&j, "initiatives_sentence", p->goal_initiatives[g]);
		json_close(&j, '}');
	}
	json_close(&j, ']');
	json_open(&j, "measures", '[');
	for (size_t i = 0; i < r->nmeasures; i++)
		measure(&j, &p->measures[i]);
	json_close(&j, ']');
	/* Only a report with initiatives has them, so other facts stay as they were. */
	if (r->ninitiatives > 0) {
		json_open(&j, "initiatives", '[');
		for (size_t i = 0; i < r->ninitiatives; i++)
			initiative(&j, &p->initiatives[i]);
		json_close(&j, ']');
	}
	fputs("\n}\n", out);
}
