/* The status icons, the shapes of the PDF's (pdf_icons.c): a disc with a
 * check mark for met, a triangle with an exclamation mark for under, a
 * square with a cross for not met, a hollow ring with a dash for no data.
 * Each is an SVG image in the stylesheet, drawn before the status's word
 * (class "st s-STATUS"): decoration a screen reader passes over, since the
 * word says it, and four images for the whole page however many
 * statuses it shows. */
#include "html.h"

/* One status's drawing in a 20 by 20 box, in its fill and mark colours,
 * with single quotes so that it can sit in a CSS string. */
static void drawing(struct strbuf *b, enum status s, const char *fill, const char *mark)
{
	sb_add(b, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'>");
	switch (s) {
	case STATUS_MET:
		sb_printf(b, "<circle cx='10' cy='10' r='10' fill='%s'/>"
			  "<path d='M5.4 9.6 8.6 13 14.8 6.4' fill='none' stroke='%s' "
			  "stroke-width='2.6' stroke-linecap='round' stroke-linejoin='round'/>",
			  fill, mark);
		break;
	case STATUS_UNDER:
		sb_printf(b, "<path d='M.8 18.4H19.2L10 1.6Z' fill='%s' stroke='%s' "
			  "stroke-width='1.6' stroke-linejoin='round'/>"
			  "<path d='M10 6.8V11.6' stroke='%s' stroke-width='2.4' stroke-linecap='round'/>"
			  "<circle cx='10' cy='15.2' r='1.4' fill='%s'/>",
			  fill, fill, mark, mark);
		break;
	case STATUS_NOT_MET:
		sb_printf(b, "<rect x='1.6' y='1.6' width='16.8' height='16.8' fill='%s' stroke='%s' "
			  "stroke-width='1.6' stroke-linejoin='round'/>"
			  "<path d='M6.2 6.2 13.8 13.8M6.2 13.8 13.8 6.2' stroke='%s' stroke-width='2.6' "
			  "stroke-linecap='round'/>",
			  fill, fill, mark);
		break;
	case STATUS_NO_DATA:
		sb_printf(b, "<circle cx='10' cy='10' r='8.9' fill='#fff' stroke='%s' stroke-width='2.2'/>"
			  "<path d='M6 10H14' stroke='%s' stroke-width='2.4' stroke-linecap='round'/>",
			  fill, fill);
		break;
	}
	sb_add(b, "</svg>");
}

void html_icon_css(struct html *h)
{
	struct strbuf *b = &h->b;
	sb_add(b, ".st::before{content:\"\";display:inline-block;width:1.2em;height:1.2em;"
		  "vertical-align:-.25em;margin-right:.35em;background:no-repeat center/contain}\n");
	for (int s = 0; s < STATUS_COUNT; s++) {
		struct strbuf svg = {0};
		drawing(&svg, (enum status)s, h->c.status_icon[s], h->c.status_mark[s]);
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
