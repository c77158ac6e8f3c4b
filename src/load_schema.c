/* Validation against the built-in schema, with libxml2's findings told in our
 * words: `unknown element <valeu> in <measure>; expected one of <value>, ...`.
 *
 * libxml2 stops checking a parent's children at the first element it does not
 * expect there. To still find every error in one run, such elements are taken
 * out of the tree and the document is validated again, a few times at most;
 * where a required element is missing, a placeholder stands in for it so that
 * its siblings are checked too. Values the schema refuses (a wrong id, a bad
 * period) are left for the tree walk to explain with the format's rules; only
 * when the walk finds nothing to say is the schema's reason shown. */
#include "load_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlschemas.h>

/* Generated at build time from schema/report-1.xsd (tools/embed.c). */
extern const unsigned char schema_report_1[];
extern const size_t schema_report_1_len;

/* Enough to get past a handful of stray elements in one parent. */
#define MAX_PASSES 16
/* Past this many messages, another pass would only add to a list nobody
 * reads to the end, and costs a whole validation each time. */
#define ENOUGH_MESSAGES 1000

#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"

/* An element's name as the file wrote it, prefix included. */
static const char *shown_name(struct loader *ld, const xmlNode *n)
{
	if (n->ns && n->ns->prefix)
		return arena_printf(&ld->r->arena, "%s:%s", (const char *)n->ns->prefix,
				    (const char *)n->name);
	return (const char *)n->name;
}

/* The names libxml2 lists after "Expected is ( a, b )" or "Expected is one of
 * ( a, b )", space-separated in the arena; "" when it lists none. */
