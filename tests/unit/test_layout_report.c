/* The whole report laid out with fixed metrics: page numbers and contents
 * after the second pass, header and footer, links and destinations,
 * bookmarks, the element tree, charts and their text alternatives, text
 * inside its area, replacement warnings with file:line, the layout's part
 * order, and time at scale. */
#include <math.h>
#include <time.h>

#include "eval.h"
#include "harness.h"
#include "layout.h"
#include "layout_color.h"
#include "layout_fixture.h"
#include "load.h"

/* A data file with `goals` goals of `per_goal` measures, `sections`
 * narrative sections, and `odd` put into the first measure's name. */
static char *gen_xml(size_t goals, size_t per_goal, size_t sections, const char *odd, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"1\">\n<meta>\n"
		   "<organization>City of Testing</organization>\n<title>Performance Report</title>\n"
		   "<fiscal-year start-month=\"7\" named-by=\"end\"/>\n<period>FY2018-Q1</period>\n"
		   "</meta>\n<goals>\n");
	for (size_t g = 0; g < goals; g++) {
		fprintf(f, "<goal id=\"g%zu\" name=\"Goal number %zu\">\n"
			   "<statement>What goal %zu is for, in a sentence.</statement>\n", g, g, g);
		for (size_t i = 0; i < per_goal; i++) {
			fprintf(f, "<measure id=\"m%zu-%zu\" unit=\"count\">\n<name>%s measure %zu of goal %zu"
				   "</name>\n<department>Department %zu</department>\n"
				   "<target at-least=\"%zu\"/>\n",
				g, i, g == 0 && i == 0 && odd ? odd : "A", i, g, i % 7, 40 + i % 30);
			for (int q = 0; q < 8; q++)
				fprintf(f, "<value period=\"FY%d-Q%d\" actual=\"%zu\"/>\n", 2016 + (q + 1) / 4,
					(q + 1) % 4 + 1, 30 + (i * 7 + (size_t)q * 3) % 25);
			fprintf(f, "<commentary>Notes on how measure %zu did in the quarter and why it "
				   "moved the way it did.</commentary>\n</measure>\n", i);
		}
		fprintf(f, "</goal>\n");
	}
	fprintf(f, "</goals>\n");
	if (sections) {
		fprintf(f, "<narrative>\n");
		for (size_t s = 0; s < sections; s++)
			fprintf(f, "<section id=\"s%zu\" title=\"Section %zu\">\n<p>Paragraph of section %zu "
				   "with a <a href=\"https://example.org/%zu\">link</a> in it.</p>\n"
				   "</section>\n", s, s, s, s);
		fprintf(f, "</narrative>\n");
	}
	fprintf(f, "</report>\n");
	fclose(f);
	return buf;
}

/* Load and evaluate a data file held in memory. */
static struct report *load_mem(struct fixture *fx, const char *name, const char *xml, size_t len)
{
	struct report *r = load_report_memory(name, xml, len, &fx->d);
	if (r)
		eval_report(r);
	return r;
}

/* Text of a text box as a C string (arena copy). */
static const char *box_str(struct fixture *fx, const struct box *b)
{
	return arena_strndup(&fx->a, b->u.text.text, b->u.text.len);
}

/* Whether any page has a text box containing `s`; its page in *page. */
static bool find(struct fixture *fx, const struct doc *doc, const char *s, size_t *page)
{
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind == BOX_TEXT && strstr(box_str(fx, b), s)) {
				if (page)
					*page = p;
				return true;
			}
		}
	return false;
}

