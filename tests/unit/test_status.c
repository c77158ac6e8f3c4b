/* The status rule on its own: every comparison, the target itself, the
 * tolerance edge, strict targets, zero and negative targets, durations. */
#include "eval.h"
#include "harness.h"

/* status_decide for non-durations, dropping the miss. */
static enum status decide(enum cmp c, double compared, double target, double tol)
{
	return status_decide(c, compared, target, tol, false, NULL);
}

/* status_decide for durations (whole seconds), dropping the miss. */
static enum status decide_s(enum cmp c, double compared, double target, double tol)
{
	return status_decide(c, compared, target, tol, true, NULL);
}

/* at-least: higher is better, the target itself is met. */
static void test_at_least(void)
{
	CHECK_INT(decide(CMP_AT_LEAST, 81, 75, 7.5), STATUS_MET, "at-least above target is met");
	CHECK_INT(decide(CMP_AT_LEAST, 75, 75, 7.5), STATUS_MET, "at-least on target is met");
	CHECK_INT(decide(CMP_AT_LEAST, 70, 75, 7.5), STATUS_UNDER, "at-least within tolerance is under");
	CHECK_INT(decide(CMP_AT_LEAST, 67.5, 75, 7.5), STATUS_UNDER, "at-least at the tolerance edge is under");
	CHECK_INT(decide(CMP_AT_LEAST, 67.4999, 75, 7.5), STATUS_NOT_MET, "at-least just past the edge is not-met");
	CHECK_INT(decide(CMP_AT_LEAST, 10, 75, 7.5), STATUS_NOT_MET, "at-least far below is not-met");
	CHECK_INT(decide(CMP_AT_LEAST, 74, 75, 0), STATUS_NOT_MET, "at-least with no tolerance");
}

/* more-than: landing on the target is under with a miss of 0. */
static void test_more_than(void)
{
	double miss = -1;
	CHECK_INT(decide(CMP_MORE_THAN, 76, 75, 7.5), STATUS_MET, "more-than above target is met");
	CHECK_INT(status_decide(CMP_MORE_THAN, 75, 75, 7.5, false, &miss), STATUS_UNDER,
		  "more-than on target is under");
	CHECK_NEAR(miss, 0, 0, "more-than on target misses by 0");
	CHECK_INT(decide(CMP_MORE_THAN, 75, 75, 0), STATUS_UNDER,
		  "more-than on target is under even with zero tolerance");
	CHECK_INT(decide(CMP_MORE_THAN, 67.5, 75, 7.5), STATUS_UNDER, "more-than at the edge is under");
	CHECK_INT(decide(CMP_MORE_THAN, 67.49, 75, 7.5), STATUS_NOT_MET, "more-than past the edge is not-met");
}

/* at-most: lower is better, the target itself is met. */
static void test_at_most(void)
{
	CHECK_INT(decide(CMP_AT_MOST, 4, 5, 0.5), STATUS_MET, "at-most below target is met");
	CHECK_INT(decide(CMP_AT_MOST, 5, 5, 0.5), STATUS_MET, "at-most on target is met");
	CHECK_INT(decide(CMP_AT_MOST, 5.5, 5, 0.5), STATUS_UNDER, "at-most at the edge is under");
	CHECK_INT(decide(CMP_AT_MOST, 5.500000001, 5, 0.5), STATUS_NOT_MET,
		  "at-most one billionth past the edge is not-met");
	CHECK_INT(decide(CMP_AT_MOST, 8.53, 5, 0.5), STATUS_NOT_MET, "at-most far above is not-met");
}

/* less-than: landing on the target is under. */
static void test_less_than(void)
{
	double miss = -1;
	CHECK_INT(decide(CMP_LESS_THAN, 4.99, 5, 0.5), STATUS_MET, "less-than below target is met");
	CHECK_INT(status_decide(CMP_LESS_THAN, 5, 5, 0.5, false, &miss), STATUS_UNDER,
		  "less-than on target is under");
	CHECK_NEAR(miss, 0, 0, "less-than on target misses by 0");
	CHECK_INT(decide(CMP_LESS_THAN, 5.5, 5, 0.5), STATUS_UNDER, "less-than at the edge is under");
	CHECK_INT(decide(CMP_LESS_THAN, 15, 5, 0.5), STATUS_NOT_MET, "less-than far above is not-met");
}

