/* Layout files: everything about looks, read from XML and checked with
 * FILE:LINE messages, every problem in one run. The format is described in
 * docs/layouts.md and schema/layout-1.xsd. */
#include "style.h"
#include "readfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "load_attr_count.h"
#include "load_image.h"
#include "load_unicode.h"
#include "ttf.h"

/* Everything one load needs, passed down instead of kept in globals. */
struct loader {
	const char *file;       /* The layout file, as messages name it. */
	const char *datadir;    /* May be NULL. */
	char *layout_dir;       /* Folder of the layout file; arena-owned. */
	struct diag *d;
	struct arena *a;
	struct style *st;
	xmlDoc *doc;
	int errors_before;
	long page_line, type_line; /* Where <page> and <type> stood; 0 if absent. */
	const char *font_file[FACE_COUNT]; /* As written in the layout, or NULL. */
};

/* ---- Names as layout files write them -------------------------------- */

static const char *const face_names[FACE_COUNT] = {
	[FACE_REGULAR] = "regular",
	[FACE_BOLD] = "bold",
	[FACE_ITALIC] = "italic",
	[FACE_BOLD_ITALIC] = "bold-italic",
	[FACE_HEADING] = "heading",
	[FACE_FALLBACK] = "fallback",
	[FACE_FALLBACK_BOLD] = "fallback-bold",
};

static const char *const part_names[PART_COUNT] = {
	[PART_COVER] = "cover",
	[PART_CONTENTS] = "contents",
	[PART_GLANCE] = "glance",
	[PART_NARRATIVE] = "narrative",
	[PART_GOALS] = "goals",
	[PART_APPENDIX] = "appendix",
};

static const char *const status_names[STATUS_COUNT] = {
	[STATUS_NO_DATA] = "no-data",
	[STATUS_MET] = "met",
	[STATUS_UNDER] = "under",
	[STATUS_NOT_MET] = "not-met",
};

/* Colour roles and where each lives in struct style. */
static const struct {
	const char *name;
	size_t offset;
} colour_roles[] = {
	{"text", offsetof(struct style, color_text)},
	{"muted", offsetof(struct style, color_muted)},
	{"primary", offsetof(struct style, color_primary)},
	{"accent", offsetof(struct style, color_accent)},
	{"rule", offsetof(struct style, color_rule)},
	{"band", offsetof(struct style, color_band)},
	{"link", offsetof(struct style, color_link)},
	{"cover-text", offsetof(struct style, color_cover_text)},
	{"cover-fill", offsetof(struct style, color_cover_fill)},
};
#define NCOLOURS (sizeof colour_roles / sizeof colour_roles[0])

/* Page sizes in points. */
static const struct {
	const char *name;
	double width, height;
} page_sizes[] = {
	{"letter", 612, 792},
	{"legal", 612, 1008},
	{"a4", 210 / 25.4 * 72, 297 / 25.4 * 72},
};
#define NSIZES (sizeof page_sizes / sizeof page_sizes[0])

/* Type size roles and where each lives in struct style. */
static const struct {
	const char *name;
	size_t offset;
} type_roles[] = {
	{"body", offsetof(struct style, size_body)},
	{"small", offsetof(struct style, size_small)},
	{"h1", offsetof(struct style, size_h1)},
	{"h2", offsetof(struct style, size_h2)},
	{"h3", offsetof(struct style, size_h3)},
	{"title", offsetof(struct style, size_title)},
};
#define NTYPES (sizeof type_roles / sizeof type_roles[0])

static const char *const placeholders[] = {"organization", "title", "period", "page", "pages"};
#define NPLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

/* The font files used when a layout names none for regular or bold. */
/* Limits on the files a layout brings in, far above any real one, so that a
 * device such as /dev/zero or a huge file is refused before it is read. */
#define LAYOUT_MAX_BYTES (1L * 1024 * 1024)
#define FONT_MAX_BYTES (64L * 1024 * 1024)
#define LOGO_MAX_BYTES (16L * 1024 * 1024)
/* Longest status label, in characters: the workbook heads a table column
 * with it (at most 255, with room for a " (2)" that tells two apart). */
#define STATUS_LABEL_MAX 200
/* Attributes on one element, counted before libxml2 parses (load_attr_count.h). */
#define LAYOUT_MAX_ATTRIBUTES 64

#define DEFAULT_REGULAR "DejaVuSans.ttf"
#define DEFAULT_BOLD "DejaVuSans-Bold.ttf"

/* ---- Defaults ------------------------------------------------------------- */

/* A colour from 0xRRGGBB. */
static struct rgb hex(unsigned v)
{
	struct rgb c = {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
	return c;
}

/* The fallbacks for everything a layout file may leave out. */
void style_defaults(struct style *st)
{
	memset(st, 0, sizeof *st);
	st->name = "default";
	st->path = NULL;
	st->page_width = 612;
	st->page_height = 792;
	st->margin_top = st->margin_right = st->margin_bottom = st->margin_left = 54;
	st->size_body = 10;
	st->size_small = 8;
	st->size_h3 = 12;
	st->size_h2 = 15;
	st->size_h1 = 22;
	st->size_title = 32;
	st->leading = 1.3;
	st->color_text = hex(0x1A1A1A);
	st->color_muted = hex(0x595959);
	st->color_primary = hex(0x1A1A1A);
	st->color_accent = hex(0x7F7F7F);
	st->color_rule = hex(0xBFBFBF);
	st->color_band = hex(0xF2F2F2);
	st->color_link = hex(0x1A4F8B);
	st->color_cover_text = hex(0x1A1A1A);
	st->color_cover_fill = hex(0xFFFFFF);
	st->logo_path = NULL;
	st->status_label[STATUS_MET] = "Goal Met";
	st->status_label[STATUS_UNDER] = "Under Goal";
	st->status_label[STATUS_NOT_MET] = "Goal Not Met";
	st->status_label[STATUS_NO_DATA] = "No Data";
	st->status_color[STATUS_MET] = hex(0x2E7D32);
	st->status_color[STATUS_UNDER] = hex(0xA85D00);
	st->status_color[STATUS_NOT_MET] = hex(0xC62828);
	st->status_color[STATUS_NO_DATA] = hex(0x6B6B6B);
	st->header_left = "{organization}";
	st->header_right = "{title}";
	st->footer_left = "{period}";
	st->footer_right = "Page {page} of {pages}";
	for (int i = 0; i < PART_COUNT; i++)
		st->parts[i] = (enum part)i;
	st->nparts = PART_COUNT;
	for (int w = 0; w < PW_COUNT; w++)
		st->press_word[w] = press_word_info((enum press_word)w)->fallback;
	st->scorecard_least_type = SCORECARD_LEAST_TYPE;
}

/* ---- Small helpers ---------------------------------------------------------- */

/* "a, b or c" from a list of names, in the arena. */
static char *name_list(struct arena *a, const char *const *names, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + 4;
	char *s = arena_alloc(a, len);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, i + 1 == n ? " or " : ", ");
		strcat(s, names[i]);
	}
	return s;
}

