/* bench: how long qreport takes and how much memory it needs, from the bundled
 * example up to a report ten times the size of New York's.
 *
 *   bench QREPORT_BINARY [MEASURES...]
 *
 * For each data file it times whole runs of the program (PDF only, workbook
 * only, both) and, in-process through the library, each phase of the
 * pipeline. Every size is measured in child processes so one size's memory
 * peak never shows in the next. Synthetic files come from gen-report.
 * It is a benchmark, not a test: it prints PASS or MISS against the targets
 * and always exits 0 once it has run. Run it from the top of the source tree. */

/* wait4 gives one child's own peak memory (RUSAGE_CHILDREN would mix every
 * child's); getloadavg says how busy the machine was. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "paths.h"
#include "present.h"
#include "render.h"
#include "style.h"

#include <xlsxwriter.h>

extern char **environ;

#define EXAMPLE "examples/independence-fy2018-q1.xml"
#define LAYOUT "independence"
#define REFERENCE_SIZE 2000 /* Other sizes' times are shown as a multiple of this one's. */
#define BIG_SIZE 10000      /* Held to a multiple of the reference time. */
#define MAX_SIZES 16
#define MAX_RUNS 9

/* The targets the figures are held against. */
#define TARGET_EXAMPLE_S 0.050
#define TARGET_REFERENCE_S 1.5
#define TARGET_REFERENCE_PEAK_MB 150.0
#define TARGET_BIG_RATIO 5.5
#define TARGET_CYCLE_S 0.5 /* Each step of the quarterly cycle at the reference size. */
#define TARGET_WEB_S 0.3            /* The page and the CSV, at the reference size. */
#define TARGET_PAGE_MB 6.0
#define TARGET_PRESS_S 1.0          /* The press packet, all three, at the reference size. */

enum phase { PH_LOAD, PH_EVAL, PH_SETUP, PH_LAYOUT, PH_PDF, PH_XLSX, PH_PAGE, PH_CSV, PH_TOTAL,
	     PH_COUNT };

static const char *const phase_names[PH_COUNT] = {
	"load", "evaluate", "set-up", "lay out", "PDF", "workbook", "page", "CSV", "total",
};

enum mode { MODE_PDF, MODE_XLSX, MODE_BOTH, MODE_COUNT };

static const char *const mode_formats[MODE_COUNT] = {"pdf", "xlsx", "pdf,xlsx"};

/* What the in-process child sends back through its pipe. */
struct inproc_result {
	bool ok;
	size_t nmeasures, ngoals, pages;
	double median[PH_COUNT]; /* Seconds. */
	long long pdf_bytes, xlsx_bytes, page_bytes, csv_bytes;
	size_t model_bytes;      /* Handed out by the report's arena. */
	size_t layout_bytes;     /* Handed out by the layout's arena. */
};

/* Everything measured for one data file. */
struct size_result {
	const char *label;       /* "example" or the number of measures. */
	int measures;            /* Asked of the generator; 0 for the example. */
	const char *path;        /* The data file. */
	long long file_bytes;
	int runs;
	struct inproc_result in;
	long inproc_peak_kb;
	bool run_ok[MODE_COUNT];
	double run_median[MODE_COUNT]; /* Whole runs of the binary, seconds. */
	double run_cpu[MODE_COUNT];    /* Their median user + system time, seconds. */
	long run_peak_kb[MODE_COUNT];      /* The largest process's peak. */
	long run_tree_peak_kb[MODE_COUNT]; /* All the program's processes together. */
};

/* ---- small helpers ---- */

