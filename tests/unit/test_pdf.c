/* The PDF back end on a hand-built page set: fonts and metrics, every kind
 * of box, links, destinations and bookmarks; the file is complete,
 * reproducible byte for byte, and written atomically. Run from the top of
 * the source tree (the layouts and fonts/ are used). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "pdf_probe.h"
#include "render.h"
#include "style.h"
#include "version.h"

#define ACCENTED "Café déjà vu — naïve résumé, São Paulo, Zürich"

/* An 8 by 8 navy square as a baseline JPEG (286 bytes), to draw a JPEG. */
static const unsigned char navy_jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
	0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
	0x00, 0x10, 0x0b, 0x0c, 0x0e, 0x0c, 0x0a, 0x10, 0x0e, 0x0d, 0x0e, 0x12,
	0x11, 0x10, 0x13, 0x18, 0x28, 0x1a, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23,
	0x25, 0x1d, 0x28, 0x3a, 0x33, 0x3d, 0x3c, 0x39, 0x33, 0x38, 0x37, 0x40,
	0x48, 0x5c, 0x4e, 0x40, 0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6d, 0x51,
	0x57, 0x5f, 0x62, 0x67, 0x68, 0x67, 0x3e, 0x4d, 0x71, 0x79, 0x70, 0x64,
	0x78, 0x5c, 0x65, 0x67, 0x63, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x11, 0x12,
	0x12, 0x18, 0x15, 0x18, 0x2f, 0x1a, 0x1a, 0x2f, 0x63, 0x42, 0x38, 0x42,
	0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
	0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
	0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
	0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63, 0x63,
	0x63, 0x63, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x08, 0x03,
	0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
	0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0xff, 0xc4, 0x00, 0x14,
	0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x01, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x04, 0xff, 0xc4, 0x00, 0x14, 0x11, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03,
	0x11, 0x00, 0x3f, 0x00, 0x9a, 0x00, 0xb1, 0xdf, 0xff, 0xd9
};

/* Everything one test run owns. */
struct fixture {
	struct arena a;
	struct style st;
	struct report *r;
	struct doc doc;
	char dir[64]; /* A private output folder under /tmp. */
	char jpeg[96]; /* navy.jpg in that folder. */
};

