/* Workbook cell formats and how amounts are stored. Formats are made once per
 * workbook: libxlsxwriter keeps every format object until the workbook is
 * closed, so a format per cell would cost memory and time on large reports. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

/* A colour channel 0..1 as 0..255. */
static unsigned channel(double v)
{
	if (!(v > 0))
		return 0;
	if (v >= 1)
		return 255;
	return (unsigned)lround(v * 255);
}

/* A style colour as libxlsxwriter's 0xRRGGBB. */
lxw_color_t xlsx_color(struct rgb c)
{
	lxw_color_t v = (lxw_color_t)((channel(c.r) << 16) | (channel(c.g) << 8) | channel(c.b));
	/* 0 means "no colour" to the library; black has its own code. */
	return v == 0 ? LXW_COLOR_BLACK : v;
}

/* Black or white, whichever reads better on the fill. */
static lxw_color_t text_color_on(struct rgb c)
{
	double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
	return lum > 0.55 ? LXW_COLOR_BLACK : LXW_COLOR_WHITE;
}

/* A symbol per status, so statuses differ without colour too. */
const char *xlsx_status_symbol(enum status s)
{
	switch (s) {
	case STATUS_MET:
		return "\u2713"; /* ✓ */
	case STATUS_UNDER:
		return "!";
	case STATUS_NOT_MET:
		return "\u2717"; /* ✗ */
	case STATUS_NO_DATA:
		return "\u2013"; /* – */
	}
	return "";
}

/* A currency's sign as the report shows it (the same four signs as the
 * PDF); other codes are written before the number. */
static void currency_sign(const char *code, char *buf, size_t n)
{
	static const struct {
		const char *code, *sign;
	} signs[] = {
		{"USD", "$"}, {"EUR", "\u20ac"}, {"GBP", "\u00a3"}, {"JPY", "\u00a5"},
	};
	if (!code)
		code = "USD";
	for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++) {
		if (strcmp(signs[i].code, code) == 0) {
			snprintf(buf, n, "%s", signs[i].sign);
			return;
		}
	}
	snprintf(buf, n, "%s ", code);
}

/* Write one section of a number format: prefix, digits, suffix. */
static void number_code(char *buf, size_t n, const char *sign, const char *prefix,
			const char *digits, int decimals, const char *suffix)
{
	char dec[8] = "";
	if (decimals > 0) {
		int k = decimals > 6 ? 6 : decimals;
		dec[0] = '.';
		memset(dec + 1, '0', (size_t)k);
		dec[k + 1] = '\0';
	}
	snprintf(buf, n, "%s%s%s%s%s", sign, prefix, digits, dec, suffix);
}

/* A signed format, "+x;-x;x", so that differences always show their sign
 * and no change reads as it does in the PDF: a zero in the unit, without a
 * sign ("0 pts", "$0", "0.00"). */
static void signed_code(char *buf, size_t n, const char *prefix, const char *digits,
			int decimals, const char *suffix)
{
	char pos[192], neg[192], zero[192];
	number_code(pos, sizeof pos, "+", prefix, digits, decimals, suffix);
	number_code(neg, sizeof neg, "-", prefix, digits, decimals, suffix);
	number_code(zero, sizeof zero, "", prefix, digits, decimals, suffix);
	snprintf(buf, n, "%s;%s;%s", pos, neg, zero);
}

/* What follows an amount's digits in a format: the commas that show a
 * real amount in thousands or millions, then the scale's and the unit's
 * words, quoted ("$"#,##0.0,," million"). */
static void amount_suffix(const struct measure *m, char *buf, size_t n)
{
	static const char *const commas[] = {"", ",", ",,", ",,,"};
	static const char *const words[] = {"", " thousand", " million", " billion"};
	/* The loader keeps a label to UNIT_LABEL_MAX bytes, so a format stays
	 * within a spreadsheet's 255 characters. */
	char label[UNIT_LABEL_MAX + 2] = "";
	if (m->unit_label) {
		/* A quote would end the format's quoted text: labels rarely have one. */
		size_t k = 0;
		label[k++] = ' ';
		for (const char *c = m->unit_label; *c && k < sizeof label - 1; c++)
			if (*c != '"')
				label[k++] = *c;
		label[k] = '\0';
	}
	if (m->scale == SCALE_ONE && !*label) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, "%s\"%s%s\"", commas[m->scale], words[m->scale], label);
}

