/* qreport: one data file in, a branded quarterly PDF, a workbook, a web page and open data out.
 * The command line, and the pipeline load → evaluate → lay out → render. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cycle.h"
#include "diag.h"
#include "eval.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "outfile.h"
#include "paths.h"
#include "period.h"
#include "present.h"
#include "render.h"
#include "source_date.h"
#include "style.h"
#include "version.h"

/* Exit statuses, as documented in the manual. */
enum {
	EXIT_OK = 0,
	EXIT_BAD_INPUT = 1,
	EXIT_USAGE = 2,
	EXIT_WRITE = 3,
};

struct options {
	const char *layout;   /* Layout name or file. */
	bool layout_given;    /* --layout was on the command line. */
	const char *out_dir;
	const char *paper;    /* --paper: "letter" or "a4", over the layout's page size. */
	bool *wanted;         /* One flag per back end; heap-owned. */
	bool check;           /* Validate and print statuses; write nothing. */
	bool dump;            /* Print the evaluated model; write nothing. */
	bool facts;           /* Print what readers are told, as JSON; write nothing. */
	bool quiet;
	const char *data_path;
};

static const char usage_text[] =
	"usage: qreport [options] DATA.xml\n"
	"       qreport next|template|import ...   the quarterly cycle (qreport COMMAND --help)\n"
	"\n"
	"Turns a quarterly performance data file into a PDF report, an Excel\n"
	"workbook, a web page, a CSV of open data and the press packet (a one-page\n"
	"scorecard, chart images and a draft press release), named after the\n"
	"data file, in the output folder.\n"
	"\n"
	"options:\n"
	"  --layout NAME|FILE  layout to use: a bundled name (independence, plain)\n"
	"                      or a layout file (default: plain)\n"
	"  --out DIR           output folder, created if missing (default: out)\n"
	"  --format LIST       outputs, comma-separated (see below)\n"
	"  --paper letter|a4   paper size, over the layout's (the plain layout\n"
	"                      prints on Letter for a country that uses it, from\n"
	"                      the data file's <country>, and on A4 elsewhere)\n"
	"  --check             check the data file (and the layout, with --layout)\n"
	"                      and print each measure's status; write nothing\n"
	"  --dump              print the evaluated report as text; write nothing\n"
	"  --facts             print what readers are told (statuses, sentences,\n"
	"                      chart series) as JSON, with the layout's labels;\n"
	"                      write nothing\n"
	"  --quiet             do not print warnings\n"
	"  --version           print the version and exit\n"
	"  --help              print this help and exit\n"
	"\n"
	"exit status: 0 ok, 1 bad data or layout file, 2 bad usage, 3 could not write\n"
	"\n"
	"the quarterly cycle:\n"
	"  qreport next DATA.xml             next quarter's data file, texts marked for review\n"
	"  qreport template DATA.xml         the intake workbook to send to departments\n"
	"  qreport import DATA.xml FILE      figures from a filled workbook or a CSV\n"
	"\n"
	"outputs (--format), named after the data file in the output folder:\n";

/* The help, with the outputs from the table of back ends. */
static void print_usage(void)
{
	fputs(usage_text, stdout);
	for (size_t i = 0; i < nbackends; i++)
		printf("  %-18s  NAME%s%s%s\n", backends[i].name, backends[i].suffix,
		       backends[i].folder ? "/" : "", backends[i].by_default ? " (default)" : "");
	printf("  %-18s  every one of them\n", "all");
}

/* Standard output flushed and closed: a full disk or a closed pipe shows
 * only here, and a run that printed nothing whole must not exit 0. */
static int finish_stdout(int status)
{
	bool ok = fflush(stdout) == 0 && !ferror(stdout);
	int err = errno;
	if (fclose(stdout) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok)
		return status;
	fprintf(stderr, "qreport: error: cannot write to the standard output: %s; expected "
		"somewhere with room to write\n", strerror(err ? err : EIO));
	return EXIT_WRITE;
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "qreport: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'qreport --help' for the options.\n");
	return EXIT_USAGE;
}

