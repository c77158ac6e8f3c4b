/* Text on the web page: every string from the data file, the layout or
 * the presentation goes through here (or sb_text and sb_esc), so a measure
 * named "<script>" or holding "&", quotes or "]]>" shows as typed, and no
 * attribute is ever made of unescaped text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "html.h"

/* How much is written at a time. */
#define SPILL_BYTES (64 * 1024)

void html_spill(struct html *h)
{
	if (h->err)
		h->b.n = 0; /* Nothing more can be written: keep no more. */
	else if (!sb_spill(&h->b, h->fd, SPILL_BYTES))
		h->err = errno ? errno : EIO;
}

void html_text(struct html *h, const char *s)
{
	sb_text(&h->b, s);
}

void html_attr(struct html *h, const char *s)
{
	sb_esc(&h->b, s);
}

void html_elem(struct html *h, const char *tag, const char *cls, const char *text)
{
	sb_addc(&h->b, '<');
	sb_add(&h->b, tag);
	if (cls) {
		sb_add(&h->b, " class=\"");
		sb_add(&h->b, cls);
		sb_addc(&h->b, '"');
	}
	sb_addc(&h->b, '>');
	sb_text(&h->b, text);
	sb_add(&h->b, "</");
	sb_add(&h->b, tag);
	sb_addc(&h->b, '>');
}

void html_id(struct html *h, const char *prefix, const char *id)
{
	sb_add(&h->b, prefix);
	sb_esc(&h->b, id);
}

bool html_link_ok(const char *href)
{
	static const char *const schemes[] = {"http:", "https:", "mailto:"};
	if (!href)
		return false;
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(href, schemes[i], n) == 0 && href[n] != '\0')
			return true;
	}
	return false;
}

char *html_file_url(const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(name);
	char *out = xmalloc(n * 3 + 3);
	char *o = out;
	/* "./" first: a name with a colon could otherwise start a scheme. */
	*o++ = '.';
	*o++ = '/';
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned c = *p;
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			     c == '-' || c == '.' || c == '_' || c == '~';
		if (plain) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Go from one run's style to the next's with as few tags as keep them
 * nested: bold outside, italic inside; <b> and <i>, as the data file
 * writes them. */
static void restyle(struct html *h, unsigned from, unsigned to)
{
	bool bold_changes = (from ^ to) & RUN_BOLD;
	if ((from & RUN_ITALIC) && (bold_changes || !(to & RUN_ITALIC)))
		sb_add(&h->b, "</i>");
	if (bold_changes && (from & RUN_BOLD))
		sb_add(&h->b, "</b>");
	if (bold_changes && (to & RUN_BOLD))
		sb_add(&h->b, "<b>");
	if ((to & RUN_ITALIC) && (bold_changes || !(from & RUN_ITALIC)))
		sb_add(&h->b, "<i>");
}

/* Whether two runs belong to the same link (or to none). */
static bool same_link(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* <span lang="..."> around text in another language. */
static void open_lang(struct html *h, const char *lang)
{
	sb_add(&h->b, "<span lang=\"");
	sb_esc(&h->b, lang);
	sb_add(&h->b, "\">");
}

void html_para(struct html *h, const struct para *p)
{
	const char *link = NULL; /* The link open, if any. */
	unsigned style = 0;      /* The style open, inside the link. */
	const char *lang = NULL; /* A phrase's language open, outside the link. */
	/* A paragraph in another language than the page's says so, around it. */
	if (p->lang)
		open_lang(h, p->lang);
	for (size_t i = 0; i < p->nruns; i++) {
		const struct run *run = &p->runs[i];
		const char *href = html_link_ok(run->href) ? run->href : NULL;
		bool lang_changes = !same_link(lang, run->lang);
		if (!same_link(link, href) || lang_changes) {
			restyle(h, style, 0);
			style = 0;
			if (link)
				sb_add(&h->b, "</a>");
			link = NULL;
			if (lang_changes && lang)
				sb_add(&h->b, "</span>");
			if (lang_changes && run->lang)
				open_lang(h, run->lang);
			lang = run->lang;
			if (href) {
				sb_add(&h->b, "<a href=\"");
				sb_esc(&h->b, href);
				sb_add(&h->b, "\">");
			}
			link = href;
		}
		restyle(h, style, run->style);
		style = run->style;
		sb_text(&h->b, run->text);
	}
	restyle(h, style, 0);
	if (link)
		sb_add(&h->b, "</a>");
	if (lang)
		sb_add(&h->b, "</span>");
	if (p->lang)
		sb_add(&h->b, "</span>");
}

void html_css_string(struct html *h, const char *s)
{
	sb_addc(&h->b, '"');
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		/* Quotes, backslashes, line breaks and the markup characters as
		 * CSS escapes: nothing can end the string or the style element. */
		if (*p == '"' || *p == '\\' || *p == '<' || *p == '>' || *p == '&' || *p < 0x20)
			sb_printf(&h->b, "\\%x ", *p);
		else
			sb_addc(&h->b, (char)*p);
	}
	sb_addc(&h->b, '"');
}
