/* Line breaking: spaces, hyphens and dashes, overlong words, UTF-8,
 * mixed styles, alignment, fallback faces and replacement warnings. */
#include "harness.h"
#include "layout_fixture.h"

/* A line's text rebuilt from its fragments, a space wherever there is glue. */
static const char *line_text(const struct tblock *b, size_t i)
{
	static char buf[512];
	size_t n = 0;
	const struct tline *ln = &b->lines[i];
	for (size_t k = 0; k < ln->n; k++) {
		const struct tfrag *f = &b->lfrags[ln->first + k];
		memcpy(buf + n, f->s, f->len);
		n += f->len;
		if (k + 1 < ln->n && f->glue > 0)
			buf[n++] = ' ';
	}
	buf[n] = '\0';
	return buf;
}

/* Shape and break one plain string in the body style. */
static void plain(struct fixture *fx, struct tblock *b, const char *text, double width,
		  enum align align)
{
	struct tstyle ts = lay_tstyle(&fx->L, T_BODY);
	ts.align = align;
	text_plain(&fx->L, b, text, &ts, width, fx->r->path, 3);
}

static void test_spaces(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct tblock b;
	plain(&fx, &b, "The quick brown fox jumps over the lazy dog", 100, ALIGN_LEFT);
	CHECK_INT(b.nlines, 3, "three lines at 20 characters a line");
	CHECK_STR(line_text(&b, 0), "The quick brown fox", "first line ends before the word that does not fit");
	CHECK_STR(line_text(&b, 1), "jumps over the lazy", "second line");
	CHECK_STR(line_text(&b, 2), "dog", "last line");
	CHECK_NEAR(b.lines[0].width, 95, 1e-9, "line width leaves out the trailing space");
	CHECK_NEAR(b.min_width, 25, 1e-9, "widest word measured");
	CHECK_NEAR(b.max_width, 43 * 5, 1e-9, "whole paragraph on one line");

	struct boxbuf bb = {0};
	text_line_boxes(&fx.L, &b, 0, 50, 700, 100, 7, &bb);
	CHECK_INT(bb.n, 1, "a line in one face is one text box");
	CHECK(bb.n == 1 && bb.v[0].u.text.len == 19 &&
		      memcmp(bb.v[0].u.text.text, "The quick brown fox", 19) == 0,
	      "the box holds the line's words and spaces");
	CHECK_NEAR(bb.v[0].u.text.y, 700 - 9, 1e-9, "baseline half the leading plus the ascent below the top");
	CHECK_INT(bb.v[0].elem, 7, "text belongs to the block's element");
	boxbuf_free(&bb);
	text_free(&b);
	fixture_free(&fx);
}

static void test_hyphens_and_dashes(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct tblock b;
	plain(&fx, &b, "well-known state-of-the-art", 60, ALIGN_LEFT);
	CHECK_INT(b.nlines, 3, "hyphenated words break after their hyphens");
	CHECK_STR(line_text(&b, 0), "well-known", "hyphenated word kept whole when it fits");
	CHECK_STR(line_text(&b, 1), "state-of-", "break after a hyphen");
	CHECK_STR(line_text(&b, 2), "the-art", "rest after the hyphen");
	text_free(&b);

	plain(&fx, &b, "alpha\xE2\x80\x94" "beta\xE2\x80\x93" "gamma\xE2\x80\x90" "delta", 40, ALIGN_LEFT);
	CHECK_INT(b.nlines, 4, "em dash, en dash and U+2010 are break opportunities");
	CHECK_STR(line_text(&b, 0), "alpha\xE2\x80\x94", "break after an em dash");
	CHECK_STR(line_text(&b, 1), "beta\xE2\x80\x93", "break after an en dash");
	CHECK_STR(line_text(&b, 2), "gamma\xE2\x80\x90", "break after a hyphen U+2010");
	CHECK_STR(line_text(&b, 3), "delta", "last piece");
	text_free(&b);

	plain(&fx, &b, "a -5 b", 15, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 1), "-5", "a leading minus is not a break opportunity");
	text_free(&b);

	/* An address breaks after a slash or a dot, where its parts meet,
	 * never between the slashes of "//" and never inside a part. */
	plain(&fx, &b, "See https://riverbend.example/performance/methods now", 120, ALIGN_LEFT);
	CHECK_INT(b.nlines, 3, "a long address goes over lines");
	CHECK_STR(line_text(&b, 0), "See https://riverbend.", "broken after a dot");
	CHECK_STR(line_text(&b, 1), "example/performance/", "and after a slash");
	CHECK_STR(line_text(&b, 2), "methods now", "its last part with what follows");
	text_free(&b);
	plain(&fx, &b, "https://a.example/b", 40, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 0), "https://", "not between the two slashes");
	text_free(&b);
	plain(&fx, &b, "Write to performance@riverbend.example today.", 160, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 0), "Write to performance@riverbend.", "a mail address breaks after a dot");
	CHECK_STR(line_text(&b, 1), "example today.", "and goes on whole");
	text_free(&b);
	plain(&fx, &b, "ab and/or", 35, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 0), "ab", "words that are not addresses keep their slashes");
	text_free(&b);

	plain(&fx, &b, "see\xC2\xA0page 4", 40, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 0), "see\xC2\xA0page", "a no-break space does not break");
	text_free(&b);
	fixture_free(&fx);
}

