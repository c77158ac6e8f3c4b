/* Text built piece by piece in one growing heap buffer: outputs written
 * whole (the web page, its charts, the CSV) are made here, then written
 * through their descriptor at once. Appending is amortised constant time. */
#ifndef QREPORT_STRBUF_H
#define QREPORT_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *s;    /* Not NUL-terminated; heap-owned. */
	size_t n, cap;
};

void sb_addn(struct strbuf *b, const char *s, size_t n);
void sb_add(struct strbuf *b, const char *s);
void sb_addc(struct strbuf *b, char c);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text with & < > " ' as character references: safe in HTML and XML text
 * and in an attribute value in either kind of quotes. NULL adds nothing. */
void sb_esc(struct strbuf *b, const char *s);
/* Text for an element's content: & < > as character references (quotes
 * need none there). */
void sb_text(struct strbuf *b, const char *s);
/* A coordinate: at most one decimal place, no trailing zeros ("12", "3.5"). */
void sb_num(struct strbuf *b, double v);
/* A whole number, rounded: for positions where a tenth is not seen. */
void sb_int(struct strbuf *b, double v);
void sb_free(struct strbuf *b);

/* Write the buffer to `fd`; false with errno set. */
bool sb_write(const struct strbuf *b, int fd);
/* Once the buffer holds `at_least` bytes, write them to `fd` and empty it,
 * so a long output is written as it is made; false with errno set when the
 * write failed (the buffer is emptied all the same). */
bool sb_spill(struct strbuf *b, int fd, size_t at_least);

#endif