/* Seconds on a clock that never jumps. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* qsort comparison for doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of n values (sorts a copy). */
static double median(const double *v, int n)
{
	double s[MAX_RUNS];
	memcpy(s, v, (size_t)n * sizeof *s);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* Size of a file in bytes, or -1. */
static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* A heap-owned "a/b". */
static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* What one run of a program cost. */
struct run_cost {
	double wall;   /* Seconds from start to exit. */
	double cpu;    /* User and system seconds: less disturbed by a busy machine. */
	long peak_kb;  /* Peak resident memory of the largest process. */
	long tree_peak_kb; /* Peak of all its processes together, sampled. */
};

/* Seconds in a timeval. */
static double tv_seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* Proportional resident memory of a process, in kilobytes (pages shared
 * with another process count half to each); 0 once it is gone. */
static long resident_kb(pid_t pid)
{
	char path[64], line[128];
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	long kb = 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Pss: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Memory of a process and its children together: the program writes the
 * workbook in a second process, and the machine must hold both, while
 * ru_maxrss only ever gives one process's peak. Proportional sizes, so the
 * pages the two share after fork count once. */
static long tree_resident_kb(pid_t pid)
{
	long kb = resident_kb(pid);
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return kb;
	int child;
	while (fscanf(f, "%d", &child) == 1)
		kb += resident_kb((pid_t)child);
	fclose(f);
	return kb;
}

/* Run a program, stdout to `out_path` (or /dev/null); its cost, when `cost`
 * is not NULL, comes from wait4. True if it exited 0. */
static bool run_program_opt(char *const argv[], const char *out_path, struct run_cost *cost,
			    bool sample, bool hush)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path ? out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (hush)
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	double t0 = now();
	pid_t pid;
	int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0) {
		fprintf(stderr, "bench: cannot run %s: %s\n", argv[0], strerror(err));
		return false;
	}
	int status;
	struct rusage ru;
	long tree_kb = 0;
	for (;;) {
		pid_t got = wait4(pid, &status, sample ? WNOHANG : 0, &ru);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR)
			return false;
		if (got == 0) {
			long kb = tree_resident_kb(pid);
			if (kb > tree_kb)
				tree_kb = kb;
			nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
		}
	}
	if (cost) {
		cost->wall = now() - t0;
		cost->cpu = tv_seconds(ru.ru_utime) + tv_seconds(ru.ru_stime);
		cost->peak_kb = ru.ru_maxrss;
		cost->tree_peak_kb = tree_kb > ru.ru_maxrss ? tree_kb : ru.ru_maxrss;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* run_program_opt with the program's messages shown. */
static bool run_program(char *const argv[], const char *out_path, struct run_cost *cost,
			bool sample)
{
	return run_program_opt(argv, out_path, cost, sample, false);
}

/* nftw callback that removes everything under the scratch folder. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* ---- the generator ---- */

/* gen-report beside this program, or one compiled into the scratch folder
 * from tools/gen-report.c when the build has not made it. Heap-owned. */
static char *find_generator(const char *argv0, const char *scratch)
{
	char *dir = xstrdup(argv0);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	char *beside = join(slash ? dir : ".", "gen-report");
	free(dir);
	if (access(beside, X_OK) == 0)
		return beside;
	free(beside);

	char *built = join(scratch, "gen-report");
	const char *cc = getenv("CC");
	char *argv[] = {(char *)(cc && *cc ? cc : "cc"), (char *)"-std=c11", (char *)"-O2",
			(char *)"-o", built, (char *)"tools/gen-report.c", NULL};
	if (!run_program(argv, NULL, NULL, false)) {
		fprintf(stderr, "bench: could not build tools/gen-report.c; run from the source tree\n");
		free(built);
		return NULL;
	}
	return built;
}

/* ---- in-process phases ---- */

/* One pass through the pipeline, as the program makes it, timing each phase. */
static bool pipeline_once(const char *data, const char *datadir, const char *pdf_path,
			  const char *xlsx_path, const char *page_path, const char *csv_path,
			  double t[PH_COUNT], struct inproc_result *res)
{
	struct diag d;
	diag_init(&d, stderr);
	d.quiet = 1;
	bool ok = false;
	struct arena style_arena, layout_arena;
	arena_init(&style_arena);
	arena_init(&layout_arena);
	struct pdf_writer *w = NULL;
	struct presentation *p = NULL;

	double t0 = now();
	struct report *r = load_report(data, &d);
	if (!r || d.errors)
		goto done;
	double t1 = now();
	eval_report(r);
	double t2 = now();
	struct style st;
	if (!style_load(LAYOUT, datadir, &style_arena, &d, &st))
		goto done;
	p = present_report(r, &st);
	w = pdf_writer_new(&st, &d);
	if (!w)
		goto done;
	double t3 = now();
	struct doc *doc = layout_report(p, &st, pdf_writer_metrics(w), &layout_arena, &d);
	if (!doc)
		goto done;
	double t4 = now();
	if (pdf_writer_save(w, doc, r, &st, pdf_path, NULL, &d) != WRITE_OK)
		goto done;
	/* The program lets go of the PDF before the workbook, so peaks match. */
	res->pages = doc->npages;
	res->layout_bytes = layout_arena.total;
	pdf_writer_free(w);
	w = NULL;
	arena_free(&layout_arena);
	double t5 = now();
	struct backend_job job = {.r = r, .st = &st, .datadir = datadir, .pres = p, .d = &d};
	if (write_output_file(render_xlsx, &job, xlsx_path) != WRITE_OK)
		goto done;
	double t6 = now();
	if (write_output_file(render_html, &job, page_path) != WRITE_OK)
		goto done;
	double t7 = now();
	if (write_output_file(render_csv, &job, csv_path) != WRITE_OK)
		goto done;
	double t8 = now();

	t[PH_LOAD] = t1 - t0;
	t[PH_EVAL] = t2 - t1;
	t[PH_SETUP] = t3 - t2;
	t[PH_LAYOUT] = t4 - t3;
	t[PH_PDF] = t5 - t4;
	t[PH_XLSX] = t6 - t5;
	t[PH_PAGE] = t7 - t6;
	t[PH_CSV] = t8 - t7;
	t[PH_TOTAL] = t8 - t0;
	res->nmeasures = r->nmeasures;
	res->ngoals = r->ngoals;
	res->model_bytes = r->arena.total;
	ok = true;
done:
	if (w)
		pdf_writer_free(w);
	arena_free(&layout_arena);
	arena_free(&style_arena);
	present_free(p);
	report_free(r);
	return ok;
}

/* Child process: `runs` passes through the pipeline; medians go to `fd`. */
static void inproc_child(int fd, const struct size_result *s, const char *datadir,
			 const char *scratch)
{
	struct inproc_result res;
	memset(&res, 0, sizeof res);
	char *pdf_path = join(scratch, "inproc.pdf");
	char *xlsx_path = join(scratch, "inproc.xlsx");
	char *page_path = join(scratch, "inproc.html");
	char *csv_path = join(scratch, "inproc.csv");
	double t[MAX_RUNS][PH_COUNT];
	res.ok = true;
	for (int i = 0; i < s->runs && res.ok; i++)
		res.ok = pipeline_once(s->path, datadir, pdf_path, xlsx_path, page_path, csv_path, t[i],
				       &res);
	if (res.ok) {
		for (int p = 0; p < PH_COUNT; p++) {
			double v[MAX_RUNS];
			for (int i = 0; i < s->runs; i++)
				v[i] = t[i][p];
			res.median[p] = median(v, s->runs);
		}
		res.pdf_bytes = file_size(pdf_path);
		res.xlsx_bytes = file_size(xlsx_path);
		res.page_bytes = file_size(page_path);
		res.csv_bytes = file_size(csv_path);
	}
	free(pdf_path);
	free(xlsx_path);
	free(page_path);
	free(csv_path);
	ssize_t n = write(fd, &res, sizeof res);
	_exit(n == (ssize_t)sizeof res ? 0 : 1);
}

/* Measure the phases in a fresh child, so its peak memory is this size's alone. */
static void measure_inproc(struct size_result *s, const char *datadir, const char *scratch)
{
	int fds[2];
	memset(&s->in, 0, sizeof s->in);
	if (pipe(fds) != 0) {
		perror("bench: pipe");
		return;
	}
	fflush(NULL); /* The child must not write the parent's buffered output again. */
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		inproc_child(fds[1], s, datadir, scratch);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], &s->in, sizeof s->in);
	close(fds[0]);
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	s->inproc_peak_kb = ru.ru_maxrss;
	if (n != (ssize_t)sizeof s->in || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		s->in.ok = false;
}

