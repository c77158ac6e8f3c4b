#include "layout_parts.h"

#include <stdio.h>
#include <string.h>

#include "layout_blocks.h"

/* The page number each contents entry points at, now that pages are known. */
void fill_page_numbers(struct lay *L)
{
	const struct flow *f = &L->fl;
	for (size_t i = 0; i < f->nfixes; i++) {
		const struct page_fix *x = &f->fixes[i];
		const struct dest *d = &L->db.dests[x->dest];
		struct box *bx = &L->db.pages[x->page].v[x->box];
		const char *num = d->page >= 0 ? arena_printf(L->a, "%d", d->page + 1) : "";
		double w = fc_width(&L->fc, bx->u.text.face, num, strlen(num)) * bx->u.text.size / 1000;
		bx->u.text.text = num;
		bx->u.text.len = strlen(num);
		bx->u.text.width = w;
		bx->u.text.x = x->right - w;
	}
}

/* No line of furniture shows more bytes than this, however small the type,
 * so longer text is cut here: an enormous title then costs each page no
 * more than a short one. */
#define FURNITURE_MAX 1024

/* `s` cut to at most FURNITURE_MAX bytes at a character boundary (a copy
 * in the arena when cut). */
static const char *capped(struct lay *L, const char *s)
{
	size_t n = strlen(s);
	if (n <= FURNITURE_MAX)
		return s;
	n = FURNITURE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_strndup(L->a, s, n);
}

/* A furniture template with {organization} {title} {period} {page} {pages}
 * filled in; unknown braces stay as written. `fixed` holds the first three,
 * already capped. */
