/* The chart images back end: a folder with, for each measure that has a
 * chart (two or more periods with a value), ID.svg and ID.png, the same
 * picture (chart.h), and ID.txt, its text alternative, for the post that
 * carries it. Files are named by the measure's id, which the loader
 * keeps to lower-case letters, digits and hyphens, and nothing else is
 * in the folder. The folder is put in place with the run's other
 * outputs, or not at all. */
/* syncfs(2), Linux's: the whole folder on disk in one call. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "outfile.h"
#include "render.h"

/* Write `n` bytes as `name` in the folder `dir`: a new file, never through
 * a link. False with errno. */
static bool put_file(int dir, const char *name, const char *bytes, size_t n)
{
	int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return false;
	bool ok = write_all(fd, bytes, n);
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	errno = err;
	return ok;
}

/* Draw the charts whose place among the report's charts is `share` modulo
 * `shares`, into the folder `dir`. */
static enum write_result draw_charts(const struct backend_job *job, int dir,
				     const struct chart_look *look, size_t share, size_t shares)
{
	const struct presentation *p = job->pres;
	struct chart_raster *raster = NULL;
	enum write_result res = WRITE_OK;
	struct strbuf svg = {0}, png = {0}, txt = {0};
	size_t nth = 0;
	for (size_t i = 0; i < p->r->nmeasures && res == WRITE_OK; i++) {
		const struct pres_measure *pm = &p->measures[i];
		if (!pm->full.drawn || nth++ % shares != share)
			continue;
		char why[256] = "";
		if (!raster && !(raster = chart_raster_new(job->st, why, sizeof why))) {
			diag_error(job->d, job->path, 0, "cannot start the chart renderer: %s; expected "
				   "Debian's librsvg2-2, libcairo2 and fontconfig (apt-get install "
				   "librsvg2-2 fontconfig)", why);
			res = WRITE_FAILED;
			break;
		}
		svg.n = png.n = 0;
		chart_image_svg(&svg, pm, p, look);
		if (!chart_raster_png(raster, &svg, &png, why, sizeof why)) {
			diag_error(job->d, job->path, 0, "cannot render the chart of %s as PNG: %s; "
				   "nothing was written", pm->m->id, why);
			res = WRITE_FAILED;
			break;
		}
		txt.n = 0;
		sb_add(&txt, pm->full.alt ? pm->full.alt : "");
		sb_addc(&txt, '\n');
		struct {
			const char *ext, *bytes;
			size_t n;
		} files[] = {
			{"svg", svg.s, svg.n},
			{"png", png.s, png.n},
			{"txt", txt.s, txt.n},
		};
		for (size_t f = 0; f < 3 && res == WRITE_OK; f++) {
			char name[512];
			snprintf(name, sizeof name, "%s.%s", pm->m->id, files[f].ext);
			if (!put_file(dir, name, files[f].bytes, files[f].n)) {
				diag_error(job->d, job->path, 0, "cannot write %s in the charts' folder: %s; "
					   "the previous charts, if any, are unchanged", name,
					   strerror(errno));
				res = WRITE_FAILED;
			}
		}
	}
	sb_free(&svg);
	sb_free(&png);
	sb_free(&txt);
	chart_raster_free(raster);
	return res;
}

/* Fewest charts worth a helper process: starting one costs a few ms. */
#define HELPER_CHARTS 16

/* See render.h. Each chart takes some milliseconds to render and
 * compress, so with two processors or more and enough charts a helper
 * process draws every other one beside this one (the renderer is started
 * in each after the fork, never shared). */
enum write_result render_charts(const struct backend_job *job, int dir)
{
	const struct presentation *p = job->pres;
	size_t n = 0;
	for (size_t i = 0; i < p->r->nmeasures; i++)
		n += p->measures[i].full.drawn;
	struct chart_look look;
	chart_look_init(&look, job->st);
	struct output_child helper;
	enum output_child_role role = OUTPUT_CHILD_NONE;
	if (n >= HELPER_CHARTS && sysconf(_SC_NPROCESSORS_ONLN) > 1)
		role = output_child_start(&helper, job->path, "the chart images");
	enum write_result res;
	if (role == OUTPUT_CHILD_IS_ME) {
		res = WRITE_FAILED;
		if (output_child_begin(&helper))
			res = draw_charts(job, dir, &look, 1, 2);
		output_child_end(&helper);
		/* The helper's work is in the folder; all else is the parent's. */
		_exit(res);
	}
	res = draw_charts(job, dir, &look, 0, role == OUTPUT_CHILD_STARTED ? 2 : 1);
	if (role == OUTPUT_CHILD_STARTED) {
		if (res == WRITE_OK) {
			enum write_result theirs = output_child_finish(&helper, job->d);
			res = theirs != WRITE_OK ? theirs : res;
		} else {
			output_child_cancel(&helper);
		}
	}
	/* Every file on disk before the folder is put in place: one call for
	 * the file system rather than one per file, thousands of them. */
	if (res == WRITE_OK && syncfs(dir) != 0 && errno != EROFS) {
		diag_error(job->d, job->path, 0, "cannot write the charts' folder: %s; the previous "
			   "charts, if any, are unchanged", strerror(errno));
		res = WRITE_FAILED;
	}
	chart_look_free(&look);
	return res;
}
