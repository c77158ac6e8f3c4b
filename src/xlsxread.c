/* Reading .xlsx workbooks: the zip with libzip, the parts inside with
 * libxml2's streaming reader, into the sheets of cells an import reads.
 * Files saved by Excel, LibreOffice and openpyxl differ in small ways
 * (shared or inline strings, rich text runs, cell references left out,
 * number formats built in or spelt out), and all are read alike.
 *
 * A workbook is a file from elsewhere, so it is read as hostile: the zip's
 * entries are checked before any is inflated (count, names that climb out
 * of the archive, encryption, declared sizes), every part is inflated with
 * a ceiling whatever its header says, XML may not declare a DOCTYPE (so no
 * entity can be defined, let alone expanded) and never touches the
 * network, and the shared strings, cells and text sizes are bounded. The
 * limits are below and in docs/limits.md. */
#include "import_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>


#define XLSX_MAX_ENTRIES 10000                      /* Files in the zip. */
#define XLSX_MAX_PART_BYTES (64L * 1024 * 1024)     /* One part, inflated. */
#define XLSX_MAX_TOTAL_BYTES (256L * 1024 * 1024)   /* All parts read, inflated. */
#define XLSX_MAX_STRINGS 1000000L                   /* Shared strings. */
#define XLSX_MAX_SHEETS 1000
#define XLSX_MAX_FORMATS 100000                     /* Cell formats in styles.xml. */
#define XLSX_MAX_ROW 1048576                        /* Excel's own sheet size. */
#define XLSX_MAX_COL 16384

/* A sheet the workbook lists. */
struct sheet_entry {
	char *name;   /* In the book's arena. */
	char *part;   /* Its part's name in the zip; in the arena. */
};

struct xlsx_reader {
	struct import_book *b;
	struct diag *d;
	zip_t *zip;
	long long inflated;        /* Bytes inflated so far. */
	long cells;                /* Cells read so far. */
	const char **strings;      /* Shared strings; heap array, texts in the arena. */
	size_t nstrings, capstrings;
	struct numfmt *xfs;        /* Cell format index -> number format; heap. */
	size_t nxfs;
	bool failed;
};

/* ---- messages ---- */

/* An error about the whole file. */
static void file_error(struct xlsx_reader *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void file_error(struct xlsx_reader *x, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	diag_error(x->d, x->b->path, 0, "%s", buf);
	x->failed = true;
}

/* ---- the zip ---- */

/* Whether a name in the zip, or a relationship's target, could lead out of
 * the archive or be taken for another file: absolute, a drive, a climb to
 * the parent, a backslash or a control character. */
static bool tricky_name(const char *name)
{
	if (!*name || name[0] == '/' || strchr(name, '\\') ||
	    (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':'))
		return true;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return true;
	for (const char *s = name; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return true;
		s += n;
		if (*s == '/')
			s++;
	}
	return false;
}

/* Every entry is looked at before any is inflated. */
static bool check_entries(struct xlsx_reader *x)
{
	zip_int64_t n = zip_get_num_entries(x->zip, 0);
	if (n < 0 || n > XLSX_MAX_ENTRIES) {
		file_error(x, "the workbook holds %lld files; expected at most %d in an .xlsx",
			   (long long)n, XLSX_MAX_ENTRIES);
		return false;
	}
	unsigned long long declared = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat_index(x->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0) {
			file_error(x, "entry %lld of the workbook cannot be read: %s; expected an "
				   "undamaged .xlsx", (long long)i, zip_strerror(x->zip));
			return false;
		}
		const char *name = (st.valid & ZIP_STAT_NAME) ? st.name : "";
		if (tricky_name(name)) {
			file_error(x, "the workbook holds a file named \"%.200s\", which points outside "
				   "the workbook; expected the parts of an .xlsx only, such as "
				   "xl/worksheets/sheet1.xml", name);
			return false;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			file_error(x, "the workbook is encrypted (%.200s); expected a workbook saved "
				   "without a password", name);
			return false;
		}
		if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)XLSX_MAX_PART_BYTES) {
			file_error(x, "%.200s in the workbook says it inflates to %llu bytes; expected "
				   "at most %ld bytes (%ld MB) in one part", name,
				   (unsigned long long)st.size, XLSX_MAX_PART_BYTES,
				   XLSX_MAX_PART_BYTES / (1024 * 1024));
			return false;
		}
		declared += (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
	}
	if (declared > (unsigned long long)XLSX_MAX_TOTAL_BYTES) {
		file_error(x, "the workbook says it inflates to %llu bytes; expected at most %ld "
			   "bytes (%ld MB) in all", declared, XLSX_MAX_TOTAL_BYTES,
			   XLSX_MAX_TOTAL_BYTES / (1024 * 1024));
		return false;
	}
	return true;
}

/* A part inflated into memory (heap-owned, NUL-terminated), or NULL: after
 * an error, or quietly when `optional` and the part is not there. A part
 * that inflates past the limits is refused whatever its header said. */