/* ---- whole runs of the program ---- */

/* `runs` whole runs of the binary for one output mode. */
static void measure_runs(struct size_result *s, enum mode m, const char *qreport,
			 const char *scratch)
{
	char *out = join(scratch, "run-out");
	char *argv[] = {(char *)qreport, (char *)"--layout", (char *)LAYOUT, (char *)"--out", out,
			(char *)"--format", (char *)mode_formats[m], (char *)"--quiet",
			(char *)s->path, NULL};
	double wall[MAX_RUNS], cpu[MAX_RUNS];
	s->run_ok[m] = true;
	s->run_peak_kb[m] = 0;
	s->run_tree_peak_kb[m] = 0;
	for (int i = 0; i < s->runs && s->run_ok[m]; i++) {
		struct run_cost c;
		s->run_ok[m] = run_program(argv, NULL, &c, false);
		wall[i] = c.wall;
		cpu[i] = c.cpu;
		if (c.peak_kb > s->run_peak_kb[m])
			s->run_peak_kb[m] = c.peak_kb;
	}
	/* Memory of all the processes together comes from one more run, not
	 * timed: reading a process's proportional size takes the lock its page
	 * faults need, and slows it by a third. */
	struct run_cost c;
	if (s->run_ok[m] && run_program(argv, NULL, &c, true))
		s->run_tree_peak_kb[m] = c.tree_peak_kb;
	if (s->run_ok[m]) {
		s->run_median[m] = median(wall, s->runs);
		s->run_cpu[m] = median(cpu, s->runs);
	}
	free(out);
}

/* ---- what a user pays to open the workbook ---- */

/* Sizes whose workbook is opened in LibreOffice: a spreadsheet program's
 * time to open the workbook grows with its charts and cells, not with
 * qreport's, so it is measured apart. */
static const int lo_sizes[] = {500, REFERENCE_SIZE};
#define LO_RUNS 3

/* What opening one workbook in LibreOffice cost. */
struct lo_result {
	int measures;
	bool ok;
	double wall, cpu;   /* Medians, seconds. */
	long peak_kb;
	long long bytes;    /* The workbook's size. */
};

/* `name` found on the PATH, heap-owned, or NULL. */
static char *find_in_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return NULL;
	char *copy = xstrdup(path);
	char *found = NULL;
	for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
		char *full = join(*dir ? dir : ".", name);
		if (access(full, X_OK) == 0)
			found = full;
		else
			free(full);
	}
	free(copy);
	return found;
}

/* Open `xlsx` in LibreOffice without a screen and save it again, as a user
 * opening and saving it pays: LO_RUNS times, after one untimed run that
 * makes the private profile. Recalculation on load stays at LibreOffice's
 * default (it uses the values the workbook caches). */
static void measure_libreoffice(const char *soffice, const char *xlsx, const char *scratch,
				struct lo_result *res)
{
	char *profile = join(scratch, "lo-profile");
	char *user = xmalloc(strlen(profile) + 32);
	sprintf(user, "-env:UserInstallation=file://%s", profile);
	char *out = join(scratch, "lo-out");
	char *argv[] = {(char *)soffice, user, (char *)"--headless", (char *)"--norestore",
			(char *)"--convert-to", (char *)"xlsx", (char *)"--outdir", out, (char *)xlsx,
			NULL};
	double wall[MAX_RUNS], cpu[MAX_RUNS];
	/* LibreOffice says it has no Java on every start; that is not news. */
	res->ok = run_program_opt(argv, NULL, NULL, false, true);
	res->peak_kb = 0;
	res->bytes = file_size(xlsx);
	for (int i = 0; i < LO_RUNS && res->ok; i++) {
		struct run_cost c;
		res->ok = run_program_opt(argv, NULL, &c, false, true);
		wall[i] = c.wall;
		cpu[i] = c.cpu;
		if (c.peak_kb > res->peak_kb)
			res->peak_kb = c.peak_kb;
	}
	if (res->ok) {
		res->wall = median(wall, LO_RUNS);
		res->cpu = median(cpu, LO_RUNS);
	}
	free(profile);
	free(user);
	free(out);
}