/* The source line of a node, for messages. */
static long line_of(const xmlNode *n)
{
	return xmlGetLineNo(n);
}

/* An element's name as text. */
static const char *tag(const xmlNode *n)
{
	return (const char *)n->name;
}

/* The value of attribute `at`, copied into the arena. */
static const char *attr_text(struct loader *L, const xmlAttr *at)
{
	xmlChar *v = xmlNodeListGetString(L->doc, at->children, 1);
	const char *s = arena_strdup(L->a, v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

/* Text readers will see, in NFC (a letter and its accent as one letter
 * where Unicode has one), in the arena; warns on `line` about what the PDF
 * cannot draw as written, as the data file's loader does. */
static const char *reader_text(struct loader *L, const char *s, long line)
{
	char *nfc = text_nfc(s, strlen(s));
	if (nfc) {
		s = arena_strdup(L->a, nfc);
		free(nfc);
	}
	long rtl, mark;
	text_unshaped(s, &rtl, &mark);
	if (rtl) {
		const char *script = text_rtl_script(rtl);
		diag_warn(L->d, L->file, line, "%s text (U+%04lX) is drawn left to right in the "
			  "PDF%s, as its library cannot lay out right-to-left scripts", script, rtl,
			  strcmp(script, "Arabic") == 0 ? ", its letters unjoined" : "");
	}
	if (mark)
		diag_warn(L->d, L->file, line, "the combining mark U+%04lX has no precomposed "
			  "letter, so the PDF draws it beside its letter rather than over it", mark);
	return s;
}

/* Report attributes of `n` that are not in `allowed` (NULL-terminated). */
static void check_attributes(struct loader *L, const xmlNode *n, const char *const *allowed)
{
	for (const xmlAttr *at = n->properties; at; at = at->next) {
		bool known = false;
		size_t count = 0;
		for (const char *const *p = allowed; *p; p++, count++)
			if (strcmp((const char *)at->name, *p) == 0)
				known = true;
		if (known && !at->ns)
			continue;
		if (count == 0)
			diag_error(L->d, L->file, line_of(n),
				   "unknown attribute '%s' on <%s>; <%s> takes no attributes",
				   (const char *)at->name, tag(n), tag(n));
		else
			diag_error(L->d, L->file, line_of(n),
				   "unknown attribute '%s' on <%s>; expected %s", (const char *)at->name,
				   tag(n), name_list(L->a, allowed, count));
	}
}

/* The value of a named attribute, or NULL. */
static const char *get_attr(struct loader *L, const xmlNode *n, const char *name)
{
	for (const xmlAttr *at = n->properties; at; at = at->next)
		if (!at->ns && strcmp((const char *)at->name, name) == 0)
			return attr_text(L, at);
	return NULL;
}

/* Report text other than white space directly inside `n`. */
static void check_no_text(struct loader *L, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		const char *s = (const char *)c->content;
		if (s && s[strspn(s, " \t\r\n")] != '\0') {
			diag_error(L->d, L->file, line_of(c),
				   "unexpected text in <%s>; expected only elements there (layout files "
				   "carry their settings in attributes)",
				   tag(n));
			return;
		}
	}
}

/* Parse a non-negative decimal number ("12", "0.75") in full; false otherwise. */
static bool parse_number(const char *s, size_t len, double *out)
{
	size_t i = 0;
	double v = 0;
	if (len == 0 || s[0] < '0' || s[0] > '9')
		return false;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i < 12)
		v = v * 10 + (s[i++] - '0');
	if (i < len && s[i] == '.') {
		i++;
		double scale = 0.1;
		size_t digits = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 9) {
			v += (s[i++] - '0') * scale;
			scale /= 10;
			digits++;
		}
		if (digits == 0)
			return false;
	}
	*out = v;
	return i == len;
}

/* A length with a unit ("0.75in", "20mm", "54pt"), in points. Bare numbers
 * are points only where `bare_is_pt` (type sizes). */
static bool parse_length(const char *s, bool bare_is_pt, double *out)
{
	size_t n = strlen(s);
	double scale = 0;
	if (n > 2 && strcmp(s + n - 2, "pt") == 0)
		scale = 1;
	else if (n > 2 && strcmp(s + n - 2, "mm") == 0)
		scale = 72 / 25.4;
	else if (n > 2 && strcmp(s + n - 2, "in") == 0)
		scale = 72;
	else if (n > 2 && strcmp(s + n - 2, "cm") == 0)
		scale = 72 / 2.54;
	if (scale != 0)
		n -= 2;
	else if (bare_is_pt)
		scale = 1;
	else
		return false;
	double v;
	if (!parse_number(s, n, &v))
		return false;
	*out = v * scale;
	return true;
}

/* "#RRGGBB" into a colour. */
static bool parse_colour(const char *s, struct rgb *out)
{
	if (strlen(s) != 7 || s[0] != '#')
		return false;
	unsigned v = 0;
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = hex(v);
	return true;
}

/* Index of `s` in `names`, or -1. */
static int find_name(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* Whether a file can be opened for reading; errno says why not. Opened
 * without blocking, so that a pipe with no writer cannot hang the check. */
static bool readable(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "a folder";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "a device";
	if (S_ISFIFO(st->st_mode))
		return "a pipe";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "not a regular file";
}

/* Whether a font or logo can be read whole: fonts and logos are read twice
 * (checked here, embedded later), so a pipe would be empty the second time,
 * and a device such as /dev/zero would never end. A regular file is judged
 * by its size before a byte is read. False after reporting. */
static bool whole_file(struct loader *L, long line, const char *what, const char *path, long max,
		       const char *expected)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_error(L->d, L->file, line, "cannot read %s %s: %s; expected a readable file", what,
			   path, strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(L->d, L->file, line, "%s %s is %s, not a file; expected %s", what, path,
			   file_kind(&st), expected);
		return false;
	}
	if (st.st_size > max) {
		diag_error(L->d, L->file, line, "%s %s is %lld bytes; expected %s of at most %ld MB",
			   what, path, (long long)st.st_size, expected, max / (1024 * 1024));
		return false;
	}
	return true;
}

/* `path` made absolute against the current folder, in the arena. */
static char *absolute(struct arena *a, const char *path)
{
	if (path[0] == '/')
		return arena_strdup(a, path);
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return arena_strdup(a, path);
	if (strncmp(path, "./", 2) == 0)
		path += 2;
	return arena_printf(a, "%s/%s", cwd, path);
}

/* ---- Elements ---------------------------------------------------------------- */