/* Checks every laid-out report must pass. */
static void check_doc(struct fixture *fx, const struct report *r, const struct doc *doc,
		      bool has_cover, const char *what)
{
	char msg[256];
	const struct style *st = &fx->st;
	double left = st->margin_left, right = st->page_width - st->margin_right;
	double top = st->page_height - st->margin_top, bottom = st->margin_bottom;

	/* Footer "Page N of M" on every page but the cover. */
	int footers = 1;
	for (size_t p = has_cover ? 1 : 0; p < doc->npages; p++) {
		char want[64];
		snprintf(want, sizeof want, "Page %zu of %zu", p + 1, doc->npages);
		bool found = false;
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind == BOX_TEXT && b->elem == -1 && strcmp(box_str(fx, b), want) == 0)
				found = true;
		}
		footers &= found;
	}
	snprintf(msg, sizeof msg, "%s: every page but the cover says Page N of M", what);
	CHECK(footers, msg);
	if (has_cover) {
		bool cover_footer = false;
		for (size_t i = 0; i < doc->pages[0].nboxes; i++)
			cover_footer |= doc->pages[0].boxes[i].kind == BOX_TEXT &&
					strncmp(box_str(fx, &doc->pages[0].boxes[i]), "Page ", 5) == 0;
		snprintf(msg, sizeof msg, "%s: the cover has no footer", what);
		CHECK(!cover_footer, msg);
	}

	/* Destinations placed, links pointing at placed destinations. */
	int dests_ok = 1;
	for (size_t i = 0; i < doc->ndests; i++) {
		const struct dest *d = &doc->dests[i];
		if (d->page < 0 || (size_t)d->page >= doc->npages) {
			dests_ok = 0;
			continue;
		}
		bool marked = false;
		for (size_t k = 0; k < doc->pages[d->page].nboxes; k++)
			marked |= doc->pages[d->page].boxes[k].kind == BOX_DEST &&
				  doc->pages[d->page].boxes[k].u.dest.dest == (int)i;
		dests_ok &= marked;
	}
	snprintf(msg, sizeof msg, "%s: every destination is placed and marked on its page", what);
	CHECK(dests_ok, msg);
	int links_ok = 1;
	size_t links = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind != BOX_LINK)
				continue;
			links++;
			if (!b->u.link.uri && (b->u.link.dest < 0 || (size_t)b->u.link.dest >= doc->ndests))
				links_ok = 0;
			if (b->elem < 0 || doc->elems[b->elem].role != ROLE_LINK)
				links_ok = 0;
		}
	snprintf(msg, sizeof msg, "%s: every link goes somewhere and is tagged Link", what);
	CHECK(links_ok && links > 0, msg);
	int outline_ok = doc->noutline > 0;
	for (size_t i = 0; i < doc->noutline; i++)
		outline_ok &= doc->outline[i].dest >= 0 && (size_t)doc->outline[i].dest < doc->ndests &&
			      doc->outline[i].level >= 0 && doc->outline[i].level <= 1;
	snprintf(msg, sizeof msg, "%s: bookmarks point at destinations", what);
	CHECK(outline_ok, msg);

	/* Contents: each entry's number is its destination's page. */
	int toc_ok = 1;
	size_t entries = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind != BOX_LINK || b->u.link.uri || b->elem < 0)
				continue;
			int parent = doc->elems[b->elem].parent;
			if (parent < 0 || doc->elems[parent].role != ROLE_TOCI)
				continue;
			entries++;
			/* The number is the last text box of the same Link before the area. */
			const char *num = NULL;
			for (size_t k = 0; k < i; k++)
				if (doc->pages[p].boxes[k].kind == BOX_TEXT && doc->pages[p].boxes[k].elem == b->elem)
					num = box_str(fx, &doc->pages[p].boxes[k]);
			char want[32];
			snprintf(want, sizeof want, "%d", doc->dests[b->u.link.dest].page + 1);
			if (!num || strcmp(num, want) != 0)
				toc_ok = 0;
		}
	if (entries > 0) {
		snprintf(msg, sizeof msg, "%s: contents page numbers are the pages entries lead to", what);
		CHECK(toc_ok, msg);
	}

	/* The element tree: children after parents, boxes pointing inside it. */
	int tree_ok = doc->nelems > 0 && doc->elems[0].role == ROLE_DOCUMENT && doc->elems[0].parent == -1;
	for (size_t i = 1; i < doc->nelems; i++)
		tree_ok &= doc->elems[i].parent >= 0 && (size_t)doc->elems[i].parent < i;
	int figures = 0, figures_alt = 1;
	for (size_t i = 0; i < doc->nelems; i++)
		if (doc->elems[i].role == ROLE_FIGURE) {
			figures++;
			figures_alt &= doc->elems[i].alt && strlen(doc->elems[i].alt) > 10;
		}
	snprintf(msg, sizeof msg, "%s: elements form a tree in reading order", what);
	CHECK(tree_ok, msg);
	snprintf(msg, sizeof msg, "%s: every chart is a Figure with a text alternative", what);
	CHECK(figures_alt, msg);

	/* Text inside the text area, headings never last on a page. */
	int inside = 1, boxes_ok = 1, heading_last = 0;
	for (size_t p = has_cover ? 1 : 0; p < doc->npages; p++) {
		int last_role = -1;
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->elem >= (int)doc->nelems)
				boxes_ok = 0;
			if (b->kind != BOX_TEXT || b->elem < 0)
				continue;
			if (b->u.text.x < left - 1e-6 || b->u.text.x + b->u.text.width > right + 1e-6 ||
			    b->u.text.y > top + 1e-6 || b->u.text.y < bottom - 1e-6)
				inside = 0;
			last_role = (int)doc->elems[b->elem].role;
		}
		if (last_role == ROLE_H1 || last_role == ROLE_H2 || last_role == ROLE_H3)
			heading_last = 1;
	}
	snprintf(msg, sizeof msg, "%s: no text outside the text area", what);
	CHECK(inside, msg);
	snprintf(msg, sizeof msg, "%s: boxes belong to elements that exist", what);
	CHECK(boxes_ok, msg);
	snprintf(msg, sizeof msg, "%s: no page ends with a heading", what);
	CHECK(!heading_last, msg);
	(void)r;
}

/* Whether element e lies inside an element of role `role`. */
static bool inside_role(const struct doc *doc, int e, enum role role)
{
	for (; e >= 0; e = doc->elems[e].parent)
		if (doc->elems[e].role == role)
			return true;
	return false;
}

/* The contents' heading on each page they reach: the first page's is the
 * H1; each further page opens with "Contents (continued)" in the same
 * size, above every entry, as an artifact so it is not read a second time.
 * Returns how many pages the contents take. */
