#include "layout_parts.h"

#include <math.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_image.h"

/* Draw a shaped block from `top` downward; returns its height. */
static double draw_block(struct lay *L, const struct tblock *b, int elem, double x, double top,
			 double width)
{
	for (size_t i = 0; i < b->nlines; i++)
		text_line_boxes(L, b, i, x, top - (double)i * b->line_h, width, elem, &L->fl.boxes);
	return text_height(b);
}

/* Shape `text` (from data file line `line`, 0 for our own words) into at
 * most `max` lines of `width`. Longer text is cut short with an ellipsis:
 * the longest start of it that fits, found by bisection so that even an
 * enormous title costs a few passes. The cover is one page; what it cannot
 * hold is still in the header and metadata. */
static void plain_lines(struct lay *L, struct tblock *b, const char *text,
			const struct tstyle *ts, double width, size_t max, long line)
{
	text_plain(L, b, text, ts, width, L->r->path, line);
	if (b->nlines <= max)
		return;
	/* Only the bytes of the first `max` lines can be kept. */
	size_t cut = strlen(text);
	for (size_t i = b->lines[max].first; i < b->nlfrags; i++)
		if (b->lfrags[i].off != (size_t)-1) {
			cut = b->lfrags[i].off;
			break;
		}
	text_free(b);
	size_t lo = 0, hi = cut; /* The answer is in [lo, hi]; lo always fits. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
			mid--; /* Back to the start of a character... */
		if (mid == lo) {
			mid = lo + 1; /* ...or on to the next one. */
			while (mid <= hi && ((unsigned char)text[mid] & 0xC0) == 0x80)
				mid++;
			if (mid > hi)
				break;
		}
		const char *s = arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)mid, text);
		text_plain(L, b, s, ts, width, L->r->path, line);
		bool fits = b->nlines <= max;
		text_free(b);
		if (fits)
			lo = mid;
		else
			hi = mid - 1;
	}
	while (lo > 0 && text[lo - 1] == ' ')
		lo--;
	text_plain(L, b, arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)lo, text), ts, width,
		   L->r->path, line);
}

/* Stack a block of text (at most `max` lines, from data file line `line`)
 * from `top` downward in page coordinates; returns its height. */
static double cover_text(struct lay *L, const char *text, struct tstyle ts, int parent,
			 enum role role, double x, double top, double width, size_t max, long line)
{
	int e = db_elem(&L->db, role, parent, NULL);
	struct tblock b;
	plain_lines(L, &b, text, &ts, width, max, line);
	double h = draw_block(L, &b, e, x, top, width);
	text_free(&b);
	return h;
}

/* A bar across the column in the statuses' colours, each share as long as
 * its count, good news first; decoration, since the tiles say the numbers. */
static void share_bar(struct lay *L, const int *counts, double x, double top, double width,
		      double h)
{
	double gap = 1.5, total = 0;
	int shown = 0;
	for (int i = 0; i < STATUS_COUNT; i++) {
		total += counts[i];
		shown += counts[i] > 0;
	}
	if (total <= 0)
		return;
	double room = width - gap * (shown - 1), cx = x;
	for (int i = 0; i < STATUS_COUNT; i++) {
		enum status s = L->p->order[i];
		if (counts[s] == 0)
			continue;
		double w = room * counts[s] / total;
		put_rect(&L->fl.boxes, -1, cx, top - h, w, h, L->st->status_color[s]);
		cx += w + gap;
	}
}

/* The cover's lower half: the quarter's statuses, standing on the foot of
 * the text area: how many measures, a tile per status, and their shares
 * as a bar. Where the titles above leave too little room (below `limit`),
 * a line of chips instead, or nothing. */
static void overview(struct lay *L, int sect, double limit)
{
	const struct report *r = L->r;
	double x = L->left, width = L->width, foot = L->st->margin_bottom;
	const char *what = arena_printf(L->a, "%zu measure%s this quarter", r->nmeasures,
					r->nmeasures == 1 ? "" : "s");
	struct tstyle hs = lay_tstyle(L, T_H3);
	struct tblock hb;
	text_plain(L, &hb, what, &hs, width, r->path, 0);
	double gap = L->line * 0.6, bar = L->st->size_body * 0.8;
	double tiles = draw_tiles(L, &L->p->counts, sect, x, 0, width, NULL);
	double top = foot + text_height(&hb) + gap + bar + gap * 1.5 + tiles;
	if (top <= limit) {
		double y = top;
		y -= draw_block(L, &hb, db_elem(&L->db, ROLE_P, sect, NULL), x, y, width) + gap;
		y -= draw_tiles(L, &L->p->counts, sect, x, y, width, &L->fl.boxes) + gap * 1.5;
		share_bar(L, r->counts, x, y, width, bar);
		text_free(&hb);
		return;
	}
	text_free(&hb);
	/* The chips take a line or two under a small label. */
	struct tblock lb;
	struct tstyle ls = lay_tstyle(L, T_LABEL);
	text_plain(L, &lb, what, &ls, width, r->path, 0);
	double chips = draw_chips(L, &L->p->counts, -1, x, 0, width, NULL);
	top = foot + text_height(&lb) + L->line * 0.2 + chips;
	if (top <= limit) {
		double y = top;
		y -= draw_block(L, &lb, db_elem(&L->db, ROLE_P, sect, NULL), x, y, width) + L->line * 0.2;
		draw_chips(L, &L->p->counts, db_elem(&L->db, ROLE_P, sect, NULL), x, y, width, &L->fl.boxes);
	}
	text_free(&lb);
}

