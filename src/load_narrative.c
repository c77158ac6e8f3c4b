/* The narrative: sections of paragraphs, quotes, lists and measure cards.
 * Measure references are resolved at the end, when every id is known. */
#include "load_internal.h"
#include "load_limits.h"

#include <stdlib.h>
#include <string.h>

/* Queues one `refs` token for load_resolve_refs. */
static void queue_ref(struct loader *ld, const char *id, struct measure **slot, int line)
{
	if (ld->nrefs == ld->caprefs) {
		ld->caprefs = ld->caprefs ? ld->caprefs * 2 : 16;
		ld->refs = xrealloc(ld->refs, ld->caprefs * sizeof *ld->refs);
	}
	ld->refs[ld->nrefs++] = (struct pending_ref){ id, slot, line, ld->nlists };
}

/* measures refs="a b c": the ids are split here and looked up later. */
static void read_measure_refs(struct loader *ld, xmlNode *el, struct block *b)
{
	xmlAttr *a;
	const char *refs = load_get(ld, el, "refs", &a);
	if (!refs)
		return; /* The schema reported it missing. */
	const char *list = load_collapse(ld, refs);
	if (!*list) {
		load_attr_error(ld, a, "refs=\"\" names no measure; expected the ids of one or more "
				"measures, separated by spaces, such as refs=\"%s\"",
				load_format_example("measures", "refs"));
		return;
	}
	size_t n = 1;
	for (const char *s = list; *s; s++)
		n += *s == ' ';
	if (n > LOAD_MAX_NARRATIVE_CARDS - ld->nrefs) {
		load_attr_error(ld, a, "refs asks for %zu more measure cards, %zu in all; expected at "
				"most %d cards in the narrative, all refs lists together", n,
				ld->nrefs + n, LOAD_MAX_NARRATIVE_CARDS);
		ld->stop = true;
		return;
	}
	ld->nlists++;
	b->u.measures.items = arena_calloc(&ld->r->arena, n, sizeof *b->u.measures.items);
	b->u.measures.n = n;
	int line = load_attr_line(a);
	const char *s = list;
	for (size_t i = 0; i < n; i++) {
		const char *end = strchr(s, ' ');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		queue_ref(ld, arena_strndup(&ld->r->arena, s, len), &b->u.measures.items[i], line);
		s += len + 1;
	}
	/* Whatever the lookups find, this attribute is explained by them. */
	load_mark_attr(a, LOAD_MARK_EXPLAINED);
}

/* A pull quote with its attribution. */
static void read_quote(struct loader *ld, xmlNode *el, struct block *b)
{
	load_para(ld, el, &b->u.quote.text);
	xmlAttr *a;
	const char *by = load_get(ld, el, "by", &a);
	b->u.quote.by = by ? load_reader_text(ld, load_collapse(ld, by), load_attr_line(a)) : "";
	if (by && !*b->u.quote.by)
		load_attr_error(ld, a, "by=\"\" is empty; expected who said it, such as by=\"%s\"",
				load_format_example("quote", "by"));
	const char *role = load_get(ld, el, "role", &a);
	if (role && *load_collapse(ld, role))
		b->u.quote.role = load_reader_text(ld, load_collapse(ld, role), load_attr_line(a));
}

/* A list of items; empty items are left out. */
static void read_list(struct loader *ld, xmlNode *el, struct block *b)
{
	size_t n = 0;
	for (xmlNode *c = el->children; c; c = c->next)
		n += load_is(c, "item");
	b->u.list.items = arena_calloc(&ld->r->arena, n ? n : 1, sizeof *b->u.list.items);
	for (xmlNode *c = el->children; c; c = c->next) {
		if (!load_is(c, "item"))
			continue;
		load_para(ld, c, &b->u.list.items[b->u.list.n]);
		if (b->u.list.items[b->u.list.n].nruns > 0)
			b->u.list.n++;
	}
}

/* Whether a child of a section is one of its blocks. */
static bool is_block(const xmlNode *c)
{
	return load_is(c, "p") || load_is(c, "quote") || load_is(c, "list") ||
	       load_is(c, "measures") || load_is(c, "h");
}

