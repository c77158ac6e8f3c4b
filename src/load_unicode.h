/* What libharu cannot do with text, found before it draws: it places one
 * glyph after another, left to right, with no shaping. Text is made NFC
 * (a letter and its accent become one precomposed letter where Unicode has
 * one), and the right-to-left letters and combining marks that remain are
 * named so that a warning can say where. */
#ifndef QREPORT_LOAD_UNICODE_H
#define QREPORT_LOAD_UNICODE_H

#include <stddef.h>

/* The NFC form of UTF-8 text `s` (len bytes), heap-owned and NUL-ended,
 * or NULL when `s` is NFC already (or not valid UTF-8). */
char *text_nfc(const char *s, size_t len);

/* The first right-to-left letter (Hebrew, Arabic and the like) and the
 * first combining mark in `s`, as code points; 0 for none. */
void text_unshaped(const char *s, long *rtl, long *mark);

/* A name for the right-to-left script of code point cp: "Hebrew",
 * "Arabic" or "right-to-left". */
const char *text_rtl_script(long cp);

#endif
