/* gen-report: writes a synthetic but realistic data file (format 1) with N
 * measures, for the benchmark and for trying layouts at scale.
 *
 *   gen-report N [SEED] > report.xml
 *
 * The same N and SEED always give the same bytes: the generator has its own
 * random number generator and reads no clock. Every measure draws from its own
 * stream (seed and index), so its id is known without generating the others,
 * which lets the narrative name measures it has not written yet. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUARTERS 12      /* History per measure, ending at the report period. */
#define REPORT_FY 2019   /* The report is for FY2019-Q3 (January–March 2019). */
#define REPORT_Q 3
#define MAX_MEASURES 50000

enum unit { U_COUNT, U_NUMBER, U_PERCENT, U_CURRENCY, U_MINUTES, U_DURATION };

static const char *const unit_names[] = {
	"count", "number", "percent", "currency", "minutes", "duration",
};

/* A kind of measure a city tracks: the numbers are a typical quarter. */
struct kind {
	const char *slug;       /* Start of the measure id. */
	const char *name;
	const char *department;
	enum unit unit;
	bool higher_better;
	bool summable;          /* Quarterly amounts that add up over a year. */
	double target;          /* Per quarter; durations in seconds. */
	double spread;          /* Typical quarter-to-quarter swing, as a share of target. */
};