/* The workbook of each of lo_sizes, opened and saved in LibreOffice. */
static void print_libreoffice(const struct size_result *sizes, int n, const char *qreport,
			      const char *scratch)
{
	printf("\nOpening the workbook in LibreOffice (headless, open and save; median of %d;\n"
	       "CPU = user + system; the program pays it once per file, a user every time)\n",
	       LO_RUNS);
	char *soffice = find_in_path("soffice");
	if (!soffice) {
		printf("not measured: no LibreOffice (Debian package libreoffice-calc-nogui)\n");
		return;
	}
	printf("%-8s %10s %10s %10s %12s\n", "size", "wall s", "CPU s", "peak MB", "bytes");
	for (size_t k = 0; k < sizeof lo_sizes / sizeof lo_sizes[0]; k++) {
		const struct size_result *s = NULL;
		for (int i = 0; i < n; i++)
			if (sizes[i].measures == lo_sizes[k])
				s = &sizes[i];
		if (!s)
			continue;
		char *out = join(scratch, "lo-in");
		char *argv[] = {(char *)qreport, (char *)"--format", (char *)"xlsx", (char *)"--quiet",
				(char *)"--out", out, (char *)s->path, NULL};
		char name[32];
		snprintf(name, sizeof name, "gen-%d.xlsx", s->measures);
		char *xlsx = join(out, name);
		struct lo_result res = {.measures = s->measures};
		if (run_program(argv, NULL, NULL, false))
			measure_libreoffice(soffice, xlsx, scratch, &res);
		if (res.ok)
			printf("%-8s %10.2f %10.2f %10.1f %12lld\n", s->label, res.wall, res.cpu,
			       (double)res.peak_kb / 1024.0, res.bytes);
		else
			printf("%-8s  not measured (LibreOffice or the program failed)\n", s->label);
		free(xlsx);
		free(out);
	}
	free(soffice);
}

/* ---- report ---- */

/* Peak resident memory in MB (ru_maxrss is in kilobytes on Linux). */
static double mb(long kb)
{
	return (double)kb / 1024.0;
}

/* The time targets compare: whole runs with both outputs, else the in-process total. */
static bool both_time(const struct size_result *s, double *seconds)
{
	if (s->run_ok[MODE_BOTH]) {
		*seconds = s->run_median[MODE_BOTH];
		return true;
	}
	if (s->in.ok) {
		*seconds = s->in.median[PH_TOTAL];
		return true;
	}
	return false;
}

/* Peak memory the targets compare, on the same terms as both_time: all
 * the program's processes together. */
static long both_peak_kb(const struct size_result *s)
{
	return s->run_ok[MODE_BOTH] ? s->run_tree_peak_kb[MODE_BOTH] : s->inproc_peak_kb;
}

/* Whole runs of the program: one row per size. */
static void print_runs_table(const struct size_result *sizes, int n, const struct size_result *ref)
{
	double ref_s = 0;
	bool have_ref = ref && both_time(ref, &ref_s) && ref_s > 0;
	printf("\nWhole runs of the program (median wall ms; CPU = user + system ms, all processes;\n"
	       "peak resident MB; with both outputs the workbook is written by a second process\n"
	       "at the same time, and \"both MB\" is the two processes together)\n");
	char ratio[16];
	snprintf(ratio, sizeof ratio, "x%d", REFERENCE_SIZE);
	printf("%-8s %8s %6s %8s %8s %8s %8s %7s %8s %7s %7s %7s\n", "size", "measures", "pages",
	       "PDF", "workbook", "both", "CPU", ratio, "us/meas", "PDF MB", "wb MB", "both MB");
	for (int i = 0; i < n; i++) {
		const struct size_result *s = &sizes[i];
		double t;
		if (!s->in.ok || !both_time(s, &t)) {
			printf("%-8s  not measured (see the messages above)\n", s->label);
			continue;
		}
		printf("%-8s %8zu %6zu", s->label, s->in.nmeasures, s->in.pages);
		for (int m = 0; m < MODE_COUNT; m++) {
			if (s->run_ok[m])
				printf(" %8.1f", s->run_median[m] * 1000);
			else if (m == MODE_BOTH)
				printf(" %7.1f*", t * 1000); /* In-process total stands in. */
			else
				printf(" %8s", "-");
		}
		if (s->run_ok[MODE_BOTH])
			printf(" %8.1f", s->run_cpu[MODE_BOTH] * 1000);
		else
			printf(" %8s", "-");
		if (have_ref)
			printf(" %6.2fx", t / ref_s);
		else
			printf(" %7s", "-");
		printf(" %8.1f", t * 1e6 / (double)s->in.nmeasures);
		for (int m = 0; m < MODE_COUNT; m++) {
			if (s->run_ok[m])
				printf(" %7.1f", mb(m == MODE_BOTH ? s->run_tree_peak_kb[m]
								   : s->run_peak_kb[m]));
			else if (m == MODE_BOTH)
				printf(" %6.1f*", mb(s->inproc_peak_kb));
			else
				printf(" %7s", "-");
		}
		printf("\n");
	}
	for (int i = 0; i < n; i++)
		if (sizes[i].in.ok && !sizes[i].run_ok[MODE_BOTH]) {
			printf("* the program did not run; the in-process figure stands in\n");
			break;
		}
}

