/* A tiny test harness: each check prints "ok N - what" or "not ok N - what",
 * and the program ends with its counts. tools/run-tests.sh adds them up. */
#ifndef QREPORT_HARNESS_H
#define QREPORT_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

struct harness {
	int run;
	int failed;
};

static struct harness harness_state;

static inline int harness_check(int cond, const char *file, int line, const char *what)
{
	harness_state.run++;
	if (cond) {
		printf("ok %d - %s\n", harness_state.run, what);
	} else {
		harness_state.failed++;
		printf("not ok %d - %s (%s:%d)\n", harness_state.run, what, file, line);
	}
	return cond;
}

/* Bytes this process has read so far (its rchar), or -1 where the kernel
 * does not say: how tests see that a bounded reader stopped in time. */
static inline long long harness_bytes_read(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	if (!f)
		return -1;
	char line[128];
	long long n = -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "rchar: %lld", &n) == 1)
			break;
	fclose(f);
	return n;
}

#define CHECK(cond, what) harness_check(!!(cond), __FILE__, __LINE__, (what))
#define CHECK_STR(got, want, what)                                                            \
	do {                                                                                    \
		const char *got_ = (got), *want_ = (want);                                      \
		if (!harness_check(got_ && strcmp(got_, want_) == 0, __FILE__, __LINE__, (what))) \
			printf("#   got  \"%s\"\n#   want \"%s\"\n", got_ ? got_ : "(null)", want_);   \
	} while (0)
#define CHECK_INT(got, want, what)                                                      \
	do {                                                                            \
		long got_ = (long)(got), want_ = (long)(want);                          \
		if (!harness_check(got_ == want_, __FILE__, __LINE__, (what)))          \
			printf("#   got  %ld\n#   want %ld\n", got_, want_);              \
	} while (0)
#define CHECK_NEAR(got, want, eps, what)                                               \
	do {                                                                           \
		double got_ = (got), want_ = (want);                                   \
		if (!harness_check(fabs(got_ - want_) <= (eps), __FILE__, __LINE__, (what))) \
			printf("#   got  %.9g\n#   want %.9g\n", got_, want_);          \
	} while (0)

static inline int harness_done(void)
{
	printf("%d passed, %d failed\n", harness_state.run - harness_state.failed, harness_state.failed);
	return harness_state.failed ? 1 : 0;
}

#endif
