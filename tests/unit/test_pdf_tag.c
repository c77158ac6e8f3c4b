/* The tagged PDF. On a hand-built doc: marked content nests with text
 * objects and closes on every page, MCIDs count from 0 on each page, an
 * element on two pages reaches the second through a marked-content
 * reference, links are object references in Link elements (one made when
 * the layout gave none), icons are figures named by their status, row
 * headers have row scope, the catalog and pages carry what PDF/UA asks,
 * a long parent tree is split into leaves, and overlong texts and link
 * areas are cut to what a PDF holds. On the examples: tagging changes
 * nothing on the page, pixel for pixel (pdftoppm), the file stays sound
 * (qpdf), and marked content nests on every page. Run from the top of the
 * source tree; needs qpdf and pdftoppm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "harness.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "pdf_probe.h"
#include "present.h"
#include "render.h"
#include "style.h"

/* Everything one test run owns. */
struct fixture {
	struct arena a;
	struct style st;
	char dir[64]; /* A private folder under /tmp. */
};

/* Append a box to a page; storage in the arena. */
static struct box *add_box(struct fixture *fx, struct page *p, enum box_kind kind, int elem)
{
	if (p->nboxes == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct box *boxes = arena_calloc(&fx->a, cap, sizeof *boxes);
		if (p->nboxes)
			memcpy(boxes, p->boxes, p->nboxes * sizeof *boxes);
		p->boxes = boxes;
		p->cap = cap;
	}
	struct box *b = &p->boxes[p->nboxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->elem = elem;
	return b;
}

/* A run of regular text. */
static void add_text(struct fixture *fx, struct page *p, int elem, double x, double y,
		     const char *text)
{
	struct box *b = add_box(fx, p, BOX_TEXT, elem);
	b->u.text.x = x;
	b->u.text.y = y;
	b->u.text.width = 6.0 * (double)strlen(text);
	b->u.text.face = FACE_REGULAR;
	b->u.text.size = 10;
	b->u.text.text = text;
	b->u.text.len = strlen(text);
}

/* A clickable area, to a web address or (uri NULL) to destination 0. */
static void add_link(struct fixture *fx, struct page *p, int elem, double x, double y,
		     const char *uri)
{
	struct box *b = add_box(fx, p, BOX_LINK, elem);
	b->u.link.x = x;
	b->u.link.y = y - 3;
	b->u.link.w = 100;
	b->u.link.h = 12;
	b->u.link.uri = uri;
	b->u.link.dest = 0;
}

/* The elements of the hand-built doc, in reading order. */
enum {
	E_DOC, E_SECT, E_H1, E_P, E_LINK, E_TABLE, E_TR, E_TH, E_TD, E_FIG, E_P2, E_COUNT
};

/* Two pages with one of everything the tagger treats differently. */
static void build_doc(struct fixture *fx, struct doc *doc)
{
	memset(doc, 0, sizeof *doc);
	doc->width = fx->st.page_width;
	doc->height = fx->st.page_height;
	static const struct {
		enum role role;
		int parent;
	} tree[E_COUNT] = {
		[E_DOC] = {ROLE_DOCUMENT, -1}, [E_SECT] = {ROLE_SECT, E_DOC}, [E_H1] = {ROLE_H1, E_SECT},
		[E_P] = {ROLE_P, E_SECT},      [E_LINK] = {ROLE_LINK, E_P},   [E_TABLE] = {ROLE_TABLE, E_SECT},
		[E_TR] = {ROLE_TR, E_TABLE},   [E_TH] = {ROLE_TH, E_TR},      [E_TD] = {ROLE_TD, E_TR},
		[E_FIG] = {ROLE_FIGURE, E_SECT}, [E_P2] = {ROLE_P, E_SECT},
	};
	doc->nelems = E_COUNT;
	doc->elems = arena_calloc(&fx->a, E_COUNT, sizeof *doc->elems);
	for (int i = 0; i < E_COUNT; i++) {
		doc->elems[i].role = tree[i].role;
		doc->elems[i].parent = tree[i].parent;
	}
	doc->elems[E_TH].th_row_scope = true;
	/* The data cell names the header cell it lies under, and is read as
	 * words where it shows a mark; the second paragraph is in Spanish. */
	doc->elems[E_TH].has_id = true;
	static const int td_headers[] = {E_TH};
	static const struct elem_more td_more = {
		.headers = td_headers, .nheaders = 1, .actual_text = "cinq en tout"};
	static const struct elem_more p2_more = {.lang = "es-MX"};
	doc->elems[E_TD].more = &td_more;
	doc->elems[E_P2].more = &p2_more;
	doc->elems[E_FIG].alt = "Chart of Qualité: 5 so far";
	doc->ndests = 1;
	doc->dests = arena_calloc(&fx->a, 1, sizeof *doc->dests);
	doc->dests[0].page = 1;
	doc->dests[0].y = doc->height - 72;
	doc->npages = 2;
	doc->pages = arena_calloc(&fx->a, 2, sizeof *doc->pages);

	double top = doc->height - fx->st.margin_top;
	struct page *p = &doc->pages[0];
	add_text(fx, p, -1, 72, doc->height - 30, "Running header");
	add_text(fx, p, E_H1, 72, top - 20, "Heading");
	add_text(fx, p, E_P, 72, top - 40, "A paragraph with");
	add_text(fx, p, E_LINK, 180, top - 40, "a link");
	add_link(fx, p, E_LINK, 180, top - 40, "https://example.org/");
	struct box *b = add_box(fx, p, BOX_RECT, -1);
	b->u.rect.x = 72, b->u.rect.y = top - 80, b->u.rect.w = 300, b->u.rect.h = 16;
	b->u.rect.fill = true, b->u.rect.fill_color = fx->st.color_band;
	add_text(fx, p, E_TH, 72, top - 75, "Result");
	add_text(fx, p, E_TD, 180, top - 75, "5 so far");
	b = add_box(fx, p, BOX_POLYLINE, E_FIG);
	b->u.poly.n = 3;
	b->u.poly.points = arena_calloc(&fx->a, 3, sizeof *b->u.poly.points);
	for (size_t i = 0; i < 3; i++)
		b->u.poly.points[i] = (struct point){80 + 40.0 * (double)i, top - 150 + 10.0 * (double)i};
	b->u.poly.width = 1.5, b->u.poly.color = fx->st.color_primary;
	b = add_box(fx, p, BOX_ICON, E_P2);
	b->u.icon.x = 72, b->u.icon.y = top - 200, b->u.icon.size = 10;
	b->u.icon.status = STATUS_NOT_MET;
	add_text(fx, p, E_P2, 90, top - 198, "See page two");
	/* A link the layout left in its paragraph rather than in a Link. */
	add_link(fx, p, E_P2, 90, top - 198, NULL);
	add_text(fx, p, E_P, 72, top - 230, "The paragraph goes on");
	add_text(fx, p, -1, 72, 30, "Page 1 of 2");

	p = &doc->pages[1];
	add_text(fx, p, E_P, 72, top - 20, "onto the next page.");
	add_text(fx, p, -1, 72, 30, "Page 2 of 2");
}

/* A report with what the writer reads. */
static struct report *build_report(const char *lang)
{
	struct report *r = report_new();
	r->title = arena_strdup(&r->arena, "Tagging & <structure>");
	r->organization = arena_strdup(&r->arena, "City of Testing");
	r->lang = lang ? arena_strdup(&r->arena, lang) : NULL;
	r->has_published = true;
	r->published = (struct date){2017, 11, 13};
	return r;
}

/* Read a whole file; NULL if it cannot be read. Heap-owned. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(out);
	fclose(f);
	return buf;
}

/* Occurrences of `needle` in a NUL-terminated buffer. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *at = strstr(hay, needle); at; at = strstr(at + 1, needle))
		n++;
	return n;
}

/* Run a shell command quietly; true if it succeeded. */
static bool run(const char *fmt, const char *a, const char *b)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, a, b);
	return system(cmd) == 0;
}

