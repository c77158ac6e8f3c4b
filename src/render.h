/* The back ends. Each reads the evaluated model (and, for the PDF, the laid
 * out pages) and writes one file atomically: to a temporary file beside the
 * target, renamed into place only when complete. */
#ifndef QREPORT_RENDER_H
#define QREPORT_RENDER_H

#include <stddef.h>

#include "boxes.h"
#include "diag.h"
#include "metrics.h"
#include "model.h"
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

/* ---- Text dump (render_dump.c): the evaluated model as stable text ---- */

void render_dump(const struct report *r, FILE *out);

#endif
