/* The back ends. Each reads the evaluated model (and, for the PDF, the laid
 * out pages) and writes one output through a descriptor it is given; the
 * run puts every output in place together, only when all are complete. */
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
#include "present.h"
#include "style.h"

/* Result of writing an output; maps onto the program's exit codes. */
enum write_result {
	WRITE_OK = 0,
	WRITE_BAD_INPUT = 1, /* Layout problems found late (unreadable font, logo). */
	WRITE_FAILED = 3,    /* Could not write the file. */
};

/* ---- The back ends (backends.c) ---- */


/* What a back end is asked to write: the same for every back end of a run. */
struct backend_job {
	const struct report *r;
	const struct style *st;
	const char *datadir;               /* The layouts' and fonts' folder. */
	const struct presentation *pres;   /* Every word a reader sees (src/present*.c). */
	const char *path;                  /* The output's final path, for messages. */
	/* Which back ends this run writes beside this one, a flag per row of
	 * backends[] (the web page links to them); NULL when written alone. */
	const bool *written;
	struct diag *d;
};

/* Writes one output into `out`: for a file, a descriptor open for writing
 * (the back end never closes it); for a folder, an O_DIRECTORY descriptor of
 * an empty temporary folder, to fill with openat(). Either is renamed into
 * place, with the run's other outputs, only if every back end succeeds. */
typedef enum write_result (*backend_write_fn)(const struct backend_job *job, int out);

struct backend {
	const char *name;     /* As --format names it: "pdf". */
	const char *suffix;   /* Appended to the data file's stem: ".pdf", "-charts". */
	const char *noun;     /* For messages: "the PDF", "the workbook". */
	bool folder;          /* Writes a folder of files rather than one file. */
	bool by_default;      /* Written when --format is not given. */
	bool own_process;     /* Written in a second process, which contains its
			       * library's failures (crashes, silent omissions). */
	backend_write_fn write;
};

/* Every back end, in the order outputs are written and named. */
#define MAX_BACKENDS 16
extern const struct backend backends[];
extern const size_t nbackends;
/* The first back end --format calls `name` (n bytes), or NULL; the rows
 * after it with the same name are written with it (the release's two
 * files). */
const struct backend *backend_find(const char *name, size_t n);
/* The file name of an output: the data file's name without its folder and
 * ".xml", then `suffix`. Heap-owned. */
char *output_name(const char *data_path, const char *suffix);

/* ---- PDF (render_pdf.c) ---- */

/* The PDF back end: lays out the report with the style's fonts and writes it. */
enum write_result render_pdf(const struct backend_job *job, int out);

struct pdf_writer;

/* Load the layout's fonts (so their metrics can drive the layout) and logo.
 * NULL after reporting errors through `d`. */
struct pdf_writer *pdf_writer_new(const struct style *st, struct diag *d);
const struct metrics *pdf_writer_metrics(struct pdf_writer *w);
/* Paint the pages and write them to `fd` (never closed here); messages
 * name `name`. `fd` -1 renders into memory only (fuzzing, benchmarks):
 * *out_size gets the byte count when not NULL. */
enum write_result pdf_writer_write(struct pdf_writer *w, const struct doc *doc,
				   const struct report *r, int fd, const char *name,
				   size_t *out_size, struct diag *d);
/* The same into `path`, put in place atomically (tools and tests); `path`
 * NULL renders into memory only. */
enum write_result pdf_writer_save(struct pdf_writer *w, const struct doc *doc,
				  const struct report *r, const struct style *st,
				  const char *path, size_t *out_size, struct diag *d);
void pdf_writer_free(struct pdf_writer *w);

/* ---- The press packet ---- */

/* The one-page scorecard, a PDF (render_scorecard.c). */
enum write_result render_scorecard(const struct backend_job *job, int out);
/* The chart images, a folder (render_charts.c). */
enum write_result render_charts(const struct backend_job *job, int dir);
/* The draft press release as Markdown and as plain text (render_release.c). */
enum write_result render_release_md(const struct backend_job *job, int out);
enum write_result render_release_txt(const struct backend_job *job, int out);

/* ---- Workbook (render_xlsx.c) ---- */

/* The workbook back end. */
enum write_result render_xlsx(const struct backend_job *job, int out);

/* ---- The intake workbook (xlsx_intake.c) ---- */

/* The workbook departments fill in for the report's quarter (qreport
 * template): a back end of its own, not one of a run's outputs. */
enum write_result xlsx_intake_write(const struct backend_job *job, int out);

/* ---- Web page (render_html.c) and open data (render_csv.c) ---- */

/* The report as one self-contained, accessible web page. */
enum write_result render_html(const struct backend_job *job, int out);
/* The History as CSV, one row per measure and quarter. */
enum write_result render_csv(const struct backend_job *job, int out);

/* ---- The second process (output_process.c) ---- */

/* Some outputs written by a child process. With two processors they are
 * made while this process makes the others: the back ends share nothing
 * but the read-only model. The child also contains a library's failures,
 * some of which end the process that meets them. */
struct output_child {
	int pid, parent;
	FILE *messages;     /* What the child says, passed on when it ends. */
	const char *path;   /* The first of its outputs, for messages. */
	const char *noun;   /* What it writes, for messages: "the workbook". */
};

enum output_child_role {
	OUTPUT_CHILD_NONE,    /* No child: write the outputs in this process. */
	OUTPUT_CHILD_STARTED, /* This is the parent; finish or cancel the child later. */
	OUTPUT_CHILD_IS_ME,   /* This is the child: write its outputs, then end
			       * the program, freeing as usual, with the result. */
};

/* Fork the child. NONE when no process or scratch file is to spare:
 * nothing was made or said, and the caller writes the outputs itself. */
enum output_child_role output_child_start(struct output_child *c, const char *path,
					  const char *noun);
/* In the child, once: messages go where the parent will read them, and the
 * temporaries are left to the parent. False if the child cannot go on
 * (its parent is gone). */
bool output_child_begin(struct output_child *c);
/* In the child, when its outputs are written. */
void output_child_end(struct output_child *c);
/* Wait for the child and pass on its messages; its result. */
enum write_result output_child_finish(struct output_child *c, struct diag *d);
/* Stop the child: the run failed elsewhere. */
void output_child_cancel(struct output_child *c);

/* ---- A run's outputs (outputs.c) ---- */

/* Write the back ends marked in `wanted` (nbackends flags) into OUT_DIR,
 * each named after the data file, and install them all or none. In a
 * second process this returns too (*is_child set), with its result; the
 * program then ends as usual. */
enum write_result write_outputs(const bool *wanted, const char *out_dir,
				const struct backend_job *job, bool *is_child);
/* One file output of back end `write` at `path`, in this process, put in
 * place atomically (tools, tests, the fuzz target). */
enum write_result write_output_file(backend_write_fn write, const struct backend_job *job,
				    const char *path);

/* ---- Text dump (render_dump.c): the evaluated model as stable text ---- */

void render_dump(const struct report *r, const struct presentation *p, FILE *out);

/* ---- Presentation facts (render_facts.c): what readers are told, as JSON ---- */

void render_facts(const struct presentation *p, FILE *out);

#endif