/* <page size="letter" orientation="portrait" margin="0.75in" .../> */
static void read_page(struct loader *L, const xmlNode *n)
{
	L->page_line = line_of(n);
	static const char *const allowed[] = {"size", "orientation", "width", "height", "margin",
					      "margin-top", "margin-right", "margin-bottom",
					      "margin-left", NULL};
	struct style *st = L->st;
	long line = line_of(n);
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	const char *size = get_attr(L, n, "size");
	const char *width = get_attr(L, n, "width");
	const char *height = get_attr(L, n, "height");
	const char *orient = get_attr(L, n, "orientation");
	if (size && (width || height)) {
		diag_error(L->d, L->file, line,
			   "<page> gives both size and width/height; expected one or the other");
	} else if (size && strcmp(size, "local") == 0) {
		/* The paper follows the data file's country. Until that is known,
		 * margins are checked against the narrower and the shorter of
		 * Letter and A4. */
		st->paper_local = true;
		st->page_width = page_sizes[2].width;
		st->page_height = page_sizes[0].height;
	} else if (size) {
		int k = -1;
		for (size_t i = 0; i < NSIZES; i++)
			if (strcmp(size, page_sizes[i].name) == 0)
				k = (int)i;
		if (k < 0) {
			diag_error(L->d, L->file, line,
				   "unknown page size '%s'; expected letter, a4, legal or local (Letter or A4 by the data file's country), or width and height such as width=\"210mm\" height=\"297mm\"",
				   size);
		} else {
			st->page_width = page_sizes[k].width;
			st->page_height = page_sizes[k].height;
		}
	} else if (width || height) {
		double w = 0, h = 0;
		if (!width || !height) {
			diag_error(L->d, L->file, line,
				   "<page> gives %s without %s; expected both width and height",
				   width ? "width" : "height", width ? "height" : "width");
		} else if (!parse_length(width, false, &w) || !parse_length(height, false, &h)) {
			diag_error(L->d, L->file, line,
				   "bad page %s '%s'; expected a length with a unit such as 8.5in, 216mm or 612pt",
				   parse_length(width, false, &w) ? "height" : "width",
				   parse_length(width, false, &w) ? height : width);
		} else if (w < 144 || h < 144 || w > 14400 || h > 14400) {
			diag_error(L->d, L->file, line,
				   "page size %s by %s is out of range; expected each side between 2in and 200in",
				   width, height);
		} else {
			st->page_width = w;
			st->page_height = h;
		}
	}
	if (orient) {
		if (strcmp(orient, "landscape") == 0) {
			if (st->page_width < st->page_height) {
				double t = st->page_width;
				st->page_width = st->page_height;
				st->page_height = t;
			}
		} else if (strcmp(orient, "portrait") == 0) {
			if (st->page_width > st->page_height) {
				double t = st->page_width;
				st->page_width = st->page_height;
				st->page_height = t;
			}
		} else {
			diag_error(L->d, L->file, line,
				   "unknown orientation '%s'; expected portrait or landscape", orient);
		}
	}
	static const char *const sides[] = {"margin", "margin-top", "margin-right", "margin-bottom",
					    "margin-left"};
	for (size_t i = 0; i < 5; i++) {
		const char *v = get_attr(L, n, sides[i]);
		double m;
		if (!v)
			continue;
		if (!parse_length(v, false, &m)) {
			diag_error(L->d, L->file, line,
				   "bad %s '%s'; expected a length with a unit such as 0.75in, 20mm or 54pt",
				   sides[i], v);
			continue;
		}
		if (i == 0 || i == 1)
			st->margin_top = m;
		if (i == 0 || i == 2)
			st->margin_right = m;
		if (i == 0 || i == 3)
			st->margin_bottom = m;
		if (i == 0 || i == 4)
			st->margin_left = m;
	}
	/* The layout engine needs room for a measure card and a table column. */
	double across = st->margin_left + st->margin_right, down = st->margin_top + st->margin_bottom;
	if (across >= st->page_width || down >= st->page_height)
		diag_error(L->d, L->file, line,
			   "the margins are larger than the page (%.0fpt across and %.0fpt down on a "
			   "%.0fpt by %.0fpt page); expected margins that leave at least 2in by 2in "
			   "for text",
			   across, down, st->page_width, st->page_height);
	else if (st->page_width - across < 144 || st->page_height - down < 144)
		diag_error(L->d, L->file, line,
			   "the margins leave less than 2in by 2in for text on a %.0fpt by %.0fpt page; expected smaller margins",
			   st->page_width, st->page_height);
}

/* The next <item> inside a list element such as <fonts>, after `prev` (NULL
 * for the first), with its attributes and text checked against `allowed`.
 * Other elements are reported and skipped. NULL when the list ends. */
static const xmlNode *next_item(struct loader *L, const xmlNode *list, const xmlNode *prev,
				const char *item, const char *const *allowed)
{
	for (const xmlNode *c = prev ? prev->next : list->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(tag(c), item) != 0) {
			diag_error(L->d, L->file, line_of(c), "unknown element <%s> in <%s>; expected <%s>",
				   tag(c), tag(list), item);
			continue;
		}
		check_attributes(L, c, allowed);
		check_no_text(L, c);
		return c;
	}
	return NULL;
}

/* <fonts><font face="regular" file="OpenSans-Regular.ttf"/>...</fonts> */
static void read_fonts(struct loader *L, const xmlNode *n)
{
	static const char *const none[] = {NULL};
	static const char *const allowed[] = {"face", "file", NULL};
	check_attributes(L, n, none);
	check_no_text(L, n);
	for (const xmlNode *c = NULL; (c = next_item(L, n, c, "font", allowed));) {
		long line = line_of(c);
		const char *face = get_attr(L, c, "face");
		const char *file = get_attr(L, c, "file");
		if (!face || !file) {
			diag_error(L->d, L->file, line, "<font> needs %s; expected <font face=\"regular\" file=\"….ttf\"/>",
				   !face ? "a face" : "a file");
			continue;
		}
		int k = find_name(face_names, FACE_COUNT, face);
		if (k < 0) {
			diag_error(L->d, L->file, line, "unknown font face '%s'; expected %s", face,
				   name_list(L->a, face_names, FACE_COUNT));
			continue;
		}
		if (L->font_file[k]) {
			diag_error(L->d, L->file, line,
				   "the %s face is given twice (first on line %d); expected each face once",
				   face, L->st->font_line[k]);
			continue;
		}
		if (!*file) {
			diag_error(L->d, L->file, line, "empty file name for the %s face; expected a .ttf file name",
				   face);
			continue;
		}
		L->font_file[k] = file;
		L->st->font_line[k] = (int)line;
	}
}

/* The least type size readers can be expected to read in print, in points. */
#define LEAST_TYPE_SIZE 8.0

/* <type body="10pt" small="8pt" h1="22pt" h2="15pt" h3="12pt" title="32pt" leading="1.3"/> */
static void read_type(struct loader *L, const xmlNode *n)
{
	L->type_line = line_of(n);
	static const char *const allowed[] = {"body", "small", "h1", "h2", "h3", "title", "leading",
					      NULL};
	long line = line_of(n);
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	for (size_t i = 0; i < NTYPES; i++) {
		const char *v = get_attr(L, n, type_roles[i].name);
		double size;
		if (!v)
			continue;
		if (!parse_length(v, true, &size) || size < 4 || size > 144) {
			diag_error(L->d, L->file, line,
				   "bad %s type size '%s'; expected a size from 4pt to 144pt such as 10pt",
				   type_roles[i].name, v);
			continue;
		}
		*(double *)((char *)L->st + type_roles[i].offset) = size;
	}
	const char *v = get_attr(L, n, "leading");
	double lead;
	if (v) {
		if (!parse_number(v, strlen(v), &lead) || lead < 1 || lead > 3)
			diag_error(L->d, L->file, line,
				   "bad leading '%s'; expected a multiple of the type size from 1 to 3 such as 1.3",
				   v);
		else
			L->st->leading = lead;
	}
	if (L->st->size_small > L->st->size_body)
		diag_error(L->d, L->file, line,
			   "the small type size (%gpt) is larger than the body size (%gpt); expected small ≤ body",
			   L->st->size_small, L->st->size_body);
	/* The least size of any text: notes, table cells, chart labels. */
	else if (L->st->size_small < LEAST_TYPE_SIZE)
		diag_warn(L->d, L->file, line,
			  "the small type size (%gpt) is under %gpt, too small to read in print "
			  "(table cells, notes and chart labels use it); expected %gpt or more",
			  L->st->size_small, LEAST_TYPE_SIZE, LEAST_TYPE_SIZE);
}