/* The format code of amounts of the measure's unit. */
static void value_code(const struct measure *m, char *buf, size_t n)
{
	char sign[32], quoted[40], pos[192], neg[192], after[128];
	amount_suffix(m, after, sizeof after);
	switch (m->unit) {
	case UNIT_RATING:
	case UNIT_YES_NO:
		/* Stored as the level's words. */
		snprintf(buf, n, "@");
		return;
	case UNIT_COUNT:
	case UNIT_NUMBER:
		number_code(buf, n, "", "", "#,##0", m->decimals, after);
		return;
	case UNIT_PERCENT:
		/* Stored as fractions: 81 % is 0.81. */
		number_code(buf, n, "", "", "0", m->decimals, "%");
		return;
	case UNIT_CURRENCY:
		currency_sign(m->currency, sign, sizeof sign);
		snprintf(quoted, sizeof quoted, "\"%s\"", sign);
		number_code(pos, sizeof pos, "", quoted, "#,##0", m->decimals, after);
		number_code(neg, sizeof neg, "-", quoted, "#,##0", m->decimals, after);
		snprintf(buf, n, "%s;%s", pos, neg);
		return;
	case UNIT_MINUTES:
		number_code(buf, n, "", "", "#,##0", m->decimals, "\" min\"");
		return;
	case UNIT_DURATION:
		/* M:SS below an hour, H:MM:SS from one hour up, with the unit,
		 * as readers see them ("7:47 min", "1:15:00 h"), or the
		 * measure's own words. 0.04166 lies between 3599 s and 3600 s as
		 * day fractions. */
		snprintf(buf, n, "[<0.04166][m]:ss%s;[h]:mm:ss%s", *after ? after : "\" min\"",
			 *after ? after : "\" h\"");
		return;
	}
	snprintf(buf, n, "General");
}

/* What follows a difference of exactly one where it differs from what
 * follows any other (" pt" against " pts"); empty where it does not. */
static void singular_suffix(const struct measure *m, char *buf, size_t n)
{
	buf[0] = '\0';
	switch (m->unit) {
	case UNIT_PERCENT:
		snprintf(buf, n, "\" pt\"");
		return;
	case UNIT_RATING:
	case UNIT_YES_NO:
		snprintf(buf, n, "\" level\"");
		return;
	case UNIT_COUNT:
	case UNIT_NUMBER:
		if (m->unit_label && m->unit_label_one && m->scale == SCALE_ONE) {
			struct measure one = *m;
			one.unit_label = m->unit_label_one;
			amount_suffix(&one, buf, n);
		}
		return;
	case UNIT_CURRENCY:
	case UNIT_MINUTES:
	case UNIT_DURATION:
		return;
	}
}

/* The format code for amounts, differences or allowed misses of a
 * measure, with `dec` places (a duration's amounts always show as times;
 * its differences and misses are seconds with `dec` places). */
static void format_code(const struct measure *m, enum xlsx_amount_kind kind, int dec, char *buf,
			size_t n)
{
	if (kind == XLSX_VALUE) {
		struct measure shown = *m;
		shown.decimals = dec;
		value_code(&shown, buf, n);
		return;
	}
	/* Differences are percentage points for percent (81 % to 87 % is not a
	 * 6 % change) and seconds for durations (spreadsheets show a negative
	 * time as ####). */
	char prefix[40] = "", after[128];
	amount_suffix(m, after, sizeof after);
	const char *suffix = after;
	switch (m->unit) {
	case UNIT_COUNT:
	case UNIT_NUMBER:
		break;
	case UNIT_RATING:
	case UNIT_YES_NO:
		/* A difference of levels: a whole number of them. */
		suffix = "\" levels\"";
		dec = 0;
		break;
	case UNIT_PERCENT:
		suffix = "\" pts\"";
		break;
	case UNIT_CURRENCY: {
		char sign[32];
		currency_sign(m->currency, sign, sizeof sign);
		snprintf(prefix, sizeof prefix, "\"%s\"", sign);
		break;
	}
	case UNIT_MINUTES:
		suffix = "\" min\"";
		break;
	case UNIT_DURATION:
		suffix = "\" s\"";
		break;
	}
	if (kind == XLSX_MISS) {
		/* A difference of levels is a whole number of them. */
		if (xlsx_worded(m))
			dec = 0;
		/* An allowed miss of exactly one reads as the report's does,
		 * "1 pt", "1 level": a condition picks the singular. */
		char one[128] = "";
		if (dec == 0)
			singular_suffix(m, one, sizeof one);
		if (*one) {
			char single[192], many[192];
			number_code(single, sizeof single, "", prefix, "0", 0, one);
			number_code(many, sizeof many, "", prefix, "#,##0", 0, suffix);
			snprintf(buf, n, "[=1]%s;%s", single, many);
			return;
		}
		number_code(buf, n, "", prefix, "#,##0", dec, suffix);
		return;
	}
	signed_code(buf, n, prefix, "#,##0", dec, suffix);
}