/* Append a box to a page (storage in the arena; pages are small here). */
static struct box *add_box(struct fixture *fx, struct page *p, enum box_kind kind)
{
	if (p->nboxes == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct box *boxes = arena_calloc(&fx->a, cap, sizeof *boxes);
		if (p->nboxes)
			memcpy(boxes, p->boxes, p->nboxes * sizeof *boxes);
		p->boxes = boxes;
		p->cap = cap;
	}
	struct box *b = &p->boxes[p->nboxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->elem = -1;
	return b;
}

static void add_text(struct fixture *fx, struct page *p, double x, double y, enum face face,
		     double size, const char *text)
{
	struct box *b = add_box(fx, p, BOX_TEXT);
	b->u.text.x = x;
	b->u.text.y = y;
	b->u.text.face = face;
	b->u.text.size = size;
	b->u.text.color = fx->st.color_text;
	b->u.text.text = text;
	b->u.text.len = strlen(text);
}

/* Two pages with one of every kind of box, two destinations and an outline. */
static void build_doc(struct fixture *fx)
{
	struct doc *doc = &fx->doc;
	memset(doc, 0, sizeof *doc);
	doc->title = "Performance Dashboard";
	doc->author = "City of Independence, Missouri";
	doc->width = fx->st.page_width;
	doc->height = fx->st.page_height;
	doc->npages = 2;
	doc->pages = arena_calloc(&fx->a, 2, sizeof *doc->pages);
	doc->ndests = 2;
	doc->dests = arena_calloc(&fx->a, 2, sizeof *doc->dests);
	doc->dests[0].page = 0;
	doc->dests[0].y = doc->height - 72;
	doc->dests[1].page = 1;
	doc->dests[1].y = doc->height - 72;
	doc->noutline = 3;
	doc->outline = arena_calloc(&fx->a, 3, sizeof *doc->outline);
	doc->outline[0] = (struct outline_item){"Cover", 0, 0};
	doc->outline[1] = (struct outline_item){"Goals — Qualité", 0, 1};
	doc->outline[2] = (struct outline_item){"Quality", 1, 1};

	struct page *p = &doc->pages[0];
	double top = doc->height - 72;
	struct box *b = add_box(fx, p, BOX_RECT);
	b->u.rect.x = 72, b->u.rect.y = top - 40, b->u.rect.w = 300, b->u.rect.h = 30;
	b->u.rect.fill = true, b->u.rect.fill_color = fx->st.color_band;
	b->u.rect.stroke = true, b->u.rect.stroke_color = fx->st.color_rule;
	b->u.rect.line_width = 0.5;
	add_text(fx, p, 80, top - 30, FACE_HEADING, 14, "Performance Dashboard");
	add_text(fx, p, 80, top - 60, FACE_REGULAR, 10, ACCENTED);
	add_text(fx, p, 80, top - 75, FACE_BOLD, 10, "Bold words");
	add_text(fx, p, 160, top - 75, FACE_ITALIC, 10, "italic words");
	add_text(fx, p, 240, top - 75, FACE_BOLD_ITALIC, 10, "both at once");
	add_text(fx, p, 80, top - 90, FACE_FALLBACK, 10, "\xE2\x9C\x93 checked");
	b = add_box(fx, p, BOX_LINE);
	b->u.line.x1 = 72, b->u.line.y1 = top - 100, b->u.line.x2 = 500, b->u.line.y2 = top - 100;
	b->u.line.width = 0.75, b->u.line.color = fx->st.color_accent, b->u.line.dashed = true;
	b = add_box(fx, p, BOX_POLYLINE);
	b->u.poly.n = 4;
	b->u.poly.points = arena_calloc(&fx->a, 4, sizeof *b->u.poly.points);
	for (size_t i = 0; i < 4; i++)
		b->u.poly.points[i] = (struct point){80 + 40.0 * (double)i, top - 180 + 15.0 * (double)(i % 2)};
	b->u.poly.width = 1.5, b->u.poly.color = fx->st.color_primary, b->u.poly.markers = true;
	static const enum status statuses[] = {STATUS_MET, STATUS_UNDER, STATUS_NOT_MET, STATUS_NO_DATA};
	for (int i = 0; i < 4; i++) {
		b = add_box(fx, p, BOX_ICON);
		b->u.icon.x = 80 + 30.0 * i, b->u.icon.y = top - 230, b->u.icon.size = 16;
		b->u.icon.status = statuses[i];
		add_text(fx, p, 80 + 30.0 * i, top - 245, FACE_REGULAR, 6, fx->st.status_label[statuses[i]]);
	}
	b = add_box(fx, p, BOX_IMAGE);
	b->u.image.x = 420, b->u.image.y = top - 100, b->u.image.w = 72, b->u.image.h = 72;
	b->u.image.path = fx->st.logo_path;
	add_text(fx, p, 80, top - 280, FACE_REGULAR, 10, "City website");
	b = add_box(fx, p, BOX_LINK);
	b->u.link.x = 80, b->u.link.y = top - 283, b->u.link.w = 60, b->u.link.h = 12;
	b->u.link.uri = "https://www.ci.independence.mo.us/";
	add_text(fx, p, 80, top - 300, FACE_REGULAR, 10, "See the goals");
	b = add_box(fx, p, BOX_LINK);
	b->u.link.x = 80, b->u.link.y = top - 303, b->u.link.w = 60, b->u.link.h = 12;
	b->u.link.dest = 1;
	b = add_box(fx, p, BOX_DEST);
	b->u.dest.dest = 0;

	p = &doc->pages[1];
	b = add_box(fx, p, BOX_IMAGE);
	b->u.image.x = 400, b->u.image.y = top - 60, b->u.image.w = 36, b->u.image.h = 36;
	b->u.image.path = fx->jpeg;
	b = add_box(fx, p, BOX_DEST);
	b->u.dest.dest = 1;
	add_text(fx, p, 72, top, FACE_HEADING, 20, "Quality");
	add_text(fx, p, 72, top - 30, FACE_REGULAR, 10, "Second page text.");
}

/* A report with just what the writer reads: metadata. */
static struct report *build_report(void)
{
	struct report *r = report_new();
	struct arena *a = &r->arena;
	r->organization = arena_strdup(a, "City of Independence, Missouri");
	r->title = arena_strdup(a, "Performance Dashboard");
	r->plan = arena_strdup(a, "Independence for All");
	r->has_published = true;
	r->published = (struct date){2017, 11, 13};
	r->ngoals = 1;
	r->goals = arena_calloc(a, 1, sizeof *r->goals);
	r->goals[0].name = arena_strdup(a, "Quality");
	return r;
}

/* Read a whole file; NULL if it cannot be read. Heap-owned. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(out);
	fclose(f);
	return buf;
}

/* Count occurrences of `needle` in a byte buffer. */
static int count(const char *hay, size_t len, const char *needle)
{
	int n = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= len; i++)
		if (memcmp(hay + i, needle, m) == 0)
			n++;
	return n;
}

