#include "load_attr_count.h"

#include <string.h>

/* Skip past `end` from i, counting newlines; len when it never comes. */
static size_t skip_to(const char *d, size_t len, size_t i, const char *end, int *line)
{
	size_t n = strlen(end);
	for (; i < len; i++) {
		if (i + n <= len && memcmp(d + i, end, n) == 0)
			return i + n;
		*line += d[i] == '\n';
	}
	return len;
}

static bool starts(const char *d, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);
	return i + n <= len && memcmp(d + i, s, n) == 0;
}

/* Copy d[from, to) into out, cut to fit and never inside a UTF-8 sequence. */
static void copy_name(char *out, size_t size, const char *d, size_t from, size_t to)
{
	size_t n = to - from < size - 1 ? to - from : size - 1;
	while (n > 0 && n < to - from && ((unsigned char)d[from + n] & 0xC0) == 0x80)
		n--;
	memcpy(out, d + from, n);
	out[n] = '\0';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool xml_scan_tags(const char *d, size_t len, unsigned max_attributes, size_t max_value,
		   struct tag_scan *out)
{
	memset(out, 0, sizeof *out);
	int line = 1;
	size_t i = 0;
	while (i < len) {
		char c = d[i];
		if (c == '\n')
			line++;
		if (c != '<') {
			i++;
			continue;
		}
		if (starts(d, len, i, "<!--")) {
			i = skip_to(d, len, i + 4, "-->", &line);
		} else if (starts(d, len, i, "<![CDATA[")) {
			i = skip_to(d, len, i + 9, "]]>", &line);
		} else if (starts(d, len, i, "<?")) {
			i = skip_to(d, len, i + 2, "?>", &line);
		} else if (starts(d, len, i, "<!") || starts(d, len, i, "</")) {
			i = skip_to(d, len, i + 2, ">", &line);
		} else {
			/* A start tag: every '=' outside a quoted value starts one
			 * attribute's value, named by the word before it. */
			int tag_line = line;
			size_t n0 = i + 1, n1 = n0;
			while (n1 < len && !strchr(" \t\r\n/>", d[n1]))
				n1++;
			unsigned count = 0;
			char quote = 0;
			size_t name0 = n1, name1 = n1, value0 = 0;
			for (i = n1; i < len; i++) {
				char k = d[i];
				line += k == '\n';
				if (quote) {
					if (k != quote)
						continue;
					quote = 0;
					if (i - value0 > max_value) {
						out->problem = TAG_LONG_VALUE;
						out->value_bytes = i - value0;
						copy_name(out->attribute, sizeof out->attribute, d, name0,
							  name1);
						break;
					}
				} else if (k == '"' || k == '\'') {
					quote = k;
					value0 = i + 1;
				} else if (k == '=') {
					/* Its name: the word just before. The words scanned
					 * back over for one '=' are never scanned again. */
					count++;
					size_t e = i;
					while (e > n1 && is_space(d[e - 1]))
						e--;
					size_t b = e;
					while (b > n1 && !is_space(d[b - 1]) && !strchr("=\"'", d[b - 1]))
						b--;
					name0 = b;
					name1 = e;
				} else if (k == '>' || k == '<') {
					break;
				}
			}
			if (!out->problem && count > max_attributes)
				out->problem = TAG_TOO_MANY_ATTRIBUTES;
			if (out->problem) {
				copy_name(out->element, sizeof out->element, d, n0, n1);
				out->line = tag_line;
				return true;
			}
			if (i < len && d[i] == '>')
				i++;
		}
	}
	return false;
}