/* Every line of every block fits its column, and its boxes stay inside. */
static int lines_fit(struct fixture *fx, const struct tblock *b, double width)
{
	int ok = 1;
	for (size_t i = 0; i < b->nlines; i++) {
		if (b->lines[i].width > width + 1e-9)
			ok = 0;
		struct boxbuf bb = {0};
		text_line_boxes(&fx->L, b, i, 10, 500, width, 0, &bb);
		for (size_t k = 0; k < bb.n; k++)
			if (bb.v[k].kind == BOX_TEXT &&
			    (bb.v[k].u.text.x < 10 - 1e-9 ||
			     bb.v[k].u.text.x + bb.v[k].u.text.width > 10 + width + 1e-9))
				ok = 0;
		boxbuf_free(&bb);
	}
	return ok;
}

/* Whether every text box of a line is whole UTF-8. */
static int whole_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n;
		if (utf8_decode(s + i, len - i, &n) == 0xFFFFFFFFu)
			return 0;
		i += n;
	}
	return 1;
}

static void test_overlong(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct tblock b;
	plain(&fx, &b, "abcdefghij", 20, ALIGN_LEFT);
	CHECK_INT(b.nlines, 3, "a word wider than the column is cut");
	CHECK_STR(line_text(&b, 0), "abcd", "first piece fills the line");
	CHECK_STR(line_text(&b, 2), "ij", "last piece");
	text_free(&b);

	plain(&fx, &b, "x \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 y", 20, ALIGN_LEFT);
	CHECK_INT(b.nlines, 3, "accented word cut four characters a line");
	int ok = 1;
	for (size_t i = 0; i < b.nlines; i++) {
		struct boxbuf bb = {0};
		text_line_boxes(&fx.L, &b, i, 0, 100, 20, 0, &bb);
		for (size_t k = 0; k < bb.n; k++)
			if (bb.v[k].kind == BOX_TEXT && !whole_utf8(bb.v[k].u.text.text, bb.v[k].u.text.len))
				ok = 0;
		boxbuf_free(&bb);
	}
	CHECK(ok, "cuts fall between characters, never inside a UTF-8 sequence");
	CHECK_STR(line_text(&b, 1), "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", "four accented letters on a line");
	CHECK_STR(line_text(&b, 2), "\xC3\xA9 y", "the last piece shares its line with what follows");
	text_free(&b);

	const char *long_text =
		"Supercalifragilisticexpialidocious words, short ones, and "
		"pneumonoultramicroscopicsilicovolcanoconiosis-like compounds-with-hyphens "
		"\xE2\x80\x94 all of them in one paragraph of text.";
	static const double widths[] = {7, 23, 40, 61, 99, 150};
	int fit = 1;
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		plain(&fx, &b, long_text, widths[w], ALIGN_RIGHT);
		fit &= lines_fit(&fx, &b, widths[w]);
		text_free(&b);
	}
	CHECK(fit, "no line is wider than its box, at any column width");
	fixture_free(&fx);
}