/* <colors><color name="text" value="#1A1A1A"/>...</colors> */
static void read_colours(struct loader *L, const xmlNode *n)
{
	static const char *const none[] = {NULL};
	static const char *const allowed[] = {"name", "value", NULL};
	const char *names[NCOLOURS];
	int seen[NCOLOURS] = {0};
	for (size_t i = 0; i < NCOLOURS; i++)
		names[i] = colour_roles[i].name;
	check_attributes(L, n, none);
	check_no_text(L, n);
	for (const xmlNode *c = NULL; (c = next_item(L, n, c, "color", allowed));) {
		long line = line_of(c);
		const char *name = get_attr(L, c, "name");
		const char *value = get_attr(L, c, "value");
		if (!name || !value) {
			diag_error(L->d, L->file, line,
				   "<color> needs %s; expected <color name=\"text\" value=\"#1A1A1A\"/>",
				   !name ? "a name" : "a value");
			continue;
		}
		int k = find_name(names, NCOLOURS, name);
		if (k < 0) {
			diag_error(L->d, L->file, line, "unknown colour '%s'; expected %s", name,
				   name_list(L->a, names, NCOLOURS));
			continue;
		}
		if (seen[k]) {
			diag_error(L->d, L->file, line,
				   "the %s colour is given twice (first on line %d); expected each colour once",
				   name, seen[k]);
			continue;
		}
		seen[k] = (int)line;
		struct rgb rgb;
		if (!parse_colour(value, &rgb)) {
			diag_error(L->d, L->file, line,
				   "bad colour '%s' for %s; expected #RRGGBB such as #1F3A5F", value, name);
			continue;
		}
		*(struct rgb *)((char *)L->st + colour_roles[k].offset) = rgb;
	}
}

/* <statuses><status name="met" label="Goal Met" color="#2E7D32"/>...</statuses> */
static void read_statuses(struct loader *L, const xmlNode *n)
{
	static const char *const none[] = {NULL};
	static const char *const allowed[] = {"name", "label", "color", NULL};
	static const char *const in_order[] = {"met", "under", "not-met", "no-data"};
	int seen[STATUS_COUNT] = {0};
	check_attributes(L, n, none);
	check_no_text(L, n);
	for (const xmlNode *c = NULL; (c = next_item(L, n, c, "status", allowed));) {
		long line = line_of(c);
		const char *name = get_attr(L, c, "name");
		if (!name) {
			diag_error(L->d, L->file, line,
				   "<status> needs a name; expected <status name=\"met\" label=\"Goal Met\" color=\"#2E7D32\"/>");
			continue;
		}
		int k = find_name(status_names, STATUS_COUNT, name);
		if (k < 0) {
			diag_error(L->d, L->file, line, "unknown status '%s'; expected %s", name,
				   name_list(L->a, in_order, STATUS_COUNT));
			continue;
		}
		if (seen[k]) {
			diag_error(L->d, L->file, line,
				   "the %s status is given twice (first on line %d); expected each status once",
				   name, seen[k]);
			continue;
		}
		seen[k] = (int)line;
		const char *label = get_attr(L, c, "label");
		const char *colour = get_attr(L, c, "color");
		if (label) {
			size_t chars = 0;
			for (const char *p = label; *p; p++)
				chars += ((unsigned char)*p & 0xC0) != 0x80;
			if (label[strspn(label, " \t\r\n")] == '\0')
				diag_error(L->d, L->file, line,
					   "empty label for the %s status; expected words such as \"Goal Met\"",
					   name);
			else if (chars > STATUS_LABEL_MAX)
				diag_error(L->d, L->file, line,
					   "the label for the %s status is %zu characters long; expected at "
					   "most %d (the workbook heads a column with it, and a column "
					   "heading holds 255)", name, chars, STATUS_LABEL_MAX);
			else
				L->st->status_label[k] = reader_text(L, label, line);
		}
		if (colour) {
			struct rgb rgb;
			if (!parse_colour(colour, &rgb))
				diag_error(L->d, L->file, line,
					   "bad colour '%s' for the %s status; expected #RRGGBB such as #2E7D32",
					   colour, name);
			else
				L->st->status_color[k] = rgb;
		}
	}
}

/* Check the {placeholders} in page furniture text. */
static void check_placeholders(struct loader *L, long line, const char *where, const char *text)
{
	for (const char *p = text; (p = strchr(p, '{')) != NULL;) {
		const char *end = strchr(p, '}');
		if (!end) {
			diag_error(L->d, L->file, line,
				   "unclosed '{' in %s text \"%s\"; expected a placeholder such as {page}",
				   where, text);
			return;
		}
		size_t len = (size_t)(end - p - 1);
		bool known = false;
		for (size_t i = 0; i < NPLACEHOLDERS; i++)
			if (strlen(placeholders[i]) == len && strncmp(p + 1, placeholders[i], len) == 0)
				known = true;
		if (!known)
			diag_error(L->d, L->file, line,
				   "unknown placeholder '%.*s' in %s text; expected {organization}, {title}, {period}, {page} or {pages}",
				   (int)(len + 2), p, where);
		p = end + 1;
	}
}

/* <header left="..." right="..."/> and <footer .../> */
static void read_furniture(struct loader *L, const xmlNode *n, const char **left,
			   const char **right)
{
	static const char *const allowed[] = {"left", "right", NULL};
	long line = line_of(n);
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	const char *l = get_attr(L, n, "left");
	const char *r = get_attr(L, n, "right");
	if (l) {
		check_placeholders(L, line, arena_printf(L->a, "%s left", tag(n)), l);
		*left = reader_text(L, l, line);
	}
	if (r) {
		check_placeholders(L, line, arena_printf(L->a, "%s right", tag(n)), r);
		*right = reader_text(L, r, line);
	}
}

