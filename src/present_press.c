/* The press packet's words: the scorecard's title, notes and the lines
 * that sum up what it cannot list, and the draft press release. Every
 * sentence is one of the layout's templates (style.h, enum press_word)
 * filled with words and figures the presentation already has, so the
 * packet says what the report says, in the city's own wording. */
#include "present.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "present_internal.h"

#define TEXT_MAX 512

/* A placeholder's name and what it becomes. */
struct fill {
	const char *key;
	const char *value;
};

/* Everything the packet's sentences may name about the report. */
struct report_fills {
	struct fill f[8];
};

/* The words of the layout, or the fallbacks without one. */
static const char *word(const struct style *st, enum press_word w)
{
	return st ? st->press_word[w] : press_word_info(w)->fallback;
}

/* `tpl` with each {key} of `a` (then `b`) replaced by its value, in the
 * arena. A placeholder the layout reader let through but nothing fills
 * is kept as written. */
static const char *fill(struct presentation *p, const char *tpl, const struct fill *a, size_t na,
			const struct fill *b, size_t nb)
{
	struct pres_buf out = {0};
	const char *s = tpl;
	for (const char *q; (q = strchr(s, '{')) != NULL;) {
		const char *end = strchr(q, '}');
		if (!end)
			break;
		size_t len = (size_t)(end - q - 1);
		const char *value = NULL;
		for (size_t i = 0; i < na + nb && !value; i++) {
			const struct fill *f = i < na ? &a[i] : &b[i - na];
			if (strlen(f->key) == len && strncmp(q + 1, f->key, len) == 0)
				value = f->value ? f->value : "";
		}
		pres_buf_add(&out, "%.*s%s", (int)(value ? q - s : end + 1 - s), s, value ? value : "");
		s = end + 1;
	}
	pres_buf_add(&out, "%s", s);
	return pres_buf_finish(p, &out);
}

/* A date as a reader reads it in a sentence: "September 30, 2017". */
static const char *long_date(struct presentation *p, struct date d)
{
	char buf[TEXT_MAX];
	/* A report built in code rather than loaded may have no dates. */
	if (d.month < 1 || d.month > 12)
		return "";
	date_long_label(d, buf, sizeof buf);
	return arena_strdup(&p->arena, buf);
}

/* "the first quarter of fiscal 2018" */
static const char *period_words(struct presentation *p, const struct style *st)
{
	const struct report *r = p->r;
	static const enum press_word quarter[] = {PW_QUARTER_1, PW_QUARTER_2, PW_QUARTER_3,
						  PW_QUARTER_4};
	int q = r->period.quarter >= 1 && r->period.quarter <= 4 ? r->period.quarter : 1;
	const struct fill f[] = {
		{"quarter", word(st, quarter[q - 1])},
		{"year", arena_printf(&p->arena, "%d", r->period.fy)},
	};
	return fill(p, word(st, PW_PERIOD_WORDS), f, 2, NULL, 0);
}

/* The report's own words, which any sentence of the packet may use. */
static void report_fills(struct presentation *p, const struct style *st, struct report_fills *out)
{
	const struct report *r = p->r;
	const char *org = r->organization ? r->organization : "";
	struct fill f[8] = {
		{"organization", org},
		{"name", r->short_name ? r->short_name : org},
		{"title", r->title ? r->title : ""},
		{"period", p->period_label},
		{"period-words", period_words(p, st)},
		{"start", long_date(p, r->period_start)},
		{"end", long_date(p, r->period_end)},
		{"date", p->published_date ? p->published_date : ""},
	};
	memcpy(out->f, f, sizeof f);
}

/* A count as a reader reads it: "1,438". */
static const char *count_words(struct presentation *p, double n)
{
	char buf[64];
	present_plain_number(n, buf, sizeof buf);
	return arena_strdup(&p->arena, buf);
}

