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
#include <stdlib.h>
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

/* The hidden entry that holds a packed page's entries as bytes (libharu
 * writes no hidden entry, as with its own "_OPENED" of outlines). */
#define PACKED_KEY "_qreport_entries"

/* libharu's write_fn for a packed page: its entries, as they were. */
static HPDF_STATUS write_packed(HPDF_Dict dict, HPDF_Stream s)
{
	HPDF_Binary b = HPDF_Dict_GetItem(dict, PACKED_KEY, HPDF_OCLASS_BINARY);
	if (!b)
		return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
	return b->len ? HPDF_Stream_Write(s, b->value, b->len) : HPDF_OK;
}

/* A dictionary's entries written to `s` as HPDF_Dict_Write writes them;
 * false if one is not there or libharu failed. */
static bool write_entries(HPDF_Dict d, HPDF_Stream s)
{
	HPDF_STATUS rc = HPDF_OK;
	for (HPDF_UINT i = 0; i < d->list->count && rc == HPDF_OK; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);
		const HPDF_Obj_Header *h = e ? e->value : NULL;
		if (!h || h->obj_id & HPDF_OTYPE_HIDDEN)
			return false; /* Not a page as this was written for. */
		rc |= HPDF_Stream_WriteEscapeName(s, e->key);
		rc |= HPDF_Stream_WriteChar(s, ' ');
		rc |= HPDF_Obj_Write(e->value, s, NULL);
		rc |= HPDF_Stream_WriteStr(s, "\012");
	}
	return rc == HPDF_OK;
}

/* The bytes of a memory stream, on the heap; NULL if it cannot be read
 * or is too long for a libharu binary. */
static char *stream_bytes(HPDF_Stream s, size_t *len)
{
	*len = HPDF_Stream_Size(s);
	if (*len > HPDF_LIMIT_MAX_STRING_LEN || HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) != HPDF_OK)
		return NULL;
	char *buf = xmalloc(*len ? *len : 1);
	HPDF_UINT got = (HPDF_UINT)*len;
	HPDF_STATUS rc = *len ? HPDF_Stream_Read(s, (HPDF_BYTE *)buf, &got) : HPDF_OK;
	if ((rc != HPDF_OK && rc != HPDF_STREAM_EOF) || got != *len) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Replace a painted page's entries (its resources above all, a dozen
 * small libharu objects) with the bytes libharu would write for them. The
 * page keeps its object, its content and libharu's state for it; nothing
 * may be drawn on it afterwards. Left as it is when anything is amiss. */
void pdf_pack_page(HPDF_Page page)
{
	HPDF_PageAttr attr = page->attr;
	if (page->write_fn || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    (attr->gstate && attr->gstate->prev))
		return;
	HPDF_Stream tmp = HPDF_MemStream_New(page->mmgr, HPDF_STREAM_BUF_SIZ);
	if (!tmp)
		return;
	size_t len = 0;
	char *bytes = write_entries(page, tmp) ? stream_bytes(tmp, &len) : NULL;
	HPDF_Stream_Free(tmp);
	if (!bytes)
		return;
	HPDF_Binary b = HPDF_Binary_New(page->mmgr, (HPDF_BYTE *)bytes, (HPDF_UINT)len);
	free(bytes);
	if (!b)
		return;
	b->header.obj_id |= HPDF_OTYPE_HIDDEN;
	if (HPDF_Dict_Add(page, PACKED_KEY, b) != HPDF_OK)
		return;
	/* Everything but the packed entry goes; its resources with it. */
	while (page->list->count > 1) {
		HPDF_DictElement e = HPDF_List_ItemAt(page->list, 0);
		HPDF_Dict_RemoveElement(page, e->key);
	}
	attr->fonts = NULL;
	attr->xobjects = NULL;
	attr->ext_gstates = NULL;
	page->write_fn = write_packed;
}

/* Add an entry, already written as "/Key value\n", after a packed page's
 * own; false if the page is not packed. */
bool pdf_page_add_entry(HPDF_Page page, const char *entry)
{
	HPDF_Binary b = page->write_fn == write_packed
				? HPDF_Dict_GetItem(page, PACKED_KEY, HPDF_OCLASS_BINARY)
				: NULL;
	if (!b)
		return false;
	size_t n = strlen(entry);
	char *joined = xmalloc(b->len + n + 1);
	if (b->len)
		memcpy(joined, b->value, b->len);
	memcpy(joined + b->len, entry, n);
	HPDF_STATUS rc = HPDF_Binary_SetValue(b, (HPDF_BYTE *)joined, (HPDF_UINT)(b->len + n));
	free(joined);
	return rc == HPDF_OK;
}