static char *read_part(struct xlsx_reader *x, const char *name, bool optional, size_t *len)
{
	/* Part names are compared without regard to case (ECMA-376 part 2). */
	zip_int64_t i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE | ZIP_FL_ENC_RAW);
	if (i < 0) {
		if (!optional)
			file_error(x, "the workbook has no %.200s; expected an .xlsx as Excel, "
				   "LibreOffice or openpyxl save it", name);
		return NULL;
	}
	zip_file_t *zf = zip_fopen_index(x->zip, (zip_uint64_t)i, 0);
	if (!zf) {
		file_error(x, "%.200s in the workbook cannot be read: %s; expected an undamaged "
			   ".xlsx", name, zip_strerror(x->zip));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	bool ok = true;
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > (size_t)XLSX_MAX_PART_BYTES + 2)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		zip_int64_t got = zip_fread(zf, buf + n, cap - n - 1);
		if (got < 0) {
			file_error(x, "%.200s in the workbook is damaged: %s; expected an undamaged "
				   ".xlsx", name, zip_file_strerror(zf));
			ok = false;
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > (size_t)XLSX_MAX_PART_BYTES ||
		    x->inflated + (long long)n > XLSX_MAX_TOTAL_BYTES) {
			file_error(x, "%.200s in the workbook inflates past %ld bytes; expected at most "
				   "%ld bytes (%ld MB) in one part and %ld MB in all (a zip bomb?)",
				   name, n > (size_t)XLSX_MAX_PART_BYTES ? XLSX_MAX_PART_BYTES
				   : XLSX_MAX_TOTAL_BYTES - (long)x->inflated,
				   XLSX_MAX_PART_BYTES, XLSX_MAX_PART_BYTES / (1024 * 1024),
				   XLSX_MAX_TOTAL_BYTES / (1024 * 1024));
			ok = false;
			break;
		}
	}
	zip_fclose(zf);
	if (!ok) {
		free(buf);
		return NULL;
	}
	x->inflated += (long long)n;
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* ---- XML ---- */

/* The first error libxml2 raised while reading a part. */
struct xml_errors {
	char message[300];
	int line;
	bool any;
};

static void on_xml_error(void *user, xmlErrorPtr e)
{
	struct xml_errors *errs = user;
	if (e->level == XML_ERR_WARNING || errs->any)
		return;
	errs->any = true;
	errs->line = e->line;
	snprintf(errs->message, sizeof errs->message, "%s", e->message ? e->message : "");
	size_t n = strlen(errs->message);
	while (n > 0 && (errs->message[n - 1] == '\n' || errs->message[n - 1] == '.'))
		errs->message[--n] = '\0';
}

/* Whether a part's prolog (before its first element) has a DOCTYPE. */
static bool has_doctype(const char *s, size_t len)
{
	const char *end = s + len;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		const char *close = NULL;
		if (end - s >= 2 && memcmp(s, "<?", 2) == 0)
			close = "?>";
		else if (end - s >= 4 && memcmp(s, "<!--", 4) == 0)
			close = "-->";
		else
			return end - s >= 9 && memcmp(s, "<!DOCTYPE", 9) == 0;
		const char *at = strstr(s, close); /* Parts are NUL-terminated. */
		if (!at)
			return false;
		s = at + strlen(close);
	}
}

/* A streaming reader over a part: no network, no DTD loading, no entity
 * substitution, libxml2's own limits on depth and text (no HUGE). A part
 * with a DOCTYPE is refused before libxml2 sees it: no part of a workbook
 * has one, and only a DOCTYPE can define entities. NULL after reporting. */
static xmlTextReaderPtr open_xml(struct xlsx_reader *x, const char *data, size_t len,
				 const char *name, struct xml_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	if (has_doctype(data, len)) {
		file_error(x, "%.200s in the workbook declares a DOCTYPE; expected none (a workbook "
			   "never defines entities)", name);
		return NULL;
	}
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, name, NULL,
						XML_PARSE_NONET | XML_PARSE_NOERROR |
							XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (r)
		xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, errs);
	return r;
}

/* One step of the reader: 1 for a node, 0 at the end, -1 after reporting.
 * A DOCTYPE is refused as soon as it is met: no part of a workbook has
 * one, and only a DOCTYPE can define entities. */
static int step(struct xlsx_reader *x, xmlTextReaderPtr r, const char *part,
		struct xml_errors *errs)
{
	int ret = xmlTextReaderRead(r);
	if (ret == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		file_error(x, "%.200s in the workbook declares a DOCTYPE; expected none (a "
			   "workbook never defines entities)", part);
		return -1;
	}
	if (ret < 0 || errs->any) {
		file_error(x, "%.200s in the workbook is not well-formed XML (line %d: %s); expected "
			   "an .xlsx as Excel, LibreOffice or openpyxl save it", part, errs->line,
			   errs->any ? errs->message : "unreadable");
		return -1;
	}
	return ret;
}

/* Past the current element and everything in it, to what follows it;
 * 1, 0 at the end, or -1 after reporting. */