static size_t check_contents_heads(struct fixture *fx, const struct doc *doc)
{
	size_t pages = 0;
	int first_ok = 0, cont_ok = 1, cont_elsewhere = 0, h1s = 0;
	double h1_size = 0;
	for (size_t p = 0; p < doc->npages; p++) {
		const struct page *pg = &doc->pages[p];
		double top_entry = -1e300, cont_y = 1e300, cont_size = 0;
		bool toc = false;
		int conts = 0;
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			const char *t = box_str(fx, b);
			if (b->elem >= 0 && inside_role(doc, b->elem, ROLE_TOC)) {
				toc = true;
				if (b->u.text.y > top_entry)
					top_entry = b->u.text.y;
			}
			if (strcmp(t, "Contents") == 0 && b->elem >= 0 &&
			    doc->elems[b->elem].role == ROLE_H1) {
				h1_size = b->u.text.size;
				h1s++;
			}
			if (strstr(t, "Contents (continued)")) {
				conts++;
				cont_y = b->u.text.y;
				cont_size = b->u.text.size;
				if (b->elem != -1)
					cont_ok = 0;
			}
		}
		if (!toc) {
			cont_elsewhere += conts;
			continue;
		}
		if (pages++ == 0) {
			first_ok = conts == 0;
			continue;
		}
		if (conts != 1 || cont_y <= top_entry || cont_size != h1_size)
			cont_ok = 0;
	}
	CHECK(first_ok && h1s == 1, "the contents' first page has the one Contents H1");
	if (pages > 1)
		CHECK(cont_ok, "each further contents page opens with \"Contents (continued)\" above its "
			       "entries, in the heading's size, as an artifact");
	CHECK_INT(cont_elsewhere, 0, "no other page says \"Contents (continued)\"");
	return pages;
}

static void test_example(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct report *r = load_report("examples/independence-fy2018-q1.xml", &fx.d);
	CHECK(r != NULL, "the Independence example loads");
	if (!r) {
		fixture_free(&fx);
		return;
	}
	eval_report(r);
	struct doc *doc = fixture_layout(&fx, r);
	CHECK(doc->npages >= 8, "cover, contents, glance, narrative, goals and appendix take pages");
	check_doc(&fx, r, doc, true, "example");
	CHECK_INT(check_contents_heads(&fx, doc), 1, "the example's contents fit on one page");
	size_t page;
	CHECK(find(&fx, doc, "Performance Dashboard", &page) && page == 0, "the cover shows the title");
	CHECK(find(&fx, doc, "Contents", &page) && page == 1, "the contents follow the cover");
	CHECK(find(&fx, doc, "7 measures this quarter", &page) && page == 0,
	      "the cover counts the quarter's measures");
	int cover_icons = 0, cover_counts = 0;
	for (size_t i = 0; i < doc->pages[0].nboxes; i++) {
		const struct box *b = &doc->pages[0].boxes[i];
		cover_icons += b->kind == BOX_ICON;
		if (b->kind == BOX_TEXT && b->elem >= 0 && b->u.text.y < fx.st.page_height / 2) {
			const char *t = box_str(&fx, b);
			cover_counts += strcmp(t, "3") == 0 || strcmp(t, "4") == 0 || strcmp(t, "0") == 0;
		}
	}
	CHECK_INT(cover_icons, STATUS_COUNT, "its lower half has a tile with an icon for each status");
	CHECK_INT(cover_counts, STATUS_COUNT, "and each status's count: 3 met, 0 under, 4 not met, 0 no data");
	size_t dests = 3 + r->nsections + r->ngoals + r->nmeasures;
	CHECK_INT(doc->ndests, dests, "a destination per part, section, goal and measure");
	CHECK_INT(doc->noutline, dests, "a bookmark for each");
	CHECK(find(&fx, doc, "No measures are reported for this goal this quarter.", NULL),
	      "a goal without measures says so");
	CHECK(find(&fx, doc, "Zach Walker, City Manager", NULL), "a pull quote carries its attribution");
	CHECK(find(&fx, doc, "8:37 min against a target of at most 5:00 min", NULL),
	      "a card states the result against the target in plain words");
	int figures = 0;
	for (size_t i = 0; i < doc->nelems; i++)
		figures += doc->elems[i].role == ROLE_FIGURE;
	CHECK_INT(figures, 0, "a measure with one quarter of results gets no chart of one bar");
	int icons = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++)
			icons += doc->pages[p].boxes[i].kind == BOX_ICON;
	CHECK(icons >= (int)r->nmeasures * 3, "status icons in the glance, the cards and the appendix");
	CHECK_STR(fixture_messages(&fx), "", "no warnings for the example");
	report_free(r);
	fixture_free(&fx);
}

/* A cover whose organization, title, subtitle and plan are each thousands of
 * characters long still fits its page, cutting them short. */
static void test_long_cover(void)
{
	struct fixture fx;
	fixture_init(&fx);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char words[4000];
	for (size_t i = 0; i + 1 < sizeof words; i++)
		words[i] = i % 9 == 8 ? ' ' : (char)('a' + i % 9);
	words[sizeof words - 1] = '\0';
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"1\">\n<meta>\n"
		   "<organization>O %s</organization>\n<title>T %s</title>\n<subtitle>S %s</subtitle>\n"
		   "<plan>P %s</plan>\n<fiscal-year start-month=\"7\" named-by=\"end\"/>\n"
		   "<period>FY2018-Q1</period>\n<published>2017-11-13</published>\n</meta>\n<goals>\n"
		   "<goal id=\"g\" name=\"Goal\"><measure id=\"m\" unit=\"count\"><name>M</name>"
		   "<target at-least=\"1\"/><value period=\"FY2018-Q1\" actual=\"2\"/></measure></goal>\n"
		   "</goals>\n</report>\n", words, words, words, words);
	fclose(f);
	struct report *r = load_mem(&fx, "cover.xml", buf, len);
	CHECK(r != NULL, "a data file with enormous titles loads");
	if (r) {
		struct doc *doc = fixture_layout(&fx, r);
		const struct style *st = &fx.st;
		int inside = 1, cut = 0, period = 0;
		for (size_t i = 0; i < doc->pages[0].nboxes; i++) {
			const struct box *b = &doc->pages[0].boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			const char *t = box_str(&fx, b);
			if (b->u.text.y < st->margin_bottom || b->u.text.y > st->page_height - st->margin_top ||
			    b->u.text.x < st->margin_left ||
			    b->u.text.x + b->u.text.width > st->page_width - st->margin_right + 1e-6)
				inside = 0;
			cut += strstr(t, "\xE2\x80\xA6") != NULL;
			period += strcmp(t, "Q1 FY2018") == 0;
		}
		CHECK(inside, "every line of the cover stays inside its margins");
		CHECK_INT(cut, 4, "organization, title, subtitle and plan are each cut short with an ellipsis");
		CHECK_INT(period, 1, "the quarter still has its place");
		/* The header and footer cut them short too, within the margins. */
		int furniture_inside = 1, furniture_cut = 0;
		for (size_t i = 0; i < doc->pages[1].nboxes; i++) {
			const struct box *b = &doc->pages[1].boxes[i];
			if (b->kind != BOX_TEXT || b->elem != -1)
				continue;
			if (b->u.text.x < st->margin_left - 1e-6 ||
			    b->u.text.x + b->u.text.width > st->page_width - st->margin_right + 1e-6)
				furniture_inside = 0;
			furniture_cut += strstr(box_str(&fx, b), "\xE2\x80\xA6") != NULL;
		}
		CHECK(furniture_inside && furniture_cut >= 1,
		      "the header cuts an enormous title short with an ellipsis, inside the margins");
		check_doc(&fx, r, doc, true, "enormous titles");
		report_free(r);
	}
	free(buf);
	fixture_free(&fx);
}

