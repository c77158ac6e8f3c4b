#include "source_date.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

/* The variable as set, or NULL when unset or empty. */
static const char *setting(void)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	return v && *v ? v : NULL;
}

bool source_date_epoch(long long *secs)
{
	const char *v = setting();
	if (!v || !isdigit((unsigned char)v[0]))
		return false;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n > SOURCE_DATE_MAX)
		return false;
	*secs = n;
	return true;
}

void source_date_check(struct diag *d)
{
	long long secs;
	const char *v = setting();
	if (v && !source_date_epoch(&secs))
		diag_warn(d, NULL, 0,
			  "SOURCE_DATE_EPOCH is '%s'; expected whole seconds since 1970 such as "
			  "1510531200 (up to the year 9999), so the outputs carry the report's "
			  "own date instead", v);
}
