/* Shared by the loader's files (load*.c) and nothing else: the loader's state,
 * its message list, and the helpers that read libxml2's tree. No libxml2 type
 * is visible past these files. */
#ifndef QREPORT_LOAD_INTERNAL_H
#define QREPORT_LOAD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"

/* One message, kept until the end so that they come out sorted by line. */
struct load_msg {
	int line;    /* 0: about the whole file. */
	size_t seq;  /* Order of discovery, to keep the sort stable. */
	char *text;  /* Heap-owned. */
	bool repeat; /* The same words on the same line came earlier. */
	bool warning; /* Told, but the file still loads. */
};

/* What an id names. */
enum id_kind { ID_GOAL, ID_MEASURE, ID_SECTION, ID_INITIATIVE };

struct id_entry {
	const char *id; /* NULL for an empty slot. */
	enum id_kind kind;
	void *object;   /* struct goal, measure or section. */
	int line;
};

/* Open addressing, so 50,000 measures are looked up in constant time each. */
struct id_table {
	struct id_entry *slots; /* Heap-owned. */
	size_t cap;             /* A power of two. */
	size_t n;
};

/* A `refs` token waiting until every id is known. */
struct pending_ref {
	const char *id;         /* In the report's arena. */
	struct measure **slot;  /* Where the measure goes. */
	int line;
	size_t list;            /* Which refs list it is in, counting from 1. */
};

/* A value the schema refused, for the loader to explain in its own words. */
struct schema_value_error {
	xmlNode *element;
	xmlAttr *attr;          /* NULL when the element's content was refused. */
	const char *reason;     /* libxml2's words, in the arena; only used if the loader has none. */
};

/* An element written out of order, to be moved before another. */
struct load_move {
	xmlNode *el, *before;
};

struct loader {
	struct report *r;
	const char *name;       /* The file as named on the command line, for messages. */
	const char *data;       /* The whole input, as read. */
	size_t len;

	struct load_msg *msgs;  /* Heap-owned list. */
	size_t nmsgs, capmsgs;
	size_t nerrors;         /* Messages that are errors rather than warnings. */
	bool stop;              /* A limit was passed: stop reading the tree. */
	bool out_of_memory;     /* Said once, however often libxml2 says it. */

	struct id_table ids;
	struct pending_ref *refs; /* Heap-owned. */
	size_t nrefs, caprefs;
	size_t nlists;            /* refs lists read so far. */

	struct schema_value_error *value_errors; /* Heap-owned. */
	size_t nvalue_errors, capvalue_errors;
	xmlNode **removed;      /* Elements the schema refused, unlinked; freed at the end. */
	size_t nremoved, capremoved;
	struct load_move *moves; /* Elements to put back in order after a pass; heap-owned. */
	size_t nmoves, capmoves;
	bool tree_changed;      /* This validation pass put in a placeholder. */

	bool has_period;        /* meta/period was read: values can be checked against it. */
	const struct measure *breakdown_told; /* The measure whose parts without breakdown= were
					       * reported, once. */
	size_t measure_count;   /* Measures seen so far, for LOAD_MAX_MEASURES. */
	size_t value_count;     /* Values seen so far, for LOAD_MAX_VALUES. */
	int rtl_line, mark_line; /* Lines last warned about for right-to-left
				  * text and combining marks (load_reader_text). */
};

/* ---- Messages (load.c) ---- */

