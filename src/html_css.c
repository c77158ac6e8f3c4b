/* The page's stylesheet, inline, from the layout: its colours (each made
 * legible on what it is drawn on), its faces as CSS font families with
 * fallbacks, its type sizes as proportions of the body text. It reflows
 * from a 320-pixel phone to a wide screen, keeps a visible focus ring, and
 * prints cleanly. */
#include <math.h>
#include <stdio.h>

#include "html.h"
#include "layout_color.h"

/* As in svg_chart.c: a little above WCAG's minimums, so colours rounded to
 * eight bits a channel still meet 4.5:1 (text) and 3:1 (graphics). */
#define TEXT_MIN 4.6
#define MARK_MIN 3.1

static const struct rgb white = {1, 1, 1};

/* "#rrggbb" into `out`. */
static void hex(char out[8], struct rgb c)
{
	snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(c.r * 255) & 0xff,
		 (unsigned)lround(c.g * 255) & 0xff, (unsigned)lround(c.b * 255) & 0xff);
}

/* A colour legible on both the page and the band. */
static struct rgb on_both(struct rgb fg, struct rgb band, double min)
{
	return readable_on(readable_on(fg, band, min), white, min);
}

/* White marks on dark fills, near-black on light ones, whichever stands
 * out more (as the PDF's icons). */
static struct rgb mark_on(struct rgb fill)
{
	struct rgb ink = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
	return contrast_ratio(white, fill) >= contrast_ratio(ink, fill) ? white : ink;
}

void html_palette_make(const struct style *st, struct html_palette *c)
{
	struct rgb band = st->color_band;
	hex(c->page, white);
	hex(c->band, band);
	hex(c->rule, st->color_rule);
	hex(c->accent, st->color_accent);
	hex(c->text, on_both(st->color_text, band, TEXT_MIN));
	struct rgb muted = on_both(st->color_muted, band, TEXT_MIN);
	hex(c->muted, muted);
	hex(c->on_band, muted);
	hex(c->heading, on_both(st->color_primary, band, TEXT_MIN));
	hex(c->link, on_both(st->color_link, band, TEXT_MIN));
	hex(c->focus, on_both(st->color_link, band, MARK_MIN));
	hex(c->cover_fill, st->color_cover_fill);
	hex(c->cover_text, readable_on(st->color_cover_text, st->color_cover_fill, TEXT_MIN));
	for (int s = 0; s < STATUS_COUNT; s++) {
		hex(c->status_text[s], on_both(st->status_color[s], band, TEXT_MIN));
		struct rgb icon = on_both(st->status_color[s], band, MARK_MIN);
		hex(c->status_icon[s], icon);
		hex(c->status_mark[s], mark_on(icon));
		hex(c->stripe[s], icon);
	}
	snprintf(c->better, sizeof c->better, "%s", c->status_text[STATUS_MET]);
	snprintf(c->worse, sizeof c->worse, "%s", c->status_text[STATUS_NOT_MET]);
}

/* A size as a proportion of the body text, in em. */
static double em(const struct style *st, double size)
{
	return st->size_body > 0 ? size / st->size_body : 1;
}

/* What a narrow screen shows before each cell of a stacked table: the
 * column's name, as the header row is out of sight. */
static void stack_labels(struct html *h)
{
	const struct pres_page *w = &h->p->page;
	/* The first column is the measure's name, a row header: it needs none. */
	const char *appendix[] = {NULL, w->status, w->result, w->target};
	for (size_t i = 1; i < sizeof appendix / sizeof *appendix; i++) {
		sb_printf(&h->b, ".every td:nth-child(%zu)::before{content:", i + 1);
		html_css_string(h, appendix[i]);
		sb_add(&h->b, "}");
	}
}

