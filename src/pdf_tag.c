/* The tagged PDF (see pdf_tag.h). While pages are painted, each box that
 * draws something is wrapped in marked content: content of a structure
 * element as "/P <</MCID n>> BDC ... EMC", everything else (elem -1) as an
 * artifact. Each element remembers its marked content in painting order;
 * after painting, one dictionary per element is written with its kids in
 * reading order: the element's own content and its children from
 * doc.elems, merged by where each first appears on the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf_tag.h"

/* Marked-content keys other than an element's index. */
enum {
	KEY_ARTIFACT = -1, /* Decoration: fills, rules, leaders. */
	KEY_HEADER = -2,   /* Running header: a pagination artifact. */
	KEY_FOOTER = -3,   /* Running footer and page number. */
};

/* Entries per leaf of the parent tree: libharu refuses arrays over 32767
 * items, and a long report has more pages and links than that. */
#define NUMS_PER_LEAF 512

enum kid_kind {
	KID_MCID,  /* Marked content on a page. */
	KID_ELEM,  /* An element made here: an icon's Figure, a stray link's Link. */
	KID_ANNOT, /* A link annotation. */
};

/* One piece of an element's own content. */
struct kid {
	enum kid_kind kind;
	long pos;     /* Painting position, to merge with the element's children. */
	size_t page;
	int mcid;     /* KID_MCID. */
	size_t index; /* KID_ELEM: the element; KID_ANNOT: the annotation. */
};

/* What the PDF will say about one structure element. */
struct tag_elem {
	enum role role;
	int parent;          /* Index in pdf_tag.elems; -1 for a root. */
	const char *alt;     /* Borrowed from the doc or the style. */
	bool th_row_scope;
	struct kid *kids;    /* Own content in painting order; heap. */
	size_t nkids, kids_cap;
	int first_child;     /* Children from doc.elems, in their order; -1 ends. */
	int last_child;
	int next_sibling;
	long first;          /* Painting position of the subtree's first content; -1 none. */
	bool has_extent;     /* x0..y1 hold the subtree's content on page extent_page, */
	bool many_pages;     /* unless it reaches over several pages. */
	size_t extent_page;
	double x0, y0, x1, y1;
	char *text;          /* Its words, to describe a link annotation; heap. */
	size_t text_len, text_cap;
	double text_end, text_y; /* Where the last text box ended, to space words. */
	int words_of;        /* A Link made here is described by this element's words. */
	HPDF_Dict dict;
};

/* A page being or having been painted. */
struct tag_page {
	HPDF_Page page;
	size_t *mcid_elem; /* The element each MCID belongs to; heap. */
	size_t nmcid, mcid_cap;
	bool has_annots;
};

/* A link annotation and the Link element it belongs to. */
struct tag_annot {
	HPDF_Annotation annot;
	size_t elem;
	size_t page;
	const char *uri; /* Borrowed from the doc. */
	int dest;
};

struct pdf_tag {
	HPDF_Doc pdf;              /* Borrowed. */
	const struct doc *doc;     /* Borrowed. */
	const struct style *st;    /* Borrowed. */
	struct tag_elem *elems;    /* doc.elems, then elements made while painting; heap. */
	size_t nelems, elems_cap;
	struct tag_page *pages;    /* One per doc page; heap. */
	size_t npages;
	struct tag_annot *annots;  /* Heap. */
	size_t nannots, annots_cap;
	size_t page;               /* The page being painted, */
	HPDF_Stream stream;        /* and its content stream. */
	bool open;                 /* Marked content is open on it, */
	int open_key;              /* for this element or artifact kind, */
	bool open_in_text;         /* inside a text object. */
	long pos;                  /* Painting position counter. */
};

/* Grow a heap array so that one more item fits. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
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
	}
	return "Span";
}

/* Append an element; returns its index. */
static size_t add_elem(struct pdf_tag *t, enum role role, int parent, const char *alt)
{
	t->elems = grow(t->elems, t->nelems, &t->elems_cap, sizeof *t->elems);
	struct tag_elem *e = &t->elems[t->nelems];
	memset(e, 0, sizeof *e);
	e->role = role;
	e->parent = parent;
	e->alt = alt;
	e->first_child = e->last_child = e->next_sibling = -1;
	e->first = -1;
	e->words_of = (int)t->nelems;
	return t->nelems++;
}

