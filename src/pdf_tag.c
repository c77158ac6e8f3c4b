/* The tagged PDF (see pdf_tag.h). While pages are painted, each box that
 * draws something is wrapped in marked content: content of a structure
 * element as "/P <</MCID n>> BDC ... EMC", everything else (elem -1) as an
 * artifact. Each piece of content is remembered in painting order. After
 * painting, every element becomes an indirect object whose kids are in
 * reading order: its own content merged with its children from doc.elems,
 * each child placed where its content first appears.
 *
 * A long report has tens of thousands of elements, and a libharu
 * dictionary costs some 300 bytes of memory for every entry. So each leaf
 * of the parent tree is an empty libharu dictionary, for its object
 * number, whose write_fn hook (hpdf_objects.h) writes the entries from our
 * own compact records when the file is saved. Even an empty dictionary
 * costs some 150 bytes, so the elements share one: they take consecutive
 * cross-reference entries that all point at it, and as libharu writes the
 * entries in order, its write_fn writes the next element each time. Before
 * libharu frees the document, those entries are cleared but the first, so
 * the dictionary is freed once. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf_internal.h"
#include "pdf_links.h"
#include "pdf_tag.h"

/* Marked-content keys other than an element's index. */
enum {
	KEY_ARTIFACT = -1, /* Decoration: fills, rules, leaders. */
	KEY_HEADER = -2,   /* Running header: a pagination artifact. */
	KEY_FOOTER = -3,   /* Running footer and page number. */
};

/* Entries per leaf of the parent tree, which keeps its arrays well under
 * the 8191 items readers are built to accept (ISO 32000-1, annex C). */
#define NUMS_PER_LEAF 512

/* Identifiers per leaf of the ID tree, for the same reason. */
#define IDS_PER_LEAF 512

/* Kids of an element per line of its /K array, to keep lines short. */
#define KIDS_PER_LINE 16

/* The longest text string written, in bytes (ISO 32000-1, annex C). */
#define MAX_STRING 32767

/* The longest description of a link annotation, in bytes of UTF-8. A link
 * that wraps has an annotation per line, each described by the whole
 * link's words; a link of absurd length must not repeat them all on
 * every line. */
#define MAX_DESCRIPTION 500

enum kid_kind {
	KID_MCID,  /* Marked content on a page. */
	KID_ELEM,  /* An element made here: an icon's Figure, a stray link's Link. */
	KID_ANNOT, /* A link annotation. */
};

/* One piece of an element's own content. Its index in pdf_tag.kids is its
 * painting position. */
struct kid {
	uint32_t elem;       /* The element it belongs to. */
	uint32_t page;
	unsigned value : 30; /* The MCID, the element or the annotation, by kind. */
	unsigned kind : 2;   /* enum kid_kind. */
};

/* No extent: the element is neither a Figure nor a Table. */
#define NO_EXTENT UINT32_MAX

/* What a Figure or a Table covers, for its bounding box. */
struct extent {
	float x0, y0, x1, y1;
	uint32_t page;
	bool set;        /* Something is inside, */
	bool many_pages; /* but on more than one page, so no box. */
};

/* A link's words, to describe its annotation. */
struct words {
	char *text;              /* NUL-terminated; heap. */
	size_t len, cap;
	double end, y;           /* Where the last text box ended, to space words. */
};

/* What the PDF will say about one structure element. A long report has
 * tens of thousands, so this is kept small. */
struct tag_elem {
	const char *alt;         /* Borrowed from the doc or the style. */
	const struct elem *de;   /* The doc's element (ids, table cells, language,
				  * words read instead), or NULL for one made here. */
	struct words *words;     /* Links only; heap. */
	int32_t parent;          /* Index in pdf_tag.elems; -1 for a root. */
	int32_t first_child;     /* Children from doc.elems, in their order; -1 ends. */
	int32_t next_sibling;
	int32_t first;           /* Painting position of the subtree's first content; -1 none. */
	uint32_t kids_at;        /* Its kids: pdf_tag.order[kids_at ..] (set when finishing), */
	uint32_t nkids;          /* this many. */
	uint32_t extent;         /* Index in pdf_tag.extents, or NO_EXTENT. */
	uint8_t role;            /* enum role. */
	bool th_row_scope;
};

/* A page being or having been painted. */
struct tag_page {
	HPDF_Page page;
	uint32_t *mcid_elem; /* The element each MCID belongs to; heap. */
	size_t nmcid, mcid_cap;
	bool has_annots;
};

/* A link annotation and the Link element it belongs to. */
struct tag_annot {
	HPDF_Annotation annot;
	uint32_t elem;
	const char *uri; /* Borrowed from the doc. */
	int dest;
};

/* What a dictionary whose entries we write is. */
enum ref_kind {
	REF_ELEMS, /* The structure elements, one after another. */
	REF_TREE,  /* The parent tree, when it has no leaves. */
	REF_LEAF,  /* A leaf of the parent tree. */
	REF_ANNOT, /* A link annotation: its key into the parent tree and words. */
	REF_IDS,   /* The ID tree, whole or as the root of its leaves. */
	REF_ID_LEAF, /* A leaf of the ID tree. */
};

/* What a custom-written object is: dict->attr points at one. */
struct tag_ref {
	struct pdf_tag *t;
	uint32_t index; /* Annotation, or first key of a leaf. */
	enum ref_kind kind;
};

struct pdf_tag {
	HPDF_Doc pdf;              /* Borrowed. */
	const struct doc *doc;     /* Borrowed. */
	const struct style *st;    /* Borrowed. */
	struct tag_elem *elems;    /* doc.elems, then elements made while painting; heap. */
	size_t nelems, elems_cap;
	struct kid *kids;          /* All content, in painting order; heap. */
	size_t nkids, kids_cap;
	uint32_t *order;           /* Kids grouped by element, painting order kept; heap. */
	struct extent *extents;    /* Figures' and Tables'; heap. */
	size_t nextents, extents_cap;
	struct tag_page *pages;    /* One per doc page; heap. */
	size_t npages;
	struct tag_annot *annots;  /* Heap. */
	size_t nannots, annots_cap;
	struct tag_ref *refs;      /* write_fn records: the elements', the tree's,
				    * leaves', annotations'; heap. */
	HPDF_Dict root;            /* The StructTreeRoot, once finishing. */
	HPDF_Dict elems_obj;       /* The elements' shared dictionary, */
	unsigned first_num;        /* the first element's object number, */
	size_t nshared;            /* cross-reference entries after it that share it, */
	size_t writing;            /* and the element its write_fn writes next. */
	HPDF_Obj_Header *root_refs; /* Stand-ins for the roots, for libharu's /K; heap. */
	HPDF_Dict *leaves;         /* Leaves of a long parent tree; heap. */
	size_t nleaves;
	uint32_t *ids;             /* Elements with an identifier, in order (so sorted); heap. */
	size_t nids;
	struct tag_ref *id_refs;   /* The ID tree's records, root first; heap. */
	HPDF_Dict *id_leaves;      /* Leaves of a long ID tree; heap. */
	size_t nid_leaves;
	size_t nkeys;              /* Parent tree keys: pages with MCIDs, then annotations. */
	uint32_t *keys;            /* Each key's page or npages + annotation; heap. */
	size_t page;               /* The page being painted, */
	const struct page *boxes;  /* its boxes, */
	HPDF_Stream stream;        /* and its content stream. */
	bool open;                 /* Marked content is open on it, */
	int open_key;              /* for this element or artifact kind, */
	bool open_in_text;         /* inside a text object. */
};