/* How libharu writes an ASCII string in the document information:
 * UTF-16BE with a byte order mark, in hex. */
static char *utf16_hex(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(6 + 4 * n + 2);
	strcpy(out, "<FEFF");
	for (size_t i = 0; i < n; i++)
		sprintf(out + 5 + 4 * i, "00%02X", (unsigned char)s[i]);
	strcat(out, ">");
	return out;
}

/* Names in the fixture's folder other than the expected outputs. */
static int stray_files(const char *dir)
{
	DIR *dp = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (dp && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "a.pdf") &&
		    strcmp(e->d_name, "b.pdf") && strcmp(e->d_name, "c.pdf") && strcmp(e->d_name, "plain.pdf") &&
		    strcmp(e->d_name, "navy.jpg"))
			n++;
	if (dp)
		closedir(dp);
	return n;
}

/* Our measurements agree with libharu, and coverage is right. */
static void test_metrics(struct pdf_writer *w, const struct style *st)
{
	const struct metrics *m = pdf_writer_metrics(w);
	static const char *const samples[] = {"Hello, world", ACCENTED, "8:37 against a target of 5:00",
					      "$1,250,000 (81%)", "Ω≈ç√∫˜µ≤≥÷", "\xE2\x9C\x93",
					      /* Beyond the BMP, cut short, stray: as libharu reads them. */
					      "smile \xF0\x9F\x98\x80!", "cut \xC3", "stray \x80 byte"};
	bool agree = true;
	for (int f = 0; f < FACE_COUNT; f++)
		for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
			double ours = m->width(m->ctx, (enum face)f, samples[i], strlen(samples[i]));
			double theirs = pdf_writer_libharu_width(w, (enum face)f, samples[i]);
			if (ours != theirs) {
				agree = false;
				printf("#   face %d \"%s\": ours %g, libharu %g\n", f, samples[i], ours, theirs);
			}
		}
	CHECK(agree, "our widths equal libharu's for every face");
	CHECK_NEAR(m->width(m->ctx, FACE_REGULAR, "Hello", 5),
		   m->width(m->ctx, FACE_REGULAR, "He", 2) + m->width(m->ctx, FACE_REGULAR, "llo", 3), 0,
		   "width adds up over pieces");
	CHECK(m->width(m->ctx, FACE_BOLD, "Hello", 5) > m->width(m->ctx, FACE_REGULAR, "Hello", 5),
	      "bold is wider than regular");
	CHECK(m->has_glyph(m->ctx, FACE_REGULAR, 'A'), "Open Sans has A");
	CHECK(m->has_glyph(m->ctx, FACE_REGULAR, 0xE9), "Open Sans has é");
	CHECK(!m->has_glyph(m->ctx, FACE_REGULAR, 0x2713), "Open Sans lacks ✓");
	CHECK(m->has_glyph(m->ctx, FACE_FALLBACK, 0x2713), "DejaVu Sans has ✓");
	CHECK(!m->has_glyph(m->ctx, FACE_FALLBACK, 0x1F600), "nothing above U+FFFF counts as drawable");
	CHECK(m->ascent[FACE_REGULAR] > 700 && m->ascent[FACE_REGULAR] < 1200, "Open Sans ascent");
	CHECK(m->descent[FACE_REGULAR] < -150 && m->descent[FACE_REGULAR] > -400, "Open Sans descent");
	(void)st;
}

