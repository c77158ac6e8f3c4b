/* The web page's building blocks: escaping, file links, the text buffer
 * that writes as it goes, and the SVG chart as a file of its own (read
 * back with libxml2, as an SVG renderer would) and inline with the pieces
 * charts share. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "harness.h"
#include "html.h"
#include "load.h"
#include "present.h"
#include "strbuf.h"
#include "svg_chart.h"

/* Where `needle` first is in b->s from `from` on, or NULL. */
static const char *find(const struct strbuf *b, const char *from, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = from ? from : b->s; p && p + n <= b->s + b->n; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* The buffer's text as a C string, in a static buffer. */
static const char *text_of(struct strbuf *b)
{
	static char out[4096];
	size_t n = b->n < sizeof out - 1 ? b->n : sizeof out - 1;
	memcpy(out, b->s ? b->s : "", n);
	out[n] = '\0';
	b->n = 0;
	return out;
}

static void test_escaping(void)
{
	struct strbuf b = {0};
	sb_esc(&b, "<script>\"a\" & 'b' ]]>");
	CHECK_STR(text_of(&b), "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39; ]]&gt;",
		  "attribute text: every markup character and both quotes escaped");
	sb_text(&b, "<b>\"a\" & 'b' ]]>");
	CHECK_STR(text_of(&b), "&lt;b&gt;\"a\" &amp; 'b' ]]&gt;",
		  "element text: markup characters escaped, quotes kept");
	sb_esc(&b, NULL);
	CHECK_STR(text_of(&b), "", "no text adds nothing");
	sb_num(&b, 12.04);
	sb_addc(&b, ' ');
	sb_num(&b, -3.25);
	sb_addc(&b, ' ');
	sb_num(&b, 0.5);
	sb_addc(&b, ' ');
	sb_int(&b, 7.5);
	CHECK_STR(text_of(&b), "12 -3.3 0.5 8", "coordinates to a tenth, no trailing zeros");
	sb_free(&b);

	char *url = html_file_url("a b#c?:d%\"<>.csv");
	CHECK_STR(url, "./a%20b%23c%3F%3Ad%25%22%3C%3E.csv",
		  "a file name is a relative URL: no scheme, no fragment, no quote");
	free(url);
	url = html_file_url("javascript:alert(1).html");
	CHECK_STR(url, "./javascript%3Aalert%281%29.html", "a name like a script address stays a file");
	free(url);

	CHECK(html_link_ok("https://example.org/") && html_link_ok("http://x") &&
	      html_link_ok("MAILTO:a@b.example"), "http, https and mailto links are links");
	CHECK(!html_link_ok("javascript:alert(1)") && !html_link_ok("http:") &&
	      !html_link_ok("data:text/html,x") && !html_link_ok(NULL),
	      "any other address, or a scheme alone, is not");
}

/* The buffer writes what it holds once it holds enough, and empties. */
static void test_spill(void)
{
	char path[] = "/tmp/qreport-test-web.XXXXXX";
	int fd = mkstemp(path);
	if (!CHECK(fd >= 0, "a scratch file"))
		return;
	struct strbuf b = {0};
	sb_add(&b, "abc");
	CHECK(sb_spill(&b, fd, 10) && b.n == 3, "under the mark: kept");
	sb_add(&b, "defghijkl");
	CHECK(sb_spill(&b, fd, 10) && b.n == 0, "at the mark: written and emptied");
	sb_add(&b, "mn");
	CHECK(sb_spill(&b, fd, 0) && b.n == 0, "the rest, at the end");
	char got[32] = {0};
	CHECK(pread(fd, got, sizeof got - 1, 0) == 14 && strcmp(got, "abcdefghijklmn") == 0,
	      "everything written, in order");
	sb_add(&b, "x");
	CHECK(!sb_spill(&b, -1, 0) && b.n == 0, "a failed write says so and empties the buffer");
	sb_free(&b);
	close(fd);
	unlink(path);
}

/* The presentation of a data file, or NULL. */
static struct presentation *presented(const char *path, struct report **r)
{
	struct diag d;
	diag_init(&d, stderr);
	*r = load_report(path, &d);
	if (!*r || d.errors)
		return NULL;
	eval_report(*r);
	return present_report(*r, NULL);
}

/* Every drawn chart as an SVG file: well-formed XML in the SVG namespace,
 * named by its text alternative, with its own style and nothing shared. */
static void test_documents(const char *path)
{
	struct report *r;
	struct presentation *p = presented(path, &r);
	if (!CHECK(p != NULL, path))
		return;
	struct style st;
	style_defaults(&st);
	struct svg_chart_style cs;
	svg_chart_style_from(&st, (struct rgb){1, 1, 1}, "'DejaVu Sans', sans-serif", &cs);
	size_t charts = 0, bad = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_chart *c = &p->measures[i].full;
		if (!c->drawn)
			continue;
		charts++;
		struct strbuf b = {0};
		svg_chart(&b, c, p, &cs, 300, 200, NULL, SVG_DOCUMENT, NULL);
		xmlDocPtr doc = xmlReadMemory(b.s, (int)b.n, "chart.svg", "UTF-8",
					      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
		bool ok = root && strcmp((const char *)root->name, "svg") == 0 && root->ns &&
			  strcmp((const char *)root->ns->href, "http://www.w3.org/2000/svg") == 0;
		const char *title = NULL;
		bool style = false;
		for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
			if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "title") == 0)
				title = (const char *)xmlNodeGetContent(n);
			if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "style") == 0)
				style = true;
		}
		ok = ok && title && strcmp(title, c->alt) == 0 && style;
		ok = ok && find(&b, NULL, "<use") == NULL;
		if (title)
			xmlFree((void *)title);
		if (!ok && bad++ == 0)
			printf("# %s: %.*s\n", p->measures[i].m->id, (int)(b.n < 400 ? b.n : 400), b.s);
		xmlFreeDoc(doc);
		sb_free(&b);
	}
	char what[200];
	snprintf(what, sizeof what, "%s: each of %zu charts is an SVG file of its own, named by its "
		 "text alternative", path, charts);
	CHECK(charts > 0 && bad == 0, what);
	present_free(p);
	report_free(r);
}