/* Grow a heap array so that one more item fits. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * size);
}

/* The standard structure type a role is written as. */
static const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_DOCUMENT:
		return "Document";
	case ROLE_SECT:
		return "Sect";
	case ROLE_H1:
		return "H1";
	case ROLE_H2:
		return "H2";
	case ROLE_H3:
		return "H3";
	case ROLE_P:
		return "P";
	case ROLE_L:
		return "L";
	case ROLE_LI:
		return "LI";
	case ROLE_LBL:
		return "Lbl";
	case ROLE_LBODY:
		return "LBody";
	case ROLE_BLOCKQUOTE:
		return "BlockQuote";
	case ROLE_TOC:
		return "TOC";
	case ROLE_TOCI:
		return "TOCI";
	case ROLE_TABLE:
		return "Table";
	case ROLE_TR:
		return "TR";
	case ROLE_TH:
		return "TH";
	case ROLE_TD:
		return "TD";
	case ROLE_FIGURE:
		return "Figure";
	case ROLE_LINK:
		return "Link";
	case ROLE_CAPTION:
		return "Caption";
	case ROLE_SPAN:
		return "Span";
	}
	return "Span";
}

/* Append an element; returns its index. */
static uint32_t add_elem(struct pdf_tag *t, enum role role, int parent, const char *alt)
{
	t->elems = grow(t->elems, t->nelems, &t->elems_cap, sizeof *t->elems);
	struct tag_elem *e = &t->elems[t->nelems];
	memset(e, 0, sizeof *e);
	e->role = (uint8_t)role;
	e->parent = parent;
	e->alt = alt;
	e->first_child = e->next_sibling = -1;
	e->first = -1;
	e->extent = NO_EXTENT;
	if (role == ROLE_FIGURE || role == ROLE_TABLE) {
		t->extents = grow(t->extents, t->nextents, &t->extents_cap, sizeof *t->extents);
		memset(&t->extents[t->nextents], 0, sizeof *t->extents);
		e->extent = (uint32_t)t->nextents++;
	}
	return (uint32_t)t->nelems++;
}

/* Append a piece of content of element `e` on the current page. */
static void add_kid(struct pdf_tag *t, uint32_t e, enum kid_kind kind, uint32_t value)
{
	t->kids = grow(t->kids, t->nkids, &t->kids_cap, sizeof *t->kids);
	t->kids[t->nkids++] = (struct kid){e, (uint32_t)t->page, value & 0x3FFFFFFF, kind};
}

/* A tagger with an element per doc element; a document with none still
 * gets a Document element, for the tree to have a root. */
struct pdf_tag *pdf_tag_new(HPDF_Doc pdf, const struct doc *doc, const struct style *st)
{
	struct pdf_tag *t = xcalloc(1, sizeof *t);
	t->pdf = pdf;
	t->doc = doc;
	t->st = st;
	t->npages = doc->npages;
	t->pages = xcalloc(doc->npages ? doc->npages : 1, sizeof *t->pages);
	/* Room for the doc's elements and the icons' figures, which a long
	 * report has by the thousand, without doubling the array at the end. */
	t->elems_cap = doc->nelems + doc->nelems / 4 + 16;
	t->elems = xmalloc(t->elems_cap * sizeof *t->elems);
	int32_t *last_child = xmalloc((doc->nelems + 1) * sizeof *last_child);
	for (size_t i = 0; i < doc->nelems; i++) {
		const struct elem *de = &doc->elems[i];
		/* Parents come before their children; anything else is a root. */
		int parent = de->parent >= 0 && (size_t)de->parent < i ? de->parent : -1;
		uint32_t e = add_elem(t, de->role, parent, de->alt);
		t->elems[e].th_row_scope = de->th_row_scope;
		t->elems[e].de = de;
		if (de->has_id) {
			if ((t->nids & (t->nids - 1)) == 0)
				t->ids = xrealloc(t->ids, (t->nids ? t->nids * 2 : 1) * sizeof *t->ids);
			t->ids[t->nids++] = e;
		}
		last_child[e] = -1;
		if (parent >= 0) {
			if (last_child[parent] >= 0)
				t->elems[last_child[parent]].next_sibling = (int32_t)e;
			else
				t->elems[parent].first_child = (int32_t)e;
			last_child[parent] = (int32_t)e;
		}
	}
	free(last_child);
	if (t->nelems == 0)
		add_elem(t, ROLE_DOCUMENT, -1, NULL);
	return t;
}

/* Clear the cross-reference entries that share the elements' dictionary,
 * so libharu frees it only once; no more writing after this. */
static void release_shared(struct pdf_tag *t)
{
	if (!t->elems_obj)
		return;
	HPDF_Xref x = t->pdf->xref;
	for (size_t i = 1; i <= t->nshared; i++) {
		HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, (HPDF_UINT)(t->first_num + i));
		if (e && e->obj == t->elems_obj)
			e->obj = NULL;
	}
	t->nshared = 0;
}

/* Release the tagger. The PDF objects belong to the document, but their
 * write_fn records are ours: free the tagger only after saving. */
void pdf_tag_free(struct pdf_tag *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nelems; i++) {
		if (t->elems[i].words)
			free(t->elems[i].words->text);
		free(t->elems[i].words);
	}
	for (size_t i = 0; i < t->npages; i++)
		free(t->pages[i].mcid_elem);
	release_shared(t);
	free(t->root_refs);
	free(t->elems);
	free(t->kids);
	free(t->extents);
	free(t->order);
	free(t->pages);
	free(t->annots);
	free(t->refs);
	free(t->leaves);
	free(t->keys);
	free(t->ids);
	free(t->id_refs);
	free(t->id_leaves);
	free(t);
}

/* Start marking page `index`: its content stream is where libharu writes
 * the page's operators, so marks written there land between them. */
void pdf_tag_begin_page(struct pdf_tag *t, size_t index, HPDF_Page page, const struct page *boxes)
{
	if (!t || index >= t->npages)
		return;
	t->page = index;
	t->pages[index].page = page;
	t->boxes = boxes;
	t->stream = ((HPDF_PageAttr)page->attr)->stream;
	t->open = false;
}

/* End of the page: nothing may stay open across content streams. */
void pdf_tag_end_page(struct pdf_tag *t)
{
	pdf_tag_close(t);
	if (t) {
		t->stream = NULL;
		t->boxes = NULL;
	}
}

/* Close the open marked content. */
void pdf_tag_close(struct pdf_tag *t)
{
	if (!t || !t->open)
		return;
	HPDF_Stream_WriteStr(t->stream, "EMC\n");
	t->open = false;
}

