/* Checks made on the raw bytes before libxml2 sees them: the size, the
 * encoding, valid UTF-8, and no DOCTYPE. Refusing a DOCTYPE here, before any
 * parsing, means no entity is ever expanded and no external file or network
 * resource is ever opened, whatever the DTD says. */
#include "load_limits.h"
#include "load_internal.h"
#include "load_attr_count.h"
#include "load_limits.h"

#include <string.h>
#include <strings.h>

/* Line of a byte offset (1-based). */
static int line_at(const struct loader *ld, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off && i < ld->len; i++)
		line += ld->data[i] == '\n';
	return line;
}

/* Length of the UTF-8 sequence at s[0, n), or 0 if it is not valid UTF-8
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Reports each line holding bytes that are not UTF-8, or a NUL byte (which
 * would also let libxml2 guess UTF-16 or UCS-4). */
static bool check_utf8(struct loader *ld, size_t start)
{
	const unsigned char *s = (const unsigned char *)ld->data;
	int line = line_at(ld, start), last_bad = 0;
	for (size_t i = start; i < ld->len;) {
		if (s[i] == '\n')
			line++;
		size_t n = s[i] ? utf8_sequence(s + i, ld->len - i) : 0;
		if (n > 0) {
			i += n;
			continue;
		}
		if (line != last_bad) {
			if (s[i] == 0)
				load_error(ld, line, "a NUL byte; expected UTF-8 text (is the file UTF-16?)");
			else
				load_error(ld, line,
					   "invalid UTF-8 (byte 0x%02X); expected UTF-8 text: save the "
					   "file as UTF-8",
					   s[i]);
			last_bad = line;
		}
		i++;
	}
	return last_bad == 0;
}

/* Does data[off...] start with `s`? */
static bool starts(const struct loader *ld, size_t off, const char *s)
{
	size_t n = strlen(s);
	return off <= ld->len && ld->len - off >= n && memcmp(ld->data + off, s, n) == 0;
}

/* Offset just past the first `end` at or after off, or ld->len if none. */
static size_t skip_past(const struct loader *ld, size_t off, const char *end)
{
	size_t n = strlen(end);
	for (size_t i = off; i + n <= ld->len; i++)
		if (memcmp(ld->data + i, end, n) == 0)
			return i + n;
	return ld->len;
}

/* Checks the encoding named in the XML declaration, if any. Only the
 * encoding pseudo-attribute matters here; libxml2 checks the rest. */
static bool check_declaration(struct loader *ld, size_t start, size_t *after)
{
	*after = start;
	if (!starts(ld, start, "<?xml") || start + 5 >= ld->len || !load_is_space(ld->data[start + 5]))
		return true;
	size_t end = skip_past(ld, start, "?>");
	*after = end;
	for (size_t i = start + 5; i + 8 < end; i++) {
		if (!load_is_space(ld->data[i - 1]) || memcmp(ld->data + i, "encoding", 8) != 0)
			continue;
		size_t j = i + 8;
		while (j < end && load_is_space(ld->data[j]))
			j++;
		if (j >= end || ld->data[j] != '=')
			return true;
		j++;
		while (j < end && load_is_space(ld->data[j]))
			j++;
		if (j >= end || (ld->data[j] != '"' && ld->data[j] != '\''))
			return true;
		char quote = ld->data[j];
		size_t v = j + 1, w = v;
		while (w < end && ld->data[w] != quote)
			w++;
		if (w >= end)
			return true;
		if (w - v == 5 && strncasecmp(ld->data + v, "UTF-8", 5) == 0)
			return true;
		/* Quoting the name is safe: it is ASCII in any encoding worth naming,
		 * and a name that is not has its bytes shown as they are. */
		char name[64];
		size_t n = w - v < sizeof name - 1 ? w - v : sizeof name - 1;
		for (size_t k = 0; k < n; k++) {
			unsigned char c = (unsigned char)ld->data[v + k];
			name[k] = c >= 0x20 && c < 0x7F ? (char)c : '?';
		}
		name[n] = '\0';
		load_error(ld, line_at(ld, i),
			   "encoding=\"%s\" is not supported; expected UTF-8 (save the file as UTF-8 "
			   "and declare encoding=\"UTF-8\", or leave the encoding out)",
			   name);
		return false;
	}
	return true;
}