/* The file with every stream uncompressed, as qpdf's QDF form writes it,
 * as one string; NULL if qpdf cannot read it. Heap-owned. */
static char *uncompressed(struct fixture *fx, const char *pdf)
{
	char qdf[128];
	snprintf(qdf, sizeof qdf, "%s/qdf.pdf", fx->dir);
	if (!run("qpdf --qdf --object-streams=disable %s %s", pdf, qdf))
		return NULL;
	size_t len;
	char *q = slurp(qdf, &len);
	/* Fonts and images are binary, NUL bytes and all: blank those, so that
	 * string searches see the whole file. */
	for (size_t i = 0; q && i < len; i++)
		if (q[i] == '\0')
			q[i] = '\1';
	return q;
}

/* Marked content in every page's content stream: opened and closed in
 * pairs, never across BT or ET, closed by the end of the page; MCIDs on
 * each page 0, 1, 2, ... Returns the number of pages looked at. */
static int check_content(const char *qdf, bool *nested, bool *counted)
{
	int pages = 0;
	*nested = *counted = true;
	for (const char *at = strstr(qdf, "%% Contents for page"); at;
	     at = strstr(at + 1, "%% Contents for page")) {
		const char *s = strstr(at, "stream\n");
		const char *end = s ? strstr(s, "endstream") : NULL;
		if (!s || !end)
			break;
		pages++;
		int depth = 0, depth_at_bt = -1, next_mcid = 0;
		for (const char *line = s + 7; line < end;) {
			const char *eol = memchr(line, '\n', (size_t)(end - line));
			size_t n = eol ? (size_t)(eol - line) : (size_t)(end - line);
			if (n >= 3 && (memcmp(line + n - 3, "BDC", 3) == 0 || memcmp(line + n - 3, "BMC", 3) == 0)) {
				depth++;
				const char *mcid = strstr(line, "/MCID ");
				if (mcid && mcid < line + n && atoi(mcid + 6) != next_mcid++)
					*counted = false;
			} else if (n == 3 && memcmp(line, "EMC", 3) == 0) {
				if (--depth < 0)
					*nested = false;
			} else if (n == 2 && memcmp(line, "BT", 2) == 0) {
				depth_at_bt = depth;
			} else if (n == 2 && memcmp(line, "ET", 2) == 0) {
				if (depth != depth_at_bt)
					*nested = false;
			}
			line += n + 1;
		}
		if (depth != 0)
			*nested = false;
	}
	return pages;
}