static int skip(struct xlsx_reader *x, xmlTextReaderPtr r, const char *part,
		struct xml_errors *errs)
{
	int ret = xmlTextReaderNext(r);
	if (ret < 0 || errs->any) {
		file_error(x, "%.200s in the workbook is not well-formed XML (line %d: %s); expected "
			   "an .xlsx as Excel, LibreOffice or openpyxl save it", part, errs->line,
			   errs->any ? errs->message : "unreadable");
		return -1;
	}
	return ret;
}

/* Whether the reader stands on an element start named `name` (any namespace). */
static bool at_start(xmlTextReaderPtr r, const char *name)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(r), name) == 0;
}

static bool at_end(xmlTextReaderPtr r, const char *name)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       strcmp((const char *)xmlTextReaderConstLocalName(r), name) == 0;
}

/* An attribute of the current element by local name, in any namespace when
 * `any_ns`, else in none; heap-owned (xmlFree) or NULL. */
static char *attr(xmlTextReaderPtr r, const char *name, bool any_ns)
{
	char *found = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		bool has_ns = xmlTextReaderConstNamespaceUri(r) != NULL;
		if (strcmp(local, name) == 0 && (any_ns || !has_ns) && !found)
			found = (char *)xmlTextReaderValue(r);
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return found;
}

/* A text being gathered from several nodes, bounded in characters. */
struct text {
	char *s;
	size_t len, cap;
	size_t chars;
	bool too_long;
};

static void text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		t->chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (t->chars > IMPORT_MAX_TEXT) {
		t->too_long = true;
		return;
	}
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void text_reset(struct text *t)
{
	t->len = t->chars = 0;
	t->too_long = false;
	if (t->s)
		t->s[0] = '\0';
}

/* Text and white space of the current node, gathered when `into` is set. */
static void gather(xmlTextReaderPtr r, struct text *into)
{
	int type = xmlTextReaderNodeType(r);
	if (into && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		     type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA)) {
		const xmlChar *v = xmlTextReaderConstValue(r);
		if (v)
			text_add(into, (const char *)v);
	}
}

/* ---- package relationships ---- */

/* The folder of a part ("xl/" for "xl/workbook.xml"); heap-owned. */
static char *folder_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part) + 1 : 0;
	char *s = xmalloc(n + 1);
	memcpy(s, part, n);
	s[n] = '\0';
	return s;
}

/* A relationship's target as a part name: relative to `folder` unless it
 * starts with "/", with "." and ".." resolved. NULL when it climbs out of
 * the archive. Heap-owned. */
static char *resolve(const char *folder, const char *target)
{
	size_t n = strlen(folder) + strlen(target) + 2;
	char *joined = xmalloc(n);
	if (target[0] == '/')
		snprintf(joined, n, "%s", target + 1);
	else
		snprintf(joined, n, "%s%s", folder, target);
	char *out = xmalloc(n);
	size_t len = 0;
	for (const char *s = joined; *s;) {
		size_t k = strcspn(s, "/");
		if (k == 2 && s[0] == '.' && s[1] == '.') {
			if (len == 0) {
				free(joined);
				free(out);
				return NULL;
			}
			len--; /* The slash that ended the last segment. */
			while (len > 0 && out[len - 1] != '/')
				len--;
		} else if (!(k == 1 && s[0] == '.') && k > 0) {
			memcpy(out + len, s, k);
			len += k;
			if (s[k] == '/')
				out[len++] = '/';
		}
		s += k;
		if (*s == '/')
			s++;
	}
	out[len] = '\0';
	free(joined);
	return out;
}

/* One relationship of a part. */
struct rel {
	char *id, *type, *target; /* Heap-owned; target resolved to a part name. */
};

/* The relationships in part `rels_part` of `source` (a part name, "" for
 * the package); heap array of n, or NULL with *n 0 when there is none. */
static struct rel *read_rels(struct xlsx_reader *x, const char *rels_part, const char *source,
			     size_t *n)
{
	*n = 0;
	size_t len;
	char *data = read_part(x, rels_part, true, &len);
	if (!data)
		return NULL;
	char *folder = folder_of(source);
	struct xml_errors errs;
	xmlTextReaderPtr r = open_xml(x, data, len, rels_part, &errs);
	struct rel *rels = NULL;
	size_t cap = 0;
	int ret;
	while (r && (ret = step(x, r, rels_part, &errs)) == 1) {
		if (!at_start(r, "Relationship"))
			continue;
		char *id = attr(r, "Id", false), *type = attr(r, "Type", false);
		char *target = attr(r, "Target", false), *mode = attr(r, "TargetMode", false);
		char *part = NULL;
		if (id && type && target && !(mode && strcmp(mode, "External") == 0) &&
		    !strchr(target, '\\') && !strstr(target, "://"))
			part = resolve(folder, target);
		if (id && type && target && !part && !(mode && strcmp(mode, "External") == 0)) {
			file_error(x, "%.200s points to \"%.200s\", outside the workbook; expected "
				   "targets inside the .xlsx", rels_part, target);
		} else if (part && *n < XLSX_MAX_ENTRIES) {
			if (*n == cap)
				rels = xrealloc(rels, (cap = cap ? cap * 2 : 16) * sizeof *rels);
			rels[(*n)++] = (struct rel){ xstrdup(id), xstrdup(type), part };
			part = NULL;
		}
		free(part);
		xmlFree(id);
		xmlFree(type);
		xmlFree(target);
		xmlFree(mode);
	}
	xmlFreeTextReader(r);
	free(folder);
	free(data);
	return rels;
}

