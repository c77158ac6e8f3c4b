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
	const char *lang; /* Another language than the paragraph's, or NULL. */
};

/* How a stretch of text is written: style, link and language. */
struct look {
	unsigned style;
	const char *href;
	const char *lang;
};

/* Whether two languages (or none) are one. */
static bool same_lang(const char *a, const char *b)
{
	return a == b || (a && b && strcasecmp(a, b) == 0);
}

/* Collects one paragraph before it is frozen into the arena. */
struct builder {
	char *text;             /* Heap-owned; every run's bytes, in order. */
	size_t len, cap;
	struct run_slice *runs; /* Heap-owned. */
	size_t nruns, capruns;
	bool space;             /* White space seen since the last word, */
	struct look space_look; /* written so: the space belongs where it was written. */
	const char *lang;       /* The paragraph's language, or NULL. */
};

/* Appends bytes written so, extending the last run when it is written alike. */
static void put(struct builder *b, const char *s, size_t n, struct look k)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->text = xrealloc(b->text, b->cap);
	}
	memcpy(b->text + b->len, s, n);
	struct run_slice *last = b->nruns ? &b->runs[b->nruns - 1] : NULL;
	if (last && last->style == k.style && last->href == k.href && same_lang(last->lang, k.lang)) {
		last->len += n;
	} else {
		if (b->nruns == b->capruns) {
			b->capruns = b->capruns ? b->capruns * 2 : 4;
			b->runs = xrealloc(b->runs, b->capruns * sizeof *b->runs);
		}
		b->runs[b->nruns++] = (struct run_slice){ b->len, n, k.style, k.href, k.lang };
	}
	b->len += n;
}

/* Where a bare web address starts in a word ("https://…", "http://…",
 * "www.…", after opening punctuation such as "(" or a quotation mark), or
 * -1; *len gets its length without the punctuation that ends a sentence or
 * closes a bracket after it. */
static long bare_address(const char *w, size_t n, size_t *len)
{
	static const char *const starts[] = {"https://", "http://", "www."};
	size_t at = 0;
	while (at < n && strchr("([{\"'<", w[at]))
		at++;
	/* A typographic opening quotation mark, three bytes of UTF-8. */
	while (at + 3 <= n && (memcmp(w + at, "\xE2\x80\x9C", 3) == 0 ||
			       memcmp(w + at, "\xE2\x80\x98", 3) == 0))
		at += 3;
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(starts[i]);
		if (n - at <= k || strncasecmp(w + at, starts[i], k) != 0)
			continue;
		size_t end = n;
		for (;;) {
			if (end > at && strchr(".,;:!?)]}\"'>", w[end - 1]))
				end--;
			else if (end >= at + 3 && (memcmp(w + end - 3, "\xE2\x80\x9D", 3) == 0 ||
						   memcmp(w + end - 3, "\xE2\x80\x99", 3) == 0))
				end -= 3;
			else
				break;
		}
		if (end <= at + k)
			return -1; /* "www." alone, or "https://." */
		*len = end - at;
		return (long)at;
	}
	return -1;
}

/* Puts a word, a bare web address in it a link to itself (outside a link
 * the data file writes): "www.…" goes to "https://www.…". */
static void put_word(struct loader *ld, struct builder *b, const char *w, size_t n, struct look k)
{
	size_t len;
	long at = k.href ? -1 : bare_address(w, n, &len);
	/* One longer than a PDF link holds stays text. */
	if (at < 0 || len + 8 > LOAD_MAX_HREF_BYTES) {
		put(b, w, n, k);
		return;
	}
	struct look link = k;
	bool www = strncasecmp(w + at, "www.", 4) == 0;
	link.href = arena_printf(&ld->r->arena, "%s%.*s", www ? "https://" : "", (int)len, w + at);
	if (at > 0)
		put(b, w, (size_t)at, k);
	put(b, w + at, len, link);
	if ((size_t)at + len < n)
		put(b, w + at + len, n - (size_t)at - len, k);
}