/* The places a kind of amount shows unless told otherwise: the measure's,
 * and whole seconds for a duration's differences. */
static int default_places(const struct measure *m)
{
	return m->unit == UNIT_DURATION ? 0 : m->decimals;
}

void xlsx_format_code(const struct measure *m, enum xlsx_amount_kind kind, char *buf, size_t n)
{
	format_code(m, kind, default_places(m), buf, n);
}

/* `v` rounded to `places` decimals, as the nearest double to that decimal:
 * what a spreadsheet shows when the number is typed in. */
static double decimal_round(double v, int places)
{
	if (!isfinite(v))
		return v;
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", places, v);
	double r = strtod(buf, NULL);
	return r == 0 ? 0 : r; /* No "-0" in a cell. */
}

/* See xlsx.h. */
double xlsx_round9(double v)
{
	return decimal_round(v, 9);
}

/* An amount as stored: percent as a fraction, duration as a fraction of a
 * day. Amounts are decided to nine places (spec "Exactness"); stored
 * rounded there, the binary noise of arithmetic is gone and an analyst
 * recomputing a status from the cells gets the same one. */
double xlsx_amount(const struct measure *m, double v)
{
	switch (m->unit) {
	case UNIT_PERCENT:
		return decimal_round(v / 100.0, 11);
	case UNIT_DURATION:
		return v / 86400.0;
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_CURRENCY:
		return xlsx_delta(m, v);
	case UNIT_MINUTES:
	case UNIT_RATING:
	case UNIT_YES_NO:
		return decimal_round(v, 9);
	}
	return v;
}

/* A difference as stored: percentage points, seconds, or the unit itself;
 * an amount written in millions as the real amount, which the format shows
 * in millions, so that sums and charts in a spreadsheet are of money. */
double xlsx_delta(const struct measure *m, double v)
{
	static const int powers[] = {0, 3, 6, 9};
	int k = powers[m->scale];
	if (k == 0)
		return decimal_round(v, 9);
	/* Written to nine places, so to 9 - k once scaled (a million times
	 * 306.54 is 306540000, not 306539999.99999994). */
	return decimal_round(v * pow(10, k), 9 - k);
}

/* What turns a difference of stored amounts into a stored difference. */
const char *xlsx_delta_factor(const struct measure *m)
{
	switch (m->unit) {
	case UNIT_PERCENT:
		return "*100";
	case UNIT_DURATION:
		return "*86400";
	case UNIT_COUNT:
	case UNIT_NUMBER:
	case UNIT_CURRENCY:
	case UNIT_MINUTES:
	case UNIT_RATING:
	case UNIT_YES_NO:
		return "";
	}
	return "";
}

/* See xlsx.h. */
lxw_format *xlsx_amount_format(struct xlsx *x, const struct measure *m, enum xlsx_amount_kind kind,
			       int decimals)
{
	const char *cur = m->unit == UNIT_CURRENCY ? (m->currency ? m->currency : "USD") : NULL;
	/* A duration's amounts show as times whatever the places. */
	int dec = m->unit == UNIT_DURATION && kind == XLSX_VALUE ? 0 : decimals;
	if (dec > 6)
		dec = 6; /* As the reader's texts: amounts are exact to six places shown. */
	if (dec < 0)
		dec = 0;
	for (size_t i = 0; i < x->nunits; i++) {
		struct xlsx_unit_format *u = &x->units[i];
		if (u->unit == m->unit && u->decimals == dec && u->kind == kind &&
		    u->scale == m->scale &&
		    (u->currency == cur || (u->currency && cur && strcmp(u->currency, cur) == 0)) &&
		    (u->label == m->unit_label ||
		     (u->label && m->unit_label && strcmp(u->label, m->unit_label) == 0)))
			return u->format;
	}
	if (x->nunits == x->capunits) {
		x->capunits = x->capunits ? x->capunits * 2 : 16;
		x->units = xrealloc(x->units, x->capunits * sizeof *x->units);
	}
	char code[256];
	format_code(m, kind, dec, code, sizeof code);
	lxw_format *f = xlsx_need(x, workbook_add_format(x->wb));
	format_set_num_format(f, code);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	x->units[x->nunits++] = (struct xlsx_unit_format){
		.unit = m->unit, .decimals = dec, .currency = cur, .kind = kind, .format = f,
		.scale = m->scale, .label = m->unit_label,
	};
	return f;
}

/* The cached number format for a unit, decimals and currency. */
lxw_format *xlsx_unit_format(struct xlsx *x, const struct measure *m, enum xlsx_amount_kind kind)
{
	return xlsx_amount_format(x, m, kind, default_places(m));
}

