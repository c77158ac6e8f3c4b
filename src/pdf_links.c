/* Compact link annotations (see pdf_links.h). What libharu 2.3.0's
 * HPDF_Page_CreateLinkAnnot and HPDF_Page_CreateURILinkAnnot followed by
 * HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) write, in their order:
 *
 *   /Rect [ left bottom right top ]   reals as HPDF_Stream_WriteReal writes them
 *   /Type /Annot
 *   /Subtype /Link
 *   /Dest n 0 R                      or /A <</Type /Action /S /URI /URI (...)>>
 *   /P page 0 R
 *   /Border [ 0 0 0 ]                no border */
#include "pdf_links.h"

#include <hpdf_destination.h>
#include <stdio.h>

/* What an annotation says, kept until the save. */
struct pdf_link {
	HPDF_REAL rect[4];       /* Left, bottom, right, top. */
	HPDF_Page page;
	HPDF_Destination dest;   /* When uri is NULL. */
	const char *uri;         /* Borrowed from the doc. */
	pdf_link_tail_fn tail;   /* More entries, or NULL. */
	const void *tail_attr;
};

HPDF_STATUS pdf_put_ref(HPDF_Stream s, const char *key, const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	char buf[64];
	snprintf(buf, sizeof buf, "%s %u %u R\012", key, (unsigned)(h->obj_id & 0x00FFFFFF),
		 (unsigned)h->gen_no);
	return HPDF_Stream_WriteStr(s, buf);
}

/* libharu's write_fn for an annotation made here. */
static HPDF_STATUS write_link(HPDF_Dict dict, HPDF_Stream s)
{
	const struct pdf_link *l = dict->attr;
	HPDF_STATUS rc = HPDF_Stream_WriteStr(s, "/Rect [ ");
	for (int i = 0; i < 4; i++) {
		rc |= HPDF_Stream_WriteReal(s, l->rect[i]);
		rc |= HPDF_Stream_WriteChar(s, ' ');
	}
	rc |= HPDF_Stream_WriteStr(s, "]\012/Type /Annot\012/Subtype /Link\012");
	if (l->uri) {
		rc |= HPDF_Stream_WriteStr(s, "/A <<\012/Type /Action\012/S /URI\012/URI ");
		rc |= HPDF_Stream_WriteEscapeText(s, l->uri);
		rc |= HPDF_Stream_WriteStr(s, "\012>>\012");
	} else {
		rc |= pdf_put_ref(s, "/Dest", l->dest);
	}
	rc |= pdf_put_ref(s, "/P", l->page);
	rc |= HPDF_Stream_WriteStr(s, "/Border [ 0 0 0 ]\012");
	if (rc == HPDF_OK && l->tail)
		rc = l->tail(l->tail_attr, s);
	return rc;
}

/* Make a link annotation and list it in its page's /Annots. Edge cases
 * libharu refuses (an empty address, an invalid destination) go to
 * libharu, so it reports them as it always has. */
HPDF_Annotation pdf_link_new(HPDF_Doc pdf, struct arena *records, HPDF_Page page,
			     HPDF_Rect rect, const char *uri, HPDF_Destination dest)
{
	if (uri && !uri[0])
		return HPDF_Page_CreateURILinkAnnot(page, rect, uri);
	if (!uri && !HPDF_Destination_Validate(dest))
		return HPDF_Page_CreateLinkAnnot(page, rect, dest);
	if (!HPDF_Page_Validate(page))
		return NULL;
	HPDF_Dict a = HPDF_Dict_New(pdf->mmgr);
	if (!a || HPDF_Xref_Add(pdf->xref, a) != HPDF_OK) {
		HPDF_CheckError(&pdf->error);
		return NULL; /* A failed HPDF_Xref_Add frees the dictionary. */
	}
	a->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
	HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = HPDF_Array_New(pdf->mmgr);
		if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK) {
			HPDF_CheckError(&pdf->error);
			return NULL;
		}
	}
	if (HPDF_Array_Add(annots, a) != HPDF_OK) {
		HPDF_CheckError(&pdf->error);
		return NULL;
	}
	struct pdf_link *l = arena_alloc(records, sizeof *l);
	if (rect.top < rect.bottom) {
		HPDF_REAL t = rect.top;
		rect.top = rect.bottom;
		rect.bottom = t;
	}
	l->rect[0] = rect.left;
	l->rect[1] = rect.bottom;
	l->rect[2] = rect.right;
	l->rect[3] = rect.top;
	l->page = page;
	l->dest = uri ? NULL : dest;
	l->uri = uri;
	a->write_fn = write_link;
	a->attr = l;
	return a;
}

/* Add the tagger's entries to an annotation made here. */
bool pdf_link_set_tail(HPDF_Annotation a, pdf_link_tail_fn tail, const void *attr)
{
	if (!a || a->write_fn != write_link)
		return false;
	struct pdf_link *l = a->attr;
	if (l->tail)
		return false;
	l->tail = tail;
	l->tail_attr = attr;
	return true;
}
