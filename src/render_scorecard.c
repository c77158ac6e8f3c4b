/* The scorecard back end: the one-page scorecard (layout_scorecard.c)
 * written by the PDF writer the report uses, with the same fonts, icons,
 * tags, bookmarks and metadata. */
#include "layout.h"
#include "render.h"

/* See render.h. */
enum write_result render_scorecard(const struct backend_job *job, int out)
{
	struct pdf_writer *w = pdf_writer_new(job->st, job->d);
	if (!w)
		return WRITE_BAD_INPUT;
	struct arena layout_arena;
	arena_init(&layout_arena);
	enum write_result res = WRITE_BAD_INPUT;
	struct doc *doc = layout_scorecard(job->pres, job->st, pdf_writer_metrics(w), &layout_arena,
					   job->d);
	if (doc)
		res = pdf_writer_write(w, doc, job->r, out, job->path, NULL, job->d);
	arena_free(&layout_arena);
	pdf_writer_free(w);
	return res;
}