/* Save three ways, then look inside the file. */
static void test_write(struct fixture *fx)
{
	struct diag d;
	char *msgs = NULL;
	size_t mlen;
	FILE *out = open_memstream(&msgs, &mlen);
	diag_init(&d, out);
	struct pdf_writer *w = pdf_writer_new(&fx->st, &d);
	CHECK(w != NULL, "writer for the independence layout");
	if (!w) {
		fclose(out);
		printf("# %s\n", msgs);
		free(msgs);
		return;
	}
	/* libharu's own measuring marks glyphs for embedding, so it gets a
	 * writer of its own that saves nothing. */
	struct pdf_writer *probe = pdf_writer_new(&fx->st, &d);
	test_metrics(probe, &fx->st);
	pdf_writer_free(probe);

	char a_pdf[128], b_pdf[128], c_pdf[128];
	snprintf(a_pdf, sizeof a_pdf, "%s/a.pdf", fx->dir);
	snprintf(b_pdf, sizeof b_pdf, "%s/b.pdf", fx->dir);
	snprintf(c_pdf, sizeof c_pdf, "%s/c.pdf", fx->dir);
	unsetenv("SOURCE_DATE_EPOCH");
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, a_pdf, NULL, &d), WRITE_OK, "first save");
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, b_pdf, NULL, &d), WRITE_OK,
		  "second save with the same writer");
	size_t mem_size = 0;
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, NULL, &mem_size, &d), WRITE_OK,
		  "save into memory");
	pdf_writer_free(w);
	w = pdf_writer_new(&fx->st, &d);
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, c_pdf, NULL, &d), WRITE_OK,
		  "save with a new writer");
	pdf_writer_free(w);
	fclose(out);
	CHECK_STR(msgs, "", "no messages");
	free(msgs);

	size_t alen = 0, blen = 0, clen = 0;
	char *a = slurp(a_pdf, &alen), *b = slurp(b_pdf, &blen), *c = slurp(c_pdf, &clen);
	CHECK(a && alen > 1000, "the PDF exists and is not empty");
	if (!a || !b || !c) {
		free(a), free(b), free(c);
		return;
	}
	CHECK(memcmp(a, "%PDF-1.", 7) == 0, "starts with %PDF-1.");
	CHECK(count(a + alen - 8, 8, "%%EOF") == 1, "ends with %%EOF");
	CHECK(alen == blen && memcmp(a, b, alen) == 0, "two saves are byte-identical");
	CHECK(alen == clen && memcmp(a, c, alen) == 0, "two writers give byte-identical files");
	CHECK_INT(mem_size, alen, "the in-memory size is the file's size");
	CHECK_INT(stray_files(fx->dir), 0, "no temporary file remains");
	CHECK_INT(count(a, alen, "/FontFile2"), 6, "the six faces drawn with are embedded");
	CHECK_INT(count(a, alen, "DejaVuSans-Bold"), 0, "a face never drawn with is not embedded");
	CHECK(count(a, alen, "/FlateDecode") >= 7, "streams are compressed");
	CHECK_INT(count(a, alen, "/ID"), 0, "no /ID, so output depends only on the inputs");
	CHECK_INT(count(a, alen, "/Type /Page\r") + count(a, alen, "/Type /Page\n") +
			  count(a, alen, "/Type /Page/") + count(a, alen, "/Type /Page "),
		  2, "two pages");
	CHECK(count(a, alen, "/Outlines") >= 1, "has an outline");
	CHECK(count(a, alen, "/PageMode /UseOutlines") == 1, "opens on the bookmarks panel");
	CHECK_INT(count(a, alen, "/Subtype /Link"), 2, "two link annotations");
	CHECK_INT(count(a, alen, "/Border [ 0 0 0 ]"), 2, "links have no border");
	CHECK_INT(count(a, alen, "/URI (https:\\057\\057www.ci.independence.mo.us\\057)"), 1, "the URI link");
	CHECK_INT(count(a, alen, "/XYZ 0 "), 2, "destinations keep the reader at the top left");
	CHECK_INT(count(a, alen, "/Subtype /Image"), 3, "the emblem, its transparency mask and a JPEG");
	CHECK_INT(count(a, alen, "/DCTDecode"), 1, "the JPEG is embedded as it is");
	CHECK_INT(count(a, alen, "/CreationDate (D:20171113000000)"), 1,
		  "creation date is the published date");
	char *creator = utf16_hex("qreport " QREPORT_VERSION);
	char *title = utf16_hex("Performance Dashboard");
	char *author = utf16_hex("City of Independence, Missouri");
	CHECK_INT(count(a, alen, creator), 1, "Creator names qreport and its version");
	CHECK_INT(count(a, alen, title), 1, "Title is the report title");
	CHECK_INT(count(a, alen, author), 1, "Author is the organization");
	free(creator), free(title), free(author);
	free(a), free(b), free(c);
}

