#include "ttf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "readfile.h"

/* Far above any real font (DejaVu Sans is under 1 MB); keeps a wrong file
 * named in a layout from being read whole into memory. */
#define TTF_MAX_BYTES (64L * 1024 * 1024)

/* A font file in memory, with the tables libharu needs located. */
struct sfnt {
	const unsigned char *data;
	size_t size;
	size_t head, hhea, maxp, hmtx, cmap, os2;
	size_t head_len, hhea_len, maxp_len, hmtx_len, cmap_len, os2_len;
};

/* Big-endian reads; callers have checked the bounds. */
static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* A signed 16-bit big-endian value. */
static int s16(const unsigned char *p)
{
	unsigned v = u16(p);
	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

/* An unsigned 32-bit big-endian value. */
static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Read a whole file into a heap buffer; false with the reason in `why`. */
static bool read_file(const char *path, unsigned char **out, size_t *size, char *why,
		      size_t whylen)
{
	struct file_read in;
	switch (read_whole_file(path, (size_t)TTF_MAX_BYTES, &in)) {
	case READ_OK:
		*out = (unsigned char *)in.data;
		*size = in.len;
		return true;
	case READ_CANNOT_OPEN:
	case READ_FAILED:
		snprintf(why, whylen, "cannot be read: %s", strerror(in.err));
		return false;
	case READ_FOLDER:
		snprintf(why, whylen, "is a folder, not a font file");
		return false;
	case READ_NOT_REGULAR:
		snprintf(why, whylen, "is %s, not a font file", in.kind);
		return false;
	case READ_TOO_LARGE:
	case READ_GOES_ON:
		snprintf(why, whylen, "is larger than %ld MB, too large for a font",
			 TTF_MAX_BYTES / (1024 * 1024));
		return false;
	}
	return false;
}

/* Where a table is: found, absent from the directory, or listed with
 * bounds past the end of the file (a file cut short, or damaged). */
enum table_at { TABLE_FOUND, TABLE_ABSENT, TABLE_OUTSIDE };

/* Locate a table by tag. */
static enum table_at find_table(struct sfnt *f, const char *tag, size_t *off, size_t *len)
{
	unsigned ntables = u16(f->data + 4);
	for (unsigned i = 0; i < ntables; i++) {
		const unsigned char *rec = f->data + 12 + 16 * (size_t)i;
		if (memcmp(rec, tag, 4) != 0)
			continue;
		uint32_t o = u32(rec + 8), l = u32(rec + 12);
		if (o > f->size || l > f->size - o)
			return TABLE_OUTSIDE;
		*off = o;
		*len = l;
		return TABLE_FOUND;
	}
	return TABLE_ABSENT;
}

/* The OS/2 table's length for its version (OpenType 1.9), 0 if the version
 * is unknown. */
static size_t os2_length(unsigned version)
{
	static const size_t by_version[] = {78, 86, 96, 96, 96, 100};
	return version < sizeof by_version / sizeof *by_version ? by_version[version] : 0;
}

/* Whether every glyph's place in `loca` lies in order inside `glyf`. */
static bool loca_fits(const struct sfnt *f, size_t loca, size_t loca_len, size_t glyf_len,
		      unsigned nglyphs, bool long_offsets)
{
	size_t entry = long_offsets ? 4 : 2;
	if (((size_t)nglyphs + 1) * entry > loca_len)
		return false;
	size_t prev = 0;
	for (unsigned i = 0; i <= nglyphs; i++) {
		const unsigned char *p = f->data + loca + entry * i;
		size_t at = long_offsets ? u32(p) : 2 * (size_t)u16(p);
		if (at < prev || at > glyf_len)
			return false;
		prev = at;
	}
	return true;
}

/* The cmap subtable libharu uses: Windows Unicode BMP (3,1), format 4.
 * Returns its offset in the file, or 0 if there is none. */
static size_t find_unicode_cmap(const struct sfnt *f)
{
	if (f->cmap_len < 4)
		return 0;
	const unsigned char *c = f->data + f->cmap;
	unsigned n = u16(c + 2);
	if (4 + 8 * (size_t)n > f->cmap_len)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *rec = c + 4 + 8 * (size_t)i;
		uint32_t off = u32(rec + 4);
		if (u16(rec) != 3 || u16(rec + 2) != 1 || off + 14 > f->cmap_len)
			continue;
		if (u16(c + off) == 4)
			return f->cmap + off;
	}
	return 0;
}