/* A character no face has, in the organization: shown on the cover and in
 * every page's header, reported once, against the organization's line. */
static void test_title_warnings(void)
{
	struct fixture fx;
	fixture_init(&fx);
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"1\">\n<meta>\n"
		"<title>Performance Report</title>\n"
		"<organization>City of \xE4\xB8\x80</organization>\n"
		"<fiscal-year start-month=\"7\" named-by=\"end\"/>\n<period>FY2018-Q1</period>\n"
		"</meta>\n<goals>\n<goal id=\"g\" name=\"Goal\"><measure id=\"m\" unit=\"count\">"
		"<name>M</name><target at-least=\"1\"/><value period=\"FY2018-Q1\" actual=\"2\"/>"
		"</measure></goal>\n</goals>\n</report>\n";
	struct report *r = load_mem(&fx, "org.xml", xml, sizeof xml - 1);
	CHECK(r != NULL, "a data file with an odd character in its organization loads");
	if (r) {
		struct doc *doc = fixture_layout(&fx, r);
		const char *msgs = fixture_messages(&fx);
		CHECK(doc->npages > 3, "the organization heads several pages");
		CHECK_INT(count_of(msgs, "org.xml:5: warning: character U+4E00"), 1,
			  "the character is reported once, on the organization's line");
		CHECK_INT(count_of(msgs, "warning"), 1, "and nowhere else");
		report_free(r);
	}
	fixture_free(&fx);
}

/* The Figure whose text alternative names `name`, or -1. */
static int figure_of(const struct doc *doc, const char *name)
{
	for (size_t i = 0; i < doc->nelems; i++)
		if (doc->elems[i].role == ROLE_FIGURE && doc->elems[i].alt &&
		    strstr(doc->elems[i].alt, name))
			return (int)i;
	return -1;
}

static void test_charts(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct report *r = load_report("examples/riverbend-fy2025-q3.xml", &fx.d);
	CHECK(r != NULL, "the Riverbend example loads");
	if (!r) {
		fixture_free(&fx);
		return;
	}
	eval_report(r);
	struct doc *doc = fixture_layout(&fx, r);
	check_doc(&fx, r, doc, true, "riverbend");
	/* Each card's chart carries its presentation's text alternative, the one
	 * written from the series drawn. */
	size_t drawn = 0, matched = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_chart *c = &fx.laid->measures[i].card;
		if (!c->drawn)
			continue;
		drawn++;
		for (size_t e = 0; e < doc->nelems; e++)
			if (doc->elems[e].role == ROLE_FIGURE && doc->elems[e].alt &&
			    strcmp(doc->elems[e].alt, c->alt) == 0) {
				matched++;
				break;
			}
	}
	CHECK(drawn > 20 && matched == drawn, "every card chart's alternative is the presented one");
	int police = figure_of(doc, "Priority 1 police calls");
	CHECK(police >= 0 && strstr(doc->elems[police].alt, "Q4 FY2023 6:58") &&
		      strstr(doc->elems[police].alt, "Q3 FY2025 6:32") &&
		      strstr(doc->elems[police].alt, "Target at most 6:00") &&
		      !strstr(doc->elems[police].alt, "FY2023 7:01"),
	      "a chart's text alternative lists the eight quarters it shows and the target");
	CHECK(figure_of(doc, "Residents satisfied") < 0,
	      "a measure with one result in the chart's quarters gets no chart");
	/* Cardiac survival has every quarter but the report's, which has only a status. */
	/* Its values sit far from zero (10.9% to 13%): points on lines. */
	int cardiac = figure_of(doc, "Cardiac arrest");
	int na = 0, bars = 0, dots = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (cardiac < 0 || b->elem != cardiac)
				continue;
			na += b->kind == BOX_TEXT && strcmp(box_str(&fx, b), "n/a") == 0;
			bars += b->kind == BOX_RECT && b->u.rect.fill && b->u.rect.h > 1;
			if (b->kind == BOX_POLYLINE && (b->u.poly.markers || b->u.poly.n == 1))
				dots += (int)b->u.poly.n; /* A dot at each point. */
		}
	CHECK_INT(na, 1, "a quarter without a result is marked n/a, not drawn as a zero");
	CHECK_INT(dots, 7 + 1, "a point for each of the other seven quarters, and the legend's");
	CHECK_INT(bars, 0, "and no bars, which would start at zero");
	/* Traffic deaths (9 to 18) are bars from zero. */
	int traffic = figure_of(doc, "Traffic deaths");
	bars = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			bars += traffic >= 0 && b->elem == traffic && b->kind == BOX_RECT && b->u.rect.fill &&
				b->u.rect.h > 1;
		}
	CHECK_INT(bars, 8 + 1, "counts near zero are bars, one a quarter and the legend's swatch");
	report_free(r);
	fixture_free(&fx);
}