/* Append a piece of content to element `e`, at the next painting position. */
static struct kid *add_kid(struct pdf_tag *t, size_t e, enum kid_kind kind)
{
	struct tag_elem *el = &t->elems[e];
	el->kids = grow(el->kids, el->nkids, &el->kids_cap, sizeof *el->kids);
	struct kid *k = &el->kids[el->nkids++];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->pos = t->pos++;
	k->page = t->page;
	return k;
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
	for (size_t i = 0; i < doc->nelems; i++) {
		const struct elem *de = &doc->elems[i];
		/* Parents come before their children; anything else is a root. */
		int parent = de->parent >= 0 && (size_t)de->parent < i ? de->parent : -1;
		size_t e = add_elem(t, de->role, parent, de->alt);
		t->elems[e].th_row_scope = de->th_row_scope;
		if (parent >= 0) {
			struct tag_elem *p = &t->elems[parent];
			if (p->last_child >= 0)
				t->elems[p->last_child].next_sibling = (int)e;
			else
				p->first_child = (int)e;
			p->last_child = (int)e;
		}
	}
	if (t->nelems == 0)
		add_elem(t, ROLE_DOCUMENT, -1, NULL);
	return t;
}

/* Release the tagger (the PDF objects belong to the document). */
void pdf_tag_free(struct pdf_tag *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nelems; i++) {
		free(t->elems[i].kids);
		free(t->elems[i].text);
	}
	for (size_t i = 0; i < t->npages; i++)
		free(t->pages[i].mcid_elem);
	free(t->elems);
	free(t->pages);
	free(t->annots);
	free(t);
}

/* Start marking page `index`: its content stream is where libharu writes
 * the page's operators, so marks written there land between them. */
void pdf_tag_begin_page(struct pdf_tag *t, size_t index, HPDF_Page page)
{
	if (!t || index >= t->npages)
		return;
	t->page = index;
	t->pages[index].page = page;
	t->stream = ((HPDF_PageAttr)page->attr)->stream;
	t->open = false;
}

/* End of the page: nothing may stay open across content streams. */
void pdf_tag_end_page(struct pdf_tag *t)
{
	pdf_tag_close(t);
	if (t)
		t->stream = NULL;
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
		size_t f = add_elem(t, ROLE_FIGURE, b->elem, alt ? alt : "Status");
		add_kid(t, (size_t)b->elem, KID_ELEM)->index = f;
		return (int)f;
	}
	return b->elem;
}

/* Widen an element's extent by a box on the current page. */
static void note_extent(struct pdf_tag *t, struct tag_elem *e, const struct box *b)
{
	double x0, y0, x1, y1;
	box_extent(b, &x0, &y0, &x1, &y1);
	if (!e->has_extent) {
		e->has_extent = true;
		e->extent_page = t->page;
		e->x0 = x0;
		e->y0 = y0;
		e->x1 = x1;
		e->y1 = y1;
		return;
	}
	if (e->extent_page != t->page)
		e->many_pages = true;
	e->x0 = x0 < e->x0 ? x0 : e->x0;
	e->y0 = y0 < e->y0 ? y0 : e->y0;
	e->x1 = x1 > e->x1 ? x1 : e->x1;
	e->y1 = y1 > e->y1 ? y1 : e->y1;
}

/* Add a text box's words to its element's, with a space where the
 * text moves to a new line or leaves a gap, as a reader extracting it would. */