/* Inline, charts alike share their furniture: each reference reaches a
 * piece drawn once. */
static void test_shared(const char *path)
{
	struct report *r;
	struct presentation *p = presented(path, &r);
	if (!CHECK(p != NULL, path))
		return;
	struct style st;
	style_defaults(&st);
	struct svg_chart_style cs;
	svg_chart_style_from(&st, (struct rgb){1, 1, 1}, "sans-serif", &cs);
	struct svg_shared sh = {0};
	struct strbuf b = {0};
	size_t charts = 0;
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct pres_chart *c = &p->measures[i].card;
		if (!c->drawn)
			continue;
		charts++;
		svg_chart(&b, c, p, &cs, 300, 200, "c1", SVG_INLINE, &sh);
	}
	size_t uses = 0, bad = 0;
	for (const char *at = b.s; (at = find(&b, at, "<use href=\"#qs")) != NULL; at += 14) {
		uses++;
		size_t k = strtoul(at + 14, NULL, 10);
		if (k >= sh.n)
			bad++;
	}
	struct strbuf defs = {0};
	svg_shared_write(&defs, &sh);
	CHECK(uses == 2 * charts && bad == 0, "every inline chart uses two shared pieces, each drawn");
	CHECK(sh.n > 0 && sh.n < uses, "charts alike share their pieces");
	CHECK(find(&b, NULL, "<title") == NULL && find(&b, NULL, "aria-labelledby=\"c1\""),
	      "named by an element of the page, not a title of its own");
	CHECK(defs.n > 0 && find(&defs, NULL, "aria-hidden=\"true\""),
	      "the shared pieces sit in a hidden element");
	sb_free(&defs);
	sb_free(&b);
	svg_shared_free(&sh);
	present_free(p);
	report_free(r);
}

int main(void)
{
	test_escaping();
	test_spill();
	test_documents("tests/data/truths.xml");
	test_documents("examples/riverbend-fy2025-q3.xml");
	test_documents("tests/data/web-escaping.xml");
	test_shared("examples/riverbend-fy2025-q3.xml");
	return harness_done();
}
