/* Whole files into memory, with a ceiling: data files, layouts and fonts are
 * all read this way, so none can make the program read without end. */
#ifndef QREPORT_READFILE_H
#define QREPORT_READFILE_H

#include <stddef.h>

enum read_status {
	READ_OK,
	READ_CANNOT_OPEN, /* err says why. */
	READ_FOLDER,      /* The path names a folder. */
	READ_TOO_LARGE,   /* A regular file over the limit; size says how large. */
	READ_GOES_ON,     /* A pipe or device still going past the limit. */
	READ_FAILED,      /* A read failed; err says why. */
};

struct file_read {
	char *data;     /* Heap-owned and NUL-terminated when READ_OK, else NULL. */
	size_t len;     /* Bytes read, not counting the NUL. */
	long long size; /* The size the system gave, for READ_TOO_LARGE. */
	int err;        /* errno, for READ_CANNOT_OPEN and READ_FAILED. */
};

/* Read `path` whole, refusing anything over `limit` bytes: a regular file
 * by its size, before reading a byte; a pipe, device or other stream as
 * soon as it passes the limit, so that /dev/zero costs no more than the
 * limit and one byte. */
enum read_status read_whole_file(const char *path, size_t limit, struct file_read *out);

#endif
