/* Painting one page of boxes with libharu. Text boxes are gathered into one
 * text object while they follow each other, and font and colour are set
 * only when they change, which keeps the content streams small. Each box
 * that draws something is first put in marked content (pdf_tag.c), which
 * changes nothing on the page. */
#include <string.h>

#include "arena.h"
#include "pdf_internal.h"
#include "pdf_links.h"
#include "pdf_tag.h"

/* What the page's content stream currently has set. */
struct paint_state {
	const struct doc *doc; /* The elements, for where words run on. */
	struct pdf_tag *tag; /* NULL for an untagged document. */
	bool in_text;        /* Between BT and ET. */
	HPDF_Font font;
	double size;
	bool have_fill;
	struct rgb fill;
	/* Lines are drawn outside any saved state, so the stroke colour, width
	 * and dash they set stay until the next line changes them. */
	bool have_line;
	struct rgb stroke;
	double line_width;
	bool dashed;
	double dash_width; /* The width the dash pattern was scaled to. */
};

/* Whether two colours are exactly the same (so a fill need not be set again). */
static bool same_rgb(struct rgb a, struct rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Leave text mode before any path painting. Marked content opened inside
 * a text object must end inside it. */
static void end_text(HPDF_Page page, struct paint_state *ps)
{
	if (ps->in_text) {
		pdf_tag_close(ps->tag);
		HPDF_Page_EndText(page);
		ps->in_text = false;
	}
}

/* Leave text mode and open the marked content a graphic box belongs in. */
static void begin_graphic(HPDF_Page page, struct paint_state *ps, const struct box *b)
{
	end_text(page, ps);
	pdf_tag_mark(ps->tag, b, false);
}

/* Back to solid lines before a box that strokes without setting a dash:
 * a dashed line leaves its dash set for the lines after it. */
static void undash(HPDF_Page page, struct paint_state *ps)
{
	if (ps->have_line && ps->dashed) {
		HPDF_Page_SetDash(page, NULL, 0, 0);
		ps->dashed = false;
	}
}

/* A NUL-terminated copy of `len` bytes in the writer's scratch buffer,
 * with a space after them when asked. */
static const char *terminated(struct pdf_writer *w, const char *s, size_t len, bool space)
{
	if (len + 2 > w->text_cap) {
		w->text_cap = len + 2 > 256 ? len + 2 : 256;
		w->text = xrealloc(w->text, w->text_cap);
	}
	memcpy(w->text, s, len);
	if (space)
		w->text[len++] = ' ';
	w->text[len] = '\0';
	return w->text;
}

/* Whether a white-space byte ends or starts a run of text. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The block a box's text belongs to: its element, or for a link the
 * element the link runs in. -1 for an artifact. */
static int block_of(const struct doc *doc, int e)
{
	while (e >= 0 && (size_t)e < doc->nelems && doc->elems[e].role == ROLE_LINK)
		e = doc->elems[e].parent;
	return e >= 0 && (size_t)e < doc->nelems ? e : -1;
}

/* Whether text box `i` needs a space drawn after it. The layout leaves
 * the space between words out of its boxes (it places each run itself),
 * but a reader extracting text, a screen reader among them, needs one
 * where a line ends or the next run of the same block starts a word
 * further on. A space draws nothing, and what follows is placed
 * absolutely, so the page looks the same. Faces without a space glyph get
 * none (it would draw a box). */
static bool space_after(struct pdf_writer *w, const struct doc *doc, const struct page *p,
			size_t i)
{
	const struct box *b = &p->boxes[i];
	if (is_blank(b->u.text.text[b->u.text.len - 1]))
		return false;
	const struct metrics *m = &w->fonts.metrics;
	if (!m->has_glyph(m->ctx, b->u.text.face, ' '))
		return false;
	for (size_t j = i + 1; j < p->nboxes; j++) {
		const struct box *n = &p->boxes[j];
		if (n->kind != BOX_TEXT || n->u.text.len == 0 || !n->u.text.text ||
		    n->u.text.size <= 0)
			continue;
		int block = block_of(doc, b->elem);
		if (is_blank(n->u.text.text[0]) || block < 0 || block != block_of(doc, n->elem))
			return false;
		bool same_line = n->u.text.y > b->u.text.y - 0.01 && n->u.text.y < b->u.text.y + 0.01;
		double end = b->u.text.x + b->u.text.width;
		return !same_line || n->u.text.x > end + b->u.text.size * 0.1;
	}
	return false;
}

/* A run of text in its face, size and colour; false if its face cannot be loaded. */
static bool paint_text(struct pdf_writer *w, HPDF_Page page, struct paint_state *ps,
		       const struct page *p, size_t i, struct diag *d)
{
	const struct box *b = &p->boxes[i];
	if (b->u.text.len == 0 || !b->u.text.text || b->u.text.size <= 0)
		return true;
	HPDF_Font font = pdf_face(w, b->u.text.face, d);
	if (!font)
		return false;
	if (!ps->in_text) {
		/* Marked content opened outside a text object must not reach into it. */
		pdf_tag_close(ps->tag);
		HPDF_Page_BeginText(page);
		ps->in_text = true;
	}
	pdf_tag_mark(ps->tag, b, true);
	if (font != ps->font || b->u.text.size != ps->size) {
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)b->u.text.size);
		ps->font = font;
		ps->size = b->u.text.size;
	}
	if (!ps->have_fill || !same_rgb(ps->fill, b->u.text.color)) {
		HPDF_Page_SetRGBFill(page, (HPDF_REAL)b->u.text.color.r, (HPDF_REAL)b->u.text.color.g,
				     (HPDF_REAL)b->u.text.color.b);
		ps->fill = b->u.text.color;
		ps->have_fill = true;
	}
	HPDF_Page_TextOut(page, (HPDF_REAL)b->u.text.x, (HPDF_REAL)b->u.text.y,
			  terminated(w, b->u.text.text, b->u.text.len, space_after(w, ps->doc, p, i)));
	return true;
}

