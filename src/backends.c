/* The table of back ends: one row per output the program can write. A new
 * output is one new file with its write function and one row here;
 * `--format`, the default set, the output names and which process writes
 * it all follow from the row. */
#include <string.h>

#include "render.h"

const struct backend backends[] = {
	/* name    suffix   noun            folder default own process */
	{"pdf", ".pdf", "the PDF", false, true, false, render_pdf},
	{"xlsx", ".xlsx", "the workbook", false, true, true, render_xlsx},
	{"html", ".html", "the web page", false, true, false, render_html},
	{"csv", ".csv", "the CSV", false, true, false, render_csv},
	{"scorecard", "-scorecard.pdf", "the scorecard", false, true, false, render_scorecard},
	{"charts", "-charts", "the chart images", true, false, false, render_charts},
	{"release", "-release.md", "the press release", false, true, false, render_release_md},
	{"release", "-release.txt", "the press release's text", false, true, false,
	 render_release_txt},
};

const size_t nbackends = sizeof backends / sizeof backends[0];
_Static_assert(sizeof backends / sizeof backends[0] <= MAX_BACKENDS,
	       "raise MAX_BACKENDS in render.h");

const struct backend *backend_find(const char *name, size_t n)
{
	for (size_t i = 0; i < nbackends; i++)
		if (strlen(backends[i].name) == n && strncmp(backends[i].name, name, n) == 0)
			return &backends[i];
	return NULL;
}
