#include "layout_card.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_blocks.h"
#include "layout_chart.h"
#include "layout_table.h"
#include "period.h"

/* The colour a trend's word is drawn in: better and worse in the met and
 * not-met colours (made legible), the words themselves saying it too. */
struct rgb trend_color(const struct lay *L, enum trend t)
{
	switch (t) {
	case TREND_BETTER:
		return L->c.better;
	case TREND_WORSE:
		return L->c.worse;
	case TREND_UNCHANGED:
	case TREND_NONE:
		break;
	}
	return L->c.text;
}

/* A fact: a label and its value. */
struct fact {
	const char *label;
	struct spans value;
	const struct para *para; /* A rich value from the data file instead of `value`. */
	long line;
};

#define MAX_FACTS 24

/* A fact whose value is one plain string (copied). */
static struct fact *fact_add(struct lay *L, struct fact *f, size_t *n, const char *label,
			     const char *value)
{
	struct fact *x = &f[(*n)++];
	memset(x, 0, sizeof *x);
	x->label = label;
	x->line = 0;
	if (value)
		spans_add_copy(L, &x->value, value, 0);
	return x;
}

/* A comparison with an earlier quarter, and its trend word in colour;
 * nothing where neither quarter has a result to show (the legend says
 * once what earlier results the report holds). */
static void change_fact(struct lay *L, const struct pres_change *c, struct fact *f, size_t *n)
{
	if (c->says_little)
		return;
	struct fact *x = fact_add(L, f, n, c->label, c->text);
	if (c->trend_word) {
		/* A no-break space after the dash: "— worse" never parts. */
		spans_add(L, &x->value, " \xE2\x80\x94\xC2\xA0", 0);
		struct tspan *sp = spans_add(L, &x->value, c->trend_word, RUN_BOLD);
		sp->has_color = true;
		sp->color = trend_color(L, c->trend);
	}
}

/* The facts a card lists, in reading order, all in the presentation's words:
 * what was compared and as of when, against which targets, the reason for
 * a status, then how the result moved, and what the chart cannot show. */
static size_t collect_facts(struct lay *L, const struct measure *m, struct fact *f)
{
	size_t n = 0;
	const struct pres_measure *pm = present_measure(L->p, m);
	struct fact *x = fact_add(L, f, &n, "Result", pm->sentence);
	x->line = m->line;
	/* For an annual target the sentence speaks of the year to date; the
	 * period's own result is worth a line of its own. */
	if (pm->this_quarter)
		fact_add(L, f, &n, pm->this_period_label, pm->this_quarter);
	if (pm->to_date)
		fact_add(L, f, &n, "Year to date", pm->to_date);
	if (pm->pace)
		fact_add(L, f, &n, "Pace", pm->pace);
	if (pm->second)
		fact_add(L, f, &n, pm->second_label, pm->second);
	if (pm->targets_text)
		fact_add(L, f, &n, "Targets", pm->targets_text);
	if (pm->reason)
		fact_add(L, f, &n, "Status", pm->reason);
	if (pm->latest)
		fact_add(L, f, &n, "Latest result", pm->latest);
	if (pm->benchmarks) {
		x = fact_add(L, f, &n, "Benchmark", pm->benchmarks);
		x->line = m->nbenchmarks ? m->benchmarks[0].line : m->line;
	}
	if (pm->override_note)
		fact_add(L, f, &n, "Status", pm->override_note);
	change_fact(L, &pm->vs_last_year, f, &n);
	change_fact(L, &pm->vs_last_quarter, f, &n);
	if (pm->recent)
		fact_add(L, f, &n, "Results", pm->recent);
	if (pm->frequency_note)
		fact_add(L, f, &n, "Reported", pm->frequency_note);
	if (pm->since_note)
		fact_add(L, f, &n, "History", pm->since_note);
	if (pm->source)
		fact_add(L, f, &n, "Source", pm->source);
	if (m->definition.nruns > 0) {
		x = fact_add(L, f, &n, "Definition", NULL);
		x->para = &m->definition;
	}
	return n;
}

/* Band with the name, department and status: the card's first item, kept
 * with what follows it. */