/* Set a dash pattern scaled to the line width, or a solid line. */
static void set_dash(HPDF_Page page, bool dashed, double width)
{
	if (!dashed)
		return;
	/* libharu takes whole points; keep dashes visible for hairlines. */
	HPDF_UINT16 on = (HPDF_UINT16)(width * 3 < 2 ? 2 : width * 3 + 0.5);
	HPDF_UINT16 off = (HPDF_UINT16)(width * 2 < 2 ? 2 : width * 2 + 0.5);
	HPDF_UINT16 pattern[2] = {on, off};
	HPDF_Page_SetDash(page, pattern, 2, 0);
}

/* Set the stroke colour and width, where they differ from what is set. */
static void set_stroke(HPDF_Page page, struct paint_state *ps, struct rgb c, double width)
{
	if (!ps->have_line || !same_rgb(ps->stroke, c))
		HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
	if (!ps->have_line || ps->line_width != width)
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
	ps->have_line = true;
	ps->stroke = c;
	ps->line_width = width;
}

/* A filled and/or stroked rectangle. Its colours stay set for what
 * follows, as a line's do: tables fill runs of cells alike. */
static void paint_rect(HPDF_Page page, struct paint_state *ps, const struct box *b)
{
	if (!b->u.rect.fill && !b->u.rect.stroke)
		return;
	begin_graphic(page, ps, b);
	undash(page, ps);
	if (b->u.rect.fill && (!ps->have_fill || !same_rgb(ps->fill, b->u.rect.fill_color))) {
		HPDF_Page_SetRGBFill(page, (HPDF_REAL)b->u.rect.fill_color.r,
				     (HPDF_REAL)b->u.rect.fill_color.g, (HPDF_REAL)b->u.rect.fill_color.b);
		ps->fill = b->u.rect.fill_color;
		ps->have_fill = true;
	}
	if (b->u.rect.stroke)
		set_stroke(page, ps, b->u.rect.stroke_color,
			   b->u.rect.line_width > 0 ? b->u.rect.line_width : 0.5);
	HPDF_Page_Rectangle(page, (HPDF_REAL)b->u.rect.x, (HPDF_REAL)b->u.rect.y,
			    (HPDF_REAL)b->u.rect.w, (HPDF_REAL)b->u.rect.h);
	if (b->u.rect.fill && b->u.rect.stroke)
		HPDF_Page_FillStroke(page);
	else if (b->u.rect.fill)
		HPDF_Page_Fill(page);
	else
		HPDF_Page_Stroke(page);
}