static void test_mixed_styles(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct run runs[] = {
		{.text = "plain ", .style = 0, .href = NULL},
		{.text = "bold", .style = RUN_BOLD, .href = NULL},
		{.text = "er text", .style = 0, .href = NULL},
		{.text = " and italic", .style = RUN_ITALIC, .href = NULL},
	};
	struct para p = {.runs = runs, .nruns = 4, .line = 12};
	size_t n;
	struct tspan *sp = para_spans(&fx.L, &p, 0, &n);
	struct tstyle ts = lay_tstyle(&fx.L, T_BODY);
	struct tblock b;
	text_shape(&fx.L, &b, sp, n, &ts, "test.xml", 12);
	text_break(&fx.L, &b, 500);
	CHECK_INT(b.nlines, 1, "mixed styles on one line");
	struct boxbuf bb = {0};
	text_line_boxes(&fx.L, &b, 0, 0, 100, 500, 0, &bb);
	CHECK_INT(bb.n, 4, "one text box per style change");
	if (bb.n == 4) {
		CHECK_INT(bb.v[0].u.text.face, FACE_REGULAR, "plain text in the regular face");
		CHECK_INT(bb.v[1].u.text.face, FACE_BOLD, "bold run in the bold face");
		CHECK_NEAR(bb.v[1].u.text.x, 30, 1e-9, "bold text follows 'plain ' (6 characters)");
		CHECK_NEAR(bb.v[2].u.text.x, 50, 1e-9, "word continues across the style change");
		CHECK_INT(bb.v[3].u.text.face, FACE_ITALIC, "italic run in the italic face");
		CHECK_NEAR(bb.v[3].u.text.x, 90, 1e-9, "italic text after the space");
	}
	boxbuf_free(&bb);
	text_break(&fx.L, &b, 40);
	CHECK_STR(line_text(&b, 1), "bolder", "no break inside a word that changes style");
	text_free(&b);
	fixture_free(&fx);
}

static void test_alignment(void)
{
	struct fixture fx;
	fixture_init(&fx);
	static const struct {
		enum align align;
		double x;
		const char *what;
	} cases[] = {
		{ALIGN_LEFT, 50, "left-aligned line starts at the column"},
		{ALIGN_RIGHT, 135, "right-aligned line ends at the column's right edge"},
		{ALIGN_CENTER, 92.5, "centred line has equal space on both sides"},
	};
	for (size_t i = 0; i < 3; i++) {
		struct tblock b;
		plain(&fx, &b, "abc", 100, cases[i].align);
		struct boxbuf bb = {0};
		text_line_boxes(&fx.L, &b, 0, 50, 700, 100, 0, &bb);
		CHECK_NEAR(bb.n ? bb.v[0].u.text.x : -1, cases[i].x, 1e-9, cases[i].what);
		boxbuf_free(&bb);
		text_free(&b);
	}
	fixture_free(&fx);
}

static void test_fallback_and_replacement(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct tblock b;
	struct tstyle ts = lay_tstyle(&fx.L, T_BODY);
	struct tspan sp[2] = {tspan_plain("X\xD0\x96Y "), tspan_plain("\xD0\x96")};
	sp[1].style = RUN_BOLD;
	text_shape(&fx.L, &b, sp, 2, &ts, "test.xml", 5);
	text_break(&fx.L, &b, 500);
	struct boxbuf bb = {0};
	text_line_boxes(&fx.L, &b, 0, 0, 100, 500, 0, &bb);
	CHECK_INT(bb.n, 4, "face changes split the text into boxes");
	if (bb.n == 4) {
		CHECK_INT(bb.v[1].u.text.face, FACE_FALLBACK, "a character the face lacks comes from the fallback");
		CHECK_INT(bb.v[2].u.text.face, FACE_REGULAR, "back to the brand face after it");
		CHECK_INT(bb.v[3].u.text.face, FACE_FALLBACK_BOLD, "bold text falls back to the bold fallback");
	}
	boxbuf_free(&bb);
	text_free(&b);
	CHECK_STR(fixture_messages(&fx), "", "the fallback face is not worth a warning");

	plain(&fx, &b, "a\xE4\xB8\x80" "b\xE4\xB8\x80" "c", 500, ALIGN_LEFT);
	text_line_boxes(&fx.L, &b, 0, 0, 100, 500, 0, &bb);
	int repl = 0;
	for (size_t k = 0; k < bb.n; k++)
		if (bb.v[k].u.text.len == 3 && memcmp(bb.v[k].u.text.text, "\xEF\xBF\xBD", 3) == 0 &&
		    bb.v[k].u.text.face == FACE_FALLBACK)
			repl++;
	CHECK_INT(repl, 2, "a character no face has is drawn as U+FFFD from the fallback");
	boxbuf_free(&bb);
	text_free(&b);
	const char *msgs = fixture_messages(&fx);
	CHECK_INT(count_of(msgs, "test.xml:3: warning: character U+4E00"), 1,
		  "reported once per character per line, with file and line");
	plain(&fx, &b, "\xE4\xB8\x80 again", 500, ALIGN_LEFT);
	text_free(&b);
	CHECK_INT(count_of(fixture_messages(&fx), "U+4E00"), 1, "not again for the same line");

	struct tspan other = tspan_plain("\xF0\x9F\x98\x80 \xE4\xB8\x80");
	text_shape(&fx.L, &b, &other, 1, &ts, "test.xml", 9);
	text_free(&b);
	msgs = fixture_messages(&fx);
	CHECK_INT(count_of(msgs, "test.xml:9: warning: character U+4E00"), 1, "again for another line");
	CHECK(strstr(msgs, "test.xml:9: warning: character U+1F600") &&
		      strstr(msgs, "Basic Multilingual Plane"),
	      "a character outside the BMP is replaced and explained");

	fx.fallback_has_fffd = false;
	struct fixture fx2;
	fixture_init(&fx2);
	fx2.fallback_has_fffd = false;
	plain(&fx2, &b, "a\xE4\xB8\x80" "b", 500, ALIGN_LEFT);
	CHECK_STR(line_text(&b, 0), "a?b", "without U+FFFD in the fallback, '?' stands in");
	CHECK(strstr(fixture_messages(&fx2), "shown as '?'") != NULL, "the warning says what is shown");
	text_free(&b);
	fixture_free(&fx2);
	fixture_free(&fx);
}

