/* Status icons as vector shapes. Each status has its own outline as well as
 * its own colour, so a black-and-white printout or a colour-blind reader
 * still tells them apart: met is a disc with a check mark, under a triangle
 * with an exclamation mark, not met a square with a cross, no data a hollow
 * ring with a dash. */
#include <math.h>

#include "pdf_internal.h"

/* WCAG relative luminance of an sRGB colour. */
static double luminance(struct rgb c)
{
	double v[3] = {c.r, c.g, c.b};
	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* White marks on dark fills, near-black marks on light ones, whichever
 * stands out more: a layout may choose a pale status colour. */
static struct rgb mark_colour(struct rgb fill)
{
	double l = luminance(fill);
	double on_white = 1.05 / (l + 0.05);
	double on_black = (l + 0.05) / (0.0103 + 0.05); /* #1A1A1A */
	struct rgb white = {1, 1, 1}, ink = {0x1A / 255.0, 0x1A / 255.0, 0x1A / 255.0};
	return on_white >= on_black ? white : ink;
}

/* Set the fill colour. */
static void set_fill(HPDF_Page page, struct rgb c)
{
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* Set the stroke colour. */
static void set_stroke(HPDF_Page page, struct rgb c)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* A point of the icon's square in unit coordinates (0..1 each way). */
static void move(HPDF_Page page, double x, double y, double s, double u, double v)
{
	HPDF_Page_MoveTo(page, (HPDF_REAL)(x + u * s), (HPDF_REAL)(y + v * s));
}

/* Draw a line to a point of the icon's square in unit coordinates. */
static void line(HPDF_Page page, double x, double y, double s, double u, double v)
{
	HPDF_Page_LineTo(page, (HPDF_REAL)(x + u * s), (HPDF_REAL)(y + v * s));
}

/* Draw one status icon (shapes described in pdf_internal.h). */
void pdf_draw_icon(HPDF_Page page, double x, double y, double s, enum status status,
		   struct rgb colour)
{
	if (s <= 0)
		return;
	struct rgb mark = mark_colour(colour);
	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	switch (status) {
	case STATUS_MET:
		set_fill(page, colour);
		HPDF_Page_Circle(page, (HPDF_REAL)(x + s / 2), (HPDF_REAL)(y + s / 2), (HPDF_REAL)(s / 2));
		HPDF_Page_Fill(page);
		set_stroke(page, mark);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.13));
		move(page, x, y, s, 0.27, 0.52);
		line(page, x, y, s, 0.43, 0.35);
		line(page, x, y, s, 0.74, 0.68);
		HPDF_Page_Stroke(page);
		break;
	case STATUS_UNDER:
		/* Stroked in its own colour with round joins to soften the points. */
		set_fill(page, colour);
		set_stroke(page, colour);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.08));
		move(page, x, y, s, 0.04, 0.08);
		line(page, x, y, s, 0.96, 0.08);
		line(page, x, y, s, 0.50, 0.92);
		HPDF_Page_ClosePath(page);
		HPDF_Page_FillStroke(page);
		set_stroke(page, mark);
		set_fill(page, mark);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.12));
		move(page, x, y, s, 0.50, 0.66);
		line(page, x, y, s, 0.50, 0.42);
		HPDF_Page_Stroke(page);
		HPDF_Page_Circle(page, (HPDF_REAL)(x + s * 0.50), (HPDF_REAL)(y + s * 0.23),
				 (HPDF_REAL)(s * 0.07));
		HPDF_Page_Fill(page);
		break;
	case STATUS_NOT_MET:
		set_fill(page, colour);
		set_stroke(page, colour);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.08));
		HPDF_Page_Rectangle(page, (HPDF_REAL)(x + s * 0.08), (HPDF_REAL)(y + s * 0.08),
				    (HPDF_REAL)(s * 0.84), (HPDF_REAL)(s * 0.84));
		HPDF_Page_FillStroke(page);
		set_stroke(page, mark);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.13));
		move(page, x, y, s, 0.31, 0.31);
		line(page, x, y, s, 0.69, 0.69);
		move(page, x, y, s, 0.31, 0.69);
		line(page, x, y, s, 0.69, 0.31);
		HPDF_Page_Stroke(page);
		break;
	case STATUS_NO_DATA: {
		/* Filled white so the ring reads the same on a tinted band. */
		struct rgb white = {1, 1, 1};
		set_fill(page, white);
		set_stroke(page, colour);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.11));
		HPDF_Page_Circle(page, (HPDF_REAL)(x + s / 2), (HPDF_REAL)(y + s / 2),
				 (HPDF_REAL)(s * 0.445));
		HPDF_Page_FillStroke(page);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(s * 0.12));
		move(page, x, y, s, 0.30, 0.50);
		line(page, x, y, s, 0.70, 0.50);
		HPDF_Page_Stroke(page);
		break;
	}
	}
}
