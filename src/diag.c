/* Messages for people, one line each. Text quoted from files and command
 * lines reaches a terminal here, so characters that could steer it (colour,
 * cursor, title, right-to-left overrides) are shown as U+XXXX instead. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "arena.h"

/* Starts a message stream with no errors or warnings counted. */
void diag_init(struct diag *d, FILE *out)
{
	d->out = out;
	d->errors = 0;
	d->warnings = 0;
	d->max_errors = 0;
	d->quiet = 0;
}

/* The word a message's level is printed as. */
static const char *level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	return "error";
}

/* The code point of a control or bidirectional formatting character at s,
 * with its length in *len; -1 for anything a terminal shows as it is. A tab
 * stays a tab. Bytes that are not UTF-8 pass as they are: a file name may
 * be in another encoding, and data files are refused unless they are UTF-8. */
static long steering_char(const unsigned char *s, size_t *len)
{
	*len = 1;
	if ((s[0] < 0x20 && s[0] != '\t') || s[0] == 0x7F)
		return s[0];
	/* C1 controls, U+0080 to U+009F: C2 80 to C2 9F. */
	if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*len = 2;
		return s[1];
	}
	/* Embeddings and overrides U+202A to U+202E: E2 80 AA to E2 80 AE;
	 * isolates U+2066 to U+2069: E2 81 A6 to E2 81 A9. */
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) {
		*len = 3;
		return 0x2000 + (s[2] - 0x80);
	}
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9) {
		*len = 3;
		return 0x2040 + (s[2] - 0x80);
	}
	return -1;
}

/* Writes s with every steering character shown as U+XXXX. */
static void put_shown(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *run = p;
		size_t len = 0;
		long cp = -1;
		/* steering_char never reads past the final NUL: each test stops at it. */
		while (*p && (cp = steering_char(p, &len)) < 0)
			p++;
		fwrite(run, 1, (size_t)(p - run), out);
		if (!*p)
			break;
		fprintf(out, "U+%04lX", (unsigned long)cp);
		p += len;
	}
}

/* Prints one message and counts it; see diag.h. */
void diag_msg(struct diag *d, enum diag_level level, const char *file, long line,
	      const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (level != DIAG_ERROR && d->quiet)
		return;
	if (level == DIAG_ERROR && d->max_errors && d->errors > d->max_errors) {
		if (d->errors == d->max_errors + 1) {
			put_shown(d->out, file ? file : "qreport");
			fputs(": note: too many errors; the rest are not shown\n", d->out);
		}
		return;
	}
	if (file) {
		put_shown(d->out, file);
		if (line > 0)
			fprintf(d->out, ":%ld", line);
		fprintf(d->out, ": %s: ", level_name(level));
	} else {
		fprintf(d->out, "qreport: %s: ", level_name(level));
	}
	/* Formatted first, so that what the arguments bring in can be shown safely. */
	char small[1024];
	char *text = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		n = 0;
		small[0] = '\0';
	}
	if ((size_t)n >= sizeof small) {
		text = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(text, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	put_shown(d->out, text);
	if (text != small)
		free(text);
	fputc('\n', d->out);
}
