/* The narrative's measure lines: where a section names measures, each is
 * one compact entry (its status, its name linking to its card, the result
 * against the target, and the card's page number), so that a card is
 * printed once, in its goal's section. Without a goals part there is no
 * card to point at, and the narrative shows the card itself. */
#include "layout_brief.h"

#include <math.h>

#include "layout_card.h"

/* The widest status label with its icon: the entries' first column. */
static double status_column(struct lay *L, const struct tstyle *ts, double isz)
{
	double w = 0;
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct tblock b;
		text_plain(L, &b, L->p->status_label[s], ts, 1e9, L->st->path, 0);
		w = fmax(w, b.max_width);
		text_free(&b);
	}
	w += isz + ts->size * 0.45;
	return fmin(w, L->width * 0.3);
}

/* One entry: L > LI > Lbl (the status) + LBody (a Link holding the name and
 * the page number, then the sentence). One flow item, never split. */
static void entry(struct lay *L, int list, const struct measure *m, double space_before,
		  double label_w)
{
	struct flow *f = &L->fl;
	const struct pres_measure *pm = present_measure(L->p, m);
	int dest = L->measure_dest[m->index];
	int li = db_elem(&L->db, ROLE_LI, list, NULL);
	int lbl = db_elem(&L->db, ROLE_LBL, li, NULL);
	int body = db_elem(&L->db, ROLE_LBODY, li, NULL);
	int link = db_elem(&L->db, ROLE_LINK, body, NULL);

	struct tstyle sts = lay_tstyle(L, T_BODY);
	sts.face = FACE_BOLD;
	sts.color = L->c.status_text[pm->status];
	double isz = sts.size * 1.1, igap = sts.size * 0.45;
	struct tblock sb;
	text_plain(L, &sb, pm->status_word, &sts, label_w - isz - igap, L->st->path, 0);

	double num_w = label_width(L, L->page_digits, T_BODY);
	double gap = L->st->size_body;
	double x = L->left + label_w + gap;
	double width = L->right - x - num_w - gap;
	struct tstyle nts = lay_tstyle(L, T_BODY);
	nts.face = FACE_BOLD;
	nts.color = L->c.heading;
	nts.link_color = L->c.heading;
	struct tspan *nsp = arena_alloc(L->a, sizeof *nsp);
	*nsp = tspan_plain(m->name);
	struct tblock nb;
	text_shape(L, &nb, nsp, 1, &nts, L->r->path, m->line);
	text_break(L, &nb, width);
	struct tblock rb;
	struct tstyle rts = lay_tstyle(L, T_BODY_MUTED);
	text_plain(L, &rb, pm->sentence, &rts, width, L->r->path, m->line);

	size_t it = flow_open(f, space_before, KEEP_NONE);
	double top = -L->line * 0.25;
	double base = top - text_baseline(&nb);
	/* The status word stands on the name's first baseline; the icon beside
	 * it is decoration, since the word says it. */
	double stop = base + text_baseline(&sb);
	put_icon(&f->boxes, sb.nfrags ? -1 : lbl, L->left, base - sb.descent, isz, pm->status);
	for (size_t i = 0; i < sb.nlines; i++)
		text_line_boxes(L, &sb, i, L->left + isz + igap, stop - (double)i * sb.line_h,
				label_w - isz - igap, lbl, &f->boxes);
	for (size_t i = 0; i < nb.nlines; i++)
		text_line_boxes(L, &nb, i, x, top - (double)i * nb.line_h, width, link, &f->boxes);
	double name_h = text_height(&nb);
	/* Dotted leader and the card's page, as the contents show them. */
	double last = top - (name_h - nb.line_h) - text_baseline(&nb);
	double lead_from = x + (nb.nlines ? nb.lines[nb.nlines - 1].width : 0) + gap * 0.5;
	double lead_to = L->right - num_w - gap * 0.5;
	if (lead_to > lead_from)
		put_line(&f->boxes, -1, lead_from, last, lead_to, last, 0.6, L->st->color_rule, true);
	struct box *num = boxbuf_push(&f->boxes, BOX_TEXT, link);
	num->u.text.x = L->right;
	num->u.text.y = last;
	num->u.text.face = FACE_REGULAR;
	num->u.text.size = L->st->size_body;
	num->u.text.color = L->c.text;
	num->u.text.text = "";
	flow_page_number(f, f->boxes.n - 1, dest, L->right);
	put_link_dest(&f->boxes, link, x, top - name_h, L->right - x, name_h, dest);
	double y = top - name_h;
	for (size_t i = 0; i < rb.nlines; i++)
		text_line_boxes(L, &rb, i, x, y - (double)i * rb.line_h, width, body, &f->boxes);
	y -= text_height(&rb);
	double h = fmax(-y, -stop + text_height(&sb)) + L->line * 0.25;
	put_line(&f->boxes, -1, L->left, -h, L->right, -h, 0.4, L->st->color_rule, false);
	flow_close(f, it, h);
	text_free(&sb);
	text_free(&nb);
	text_free(&rb);
}

/* See layout_brief.h. */
void brief_measures(struct lay *L, struct measure *const *ms, size_t n, int sect,
		    double space_before)
{
	if (!L->has_part[PART_GOALS]) {
		for (size_t k = 0; k < n; k++)
			card_measure(L, ms[k], sect, k ? L->line * 1.6 : space_before);
		return;
	}
	int list = db_elem(&L->db, ROLE_L, sect, NULL);
	struct tstyle sts = lay_tstyle(L, T_BODY);
	sts.face = FACE_BOLD;
	double label_w = status_column(L, &sts, sts.size * 1.1);
	for (size_t k = 0; k < n; k++)
		entry(L, list, ms[k], k ? 0 : space_before, label_w);
}