/* The rectangle a box covers on the page. Text reaches about its size
 * above the baseline and a quarter of it below. */
static void box_extent(const struct box *b, double *x0, double *y0, double *x1, double *y1)
{
	double ax = 0, ay = 0, bx = 0, by = 0, pad = 0;
	switch (b->kind) {
	case BOX_TEXT:
		ax = b->u.text.x;
		bx = b->u.text.x + b->u.text.width;
		ay = b->u.text.y - b->u.text.size * 0.25;
		by = b->u.text.y + b->u.text.size;
		break;
	case BOX_RECT:
		ax = b->u.rect.x;
		ay = b->u.rect.y;
		bx = b->u.rect.x + b->u.rect.w;
		by = b->u.rect.y + b->u.rect.h;
		pad = b->u.rect.stroke ? b->u.rect.line_width / 2 : 0;
		break;
	case BOX_LINE:
		ax = b->u.line.x1;
		ay = b->u.line.y1;
		bx = b->u.line.x2;
		by = b->u.line.y2;
		pad = b->u.line.width / 2;
		break;
	case BOX_POLYLINE:
		if (b->u.poly.n && b->u.poly.points) {
			ax = bx = b->u.poly.points[0].x;
			ay = by = b->u.poly.points[0].y;
			for (size_t i = 1; i < b->u.poly.n; i++) {
				const struct point *p = &b->u.poly.points[i];
				ax = p->x < ax ? p->x : ax;
				bx = p->x > bx ? p->x : bx;
				ay = p->y < ay ? p->y : ay;
				by = p->y > by ? p->y : by;
			}
		}
		pad = b->u.poly.width * 1.6 + 1.5; /* Room for the markers. */
		break;
	case BOX_ICON:
		ax = b->u.icon.x;
		ay = b->u.icon.y;
		bx = b->u.icon.x + b->u.icon.size;
		by = b->u.icon.y + b->u.icon.size;
		break;
	case BOX_IMAGE:
		ax = b->u.image.x;
		ay = b->u.image.y;
		bx = b->u.image.x + b->u.image.w;
		by = b->u.image.y + b->u.image.h;
		break;
	case BOX_LINK:
		ax = b->u.link.x;
		ay = b->u.link.y;
		bx = b->u.link.x + b->u.link.w;
		by = b->u.link.y + b->u.link.h;
		break;
	case BOX_DEST:
		break;
	}
	*x0 = (ax < bx ? ax : bx) - pad;
	*x1 = (ax < bx ? bx : ax) + pad;
	*y0 = (ay < by ? ay : by) - pad;
	*y1 = (ay < by ? by : ay) + pad;
}

/* What kind of artifact a box is: anything wholly inside the top or bottom
 * margin is the running header or footer, the rest decoration. */
static int artifact_key(const struct pdf_tag *t, const struct box *b)
{
	double x0, y0, x1, y1;
	box_extent(b, &x0, &y0, &x1, &y1);
	if (y0 >= t->doc->height - t->st->margin_top)
		return KEY_HEADER;
	if (y1 <= t->st->margin_bottom)
		return KEY_FOOTER;
	return KEY_ARTIFACT;
}

/* The element a box's marked content belongs to, or an artifact key. A
 * status icon outside a Figure gets a Figure of its own, described by the
 * layout's word for its status, so a reader hears what the shape says. */
static int box_key(struct pdf_tag *t, const struct box *b)
{
	if (b->elem < 0 || (size_t)b->elem >= t->doc->nelems)
		return artifact_key(t, b);
	if (b->kind == BOX_ICON && t->elems[b->elem].role != ROLE_FIGURE) {
		const char *alt = t->st->status_label[b->u.icon.status];
		uint32_t f = add_elem(t, ROLE_FIGURE, b->elem, alt ? alt : "Status");
		add_kid(t, (uint32_t)b->elem, KID_ELEM, f);
		return (int)f;
	}
	return b->elem;
}

/* Widen the extent of each Figure or Table that element `e` is in (or
 * is) by a box on the current page. */
static void note_extent(struct pdf_tag *t, int e, const struct box *b)
{
	double x0, y0, x1, y1;
	box_extent(b, &x0, &y0, &x1, &y1);
	for (; e >= 0; e = t->elems[e].parent) {
		if (t->elems[e].extent == NO_EXTENT)
			continue;
		struct extent *x = &t->extents[t->elems[e].extent];
		if (!x->set) {
			*x = (struct extent){(float)x0, (float)y0, (float)x1, (float)y1, (uint32_t)t->page,
					     true, false};
			continue;
		}
		if (x->page != t->page)
			x->many_pages = true;
		x->x0 = x0 < x->x0 ? (float)x0 : x->x0;
		x->y0 = y0 < x->y0 ? (float)y0 : x->y0;
		x->x1 = x1 > x->x1 ? (float)x1 : x->x1;
		x->y1 = y1 > x->y1 ? (float)y1 : x->y1;
	}
}

/* Add a text box's words to a link's description, with a space where the
 * text moves to a new line or leaves a gap, as a reader extracting it would. */
static void note_text(struct tag_elem *e, const struct box *b)
{
	const char *s = b->u.text.text;
	size_t len = b->u.text.len;
	if (len == 0 || !s)
		return;
	if (!e->words)
		e->words = xcalloc(1, sizeof *e->words);
	struct words *w = e->words;
	bool space = false;
	if (w->len) {
		bool new_line = b->u.text.y < w->y - 0.01 || b->u.text.y > w->y + 0.01;
		bool gap = b->u.text.x > w->end + b->u.text.size * 0.1;
		space = (new_line || gap) && w->text[w->len - 1] != ' ' && s[0] != ' ';
	}
	while (w->len + len + 2 > w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->text = xrealloc(w->text, w->cap);
	}
	if (space)
		w->text[w->len++] = ' ';
	memcpy(w->text + w->len, s, len);
	w->len += len;
	w->text[w->len] = '\0';
	w->end = b->u.text.x + b->u.text.width;
	w->y = b->u.text.y;
}