static void card_head(struct lay *L, const struct measure *m, int sect, double space_before,
		      double pad)
{
	struct flow *fl = &L->fl;
	const struct pres_measure *pm = present_measure(L->p, m);
	enum status s = pm->status;
	double inner = L->width - 2 * pad;

	/* Status at the right: icon and label, as wide as the label needs. */
	struct tstyle sts = lay_tstyle(L, T_BODY);
	sts.face = FACE_BOLD;
	sts.color = L->c.status_text[s];
	struct tblock sb;
	text_plain(L, &sb, pm->status_word, &sts, inner * 0.35, L->st->path, 0);
	double isz = L->st->size_body * 1.3;
	double status_w = 0;
	for (size_t i = 0; i < sb.nlines; i++)
		status_w = fmax(status_w, sb.lines[i].width);
	double status_room = status_w + isz + L->st->size_body * 0.5;

	int h2 = db_elem(&L->db, ROLE_H2, sect, NULL);
	struct tstyle nts = lay_tstyle(L, T_H3);
	struct tspan *nsp = arena_alloc(L->a, sizeof *nsp);
	*nsp = tspan_plain(m->name);
	struct tblock nb;
	text_shape(L, &nb, nsp, 1, &nts, L->r->path, m->line);
	text_break(L, &nb, inner - status_room - pad);

	/* The department, small and muted. */
	const char *sub = m->department;

	double top = -pad * 0.8;
	size_t it = flow_open(fl, space_before, KEEP_ALWAYS);
	fl->items[it].dest = L->measure_dest[m->index];
	size_t band = fl->boxes.n;
	put_rect(&fl->boxes, -1, L->left, 0, L->width, 0, L->st->color_band);
	put_rect(&fl->boxes, -1, L->left, 0, pad * 0.3, 0, L->st->status_color[s]);
	for (size_t i = 0; i < nb.nlines; i++)
		text_line_boxes(L, &nb, i, L->left + pad, top - (double)i * nb.line_h,
				inner - status_room - pad, h2, &fl->boxes);
	/* Line the status label's baseline up with the name's first line. */
	int sp = db_elem(&L->db, ROLE_P, sect, NULL);
	double stop = top - text_baseline(&nb) + text_baseline(&sb);
	double sx = L->right - pad - status_w;
	double base = stop - text_baseline(&sb);
	/* With its word beside it, the icon is decoration: a reader would
	 * otherwise hear the status twice. */
	put_icon(&fl->boxes, sb.nfrags ? -1 : sp, sx - isz - L->st->size_body * 0.4,
		 base - isz * 0.2, isz, s);
	for (size_t i = 0; i < sb.nlines; i++)
		text_line_boxes(L, &sb, i, sx, stop - (double)i * sb.line_h, status_w, sp, &fl->boxes);
	double h = -top + text_height(&nb);
	h = fmax(h, -stop + text_height(&sb));
	if (sub && *sub) {
		int pe = db_elem(&L->db, ROLE_P, sect, NULL);
		struct tstyle dts = lay_tstyle(L, T_SMALL);
		dts.color = L->c.on_band;
		struct tblock db;
		text_plain(L, &db, sub, &dts, inner - status_room - pad, L->r->path, m->line);
		for (size_t i = 0; i < db.nlines; i++)
			text_line_boxes(L, &db, i, L->left + pad, -h - (double)i * db.line_h,
					inner - status_room - pad, pe, &fl->boxes);
		h += text_height(&db);
		text_free(&db);
	}
	h += pad * 0.8;
	/* The band and status stripe are as tall as what they hold. */
	for (size_t k = band; k < band + 2; k++) {
		fl->boxes.v[k].u.rect.y = -h;
		fl->boxes.v[k].u.rect.h = h;
	}
	flow_close(fl, it, h);
	text_free(&nb);
	text_free(&sb);
}

/* Facts as a two-column table (row heads on the left) and, beside them,
 * the chart: one item, so they stay together. */
