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
/* Parts in one value's breakdown, and notes on one measure. */
#define LOAD_MAX_PARTS 50
#define LOAD_MAX_NOTES 20
/* Initiatives in one file, and milestones in one initiative. */
#define LOAD_MAX_INITIATIVES 10000
#define LOAD_MAX_MILESTONES 100
/* Levels in one rating's scale. */
#define LOAD_MAX_LEVELS 50
/* How many of its own periods a measure's latest result may trail. */
#define LOAD_MAX_LAG 12
/* Measure cards the narrative's refs lists may ask for, all lists together. */
#define LOAD_MAX_NARRATIVE_CARDS 50000
/* Attributes on one element, counted on the raw bytes before the parser
 * sees them: its duplicate check takes time in their square. */
#define LOAD_MAX_ATTRIBUTES 64
/* Values in the whole file: the workbook's History sheet has a row for
 * each, and a sheet holds 1,048,576 rows. */
#define LOAD_MAX_VALUES 1000000
/* Longest link address the PDF makes a link: the most a PDF string holds
 * (ISO 32000-1, annex C). A longer one is a warning on its line, and its
 * text is shown without the link. */
#define LOAD_MAX_HREF_BYTES 32767
/* Longest text a workbook cell holds, in bytes (Excel counts characters:
 * bytes are never fewer). Longer text is shown cut short there, with a
 * warning naming its line. */
#define LOAD_WORKBOOK_CELL_BYTES 32767

#endif
