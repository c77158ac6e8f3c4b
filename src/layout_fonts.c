#include "layout_fonts.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define BMP_SIZE 0x10000

/* Set up an empty cache over the given metrics. */
void fontcache_init(struct fontcache *fc, const struct metrics *m)
{
	memset(fc, 0, sizeof *fc);
	fc->m = m;
}

/* Free the cache's tables. */
void fontcache_free(struct fontcache *fc)
{
	free(fc->words);
	for (int f = 0; f < FACE_COUNT; f++)
		free(fc->glyphs[f]);
	free(fc->warned);
	memset(fc, 0, sizeof *fc);
}

/* FNV-1a over the bytes, seeded with the face. */
static uint64_t hash_bytes(int face, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(face + 1) * 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Double the word table and re-insert what it held. */
static void words_grow(struct fontcache *fc)
{
	size_t cap = fc->words_cap ? fc->words_cap * 2 : 1024;
	struct word_entry *t = xmalloc(cap * sizeof *t);
	for (size_t i = 0; i < cap; i++)
		t[i].face = -1;
	for (size_t i = 0; i < fc->words_cap; i++) {
		struct word_entry *e = &fc->words[i];
		if (e->face < 0)
			continue;
		size_t j = (size_t)e->hash & (cap - 1);
		while (t[j].face >= 0)
			j = (j + 1) & (cap - 1);
		t[j] = *e;
	}
	free(fc->words);
	fc->words = t;
	fc->words_cap = cap;
}

/* Width of a word, measured once per (face, bytes). */
double fc_width(struct fontcache *fc, enum face face, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if ((fc->words_n + 1) * 4 > fc->words_cap * 3)
		words_grow(fc);
	uint64_t h = hash_bytes((int)face, s, len);
	size_t mask = fc->words_cap - 1;
	size_t j = (size_t)h & mask;
	for (;;) {
		struct word_entry *e = &fc->words[j];
		if (e->face < 0)
			break;
		if (e->hash == h && e->face == (int)face && e->len == len && memcmp(e->s, s, len) == 0)
			return e->width;
		j = (j + 1) & mask;
	}
	fc->width_calls++;
	struct word_entry *e = &fc->words[j];
	e->s = s;
	e->len = len;
	e->hash = h;
	e->face = (int)face;
	e->width = fc->m->width(fc->m->ctx, face, s, len);
	fc->words_n++;
	return e->width;
}

/* Whether the face has the character; asks the metrics once per character. */
bool fc_has_glyph(struct fontcache *fc, enum face face, unsigned cp)
{
	if (cp >= BMP_SIZE)
		return false;
	if (!fc->glyphs[face])
		fc->glyphs[face] = xcalloc(BMP_SIZE, 1);
	unsigned char *g = &fc->glyphs[face][cp];
	if (*g == 0)
		*g = fc->m->has_glyph(fc->m->ctx, face, cp) ? 2 : 1;
	return *g == 2;
}

/* Hash of a warning's key. */
static size_t warn_hash(const char *file, long line, unsigned cp)
{
	uint64_t h = (uint64_t)(uintptr_t)file * 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)line * 0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)cp * 0x165667B19E3779F9ULL;
	return (size_t)(h ^ (h >> 29));
}

/* Insert a key into a table known to have room; false if it was there. */
static bool warn_insert(struct warn_entry *t, size_t cap, const char *file, long line, unsigned cp)
{
	size_t j = warn_hash(file, line, cp) & (cap - 1);
	while (t[j].used) {
		if (t[j].file == file && t[j].line == line && t[j].cp == cp)
			return false;
		j = (j + 1) & (cap - 1);
	}
	t[j].used = true;
	t[j].file = file;
	t[j].line = line;
	t[j].cp = cp;
	return true;
}

/* Remember a reported character so each is reported once per line. */
bool fc_first_warning(struct fontcache *fc, const char *file, long line, unsigned cp)
{
	if ((fc->warned_n + 1) * 2 > fc->warned_cap) {
		size_t cap = fc->warned_cap ? fc->warned_cap * 2 : 64;
		struct warn_entry *t = xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < fc->warned_cap; i++)
			if (fc->warned[i].used)
				warn_insert(t, cap, fc->warned[i].file, fc->warned[i].line, fc->warned[i].cp);
		free(fc->warned);
		fc->warned = t;
		fc->warned_cap = cap;
	}
	if (!warn_insert(fc->warned, fc->warned_cap, file, line, cp))
		return false;
	fc->warned_n++;
	return true;
}