/* The names --format takes, "pdf, xlsx or ...", for messages. Heap-owned. */
static char *format_names(void)
{
	size_t len = sizeof " or all";
	for (size_t i = 0; i < nbackends; i++)
		len += strlen(backends[i].name) + 4;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < nbackends; i++) {
		/* A name that writes several files is listed once. */
		if (backend_find(backends[i].name, strlen(backends[i].name)) != &backends[i])
			continue;
		if (i > 0)
			strcat(s, ", ");
		strcat(s, backends[i].name);
	}
	strcat(s, " or all");
	return s;
}

/* Parse "pdf,xlsx" into one flag per back end; false on an unknown name. */
static bool parse_formats(const char *list, struct options *o, const char **bad)
{
	bool any = false;
	for (size_t i = 0; i < nbackends; i++)
		o->wanted[i] = false;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		/* "all": every output, whatever the default set leaves out. */
		if (n == 3 && strncmp(p, "all", 3) == 0) {
			for (size_t i = 0; i < nbackends; i++)
				o->wanted[i] = true;
			any = true;
			p += n + (p[n] == ',');
			continue;
		}
		const struct backend *be = backend_find(p, n);
		if (!be) {
			*bad = p;
			return false;
		}
		for (size_t i = (size_t)(be - backends); i < nbackends; i++)
			if (strcmp(backends[i].name, be->name) == 0)
				o->wanted[i] = true;
		any = true;
		p += n;
		if (*p == ',')
			p++;
	}
	if (!any) {
		*bad = list;
		return false;
	}
	return true;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	o->layout = "plain";
	o->out_dir = "out";
	for (size_t i = 0; i < nbackends; i++)
		o->wanted[i] = backends[i].by_default;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *value = NULL;
		/* Options that take a value accept "--opt VALUE" and "--opt=VALUE". */
		static const char *const with_value[] = {"--layout", "--out", "--format", "--paper"};
		for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++) {
			size_t n = strlen(with_value[k]);
			if (strncmp(a, with_value[k], n) == 0 && (a[n] == '\0' || a[n] == '=')) {
				if (a[n] == '=')
					value = a + n + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return usage_error("%s needs a value", with_value[k]);
				if (!*value)
					return usage_error("%s needs a non-empty value", with_value[k]);
				a = with_value[k];
				break;
			}
		}
		if (strcmp(a, "--layout") == 0) {
			o->layout = value;
			o->layout_given = true;
		} else if (strcmp(a, "--out") == 0) {
			o->out_dir = value;
		} else if (strcmp(a, "--paper") == 0) {
			if (strcmp(value, "letter") != 0 && strcmp(value, "a4") != 0)
				return usage_error("unknown paper '%s'; expected letter or a4", value);
			o->paper = value;
		} else if (strcmp(a, "--format") == 0) {
			const char *bad = NULL;
			if (!parse_formats(value, o, &bad)) {
				char *names = format_names();
				fprintf(stderr, "qreport: error: unknown output format in '%s'; expected "
					"one or more of %s, separated by commas\n", bad, names);
				fprintf(stderr, "Try 'qreport --help' for the options.\n");
				free(names);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--check") == 0) {
			o->check = true;
		} else if (strcmp(a, "--dump") == 0) {
			o->dump = true;
		} else if (strcmp(a, "--facts") == 0) {
			o->facts = true;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o->quiet = true;
		} else if (strcmp(a, "--version") == 0) {
			printf("qreport %s\n", QREPORT_VERSION);
			return finish_stdout(EXIT_OK);
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_usage();
			return finish_stdout(EXIT_OK);
		} else if (strcmp(a, "--") == 0 && i + 1 < argc) {
			if (o->data_path || i + 2 < argc)
				return usage_error("%s", "expected exactly one data file");
			o->data_path = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option '%s'", a);
		} else if (o->data_path) {
			return usage_error("more than one data file ('%s'); expected exactly one", a);
		} else {
			o->data_path = a;
		}
	}
	if (!o->data_path)
		return usage_error("%s", "no data file given; expected qreport [options] DATA.xml");
	return -1;
}

