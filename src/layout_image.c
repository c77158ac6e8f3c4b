#include "layout_image.h"

#include <stdio.h>
#include <string.h>

/* Big-endian 32-bit integer. */
static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Big-endian 16-bit integer. */
static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* JPEG: walk the markers to the first start-of-frame. */
static double jpeg_aspect(FILE *fp)
{
	unsigned char h[9];
	for (int guard = 0; guard < 1000; guard++) {
		int c = fgetc(fp);
		if (c != 0xFF)
			return 1;
		int marker;
		while ((marker = fgetc(fp)) == 0xFF)
			;
		if (marker == EOF || marker == 0xD9 || marker == 0xDA)
			return 1;
		if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
			continue;
		unsigned char lenb[2];
		if (fread(lenb, 1, 2, fp) != 2)
			return 1;
		unsigned len = be16(lenb);
		if ((marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 &&
		    marker != 0xCC) {
			if (fread(h, 1, 5, fp) != 5)
				return 1;
			unsigned hh = be16(h + 1), ww = be16(h + 3);
			return hh && ww ? (double)ww / hh : 1;
		}
		if (len < 2 || fseek(fp, (long)len - 2, SEEK_CUR) != 0)
			return 1;
	}
	return 1;
}

/* Width over height of a PNG or JPEG file. */
double image_aspect(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 1;
	unsigned char h[24];
	double aspect = 1;
	size_t n = fread(h, 1, sizeof h, fp);
	if (n == sizeof h && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(h + 12, "IHDR", 4) == 0) {
		unsigned w = be32(h + 16), hh = be32(h + 20);
		if (w && hh)
			aspect = (double)w / hh;
	} else if (n >= 2 && h[0] == 0xFF && h[1] == 0xD8) {
		fseek(fp, 2, SEEK_SET);
		aspect = jpeg_aspect(fp);
	}
	fclose(fp);
	return aspect;
}
