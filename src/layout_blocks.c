#include "layout_blocks.h"

#include <string.h>
#include <strings.h>

/* Text style for a kind: sizes and colours from the layout, the rest proportions. */
struct tstyle lay_tstyle(const struct lay *L, enum tkind kind)
{
	const struct style *st = L->st;
	/* Display sizes read better set tighter than body text. */
	double tight = 1 + (st->leading - 1) * 0.5;
	struct tstyle ts = {FACE_REGULAR, st->size_body, st->leading, L->c.text, L->c.link, true,
			    ALIGN_LEFT};
	switch (kind) {
	case T_BODY:
		break;
	case T_BODY_MUTED:
		ts.color = L->c.muted;
		break;
	case T_SMALL:
		ts.size = st->size_small;
		break;
	case T_SMALL_MUTED:
		ts.size = st->size_small;
		ts.color = L->c.muted;
		break;
	case T_LABEL:
		ts.size = st->size_small;
		ts.face = FACE_BOLD;
		ts.color = L->c.muted;
		break;
	case T_H1:
		ts.face = FACE_HEADING;
		ts.size = st->size_h1;
		ts.leading = tight;
		ts.color = L->c.heading;
		break;
	case T_H2:
		ts.face = FACE_HEADING;
		ts.size = st->size_h2;
		ts.leading = tight;
		ts.color = L->c.heading;
		break;
	case T_H3:
		ts.face = FACE_HEADING;
		ts.size = st->size_h3;
		ts.leading = tight;
		ts.color = L->c.heading;
		break;
	case T_TITLE:
		ts.face = FACE_HEADING;
		ts.size = st->size_title;
		ts.leading = tight;
		ts.color = L->c.cover_text;
		break;
	case T_LEAD:
		ts.size = (st->size_body + st->size_h3) / 2;
		break;
	case T_QUOTE:
		ts.face = FACE_ITALIC;
		ts.size = st->size_h3;
		ts.color = L->c.heading;
		break;
	}
	return ts;
}

/* Multiples of the body line. */
double lines_of(const struct lay *L, double n)
{
	return L->line * n;
}

/* Options for a plain column block. */
struct lines_opt lines_opt_default(const struct lay *L, int elem)
{
	struct lines_opt o;
	memset(&o, 0, sizeof o);
	o.x = L->left;
	o.width = L->width;
	o.elem = elem;
	o.dest = -1;
	o.label_elem = -1;
	return o;
}

/* One item per line. Widow and orphan control: a break may fall after
 * line i (1-based) only with at least two lines on each side. */
size_t flow_lines(struct lay *L, const struct tblock *b, const struct lines_opt *o)
{
	struct flow *f = &L->fl;
	size_t first = f->n;
	/* A label that wraps (a long status label in the legend) gets as many
	 * lines as it needs, even past the text beside it: no word is lost. */
	size_t nl = b->nlines;
	double line_h = b->line_h;
	if (o->label && o->label->nlines > nl)
		nl = o->label->nlines;
	if (o->label && o->label->nlines > 1 && o->label->line_h > line_h)
		line_h = o->label->line_h;
	for (size_t i = 0; i < nl; i++) {
		unsigned char keep = o->keep_inside;
		if (i + 1 == nl)
			keep = o->keep_last;
		else if (i + 1 < 2 || nl - (i + 1) < 2)
			keep = KEEP_ALWAYS;
		size_t it = flow_open(f, i == 0 ? o->space_before : 0, keep);
		if (i == 0)
			f->items[it].dest = o->dest;
		if (o->bar) {
			double up = i == 0 && o->bar_join ? o->space_before : 0;
			put_rect(&f->boxes, -1, o->bar_x, -line_h, o->bar_w, line_h + up, o->bar_color);
		}
		if (i == 0 && o->icon) {
			double isz = b->ascent + b->descent;
			double base = -text_baseline(b);
			/* Decoration beside its label; alone, it names its status. */
			bool worded = o->label && o->label->nfrags;
			put_icon(&f->boxes, worded ? -1 : o->label_elem, o->icon_x,
				 base - b->descent, isz, o->icon_status);
		}
		if (o->label && i < o->label->nlines)
			text_line_boxes(L, o->label, i, o->label_x, 0, o->label_width, o->label_elem,
					&f->boxes);
		if (i < b->nlines)
			text_line_boxes(L, b, i, o->x, 0, o->width, o->elem, &f->boxes);
		flow_close(f, it, line_h);
	}
	return first;
}

/* Whether two runs link to the same place (consecutive runs of one `a`). */
static bool same_href(const char *a, const char *b)
{
	return a && b && (a == b || strcmp(a, b) == 0);
}

