/* Rich text: paragraphs of runs (bold, italic, link) with white space
 * collapsed across the whole paragraph, so `resolve <b>15 vacancies</b>
 * and` keeps exactly one space on each side of the bold run. */
#include "load_internal.h"
#include "load_limits.h"
#include "load_unicode.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A run being built: a slice of the builder's text. */
struct run_slice {
	size_t start, len;
	unsigned style;
	const char *href;
};

/* Collects one paragraph before it is frozen into the arena. */
struct builder {
	char *text;             /* Heap-owned; every run's bytes, in order. */
	size_t len, cap;
	struct run_slice *runs; /* Heap-owned. */
	size_t nruns, capruns;
	bool space;             /* White space seen since the last word... */
	unsigned space_style;   /* ...in this style... */
	const char *space_href; /* ...and this link: the space belongs where it was written. */
};

/* Appends bytes in a style, extending the last run when the style matches. */
static void put(struct builder *b, const char *s, size_t n, unsigned style, const char *href)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, n);
	struct run_slice *last = b->nruns ? &b->runs[b->nruns - 1] : NULL;
	if (last && last->style == style && last->href == href) {
		last->len += n;
	} else {
		if (b->nruns == b->capruns) {
			b->capruns = b->capruns ? b->capruns * 2 : 4;
			b->runs = xrealloc(b->runs, b->capruns * sizeof *b->runs);
		}
		b->runs[b->nruns++] = (struct run_slice){ b->len, n, style, href };
	}
	b->len += n;
}

/* Adds text in a style, collapsing white space; leading space is dropped,
 * and trailing space waits for a following word that may never come. */
static void add_text(struct builder *b, const char *s, unsigned style, const char *href)
{
	while (*s) {
		if (load_is_space(*s)) {
			if (!b->space && b->len > 0) {
				b->space = true;
				b->space_style = style;
				b->space_href = href;
			}
			s++;
			continue;
		}
		size_t n = 0;
		while (s[n] && !load_is_space(s[n]))
			n++;
		if (b->space) {
			put(b, " ", 1, b->space_style, b->space_href);
			b->space = false;
		}
		put(b, s, n, style, href);
		s += n;
	}
}

/* Whether a link target uses a scheme readers can safely follow. */
static bool allowed_href(const char *href)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:" };
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(href, schemes[i], n) == 0 && href[n] != '\0')
			return true;
	}
	return false;
}

/* The scheme ("http:") when a link target is a scheme and nothing else
 * (slashes aside), else NULL. */
static const char *bare_scheme(const char *href)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:" };
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(href, schemes[i], n) == 0 && href[n + strspn(href + n, "/")] == '\0')
			return schemes[i];
	}
	return NULL;
}

/* Walks the inline content of el in a style. Elements the schema refused
 * were taken out of the tree; anything else unexpected reads as text. */
static void add_inline(struct loader *ld, struct builder *b, xmlNode *el, unsigned style,
		       const char *href)
{
	for (xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content)
				add_text(b, (const char *)c->content, style, href);
		} else if (load_is(c, "b")) {
			add_inline(ld, b, c, style | RUN_BOLD, href);
		} else if (load_is(c, "i")) {
			add_inline(ld, b, c, style | RUN_ITALIC, href);
		} else if (load_is(c, "a")) {
			xmlAttr *a;
			const char *target = load_get(ld, c, "href", &a);
			const char *link = href;
			if (target && !href) {
				if (strlen(target) > LOAD_MAX_HREF_BYTES && allowed_href(target))
					load_warning(ld, load_attr_line(a), "href is %zu bytes long, more than "
						  "a PDF link holds (%d); the PDF shows the link's text "
						  "without the link", strlen(target), LOAD_MAX_HREF_BYTES);
				/* The scheme first: a space before "javascript:" is
				 * not the problem worth naming. */
				const char *trimmed = target + strspn(target, " \t\r\n");
				const char *scheme_only = bare_scheme(trimmed);
				if (!scheme_only && !allowed_href(trimmed))
					load_attr_error(ld, a,
							"href=\"%s\" is not an allowed link; expected an "
							"address starting with http:, https: or mailto:",
							load_shown(ld, target));
				else if (scheme_only)
					load_attr_error(ld, a,
							"href=\"%s\" has nothing after \"%s\"; expected "
							"a whole address such as %s",
							load_shown(ld, target), scheme_only,
							scheme_only[0] == 'm' ? "mailto:info@example.org"
									      : "https://www.example.org/");
				else if (strpbrk(target, " \t\r\n"))
					load_attr_error(ld, a,
							"href=\"%s\" has a space in it; expected an "
							"address without spaces (write a space inside "
							"one as %%20)", load_shown(ld, target));
				else
					link = arena_strdup(&ld->r->arena, target);
			}
			size_t before = b->len;
			add_inline(ld, b, c, style, link);
			if (b->len == before)
				load_node_error(ld, c, "a link with no text; expected the words to show "
						"for the link inside <a>");
		} else if (c->type == XML_ELEMENT_NODE) {
			add_inline(ld, b, c, style, href);
		}
	}
}

