/* qreport next: last quarter's data file becomes this quarter's. The report
 * period moves on a quarter (into the next fiscal year after a Q4), every
 * measure gets an empty value for the new quarter, and last quarter's
 * commentary, next steps and narrative are marked with the quarter they
 * were written for, so that they stay at hand but are not shown again
 * until someone brings them up to date. Everything else (targets, history,
 * ids, names, comments, layout of the file) is kept byte for byte. */
#include "cycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "datafile_edit.h"
#include "load.h"
#include "period.h"

/* Exit statuses, as documented in the manual. */
enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };

/* Case-insensitive match of one ASCII letter. */
static bool letter(char c, char want)
{
	return c == want || c == want - 'a' + 'A';
}

/* Whether a period is spelt at s: [FY]YYYY[-_ .]Q[1-4], the year and
 * quarter those of p, not inside a longer number. Its length, or 0; the
 * offsets of the year's digits and the quarter's digit go to *year, *q. */
static size_t period_at(const char *s, const char *start, struct period p, size_t *year, size_t *q)
{
	size_t i = 0;
	if (letter(s[0], 'f') && letter(s[1], 'y'))
		i = 2;
	else if (s > start && s[-1] >= '0' && s[-1] <= '9')
		return 0;
	char digits[8];
	snprintf(digits, sizeof digits, "%04d", p.fy);
	if (strncmp(s + i, digits, 4) != 0)
		return 0;
	*year = i;
	i += 4;
	if (s[i] == '-' || s[i] == '_' || s[i] == ' ' || s[i] == '.')
		i++;
	if (!letter(s[i], 'q') || s[i + 1] != '0' + p.quarter)
		return 0;
	*q = i + 1;
	i += 2;
	if (s[i] >= '0' && s[i] <= '9')
		return 0;
	return i;
}

/* The next quarter's file name; see cycle.h. */
char *cycle_next_name(const char *name, struct period from, struct period to)
{
	char *out = xstrdup(name);
	char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	bool found = false;
	for (char *s = base; *s; s++) {
		size_t year, q;
		size_t n = period_at(s, base, from, &year, &q);
		if (!n)
			continue;
		char digits[8];
		snprintf(digits, sizeof digits, "%04d", to.fy);
		memcpy(s + year, digits, 4);
		s[q] = (char)('0' + to.quarter);
		found = true;
		s += n - 1;
	}
	if (!found) {
		free(out);
		return NULL;
	}
	return out;
}

/* qreport next; see cycle.h. */
int cycle_next(const struct next_options *o, struct diag *d)
{
	struct report *r = load_report(o->data_path, d);
	if (!r || d->errors) {
		report_free(r);
		return EXIT_BAD_INPUT;
	}
	struct period from = r->period;
	report_free(r);
	char from_id[16], to_id[16], to_label[24];
	period_id(from, from_id, sizeof from_id);
	if (from.fy == 9999 && from.quarter == 4) {
		diag_error(d, o->data_path, 0, "the report period %s is the last a period id can "
			   "name; expected a period before FY9999-Q4", from_id);
		return EXIT_BAD_INPUT;
	}
	struct period to = period_from_index(period_index(from) + 1);
	period_id(to, to_id, sizeof to_id);
	period_label(to, to_label, sizeof to_label);

	char *out = o->out_path ? xstrdup(o->out_path) : cycle_next_name(o->data_path, from, to);
	if (!out) {
		diag_error(d, NULL, 0, "the file name %s does not hold the report period %s (such "
			   "as fy%04d-q%d); expected --out FILE to name next quarter's file",
			   o->data_path, from_id, from.fy, from.quarter);
		return EXIT_USAGE;
	}
	struct stat st;
	if (!o->force && stat(out, &st) == 0) {
		diag_error(d, out, 0, "the file is already there; expected a new file name: give "
			   "--out FILE to name another, or --force to replace it");
		free(out);
		return EXIT_WRITE;
	}

	struct datafile *f = datafile_open(o->data_path, d);
	if (!f) {
		free(out);
		return EXIT_BAD_INPUT;
	}
	datafile_set_period(f, to);
	size_t values = datafile_add_empty_values(f, to);
	size_t texts = datafile_mark_texts(f, from);
	size_t len;
	char *bytes = datafile_render(f, &len);
	datafile_free(f);
	int status = datafile_save(out, bytes, len, d, NULL);
	free(bytes);
	if (status == EXIT_OK) {
		printf("%s: the data file for %s (%s), with an empty value for it on %zu measure%s",
		       out, to_label, to_id, values, values == 1 ? "" : "s");
		if (texts)
			printf("; %zu text%s marked for=\"%s\" to bring up to date", texts,
			       texts == 1 ? "" : "s", from_id);
		printf("\n");
	}
	free(out);
	return status;
}
