/* Files a layout brings in are refused by what they are and how large they
 * are before they are read: a layout, font or logo that is a device, a pipe
 * or too large costs at most its limit in reading, and never hangs. Bytes
 * read are counted by the kernel (/proc/self/io, rchar). Run from the top of
 * the source tree. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "harness.h"
#include "style.h"

/* Loads the layout `file`; the messages (heap-owned) and bytes read. */
static bool load(const char *file, char **msgs, long long *cost)
{
	struct arena a;
	arena_init(&a);
	struct style st;
	size_t len;
	FILE *out = open_memstream(msgs, &len);
	struct diag d;
	diag_init(&d, out);
	long long before = harness_bytes_read();
	bool ok = style_load(file, ".", &a, &d, &st);
	long long after = harness_bytes_read();
	fclose(out);
	arena_free(&a);
	*cost = before < 0 || after < 0 ? -1 : after - before;
	return ok;
}

/* A layout file in a temporary folder naming `font` and `logo` (either may
 * be NULL); its path is written into `path`. */
static void write_layout(char *path, size_t n, const char *dir, const char *font, const char *logo)
{
	snprintf(path, n, "%s/layout.xml", dir);
	FILE *f = fopen(path, "w");
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<layout format=\"1\">\n");
	if (font)
		fprintf(f, "  <fonts><font face=\"regular\" file=\"%s\"/></fonts>\n", font);
	else
		fprintf(f, "\n");
	if (logo)
		fprintf(f, "  <logo file=\"%s\"/>\n", logo);
	fprintf(f, "</layout>\n");
	fclose(f);
}

/* The checks for one broken layout: refused, exactly `want`, cheap. */
static void expect(const char *file, const char *want, long long max_cost, const char *what)
{
	char *msgs;
	long long cost;
	bool ok = load(file, &msgs, &cost);
	char label[300];
	snprintf(label, sizeof label, "%s: refused", what);
	CHECK(!ok, label);
	snprintf(label, sizeof label, "%s: the message", what);
	CHECK_STR(msgs, want, label);
	snprintf(label, sizeof label, "%s: read at most %lld bytes", what, max_cost);
	if (cost >= 0 && !CHECK(cost <= max_cost, label))
		printf("#   read %lld bytes\n", cost);
	free(msgs);
}

/* The layout itself: an endless device, and a file over the limit. */
static void test_layout_file(const char *dir)
{
	expect("/dev/zero",
	       "/dev/zero: error: the layout file is a device, not a regular file; expected a "
	       "layout file (.xml) saved on disk\n",
	       4096, "/dev/zero as the layout");

	/* A pipe with no writer as the layout: refused at once, not waited on. */
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/pipe.xml", dir);
	CHECK(mkfifo(fifo, 0600) == 0, "a pipe made for the layout");
	char pwant[700];
	snprintf(pwant, sizeof pwant, "%s: error: the layout file is a pipe, not a regular file; "
		 "expected a layout file (.xml) saved on disk\n", fifo);
	alarm(20);
	expect(fifo, pwant, 4096, "a pipe as the layout");
	alarm(0);
	unlink(fifo);

	char path[512], want[700];
	snprintf(path, sizeof path, "%s/huge.xml", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 1048577) == 0, "a sparse layout one byte over the limit");
	if (fd >= 0)
		close(fd);
	snprintf(want, sizeof want,
		 "%s: error: the layout file is 1048577 bytes; expected at most 1048576 bytes (1 MB)\n",
		 path);
	expect(path, want, 4096, "a layout over the limit");
	unlink(path);
}

/* The faces a layout leaves out are still read (DejaVu Sans, under 1 MB
 * each), so a refused font may cost that much, far below its 64 MB limit. */
#define DEFAULT_FACES_COST (8LL * 1024 * 1024)

/* Fonts and logos: a device, a pipe with no writer, a file too large. */
static void test_named_files(const char *dir)
{
	char layout[512], want[3000];
	write_layout(layout, sizeof layout, dir, "/dev/zero", "/dev/zero");
	snprintf(want, sizeof want,
		 "%s:3: error: font file /dev/zero is a device, not a file; expected a TrueType font "
		 "(.ttf)\n"
		 "%s:4: error: logo file /dev/zero is a device, not a file; expected a .png or .jpg "
		 "file\n",
		 layout, layout);
	expect(layout, want, DEFAULT_FACES_COST, "/dev/zero as a font and a logo");

	/* Opening a pipe with no writer for reading blocks; the alarm turns a
	 * hang into a failure. */
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/font.ttf", dir);
	CHECK(mkfifo(fifo, 0600) == 0, "a pipe made");
	write_layout(layout, sizeof layout, dir, "font.ttf", NULL);
	snprintf(want, sizeof want,
		 "%s:3: error: font file %s/font.ttf is a pipe, not a file; expected a TrueType font "
		 "(.ttf)\n",
		 layout, dir);
	alarm(20);
	expect(layout, want, DEFAULT_FACES_COST, "a pipe as a font, found beside the layout");
	alarm(0);
	unlink(fifo);

	char big[512];
	snprintf(big, sizeof big, "%s/big.ttf", dir);
	int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 64L * 1024 * 1024 + 1) == 0, "a sparse font over 64 MB");
	if (fd >= 0)
		close(fd);
	snprintf(big, sizeof big, "%s/big.png", dir);
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 16L * 1024 * 1024 + 1) == 0, "a sparse logo over 16 MB");
	if (fd >= 0)
		close(fd);
	write_layout(layout, sizeof layout, dir, "big.ttf", "big.png");
	snprintf(want, sizeof want,
		 "%s:3: error: font file %s/big.ttf is 67108865 bytes; expected a TrueType font "
		 "(.ttf) of at most 64 MB\n"
		 "%s:4: error: logo file %s/big.png is 16777217 bytes; expected a .png or .jpg file "
		 "of at most 16 MB\n",
		 layout, dir, layout, dir);
	expect(layout, want, DEFAULT_FACES_COST, "a font and a logo too large");
	unlink(big);
	snprintf(big, sizeof big, "%s/big.ttf", dir);
	unlink(big);
	unlink(layout);
}

/* Run every test. */
int main(void)
{
	char dir[] = "/tmp/qreport-style-XXXXXX";
	if (!CHECK(mkdtemp(dir) != NULL, "a temporary folder"))
		return harness_done();
	test_layout_file(dir);
	test_named_files(dir);
	rmdir(dir);
	return harness_done();
}