static void card_body(struct lay *L, const struct measure *m, int sect, double pad)
{
	struct flow *fl = &L->fl;
	struct fact facts[MAX_FACTS];
	size_t nf = collect_facts(L, m, facts);
	double inner = L->width - 2 * pad;
	bool chart = present_measure(L->p, m)->card.drawn;
	double chart_w = chart ? fmax(inner * 0.4, 150) : 0;
	double gap = chart ? L->line * 1.5 : 0;
	double facts_w = inner - chart_w - gap;
	double label_w = 0;
	for (size_t i = 0; i < nf; i++)
		label_w = fmax(label_w, label_width(L, facts[i].label, T_LABEL));
	label_w += L->st->size_small;
	if (label_w > facts_w * 0.4)
		label_w = facts_w * 0.4;
	double value_w = facts_w - label_w;

	size_t it = flow_open(fl, L->line * 0.6, KEEP_CARD);
	int table = db_elem(&L->db, ROLE_TABLE, sect, NULL);
	double y = 0;
	double row_gap = L->line * 0.25;
	struct tstyle vts = lay_tstyle(L, T_BODY);
	for (size_t i = 0; i < nf; i++) {
		int tr = db_elem(&L->db, ROLE_TR, table, NULL);
		int th = db_elem(&L->db, ROLE_TH, tr, NULL);
		L->db.elems[th].th_row_scope = true;
		int td = db_elem(&L->db, ROLE_TD, tr, NULL);
		struct tblock vb;
		if (facts[i].para) {
			size_t ns;
			lay_set_lang(L, td, facts[i].para->lang);
			struct tspan *sp = para_spans(L, facts[i].para, td, &ns);
			text_shape(L, &vb, sp, ns, &vts, L->r->path, facts[i].para->line);
		} else {
			text_shape(L, &vb, facts[i].value.v, facts[i].value.n, &vts, L->r->path,
				   facts[i].line);
		}
		text_break(L, &vb, value_w);
		/* Label baseline on the value's first baseline. */
		struct tstyle lts = lay_tstyle(L, T_LABEL);
		struct tblock lb;
		text_plain(L, &lb, facts[i].label, &lts, label_w - L->st->size_small * 0.5, L->st->path, 0);
		double ltop = y - text_baseline(&vb) + text_baseline(&lb);
		for (size_t k = 0; k < lb.nlines; k++)
			text_line_boxes(L, &lb, k, L->left + pad, ltop - (double)k * lb.line_h, label_w,
					th, &fl->boxes);
		for (size_t k = 0; k < vb.nlines; k++)
			text_line_boxes(L, &vb, k, L->left + pad + label_w, y - (double)k * vb.line_h,
					value_w, td, &fl->boxes);
		double rh = fmax(text_height(&vb), y - ltop + text_height(&lb));
		y -= rh + row_gap;
		text_free(&vb);
		text_free(&lb);
	}
	double h = -y - row_gap;
	if (chart) {
		double ch = L->line * 10;
		chart_draw(L, &present_measure(L->p, m)->card, sect, L->right - pad - chart_w, 0, chart_w, ch);
		h = fmax(h, ch);
	}
	flow_close(fl, it, h);
}

/* A titled group of paragraphs (commentary, next steps) inside the card. */
static void card_paras(struct lay *L, const struct paras *ps, const char *title, int sect,
		       double pad)
{
	if (ps->n == 0)
		return;
	int h3 = db_elem(&L->db, ROLE_H3, sect, NULL);
	struct tstyle ts = lay_tstyle(L, T_LABEL);
	struct tblock tb;
	text_plain(L, &tb, title, &ts, L->width - 2 * pad, L->st->path, 0);
	struct lines_opt o = lines_opt_default(L, h3);
	o.x = L->left + pad;
	o.width = L->width - 2 * pad;
	o.space_before = L->line * 0.7;
	o.keep_inside = KEEP_ALWAYS;
	o.keep_last = KEEP_ALWAYS;
	flow_lines(L, &tb, &o);
	text_free(&tb);
	for (size_t i = 0; i < ps->n; i++) {
		struct lines_opt po = lines_opt_default(L, -1);
		po.x = L->left + pad;
		po.width = L->width - 2 * pad;
		po.space_before = i ? L->line * 0.4 : L->line * 0.15;
		po.keep_inside = KEEP_CARD;
		po.keep_last = KEEP_CARD;
		blk_para(L, &ps->items[i], T_BODY, sect, &po);
	}
}

/* The judged period's breakdown as a small table: each part and its
 * result, kept with the card. */
