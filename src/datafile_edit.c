/* Editing a data file in place; see datafile_edit.h.
 *
 * libxml2 writes a whole tree back with its own spelling: character
 * references become characters and a start tag wrapped over two lines is
 * joined, so a diff would show lines nobody changed. Instead the parser's
 * hooks note where each element starts and ends in the original bytes, the
 * tree is edited in place, and rendering copies the original bytes,
 * putting libxml2's writing of each changed or new element in its place. */
#include "datafile_edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>

#include "arena.h"
#include "load.h"
#include "period.h"
#include "readfile.h"

/* Where an element stands in the original bytes. */
struct span {
	long start;   /* Its '<'. */
	long tag_end; /* The '>' or '/' that ends its start tag. */
	long end;     /* Just past its end tag (or its "/>"). */
	bool replaced; /* A REPLACE edit has been queued for it. */
};

enum edit_kind {
	EDIT_REPLACE,      /* The element's bytes give way to libxml2's writing of it. */
	EDIT_INSERT_AFTER, /* A new element after `at`, with `sep` before it. */
	EDIT_INSERT_BEFORE,/* A new element at `at`, with `sep` after it. */
	EDIT_TEXT,         /* `text` goes in at `at` (an attribute into a start tag). */
};

struct edit {
	enum edit_kind kind;
	long at, end;      /* Byte range in the original; at == end for insertions. */
	size_t seq;        /* Order of making, for edits at the same place. */
	xmlNode *node;     /* The element written (REPLACE, INSERT_*). */
	char *text;        /* Heap-owned: the separator, or the text of EDIT_TEXT. */
};

/* A measure by id, for lookups. */
struct measure_ref {
	const char *id; /* Owned by the tree. */
	xmlNode *el;
};

struct datafile {
	char *data;        /* The file as read; heap-owned. */
	size_t len;
	xmlDoc *doc;
	struct span *spans; /* Heap-owned; node->_private holds index + 1. */
	size_t nspans, capspans;
	struct measure_ref *measures; /* Sorted by id; heap-owned. */
	size_t nmeasures;
	xmlNode *period;   /* meta/period. */
	xmlNode *narrative;
	struct edit *edits; /* Heap-owned. */
	size_t nedits, capedits;
	bool crlf;         /* Lines end in CR LF, and new ones will too. */
};

/* ---- reading ---- */

/* The offset in the file of where the parser stands. Data files are UTF-8
 * (the loader refuses others), so the parser reads the bytes themselves. */
static long input_offset(xmlParserCtxtPtr ctxt)
{
	xmlParserInputPtr in = ctxt->input;
	return (long)in->consumed + (long)(in->cur - in->base);
}

/* The span of an element read from the file, or NULL for a new one. */
static struct span *span_of(const struct datafile *f, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i ? &f->spans[i - 1] : NULL;
}

/* SAX start of element: the start tag's place. The parser stands on the '>'
 * or '/' that ends it; no '<' can come between that and the tag's '<'. */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct datafile *f = ctxt->_private;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
			      nb_attributes, nb_defaulted, attributes);
	xmlNode *el = ctxt->node;
	if (!el || el->type != XML_ELEMENT_NODE)
		return;
	long tag_end = input_offset(ctxt);
	long lt = tag_end;
	while (lt > 0 && f->data[lt] != '<')
		lt--;
	if (f->nspans == f->capspans) {
		f->capspans = f->capspans ? f->capspans * 2 : 1024;
		f->spans = xrealloc(f->spans, f->capspans * sizeof *f->spans);
	}
	f->spans[f->nspans] = (struct span){ lt, tag_end, tag_end, false };
	el->_private = (void *)(uintptr_t)++f->nspans;
}