/* SOURCE_DATE_EPOCH wins over the published date. */
static void test_source_date_epoch(struct fixture *fx)
{
	struct diag d;
	diag_init(&d, stderr);
	struct pdf_writer *w = pdf_writer_new(&fx->st, &d);
	setenv("SOURCE_DATE_EPOCH", "1510531200", 1);
	char path[128];
	snprintf(path, sizeof path, "%s/a.pdf", fx->dir);
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, path, NULL, &d), WRITE_OK,
		  "save with SOURCE_DATE_EPOCH");
	unsetenv("SOURCE_DATE_EPOCH");
	pdf_writer_free(w);
	size_t len = 0;
	char *a = slurp(path, &len);
	CHECK(a && count(a, len, "/CreationDate (D:20171113000000Z00'00')") == 1,
	      "SOURCE_DATE_EPOCH sets the creation date, in UTC");
	free(a);
}

/* Failures are reported, leave nothing behind, and do not poison the writer. */
static void test_failures(struct fixture *fx)
{
	char *msgs = NULL;
	size_t mlen;
	FILE *out = open_memstream(&msgs, &mlen);
	struct diag d;
	diag_init(&d, out);
	struct pdf_writer *w = pdf_writer_new(&fx->st, &d);
	char bad[160];
	snprintf(bad, sizeof bad, "%s/a.pdf/inside.pdf", fx->dir); /* a.pdf is a file, not a folder */
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, bad, NULL, &d), WRITE_FAILED,
		  "an impossible path fails with WRITE_FAILED");
	fflush(out);
	CHECK(d.errors == 1 && strstr(msgs, "error:") && strstr(msgs, "a.pdf"),
	      "and says which file and why");
	struct stat sb;
	CHECK(stat(bad, &sb) != 0, "and writes nothing");

	/* An image that vanished after the layout was checked. */
	struct box *img = NULL;
	for (size_t i = 0; i < fx->doc.pages[0].nboxes; i++)
		if (fx->doc.pages[0].boxes[i].kind == BOX_IMAGE)
			img = &fx->doc.pages[0].boxes[i];
	const char *saved = img->u.image.path;
	img->u.image.path = "tests/bad-layouts/not-a-font.txt";
	char path[128];
	snprintf(path, sizeof path, "%s/broken.pdf", fx->dir);
	int before = d.errors;
	enum write_result res = pdf_writer_save(w, &fx->doc, fx->r, &fx->st, path, NULL, &d);
	img->u.image.path = saved;
	fflush(out);
	CHECK(res == WRITE_BAD_INPUT && d.errors > before, "an unreadable image is the layout's problem");
	CHECK(stat(path, &sb) != 0, "and leaves no file");
	CHECK_INT(stray_files(fx->dir), 0, "and no temporary file");
	/* The writer recovers: the next save works. */
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &fx->st, NULL, NULL, &d), WRITE_OK,
		  "the writer recovers after an error");
	pdf_writer_free(w);
	fclose(out);
	free(msgs);
}

