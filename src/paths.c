#include "paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

#ifndef QREPORT_DATADIR
#define QREPORT_DATADIR "/usr/local/share/qreport"
#endif

static bool has_layouts(const char *dir)
{
	size_t n = strlen(dir) + sizeof "/layouts";
	char *p = xmalloc(n);
	snprintf(p, n, "%s/layouts", dir);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return ok;
}

/* Drop the last path component in place ("/a/b/c" → "/a/b"). */
static void strip_last(char *path)
{
	char *slash = strrchr(path, '/');
	if (slash && slash != path)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
}

char *find_datadir(const char *argv0)
{
	const char *env = getenv("QREPORT_DATADIR");
	if (env && *env)
		return xstrdup(env);

	/* The executable's own location tells a source tree (BUILD/qreport with
	 * layouts/ one level up) from an install (PREFIX/bin/qreport with
	 * PREFIX/share/qreport). /proc/self/exe survives being run via PATH. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 && argv0 && realpath(argv0, exe))
		n = (ssize_t)strlen(exe);
	if (n > 0) {
		exe[n] = '\0';
		strip_last(exe); /* folder of the executable */
		char up[PATH_MAX];
		snprintf(up, sizeof up, "%s", exe);
		strip_last(up);
		if (has_layouts(up))
			return xstrdup(up);
		char share[PATH_MAX + 32];
		snprintf(share, sizeof share, "%s/share/qreport", up);
		if (has_layouts(share))
			return xstrdup(share);
	}
	return xstrdup(QREPORT_DATADIR);
}
