#include "readfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "arena.h"

enum read_status read_whole_file(const char *path, size_t limit, struct file_read *out)
{
	*out = (struct file_read){0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		out->err = errno;
		return READ_CANNOT_OPEN;
	}
	struct stat st;
	bool known = fstat(fileno(f), &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		fclose(f);
		return READ_FOLDER;
	}
	bool regular = known && S_ISREG(st.st_mode);
	if (regular && (unsigned long long)st.st_size > limit) {
		out->size = (long long)st.st_size;
		fclose(f);
		return READ_TOO_LARGE;
	}
	/* A regular file may still grow after fstat, so every read is bounded;
	 * unbuffered, so that stdio reads no more than is asked for. */
	setvbuf(f, NULL, _IONBF, 0);
	size_t cap = regular ? (size_t)st.st_size + 1 : 65536, len = 0;
	char *buf = xmalloc(cap);
	while (len <= limit) {
		if (len == cap) {
			cap = cap > limit / 2 ? limit + 1 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	bool failed = ferror(f);
	out->err = errno;
	fclose(f);
	if (failed || len > limit) {
		free(buf);
		return failed ? READ_FAILED : READ_GOES_ON;
	}
	out->err = 0;
	if (len == cap)
		buf = xrealloc(buf, cap + 1);
	buf[len] = '\0';
	out->data = buf;
	out->len = len;
	return READ_OK;
}