/* A straight line, solid or dashed. Only what differs from the line
 * before is set: tables and charts draw runs of lines that look alike. */
static void paint_line(HPDF_Page page, struct paint_state *ps, const struct box *b)
{
	begin_graphic(page, ps, b);
	double width = b->u.line.width > 0 ? b->u.line.width : 0.5;
	bool had_line = ps->have_line;
	set_stroke(page, ps, b->u.line.color, width);
	if (b->u.line.dashed) {
		if (!had_line || !ps->dashed || ps->dash_width != b->u.line.width)
			set_dash(page, true, b->u.line.width);
	} else if (had_line && ps->dashed) {
		HPDF_Page_SetDash(page, NULL, 0, 0);
	}
	ps->dashed = b->u.line.dashed;
	ps->dash_width = b->u.line.width;
	HPDF_Page_MoveTo(page, (HPDF_REAL)b->u.line.x1, (HPDF_REAL)b->u.line.y1);
	HPDF_Page_LineTo(page, (HPDF_REAL)b->u.line.x2, (HPDF_REAL)b->u.line.y2);
	HPDF_Page_Stroke(page);
}

/* A chart series: connected points, with a dot at each when asked. */
static void paint_poly(HPDF_Page page, struct paint_state *ps, const struct box *b)
{
	if (b->u.poly.n == 0 || !b->u.poly.points)
		return;
	begin_graphic(page, ps, b);
	undash(page, ps);
	const struct point *p = b->u.poly.points;
	struct rgb c = b->u.poly.color;
	double width = b->u.poly.width > 0 ? b->u.poly.width : 1;
	HPDF_Page_GSave(page);
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)width);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	if (b->u.poly.n > 1) {
		HPDF_Page_GSave(page);
		set_dash(page, b->u.poly.dashed, width);
		HPDF_Page_MoveTo(page, (HPDF_REAL)p[0].x, (HPDF_REAL)p[0].y);
		for (size_t i = 1; i < b->u.poly.n; i++)
			HPDF_Page_LineTo(page, (HPDF_REAL)p[i].x, (HPDF_REAL)p[i].y);
		HPDF_Page_Stroke(page);
		HPDF_Page_GRestore(page);
	}
	if (b->u.poly.markers || b->u.poly.n == 1) {
		double r = width * 1.6 < 1.5 ? 1.5 : width * 1.6;
		for (size_t i = 0; i < b->u.poly.n; i++) {
			HPDF_Page_Circle(page, (HPDF_REAL)p[i].x, (HPDF_REAL)p[i].y, (HPDF_REAL)r);
			HPDF_Page_Fill(page);
		}
	}
	HPDF_Page_GRestore(page);
}

/* A status icon in the layout's colour for that status. */
static void paint_icon(struct pdf_writer *w, HPDF_Page page, struct paint_state *ps,
		       const struct box *b)
{
	if (b->u.icon.size <= 0)
		return;
	begin_graphic(page, ps, b);
	undash(page, ps);
	enum status s = b->u.icon.status;
	HPDF_Page_GSave(page);
	pdf_draw_icon(page, b->u.icon.x, b->u.icon.y, b->u.icon.size, s, w->st->status_color[s]);
	HPDF_Page_GRestore(page);
}

