/* Messages for people: `FILE:LINE: error: what is wrong, and what was expected`. */
#ifndef QREPORT_DIAG_H
#define QREPORT_DIAG_H

#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag {
	FILE *out;       /* Where messages go; stderr in the program, a memory stream in tests. */
	int errors;      /* Count of errors so far: any error means exit 1 and no output. */
	int warnings;    /* Count of warnings so far. */
	int max_errors;  /* Stop printing (but keep counting) past this many; 0 = no limit. */
	int quiet;       /* Suppress warnings and notes, never errors. */
};

void diag_init(struct diag *d, FILE *out);

/* file may be NULL for messages about no particular file; line 0 omits the line. */
void diag_msg(struct diag *d, enum diag_level level, const char *file, long line,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#define diag_error(d, file, line, ...) diag_msg((d), DIAG_ERROR, (file), (line), __VA_ARGS__)
#define diag_warn(d, file, line, ...) diag_msg((d), DIAG_WARNING, (file), (line), __VA_ARGS__)

#endif