/* Refuses a DOCTYPE anywhere in the prolog (comments, processing
 * instructions and white space may come before it). */
static bool check_prolog(struct loader *ld, size_t off)
{
	for (;;) {
		while (off < ld->len && load_is_space(ld->data[off]))
			off++;
		if (starts(ld, off, "<!--")) {
			off = skip_past(ld, off + 4, "-->");
		} else if (starts(ld, off, "<?")) {
			off = skip_past(ld, off + 2, "?>");
		} else if (starts(ld, off, "<!DOCTYPE")) {
			load_error(ld, line_at(ld, off),
				   "a DOCTYPE declaration is not allowed; expected a data file without "
				   "a DTD or entity declarations, starting with <report>");
			return false;
		} else {
			return true;
		}
	}
}

/* The encoding a file is in when it is UTF-16 or UTF-32, told by its byte
 * order mark or, without one, by how "<" (every XML file starts with one,
 * or with its mark) is spelled in its first four bytes (XML 1.0, appendix
 * F); NULL for anything else. UTF-32's little-endian mark starts like
 * UTF-16's, so it is looked for first. */
static const char *other_encoding(const unsigned char *s, size_t n)
{
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
		return "UTF-32 (big-endian, with a byte order mark)";
	if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
		return "UTF-32 (little-endian, with a byte order mark)";
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return "UTF-16 (big-endian, with a byte order mark)";
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return "UTF-16 (little-endian, with a byte order mark)";
	if (n < 4)
		return NULL;
	if (s[0] == '<' && s[1] == 0 && s[2] == 0 && s[3] == 0)
		return "UTF-32 (little-endian, without a byte order mark)";
	if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == '<')
		return "UTF-32 (big-endian, without a byte order mark)";
	if (s[0] == '<' && s[1] == 0 && s[3] == 0)
		return "UTF-16 (little-endian, without a byte order mark)";
	if (s[0] == 0 && s[1] == '<' && s[2] == 0)
		return "UTF-16 (big-endian, without a byte order mark)";
	return NULL;
}

/* Checks the raw bytes; see load_internal.h. */
bool load_prescan(struct loader *ld)
{
	if (ld->len > (size_t)LOAD_MAX_FILE_BYTES) {
		load_error(ld, 0,
			   "the file is %zu bytes; expected at most %ld bytes (%ld MB) in one data file",
			   ld->len, (long)LOAD_MAX_FILE_BYTES, (long)LOAD_MAX_FILE_BYTES / (1024 * 1024));
		return false;
	}
	const unsigned char *s = (const unsigned char *)ld->data;
	size_t start = 0;
	if (ld->len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		start = 3;
	} else {
		const char *encoding = other_encoding(s, ld->len);
		if (encoding) {
			load_error(ld, 1, "the file is %s; expected UTF-8 (save the file as UTF-8)",
				   encoding);
			return false;
		}
	}
	size_t blank = start;
	while (blank < ld->len && load_is_space(ld->data[blank]))
		blank++;
	if (blank == ld->len) {
		load_error(ld, 0, "the file is empty; expected an XML document with a <report> element");
		return false;
	}
	size_t after;
	if (!check_declaration(ld, start, &after))
		return false;
	if (!check_utf8(ld, start))
		return false;
	if (!check_prolog(ld, after))
		return false;
	struct tag_scan tag;
	if (xml_scan_tags(ld->data, ld->len, LOAD_MAX_ATTRIBUTES, (size_t)LOAD_MAX_TEXT_BYTES, &tag)) {
		if (tag.problem == TAG_TOO_MANY_ATTRIBUTES)
			load_error(ld, tag.line, "<%s> has more than %d attributes; expected at most %d "
				   "on one element (no element of the format takes more than 7)",
				   tag.element, LOAD_MAX_ATTRIBUTES, LOAD_MAX_ATTRIBUTES);
		else
			load_error(ld, tag.line, "attribute %s on <%s> is %zu bytes long; expected at "
				   "most %ld bytes in one attribute", tag.attribute, tag.element,
				   tag.value_bytes, (long)LOAD_MAX_TEXT_BYTES);
		return false;
	}
	return true;
}