static const struct kind kinds[] = {
	{"demolitions", "Dangerous buildings demolished", "Code Enforcement", U_COUNT, true, true, 5, 0.4},
	{"new-jobs", "New jobs created with economic development support", "Economic Development", U_COUNT, true, true, 240, 0.3},
	{"potholes", "Potholes repaired", "Public Works", U_COUNT, true, true, 1800, 0.25},
	{"permits", "Building permits issued", "Community Development", U_COUNT, true, true, 420, 0.2},
	{"library-programs", "Library programs offered", "Library", U_COUNT, true, true, 160, 0.2},
	{"main-breaks", "Water main breaks", "Water", U_COUNT, false, false, 30, 0.35},
	{"burglaries", "Residential burglaries reported", "Police", U_COUNT, false, false, 110, 0.2},
	{"trees-planted", "Street trees planted", "Parks and Recreation", U_COUNT, true, true, 75, 0.5},
	{"satisfaction", "Resident satisfaction with city services (1 to 5)", "City Manager’s Office", U_NUMBER, true, false, 4.1, 0.05},
	{"pavement-index", "Average pavement condition index", "Public Works", U_NUMBER, true, false, 70, 0.06},
	{"complaints", "Service complaints per 1,000 residents", "Customer Service", U_NUMBER, false, false, 3.2, 0.2},
	{"code-inspections", "Code Enforcement cases inspected in 5 days or less", "Code Enforcement", U_PERCENT, true, false, 75, 0.1},
	{"animal-holdover", "Animal services calls held over to the next business day", "Animal Services", U_PERCENT, false, false, 5, 0.8},
	{"online-payments", "Utility bills paid online", "Utilities", U_PERCENT, true, false, 45, 0.1},
	{"streetlights", "Streetlight outages repaired within 48 hours", "Power and Light", U_PERCENT, true, false, 90, 0.06},
	{"turnover", "Employee turnover rate", "Human Resources", U_PERCENT, false, false, 3, 0.3},
	{"revenue", "General fund revenue collected", "Finance", U_CURRENCY, true, true, 12500000, 0.08},
	{"overtime", "Overtime spending", "Finance", U_CURRENCY, false, false, 850000, 0.15},
	{"grants", "Grant funding awarded", "Grants Office", U_CURRENCY, true, true, 600000, 0.4},
	{"refuse-cost", "Cost per ton of refuse collected", "Solid Waste", U_CURRENCY, false, false, 62.5, 0.08},
	{"call-answer", "Time to answer a utility customer service call", "Utilities", U_MINUTES, false, false, 5, 0.35},
	{"permit-wait", "Average wait at the permit counter", "Community Development", U_MINUTES, false, false, 15, 0.25},
	{"fire-response", "Fire dispatch to first personnel on scene", "Fire", U_DURATION, false, false, 380, 0.12},
	{"police-response", "Police dispatch to officer arrival on scene", "Police", U_DURATION, false, false, 300, 0.2},
	{"ems-response", "Ambulance dispatch to arrival on scene", "Fire", U_DURATION, false, false, 480, 0.1},
	{"call-processing", "911 call answered to dispatch", "Emergency Communications", U_DURATION, false, false, 60, 0.25},
	{"court-backlog", "Municipal court case clearance time", "Municipal Court", U_DURATION, false, false, 5400, 0.15},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *const goal_names[] = {
	"Customer Focused", "Financially Sustainable", "Growth", "Quality",
	"Public Safety", "Infrastructure", "Healthy Community", "Housing",
	"Environment", "Mobility", "Workforce", "Neighborhoods",
};
#define NGOAL_NAMES (sizeof goal_names / sizeof goal_names[0])

static const char *const goal_statements[] = {
	"To improve customer service and communication.",
	"To ensure the City’s finances are stable and sustainable.",
	"To increase the economic prosperity of the community.",
	"To achieve livability, choice, access, health and safety through a quality built environment.",
	"To keep residents and visitors safe in every neighborhood, at every hour.",
	"To maintain streets, pipes and buildings so they serve the next generation.",
	"To help every resident lead a healthy and active life.",
	"To provide safe, decent and affordable homes across the city.",
	"To protect the air, water and open spaces the community shares.",
	"To make it easy to get around on foot, by bike, by bus and by car.",
	"To attract, develop and keep a skilled and diverse city workforce.",
	"To support strong neighborhoods where residents take part in decisions.",
};

static const char *const areas[] = {
	"Northwest District", "Northeast District", "Southwest District", "Southeast District",
	"Central District", "Ward 1", "Ward 2", "Ward 3", "Ward 4", "Ward 5", "Ward 6",
	"Downtown", "Fairmount", "Englewood", "Sugar Creek border",
};
#define NAREAS (sizeof areas / sizeof areas[0])

/* Sentences for commentary; {d} is the department, {s} a few (staff), {a} hundreds. */
static const char *const remarks[] = {
	"The {d} team kept pace with demand despite a rise in requests over the quarter.",
	"Results improved after the department adopted a new scheduling system in the second month.",
	"Seasonal demand was higher than usual, which stretched crews across several shifts.",
	"Staff turnover and training of {s} new employees slowed work early in the quarter.",
	"The department continues to monitor this measure closely and will report progress next quarter.",
	"Weather delays in the first weeks pushed some work into the following month.",
	"A software upgrade made it possible to track requests from start to finish for the first time.",
	"Volunteers contributed more than {a} hours, supplementing the regular crews.",
	"Compared with the same quarter last year, the trend is moving in the right direction.",
	"Two vacancies were filled late in the quarter, and their effect should show in the next report.",
	"The figure includes work carried over from the previous quarter’s backlog.",
	"Residents used the online portal more often, which reduced the number of walk-in visits.",
	"Council approved additional funding that will take effect at the start of the next fiscal year.",
	"A review of the process found several steps that could be combined without losing quality.",
	"Data for one month was corrected after an audit, and the figure shown reflects that correction.",
	"The City is working with neighboring jurisdictions to share equipment during peak periods.",
	"Call volumes reached nearly {a} in a single month, the highest since the measure began.",
	"Much of the improvement came from a pilot program in two districts that will now expand citywide.",
	"The target was set in the strategic plan and has not changed since it was adopted.",
	"Staff will present options to council for meeting the goal without adding positions.",
};
#define NREMARKS (sizeof remarks / sizeof remarks[0])
_Static_assert(NREMARKS % 7 != 0, "the narrative walks the remarks with a stride of 7");

static const char *const actions[] = {
	"Continue recruiting to fill the open positions and finish training by December.",
	"Expand the pilot program to every district by the end of the fiscal year.",
	"Review staffing levels during peak months and adjust schedules accordingly.",
	"Publish monthly figures on the dashboard so residents can follow progress.",
	"Complete the equipment replacement plan and bring it to council for approval.",
	"Work with the vendor to shorten the time needed to close each request.",
};
#define NACTIONS (sizeof actions / sizeof actions[0])

/* ---- random numbers ---- */

/* splitmix64: small, fast and identical on every platform. */
static uint64_t next_u64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* A whole number in [0, n). */
static unsigned below(uint64_t *state, unsigned n)
{
	return (unsigned)(next_u64(state) % n);
}

/* A double in [0, 1). */
static double unit_random(uint64_t *state)
{
	return (double)(next_u64(state) >> 11) / 9007199254740992.0;
}

/* True with probability `p`. */
static bool chance(uint64_t *state, double p)
{
	return unit_random(state) < p;
}

/* The random stream of one measure (or other numbered thing). */
static uint64_t stream(uint64_t seed, uint64_t salt, uint64_t index)
{
	uint64_t s = seed ^ (salt * UINT64_C(0xD6E8FEB86659FD93)) ^ (index * UINT64_C(0x9E3779B97F4A7C15));
	next_u64(&s);
	return s;
}

/* ---- output helpers ---- */

/* Write text with XML's special characters escaped. */
static void put_escaped(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", stdout); break;
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		default: putchar(*s);
		}
	}
}