static void card_breakdown(struct lay *L, const struct measure *m, int sect, double pad)
{
	const struct pres_measure *pm = present_measure(L->p, m);
	if (!pm->breakdown_title)
		return;
	const struct pres_period *cur = pm->current;
	struct tcol *cols = arena_calloc(L->a, 2, sizeof *cols);
	cols[0] = (struct tcol){pm->breakdown_title, ALIGN_LEFT, true};
	cols[1] = (struct tcol){pm->judged_label, ALIGN_RIGHT, false};
	struct table t;
	memset(&t, 0, sizeof t);
	t.cols = cols;
	t.ncols = 2;
	t.nrows = cur->nparts;
	t.cells = arena_calloc(L->a, 2 * cur->nparts + 1, sizeof *t.cells);
	for (size_t i = 0; i < cur->nparts; i++) {
		tcell_text(L, &t.cells[2 * i], cur->parts[i].label);
		t.cells[2 * i].line = m->line;
		t.cells[2 * i].row_head = true;
		tcell_text(L, &t.cells[2 * i + 1],
			   cur->parts[i].value ? cur->parts[i].value : L->p->no_result_mark);
		if (!cur->parts[i].value)
			t.cells[2 * i + 1].actual_text = pm->no_result;
	}
	t.parent = sect;
	t.x = L->left + pad;
	t.width = (L->width - 2 * pad) * 0.6;
	t.band = true;
	t.kind = T_BODY;
	t.space_before = L->line * 0.7;
	size_t first = L->fl.n;
	table_shape(L, &t);
	table_fit(L, &t, NULL, NULL);
	table_flow(L, &t);
	for (size_t i = first; i < L->fl.n; i++)
		L->fl.items[i].keep = KEEP_CARD;
}

/* The band atop each further page a card goes on to: the name, continued,
 * on the band colour beside the status stripe. A spare item, drawn only as
 * a copy above the card's part that opens a page (so an artifact: the
 * card's heading is tagged where it first stands). Returns the item. */
static int card_continued(struct lay *L, const struct measure *m, double pad)
{
	struct flow *fl = &L->fl;
	const struct pres_measure *pm = present_measure(L->p, m);
	struct tstyle nts = lay_tstyle(L, T_H3);
	struct tblock nb;
	text_plain(L, &nb, pm->continued, &nts, L->width - 2 * pad, L->r->path, m->line);
	double h = text_height(&nb) + pad * 1.2;
	size_t it = flow_open(fl, 0, KEEP_ALWAYS);
	fl->items[it].spare = true;
	put_rect(&fl->boxes, -1, L->left, -h, L->width, h, L->st->color_band);
	put_rect(&fl->boxes, -1, L->left, -h, pad * 0.3, h, L->st->status_color[pm->status]);
	for (size_t i = 0; i < nb.nlines; i++)
		text_line_boxes(L, &nb, i, L->left + pad, -pad * 0.6 - (double)i * nb.line_h,
				L->width - 2 * pad, -1, &fl->boxes);
	/* The air a card's parts keep from the band above them. */
	flow_close(fl, it, h + L->line * 0.6);
	text_free(&nb);
	return (int)it;
}

/* The whole card; its items hold together (KEEP_CARD) but the last. Where
 * it must go on to another page, the part that opens that page has the
 * card's name, continued, above it. */
void card_measure(struct lay *L, const struct measure *m, int parent, double space_before)
{
	int sect = db_elem(&L->db, ROLE_SECT, parent, NULL);
	double pad = L->st->size_body * 0.9;
	if (L->measure_dest[m->index] >= 0)
		db_outline(&L->db, m->name, 1, L->measure_dest[m->index]);
	int cont = card_continued(L, m, pad);
	size_t first = L->fl.n;
	card_head(L, m, sect, space_before, pad);
	card_body(L, m, sect, pad);
	card_breakdown(L, m, sect, pad);
	card_paras(L, &m->commentary, "Commentary", sect, pad);
	card_paras(L, &m->action, "Next steps", sect, pad);
	const struct paras notes = {m->notes, m->nnotes};
	card_paras(L, &notes, "Notes", sect, pad);
	for (size_t i = first + 1; i < L->fl.n; i++)
		L->fl.items[i].head = cont;
	L->fl.items[L->fl.n - 1].keep = KEEP_NONE;
}
