/* The loader: one data file into a report model. The raw bytes are checked
 * first (load_prescan.c), then parsed (load_xml.c), validated against the
 * built-in schema (load_schema.c), and walked into the model with every rule
 * the schema cannot express (load_meta.c, load_measure.c, load_narrative.c).
 * Messages are collected and printed at the end, sorted by line. */
#include "load.h"
#include "readfile.h"
#include "load_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

/* Appends a message to the list. */
static void add_msg(struct loader *ld, int line, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	char *text = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	if (ld->nmsgs == ld->capmsgs) {
		ld->capmsgs = ld->capmsgs ? ld->capmsgs * 2 : 16;
		ld->msgs = xrealloc(ld->msgs, ld->capmsgs * sizeof *ld->msgs);
	}
	ld->msgs[ld->nmsgs] = (struct load_msg){ line, ld->nmsgs, text, false };
	ld->nmsgs++;
}

/* Records an error on a line. */
void load_error(struct loader *ld, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, line, fmt, ap);
	va_end(ap);
}

/* Records an error about an element and marks it explained. */
void load_node_error(struct loader *ld, xmlNode *node, const char *fmt, ...)
{
	load_mark(node, LOAD_MARK_EXPLAINED);
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, load_line(node), fmt, ap);
	va_end(ap);
}

/* Records an error about an attribute and marks it explained. */
void load_attr_error(struct loader *ld, xmlAttr *attr, const char *fmt, ...)
{
	load_mark_attr(attr, LOAD_MARK_EXPLAINED);
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, load_attr_line(attr), fmt, ap);
	va_end(ap);
}

/* Longest quoted text in a message, in bytes; longer text ends in "...". */
#define SHOWN_MAX 60

/* How one byte of quoted text is written in a message, or NULL for as it is.
 * These are what an attribute value must escape; a tab or line break in a
 * value can only have been written as a character reference, since XML turns
 * literal ones into spaces. */
static const char *shown_escape(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '"':
		return "&quot;";
	case '\t':
		return "&#9;";
	case '\n':
		return "&#10;";
	case '\r':
		return "&#13;";
	}
	return NULL;
}

/* Text fit for a message, as written in the file: spaces kept, so that
 * actual=" 300 " is shown with the spaces that make it wrong. Element text is
 * collapsed by its caller first. Other control characters are left to diag.c,
 * which shows them as U+XXXX. */