/* SAX end of element: the parser stands just past the end tag. */
static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct datafile *f = ctxt->_private;
	xmlNode *el = ctxt->node;
	if (el && el->type == XML_ELEMENT_NODE) {
		struct span *s = span_of(f, el);
		if (s)
			s->end = input_offset(ctxt);
	}
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* Whether n is an element named `name`. */
static bool is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !n->ns &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The first child element of n named `name`, or NULL. */
static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Orders measures by id. */
static int ref_order(const void *a, const void *b)
{
	return strcmp(((const struct measure_ref *)a)->id, ((const struct measure_ref *)b)->id);
}

/* Finds meta/period, the narrative and every measure. */
static void index_tree(struct datafile *f)
{
	xmlNode *root = xmlDocGetRootElement(f->doc);
	f->period = child(child(root, "meta"), "period");
	f->narrative = child(root, "narrative");
	size_t n = 0;
	xmlNode *goals = child(root, "goals");
	for (xmlNode *g = goals ? goals->children : NULL; g; g = g->next)
		for (xmlNode *m = is(g, "goal") ? g->children : NULL; m; m = m->next)
			n += is(m, "measure");
	f->measures = xcalloc(n ? n : 1, sizeof *f->measures);
	for (xmlNode *g = goals ? goals->children : NULL; g; g = g->next) {
		for (xmlNode *m = is(g, "goal") ? g->children : NULL; m; m = m->next) {
			xmlAttr *id = is(m, "measure") ? xmlHasProp(m, (const xmlChar *)"id") : NULL;
			if (id && id->children && id->children->content)
				f->measures[f->nmeasures++] =
					(struct measure_ref){ (const char *)id->children->content, m };
		}
	}
	qsort(f->measures, f->nmeasures, sizeof *f->measures, ref_order);
}

/* Reads a data file for editing; see datafile_edit.h. */
struct datafile *datafile_open(const char *path, struct diag *d)
{
	struct file_read in;
	if (read_whole_file(path, (size_t)LOAD_MAX_FILE_BYTES, &in) != READ_OK) {
		diag_error(d, path, 0, "cannot read the data file again to change it; expected it "
			   "to stay readable while qreport runs");
		return NULL;
	}
	struct datafile *f = xcalloc(1, sizeof *f);
	f->data = in.data;
	f->len = in.len;
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(f->data, (int)f->len);
	if (ctxt) {
		ctxt->_private = f;
		ctxt->sax->startElementNs = on_start;
		ctxt->sax->endElementNs = on_end;
		/* As the loader reads it: no entities, no DTD, no network. */
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
						XML_PARSE_BIG_LINES);
		xmlParseDocument(ctxt);
		if (ctxt->wellFormed && ctxt->myDoc && xmlDocGetRootElement(ctxt->myDoc))
			f->doc = ctxt->myDoc;
		else
			xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
		xmlFreeParserCtxt(ctxt);
	}
	if (!f->doc) {
		diag_error(d, path, 0, "the data file changed while qreport read it; expected it to "
			   "stay as it was while qreport runs");
		datafile_free(f);
		return NULL;
	}
	const char *nl = memchr(f->data, '\n', f->len);
	f->crlf = nl && nl > f->data && nl[-1] == '\r';
	index_tree(f);
	return f;
}

/* Frees the file, its tree and its edits. */
void datafile_free(struct datafile *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nedits; i++)
		free(f->edits[i].text);
	free(f->edits);
	free(f->measures);
	free(f->spans);
	xmlFreeDoc(f->doc);
	free(f->data);
	free(f);
}

/* ---- edits ---- */

