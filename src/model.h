/* The report model: what a data file says (filled by load.c) and what follows
 * from it (filled once by eval.c). Renderers read it through a const pointer.
 * All memory belongs to the report's arena. */
#ifndef QREPORT_MODEL_H
#define QREPORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* ---- Periods ---------------------------------------------------------- */

/* What a period is. A report is always for a fiscal quarter; a measure's
 * values are for periods of its own frequency (docs/format.md, Periods). */
enum period_kind {
	PERIOD_QUARTER,       /* FY2018-Q1: a quarter of a fiscal year. */
	PERIOD_MONTH,         /* 2017-11: a calendar month. */
	PERIOD_FISCAL_YEAR,   /* FY2018: a whole fiscal year. */
	PERIOD_CALENDAR_YEAR, /* CY2024: January to December. */
};

/* A period of any kind. {fy, quarter} alone is a fiscal quarter, as every
 * period was before other kinds came, so quarter arithmetic reads as it
 * did. Periods of one kind are ordered by period_index. */
struct period {
	int fy;      /* Quarter, fiscal year: the fiscal year as named, e.g. 2018. */
	int quarter; /* Quarter: 1..4. */
	enum period_kind kind;
	int year;    /* Month, calendar year: the calendar year. */
	int month;   /* Month: 1..12. */
};

struct date {
	int year, month, day;
};

struct fiscal_calendar {
	int start_month;   /* 1..12: the month a fiscal year starts. */
	bool named_by_end; /* FY2018 starting 2017-07-01 is named by its end. */
};

/* ---- Rich text ---------------------------------------------------------- */

enum run_style {
	RUN_BOLD = 1,
	RUN_ITALIC = 2,
};

/* A stretch of text in one style. White space is already collapsed across
 * the whole paragraph: runs never start a paragraph or end it with a space. */
struct run {
	const char *text; /* UTF-8, never empty. */
	unsigned style;   /* RUN_BOLD | RUN_ITALIC */
	const char *href; /* Link target, or NULL. */
	const char *lang; /* A phrase in another language than its paragraph's (BCP 47,
			   * from <span xml:lang>), or NULL. */
};

struct para {
	struct run *runs;
	size_t nruns;
	int line; /* Source line of the element that held the text. */
	const char *lang; /* Its language where the data file gives one (xml:lang on it or
			   * an element around it), or NULL for the report's. */
};

/* Text that may be several paragraphs (commentary, action); npara == 0 when absent. */
struct paras {
	struct para *items;
	size_t n;
};

/* ---- Measures ------------------------------------------------------------ */

/* How a measure's amounts are written. A rating's and a yes/no's are its
 * levels, kept as their place in the scale (1 for the lowest). */
enum unit {
	UNIT_COUNT,
	UNIT_NUMBER,
	UNIT_PERCENT,
	UNIT_CURRENCY,
	UNIT_MINUTES,
	UNIT_DURATION,
	UNIT_RATING,  /* One of the measure's <levels>, lowest first: "AA+". */
	UNIT_YES_NO,  /* yes or no: levels No, Yes. */
};
#define UNIT_LAST_NUMERIC UNIT_DURATION

/* Longest words a measure's unit may have after its amounts ("gallons per
 * capita per day"), in bytes: a spreadsheet's number format holds them
 * three times in its 255 characters. */
#define UNIT_LABEL_MAX 40

/* The size amounts are written and shown in: "306.5" meaning $306.5 million. */
enum amount_scale { SCALE_ONE, SCALE_THOUSANDS, SCALE_MILLIONS, SCALE_BILLIONS };

/* The four comparisons a target can make. */
enum cmp { CMP_AT_LEAST, CMP_MORE_THAN, CMP_AT_MOST, CMP_LESS_THAN };

/* Which results are better: higher, lower, or those within a range. */
enum direction { DIR_HIGHER_BETTER, DIR_LOWER_BETTER, DIR_WITHIN };

enum status { STATUS_NO_DATA, STATUS_MET, STATUS_UNDER, STATUS_NOT_MET };
#define STATUS_COUNT 4

enum trend { TREND_NONE, TREND_BETTER, TREND_WORSE, TREND_UNCHANGED };

enum scope { SCOPE_ALL, SCOPE_FISCAL_YEAR, SCOPE_PERIOD };

/* How often a measure has a result: its values are for periods of this
 * frequency (months, quarters, years). */
enum frequency { FREQ_QUARTERLY, FREQ_MONTHLY, FREQ_ANNUAL, FREQ_BIENNIAL };

/* How a measure's results make a total over a year (or, for a monthly
 * measure, over a quarter) so far. */