/* The miss reported for each outcome. */
static void test_miss(void)
{
	double miss = -1;
	status_decide(CMP_AT_LEAST, 81, 75, 7.5, false, &miss);
	CHECK_NEAR(miss, 0, 0, "met misses by 0");
	status_decide(CMP_AT_LEAST, 70, 75, 7.5, false, &miss);
	CHECK_NEAR(miss, 5, 1e-12, "at-least miss is target - compared");
	status_decide(CMP_AT_MOST, 8.53, 5, 0.5, false, &miss);
	CHECK_NEAR(miss, 3.53, 1e-12, "at-most miss is compared - target");
	status_decide(CMP_LESS_THAN, 517, 300, 30, true, &miss);
	CHECK_NEAR(miss, 217, 0, "duration miss in seconds");
	CHECK(status_decide(CMP_AT_LEAST, 1, 2, 0, false, NULL) == STATUS_NOT_MET,
	      "a NULL miss pointer is allowed");
}

/* Binary fractions must not decide a status: the spec compares decimals. */
static void test_rounding(void)
{
	CHECK_INT(decide(CMP_AT_LEAST, 0.1 + 0.2, 0.3, 0), STATUS_MET,
		  "0.1 + 0.2 meets at least 0.3");
	CHECK_INT(decide(CMP_AT_MOST, 0.1 + 0.2, 0.3, 0), STATUS_MET, "0.1 + 0.2 meets at most 0.3");
	CHECK_INT(decide(CMP_MORE_THAN, 0.1 + 0.2, 0.3, 0), STATUS_UNDER,
		  "0.1 + 0.2 equals a more-than 0.3 target");
	/* 1.1 - 1.0 is 0.10000000000000009 in binary. */
	CHECK_INT(decide(CMP_AT_LEAST, 0.9, 1.0, 1.1 - 1.0), STATUS_UNDER,
		  "a miss equal to the tolerance after rounding is under");
	CHECK_INT(decide(CMP_AT_MOST, 1.3, 1.2, 0.1), STATUS_UNDER,
		  "1.3 is within 0.1 of 1.2 despite binary noise");
	CHECK_INT(decide(CMP_AT_MOST, 1.3000000006, 1.2, 0.1), STATUS_NOT_MET,
		  "rounding to 9 places keeps the tenth-billionth that matters");
}

/* Target 0 (amount tolerance only) and negative amounts. */
static void test_zero_and_negative(void)
{
	CHECK_INT(decide(CMP_AT_MOST, 0, 0, 2), STATUS_MET, "zero on an at-most 0 target is met");
	CHECK_INT(decide(CMP_AT_MOST, 2, 0, 2), STATUS_UNDER, "2 over a zero target with tolerance 2");
	CHECK_INT(decide(CMP_AT_MOST, 3, 0, 2), STATUS_NOT_MET, "3 over a zero target with tolerance 2");
	CHECK_INT(decide(CMP_LESS_THAN, 0, 0, 2), STATUS_UNDER, "zero on a less-than 0 target is under");
	CHECK_INT(decide(CMP_AT_LEAST, -1, 0, 2), STATUS_UNDER, "negative within tolerance of 0");
	CHECK_INT(decide(CMP_AT_LEAST, -4, -5, 0.5), STATUS_MET, "-4 is at least -5");
	CHECK_INT(decide(CMP_AT_LEAST, -5.5, -5, 0.5), STATUS_UNDER, "-5.5 is within 0.5 of -5");
	CHECK_INT(decide(CMP_AT_LEAST, -6, -5, 0.5), STATUS_NOT_MET, "-6 misses -5 by 1");
	CHECK_INT(decide(CMP_AT_MOST, -6, -5, 0.5), STATUS_MET, "-6 is at most -5");
	CHECK_INT(decide(CMP_AT_MOST, -4.6, -5, 0.5), STATUS_UNDER, "-4.6 is within 0.5 of -5");
	CHECK_INT(decide(CMP_LESS_THAN, -4, -5, 0.5), STATUS_NOT_MET, "-4 misses less than -5 by 1");
	CHECK_INT(decide(CMP_MORE_THAN, -2, -3, 0), STATUS_MET, "-2 is more than -3");
}

