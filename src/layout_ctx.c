#include "layout_ctx.h"

#include <stdlib.h>
#include <string.h>

#include "layout_color.h"

/* Colours for text, each made legible on what it is drawn on. */
static void make_palette(struct lay *L)
{
	const struct style *st = L->st;
	struct rgb white = {1, 1, 1};
	struct palette *c = &L->c;
	c->white = white;
	c->text = readable_on(st->color_text, white, TEXT_CONTRAST);
	c->muted = readable_on(st->color_muted, st->color_band, TEXT_CONTRAST);
	c->muted = readable_on(c->muted, white, TEXT_CONTRAST);
	c->heading = readable_on(st->color_primary, st->color_band, TEXT_CONTRAST);
	c->heading = readable_on(c->heading, white, TEXT_CONTRAST);
	c->link = readable_on(st->color_link, white, TEXT_CONTRAST);
	for (int s = 0; s < STATUS_COUNT; s++) {
		c->status_text[s] = readable_on(st->status_color[s], st->color_band, TEXT_CONTRAST);
		c->status_text[s] = readable_on(c->status_text[s], white, TEXT_CONTRAST);
	}
	c->better = c->status_text[STATUS_MET];
	c->worse = c->status_text[STATUS_NOT_MET];
	c->on_band = readable_on(c->muted, st->color_band, TEXT_CONTRAST);
	c->cover_text = readable_on(st->color_cover_text, st->color_cover_fill, TEXT_CONTRAST);
}

/* Set up geometry, palette, caches and the empty document. */
void lay_init(struct lay *L, const struct presentation *p, const struct style *st,
	      const struct metrics *m, struct arena *a, struct diag *d)
{
	memset(L, 0, sizeof *L);
	L->p = p;
	L->r = p->r;
	L->st = st;
	L->m = m;
	L->a = a;
	L->d = d;
	L->left = st->margin_left;
	L->right = st->page_width - st->margin_right;
	L->width = L->right - L->left;
	L->top = st->page_height - st->margin_top;
	L->bottom = st->margin_bottom;
	L->line = st->size_body * st->leading;
	make_palette(L);
	fontcache_init(&L->fc, m);
	db_init(&L->db, st->page_width, st->page_height);
	flow_init(&L->fl, L->top, L->bottom);
	for (int k = 0; k < PART_COUNT; k++)
		L->part_dest[k] = -1;
	for (int i = 0; i < st->nparts; i++)
		L->has_part[st->parts[i]] = true;
	L->root = db_elem(&L->db, ROLE_DOCUMENT, -1, NULL);
}

/* Free the working state (the finished doc lives on in the arena). */
void lay_free(struct lay *L)
{
	fontcache_free(&L->fc);
	db_free(&L->db);
	flow_free(&L->fl);
}