static void note_text(struct tag_elem *e, const struct box *b)
{
	const char *s = b->u.text.text;
	size_t len = b->u.text.len;
	bool space = false;
	if (e->text_len) {
		bool new_line = b->u.text.y < e->text_y - 0.01 || b->u.text.y > e->text_y + 0.01;
		bool gap = b->u.text.x > e->text_end + b->u.text.size * 0.1;
		space = (new_line || gap) && e->text[e->text_len - 1] != ' ' && s[0] != ' ';
	}
	while (e->text_len + len + 2 > e->text_cap) {
		e->text_cap = e->text_cap ? e->text_cap * 2 : 64;
		e->text = xrealloc(e->text, e->text_cap);
	}
	if (space)
		e->text[e->text_len++] = ' ';
	memcpy(e->text + e->text_len, s, len);
	e->text_len += len;
	e->text[e->text_len] = '\0';
	e->text_end = b->u.text.x + b->u.text.width;
	e->text_y = b->u.text.y;
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
		int mcid = (int)pg->nmcid;
		pg->mcid_elem[pg->nmcid++] = (size_t)key;
		add_kid(t, (size_t)key, KID_MCID)->mcid = mcid;
		snprintf(op, sizeof op, "/%s <</MCID %d>> BDC\n", role_name(t->elems[key].role), mcid);
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
	struct tag_elem *e = &t->elems[key];
	note_extent(t, e, b);
	if (b->kind == BOX_TEXT)
		note_text(e, b);
}

/* The Link element an annotation belongs in: the box's element or its
 * nearest Link ancestor; failing that, a Link made for it, so that no
 * annotation is left outside the structure tree. */
static size_t link_elem(struct pdf_tag *t, const struct box *b)
{
	int start = b->elem >= 0 && (size_t)b->elem < t->doc->nelems ? b->elem : 0;
	for (int e = start; e >= 0; e = t->elems[e].parent)
		if (t->elems[e].role == ROLE_LINK)
			return (size_t)e;
	size_t link = add_elem(t, ROLE_LINK, start, NULL);
	t->elems[link].words_of = start;
	add_kid(t, (size_t)start, KID_ELEM)->index = link;
	return link;
}

/* Record a link annotation as content of its Link element. */
void pdf_tag_link(struct pdf_tag *t, const struct box *b, HPDF_Annotation a)
{
	if (!t || !a || !t->stream)
		return;
	size_t e = link_elem(t, b);
	t->annots = grow(t->annots, t->nannots, &t->annots_cap, sizeof *t->annots);
	struct tag_annot *an = &t->annots[t->nannots];
	an->annot = a;
	an->elem = e;
	an->page = t->page;
	an->uri = b->u.link.uri;
	an->dest = b->u.link.dest;
	add_kid(t, e, KID_ANNOT)->index = t->nannots;
	t->nannots++;
	t->pages[t->page].has_annots = true;
}

/* ---- Objects ---- */

/* A dictionary added to the cross-reference table, or NULL (libharu has
 * noted the error). */
static HPDF_Dict new_indirect(struct pdf_tag *t)
{
	HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
	if (!d || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK)
		return NULL; /* A failed HPDF_Xref_Add frees the dictionary. */
	return d;
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

/* A PDF text string for UTF-8 text, NULL after a libharu failure. Plain
 * ASCII is written as it is; anything else as UTF-16BE after a byte order
 * mark, four times longer but what every reader understands, cut at
 * libharu's limit on strings. */
static void *text_string(struct pdf_tag *t, const char *s)
{
	size_t n = strlen(s);
	bool ascii = n <= HPDF_LIMIT_MAX_STRING_LEN;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = s[i] >= 0x20 && s[i] < 0x7F;
	if (ascii)
		return HPDF_String_New(t->pdf->mmgr, s, NULL);
	unsigned char *buf = xmalloc(2 * n + 2);
	size_t len = 0;
	buf[len++] = 0xFE;
	buf[len++] = 0xFF;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t used;
		unsigned cp = next_char(u + i, n - i, &used);
		i += used;
		size_t need = cp > 0xFFFF ? 4 : 2;
		if (len + need > HPDF_LIMIT_MAX_STRING_LEN)
			break;
		if (cp > 0xFFFF) {
			unsigned v = cp - 0x10000;
			unsigned hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);
			buf[len++] = (unsigned char)(hi >> 8);
			buf[len++] = (unsigned char)(hi & 0xFF);
			buf[len++] = (unsigned char)(lo >> 8);
			buf[len++] = (unsigned char)(lo & 0xFF);
		} else {
			buf[len++] = (unsigned char)(cp >> 8);
			buf[len++] = (unsigned char)(cp & 0xFF);
		}
	}
	HPDF_Binary b = HPDF_Binary_New(t->pdf->mmgr, buf, (HPDF_UINT)len);
	free(buf);
	return b;
}