enum aggregation {
	AGG_NONE,       /* They do not: no target to date. */
	AGG_SUM,        /* They add up (jobs created, dollars received). */
	AGG_AVERAGE,    /* Their plain mean (an average response time). */
	AGG_CUMULATIVE, /* Each result is already the total so far (budget spent to date). */
};

/* What a target compares with. */
enum target_kind {
	TARGET_AMOUNT,   /* at-least="75": an amount. */
	TARGET_RANGE,    /* at-least="98" at-most="100": between two amounts. */
	TARGET_RELATIVE, /* less-than="previous": an earlier result, perhaps changed. */
	TARGET_IMPROVE,  /* better="higher": better than the period before. */
};

/* The earlier result a relative target starts from. */
enum baseline {
	BASELINE_PREVIOUS,  /* The measure's period before. */
	BASELINE_LAST_YEAR, /* The same period a year before. */
	BASELINE_AVERAGE,   /* The mean of the `over` periods before. */
};

/* Amounts are doubles in the measure's unit: percent points for percent
 * (81 means 81 %), whole seconds for duration, minutes for minutes. */
struct tolerance {
	bool relative;  /* true: `amount` is a percentage of |target|. */
	double amount;
	int line;       /* Where it was written (0 for the built-in default). */
};

struct target {
	enum target_kind kind;
	enum cmp cmp;        /* The comparison: a range's lower bound's; for TARGET_IMPROVE
			      * more-than (higher is better) or less-than. */
	double amount;       /* TARGET_AMOUNT: the amount; TARGET_RANGE: the lower bound. */
	enum cmp cmp_high;   /* TARGET_RANGE: at-most or less-than, the upper bound's. */
	double high;         /* TARGET_RANGE: the upper bound. */
	enum baseline baseline; /* TARGET_RELATIVE. */
	int over;            /* BASELINE_AVERAGE: how many periods before are averaged. */
	bool has_change;     /* TARGET_RELATIVE: the baseline changed by `change`. */
	bool change_relative; /* `change` is a percentage of the baseline ("+5%"). */
	double change;       /* In the unit, or percent of the baseline; signed. */
	bool per_year;       /* per="year": compared with the total so far this fiscal year. */
	bool per_quarter;    /* per="quarter" on a monthly measure: the quarter so far. */
	double *phasing;     /* Percent of the year's target due by the end of each period of
			      * the year, in order; NULL: spread evenly. */
	size_t nphasing;
	const char *label;   /* "Minimum", "Stretch", or NULL. */
	bool reference;      /* decides="no": shown and checked, never decides a status. */
	enum scope scope;
	int scope_fy;        /* For SCOPE_FISCAL_YEAR. */
	struct period scope_period; /* For SCOPE_PERIOD: of the measure's own kind. */
	int line;
};

struct benchmark {
	const char *label;
	bool has_value;   /* An amount; without one, `text` says it in words. */
	double value;
	const char *text; /* "Top quartile of 12 peer cities", or NULL. */
	int line;
};

/* One part of a period's result: a district's, a division's. */
struct value_part {
	const char *label;  /* "North District" */
	bool has_actual;
	double actual;      /* In the measure's unit. */
	int line;
};

/* One `value` element. */
struct value {
	struct period period;
	bool has_actual;
	double actual;
	bool has_estimate;    /* An estimate or preliminary figure, used until there is an actual. */
	double estimate;
	bool has_second;      /* The measure's second figure for the period. */
	double second;        /* In the second figure's unit. */
	struct value_part *parts; /* Its breakdown, in file order. */
	size_t nparts;
	bool has_override;
	enum status override; /* The status the data file asks to show. */
	int line;
};

/* Evaluation of one period of one measure (filled by eval.c). Numbers
 * only: what readers are told about them is made by the presentation
 * layer (present.h). */
struct period_eval {
	struct period period;
	const struct value *value;     /* NULL when the file has no value element for it. */
	bool has_actual;               /* The period has a figure: its actual, or where it has
					* none, its estimate. */
	double actual;                 /* That figure. */
	bool estimated;                /* The figure is an estimate (no actual yet). */
	const struct target *target;   /* The target that decided, or NULL. */
	bool has_target;               /* A target decided: it applies, and a relative one
					* has its earlier result. */
	double target_amount;          /* Pro-rated for a target to date; a range's lower bound;
					* a relative target's amount worked out. */
	double target_high;            /* A range's upper bound (pro-rated likewise). */
	bool has_baseline;             /* A relative or improvement target's earlier result. */
	double baseline;               /* That result (an average for BASELINE_AVERAGE). */
	struct period baseline_period; /* The period it is for (the latest averaged). */
	bool baseline_missing;         /* The target applies but baseline_period has no result. */
	bool ytd;                      /* Compared amount is a total to date (the year so far,
					* or for per="quarter" the quarter so far). */
	bool ytd_estimated;            /* That total counts an estimate. */
	bool has_compared;
	double compared;               /* The amount compared with target_amount. */
	double tolerance;              /* Allowed miss, as an amount in the unit. */
	double miss;                   /* How far on the wrong side (0 if met). */
	enum status computed;          /* What the rules decide. */
	enum status shown;             /* override if any, else computed. */
	bool has_ytd_sum;              /* A measure with an aggregation whose year (or quarter)
					* so far has a result in every period. */
	double ytd_sum;                /* That total to date: a sum, a mean, or for a
					* cumulative measure the period's own figure. */
	bool has_year_sum;             /* The fiscal year's total so far, where it has one */
	double year_sum;               /* (ytd_sum itself, unless a target per quarter makes
					* ytd_sum the quarter's). */
	bool ytd_gap;                  /* No total to date: ytd_missing has no result. */
	struct period ytd_missing;     /* The first period of the year without one. */
};