/* <parts><part name="cover"/>...</parts>: which parts, in order. */
static void read_parts(struct loader *L, const xmlNode *n)
{
	static const char *const none[] = {NULL};
	static const char *const allowed[] = {"name", NULL};
	int seen[PART_COUNT] = {0};
	check_attributes(L, n, none);
	check_no_text(L, n);
	L->st->nparts = 0;
	for (const xmlNode *c = NULL; (c = next_item(L, n, c, "part", allowed));) {
		long line = line_of(c);
		const char *name = get_attr(L, c, "name");
		if (!name) {
			diag_error(L->d, L->file, line, "<part> needs a name; expected <part name=\"cover\"/>");
			continue;
		}
		int k = find_name(part_names, PART_COUNT, name);
		if (k < 0) {
			diag_error(L->d, L->file, line, "unknown part '%s'; expected one of %s", name,
				   name_list(L->a, part_names, PART_COUNT));
			continue;
		}
		if (seen[k]) {
			diag_error(L->d, L->file, line,
				   "the %s part is listed twice (first on line %d); expected each part at most once",
				   name, seen[k]);
			continue;
		}
		seen[k] = (int)line;
		L->st->parts[L->st->nparts++] = (enum part)k;
	}
	if (L->st->nparts == 0)
		diag_error(L->d, L->file, line_of(n),
			   "<parts> lists no part; expected one or more of %s",
			   name_list(L->a, part_names, PART_COUNT));
}

/* <logo file="independence-emblem.png"/>: checked later by find_logo. */
/* <numbers negative-currency="parentheses"/>: how amounts are written. */
static void read_numbers(struct loader *L, const xmlNode *n)
{
	static const char *const allowed[] = {"negative-currency", NULL};
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	const char *v = get_attr(L, n, "negative-currency");
	if (!v)
		return;
	if (strcmp(v, "parentheses") == 0)
		L->st->negative_parentheses = true;
	else if (strcmp(v, "minus") == 0)
		L->st->negative_parentheses = false;
	else
		diag_error(L->d, L->file, line_of(n),
			   "bad negative-currency '%s'; expected minus (-$184,000) or parentheses "
			   "($184,000), as the city's accounts show a negative amount", v);
}

static const char *read_logo(struct loader *L, const xmlNode *n)
{
	static const char *const allowed[] = {"file", NULL};
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	const char *file = get_attr(L, n, "file");
	if (!file || !*file) {
		diag_error(L->d, L->file, line_of(n),
			   "<logo> needs a file; expected <logo file=\"emblem.png\"/> (leave <logo> out for none)");
		return NULL;
	}
	L->st->logo_line = (int)line_of(n);
	return file;
}

/* The {placeholders} of one of the press packet's words, each one the
 * word may hold. */
static void check_press_placeholders(struct loader *L, long line, enum press_word w,
				     const char *text)
{
	const struct press_word_info *info = press_word_info(w);
	size_t n = 0;
	while (info->placeholders[n])
		n++;
	const char **braced = arena_calloc(L->a, n + 1, sizeof *braced);
	for (size_t i = 0; i < n; i++)
		braced[i] = arena_printf(L->a, "{%s}", info->placeholders[i]);
	for (const char *p = text; (p = strchr(p, '{')) != NULL;) {
		const char *end = strchr(p, '}');
		if (!end) {
			diag_error(L->d, L->file, line,
				   "unclosed '{' in the %s words \"%s\"; expected a placeholder such as %s",
				   info->name, text, n ? braced[0] : "{name}");
			return;
		}
		size_t len = (size_t)(end - p - 1);
		bool known = false;
		for (size_t i = 0; i < n; i++)
			if (strlen(info->placeholders[i]) == len &&
			    strncmp(p + 1, info->placeholders[i], len) == 0)
				known = true;
		if (!known && n == 0)
			diag_error(L->d, L->file, line,
				   "unknown placeholder '%.*s' in the %s words; expected plain words, as "
				   "%s takes no placeholder", (int)(len + 2), p, info->name, info->name);
		else if (!known)
			diag_error(L->d, L->file, line,
				   "unknown placeholder '%.*s' in the %s words; expected %s",
				   (int)(len + 2), p, info->name, name_list(L->a, braced, n));
		p = end + 1;
	}
}

/* <press scorecard-min-type="7pt"><words name="headline" text="..."/>...</press>:
 * the press packet's words and the scorecard's least type size. */
static void read_press(struct loader *L, const xmlNode *n)
{
	static const char *const allowed[] = {"scorecard-min-type", NULL};
	static const char *const item[] = {"name", "text", NULL};
	long line = line_of(n);
	check_attributes(L, n, allowed);
	check_no_text(L, n);
	const char *v = get_attr(L, n, "scorecard-min-type");
	double size;
	if (v && (!parse_length(v, true, &size) || size < SCORECARD_LEAST_TYPE || size > 144))
		diag_error(L->d, L->file, line,
			   "bad scorecard-min-type '%s'; expected a size from %gpt to 144pt such as "
			   "8pt (the scorecard's type shrinks to fit one page, never below %gpt)",
			   v, SCORECARD_LEAST_TYPE, SCORECARD_LEAST_TYPE);
	else if (v)
		L->st->scorecard_least_type = size;
	for (const xmlNode *c = NULL; (c = next_item(L, n, c, "words", item));) {
		long wl = line_of(c);
		const char *name = get_attr(L, c, "name");
		const char *text = get_attr(L, c, "text");
		if (!name || !text) {
			diag_error(L->d, L->file, wl, "<words> needs %s; expected <words name=\"headline\" "
				   "text=\"{name} met {met} of {measures} performance goals\"/>",
				   !name ? "a name" : "a text");
			continue;
		}
		enum press_word w = press_word_find(name);
		if (w == PW_COUNT) {
			const char *names[PW_COUNT];
			for (int k = 0; k < PW_COUNT; k++)
				names[k] = press_word_info((enum press_word)k)->name;
			diag_error(L->d, L->file, wl, "unknown words '%s'; expected one of %s", name,
				   name_list(L->a, names, PW_COUNT));
			continue;
		}
		if (L->st->press_word_line[w]) {
			diag_error(L->d, L->file, wl,
				   "the %s words are given twice (first on line %d); expected each at "
				   "most once", name, L->st->press_word_line[w]);
			continue;
		}
		L->st->press_word_line[w] = (int)wl;
		check_press_placeholders(L, wl, w, text);
		L->st->press_word[w] = reader_text(L, text, wl);
	}
}

/* ---- Files the layout names ---------------------------------------------------- */

/* Look for `file` in each folder of `dirs` (NULL entries skipped). Returns the
 * first path that opens, as built (messages name it so), else NULL after
 * reporting what was tried. */
static const char *find_file(struct loader *L, long line, const char *what, const char *file,
			     const char *const *dirs, size_t ndirs)
{
	if (file[0] == '/') {
		if (readable(file))
			return file;
		diag_error(L->d, L->file, line, "cannot read %s %s: %s; expected a readable file", what,
			   file, strerror(errno));
		return NULL;
	}
	char *tried = arena_strdup(L->a, "");
	int ntried = 0;
	for (size_t i = 0; i < ndirs; i++) {
		if (!dirs[i])
			continue;
		char *path = arena_printf(L->a, "%s/%s", dirs[i], file);
		if (readable(path))
			return path;
		if (errno != ENOENT) {
			diag_error(L->d, L->file, line, "cannot read %s %s: %s; expected a readable file",
				   what, path, strerror(errno));
			return NULL;
		}
		tried = arena_printf(L->a, "%s%s%s", tried, ntried ? " and " : "", path);
		ntried++;
	}
	diag_error(L->d, L->file, line, "%s '%s' not found; tried %s; expected the file in one of "
		   "those places", what, file, tried);
	return NULL;
}

