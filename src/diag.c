#include "diag.h"

#include <stdarg.h>

void diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->errors = 0;
	d->warnings = 0;
	d->max_errors = 0;
	d->quiet = 0;
}

static const char *level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	return "error";
}

void diag_msg(struct diag *d, enum diag_level level, const char *file, long line,
	      const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (level != DIAG_ERROR && d->quiet)
		return;
	if (level == DIAG_ERROR && d->max_errors && d->errors > d->max_errors) {
		if (d->errors == d->max_errors + 1)
			fprintf(d->out, "%s: note: too many errors; the rest are not shown\n",
				file ? file : "qreport");
		return;
	}
	if (file && line > 0)
		fprintf(d->out, "%s:%ld: %s: ", file, line, level_name(level));
	else if (file)
		fprintf(d->out, "%s: %s: ", file, level_name(level));
	else
		fprintf(d->out, "qreport: %s: ", level_name(level));
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	fputc('\n', d->out);
}