/* Add /MCR or /OBJR kid `k` as a dictionary naming its page. */
static HPDF_STATUS add_ref_kid(struct pdf_tag *t, HPDF_Array arr, const struct kid *k)
{
	HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
	if (!d)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS rc = HPDF_Array_Add(arr, d);
	if (rc != HPDF_OK)
		return rc;
	if (k->kind == KID_MCID) {
		rc |= HPDF_Dict_AddName(d, "Type", "MCR");
		rc |= HPDF_Dict_Add(d, "Pg", t->pages[k->page].page);
		rc |= HPDF_Dict_AddNumber(d, "MCID", k->mcid);
	} else {
		rc |= HPDF_Dict_AddName(d, "Type", "OBJR");
		rc |= HPDF_Dict_Add(d, "Pg", t->pages[k->page].page);
		rc |= HPDF_Dict_Add(d, "Obj", t->annots[k->index].annot);
	}
	return rc;
}

/* Add one kid to an element's /K: an MCID on the element's own page as a
 * number, on another page as a marked-content reference. */
static HPDF_STATUS add_kid_obj(struct pdf_tag *t, HPDF_Array arr, const struct kid *k,
			       bool has_page, size_t page)
{
	switch (k->kind) {
	case KID_MCID:
		if (has_page && k->page == page)
			return HPDF_Array_AddNumber(arr, k->mcid);
		return add_ref_kid(t, arr, k);
	case KID_ELEM:
		return HPDF_Array_Add(arr, t->elems[k->index].dict);
	case KID_ANNOT:
		return add_ref_kid(t, arr, k);
	}
	return HPDF_OK;
}

/* The element's /K in reading order: its own content in painting order,
 * merged with its children in doc.elems order, each child placed where its
 * content first appears. A child with no content follows its elder sibling. */
static HPDF_STATUS write_kids(struct pdf_tag *t, struct tag_elem *e)
{
	HPDF_Array arr = HPDF_Array_New(t->pdf->mmgr);
	if (!arr)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS rc = HPDF_Dict_Add(e->dict, "K", arr);
	if (rc != HPDF_OK)
		return rc;
	bool has_page = false;
	size_t page = 0;
	for (size_t i = 0; i < e->nkids && !has_page; i++) {
		if (e->kids[i].kind != KID_ELEM) {
			has_page = true;
			page = e->kids[i].page;
		}
	}
	if (has_page)
		rc |= HPDF_Dict_Add(e->dict, "Pg", t->pages[page].page);
	size_t k = 0;
	int c = e->first_child;
	long key = -1;
	while (rc == HPDF_OK && (k < e->nkids || c >= 0)) {
		if (c >= 0 && t->elems[c].first >= 0)
			key = t->elems[c].first;
		if (c >= 0 && (k == e->nkids || key <= e->kids[k].pos)) {
			rc |= HPDF_Array_Add(arr, t->elems[c].dict);
			c = t->elems[c].next_sibling;
		} else {
			rc |= add_kid_obj(t, arr, &e->kids[k], has_page, page);
			k++;
		}
	}
	return rc;
}

/* Layout attributes: the box a figure or a one-page table covers. */
static HPDF_STATUS write_bbox(struct pdf_tag *t, struct tag_elem *e)
{
	HPDF_Dict a = HPDF_Dict_New(t->pdf->mmgr);
	HPDF_Array box = HPDF_Array_New(t->pdf->mmgr);
	if (!a || !box)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_STATUS rc = HPDF_Dict_Add(e->dict, "A", a);
	rc |= HPDF_Dict_AddName(a, "O", "Layout");
	rc |= HPDF_Dict_Add(a, "BBox", box);
	rc |= HPDF_Array_AddReal(box, (HPDF_REAL)e->x0);
	rc |= HPDF_Array_AddReal(box, (HPDF_REAL)e->y0);
	rc |= HPDF_Array_AddReal(box, (HPDF_REAL)e->x1);
	rc |= HPDF_Array_AddReal(box, (HPDF_REAL)e->y1);
	rc |= HPDF_Dict_AddName(a, "Placement", "Block");
	return rc;
}