/* Resolve and check every face's file, filling in faces the layout leaves out. */
static void resolve_fonts(struct loader *L, long root_line)
{
	struct style *st = L->st;
	const char *file[FACE_COUNT];
	int line[FACE_COUNT];
	for (int i = 0; i < FACE_COUNT; i++) {
		file[i] = L->font_file[i];
		line[i] = st->font_line[i] ? st->font_line[i] : (int)root_line;
	}
	/* Faces left out borrow from their nearest relative (docs/layouts.md). */
	if (!file[FACE_REGULAR])
		file[FACE_REGULAR] = DEFAULT_REGULAR;
	if (!file[FACE_BOLD])
		file[FACE_BOLD] = DEFAULT_BOLD;
	if (!file[FACE_ITALIC])
		file[FACE_ITALIC] = file[FACE_REGULAR], line[FACE_ITALIC] = line[FACE_REGULAR];
	if (!file[FACE_BOLD_ITALIC])
		file[FACE_BOLD_ITALIC] = file[FACE_BOLD], line[FACE_BOLD_ITALIC] = line[FACE_BOLD];
	if (!file[FACE_HEADING])
		file[FACE_HEADING] = file[FACE_BOLD], line[FACE_HEADING] = line[FACE_BOLD];
	if (!file[FACE_FALLBACK])
		file[FACE_FALLBACK] = DEFAULT_REGULAR;
	if (!file[FACE_FALLBACK_BOLD])
		file[FACE_FALLBACK_BOLD] = DEFAULT_BOLD;

	char *fonts_dir = L->datadir ? arena_printf(L->a, "%s/fonts", L->datadir) : NULL;
	const char *dirs[] = {fonts_dir, L->layout_dir};
	for (int i = 0; i < FACE_COUNT; i++) {
		st->font_line[i] = line[i];
		/* A file shared by several faces is checked (and reported) once. */
		int same = -1;
		for (int j = 0; j < i && same < 0; j++)
			if (strcmp(file[j], file[i]) == 0)
				same = j;
		if (same >= 0) {
			st->font_path[i] = st->font_path[same];
			continue;
		}
		const char *path = find_file(L, line[i], "font file", file[i], dirs, 2);
		if (!path || !whole_file(L, line[i], "font file", path, FONT_MAX_BYTES,
					 "a TrueType font (.ttf)"))
			continue;
		char why[256];
		if (!ttf_check(path, why, sizeof why)) {
			diag_error(L->d, L->file, line[i], "font file %s %s", path, why);
			continue;
		}
		st->font_path[i] = absolute(L->a, path);
	}
}

/* Resolve and check the logo: a PNG or JPEG beside the layout file or
 * among the bundled layouts. */
static void find_logo(struct loader *L, const char *file)
{
	char *bundled = L->datadir ? arena_printf(L->a, "%s/layouts", L->datadir) : NULL;
	const char *dirs[] = {L->layout_dir, bundled};
	const char *path = find_file(L, L->st->logo_line, "logo file", file, dirs, 2);
	if (!path || !whole_file(L, L->st->logo_line, "logo file", path, LOGO_MAX_BYTES,
				 "a .png or .jpg file"))
		return;
	struct file_read in;
	enum read_status rs = read_whole_file(path, (size_t)LOGO_MAX_BYTES, &in);
	if (rs != READ_OK) {
		diag_error(L->d, L->file, L->st->logo_line, "cannot read logo file %s: %s; expected "
			   "a readable .png or .jpg file", path,
			   rs == READ_CANNOT_OPEN || rs == READ_FAILED ? strerror(in.err)
								   : "it changed while read");
		return;
	}
	char why[400];
	struct image_info info;
	bool ok = image_check((const unsigned char *)in.data, in.len, &info, why, sizeof why);
	if (!ok) {
		diag_error(L->d, L->file, L->st->logo_line, "logo file %s %s", path, why);
		free(in.data);
		return;
	}
	unsigned char *copy = arena_alloc(L->a, in.len ? in.len : 1);
	memcpy(copy, in.data, in.len);
	free(in.data);
	L->st->logo_data = copy;
	L->st->logo_size = in.len;
	L->st->logo_path = absolute(L->a, path);
}

/* ---- Room on the page ---------------------------------------------------------- */

/* The least height a text area needs: a title line, or a heading with a
 * measure card's name and three lines of text. */
static double least_text_height(const struct style *st)
{
	double title = st->size_title * st->leading;
	double card = (st->size_h1 + st->size_h3 + 3 * st->size_body) * st->leading;
	return title > card ? title : card;
}

/* See style.h. */
const char *paper_for(const char *country, const char *lang)
{
	static const char *const letter[] = {"US", "CA", "MX", "PH", "CL", "CO", "CR",
					     "DO", "GT", "NI", "PA", "PR", "SV", "VE"};
	char region[3] = "";
	if (country && strlen(country) == 2) {
		memcpy(region, country, 3);
	} else if (lang) {
		/* The first two-letter subtag after the language: "en-US", "es-419" has none. */
		for (const char *s = strchr(lang, '-'); s; s = strchr(s + 1, '-')) {
			size_t n = strcspn(s + 1, "-");
			if (n == 2 && isalpha((unsigned char)s[1]) && isalpha((unsigned char)s[2])) {
				region[0] = (char)toupper((unsigned char)s[1]);
				region[1] = (char)toupper((unsigned char)s[2]);
				region[2] = '\0';
				break;
			}
		}
	}
	for (size_t i = 0; i < sizeof letter / sizeof letter[0]; i++)
		if (strcmp(region, letter[i]) == 0)
			return "letter";
	return "a4";
}

/* See style.h. */
bool style_set_paper(struct style *st, const char *name)
{
	size_t k = 0;
	while (k < NSIZES && strcmp(name, page_sizes[k].name) != 0)
		k++;
	if (k == NSIZES)
		return false;
	bool landscape = st->page_width > st->page_height;
	double w = page_sizes[k].width, h = page_sizes[k].height;
	if (landscape) {
		double t = w;
		w = h;
		h = t;
	}
	double across = st->margin_left + st->margin_right, down = st->margin_top + st->margin_bottom;
	if (w - across < 144 || h - down < 144 || h - down < least_text_height(st))
		return false;
	st->page_width = w;
	st->page_height = h;
	return true;
}

/* The header and footer are set in the small size in the middle of the top
 * and bottom margins, the header with a rule under it; the body between
 * them must hold the cover's title line, and a goal's heading with a
 * measure card's name and three lines of text, or the layout engine would
 * push them past the page's edge. Margins and type sizes are both the
 * layout's, so the error names whichever of <page> and <type> was written
 * (the later one when both were). */
