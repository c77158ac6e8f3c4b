/* The status icons as inline SVG, the shapes of the PDF's (pdf_icons.c):
 * a disc with a check mark for met, a triangle with an exclamation mark
 * for under, a square with a cross for not met, a hollow ring with a dash
 * for no data. Defined once as symbols; every use is decoration beside the
 * status's word, so screen readers hear the word once. */
#include "html.h"

/* One status's drawing in a 20 by 20 box, in its fill and mark colours. */
static void symbol(struct html *h, enum status s)
{
	const char *fill = h->c.status_icon[s], *mark = h->c.status_mark[s];
	sb_add(&h->b, "<symbol id=\"i-");
	sb_add(&h->b, status_name(s));
	sb_add(&h->b, "\" viewBox=\"0 0 20 20\">");
	switch (s) {
	case STATUS_MET:
		sb_printf(&h->b, "<circle cx=\"10\" cy=\"10\" r=\"10\" fill=\"%s\"/>"
			  "<path d=\"M5.4 9.6 8.6 13 14.8 6.4\" fill=\"none\" stroke=\"%s\" "
			  "stroke-width=\"2.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>",
			  fill, mark);
		break;
	case STATUS_UNDER:
		sb_printf(&h->b, "<path d=\"M.8 18.4H19.2L10 1.6Z\" fill=\"%s\" stroke=\"%s\" "
			  "stroke-width=\"1.6\" stroke-linejoin=\"round\"/>"
			  "<path d=\"M10 6.8V11.6\" stroke=\"%s\" stroke-width=\"2.4\" "
			  "stroke-linecap=\"round\"/><circle cx=\"10\" cy=\"15.2\" r=\"1.4\" fill=\"%s\"/>",
			  fill, fill, mark, mark);
		break;
	case STATUS_NOT_MET:
		sb_printf(&h->b, "<rect x=\"1.6\" y=\"1.6\" width=\"16.8\" height=\"16.8\" fill=\"%s\" "
			  "stroke=\"%s\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>"
			  "<path d=\"M6.2 6.2 13.8 13.8M6.2 13.8 13.8 6.2\" stroke=\"%s\" "
			  "stroke-width=\"2.6\" stroke-linecap=\"round\"/>",
			  fill, fill, mark);
		break;
	case STATUS_NO_DATA:
		sb_printf(&h->b, "<circle cx=\"10\" cy=\"10\" r=\"8.9\" fill=\"#fff\" stroke=\"%s\" "
			  "stroke-width=\"2.2\"/><path d=\"M6 10H14\" stroke=\"%s\" stroke-width=\"2.4\" "
			  "stroke-linecap=\"round\"/>",
			  fill, fill);
		break;
	}
	sb_add(&h->b, "</symbol>");
}

void html_icon_defs(struct html *h)
{
	sb_add(&h->b, "<svg class=\"defs\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\">");
	for (int s = 0; s < STATUS_COUNT; s++)
		symbol(h, (enum status)s);
	sb_add(&h->b, "</svg>\n");
}

void html_icon(struct html *h, enum status s)
{
	sb_add(&h->b, "<svg class=\"i\" aria-hidden=\"true\"><use href=\"#i-");
	sb_add(&h->b, status_name(s));
	sb_add(&h->b, "\"/></svg>");
}

void html_status(struct html *h, enum status s, const char *word, const char *tag)
{
	sb_printf(&h->b, "<%s class=\"st s-%s\">", tag, status_name(s));
	html_icon(h, s);
	sb_esc(&h->b, word);
	sb_printf(&h->b, "</%s>", tag);
}
