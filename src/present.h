/* The presentation layer: what a reader is told. It turns the evaluated
 * model into every word, comparison, status reason and chart series that a
 * reader meets, once, so that the PDF, the workbook, the dump, the facts
 * and every later output say the same. Back ends draw what is here; they
 * compose no reader-facing sentence of their own and decide no rule.
 *
 * It reads the const model and the layout's labels and never draws. All
 * its memory belongs to the presentation's own arena. */
#ifndef QREPORT_PRESENT_H
#define QREPORT_PRESENT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"
#include "style.h"

/* How many quarters a measure's card chart shows: two fiscal years. A
 * monthly measure's shows a year of months, an annual one's six years. */
#define PRES_CARD_QUARTERS 8
#define PRES_CARD_MONTHS 12
#define PRES_CARD_YEARS 6

/* One comparison of the judged period's result with an earlier period's. */
struct pres_change {
	const char *label;       /* "On last year", "On last quarter", "On last month" */
	bool applies;            /* The measure's frequency has such a period (an annual
				  * measure's period before is last year; a biennial one has
				  * no result a year before): when false, nothing to show. */
	struct period against;
	const char *against_label; /* "Q1 FY2017" */
	bool available;          /* Both quarters have a result. */
	bool has_previous;       /* The earlier quarter has a result. */
	const char *previous;    /* "8:52", or NULL */
	const char *delta;       /* "+0:15", "-6 pts": signed; NULL unless available */
	const char *share;       /* "+2.9%": the change as a share of the earlier
				  * result where that reads well, else NULL */
	enum trend trend;
	const char *trend_word;  /* "better", "worse", "unchanged", or NULL */
	/* The whole line without the trend word: "+0:15 (+2.9%) from 8:52 in
	 * Q1 FY2017", or why there is no comparison: "No result reported for
	 * Q1 FY2018 (Q1 FY2017: 8:52)", "No result for Q1 FY2017". */
	const char *text;
	bool says_little;        /* Neither quarter has a result to show. */
};

/* One part of a period's result, as a reader sees it: a district's. */
struct pres_part {
	const char *label;        /* "North District" */
	const char *value;        /* "5:02", or the no-result mark's NULL */
};

/* One period of a measure as a reader sees it (History rows, tables). */
struct pres_period {
	const struct period_eval *pe;
	const char *period_id;    /* "FY2018-Q1" */
	const char *period_label; /* "Q1 FY2018" */
	const char *status_word;  /* The layout's label for pe->shown. */
	const char *reason;       /* Why a no-data status: "No target set", ... or NULL */
	const char *actual;       /* "8:37", or NULL without a result: the actual, or where
				   * there is none, the estimate */
	bool estimated;           /* `actual` is an estimate. */
	const char *estimate;     /* The value's estimate (beside an actual too), or NULL. */
	const char *compared;     /* The amount judged: the actual, or the year to date; NULL */
	const char *target;       /* "at most 5:00", "at least 965 for the year"; NULL */
	const char *target_amount;/* The amount compared with: "5:00", "241.25"; a range's
				   * lower end; NULL */
	const char *target_high;  /* A range's upper end, or NULL. */
	int target_decimals;      /* Places target_amount shows (a pro-rated target may need more). */
	const char *allowed_miss; /* "0:30", "24.13": the tolerance as an amount; NULL */
	const char *second;       /* The second figure, "7:45", or NULL */
	struct pres_part *parts;  /* The period's breakdown; nparts 0 without one. */
	size_t nparts;
	int miss_decimals;        /* Places allowed_miss shows; for a duration, of its seconds. */
	int variance_decimals;    /* Places a difference from the target needs; for a
				   * duration, of its seconds. */
};

/* One period on a chart's axis. */
struct pres_point {
	struct period period;
	const char *label;        /* "Q1 FY2018", "November 2017" */
	const char *tick;         /* Its short name under the bar: "Q1", "Nov", "FY18", "2024" */
	const char *group;        /* The year it is in, "FY18", "2017", or NULL for years */
	bool group_starts;        /* A new year starts here: its name is shown. */
	bool declared;            /* The data file has a value element for it. */
	bool has_value;           /* Plotted: a result, or the year to date. */
	double value;
	const char *value_text;
	bool has_target;          /* A target applies to this period. */
	double target;            /* Pro-rated on a year-to-date chart; a range's lower end. */
	const char *target_text;
	bool has_high;            /* A range: its upper end too. */
	double high;
	const char *high_text;
	const char *range_text;   /* A range's two ends in words, "15% to 20%", or NULL. */
	bool current;             /* The period the measure is judged on. */
};

