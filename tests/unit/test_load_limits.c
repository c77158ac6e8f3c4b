/* The size limit on data files costs no more than it allows: a regular file
 * over the limit is refused by its size without being read, and anything
 * that is not a regular file (/dev/zero, a pipe with no writer) is refused
 * by its kind without reading a byte or waiting. Bytes read are counted by
 * the kernel (/proc/self/io, rchar). */
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "load.h"

/* Loads `path`; *msgs gets the messages (caller frees), *cost the bytes read. */
static struct report *load_counted(const char *path, char **msgs, long long *cost)
{
	size_t len;
	FILE *out = open_memstream(msgs, &len);
	struct diag d;
	diag_init(&d, out);
	long long before = harness_bytes_read();
	struct report *r = load_report(path, &d);
	long long after = harness_bytes_read();
	fclose(out);
	*cost = before < 0 || after < 0 ? -1 : after - before;
	return r;
}

/* An endless device is refused by its kind, before a byte is read. */
static void test_endless(void)
{
	char *msgs;
	long long cost;
	struct report *r = load_counted("/dev/zero", &msgs, &cost);
	CHECK(r == NULL, "/dev/zero is refused");
	CHECK_STR(msgs, "/dev/zero: error: the data file is a device, not a regular file; "
		  "expected an XML data file saved on disk\n",
		  "/dev/zero: the message says it is a device");
	if (cost >= 0) {
		/* The count includes /proc/self/io itself, a few hundred bytes. */
		if (!CHECK(cost <= 4096, "/dev/zero: not read at all"))
			printf("#   read %lld bytes\n", cost);
	}
	report_free(r);
	free(msgs);
}

/* A pipe with no writer would block an ordinary open for ever; the alarm
 * turns such a hang into a failure. */
static void test_pipe(void)
{
	char dir[] = "/tmp/qreport-fifo-XXXXXX";
	if (!CHECK(mkdtemp(dir) != NULL, "a temporary folder"))
		return;
	char fifo[64];
	snprintf(fifo, sizeof fifo, "%s/data.xml", dir);
	CHECK(mkfifo(fifo, 0600) == 0, "a pipe made");
	char *msgs;
	long long cost;
	alarm(20);
	struct report *r = load_counted(fifo, &msgs, &cost);
	alarm(0);
	CHECK(r == NULL, "a pipe is refused at once");
	char want[200];
	snprintf(want, sizeof want, "%s: error: the data file is a pipe, not a regular file; "
		 "expected an XML data file saved on disk\n", fifo);
	CHECK_STR(msgs, want, "a pipe: the message says it is a pipe");
	report_free(r);
	free(msgs);
	unlink(fifo);
	rmdir(dir);
}

/* A regular file one byte over the limit (sparse, so it costs no disk) is
 * refused by its size; one exactly at the limit is read and judged on its
 * content. */
static void test_regular(void)
{
	char path[] = "/tmp/qreport-limit-XXXXXX";
	int fd = mkstemp(path);
	if (!CHECK(fd >= 0, "a temporary file"))
		return;
	CHECK(ftruncate(fd, LOAD_MAX_FILE_BYTES + 1) == 0, "made one byte over the limit");
	char *msgs;
	long long cost;
	struct report *r = load_counted(path, &msgs, &cost);
	CHECK(r == NULL, "a file over the limit is refused");
	char want[300];
	snprintf(want, sizeof want,
		 "%s: error: the file is %ld bytes; expected at most %ld bytes (64 MB) in one data "
		 "file\n",
		 path, (long)LOAD_MAX_FILE_BYTES + 1, (long)LOAD_MAX_FILE_BYTES);
	CHECK_STR(msgs, want, "a file over the limit: its size in the message");
	if (cost >= 0 && !CHECK(cost < 4096, "a file over the limit: not read"))
		printf("#   read %lld bytes\n", cost);
	report_free(r);
	free(msgs);

	CHECK(ftruncate(fd, LOAD_MAX_FILE_BYTES) == 0, "made exactly the limit");
	r = load_counted(path, &msgs, &cost);
	CHECK(r == NULL && strstr(msgs, "a NUL byte") != NULL,
	      "a file at the limit is read and judged on what it holds");
	if (cost >= 0 && !CHECK(cost <= LOAD_MAX_FILE_BYTES + 4096, "a file at the limit: read once"))
		printf("#   read %lld bytes\n", cost);
	report_free(r);
	free(msgs);
	close(fd);
	unlink(path);
}

/* Run every test. */
int main(void)
{
	test_endless();
	test_pipe();
	test_regular();
	return harness_done();
}
