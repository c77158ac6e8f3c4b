/* Shared set-up for the layout engine's tests: fixed metrics (every glyph
 * half an em wide, ascent 800, descent -200), a style with round numbers,
 * a report to name in messages, and warnings captured in memory. */
#ifndef QREPORT_LAYOUT_FIXTURE_H
#define QREPORT_LAYOUT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_ctx.h"
#include "layout_blocks.h"
#include "layout.h"
#include "layout_text.h"
#include "present.h"
#include "style.h"

/* Characters the brand faces lack but the fallback faces have. */
static const unsigned fx_fallback_only[] = {0x0416 /* Ж */, 0x2713 /* ✓ */};
/* Characters no face has. */
static const unsigned fx_nowhere[] = {0x4E00 /* 一 */};

struct fixture {
	struct report *r;
	struct style st;
	struct metrics m;
	struct arena a;
	struct diag d;
	char *msgs;
	size_t msgs_len;
	FILE *out;
	bool fallback_has_fffd;
	struct presentation *p;  /* Of fx->r, for the layout context. */
	struct presentation *laid; /* Of the last report fixture_layout laid out. */
	struct lay L;
};

/* Every character is 500 thousandths of the size wide. */
static inline double fx_width(void *ctx, enum face face, const char *s, size_t len)
{
	(void)ctx;
	(void)face;
	double w = 0;
	for (size_t i = 0; i < len;) {
		size_t n;
		utf8_decode(s + i, len - i, &n);
		w += 500;
		i += n;
	}
	return w;
}

static inline bool fx_has_glyph(void *ctx, enum face face, unsigned cp)
{
	const struct fixture *fx = ctx;
	bool fallback = face == FACE_FALLBACK || face == FACE_FALLBACK_BOLD;
	if (cp == 0xFFFD)
		return fallback && fx->fallback_has_fffd;
	for (size_t i = 0; i < sizeof fx_nowhere / sizeof fx_nowhere[0]; i++)
		if (cp == fx_nowhere[i])
			return false;
	for (size_t i = 0; i < sizeof fx_fallback_only / sizeof fx_fallback_only[0]; i++)
		if (cp == fx_fallback_only[i])
			return fallback;
	return true;
}

/* Page 600 x 800 with 50 pt margins: a 500 x 700 text area; body 10 pt on a
 * 12 pt line. */
static inline void fixture_init(struct fixture *fx)
{
	memset(fx, 0, sizeof *fx);
	fx->r = report_new();
	fx->r->path = "test.xml";
	fx->r->organization = "City of Testing";
	fx->r->title = "Performance Report";
	fx->r->period = (struct period){.fy = 2018, .quarter = 1};
	fx->r->calendar = (struct fiscal_calendar){7, true};
	style_defaults(&fx->st);
	fx->st.path = "test-layout.xml";
	fx->st.page_width = 600;
	fx->st.page_height = 800;
	fx->st.margin_top = fx->st.margin_bottom = fx->st.margin_left = fx->st.margin_right = 50;
	fx->st.size_body = 10;
	fx->st.size_small = 8;
	fx->st.size_h3 = 12;
	fx->st.size_h2 = 14;
	fx->st.size_h1 = 20;
	fx->st.size_title = 28;
	fx->st.leading = 1.2;
	fx->m.ctx = fx;
	fx->m.width = fx_width;
	fx->m.has_glyph = fx_has_glyph;
	for (int f = 0; f < FACE_COUNT; f++) {
		fx->m.ascent[f] = 800;
		fx->m.descent[f] = -200;
	}
	fx->fallback_has_fffd = true;
	arena_init(&fx->a);
	fx->out = open_memstream(&fx->msgs, &fx->msgs_len);
	diag_init(&fx->d, fx->out);
	fx->p = present_report(fx->r, &fx->st);
	lay_init(&fx->L, fx->p, &fx->st, &fx->m, &fx->a, &fx->d);
}

/* Lay out an evaluated report with the fixture's style and metrics, in the
 * words of its presentation (kept until fixture_free or the next call). */
static inline struct doc *fixture_layout(struct fixture *fx, const struct report *r)
{
	present_free(fx->laid);
	fx->laid = present_report(r, &fx->st);
	return layout_report(fx->laid, &fx->st, &fx->m, &fx->a, &fx->d);
}

/* Messages so far, as one string. */
static inline const char *fixture_messages(struct fixture *fx)
{
	fflush(fx->out);
	return fx->msgs ? fx->msgs : "";
}

static inline void fixture_free(struct fixture *fx)
{
	lay_free(&fx->L);
	present_free(fx->p);
	present_free(fx->laid);
	fclose(fx->out);
	free(fx->msgs);
	arena_free(&fx->a);
	report_free(fx->r);
}

/* Count occurrences of a substring. */
static inline int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

#endif