static void free_rels(struct rel *rels, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rels[i].id);
		free(rels[i].type);
		free(rels[i].target);
	}
	free(rels);
}

/* Whether a relationship type ends in "/suffix" (transitional and strict
 * OOXML spell the front differently). */
static bool rel_is(const struct rel *rel, const char *suffix)
{
	size_t n = strlen(rel->type), k = strlen(suffix);
	return n > k && rel->type[n - k - 1] == '/' && strcmp(rel->type + n - k, suffix) == 0;
}

/* The rels part of a part: "xl/_rels/workbook.xml.rels"; heap-owned. */
static char *rels_name(const char *part)
{
	char *folder = folder_of(part);
	const char *base = part + strlen(folder);
	size_t n = strlen(folder) + strlen(base) + sizeof "_rels/.rels";
	char *s = xmalloc(n);
	snprintf(s, n, "%s_rels/%s.rels", folder, base);
	free(folder);
	return s;
}

/* ---- number formats ---- */

/* The codes of the built-in formats (ECMA-376 part 1, 18.8.30); the ones
 * left out are locale dates (27-36, 50-58), handled below. */
static const char *builtin_code(int id)
{
	switch (id) {
	case 0: return "General";
	case 1: return "0";
	case 2: return "0.00";
	case 3: return "#,##0";
	case 4: return "#,##0.00";
	case 5: return "$#,##0_);($#,##0)";
	case 6: return "$#,##0_);[Red]($#,##0)";
	case 7: return "$#,##0.00_);($#,##0.00)";
	case 8: return "$#,##0.00_);[Red]($#,##0.00)";
	case 9: return "0%";
	case 10: return "0.00%";
	case 11: return "0.00E+00";
	case 12: return "# ?/?";
	case 13: return "# ?\?/??";
	case 14: return "mm-dd-yy";
	case 15: return "d-mmm-yy";
	case 16: return "d-mmm";
	case 17: return "mmm-yy";
	case 18: return "h:mm AM/PM";
	case 19: return "h:mm:ss AM/PM";
	case 20: return "h:mm";
	case 21: return "h:mm:ss";
	case 22: return "m/d/yy h:mm";
	case 37: return "#,##0 ;(#,##0)";
	case 38: return "#,##0 ;[Red](#,##0)";
	case 39: return "#,##0.00;(#,##0.00)";
	case 40: return "#,##0.00;[Red](#,##0.00)";
	case 45: return "mm:ss";
	case 46: return "[h]:mm:ss";
	case 47: return "mmss.0";
	case 48: return "##0.0E+0";
	case 49: return "@";
	}
	if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return "yyyy-mm-dd";
	return "General";
}

/* What a format code shows a number as, judged on its first section (the
 * one for positive numbers), outside quoted text, escapes and brackets
 * other than elapsed-time ones. */
struct numfmt import_numfmt_classify(const char *code)
{
	struct numfmt f = { NUMFMT_NUMBER, false, false, false, false, code };
	bool date = false, time = false, month_or_minute = false;
	bool percent = false, text = false;
	size_t letters = 0;
	const char *p = code;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "general", 7) == 0 && (p[7] == '\0' || p[7] == ';')) {
		f.kind = NUMFMT_GENERAL;
		return f;
	}
	for (; *p && *p != ';'; p++) {
		char c = *p;
		if (c == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				break;
			p = q;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
			continue;
		}
		if (c == '[') {
			const char *q = strchr(p, ']');
			if (!q)
				break;
			char lower = (char)(p[1] | 0x20);
			if ((lower == 'h' || lower == 'm' || lower == 's') && q - p >= 2) {
				bool all = true;
				for (const char *s = p + 1; s < q; s++)
					all = all && (*s | 0x20) == lower;
				if (all) {
					time = f.elapsed = true;
					f.hours = f.hours || lower == 'h';
					f.seconds = f.seconds || lower == 's';
					month_or_minute = month_or_minute || lower == 'm';
				}
			}
			p = q;
			continue;
		}
		if (strncasecmp(p, "AM/PM", 5) == 0 || strncasecmp(p, "A/P", 3) == 0) {
			f.ampm = time = true;
			p += (p[1] == '/') ? 2 : 4;
			continue;
		}
		char l = (char)(c | 0x20);
		if (c == '%')
			percent = true;
		else if (c == '@')
			text = true;
		else if (l == 'y' || l == 'd' || l == 'e' || l == 'g') {
			/* e and g are era years, as in dates; an exponent's E is
			 * followed by + or -. */
			if (l == 'e' && (p[1] == '+' || p[1] == '-'))
				continue;
			date = true;
		} else if (l == 'h') {
			time = f.hours = true;
		} else if (l == 's') {
			time = f.seconds = true;
		} else if (l == 'm') {
			month_or_minute = true;
		}
		letters++;
	}
	(void)letters;
	if (text) {
		f.kind = NUMFMT_TEXT;
	} else if (date || (month_or_minute && !time)) {
		/* m without h or s beside it is a month. */
		f.kind = NUMFMT_DATE;
	} else if (time) {
		f.kind = NUMFMT_TIME;
	} else if (percent) {
		f.kind = NUMFMT_PERCENT;
	}
	return f;
}

