/* Atomic output: every output of a run is written into a temporary file (or
 * folder) in the output folder, through a descriptor the program created
 * itself, and all of them are put in place together, or none. */
#ifndef QREPORT_OUTFILE_H
#define QREPORT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* The output folder, held open while a run writes in it: every file is
 * made and renamed relative to this descriptor, so a folder swapped for a
 * link half way cannot send the outputs elsewhere. */
struct out_dir {
	int fd;     /* O_DIRECTORY; -1 when closed. */
	char *path; /* As given, for messages; heap-owned. */
};

/* Create the folder if needed (like mkdir -p) and open it. False after
 * reporting, naming `for_path` (the first output) in the message. */
bool out_dir_open(struct out_dir *o, const char *path, const char *for_path, struct diag *d);
void out_dir_close(struct out_dir *o);

/* One output on its way: a temporary file or folder beside its final name. */
struct outfile {
	const struct out_dir *dir; /* Borrowed. */
	char *name;      /* The final name in the folder; heap-owned. */
	char *temp_name; /* ".NAME.XXXXXX" in the folder; heap-owned. */
	char *path;      /* FOLDER/NAME, for messages; heap-owned. */
	int fd;          /* A file: open for writing. A folder: O_DIRECTORY. */
	bool folder;
	bool installed;
};

/* Make the temporary file (created with O_EXCL and O_NOFOLLOW, so it is
 * new and no link) or folder. It is registered so that an interrupted run
 * removes it. False after reporting. */
bool outfile_begin(struct outfile *f, const struct out_dir *dir, const char *name, bool folder,
		   struct diag *d);

/* Put every output in place, all or none: the folder is locked against
 * other runs (flock), each temporary is exchanged with its final name, and
 * if one cannot be, those already exchanged are put back. The previous
 * versions are removed only once all are in place. False after reporting. */
bool outfile_install(struct outfile *files, size_t n, struct diag *d);

/* Remove the temporary (unless installed), close and free. Safe twice. */
void outfile_abort(struct outfile *f);

/* Close and free, leaving the temporary to the process that installs it. */
void outfile_release(struct outfile *f);

/* In a second process: forget every registered temporary, so that this
 * process never removes what its parent will install or remove. */
void outfile_forget_all(void);

/* One file by path, for tools and tests that write a single output:
 * opens the folder, begins the file; *fd is where to write. */
struct path_output {
	struct out_dir dir;
	struct outfile file;
};
bool path_output_begin(struct path_output *o, const char *path, int *fd, struct diag *d);
/* Install it when `ok`, else remove it; the result of the install. */
bool path_output_end(struct path_output *o, bool ok, struct diag *d);

/* Install SIGINT/SIGTERM/SIGHUP handlers that remove registered temporary
 * files before the process dies. */
void outfile_install_signal_handlers(void);
/* A child process (pid) writes into registered temporary files; a signal
 * or exit stops it before removing the files. Up to eight at once;
 * unwatch one once it is waited for. */
void outfile_watch_child(int pid);
void outfile_unwatch_child(int pid);

/* An anonymous scratch file in $TMPDIR (else /tmp), gone when closed;
 * NULL when none can be made. tmpfile() would ignore TMPDIR. */
FILE *temp_stream(void);

/* Create a folder and its parents (like mkdir -p). False with errno set. */
bool make_dirs(const char *path);

/* Write all `n` bytes to `fd`, going on after short writes and signals;
 * false with errno set. */
bool write_all(int fd, const void *buf, size_t n);

#endif
