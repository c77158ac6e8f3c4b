/* The loader: one data file (format 1) into a report model, every rule checked. */
#ifndef QREPORT_LOAD_H
#define QREPORT_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "load_limits.h"
#include "model.h"

/* Read and check `path`. Every problem is reported through `d` as
 * FILE:LINE: error: ...; returns NULL if there was any error.
 * The structure is validated against schema/report-1.xsd, which is built
 * into the program (schema_data.c) so no install path can go missing.
 * The caller owns the result and frees it with report_free(). */
struct report *load_report(const char *path, struct diag *d);

/* Same, from memory (for the fuzzer and tests); `name` is used in messages. */
struct report *load_report_memory(const char *name, const char *data, size_t len,
				  struct diag *d);

#endif