static void test_links(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct run runs[] = {
		{.text = "see ", .style = 0, .href = NULL},
		{.text = "our city", .style = 0, .href = "https://example.org/"},
		{.text = " site", .style = RUN_BOLD, .href = "https://example.org/"},
		{.text = " now", .style = 0, .href = NULL},
	};
	struct para p = {.runs = runs, .nruns = 4, .line = 4};
	int P = db_elem(&fx.L.db, ROLE_P, 0, NULL);
	size_t n;
	struct tspan *sp = para_spans(&fx.L, &p, P, &n);
	CHECK(sp[1].elem >= 0 && sp[1].elem == sp[2].elem, "one Link element for one link across styles");
	CHECK(fx.L.db.elems[sp[1].elem].role == ROLE_LINK && fx.L.db.elems[sp[1].elem].parent == P,
	      "the Link element is a child of the paragraph");
	struct tstyle ts = lay_tstyle(&fx.L, T_BODY);
	struct tblock b;
	text_shape(&fx.L, &b, sp, n, &ts, "test.xml", 4);
	text_break(&fx.L, &b, 40); /* "see our" / "city" / "site now" */
	int links = 0, underlines = 0, ok = 1;
	for (size_t i = 0; i < b.nlines; i++) {
		struct boxbuf bb = {0};
		text_line_boxes(&fx.L, &b, i, 0, 100, 40, P, &bb);
		for (size_t k = 0; k < bb.n; k++) {
			if (bb.v[k].kind == BOX_LINK) {
				links++;
				ok &= bb.v[k].u.link.uri && strcmp(bb.v[k].u.link.uri, "https://example.org/") == 0;
				ok &= bb.v[k].u.link.x + bb.v[k].u.link.w <= 40 + 1e-9;
			}
			if (bb.v[k].kind == BOX_LINE)
				underlines++;
		}
		boxbuf_free(&bb);
	}
	CHECK_INT(b.nlines, 3, "the link wraps over three lines");
	CHECK_INT(links, 3, "a link area over each line's part of the link");
	CHECK_INT(underlines, 3, "external links are underlined, not told by colour alone");
	CHECK(ok, "link areas carry the URI and stay in the column");
	text_free(&b);
	fixture_free(&fx);
}

static void test_cache(void)
{
	struct fixture fx;
	fixture_init(&fx);
	struct tblock b;
	plain(&fx, &b, "the same words the same words", 500, ALIGN_LEFT);
	text_free(&b);
	size_t calls = fx.L.fc.width_calls;
	for (int i = 0; i < 100; i++) {
		plain(&fx, &b, "the same words the same words", 500, ALIGN_LEFT);
		text_free(&b);
	}
	CHECK_INT(fx.L.fc.width_calls, calls, "words already measured are not measured again");
	CHECK(calls <= 4, "each distinct word (and the space) measured once");
	fixture_free(&fx);
}

int main(void)
{
	test_spaces();
	test_hyphens_and_dashes();
	test_overlong();
	test_mixed_styles();
	test_alignment();
	test_fallback_and_replacement();
	test_links();
	test_cache();
	return harness_done();
}
