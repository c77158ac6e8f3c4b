#include "layout_text.h"

#include <stdlib.h>
#include <string.h>

#define UTF8_BAD 0xFFFFFFFFu
#define EPS 1e-6

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Decode one UTF-8 character, refusing overlongs, surrogates and stray bytes. */
unsigned utf8_decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	*len = 1;
	if (u[0] < 0x80)
		return u[0];
	size_t need;
	unsigned cp, min;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 2, cp = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 3, cp = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 4, cp = u[0] & 0x07, min = 0x10000;
	} else {
		return UTF8_BAD;
	}
	if (n < need)
		return UTF8_BAD;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return UTF8_BAD;
		cp = cp << 6 | (u[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return UTF8_BAD;
	*len = need;
	return cp;
}

/* The face for a span's style on top of the block's base face. */
static enum face styled_face(enum face base, unsigned style)
{
	bool bold = style & RUN_BOLD, italic = style & RUN_ITALIC;
	switch (base) {
	case FACE_REGULAR:
	case FACE_FALLBACK:
		break;
	case FACE_BOLD:
	case FACE_FALLBACK_BOLD:
		bold = true;
		break;
	case FACE_ITALIC:
		italic = !italic; /* Emphasis inside italic text reads upright. */
		break;
	case FACE_BOLD_ITALIC:
		bold = true;
		italic = !italic;
		break;
	case FACE_HEADING:
		return FACE_HEADING; /* Headings hold plain text. */
	case FACE_COUNT:
		break;
	}
	if (bold && italic)
		return FACE_BOLD_ITALIC;
	if (bold)
		return FACE_BOLD;
	if (italic)
		return FACE_ITALIC;
	return FACE_REGULAR;
}

/* The fallback face matching a face's weight. */
static enum face fallback_face(enum face f)
{
	switch (f) {
	case FACE_BOLD:
	case FACE_BOLD_ITALIC:
	case FACE_HEADING:
	case FACE_FALLBACK_BOLD:
		return FACE_FALLBACK_BOLD;
	case FACE_REGULAR:
	case FACE_ITALIC:
	case FACE_FALLBACK:
	case FACE_COUNT:
		break;
	}
	return FACE_FALLBACK;
}

/* White space that separates words (the loader has collapsed runs of it). */
static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* Characters after which a line may break: hyphen-minus, hyphen, en and em dash. */
static bool is_break_dash(unsigned cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}

/* Whether the word starting at s (up to the next white space) is a web or
 * mail address: "https://…", "www.…", "name@host.org". */
static bool address_like(const char *s, size_t n)
{
	size_t len = 0;
	while (len < n && !is_space((unsigned char)s[len]))
		len++;
	bool at = false, dot = false;
	for (size_t i = 0; i < len; i++) {
		if (i + 2 < len && s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
		at |= s[i] == '@';
		dot |= s[i] == '.';
	}
	return (len > 4 && strncmp(s, "www.", 4) == 0) || (at && dot);
}

/* Growable fragment array. */
struct fragvec {
	struct tfrag *v;
	size_t n, cap;
};

/* Append a zeroed fragment. */
static struct tfrag *frag_push(struct fragvec *fv)
{
	if (fv->n == fv->cap) {
		fv->cap = fv->cap ? fv->cap * 2 : 16;
		fv->v = xrealloc(fv->v, fv->cap * sizeof *fv->v);
	}
	struct tfrag *f = &fv->v[fv->n++];
	memset(f, 0, sizeof *f);
	return f;
}

/* Report a character no face can draw, once per character and line. */
static void warn_missing(struct lay *L, const char *file, long line, unsigned cp,
			 const char *s, size_t len, bool as_fffd)
{
	if (!fc_first_warning(&L->fc, file, line, cp))
		return;
	const char *shown = as_fffd ? "U+FFFD" : "'?'";
	if (cp == UTF8_BAD)
		diag_warn(L->d, file, line, "invalid UTF-8 byte 0x%02X in the text; it is shown as %s",
			  (unsigned char)s[0], shown);
	else if (cp > 0xFFFF)
		diag_warn(L->d, file, line,
			  "character U+%04X (%.*s) is outside the Basic Multilingual Plane, which PDF "
			  "fonts here cannot show; it is shown as %s", cp, (int)len, s, shown);
	else
		diag_warn(L->d, file, line,
			  "character U+%04X (%.*s) is in none of the layout's fonts; it is shown as %s "
			  "(a layout whose fonts have it would show it)", cp, (int)len, s, shown);
}

/* Shape the spans into fragments: one per stretch of a word in one face.
 * The width cache keys on the span text, so it must live as long as the layout. */
void text_shape(struct lay *L, struct tblock *b, const struct tspan *spans, size_t n,
		const struct tstyle *ts, const char *file, long line)
{
	memset(b, 0, sizeof *b);
	b->spans = spans;
	b->nspans = n;
	b->ts = *ts;
	double k = ts->size / 1000.0;
	b->ascent = L->m->ascent[ts->face] * k;
	b->descent = -L->m->descent[ts->face] * k;
	b->line_h = ts->size * ts->leading;

	struct fragvec fv = {0};
	bool in_word = false;    /* The last fragment is open for more characters. */
	size_t word_chars = 0;   /* Characters in the current word so far. */
	bool address = false;    /* The current word is a web or mail address, */
	bool fresh = true;       /* looked at when it starts, after white space. */
	for (unsigned si = 0; si < n; si++) {
		const struct tspan *sp = &spans[si];
		enum face f0 = styled_face(ts->face, sp->style);
		enum face fb = fallback_face(f0);
		size_t pos = 0;
		while (pos < sp->len) {
			size_t clen;
			unsigned cp = utf8_decode(sp->text + pos, sp->len - pos, &clen);
			if (fresh && !is_space(cp)) {
				address = address_like(sp->text + pos, sp->len - pos);
				fresh = false;
			}
			if (is_space(cp)) {
				fresh = true;
				if (fv.n > 0) {
					struct tfrag *last = &fv.v[fv.n - 1];
					last->glue += fc_width(&L->fc, f0, " ", 1) * k;
					if (last->span == si && last->off != (size_t)-1 &&
					    last->off + last->len + last->glue_bytes == pos)
						last->glue_bytes += (unsigned)clen;
					last->brk = true;
				}
				in_word = false;
				word_chars = 0;
				pos += clen;
				continue;
			}
			enum face face = f0;
			const char *draw = sp->text + pos;
			size_t dlen = clen;
			bool repl = false;
			if (cp == UTF8_BAD || !fc_has_glyph(&L->fc, f0, cp)) {
				if (cp != UTF8_BAD && fc_has_glyph(&L->fc, fb, cp)) {
					face = fb;
				} else {
					bool fffd = fc_has_glyph(&L->fc, fb, 0xFFFD);
					warn_missing(L, file, line, cp, sp->text + pos, clen, fffd);
					face = fffd ? fb : f0;
					draw = fffd ? REPLACEMENT : "?";
					dlen = fffd ? 3 : 1;
					repl = true;
				}
			}
			struct tfrag *last = fv.n ? &fv.v[fv.n - 1] : NULL;
			bool extend = in_word && !repl && last->span == si && last->face == face &&
				      last->off != (size_t)-1 && last->off + last->len == pos;
			if (!extend) {
				last = frag_push(&fv);
				last->s = draw;
				last->off = repl ? (size_t)-1 : pos;
				last->span = si;
				last->face = face;
			}
			if (!repl && extend)
				last->len += clen;
			else
				last->len = dlen;
			in_word = !repl;
			word_chars++;
			pos += clen;
			/* A dash inside a word is a break opportunity right after it; so
			 * are a slash and a dot inside an address, which then breaks
			 * where its parts meet rather than in the middle of one (not
			 * between the slashes of "//", nor before its end). */
			bool more = pos < sp->len && !is_space((unsigned char)sp->text[pos]);
			bool joint = address && more && (cp == '/' || cp == '.') &&
				     !(cp == '/' && sp->text[pos] == '/');
			if ((is_break_dash(cp) || joint) && word_chars > 1) {
				last->brk = true;
				in_word = false;
				word_chars = 0;
			}
		}
	}
	/* Widths: one cached lookup per fragment. */
	double total = 0;
	for (size_t i = 0; i < fv.n; i++) {
		struct tfrag *f = &fv.v[i];
		f->w = fc_width(&L->fc, f->face, f->s, f->len) * k;
		total += f->w + (i + 1 < fv.n ? f->glue : 0);
	}
	/* The widest unbreakable stretch sets how narrow a column can be. */
	double w = 0;
	for (size_t i = 0; i < fv.n; i++) {
		w += fv.v[i].w;
		if (fv.v[i].brk || i + 1 == fv.n) {
			if (w > b->min_width)
				b->min_width = w;
			w = 0;
		}
	}
	b->max_width = total;
	b->frags = fv.v;
	b->nfrags = fv.n;
}

/* Line-building state for text_break. */
struct breaker {
	struct fragvec out;
	struct tline *lines;
	size_t nlines, cap;
	size_t first;   /* First fragment of the open line. */
	size_t count;   /* Fragments on it. */
	double width;
};

/* Close the open line (if it has anything). */
static void end_line(struct breaker *br)
{
	if (br->count == 0)
		return;
	if (br->nlines == br->cap) {
		br->cap = br->cap ? br->cap * 2 : 8;
		br->lines = xrealloc(br->lines, br->cap * sizeof *br->lines);
	}
	br->lines[br->nlines].first = br->first;
	br->lines[br->nlines].n = br->count;
	br->lines[br->nlines].width = br->width;
	br->nlines++;
	br->first = br->out.n;
	br->count = 0;
	br->width = 0;
}

/* Append a piece of fragment f (bytes from..to) of width w to the open line. */
static void add_piece(struct breaker *br, const struct tfrag *f, size_t from, size_t to, double w,
		      bool last_piece)
{
	struct tfrag *p = frag_push(&br->out);
	*p = *f;
	p->s = f->s + from;
	p->len = to - from;
	if (f->off != (size_t)-1)
		p->off = f->off + from;
	p->w = w;
	if (!last_piece) {
		p->glue = 0;
		p->glue_bytes = 0;
		p->brk = false;
	}
	br->count++;
	br->width += w;
}

/* Cut a word wider than the column at character boundaries. Each full
 * piece gets its own line; the last piece stays open for what follows. */
static void cut_word(struct lay *L, struct breaker *br, const struct tfrag *w, size_t nw,
		     double width, double k)
{
	for (size_t i = 0; i < nw; i++) {
		const struct tfrag *f = &w[i];
		size_t from = 0, pos = 0;
		double piece = 0;
		while (pos < f->len) {
			size_t clen;
			utf8_decode(f->s + pos, f->len - pos, &clen);
			double cw = fc_width(&L->fc, f->face, f->s + pos, clen) * k;
			if (br->count + (pos > from) > 0 && br->width + piece + cw > width + EPS) {
				if (pos > from)
					add_piece(br, f, from, pos, piece, false);
				end_line(br);
				from = pos;
				piece = 0;
			}
			piece += cw;
			pos += clen;
		}
		add_piece(br, f, from, f->len, piece, true);
	}
}

/* Greedy line filling: each word goes on the current line if it fits. */
void text_break(struct lay *L, struct tblock *b, double width)
{
	free(b->lfrags);
	free(b->lines);
	struct breaker br = {0};
	double k = b->ts.size / 1000.0;
	double glue = 0;
	size_t i = 0;
	while (i < b->nfrags) {
		size_t j = i;
		double ww = b->frags[i].w;
		while (!b->frags[j].brk && j + 1 < b->nfrags)
			ww += b->frags[++j].w;
		size_t nw = j - i + 1;
		if (br.count > 0 && br.width + glue + ww > width + EPS)
			end_line(&br);
		if (br.count == 0 && ww > width + EPS) {
			cut_word(L, &br, &b->frags[i], nw, width, k);
		} else {
			if (br.count > 0)
				br.width += glue;
			for (size_t q = i; q <= j; q++)
				add_piece(&br, &b->frags[q], 0, b->frags[q].len, b->frags[q].w, true);
		}
		glue = b->frags[j].glue;
		i = j + 1;
	}
	end_line(&br);
	b->lfrags = br.out.v;
	b->nlfrags = br.out.n;
	b->lines = br.lines;
	b->nlines = br.nlines;
}

/* Total height of the block's lines. */
double text_height(const struct tblock *b)
{
	return (double)b->nlines * b->line_h;
}

/* The baseline sits half the leading below the top, plus the ascent. When
 * the leading is tighter than the face's ascent and descent (display sizes),
 * the ascent still starts at the line's top, so a heading that opens a page
 * never reaches above the text area. */
double text_baseline(const struct tblock *b)
{
	double half = (b->line_h - (b->ascent + b->descent)) / 2;
	return (half > 0 ? half : 0) + b->ascent;
}

/* Whether fragment b continues fragment a in the same source text and face. */
static bool mergeable(const struct tfrag *a, const struct tfrag *b)
{
	return a->span == b->span && a->face == b->face && a->off != (size_t)-1 &&
	       b->off != (size_t)-1 && a->off + a->len + a->glue_bytes == b->off &&
	       (a->glue_bytes > 0) == (a->glue > 0);
}

/* Whether two spans lead to the same place. */
static bool same_target(const struct tspan *a, const struct tspan *b)
{
	if (a->dest != b->dest)
		return false;
	if (!a->href || !b->href)
		return a->href == b->href;
	return a->href == b->href || strcmp(a->href, b->href) == 0;
}

/* Whether a span leads somewhere. */
static bool is_link(const struct tspan *s)
{
	return s->href || s->dest >= 0;
}

/* Emit one line: a text box per stretch in one face, then a link area and
 * (for external links) an underline per stretch of one link. */
void text_line_boxes(struct lay *L, const struct tblock *b, size_t i, double x, double top,
		     double width, int elem, struct boxbuf *out)
{
	(void)L;
	const struct tline *ln = &b->lines[i];
	double base = top - text_baseline(b);
	double cx = x;
	if (b->ts.align == ALIGN_RIGHT)
		cx = x + width - ln->width;
	else if (b->ts.align == ALIGN_CENTER)
		cx = x + (width - ln->width) / 2;
	const struct tfrag *f = &b->lfrags[ln->first];
	size_t n = ln->n;
	double link_x = 0;
	for (size_t a = 0; a < n;) {
		size_t z = a;
		double w = f[a].w;
		while (z + 1 < n && mergeable(&f[z], &f[z + 1])) {
			w += f[z].glue + f[z + 1].w;
			z++;
		}
		const struct tspan *sp = &b->spans[f[a].span];
		struct box *bx = boxbuf_push(out, BOX_TEXT, sp->elem >= 0 ? sp->elem : elem);
		bx->u.text.x = cx;
		bx->u.text.y = base;
		bx->u.text.width = w;
		bx->u.text.face = f[a].face;
		bx->u.text.size = b->ts.size;
		bx->u.text.color = is_link(sp) ? b->ts.link_color : sp->has_color ? sp->color : b->ts.color;
		bx->u.text.text = f[a].s;
		bx->u.text.len = (size_t)(f[z].s + f[z].len - f[a].s);
		if (is_link(sp)) {
			bool starts = a == 0 || !same_target(&b->spans[f[a - 1].span], sp);
			bool ends = z + 1 == n || !same_target(&b->spans[f[z + 1].span], sp);
			if (starts)
				link_x = cx;
			if (ends) {
				double lw = cx + w - link_x;
				int le = sp->elem >= 0 ? sp->elem : elem;
				if (sp->href)
					put_link_uri(out, le, link_x, base - b->descent, lw,
						     b->ascent + b->descent, sp->href);
				else
					put_link_dest(out, le, link_x, base - b->descent, lw,
						      b->ascent + b->descent, sp->dest);
				if (sp->href && b->ts.underline_links) {
					double uy = base - b->ts.size * 0.12;
					put_line(out, -1, link_x, uy, link_x + lw, uy, b->ts.size * 0.06,
						 b->ts.link_color, false);
				}
			}
		}
		cx += w + (z + 1 < n ? f[z].glue : 0);
		a = z + 1;
	}
}

/* Release a block's arrays. */
void text_free(struct tblock *b)
{
	free(b->frags);
	free(b->lfrags);
	free(b->lines);
	b->frags = b->lfrags = NULL;
	b->lines = NULL;
	b->nfrags = b->nlfrags = b->nlines = 0;
}

/* One span of plain text. */
struct tspan tspan_plain(const char *text)
{
	struct tspan s;
	memset(&s, 0, sizeof s);
	s.text = text;
	s.len = strlen(text);
	s.dest = -1;
	s.elem = -1;
	return s;
}

/* Shape and break a single span (the span is copied into the arena so the
 * block may outlive the caller's stack). */
void text_plain(struct lay *L, struct tblock *b, const char *text, const struct tstyle *ts,
		double width, const char *file, long line)
{
	struct tspan *sp = arena_alloc(L->a, sizeof *sp);
	*sp = tspan_plain(text);
	text_shape(L, b, sp, 1, ts, file, line);
	text_break(L, b, width);
}
