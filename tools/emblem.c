/* Draws the Independence layout's emblem, a civic seal (gold ring, navy
 * field, a columned hall under a gold star), as an RGBA PNG with a
 * transparent background so it sits on the navy cover and on white pages.
 *
 *   cc -std=c11 -O2 -o emblem tools/emblem.c -lpng -lm
 *   ./emblem layouts/independence-emblem.png
 *
 * The output is byte-identical run to run (no time chunk). */
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

#define SIZE 360  /* Pixels a side: 300 dpi at 1.2 inches; more only slows every run. */
#define SUPER 5   /* Samples per pixel a side, for smooth edges. */

struct rgba {
	double r, g, b, a;
};

static const struct rgba clear = {0, 0, 0, 0};
static const struct rgba navy = {0x1F / 255.0, 0x3A / 255.0, 0x5F / 255.0, 1};
static const struct rgba gold = {0xC9 / 255.0, 0xA2 / 255.0, 0x27 / 255.0, 1};
static const struct rgba white = {1, 1, 1, 1};

/* Whether (x, y) lies in the axis-aligned box. */
static int in_box(double x, double y, double x0, double y0, double x1, double y1)
{
	return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/* Even-odd test against a closed polygon. */
static int in_polygon(double x, double y, const double (*p)[2], int n)
{
	int inside = 0;
	for (int i = 0, j = n - 1; i < n; j = i++) {
		if ((p[i][1] > y) != (p[j][1] > y) &&
		    x < (p[j][0] - p[i][0]) * (y - p[i][1]) / (p[j][1] - p[i][1]) + p[i][0])
			inside = !inside;
	}
	return inside;
}

/* A five-pointed star, point up, centred at (cx, cy). */
static int in_star(double x, double y, double cx, double cy, double outer, double inner)
{
	double pts[10][2];
	for (int i = 0; i < 10; i++) {
		double r = i % 2 ? inner : outer;
		double a = M_PI / 2 + i * M_PI / 5;
		pts[i][0] = cx + r * cos(a);
		pts[i][1] = cy + r * sin(a);
	}
	return in_polygon(x, y, (const double(*)[2])pts, 10);
}

/* The hall: steps, five columns, an entablature and a pediment. */
static int in_hall(double x, double y)
{
	if (in_box(x, y, -0.56, -0.50, 0.56, -0.44) || in_box(x, y, -0.50, -0.44, 0.50, -0.39))
		return 1;
	for (int i = 0; i < 5; i++) {
		double cx = -0.40 + i * 0.20;
		if (in_box(x, y, cx - 0.045, -0.39, cx + 0.045, 0.04))
			return 1;
	}
	if (in_box(x, y, -0.52, 0.04, 0.52, 0.12))
		return 1;
	const double pediment[3][2] = {{-0.56, 0.15}, {0.56, 0.15}, {0, 0.38}};
	return in_polygon(x, y, pediment, 3);
}

/* The colour of the emblem at a point; the unit circle holds it all. */
static struct rgba colour_at(double x, double y)
{
	double r = hypot(x, y);
	if (r > 0.995)
		return clear;
	if (r > 0.90)
		return gold;
	if (r > 0.87)
		return white;
	if (in_star(x, y, 0, 0.60, 0.17, 0.068))
		return gold;
	if (in_hall(x, y))
		return white;
	if (in_box(x, y, -0.34, -0.62, 0.34, -0.57))
		return gold;
	return navy;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: emblem OUT.png\n");
		return 2;
	}
	png_bytep rows = malloc((size_t)SIZE * SIZE * 4);
	if (!rows)
		return 1;
	for (int py = 0; py < SIZE; py++) {
		for (int px = 0; px < SIZE; px++) {
			struct rgba sum = {0, 0, 0, 0};
			for (int sy = 0; sy < SUPER; sy++) {
				for (int sx = 0; sx < SUPER; sx++) {
					double x = ((px + (sx + 0.5) / SUPER) / SIZE) * 2 - 1;
					double y = 1 - ((py + (sy + 0.5) / SUPER) / SIZE) * 2;
					struct rgba c = colour_at(x, y);
					/* Premultiplied, so edges against the clear
					 * background do not darken. */
					sum.r += c.r * c.a;
					sum.g += c.g * c.a;
					sum.b += c.b * c.a;
					sum.a += c.a;
				}
			}
			png_bytep p = rows + ((size_t)py * SIZE + px) * 4;
			double n = SUPER * SUPER;
			double a = sum.a / n;
			p[0] = (png_byte)lround(a > 0 ? sum.r / sum.a * 255 : 0);
			p[1] = (png_byte)lround(a > 0 ? sum.g / sum.a * 255 : 0);
			p[2] = (png_byte)lround(a > 0 ? sum.b / sum.a * 255 : 0);
			p[3] = (png_byte)lround(a * 255);
		}
	}
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		free(rows);
		return 1;
	}
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "emblem: cannot write %s\n", argv[1]);
		fclose(f);
		free(rows);
		return 1;
	}
	png_init_io(png, f);
	png_set_compression_level(png, 9);
	png_set_IHDR(png, info, SIZE, SIZE, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < SIZE; y++)
		png_write_row(png, rows + (size_t)y * SIZE * 4);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	fclose(f);
	free(rows);
	return 0;
}