/* Write a sentence template, filling {d}, {s} and {a}. */
static void put_remark(const char *tmpl, const char *dept, uint64_t *rng)
{
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			if (p[1] == 'd')
				put_escaped(dept);
			else if (p[1] == 's')
				printf("%u", 2 + below(rng, 10));
			else
				printf("%u", 100 * (2 + below(rng, 60)));
			p += 2;
		} else {
			putchar(*p);
		}
	}
}

/* Words in a template as it will read once filled. */
static int count_words(const char *s)
{
	int n = 0;
	bool in_word = false;
	for (; *s; s++) {
		bool space = *s == ' ';
		if (!space && !in_word)
			n++;
		in_word = !space;
	}
	return n;
}

/* ---- measures ---- */

/* Everything the generator decides about one measure before writing it. */
struct measure_plan {
	const struct kind *kind;
	char id[64];
	const char *area;       /* Qualifies the name, or NULL. */
	int decimals;           /* -1: the unit's default. */
	bool per_year;          /* Annual target, summed quarters. */
	bool strict;            /* more-than / less-than instead of at-least / at-most. */
	bool has_target;
	double target;          /* Per quarter (per year when per_year). */
};

/* Decide the measure's id, name and target from its own stream. */
static void plan_measure(uint64_t seed, unsigned index, struct measure_plan *m)
{
	uint64_t rng = stream(seed, 1, index);
	memset(m, 0, sizeof *m);
	m->kind = &kinds[below(&rng, NKINDS)];
	snprintf(m->id, sizeof m->id, "%s-%05u", m->kind->slug, index + 1);
	m->area = chance(&rng, 0.6) ? areas[below(&rng, NAREAS)] : NULL;
	m->decimals = -1;
	if (m->kind->unit == U_NUMBER && chance(&rng, 0.5))
		m->decimals = 1;
	else if (m->kind->unit == U_PERCENT && chance(&rng, 0.3))
		m->decimals = 1;
	else if (m->kind->unit == U_CURRENCY && m->kind->target < 1000)
		m->decimals = 2;
	m->per_year = m->kind->summable && chance(&rng, 0.6);
	m->strict = chance(&rng, 0.15);
	m->has_target = !chance(&rng, 0.03);
	/* Vary the level between measures of one kind, so figures differ. */
	double scale = 0.6 + 0.8 * unit_random(&rng);
	m->target = m->kind->target * scale;
	if (m->per_year)
		m->target *= 4;
}

/* Decimals the measure shows, after the unit's default. */
static int shown_decimals(const struct measure_plan *m)
{
	if (m->decimals >= 0)
		return m->decimals;
	switch (m->kind->unit) {
	case U_COUNT:
	case U_PERCENT:
	case U_CURRENCY:
	case U_DURATION:
		return 0;
	case U_NUMBER:
	case U_MINUTES:
		return 2;
	}
	return 0;
}