static void test_replacement(void)
{
	struct fixture fx;
	fixture_init(&fx);
	size_t len;
	/* U+4E00 is in no face of the fixture; U+0416 only in the fallback. */
	char *xml = gen_xml(1, 2, 1, "Odd \xE4\xB8\x80 and \xD0\x96 and \xF0\x9F\x98\x80", &len);
	struct report *r = load_mem(&fx, "odd.xml", xml, len);
	CHECK(r != NULL, "a data file with unusual characters loads");
	if (r) {
		struct doc *doc = fixture_layout(&fx, r);
		const char *msgs = fixture_messages(&fx);
		int line = r->measures[0]->line;
		char want[64];
		snprintf(want, sizeof want, "odd.xml:%d: warning: character U+4E00", line);
		CHECK_INT(count_of(msgs, want), 1,
			  "a character no face has is reported once, with the data file's line, however often it is shown");
		snprintf(want, sizeof want, "odd.xml:%d: warning: character U+1F600", line);
		CHECK_INT(count_of(msgs, want), 1, "a character outside the BMP is reported too");
		CHECK_INT(count_of(msgs, "U+0416"), 0, "a character the fallback face has is not reported");
		CHECK(find(&fx, doc, "\xEF\xBF\xBD", NULL), "the replacement character is shown instead");
		report_free(r);
	}
	free(xml);
	fixture_free(&fx);
}

static void test_parts_and_long_contents(void)
{
	struct fixture fx;
	fixture_init(&fx);
	size_t len;
	char *xml = gen_xml(3, 4, 70, NULL, &len);
	struct report *r = load_mem(&fx, "many.xml", xml, len);
	CHECK(r != NULL, "a report with seventy sections loads");
	if (r) {
		struct doc *doc = fixture_layout(&fx, r);
		size_t p1, p2;
		CHECK(find(&fx, doc, "Section 69", &p1) && p1 >= 2 && find(&fx, doc, "Contents", &p2) && p2 == 1,
		      "the contents run over more than one page");
		CHECK(check_contents_heads(&fx, doc) >= 2, "the contents take two pages or more");
		check_doc(&fx, r, doc, true, "long contents");
		report_free(r);
	}
	fixture_free(&fx);

	fixture_init(&fx);
	fx.st.parts[0] = PART_APPENDIX;
	fx.st.parts[1] = PART_GOALS;
	fx.st.nparts = 2;
	r = load_mem(&fx, "many.xml", xml, len);
	if (r) {
		struct doc *doc = fixture_layout(&fx, r);
		size_t page;
		CHECK(find(&fx, doc, "Appendix", &page) && page == 0, "parts come in the layout's order");
		CHECK(!find(&fx, doc, "Contents", NULL) && !find(&fx, doc, "Section 1", NULL),
		      "parts the layout leaves out are not drawn");
		check_doc(&fx, r, doc, false, "appendix and goals only");
		report_free(r);
	}
	free(xml);
	fixture_free(&fx);
}

/* One row of the appendix seen on a page: a goal's row or a measure's. */
struct arow {
	double y;
	int goal;
	bool group;
	bool copy; /* The goal's row repeated, continued, as an artifact. */
};

/* Rows sorted top first. */
static int arow_cmp(const void *a, const void *b)
{
	double ya = ((const struct arow *)a)->y, yb = ((const struct arow *)b)->y;
	return ya < yb ? 1 : ya > yb ? -1 : 0;
}

/* Children of an element. */
static int kids_of(const struct doc *doc, int e)
{
	int n = 0;
	for (size_t i = 0; i < doc->nelems; i++)
		n += doc->elems[i].parent == e;
	return n;
}

/* The appendix table of a report from gen_xml, goal by goal: its head row
 * has no goal column; each goal's row (a TR of one row-scope TH, in bold)
 * comes once, before its measures; on each further page a goal's measures
 * reach, the copy "(continued)" (an artifact) heads them; no goal's row
 * ends a page. Returns how many copies there are. */