/* A sub-heading: plain text, in the language xml:lang gives. */
static void read_heading(struct loader *ld, xmlNode *el, struct block *b)
{
	b->u.heading.lang = load_lang(ld, el);
	b->u.heading.text = load_plain(ld, el);
	if (!*b->u.heading.text)
		load_node_error(ld, el, "<h> is empty; expected the words of the sub-heading, such as "
				"<h>Goal Area: Quality</h>");
}

/* One section; an empty one is allowed, an empty paragraph is left out. */
static void read_section(struct loader *ld, xmlNode *el, struct section *s)
{
	s->line = load_line(el);
	s->id = load_id(ld, el, ID_SECTION, s);
	xmlAttr *a;
	const char *title = load_get(ld, el, "title", &a);
	s->title = title ? load_reader_text(ld, load_collapse(ld, title), load_attr_line(a)) : "";
	if (title && !*s->title)
		load_attr_error(ld, a, "title=\"\" is empty; expected the section's title, such as "
				"title=\"%s\"", load_format_example("section", "title"));
	size_t n = 0;
	for (xmlNode *c = el->children; c; c = c->next)
		n += is_block(c);
	s->blocks = arena_calloc(&ld->r->arena, n ? n : 1, sizeof *s->blocks);
	for (xmlNode *c = el->children; c; c = c->next) {
		if (!is_block(c))
			continue;
		struct block *b = &s->blocks[s->nblocks];
		b->line = load_line(c);
		if (load_is(c, "p")) {
			b->kind = BLOCK_PARAGRAPH;
			load_para(ld, c, &b->u.paragraph);
			if (b->u.paragraph.nruns == 0)
				continue;
		} else if (load_is(c, "quote")) {
			b->kind = BLOCK_QUOTE;
			read_quote(ld, c, b);
		} else if (load_is(c, "list")) {
			b->kind = BLOCK_LIST;
			read_list(ld, c, b);
		} else if (load_is(c, "h")) {
			b->kind = BLOCK_HEADING;
			read_heading(ld, c, b);
		} else {
			b->kind = BLOCK_MEASURES;
			read_measure_refs(ld, c, b);
		}
		s->nblocks++;
	}
}

/* narrative: one or more sections. */
void load_narrative(struct loader *ld, xmlNode *narrative)
{
	struct report *r = ld->r;
	size_t n = 0;
	for (xmlNode *c = narrative->children; c; c = c->next)
		n += load_is(c, "section");
	r->sections = arena_calloc(&r->arena, n ? n : 1, sizeof *r->sections);
	r->nsections = 0;
	for (xmlNode *c = narrative->children; c; c = c->next) {
		if (!load_is(c, "section"))
			continue;
		/* A section for an earlier quarter is read and checked all the
		 * same, into a slot of its own that the report does not list. */
		if (load_text_current(ld, c))
			read_section(ld, c, &r->sections[r->nsections++]);
		else
			read_section(ld, c, arena_alloc(&r->arena, sizeof(struct section)));
	}
}

/* Every refs token must name a measure, each at most once in its list. */
void load_resolve_refs(struct loader *ld)
{
	/* The list each measure was last seen in, and last reported twice in:
	 * one pass, however long the lists. */
	size_t nm = ld->r->nmeasures;
	size_t *seen = xcalloc(nm ? nm : 1, sizeof *seen);
	size_t *said = xcalloc(nm ? nm : 1, sizeof *said);
	for (size_t i = 0; i < ld->nrefs; i++) {
		const struct pending_ref *p = &ld->refs[i];
		const struct id_entry *e = load_id_find(ld, p->id);
		if (e && e->kind == ID_MEASURE) {
			struct measure *m = e->object;
			*p->slot = m;
			if (m->index < nm && seen[m->index] == p->list && said[m->index] != p->list) {
				load_error(ld, p->line, "refs names \"%s\" more than once; expected each "
					   "measure at most once in one list", p->id);
				said[m->index] = p->list;
			}
			if (m->index < nm)
				seen[m->index] = p->list;
		} else if (e) {
			load_error(ld, p->line, "refs names \"%s\", which is the id of %s %s (line %d); "
				   "expected the ids of measures only", p->id,
				   e->kind == ID_INITIATIVE ? "an" : "a", load_id_kind_name(e->kind),
				   e->line);
		} else {
			load_error(ld, p->line, "refs names \"%s\", which is not the id of any measure; "
				   "expected the ids of measures in this file", load_shown(ld, p->id));
		}
	}
	free(seen);
	free(said);
}