/* Save `doc` tagged or not with `r`; true if it was written. */
static bool save(struct fixture *fx, const struct doc *doc, const struct report *r, bool tagged,
		 const char *path)
{
	struct diag d;
	diag_init(&d, stderr);
	struct pdf_writer *w = pdf_writer_new(&fx->st, &d);
	if (!w)
		return false;
	pdf_writer_set_tagged(w, tagged);
	/* The document information, as the layout would fill it in. */
	struct doc with_info = *doc;
	if (r && !with_info.title) {
		with_info.title = r->title;
		with_info.author = r->organization;
	}
	enum write_result res = pdf_writer_save(w, &with_info, r, &fx->st, path, NULL, &d);
	pdf_writer_free(w);
	return res == WRITE_OK;
}

/* The hand-built doc, tagged, looked at in its uncompressed form. */
static void test_hand_built(struct fixture *fx)
{
	struct doc doc;
	build_doc(fx, &doc);
	struct report *r = build_report("fr-CA");
	char pdf[128];
	snprintf(pdf, sizeof pdf, "%s/hand.pdf", fx->dir);
	CHECK(save(fx, &doc, r, true, pdf), "the hand-built doc saves tagged");
	CHECK(run("qpdf --check %s >/dev/null 2>&1%s", pdf, ""), "qpdf --check passes it");
	char *q = uncompressed(fx, pdf);
	if (!CHECK(q != NULL, "qpdf uncompresses it")) {
		report_free(r);
		return;
	}
	bool nested, counted;
	CHECK_INT(check_content(q, &nested, &counted), 2, "two content streams");
	CHECK(nested, "marked content pairs up, never crosses BT/ET, and closes on each page");
	CHECK(counted, "MCIDs run 0, 1, 2, ... on each page");
	CHECK_INT(count(q, "/Artifact <</Type /Pagination /Subtype /Header>> BDC"), 1,
		  "the running header is a pagination artifact");
	CHECK_INT(count(q, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"), 2,
		  "page numbers are footer artifacts, one a page");
	CHECK(count(q, "/Artifact BMC") >= 1, "the band behind the row is a plain artifact");
	CHECK_INT(count(q, "/H1 <</MCID 0>> BDC"), 1, "the heading is H1 content with MCID 0");
	CHECK_INT(count(q, "/P <</MCID 0>> BDC"), 1, "the second page's paragraph text starts its MCIDs at 0");
	CHECK_INT(count(q, "/Type /MCR"), 1, "the paragraph reaches its second page through one MCR");
	CHECK_INT(count(q, "/Type /OBJR"), 2, "both links are object references");
	CHECK_INT(count(q, "/S /Link"), 2, "and each is in a Link, one made for the stray link");
	CHECK_INT(count(q, "/S /Figure"), 2, "the chart and the icon are figures");
	char alt[128];
	snprintf(alt, sizeof alt, "/Alt (%s)", fx->st.status_label[STATUS_NOT_MET]);
	CHECK_INT(count(q, alt), 1, "the icon's alternative is its status label");
	CHECK_INT(count(q, "/Alt <feff00430068006100720074"), 1,
		  "a non-ASCII alternative is UTF-16 (\"Chart of Qualité\")");
	CHECK_INT(count(q, "/Scope /Row"), 1, "the row header has row scope");
	char id[64];
	snprintf(id, sizeof id, "/ID (T%09d)", E_TH);
	CHECK_INT(count(q, id), 1, "the header cell has an identifier");
	snprintf(id, sizeof id, "(T%09d)", E_TH);
	CHECK(count(q, "/Headers [") == 1 && count(q, id) == 3,
	      "which the data cell names as its header, and the ID tree holds");
	CHECK(count(q, "/IDTree ") == 1 && count(q, "/Names [") == 1, "one ID tree, one node");
	CHECK_INT(count(q, "/ActualText (cinq en tout)"), 1, "the data cell's words to read");
	CHECK_INT(count(q, "/Lang (es-MX)"), 1, "a paragraph in another language says which");
	CHECK(count(q, "/BBox [") >= 2, "figures carry their bounding box");
	CHECK_INT(count(q, "/StructParents "), 2, "both pages have StructParents");
	CHECK_INT(count(q, "/StructParent "), 2, "both annotations have StructParent");
	CHECK_INT(count(q, "/Tabs /S"), 1, "the page with links tabs in structure order");
	CHECK_INT(count(q, "/ParentTreeNextKey 4"), 1, "keys: two pages and two annotations");
	CHECK_INT(count(q, "/Contents (a link)"), 1, "a link's description is its text");
	CHECK_INT(count(q, "/Contents (See page two)"), 1, "also for the link the layout left untagged");
	CHECK_INT(count(q, "/Lang (fr-CA)"), 1, "the catalog has the report's language");
	CHECK_INT(count(q, "/Marked true"), 1, "MarkInfo Marked true");
	CHECK_INT(count(q, "/DisplayDocTitle true"), 1, "viewers show the title");
	CHECK_INT(count(q, "/Subtype /XML"), 1, "an XMP metadata stream");
	CHECK_INT(count(q, "<pdfuaid:part>1</pdfuaid:part>"), 1, "identifying PDF/UA-1");
	CHECK_INT(count(q, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Tagging &amp; &lt;structure&gt;</rdf:li>"), 1,
		  "with the title, escaped for XML");
	CHECK_INT(count(q, "<xmp:CreateDate>2017-11-13T00:00:00</xmp:CreateDate>"), 1,
		  "and the published date the info dictionary has");
	CHECK_INT(count(q, "<dc:language><rdf:Bag><rdf:li>fr-CA</rdf:li>"), 1, "and the language");
	free(q);
	report_free(r);

	r = build_report(NULL);
	CHECK(save(fx, &doc, r, true, pdf), "a report without a language saves");
	q = uncompressed(fx, pdf);
	CHECK(q && count(q, "/Lang") == 1, "and names none but the Spanish paragraph's");
	free(q);
	CHECK(save(fx, &doc, r, false, pdf), "untagged, it saves too");
	q = uncompressed(fx, pdf);
	CHECK(q && count(q, "/StructTreeRoot") == 0 && count(q, "BDC") == 0 && count(q, "BMC") == 0,
	      "with no structure and no marked content");
	free(q);
	report_free(r);
}

/* A page with more links than a parent-tree leaf holds, and a doc with no
 * elements at all: still sound, and every link still in a Link. */
static void test_many_links(struct fixture *fx)
{
	struct doc doc;
	memset(&doc, 0, sizeof doc);
	doc.width = fx->st.page_width;
	doc.height = fx->st.page_height;
	doc.npages = 1;
	doc.pages = arena_calloc(&fx->a, 1, sizeof *doc.pages);
	doc.ndests = 1;
	doc.dests = arena_calloc(&fx->a, 1, sizeof *doc.dests);
	enum { NLINKS = 700 };
	for (int i = 0; i < NLINKS; i++)
		add_link(fx, &doc.pages[0], -1, 72 + (i % 4) * 110, 100 + (i / 4) * 3, NULL);
	add_text(fx, &doc.pages[0], -1, 72, 50, "Only artifacts and links");
	struct report *r = build_report("en-US");
	char pdf[128];
	snprintf(pdf, sizeof pdf, "%s/links.pdf", fx->dir);
	CHECK(save(fx, &doc, r, true, pdf), "700 links on a page of artifacts save");
	CHECK(run("qpdf --check %s >/dev/null 2>&1%s", pdf, ""), "qpdf --check passes it");
	char *q = uncompressed(fx, pdf);
	CHECK(q && count(q, "/S /Document") == 1, "an empty doc still gets a Document root");
	CHECK(q && count(q, "/S /Link") == NLINKS, "each link gets a Link of its own");
	CHECK(q && count(q, "/Limits") == 2 && count(q, "/Kids") >= 1,
	      "the parent tree is split into two leaves with limits");
	CHECK(q && count(q, "/StructParents") == 0, "a page with no tagged content has no StructParents");
	free(q);
	report_free(r);
}

/* What no report should have but a hostile file can: a title far too long
 * for a PDF string, a link address too long to be one, and a link area
 * taller than the page. The file is still written, sound, with a warning. */
static void test_extremes(struct fixture *fx)
{
	struct doc doc;
	memset(&doc, 0, sizeof doc);
	doc.width = fx->st.page_width;
	doc.height = fx->st.page_height;
	doc.npages = 1;
	doc.pages = arena_calloc(&fx->a, 1, sizeof *doc.pages);
	doc.ndests = 1;
	doc.dests = arena_calloc(&fx->a, 1, sizeof *doc.dests);
	doc.nelems = 2;
	doc.elems = arena_calloc(&fx->a, 2, sizeof *doc.elems);
	doc.elems[0] = (struct elem){.role = ROLE_DOCUMENT, .parent = -1};
	doc.elems[1] = (struct elem){.role = ROLE_LINK, .parent = 0};
	enum { URI_BYTES = 40000, TITLE_CHARS = 20000 };
	char *uri = arena_alloc(&fx->a, URI_BYTES + 1);
	memcpy(uri, "https://example.org/", 20);
	memset(uri + 20, 'a', URI_BYTES - 20);
	add_text(fx, &doc.pages[0], 1, 72, 700, "a very long address");
	add_link(fx, &doc.pages[0], 1, 72, 700, uri);
	struct box *b = add_box(fx, &doc.pages[0], BOX_LINK, 1);
	b->u.link.x = 72, b->u.link.y = -3 * doc.height, b->u.link.w = 100, b->u.link.h = 5 * doc.height;
	b->u.link.dest = 0;

	struct report *r = build_report("en-US");
	char *title = arena_alloc(&r->arena, 2 * TITLE_CHARS + 1);
	for (int i = 0; i < TITLE_CHARS; i++)
		memcpy(title + 2 * i, "\xC3\xA9", 2); /* é */
	title[2 * TITLE_CHARS] = '\0';
	r->title = title;

	char *msgs = NULL;
	size_t mlen = 0;
	FILE *out = open_memstream(&msgs, &mlen);
	struct diag d;
	diag_init(&d, out);
	struct pdf_writer *w = pdf_writer_new(&fx->st, &d);
	char pdf[128];
	snprintf(pdf, sizeof pdf, "%s/extremes.pdf", fx->dir);
	doc.title = r->title;
	doc.author = r->organization;
	enum write_result res = w ? pdf_writer_save(w, &doc, r, &fx->st, pdf, NULL, &d) : WRITE_FAILED;
	pdf_writer_free(w);
	fclose(out);
	CHECK(res == WRITE_OK,
	      "a 20,000-character title, a 40,000-byte address and a link taller than the page: written");
	/* The loader warns about such an address with its line; the writer
	 * only leaves it out. */
	CHECK(msgs && !strstr(msgs, "link"), "the writer says nothing more about the address");
	CHECK(run("qpdf --check %s >/dev/null 2>&1%s", pdf, ""), "qpdf --check passes it");
	char *q = uncompressed(fx, pdf);
	CHECK(q && count(q, "/URI") == 0 && count(q, "/Subtype /Link") == 1,
	      "the address stays text; the tall link is kept");
	char rect[96];
	snprintf(rect, sizeof rect, "/Rect [\n    72\n    0\n    172\n    %g\n  ]", doc.height);
	CHECK(q && count(q, rect) == 1, "clipped to the page");
	CHECK(q && strstr(q, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\xC3\xA9"),
	      "the title is cut short but kept, in the metadata too");
	free(q);
	free(msgs);
	report_free(r);
}

/* Lay out an example with a layout, save it tagged and untagged, and
 * compare the pages' renders byte for byte. */
static void test_same_look(struct fixture *fx, const char *example, const char *layout)
{
	char what[200];
	struct diag d;
	diag_init(&d, stderr);
	struct arena sa;
	arena_init(&sa);
	struct style st;
	struct report *r = load_report(example, &d);
	snprintf(what, sizeof what, "%s with %s: loads and lays out", example, layout);
	struct pdf_writer *w = NULL;
	struct arena la;
	arena_init(&la);
	struct doc *doc = NULL;
	struct presentation *pres = NULL;
	if (r && !d.errors && style_load(layout, ".", &sa, &d, &st)) {
		eval_report(r);
		pres = present_report(r, &st);
		w = pdf_writer_new(&st, &d);
		if (w)
			doc = layout_report(pres, &st, pdf_writer_metrics(w), &la, &d);
	}
	if (CHECK(doc != NULL, what)) {
		char tagged[128], plain[128];
		snprintf(tagged, sizeof tagged, "%s/t.pdf", fx->dir);
		snprintf(plain, sizeof plain, "%s/u.pdf", fx->dir);
		enum write_result a = pdf_writer_save(w, doc, r, &st, tagged, NULL, &d);
		pdf_writer_set_tagged(w, false);
		enum write_result b = pdf_writer_save(w, doc, r, &st, plain, NULL, &d);
		snprintf(what, sizeof what, "%s with %s: saves tagged and untagged", example, layout);
		CHECK(a == WRITE_OK && b == WRITE_OK, what);
		char cmd[1024];
		snprintf(cmd, sizeof cmd,
			 "cd %s && rm -f *.ppm && pdftoppm -r 72 t.pdf t && pdftoppm -r 72 u.pdf u && "
			 "n=0 && for f in t-*.ppm; do cmp -s $f u${f#t} || exit 1; n=$((n+1)); done && "
			 "[ $n -eq $(ls u-*.ppm | wc -l) ] && [ $n -gt 1 ]",
			 fx->dir);
		snprintf(what, sizeof what, "%s with %s: every page looks the same, pixel for pixel",
			 example, layout);
		CHECK(system(cmd) == 0, what);
		snprintf(what, sizeof what, "%s with %s: the tagged file is sound (qpdf)", example, layout);
		CHECK(run("qpdf --check %s >/dev/null 2>&1%s", tagged, ""), what);
		char *q = uncompressed(fx, tagged);
		bool nested = false, counted = false;
		int pages = q ? check_content(q, &nested, &counted) : 0;
		snprintf(what, sizeof what,
			 "%s with %s: marked content nests with text objects on all %zu pages, MCIDs from 0",
			 example, layout, doc->npages);
		CHECK(pages == (int)doc->npages && nested && counted, what);
		free(q);
	}
	pdf_writer_free(w);
	present_free(pres);
	arena_free(&la);
	arena_free(&sa);
	report_free(r);
}

/* Build the fixture, run every test, clean up. */
int main(void)
{
	struct fixture fx;
	arena_init(&fx.a);
	struct diag d;
	diag_init(&d, stderr);
	if (!CHECK(style_load("independence", ".", &fx.a, &d, &fx.st), "independence layout loads"))
		return harness_done();
	snprintf(fx.dir, sizeof fx.dir, "/tmp/qreport-tag-XXXXXX");
	if (!CHECK(mkdtemp(fx.dir) != NULL, "a scratch folder"))
		return harness_done();

	test_hand_built(&fx);
	test_many_links(&fx);
	test_extremes(&fx);
	static const char *const examples[] = {"examples/independence-fy2018-q1.xml",
					       "examples/riverbend-fy2025-q3.xml"};
	static const char *const layouts[] = {"independence", "plain"};
	for (size_t e = 0; e < 2; e++)
		for (size_t l = 0; l < 2; l++)
			test_same_look(&fx, examples[e], layouts[l]);

	run("rm -rf %s%s", fx.dir, "");
	arena_free(&fx.a);
	return harness_done();
}
