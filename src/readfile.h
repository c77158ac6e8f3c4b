/* Whole files into memory, with a ceiling: data files, layouts and fonts are
 * all read this way, so none can make the program read without end. */
#ifndef QREPORT_READFILE_H
#define QREPORT_READFILE_H

#include <stddef.h>

enum read_status {
	READ_OK,
	READ_CANNOT_OPEN, /* err says why. */
	READ_FOLDER,      /* The path names a folder. */
	READ_NOT_REGULAR, /* A pipe, device or socket; kind says which. */
	READ_TOO_LARGE,   /* A regular file over the limit; size says how large. */
	READ_GOES_ON,     /* A file that grew past the limit while read. */
	READ_FAILED,      /* A read failed; err says why. */
};

struct file_read {
	char *data;     /* Heap-owned and NUL-terminated when READ_OK, else NULL. */
	size_t len;     /* Bytes read, not counting the NUL. */
	long long size; /* The size the system gave, for READ_TOO_LARGE. */
	int err;        /* errno, for READ_CANNOT_OPEN and READ_FAILED. */
	const char *kind; /* "a pipe", "a device", "a socket" for READ_NOT_REGULAR. */
};

/* Read `path` whole, refusing anything over `limit` bytes by its size,
 * before reading a byte, and anything that is not a regular file: it is
 * opened without blocking, so a pipe with no writer is refused at once
 * rather than waited on, and a device such as /dev/zero is never read. */
enum read_status read_whole_file(const char *path, size_t limit, struct file_read *out);

#endif