/* Write the operator that opens marked content for `key`. */
static void open_marked(struct pdf_tag *t, int key, bool in_text)
{
	char op[96];
	switch (key) {
	case KEY_ARTIFACT:
		snprintf(op, sizeof op, "/Artifact BMC\n");
		break;
	case KEY_HEADER:
		snprintf(op, sizeof op, "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n");
		break;
	case KEY_FOOTER:
		snprintf(op, sizeof op, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n");
		break;
	default: {
		struct tag_page *pg = &t->pages[t->page];
		pg->mcid_elem = grow(pg->mcid_elem, pg->nmcid, &pg->mcid_cap, sizeof *pg->mcid_elem);
		uint32_t mcid = (uint32_t)pg->nmcid;
		pg->mcid_elem[pg->nmcid++] = (uint32_t)key;
		add_kid(t, (uint32_t)key, KID_MCID, mcid);
		snprintf(op, sizeof op, "/%s <</MCID %u>> BDC\n", role_name((enum role)t->elems[key].role),
			 (unsigned)mcid);
		break;
	}
	}
	HPDF_Stream_WriteStr(t->stream, op);
	t->open = true;
	t->open_key = key;
	t->open_in_text = in_text;
}

/* Put box `b` in marked content: the open one if it is for the same
 * element (consecutive boxes of a paragraph share one), else a new one. */
void pdf_tag_mark(struct pdf_tag *t, const struct box *b, bool in_text)
{
	if (!t || !t->stream)
		return;
	int key = box_key(t, b);
	if (!t->open || t->open_key != key || t->open_in_text != in_text) {
		pdf_tag_close(t);
		open_marked(t, key, in_text);
	}
	if (key < 0)
		return;
	note_extent(t, key, b);
	struct tag_elem *e = &t->elems[key];
	if (b->kind == BOX_TEXT && e->role == ROLE_LINK)
		note_text(e, b);
}

/* Whether two rectangles overlap. */
static bool overlap(double ax0, double ay0, double ax1, double ay1, double bx0, double by0,
		    double bx1, double by1)
{
	return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
}

/* The Link element an annotation belongs in: the box's element or its
 * nearest Link ancestor. Failing that, a Link made for it, so that no
 * annotation is left outside the structure tree, described by the words
 * of its element under it. */
static uint32_t link_elem(struct pdf_tag *t, const struct box *b)
{
	bool tagged = b->elem >= 0 && (size_t)b->elem < t->doc->nelems;
	int start = tagged ? b->elem : 0;
	for (int e = start; e >= 0; e = t->elems[e].parent)
		if (t->elems[e].role == ROLE_LINK)
			return (uint32_t)e;
	uint32_t link = add_elem(t, ROLE_LINK, start, NULL);
	add_kid(t, (uint32_t)start, KID_ELEM, link);
	double x0, y0, x1, y1;
	box_extent(b, &x0, &y0, &x1, &y1);
	for (size_t i = 0; t->boxes && i < t->boxes->nboxes; i++) {
		const struct box *w = &t->boxes->boxes[i];
		double a0, b0, a1, b1;
		if (w->kind != BOX_TEXT || (tagged && w->elem != b->elem))
			continue;
		box_extent(w, &a0, &b0, &a1, &b1);
		if (overlap(x0, y0, x1, y1, a0, b0, a1, b1))
			note_text(&t->elems[link], w);
	}
	return link;
}

/* Record a link annotation as content of its Link element. */
void pdf_tag_link(struct pdf_tag *t, const struct box *b, HPDF_Annotation a)
{
	if (!t || !a || !t->stream)
		return;
	uint32_t e = link_elem(t, b);
	t->annots = grow(t->annots, t->nannots, &t->annots_cap, sizeof *t->annots);
	t->annots[t->nannots] = (struct tag_annot){a, e, b->u.link.uri, b->u.link.dest};
	add_kid(t, e, KID_ANNOT, (uint32_t)t->nannots);
	t->nannots++;
	t->pages[t->page].has_annots = true;
}

/* ---- Writing the objects ---- */

/* The object number libharu gave an indirect object. */
static unsigned obj_num(const void *obj)
{
	return (unsigned)(((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
}

/* The object number of element `i`: they are numbered one after another. */
static unsigned elem_num(const struct pdf_tag *t, uint32_t i)
{
	return t->first_num + (unsigned)i;
}

/* Formatted output to a libharu stream; short pieces only. */
__attribute__((format(printf, 2, 3))) static HPDF_STATUS put(HPDF_Stream s, const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return HPDF_INVALID_PARAMETER;
	return HPDF_Stream_Write(s, (const HPDF_BYTE *)buf,
				 (HPDF_UINT)((size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1));
}

/* `before`, a number and `after` (short literals), written at once. The
 * structure tree writes hundreds of thousands of object references and
 * MCIDs: formatting each with printf took more time than all the rest of
 * writing the tree. */
static HPDF_STATUS put_num(HPDF_Stream s, const char *before, unsigned v, const char *after)
{
	char buf[96];
	size_t nb = strlen(before), na = strlen(after);
	if (nb + na > sizeof buf - 12)
		return HPDF_INVALID_PARAMETER;
	char digits[12];
	size_t nd = 0;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memcpy(buf, before, nb);
	size_t k = nb;
	while (nd)
		buf[k++] = digits[--nd];
	memcpy(buf + k, after, na);
	return HPDF_Stream_Write(s, (const HPDF_BYTE *)buf, (HPDF_UINT)(k + na));
}

/* Decode one UTF-8 character from s[0..n); invalid bytes give U+FFFD. */
static unsigned next_char(const unsigned char *s, size_t n, size_t *used)
{
	unsigned c = s[0];
	size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	*used = 1;
	if (len == 1)
		return c;
	if (len == 0 || len > n)
		return 0xFFFD;
	unsigned cp = c & (0xFF >> (len + 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*used = len;
	return cp;
}

/* Whether text is printable ASCII, which a PDF string holds as it is. */
static bool plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7F)
			return false;
	return true;
}

/* UTF-8 text as UTF-16BE after a byte order mark, how a PDF text string
 * holds anything beyond ASCII, cut at `max` bytes. Heap; *len set. */
static unsigned char *utf16(const char *s, size_t max, size_t *len)
{
	size_t n = strlen(s);
	unsigned char *buf = xmalloc(2 * n + 2);
	size_t k = 0;
	buf[k++] = 0xFE;
	buf[k++] = 0xFF;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t used;
		unsigned cp = next_char(u + i, n - i, &used);
		i += used;
		if (k + (cp > 0xFFFF ? 4 : 2) > max)
			break;
		if (cp > 0xFFFF) {
			unsigned v = cp - 0x10000;
			unsigned hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);
			buf[k++] = (unsigned char)(hi >> 8);
			buf[k++] = (unsigned char)(hi & 0xFF);
			buf[k++] = (unsigned char)(lo >> 8);
			buf[k++] = (unsigned char)(lo & 0xFF);
		} else {
			buf[k++] = (unsigned char)(cp >> 8);
			buf[k++] = (unsigned char)(cp & 0xFF);
		}
	}
	*len = k;
	return buf;
}

/* A text string written straight to a stream: plain ASCII as it is,
 * anything else as UTF-16. */
static HPDF_STATUS put_text(HPDF_Stream s, const char *text)
{
	size_t n = strlen(text);
	if (n <= MAX_STRING && plain_ascii(text, n))
		return HPDF_Stream_WriteEscapeText2(s, text, (HPDF_UINT)n);
	size_t len;
	unsigned char *buf = utf16(text, MAX_STRING, &len);
	HPDF_STATUS rc = HPDF_Stream_WriteChar(s, '<');
	rc |= HPDF_Stream_WriteBinary(s, buf, (HPDF_UINT)len, NULL);
	rc |= HPDF_Stream_WriteChar(s, '>');
	free(buf);
	return rc;
}

/* One kid in an element's /K: an MCID on the element's own page as a
 * number, on another page as a marked-content reference; an element as a
 * reference; an annotation as an object reference. */
static HPDF_STATUS put_kid(HPDF_Stream s, const struct pdf_tag *t, const struct kid *k,
			   bool has_page, uint32_t page)
{
	unsigned pg = obj_num(t->pages[k->page].page);
	switch ((enum kid_kind)k->kind) {
	case KID_MCID:
		if (has_page && k->page == page)
			return put_num(s, "", (unsigned)k->value, "");
		return put_num(s, "<</Type /MCR /Pg ", pg, " 0 R") |
		       put_num(s, " /MCID ", (unsigned)k->value, ">>");
	case KID_ELEM:
		return put_num(s, "", elem_num(t, k->value), " 0 R");
	case KID_ANNOT:
		return put_num(s, "<</Type /OBJR /Pg ", pg, " 0 R") |
		       put_num(s, " /Obj ", obj_num(t->annots[k->value].annot), " 0 R>>");
	}
	return HPDF_OK;
}

/* The element's /K in reading order: its own content in painting order,
 * merged with its children in doc.elems order, each child placed where its
 * content first appears. A child with no content follows its elder
 * sibling. `page` is the page of its first own content. */
static HPDF_STATUS put_kids(HPDF_Stream s, const struct pdf_tag *t, const struct tag_elem *e,
			    bool has_page, uint32_t page)
{
	HPDF_STATUS rc = HPDF_Stream_WriteStr(s, "/K [");
	const uint32_t *own = t->order + e->kids_at;
	uint32_t k = 0;
	int c = e->first_child;
	long key = -1;
	for (int n = 0; rc == HPDF_OK && (k < e->nkids || c >= 0); n++) {
		if (n && n % KIDS_PER_LINE == 0)
			rc |= HPDF_Stream_WriteChar(s, '\n');
		else if (n)
			rc |= HPDF_Stream_WriteChar(s, ' ');
		if (c >= 0 && t->elems[c].first >= 0)
			key = t->elems[c].first;
		if (c >= 0 && (k == e->nkids || key <= (long)own[k])) {
			rc |= put_num(s, "", elem_num(t, (uint32_t)c), " 0 R");
			c = t->elems[c].next_sibling;
		} else {
			rc |= put_kid(s, t, &t->kids[own[k]], has_page, page);
			k++;
		}
	}
	return rc | HPDF_Stream_WriteStr(s, "]\n");
}

/* An element's identifier, as a string. Fixed width, so that the byte
 * order of identifiers is their elements' order: the ID tree's keys must
 * be sorted. */
static HPDF_STATUS put_id(HPDF_Stream s, uint32_t e)
{
	return put(s, "(T%09u)", (unsigned)e);
}

/* A table cell's attributes: a header's scope, the columns it spans, and
 * the header cells it lies under. */
static HPDF_STATUS put_cell_attributes(HPDF_Stream s, const struct tag_elem *e)
{
	const struct elem *de = e->de;
	bool th = e->role == ROLE_TH;
	const struct elem_more *more = de ? de->more : NULL;
	if (!th && !(de && (de->colspan > 1 || (more && more->nheaders))))
		return HPDF_OK;
	HPDF_STATUS rc = put(s, "/A <</O /Table");
	if (th)
		rc |= put(s, " /Scope /%s", e->th_row_scope ? "Row" : "Column");
	if (de && de->colspan > 1)
		rc |= put(s, " /ColSpan %u", (unsigned)de->colspan);
	if (more && more->nheaders) {
		rc |= put(s, " /Headers [");
		for (unsigned k = 0; k < more->nheaders; k++) {
			rc |= put(s, k ? " " : "");
			rc |= put_id(s, (uint32_t)more->headers[k]);
		}
		rc |= put(s, "]");
	}
	return rc | put(s, ">>\n");
}

/* The entries of element `index`. */
static HPDF_STATUS write_elem(const struct pdf_tag *t, size_t index, HPDF_Stream s)
{
	const struct tag_elem *e = &t->elems[index];
	unsigned parent = e->parent >= 0 ? elem_num(t, (uint32_t)e->parent) : obj_num(t->root);
	/* No /Type: it is optional for structure elements, and a long report
	 * has tens of thousands of them. */
	HPDF_STATUS rc = HPDF_Stream_WriteStr(s, "/S /");
	rc |= HPDF_Stream_WriteStr(s, role_name((enum role)e->role));
	rc |= put_num(s, "\n/P ", parent, " 0 R\n");
	bool has_page = false;
	uint32_t page = 0;
	for (uint32_t i = 0; i < e->nkids && !has_page; i++) {
		const struct kid *k = &t->kids[t->order[e->kids_at + i]];
		if (k->kind != KID_ELEM) {
			has_page = true;
			page = k->page;
		}
	}
	if (has_page)
		rc |= put_num(s, "/Pg ", obj_num(t->pages[page].page), " 0 R\n");
	rc |= put_kids(s, t, e, has_page, page);
	if (e->alt && e->alt[0]) {
		rc |= put(s, "/Alt ");
		rc |= put_text(s, e->alt);
		rc |= put(s, "\n");
	}
	const struct elem *de = e->de;
	if (de && de->has_id) {
		rc |= put(s, "/ID ");
		rc |= put_id(s, (uint32_t)index);
		rc |= put(s, "\n");
	}
	const struct elem_more *more = de ? de->more : NULL;
	if (more && more->lang && more->lang[0]) {
		rc |= put(s, "/Lang ");
		rc |= put_text(s, more->lang);
		rc |= put(s, "\n");
	}
	if (more && more->actual_text && more->actual_text[0]) {
		rc |= put(s, "/ActualText ");
		rc |= put_text(s, more->actual_text);
		rc |= put(s, "\n");
	}
	if (e->role == ROLE_TH || e->role == ROLE_TD)
		rc |= put_cell_attributes(s, e);
	else if (e->extent != NO_EXTENT && t->extents[e->extent].set &&
		 !t->extents[e->extent].many_pages) {
		const struct extent *x = &t->extents[e->extent];
		rc |= put(s, "/A <</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>\n", (double)x->x0,
			  (double)x->y0, (double)x->x1, (double)x->y1);
	}
	return rc;
}

/* One entry of the parent tree: a page's array of elements by MCID, or an
 * annotation's Link. */
static HPDF_STATUS put_entry(HPDF_Stream s, const struct pdf_tag *t, uint32_t key)
{
	if (key >= t->npages)
		return put_num(s, "", (unsigned)key, " ") |
		       put_num(s, "", elem_num(t, t->annots[key - t->npages].elem), " 0 R\n");
	const struct tag_page *pg = &t->pages[key];
	HPDF_STATUS rc = put_num(s, "", (unsigned)key, " [");
	for (size_t m = 0; m < pg->nmcid && rc == HPDF_OK; m++)
		rc |= put_num(s, m == 0 ? "" : m % KIDS_PER_LINE ? " " : "\n",
			      elem_num(t, pg->mcid_elem[m]), " 0 R");
	return rc | HPDF_Stream_WriteStr(s, "]\n");
}

/* libharu's write_fn for a leaf of the parent tree (or the whole tree
 * when it is small): its keys' entries, and its limits. */
static HPDF_STATUS write_leaf(HPDF_Dict dict, HPDF_Stream s)
{
	const struct tag_ref *ref = dict->attr;
	const struct pdf_tag *t = ref->t;
	size_t from = ref->index;
	size_t to = from + NUMS_PER_LEAF < t->nkeys ? from + NUMS_PER_LEAF : t->nkeys;
	HPDF_STATUS rc = HPDF_OK;
	if (ref->kind == REF_LEAF)
		rc |= put(s, "/Limits [%u %u]\n", (unsigned)t->keys[from], (unsigned)t->keys[to - 1]);
	rc |= put(s, "/Nums [\n");
	for (size_t i = from; i < to && rc == HPDF_OK; i++)
		rc |= put_entry(s, t, t->keys[i]);
	return rc | HPDF_Stream_WriteStr(s, "]\n");
}

/* libharu's write_fn for the root of a parent tree split into leaves. */
static HPDF_STATUS write_tree_kids(HPDF_Dict dict, HPDF_Stream s)
{
	const struct tag_ref *ref = dict->attr;
	const struct pdf_tag *t = ref->t;
	HPDF_STATUS rc = put(s, "/Kids [");
	for (size_t i = 0; i < t->nleaves && rc == HPDF_OK; i++)
		rc |= put(s, "%s%u 0 R", i == 0 ? "" : i % KIDS_PER_LINE ? " " : "\n",
			  obj_num(t->leaves[i]));
	return rc | HPDF_Stream_WriteStr(s, "]\n");
}

/* libharu's write_fn for the ID tree (whole, or the root of its leaves)
 * and for each leaf: identifiers and their elements, in order. */
static HPDF_STATUS write_ids(HPDF_Dict dict, HPDF_Stream s)
{
	const struct tag_ref *ref = dict->attr;
	const struct pdf_tag *t = ref->t;
	HPDF_STATUS rc = HPDF_OK;
	if (ref->kind == REF_IDS && t->nid_leaves) {
		rc |= put(s, "/Kids [");
		for (size_t i = 0; i < t->nid_leaves && rc == HPDF_OK; i++)
			rc |= put(s, "%s%u 0 R", i == 0 ? "" : i % KIDS_PER_LINE ? " " : "\n",
				  obj_num(t->id_leaves[i]));
		return rc | HPDF_Stream_WriteStr(s, "]\n");
	}
	size_t from = ref->index;
	size_t to = from + IDS_PER_LEAF < t->nids ? from + IDS_PER_LEAF : t->nids;
	if (ref->kind == REF_ID_LEAF) {
		rc |= put(s, "/Limits [");
		rc |= put_id(s, t->ids[from]);
		rc |= put(s, " ");
		rc |= put_id(s, t->ids[to - 1]);
		rc |= put(s, "]\n");
	}
	rc |= put(s, "/Names [\n");
	for (size_t i = from; i < to && rc == HPDF_OK; i++) {
		rc |= put_id(s, t->ids[i]);
		rc |= put_num(s, " ", elem_num(t, t->ids[i]), " 0 R\n");
	}
	return rc | HPDF_Stream_WriteStr(s, "]\n");
}

/* A dictionary in the cross-reference table whose entries `fn` writes
 * from `ref` when the file is saved; NULL if libharu failed (it has noted
 * the error). */
static HPDF_Dict custom_object(struct pdf_tag *t, HPDF_Dict_OnWriteFunc fn, struct tag_ref *ref)
{
	HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
	if (!d || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK)
		return NULL; /* A failed HPDF_Xref_Add frees the dictionary. */
	d->write_fn = fn;
	d->attr = ref;
	return d;
}

/* One more cross-reference entry for the elements' shared dictionary:
 * what HPDF_Xref_Add does, but for an object that has its number already.
 * False if libharu failed (it has noted the error). */
static bool share_entry(struct pdf_tag *t)
{
	HPDF_Xref x = t->pdf->xref;
	if (x->entries->count >= HPDF_LIMIT_MAX_XREF_ELEMENT) {
		HPDF_SetError(&t->pdf->error, HPDF_XREF_COUNT_ERR, 0);
		return false;
	}
	HPDF_XrefEntry e = HPDF_GetMem(x->mmgr, sizeof *e);
	if (!e)
		return false;
	if (HPDF_List_Add(x->entries, e) != HPDF_OK) {
		HPDF_FreeMem(x->mmgr, e);
		return false;
	}
	e->entry_typ = HPDF_IN_USE_ENTRY;
	e->byte_offset = 0;
	e->gen_no = 0;
	e->obj = t->elems_obj;
	return true;
}

/* libharu's write_fn for the elements' shared dictionary: the entries of
 * the next element, as libharu writes their cross-reference entries in
 * order. Each entry's offset is set just before its object is written,
 * which tells that the entry being written is the expected one. */
static HPDF_STATUS write_next_elem(HPDF_Dict dict, HPDF_Stream s)
{
	const struct tag_ref *ref = dict->attr;
	struct pdf_tag *t = ref->t;
	size_t i = t->writing;
	HPDF_Xref x = t->pdf->xref;
	HPDF_UINT at = (HPDF_UINT)(t->first_num - x->start_offset + i);
	HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, at);
	HPDF_XrefEntry next = i + 1 < t->nelems ? HPDF_Xref_GetEntry(x, at + 1) : NULL;
	if (!e || e->obj != dict || e->byte_offset == 0 || (next && next->byte_offset != 0))
		return HPDF_SetError(&t->pdf->error, HPDF_INVALID_OBJECT, 0);
	t->writing = i + 1 < t->nelems ? i + 1 : 0;
	return write_elem(t, i, s);
}

/* Group the kids by element, painting order kept within each (a counting
 * sort), for each element's own content. */
static void sort_kids(struct pdf_tag *t)
{
	for (size_t i = 0; i < t->nkids; i++)
		t->elems[t->kids[i].elem].nkids++;
	uint32_t at = 0;
	for (size_t e = 0; e < t->nelems; e++) {
		t->elems[e].kids_at = at;
		at += t->elems[e].nkids;
		t->elems[e].nkids = 0;
	}
	t->order = xmalloc((t->nkids ? t->nkids : 1) * sizeof *t->order);
	for (size_t i = 0; i < t->nkids; i++) {
		struct tag_elem *e = &t->elems[t->kids[i].elem];
		t->order[e->kids_at + e->nkids++] = (uint32_t)i;
	}
}

/* Where each subtree's content starts: children come after their
 * parents in the element array, so one backward pass does. */
static void sum_subtrees(struct pdf_tag *t)
{
	for (size_t i = t->nelems; i-- > 0;) {
		struct tag_elem *e = &t->elems[i];
		if (e->nkids && (e->first < 0 || (int32_t)t->order[e->kids_at] < e->first))
			e->first = (int32_t)t->order[e->kids_at];
		if (e->parent < 0)
			continue;
		struct tag_elem *p = &t->elems[e->parent];
		if (e->first >= 0 && (p->first < 0 || e->first < p->first))
			p->first = e->first;
	}
}

/* Words describing where a link goes, for a link with no words of its own. */
static void link_fallback(const struct pdf_tag *t, const struct tag_annot *an, char *buf,
			  size_t size)
{
	if (an->uri) {
		snprintf(buf, size, "%s", an->uri);
		return;
	}
	int page = an->dest >= 0 && (size_t)an->dest < t->doc->ndests ? t->doc->dests[an->dest].page
								       : -1;
	snprintf(buf, size, page >= 0 ? "Go to page %d" : "Link", page + 1);
}

/* The entries a link annotation gets after its own: its key into the
 * parent tree and its description. */
static HPDF_STATUS write_annot(const void *attr, HPDF_Stream s)
{
	const struct tag_ref *ref = attr;
	const struct pdf_tag *t = ref->t;
	const struct tag_annot *an = &t->annots[ref->index];
	const struct tag_elem *e = &t->elems[an->elem];
	char words[MAX_DESCRIPTION + 4];
	if (e->words) {
		size_t n = e->words->len;
		if (n > MAX_DESCRIPTION) {
			n = MAX_DESCRIPTION;
			while (n > 0 && ((unsigned char)e->words->text[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(words, e->words->text, n);
		/* Dots where the words were cut: in ASCII, so that the string
		 * need not become UTF-16 and twice as long. */
		if (n < e->words->len)
			memcpy(words + n, "...", 3), n += 3;
		words[n] = '\0';
	} else {
		link_fallback(t, an, words, sizeof words);
	}
	HPDF_STATUS rc = put(s, "/StructParent %u\n/Contents ", (unsigned)(t->npages + ref->index));
	rc |= put_text(s, words);
	return rc | put(s, "\n");
}

/* Pages' keys into the parent tree and their tab order; annotations' keys
 * and descriptions, written after the annotation's own entries
 * (pdf_links.c). Keys are pages by index, then the annotations. */
static HPDF_STATUS write_page_keys(struct pdf_tag *t)
{
	HPDF_STATUS rc = HPDF_OK;
	for (size_t i = 0; i < t->npages; i++) {
		const struct tag_page *pg = &t->pages[i];
		if (!pg->page)
			continue;
		char entry[48];
		snprintf(entry, sizeof entry, "/StructParents %d\012", (int)i);
		if (pg->nmcid && !pdf_page_add_entry(pg->page, entry))
			rc |= HPDF_Dict_AddNumber(pg->page, "StructParents", (HPDF_INT32)i);
		/* Tab through links in structure order. */
		if (pg->has_annots && !pdf_page_add_entry(pg->page, "/Tabs /S\012"))
			rc |= HPDF_Dict_AddName(pg->page, "Tabs", "S");
	}
	struct tag_ref *refs = t->refs + 2 + t->nleaves;
	for (size_t i = 0; i < t->nannots && rc == HPDF_OK; i++) {
		refs[i] = (struct tag_ref){t, (uint32_t)i, REF_ANNOT};
		if (!pdf_link_set_tail(t->annots[i].annot, write_annot, &refs[i]))
			return HPDF_INVALID_OBJECT; /* Not an annotation of pdf_links.c. */
	}
	return rc;
}

/* The parent tree's keys: pages with marked content, then annotations. */
static void list_keys(struct pdf_tag *t)
{
	t->keys = xmalloc((t->npages + t->nannots + 1) * sizeof *t->keys);
	t->nkeys = 0;
	for (size_t i = 0; i < t->npages; i++)
		if (t->pages[i].nmcid)
			t->keys[t->nkeys++] = (uint32_t)i;
	for (size_t i = 0; i < t->nannots; i++)
		t->keys[t->nkeys++] = (uint32_t)(t->npages + i);
}

/* The structure tree's objects: an element each, the parent tree (in
 * leaves when long) and the root. */
static HPDF_Dict make_objects(struct pdf_tag *t)
{
	t->nleaves = t->nkeys > NUMS_PER_LEAF ? (t->nkeys + NUMS_PER_LEAF - 1) / NUMS_PER_LEAF : 0;
	t->refs = xcalloc(2 + t->nleaves + t->nannots, sizeof *t->refs);
	t->leaves = xcalloc(t->nleaves + 1, sizeof *t->leaves);
	t->root = HPDF_Dict_New(t->pdf->mmgr);
	if (!t->root || HPDF_Xref_Add(t->pdf->xref, t->root) != HPDF_OK)
		return NULL;
	t->refs[0] = (struct tag_ref){t, 0, REF_ELEMS};
	t->elems_obj = custom_object(t, write_next_elem, &t->refs[0]);
	if (!t->elems_obj)
		return NULL;
	t->first_num = obj_num(t->elems_obj);
	for (size_t i = 1; i < t->nelems; i++) {
		if (!share_entry(t))
			return NULL;
		t->nshared++;
	}
	struct tag_ref *tree_ref = &t->refs[1];
	*tree_ref = (struct tag_ref){t, 0, REF_TREE};
	HPDF_Dict tree = custom_object(t, t->nleaves ? write_tree_kids : write_leaf, tree_ref);
	if (!tree)
		return NULL;
	for (size_t i = 0; i < t->nleaves; i++) {
		struct tag_ref *ref = &t->refs[2 + i];
		*ref = (struct tag_ref){t, (uint32_t)(i * NUMS_PER_LEAF), REF_LEAF};
		t->leaves[i] = custom_object(t, write_leaf, ref);
		if (!t->leaves[i])
			return NULL;
	}
	return tree;
}

/* The ID tree of the elements other cells name as their headers (in
 * leaves when long), or NULL when none has an identifier or libharu
 * failed (then its error is pending). */
static HPDF_Dict make_id_tree(struct pdf_tag *t)
{
	if (t->nids == 0)
		return NULL;
	t->nid_leaves = t->nids > IDS_PER_LEAF ? (t->nids + IDS_PER_LEAF - 1) / IDS_PER_LEAF : 0;
	t->id_refs = xcalloc(1 + t->nid_leaves, sizeof *t->id_refs);
	t->id_leaves = xcalloc(t->nid_leaves + 1, sizeof *t->id_leaves);
	t->id_refs[0] = (struct tag_ref){t, 0, REF_IDS};
	HPDF_Dict tree = custom_object(t, write_ids, &t->id_refs[0]);
	for (size_t i = 0; tree && i < t->nid_leaves; i++) {
		t->id_refs[1 + i] = (struct tag_ref){t, (uint32_t)(i * IDS_PER_LEAF), REF_ID_LEAF};
		t->id_leaves[i] = custom_object(t, write_ids, &t->id_refs[1 + i]);
		if (!t->id_leaves[i])
			return NULL;
	}
	return tree;
}

/* Escape text for XML character data. */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* The info dictionary's date ("D:YYYYMMDDHHmmSS" and an optional zone
 * "Z00'00'" or "+hh'mm'") as XMP writes dates; false if there is none. */
static bool xmp_date(const char *pdf_date, char *out, size_t size)
{
	if (!pdf_date || strncmp(pdf_date, "D:", 2) != 0 || strlen(pdf_date) < 16)
		return false;
	const char *d = pdf_date + 2;
	for (int i = 0; i < 14; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	char zone[8] = "";
	if (d[14] == 'Z')
		snprintf(zone, sizeof zone, "Z");
	else if ((d[14] == '+' || d[14] == '-') && strlen(d) >= 20)
		snprintf(zone, sizeof zone, "%c%.2s:%.2s", d[14], d + 15, d + 18);
	snprintf(out, size, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%s", d, d + 4, d + 6, d + 8, d + 10,
		 d + 12, zone);
	return true;
}

/* One simple XMP property, if the value is there. */
static void xmp_prop(FILE *f, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(f, "   <%s>", name);
	xml_text(f, value);
	fprintf(f, "</%s>\n", name);
}

/* A language-alternative XMP property (dc:title, dc:description). */
static void xmp_alt(FILE *f, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(f, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
	xml_text(f, value);
	fprintf(f, "</rdf:li></rdf:Alt></%s>\n", name);
}

/* The XMP packet: the info dictionary's values again, as PDF/UA asks
 * (the same dates, so output stays reproducible), and the PDF/UA
 * identification. */
static char *xmp_packet(HPDF_Doc pdf, const char *lang, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	char created[40], modified[40];
	bool has_created = xmp_date(HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATION_DATE), created,
				    sizeof created);
	bool has_modified = xmp_date(HPDF_GetInfoAttr(pdf, HPDF_INFO_MOD_DATE), modified,
				     sizeof modified);
	fputs("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	      "  <rdf:Description rdf:about=\"\"\n"
	      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	      "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	      "   <dc:format>application/pdf</dc:format>\n",
	      f);
	xmp_alt(f, "dc:title", HPDF_GetInfoAttr(pdf, HPDF_INFO_TITLE));
	const char *author = HPDF_GetInfoAttr(pdf, HPDF_INFO_AUTHOR);
	if (author) {
		fputs("   <dc:creator><rdf:Seq><rdf:li>", f);
		xml_text(f, author);
		fputs("</rdf:li></rdf:Seq></dc:creator>\n", f);
	}
	xmp_alt(f, "dc:description", HPDF_GetInfoAttr(pdf, HPDF_INFO_SUBJECT));
	if (lang) {
		fputs("   <dc:language><rdf:Bag><rdf:li>", f);
		xml_text(f, lang);
		fputs("</rdf:li></rdf:Bag></dc:language>\n", f);
	}
	if (has_created)
		xmp_prop(f, "xmp:CreateDate", created);
	if (has_modified) {
		xmp_prop(f, "xmp:ModifyDate", modified);
		xmp_prop(f, "xmp:MetadataDate", modified);
	}
	xmp_prop(f, "xmp:CreatorTool", HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATOR));
	xmp_prop(f, "pdf:Producer", HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER));
	xmp_prop(f, "pdf:Keywords", HPDF_GetInfoAttr(pdf, HPDF_INFO_KEYWORDS));
	fputs("   <pdfuaid:part>1</pdfuaid:part>\n"
	      "  </rdf:Description>\n"
	      " </rdf:RDF>\n"
	      "</x:xmpmeta>\n"
	      "<?xpacket end=\"w\"?>\n",
	      f);
	fclose(f);
	return buf;
}

/* The catalog entries of a tagged PDF/UA document. The metadata stream is
 * left uncompressed, so that tools that do not inflate streams can read it. */
static HPDF_STATUS write_catalog(struct pdf_tag *t, HPDF_Dict root, const char *lang)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict catalog = pdf->catalog;
	HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!mark || !prefs || !meta)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS rc = HPDF_Dict_Add(catalog, "StructTreeRoot", root);
	rc |= HPDF_Dict_Add(catalog, "MarkInfo", mark);
	rc |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	if (lang && *lang)
		rc |= HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL));
	/* Title bars show the title rather than the file name. */
	rc |= HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
	rc |= HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
	rc |= HPDF_Dict_AddName(meta, "Type", "Metadata");
	rc |= HPDF_Dict_AddName(meta, "Subtype", "XML");
	size_t len = 0;
	char *xmp = xmp_packet(pdf, lang, &len);
	rc |= HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)len);
	free(xmp);
	rc |= HPDF_Dict_Add(catalog, "Metadata", meta);
	/* Tagged PDF needs 1.4 and PDF/UA is built on ISO 32000-1 (PDF 1.7);
	 * nothing else in the file changes with the header. */
	pdf->pdf_version = HPDF_VER_17;
	return rc;
}

