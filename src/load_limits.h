/* The data file's limits, shared by the loader's files and the tests. */
#ifndef QREPORT_LOAD_LIMITS_H
#define QREPORT_LOAD_LIMITS_H

/* Limits that keep hostile input bounded; far above any real city's report. */
#define LOAD_MAX_FILE_BYTES (64L * 1024 * 1024)
#define LOAD_MAX_DEPTH 64
#define LOAD_MAX_TEXT_BYTES (1024L * 1024)
#define LOAD_MAX_MEASURES 50000
#define LOAD_MAX_VALUES_PER_MEASURE 400
#define LOAD_MAX_BENCHMARKS_PER_MEASURE 20
/* Measure cards the narrative's refs lists may ask for, all lists together. */
#define LOAD_MAX_NARRATIVE_CARDS 50000
/* Attributes on one element, counted on the raw bytes before the parser
 * sees them: its duplicate check takes time in their square. */
#define LOAD_MAX_ATTRIBUTES 64

#endif