/* Adds text written so, collapsing white space; leading space is dropped,
 * and trailing space waits for a following word that may never come. */
static void add_text(struct loader *ld, struct builder *b, const char *s, struct look k)
{
	while (*s) {
		if (load_is_space(*s)) {
			if (!b->space && b->len > 0) {
				b->space = true;
				b->space_look = k;
			}
			s++;
			continue;
		}
		size_t n = 0;
		while (s[n] && !load_is_space(s[n]))
			n++;
		if (b->space) {
			put(b, " ", 1, b->space_look);
			b->space = false;
		}
		put_word(ld, b, s, n, k);
		s += n;
	}
}

/* See load_internal.h. */
const char *load_lang(struct loader *ld, xmlNode *el)
{
	const char *lang = NULL;
	for (xmlAttr *a = el->properties; a; a = a->next) {
		if (!a->ns || !a->ns->href || strcmp((const char *)a->ns->href,
						       (const char *)XML_XML_NAMESPACE) != 0)
			continue;
		if (strcmp((const char *)a->name, "lang") != 0) {
			load_attr_error(ld, a, "xml:%s on <%s> is not part of the format; expected only "
					"xml:lang, the language of the text", (const char *)a->name,
					(const char *)el->name);
			continue;
		}
		const char *v = load_value(ld, a);
		if (v && load_language_tag(v))
			lang = arena_strdup(&ld->r->arena, v);
		else
			load_attr_error(ld, a, "xml:lang=\"%s\" is not a language tag; expected a BCP 47 "
					"tag such as es-MX or pl", load_shown(ld, v ? v : ""));
	}
	return lang;
}

/* The language an element inherits from those around it (not checked
 * again: each reports its own), or NULL. */
static const char *inherited_lang(xmlNode *el)
{
	for (xmlNode *n = el; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		for (xmlAttr *a = n->properties; a; a = a->next)
			if (a->ns && a->ns->href && strcmp((const char *)a->name, "lang") == 0 &&
			    strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0 &&
			    a->children && a->children->content &&
			    load_language_tag((const char *)a->children->content))
				return (const char *)a->children->content;
	return NULL;
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

/* Walks the inline content of el written as `k`. Elements the schema
 * refused were taken out of the tree; anything else unexpected reads as
 * text. A language other than the paragraph's is kept on its runs. */
static void add_inline(struct loader *ld, struct builder *b, xmlNode *el, struct look k)
{
	const char *href = k.href;
	for (xmlNode *c = el->children; c; c = c->next) {
		struct look in = k;
		if (c->type == XML_ELEMENT_NODE) {
			const char *lang = load_lang(ld, c);
			if (lang)
				in.lang = same_lang(lang, b->lang) ? NULL : lang;
			else if (load_is(c, "span"))
				load_node_error(ld, c, "<span> gives no language; expected the language of "
						"the phrase inside, such as <span xml:lang=\"es\">");
		}
		if (c->type == XML_TEXT_NODE) {
			if (c->content)
				add_text(ld, b, (const char *)c->content, k);
		} else if (load_is(c, "b")) {
			in.style |= RUN_BOLD;
			add_inline(ld, b, c, in);
		} else if (load_is(c, "i")) {
			in.style |= RUN_ITALIC;
			add_inline(ld, b, c, in);
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
			in.href = link;
			add_inline(ld, b, c, in);
			if (b->len == before)
				load_node_error(ld, c, "a link with no text; expected the words to show "
						"for the link inside <a>");
		} else if (c->type == XML_ELEMENT_NODE) {
			add_inline(ld, b, c, in);
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
		out->runs[i].lang = s->lang;
	}
	out->lang = b->lang;
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
	b.lang = load_lang(ld, el);
	if (!b.lang && el->parent) {
		const char *around = inherited_lang(el->parent);
		b.lang = around ? arena_strdup(&ld->r->arena, around) : NULL;
	}
	add_inline(ld, &b, el, (struct look){0, NULL, NULL});
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
	/* Its paragraphs take the language it gives, unless they give their own. */
	load_lang(ld, el);
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