/* Freezes the builder into a paragraph in the arena and frees it. */
const char *load_reader_text(struct loader *ld, const char *s, int line)
{
	char *nfc = text_nfc(s, strlen(s));
	if (nfc) {
		s = arena_strdup(&ld->r->arena, nfc);
		free(nfc);
	}
	long rtl, mark;
	text_unshaped(s, &rtl, &mark);
	if (rtl && ld->rtl_line != line) {
		const char *script = text_rtl_script(rtl);
		load_warning(ld, line, "%s text (U+%04lX) is drawn left to right in the PDF%s, as "
			     "its library cannot lay out right-to-left scripts; the workbook shows "
			     "it as written", script, rtl,
			     strcmp(script, "Arabic") == 0 ? ", its letters unjoined" : "");
		ld->rtl_line = line;
	}
	if (mark && ld->mark_line != line) {
		load_warning(ld, line, "the combining mark U+%04lX has no precomposed letter, so "
			     "the PDF draws it beside its letter rather than over it; the workbook "
			     "shows it as written", mark);
		ld->mark_line = line;
	}
	return s;
}

static void finish(struct loader *ld, struct builder *b, struct para *out, int line)
{
	out->line = line;
	out->nruns = b->nruns;
	out->runs = b->nruns ? arena_calloc(&ld->r->arena, b->nruns, sizeof *out->runs) : NULL;
	for (size_t i = 0; i < b->nruns; i++) {
		struct run_slice *s = &b->runs[i];
		const char *text = arena_strndup(&ld->r->arena, b->text + s->start, s->len);
		out->runs[i].text = load_reader_text(ld, text, line);
		out->runs[i].style = s->style;
		out->runs[i].href = s->href;
	}
	free(b->text);
	free(b->runs);
}

void load_cell_text(struct loader *ld, int line, size_t bytes)
{
	if (bytes > LOAD_WORKBOOK_CELL_BYTES && !ld->r->cell_cut_line)
		ld->r->cell_cut_line = line > 0 ? line : 1;
}

/* The bytes of a paragraph's text. */
static size_t para_bytes(const struct para *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nruns; i++)
		n += strlen(p->runs[i].text);
	return n;
}

/* One paragraph from an element of rich text. */
void load_para(struct loader *ld, xmlNode *el, struct para *out)
{
	struct builder b;
	memset(&b, 0, sizeof b);
	add_inline(ld, &b, el, 0, NULL);
	finish(ld, &b, out, load_line(el));
	load_cell_text(ld, out->line, para_bytes(out));
}

/* commentary and action: either inline text (one paragraph) or several p,
 * never both. Paragraphs with nothing in them are left out. */
void load_paras(struct loader *ld, xmlNode *el, struct paras *out)
{
	xmlNode *first_p = NULL, *loose = NULL;
	size_t np = 0;
	for (xmlNode *c = el->children; c; c = c->next) {
		if (load_is(c, "p")) {
			np++;
			if (!first_p)
				first_p = c;
		} else if (!loose && ((c->type == XML_TEXT_NODE && !load_blank(c)) ||
				      c->type == XML_ELEMENT_NODE)) {
			loose = c;
		}
	}
	out->n = 0;
	out->items = NULL;
	if (np > 0 && loose) {
		const char *e = (const char *)el->name;
		load_error(ld, load_line(loose) ? load_line(loose) : load_line(el),
			   "<%s> mixes text with <p> paragraphs; expected either text alone or only "
			   "<p> elements inside <%s>",
			   e, e);
		load_mark(el, LOAD_MARK_EXPLAINED);
		/* Read it all the same, so that its links are checked too. */
		struct para scratch;
		load_para(ld, el, &scratch);
		return;
	}
	if (np == 0) {
		struct para p;
		load_para(ld, el, &p);
		if (p.nruns == 0)
			return;
		out->items = arena_alloc(&ld->r->arena, sizeof *out->items);
		out->items[0] = p;
		out->n = 1;
		return;
	}
	out->items = arena_calloc(&ld->r->arena, np, sizeof *out->items);
	size_t joined = 0;
	for (xmlNode *c = first_p; c; c = c->next) {
		if (!load_is(c, "p"))
			continue;
		load_para(ld, c, &out->items[out->n]);
		if (out->items[out->n].nruns > 0) {
			/* The workbook joins paragraphs with a blank line between. */
			joined += para_bytes(&out->items[out->n]) + (out->n ? 2 : 0);
			out->n++;
		}
	}
	load_cell_text(ld, load_line(el), joined);
}
