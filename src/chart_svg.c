/* A measure's chart as a picture of its own, 1200 by 675: an accent band,
 * the measure's name, its status (icon and word) with its result against
 * its target, the chart the web page draws (svg_chart.c) over every period
 * from the first, and the report it comes from. Every word is the
 * presentation's; this file places them, breaking the longer ones into
 * lines with the layout's own font widths. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout_color.h"

/* Margins and sizes, in pixels of the 1200 by 675 picture. */
#define SIDE 56.0
#define BAND 10.0
#define NAME_SIZE 42.0
#define NAME_LEAST 32.0
#define STATUS_SIZE 27.0
#define PLOT_SIZE 21.0
#define FOOT_SIZE 19.0

static void hex(char out[8], struct rgb c)
{
	snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(c.r * 255) & 0xFF,
		 (unsigned)lround(c.g * 255) & 0xFF, (unsigned)lround(c.b * 255) & 0xFF);
}

/* Marks inside an icon: white on a dark fill, near black on a light one. */
static struct rgb mark_on(struct rgb fill)
{
	struct rgb white = {1, 1, 1}, ink = {0.1, 0.1, 0.1};
	return contrast_ratio(white, fill) >= contrast_ratio(ink, fill) ? white : ink;
}

void chart_look_init(struct chart_look *k, const struct style *st)
{
	memset(k, 0, sizeof *k);
	struct rgb white = {1, 1, 1};
	svg_font_family(st, FACE_HEADING, k->heading_family, sizeof k->heading_family,
			&k->heading_weight);
	svg_font_family(st, FACE_REGULAR, k->body_family, sizeof k->body_family, &k->body_weight);
	char bold[256];
	svg_font_family(st, FACE_BOLD, bold, sizeof bold, &k->bold_weight);
	svg_chart_style_from(st, white, k->body_family, &k->chart);
	k->chart.font_size = PLOT_SIZE;
	char why[200];
	k->has_heading = st->font_path[FACE_HEADING] &&
			 ttf_load(st->font_path[FACE_HEADING], &k->heading, why, sizeof why);
	k->has_body = st->font_path[FACE_REGULAR] &&
		      ttf_load(st->font_path[FACE_REGULAR], &k->body, why, sizeof why);
	hex(k->heading_color, readable_on(st->color_primary, white, 4.6));
	hex(k->text_color, readable_on(st->color_text, white, 4.6));
	hex(k->muted_color, readable_on(st->color_muted, white, 4.6));
	hex(k->accent_color, st->color_accent);
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct rgb icon = readable_on(st->status_color[s], white, 3.1);
		hex(k->status_text[s], readable_on(st->status_color[s], white, 4.6));
		hex(k->status_icon[s], icon);
		hex(k->status_mark[s], mark_on(icon));
	}
}

void chart_look_free(struct chart_look *k)
{
	if (k->has_heading)
		ttf_free(&k->heading);
	if (k->has_body)
		ttf_free(&k->body);
	k->has_heading = k->has_body = false;
}

/* One character of UTF-8 at *s, moving past it; U+FFFD for a bad byte. */
static unsigned next_char(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = p[0], n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	unsigned cp = n == 0 ? c : c & (0x3F >> n);
	size_t i = 1;
	for (; i <= n && (p[i] & 0xC0) == 0x80; i++)
		cp = (cp << 6) | (p[i] & 0x3F);
	if (i <= n || (c >= 0x80 && n == 0))
		cp = 0xFFFD;
	*s += i;
	return cp;
}

/* The width of `len` bytes of `s` at `size` pixels: the font's own
 * advances where it could be read, else a generous average. */
static double width_of(const struct ttf_metrics *m, bool have, const char *s, size_t len,
		       double size)
{
	double w = 0;
	for (const char *p = s, *end = s + len; p < end;) {
		unsigned cp = next_char(&p);
		w += have && cp < TTF_CODEPOINTS ? m->width[cp] : 600;
	}
	return w * size / 1000;
}

/* Lines of at most `room` pixels, broken at spaces: the start of each and
 * its length, at most `max` of them; the last cut short with an ellipsis
 * when the text goes on. Returns how many. */
#define MAX_LINES 4
struct line {
	const char *s;
	size_t len;
	bool cut;
};
static size_t break_lines(const char *text, const struct ttf_metrics *m, bool have, double size,
			  double room, size_t max, struct line *out)
{
	size_t n = 0;
	const char *p = text;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		const char *end = p, *fit = NULL;
		for (;;) {
			const char *w = end;
			while (*w == ' ')
				w++;
			const char *e = w;
			while (*e && *e != ' ')
				e++;
			if (e == w)
				break;
			if (fit && width_of(m, have, p, (size_t)(e - p), size) > room)
				break;
			fit = e;
			end = e;
		}
		if (!fit)
			break;
		out[n++] = (struct line){p, (size_t)(fit - p), false};
		p = fit;
	}
	while (*p == ' ')
		p++;
	if (*p && n > 0)
		out[n - 1].cut = true;
	return n;
}

/* A text element at x, y (its baseline) in a class, squeezed into `room`
 * pixels when the font says it is wider; `cut` ends it with an ellipsis. */
static void text_line(struct strbuf *b, double x, double y, const char *cls, double size,
		      const struct line *ln, double width, double room)
{
	sb_add(b, "<text class=\"");
	sb_add(b, cls);
	sb_add(b, "\" x=\"");
	sb_num(b, x);
	sb_add(b, "\" y=\"");
	sb_num(b, y);
	sb_add(b, "\" font-size=\"");
	sb_num(b, size);
	if (width > room) {
		sb_add(b, "\" textLength=\"");
		sb_num(b, room);
		sb_add(b, "\" lengthAdjust=\"spacingAndGlyphs");
	}
	sb_add(b, "\">");
	char buf[1024];
	size_t n = ln->len < sizeof buf - 4 ? ln->len : sizeof buf - 4;
	memcpy(buf, ln->s, n);
	buf[n] = '\0';
	sb_text(b, buf);
	if (ln->cut)
		sb_add(b, "\xE2\x80\xA6");
	sb_add(b, "</text>");
}