/* The other bundled layout renders the same pages. */
static void test_plain(struct fixture *fx)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	struct diag d;
	diag_init(&d, stderr);
	CHECK(style_load("plain", ".", &a, &d, &st), "plain layout loads");
	struct pdf_writer *w = pdf_writer_new(&st, &d);
	CHECK(w != NULL, "writer for the plain layout");
	char path[128];
	snprintf(path, sizeof path, "%s/plain.pdf", fx->dir);
	/* The fixture's logo box points at the emblem; plain pages can show it too. */
	CHECK_INT(pdf_writer_save(w, &fx->doc, fx->r, &st, path, NULL, &d), WRITE_OK, "plain saves");
	pdf_writer_free(w);
	size_t len = 0;
	char *p = slurp(path, &len);
	CHECK(p && count(p, len, "/FontFile2") == 6, "plain embeds the six faces drawn with");
	free(p);
	arena_free(&a);
}

/* Optional outside checks when the tools are installed (they are in CI). */
static void test_tools(struct fixture *fx)
{
	char cmd[512];
	if (access("/usr/bin/qpdf", X_OK) == 0) {
		snprintf(cmd, sizeof cmd, "qpdf --check %s/a.pdf >/dev/null 2>&1", fx->dir);
		CHECK(system(cmd) == 0, "qpdf --check passes");
	}
	if (access("/usr/bin/pdftotext", X_OK) == 0) {
		snprintf(cmd, sizeof cmd, "pdftotext %s/a.pdf %s/a.txt 2>%s/a.err", fx->dir, fx->dir,
			 fx->dir);
		CHECK(system(cmd) == 0, "pdftotext reads the file");
		snprintf(cmd, sizeof cmd, "%s/a.err", fx->dir);
		size_t elen = 0;
		char *errs = slurp(cmd, &elen);
		CHECK(errs && elen == 0, "poppler has no complaint (ToUnicode maps are well-formed)");
		if (errs && elen)
			printf("# %.200s\n", errs);
		free(errs);
		remove(cmd);
		snprintf(cmd, sizeof cmd, "%s/a.txt", fx->dir);
		size_t len = 0;
		char *t = slurp(cmd, &len);
		CHECK(t && strstr(t, ACCENTED), "accented text comes back out");
		CHECK(t && strstr(t, "Goal Not Met"), "status labels come back out");
		free(t);
		remove(cmd);
	}
}

/* Build the fixture, run every test, clean up. */
int main(void)
{
	struct fixture fx;
	arena_init(&fx.a);
	struct diag d;
	diag_init(&d, stderr);
	if (!CHECK(style_load("independence", ".", &fx.a, &d, &fx.st), "independence layout loads"))
		return harness_done();
	snprintf(fx.dir, sizeof fx.dir, "/tmp/qreport-pdf-XXXXXX");
	CHECK(mkdtemp(fx.dir) != NULL, "a scratch folder");
	snprintf(fx.jpeg, sizeof fx.jpeg, "%s/navy.jpg", fx.dir);
	FILE *jf = fopen(fx.jpeg, "wb");
	fwrite(navy_jpeg, 1, sizeof navy_jpeg, jf);
	fclose(jf);
	fx.r = build_report();
	build_doc(&fx);

	test_write(&fx);
	test_source_date_epoch(&fx);
	test_failures(&fx);
	test_plain(&fx);
	test_tools(&fx);

	static const char *const names[] = {"a.pdf", "b.pdf", "c.pdf", "plain.pdf", "navy.jpg"};
	char path[160];
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "%s/%s", fx.dir, names[i]);
		remove(path);
	}
	rmdir(fx.dir);
	report_free(fx.r);
	arena_free(&fx.a);
	return harness_done();
}