/* A set of status counts as placeholders: {met}, {under}, {not-met},
 * {no-data} and {measures}; `f` has room for five. */
static void count_fills(struct presentation *p, const int *n, size_t total, struct fill *f)
{
	f[0] = (struct fill){"met", count_words(p, n[STATUS_MET])};
	f[1] = (struct fill){"under", count_words(p, n[STATUS_UNDER])};
	f[2] = (struct fill){"not-met", count_words(p, n[STATUS_NOT_MET])};
	f[3] = (struct fill){"no-data", count_words(p, n[STATUS_NO_DATA])};
	f[4] = (struct fill){"measures", count_words(p, (double)total)};
}

/* "5 Goal Met, 4 Under Goal, 3 Goal Not Met": the counts that are not
 * zero, good news first, in the layout's status words. */
static const char *count_list(struct presentation *p, const int *n)
{
	struct pres_buf b = {0};
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = p->order[i];
		if (n[s])
			pres_buf_add(&b, "%s%s %s", b.n ? ", " : "", count_words(p, n[s]),
				     p->status_label[s]);
	}
	return pres_buf_finish(p, &b);
}

/* Items as one phrase: "a", "a and b", "a, b and c", with the layout's "and". */
static const char *joined(struct presentation *p, const struct style *st, const char *const *items,
			  size_t n)
{
	struct pres_buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i + 1 == n)
			pres_buf_add(&b, " %s ", word(st, PW_AND));
		else if (i > 0)
			pres_buf_add(&b, ", ");
		pres_buf_add(&b, "%s", items[i]);
	}
	return pres_buf_finish(p, &b);
}

/* ---- The scorecard ---- */

/* The lines that stand for the measures a goal's list leaves out, for
 * every place the list may stop, and the same for goals. */
static void scorecard_more(struct presentation *p, const struct style *st,
			   const struct report_fills *rf)
{
	const struct report *r = p->r;
	struct pres_scorecard *sc = &p->scorecard;
	sc->more = arena_calloc(&p->arena, r->ngoals + 1, sizeof *sc->more);
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		sc->more[g] = arena_calloc(&p->arena, goal->nmeasures + 1, sizeof *sc->more[g]);
		int n[STATUS_COUNT] = {0};
		for (size_t j = goal->nmeasures; j-- > 1;) {
			n[p->measures[goal->measures[j]->index].status]++;
			const struct fill f[] = {
				{"n", count_words(p, (double)(goal->nmeasures - j))},
				{"counts", count_list(p, n)},
			};
			sc->more[g][j] = fill(p, word(st, PW_SCORECARD_MORE), f, 2, rf->f, 8);
		}
	}
	sc->more_goals = arena_calloc(&p->arena, r->ngoals + 1, sizeof *sc->more_goals);
	int n[STATUS_COUNT] = {0};
	size_t measures = 0;
	/* From the first goal too: a goal name too long for the page leaves
	 * no goal's row, and then this line stands for them all. */
	for (size_t g = r->ngoals; g-- > 0;) {
		for (int s = 0; s < STATUS_COUNT; s++)
			n[s] += r->goals[g].counts[s];
		measures += r->goals[g].nmeasures;
		const struct fill f[] = {
			{"n", count_words(p, (double)(r->ngoals - g))},
			{"measures", count_words(p, (double)measures)},
			{"counts", count_list(p, n)},
		};
		sc->more_goals[g] = fill(p, word(st, PW_SCORECARD_MORE_GOALS), f, 3, rf->f, 8);
	}
}

static void scorecard_words(struct presentation *p, const struct style *st,
			    const struct report_fills *rf)
{
	struct pres_scorecard *sc = &p->scorecard;
	const struct report *r = p->r;
	sc->title = fill(p, word(st, PW_SCORECARD_TITLE), rf->f, 8, NULL, 0);
	sc->doc_title = r->organization && *r->organization
				? arena_printf(&p->arena, "%s: %s", r->organization, sc->title)
				: sc->title;
	sc->dates = p->published ? arena_printf(&p->arena, "%s \u00b7 %s", p->period_dates,
						p->published)
				 : p->period_dates;
	sc->note = fill(p, word(st, PW_SCORECARD_NOTE), rf->f, 8, NULL, 0);
	scorecard_more(p, st, rf);
}

