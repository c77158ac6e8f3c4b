/* Bookmarks written from compact records. libharu 2.3.0 makes each one a
 * dictionary of seven or eight entries, a kilobyte or more in all; a long
 * report has thousands. Here each is an empty libharu dictionary (for its
 * object number) holding only its title, as a hidden entry so libharu
 * writes it as it always has and frees it with the dictionary; the
 * write_fn hook (hpdf_objects.h) writes the rest from our record, in the
 * order and form libharu would have:
 *
 *   root:  /Type /Outlines  /First  /Last  /Count (all shown)
 *   item:  /Title  /Type /Outlines  /Prev  /Parent  /Dest  /First  /Last
 *          /Next  /Count (negative when closed; none without children)
 *
 * The entries come in that order because libharu adds them as items are
 * made: an item's destination right after it, its children before its
 * next sibling. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf_internal.h"
#include "pdf_links.h"

/* Deepest bookmark level kept; deeper items hang under the deepest. */
#define MAX_OUTLINE_DEPTH 8

/* The hidden entry holding an item's title. */
#define TITLE_KEY "_qreport_title"

struct mark;

/* The bookmarks of one save: marks[0] is the root. */
struct marks {
	struct mark *v;
	size_t n;
};

/* One bookmark (or the root) and its place among the others; indices in
 * marks.v, -1 for none. */
struct mark {
	const struct marks *all;
	HPDF_Dict dict;
	HPDF_Destination dest; /* NULL for none. */
	int32_t parent, first, last, prev, next;
	bool opened;
};

/* How many items show under `m` when it is open, as libharu counts them:
 * its children, and theirs under each child that is open. */
static long count_open(const struct marks *all, const struct mark *m)
{
	long count = 0;
	for (int32_t c = m->first; c >= 0; c = all->v[c].next) {
		count++;
		if (all->v[c].opened)
			count += count_open(all, &all->v[c]);
	}
	return count;
}

/* libharu's write_fn for a bookmark or the root. */
static HPDF_STATUS write_mark(HPDF_Dict dict, HPDF_Stream s)
{
	const struct mark *m = dict->attr;
	const struct marks *all = m->all;
	HPDF_STATUS rc = HPDF_OK;
	bool root = m == &all->v[0];
	if (!root) {
		HPDF_String title = HPDF_Dict_GetItem(dict, TITLE_KEY, HPDF_OCLASS_STRING);
		if (!title)
			return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
		rc |= HPDF_Stream_WriteStr(s, "/Title ");
		/* Hidden, so HPDF_Obj_Write would skip it. */
		rc |= HPDF_String_Write(title, s, NULL);
		rc |= HPDF_Stream_WriteStr(s, "\012");
	}
	rc |= HPDF_Stream_WriteStr(s, "/Type /Outlines\012");
	if (!root) {
		if (m->prev >= 0)
			rc |= pdf_put_ref(s, "/Prev", all->v[m->prev].dict);
		rc |= pdf_put_ref(s, "/Parent", all->v[m->parent].dict);
		if (m->dest)
			rc |= pdf_put_ref(s, "/Dest", m->dest);
	}
	if (m->first >= 0) {
		rc |= pdf_put_ref(s, "/First", all->v[m->first].dict);
		rc |= pdf_put_ref(s, "/Last", all->v[m->last].dict);
	}
	if (!root && m->next >= 0)
		rc |= pdf_put_ref(s, "/Next", all->v[m->next].dict);
	long count = count_open(all, m);
	if (count) {
		char buf[48];
		snprintf(buf, sizeof buf, "/Count %ld\012", m->opened ? count : -count);
		rc |= HPDF_Stream_WriteStr(s, buf);
	}
	return rc;
}

/* An empty dictionary in the cross-reference table, written by
 * write_mark from `m`; NULL if libharu failed (it has noted the error). */
static HPDF_Dict mark_object(HPDF_Doc pdf, struct mark *m)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) {
		HPDF_CheckError(&pdf->error);
		return NULL; /* A failed HPDF_Xref_Add frees the dictionary. */
	}
	d->header.obj_class |= HPDF_OSUBCLASS_OUTLINE;
	d->write_fn = write_mark;
	d->attr = m;
	m->dict = d;
	return d;
}

/* A bookmark under `parent` (0 for the root), as HPDF_CreateOutline would
 * make it: open, titled, last of its parent's children. Its index, or -1
 * if libharu failed. */
static int32_t add_mark(HPDF_Doc pdf, struct marks *all, int32_t parent, const char *title,
			HPDF_Encoder utf8)
{
	struct mark *m = &all->v[all->n];
	*m = (struct mark){all, NULL, NULL, parent, -1, -1, -1, -1, true};
	if (!mark_object(pdf, m))
		return -1;
	HPDF_String t = HPDF_String_New(pdf->mmgr, title, utf8);
	if (!t) {
		HPDF_CheckError(&pdf->error);
		return -1;
	}
	t->header.obj_id |= HPDF_OTYPE_HIDDEN;
	if (HPDF_Dict_Add(m->dict, TITLE_KEY, t) != HPDF_OK) {
		HPDF_CheckError(&pdf->error);
		return -1;
	}
	int32_t i = (int32_t)all->n++;
	struct mark *p = &all->v[parent];
	if (p->last >= 0) {
		all->v[p->last].next = i;
		m->prev = p->last;
	} else {
		p->first = i;
	}
	p->last = i;
	return i;
}

/* Bookmarks from doc.outline; each level hangs under the last item one
 * up. The records go in the writer's, freed after the save. */
void pdf_outline_build(struct pdf_writer *w, const struct doc *doc, HPDF_Destination *dests)
{
	if (!doc->noutline)
		return;
	HPDF_Doc pdf = w->pdf;
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	struct marks *all = arena_alloc(&w->links, sizeof *all);
	all->v = arena_calloc(&w->links, doc->noutline + 1, sizeof *all->v);
	all->v[0] = (struct mark){all, NULL, NULL, -1, -1, -1, -1, -1, true};
	int32_t parents[MAX_OUTLINE_DEPTH];
	for (int l = 0; l < MAX_OUTLINE_DEPTH; l++)
		parents[l] = -1;
	for (size_t i = 0; i < doc->noutline; i++) {
		const struct outline_item *it = &doc->outline[i];
		int level = it->level < 0 ? 0 : it->level;
		if (level >= MAX_OUTLINE_DEPTH)
			level = MAX_OUTLINE_DEPTH - 1;
		while (level > 0 && parents[level - 1] < 0)
			level--;
		/* The root is made with the first bookmark, as libharu does, and
		 * named in the catalog then. */
		if (!all->v[0].dict) {
			if (!mark_object(pdf, &all->v[0]))
				continue;
			all->n = 1;
			if (HPDF_Dict_Add(pdf->catalog, "Outlines", all->v[0].dict) != HPDF_OK) {
				HPDF_CheckError(&pdf->error);
				return;
			}
		}
		char *title = pdf_clip_text(it->title ? it->title : "", PDF_MAX_TEXT);
		int32_t m = add_mark(pdf, all, level ? parents[level - 1] : 0, title, utf8);
		free(title);
		if (m < 0)
			continue;
		if (it->dest >= 0 && (size_t)it->dest < doc->ndests && dests[it->dest])
			all->v[m].dest = dests[it->dest];
		/* Top-level entries open, so the panel shows each part's sections. */
		all->v[m].opened = level == 0;
		parents[level] = m;
		for (int l = level + 1; l < MAX_OUTLINE_DEPTH; l++)
			parents[l] = -1;
	}
}
