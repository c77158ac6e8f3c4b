/* The loader: one data file into a report model. The raw bytes are checked
 * first (load_prescan.c), then parsed (load_xml.c), validated against the
 * built-in schema (load_schema.c), and walked into the model with every rule
 * the schema cannot express (load_meta.c, load_measure.c, load_narrative.c).
 * Messages are collected and printed at the end, sorted by line. */
#include "load.h"
#include "readfile.h"
#include "load_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

/* Frees everything the loader holds apart from the report. */
static void loader_free(struct loader *ld)
{
	load_msgs_free(ld);
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
	/* A carriage return alone ends a line as much as a line feed does (XML
	 * reads both as one), but libxml2 counts lines by line feeds only: a
	 * file saved with old Mac line ends would have every message on line
	 * 1. The same bytes with line feeds mean the same document. */
	char *lf = NULL;
	for (size_t i = 0; i < len && !lf; i++) {
		if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n')) {
			lf = xmalloc(len + 1);
			memcpy(lf, data, len);
			lf[len] = '\0';
			for (size_t k = i; k < len; k++)
				if (lf[k] == '\r' && (k + 1 == len || lf[k + 1] != '\n'))
					lf[k] = '\n';
		}
	}
	ld.data = lf ? lf : data;
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
	bool failed = ld.nerrors > 0;
	load_flush_msgs(&ld, d);
	loader_free(&ld);
	free(lf);
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
	case READ_NOT_REGULAR:
		diag_error(d, path, 0, "the data file is %s, not a regular file; expected an XML data "
			   "file saved on disk", in.kind);
		return NULL;
	case READ_TOO_LARGE:
		diag_error(d, path, 0,
			   "the file is %lld bytes; expected at most %ld bytes (%ld MB) in one data file",
			   in.size, (long)LOAD_MAX_FILE_BYTES, (long)LOAD_MAX_FILE_BYTES / (1024 * 1024));
		return NULL;
	case READ_GOES_ON:
		diag_error(d, path, 0,
			   "the file grew past %ld bytes while it was read; expected at most %ld bytes "
			   "(%ld MB) in one data file, left alone while qreport reads it",
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