/* A run of quarters over which the same target amount applies: the target
 * line is drawn across them, steps where the amount changes, and is absent
 * where no target applies. */
struct pres_segment {
	size_t first, last;       /* Point indexes, inclusive. */
	double amount;
	const char *text;
	bool has_high;            /* A range's upper end, drawn as a second line. */
	double high;
	const char *high_text;
};

struct pres_benchmark {
	const char *label;        /* "National average" */
	double value;
	const char *value_text;   /* "5:00" */
};

/* A measure's chart: every quarter of its range on the axis, gaps marked,
 * the target as steps, benchmarks as lines, and its text alternative,
 * written from this same series. */
struct pres_chart {
	bool drawn;               /* Two or more quarters have a value to plot. */
	bool ytd;                 /* Values are year-to-date sums. */
	const char *value_name;   /* "Result", "Year to date" */
	const char *target_name;  /* "Target", "Target to date" */
	struct pres_point *points;
	size_t npoints;
	struct pres_segment *segments;
	size_t nsegments;
	struct pres_benchmark *benchmarks;
	size_t nbenchmarks;
	/* How the values are drawn: bars, which start at zero so that their
	 * lengths compare honestly, or, where every value sits far from zero
	 * (response times of 6:20 to 6:58, rates of 95 to 99%), points joined
	 * by lines on an axis scaled to them, so that their differences show. */
	bool lines;
	/* The value axis: from lo to hi in steps of `step` (with bars,
	 * lo <= 0 <= hi unless every value is negative). */
	double lo, hi, step;
	const char **ticks;       /* Tick labels, lo first; the unit is the axis's. */
	size_t nticks;
	const char *axis_unit;    /* What the ticks count: "min:sec", "percent", "USD",
				   * "minutes", "count"; "" where a number has no unit. */
	/* Per point: the fiscal year ("FY18") where a year starts on the axis,
	 * and at the first point unless a year starts right after it; NULL
	 * elsewhere. */
	const char **year_marks;
	const char *alt;          /* "Chart of ... by quarter, Q1 FY2017 to ...: Q1 FY2017 8:52, ...; Target ..." */
	/* Where a chart's value axis names its unit, as plain numbers: "Percent",
	 * "Count", "USD", "Minutes". A duration is counted in `axis_seconds`
	 * seconds per unit of the axis (60 for minutes); 0 for other units. */
	const char *axis_title;
	double axis_seconds;
};

/* One of a measure's targets for the judged period, where it has several
 * or names them. */
struct pres_target {
	const char *label;        /* "Minimum", "Stretch", or NULL */
	const char *words;        /* "at least 95% (Stretch)" */
	bool decides;             /* The one the status comes from. */
	const char *outcome;      /* The status word for the one that decides; "reached",
				   * "not reached" or "not known" for the others. */
};