static const char *expected_names(struct loader *ld, const char *msg)
{
	const char *p = msg ? strstr(msg, "Expected is ") : NULL;
	if (!p)
		return "";
	p = strchr(p, '(');
	const char *end = p ? strchr(p, ')') : NULL;
	if (!p || !end)
		return "";
	char *out = arena_alloc(&ld->r->arena, (size_t)(end - p) + 1);
	size_t n = 0;
	for (const char *s = p + 1; s < end; s++) {
		if (*s == ' ' || *s == ',') {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = *s;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

/* Steps through a space-separated list: the next word and its length, or
 * NULL at the end. */
static const char *next_word(const char **s, size_t *len)
{
	while (**s == ' ')
		(*s)++;
	if (!**s)
		return NULL;
	const char *w = *s;
	*len = strcspn(w, " ");
	*s = w + *len;
	return w;
}

/* Position of name in a space-separated list, or -1. */
static int list_rank(const char *list, const char *name)
{
	size_t n = strlen(name), len;
	int rank = 0;
	for (const char *w; list && (w = next_word(&list, &len)); rank++)
		if (len == n && strncmp(w, name, n) == 0)
			return rank;
	return -1;
}

/* "<a>, <b>, <c>" from a space-separated list, "one of " first if asked and
 * there are several; NULL if the list is empty. In the arena. */
static const char *angled(struct loader *ld, const char *names, bool one_of)
{
	if (!names || !*names)
		return NULL;
	char *out = arena_alloc(&ld->r->arena, 4 * strlen(names) + 16);
	char *o = out;
	if (one_of && strchr(names, ' '))
		o += sprintf(o, "one of ");
	size_t len;
	bool first = true;
	for (const char *w, *s = names; (w = next_word(&s, &len)); first = false)
		o += sprintf(o, "%s<%.*s>", first ? "" : ", ", (int)len, w);
	return out;
}

/* Whether parent has a child element `name` (placeholders count). */
static bool has_child(const xmlNode *parent, const char *name, size_t n)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !c->ns && strlen((const char *)c->name) == n &&
		    strncmp((const char *)c->name, name, n) == 0)
			return true;
	return false;
}

/* The required children of parent that it lacks, space-separated; "" if none. */
static const char *missing_required(struct loader *ld, const xmlNode *parent)
{
	const char *req = parent->ns ? NULL : load_format_required((const char *)parent->name);
	if (!req)
		return "";
	char *out = arena_alloc(&ld->r->arena, strlen(req) + 1);
	size_t n = 0, len;
	for (const char *w, *s = req; (w = next_word(&s, &len));)
		if (!has_child(parent, w, len))
			n += (size_t)sprintf(out + n, "%s%.*s", n ? " " : "", (int)len, w);
	out[n] = '\0';
	return out;
}

/* Reports one missing child. */
static void report_missing(struct loader *ld, xmlNode *parent, const char *child)
{
	const char *p = (const char *)parent->name;
	load_error(ld, load_line(parent), "missing <%s> in <%s>; expected %s <%s> inside <%s>", child,
		   p, load_format_repeats(child) ? "at least one" : "one", child, p);
}

/* Queues an element to be taken out of the tree after this pass. */
static void queue_removal(struct loader *ld, xmlNode *el)
{
	if (ld->nremoved == ld->capremoved) {
		ld->capremoved = ld->capremoved ? ld->capremoved * 2 : 16;
		ld->removed = xrealloc(ld->removed, ld->capremoved * sizeof *ld->removed);
	}
	ld->removed[ld->nremoved++] = el;
	load_mark(el, LOAD_MARK_EXPLAINED);
}

/* Puts an empty placeholder `name` before el, standing in for a missing
 * required element so that el and its siblings can be validated. Adding a
 * sibling before the element being validated is safe: validation goes on
 * from el forward. */
static void add_placeholder(struct loader *ld, xmlNode *el, const char *name)
{
	ld->tree_changed = true;
	xmlNode *ph = xmlNewDocNode(el->doc, NULL, (const xmlChar *)name, NULL);
	ph->_private = el->_private;
	load_mark(ph, LOAD_MARK_PLACEHOLDER);
	xmlAddPrevSibling(el, ph);
}

/* Queues el to be moved before `before` after this pass, putting an element
 * written out of order where it belongs so that it is still checked. */
static void queue_move(struct loader *ld, xmlNode *el, xmlNode *before)
{
	if (ld->nmoves == ld->capmoves) {
		ld->capmoves = ld->capmoves ? ld->capmoves * 2 : 16;
		ld->moves = xrealloc(ld->moves, ld->capmoves * sizeof *ld->moves);
	}
	ld->moves[ld->nmoves].el = el;
	ld->moves[ld->nmoves].before = before;
	ld->nmoves++;
	load_mark(el, LOAD_MARK_EXPLAINED);
}

/* A later sibling of el named `name`, or NULL. */
static xmlNode *later_sibling(xmlNode *el, const char *name)
{
	for (xmlNode *c = el->next; c; c = c->next)
		if (load_is(c, name))
			return c;
	return NULL;
}

/* Whether an ancestor of el is an `a`. */
static bool inside_link(const xmlNode *el)
{
	for (const xmlNode *p = el->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (load_is(p, "a"))
			return true;
	return false;
}

/* Whether an earlier sibling of el has the same name. */
static bool earlier_twin(const xmlNode *el)
{
	for (const xmlNode *c = el->prev; c; c = c->prev)
		if (c->type == XML_ELEMENT_NODE && !c->ns && !el->ns &&
		    strcmp((const char *)c->name, (const char *)el->name) == 0)
			return true;
	return false;
}

/* An earlier sibling that should come after el in its parent's fixed order. */
static xmlNode *ordered_after(const xmlNode *el, const char *order)
{
	int rank = list_rank(order, (const char *)el->name);
	xmlNode *found = NULL;
	for (xmlNode *c = el->prev; c && rank >= 0; c = c->prev)
		if (c->type == XML_ELEMENT_NODE && !c->ns &&
		    list_rank(order, (const char *)c->name) > rank)
			found = c;
	return found;
}

/* An element where the schema expects something else (or nothing). */
static void unexpected_element(struct loader *ld, xmlNode *el, const char *msg)
{
	xmlNode *parent = el->parent;
	if (!parent || parent->type != XML_ELEMENT_NODE) {
		load_node_error(ld, el, "<%s> is not expected here; expected <report>",
				shown_name(ld, el));
		return;
	}
	const char *p = (const char *)parent->name;
	const char *names = expected_names(ld, msg);
	const char *expected = angled(ld, names, true);
	const char *name = shown_name(ld, el);
	bool known = !el->ns && load_format_known((const char *)el->name);
	bool one = *names && !strchr(names, ' ');
	const char *order = parent->ns ? NULL : load_format_order(p);

	/* The one element expected here comes later: it is the one out of order. */
	xmlNode *later = one && known && order && list_rank(order, names) >= 0
				 ? later_sibling(el, names)
				 : NULL;
	if (later) {
		load_node_error(ld, later, "<%s> is out of order in <%s>; expected it before <%s> "
				"(the order is %s)", names, p, name, angled(ld, order, false));
		queue_move(ld, later, el);
		return;
	}
	/* Stuck before a required element that is not there: say so, and let a
	 * placeholder take its place so that the rest of the parent is checked. */
	bool stuck = one && list_rank(missing_required(ld, parent), names) >= 0;
	if (stuck && known) {
		report_missing(ld, parent, names);
		add_placeholder(ld, el, names);
		return;
	}
	/* Written after something it should come before: moved there. */
	xmlNode *after = order && known ? ordered_after(el, order) : NULL;
	if (after) {
		load_node_error(ld, el, "<%s> is out of order in <%s>; expected it before <%s> (the "
				"order is %s)", name, p, (const char *)after->name,
				angled(ld, order, false));
		queue_move(ld, el, after);
		return;
	}

	if (el->ns && strcmp((const char *)el->ns->href, XINCLUDE_NS) == 0)
		load_node_error(ld, el, "<%s> (XInclude) is not supported; expected the content itself "
				"in this one file", name);
	else if (el->ns)
		load_node_error(ld, el, "unknown element <%s> (namespace \"%s\") in <%s>; expected %s",
				name, load_shown(ld, (const char *)el->ns->href), p,
				expected ? expected : "nothing more there");
	else if (load_is(el, "a") && inside_link(el))
		load_node_error(ld, el, "a link <a> inside another link; expected text, <b> or <i> "
				"inside <a>");
	else if (!known)
		load_node_error(ld, el, "unknown element <%s> in <%s>; expected %s", name, p,
				expected ? expected : "nothing more there");
	else if (!load_format_repeats(name) && earlier_twin(el))
		load_node_error(ld, el, "a second <%s> in <%s>; expected only one", name, p);
	else if (expected)
		load_node_error(ld, el, "<%s> is out of place in <%s>; expected %s here", name, p,
				expected);
	else
		load_node_error(ld, el, "<%s> is out of place in <%s>; expected nothing more there",
				name, p);
	if (stuck)
		add_placeholder(ld, el, names);
	queue_removal(ld, el);
}

/* "Missing child element(s)": every required child the parent lacks. */
static void missing_children(struct loader *ld, xmlNode *parent, const char *msg)
{
	const char *missing = missing_required(ld, parent);
	if (!*missing) {
		const char *expected = angled(ld, expected_names(ld, msg), true);
		load_error(ld, load_line(parent), "<%s> is incomplete; expected %s inside it",
			   (const char *)parent->name, expected ? expected : "more elements");
		return;
	}
	size_t len;
	for (const char *w, *s = missing; (w = next_word(&s, &len));)
		report_missing(ld, parent, arena_strndup(&ld->r->arena, w, len));
}

/* The attribute libxml2 names as `name` ("{uri}local" when namespaced). */
static xmlAttr *find_attr(xmlNode *el, const char *name)
{
	for (xmlAttr *a = el->properties; a; a = a->next) {
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return a;
		if (a->ns && name[0] == '{') {
			size_t n = strlen((const char *)a->ns->href);
			if (strncmp(name + 1, (const char *)a->ns->href, n) == 0 && name[n + 1] == '}' &&
			    strcmp(name + n + 2, (const char *)a->name) == 0)
				return a;
		}
	}
	return NULL;
}

/* An attribute the element does not take. */
static void unknown_attribute(struct loader *ld, xmlNode *el, const char *attr_name)
{
	xmlAttr *a = find_attr(el, attr_name);
	const char *shown = attr_name;
	if (a && a->ns && a->ns->prefix)
		shown = arena_printf(&ld->r->arena, "%s:%s", (const char *)a->ns->prefix,
				     (const char *)a->name);
	char allowed[200];
	const char *e = (const char *)el->name;
	int line = a ? load_attr_line(a) : load_line(el);
	if (!load_format_attrs(e, allowed, sizeof allowed))
		load_error(ld, line, "unknown attribute %s on <%s>; expected no attributes on <%s>",
			   shown, e, e);
	else if (strchr(allowed, ','))
		load_error(ld, line, "unknown attribute %s on <%s>; expected one of %s", shown, e,
			   allowed);
	else
		load_error(ld, line, "unknown attribute %s on <%s>; expected %s", shown, e, allowed);
	if (a)
		load_mark_attr(a, LOAD_MARK_EXPLAINED);
}

/* A required attribute that is not there. */
static void missing_attribute(struct loader *ld, xmlNode *el, const char *attr)
{
	const char *e = (const char *)el->name;
	const char *eg = load_format_example(e, attr);
	load_error(ld, load_line(el), "missing attribute %s on <%s>; expected for example %s=\"%s\"",
		   attr, e, attr, eg ? eg : "...");
}

/* The first child element, or the first text that is not white space. */
static xmlNode *first_content(xmlNode *el, bool elements)
{
	for (xmlNode *c = el->children; c; c = c->next) {
		if (elements && c->type == XML_ELEMENT_NODE)
			return c;
		if (!elements && c->type == XML_TEXT_NODE && !load_blank(c))
			return c;
	}
	return NULL;
}

/* Markup inside an element that holds plain text. */
static void markup_in_plain(struct loader *ld, xmlNode *el)
{
	xmlNode *c = first_content(el, true);
	const char *e = (const char *)el->name;
	if (!c) {
		load_node_error(ld, el, "<%s> holds more than text; expected plain text in <%s>", e, e);
		return;
	}
	load_error(ld, load_line(c), "markup <%s> inside <%s>; expected plain text in <%s>",
		   shown_name(ld, c), e, e);
	load_mark(el, LOAD_MARK_EXPLAINED);
}

/* Content inside an element that must be empty. */
static void content_in_empty(struct loader *ld, xmlNode *el)
{
	const char *e = (const char *)el->name;
	xmlNode *c = first_content(el, true);
	if (c) {
		load_error(ld, load_line(c), "<%s> inside <%s>; expected <%s> to be empty, with "
			   "everything in its attributes", shown_name(ld, c), e, e);
		return;
	}
	c = first_content(el, false);
	load_error(ld, c ? load_line(c) : load_line(el),
		   "text \"%s\" inside <%s>; expected <%s> to be empty, with everything in its "
		   "attributes",
		   c ? load_shown(ld, load_collapse(ld, (const char *)c->content)) : "", e, e);
}

/* Text between elements where only elements may stand. */
static void stray_text(struct loader *ld, xmlNode *el)
{
	xmlNode *c = first_content(el, false);
	const char *e = (const char *)el->name;
	load_error(ld, c ? load_line(c) : load_line(el),
		   "text \"%s\" directly inside <%s>; expected only elements there",
		   c ? load_shown(ld, load_collapse(ld, (const char *)c->content)) : "", e);
}

/* Keeps a refused value for the tree walk to explain. */
static void defer_value(struct loader *ld, xmlNode *el, const char *msg)
{
	xmlAttr *attr = NULL;
	const char *m = msg ? msg : "";
	const char *a = strstr(m, ", attribute '");
	if (a) {
		a += strlen(", attribute '");
		const char *end = strchr(a, '\'');
		char name[256];
		snprintf(name, sizeof name, "%.*s", end ? (int)(end - a) : 0, a);
		attr = find_attr(el, name);
	}
	if (attr ? load_marked_attr(attr, LOAD_MARK_SCHEMA) : load_marked(el, LOAD_MARK_SCHEMA))
		return;
	if (attr)
		load_mark_attr(attr, LOAD_MARK_SCHEMA);
	else
		load_mark(el, LOAD_MARK_SCHEMA);
	/* libxml2 says "Element 'x', attribute 'y': why." and the why is what is kept. */
	const char *why = strstr(m, "': ");
	if (ld->nvalue_errors == ld->capvalue_errors) {
		ld->capvalue_errors = ld->capvalue_errors ? ld->capvalue_errors * 2 : 16;
		ld->value_errors = xrealloc(ld->value_errors,
					    ld->capvalue_errors * sizeof *ld->value_errors);
	}
	const char *reason = load_oneline(ld, why ? why + 3 : m);
	ld->value_errors[ld->nvalue_errors++] = (struct schema_value_error){ el, attr, reason };
}

/* Whether a schema error is about a value (a facet or a simple type). */
static bool is_value_error(int code)
{
	return (code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 &&
		code <= XML_SCHEMAV_CVC_ENUMERATION_VALID) ||
	       (code >= XML_SCHEMAV_CVC_ELT_5_1_1 && code <= XML_SCHEMAV_CVC_ELT_5_2_2_2_2) ||
	       (code >= XML_SCHEMAV_CVC_ATTRIBUTE_1 && code <= XML_SCHEMAV_CVC_ATTRIBUTE_4) ||
	       code == XML_SCHEMAV_CVC_AU || code == XML_SCHEMAV_CVC_TYPE_1 ||
	       code == XML_SCHEMAV_CVC_TYPE_2;
}

/* Whether el is a placeholder or inside one: what is said about it is noise. */
static bool in_placeholder(const xmlNode *el)
{
	for (; el && el->type == XML_ELEMENT_NODE; el = el->parent)
		if (load_marked(el, LOAD_MARK_PLACEHOLDER))
			return true;
	return false;
}

/* libxml2's structured error callback during validation. */
static void on_error(void *user, xmlErrorPtr e)
{
	struct loader *ld = user;
	xmlNode *el = e->node;
	if (e->level == XML_ERR_WARNING)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		load_out_of_memory(ld);
		return;
	}
	if (!el || el->type != XML_ELEMENT_NODE) {
		load_error(ld, e->line, "the file does not follow the format: %s; expected what "
			   "schema/report-1.xsd allows", load_oneline(ld, e->message));
		return;
	}
	if (in_placeholder(el))
		return;
	const char *msg = e->message ? e->message : "";
	switch (e->code) {
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
	case XML_SCHEMAV_CVC_TYPE_3_1_1:
		unknown_attribute(ld, el, e->str1 ? e->str1 : "");
		return;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
		missing_attribute(ld, el, e->str1 ? e->str1 : "");
		return;
	case XML_SCHEMAV_ELEMENT_CONTENT:
		if (strstr(msg, "Missing child element"))
			missing_children(ld, el, msg);
		else
			unexpected_element(ld, el, msg);
		return;
	case XML_SCHEMAV_CVC_TYPE_3_1_2:
		markup_in_plain(ld, el);
		return;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
		content_in_empty(ld, el);
		return;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
		stray_text(ld, el);
		return;
	default:
		break;
	}
	if (is_value_error(e->code)) {
		defer_value(ld, el, msg);
		return;
	}
	const char *why = strstr(msg, "': ");
	load_node_error(ld, el, "<%s> is not valid: %s; expected what schema/report-1.xsd allows",
			shown_name(ld, el), load_oneline(ld, why ? why + 3 : msg));
}

/* The schema itself failing to compile is a fault in the program. */
static void on_schema_error(void *user, xmlErrorPtr e)
{
	struct loader *ld = user;
	if (e->code == XML_ERR_NO_MEMORY)
		load_out_of_memory(ld);
	else if (e->level != XML_ERR_WARNING)
		load_error(ld, 0, "internal error: the built-in schema does not compile (%s); "
			   "expected a program built from a valid schema/report-1.xsd",
			   load_oneline(ld, e->message));
}

/* Validates; see load_internal.h. */
void load_validate(struct loader *ld, xmlDoc *doc)
{
	xmlSchemaParserCtxtPtr pc =
		xmlSchemaNewMemParserCtxt((const char *)schema_report_1, (int)schema_report_1_len);
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, ld);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		ld->stop = true;
		return;
	}
	for (int pass = 0; pass < MAX_PASSES; pass++) {
		size_t before = ld->nremoved;
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
		xmlSchemaSetValidStructuredErrors(vc, on_error, ld);
		int rc = xmlSchemaValidateDoc(vc, doc);
		xmlSchemaFreeValidCtxt(vc);
		for (size_t i = before; i < ld->nremoved; i++)
			xmlUnlinkNode(ld->removed[i]);
		for (size_t i = 0; i < ld->nmoves; i++) {
			xmlUnlinkNode(ld->moves[i].el);
			xmlAddPrevSibling(ld->moves[i].before, ld->moves[i].el);
		}
		bool changed = ld->nremoved > before || ld->nmoves > 0 || ld->tree_changed;
		ld->nmoves = 0;
		ld->tree_changed = false;
		if (rc == 0 || !changed || ld->nmsgs >= ENOUGH_MESSAGES)
			break;
	}
	xmlSchemaFree(schema);
}

/* Schema refusals the tree walk did not explain: shown in the schema's words. */
void load_schema_leftovers(struct loader *ld)
{
	for (size_t i = 0; i < ld->nvalue_errors; i++) {
		const struct schema_value_error *v = &ld->value_errors[i];
		const char *e = (const char *)v->element->name;
		if (v->attr) {
			if (load_marked_attr(v->attr, LOAD_MARK_EXPLAINED))
				continue;
			load_error(ld, load_attr_line(v->attr),
				   "%s=\"%s\" on <%s> is not valid (%s); expected what "
				   "schema/report-1.xsd allows",
				   (const char *)v->attr->name, load_shown(ld, load_value(ld, v->attr)), e,
				   v->reason);
		} else if (!load_marked(v->element, LOAD_MARK_EXPLAINED)) {
			load_error(ld, load_line(v->element),
				   "<%s> is not valid (%s); expected what schema/report-1.xsd allows", e,
				   v->reason);
		}
	}
}