/* Check the container and find the tables; false with the reason in `why`. */
static bool sfnt_open(struct sfnt *f, char *why, size_t whylen)
{
	if (f->size < 4) {
		snprintf(why, whylen, "is not a font file (too short); expected a TrueType font (.ttf)");
		return false;
	}
	uint32_t tag = u32(f->data);
	if (memcmp(f->data, "OTTO", 4) == 0) {
		snprintf(why, whylen,
			 "is an OpenType font with PostScript (CFF) outlines, which cannot be embedded; "
			 "expected a TrueType font (.ttf with glyf outlines)");
		return false;
	}
	if (memcmp(f->data, "ttcf", 4) == 0) {
		snprintf(why, whylen,
			 "is a font collection (.ttc); expected a single TrueType font (.ttf)");
		return false;
	}
	if (memcmp(f->data, "wOFF", 4) == 0 || memcmp(f->data, "wOF2", 4) == 0) {
		snprintf(why, whylen, "is a web font (WOFF); expected a TrueType font (.ttf)");
		return false;
	}
	if (tag != 0x00010000 && memcmp(f->data, "true", 4) != 0) {
		snprintf(why, whylen, "is not a font file; expected a TrueType font (.ttf)");
		return false;
	}
	if (f->size < 12 || 12 + 16 * (size_t)u16(f->data + 4) > f->size) {
		snprintf(why, whylen, "is a damaged font file (its table directory is cut short)");
		return false;
	}
	static const char *const needed[] = {"head", "hhea", "maxp", "hmtx", "cmap",
					     "loca", "glyf", "name", "OS/2"};
	size_t off[9], len[9];
	for (size_t i = 0; i < 9; i++) {
		enum table_at at = find_table(f, needed[i], &off[i], &len[i]);
		if (at == TABLE_ABSENT) {
			snprintf(why, whylen,
				 "lacks the '%s' table a TrueType font needs; expected a TrueType font (.ttf)",
				 needed[i]);
			return false;
		}
		if (at == TABLE_OUTSIDE) {
			snprintf(why, whylen,
				 "is a damaged font file (its '%s' table lies past the end of the file, "
				 "as in a file cut short); expected a whole TrueType font (.ttf)",
				 needed[i]);
			return false;
		}
	}
	f->head = off[0], f->head_len = len[0];
	f->hhea = off[1], f->hhea_len = len[1];
	f->maxp = off[2], f->maxp_len = len[2];
	f->hmtx = off[3], f->hmtx_len = len[3];
	f->cmap = off[4], f->cmap_len = len[4];
	f->os2 = off[8], f->os2_len = len[8];
	if (f->head_len < 54 || f->hhea_len < 36 || f->maxp_len < 6 || f->os2_len < 10) {
		snprintf(why, whylen, "is a damaged font file (a table is cut short)");
		return false;
	}
	if (u32(f->data + f->head + 12) != 0x5F0F3CF5) {
		snprintf(why, whylen, "is a damaged font file (its 'head' table lacks the TrueType "
			 "magic number); expected a whole TrueType font (.ttf)");
		return false;
	}
	if (u16(f->data + f->head + 18) == 0) {
		snprintf(why, whylen, "is a damaged font file (unitsPerEm is 0)");
		return false;
	}
	/* The licence flags below mean something only in a table that reads
	 * as one: a known version, its full length, no reserved bit set. */
	unsigned os2_version = u16(f->data + f->os2);
	unsigned fs_type = u16(f->data + f->os2 + 8);
	if (!os2_length(os2_version) || f->os2_len < os2_length(os2_version) ||
	    (fs_type & 0xFCF1) != 0) {
		snprintf(why, whylen, "is a damaged font file (its 'OS/2' table does not read as "
			 "one of version %u); expected a whole TrueType font (.ttf)", os2_version);
		return false;
	}
	/* libharu refuses these fsType bits: restricted licence, no subsetting,
	 * bitmap embedding only. */
	if (u16(f->data + f->os2 + 8) & (0x0002 | 0x0100 | 0x0200)) {
		snprintf(why, whylen,
			 "may not be embedded in documents (its licence flags forbid it); "
			 "expected a font whose licence allows embedding");
		return false;
	}
	unsigned nglyphs = u16(f->data + f->maxp + 4);
	unsigned nmetrics = u16(f->data + f->hhea + 34);
	if (nglyphs == 0 || nmetrics == 0 || nmetrics > nglyphs || 4 * (size_t)nmetrics > f->hmtx_len) {
		snprintf(why, whylen, "is a damaged font file (its glyph metrics do not add up)");
		return false;
	}
	int loc_format = s16(f->data + f->head + 50);
	if ((loc_format != 0 && loc_format != 1) ||
	    !loca_fits(f, off[5], len[5], len[6], nglyphs, loc_format == 1)) {
		snprintf(why, whylen, "is a damaged font file (its glyph locations do not fit its "
			 "glyphs); expected a whole TrueType font (.ttf)");
		return false;
	}
	if (!find_unicode_cmap(f)) {
		snprintf(why, whylen,
			 "has no Unicode character map (Windows platform, format 4); "
			 "expected a TrueType font with a Unicode cmap");
		return false;
	}
	return true;
}