static void check_room(struct loader *L, long root_line)
{
	const struct style *st = L->st;
	long line = L->type_line > L->page_line ? L->type_line : L->page_line;
	if (!line)
		line = root_line;
	const char *where = L->type_line > L->page_line ? "with these type sizes" : "on this page";
	double furniture = 2 * st->size_small;
	bool header = (st->header_left && *st->header_left) || (st->header_right && *st->header_right);
	bool footer = (st->footer_left && *st->footer_left) || (st->footer_right && *st->footer_right);
	if (header && st->margin_top < furniture)
		diag_error(L->d, L->file, line,
			   "the top margin (%.1fpt) cannot hold the header in the small type size "
			   "(%.1fpt) %s; expected a top margin of at least %.1fpt (twice the small "
			   "size), or no header", st->margin_top, st->size_small, where, furniture);
	if (footer && st->margin_bottom < furniture)
		diag_error(L->d, L->file, line,
			   "the bottom margin (%.1fpt) cannot hold the footer in the small type size "
			   "(%.1fpt) %s; expected a bottom margin of at least %.1fpt (twice the small "
			   "size), or no footer", st->margin_bottom, st->size_small, where, furniture);
	double height = st->page_height - st->margin_top - st->margin_bottom;
	double need = least_text_height(st);
	if (height > 0 && height < need)
		diag_error(L->d, L->file, line,
			   "the text area is %.1fpt tall %s, too little for a title line, or a "
			   "heading with a measure card's name and three lines of text (%.1fpt); "
			   "expected smaller type, less leading or smaller margins", height, where,
			   need);
}

/* ---- Contrast -------------------------------------------------------------------- */

/* WCAG relative luminance of an sRGB colour. */
static double luminance(struct rgb c)
{
	double v[3] = {c.r, c.g, c.b};
	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* WCAG contrast ratio between two colours, 1 to 21. */
static double contrast(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Warn about colours readers would struggle with: text needs 4.5:1 against
 * its background, headings and status icons 3:1 (WCAG 2.1, 1.4.3 and 1.4.11). */
static void check_contrast(struct loader *L, long line)
{
	const struct style *st = L->st;
	const struct rgb white = {1, 1, 1};
	const struct {
		const char *what;
		struct rgb fg, bg;
		double need;
	} pairs[] = {
		{"text colour on white", st->color_text, white, 4.5},
		{"muted colour on white", st->color_muted, white, 4.5},
		{"link colour on white", st->color_link, white, 4.5},
		{"primary colour on white", st->color_primary, white, 3.0},
		{"text colour on the band colour", st->color_text, st->color_band, 4.5},
		{"cover-text colour on cover-fill", st->color_cover_text, st->color_cover_fill, 4.5},
		{"met status colour on white", st->status_color[STATUS_MET], white, 3.0},
		{"under status colour on white", st->status_color[STATUS_UNDER], white, 3.0},
		{"not-met status colour on white", st->status_color[STATUS_NOT_MET], white, 3.0},
		{"no-data status colour on white", st->status_color[STATUS_NO_DATA], white, 3.0},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		double c = contrast(pairs[i].fg, pairs[i].bg);
		if (c + 1e-9 < pairs[i].need)
			diag_warn(L->d, L->file, line,
				  "the %s has a contrast of only %.1f:1; expected at least %.1f:1 so that it stays readable",
				  pairs[i].what, c, pairs[i].need);
	}
}

/* ---- The file ---------------------------------------------------------------------- */

/* Names of the bundled layouts (the .xml files in DATADIR/layouts), sorted, for messages. */
static char *known_layouts(struct arena *a, const char *datadir)
{
	char *dir = arena_printf(a, "%s/layouts", datadir);
	DIR *dp = opendir(dir);
	const char *names[64];
	size_t n = 0;
	if (dp) {
		struct dirent *e;
		while ((e = readdir(dp)) != NULL && n < 64) {
			size_t len = strlen(e->d_name);
			if (len > 4 && e->d_name[0] != '.' && strcmp(e->d_name + len - 4, ".xml") == 0)
				names[n++] = arena_strndup(a, e->d_name, len - 4);
		}
		closedir(dp);
	}
	for (size_t i = 1; i < n; i++) /* Insertion sort: a handful of names. */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	if (n == 0)
		return arena_printf(a, "none (no layouts in %s)", dir);
	return name_list(a, names, n);
}

/* Read the root's children into the style. */
static void read_root(struct loader *L, const xmlNode *root, const char **logo_file)
{
	static const char *const allowed[] = {"format", NULL};
	static const char *const children[] = {"page",   "fonts",  "type",   "colors", "logo",
					       "statuses", "header", "footer", "parts", "numbers",
					       "press"};
	const size_t nchildren = sizeof children / sizeof children[0];
	int seen[sizeof children / sizeof children[0]] = {0};
	check_attributes(L, root, allowed);
	check_no_text(L, root);
	const char *format = get_attr(L, root, "format");
	if (!format)
		diag_error(L->d, L->file, line_of(root),
			   "<layout> needs a format; expected <layout format=\"1\">");
	else if (strcmp(format, "1") != 0)
		diag_error(L->d, L->file, line_of(root),
			   "unknown layout format '%s'; expected format=\"1\", the format this version reads",
			   format);
	for (const xmlNode *c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		long line = line_of(c);
		int k = find_name(children, nchildren, tag(c));
		if (k < 0 || c->ns) {
			diag_error(L->d, L->file, line, "unknown element <%s> in <layout>; expected %s",
				   tag(c), name_list(L->a, children, nchildren));
			continue;
		}
		if (seen[k]) {
			diag_error(L->d, L->file, line,
				   "<%s> appears twice (first on line %d); expected it at most once", tag(c),
				   seen[k]);
			continue;
		}
		seen[k] = (int)line;
		switch (k) {
		case 0:
			read_page(L, c);
			break;
		case 1:
			read_fonts(L, c);
			break;
		case 2:
			read_type(L, c);
			break;
		case 3:
			read_colours(L, c);
			break;
		case 4:
			*logo_file = read_logo(L, c);
			break;
		case 5:
			read_statuses(L, c);
			break;
		case 6:
			read_furniture(L, c, &L->st->header_left, &L->st->header_right);
			L->st->header_line = (int)line;
			break;
		case 7:
			read_furniture(L, c, &L->st->footer_left, &L->st->footer_right);
			L->st->footer_line = (int)line;
			break;
		case 8:
			read_parts(L, c);
			break;
		case 9:
			read_numbers(L, c);
			break;
		case 10:
			read_press(L, c);
			break;
		}
	}
}

/* The first problem libxml2 reports: later ones tend to be echoes of it. */
struct first_error {
	bool set;
	int line;
	char message[512];
};

/* libxml2 structured error callback; `data` is the parser context. */
static void keep_first_error(void *data, xmlError *e)
{
	xmlParserCtxt *ctxt = data;
	struct first_error *first = ctxt->_private;
	if (first->set || e->level < XML_ERR_ERROR)
		return;
	first->set = true;
	first->line = e->line;
	snprintf(first->message, sizeof first->message, "%s", e->message ? e->message : "not well-formed XML");
	first->message[strcspn(first->message, "\n")] = '\0';
}

/* Errors libxml2 raises outside the parser's own hook (a failed encoding
 * conversion), which it would otherwise print on stderr itself; `data` is
 * the first_error. */
static void keep_library_error(void *data, xmlError *e)
{
	struct first_error *first = data;
	if (first->set || e->level < XML_ERR_ERROR)
		return;
	first->set = true;
	first->line = e->line;
	snprintf(first->message, sizeof first->message, "%s", e->message ? e->message : "unreadable XML");
	first->message[strcspn(first->message, "\n")] = '\0';
}

/* The line of the DOCTYPE declaration: libxml2 keeps no line for it. */
static long doctype_line(const char *buf, size_t len)
{
	long line = 1;
	const char *want = "<!DOCTYPE";
	size_t matched = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n')
			line++;
		matched = c == want[matched] ? matched + 1 : (c == want[0] ? 1 : 0);
		if (want[matched] == '\0')
			break;
	}
	return line;
}

/* The layout file read whole into *len bytes (heap-owned), refusing one
 * over LAYOUT_MAX_BYTES. NULL after reporting. */
static char *read_layout(struct loader *L, size_t *len)
{
	struct file_read in;
	switch (read_whole_file(L->file, (size_t)LAYOUT_MAX_BYTES, &in)) {
	case READ_OK:
		*len = in.len;
		/* A carriage return alone ends a line (XML reads it as a line
		 * feed), but libxml2 counts line feeds only: make it one, so
		 * messages name the right line. */
		for (size_t i = 0; i < in.len; i++)
			if (in.data[i] == '\r' && (i + 1 == in.len || in.data[i + 1] != '\n'))
				in.data[i] = '\n';
		return in.data;
	case READ_CANNOT_OPEN:
	case READ_FAILED:
		diag_error(L->d, L->file, 0, "cannot read the layout file: %s; expected a readable layout file",
			   strerror(in.err));
		return NULL;
	case READ_FOLDER:
		diag_error(L->d, L->file, 0, "the layout file is a folder; expected a layout file (.xml)");
		return NULL;
	case READ_NOT_REGULAR:
		diag_error(L->d, L->file, 0, "the layout file is %s, not a regular file; expected a "
			   "layout file (.xml) saved on disk", in.kind);
		return NULL;
	case READ_TOO_LARGE:
		diag_error(L->d, L->file, 0, "the layout file is %lld bytes; expected at most %ld bytes (%ld MB)",
			   in.size, LAYOUT_MAX_BYTES, LAYOUT_MAX_BYTES / (1024 * 1024));
		return NULL;
	case READ_GOES_ON:
		diag_error(L->d, L->file, 0, "the layout file grew past %ld bytes while it was read; expected at most %ld bytes (%ld MB)",
			   LAYOUT_MAX_BYTES, LAYOUT_MAX_BYTES, LAYOUT_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	return NULL;
}

/* Parse the XML; NULL after reporting why. DTDs are refused, as in data files. */
static xmlDoc *parse_xml(struct loader *L)
{
	size_t len;
	char *buf = read_layout(L, &len);
	if (!buf)
		return NULL;
	struct tag_scan tag;
	if (xml_scan_tags(buf, len, LAYOUT_MAX_ATTRIBUTES, LAYOUT_MAX_BYTES, &tag)) {
		if (tag.problem == TAG_TOO_MANY_ATTRIBUTES)
			diag_error(L->d, L->file, tag.line, "<%s> has more than %d attributes; "
				   "expected at most %d on one element (no element of a layout takes "
				   "more than 9)", tag.element, LAYOUT_MAX_ATTRIBUTES,
				   LAYOUT_MAX_ATTRIBUTES);
		free(buf);
		return NULL;
	}
	struct first_error first = {0};
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_error(L->d, L->file, 0, "cannot start the XML parser (out of memory); expected "
			   "enough memory to read a layout file");
		free(buf);
		return NULL;
	}
	ctxt->_private = &first;
	ctxt->sax->serror = keep_first_error;
	/* libxml2 keeps this handler per thread; the caller's is put back below. */
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&first, keep_library_error);
	/* len is at most LAYOUT_MAX_BYTES, well within an int. */
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, L->file, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
						XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(saved_context, saved);
	if (!doc || !ctxt->wellFormed || first.set) {
		diag_error(L->d, L->file, first.line, "%s; expected a well-formed XML layout file",
			   first.set ? first.message : "not well-formed XML");
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		free(buf);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (doc->intSubset || doc->extSubset) {
		diag_error(L->d, L->file, doctype_line(buf, len),
			   "the layout file declares a DTD; expected plain XML with no DOCTYPE");
		xmlFreeDoc(doc);
		free(buf);
		return NULL;
	}
	free(buf);
	return doc;
}

/* Which file a layout name means; NULL after reporting an unknown name. */
static const char *layout_file(const char *name, const char *datadir, struct arena *a,
			       struct diag *d)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".xml") == 0))
		return name;
	char *path = arena_printf(a, "%s/layouts/%s.xml", datadir ? datadir : ".", name);
	if (readable(path))
		return path;
	diag_error(d, NULL, 0, "unknown layout '%s'; expected %s, or the path of a layout file",
		   name, known_layouts(a, datadir ? datadir : "."));
	return NULL;
}