/* Records an error on a line (0: the whole file). */
void load_error(struct loader *ld, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records a warning on a line: told with the errors, in line order, but the
 * file still loads. */
void load_warning(struct loader *ld, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records an error about an element (its start tag's line) and marks it explained. */
void load_node_error(struct loader *ld, xmlNode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records an error about an attribute (its own line) and marks it explained. */
void load_attr_error(struct loader *ld, xmlAttr *attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* libxml2's words fit for one line of a message: white space collapsed, no
 * final full stop, cut short if long. In the report's arena. */
const char *load_oneline(struct loader *ld, const char *msg);
/* libxml2 ran out of memory: one message, however often it says so. */
void load_out_of_memory(struct loader *ld);
/* Print the collected messages through `d`, sorted by line, each once. */
void load_flush_msgs(struct loader *ld, struct diag *d);
/* Free the collected messages. */
void load_msgs_free(struct loader *ld);
/* Text fit for quoting in a message, as the person meant it: spaces kept,
 * & and < as themselves, the delimiting " and tab CR LF as the character
 * references that alone can write them in a value; long text cut short.
 * Callers quoting element text collapse it first (load_collapse). The
 * result lives in the report's arena. */
const char *load_shown(struct loader *ld, const char *text);

/* ---- Before libxml2 (load_prescan.c) ---- */

/* Checks size, encoding and the prolog (no DOCTYPE) before any parsing.
 * Returns false, after reporting, when the file must not be parsed. */
bool load_prescan(struct loader *ld);

/* ---- libxml2 (load_xml.c) ---- */

/* Parses ld->data into a tree whose nodes know their lines; NULL after
 * reporting when the file is not well-formed or passes a limit. */
xmlDoc *load_parse(struct loader *ld);

/* Source line of an element (its start tag), attribute or text node (its first
 * character that is not white space); 0 if unknown. */
/* The raw _private word of a node (its line shifted past three mark bits),
 * and setting the line while keeping the marks: for the parser's hooks. */
uintptr_t load_priv_get(void *const *slot);
void load_priv_set_line(void **slot, int line);
int load_line(const xmlNode *node);
int load_attr_line(const xmlAttr *attr);
/* Marks: the schema refused the value; the loader has explained it; the
 * element stands in for a missing one so that validation can go on. */
#define LOAD_MARK_SCHEMA 1u
#define LOAD_MARK_EXPLAINED 2u
#define LOAD_MARK_PLACEHOLDER 4u
void load_mark(xmlNode *node, unsigned mark);
void load_mark_attr(xmlAttr *attr, unsigned mark);
bool load_marked(const xmlNode *node, unsigned mark);
bool load_marked_attr(const xmlAttr *attr, unsigned mark);

/* ---- The schema (load_schema.c) ---- */

/* Validates against the built-in schema, reporting in our words; elements
 * the schema does not expect are taken out of the tree so that the rest can
 * still be checked. */
void load_validate(struct loader *ld, xmlDoc *doc);
/* After the tree walk: schema refusals that the loader did not explain itself. */
void load_schema_leftovers(struct loader *ld);

/* ---- What the format allows, for messages (load_names.c) ---- */

/* Writes "id, unit, decimals, ..." into buf; false when the element takes none. */
bool load_format_attrs(const char *element, char *buf, size_t n);
/* An example value for an attribute, e.g. "code-inspections" for measure@id. */
const char *load_format_example(const char *element, const char *attr);
/* Whether the format has an element of this name anywhere. */
bool load_format_known(const char *element);
/* Whether the element may appear more than once in its parent. */
bool load_format_repeats(const char *element);
/* The children a parent must have, as "a b c" (NULL if none). */
const char *load_format_required(const char *element);
/* The order a parent's children must come in, as "a b c" (NULL if any order). */
const char *load_format_order(const char *parent);

/* ---- Reading the tree (load_tree.c) ---- */

/* XML white space (space, tab, CR, LF); a no-break space is not. */
bool load_is_space(char c);
/* Whether a text node holds only white space (or nothing). */
bool load_blank(const xmlNode *text);
/* Is node an element named `name` (with no namespace)? */
bool load_is(const xmlNode *node, const char *name);
/* An attribute without namespace, or NULL; its value through load_value. */
xmlAttr *load_attr(const xmlNode *el, const char *name);
const char *load_value(struct loader *ld, const xmlAttr *attr);
/* The value of an attribute, or NULL when absent. */
const char *load_get(struct loader *ld, const xmlNode *el, const char *name, xmlAttr **out);
/* The text of a plain-text element, white space collapsed, in the arena. */
const char *load_plain(struct loader *ld, const xmlNode *el);
/* White space collapsed and trimmed; in the arena. */
const char *load_collapse(struct loader *ld, const char *s);

/* Whether s is a BCP 47 tag in its common shape: letters, then hyphenated
 * subtags of letters and digits, each 1 to 8 long (load_meta.c). */
bool load_language_tag(const char *s);

/* ---- Rich text (load_text.c) ---- */

/* Text readers will see, in NFC, in the arena (`s` itself when it is NFC
 * already); warns on `line` about what the PDF cannot draw as written:
 * right-to-left letters, and combining marks with no precomposed letter. */
const char *load_reader_text(struct loader *ld, const char *s, int line);

/* Note a text of `bytes` that the workbook would write in one cell: the
 * first one longer than a cell holds gives the line of the workbook's
 * warning (report.cell_cut_line). */
void load_cell_text(struct loader *ld, int line, size_t bytes);

/* A paragraph of text with b, i, a and span, white space collapsed across
 * runs, in the language xml:lang gives on it or around it. */
void load_para(struct loader *ld, xmlNode *el, struct para *out);
/* The language an element's own xml:lang gives (checked, with a message on
 * its line when it is not a language tag; so is any other xml: attribute),
 * or NULL. */
const char *load_lang(struct loader *ld, xmlNode *el);
/* commentary/action: inline text as one paragraph, or several p. */
void load_paras(struct loader *ld, xmlNode *el, struct paras *out);

/* ---- Ids (load_ids.c) ---- */

/* Checks the id attribute's syntax and uniqueness and records it; returns the
 * id in the arena, or NULL if it is missing or wrong. */
const char *load_id(struct loader *ld, xmlNode *el, enum id_kind kind, void *object);
const struct id_entry *load_id_find(const struct loader *ld, const char *id);
void load_ids_free(struct loader *ld);
/* "goal", "measure", "section" */
const char *load_id_kind_name(enum id_kind kind);

/* ---- Text written for a quarter (load_stale.c) ---- */

/* Reads the for= attribute of commentary, action or a narrative section:
 * false when the text was written for a quarter before the report period,
 * which is then left out of the report with a warning; text for a later
 * quarter is an error. True when there is no for= or it names the period. */
bool load_text_current(struct loader *ld, xmlNode *el);
/* A warning when meta/published comes before the report period's end: a
 * file made for the next quarter keeps last quarter's date until it is set. */
void load_check_published(struct loader *ld, int line);

/* ---- Initiatives (load_initiative.c) ---- */

/* One initiative element, read into `in`. */
void load_initiative(struct loader *ld, xmlNode *el, struct initiative *in);

/* ---- Measures (load_amount.c, load_target.c, load_measure.c) ---- */

/* A target or value as read, with what the rules need to point back at it. */
struct load_source {
	xmlNode *el;
	const char *text;     /* The comparison's amount as written (targets). */
	const char *attr;     /* The comparison's attribute name (targets). */
	const char *per_text; /* per= as written, or NULL (targets). */
	bool cmp_ok;          /* The comparison reads (targets). */
	bool amount_ok;       /* Its amount reads in the unit (targets). */
	bool key_ok;          /* The scope (targets) or period (values) reads. */
};

/* Reads an amount attribute in the measure's unit; false (after reporting)
 * if it does not read. Without a known unit (already reported) the text is
 * still refused if no unit at all could read it. */
bool load_amount(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
		 bool unit_ok, double *out);
/* Reads a period attribute of the measure's own kind (its frequency's);
 * false (after reporting) when it is not one, or is out of range. */
bool load_measure_period(struct loader *ld, xmlAttr *a, const char *text, const struct measure *m,
			 struct period *out);
/* The measure's attributes (load_unit.c); returns whether its unit is
 * known. *tolerance_text gets tolerance= as written, or NULL. */
bool load_measure_attrs(struct loader *ld, xmlNode *el, struct measure *m,
			const char **tolerance_text);
/* <levels>: a rating's levels, lowest first (load_unit.c). */
void load_levels(struct loader *ld, xmlNode *el, struct measure *m, bool unit_ok);
/* One value element (src->el), read into v (load_value.c). */
void load_value_element(struct loader *ld, struct measure *m, bool unit_ok, struct load_source *src,
		struct value *v);
/* Two values for one period: reported on the second (load_value.c). */
void load_check_values(struct loader *ld, const struct measure *m, const struct load_source *src);
/* One target element (src->el), read into t. */
void load_target(struct loader *ld, struct measure *m, bool unit_ok, struct load_source *src,
		 struct target *t);
/* The rules between a measure's targets, and between them and its
 * attributes (those that need the unit only when `unit_ok`);
 * `tolerance_text` is the measure's tolerance= or NULL. */
void load_check_targets(struct loader *ld, const struct measure *m,
			const struct load_source *src, bool unit_ok, const char *tolerance_text);

/* ---- The model (load_meta.c, load_measure.c, load_narrative.c) ---- */

void load_root(struct loader *ld, xmlNode *root);
void load_meta(struct loader *ld, xmlNode *meta);
void load_goals(struct loader *ld, xmlNode *goals);
void load_narrative(struct loader *ld, xmlNode *narrative);
/* Resolves measures refs once every id is known. */
void load_resolve_refs(struct loader *ld);

#endif
