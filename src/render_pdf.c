/* The PDF back end: libharu document set-up, metadata, bookmarks and
 * saving. Painting the boxes is in pdf_paint.c, the icons in pdf_icons.c,
 * the structure tree that makes the PDF accessible in pdf_tag.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "layout.h"
#include "outfile.h"
#include "pdf_internal.h"
#include "pdf_tag.h"
#include "render.h"
#include "period.h"
#include "version.h"

/* libharu's error callback: keep the first error for the caller to report.
 * Reading the saved stream ends with an "end of stream" error; that one is
 * how libharu says "done". */
static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pdf_writer *w = user;
	if (code == HPDF_STREAM_EOF || w->err.code)
		return;
	w->err.code = code;
	w->err.detail = detail;
}

/* Start an empty libharu document for UTF-8 text. Faces and images are
 * loaded when first drawn: libharu embeds every font it has loaded, used
 * or not, and the fallback faces are often not needed at all. */
static bool open_doc(struct pdf_writer *w, struct diag *d)
{
	w->err.code = 0;
	w->nimages = 0;
	for (int i = 0; i < FACE_COUNT; i++)
		w->font[i] = NULL;
	w->failed = false;
	arena_free(&w->links);
	arena_init(&w->links);
	w->pdf = HPDF_New(on_hpdf_error, w);
	if (!w->pdf) {
		diag_error(d, NULL, 0, "cannot start a PDF document: out of memory");
		return false;
	}
	HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(w->pdf);
	HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
	return !pdf_take_error(w, NULL, 0, "setting up UTF-8 text", d);
}

/* Free the libharu document of a save, if any. */
static void close_doc(struct pdf_writer *w)
{
	if (w->pdf)
		HPDF_Free(w->pdf);
	w->pdf = NULL;
	/* The annotations' records, which libharu read until now. */
	arena_free(&w->links);
	arena_init(&w->links);
}

/* A writer with the style's fonts read, ready to measure text. */
struct pdf_writer *pdf_writer_new(const struct style *st, struct diag *d)
{
	struct pdf_writer *w = xcalloc(1, sizeof *w);
	w->st = st;
	if (!pdf_fonts_load(&w->fonts, st, d)) {
		free(w);
		return NULL;
	}
	return w;
}

/* The metrics the layout engine measures text with. */
const struct metrics *pdf_writer_metrics(struct pdf_writer *w)
{
	return &w->fonts.metrics;
}

/* libharu's own width for a text, in a throw-away document. */
double pdf_writer_libharu_width(struct pdf_writer *w, enum face face, const char *text)
{
	struct diag d;
	diag_init(&d, stderr);
	double width = -1;
	if (open_doc(w, &d)) {
		HPDF_Font font = pdf_face(w, face, &d);
		if (font) {
			HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text,
								(HPDF_UINT)strlen(text));
			width = (double)tw.width;
		}
	}
	close_doc(w);
	return width;
}

/* Tagging on (the default) or off. */
void pdf_writer_set_tagged(struct pdf_writer *w, bool tagged)
{
	w->untagged = !tagged;
}

/* Release the writer and everything it holds. */
void pdf_writer_free(struct pdf_writer *w)
{
	if (!w)
		return;
	close_doc(w);
	pdf_fonts_free(&w->fonts);
	free(w->text);
	free(w->zbuf);
	free(w);
}

/* The document date: the one date every output carries (period.c),
 * so the PDF and the workbook never disagree. */
static bool document_date(const struct report *r, HPDF_Date *out)
{
	memset(out, 0, sizeof *out);
	if (!r)
		return false;
	bool day;
	time_t t = (time_t)report_time(r, &day);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return false;
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minutes = tm.tm_min;
	out->seconds = tm.tm_sec;
	out->ind = day ? ' ' : 'Z'; /* A calendar day is in no particular time zone. */
	return true;
}

/* Set a text entry of the document information, cut to a length every
 * reader takes. */
static void set_text_attr(HPDF_Doc pdf, HPDF_InfoType type, const char *value)
{
	char *c = pdf_clip_text(value, PDF_MAX_TEXT);
	HPDF_SetInfoAttr(pdf, type, c);
	free(c);
}