/* Durations: exact seconds and unrounded thresholds. */
static void test_durations(void)
{
	struct tolerance ten = {true, 10, 0};
	double tol = tolerance_amount(ten, 517);
	CHECK_NEAR(tol, 51.7, 1e-12, "10% of 8:37 is 51.7 seconds");
	CHECK_INT(decide_s(CMP_AT_MOST, 517 + 51, 517, tol), STATUS_UNDER, "51 s over 8:37 is under");
	CHECK_INT(decide_s(CMP_AT_MOST, 517 + 52, 517, tol), STATUS_NOT_MET,
		  "52 s over 8:37 is not-met (51.7 s is not rounded up)");
	CHECK_INT(decide_s(CMP_AT_LEAST, 517 - 52, 517, tol), STATUS_NOT_MET,
		  "52 s short of 8:37 is not-met");
	CHECK_INT(decide_s(CMP_AT_MOST, 517, 300, 30), STATUS_NOT_MET, "8:37 against at most 5:00");
	CHECK_INT(decide_s(CMP_AT_MOST, 330, 300, 30), STATUS_UNDER, "5:30 is at the 0:30 edge");
	CHECK_INT(decide_s(CMP_AT_MOST, 331, 300, 30), STATUS_NOT_MET, "5:31 is past the 0:30 edge");
	CHECK_INT(decide_s(CMP_LESS_THAN, 380, 380, 30), STATUS_UNDER, "6:20 on less than 6:20 is under");
	CHECK_INT(decide_s(CMP_LESS_THAN, 379, 380, 30), STATUS_MET, "6:19 is less than 6:20");
	/* Over an hour: 1:02:03 against 1:00:00 with 10 % (360 s). */
	tol = tolerance_amount(ten, 3600);
	CHECK_NEAR(tol, 360, 0, "10% of an hour is 6 minutes");
	CHECK_INT(decide_s(CMP_AT_MOST, 3723, 3600, tol), STATUS_UNDER, "1:02:03 within 6 min of 1:00:00");
	CHECK_INT(decide_s(CMP_AT_MOST, 3960, 3600, tol), STATUS_UNDER, "1:06:00 at the edge");
	CHECK_INT(decide_s(CMP_AT_MOST, 3961, 3600, tol), STATUS_NOT_MET, "1:06:01 past the edge");
	CHECK_INT(decide_s(CMP_AT_LEAST, 7261, 7200, 0), STATUS_MET, "2:01:01 at least 2:00:00");
	/* A pro-rated duration target can hold a fraction of a second. */
	CHECK_INT(decide_s(CMP_AT_MOST, 75, 75.25, 0), STATUS_MET, "75 s at most 75.25 s");
	CHECK_INT(decide_s(CMP_AT_MOST, 76, 75.25, 0.5), STATUS_NOT_MET, "76 s misses 75.25 s by 0.75");
}

/* The allowed miss for relative and absolute tolerances. */
static void test_tolerance_amount(void)
{
	struct tolerance ten = {true, 10, 0}, two = {false, 2, 0}, half = {true, 12.5, 0};
	CHECK_NEAR(tolerance_amount(ten, 75), 7.5, 1e-12, "10% of 75");
	CHECK_NEAR(tolerance_amount(ten, -50), 5, 1e-12, "relative tolerance uses |target|");
	CHECK_NEAR(tolerance_amount(ten, 520), 52, 0, "10% of 520 is exactly 52");
	CHECK_NEAR(tolerance_amount(ten, 0), 0, 0, "relative tolerance of 0 is 0");
	CHECK_NEAR(tolerance_amount(two, 75), 2, 0, "absolute tolerance ignores the target");
	CHECK_NEAR(tolerance_amount(half, 480), 60, 0, "12.5% of 8:00 is 60 s");
	CHECK_NEAR(tolerance_amount(ten, 0.3), 0.03, 1e-15, "10% of 0.3");
}

/* Names the data file and --check use. */
static void test_names(void)
{
	CHECK_STR(status_name(STATUS_MET), "met", "met");
	CHECK_STR(status_name(STATUS_UNDER), "under", "under");
	CHECK_STR(status_name(STATUS_NOT_MET), "not-met", "not-met");
	CHECK_STR(status_name(STATUS_NO_DATA), "no-data", "no-data");
}

int main(void)
{
	test_at_least();
	test_more_than();
	test_at_most();
	test_less_than();
	test_miss();
	test_rounding();
	test_zero_and_negative();
	test_durations();
	test_tolerance_amount();
	test_names();
	return harness_done();
}
