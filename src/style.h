/* A layout: everything about looks, read from layouts/NAME.xml by load_layout.c.
 * Nothing about looks is compiled in; the defaults below only fill what a
 * layout file leaves out. */
#ifndef QREPORT_STYLE_H
#define QREPORT_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct rgb {
	double r, g, b; /* 0..1 */
};

/* Font faces a layout names. The fallback faces supply characters the
 * brand faces lack (DejaVu covers most scripts). */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLD_ITALIC,
	FACE_HEADING,
	FACE_FALLBACK,
	FACE_FALLBACK_BOLD,
	FACE_COUNT
};

/* The report's parts, in the order a layout lists them. */
enum part {
	PART_COVER,
	PART_CONTENTS,
	PART_GLANCE,    /* At a glance: counts and every measure's icon. */
	PART_NARRATIVE, /* The data file's narrative sections. */
	PART_GOALS,     /* One section per goal with measure cards. */
	PART_APPENDIX,  /* Table of every measure and the status legend. */
	PART_COUNT
};

/* The press packet's words (docs/layouts.md, <press>): one template per
 * sentence or phrase of the scorecard and the release, with {placeholders}
 * that the presentation fills from its own fields. A name ending in -one
 * is used where the count it turns on is 1. */
enum press_word {
	PW_PERIOD_WORDS,     /* "the {quarter} quarter of fiscal {year}" */
	PW_QUARTER_1,
	PW_QUARTER_2,
	PW_QUARTER_3,
	PW_QUARTER_4,
	PW_SCORECARD_TITLE,
	PW_SCORECARD_MORE,
	PW_SCORECARD_MORE_GOALS,
	PW_SCORECARD_NOTE,
	PW_RELEASE_DATE,
	PW_HEADLINE,
	PW_HEADLINE_ONE,
	PW_DATELINE,
	PW_LEAD,
	PW_LEAD_ONE,
	PW_REST,
	PW_REST_UNDER,
	PW_REST_UNDER_ONE,
	PW_REST_NOT_MET,
	PW_REST_NOT_MET_ONE,
	PW_REST_NO_DATA,
	PW_REST_NO_DATA_ONE,
	PW_AND,
	PW_GOAL_HEADING,
	PW_GOAL_LEAD,
	PW_GOAL_EMPTY,
	PW_MEASURE_MET,
	PW_MEASURE_UNDER,
	PW_MEASURE_NOT_MET,
	PW_MEASURE_NO_DATA,
	PW_MEASURE_REPORTED, /* A status the data file gives, not the numbers. */
	PW_QUOTE,
	PW_QUOTE_NO_ROLE,
	PW_CLOSING,
	PW_END,
	PW_COUNT
};

/* One of the press packet's words: its name in a layout file, the words
 * used when the layout gives none, and the placeholders it may hold. */
struct press_word_info {
	const char *name;
	const char *fallback;
	const char *const *placeholders; /* NULL-terminated, without braces. */
};
/* The catalogue, by enum press_word (load_words.c). */
const struct press_word_info *press_word_info(enum press_word w);
/* The word named `name` (n bytes), or PW_COUNT. */
enum press_word press_word_find(const char *name);

/* The least type size the scorecard may shrink to, in points, and the
 * layouts' fallback for it. */
#define SCORECARD_LEAST_TYPE 7.0

struct style {
	const char *name;        /* Layout name, e.g. "independence". */
	const char *path;        /* The layout file, for messages. */
	double page_width;       /* Points. */
	double page_height;
	double margin_top, margin_right, margin_bottom, margin_left;
	bool paper_local;        /* <page size="local">: Letter or A4 by the data file's
				  * country (paper_for), A4 until that is known. */

	const char *font_path[FACE_COUNT]; /* Absolute paths of TrueType files. */
	int font_line[FACE_COUNT];         /* Where the layout named each. */

	/* Type sizes in points; leading is a multiple of the size. */
	double size_body, size_small, size_h1, size_h2, size_h3, size_title;
	double leading;

	struct rgb color_text, color_muted, color_primary, color_accent;
	struct rgb color_rule, color_band, color_link, color_cover_text, color_cover_fill;

	const char *logo_path;   /* PNG or JPEG, or NULL for none. */
	int logo_line;
	/* The logo's bytes as checked when the layout was read (load_image.c);
	 * what the PDF embeds, so a file changed since is never used. */
	const unsigned char *logo_data;
	size_t logo_size;

	bool negative_parentheses; /* Negative currency as ($184,000), not -$184,000. */

	const char *status_label[STATUS_COUNT];
	struct rgb status_color[STATUS_COUNT];

	/* Page furniture with {organization} {title} {period} {page} {pages}. */
	const char *header_left, *header_right;
	const char *footer_left, *footer_right;
	int header_line, footer_line; /* Where the layout wrote them; 0 for defaults. */

	enum part parts[PART_COUNT]; /* Which parts appear, in order. */
	int nparts;

	/* The press packet. */
	const char *press_word[PW_COUNT]; /* The layout's words, or the fallbacks. */
	int press_word_line[PW_COUNT];    /* Where the layout wrote each; 0 for a fallback. */
	double scorecard_least_type;      /* Points: the scorecard's type shrinks no further,
					   * SCORECARD_LEAST_TYPE or more. */
};

/* Find a layout: NAME is looked up as DATADIR/layouts/NAME.xml, anything
 * with a slash or ending in .xml is a file. Fonts named by the layout are
 * looked up in DATADIR/fonts/ and then beside the layout file.
 * Returns false after reporting errors through `d`. Strings live in `a`. */
bool style_load(const char *name_or_file, const char *datadir, struct arena *a,
		struct diag *d, struct style *out);

/* Fill in the built-in defaults (used before a layout file is read). */
void style_defaults(struct style *st);

/* The paper a report is printed on where it is published: "letter" in the
 * countries where Letter is the custom (the United States, Canada, Mexico,
 * the Philippines and several in Latin America), "a4" elsewhere. `country`
 * is the data file's (ISO 3166-1, or NULL); without one, the region of its
 * language tag `lang` ("en-US") decides, and without that, A4. */
const char *paper_for(const char *country, const char *lang);
/* Put the pages on paper `name` ("letter", "a4" or "legal"), keeping the
 * layout's margins and orientation. False, with the style unchanged, for
 * an unknown name or when the margins would leave no room for a heading
 * and a card. */
bool style_set_paper(struct style *st, const char *name);

#endif
