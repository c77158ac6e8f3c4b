/* Ids of goals, measures and sections: syntax, uniqueness, and lookup in a
 * hash table so that a file with 50,000 measures loads in linear time. */
#include "load_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ID_MAX 64

/* FNV-1a: short ids, few collisions, no setup. */
static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding id, or the empty slot where it would go. */
static struct id_entry *slot_for(const struct id_table *t, const char *id)
{
	size_t mask = t->cap - 1;
	for (size_t i = (size_t)hash(id) & mask;; i = (i + 1) & mask)
		if (!t->slots[i].id || strcmp(t->slots[i].id, id) == 0)
			return &t->slots[i];
}

/* Doubles the table (or makes the first one), keeping it under half full. */
static void grow(struct id_table *t)
{
	struct id_table bigger = { NULL, t->cap ? t->cap * 2 : 256, t->n };
	bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].id)
			*slot_for(&bigger, t->slots[i].id) = t->slots[i];
	free(t->slots);
	*t = bigger;
}

/* "goal", "measure", "section" */
const char *load_id_kind_name(enum id_kind kind)
{
	switch (kind) {
	case ID_GOAL:
		return "goal";
	case ID_MEASURE:
		return "measure";
	case ID_SECTION:
		return "section";
	case ID_INITIATIVE:
		return "initiative";
	}
	return "";
}

/* The entry for an id, or NULL. */
const struct id_entry *load_id_find(const struct loader *ld, const char *id)
{
	if (!ld->ids.cap)
		return NULL;
	const struct id_entry *e = slot_for(&ld->ids, id);
	return e->id ? e : NULL;
}

/* Whether s matches [a-z0-9][a-z0-9-]*. */
static bool id_syntax(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* An id like the one written that would do: lower case, hyphens for anything
 * else, none leading; the format's example if nothing is left. */
static const char *suggest(struct loader *ld, const char *id, const char *element)
{
	size_t n = strlen(id);
	char *out = arena_alloc(&ld->r->arena, n + 1);
	size_t k = 0;
	for (const char *s = id; *s && k < ID_MAX; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = c;
		else if (k > 0 && out[k - 1] != '-')
			out[k++] = '-';
	}
	while (k > 0 && out[k - 1] == '-')
		k--;
	out[k] = '\0';
	return k > 0 ? out : load_format_example(element, "id");
}

/* Checks and records the id attribute of a goal, measure or section. */
const char *load_id(struct loader *ld, xmlNode *el, enum id_kind kind, void *object)
{
	xmlAttr *a;
	const char *id = load_get(ld, el, "id", &a);
	if (!id)
		return NULL; /* The schema reported it missing. */
	if (!*id) {
		load_attr_error(ld, a,
				"id=\"\" is empty; expected an id of lower-case letters, digits and "
				"hyphens, starting with a letter or digit, such as %s",
				load_format_example((const char *)el->name, "id"));
		return NULL;
	}
	if (!id_syntax(id)) {
		load_attr_error(ld, a,
				"id=\"%s\" is not a valid id; expected lower-case letters, digits and "
				"hyphens, starting with a letter or digit, such as %s",
				load_shown(ld, id), suggest(ld, id, (const char *)el->name));
		return NULL;
	}
	size_t len = strlen(id);
	if (len > ID_MAX) {
		load_attr_error(ld, a, "id=\"%s\" is %zu characters long; expected at most %d",
				load_shown(ld, id), len, ID_MAX);
		return NULL;
	}
	if (2 * (ld->ids.n + 1) > ld->ids.cap)
		grow(&ld->ids);
	struct id_entry *e = slot_for(&ld->ids, id);
	if (e->id) {
		load_attr_error(ld, a,
				"duplicate id \"%s\": the %s on line %d has it already; expected every "
				"goal, measure, initiative and section to have an id of its own",
				id, load_id_kind_name(e->kind), e->line);
		return NULL;
	}
	const char *copy = arena_strndup(&ld->r->arena, id, len);
	*e = (struct id_entry){ copy, kind, object, load_line(el) };
	ld->ids.n++;
	return copy;
}

/* Frees the table. */
void load_ids_free(struct loader *ld)
{
	free(ld->ids.slots);
	ld->ids.slots = NULL;
	ld->ids.cap = ld->ids.n = 0;
}