static const char *substitute(struct lay *L, const char *tpl, const char *const *fixed,
			      size_t page, size_t pages)
{
	char num[32], total[32];
	snprintf(num, sizeof num, "%zu", page);
	snprintf(total, sizeof total, "%zu", pages);
	static const char *const keys[] = {"{organization}", "{title}", "{period}", "{page}",
					   "{pages}"};
	const char *vals[] = {fixed[0], fixed[1], fixed[2], num, total};
	size_t len = 0;
	for (const char *p = tpl; *p;) {
		size_t k = 0;
		for (; k < 5; k++)
			if (strncmp(p, keys[k], strlen(keys[k])) == 0)
				break;
		len += k < 5 ? strlen(vals[k]) : 1;
		p += k < 5 ? strlen(keys[k]) : 1;
	}
	char *out = arena_alloc(L->a, len + 1), *o = out;
	for (const char *p = tpl; *p;) {
		size_t k = 0;
		for (; k < 5; k++)
			if (strncmp(p, keys[k], strlen(keys[k])) == 0)
				break;
		if (k < 5) {
			size_t n = strlen(vals[k]);
			memcpy(o, vals[k], n);
			o += n;
			p += strlen(keys[k]);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* The data file line a template's characters are reported against: that
 * of the first field of the data file it names (organization or title), or
 * 0. A character the fonts lack is then reported once, as on the cover. */
static long template_line(const struct report *r, const char *tpl)
{
	const char *o = strstr(tpl, "{organization}"), *t = strstr(tpl, "{title}");
	if (o && (!t || o < t))
		return r->organization_line;
	return t ? r->title_line : 0;
}

/* One line of furniture, cut with an ellipsis if it is wider than `width`;
 * its characters are reported against data file line `line`. */
static double furniture_text(struct lay *L, struct boxbuf *page, const char *text, long line,
			     double x, double baseline, double width, enum align align)
{
	if (!*text || width <= 0)
		return 0;
	struct tstyle ts = lay_tstyle(L, T_SMALL_MUTED);
	ts.align = align;
	struct tblock b;
	size_t len = strlen(text);
	const char *whole = capped(L, text);
	bool cut = whole != text;
	/* What is filled in comes from the data file, so characters are reported against it. */
	text_plain(L, &b, whole, &ts, 1e9, L->r->path, line);
	if (cut || b.max_width > width) {
		/* Keep whole characters while they and the ellipsis fit. */
		double ell = fc_width(&L->fc, ts.face, "\xE2\x80\xA6", 3) * ts.size / 1000;
		double w = 0;
		size_t keep = 0;
		if (len > FURNITURE_MAX)
			len = strlen(whole);
		for (size_t i = 0; i < len;) {
			size_t n;
			utf8_decode(text + i, len - i, &n);
			double cw = fc_width(&L->fc, ts.face, text + i, n) * ts.size / 1000;
			if (w + cw + ell > width)
				break;
			w += cw;
			i += n;
			keep = i;
		}
		text_free(&b);
		text_plain(L, &b, arena_printf(L->a, "%.*s\xE2\x80\xA6", (int)keep, text), &ts, 1e9,
			   L->r->path, line);
	}
	double top = baseline + text_baseline(&b);
	if (b.nlines)
		text_line_boxes(L, &b, 0, x, top, width, -1, page);
	double w = b.nlines ? b.lines[0].width : 0;
	text_free(&b);
	return w;
}

/* A template's own words: the template with its placeholders left out. */
static const char *own_words(struct lay *L, const char *tpl)
{
	static const char *const none[] = {"", "", ""};
	char *s = (char *)substitute(L, tpl, none, 0, 0);
	/* {page} and {pages} became digits; drop them too. */
	char *o = s;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			*o++ = *p;
	*o = '\0';
	return s;
}

/* Set `text` only to hear about characters the fonts lack, blamed on
 * `file` and `line`. */
static void warn_characters(struct lay *L, const char *text, const char *file, long line)
{
	if (!*text)
		return;
	struct tstyle ts = lay_tstyle(L, T_SMALL_MUTED);
	struct tblock b;
	text_plain(L, &b, text, &ts, 1e9, file, line);
	text_free(&b);
}

/* Header and footer on every page but the cover, as page artifacts: left
 * text gets the room the right text leaves. A character the fonts lack is
 * reported once, against the file it came from: the template's own words
 * against the layout, the data file's fields against the data file; the
 * pages themselves are then set without a word. */
void add_furniture(struct lay *L)
{
	const struct style *st = L->st;
	size_t pages = L->db.npages;
	double gap = st->size_small * 2;
	double head_base = st->page_height - st->margin_top * 0.5;
	double foot_base = st->margin_bottom * 0.5 - st->size_small * 0.3;
	const struct report *r = L->r;
	const char *fixed[] = {capped(L, r->organization ? r->organization : ""),
			       capped(L, r->title ? r->title : ""),
			       capped(L, L->p->period_label)};
	/* Header left and right, footer left and right. */
	const char *tpl[4] = {st->header_left, st->header_right, st->footer_left, st->footer_right};
	long line[4];
	bool uses[2] = {false, false};
	for (int k = 0; k < 4; k++) {
		tpl[k] = tpl[k] ? tpl[k] : "";
		line[k] = template_line(r, tpl[k]);
		uses[0] = uses[0] || strstr(tpl[k], "{organization}");
		uses[1] = uses[1] || strstr(tpl[k], "{title}");
		warn_characters(L, own_words(L, tpl[k]), st->path,
				k < 2 ? st->header_line : st->footer_line);
	}
	if (!pages)
		return;
	if (uses[0])
		warn_characters(L, fixed[0], r->path, r->organization_line);
	if (uses[1])
		warn_characters(L, fixed[1], r->path, r->title_line);
	struct diag *said = L->d, quiet = *L->d;
	quiet.quiet = 1;
	L->d = &quiet;
	for (size_t p = 0; p < pages; p++) {
		if (!L->db.furniture[p])
			continue;
		struct boxbuf *pg = &L->db.pages[p];
		const char *hl = substitute(L, tpl[0], fixed, p + 1, pages);
		const char *hr = substitute(L, tpl[1], fixed, p + 1, pages);
		const char *fl = substitute(L, tpl[2], fixed, p + 1, pages);
		const char *fr = substitute(L, tpl[3], fixed, p + 1, pages);
		double rw = furniture_text(L, pg, hr, line[1], L->left, head_base, L->width, ALIGN_RIGHT);
		furniture_text(L, pg, hl, line[0], L->left, head_base,
			       L->width - rw - (rw > 0 ? gap : 0), ALIGN_LEFT);
		if (*hl || *hr) {
			double y = head_base - st->size_small * 0.9;
			put_line(pg, -1, L->left, y, L->right, y, 0.5, st->color_rule, false);
		}
		rw = furniture_text(L, pg, fr, line[3], L->left, foot_base, L->width, ALIGN_RIGHT);
		furniture_text(L, pg, fl, line[2], L->left, foot_base,
			       L->width - rw - (rw > 0 ? gap : 0), ALIGN_LEFT);
	}
	said->errors = quiet.errors;
	L->d = said;
}
