/* Changing a data file the way a careful person would by hand: only the
 * elements whose values change are written anew, and every other byte
 * (comments, order, indentation, character references, line breaks) stays
 * as it was, so a diff of the file shows only what changed. The file is
 * read into libxml2's tree, the tree is edited in place, and saving copies
 * the original bytes around each changed element, which libxml2 writes.
 * No libxml2 type is visible past datafile_edit.c. */
#ifndef QREPORT_DATAFILE_EDIT_H
#define QREPORT_DATAFILE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct datafile;

/* The two texts of a measure that change every quarter. */
enum datafile_text { DATAFILE_COMMENTARY, DATAFILE_ACTION };

/* Read a data file for editing; it must have loaded without errors
 * (load_report) first, so only its bytes are read again here. NULL, after
 * an error through `d`, when it cannot be read. */
struct datafile *datafile_open(const char *path, struct diag *d);
void datafile_free(struct datafile *f);

/* The report period, meta/period. */
void datafile_set_period(struct datafile *f, struct period p);
/* Marks every commentary, action and narrative section that has no for=
 * with for="P": the quarter it was written for. Returns how many. */
size_t datafile_mark_texts(struct datafile *f, struct period p);
/* Gives every quarterly measure that has no value for `p` an empty
 * <value period="P"/> after its other values (a monthly or annual measure's
 * values are for its own periods). Returns how many were added. */
size_t datafile_add_empty_values(struct datafile *f, struct period p);

/* Whether the file has a measure with this id. */
bool datafile_has_measure(const struct datafile *f, const char *id);
/* Sets actual="TEXT" on the measure's value for `p`, adding the value in
 * period order when there is none. The text must already be an amount the
 * format reads. False when there is no such measure. */
bool datafile_set_actual(struct datafile *f, const char *id, struct period p, const char *text);
/* Replaces the measure's commentary or action (or adds it in its place)
 * with plain text, one paragraph per line of `text`, marked for="P". False
 * when there is no such measure. */
bool datafile_set_text(struct datafile *f, const char *id, enum datafile_text which,
		       const char *text, struct period p);

/* Whether anything was changed since datafile_open. */
bool datafile_changed(const struct datafile *f);
/* The file's bytes with every change made: heap-owned, NUL-terminated. */
char *datafile_render(struct datafile *f, size_t *len);

/* Check that `bytes` load as a data file, then write them atomically to
 * `path` (keeping the mode of a file already there). Messages name `path`;
 * the loader's warnings are not printed but counted into *warnings (when
 * not NULL), for the caller to tell. Returns an exit status: 0, 1 when the
 * bytes would not load, 3 when the file cannot be written. */
int datafile_save(const char *path, const char *bytes, size_t len, struct diag *d,
		  int *warnings);

#endif