/* Title, author, subject, keywords, creator and dates. */
static void set_info(struct pdf_writer *w, const struct doc *doc, const struct report *r)
{
	HPDF_Doc pdf = w->pdf;
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "qreport " QREPORT_VERSION);
	HPDF_Date date;
	if (document_date(r, &date)) {
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
	}
	if (doc->title)
		set_text_attr(pdf, HPDF_INFO_TITLE, doc->title);
	if (doc->author)
		set_text_attr(pdf, HPDF_INFO_AUTHOR, doc->author);
	if (doc->subject)
		set_text_attr(pdf, HPDF_INFO_SUBJECT, doc->subject);
	if (doc->keywords)
		set_text_attr(pdf, HPDF_INFO_KEYWORDS, doc->keywords);
}

/* Bytes gathered before they go to the file. libharu writes a long
 * report in millions of pieces of a few bytes each; handing each to stdio
 * on its own took more time than copying them here. */
#define SINK_BUF 65536

/* Where a save writes: a descriptor, so that a failed write keeps its
 * errno for the message. */
struct file_sink {
	int fd;
	int err;            /* errno of the first failed write, 0 while all is well. */
	unsigned char *buf; /* SINK_BUF bytes; heap. */
	size_t len;         /* Bytes in buf not yet written. */
};

/* Write `size` bytes to the file; false (with sink->err set) if it fails. */
static bool sink_put(struct file_sink *sink, const void *ptr, size_t size)
{
	if (size && !write_all(sink->fd, ptr, size)) {
		sink->err = errno ? errno : EIO;
		return false;
	}
	return true;
}

/* Write out what the buffer holds; false if that fails. */
static bool sink_flush(struct file_sink *sink)
{
	bool ok = sink->err == 0 && sink_put(sink, sink->buf, sink->len);
	sink->len = 0;
	return ok;
}

/* libharu's write function for a stream into a file_sink. */
static HPDF_STATUS sink_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	struct file_sink *sink = s->attr;
	if (sink->err)
		return HPDF_FILE_IO_ERROR;
	bool ok = true;
	if (sink->len + size > SINK_BUF)
		ok = sink_flush(sink);
	if (ok && size > SINK_BUF) {
		ok = sink_put(sink, ptr, size);
	} else if (ok) {
		memcpy(sink->buf + sink->len, ptr, size);
		sink->len += size;
	}
	return ok ? HPDF_OK : HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)sink->err);
}

/* Save the document straight into the sink. libharu saves into the stream
 * its document holds (a memory stream unless one is there already), so one
 * of ours goes there for the save: the file is written as it is made rather
 * than first built whole in memory, which for a long tagged report would
 * be tens of megabytes more. */
static void save_to_file(struct pdf_writer *w, struct file_sink *sink)
{
	HPDF_Doc pdf = w->pdf;
	HPDF_Stream s = HPDF_GetMem(pdf->mmgr, sizeof *s);
	if (!s)
		return; /* libharu has noted that it ran out of memory. */
	memset(s, 0, sizeof *s);
	s->sig_bytes = HPDF_STREAM_SIG_BYTES;
	s->type = HPDF_STREAM_FILE;
	s->mmgr = pdf->mmgr;
	s->error = &pdf->error;
	s->write_fn = sink_write;
	s->attr = sink;
	if (pdf->stream)
		HPDF_Stream_Free(pdf->stream);
	pdf->stream = s;
	HPDF_SaveToStream(pdf);
	sink_flush(sink);
	/* The sink lives on the caller's stack: take the stream back now. */
	pdf->stream = NULL;
	HPDF_Stream_Free(s);
}

/* Save into the descriptor. */
static enum write_result write_out(struct pdf_writer *w, int fd, const char *path,
				   struct diag *d)
{
	struct file_sink sink = {fd, 0, NULL, 0};
	sink.buf = xmalloc(SINK_BUF);
	save_to_file(w, &sink);
	free(sink.buf);
	if (sink.err) {
		/* The library's own report of it says less than errno does. */
		if (w->err.code == HPDF_FILE_IO_ERROR) {
			HPDF_ResetError(w->pdf);
			w->err.code = 0;
		}
		diag_error(d, path, 0,
			   "cannot write the PDF: %s; the previous version, if any, is unchanged",
			   strerror(sink.err));
		return WRITE_FAILED;
	}
	if (pdf_take_error(w, path, 0, "assembling the document", d))
		return WRITE_FAILED;
	return WRITE_OK;
}

