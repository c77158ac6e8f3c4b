/* The quarterly cycle: `qreport next` makes next quarter's data file,
 * `qreport template` the intake workbook departments fill in, and
 * `qreport import` reads their figures back into the data file. */
#ifndef QREPORT_CYCLE_H
#define QREPORT_CYCLE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Whether a first argument names one of the cycle's commands. */
bool cycle_is_command(const char *word);
/* Runs `qreport COMMAND ...` (argv[1] is the command); an exit status. */
int cycle_main(int argc, char **argv);

struct next_options {
	const char *data_path;
	const char *out_path;  /* NULL: named after the new period. */
	bool force;            /* Replace a file already there. */
};
/* qreport next: an exit status. */
int cycle_next(const struct next_options *o, struct diag *d);

struct template_options {
	const char *data_path;
	const char *out_dir;
};
/* qreport template: an exit status. */
int cycle_template(const struct template_options *o, struct diag *d);

struct import_options {
	const char *data_path;
	const char *input_path;  /* A CSV or XLSX file. */
	bool has_period;         /* --period was given... */
	struct period period;    /* ...naming the quarter of rows without a period. */
	bool dry_run;            /* Check and tell, but write nothing. */
};
/* qreport import: an exit status. */
int cycle_import(const struct import_options *o, struct diag *d);

/* The next quarter's file name: `name` with the period it holds (such as
 * fy2018-q1, FY2018_Q1 or 2018-Q1, in any case) changed to `to`, keeping
 * the folder and the spelling; NULL when the file name holds no period
 * `from`. Heap-owned. */
char *cycle_next_name(const char *name, struct period from, struct period to);

#endif
