/* qreport template: the intake workbook for the data file's quarter, to
 * send to the departments; named after the data file, X-intake.xlsx, in
 * the output folder. */
#include "cycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "load.h"
#include "outfile.h"
#include "present.h"
#include "render.h"

/* Exit statuses, as documented in the manual. */
enum { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_WRITE = 3 };

/* OUT/<data file name without .xml>-intake.xlsx; heap-owned. */
static char *intake_path(const char *out_dir, const char *data_path)
{
	const char *base = strrchr(data_path, '/');
	base = base ? base + 1 : data_path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	size_t len = strlen(out_dir) + n + sizeof "/-intake.xlsx";
	char *p = xmalloc(len);
	snprintf(p, len, "%s/%.*s-intake.xlsx", out_dir, (int)n, base);
	return p;
}

int cycle_template(const struct template_options *o, struct diag *d)
{
	/* Last quarter's texts and dates are the report's business, not the
	 * departments': the file's warnings wait for --check and the report. */
	struct diag quiet = *d;
	quiet.quiet = 1;
	struct report *r = load_report(o->data_path, &quiet);
	d->errors = quiet.errors;
	if (!r || quiet.errors) {
		report_free(r);
		return EXIT_BAD_INPUT;
	}
	eval_report(r);
	struct presentation *pres = present_report(r, NULL);
	char *path = intake_path(o->out_dir, o->data_path);
	outfile_install_signal_handlers();
	struct backend_job job = {.r = r, .pres = pres, .path = path, .d = d};
	enum write_result res = write_output_file(xlsx_intake_write, &job, path);
	if (res == WRITE_OK)
		printf("%s: the intake workbook for %s, %zu measure%s\n", path, pres->period_label,
		       r->nmeasures, r->nmeasures == 1 ? "" : "s");
	free(path);
	present_free(pres);
	report_free(r);
	return res == WRITE_OK ? EXIT_OK : res == WRITE_BAD_INPUT ? EXIT_BAD_INPUT : EXIT_WRITE;
}
