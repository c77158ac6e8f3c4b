/* Small readers of libxml2's tree: element tests, attribute values, plain text. */
#include "load_internal.h"

#include <string.h>

/* Is node an element named `name` with no namespace? A placeholder put in
 * for a missing element is not. */
bool load_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && !node->ns &&
	       strcmp((const char *)node->name, name) == 0 &&
	       !load_marked(node, LOAD_MARK_PLACEHOLDER);
}

/* The attribute `name` without a namespace, or NULL. */
xmlAttr *load_attr(const xmlNode *el, const char *name)
{
	for (xmlAttr *a = el->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return a;
	return NULL;
}

/* An attribute's value. libxml2 keeps it as one text child when no entity
 * was involved, which is always so here (entities are refused); otherwise
 * the pieces are joined into the arena. */
const char *load_value(struct loader *ld, const xmlAttr *attr)
{
	const xmlNode *t = attr->children;
	if (!t)
		return "";
	if (!t->next && t->type == XML_TEXT_NODE)
		return t->content ? (const char *)t->content : "";
	xmlChar *joined = xmlNodeListGetString(attr->doc, attr->children, 1);
	const char *s = arena_strdup(&ld->r->arena, joined ? (const char *)joined : "");
	xmlFree(joined);
	return s;
}

/* The value of an attribute, or NULL when absent; *out gets the attribute. */
const char *load_get(struct loader *ld, const xmlNode *el, const char *name, xmlAttr **out)
{
	xmlAttr *a = load_attr(el, name);
	if (out)
		*out = a;
	return a ? load_value(ld, a) : NULL;
}

/* XML white space: space, tab, CR, LF. A no-break space is not white space. */
bool load_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whether a text node holds only white space (or nothing). */
bool load_blank(const xmlNode *text)
{
	for (const xmlChar *s = text->content; s && *s; s++)
		if (!load_is_space((char)*s))
			return false;
	return true;
}

/* Appends s to buf[*len], collapsing white space; *space tells whether a
 * space is pending from earlier text. */
static void collapse_into(char *buf, size_t *len, bool *space, const char *s)
{
	for (; *s; s++) {
		if (load_is_space(*s)) {
			*space = *len > 0;
			continue;
		}
		if (*space) {
			buf[(*len)++] = ' ';
			*space = false;
		}
		buf[(*len)++] = *s;
	}
}

/* White space collapsed and trimmed; in the arena. */
const char *load_collapse(struct loader *ld, const char *s)
{
	char *buf = arena_alloc(&ld->r->arena, strlen(s) + 1);
	size_t len = 0;
	bool space = false;
	collapse_into(buf, &len, &space, s);
	buf[len] = '\0';
	return buf;
}

/* The text of a plain-text element: every text node inside it (markup was
 * already reported by the schema), white space collapsed across them. */
const char *load_plain(struct loader *ld, const xmlNode *el)
{
	size_t total = 0;
	for (const xmlNode *c = el->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			total += strlen((const char *)c->content);
	char *buf = arena_alloc(&ld->r->arena, total + 1);
	size_t len = 0;
	bool space = false;
	for (const xmlNode *c = el->children; c; c = c->next)
		if (c->type == XML_TEXT_NODE && c->content)
			collapse_into(buf, &len, &space, (const char *)c->content);
	buf[len] = '\0';
	load_cell_text(ld, load_line(el), len);
	return load_reader_text(ld, buf, load_line(el));
}