static int check_appendix_groups(struct fixture *fx, const struct doc *doc, size_t ngoals,
				 const char *what)
{
	char msg[256];
	int te = -1;
	for (size_t p = 0; p < doc->npages && te < 0; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind == BOX_TEXT && b->elem >= 0 && doc->elems[b->elem].role == ROLE_TH &&
			    strcmp(box_str(fx, b), "On last year") == 0)
				te = doc->elems[doc->elems[b->elem].parent].parent;
		}
	snprintf(msg, sizeof msg, "%s: the appendix has its table", what);
	if (!CHECK(te >= 0 && doc->elems[te].role == ROLE_TABLE, msg))
		return 0;

	int head_ok = 1, group_tr_ok = 1, bold_ok = 1, once_ok = 1, above_ok = 1, copy_ok = 1;
	int last_ok = 1, order_ok = 1, pages = 0, copies = 0;
	int *seen = calloc(ngoals, sizeof *seen);     /* Pages each goal reached so far. */
	int *groups = calloc(ngoals, sizeof *groups); /* Its own row, counted. */
	int last_goal = -1;
	for (size_t p = 0; p < doc->npages; p++) {
		const struct page *pg = &doc->pages[p];
		struct arow *rows = calloc(pg->nboxes + 1, sizeof *rows);
		size_t n = 0;
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			if (b->kind != BOX_TEXT)
				continue;
			const char *t = box_str(fx, b);
			int g, k;
			char tail[32] = "";
			bool in = b->elem >= 0 && inside_role(doc, b->elem, ROLE_TABLE);
			for (int e = b->elem; in && e >= 0 && e != te; e = doc->elems[e].parent)
				if (doc->elems[e].parent < 0)
					in = false;
			if (in && doc->elems[b->elem].role == ROLE_TH &&
			    doc->elems[doc->elems[b->elem].parent].parent == te && strcmp(t, "Goal area") == 0)
				head_ok = 0;
			if (in && sscanf(t, "Goal number %d%31s", &g, tail) == 1 && g >= 0 &&
			    (size_t)g < ngoals) {
				int tr = doc->elems[b->elem].parent;
				group_tr_ok &= doc->elems[b->elem].role == ROLE_TH &&
					       doc->elems[b->elem].has_id &&
					       doc->elems[b->elem].colspan == 5 &&
					       doc->elems[tr].role == ROLE_TR && kids_of(doc, tr) == 1;
				bold_ok &= b->u.text.face == FACE_BOLD;
				rows[n++] = (struct arow){b->u.text.y, g, true, false};
			} else if (b->elem == -1 && sscanf(t, "Goal number %d (continued%31s", &g, tail) == 2 &&
				   g >= 0 && (size_t)g < ngoals) {
				bold_ok &= b->u.text.face == FACE_BOLD;
				rows[n++] = (struct arow){b->u.text.y, g, true, true};
			} else if (in && sscanf(t, "A measure %d of goal %d", &k, &g) == 2 && g >= 0 &&
				   (size_t)g < ngoals) {
				rows[n++] = (struct arow){b->u.text.y, g, false, false};
			}
		}
		bool measures = false;
		for (size_t i = 0; i < n; i++)
			measures |= !rows[i].group;
		if (!measures) {
			free(rows);
			continue;
		}
		pages++;
		qsort(rows, n, sizeof *rows, arow_cmp);
		int *on = calloc(ngoals, sizeof *on); /* Goal rows on this page. */
		for (size_t i = 0; i < n; i++) {
			int g = rows[i].goal;
			if (rows[i].group) {
				on[g]++;
				copies += rows[i].copy;
				/* A copy exactly where the goal was met on an earlier page. */
				if (rows[i].copy != (seen[g] > 0))
					copy_ok = 0;
				if (!rows[i].copy) {
					groups[g]++;
					if (g != last_goal + 1)
						order_ok = 0;
					last_goal = g;
				}
			} else if (on[g] == 0) {
				above_ok = 0; /* A measure before its goal's row on this page. */
			}
		}
		for (size_t g = 0; g < ngoals; g++) {
			if (on[g] > 1)
				once_ok = 0;
			seen[g] += on[g] > 0;
		}
		if (n > 0 && rows[n - 1].group)
			last_ok = 0;
		free(on);
		free(rows);
	}
	for (size_t g = 0; g < ngoals; g++)
		once_ok &= groups[g] == 1;
	snprintf(msg, sizeof msg, "%s: the table runs over several pages (%d)", what, pages);
	CHECK(pages >= 3, msg);
	snprintf(msg, sizeof msg, "%s: the head row has no goal column", what);
	CHECK(head_ok, msg);
	snprintf(msg, sizeof msg, "%s: a goal's row is a TR of one TH across the 5 columns, with an "
		 "id for its measures' cells to name, in bold", what);
	CHECK(group_tr_ok && bold_ok, msg);
	snprintf(msg, sizeof msg, "%s: each goal's row comes once, in order, and once a page at most",
		 what);
	CHECK(once_ok && order_ok && last_goal == (int)ngoals - 1, msg);
	snprintf(msg, sizeof msg, "%s: every measure is under its goal's row on its page", what);
	CHECK(above_ok, msg);
	snprintf(msg, sizeof msg, "%s: a page a goal goes on to repeats its row, continued, and only "
		 "such a page (%d times)", what, copies);
	CHECK(copy_ok, msg);
	snprintf(msg, sizeof msg, "%s: no page ends with a goal's row", what);
	CHECK(last_ok, msg);
	free(seen);
	free(groups);
	return copies;
}

/* The appendix grouped by goal, for goals of several sizes so that goal
 * rows fall at every place on a page. */
static void test_appendix_groups(void)
{
	int copies = 0, runs = 0;
	for (size_t per = 3; per <= 30; per += 3) {
		struct fixture fx;
		fixture_init(&fx);
		fx.st.parts[0] = PART_APPENDIX;
		fx.st.parts[1] = PART_GOALS;
		fx.st.nparts = 2;
		size_t len, goals = 240 / per;
		char *xml = gen_xml(goals, per, 0, NULL, &len);
		struct report *r = load_mem(&fx, "groups.xml", xml, len);
		char what[64];
		snprintf(what, sizeof what, "%zu goals of %zu measures", goals, per);
		if (CHECK(r != NULL, what)) {
			struct doc *doc = fixture_layout(&fx, r);
			int c = check_appendix_groups(&fx, doc, goals, what);
			copies += c;
			runs += c > 0;
			check_doc(&fx, r, doc, false, what);
			report_free(r);
		}
		free(xml);
		fixture_free(&fx);
	}
	CHECK(runs >= 5 && copies >= 20, "goals going on to a new page are common in these reports");
}