/* Fill in one structure element's dictionary. */
static HPDF_STATUS write_elem(struct pdf_tag *t, struct tag_elem *e, HPDF_Dict root)
{
	HPDF_Dict d = e->dict;
	HPDF_STATUS rc = HPDF_Dict_AddName(d, "Type", "StructElem");
	rc |= HPDF_Dict_AddName(d, "S", role_name(e->role));
	rc |= HPDF_Dict_Add(d, "P", e->parent >= 0 ? t->elems[e->parent].dict : root);
	if (rc != HPDF_OK)
		return rc;
	rc = write_kids(t, e);
	if (e->alt && e->alt[0])
		rc |= HPDF_Dict_Add(d, "Alt", text_string(t, e->alt));
	if (e->role == ROLE_TH) {
		HPDF_Dict a = HPDF_Dict_New(t->pdf->mmgr);
		if (!a)
			return HPDF_FAILD_TO_ALLOC_MEM;
		rc |= HPDF_Dict_Add(d, "A", a);
		rc |= HPDF_Dict_AddName(a, "O", "Table");
		rc |= HPDF_Dict_AddName(a, "Scope", e->th_row_scope ? "Row" : "Column");
	} else if ((e->role == ROLE_FIGURE || e->role == ROLE_TABLE) && e->has_extent &&
		   !e->many_pages) {
		rc |= write_bbox(t, e);
	}
	return rc;
}

/* Where each subtree's content starts and what it covers: children come
 * after their parents in the element array, so one backward pass does. */
static void sum_subtrees(struct pdf_tag *t)
{
	for (size_t i = t->nelems; i-- > 0;) {
		struct tag_elem *e = &t->elems[i];
		if (e->nkids && (e->first < 0 || e->kids[0].pos < e->first))
			e->first = e->kids[0].pos;
		if (e->parent < 0)
			continue;
		struct tag_elem *p = &t->elems[e->parent];
		if (e->first >= 0 && (p->first < 0 || e->first < p->first))
			p->first = e->first;
		if (!e->has_extent)
			continue;
		if (!p->has_extent) {
			p->has_extent = true;
			p->extent_page = e->extent_page;
			p->x0 = e->x0;
			p->y0 = e->y0;
			p->x1 = e->x1;
			p->y1 = e->y1;
		} else {
			p->x0 = e->x0 < p->x0 ? e->x0 : p->x0;
			p->y0 = e->y0 < p->y0 ? e->y0 : p->y0;
			p->x1 = e->x1 > p->x1 ? e->x1 : p->x1;
			p->y1 = e->y1 > p->y1 ? e->y1 : p->y1;
		}
		if (e->many_pages || p->extent_page != e->extent_page)
			p->many_pages = true;
	}
}

/* Words describing where a link goes, for a link with no text of its own. */
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

/* The parent tree: page StructParents -> the element of each MCID, and
 * annotation StructParent -> its Link. Keys: pages by index, then the
 * annotations. Long trees are split into leaves with /Limits. */
static HPDF_Dict write_parent_tree(struct pdf_tag *t)
{
	HPDF_MMgr mmgr = t->pdf->mmgr;
	HPDF_Dict tree = new_indirect(t);
	if (!tree)
		return NULL;
	size_t nkeys = 0;
	for (size_t i = 0; i < t->npages; i++)
		nkeys += t->pages[i].nmcid > 0;
	nkeys += t->nannots;
	HPDF_Array kids = NULL, nums = NULL;
	if (nkeys > NUMS_PER_LEAF) {
		kids = HPDF_Array_New(mmgr);
		if (HPDF_Dict_Add(tree, "Kids", kids) != HPDF_OK)
			return NULL;
	} else {
		nums = HPDF_Array_New(mmgr);
		if (HPDF_Dict_Add(tree, "Nums", nums) != HPDF_OK)
			return NULL;
	}
	HPDF_STATUS rc = HPDF_OK;
	size_t in_leaf = 0, done = 0;
	HPDF_Array limits = NULL;
	int key = -1;
	for (size_t i = 0; i < t->npages + t->nannots && rc == HPDF_OK; i++) {
		bool is_page = i < t->npages;
		if (is_page && t->pages[i].nmcid == 0)
			continue;
		key = (int)i;
		if (kids && in_leaf == 0) {
			/* A new leaf: its /Limits are its first and last keys. */
			HPDF_Dict leaf = new_indirect(t);
			if (!leaf)
				return NULL;
			nums = HPDF_Array_New(mmgr);
			limits = HPDF_Array_New(mmgr);
			rc |= HPDF_Array_Add(kids, leaf);
			rc |= HPDF_Dict_Add(leaf, "Nums", nums);
			rc |= HPDF_Dict_Add(leaf, "Limits", limits);
			if (rc != HPDF_OK)
				return NULL;
			rc |= HPDF_Array_AddNumber(limits, key);
		}
		rc |= HPDF_Array_AddNumber(nums, key);
		if (is_page) {
			HPDF_Array arr = HPDF_Array_New(mmgr);
			rc |= HPDF_Array_Add(nums, arr);
			if (rc != HPDF_OK)
				return NULL;
			for (size_t m = 0; m < t->pages[i].nmcid && rc == HPDF_OK; m++)
				rc |= HPDF_Array_Add(arr, t->elems[t->pages[i].mcid_elem[m]].dict);
		} else {
			rc |= HPDF_Array_Add(nums, t->elems[t->annots[i - t->npages].elem].dict);
		}
		done++;
		if (kids && (++in_leaf == NUMS_PER_LEAF || done == nkeys)) {
			rc |= HPDF_Array_AddNumber(limits, key);
			in_leaf = 0;
		}
	}
	return rc == HPDF_OK ? tree : NULL;
}

