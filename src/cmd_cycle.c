/* The command lines of the quarterly cycle: qreport next, template and
 * import, each with its own options and help. */
#include "cycle.h"

#include <stdio.h>
#include <string.h>

#include "period.h"

/* Exit statuses, as documented in the manual. */
enum { EXIT_OK = 0, EXIT_USAGE = 2 };

/* The options a command may take, parsed into one place. */
struct cycle_args {
	const char *files[2];   /* Positional arguments. */
	int nfiles;
	const char *out;        /* --out */
	const char *period;     /* --period */
	bool force, dry_run, quiet;
};

struct command {
	const char *name;
	int nfiles;             /* Positional arguments it needs. */
	const char *options;    /* The options it takes, space-separated. */
	const char *help;
	int (*run)(const struct cycle_args *a, struct diag *d);
};

/* qreport next DATA.xml */
static int run_next(const struct cycle_args *a, struct diag *d)
{
	struct next_options o = { a->files[0], a->out, a->force };
	return cycle_next(&o, d);
}

/* qreport template DATA.xml */
static int run_template(const struct cycle_args *a, struct diag *d)
{
	struct template_options o = { a->files[0], a->out ? a->out : "out" };
	return cycle_template(&o, d);
}

/* qreport import DATA.xml FILE */
static int run_import(const struct cycle_args *a, struct diag *d)
{
	struct import_options o = { a->files[0], a->files[1], false, { .fy = 0 }, a->dry_run };
	if (a->period) {
		o.has_period = period_parse_any(a->period, &o.period);
		if (!o.has_period) {
			diag_error(d, NULL, 0, "--period %s is not a period; expected a period id such "
				   "as FY2018-Q2 (or 2017-11 for monthly measures)", a->period);
			fprintf(d->out, "Try 'qreport import --help' for the options.\n");
			return EXIT_USAGE;
		}
	}
	return cycle_import(&o, d);
}

static const struct command commands[] = {
	{ "next", 1, "--out --force --quiet",
	  "usage: qreport next [--out FILE] [--force] DATA.xml\n"
	  "\n"
	  "Writes next quarter's data file: the report period moved on a quarter,\n"
	  "an empty value for it on every measure, and last quarter's commentary,\n"
	  "next steps and narrative marked for=\"<last quarter>\", so that they are\n"
	  "left out of the report until brought up to date. Targets, history, ids,\n"
	  "names and comments are kept. The new file is named after the new period\n"
	  "where the file name holds the old one (fy2018-q1 becomes fy2018-q2).\n"
	  "\n"
	  "options:\n"
	  "  --out FILE   the new file's name\n"
	  "  --force      replace the new file if it is already there\n"
	  "  --quiet, -q  do not print warnings\n",
	  run_next },
	{ "template", 1, "--out --quiet",
	  "usage: qreport template [--out DIR] DATA.xml\n"
	  "\n"
	  "Writes the intake workbook for the data file's quarter, DIR/X-intake.xlsx\n"
	  "for DATA file X.xml, to send to the departments: one row per measure with\n"
	  "its goal, department, unit, the target that applies and the last four\n"
	  "results, and the Actual, Commentary and Next steps columns to fill in.\n"
	  "Run qreport next first to make the quarter's data file.\n"
	  "\n"
	  "options:\n"
	  "  --out DIR    the folder to write it in (default: out)\n"
	  "  --quiet, -q  do not print warnings\n",
	  run_template },
	{ "import", 2, "--period --dry-run --quiet",
	  "usage: qreport import [--period P] [--dry-run] DATA.xml FILE\n"
	  "\n"
	  "Reads the departments' actuals, commentary and next steps from FILE, a\n"
	  "CSV or an XLSX workbook (the filled intake workbook, or any sheet whose\n"
	  "header row names the columns ID or Measure, and Period, Actual,\n"
	  "Commentary, Next steps), and writes them into DATA.xml. Every problem is\n"
	  "reported at once, as FILE:LINE: or FILE:SHEET!CELL:, and DATA.xml is only\n"
	  "rewritten when every row is good; it keeps its comments and layout.\n"
	  "\n"
	  "options:\n"
	  "  --period P   the quarter of rows without a period (default: the data\n"
	  "               file's report period)\n"
	  "  --dry-run    check and tell what would change; write nothing\n"
	  "  --quiet, -q  do not print warnings\n",
	  run_import },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* The command named `word`, or NULL. */
static const struct command *find_command(const char *word)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, word) == 0)
			return &commands[i];
	return NULL;
}

/* Whether a first argument names one of the cycle's commands. */
bool cycle_is_command(const char *word)
{
	return word && find_command(word) != NULL;
}

/* A usage error with the way to the help. */
static int usage(struct diag *d, const struct command *c, const char *what, const char *arg)
{
	diag_error(d, NULL, 0, what, arg);
	fprintf(d->out, "Try 'qreport %s --help' for the options.\n", c->name);
	return EXIT_USAGE;
}

/* Whether the command takes the option. */
static bool takes(const struct command *c, const char *option)
{
	size_t n = strlen(option);
	for (const char *s = c->options; (s = strstr(s, option)) != NULL; s += n)
		if ((s == c->options || s[-1] == ' ') && (s[n] == ' ' || s[n] == '\0'))
			return true;
	return false;
}

/* Parses argv[2...] for command c; -1 to go on, or an exit status. */
static int parse(const struct command *c, int argc, char **argv, struct cycle_args *a,
		 struct diag *d)
{
	bool only_files = false;
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		if (!only_files && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
			fputs(c->help, stdout);
			return EXIT_OK;
		}
		if (!only_files && strcmp(arg, "--") == 0) {
			only_files = true;
			continue;
		}
		if (only_files || arg[0] != '-' || arg[1] == '\0') {
			if (a->nfiles == c->nfiles)
				return usage(d, c, "one file too many ('%s')", arg);
			a->files[a->nfiles++] = arg;
			continue;
		}
		if (strcmp(arg, "-q") == 0)
			arg = "--quiet";
		const char *eq = strchr(arg, '=');
		size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
		char name[32];
		if (n >= sizeof name)
			return usage(d, c, "unknown option '%s'", arg);
		memcpy(name, arg, n);
		name[n] = '\0';
		if (!takes(c, name))
			return usage(d, c, "unknown option '%s'", arg);
		const char **value = strcmp(name, "--out") == 0	? &a->out
				     : strcmp(name, "--period") == 0 ? &a->period
								     : NULL;
		if (!value) {
			if (eq)
				return usage(d, c, "%s takes no value", name);
			if (strcmp(name, "--force") == 0)
				a->force = true;
			else if (strcmp(name, "--dry-run") == 0)
				a->dry_run = true;
			else
				a->quiet = true;
			continue;
		}
		if (eq)
			*value = eq + 1;
		else if (i + 1 < argc)
			*value = argv[++i];
		else
			return usage(d, c, "%s needs a value", name);
		if (!**value)
			return usage(d, c, "%s needs a non-empty value", name);
	}
	if (a->nfiles < c->nfiles)
		return usage(d, c, "%s", c->nfiles == 1 ? "no data file given; expected DATA.xml"
							: "expected DATA.xml and the file to import");
	return -1;
}

/* Runs one of the cycle's commands; see cycle.h. */
int cycle_main(int argc, char **argv)
{
	struct diag d;
	diag_init(&d, stderr);
	const struct command *c = find_command(argv[1]);
	struct cycle_args a;
	memset(&a, 0, sizeof a);
	int status = parse(c, argc, argv, &a, &d);
	if (status >= 0)
		return status;
	d.quiet = a.quiet;
	return c->run(&a, &d);
}