/* A heap-owned copy of n bytes. */
static char *strndup_heap(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Queues an edit; `text` (heap-owned or NULL) passes to the edit. */
static void add_edit(struct datafile *f, enum edit_kind kind, long at, long end, xmlNode *node,
		     char *text)
{
	if (f->nedits == f->capedits) {
		f->capedits = f->capedits ? f->capedits * 2 : 64;
		f->edits = xrealloc(f->edits, f->capedits * sizeof *f->edits);
	}
	f->edits[f->nedits] = (struct edit){ kind, at, end, f->nedits, node, text };
	f->nedits++;
}

/* The element is to be written anew: once, however often it changes. An
 * element that is itself new is written with what it was inserted into. */
static void replace(struct datafile *f, xmlNode *el)
{
	struct span *s = span_of(f, el);
	if (!s || s->replaced)
		return;
	s->replaced = true;
	add_edit(f, EDIT_REPLACE, s->start, s->end, el, NULL);
}

/* The white space before the byte at `at`, from its last line break on
 * ("\n    ", or "\r\n    " in a CRLF file); "" when something other than
 * white space comes first on the line. Read from the original bytes, as the
 * tree has line breaks normalised. Heap-owned. */
static char *space_before(const struct datafile *f, long at)
{
	long p = at;
	while (p > 0 && (f->data[p - 1] == ' ' || f->data[p - 1] == '\t'))
		p--;
	if (p == 0 || f->data[p - 1] != '\n')
		return xstrdup("");
	p--;
	if (p > 0 && f->data[p - 1] == '\r')
		p--;
	return strndup_heap(f->data + p, (size_t)(at - p));
}

/* The edit that inserts a new element, or NULL. */
static const struct edit *insertion_of(const struct datafile *f, const xmlNode *el)
{
	for (size_t i = f->nedits; i-- > 0;)
		if (f->edits[i].node == el && f->edits[i].kind != EDIT_REPLACE)
			return &f->edits[i];
	return NULL;
}

/* Puts a new element into the tree after `anchor` (or before it) and queues
 * its writing, with the white space that leads the anchor's line between
 * them. Beside a new anchor, it is written just after the anchor's own
 * writing (callers add a measure's new values in period order, so a new
 * element never has to go before another new one). */
static void insert_near(struct datafile *f, xmlNode *anchor, xmlNode *el, bool before)
{
	const struct span *s = span_of(f, anchor);
	const struct edit *e = s ? NULL : insertion_of(f, anchor);
	if (!s && !e) {
		xmlFreeNode(el);
		return;
	}
	if (before && s)
		xmlAddPrevSibling(anchor, el);
	else
		xmlAddNextSibling(anchor, el);
	if (s)
		add_edit(f, before ? EDIT_INSERT_BEFORE : EDIT_INSERT_AFTER, before ? s->start : s->end,
			 before ? s->start : s->end, el, space_before(f, s->start));
	else
		add_edit(f, e->kind, e->at, e->at, el, xstrdup(e->text));
}

/* A new element takes the place of `old` in the queued edits too. */
static void retarget(struct datafile *f, const xmlNode *old, xmlNode *el)
{
	for (size_t i = 0; i < f->nedits; i++)
		if (f->edits[i].node == old)
			f->edits[i].node = el;
}

/* Where an attribute goes into a start tag: just after its last attribute
 * (or its name), so that " for=..." reads like the others. */
static long attr_place(const struct datafile *f, const struct span *s)
{
	long p = s->tag_end;
	while (p > s->start && (f->data[p - 1] == ' ' || f->data[p - 1] == '\t' ||
				f->data[p - 1] == '\r' || f->data[p - 1] == '\n'))
		p--;
	return p;
}

/* The measure with this id, or NULL. */
static xmlNode *find_measure(const struct datafile *f, const char *id)
{
	struct measure_ref key = { id, NULL };
	const struct measure_ref *m =
		bsearch(&key, f->measures, f->nmeasures, sizeof *f->measures, ref_order);
	return m ? m->el : NULL;
}

/* Whether the file has a measure with this id. */
bool datafile_has_measure(const struct datafile *f, const char *id)
{
	return find_measure(f, id) != NULL;
}

/* Sets meta/period. */
void datafile_set_period(struct datafile *f, struct period p)
{
	if (!f->period)
		return;
	char id[16];
	period_id(p, id, sizeof id);
	xmlNodeSetContent(f->period, (const xmlChar *)id);
	replace(f, f->period);
}

/* Adds for="P" to one text element that has none. */
static bool mark_one(struct datafile *f, xmlNode *el, const char *id)
{
	if (xmlHasProp(el, (const xmlChar *)"for"))
		return false;
	xmlSetProp(el, (const xmlChar *)"for", (const xmlChar *)id);
	struct span *s = span_of(f, el);
	if (s && !s->replaced) {
		size_t n = strlen(id) + sizeof " for=\"\"";
		char *text = xmalloc(n);
		snprintf(text, n, " for=\"%s\"", id);
		long at = attr_place(f, s);
		add_edit(f, EDIT_TEXT, at, at, NULL, text);
	}
	return true;
}

/* Marks texts written for `p`; see datafile_edit.h. */
size_t datafile_mark_texts(struct datafile *f, struct period p)
{
	char id[16];
	period_id(p, id, sizeof id);
	size_t n = 0;
	for (size_t i = 0; i < f->nmeasures; i++)
		for (xmlNode *c = f->measures[i].el->children; c; c = c->next)
			if (is(c, "commentary") || is(c, "action"))
				n += mark_one(f, c, id);
	for (xmlNode *c = f->narrative ? f->narrative->children : NULL; c; c = c->next)
		if (is(c, "section"))
			n += mark_one(f, c, id);
	return n;
}

/* The period of a value element; false when it has none that reads. */
static bool value_period(const xmlNode *v, struct period *out)
{
	xmlAttr *a = xmlHasProp(v, (const xmlChar *)"period");
	return a && a->children && a->children->content &&
	       period_parse_any((const char *)a->children->content, out);
}

/* The measure's value for `p`, or NULL. */
static xmlNode *find_value(const xmlNode *m, struct period p)
{
	for (xmlNode *c = m->children; c; c = c->next) {
		struct period vp;
		if (is(c, "value") && value_period(c, &vp) && period_cmp(vp, p) == 0)
			return c;
	}
	return NULL;
}

/* The last child of m named any of `names` (space-separated), or NULL. */
static xmlNode *last_of(const xmlNode *m, const char *const *names)
{
	xmlNode *last = NULL;
	for (xmlNode *c = m->children; c; c = c->next)
		for (const char *const *n = names; *n; n++)
			if (is(c, *n))
				last = c;
	return last;
}

/* The children a value comes after, in the format's order. */
static const char *const before_values[] = { "name", "department", "definition", "target",
					     "benchmark", NULL };

/* Adds <value period="P"/> to a measure in period order; returns it. */
static xmlNode *add_value(struct datafile *f, xmlNode *m, struct period p)
{
	char id[16];
	period_id(p, id, sizeof id);
	xmlNode *v = xmlNewDocNode(f->doc, NULL, (const xmlChar *)"value", NULL);
	xmlNewProp(v, (const xmlChar *)"period", (const xmlChar *)id);
	/* After the last value of an earlier period; else before the first
	 * value; else after whatever comes before values. */
	xmlNode *after = NULL, *first = NULL;
	for (xmlNode *c = m->children; c; c = c->next) {
		struct period vp;
		if (!is(c, "value"))
			continue;
		if (!first)
			first = c;
		if (value_period(c, &vp) && period_cmp(vp, p) < 0)
			after = c;
	}
	if (!after && first) {
		insert_near(f, first, v, true);
		return v->parent ? v : NULL;
	}
	if (!after)
		after = last_of(m, before_values);
	if (!after) {
		/* A measure always has a name; the loader saw to that. */
		xmlFreeNode(v);
		return NULL;
	}
	insert_near(f, after, v, false);
	return v->parent ? v : NULL;
}

/* Adds empty values for `p`; see datafile_edit.h. */
size_t datafile_add_empty_values(struct datafile *f, struct period p)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nmeasures; i++) {
		xmlNode *m = f->measures[i].el;
		/* A monthly or annual measure has no value for a quarter: its
		 * own periods come as its figures do. */
		xmlChar *freq = xmlGetNoNsProp(m, (const xmlChar *)"frequency");
		bool quarterly = !freq || xmlStrcmp(freq, (const xmlChar *)"quarterly") == 0;
		xmlFree(freq);
		if (quarterly && !find_value(m, p) && add_value(f, m, p))
			n++;
	}
	return n;
}