/* ---- The release ---- */

/* A paragraph's words without their styles. */
static const char *plain_para(struct presentation *p, const struct para *para)
{
	struct pres_buf b = {0};
	for (size_t i = 0; i < para->nruns; i++)
		pres_buf_add(&b, "%s", para->runs[i].text);
	return pres_buf_finish(p, &b);
}

/* A quote as written before who said it: its closing full stop becomes a
 * comma ("... stakeholders,” Walker said), a question or exclamation keeps
 * its mark. */
static const char *quote_words(struct presentation *p, const struct para *para)
{
	const char *s = plain_para(p, para);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n > 0 && (s[n - 1] == '?' || s[n - 1] == '!'))
		return arena_strndup(&p->arena, s, n);
	if (n > 0 && s[n - 1] == '.')
		n--;
	return arena_printf(&p->arena, "%.*s,", (int)n, s);
}

/* Every quote of the narrative, in order, with who said it. */
static void release_quotes(struct presentation *p, const struct style *st)
{
	const struct report *r = p->r;
	struct pres_release *rel = &p->release;
	size_t n = 0;
	for (size_t s = 0; s < r->nsections; s++)
		for (size_t b = 0; b < r->sections[s].nblocks; b++)
			n += r->sections[s].blocks[b].kind == BLOCK_QUOTE;
	rel->quotes = arena_calloc(&p->arena, n + 1, sizeof *rel->quotes);
	for (size_t s = 0; s < r->nsections; s++)
		for (size_t b = 0; b < r->sections[s].nblocks; b++) {
			const struct block *bl = &r->sections[s].blocks[b];
			if (bl->kind != BLOCK_QUOTE)
				continue;
			const struct fill f[] = {
				{"quote", quote_words(p, &bl->u.quote.text)},
				{"by", bl->u.quote.by},
				{"role", bl->u.quote.role},
			};
			enum press_word w = bl->u.quote.role ? PW_QUOTE : PW_QUOTE_NO_ROLE;
			rel->quotes[rel->nquotes++] = fill(p, word(st, w), f, 3, NULL, 0);
		}
}

/* One measure's sentence in its goal's paragraph. */
static const char *measure_sentence(struct presentation *p, const struct style *st,
				    const struct pres_measure *pm)
{
	const struct measure *m = pm->m;
	static const enum press_word by_status[STATUS_COUNT] = {
		[STATUS_MET] = PW_MEASURE_MET,
		[STATUS_UNDER] = PW_MEASURE_UNDER,
		[STATUS_NOT_MET] = PW_MEASURE_NOT_MET,
		[STATUS_NO_DATA] = PW_MEASURE_NO_DATA,
	};
	enum press_word w = pm->override_note ? PW_MEASURE_REPORTED : by_status[pm->status];
	const struct fill f[] = {
		{"measure", m->name},
		{"sentence", pm->sentence},
		{"result", pm->result ? pm->result : pm->no_result},
		{"target", pm->target},
		{"status", pm->status_word},
		{"reason", pm->reason},
		{"goal", m->goal ? m->goal->name : ""},
		{"department", m->department},
	};
	return fill(p, word(st, w), f, sizeof f / sizeof f[0], NULL, 0);
}

/* A goal's paragraph: how many of its goals were met, then each measure,
 * good news first. */
