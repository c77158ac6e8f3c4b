#include "model.h"

struct report *report_new(void)
{
	/* The report lives in its own arena so one arena_free releases everything. */
	struct arena a;
	arena_init(&a);
	struct report *r = arena_alloc(&a, sizeof *r);
	r->arena = a;
	return r;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	struct arena a = r->arena; /* r itself is inside the arena. */
	arena_free(&a);
}