/* Phases timed in-process through the library: one row per size. */
static void print_phases_table(const struct size_result *sizes, int n)
{
	printf("\nPhases in-process, every output (median ms; set-up = layout file and fonts)\n");
	printf("%-8s", "size");
	for (int p = 0; p < PH_COUNT; p++)
		printf(" %9s", phase_names[p]);
	printf(" %8s\n", "peak MB");
	for (int i = 0; i < n; i++) {
		const struct size_result *s = &sizes[i];
		if (!s->in.ok)
			continue;
		printf("%-8s", s->label);
		for (int p = 0; p < PH_COUNT; p++)
			printf(" %9.1f", s->in.median[p] * 1000);
		printf(" %8.1f\n", mb(s->inproc_peak_kb));
	}
}

/* Sizes of what goes in and what comes out: one row per size. */
static void print_outputs_table(const struct size_result *sizes, int n)
{
	printf("\nFiles and memory (bytes; arenas in MB)\n");
	printf("%-8s %6s %11s %11s %9s %11s %11s %11s %9s %9s\n", "size", "goals", "XML", "PDF",
	       "PDF/page", "workbook", "page", "CSV", "model", "layout");
	for (int i = 0; i < n; i++) {
		const struct size_result *s = &sizes[i];
		if (!s->in.ok)
			continue;
		printf("%-8s %6zu %11lld %11lld %9lld %11lld %11lld %11lld %9.1f %9.1f\n", s->label,
		       s->in.ngoals, s->file_bytes,
		       s->in.pdf_bytes, s->in.pages ? s->in.pdf_bytes / (long long)s->in.pages : 0,
		       s->in.xlsx_bytes, s->in.page_bytes, s->in.csv_bytes,
		       (double)s->in.model_bytes / 1048576.0,
		       (double)s->in.layout_bytes / 1048576.0);
	}
}

/* One target line. */
static void verdict(bool measured, bool pass, const char *what)
{
	printf("%-5s %s\n", !measured ? "-" : pass ? "PASS" : "MISS", what);
}

/* ", CPU 45.6 ms" after a wall time, when the program ran: a busy machine
 * stretches wall time much more than CPU time. */
static const char *cpu_note(const struct size_result *s, char *buf, size_t n)
{
	if (!s->run_ok[MODE_BOTH])
		return "";
	snprintf(buf, n, ", CPU %.1f ms", s->run_cpu[MODE_BOTH] * 1000);
	return buf;
}

/* PASS or MISS for each target. */
static void print_targets(const struct size_result *example, const struct size_result *ref,
			  const struct size_result *big)
{
	char line[200], note[40];
	double t = 0, rt = 0, bt = 0;
	printf("\nTargets (median wall time of whole runs with both outputs)\n");

	bool have = example && example->in.ok && both_time(example, &t);
	if (have)
		snprintf(line, sizeof line, "bundled example, PDF and workbook under %.0f ms: %.1f ms%s",
			 TARGET_EXAMPLE_S * 1000, t * 1000, cpu_note(example, note, sizeof note));
	verdict(have, t < TARGET_EXAMPLE_S, have ? line : "bundled example: not measured");

	bool have_ref = ref && ref->in.ok && both_time(ref, &rt);
	if (have_ref)
		snprintf(line, sizeof line, "%d measures, PDF and workbook under %.1f s: %.2f s%s",
			 REFERENCE_SIZE, TARGET_REFERENCE_S, rt, cpu_note(ref, note, sizeof note));
	verdict(have_ref, rt < TARGET_REFERENCE_S, have_ref ? line : "reference size: not measured");
	double peak = have_ref ? mb(both_peak_kb(ref)) : 0;
	snprintf(line, sizeof line, "%d measures, peak memory under %.0f MB: %.1f MB "
		 "(processes together; largest alone %.1f MB)", REFERENCE_SIZE,
		 TARGET_REFERENCE_PEAK_MB, peak,
		 have_ref && ref->run_ok[MODE_BOTH] ? mb(ref->run_peak_kb[MODE_BOTH]) : peak);
	verdict(have_ref, peak < TARGET_REFERENCE_PEAK_MB, have_ref ? line : "reference size: not measured");

	bool have_big = have_ref && rt > 0 && big && big->in.ok && both_time(big, &bt);
	double ratio = have_big ? bt / rt : 0;
	if (have_big) {
		int n = snprintf(line, sizeof line,
				 "%d measures at most %.1fx the %d-measure time: %.2fx (%.2f s)",
				 BIG_SIZE, TARGET_BIG_RATIO, REFERENCE_SIZE, ratio, bt);
		if (big->run_ok[MODE_BOTH] && ref->run_ok[MODE_BOTH] && ref->run_cpu[MODE_BOTH] > 0 &&
		    n > 0 && (size_t)n < sizeof line)
			snprintf(line + n, sizeof line - (size_t)n, "; in CPU time %.2fx",
				 big->run_cpu[MODE_BOTH] / ref->run_cpu[MODE_BOTH]);
	}
	verdict(have_big, ratio <= TARGET_BIG_RATIO, have_big ? line : "largest size: not measured");

	/* The page and the CSV are timed in-process: a whole run also loads,
	 * evaluates and presents the report, which every output shares. */
	bool have_web = ref && ref->in.ok;
	double web = have_web ? ref->in.median[PH_PAGE] + ref->in.median[PH_CSV] : 0;
	if (have_web)
		snprintf(line, sizeof line, "%d measures, the page and the CSV under %.1f s together: "
			 "%.3f s (page %.3f s, CSV %.3f s)", REFERENCE_SIZE, TARGET_WEB_S, web,
			 ref->in.median[PH_PAGE], ref->in.median[PH_CSV]);
	verdict(have_web, web < TARGET_WEB_S, have_web ? line : "page and CSV: not measured");
	double page_mb = have_web ? (double)ref->in.page_bytes / 1e6 : 0;
	if (have_web)
		snprintf(line, sizeof line, "%d measures, the page under %.0f MB: %.2f MB", REFERENCE_SIZE,
			 TARGET_PAGE_MB, page_mb);
	verdict(have_web, page_mb < TARGET_PAGE_MB, have_web ? line : "page size: not measured");
}