/* Whether two runs are in one language (or both in their paragraph's). */
static bool same_lang(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* See layout_blocks.h. */
void lay_set_lang(struct lay *L, int elem, const char *lang)
{
	if (elem >= 0 && lang && *lang && strcasecmp(lang, L->r->lang) != 0)
		db_elem_more(&L->db, elem, L->a)->lang = lang;
}

/* Runs to spans; see layout_blocks.h. A phrase in another language is a
 * Span with its /Lang (a link in one is a Link that says it). */
struct tspan *para_spans(struct lay *L, const struct para *p, int parent, size_t *n)
{
	struct tspan *sp = arena_calloc(L->a, p->nruns ? p->nruns : 1, sizeof *sp);
	int link = -1, span = -1;
	for (size_t i = 0; i < p->nruns; i++) {
		const struct run *r = &p->runs[i];
		sp[i] = tspan_plain(r->text);
		sp[i].style = r->style;
		sp[i].href = r->href;
		const struct run *prev = i > 0 ? &p->runs[i - 1] : NULL;
		if (r->href) {
			if (!(prev && same_href(prev->href, r->href) && same_lang(prev->lang, r->lang))) {
				link = db_elem(&L->db, ROLE_LINK, parent, NULL);
				lay_set_lang(L, link, r->lang);
			}
			sp[i].elem = link;
		} else if (r->lang) {
			if (!(prev && !prev->href && same_lang(prev->lang, r->lang))) {
				span = db_elem(&L->db, ROLE_SPAN, parent, NULL);
				db_elem_more(&L->db, span, L->a)->lang = r->lang;
			}
			sp[i].elem = span;
		}
	}
	*n = p->nruns;
	return sp;
}

/* A heading kept with the next item. */
int blk_heading(struct lay *L, int level, const char *text, int parent, int dest,
		double space_before, long line)
{
	enum role role = level <= 1 ? ROLE_H1 : level == 2 ? ROLE_H2 : ROLE_H3;
	enum tkind kind = level <= 1 ? T_H1 : level == 2 ? T_H2 : T_H3;
	int e = db_elem(&L->db, role, parent, NULL);
	struct tstyle ts = lay_tstyle(L, kind);
	struct tblock b;
	text_plain(L, &b, text, &ts, L->width, L->r->path, line);
	struct lines_opt o = lines_opt_default(L, e);
	o.space_before = space_before;
	o.keep_inside = KEEP_ALWAYS;
	o.keep_last = KEEP_ALWAYS;
	o.dest = dest;
	flow_lines(L, &b, &o);
	text_free(&b);
	return e;
}

/* A paragraph of the data file. */
int blk_para(struct lay *L, const struct para *p, enum tkind kind, int parent,
	     const struct lines_opt *o)
{
	int e = db_elem(&L->db, ROLE_P, parent, NULL);
	lay_set_lang(L, e, p->lang);
	size_t n;
	struct tspan *sp = para_spans(L, p, e, &n);
	struct tstyle ts = lay_tstyle(L, kind);
	struct tblock b;
	text_shape(L, &b, sp, n, &ts, L->r->path, p->line);
	text_break(L, &b, o->width);
	struct lines_opt oo = *o;
	oo.elem = e;
	flow_lines(L, &b, &oo);
	text_free(&b);
	return e;
}

/* A paragraph of the report's own words. */
int blk_text(struct lay *L, const char *text, enum tkind kind, int parent,
	     const struct lines_opt *o)
{
	int e = db_elem(&L->db, ROLE_P, parent, NULL);
	struct tstyle ts = lay_tstyle(L, kind);
	struct tblock b;
	text_plain(L, &b, text, &ts, o->width, L->r->path, 0);
	struct lines_opt oo = *o;
	oo.elem = e;
	flow_lines(L, &b, &oo);
	text_free(&b);
	return e;
}

/* A label of the report's own: shape, break, draw. */
double put_label(struct lay *L, const char *text, enum tkind kind, enum align align, double x,
		 double top, double width, int elem, struct boxbuf *out)
{
	struct tstyle ts = lay_tstyle(L, kind);
	ts.align = align;
	struct tblock b;
	text_plain(L, &b, text, &ts, width, L->st->path, 0);
	for (size_t i = 0; i < b.nlines; i++)
		text_line_boxes(L, &b, i, x, top - (double)i * b.line_h, width, elem, out);
	double h = text_height(&b);
	text_free(&b);
	return h;
}

/* Natural width of a label on one line. */
double label_width(struct lay *L, const char *text, enum tkind kind)
{
	struct tstyle ts = lay_tstyle(L, kind);
	struct tspan sp = tspan_plain(text);
	struct tblock b;
	text_shape(L, &b, &sp, 1, &ts, L->st->path, 0);
	double w = b.max_width;
	text_free(&b);
	return w;
}

/* Append a span, growing the array in the arena. */
struct tspan *spans_add(struct lay *L, struct spans *s, const char *text, unsigned style)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct tspan *v = arena_calloc(L->a, cap, sizeof *v);
		if (s->n)
			memcpy(v, s->v, s->n * sizeof *v);
		s->v = v;
		s->cap = cap;
	}
	struct tspan *sp = &s->v[s->n++];
	*sp = tspan_plain(text);
	sp->style = style;
	return sp;
}

/* Append a span of text copied into the arena. */
struct tspan *spans_add_copy(struct lay *L, struct spans *s, const char *text, unsigned style)
{
	return spans_add(L, s, arena_strdup(L->a, text), style);
}