/* What a reader is told about one measure for the report period. */
struct pres_measure {
	const struct measure *m;
	enum status status;       /* As shown: the override where there is one. */
	const char *status_word;  /* The layout's label. */
	const char *reason;       /* Why No Data ("No target set", "No result
				   * reported for Q2 FY2026", ...), or NULL. */
	const char *result;       /* For a table cell: "8:37", "342 so far"; NULL without one */
	const char *no_result;    /* What an empty result cell says in words: "no result" */
	const char *sentence;     /* "8:37 against a target of at most 5:00" */
	const char *summary_line; /* The name and the sentence: "Police response: 8:37 against ..." */
	const char *target;       /* "at most 5:00", or the reason none applies: "None set" */
	const char *target_due;   /* For a target for the year, what it asks by the end of the
				   * judged period beside the whole: "at least 241.3 by the end
				   * of Q1 FY2018 (965 for the year)"; else NULL */
	bool has_target;
	const char *this_quarter; /* The period's own result beside a total to date, or NULL */
	const char *this_period_label; /* What that is: "This quarter", "This month" */
	const char *judged_label; /* The period the status is for: "Q1 FY2018", "November 2017" */
	const char *as_of;        /* "as of November 2017" when that is not the report period,
				   * else NULL */
	const char *frequency_note; /* "Monthly, up to one month in arrears"; NULL for a
				     * quarterly measure without lag */
	bool estimated;           /* The result is an estimate, not yet an actual. */
	const char *latest;       /* With no result for the judged period: an older one, "5:40
				   * in August 2017, older than this report judges", or NULL */
	const char *to_date;      /* A monthly measure's total so far this year beside the
				   * month's: "12,345 so far this year", or NULL */
	const char *pace;         /* For an annual target with a plan: "On pace for the year's
				   * target" or "Not on pace ...", or NULL */
	struct pres_target *targets; /* Where the measure names its targets or has several: the
				      * deciding one first; ntargets 0 otherwise. */
	size_t ntargets;
	const char *targets_text; /* Those in one line, or NULL. */
	const char *benchmarks;   /* "National average: 5:00; State average: 4:50", or NULL */
	const char *override_note;/* "As reported for the quarter; by the numbers it would be
				   * Goal Not Met", or NULL */
	const char *tolerance;    /* "10% of the target", "0:30" */
	int tolerance_decimals;   /* Places an amount tolerance needs; for a duration, of its seconds. */
	const char *direction;    /* "higher is better", "lower is better", "within the range
				   * is better" */
	const char *comparisons;  /* Its targets' comparisons, each once, in file order:
				   * "at least", "at most, less than"; NULL without a target. */
	struct pres_change vs_last_year, vs_last_quarter;
	struct pres_period *periods; /* One per m->history entry, in the same order. */
	struct pres_period *current; /* The report period's, pointing into periods. */
	struct pres_chart card;   /* The last PRES_CARD_QUARTERS quarters (months, years). */
	struct pres_chart full;   /* Every period from the first declared one. */
	/* Where the card draws no chart: its results, "Q3 FY2023: 71%; Q3
	 * FY2024: 74%", so that no figure is hidden; NULL when the sentence
	 * already says the only one. */
	const char *recent;
	const char *continued;    /* "Police response (continued)": atop a page its card goes on to. */
	const char *second_label; /* The second figure's name, "90th percentile", or NULL */
	const char *second;       /* Its value for the judged period, "7:45", or NULL */
	const char *breakdown_title; /* "By district", where the judged period has parts; else NULL */
	const char *source;       /* Where the figures come from, or NULL */
	const char *since_note;   /* "New measure in FY2025", "Reported since FY2019", or NULL */
};

/* A milestone of an initiative, in words. */
struct pres_milestone {
	const struct milestone *ms;
	const char *text;         /* "Land purchased" */
	const char *due;          /* "September 2024", or NULL */
	const char *status_word;  /* "Complete" */
	const char *line;         /* "Land purchased, due September 2024: Complete" (", overdue") */
};

/* An initiative as a reader sees it. */
struct pres_initiative {
	const struct initiative *in;
	const char *status_word;  /* "On Track" */
	struct pres_milestone *milestones;
	size_t nmilestones;
	const char *summary;      /* "2 of 4 milestones complete; next: Design finished, due
				   * June 2025" */
	const char *overdue_note; /* "1 milestone overdue", or NULL */
};

/* Status counts of the report or of one goal, in words. */
struct pres_counts {
	const int *n;                     /* The counts, by status. */
	size_t total;                     /* Measures counted. */
	const char *count[STATUS_COUNT];  /* "3" */
	const char *chip[STATUS_COUNT];   /* "3 Goal Met" */
	const char *sentence;             /* "7 measures: 3 Goal Met, 4 Goal Not Met" (zeros left out) */
};

/* Short labels that name a fact of a measure, a column or a part of a
 * card, and the web page's own words (present_page.c). */
