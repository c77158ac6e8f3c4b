/* A run's outputs: one temporary per back end asked for, made in the output
 * folder before any is written; the back ends split between this process
 * and a second one; and, only when every one succeeded, all put in place
 * together. A failure of any back end installs none, so the folder never
 * holds a new PDF beside an old workbook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "render.h"

/* The output's name: the data file's name without .xml, then the suffix. */
/* See render.h. */
char *output_name(const char *data_path, const char *suffix)
{
	const char *base = strrchr(data_path, '/');
	base = base ? base + 1 : data_path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	size_t len = n + strlen(suffix) + 1;
	char *p = xmalloc(len);
	snprintf(p, len, "%.*s%s", (int)n, base, suffix);
	return p;
}

/* The worse of two results: a bad layout outranks a failed write, as the
 * user can fix the one and not always the other. */
static enum write_result worse(enum write_result a, enum write_result b)
{
	if (a == WRITE_BAD_INPUT || b == WRITE_BAD_INPUT)
		return WRITE_BAD_INPUT;
	return a != WRITE_OK ? a : b;
}

/* Everything a run's outputs share. */
struct output_run {
	const struct backend *be[MAX_BACKENDS];
	struct outfile files[MAX_BACKENDS];
	size_t n;
	const struct backend_job *job;
	const bool *wanted; /* One flag per back end: what the run writes. */
};

/* Run the back ends in this process whose own_process flag is `own`,
 * stopping at the first failure. */
static enum write_result write_some(struct output_run *run, bool own)
{
	for (size_t i = 0; i < run->n; i++) {
		if (run->be[i]->own_process != own)
			continue;
		struct backend_job job = *run->job;
		job.path = run->files[i].path;
		job.written = run->wanted;
		enum write_result res = run->be[i]->write(&job, run->files[i].fd);
		if (res != WRITE_OK)
			return res;
	}
	return WRITE_OK;
}

/* The first output the second process writes. */
static size_t first_own(const struct output_run *run)
{
	for (size_t i = 0; i < run->n; i++)
		if (run->be[i]->own_process)
			return i;
	return run->n;
}

/* Start the second process and, in it, write its outputs. NONE when it
 * could not be started; IS_ME in the child, with *res its result. */
static enum output_child_role start_child(struct output_run *run, struct output_child *child,
					  enum write_result *res)
{
	size_t k = first_own(run);
	enum output_child_role role =
		output_child_start(child, run->files[k].path, run->be[k]->noun);
	if (role == OUTPUT_CHILD_IS_ME) {
		*res = WRITE_FAILED;
		if (output_child_begin(child))
			*res = write_some(run, true);
		output_child_end(child);
	}
	return role;
}

enum write_result write_outputs(const bool *wanted, const char *out_dir,
				const struct backend_job *job, bool *is_child)
{
	*is_child = false;
	struct diag *d = job->d;
	struct output_run run = {.job = job, .wanted = wanted};
	for (size_t i = 0; i < nbackends && run.n < sizeof run.be / sizeof *run.be; i++)
		if (wanted[i])
			run.be[run.n++] = &backends[i];
	if (run.n == 0)
		return WRITE_OK;

	char *first = output_name(job->r->path, run.be[0]->suffix);
	size_t len = strlen(out_dir) + 1 + strlen(first) + 1;
	char *first_path = xmalloc(len);
	snprintf(first_path, len, "%s/%s", out_dir, first);
	free(first);
	struct out_dir dir;
	bool ok = out_dir_open(&dir, out_dir, first_path, d);
	free(first_path);
	if (!ok)
		return WRITE_FAILED;
	size_t begun = 0;
	for (; begun < run.n; begun++) {
		char *name = output_name(job->r->path, run.be[begun]->suffix);
		ok = outfile_begin(&run.files[begun], &dir, name, run.be[begun]->folder, d);
		free(name);
		if (!ok)
			break;
	}

	enum write_result res = ok ? WRITE_OK : WRITE_FAILED;
	bool has_own = first_own(&run) < run.n;
	struct output_child child;
	enum output_child_role role = OUTPUT_CHILD_NONE;
	/* With two processors the second process works beside this one. */
	if (ok && has_own && sysconf(_SC_NPROCESSORS_ONLN) > 1)
		role = start_child(&run, &child, &res);
	if (role == OUTPUT_CHILD_IS_ME) {
		*is_child = true;
		for (size_t i = 0; i < begun; i++)
			outfile_release(&run.files[i]);
		out_dir_close(&dir);
		return res;
	}
	if (ok)
		res = write_some(&run, false);
	if (role == OUTPUT_CHILD_STARTED && res != WRITE_OK) {
		output_child_cancel(&child);
	} else if (has_own && res == WRITE_OK) {
		/* On one processor the second process starts now, only to contain. */
		if (role == OUTPUT_CHILD_NONE)
			role = start_child(&run, &child, &res);
		switch (role) {
		case OUTPUT_CHILD_IS_ME:
			*is_child = true;
			for (size_t i = 0; i < begun; i++)
				outfile_release(&run.files[i]);
			out_dir_close(&dir);
			return res;
		case OUTPUT_CHILD_STARTED:
			res = worse(res, output_child_finish(&child, d));
			break;
		case OUTPUT_CHILD_NONE:
			res = write_some(&run, true);
			break;
		}
	}
	if (res == WRITE_OK && !outfile_install(run.files, run.n, d))
		res = WRITE_FAILED;
	for (size_t i = 0; i < begun; i++)
		outfile_abort(&run.files[i]);
	out_dir_close(&dir);
	return res;
}

enum write_result write_output_file(backend_write_fn write, const struct backend_job *job,
				    const char *path)
{
	struct path_output out;
	int fd;
	if (!path_output_begin(&out, path, &fd, job->d))
		return WRITE_FAILED;
	struct backend_job j = *job;
	j.path = path;
	enum write_result res = write(&j, fd);
	if (!path_output_end(&out, res == WRITE_OK, job->d) && res == WRITE_OK)
		res = WRITE_FAILED;
	return res;
}