/* CPU seconds to lay out a generated report of n measures (best of three):
 * CPU time, not the clock, so other programs on a busy machine do not count. */
static double time_layout(size_t goals, size_t per_goal, size_t *pages)
{
	size_t len;
	char *xml = gen_xml(goals, per_goal, 3, NULL, &len);
	double best = 1e9;
	for (int k = 0; k < 3; k++) {
		struct fixture fx;
		fixture_init(&fx);
		struct report *r = load_mem(&fx, "big.xml", xml, len);
		if (!r) {
			fixture_free(&fx);
			break;
		}
		struct timespec a, b;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
		struct doc *doc = fixture_layout(&fx, r);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
		*pages = doc->npages;
		double t = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		if (t < best)
			best = t;
		report_free(r);
		fixture_free(&fx);
	}
	free(xml);
	return best;
}

/* The text of element e's boxes on page p, joined (arena). */
static const char *elem_text(struct fixture *fx, const struct doc *doc, size_t p, int e)
{
	const char *t = "";
	for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
		const struct box *b = &doc->pages[p].boxes[i];
		if (b->kind == BOX_TEXT && b->elem == e)
			t = arena_printf(&fx->a, "%s%s%s", t, *t ? " " : "", box_str(fx, b));
	}
	return t;
}

/* Each card is printed once, in its goal's section; where the narrative
 * names a measure it shows a line whose name links to the card and whose
 * number is the card's page. */
static void test_cards_once(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct report *r = load_report("examples/independence-fy2018-q1.xml", &fx.d);
	if (!r) {
		CHECK(false, "the Independence example loads");
		fixture_free(&fx);
		return;
	}
	eval_report(r);
	struct doc *doc = fixture_layout(&fx, r);
	int once = 1;
	for (size_t i = 0; i < r->nmeasures; i++) {
		int n = 0;
		for (size_t p = 0; p < doc->npages; p++)
			for (size_t e = 0; e < doc->nelems; e++)
				if (doc->elems[e].role == ROLE_H2 &&
				    strcmp(elem_text(&fx, doc, p, (int)e), r->measures[i]->name) == 0)
					n++;
		once &= n == 1;
	}
	CHECK(once, "each measure's name heads one card, once");
	size_t lines = 0;
	int lines_ok = 1;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind != BOX_LINK || b->u.link.uri || b->elem < 0)
				continue;
			int body = doc->elems[b->elem].parent;
			if (body < 0 || doc->elems[body].role != ROLE_LBODY)
				continue;
			lines++;
			const char *t = elem_text(&fx, doc, p, b->elem);
			char want[32];
			snprintf(want, sizeof want, " %d", doc->dests[b->u.link.dest].page + 1);
			size_t n = strlen(t), k = strlen(want);
			lines_ok &= n > k && strcmp(t + n - k, want) == 0;
		}
	size_t refs = 0;
	for (size_t s = 0; s < r->nsections; s++)
		for (size_t b = 0; b < r->sections[s].nblocks; b++)
			if (r->sections[s].blocks[b].kind == BLOCK_MEASURES)
				refs += r->sections[s].blocks[b].u.measures.n;
	CHECK_INT(lines, refs, "a line for each measure the narrative names");
	CHECK(lines_ok, "each line's name links to its card and ends with the card's page");
	CHECK(find(&fx, doc, "5 so far this year against a target", NULL),
	      "a line says the result against the target");
	report_free(r);
	fixture_free(&fx);
}

/* A card too long for the room left goes on to the next page, which
 * repeats its name, continued, above the rest, as an artifact. */
static void test_card_continued(void)
{
	struct fixture fx;
	fixture_init(&fx);
	char *xml = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&xml, &len);
	fprintf(f, "<report format=\"1\"><meta><organization>O</organization><title>T</title>"
		   "<fiscal-year start-month=\"7\" named-by=\"end\"/><period>FY2018-Q1</period>"
		   "</meta><goals><goal id=\"g\" name=\"Goal\">");
	for (int m = 0; m < 2; m++) {
		fprintf(f, "<measure id=\"m%d\" unit=\"count\"><name>Measure %s</name>"
			   "<target at-least=\"5\"/><value period=\"FY2018-Q1\" actual=\"6\"/>"
			   "<commentary>", m, m ? "long" : "short");
		for (int p = 0; p < (m ? 30 : 1); p++)
			fprintf(f, "<p>Paragraph %d of the commentary, which says a good deal about "
				   "the quarter in words enough to fill two lines of the card.</p>", p);
		fprintf(f, "</commentary></measure>");
	}
	fprintf(f, "</goal></goals></report>");
	fclose(f);
	struct report *r = load_mem(&fx, "continued.xml", xml, len);
	free(xml);
	if (!r) {
		CHECK(false, "the data loads");
		fixture_free(&fx);
		return;
	}
	fx.st.nparts = 1;
	fx.st.parts[0] = PART_GOALS;
	struct doc *doc = fixture_layout(&fx, r);
	CHECK(doc->npages >= 2, "the long card takes more than one page");
	size_t start = 0;
	CHECK(find(&fx, doc, "Measure long", &start), "the long card is there");
	int cont_ok = doc->npages > start + 1, tagged = 0;
	for (size_t p = start + 1; p < doc->npages; p++) {
		const struct box *first_text = NULL;
		for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
			const struct box *b = &doc->pages[p].boxes[i];
			if (b->kind != BOX_TEXT || strncmp(box_str(&fx, b), "Page ", 5) == 0 ||
			    b->u.text.y > fx.st.page_height - fx.st.margin_top)
				continue;
			if (!first_text || b->u.text.y > first_text->u.text.y)
				first_text = b;
			if (strcmp(box_str(&fx, b), "Measure long (continued)") == 0 && b->elem >= 0)
				tagged = 1;
		}
		cont_ok &= first_text && strcmp(box_str(&fx, first_text), "Measure long (continued)") == 0 &&
			   first_text->elem == -1;
	}
	CHECK(cont_ok, "each further page opens with \"Measure long (continued)\", an artifact");
	CHECK(!tagged, "the repeated name is never read as a heading again");
	CHECK(!find(&fx, doc, "Measure short (continued)", NULL), "a card on one page is not continued");
	report_free(r);
	fixture_free(&fx);
}