const char *load_shown(struct loader *ld, const char *text)
{
	size_t full = 0;
	for (const char *p = text; *p; p++) {
		const char *e = shown_escape(*p);
		full += e ? strlen(e) : 1;
	}
	bool cut = full > SHOWN_MAX;
	char *out = arena_alloc(&ld->r->arena, (cut ? SHOWN_MAX + 3 : full) + 1);
	size_t n = 0;
	for (const char *p = text; *p;) {
		const char *e = shown_escape(*p);
		/* One escape or one whole UTF-8 sequence at a time, so that a cut
		 * never falls inside either. */
		size_t in = 1;
		if (!e)
			while (((unsigned char)p[in] & 0xC0) == 0x80)
				in++;
		size_t w = e ? strlen(e) : in;
		if (cut && n + w > SHOWN_MAX)
			break;
		memcpy(out + n, e ? e : p, w);
		n += w;
		p += in;
	}
	if (cut) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* Longest piece of libxml2's own words in a message. */
#define ONELINE_MAX 200

/* libxml2's words made fit for one line of ours: white space collapsed, no
 * closing full stop, long text cut short. In the arena. */
const char *load_oneline(struct loader *ld, const char *msg)
{
	const char *c = load_collapse(ld, msg ? msg : "");
	size_t n = strlen(c);
	while (n > 0 && c[n - 1] == '.')
		n--;
	if (n > ONELINE_MAX) {
		n = ONELINE_MAX;
		while (n > 0 && ((unsigned char)c[n] & 0xC0) == 0x80)
			n--;
		return arena_printf(&ld->r->arena, "%.*s...", (int)n, c);
	}
	return arena_strndup(&ld->r->arena, c, n);
}

/* Orders messages by line, then by discovery. */
static int msg_order(const void *a, const void *b)
{
	const struct load_msg *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Orders messages by line, then by words, so that repeats sit together. */
static int msg_words_order(const void *a, const void *b)
{
	const struct load_msg *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	int c = strcmp(x->text, y->text);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Prints the messages in line order, each once: the same words on the same
 * line come from one cause found twice (the schema is run more than once). */
static void flush_msgs(struct loader *ld, struct diag *d)
{
	if (ld->nmsgs > 1) {
		qsort(ld->msgs, ld->nmsgs, sizeof *ld->msgs, msg_words_order);
		for (size_t i = 1; i < ld->nmsgs; i++)
			ld->msgs[i].repeat = ld->msgs[i].line == ld->msgs[i - 1].line &&
					     strcmp(ld->msgs[i].text, ld->msgs[i - 1].text) == 0;
		qsort(ld->msgs, ld->nmsgs, sizeof *ld->msgs, msg_order);
	}
	for (size_t i = 0; i < ld->nmsgs; i++)
		if (!ld->msgs[i].repeat)
			diag_error(d, ld->name, ld->msgs[i].line, "%s", ld->msgs[i].text);
}

/* Frees everything the loader holds apart from the report. */
static void loader_free(struct loader *ld)
{
	for (size_t i = 0; i < ld->nmsgs; i++)
		free(ld->msgs[i].text);
	free(ld->msgs);
	free(ld->value_errors);
	for (size_t i = 0; i < ld->nremoved; i++)
		xmlFreeNode(ld->removed[i]);
	free(ld->removed);
	free(ld->moves);
	free(ld->refs);
	load_ids_free(ld);
}

/* Walks a valid-enough tree into the model. */
static void walk(struct loader *ld, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	load_root(ld, root);
	for (xmlNode *c = root->children; c && !ld->stop; c = c->next) {
		if (load_is(c, "meta"))
			load_meta(ld, c);
		else if (load_is(c, "goals"))
			load_goals(ld, c);
		else if (load_is(c, "narrative"))
			load_narrative(ld, c);
	}
	if (!ld->stop)
		load_resolve_refs(ld);
}

/* The root must be <report format="1">; anything else is not worth validating. */
static bool check_root(struct loader *ld, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root->ns) {
		/* Named as written, prefix and all, so that it can be found in the file. */
		const char *prefix = (const char *)root->ns->prefix;
		load_node_error(ld, root,
				"the root element <%s%s%s> is in the namespace \"%s\"; expected <report> "
				"without a namespace",
				prefix ? prefix : "", prefix ? ":" : "", (const char *)root->name,
				load_shown(ld, (const char *)root->ns->href));
		return false;
	}
	if (!load_is(root, "report")) {
		load_node_error(ld, root, "the root element is <%s>; expected <report>",
				(const char *)root->name);
		return false;
	}
	xmlAttr *fa;
	const char *format = load_get(ld, root, "format", &fa);
	if (format && strcmp(format, "1") != 0) {
		load_attr_error(ld, fa,
				"format=\"%s\" is not a format this version reads; expected format=\"1\"",
				load_shown(ld, format));
		return false;
	}
	return true;
}

/* libxml2 ran out of memory: said once, however often libxml2 says it. */
void load_out_of_memory(struct loader *ld)
{
	if (!ld->out_of_memory)
		load_error(ld, 0, "out of memory while reading the data file; expected enough memory "
			   "for a file of %zu bytes", ld->len);
	ld->out_of_memory = true;
}

/* Errors libxml2 raises outside the parser and validator hooks, out of
 * memory above all, which it would otherwise print on stderr itself. */
static void on_library_error(void *user, xmlErrorPtr e)
{
	struct loader *ld = user;
	if (e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		load_out_of_memory(ld);
		return;
	}
	load_error(ld, e->line, "could not read the data file: %s; expected a readable XML file",
		   load_oneline(ld, e->message));
}

/* Reads and checks data already in memory; see load.h. */
struct report *load_report_memory(const char *name, const char *data, size_t len, struct diag *d)
{
	xmlInitParser();
	struct loader ld;
	memset(&ld, 0, sizeof ld);
	ld.r = report_new();
	ld.name = name;
	ld.data = data;
	ld.len = len;
	ld.r->path = arena_strdup(&ld.r->arena, name);
	/* libxml2 keeps this handler per thread; the caller's is put back below. */
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&ld, on_library_error);

	if (load_prescan(&ld)) {
		xmlDoc *doc = load_parse(&ld);
		if (doc) {
			if (check_root(&ld, doc)) {
				load_validate(&ld, doc);
				if (!ld.stop)
					walk(&ld, doc);
				if (!ld.stop)
					load_schema_leftovers(&ld);
			}
			/* Elements taken out of the tree are freed before the tree they came from. */
			for (size_t i = 0; i < ld.nremoved; i++)
				xmlFreeNode(ld.removed[i]);
			ld.nremoved = 0;
			xmlFreeDoc(doc);
		}
	}
	xmlSetStructuredErrorFunc(saved_context, saved);
	bool failed = ld.nmsgs > 0;
	flush_msgs(&ld, d);
	loader_free(&ld);
	if (failed) {
		report_free(ld.r);
		return NULL;
	}
	return ld.r;
}

/* Reads the file whole, refusing anything over the size limit. */
struct report *load_report(const char *path, struct diag *d)
{
	struct file_read in;
	switch (read_whole_file(path, (size_t)LOAD_MAX_FILE_BYTES, &in)) {
	case READ_OK:
		break;
	case READ_CANNOT_OPEN:
		diag_error(d, path, 0, "cannot open the data file: %s; expected a readable XML file",
			   strerror(in.err));
		return NULL;
	case READ_FOLDER:
		diag_error(d, path, 0, "this is a folder; expected an XML data file");
		return NULL;
	case READ_TOO_LARGE:
		diag_error(d, path, 0,
			   "the file is %lld bytes; expected at most %ld bytes (%ld MB) in one data file",
			   in.size, (long)LOAD_MAX_FILE_BYTES, (long)LOAD_MAX_FILE_BYTES / (1024 * 1024));
		return NULL;
	case READ_GOES_ON:
		diag_error(d, path, 0,
			   "the file goes on past %ld bytes; expected at most %ld bytes (%ld MB) in one "
			   "data file",
			   (long)LOAD_MAX_FILE_BYTES, (long)LOAD_MAX_FILE_BYTES,
			   (long)LOAD_MAX_FILE_BYTES / (1024 * 1024));
		return NULL;
	case READ_FAILED:
		diag_error(d, path, 0, "cannot read the data file: %s; expected a readable XML file",
			   strerror(in.err));
		return NULL;
	}
	struct report *r = load_report_memory(path, in.data, in.len, d);
	free(in.data);
	return r;
}
