/* Compressing each page's content stream as soon as it is painted.
 *
 * libharu 2.3.0 keeps every page's operators uncompressed in memory until
 * the document is saved, and only then deflates them into the file: for a
 * report of a thousand pages that is twenty megabytes more at the moment
 * memory peaks. Here a finished page's operators are deflated at once,
 * exactly as libharu would at saving (zlib's default level, fed in its
 * stream buffer's steps), and the stream is marked uncompressed so libharu
 * copies the bytes as they are. The /Filter entry libharu would have
 * written for it is written by the dictionary's write_fn hook
 * (hpdf_objects.h) in the same place, so the file is byte for byte the
 * one libharu would have made. */
#include <hpdf_conf.h>
#include <hpdf_pages.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"
#include "pdf_internal.h"

/* The /Filter entry of a Flate-compressed stream, as libharu writes it
 * (after /Length, the dictionary's only entry). */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream s)
{
	(void)dict;
	return HPDF_Stream_WriteStr(s, "/Filter [ /FlateDecode ]\012");
}

/* Room for `more` bytes after the first `used` of the scratch buffer. */
static void reserve(struct pdf_writer *w, size_t used, size_t more)
{
	if (used + more <= w->zbuf_cap)
		return;
	size_t cap = w->zbuf_cap ? w->zbuf_cap : 16384;
	while (cap < used + more)
		cap *= 2;
	w->zbuf = xrealloc(w->zbuf, cap);
	w->zbuf_cap = cap;
}

/* Deflate the stream's bytes into the writer's scratch buffer; the
 * compressed length, or 0 if zlib or the stream failed. */
static size_t deflate_stream(struct pdf_writer *w, HPDF_Stream src)
{
	if (HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET) != HPDF_OK)
		return 0;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		return 0;
	HPDF_BYTE in[HPDF_STREAM_BUF_SIZ];
	size_t out = 0;
	bool ok = true, eof = false;
	while (ok && !eof) {
		HPDF_UINT size = sizeof in;
		HPDF_STATUS rc = HPDF_Stream_Read(src, in, &size);
		if (rc == HPDF_STREAM_EOF)
			eof = true;
		else if (rc != HPDF_OK)
			ok = false;
		z.next_in = in;
		z.avail_in = size;
		int flush = eof ? Z_FINISH : Z_NO_FLUSH;
		int zr = Z_OK;
		while (ok && (z.avail_in > 0 || (eof && zr != Z_STREAM_END))) {
			reserve(w, out, HPDF_STREAM_BUF_SIZ);
			z.next_out = (Bytef *)w->zbuf + out;
			z.avail_out = (uInt)(w->zbuf_cap - out);
			zr = deflate(&z, flush);
			out = w->zbuf_cap - z.avail_out;
			if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
				ok = false;
		}
	}
	deflateEnd(&z);
	return ok ? out : 0;
}

/* Compress a painted page's content stream in place. Nothing may be
 * drawn on the page afterwards. A page left mid-text or mid-path (which
 * libharu would close when saving) is left for libharu to compress. */
void pdf_squeeze_page(struct pdf_writer *w, HPDF_Page page)
{
	HPDF_PageAttr attr = page->attr;
	HPDF_Dict contents = attr->contents;
	HPDF_Stream s = attr->stream;
	if (!contents || contents->stream != s || s->type != HPDF_STREAM_MEMORY ||
	    contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE || contents->write_fn ||
	    HPDF_Dict_GetItem(contents, "Filter", HPDF_OCLASS_ARRAY) ||
	    attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || (attr->gstate && attr->gstate->prev) ||
	    HPDF_Stream_Size(s) == 0)
		return;
	size_t n = deflate_stream(w, s);
	if (n == 0 || n > UINT32_MAX)
		return; /* libharu compresses it when saving, as it would have. */
	HPDF_MemStream_FreeData(s);
	/* One buffer of exactly the compressed size rather than 4 KB pieces,
	 * half of the last one unused on average. Nothing is written to the
	 * stream after this, and reads and seeks use the same size. */
	HPDF_MemStreamAttr ma = s->attr;
	ma->buf_siz = (HPDF_UINT)n;
	ma->w_pos = ma->buf_siz;
	if (HPDF_Stream_Write(s, (const HPDF_BYTE *)w->zbuf, (HPDF_UINT)n) != HPDF_OK)
		return; /* The error is pending; the save reports it. */
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = write_flate_filter;
}
