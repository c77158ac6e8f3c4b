#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

enum read_status read_whole_file(const char *path, size_t limit, struct file_read *out)
{
	*out = (struct file_read){0};
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		out->err = errno;
		return READ_CANNOT_OPEN;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		out->err = errno;
		close(fd);
		return READ_FAILED;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return READ_FOLDER;
	}
	if (!S_ISREG(st.st_mode)) {
		out->kind = S_ISFIFO(st.st_mode)			  ? "a pipe"
			    : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
			    : S_ISSOCK(st.st_mode)			  ? "a socket"
									  : "not a regular file";
		close(fd);
		return READ_NOT_REGULAR;
	}
	/* Reads block as usual from here: a regular file never waits. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		out->err = errno;
		close(fd);
		return READ_FAILED;
	}
	if ((unsigned long long)st.st_size > limit) {
		out->size = (long long)st.st_size;
		fclose(f);
		return READ_TOO_LARGE;
	}
	/* A regular file may still grow after fstat, so every read is bounded;
	 * unbuffered, so that stdio reads no more than is asked for. */
	setvbuf(f, NULL, _IONBF, 0);
	size_t cap = (size_t)st.st_size + 1, len = 0;
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