/* Sets a value's actual; see datafile_edit.h. */
bool datafile_set_actual(struct datafile *f, const char *id, struct period p, const char *text)
{
	xmlNode *m = find_measure(f, id);
	if (!m)
		return false;
	xmlNode *v = find_value(m, p);
	if (!v) {
		v = add_value(f, m, p);
		if (!v)
			return false;
	} else {
		replace(f, v);
	}
	xmlSetProp(v, (const xmlChar *)"actual", (const xmlChar *)text);
	return true;
}

/* The indentation of a measure's children ("        "): what leads the
 * line of its first child element; "" when that shares a line. Heap-owned. */
static char *child_indent(const struct datafile *f, const xmlNode *m)
{
	for (xmlNode *c = m->children; c; c = c->next) {
		const struct span *s = c->type == XML_ELEMENT_NODE ? span_of(f, c) : NULL;
		if (!s)
			continue;
		char *sp = space_before(f, s->start);
		char *nl = strrchr(sp, '\n');
		if (nl)
			memmove(sp, nl + 1, strlen(nl + 1) + 1);
		return sp;
	}
	return xstrdup("");
}

/* One line of text without its surrounding spaces and tabs. */
struct line {
	const char *s;
	size_t n;
};

/* The non-empty lines of `text`; heap-owned array. */
static struct line *split_lines(const char *text, size_t *count)
{
	size_t cap = 4, n = 0;
	struct line *lines = xmalloc(cap * sizeof *lines);
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\r\n");
		size_t a = 0, b = len;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b > a) {
			if (n == cap)
				lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
			lines[n++] = (struct line){ s + a, b - a };
		}
		s += len;
		s += strspn(s, "\r\n");
	}
	*count = n;
	return lines;
}