/* An image (the logo) scaled into its box; false if it cannot be loaded. */
static bool paint_image(struct pdf_writer *w, HPDF_Page page, struct paint_state *ps,
			const struct box *b, struct diag *d)
{
	if (!b->u.image.path)
		return true;
	int line = w->st->logo_path && strcmp(b->u.image.path, w->st->logo_path) == 0
			   ? w->st->logo_line
			   : 0;
	HPDF_Image img = pdf_image(w, b->u.image.path, w->st->path, line, d);
	if (!img)
		return false;
	begin_graphic(page, ps, b);
	HPDF_Page_DrawImage(page, img, (HPDF_REAL)b->u.image.x, (HPDF_REAL)b->u.image.y,
			    (HPDF_REAL)b->u.image.w, (HPDF_REAL)b->u.image.h);
	return true;
}

/* `v` kept within [lo, hi]. */
static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The longest web address made a link, in bytes: readers take strings up
 * to 32767 bytes (ISO 32000-1, annex C), libharu up to 65535. */
#define MAX_URI 32767

/* A clickable area, to a web address or to a place in the document. An
 * address too long for a PDF string stays text. */
static void paint_link(struct pdf_writer *w, HPDF_Page page, struct paint_state *ps,
		       const struct box *b, HPDF_Destination *dests, size_t ndests)
{
	/* Clipped to the page: an area reaching off it (an entry taller than a
	 * page) would be refused by libharu and could not be clicked anyway. */
	double x0 = clamp(b->u.link.x, 0, ps->doc->width);
	double y0 = clamp(b->u.link.y, 0, ps->doc->height);
	double x1 = clamp(b->u.link.x + b->u.link.w, 0, ps->doc->width);
	double y1 = clamp(b->u.link.y + b->u.link.h, 0, ps->doc->height);
	if (x1 <= x0 || y1 <= y0)
		return;
	HPDF_Rect rect = {(HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)x1, (HPDF_REAL)y1};
	HPDF_Annotation a = NULL;
	size_t uri_len = b->u.link.uri ? strlen(b->u.link.uri) : 0;
	/* The loader warned about it, with its line (LOAD_MAX_HREF_BYTES). */
	if (uri_len > MAX_URI)
		return;
	/* Borderless: libharu would give link annotations a visible one. */
	if (b->u.link.uri)
		a = pdf_link_new(w->pdf, &w->links, page, rect, b->u.link.uri, NULL);
	else if (b->u.link.dest >= 0 && (size_t)b->u.link.dest < ndests && dests[b->u.link.dest])
		a = pdf_link_new(w->pdf, &w->links, page, rect, NULL, dests[b->u.link.dest]);
	pdf_tag_link(ps->tag, b, a);
}

/* Paint one page's boxes in order. */
bool pdf_paint_page(struct pdf_writer *w, HPDF_Page page, const struct doc *doc,
		    const struct page *p, HPDF_Destination *dests, struct diag *d)
{
	struct paint_state ps = {0};
	ps.tag = w->tag;
	ps.doc = doc;
	for (size_t i = 0; i < p->nboxes; i++) {
		const struct box *b = &p->boxes[i];
		switch (b->kind) {
		case BOX_TEXT:
			if (!paint_text(w, page, &ps, p, i, d))
				return false;
			break;
		case BOX_RECT:
			paint_rect(page, &ps, b);
			break;
		case BOX_LINE:
			paint_line(page, &ps, b);
			break;
		case BOX_POLYLINE:
			paint_poly(page, &ps, b);
			break;
		case BOX_ICON:
			paint_icon(w, page, &ps, b);
			break;
		case BOX_IMAGE:
			if (!paint_image(w, page, &ps, b, d))
				return false;
			break;
		case BOX_LINK:
			paint_link(w, page, &ps, b, dests, doc->ndests);
			break;
		case BOX_DEST:
			break; /* Destinations come from doc.dests, made before painting. */
		}
		if (w->err.code)
			break;
	}
	end_text(page, &ps);
	pdf_tag_close(ps.tag);
	return !pdf_take_error(w, NULL, 0, "painting a page", d);
}