/* Write the structure tree and everything that points into it. */
bool pdf_tag_finish(struct pdf_tag *t, const char *lang)
{
	if (!t)
		return true;
	/* Painting is over: give back what the arrays had to spare, since the
	 * save, which keeps all of this, is when memory use peaks. */
	if (t->nkids)
		t->kids = xrealloc(t->kids, t->nkids * sizeof *t->kids);
	t->elems = xrealloc(t->elems, t->nelems * sizeof *t->elems);
	sort_kids(t);
	sum_subtrees(t);
	list_keys(t);
	HPDF_Dict tree = make_objects(t);
	if (!tree)
		return false;
	HPDF_STATUS rc = HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	/* Elements made while painting hang under doc elements; only the
	 * doc's own roots (or the one made for an empty doc) are roots. */
	size_t nroots = 0;
	for (size_t i = 0; i < t->nelems; i++)
		nroots += t->elems[i].parent < 0;
	/* libharu writes a reference to an object from its number alone: a
	 * stand-in with a root's number is all it needs. */
	t->root_refs = xcalloc(nroots ? nroots : 1, sizeof *t->root_refs);
	for (size_t i = 0, j = 0; i < t->nelems; i++) {
		if (t->elems[i].parent >= 0)
			continue;
		t->root_refs[j].obj_id = elem_num(t, (uint32_t)i) | HPDF_OTYPE_INDIRECT;
		t->root_refs[j].obj_class = HPDF_OCLASS_DICT;
		j++;
	}
	if (nroots == 1) {
		rc |= HPDF_Dict_Add(t->root, "K", &t->root_refs[0]);
	} else {
		HPDF_Array k = HPDF_Array_New(t->pdf->mmgr);
		rc |= HPDF_Dict_Add(t->root, "K", k);
		for (size_t j = 0; j < nroots && rc == HPDF_OK; j++)
			rc |= HPDF_Array_Add(k, &t->root_refs[j]);
	}
	rc |= HPDF_Dict_Add(t->root, "ParentTree", tree);
	if (t->nids) {
		HPDF_Dict ids = make_id_tree(t);
		if (!ids)
			return false;
		rc |= HPDF_Dict_Add(t->root, "IDTree", ids);
	}
	rc |= HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", (HPDF_INT32)(t->npages + t->nannots));
	if (rc != HPDF_OK || write_page_keys(t) != HPDF_OK)
		return false;
	return write_catalog(t, t->root, lang) == HPDF_OK;
}