/* The style of the picture's own words, beside the chart's. */
static void css(struct strbuf *b, const struct chart_look *k)
{
	sb_add(b, "<style>.h{font-family:");
	sb_add(b, k->heading_family);
	sb_printf(b, ";font-weight:%d;fill:%s}", k->heading_weight, k->heading_color);
	sb_add(b, ".t{font-family:");
	sb_add(b, k->body_family);
	sb_printf(b, ";font-weight:%d;fill:%s}", k->body_weight, k->text_color);
	sb_add(b, ".f{font-family:");
	sb_add(b, k->body_family);
	sb_printf(b, ";font-weight:%d;fill:%s}", k->body_weight, k->muted_color);
	for (int s = 0; s < STATUS_COUNT; s++) {
		sb_printf(b, ".s%d{font-family:", s);
		sb_add(b, k->body_family);
		sb_printf(b, ";font-weight:%d;fill:%s}", k->bold_weight, k->status_text[s]);
	}
	sb_add(b, "</style>");
}

/* See chart.h. */
void chart_image_svg(struct strbuf *b, const struct pres_measure *pm,
		     const struct presentation *p, const struct chart_look *k)
{
	const double W = CHART_WIDTH, H = CHART_HEIGHT, room = W - 2 * SIDE;
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		     "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"alt\">",
		  CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
	sb_add(b, "<title id=\"alt\">");
	sb_text(b, pm->full.alt);
	sb_add(b, "</title>");
	css(b, k);
	sb_printf(b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", CHART_WIDTH, CHART_HEIGHT);
	sb_printf(b, "<rect width=\"%d\" height=\"", CHART_WIDTH);
	sb_num(b, BAND);
	sb_printf(b, "\" fill=\"%s\"/>", k->accent_color);

	/* The name: two lines, or three a little smaller. */
	struct line lines[MAX_LINES];
	double size = NAME_SIZE;
	size_t n = break_lines(pm->m->name, &k->heading, k->has_heading, size, room, 2, lines);
	if (n > 0 && lines[n - 1].cut) {
		size = NAME_LEAST;
		n = break_lines(pm->m->name, &k->heading, k->has_heading, size, room, 3, lines);
	}
	double y = BAND + 30;
	for (size_t i = 0; i < n; i++) {
		y += size * 1.18;
		double w = width_of(&k->heading, k->has_heading, lines[i].s, lines[i].len, size);
		text_line(b, SIDE, y, "h", size, &lines[i], w, room);
	}

	/* The status: its icon and word, then the result against the target,
	 * on the same line where it fits. */
	y += STATUS_SIZE * 1.5;
	enum status st = pm->status;
	double icon = STATUS_SIZE * 1.05;
	svg_status_icon(b, st, k->status_icon[st], k->status_mark[st], SIDE, y - icon * 0.85, icon);
	double x = SIDE + icon + STATUS_SIZE * 0.4;
	struct line word = {pm->status_word, strlen(pm->status_word), false};
	/* Bold is wider than the regular face measured here. */
	double ww = width_of(&k->body, k->has_body, word.s, word.len, STATUS_SIZE) * 1.08;
	char cls[8];
	snprintf(cls, sizeof cls, "s%d", (int)st);
	text_line(b, x, y, cls, STATUS_SIZE, &word, ww, W - SIDE - x);
	x += ww + STATUS_SIZE * 0.6;
	const char *said = pm->sentence ? pm->sentence : "";
	double sw = width_of(&k->body, k->has_body, said, strlen(said), STATUS_SIZE);
	if (*said && x + sw <= W - SIDE) {
		struct line one = {said, strlen(said), false};
		text_line(b, x, y, "t", STATUS_SIZE, &one, sw, W - SIDE - x);
	} else if (*said) {
		size_t m = break_lines(said, &k->body, k->has_body, STATUS_SIZE * 0.9, room, 2, lines);
		for (size_t i = 0; i < m; i++) {
			y += STATUS_SIZE * 1.2;
			double w = width_of(&k->body, k->has_body, lines[i].s, lines[i].len,
					    STATUS_SIZE * 0.9);
			text_line(b, SIDE, y, "t", STATUS_SIZE * 0.9, &lines[i], w, room);
		}
	}

	/* The chart, named by the picture's title, and under it whose it is. */
	double top = y + STATUS_SIZE * 1.1, foot = H - FOOT_SIZE * 1.6;
	sb_add(b, "<g transform=\"translate(");
	sb_num(b, SIDE - PLOT_SIZE * 0.5);
	sb_addc(b, ' ');
	sb_num(b, top);
	sb_add(b, ")\">");
	svg_chart(b, &pm->full, p, &k->chart, room + PLOT_SIZE * 0.5, foot - top - FOOT_SIZE * 0.8,
		  "alt", SVG_DOCUMENT, NULL);
	sb_add(b, "</g>");
	struct line src = {p->doc_title, strlen(p->doc_title), false};
	double fw = width_of(&k->body, k->has_body, src.s, src.len, FOOT_SIZE);
	text_line(b, SIDE, foot + FOOT_SIZE * 0.9, "f", FOOT_SIZE, &src, fw, room);
	sb_add(b, "</svg>\n");
}