/* With each bundled layout's own sizes and colours: no text under 8 pt
 * (chart labels included), and in every chart each mark a reader needs (a
 * bar, a point, a line, the target, the axis) at least 3:1 against the
 * white page and each word 4.5:1, the target's dashes apart from the
 * faint solid grid. */
static void test_bundled_looks(void)
{
	static const char *const layouts[] = {"independence", "plain"};
	for (size_t k = 0; k < 2; k++) {
		struct fixture fx;
		fixture_init(&fx);
		struct arena a;
		arena_init(&a);
		struct style st;
		char msg[160];
		bool loaded = style_load(layouts[k], ".", &a, &fx.d, &st);
		struct report *r = loaded ? load_report("examples/riverbend-fy2025-q3.xml", &fx.d) : NULL;
		snprintf(msg, sizeof msg, "%s: the layout and Riverbend load", layouts[k]);
		if (!CHECK(r != NULL, msg)) {
			arena_free(&a);
			fixture_free(&fx);
			continue;
		}
		eval_report(r);
		fx.st = st;
		struct doc *doc = fixture_layout(&fx, r);
		struct rgb white = {1, 1, 1};
		double least = 1e9, worst_mark = 21, worst_text = 21;
		int marks = 0, targets = 0, grid_ok = 1, target_ok = 1;
		for (size_t p = 0; p < doc->npages; p++)
			for (size_t i = 0; i < doc->pages[p].nboxes; i++) {
				const struct box *b = &doc->pages[p].boxes[i];
				if (b->kind == BOX_TEXT && b->u.text.len > 0 && b->u.text.size < least)
					least = b->u.text.size;
				/* Decoration (the grid, halos) is no mark to read. */
				if (b->elem < 0 || doc->elems[b->elem].role != ROLE_FIGURE)
					continue;
				switch (b->kind) {
				case BOX_TEXT:
					worst_text = fmin(worst_text, contrast_ratio(b->u.text.color, white));
					break;
				case BOX_RECT:
					marks++;
					worst_mark = fmin(worst_mark, contrast_ratio(b->u.rect.fill_color, white));
					break;
				case BOX_LINE:
					marks++;
					worst_mark = fmin(worst_mark, contrast_ratio(b->u.line.color, white));
					grid_ok &= b->u.line.dashed || b->u.line.width >= 0.8;
					break;
				case BOX_POLYLINE:
					marks++;
					worst_mark = fmin(worst_mark, contrast_ratio(b->u.poly.color, white));
					if (b->u.poly.dashed && b->u.poly.width >= 1.2) {
						targets++;
						target_ok &= contrast_ratio(b->u.poly.color, white) >= 4.5;
					}
					break;
				default:
					break;
				}
			}
		snprintf(msg, sizeof msg, "%s: no text under 8 pt (least %.1f pt)", layouts[k], least);
		CHECK(least >= 8, msg);
		snprintf(msg, sizeof msg, "%s: every chart mark at least 3:1 on white (%d marks, least "
			 "%.2f:1)", layouts[k], marks, worst_mark);
		CHECK(marks > 100 && worst_mark >= 3, msg);
		snprintf(msg, sizeof msg, "%s: every word in a chart at least 4.5:1 (least %.2f:1)",
			 layouts[k], worst_text);
		CHECK(worst_text >= 4.5, msg);
		snprintf(msg, sizeof msg, "%s: the targets are bold dashes (%d), the grid faint and "
			 "solid, apart from the axis", layouts[k], targets);
		CHECK(targets > 20 && target_ok && grid_ok, msg);
		report_free(r);
		arena_free(&a);
		fixture_free(&fx);
	}
}

static void test_scale(void)
{
	size_t pages_small = 0, pages_big = 0;
	double small = time_layout(10, 100, &pages_small);
	double big = time_layout(10, 500, &pages_big);
	printf("# 1,000 measures: %.3f s, %zu pages; 5,000 measures: %.3f s, %zu pages\n", small,
	       pages_small, big, pages_big);
	CHECK(pages_big > pages_small * 4, "five times the measures, about five times the pages");
	CHECK(big < 8.0, "5,000 measures lay out in seconds even in a sanitizer build on a busy machine");
	CHECK(big < small * 5 * 2.5, "layout time grows linearly with the measures");
}

int main(void)
{
	test_example();
	test_cards_once();
	test_card_continued();
	test_charts();
	test_bundled_looks();
	test_long_cover();
	test_title_warnings();
	test_replacement();
	test_parts_and_long_contents();
	test_appendix_groups();
	test_scale();
	return harness_done();
}