/* --check: one line per measure in file order, then one per goal. */
static void print_check(const struct report *r)
{
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct measure *m = r->measures[i];
		/* A measure judged on its own period says which. */
		char when[32] = "";
		if (m->as_of) {
			when[0] = ' ';
			period_id(m->current->period, when + 1, sizeof when - 1);
		}
		printf("%s %s%s\n", m->id, status_name(m->current->shown), when);
	}
	for (size_t i = 0; i < r->ninitiatives; i++)
		printf("initiative %s %s\n", r->initiatives[i]->id,
		       progress_name(r->initiatives[i]->status));
	for (size_t g = 0; g < r->ngoals; g++) {
		const struct goal *goal = &r->goals[g];
		printf("goal %s: %d met, %d under, %d not-met, %d no-data\n", goal->id,
		       goal->counts[STATUS_MET], goal->counts[STATUS_UNDER],
		       goal->counts[STATUS_NOT_MET], goal->counts[STATUS_NO_DATA]);
	}
}

/* --check with --layout: read the layout and load its fonts and logo, as a
 * run would, so a layout can be checked before it is used. */
static bool check_layout(const struct options *o, const char *argv0, struct diag *d)
{
	char *datadir = find_datadir(argv0);
	struct arena style_arena;
	arena_init(&style_arena);
	struct style st;
	bool ok = style_load(o->layout, datadir, &style_arena, d, &st);
	if (ok) {
		struct pdf_writer *w = pdf_writer_new(&st, d);
		ok = w != NULL && d->errors == 0;
		if (w)
			pdf_writer_free(w);
	}
	arena_free(&style_arena);
	free(datadir);
	return ok;
}

/* The exit status for a back end's result. */
static int exit_status(enum write_result res)
{
	switch (res) {
	case WRITE_OK:
		return EXIT_OK;
	case WRITE_BAD_INPUT:
		return EXIT_BAD_INPUT;
	case WRITE_FAILED:
		return EXIT_WRITE;
	}
	return EXIT_WRITE;
}

int main(int argc, char **argv)
{
	if (argc > 1 && cycle_is_command(argv[1]))
		return cycle_main(argc, argv);
	bool wanted[MAX_BACKENDS] = {false};
	struct options opt = {.wanted = wanted};
	int status = parse_args(argc, argv, &opt);
	if (status >= 0)
		return status;

	struct diag diag;
	diag_init(&diag, stderr);
	diag.quiet = opt.quiet;

	struct report *r = load_report(opt.data_path, &diag);
	if (!r || diag.errors)
		goto bad_input_no_style;
	eval_report(r);

	if (opt.check && opt.layout_given && !check_layout(&opt, argv[0], &diag)) {
		report_free(r);
		return EXIT_BAD_INPUT;
	}
	if (opt.check || opt.dump) {
		if (opt.dump) {
			struct presentation *p = present_report(r, NULL);
			render_dump(r, p, stdout);
			present_free(p);
		} else {
			print_check(r);
		}
		report_free(r);
		return finish_stdout(EXIT_OK);
	}

	char *datadir = find_datadir(argv[0]);
	struct arena style_arena;
	arena_init(&style_arena);
	struct style st;
	if (!style_load(opt.layout, datadir, &style_arena, &diag, &st)) {
		free(datadir);
		arena_free(&style_arena);
		goto bad_input_no_style;
	}

	/* The paper: the command line's, else the one the layout names, or
	 * for a layout whose size is local, the one the data file's country uses. */
	const char *paper = opt.paper ? opt.paper : st.paper_local ? paper_for(r->country, r->lang) : NULL;
	if (paper && !style_set_paper(&st, paper)) {
		fprintf(stderr, "qreport: error: the margins of layout %s leave no room for text on %s "
			"paper; expected a layout with smaller margins, or other paper\n", st.path,
			strcmp(paper, "a4") == 0 ? "A4" : "Letter");
		free(datadir);
		arena_free(&style_arena);
		goto bad_input_no_style;
	}

	struct presentation *p = present_report(r, &st);
	if (opt.facts) {
		render_facts(p, stdout);
		present_free(p);
		free(datadir);
		arena_free(&style_arena);
		report_free(r);
		return EXIT_OK;
	}
	outfile_install_signal_handlers();
	source_date_check(&diag);
	struct backend_job job = {.r = r, .st = &st, .datadir = datadir, .pres = p, .d = &diag};
	bool is_child;
	status = exit_status(write_outputs(opt.wanted, opt.out_dir, &job, &is_child));
	present_free(p);
	free(datadir);
	arena_free(&style_arena);
	report_free(r);
	return status;

bad_input_no_style:
	report_free(r);
	return EXIT_BAD_INPUT;
}
