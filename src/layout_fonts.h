/* What the layout asks of fonts, cached: the width of a word in a face,
 * whether a face has a character, and which missing characters were
 * already reported. A 2,000-measure report measures the same words over and
 * over, so every width is computed once. */
#ifndef QREPORT_LAYOUT_FONTS_H
#define QREPORT_LAYOUT_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

struct word_entry {
	const char *s;   /* Key bytes; point into text that outlives the cache. */
	size_t len;
	uint64_t hash;
	int face;        /* -1: empty slot. */
	double width;    /* Thousandths of the size. */
};

struct warn_entry {
	const char *file;
	long line;
	unsigned cp;
	bool used;
};

struct fontcache {
	const struct metrics *m;
	struct word_entry *words;  /* Open addressing, power-of-two size. */
	size_t words_cap, words_n;
	unsigned char *glyphs[FACE_COUNT]; /* Per BMP code point: 0 unknown, 1 absent, 2 present. */
	struct warn_entry *warned;
	size_t warned_cap, warned_n;
	size_t width_calls;        /* Calls that reached the metrics (for tests). */
};

void fontcache_init(struct fontcache *fc, const struct metrics *m);
void fontcache_free(struct fontcache *fc);

/* Width of `len` bytes of UTF-8 in `face`, thousandths of the size. */
double fc_width(struct fontcache *fc, enum face face, const char *s, size_t len);
/* Whether `face` can draw the code point (always false above the BMP). */
bool fc_has_glyph(struct fontcache *fc, enum face face, unsigned cp);
/* True the first time a (file, line, character) is seen. */
bool fc_first_warning(struct fontcache *fc, const char *file, long line, unsigned cp);

#endif