/* Pages' keys into the parent tree and their tab order; annotations' keys
 * and descriptions. */
static HPDF_STATUS write_page_keys(struct pdf_tag *t)
{
	HPDF_STATUS rc = HPDF_OK;
	for (size_t i = 0; i < t->npages; i++) {
		const struct tag_page *pg = &t->pages[i];
		if (!pg->page)
			continue;
		if (pg->nmcid)
			rc |= HPDF_Dict_AddNumber(pg->page, "StructParents", (HPDF_INT32)i);
		/* Tab through links in structure order. */
		if (pg->has_annots)
			rc |= HPDF_Dict_AddName(pg->page, "Tabs", "S");
	}
	for (size_t i = 0; i < t->nannots && rc == HPDF_OK; i++) {
		const struct tag_annot *an = &t->annots[i];
		rc |= HPDF_Dict_AddNumber(an->annot, "StructParent", (HPDF_INT32)(t->npages + i));
		const struct tag_elem *e = &t->elems[t->elems[an->elem].words_of];
		char fallback[600];
		const char *words = e->text_len ? e->text : NULL;
		if (!words) {
			link_fallback(t, an, fallback, sizeof fallback);
			words = fallback;
		}
		rc |= HPDF_Dict_Add(an->annot, "Contents", text_string(t, words));
	}
	return rc;
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
	sum_subtrees(t);
	HPDF_Dict root = new_indirect(t);
	if (!root)
		return false;
	for (size_t i = 0; i < t->nelems; i++) {
		t->elems[i].dict = new_indirect(t);
		if (!t->elems[i].dict)
			return false;
	}
	HPDF_STATUS rc = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	/* Elements made while painting hang under doc elements; only the
	 * doc's own roots (or the one made for an empty doc) are roots. */
	size_t nroots = 0;
	for (size_t i = 0; i < t->nelems; i++)
		nroots += t->elems[i].parent < 0;
	if (nroots == 1) {
		rc |= HPDF_Dict_Add(root, "K", t->elems[0].dict);
	} else {
		HPDF_Array k = HPDF_Array_New(t->pdf->mmgr);
		rc |= HPDF_Dict_Add(root, "K", k);
		for (size_t i = 0; i < t->nelems && rc == HPDF_OK; i++)
			if (t->elems[i].parent < 0)
				rc |= HPDF_Array_Add(k, t->elems[i].dict);
	}
	for (size_t i = 0; i < t->nelems && rc == HPDF_OK; i++)
		rc |= write_elem(t, &t->elems[i], root);
	if (rc != HPDF_OK)
		return false;
	HPDF_Dict tree = write_parent_tree(t);
	if (!tree)
		return false;
	rc |= HPDF_Dict_Add(root, "ParentTree", tree);
	rc |= HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(t->npages + t->nannots));
	rc |= write_page_keys(t);
	if (rc != HPDF_OK)
		return false;
	return write_catalog(t, root, lang) == HPDF_OK;
}
