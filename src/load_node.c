/* What the loader remembers about each node of libxml2's tree: the line it
 * starts on and a few marks, kept in the node's _private pointer. */
#include "load_internal.h"

#include <stdint.h>

/* A node's _private holds its line shifted past three mark bits. libxml2 never
 * uses _private of tree nodes; it is there for applications. */
uintptr_t load_priv_get(void *const *slot)
{
	return (uintptr_t)*slot;
}

/* Stores a line, keeping the mark bits. */
void load_priv_set_line(void **slot, int line)
{
	uintptr_t v = (uintptr_t)*slot & 7u;
	*slot = (void *)(v | ((uintptr_t)line << 3));
}

/* Line of an element's start tag, a text node's first word, or an attribute's value. */
int load_line(const xmlNode *node)
{
	for (; node; node = node->parent) {
		if (node->type == XML_DOCUMENT_NODE)
			return 0;
		int line = (int)(load_priv_get(&node->_private) >> 3);
		if (line > 0)
			return line;
	}
	return 0;
}

/* Line of an attribute, falling back to its element's. */
int load_attr_line(const xmlAttr *attr)
{
	int line = (int)(load_priv_get(&attr->_private) >> 3);
	return line > 0 ? line : load_line(attr->parent);
}

/* Sets a mark bit on an element. */
void load_mark(xmlNode *node, unsigned mark)
{
	node->_private = (void *)(load_priv_get(&node->_private) | mark);
}

/* Sets a mark bit on an attribute. */
void load_mark_attr(xmlAttr *attr, unsigned mark)
{
	attr->_private = (void *)(load_priv_get(&attr->_private) | mark);
}

/* Tests a mark bit on an element. */
bool load_marked(const xmlNode *node, unsigned mark)
{
	return (load_priv_get(&node->_private) & mark) != 0;
}

/* Tests a mark bit on an attribute. */
bool load_marked_attr(const xmlAttr *attr, unsigned mark)
{
	return (load_priv_get(&attr->_private) & mark) != 0;
}