/* Whether a file is a TrueType font libharu can embed. */
bool ttf_check(const char *path, char *why, size_t whylen)
{
	unsigned char *buf;
	struct sfnt f = {0};
	if (!read_file(path, &buf, &f.size, why, whylen))
		return false;
	f.data = buf;
	bool ok = sfnt_open(&f, why, whylen);
	free(buf);
	return ok;
}

/* A format 4 subtable located in the file. */
struct cmap4 {
	const unsigned char *ends, *starts, *deltas, *ranges, *glyphs;
	size_t nglyph_ids;
	unsigned segs;
};

/* Map one code point the way libharu 2.3.0 does (HPDF_TTFontDef_GetGlyphid),
 * quirks included, so that what we call missing is exactly what it draws as
 * .notdef. Code points come in increasing order, and *seg remembers the
 * segment reached, as segment ends are sorted. */
static unsigned cmap4_glyph(const struct cmap4 *c, unsigned *seg, unsigned cp)
{
	unsigned i = *seg;
	while (i + 1 < c->segs && cp > u16(c->ends + 2 * i))
		i++;
	*seg = i;
	if (cp > u16(c->ends + 2 * i) || u16(c->starts + 2 * i) > cp)
		return 0;
	unsigned delta = u16(c->deltas + 2 * i);
	unsigned range = u16(c->ranges + 2 * i);
	if (range == 0)
		return (cp + delta) & 0xFFFF;
	size_t idx = range / 2 + (cp - u16(c->starts + 2 * i)) - (c->segs - i);
	if (idx >= c->nglyph_ids)
		return 0;
	return (u16(c->glyphs + 2 * idx) + delta) & 0xFFFF;
}

/* Widths and coverage of every BMP code point, as libharu will draw them. */
bool ttf_load(const char *path, struct ttf_metrics *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	unsigned char *buf;
	struct sfnt f = {0};
	if (!read_file(path, &buf, &f.size, why, whylen))
		return false;
	f.data = buf;
	if (!sfnt_open(&f, why, whylen)) {
		free(buf);
		return false;
	}
	unsigned upem = u16(f.data + f.head + 18);
	unsigned nglyphs = u16(f.data + f.maxp + 4);
	unsigned nmetrics = u16(f.data + f.hhea + 34);
	out->units_per_em = (int)upem;
	out->num_glyphs = nglyphs;
	/* libharu truncates toward zero on signed values: same here. */
	out->ascent = s16(f.data + f.hhea + 4) * 1000 / (int)upem;
	out->descent = s16(f.data + f.hhea + 6) * 1000 / (int)upem;

	size_t t = find_unicode_cmap(&f);
	size_t tlen = u16(f.data + t + 2);
	if (tlen > f.size - t)
		tlen = f.size - t;
	struct cmap4 c;
	c.segs = u16(f.data + t + 6) / 2;
	if (c.segs == 0 || 16 + 8 * (size_t)c.segs > tlen) {
		snprintf(why, whylen, "is a damaged font file (its character map is cut short)");
		free(buf);
		return false;
	}
	c.ends = f.data + t + 14;
	c.starts = c.ends + 2 * (size_t)c.segs + 2;
	c.deltas = c.starts + 2 * (size_t)c.segs;
	c.ranges = c.deltas + 2 * (size_t)c.segs;
	c.glyphs = c.ranges + 2 * (size_t)c.segs;
	c.nglyph_ids = (size_t)(f.data + t + tlen - c.glyphs) / 2;

	const unsigned char *hmtx = f.data + f.hmtx;
	unsigned notdef = (unsigned)u16(hmtx) * 1000 / upem;
	out->width = xmalloc(TTF_CODEPOINTS * sizeof *out->width);
	out->covered = xcalloc(TTF_CODEPOINTS / 8, 1);
	unsigned seg = 0;
	for (unsigned cp = 0; cp < TTF_CODEPOINTS; cp++) {
		/* libharu's UTF-8 encoder declares 0..31 as .notdef. */
		unsigned gid = cp < 0x20 ? 0 : cmap4_glyph(&c, &seg, cp);
		if (gid == 0 || gid >= nglyphs) {
			out->width[cp] = (unsigned short)notdef;
			continue;
		}
		unsigned m = gid < nmetrics ? gid : nmetrics - 1;
		out->width[cp] = (unsigned short)((unsigned)u16(hmtx + 4 * (size_t)m) * 1000 / upem);
		out->covered[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
	free(buf);
	return true;
}

/* Release the tables ttf_load made. */
void ttf_free(struct ttf_metrics *m)
{
	free(m->width);
	free(m->covered);
	m->width = NULL;
	m->covered = NULL;
}

/* A name record's text kept to characters a CSS family name may hold
 * unquoted or in quotes alike: UTF-16BE (Windows) or one byte a character
 * (Macintosh Roman). */
static void name_text(const unsigned char *p, size_t len, bool utf16, char *out, size_t n)
{
	size_t k = 0;
	size_t step = utf16 ? 2 : 1;
	for (size_t i = 0; i + step <= len && k + 1 < n; i += step) {
		unsigned c = utf16 ? u16(p + i) : p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == ' ' || c == '-')
			out[k++] = (char)c;
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
}

/* The family from the name table: ID 16 over ID 1, Windows English over
 * any Windows, over Macintosh. */
static void family_name(const struct sfnt *f, size_t name, size_t name_len, char *out, size_t n)
{
	out[0] = '\0';
	if (name_len < 6)
		return;
	const unsigned char *t = f->data + name;
	unsigned count = u16(t + 2), strings = u16(t + 4);
	int best = -1;
	for (unsigned i = 0; i < count && 6 + 12 * ((size_t)i + 1) <= name_len; i++) {
		const unsigned char *rec = t + 6 + 12 * (size_t)i;
		unsigned platform = u16(rec), encoding = u16(rec + 2), lang = u16(rec + 4);
		unsigned id = u16(rec + 6), len = u16(rec + 8), off = u16(rec + 10);
		if ((id != 1 && id != 16) || (size_t)strings + off + len > name_len)
			continue;
		bool windows = platform == 3 && (encoding == 1 || encoding == 0);
		bool mac = platform == 1 && encoding == 0;
		if (!windows && !mac)
			continue;
		int score = (id == 16) * 4 + windows * 2 + (windows && lang == 0x409);
		if (score <= best)
			continue;
		char text[64];
		name_text(t + strings + off, len, windows, text, sizeof text);
		if (!text[0])
			continue;
		best = score;
		snprintf(out, n, "%s", text);
	}
}

/* See ttf.h. */
bool ttf_face_read(const char *path, struct ttf_face *out)
{
	memset(out, 0, sizeof *out);
	out->weight = 400;
	unsigned char *buf;
	struct sfnt f = {0};
	char why[256];
	if (!read_file(path, &buf, &f.size, why, sizeof why))
		return false;
	f.data = buf;
	size_t name = 0, name_len = 0;
	bool ok = sfnt_open(&f, why, sizeof why) &&
		  find_table(&f, "name", &name, &name_len) == TABLE_FOUND;
	if (ok) {
		family_name(&f, name, name_len, out->family, sizeof out->family);
		unsigned w = u16(f.data + f.os2 + 4);
		if (w >= 100 && w <= 900)
			out->weight = (int)(w / 100 * 100);
		/* PANOSE: Latin text (2) with a serif style from cove (2) to
		 * rounded (10); 11 and up are the sans serif styles. */
		if (f.os2_len >= 44) {
			const unsigned char *panose = f.data + f.os2 + 32;
			out->serif = panose[0] == 2 && panose[1] >= 2 && panose[1] <= 10;
		}
	}
	free(buf);
	return ok;
}