/* See xlsx.h: minutes the data file gives no decimals for show the places
 * each amount is written with, as readers see them (5 min, 8.53 min). */
lxw_format *xlsx_value_format(struct xlsx *x, const struct measure *m, double v)
{
	return xlsx_amount_format(x, m, XLSX_VALUE, present_amount_places(m, v));
}

/* Pro-rated targets show the extra places the PDF gives them (241.25). */
lxw_format *xlsx_target_format(struct xlsx *x, const struct measure *m,
			       const struct pres_period *pp)
{
	struct measure shown = *m;
	shown.decimals = pp->target_decimals;
	return xlsx_amount_format(x, m, XLSX_VALUE,
				  present_amount_places(&shown, pp->pe->target_amount));
}

/* Make the formats every sheet shares, once per workbook. */
void xlsx_formats_init(struct xlsx *x)
{
	lxw_workbook *wb = x->wb;
	lxw_color_t primary = x->st ? xlsx_color(x->st->color_primary) : 0x1F3864;
	lxw_color_t muted = x->st ? xlsx_color(x->st->color_muted) : 0x595959;

	x->title = xlsx_need(x, workbook_add_format(wb));
	format_set_bold(x->title);
	format_set_font_size(x->title, 18);
	format_set_font_color(x->title, primary);

	x->subtitle = xlsx_need(x, workbook_add_format(wb));
	format_set_italic(x->subtitle);
	format_set_font_size(x->subtitle, 12);
	format_set_font_color(x->subtitle, muted);

	x->heading = xlsx_need(x, workbook_add_format(wb));
	format_set_bold(x->heading);
	format_set_font_size(x->heading, 13);
	format_set_font_color(x->heading, primary);

	x->label = xlsx_need(x, workbook_add_format(wb));
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);

	x->header = xlsx_need(x, workbook_add_format(wb));
	format_set_bold(x->header);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);

	x->text = xlsx_need(x, workbook_add_format(wb));
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);

	x->wrap = xlsx_need(x, workbook_add_format(wb));
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);

	x->date = xlsx_need(x, workbook_add_format(wb));
	format_set_num_format(x->date, "yyyy-mm-dd");
	format_set_align(x->date, LXW_ALIGN_LEFT);
	format_set_align(x->date, LXW_ALIGN_VERTICAL_TOP);

	x->integer = xlsx_need(x, workbook_add_format(wb));
	format_set_num_format(x->integer, "0");
	format_set_align(x->integer, LXW_ALIGN_VERTICAL_TOP);

	x->plain = xlsx_need(x, workbook_add_format(wb));
	format_set_align(x->plain, LXW_ALIGN_VERTICAL_TOP);

	x->link = xlsx_need(x, workbook_add_format(wb));
	format_set_font_color(x->link, x->st ? xlsx_color(x->st->color_link) : 0x1F4E8C);
	format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
	format_set_align(x->link, LXW_ALIGN_VERTICAL_TOP);

	x->plotted = xlsx_need(x, workbook_add_format(wb));
	format_set_num_format(x->plotted, "#,##0.0##");
	format_set_align(x->plotted, LXW_ALIGN_VERTICAL_TOP);

	x->ratio = xlsx_need(x, workbook_add_format(wb));
	format_set_num_format(x->ratio, "+0.0%;-0.0%;0.0%");
	format_set_align(x->ratio, LXW_ALIGN_VERTICAL_TOP);

	for (int s = 0; s < STATUS_COUNT; s++) {
		struct rgb c = x->st ? x->st->status_color[s] : (struct rgb){0.8, 0.8, 0.8};
		char code[64];
		/* The cell holds the label itself, so filters and formulas see
		 * the label; the format adds the symbol for readers. */
		snprintf(code, sizeof code, "\"%s \"@", xlsx_status_symbol((enum status)s));
		x->status[s] = xlsx_need(x, workbook_add_format(wb));
		format_set_bg_color(x->status[s], xlsx_color(c));
		format_set_font_color(x->status[s], text_color_on(c));
		format_set_num_format(x->status[s], code);
		format_set_align(x->status[s], LXW_ALIGN_VERTICAL_TOP);

		x->swatch[s] = xlsx_need(x, workbook_add_format(wb));
		format_set_bg_color(x->swatch[s], xlsx_color(c));
		format_set_font_color(x->swatch[s], text_color_on(c));
		format_set_align(x->swatch[s], LXW_ALIGN_CENTER);
		format_set_align(x->swatch[s], LXW_ALIGN_VERTICAL_TOP);
	}
}

/* Free the unit format cache (the formats belong to the workbook). */
void xlsx_formats_free(struct xlsx *x)
{
	free(x->units);
	x->units = NULL;
	x->nunits = x->capunits = 0;
}