/* A custom format from styles.xml. */
struct custom_format {
	long id;
	char *code; /* In the book's arena. */
};

/* styles.xml: each cell format's number format. Without the part every
 * cell is General. */
static void read_styles(struct xlsx_reader *x, const char *part)
{
	size_t len;
	char *data = part ? read_part(x, part, true, &len) : NULL;
	if (!data)
		return;
	struct xml_errors errs;
	xmlTextReaderPtr r = open_xml(x, data, len, part, &errs);
	struct custom_format *custom = NULL;
	size_t ncustom = 0, capcustom = 0, capxfs = 0;
	bool in_cell_xfs = false;
	int ret;
	while (r && (ret = step(x, r, part, &errs)) == 1) {
		if (at_start(r, "cellXfs") && !xmlTextReaderIsEmptyElement(r)) {
			in_cell_xfs = true;
		} else if (at_end(r, "cellXfs")) {
			in_cell_xfs = false;
		} else if (at_start(r, "numFmt")) {
			char *id = attr(r, "numFmtId", false), *code = attr(r, "formatCode", false);
			if (id && code && ncustom < XLSX_MAX_FORMATS) {
				if (ncustom == capcustom)
					custom = xrealloc(custom, (capcustom = capcustom ? capcustom * 2 : 16) *
							  sizeof *custom);
				custom[ncustom++] = (struct custom_format){
					strtol(id, NULL, 10), arena_strdup(&x->b->arena, code) };
			}
			xmlFree(id);
			xmlFree(code);
		} else if (in_cell_xfs && at_start(r, "xf")) {
			if (x->nxfs == XLSX_MAX_FORMATS) {
				file_error(x, "%.200s in the workbook has more than %d cell formats; "
					   "expected at most %d", part, XLSX_MAX_FORMATS, XLSX_MAX_FORMATS);
				break;
			}
			char *id = attr(r, "numFmtId", false);
			long fid = id ? strtol(id, NULL, 10) : 0;
			xmlFree(id);
			const char *code = NULL;
			for (size_t i = 0; i < ncustom; i++)
				if (custom[i].id == fid)
					code = custom[i].code;
			if (!code)
				code = builtin_code((int)fid);
			if (x->nxfs == capxfs)
				x->xfs = xrealloc(x->xfs, (capxfs = capxfs ? capxfs * 2 : 64) * sizeof *x->xfs);
			x->xfs[x->nxfs++] = import_numfmt_classify(code);
		}
	}
	xmlFreeTextReader(r);
	free(custom);
	free(data);
}

/* ---- shared strings ---- */

/* sharedStrings.xml: each <si>'s text, its runs joined and its phonetic
 * guides (rPh) left out. */
static void read_strings(struct xlsx_reader *x, const char *part)
{
	size_t len;
	char *data = part ? read_part(x, part, true, &len) : NULL;
	if (!data)
		return;
	struct xml_errors errs;
	xmlTextReaderPtr r = open_xml(x, data, len, part, &errs);
	struct text t = { 0 };
	bool in_si = false, in_t = false;
	int ret = r ? step(x, r, part, &errs) : 0;
	while (ret == 1) {
		bool add = false;
		if (in_si && at_start(r, "rPh")) {
			ret = skip(x, r, part, &errs);
			continue;
		}
		if (at_start(r, "si")) {
			in_si = true;
			text_reset(&t);
			add = xmlTextReaderIsEmptyElement(r);
		} else if (in_si && at_start(r, "t")) {
			in_t = !xmlTextReaderIsEmptyElement(r);
		} else if (at_end(r, "t")) {
			in_t = false;
		} else if (at_end(r, "si")) {
			add = true;
		} else {
			gather(r, in_si && in_t ? &t : NULL);
		}
		if (add) {
			in_si = in_t = false;
			if (t.too_long) {
				file_error(x, "shared string %zu in the workbook is over %d characters; "
					   "expected at most %d characters in a cell, as Excel allows",
					   x->nstrings + 1, IMPORT_MAX_TEXT, IMPORT_MAX_TEXT);
				break;
			}
			if (x->nstrings == (size_t)XLSX_MAX_STRINGS) {
				file_error(x, "the workbook has more than %ld shared strings; expected at "
					   "most %ld", XLSX_MAX_STRINGS, XLSX_MAX_STRINGS);
				break;
			}
			if (x->nstrings == x->capstrings) {
				x->capstrings = x->capstrings ? x->capstrings * 2 : 256;
				x->strings = xrealloc(x->strings, x->capstrings * sizeof *x->strings);
			}
			x->strings[x->nstrings++] = arena_strdup(&x->b->arena, t.s ? t.s : "");
		}
		ret = step(x, r, part, &errs);
	}
	free(t.s);
	xmlFreeTextReader(r);
	free(data);
}