void html_css(struct html *h)
{
	const struct style *st = h->st;
	const struct html_palette *c = &h->c;
	struct strbuf *b = &h->b;
	sb_add(b, "<style>\n");
	sb_printf(b,
		  "*,::before,::after{box-sizing:border-box}\n"
		  "html{-webkit-text-size-adjust:100%%;text-size-adjust:100%%}\n"
		  "body{margin:0;font-family:%s;color:%s;background:%s;line-height:%.2f;"
		  "overflow-wrap:break-word}\n",
		  h->body_font, c->text, c->page, st->leading > 1 ? st->leading : 1.4);
	sb_printf(b,
		  "h1,h2,h3,h4,.tile-name,.counts .n{font-family:%s;font-weight:%d;line-height:1.2}\n"
		  "h2{color:%s;font-size:%.3fem;margin:2.5rem 0 .5rem}\n"
		  "h3{font-size:%.3fem;margin:0}\n"
		  "h4{font-size:%.3fem;color:%s;margin:1rem 0 .25rem}\n"
		  "small,.small{font-size:%.3fem}\n",
		  h->heading_font, h->heading_weight, c->heading, fmin(em(st, st->size_h1), 2.2),
		  fmin(em(st, st->size_h3), 1.5), fmax(em(st, st->size_small), 0.85), c->muted,
		  fmax(em(st, st->size_small), 0.85));
	sb_printf(b,
		  "a{color:%s}\n"
		  ":focus-visible{outline:3px solid %s;outline-offset:2px}\n"
		  ".wrap{max-width:72rem;margin:0 auto;padding:0 1rem}\n"

		  ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%%);"
		  "white-space:nowrap}\n"
		  ".skip{position:absolute;left:1rem;top:-20rem;z-index:9;background:%s;color:%s;"
		  "padding:.6rem 1rem;font-weight:700}\n"
		  ".skip:focus{top:1rem}\n"
		  /* Inside the white box: the masthead around it may be any colour. */
		  ".skip:focus-visible{outline-offset:-6px}\n",
		  c->link, c->focus, c->page, c->link);
	/* The masthead: the cover's colours, logo, organization and title. */
	sb_printf(b,
		  ".mast{background:%s;color:%s;border-bottom:6px solid %s}\n"
		  ".mast .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:1rem 1.5rem;"
		  "padding-top:2rem;padding-bottom:2rem}\n"
		  ".mast img{height:5.5rem;width:auto;max-width:100%%}\n"
		  ".mast :focus-visible{outline-color:%s}\n"
		  ".org{margin:0;font-weight:700}\n"
		  "h1{font-size:clamp(1.6rem,1rem + 3.5vw,%.3fem);margin:.15em 0}\n"
		  ".subtitle{margin:0;font-size:1.1em}\n",
		  c->cover_fill, c->cover_text, c->accent, c->cover_text,
		  fmin(em(st, st->size_title), 3.2));
	sb_printf(b,
		  ".when{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem;align-items:baseline;"
		  "padding-top:1.25rem;padding-bottom:1rem}\n"
		  ".when p{margin:0}\n"
		  ".period{font-family:%s;font-weight:%d;font-size:1.6em;color:%s}\n"
		  ".label{display:block;font-size:.8em;font-weight:700;color:%s;text-transform:uppercase;"
		  "letter-spacing:.05em}\n"
		  ".muted{color:%s}\n",
		  h->heading_font, h->heading_weight, c->heading, c->muted, c->muted);
	/* Contents and downloads. */
	sb_printf(b,
		  ".toc{border-top:1px solid %s;border-bottom:1px solid %s}\n"
		  ".toc ul,.dl ul{list-style:none;margin:0;padding:0}\n"
		  ".toc ul{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;padding:.6rem 0}\n"
		  ".toc a{display:inline-block;padding:.2rem 0}\n"
		  ".dl{background:%s;padding:1rem 1.25rem;margin:1.5rem 0;border-radius:4px}\n"
		  ".dl h2{font-size:1.1em;margin:0 0 .5rem}\n"
		  ".dl ul{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));"
		  "gap:.5rem 1.5rem}\n"
		  ".dl a{font-weight:700}\n"
		  ".dl .small{display:block;color:%s}\n",
		  c->rule, c->rule, c->band, c->on_band);
	/* Statuses: icon, word, colour; counts and goal tiles. */
	sb_add(b, ".st{font-weight:700}\n");
	html_icon_css(h);
	sb_printf(b,
		  ".kicker{margin:2.5rem 0 0;font-size:.8em;font-weight:700;color:%s;"
		  "text-transform:uppercase;letter-spacing:.06em}\n"
		  ".kicker+h2{margin-top:.15rem}\n"
		  ".counts,.tiles,.chips{list-style:none;padding:0}\n"
		  ".counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));"
		  "gap:.75rem;margin:1rem 0}\n"
		  ".counts li{background:%s;border-top-width:4px;border-top-style:solid;padding:.6rem .9rem}\n"
		  ".counts .n{font-size:2em;color:%s;margin-right:.25rem}\n"
		  ".counts .st{display:block;font-size:.9em}\n"
		  ".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));"
		  "gap:1rem;margin:1.25rem 0}\n"
		  ".tile{display:block;height:100%%;padding:1rem 1.1rem;border:1px solid %s;"
		  "border-top:4px solid %s;border-radius:4px;color:%s;text-decoration:none}\n"
		  ".tile:hover{background:%s}\n"
		  ".tile-name{display:block;font-size:1.2em;color:%s;text-decoration:underline;"
		  "margin:.1rem 0 .4rem}\n"
		  ".chips{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:.5rem 0;font-size:.9em}\n"
		  ".chips .st{font-weight:400;color:%s}\n",
		  c->muted, c->band, c->text, c->rule, c->heading, c->text, c->band, c->link,
		  c->text);
	/* Measure cards. */
	sb_printf(b,
		  ".card{border:1px solid %s;border-radius:4px;margin:1.5rem 0}\n"
		  ".head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;"
		  "gap:.25rem 1.5rem;background:%s;border-left:6px solid;padding:.8rem 1rem}\n"
		  ".head h3{color:%s}\n"
		  ".head p{margin:0}\n"
		  ".head .sub{color:%s;font-size:.9em;margin-top:.2rem}\n"
		  ".card{display:grid;grid-template-columns:minmax(0,1fr)}\n"
		  ".card>*{grid-column:1/-1}\n"
		  ".card>dl,.card>figure,.card>table{margin:1rem 1rem 0}\n"
		  ".card>table{width:auto;min-width:50%%}\n"
		  ".scroll{overflow-x:auto;margin:.5rem 0}\n"
		  ".plan th[scope=rowgroup]{text-align:left;vertical-align:top}\n"
		  "@media (min-width:56rem){.card:has(figure){grid-template-columns:minmax(0,1fr) "
		  "minmax(0,24rem)}.card>dl{grid-column:1}.card>figure{grid-column:2}}\n"
		  ".card dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.4rem 1rem;"
		  "align-content:start}\n"
		  ".card dt{font-weight:700;color:%s;font-size:.9em;padding-top:.05em}\n"
		  ".card dd{margin:0}\n"
		  "@media (max-width:34rem){.card dl{grid-template-columns:minmax(0,1fr);gap:0}"
		  ".card dd{margin-bottom:.5rem}}\n"
		  ".better{color:%s;font-weight:700}.worse{color:%s;font-weight:700}\n"
		  ".card>h4,.card>p{margin-left:1rem;margin-right:1rem}\n"
		  ".card>p{margin-top:.25rem;margin-bottom:.5rem}\n"
		  ".card>:last-child{margin-bottom:1rem}\n"
		  ".card svg{display:block;width:100%%;max-width:22rem;height:auto}\n"
		  ".card td{text-align:right;font-variant-numeric:tabular-nums}\n"
		  ".card caption{position:absolute;width:1px;height:1px;overflow:hidden;"
		  "clip-path:inset(50%%);white-space:nowrap}\n"
		  "details{margin-top:.5rem}\n"
		  "summary{cursor:pointer;color:%s;text-decoration:underline;padding:.2rem 0}\n",
		  c->rule, c->band, c->heading, c->on_band, c->muted, c->better, c->worse, c->link);
	/* Tables: the appendix and each chart's figures. */
	sb_printf(b,
		  "table{border-collapse:collapse;width:100%%;margin:.5rem 0}\n"
		  "caption{text-align:left;font-weight:700;padding:.25rem 0}\n"
		  "th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid "
		  "%s}\n"
		  "thead th{font-size:.9em;color:%s;border-bottom:2px solid %s}\n"

		  "tbody th[scope=rowgroup]{background:%s;color:%s;font-family:%s;font-weight:%d}\n"
		  ".every th[scope=row]{font-weight:400}\n"
		  ".every td:nth-child(3),.every th:nth-child(3){text-align:right;"
		  "font-variant-numeric:tabular-nums}\n"
		  ".defs{position:absolute;width:0;height:0;overflow:hidden}\n",
		  c->rule, c->muted, c->text, c->band, c->heading, h->heading_font,
		  h->heading_weight);
	/* The narrative and the legend. */
	sb_printf(b,
		  ".quote{margin:1.75rem 0;padding:.1rem 0 .1rem 1.25rem;border-left:4px solid %s}\n"
		  ".quote blockquote{margin:0;font-size:1.15em;font-style:italic}\n"
		  ".quote blockquote p{margin:0}\n"
		  ".quote figcaption{color:%s;margin-top:.4rem}\n"
		  ".lead{font-size:1.1em;margin:.25rem 0}\n"
		  ".lines{list-style:none;padding:0;margin:1rem 0 1.5rem}\n"
		  ".lines li{padding:.5rem 0;border-bottom:1px solid %s}\n"
		  ".lines a{font-weight:700}\n"
		  ".lines .muted{display:block}\n"
		  ".legend{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.5rem 1.25rem}\n"
		  ".legend div{display:contents}\n"
		  ".legend dd{margin:0}\n"
		  "@media (max-width:34rem){.legend{grid-template-columns:minmax(0,1fr);gap:0}"
		  ".legend dd{margin-bottom:.6rem}}\n"
		  ".foot{border-top:1px solid %s;margin-top:3rem;padding:1.5rem 0 2rem;color:%s}\n"
		  ".foot p{margin:.2rem 0}\n",
		  c->accent, c->muted, c->rule, c->rule, c->muted);
	/* Narrow screens: a table's rows become stacks of labelled cells. */
	sb_add(b, "@media (max-width:30rem){.wrap{padding:0 .75rem}.head{padding-left:.75rem;"
		  "padding-right:.75rem}.card>*{margin-left:.75rem;margin-right:.75rem}"
		  ".card>.head{margin:0}}\n");
	sb_printf(b,
		  "@media (max-width:40rem){\n"
		  ".every thead{position:absolute;width:1px;height:1px;overflow:hidden;"
		  "clip-path:inset(50%%)}\n"
		  ".every tr{display:block;padding:.5rem 0;border-bottom:1px solid %s}\n"
		  ".every td,.every th{display:block;border:0;padding:.1rem 0;text-align:left!important}\n"
		  ".every tbody th[scope=rowgroup]{padding:.4rem .6rem}\n"
		  /* A hanging indent: a value that wraps stays clear of its label. */
		  ".every td{padding-left:6.5rem!important;text-indent:-6.5rem}\n"
		  ".every td::before{display:inline-block;width:6rem;margin-right:.5rem;text-indent:0;"
		  "font-weight:700;font-size:.9em;color:%s}\n",
		  c->rule, c->muted);
	stack_labels(h);
	sb_add(b, "\n}\n");
	svg_chart_css(b, &h->chart);
	sb_addc(b, '\n');
	/* Status colours last, over the borders' shorthands above. */
	for (int s = 0; s < STATUS_COUNT; s++)
		sb_printf(b, ".s-%s{color:%s}.b-%s{border-color:%s}\n", status_name((enum status)s),
			  c->status_text[s], status_name((enum status)s), c->stripe[s]);
	/* Print: no navigation, no dark fills, cards whole on a page. */
	sb_printf(b,
		  "@media print{\n"
		  "body{font-size:10pt}\n"
		  ".skip,.toc,.dl,details{display:none}\n"
		  ".mast{background:none;color:%s;border-bottom-color:%s}\n"
		  ".wrap{max-width:none;padding:0}\n"
		  ".card,.tile,.counts li,.quote,tr{break-inside:avoid}\n"
		  "h2,h3,h4,.kicker{break-after:avoid}\n"
		  "a{color:inherit;text-decoration:none}\n"
		  "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
		  "}\n",
		  c->text, c->accent);
	sb_add(b, "</style>\n");
}