/* ---- the quarterly cycle ---- */

enum cycle_step { STEP_NEXT, STEP_IMPORT_XLSX, STEP_IMPORT_CSV, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {
	"next", "import from XLSX", "import from CSV",
};

struct cycle_result {
	bool ok[STEP_COUNT];
	double median[STEP_COUNT]; /* Seconds of wall time, whole runs. */
	double cpu[STEP_COUNT];    /* Their median user + system time: what a busy
				    * machine stretches least. */
};

/* The figure a department would send for measure i, as text the import
 * reads; varied so that no two rows are alike. */
static void sample_figure(const struct measure *m, size_t i, char *buf, size_t n)
{
	switch (m->unit) {
	case UNIT_COUNT:
		snprintf(buf, n, "%zu", 10 + i % 90);
		break;
	case UNIT_PERCENT:
		snprintf(buf, n, "%.1f", 50 + (double)(i % 90) / 2);
		break;
	case UNIT_CURRENCY:
		snprintf(buf, n, "%zu.50", 1000 + i);
		break;
	case UNIT_DURATION:
		snprintf(buf, n, "%zu:%02zu", 4 + i % 6, i % 60);
		break;
	case UNIT_NUMBER:
	case UNIT_MINUTES:
		snprintf(buf, n, "%zu.25", 3 + i % 20);
		break;
	case UNIT_RATING:
	case UNIT_YES_NO:
		/* One of the measure's own levels, as written. */
		snprintf(buf, n, "%s", m->nlevels ? m->levels[i % m->nlevels] : "");
		break;
	}
}

/* The filled intake a department sends back, as a CSV and as a workbook:
 * an actual and a line of commentary for every measure of `data`. */
static bool write_filled(const char *data, const char *csv_path, const char *xlsx_path)
{
	struct diag d;
	diag_init(&d, stderr);
	d.quiet = 1;
	struct report *r = load_report(data, &d);
	if (!r || d.errors) {
		report_free(r);
		return false;
	}
	FILE *csv = fopen(csv_path, "w");
	lxw_workbook *wb = workbook_new(xlsx_path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Measures") : NULL;
	bool ok = csv && ws;
	if (ok) {
		fprintf(csv, "ID,Actual,Commentary\n");
		worksheet_write_string(ws, 0, 0, "ID", NULL);
		worksheet_write_string(ws, 0, 1, "Actual", NULL);
		worksheet_write_string(ws, 0, 2, "Commentary", NULL);
		for (size_t i = 0; i < r->nmeasures; i++) {
			const struct measure *m = r->measures[i];
			char fig[64];
			sample_figure(m, i, fig, sizeof fig);
			fprintf(csv, "%s,%s,\"Figures for %s were checked.\"\n", m->id, fig, m->id);
			lxw_row_t row = (lxw_row_t)i + 1;
			char words[128];
			snprintf(words, sizeof words, "Figures for %s were checked.", m->id);
			worksheet_write_string(ws, row, 0, m->id, NULL);
			if (m->unit == UNIT_DURATION)
				worksheet_write_string(ws, row, 1, fig, NULL);
			else
				worksheet_write_number(ws, row, 1, strtod(fig, NULL), NULL);
			worksheet_write_string(ws, row, 2, words, NULL);
		}
	}
	if (csv && fclose(csv) != 0)
		ok = false;
	if (wb && workbook_close(wb) != LXW_NO_ERROR)
		ok = false;
	report_free(r);
	return ok;
}

/* Copy a file whole; false on any failure. */
static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	bool ok = in && out;
	char buf[65536];
	size_t n;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	return ok;
}

/* Whole runs of next on the reference file, then of import from a filled
 * workbook and CSV into fresh copies of next's file (the copying untimed). */
static void measure_cycle(const char *qreport, const char *data, const char *scratch,
			  struct cycle_result *res)
{
	memset(res, 0, sizeof *res);
	char *next = join(scratch, "cycle-next.xml");
	char *work = join(scratch, "cycle-work.xml");
	char *csv = join(scratch, "cycle-filled.csv");
	char *xlsx = join(scratch, "cycle-filled.xlsx");
	const int runs = 5;
	double t[MAX_RUNS], cpu[MAX_RUNS];
	char *next_argv[] = {(char *)qreport, (char *)"next", (char *)"--force", (char *)"--quiet",
			     (char *)"--out", next, (char *)data, NULL};
	res->ok[STEP_NEXT] = true;
	for (int i = 0; i < runs && res->ok[STEP_NEXT]; i++) {
		struct run_cost c;
		res->ok[STEP_NEXT] = run_program(next_argv, NULL, &c, false);
		t[i] = c.wall;
		cpu[i] = c.cpu;
	}
	if (res->ok[STEP_NEXT]) {
		res->median[STEP_NEXT] = median(t, runs);
		res->cpu[STEP_NEXT] = median(cpu, runs);
	}
	bool filled = res->ok[STEP_NEXT] && write_filled(next, csv, xlsx);
	for (int s = STEP_IMPORT_XLSX; filled && s <= STEP_IMPORT_CSV; s++) {
		char *argv[] = {(char *)qreport, (char *)"import", (char *)"--quiet", work,
				s == STEP_IMPORT_XLSX ? xlsx : csv, NULL};
		res->ok[s] = true;
		for (int i = 0; i < runs && res->ok[s]; i++) {
			struct run_cost c;
			res->ok[s] = copy_file(next, work) && run_program(argv, NULL, &c, false);
			t[i] = c.wall;
			cpu[i] = c.cpu;
		}
		if (res->ok[s]) {
			res->median[s] = median(t, runs);
			res->cpu[s] = median(cpu, runs);
		}
	}
	free(next);
	free(work);
	free(csv);
	free(xlsx);
}

/* The cycle's table and its targets. */
static void print_cycle(const struct cycle_result *res, bool measured)
{
	printf("\nQuarterly cycle, %d measures (median ms of whole runs; CPU = user + system)\n",
	       REFERENCE_SIZE);
	printf("%-18s %8s %8s\n", "step", "wall", "CPU");
	for (int s = 0; s < STEP_COUNT; s++) {
		if (measured && res->ok[s])
			printf("%-18s %8.1f %8.1f\n", step_names[s], res->median[s] * 1000,
			       res->cpu[s] * 1000);
		else
			printf("%-18s %8s %8s\n", step_names[s], "-", "-");
	}
	for (int s = 0; s < STEP_COUNT; s++) {
		char line[160];
		bool have = measured && res->ok[s];
		snprintf(line, sizeof line, "%d measures, %s under %.1f s: %.3f s, CPU %.3f s",
			 REFERENCE_SIZE, step_names[s], TARGET_CYCLE_S, have ? res->median[s] : 0.0,
			 have ? res->cpu[s] : 0.0);
		verdict(have, have && res->median[s] < TARGET_CYCLE_S,
			have ? line : "quarterly cycle: not measured");
	}
}

/* ---- the press packet ---- */

enum press_step { PRESS_SCORECARD, PRESS_RELEASE, PRESS_CHARTS, PRESS_ALL, PRESS_COUNT };

static const char *const press_names[PRESS_COUNT] = {
	"scorecard", "release", "charts", "all three",
};
static const char *const press_formats[PRESS_COUNT] = {
	"scorecard", "release", "charts", "scorecard,charts,release",
};

struct press_result {
	bool ok[PRESS_COUNT];
	double median[PRESS_COUNT], cpu[PRESS_COUNT]; /* Seconds, whole runs. */
	size_t charts;                                /* Pictures drawn. */
};

/* Whole runs of each press output on the reference file: three of the
 * scorecard and of the release, one of the runs that draw every chart,
 * each a picture rendered and compressed. */
static void measure_press(const char *qreport, const char *data, const char *scratch,
			  struct press_result *res)
{
	memset(res, 0, sizeof *res);
	char *out = join(scratch, "press");
	for (int s = 0; s < PRESS_COUNT; s++) {
		int runs = s == PRESS_CHARTS || s == PRESS_ALL ? 1 : 3;
		char *argv[] = {(char *)qreport, (char *)"--format", (char *)press_formats[s],
				(char *)"--quiet", (char *)"--layout", (char *)LAYOUT, (char *)"--out",
				out, (char *)data, NULL};
		double t[MAX_RUNS], cpu[MAX_RUNS];
		res->ok[s] = true;
		for (int i = 0; i < runs && res->ok[s]; i++) {
			struct run_cost c;
			res->ok[s] = run_program(argv, NULL, &c, false);
			t[i] = c.wall;
			cpu[i] = c.cpu;
		}
		if (res->ok[s]) {
			res->median[s] = median(t, runs);
			res->cpu[s] = median(cpu, runs);
		}
	}
	/* How many pictures: a PNG per chart in the folder. */
	const char *base = strrchr(data, '/');
	char name[64];
	snprintf(name, sizeof name, "%.*s-charts", (int)strcspn(base ? base + 1 : data, "."),
		 base ? base + 1 : data);
	char *dir = join(out, name);
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		res->charts += n > 4 && strcmp(e->d_name + n - 4, ".png") == 0;
	}
	if (d)
		closedir(d);
	free(dir);
	free(out);
}

