/* Saving a changed data file: what is written must load as the file it
 * replaces did, and it is written whole beside the old one and renamed
 * over it, so a failed save leaves the old file as it was. */
#include "datafile_edit.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "outfile.h"

/* Checks and writes; see datafile_edit.h. */
int datafile_save(const char *path, const char *bytes, size_t len, struct diag *d,
		  int *warnings)
{
	/* The loader's own warnings (last quarter's text, say) are the
	 * caller's to tell; only whether it loads matters here. */
	char *msgs = NULL;
	size_t msgs_len = 0;
	FILE *mf = open_memstream(&msgs, &msgs_len);
	struct diag check;
	diag_init(&check, mf ? mf : stderr);
	check.quiet = 1;
	struct report *r = load_report_memory(path, bytes, len, &check);
	if (mf)
		fclose(mf);
	if (warnings)
		*warnings = check.warnings;
	if (!r || check.errors) {
		diag_error(d, path, 0, "the changed data file would not load, so it was not written; "
			   "expected the changes to keep it valid. What the loader found:");
		if (msgs)
			fputs(msgs, d->out);
		free(msgs);
		report_free(r);
		return 1;
	}
	free(msgs);
	report_free(r);

	/* A link is followed, so the file it points to is the one replaced. */
	char *real = realpath(path, NULL);
	const char *target = real ? real : path;
	struct stat st;
	bool had = stat(target, &st) == 0;
	struct path_output out;
	int fd;
	if (!path_output_begin(&out, target, &fd, d)) {
		free(real);
		return 3;
	}
	/* The new file is the old one changed: it keeps who may read it. */
	if (had)
		fchmod(fd, st.st_mode & 07777);
	bool ok = write_all(fd, bytes, len);
	if (!ok)
		diag_error(d, path, 0, "cannot write the data file: %s; the file is unchanged",
			   strerror(errno));
	ok = path_output_end(&out, ok, d);
	free(real);
	return ok ? 0 : 3;
}
