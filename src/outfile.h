/* Atomic output: write to a temporary file in the target folder, then rename. */
#ifndef QREPORT_OUTFILE_H
#define QREPORT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct outfile {
	char *final_path; /* Heap-owned. */
	char *temp_path;  /* Heap-owned; exists on disk between begin and commit/abort. */
};

/* Create the target folder if needed and an empty temporary file beside the
 * target. The temporary path is registered so an interrupted run removes it. */
bool outfile_begin(struct outfile *f, const char *final_path, struct diag *d);
/* Rename into place (fsync first). On failure the temporary file is removed. */
bool outfile_commit(struct outfile *f, struct diag *d);
/* Remove the temporary file. Safe after commit. */
void outfile_abort(struct outfile *f);
/* Leave the temporary file for another process to commit or remove, and
 * forget it here (an exit no longer removes it). */
void outfile_release(struct outfile *f);

/* Install SIGINT/SIGTERM/SIGHUP handlers that remove registered temporary
 * files before the process dies. */
void outfile_install_signal_handlers(void);
/* A child process (pid) writes one of the registered temporary files; a
 * signal or exit stops it before removing the files. 0 forgets it. */
void outfile_watch_child(int pid);

/* An anonymous scratch file in $TMPDIR (else /tmp), gone when closed;
 * NULL when none can be made. tmpfile() would ignore TMPDIR. */
FILE *temp_stream(void);

/* Create a folder and its parents (like mkdir -p). */
bool make_dirs(const char *path);

#endif