/* A target that does not decide, checked for the judged period. */
struct target_check {
	const struct target *target;
	bool has_amount;      /* Its amount could be worked out (a relative one's baseline exists). */
	double amount, high;  /* As in period_eval. */
	bool has_compared;    /* There is a result to check. */
	bool reached;         /* The comparison holds. */
};

/* A change of the judged period's figure against another period. */
struct change {
	bool applies;         /* The comparison makes sense for the measure's frequency (an
			       * annual measure has no previous period but last year). */
	bool available;       /* Both periods have an actual. */
	struct period against;
	bool has_previous;    /* The other period has an actual (even when this one has none). */
	double previous;      /* The other period's actual. */
	double delta;         /* current - previous, in the unit. */
	bool has_pct;         /* previous != 0 */
	double pct;           /* delta / |previous| * 100 */
	enum trend trend;
};

struct goal;

struct measure {
	const char *id;
	const char *name;
	const char *department;   /* NULL when absent. */
	struct para definition;   /* nruns == 0 when absent. */
	enum unit unit;
	int decimals;             /* After defaults are applied. */
	bool decimals_given;      /* The data file wrote decimals=. */
	const char *currency;     /* ISO 4217, "USD" by default; NULL unless unit is currency. */
	enum amount_scale scale;       /* Amounts written and shown in thousands, millions, billions. */
	const char *unit_label;   /* Words after an amount, "tons", "per 1,000 residents"; NULL. */
	const char *unit_label_one; /* The same after exactly 1, "ton"; NULL for unit_label. */
	const char *const *levels; /* A rating's levels, lowest first, as readers see them;
				   * a yes/no's are "No", "Yes". */
	size_t nlevels;
	enum frequency frequency;
	enum period_kind kind;    /* The kind of period its values and period scopes are for. */
	int lag;                  /* How many of its periods its latest result may trail the
				   * latest that has ended by the report period's end. */
	enum aggregation aggregation;
	bool has_tolerance;       /* The measure overrides the report default. */
	struct tolerance tolerance; /* After defaults: the tolerance that applies. */
	struct target *targets;
	size_t ntargets;
	struct benchmark *benchmarks;
	size_t nbenchmarks;
	struct value *values;     /* In file order. */
	size_t nvalues;
	struct paras commentary;
	struct paras action;
	const char *breakdown;    /* What the values' parts are, "district"; NULL without parts. */
	const char *second_label; /* A second figure beside each result: its name, "90th
				   * percentile", or NULL. */
	struct measure *second;   /* Its unit, decimals and currency, for showing it. */
	const char *source;       /* Where the figures come from, or NULL. */
	struct para *notes;       /* Footnotes about the data, in file order. */
	size_t nnotes;
	bool has_since;           /* The measure is reported since a period: */
	struct period since;      /* that period, of any kind. */
	struct goal *goal;
	size_t index;             /* Position among all measures, in file order. */
	int line;

	/* Filled by eval.c. */
	enum direction direction; /* From the targets; higher is better without one. */
	struct period_eval *history; /* Every period the file declares a value for, plus the
				      * judged period, sorted. */
	size_t nhistory;
	/* The period the measure is judged on, pointing into history: the
	 * latest with a result among those its lag allows (the report period
	 * for a quarterly measure without lag), or with none there, the
	 * latest of them. */
	struct period_eval *current;
	struct period window_first;  /* The earliest period the lag allows. */
	bool as_of;                  /* current is not the report period. */
	struct period_eval *latest;  /* The latest period with a result, or NULL; older than
				      * window_first when current has none. */
	struct target_check *checks; /* The targets that do not decide, for the judged period. */
	size_t nchecks;
	struct change vs_last_year;  /* The same period a year before. */
	struct change vs_last_quarter; /* The period before: the previous quarter, month, or
					* for a biennial measure the one two years before. */
	/* The judged period's total to date (for a measure that keeps totals)
	 * against the total at the same period a year before: `previous` and
	 * `delta` are totals. */
	struct change ytd_vs_last_year;
};

