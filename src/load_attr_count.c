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

bool xml_too_many_attributes(const char *d, size_t len, unsigned max, int *line_out, char *name,
			     size_t namelen)
{
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
			 * attribute's value. */
			int tag_line = line;
			size_t n0 = i + 1, n1 = n0;
			while (n1 < len && !strchr(" \t\r\n/>", d[n1]))
				n1++;
			unsigned count = 0;
			char quote = 0;
			for (i = n1; i < len; i++) {
				char k = d[i];
				line += k == '\n';
				if (quote) {
					if (k == quote)
						quote = 0;
				} else if (k == '"' || k == '\'') {
					quote = k;
				} else if (k == '=') {
					count++;
				} else if (k == '>' || k == '<') {
					break;
				}
			}
			if (count > max) {
				size_t n = n1 - n0 < namelen - 1 ? n1 - n0 : namelen - 1;
				/* Never cut inside a UTF-8 sequence. */
				while (n > 0 && n < n1 - n0 && ((unsigned char)d[n0 + n] & 0xC0) == 0x80)
					n--;
				memcpy(name, d + n0, n);
				name[n] = '\0';
				*line_out = tag_line;
				return true;
			}
			if (i < len && d[i] == '>')
				i++;
		}
	}
	return false;
}