struct pres_page {
	const char *result;        /* "Result" */
	const char *this_quarter;  /* "This quarter" */
	const char *results;       /* "Results", before a chartless card's earlier results */
	const char *to_date;       /* "Year to date", before a monthly measure's total so far */
	const char *pace;          /* "Pace" */
	const char *targets;       /* "Targets", before a measure's several targets */
	const char *latest;        /* "Latest result", before an older result */
	const char *reported;      /* "Reported", before how often a measure is reported */
	const char *history;       /* "History", before since when a measure is reported */
	const char *source;        /* "Source", before where the figures come from */
	const char *initiative;    /* "Initiative", "Milestone", "Due", "Progress": the */
	const char *milestone;     /* columns of a goal's initiatives */
	const char *due;
	const char *progress;
	const char *status;        /* "Status" */
	const char *benchmark;     /* "Benchmark" */
	const char *definition;    /* "Definition" */
	const char *commentary;    /* "Commentary" */
	const char *next_steps;    /* "Next steps" */
	const char *measure;       /* "Measure" */
	const char *target;        /* "Target" */
	const char *quarter;       /* "Quarter" */
	const char *skip_link;     /* "Skip to the report" */
	const char *downloads;     /* "Download the data", above the links to the other outputs */
	const char *csv_link;      /* "Open data (CSV)" */
	const char *csv_note;      /* What the CSV holds, after its link. */
	const char *xlsx_link;     /* "Workbook (Excel)" */
	const char *xlsx_note;
	const char *pdf_link;      /* "Printable report (PDF)" */
	const char *pdf_note;
	const char *chart_figures; /* "The chart's figures", opening a chart's data table */
	const char *no_value;      /* Said for an empty cell of a chart's table: "no result" */
	const char *no_target;     /* "no target" */
};

/* A status rule explained: a term and its meaning. */
struct pres_rule {
	const char *term;
	const char *text;
};

/* The one-page scorecard's words (present_press.c). */
struct pres_scorecard {
	const char *title;       /* "Performance Dashboard scorecard, Q1 FY2018" */
	const char *doc_title;   /* With the organization, for the PDF's title. */
	const char *dates;       /* "Jul 1 – Sep 30, 2017 · Published November 13, 2017" */
	const char *note;        /* Where the rest is: the full report. */
	/* Per goal: more[g][j], 0 < j < the goal's measures, what its
	 * measures from the j-th on are where only the first j are listed:
	 * "and 12 more measures: 5 Goal Met, 4 Under Goal, 3 Goal Not Met; see
	 * the full report". */
	const char ***more;
	/* more_goals[j], 0 <= j < the report's goals, the same for the goals
	 * from the j-th on (from the first where not one goal's row fits). */
	const char **more_goals;
};

/* One goal area of the release: a heading and a paragraph. */
struct pres_release_goal {
	const char *heading;     /* "Goal area: Quality" */
	const char *text;        /* Its measures met and not met, each in a sentence. */
};

/* The draft press release (present_press.c), every sentence from the
 * layout's templates filled with the presentation's figures. */
struct pres_release {
	const char *organization;
	const char *date_line;   /* "For release November 13, 2017", or NULL without a date. */
	const char *headline;
	const char *dateline;    /* "INDEPENDENCE, Mo. –", or NULL: the lead's first words. */
	const char *lead;
	const char **quotes;     /* The narrative's quotes with who said them, in order. */
	size_t nquotes;
	struct pres_release_goal *goals; /* One per goal, in the report's order. */
	size_t ngoals;
	const char *closing;
	const char *end;         /* "###", or NULL. */
};

struct pres_cache;