static void release_goal(struct presentation *p, const struct style *st, const struct goal *g,
			 struct pres_release_goal *out)
{
	const struct fill gf[] = {{"goal", g->name}};
	out->heading = fill(p, word(st, PW_GOAL_HEADING), gf, 1, NULL, 0);
	if (g->nmeasures == 0) {
		out->text = fill(p, word(st, PW_GOAL_EMPTY), gf, 1, NULL, 0);
		return;
	}
	struct fill cf[5];
	count_fills(p, g->counts, g->nmeasures, cf);
	struct pres_buf b = {0};
	pres_buf_add(&b, "%s", fill(p, word(st, PW_GOAL_LEAD), gf, 1, cf, 5));
	for (int i = 0; i < STATUS_COUNT; i++)
		for (size_t k = 0; k < g->nmeasures; k++) {
			const struct pres_measure *pm = &p->measures[g->measures[k]->index];
			if (pm->status == p->order[i])
				pres_buf_add(&b, " %s", measure_sentence(p, st, pm));
		}
	out->text = pres_buf_finish(p, &b);
}

/* The lead: how many goals were met, then, if any were not, what became
 * of the others. */
static const char *release_lead(struct presentation *p, const struct style *st,
				const struct report_fills *rf, const struct fill *cf)
{
	const struct report *r = p->r;
	const char *lead = fill(p, word(st, r->nmeasures == 1 ? PW_LEAD_ONE : PW_LEAD), rf->f, 8,
				cf, 5);
	static const struct {
		enum status s;
		enum press_word many, one;
	} rest[] = {
		{STATUS_UNDER, PW_REST_UNDER, PW_REST_UNDER_ONE},
		{STATUS_NOT_MET, PW_REST_NOT_MET, PW_REST_NOT_MET_ONE},
		{STATUS_NO_DATA, PW_REST_NO_DATA, PW_REST_NO_DATA_ONE},
	};
	const char *items[3];
	size_t n = 0;
	for (size_t i = 0; i < 3; i++) {
		int count = r->counts[rest[i].s];
		if (count == 0)
			continue;
		const struct fill f[] = {{"n", count_words(p, count)}};
		items[n++] = fill(p, word(st, count == 1 ? rest[i].one : rest[i].many), f, 1, NULL, 0);
	}
	if (n == 0)
		return lead;
	const struct fill lf[] = {{"list", joined(p, st, items, n)}};
	return arena_printf(&p->arena, "%s %s", lead, fill(p, word(st, PW_REST), lf, 1, rf->f, 8));
}

static void release_words(struct presentation *p, const struct style *st,
			  const struct report_fills *rf)
{
	const struct report *r = p->r;
	struct pres_release *rel = &p->release;
	struct fill cf[5];
	count_fills(p, r->counts, r->nmeasures, cf);
	rel->organization = r->organization;
	rel->date_line = p->published_date ? fill(p, word(st, PW_RELEASE_DATE), rf->f, 8, NULL, 0)
					   : NULL;
	rel->headline = fill(p, word(st, r->nmeasures == 1 ? PW_HEADLINE_ONE : PW_HEADLINE), rf->f,
			     8, cf, 5);
	if (r->dateline) {
		const struct fill f[] = {{"place", r->dateline}};
		rel->dateline = fill(p, word(st, PW_DATELINE), f, 1, NULL, 0);
	}
	rel->lead = release_lead(p, st, rf, cf);
	release_quotes(p, st);
	rel->goals = arena_calloc(&p->arena, r->ngoals + 1, sizeof *rel->goals);
	for (size_t g = 0; g < r->ngoals; g++)
		release_goal(p, st, &r->goals[g], &rel->goals[g]);
	rel->ngoals = r->ngoals;
	rel->closing = fill(p, word(st, PW_CLOSING), rf->f, 8, NULL, 0);
	const char *end = word(st, PW_END);
	rel->end = *end ? end : NULL;
}

/* See present_internal.h. */
void pres_press_build(struct presentation *p, const struct style *st)
{
	struct report_fills rf;
	report_fills(p, st, &rf);
	scorecard_words(p, st, &rf);
	release_words(p, st, &rf);
}
