/* The loader's messages: collected while the file is read, each on the
 * line it is about, and printed sorted by line once reading is over, so a
 * user sees every problem of a file in one run, in file order. */
#include "load_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends a message to the list. */
static void add_msg(struct loader *ld, int line, bool warning, const char *fmt, va_list ap)
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
	ld->msgs[ld->nmsgs] = (struct load_msg){ line, ld->nmsgs, text, false, warning };
	ld->nmsgs++;
	if (!warning)
		ld->nerrors++;
}

/* Records an error on a line. */
void load_error(struct loader *ld, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, line, false, fmt, ap);
	va_end(ap);
}

/* Records a warning on a line. */
void load_warning(struct loader *ld, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, line, true, fmt, ap);
	va_end(ap);
}

/* Records an error about an element and marks it explained. */
void load_node_error(struct loader *ld, xmlNode *node, const char *fmt, ...)
{
	load_mark(node, LOAD_MARK_EXPLAINED);
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, load_line(node), false, fmt, ap);
	va_end(ap);
}

/* Records an error about an attribute and marks it explained. */
void load_attr_error(struct loader *ld, xmlAttr *attr, const char *fmt, ...)
{
	load_mark_attr(attr, LOAD_MARK_EXPLAINED);
	va_list ap;
	va_start(ap, fmt);
	add_msg(ld, load_attr_line(attr), false, fmt, ap);
	va_end(ap);
}

/* Longest quoted text in a message, in bytes; longer text ends in "...". */
#define SHOWN_MAX 60

/* How one byte of quoted text is written in a message, or NULL for as it is.
 * Text is quoted as the person meant it ("< 0.6%", "R&D"), not in XML's
 * escapes; only the quote that delimits it is escaped, so the quoted text
 * still ends where it seems to. A tab or line break in a value can only
 * have been written as a character reference, since XML turns literal ones
 * into spaces, and is shown as one. */
static const char *shown_escape(char c)
{
	switch (c) {
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
void load_flush_msgs(struct loader *ld, struct diag *d)
{
	if (ld->nmsgs > 1) {
		qsort(ld->msgs, ld->nmsgs, sizeof *ld->msgs, msg_words_order);
		for (size_t i = 1; i < ld->nmsgs; i++)
			ld->msgs[i].repeat = ld->msgs[i].line == ld->msgs[i - 1].line &&
					     strcmp(ld->msgs[i].text, ld->msgs[i - 1].text) == 0;
		qsort(ld->msgs, ld->nmsgs, sizeof *ld->msgs, msg_order);
	}
	for (size_t i = 0; i < ld->nmsgs; i++) {
		if (ld->msgs[i].repeat)
			continue;
		if (ld->msgs[i].warning)
			diag_warn(d, ld->name, ld->msgs[i].line, "%s", ld->msgs[i].text);
		else
			diag_error(d, ld->name, ld->msgs[i].line, "%s", ld->msgs[i].text);
	}
}

/* libxml2 ran out of memory: said once, however often libxml2 says it. */
void load_out_of_memory(struct loader *ld)
{
	if (!ld->out_of_memory)
		load_error(ld, 0, "out of memory while reading the data file; expected enough memory "
			   "for a file of %zu bytes", ld->len);
	ld->out_of_memory = true;
}

/* Frees the messages (the loader's other parts are freed by load.c). */
void load_msgs_free(struct loader *ld)
{
	for (size_t i = 0; i < ld->nmsgs; i++)
		free(ld->msgs[i].text);
	free(ld->msgs);
	ld->msgs = NULL;
	ld->nmsgs = ld->capmsgs = 0;
}