/* Write an amount in the measure's unit, as the data file spells it. */
static void put_amount(const struct measure_plan *m, double v, bool percent_sign)
{
	switch (m->kind->unit) {
	case U_COUNT:
		printf("%.0f", v);
		return;
	case U_DURATION: {
		long s = v < 0 ? 0 : (long)(v + 0.5);
		if (s >= 3600)
			printf("%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
		else
			printf("%ld:%02ld", s / 60, s % 60);
		return;
	}
	case U_PERCENT:
		printf("%.*f%s", shown_decimals(m), v, percent_sign ? "%" : "");
		return;
	case U_NUMBER:
	case U_CURRENCY:
	case U_MINUTES:
		printf("%.*f", shown_decimals(m), v);
		return;
	}
}

/* Round a generated figure so that it is exactly what the file will say. */
static double settle(const struct measure_plan *m, double v)
{
	if (m->kind->unit == U_PERCENT && v > 100)
		v = 100;
	if (v < 0)
		v = 0;
	double scale = 1;
	for (int i = 0; i < shown_decimals(m); i++)
		scale *= 10;
	double r = (double)(long long)(v * scale + 0.5) / scale;
	/* A target of zero would make the default relative tolerance an error. */
	if (r == 0)
		r = 1 / scale;
	return r;
}

/* The period id of history quarter `k` (0 is the oldest). */
static void period_of(int k, int *fy, int *q)
{
	int idx = REPORT_FY * 4 + (REPORT_Q - 1) - (QUARTERS - 1) + k;
	*fy = idx / 4;
	*q = idx % 4 + 1;
}

/* A target element, with an optional scope. */
static void put_target(const struct measure_plan *m, double amount, const char *scope)
{
	const char *cmp = m->kind->higher_better ? (m->strict ? "more-than" : "at-least")
						 : (m->strict ? "less-than" : "at-most");
	printf("        <target %s=\"", cmp);
	put_amount(m, amount, false);
	printf("\"%s%s/>\n", m->per_year ? " per=\"year\"" : "", scope);
}

/* A sentence, sometimes bold or italic, followed by a link or a bold aside. */
static void put_marked_sentence(const char *tmpl, const char *dept, const char *id,
				uint64_t *rng)
{
	unsigned how = below(rng, 10);
	if (how == 0) {
		fputs("<b>", stdout);
		put_remark(tmpl, dept, rng);
		fputs("</b>", stdout);
	} else if (how == 1) {
		fputs("<i>", stdout);
		put_remark(tmpl, dept, rng);
		fputs("</i>", stdout);
	} else if (how == 2) {
		put_remark(tmpl, dept, rng);
		printf(" Monthly figures are on the <a href=\"https://www.example.gov/performance/%s\">"
		       "measure’s page</a>.", id);
	} else if (how == 3) {
		put_remark(tmpl, dept, rng);
		fputs(" <b>Progress is <i>ahead</i> of plan.</b>", stdout);
	} else {
		put_remark(tmpl, dept, rng);
	}
}

/* Commentary of 40 to 120 words, sometimes in several paragraphs. */
static void put_commentary(const struct measure_plan *m, uint64_t *rng)
{
	int want = 40 + (int)below(rng, 81);
	int paras = chance(rng, 0.3) ? 2 + (int)below(rng, 2) : 1;
	int per_para = want / paras;
	/* Draw sentences without repeats: a shuffle of the remark numbers. */
	unsigned order[NREMARKS], next = 0;
	for (unsigned i = 0; i < NREMARKS; i++)
		order[i] = i;
	for (unsigned i = NREMARKS - 1; i > 0; i--) {
		unsigned j = below(rng, i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	fputs("        <commentary>", stdout);
	for (int p = 0; p < paras; p++) {
		if (paras > 1)
			fputs("\n          <p>", stdout);
		int words = 0;
		bool first = true;
		while (words < per_para && next < NREMARKS) {
			const char *r = remarks[order[next++]];
			if (!first)
				fputs("\n          ", stdout);
			put_marked_sentence(r, m->kind->department, m->id, rng);
			words += count_words(r);
			first = false;
		}
		if (paras > 1)
			fputs("</p>", stdout);
	}
	fputs(paras > 1 ? "\n        </commentary>\n" : "</commentary>\n", stdout);
}

/* One measure element with its twelve quarters. */
static void put_measure(uint64_t seed, unsigned index)
{
	struct measure_plan m;
	plan_measure(seed, index, &m);
	uint64_t rng = stream(seed, 2, index);
	const struct kind *k = m.kind;

	printf("      <measure id=\"%s\" unit=\"%s\"", m.id, unit_names[k->unit]);
	if (m.decimals >= 0)
		printf(" decimals=\"%d\"", m.decimals);
	if (k->unit == U_CURRENCY && chance(&rng, 0.3))
		fputs(" currency=\"USD\"", stdout);
	if (k->summable)
		fputs(" aggregation=\"sum\"", stdout);
	if (chance(&rng, 0.15)) {
		switch (k->unit) {
		case U_COUNT: fputs(" tolerance=\"2\"", stdout); break;
		case U_DURATION: fputs(" tolerance=\"0:30\"", stdout); break;
		case U_MINUTES: fputs(" tolerance=\"0.5\"", stdout); break;
		case U_NUMBER:
		case U_PERCENT:
		case U_CURRENCY: fputs(" tolerance=\"5%\"", stdout); break;
		}
	}
	fputs(">\n        <name>", stdout);
	put_escaped(k->name);
	if (m.area) {
		fputs(", ", stdout);
		put_escaped(m.area);
	}
	fputs("</name>\n", stdout);
	if (chance(&rng, 0.8)) {
		fputs("        <department>", stdout);
		put_escaped(k->department);
		fputs("</department>\n", stdout);
	}
	if (chance(&rng, 0.3)) {
		fputs("        <definition>Counted from the department’s records for each quarter; "
		      "<i>", stdout);
		fputs(k->higher_better ? "higher" : "lower", stdout);
		fputs("</i> is better.</definition>\n", stdout);
	}

	double target = m.has_target ? settle(&m, m.target) : 0;
	if (m.has_target) {
		put_target(&m, target, "");
		/* Some plans raise the bar for the current year or one quarter. */
		double step = k->higher_better ? 1.05 : 0.95;
		if (chance(&rng, 0.12)) {
			char scope[32];
			snprintf(scope, sizeof scope, " fiscal-year=\"%d\"", REPORT_FY);
			put_target(&m, settle(&m, target * step), scope);
		}
		if (chance(&rng, 0.06)) {
			char scope[32];
			snprintf(scope, sizeof scope, " period=\"FY%d-Q%d\"", REPORT_FY - 1, 2);
			put_target(&m, settle(&m, target * step * step), scope);
		}
	}
	if (chance(&rng, 0.2)) {
		printf("        <benchmark label=\"%s\" value=\"",
		       chance(&rng, 0.5) ? "National average" : "Peer cities");
		put_amount(&m, settle(&m, m.kind->target * (0.9 + 0.2 * unit_random(&rng))),
			   k->unit == U_PERCENT && chance(&rng, 0.5));
		fputs("\"/>\n", stdout);
	}

	/* A random walk around the target, so statuses mix and trends move. */
	double quarterly = m.per_year ? m.target / 4 : m.target;
	double level = quarterly * (0.85 + 0.3 * unit_random(&rng));
	for (int q = 0; q < QUARTERS; q++) {
		int fy, fq;
		period_of(q, &fy, &fq);
		level += quarterly * k->spread * (unit_random(&rng) - 0.5);
		if (level < quarterly * 0.2)
			level = quarterly * 0.2;
		double v = settle(&m, level * (1 + k->spread * 0.5 * (unit_random(&rng) - 0.5)));
		/* Gaps: a quarter left out, or listed without a figure. */
		if (q < QUARTERS - 1 && chance(&rng, 0.02))
			continue;
		printf("        <value period=\"FY%d-Q%d\"", fy, fq);
		if (!chance(&rng, 0.03)) {
			fputs(" actual=\"", stdout);
			put_amount(&m, v, k->unit == U_PERCENT && chance(&rng, 0.2));
			putchar('"');
		}
		if (chance(&rng, 0.02)) {
			static const char *const st[] = {"met", "under", "not-met"};
			printf(" status=\"%s\"", st[below(&rng, 3)]);
		}
		fputs("/>\n", stdout);
	}
	if (chance(&rng, 0.7))
		put_commentary(&m, &rng);
	if (chance(&rng, 0.3)) {
		fputs("        <action>", stdout);
		fputs(actions[below(&rng, NACTIONS)], stdout);
		fputs("</action>\n", stdout);
	}
	fputs("      </measure>\n", stdout);
}

/* ---- goals and narrative ---- */

/* Goal g's id, e.g. "goal-03-growth". */
static void goal_id(unsigned g, char *buf, size_t size)
{
	const char *name = goal_names[g % NGOAL_NAMES];
	int n = snprintf(buf, size, "goal-%02u-", g + 1);
	for (const char *p = name; *p && (size_t)n + 1 < size; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf[n++] = (c >= 'a' && c <= 'z') ? c : '-';
	}
	buf[n] = '\0';
}

/* The goals with their measures; measures are split evenly in file order. */
static void put_goals(uint64_t seed, unsigned nmeasures, unsigned ngoals)
{
	fputs("  <goals>\n", stdout);
	for (unsigned g = 0; g < ngoals; g++) {
		char id[64];
		goal_id(g, id, sizeof id);
		printf("    <goal id=\"%s\" name=\"%s", id, goal_names[g % NGOAL_NAMES]);
		if (g >= NGOAL_NAMES)
			printf(" %u", g / (unsigned)NGOAL_NAMES + 1);
		printf("\">\n      <statement>%s</statement>\n", goal_statements[g % NGOAL_NAMES]);
		unsigned from = (unsigned)((unsigned long long)nmeasures * g / ngoals);
		unsigned to = (unsigned)((unsigned long long)nmeasures * (g + 1) / ngoals);
		for (unsigned i = from; i < to; i++)
			put_measure(seed, i);
		fputs("    </goal>\n", stdout);
	}
	fputs("  </goals>\n", stdout);
}

/* A `measures` block naming up to `n` measures picked from the whole file. */
static void put_refs(uint64_t seed, uint64_t *rng, unsigned nmeasures, unsigned n)
{
	fputs("      <measures refs=\"", stdout);
	unsigned first = below(rng, nmeasures);
	unsigned stride = nmeasures / n ? nmeasures / n : 1;
	for (unsigned k = 0; k < n && k < nmeasures; k++) {
		struct measure_plan m;
		plan_measure(seed, (first + k * stride) % nmeasures, &m);
		printf("%s%s", k ? " " : "", m.id);
	}
	fputs("\"/>\n", stdout);
}

/* Narrative sections: an overview with a quote and a list, then highlights. */
static void put_narrative(uint64_t seed, unsigned nmeasures, unsigned ngoals)
{
	uint64_t rng = stream(seed, 3, 0);
	fputs("  <narrative>\n"
	      "    <section id=\"overview\" title=\"Making the grade\">\n"
	      "      <p><b>INDEPENDENCE, Mo.</b> – The City today published its quarterly\n"
	      "        Performance Dashboard, organized around the goals of its strategic plan.</p>\n",
	      stdout);
	printf("      <p>This report follows %u measures across %u goals, each with three years\n"
	       "        of quarterly history. Details are on the\n"
	       "        <a href=\"https://www.example.gov/performance\">dashboard website</a>.</p>\n",
	       nmeasures, ngoals);
	fputs("      <quote by=\"Zach Walker\" role=\"City Manager\">It’s important that the City\n"
	      "        and our staff regularly reflect on our performance, what we’ve done well,\n"
	      "        where we can improve and how we are doing on our goals.</quote>\n"
	      "      <list>\n", stdout);
	for (unsigned g = 0; g < ngoals && g < 6; g++)
		printf("        <item><i>%s:</i> %s</item>\n", goal_names[g % NGOAL_NAMES],
		       goal_statements[g % NGOAL_NAMES]);
	fputs("      </list>\n    </section>\n", stdout);

	fputs("    <section id=\"highlights\" title=\"Largest areas of growth and met goals\">\n"
	      "      <p>Some of the areas with the largest growth this quarter:</p>\n", stdout);
	put_refs(seed, &rng, nmeasures, 4);
	fputs("    </section>\n", stdout);

	fputs("    <section id=\"focus\" title=\"Areas of focus\">\n"
	      "      <p>“There is always room for improvement on every one of these benchmarks,”\n"
	      "        Walker said. The City will work on these in the next quarter:</p>\n", stdout);
	put_refs(seed, &rng, nmeasures, 4);
	fputs("      <p>Longer wait times are attributed to <b>staff turnover</b> and training;\n"
	      "        new staff will finish their training in December.</p>\n"
	      "    </section>\n", stdout);

	/* Larger reports carry a short note per group of goals, as agencies do. */
	for (unsigned s = 0; s < ngoals / 4; s++) {
		printf("    <section id=\"note-%02u\" title=\"Notes on %s\">\n", s + 1,
		       goal_names[(s * 4) % NGOAL_NAMES]);
		/* A stride prime to the number of remarks never repeats one. */
		unsigned r = below(&rng, NREMARKS);
		for (unsigned p = 0; p < 2; p++) {
			fputs("      <p>", stdout);
			for (unsigned k = 0; k < 3; k++, r = (r + 7) % NREMARKS) {
				if (k)
					putchar(' ');
				put_remark(remarks[r], "City", &rng);
			}
			fputs("</p>\n", stdout);
		}
		put_refs(seed, &rng, nmeasures, 2);
		fputs("    </section>\n", stdout);
	}
	fputs("  </narrative>\n", stdout);
}

/* Parse a whole non-negative decimal number, or fail. */
static bool parse_count(const char *s, unsigned long long *out)
{
	char *end;
	if (!*s || *s == '-')
		return false;
	*out = strtoull(s, &end, 10);
	return *end == '\0';
}

int main(int argc, char **argv)
{
	unsigned long long n = 0, seed = 1;
	if (argc < 2 || argc > 3 || !parse_count(argv[1], &n) || n < 1 || n > MAX_MEASURES ||
	    (argc == 3 && !parse_count(argv[2], &seed))) {
		fprintf(stderr, "usage: gen-report N [SEED] > report.xml\n"
				"  N: measures to write, 1 to %d; SEED: a whole number (default 1)\n",
			MAX_MEASURES);
		return 2;
	}
	unsigned nmeasures = (unsigned)n;
	unsigned ngoals = (nmeasures + 6) / 12;
	if (ngoals < 4)
		ngoals = 4;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"1\" lang=\"en-US\">\n", stdout);
	fputs("  <meta>\n"
	      "    <organization>City of Independence, Missouri</organization>\n"
	      "    <title>Performance Dashboard</title>\n"
	      "    <subtitle>Making the grade: the City continues to work forward on strategic goals</subtitle>\n"
	      "    <plan>Independence for All</plan>\n"
	      "    <fiscal-year start-month=\"7\" named-by=\"end\"/>\n", stdout);
	printf("    <period>FY%d-Q%d</period>\n", REPORT_FY, REPORT_Q);
	fputs("    <published>2019-05-15</published>\n"
	      "    <tolerance>10%</tolerance>\n"
	      "  </meta>\n", stdout);
	put_goals(seed, nmeasures, ngoals);
	put_narrative(seed, nmeasures, ngoals);
	fputs("</report>\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-report: writing the data file");
		return 1;
	}
	return 0;
}