/* The cover: a band in the brand's fill with the logo, organization, title
 * and subtitle; an accent rule; then the quarter, its dates, the plan and
 * the publication date on white, and at the foot the quarter's statuses.
 * No header or footer. */
void part_cover(struct lay *L)
{
	const struct style *st = L->st;
	const struct report *r = L->r;
	struct flow *f = &L->fl;
	size_t it = flow_open(f, 0, KEEP_NONE);
	f->items[it].full_page = true;
	int sect = db_elem(&L->db, ROLE_SECT, L->root, NULL);
	double W = st->page_width, H = st->page_height;
	size_t fill = f->boxes.n;
	put_rect(&f->boxes, -1, 0, 0, W, H, st->color_cover_fill);

	double x = L->left, width = L->width;
	double y = H - st->margin_top;
	if (st->logo_path) {
		double lh = fmin(H * 0.11, st->size_title * 3);
		double aspect = image_aspect(st->logo_path);
		double lw = fmin(lh * aspect, width);
		struct box *bx = boxbuf_push(&f->boxes, BOX_IMAGE, -1);
		bx->u.image.x = x;
		bx->u.image.y = y - lw / aspect;
		bx->u.image.w = lw;
		bx->u.image.h = lw / aspect;
		bx->u.image.path = st->logo_path;
		y -= lw / aspect + L->line * 2;
	} else {
		y -= L->line * 3;
	}
	/* Organization, title and subtitle sit at the foot of the band, which
	 * reaches half way down the page, or further if they need it; each has
	 * a few lines at most, so the quarter always has the lower part. */
	struct tstyle org = lay_tstyle(L, T_H2);
	org.face = FACE_BOLD;
	org.color = L->c.cover_text;
	struct tstyle title = lay_tstyle(L, T_TITLE);
	struct tstyle sub = lay_tstyle(L, T_LEAD);
	sub.size = st->size_h3 * 1.15;
	sub.color = L->c.cover_text;
	struct tblock ob, tb, sb = {0};
	plain_lines(L, &ob, r->organization, &org, width, 2, r->organization_line);
	plain_lines(L, &tb, r->title, &title, width, 3, r->title_line);
	double text_h = text_height(&ob) + L->line * 1.2 + text_height(&tb);
	if (r->subtitle) {
		plain_lines(L, &sb, r->subtitle, &sub, width * 0.85, 3, r->subtitle_line);
		text_h += L->line * 0.8 + text_height(&sb);
	}
	/* A band in a colour fills the top half; on a white cover there is no
	 * band to fill, and the titles keep to the top third, close to where
	 * the eye starts. */
	bool white = st->color_cover_fill.r > 0.97 && st->color_cover_fill.g > 0.97 &&
		     st->color_cover_fill.b > 0.97;
	double band_bottom = fmin(y - text_h - L->line * 2.5, H * (white ? 2.0 / 3 : 0.5));
	if (band_bottom < st->margin_bottom)
		band_bottom = st->margin_bottom;
	y = band_bottom + L->line * 2.5 + text_h;
	y -= draw_block(L, &ob, db_elem(&L->db, ROLE_P, sect, NULL), x, y, width) + L->line * 1.2;
	y -= draw_block(L, &tb, db_elem(&L->db, ROLE_H1, sect, NULL), x, y, width);
	if (r->subtitle)
		draw_block(L, &sb, db_elem(&L->db, ROLE_P, sect, NULL), x, y - L->line * 0.8,
			   width * 0.85);
	text_free(&ob);
	text_free(&tb);
	text_free(&sb);
	f->boxes.v[fill].u.rect.y = band_bottom;
	f->boxes.v[fill].u.rect.h = H - band_bottom;
	put_rect(&f->boxes, -1, 0, band_bottom - st->size_body * 0.5, W, st->size_body * 0.5,
		 st->color_accent);

	y = band_bottom - L->line * 3.5;
	struct tstyle period = lay_tstyle(L, T_H1);
	y -= cover_text(L, L->p->period_label, period, sect, ROLE_P, x, y, width, 1, 0);
	y -= L->line * 0.3;
	y -= cover_text(L, L->p->period_dates, lay_tstyle(L, T_LEAD), sect, ROLE_P, x, y, width, 1, 0);
	y -= L->line * 2;
	if (r->plan) {
		struct tstyle label = lay_tstyle(L, T_LABEL);
		y -= cover_text(L, L->p->plan_label, label, sect, ROLE_P, x, y, width, 1, 0);
		struct tstyle plan = lay_tstyle(L, T_LEAD);
		plan.face = FACE_BOLD;
		plan.color = L->c.heading;
		y -= cover_text(L, r->plan, plan, sect, ROLE_P, x, y, width, 2, r->plan_line);
		y -= L->line;
	}
	if (L->p->published)
		y -= cover_text(L, L->p->published, lay_tstyle(L, T_BODY_MUTED), sect, ROLE_P, x, y,
				width, 1, 0);
	if (r->nmeasures > 0)
		overview(L, sect, y - L->line * 2);
	flow_close(f, it, H);
}