/* A text node holding n bytes of s, added to el. */
static void add_text(xmlNode *el, const char *s, size_t n)
{
	xmlAddChild(el, xmlNewDocTextLen(el->doc, (const xmlChar *)s, (int)n));
}

/* A new commentary or action holding `text`, marked for="P": inline for one
 * line, else one <p> per line, each on its own line one step (two spaces)
 * in from the element, as the examples are written. */
static xmlNode *text_element(struct datafile *f, const xmlNode *m, const char *name,
			     const char *text, const char *period)
{
	xmlNode *el = xmlNewDocNode(f->doc, NULL, (const xmlChar *)name, NULL);
	xmlNewProp(el, (const xmlChar *)"for", (const xmlChar *)period);
	size_t n;
	struct line *lines = split_lines(text, &n);
	if (n == 1) {
		add_text(el, lines[0].s, lines[0].n);
		free(lines);
		return el;
	}
	char *indent = child_indent(f, m);
	/* Line ends are written as the file has them when the element is
	 * (a CR in a text node would be written as a character reference). */
	size_t cap = strlen(indent) + 4;
	char *lead = xmalloc(cap);
	snprintf(lead, cap, "\n%s  ", indent);
	for (size_t i = 0; i < n; i++) {
		add_text(el, lead, strlen(lead));
		xmlNode *p = xmlNewDocNode(f->doc, NULL, (const xmlChar *)"p", NULL);
		add_text(p, lines[i].s, lines[i].n);
		xmlAddChild(el, p);
	}
	add_text(el, lead, strlen(lead) - 2);
	free(lead);
	free(indent);
	free(lines);
	return el;
}

/* The children commentary comes after, in the format's order. */
static const char *const before_commentary[] = { "name", "department", "definition", "target",
						 "benchmark", "value", NULL };
