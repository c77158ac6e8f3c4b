/* The status icons, the shapes of the PDF's (pdf_icons.c): a disc with a
 * check mark for met, a triangle with an exclamation mark for under, a
 * square with a cross for not met, a hollow ring with a dash for no data.
 * Each is an SVG image in the stylesheet, drawn before the status's word
 * (class "st s-STATUS"): decoration a screen reader passes over, since the
 * word says it, and four images for the whole page however many
 * statuses it shows. */
#include "html.h"

void html_icon_css(struct html *h)
{
	struct strbuf *b = &h->b;
	sb_add(b, ".st::before{content:\"\";display:inline-block;width:1.2em;height:1.2em;"
		  "vertical-align:-.25em;margin-right:.35em;background:no-repeat center/contain}\n");
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct strbuf svg = {0};
		svg_status_icon(&svg, (enum status)s, h->c.status_icon[s], h->c.status_mark[s], 0, 0, 0);
		sb_printf(b, ".s-%s::before{background-image:url(\"data:image/svg+xml,",
			  status_name((enum status)s));
		/* Percent-encoded where a URL or CSS would read the character. */
		for (size_t i = 0; i < svg.n; i++) {
			unsigned char c = (unsigned char)svg.s[i];
			if (c == '<' || c == '>' || c == '#' || c == '%' || c == '"' || c == '\\')
				sb_printf(b, "%%%02X", c);
			else
				sb_addc(b, (char)c);
		}
		sb_add(b, "\")}\n");
		sb_free(&svg);
	}
}

void html_status(struct html *h, enum status s, const char *word, const char *tag)
{
	sb_printf(&h->b, "<%s class=\"st s-%s\">", tag, status_name(s));
	sb_text(&h->b, word);
	sb_printf(&h->b, "</%s>", tag);
}