static void print_press(const struct press_result *res, bool measured)
{
	printf("\nPress packet, %d measures (median ms of whole runs; CPU = user + system)\n",
	       REFERENCE_SIZE);
	printf("%-18s %8s %8s\n", "output", "wall", "CPU");
	for (int s = 0; s < PRESS_COUNT; s++) {
		if (measured && res->ok[s])
			printf("%-18s %8.1f %8.1f\n", press_names[s], res->median[s] * 1000,
			       res->cpu[s] * 1000);
		else
			printf("%-18s %8s %8s\n", press_names[s], "-", "-");
	}
	bool have = measured && res->ok[PRESS_CHARTS] && res->charts > 0;
	if (have)
		printf("%zu charts: %.1f ms of CPU each (SVG, rendered, PNG compressed, three files)\n",
		       res->charts, res->cpu[PRESS_CHARTS] * 1000 / (double)res->charts);
	char line[200];
	have = measured && res->ok[PRESS_ALL];
	snprintf(line, sizeof line, "%d measures, scorecard, charts and release under %.1f s: %.2f s, "
		 "CPU %.2f s", REFERENCE_SIZE, TARGET_PRESS_S, have ? res->median[PRESS_ALL] : 0.0,
		 have ? res->cpu[PRESS_ALL] : 0.0);
	verdict(have, have && res->median[PRESS_ALL] < TARGET_PRESS_S,
		have ? line : "press packet: not measured");
	have = measured && res->ok[PRESS_SCORECARD] && res->ok[PRESS_RELEASE];
	snprintf(line, sizeof line, "%d measures, scorecard and release under %.1f s: %.2f s",
		 REFERENCE_SIZE, TARGET_PRESS_S,
		 have ? res->median[PRESS_SCORECARD] + res->median[PRESS_RELEASE] : 0.0);
	verdict(have, have && res->median[PRESS_SCORECARD] + res->median[PRESS_RELEASE] < TARGET_PRESS_S,
		have ? line : "scorecard and release: not measured");
}