/* Find, read and check a layout file into a style. */
bool style_load(const char *name_or_file, const char *datadir, struct arena *a, struct diag *d,
		struct style *out)
{
	style_defaults(out);
	const char *file = layout_file(name_or_file, datadir, a, d);
	if (!file)
		return false;

	struct loader L = {0};
	L.file = arena_strdup(a, file);
	L.datadir = datadir;
	L.d = d;
	L.a = a;
	L.st = out;
	L.errors_before = d->errors;
	const char *slash = strrchr(L.file, '/');
	L.layout_dir = slash ? arena_strndup(a, L.file, (size_t)(slash - L.file + (slash == L.file)))
			     : arena_strdup(a, ".");

	out->path = L.file;
	const char *base = slash ? slash + 1 : L.file;
	size_t blen = strlen(base);
	out->name = arena_strndup(a, base, blen > 4 && strcmp(base + blen - 4, ".xml") == 0 ? blen - 4 : blen);

	L.doc = parse_xml(&L);
	if (!L.doc)
		return false;
	const xmlNode *root = xmlDocGetRootElement(L.doc);
	const char *logo_file = NULL;
	long root_line = 1;
	if (!root || strcmp(tag(root), "layout") != 0 || root->ns) {
		diag_error(d, L.file, root ? line_of(root) : 1,
			   "the root element is <%s>; expected <layout format=\"1\">",
			   root ? tag(root) : "");
	} else {
		root_line = line_of(root);
		read_root(&L, root, &logo_file);
		resolve_fonts(&L, root_line);
		if (logo_file)
			find_logo(&L, logo_file);
	}
	xmlFreeDoc(L.doc);
	if (d->errors == L.errors_before && root)
		check_room(&L, root_line);
	if (out->paper_local)
		style_set_paper(out, "a4");
	if (d->errors > L.errors_before)
		return false;
	check_contrast(&L, root_line);
	return true;
}