/* Paint every page into a new document and write it out (or keep it in memory). */
enum write_result pdf_writer_write(struct pdf_writer *w, const struct doc *doc,
				   const struct report *r, int fd, const char *name,
				   size_t *out_size, struct diag *d)
{
	if (!open_doc(w, d)) {
		close_doc(w);
		return WRITE_FAILED;
	}
	const char *where = fd >= 0 && name ? name : "(memory)";
	enum write_result result = WRITE_FAILED;
	HPDF_Page *pages = xcalloc(doc->npages, sizeof *pages);
	HPDF_Destination *dests = xcalloc(doc->ndests, sizeof *dests);

	set_info(w, doc, r);
	if (pdf_take_error(w, where, 0, "setting the document information", d))
		goto done;
	if (!w->untagged)
		w->tag = pdf_tag_new(w->pdf, doc, w->st);
	for (size_t i = 0; i < doc->npages; i++) {
		pages[i] = HPDF_AddPage(w->pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)doc->width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)doc->height);
	}
	if (pdf_take_error(w, where, 0, "adding pages", d))
		goto done;
	for (size_t i = 0; i < doc->ndests; i++) {
		const struct dest *ds = &doc->dests[i];
		if (ds->page < 0 || (size_t)ds->page >= doc->npages)
			continue; /* Nothing to jump to; links to it stay inert. */
		dests[i] = HPDF_Page_CreateDestination(pages[ds->page]);
		double top = ds->y < 0 ? 0 : ds->y > doc->height ? doc->height : ds->y;
		/* Zoom 0 ("keep the reader's zoom") is refused by libharu 2.3.0. */
		HPDF_Destination_SetXYZ(dests[i], 0, (HPDF_REAL)top, 1);
	}
	if (pdf_take_error(w, where, 0, "making link destinations", d))
		goto done;
	for (size_t i = 0; i < doc->npages; i++) {
		pdf_tag_begin_page(w->tag, i, pages[i], &doc->pages[i]);
		bool painted = pdf_paint_page(w, pages[i], doc, &doc->pages[i], dests, d);
		pdf_tag_end_page(w->tag);
		if (painted) {
			pdf_squeeze_page(w, pages[i]);
			pdf_pack_page(pages[i]);
		}
		if (!painted) {
			/* A font or image libharu refused is the layout's problem. */
			if (w->failed)
				result = WRITE_BAD_INPUT;
			goto done;
		}
	}
	pdf_outline_build(w, doc, dests);
	if (doc->noutline)
		HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (pdf_take_error(w, where, 0, "making bookmarks", d))
		goto done;
	if (!pdf_tag_finish(w->tag, r ? r->lang : NULL) || w->err.code) {
		if (!pdf_take_error(w, where, 0, "making the structure tree", d))
			diag_error(d, where, 0, "the PDF library failed while making the structure tree");
		goto done;
	}
	if (fd >= 0) {
		result = write_out(w, fd, where, d);
	} else {
		HPDF_SaveToStream(w->pdf);
		if (pdf_take_error(w, where, 0, "assembling the document", d))
			goto done;
		if (out_size)
			*out_size = HPDF_GetStreamSize(w->pdf);
		result = WRITE_OK;
	}
done:
	pdf_tag_free(w->tag);
	w->tag = NULL;
	close_doc(w);
	free(pages);
	free(dests);
	return result;
}

enum write_result pdf_writer_save(struct pdf_writer *w, const struct doc *doc,
				  const struct report *r, const struct style *st,
				  const char *path, size_t *out_size, struct diag *d)
{
	(void)st; /* The writer keeps the style it was made with. */
	if (!path)
		return pdf_writer_write(w, doc, r, -1, NULL, out_size, d);
	struct path_output out;
	int fd;
	if (!path_output_begin(&out, path, &fd, d))
		return WRITE_FAILED;
	enum write_result res = pdf_writer_write(w, doc, r, fd, path, out_size, d);
	if (!path_output_end(&out, res == WRITE_OK, d) && res == WRITE_OK)
		res = WRITE_FAILED;
	return res;
}

/* The PDF back end: the style's fonts measure the text the layout sets. */
enum write_result render_pdf(const struct backend_job *job, int out)
{
	struct pdf_writer *w = pdf_writer_new(job->st, job->d);
	if (!w)
		return WRITE_BAD_INPUT;
	struct arena layout_arena;
	arena_init(&layout_arena);
	enum write_result res = WRITE_BAD_INPUT;
	struct doc *doc = layout_report(job->pres, job->st, pdf_writer_metrics(w), &layout_arena,
					job->d);
	if (doc)
		res = pdf_writer_write(w, doc, job->r, out, job->path, NULL, job->d);
	arena_free(&layout_arena);
	pdf_writer_free(w);
	return res;
}