/* ---- main ---- */

/* Parse a size argument (a number of measures). */
static bool parse_size(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1 || v > LOAD_MAX_MEASURES)
		return false;
	*out = (int)v;
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench QREPORT_BINARY [MEASURES...]\n"
				"  times the bundled example and synthetic reports of 70, 500, 2000\n"
				"  and 10000 measures (or the sizes given); run from the source tree\n");
		return 2;
	}
	int want[MAX_SIZES], nwant = 0;
	for (int i = 2; i < argc; i++) {
		if (nwant == MAX_SIZES || !parse_size(argv[i], &want[nwant])) {
			fprintf(stderr, "bench: '%s' is not a number of measures (1 to %d, at most %d sizes)\n",
				argv[i], LOAD_MAX_MEASURES, MAX_SIZES);
			return 2;
		}
		nwant++;
	}
	if (nwant == 0) {
		static const int defaults[] = {70, 500, REFERENCE_SIZE, BIG_SIZE};
		for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
			want[nwant++] = defaults[i];
	}

	const char *qreport = argv[1];
	bool have_binary = access(qreport, X_OK) == 0;
	if (!have_binary)
		printf("note: %s is not an executable; timing the library in-process only\n", qreport);

	char scratch[] = "/tmp/qreport-bench.XXXXXX";
	if (!mkdtemp(scratch)) {
		perror("bench: making a scratch folder");
		return 1;
	}
	char *datadir = find_datadir(argv[0]);
	char *gen = find_generator(argv[0], scratch);

	struct size_result sizes[MAX_SIZES + 1];
	char labels[MAX_SIZES][16];
	char *paths[MAX_SIZES];
	int n = 0;
	memset(sizes, 0, sizeof sizes);
	sizes[n].label = "example";
	sizes[n].path = EXAMPLE;
	sizes[n].runs = MAX_RUNS; /* Short runs are the noisiest. */
	n++;
	for (int i = 0; i < nwant; i++) {
		snprintf(labels[i], sizeof labels[i], "%d", want[i]);
		char name[32];
		snprintf(name, sizeof name, "gen-%d.xml", want[i]);
		paths[i] = join(scratch, name);
		char *gargv[] = {gen, labels[i], NULL};
		if (!gen || !run_program(gargv, paths[i], NULL, false)) {
			fprintf(stderr, "bench: could not generate %d measures\n", want[i]);
			continue;
		}
		sizes[n].label = labels[i];
		sizes[n].measures = want[i];
		sizes[n].path = paths[i];
		sizes[n].runs = want[i] >= BIG_SIZE ? 3 : 5;
		n++;
	}

	printf("qreport benchmark: layout %s, data directory %s\n", LAYOUT, datadir);
	/* Wall times mean little on a busy machine; say how busy it was. */
	double load[1];
	if (getloadavg(load, 1) == 1)
		printf("machine: %ld processors, load average %.2f at the start\n",
		       sysconf(_SC_NPROCESSORS_ONLN), load[0]);
	const struct size_result *example = NULL, *ref = NULL, *big = NULL;
	for (int i = 0; i < n; i++) {
		struct size_result *s = &sizes[i];
		s->file_bytes = file_size(s->path);
		printf("measuring %s: %d runs in-process", s->label, s->runs);
		fflush(stdout);
		double t0 = now();
		measure_inproc(s, datadir, scratch);
		if (have_binary)
			printf(", %d runs of the program for each output", s->runs);
		fflush(stdout);
		for (int m = 0; have_binary && m < MODE_COUNT; m++)
			measure_runs(s, (enum mode)m, qreport, scratch);
		printf(" (%.1f s)\n", now() - t0);
		if (i == 0)
			example = s;
		else if (s->measures == REFERENCE_SIZE)
			ref = s;
		else if (s->measures == BIG_SIZE)
			big = s;
	}
	print_runs_table(sizes, n, ref);
	print_phases_table(sizes, n);
	print_outputs_table(sizes, n);
	print_targets(example, ref, big);
	struct cycle_result cycle;
	bool cycle_measured = have_binary && ref;
	if (cycle_measured)
		measure_cycle(qreport, ref->path, scratch, &cycle);
	print_cycle(&cycle, cycle_measured);
	struct press_result press;
	if (cycle_measured)
		measure_press(qreport, ref->path, scratch, &press);
	print_press(&press, cycle_measured);
	if (have_binary)
		print_libreoffice(sizes, n, qreport, scratch);

	nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	for (int i = 0; i < nwant; i++)
		free(paths[i]);
	free(gen);
	free(datadir);
	return 0;
}