static const char *const before_action[] = { "name", "department", "definition", "target",
					     "benchmark", "value", "commentary", NULL };

/* Replaces or adds a commentary or action; see datafile_edit.h. */
bool datafile_set_text(struct datafile *f, const char *id, enum datafile_text which,
		       const char *text, struct period p)
{
	xmlNode *m = find_measure(f, id);
	if (!m)
		return false;
	const char *name = which == DATAFILE_COMMENTARY ? "commentary" : "action";
	char pid[16];
	period_id(p, pid, sizeof pid);
	xmlNode *el = text_element(f, m, name, text, pid);
	xmlNode *old = child(m, name);
	if (old) {
		/* The new element takes the old one's place in the tree, in its
		 * span (so that it is written where the old one stood) and in any
		 * edit already queued for it. */
		el->_private = old->_private;
		xmlReplaceNode(old, el);
		retarget(f, old, el);
		xmlFreeNode(old);
		replace(f, el);
		return true;
	}
	xmlNode *after = last_of(m, which == DATAFILE_COMMENTARY ? before_commentary : before_action);
	if (!after) {
		xmlFreeNode(el);
		return false;
	}
	insert_near(f, after, el, false);
	return true;
}

/* ---- rendering ---- */

/* Whether anything was changed. */
bool datafile_changed(const struct datafile *f)
{
	return f->nedits > 0;
}

/* Orders edits by place; at one place, what goes before an element comes
 * before its rewriting, and otherwise edits keep the order they were made. */
static int edit_order(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	bool xr = x->kind == EDIT_REPLACE, yr = y->kind == EDIT_REPLACE;
	if (xr != yr)
		return xr ? 1 : -1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Appends n bytes to a growing buffer. */
static void put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* libxml2's writing of one element, in UTF-8, appended to the buffer; its
 * line breaks (only ever the indentation of new paragraphs: a line break in
 * an attribute is written as &#10;) as CR LF in a file that has them. */
static void put_element(char **buf, size_t *len, size_t *cap, xmlNode *el, bool crlf)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr save = xmlSaveToBuffer(b, "UTF-8", XML_SAVE_NO_DECL);
	if (!b || !save) {
		xmlBufferFree(b);
		return;
	}
	xmlSaveTree(save, el);
	xmlSaveClose(save);
	const char *s = (const char *)xmlBufferContent(b);
	for (const char *nl; crlf && (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		put(buf, len, cap, s, (size_t)(nl - s));
		put(buf, len, cap, "\r\n", 2);
	}
	put(buf, len, cap, s, strlen(s));
	xmlBufferFree(b);
}

/* The file with every edit made; see datafile_edit.h. */
char *datafile_render(struct datafile *f, size_t *len_out)
{
	qsort(f->edits, f->nedits, sizeof *f->edits, edit_order);
	size_t cap = f->len + 4096, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	long pos = 0;
	for (size_t i = 0; i < f->nedits; i++) {
		const struct edit *e = &f->edits[i];
		/* An edit inside an element written anew is already in its writing. */
		if (e->at < pos)
			continue;
		put(&out, &len, &cap, f->data + pos, (size_t)(e->at - pos));
		pos = e->at;
		switch (e->kind) {
		case EDIT_REPLACE:
			put_element(&out, &len, &cap, e->node, f->crlf);
			pos = e->end;
			break;
		case EDIT_INSERT_AFTER:
			put(&out, &len, &cap, e->text, strlen(e->text));
			put_element(&out, &len, &cap, e->node, f->crlf);
			break;
		case EDIT_INSERT_BEFORE:
			put_element(&out, &len, &cap, e->node, f->crlf);
			put(&out, &len, &cap, e->text, strlen(e->text));
			break;
		case EDIT_TEXT:
			put(&out, &len, &cap, e->text, strlen(e->text));
			break;
		}
	}
	put(&out, &len, &cap, f->data + pos, f->len - (size_t)pos);
	*len_out = len;
	return out;
}
