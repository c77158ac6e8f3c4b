/* The History as open data: RFC 4180 CSV in UTF-8, one row per measure and
 * quarter, the columns documented in docs/outputs.md. Numbers are plain
 * numbers in the measure's unit (percent points, durations in seconds), as
 * a data portal or a data frame reads them without cleaning; words are the
 * presentation's. */
#include <errno.h>
#include <string.h>

#include "period.h"
#include "render.h"
#include "strbuf.h"

/* The header row: stable names for programs, documented for people. */
static const char *const columns[] = {
	"measure_id", "measure", "goal_id", "goal", "department", "unit", "currency", "frequency",
	"period", "fiscal_year", "quarter", "period_start", "period_end", "actual", "estimated",
	"target_comparison", "target", "target_high_comparison", "target_high", "year_to_date",
	"compared", "allowed_miss", "status", "status_label", "status_reason", "computed_status",
	"status_reported",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* One field, quoted when it holds a comma, a quote or a line break (RFC
 * 4180), or white space at an end, which some readers would trim. */
static void field(struct strbuf *b, const char *s, bool *first)
{
	if (!*first)
		sb_addc(b, ',');
	*first = false;
	if (!s || !*s)
		return;
	size_t n = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[0] == '\t' ||
		     s[n - 1] == ' ' || s[n - 1] == '\t';
	if (!quote) {
		sb_addn(b, s, n);
		return;
	}
	sb_addc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sb_addc(b, '"');
		sb_addc(b, *p);
	}
	sb_addc(b, '"');
}

/* A number field, or an empty one. */
static void number(struct strbuf *b, bool has, double v, bool *first)
{
	char buf[400];
	if (has)
		present_data_number(v, buf, sizeof buf);
	field(b, has ? buf : NULL, first);
}

static void integer(struct strbuf *b, long v, bool *first)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	field(b, buf, first);
}

static void date(struct strbuf *b, struct date d, bool *first)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
	field(b, buf, first);
}

/* One period of one measure. */
static void row(struct strbuf *b, const struct report *r, const struct measure *m,
		const struct pres_period *pp)
{
	const struct period_eval *pe = pp->pe;
	bool first = true;
	field(b, m->id, &first);
	field(b, m->name, &first);
	field(b, m->goal ? m->goal->id : NULL, &first);
	field(b, m->goal ? m->goal->name : NULL, &first);
	field(b, m->department, &first);
	field(b, unit_name(m->unit), &first);
	field(b, m->unit == UNIT_CURRENCY ? m->currency : NULL, &first);
	field(b, frequency_name(m->frequency), &first);
	field(b, pp->period_id, &first);
	/* A month's fiscal year and quarter; a year has no quarter, and a
	 * calendar year no one fiscal year unless the fiscal year starts in
	 * January. */
	int fy, place;
	bool has_fy = period_fiscal_place(pe->period, r->calendar, &fy, &place);
	int quarter = !has_fy ? 0
		      : pe->period.kind == PERIOD_QUARTER ? place
		      : pe->period.kind == PERIOD_MONTH ? (place - 1) / 3 + 1
							: 0;
	if (has_fy)
		integer(b, fy, &first);
	else
		field(b, NULL, &first);
	if (quarter)
		integer(b, quarter, &first);
	else
		field(b, NULL, &first);
	struct date start, end;
	period_dates(pe->period, r->calendar, &start, &end);
	date(b, start, &first);
	date(b, end, &first);
	number(b, pe->has_actual, pe->actual, &first);
	field(b, pe->has_actual ? (pe->estimated ? "true" : "false") : NULL, &first);
	bool range = pe->has_target && pe->target->kind == TARGET_RANGE;
	field(b, pe->has_target ? cmp_name(pe->target->cmp) : NULL, &first);
	number(b, pe->has_target, pe->target_amount, &first);
	field(b, range ? cmp_name(pe->target->cmp_high) : NULL, &first);
	number(b, range, pe->target_high, &first);
	field(b, pe->ytd ? "true" : "false", &first);
	number(b, pe->has_compared, pe->compared, &first);
	number(b, pe->has_target, pe->tolerance, &first);
	field(b, status_name(pe->shown), &first);
	field(b, pp->status_word, &first);
	field(b, pp->reason, &first);
	field(b, status_name(pe->computed), &first);
	field(b, pe->value && pe->value->has_override ? "true" : "false", &first);
	sb_add(b, "\r\n");
}

/* See render.h. */
enum write_result render_csv(const struct backend_job *job, int out)
{
	const struct report *r = job->r;
	const struct presentation *p = job->pres;
	struct strbuf b = {0};
	bool first = true;
	for (size_t i = 0; i < NCOLUMNS; i++)
		field(&b, columns[i], &first);
	sb_add(&b, "\r\n");
	/* Written a measure at a time, never whole in memory. */
	int err = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		const struct pres_measure *pm = present_measure(p, m);
		for (size_t k = 0; k < m->nhistory; k++)
			row(&b, r, m, &pm->periods[k]);
		if (err)
			b.n = 0;
		else if (!sb_spill(&b, out, 64 * 1024))
			err = errno ? errno : EIO;
	}
	if (!err && !sb_spill(&b, out, 0))
		err = errno ? errno : EIO;
	bool ok = err == 0;
	sb_free(&b);
	if (!ok) {
		diag_error(job->d, job->path, 0, "cannot write the CSV: %s; the previous version, if "
			   "any, is unchanged", strerror(err));
		return WRITE_FAILED;
	}
	return WRITE_OK;
}
