#include "layout_color.h"

#include <math.h>

/* sRGB channel to linear light. */
static double linear(double c)
{
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* Relative luminance. */
static double luminance(struct rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/* WCAG contrast ratio. */
double contrast_ratio(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	if (la < lb) {
		double t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

/* Linear mix of two colours. */
struct rgb mix(struct rgb a, struct rgb b, double t)
{
	struct rgb c = {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
	return c;
}

/* Bisect the smallest shift towards black or white that reaches `min`. */
struct rgb readable_on(struct rgb fg, struct rgb bg, double min)
{
	if (contrast_ratio(fg, bg) >= min)
		return fg;
	struct rgb black = {0, 0, 0}, white = {1, 1, 1};
	struct rgb end = luminance(bg) > 0.18 ? black : white;
	if (contrast_ratio(end, bg) < min)
		end = contrast_ratio(black, bg) > contrast_ratio(white, bg) ? black : white;
	double lo = 0, hi = 1;
	for (int i = 0; i < 30; i++) {
		double t = (lo + hi) / 2;
		if (contrast_ratio(mix(fg, end, t), bg) >= min)
			hi = t;
		else
			lo = t;
	}
	return mix(fg, end, hi);
}
