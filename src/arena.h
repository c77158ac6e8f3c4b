/* Region allocator: everything a report owns lives in one arena, freed at once. */
#ifndef QREPORT_ARENA_H
#define QREPORT_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* Newest chunk; older ones are linked behind it. */
	size_t total;             /* Bytes handed out, for the benchmark's report. */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);

/* Zeroed, aligned for any type; never returns NULL (exits on out of memory). */
void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Growable array whose storage is heap memory, for building lists of
 * unknown length before they are frozen into the arena. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif
