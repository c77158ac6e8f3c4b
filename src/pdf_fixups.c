/* Two repairs to what libharu 2.3.0 writes, made through the object API its
 * development headers install (hpdf_objects.h, hpdf_streams.h):
 *
 * - Its ToUnicode map for UTF-8 fonts is a CID map ("begincidrange"),
 *   which is not what a ToUnicode stream holds; poppler warns about it on
 *   every page and other readers may not copy text correctly. We replace
 *   it with a proper bfrange map.
 * - It writes the transparency mask of a PNG with an alpha channel
 *   uncompressed (360 KB for a 600-pixel logo). We ask for Flate. */
#include <stdio.h>

#include "pdf_internal.h"

/* With the UTF-8 encoder each two-byte code is the character's own UTF-16
 * value, so the map is the identity over the Basic Multilingual Plane,
 * less the surrogate halves, which are not characters on their own. */
static bool write_identity_tounicode(HPDF_Stream s)
{
	HPDF_STATUS rc = HPDF_OK;
	rc += HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
				      "12 dict begin\n"
				      "begincmap\n"
				      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				      "/CMapName /Adobe-Identity-UCS def\n"
				      "/CMapType 2 def\n"
				      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int highs[256], n = 0;
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			highs[n++] = hi;
	/* A CMap block holds at most 100 entries. */
	for (int i = 0; i < n; i += 100) {
		int m = n - i < 100 ? n - i : 100;
		char line[64];
		snprintf(line, sizeof line, "%d beginbfrange\n", m);
		rc += HPDF_Stream_WriteStr(s, line);
		for (int j = i; j < i + m; j++) {
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[j], highs[j],
				 highs[j]);
			rc += HPDF_Stream_WriteStr(s, line);
		}
		rc += HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	rc += HPDF_Stream_WriteStr(s, "endcmap\n"
				      "CMapName currentdict /CMap defineresource pop\n"
				      "end\n"
				      "end\n");
	return rc == HPDF_OK;
}

/* Replace a loaded font's ToUnicode map; false if the font has none. */
bool pdf_fix_tounicode(HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap || !cmap->stream)
		return false;
	HPDF_MemStream_FreeData(cmap->stream);
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return write_identity_tounicode(cmap->stream);
}

/* Compress an image's transparency mask, if it has one. */
void pdf_compress_smask(HPDF_Image image)
{
	HPDF_Dict smask = HPDF_Dict_GetItem(image, "SMask", HPDF_OCLASS_DICT);
	if (smask && smask->stream)
		smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}
