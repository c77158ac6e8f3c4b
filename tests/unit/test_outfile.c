/* Installing a run's outputs: files and folders, all or none. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "outfile.h"

static char root[64];

/* The content of FOLDER/NAME, or "" when it cannot be read. */
static const char *content(const char *name)
{
	static char buf[256];
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, name);
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return buf;
}

static void put(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* Entries in the folder whose names start with a dot. */
static int hidden_entries(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "find %s -name '.*' | wc -l", root);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (fscanf(p, "%d", &n) != 1)
		n = -1;
	pclose(p);
	return n;
}

/* A file and a folder output, written and installed over old versions. */
static void test_file_and_folder(void)
{
	struct diag d;
	diag_init(&d, stderr);
	put("r.pdf", "old pdf");
	char path[256];
	snprintf(path, sizeof path, "%s/r-charts", root);
	mkdir(path, 0777);
	put("r-charts/old.png", "old chart");

	struct out_dir dir;
	CHECK(out_dir_open(&dir, root, "r.pdf", &d), "the output folder opens");
	struct outfile f[2];
	CHECK(outfile_begin(&f[0], &dir, "r.pdf", false, &d), "a file output begins");
	CHECK(outfile_begin(&f[1], &dir, "r-charts", true, &d), "a folder output begins");
	CHECK(write_all(f[0].fd, "new pdf", 7), "the file is written through its descriptor");
	int c = openat(f[1].fd, "one.png", O_WRONLY | O_CREAT | O_EXCL, 0666);
	CHECK(c >= 0 && write_all(c, "new chart", 9), "a file in the folder output is written");
	close(c);
	CHECK_STR(content("r.pdf"), "old pdf", "nothing changes before the install");
	CHECK(outfile_install(f, 2, &d), "both are installed");
	CHECK_STR(content("r.pdf"), "new pdf", "the new file is in place");
	CHECK_STR(content("r-charts/one.png"), "new chart", "the new folder is in place");
	CHECK(access(path, F_OK) == 0 && content("r-charts/old.png")[0] == '\0',
	      "the old folder is gone whole");
	outfile_abort(&f[0]);
	outfile_abort(&f[1]);
	CHECK_INT(hidden_entries(), 0, "no temporary is left");
	out_dir_close(&dir);
}

/* The second output cannot go in: the first is put back as it was. */
static void test_none_when_one_fails(void)
{
	struct diag d;
	char *msgs = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&msgs, &len);
	diag_init(&d, mem);
	put("s.pdf", "old pdf");
	char path[256];
	snprintf(path, sizeof path, "%s/s.xlsx", root);
	mkdir(path, 0777);

	struct out_dir dir;
	out_dir_open(&dir, root, "s.pdf", &d);
	struct outfile f[3];
	outfile_begin(&f[0], &dir, "s.pdf", false, &d);
	outfile_begin(&f[1], &dir, "s.csv", false, &d);
	outfile_begin(&f[2], &dir, "s.xlsx", false, &d);
	for (int i = 0; i < 3; i++)
		write_all(f[i].fd, "new", 3);
	CHECK(!outfile_install(f, 3, &d), "a folder with a file output's name fails the install");
	fclose(mem);
	CHECK(msgs && strstr(msgs, "s.xlsx: error: cannot put the file in place: a folder has its name"),
	      "the message names the output and the cause");
	CHECK_STR(content("s.pdf"), "old pdf", "the first output keeps its old version");
	snprintf(path, sizeof path, "%s/s.csv", root);
	CHECK(access(path, F_OK) != 0, "an output that did not exist before is not made");
	for (int i = 0; i < 3; i++)
		outfile_abort(&f[i]);
	CHECK_INT(hidden_entries(), 0, "no temporary is left");
	out_dir_close(&dir);
	free(msgs);
}

/* A temporary name swapped for something else is never installed. */
static void test_swapped_temporary(void)
{
	struct diag d;
	char *msgs = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&msgs, &len);
	diag_init(&d, mem);
	struct out_dir dir;
	out_dir_open(&dir, root, "t.pdf", &d);
	struct outfile f;
	outfile_begin(&f, &dir, "t.pdf", false, &d);
	write_all(f.fd, "new", 3);
	char path[256], target[256];
	snprintf(path, sizeof path, "%s/%s", root, f.temp_name);
	snprintf(target, sizeof target, "%s/victim", root);
	put("victim", "precious");
	unlink(path);
	CHECK(symlink(target, path) == 0, "the temporary is swapped for a link");
	CHECK(!outfile_install(&f, 1, &d), "the install refuses");
	fclose(mem);
	CHECK(msgs && strstr(msgs, "replaced by something else"), "and says why");
	CHECK_STR(content("victim"), "precious", "the link's target is untouched");
	snprintf(path, sizeof path, "%s/t.pdf", root);
	struct stat st;
	CHECK(lstat(path, &st) != 0, "nothing is installed");
	outfile_abort(&f);
	out_dir_close(&dir);
	free(msgs);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/qreport-outfile.XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(root))
		return 1;
	test_file_and_folder();
	test_none_when_one_fails();
	test_swapped_temporary();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	return harness_done();
}