/* ---- sheets ---- */

/* Reads "AB12" into a column (0-based) and row; false if it is no cell. */
static bool parse_ref(const char *ref, int *col, long *row)
{
	int c = 0;
	size_t i = 0;
	for (; (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'); i++) {
		if (i == 3)
			return false;
		c = c * 26 + ((ref[i] | 0x20) - 'a' + 1);
	}
	if (i == 0 || c > XLSX_MAX_COL || ref[i] < '1' || ref[i] > '9')
		return false;
	char *end;
	long r = strtol(ref + i, &end, 10);
	if (*end || r < 1 || r > XLSX_MAX_ROW)
		return false;
	*col = c - 1;
	*row = r;
	return true;
}

/* Cells and rows gathered while a sheet is read. */
struct sheet_build {
	struct import_cell *cells; /* The row being read; heap. */
	size_t ncells, capcells;
	struct import_row *rows;   /* Heap until the sheet ends. */
	size_t nrows, caprows;
};

static int cell_order(const void *a, const void *b)
{
	const struct import_cell *x = a, *y = b;
	return (x->col > y->col) - (x->col < y->col);
}

/* The row read so far becomes a row of the sheet (if it has cells). */
static void end_row(struct xlsx_reader *x, struct sheet_build *sb, long number)
{
	if (sb->ncells == 0)
		return;
	qsort(sb->cells, sb->ncells, sizeof *sb->cells, cell_order);
	if (sb->nrows == sb->caprows)
		sb->rows = xrealloc(sb->rows, (sb->caprows = sb->caprows ? sb->caprows * 2 : 64) *
						      sizeof *sb->rows);
	struct import_row *row = &sb->rows[sb->nrows++];
	row->number = number;
	row->ncells = sb->ncells;
	row->cells = arena_calloc(&x->b->arena, sb->ncells, sizeof *row->cells);
	memcpy(row->cells, sb->cells, sb->ncells * sizeof *row->cells);
	sb->ncells = 0;
}

/* One cell's value, from its type (t=), value text (<v>) or inline text. */
static void finish_cell(struct xlsx_reader *x, struct sheet_build *sb, const char *sheet,
			int col, long row, const char *type, int style, struct text *v, bool has_v,
			struct text *inline_text, bool has_inline)
{
	struct import_cell c = { col, CELL_EMPTY, NULL, 0, { NUMFMT_GENERAL, false, false, false,
							    false, "General" } };
	char where[64];
	char letters[8];
	import_column_name(col, letters, sizeof letters);
	snprintf(where, sizeof where, "%s%ld", letters, row);
	const char *vs = v->s ? v->s : "";
	/* An empty <v/> is an empty cell, except for a shared string's index. */
	if (has_v && !*vs && !(type && strcmp(type, "s") == 0))
		return;
	if (v->too_long || inline_text->too_long) {
		file_error(x, "cell %s of sheet %.100s is over %d characters; expected at most %d "
			   "characters in a cell, as Excel allows", where, sheet, IMPORT_MAX_TEXT,
			   IMPORT_MAX_TEXT);
		return;
	}
	if (type && strcmp(type, "inlineStr") == 0) {
		if (!has_inline)
			return;
		c.kind = CELL_TEXT;
		c.text = arena_strdup(&x->b->arena, inline_text->s ? inline_text->s : "");
	} else if (!has_v) {
		return;
	} else if (type && strcmp(type, "s") == 0) {
		char *end;
		long i = strtol(vs, &end, 10);
		if (*end || end == vs || i < 0 || (size_t)i >= x->nstrings) {
			file_error(x, "cell %s of sheet %.100s refers to shared string \"%.40s\" of %zu; "
				   "expected a workbook whose strings are all there", where, sheet, vs,
				   x->nstrings);
			return;
		}
		c.kind = CELL_TEXT;
		c.text = x->strings[i];
	} else if (type && strcmp(type, "str") == 0) {
		c.kind = CELL_TEXT;
		c.text = arena_strdup(&x->b->arena, vs);
	} else if (type && strcmp(type, "b") == 0) {
		c.kind = CELL_BOOLEAN;
		c.number = strcmp(vs, "1") == 0;
	} else if (type && strcmp(type, "e") == 0) {
		c.kind = CELL_ERROR;
		c.text = arena_strdup(&x->b->arena, vs);
	} else if (type && strcmp(type, "d") == 0) {
		c.kind = CELL_DATE;
		c.text = arena_strdup(&x->b->arena, vs);
	} else {
		char *end;
		double d = strtod(vs, &end);
		while (*end == ' ')
			end++;
		if (end == vs || *end || !isfinite(d)) {
			file_error(x, "cell %s of sheet %.100s holds \"%.40s\" as a number; expected a "
				   "number", where, sheet, vs);
			return;
		}
		c.kind = CELL_NUMBER;
		c.number = d;
		if (style >= 0 && (size_t)style < x->nxfs)
			c.fmt = x->xfs[style];
	}
	if (++x->cells > IMPORT_MAX_CELLS) {
		if (x->cells == IMPORT_MAX_CELLS + 1)
			file_error(x, "the workbook has more than %ld cells with content; expected at "
				   "most %ld", IMPORT_MAX_CELLS, IMPORT_MAX_CELLS);
		return;
	}
	if (sb->ncells == sb->capcells)
		sb->cells = xrealloc(sb->cells, (sb->capcells = sb->capcells ? sb->capcells * 2 : 32) *
							sizeof *sb->cells);
	sb->cells[sb->ncells++] = c;
}

/* One worksheet into a sheet of the book. */
static void read_sheet(struct xlsx_reader *x, const struct sheet_entry *e)
{
	size_t len;
	char *data = read_part(x, e->part, false, &len);
	if (!data)
		return;
	struct xml_errors errs;
	xmlTextReaderPtr r = open_xml(x, data, len, e->part, &errs);
	struct sheet_build sb = { 0 };
	struct text v = { 0 }, is = { 0 };
	long row = 0;
	int col = -1;
	char *type = NULL;
	int style = -1;
	bool in_cell = false, in_v = false, in_is_t = false, has_v = false, has_is = false;
	int ret = r ? step(x, r, e->part, &errs) : 0;
	while (ret == 1 && !x->failed) {
		if (in_cell && (at_start(r, "rPh") || at_start(r, "f"))) {
			/* Phonetic guides and formulas: the value is what counts. */
			ret = skip(x, r, e->part, &errs);
			continue;
		}
		if (at_start(r, "row")) {
			end_row(x, &sb, row);
			char *rs = attr(r, "r", false);
			long n = rs ? strtol(rs, NULL, 10) : row + 1;
			xmlFree(rs);
			if (n <= row || n > XLSX_MAX_ROW) {
				file_error(x, "sheet %.100s has row %ld after row %ld; expected rows in "
					   "order, 1 to %d", e->name, n, row, XLSX_MAX_ROW);
				break;
			}
			row = n;
			col = -1;
		} else if (at_start(r, "c")) {
			char *ref = attr(r, "r", false), *st = attr(r, "s", false);
			xmlFree(type);
			type = attr(r, "t", false);
			int c = 0;
			long rr = 0;
			bool bad = ref && !(parse_ref(ref, &c, &rr) && (!row || rr == row));
			if (bad)
				file_error(x, "sheet %.100s has a cell \"%.20s\" in row %ld; expected a "
					   "cell reference in that row, such as D%ld", e->name, ref, row,
					   row ? row : 1);
			if (!bad && !row) /* No <row r=...>: the cell says which row. */
				row = ref ? rr : 1;
			if (!bad)
				col = ref ? c : col + 1;
			if (!bad && col >= XLSX_MAX_COL) {
				file_error(x, "sheet %.100s row %ld has a cell past column XFD; expected "
					   "at most %d columns", e->name, row, XLSX_MAX_COL);
				bad = true;
			}
			style = st ? (int)strtol(st, NULL, 10) : 0;
			xmlFree(ref);
			xmlFree(st);
			if (bad)
				break;
			text_reset(&v);
			text_reset(&is);
			has_v = has_is = in_v = in_is_t = false;
			in_cell = !xmlTextReaderIsEmptyElement(r);
		} else if (in_cell && at_start(r, "v")) {
			in_v = !xmlTextReaderIsEmptyElement(r);
			has_v = true;
		} else if (at_end(r, "v")) {
			in_v = false;
		} else if (in_cell && at_start(r, "is")) {
			has_is = true;
		} else if (in_cell && has_is && at_start(r, "t")) {
			in_is_t = !xmlTextReaderIsEmptyElement(r);
		} else if (at_end(r, "t")) {
			in_is_t = false;
		} else if (at_end(r, "c")) {
			in_cell = in_v = in_is_t = false;
			finish_cell(x, &sb, e->name, col, row, type, style, &v, has_v, &is, has_is);
		} else if (at_end(r, "sheetData")) {
			break;
		} else {
			gather(r, in_v ? &v : in_is_t ? &is : NULL);
		}
		ret = step(x, r, e->part, &errs);
	}
	end_row(x, &sb, row);
	struct import_sheet *s = &x->b->sheets[x->b->nsheets++];
	s->name = e->name;
	s->nrows = sb.nrows;
	s->rows = sb.nrows ? arena_calloc(&x->b->arena, sb.nrows, sizeof *s->rows) : NULL;
	if (sb.nrows)
		memcpy(s->rows, sb.rows, sb.nrows * sizeof *s->rows);
	free(sb.rows);
	free(sb.cells);
	free(v.s);
	free(is.s);
	xmlFree(type);
	xmlFreeTextReader(r);
	free(data);
}

/* ---- the workbook ---- */

/* The sheets the workbook lists, in order, with their parts; hidden ones
 * are left out (an old copy kept out of sight is not what was sent). */
static struct sheet_entry *read_workbook(struct xlsx_reader *x, const char *part,
					 const struct rel *rels, size_t nrels, size_t *n)
{
	*n = 0;
	size_t len;
	char *data = read_part(x, part, false, &len);
	if (!data)
		return NULL;
	struct xml_errors errs;
	xmlTextReaderPtr r = open_xml(x, data, len, part, &errs);
	struct sheet_entry *sheets = NULL;
	size_t cap = 0;
	int ret;
	while (r && (ret = step(x, r, part, &errs)) == 1) {
		if (!at_start(r, "sheet"))
			continue;
		char *name = attr(r, "name", false), *state = attr(r, "state", false);
		char *rid = attr(r, "id", true);
		const struct rel *rel = NULL;
		for (size_t i = 0; rid && i < nrels; i++)
			if (strcmp(rels[i].id, rid) == 0)
				rel = &rels[i];
		bool hidden = state && strcmp(state, "visible") != 0;
		if (name && rel && rel_is(rel, "worksheet") && !hidden) {
			if (*n == XLSX_MAX_SHEETS) {
				file_error(x, "the workbook has more than %d sheets; expected at most %d",
					   XLSX_MAX_SHEETS, XLSX_MAX_SHEETS);
			} else {
				if (*n == cap)
					sheets = xrealloc(sheets, (cap = cap ? cap * 2 : 8) * sizeof *sheets);
				sheets[(*n)++] = (struct sheet_entry){
					arena_strdup(&x->b->arena, name),
					arena_strdup(&x->b->arena, rel->target) };
			}
		}
		xmlFree(name);
		xmlFree(state);
		xmlFree(rid);
		if (x->failed)
			break;
	}
	xmlFreeTextReader(r);
	free(data);
	return sheets;
}

/* What a file that is no zip most likely is, for the message. */
static void not_a_workbook(struct xlsx_reader *x, const char *data, size_t len)
{
	static const unsigned char ole[] = { 0xD0, 0xCF, 0x11, 0xE0 };
	if (len >= 4 && memcmp(data, ole, 4) == 0)
		file_error(x, "this is an Excel 97-2003 workbook (.xls) or another old Office file; "
			   "expected an .xlsx workbook: save it as \"Excel Workbook (.xlsx)\", or as "
			   "CSV UTF-8");
	else
		file_error(x, "this is not an .xlsx workbook (it is not a zip archive); expected a "
			   "workbook saved as .xlsx, or a CSV file named .csv");
}

bool xlsx_read(struct import_book *b, struct diag *d)
{
	struct xlsx_reader x = { .b = b, .d = d };
	struct {
		char *data;
		size_t len;
	} in;
	in.data = import_read_file(b, &in.len, d);
	if (!in.data)
		return false;
	xmlInitParser();
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(in.data, in.len, 0, &err);
	x.zip = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
	if (!x.zip) {
		if (zip_error_code_zip(&err) == ZIP_ER_NOZIP || in.len < 4)
			not_a_workbook(&x, in.data, in.len);
		else
			file_error(&x, "the workbook cannot be opened: %s; expected an undamaged .xlsx",
				   zip_error_strerror(&err));
		zip_source_free(src);
		zip_error_fini(&err);
		free(in.data);
		return false;
	}
	zip_error_fini(&err);

	struct rel *pkg = NULL, *wb = NULL;
	size_t npkg = 0, nwb = 0, nsheets = 0;
	struct sheet_entry *sheets = NULL;
	if (check_entries(&x)) {
		pkg = read_rels(&x, "_rels/.rels", "", &npkg);
		const char *wb_part = "xl/workbook.xml";
		for (size_t i = 0; i < npkg; i++)
			if (rel_is(&pkg[i], "officeDocument"))
				wb_part = pkg[i].target;
		char *wb_rels = rels_name(wb_part);
		if (!x.failed)
			wb = read_rels(&x, wb_rels, wb_part, &nwb);
		free(wb_rels);
		const char *styles = NULL, *strings = NULL;
		for (size_t i = 0; i < nwb; i++) {
			if (rel_is(&wb[i], "styles"))
				styles = wb[i].target;
			else if (rel_is(&wb[i], "sharedStrings"))
				strings = wb[i].target;
		}
		if (!x.failed)
			read_styles(&x, styles);
		if (!x.failed)
			read_strings(&x, strings);
		if (!x.failed)
			sheets = read_workbook(&x, wb_part, wb, nwb, &nsheets);
		if (!x.failed && nsheets == 0)
			file_error(&x, "the workbook has no visible worksheet; expected a sheet with a "
				   "header row naming the columns");
	}
	if (!x.failed && nsheets) {
		b->sheets = arena_calloc(&b->arena, nsheets, sizeof *b->sheets);
		for (size_t i = 0; i < nsheets && !x.failed; i++)
			read_sheet(&x, &sheets[i]);
	}
	free(sheets);
	free_rels(pkg, npkg);
	free_rels(wb, nwb);
	free(x.strings);
	free(x.xfs);
	zip_discard(x.zip);
	free(in.data);
	return !x.failed;
}