/* ---- Initiatives ---------------------------------------------------------- */

/* How far along an initiative or one of its milestones is, as the data file
 * says. */
enum progress { PROGRESS_NOT_STARTED, PROGRESS_ON_TRACK, PROGRESS_DELAYED, PROGRESS_COMPLETE };
#define PROGRESS_COUNT 4

struct milestone {
	const char *text;         /* "Land purchased" */
	bool has_due;
	struct period due;        /* Any kind of period: "2025-06", "FY2025-Q4". */
	enum progress status;
	int line;
	bool overdue;             /* Filled by eval.c: due by the report period's end and not
				   * complete. */
};

/* A project of the plan, followed by its milestones rather than a figure. */
struct initiative {
	const char *id;
	const char *name;
	const char *department;   /* NULL when absent. */
	enum progress status;
	struct milestone *milestones;
	size_t nmilestones;
	struct paras commentary;
	struct goal *goal;
	size_t index;             /* Position among all initiatives, in file order. */
	int line;
};

struct goal {
	const char *id;
	const char *name;
	struct para statement;    /* nruns == 0 when absent. */
	struct measure **measures;
	size_t nmeasures;
	struct initiative **initiatives; /* After its measures, in file order. */
	size_t ninitiatives;
	int initiative_counts[PROGRESS_COUNT]; /* By status (eval.c). */
	size_t index;
	int line;
	int counts[STATUS_COUNT]; /* Shown statuses for the report period (eval.c). */
};

/* ---- Narrative ------------------------------------------------------------ */

enum block_kind { BLOCK_PARAGRAPH, BLOCK_QUOTE, BLOCK_LIST, BLOCK_MEASURES, BLOCK_HEADING };

struct block {
	enum block_kind kind;
	int line;
	union {
		struct para paragraph;
		struct {
			struct para text;
			const char *by;
			const char *role; /* NULL when absent. */
		} quote;
		struct {
			struct para *items;
			size_t n;
		} list;
		struct {
			struct measure **items;
			size_t n;
		} measures;
		struct {
			const char *text; /* Plain text. */
			const char *lang; /* As a paragraph's, or NULL. */
		} heading;            /* A sub-heading of its section, <h>. */
	} u;
};

struct section {
	const char *id;
	const char *title;
	struct block *blocks;
	size_t nblocks;
	int line;
};

/* ---- The report -------------------------------------------------------------- */

struct report {
	struct arena arena;       /* Owns everything below. */
	const char *path;         /* The data file as named on the command line. */
	const char *lang;         /* BCP 47, "en-US" by default. */

	const char *organization;
	const char *title;
	const char *subtitle;     /* NULL when absent. */
	const char *plan;         /* NULL when absent. */
	const char *country;      /* ISO 3166-1 alpha-2 in capitals ("US"), or NULL. */
	const char *short_name;   /* What a headline calls the organization, "Independence";
				   * NULL when absent. */
	const char *dateline;     /* Where a press release is from, "INDEPENDENCE, Mo."; NULL. */
	int organization_line, title_line, subtitle_line, plan_line; /* Where each stood. */
	int short_name_line, dateline_line;
	struct fiscal_calendar calendar;
	struct period period;     /* The quarter the report is for. */
	bool has_published;
	struct date published;
	struct tolerance tolerance; /* The default for every measure. */
	int cell_cut_line;        /* First line whose text is longer than a workbook
				   * cell holds (LOAD_WORKBOOK_CELL_BYTES), else 0. */

	struct goal *goals;
	size_t ngoals;
	struct measure **measures; /* Every measure in file order. */
	size_t nmeasures;
	struct initiative **initiatives; /* Every initiative in file order. */
	size_t ninitiatives;
	struct section *sections;
	size_t nsections;

	/* Filled by eval.c. */
	int counts[STATUS_COUNT];   /* Shown statuses over all measures. */
	struct date period_start, period_end;
};

/* The data file's own words for units, comparisons and statuses: "count",
 * "at-least", "not-met". Not for readers: their words are the
 * presentation layer's. */
const char *unit_name(enum unit unit);
bool unit_parse(const char *s, enum unit *out);
const char *cmp_name(enum cmp c);
const char *frequency_name(enum frequency f);
const char *aggregation_name(enum aggregation a);
const char *status_name(enum status s);
/* "not-started", "on-track", "delayed", "complete" */
const char *progress_name(enum progress p);
bool progress_parse(const char *s, enum progress *out);

/* Allocate an empty report with its arena; free it with report_free. */
struct report *report_new(void);
void report_free(struct report *r);

#endif