struct presentation {
	struct arena arena;           /* Owns everything below. */
	struct pres_cache *cache;     /* Words shared by many places (present.c); heap-owned. */
	const struct report *r;
	const char *status_label[STATUS_COUNT];   /* The layout's, or the defaults. */
	const char *status_meaning[STATUS_COUNT]; /* "The result meets the target." */
	enum status order[STATUS_COUNT];          /* Good news first, no data last. */
	const char *part_title[PART_COUNT];
	unsigned amount_how;          /* How amounts are written (units.h's AMOUNT_* flags):
				       * negative currency as the layout says. */
	const char *doc_title;        /* "City of X: Performance Dashboard, Q1 FY2018" */
	const char *doc_subject;      /* "Quarterly performance report, Q1 FY2018" */
	const char *doc_keywords;     /* "performance measures; quarterly report; Q1 FY2018; ..." */
	const char *period_label;     /* "Q1 FY2018" */
	const char *period_dates;     /* "Jul 1 – Sep 30, 2017" */
	const char *published_date;   /* "November 13, 2017", or NULL */
	const char *published;        /* "Published November 13, 2017", or NULL */
	struct pres_counts counts;    /* Over all measures. */
	struct pres_counts *goal_counts; /* Per goal, in the report's order. */
	const char *glance_intro;     /* "Q1 FY2018, Jul 1 – Sep 30, 2017. 7 measures: ... in 4 goal areas." */
	const char *appendix_intro;   /* "Every measure in the report with its status for Q1 FY2018." */
	const char *appendix_links;   /* "Select a measure's name to go to its card." */
	const char *no_measures;      /* What a goal without measures says. */
	const char *chart_gap;        /* "n/a": marks a quarter without a result on a chart. */
	const char *no_result_mark;   /* The dash a table shows for a missing result. */
	const char *estimate_word;    /* "estimate": beside a figure that is not an actual yet. */
	const char *no_change;        /* What a dash for a missing change says in words:
				       * "no comparison". */
	const char *no_charts;        /* Said where a report has no chart at all. */
	const char *contents_continued; /* "Contents (continued)" */
	const char *legend_title;     /* "How to read this report" */
	const char *goal_kicker;      /* "Goal area", above a goal's name */
	const char *plan_label;       /* "Strategic plan", above the plan's name */
	const char **goal_continued;  /* Per goal: "Growth (continued)", where its table goes on. */
	const char *tolerance_rule;   /* The tolerance paragraph of the legend. */
	const char *ytd_rule;         /* Annual targets explained, or NULL when none is used. */
	const char *override_rule;    /* Reported statuses explained, or NULL when none. */
	const char *change_rule;      /* What the comparisons compare, and that those with no
				       * earlier result to show are left out; or, where no
				       * measure has one, that there are none. */
	bool shows_last_year;         /* Some measure has a change on last year to show. */
	const char *period_rule;      /* Measures shown as of their own period, or NULL when none. */
	const char *estimate_rule;    /* Estimates explained, or NULL when none is shown. */
	const char *phasing_rule;     /* Planned annual targets, or NULL when none. */
	const char *target_rule;      /* Targets other than an amount, or NULL when none. */
	struct pres_rule *rules;      /* How a status is decided, term by term. */
	size_t nrules;
	struct pres_rule *storage_rules; /* How the workbook stores numbers. */
	size_t nstorage_rules;
	struct pres_page page;        /* Labels, and the web page's own words. */
	const char *chart_pick_title; /* "Measure": the heading of a chart's measure box. */
	const char *chart_pick_help;  /* What the box does, said where it is chosen from. */
	const char *chart_link_help;  /* What a link from a measure to its goal's chart leads to. */
	const char *chart_amount_axis; /* The value axis of a chart whose unit the legend names. */
	const char *chart_no_benchmark; /* A benchmark line the chosen measure has none for. */
	const char **goal_chart_alt;  /* Per goal: the text alternative of a chart of the
				       * measure chosen in a box, whichever it is. */
	struct pres_measure *measures; /* One per r->measures, same order. */
	const char *progress_label[PROGRESS_COUNT]; /* "Not Started", "On Track", ... */
	const char *initiatives_title; /* "Initiatives" */
	const char *overdue_word;     /* "overdue": beside a milestone due and not complete. */
	struct pres_initiative *initiatives; /* One per r->initiatives, same order. */
	const char **goal_initiatives; /* Per goal: "3 initiatives: 2 On Track, 1 Delayed", or
					* NULL for a goal without. */
	const char *initiative_rule;  /* Initiatives explained, or NULL when there are none. */
	struct pres_scorecard scorecard;
	struct pres_release release;
};

/* Build the presentation of an evaluated report. `st` gives the status
 * labels; NULL uses the defaults. Free with present_free. */
struct presentation *present_report(const struct report *r, const struct style *st);
void present_free(struct presentation *p);

/* The presentation of measure `m` (of the same report). */
static inline const struct pres_measure *present_measure(const struct presentation *p,
							 const struct measure *m)
{
	return &p->measures[m->index];
}

/* A number for a data file (the CSV): exactly as the evaluator rounds it,
 * to nine places at most, no grouping, no exponent, no trailing zeros:
 * "517", "81", "-0.25", "241.25". */
void present_data_number(double v, char *buf, size_t n);

/* "at least", "more than", "at most", "less than" */
const char *present_cmp_words(enum cmp c);
/* A target's comparison as a table names it: its cmp's words, or for a
 * range "between" (both ends included) or its two comparisons, "more
 * than; at most". */
const char *present_target_cmp_words(const struct target *t);
/* The places amount `v` of `m` shows to readers: the measure's decimals,
 * or for minutes the data file gives none for, those `v` is written with
 * up to the default (5, not 5.00). For a spreadsheet's number formats. */
int present_amount_places(const struct measure *m, double v);
/* A number as plainly written: "10", "0.00001", "12.5", grouped by
 * thousands ("1,250"), never in exponent form. */
void present_plain_number(double v, char *buf, size_t n);

#endif
