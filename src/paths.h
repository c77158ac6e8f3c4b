/* Where the program finds its layouts and fonts, in the source tree or installed. */
#ifndef QREPORT_PATHS_H
#define QREPORT_PATHS_H

#include <stddef.h>

/* The data directory holding layouts/ and fonts/: $QREPORT_DATADIR if set,
 * else the source tree the executable was built in (its parent folder holds
 * layouts/), else the install prefix's share/qreport. Heap-owned result. */
char *find_datadir(const char *argv0);

#endif
