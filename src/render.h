/* The back ends. Each reads the evaluated model (and, for the PDF, the laid
 * out pages) and writes one file atomically: to a temporary file beside the
 * target, renamed into place only when complete. */
#ifndef QREPORT_RENDER_H
#define QREPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "boxes.h"
#include "diag.h"
#include "metrics.h"
#include "model.h"
#include "outfile.h"
#include "style.h"

/* Result of writing an output; maps onto the program's exit codes. */
enum write_result {
	WRITE_OK = 0,
	WRITE_BAD_INPUT = 1, /* Layout problems found late (unreadable font, logo). */
	WRITE_FAILED = 3,    /* Could not write the file. */
};

/* ---- PDF (render_pdf.c) ---- */

struct pdf_writer;

/* Load the layout's fonts (so their metrics can drive the layout) and logo.
 * NULL after reporting errors through `d`. */
struct pdf_writer *pdf_writer_new(const struct style *st, struct diag *d);
const struct metrics *pdf_writer_metrics(struct pdf_writer *w);
/* Paint the pages and save to `path`. `path` NULL renders into memory only
 * (fuzzing, benchmarks): *out_size gets the byte count when not NULL. */
enum write_result pdf_writer_save(struct pdf_writer *w, const struct doc *doc,
				  const struct report *r, const struct style *st,
				  const char *path, size_t *out_size, struct diag *d);
void pdf_writer_free(struct pdf_writer *w);

/* ---- Workbook (render_xlsx.c) ---- */

enum write_result render_xlsx(const struct report *r, const struct style *st,
			      const char *path, struct diag *d);
/* The same, into `temp_path`, an existing file the caller renames into place
 * or removes; messages name `path`. */
enum write_result render_xlsx_to(const struct report *r, const struct style *st,
				 const char *temp_path, const char *path, struct diag *d);

/* ---- The workbook in a second process (output_process.c) ---- */

/* A workbook being written by a child process. With two processors it is
 * made while this process makes the PDF: the two back ends share nothing
 * but the read-only model. The child also contains the spreadsheet
 * library's failures, some of which end the process that meets them. */
struct xlsx_child {
	int pid, parent;
	struct outfile of;  /* Made here, filled by the child, renamed here. */
	FILE *messages;     /* What the child says, passed on when it ends. */
};

enum xlsx_child_role {
	XLSX_CHILD_NONE,    /* No child: write the workbook in this process. */
	XLSX_CHILD_STARTED, /* This is the parent; finish or cancel the child later. */
	XLSX_CHILD_IS_ME,   /* This is the child: call xlsx_child_work, then end
			     * the program, freeing as usual, with its result. */
};

/* Fork the child. NONE when no process or temporary file is to spare:
 * nothing was made or said, and the caller writes the workbook itself. */
enum xlsx_child_role xlsx_child_start(struct xlsx_child *c, const char *path);
/* In the child: write the workbook, leaving the file to the parent. */
enum write_result xlsx_child_work(struct xlsx_child *c, const struct report *r,
				  const struct style *st, struct diag *d);
/* Wait for the child, pass on its messages, and rename the finished
 * workbook into place. */
enum write_result xlsx_child_finish(struct xlsx_child *c, struct diag *d);
/* Stop the child and remove what it wrote: the run failed elsewhere. */
void xlsx_child_cancel(struct xlsx_child *c);

/* ---- Text dump (render_dump.c): the evaluated model as stable text ---- */

void render_dump(const struct report *r, FILE *out);

#endif
