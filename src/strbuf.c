#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "outfile.h"

/* Room for `more` bytes (and a NUL that vsnprintf may write). */
static void need(struct strbuf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sb_addn(struct strbuf *b, const char *s, size_t n)
{
	need(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
}

void sb_add(struct strbuf *b, const char *s)
{
	if (s)
		sb_addn(b, s, strlen(s));
}

void sb_addc(struct strbuf *b, char c)
{
	need(b, 1);
	b->s[b->n++] = c;
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k <= 0)
		return;
	need(b, (size_t)k);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

void sb_esc(struct strbuf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *ref;
		switch (*s) {
		case '&':
			ref = "&amp;";
			break;
		case '<':
			ref = "&lt;";
			break;
		case '>':
			ref = "&gt;";
			break;
		case '"':
			ref = "&quot;";
			break;
		case '\'':
			ref = "&#39;";
			break;
		default:
			continue;
		}
		sb_addn(b, run, (size_t)(s - run));
		sb_add(b, ref);
		run = s + 1;
	}
	sb_addn(b, run, (size_t)(s - run));
}

void sb_text(struct strbuf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *ref = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
		if (!ref)
			continue;
		sb_addn(b, run, (size_t)(s - run));
		sb_add(b, ref);
		run = s + 1;
	}
	sb_addn(b, run, (size_t)(s - run));
}

void sb_num(struct strbuf *b, double v)
{
	long tenths = lround(v * 10);
	if (tenths < 0) {
		sb_addc(b, '-');
		tenths = -tenths;
	}
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld", tenths / 10);
	sb_addn(b, buf, (size_t)n);
	if (tenths % 10) {
		sb_addc(b, '.');
		sb_addc(b, (char)('0' + tenths % 10));
	}
}

void sb_int(struct strbuf *b, double v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld", lround(v));
	sb_addn(b, buf, (size_t)n);
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	*b = (struct strbuf){0};
}

bool sb_write(const struct strbuf *b, int fd)
{
	return write_all(fd, b->s ? b->s : "", b->n);
}

bool sb_spill(struct strbuf *b, int fd, size_t at_least)
{
	if (b->n < at_least || b->n == 0)
		return true;
	bool ok = sb_write(b, fd);
	b->n = 0;
	return ok;
}
