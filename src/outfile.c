#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

/* Temporary files that exist right now, so a signal handler can remove them.
 * This is the one piece of process-wide state: a handler has no other way
 * to learn what to clean up. Only a few outputs are ever open at once. */
#define MAX_PENDING 8
static char *volatile pending[MAX_PENDING];
/* A child process writing one of the pending files. It is stopped, and
 * waited for, before the files are removed: otherwise it could create its
 * file again after the removal. */
static volatile pid_t writer_child;

void outfile_watch_child(int pid)
{
	writer_child = (pid_t)pid;
}

/* Stop the watched child, if any, and wait until it is gone. */
static void stop_writer_child(void)
{
	pid_t pid = writer_child;
	if (pid > 0) {
		kill(pid, SIGKILL);            /* async-signal-safe */
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		writer_child = 0;
	}
}

static void register_pending(char *path)
{
	for (int i = 0; i < MAX_PENDING; i++) {
		if (!pending[i]) {
			pending[i] = path;
			return;
		}
	}
}

static void unregister_pending(const char *path)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i] == path)
			pending[i] = NULL;
}

static void on_fatal_signal(int sig)
{
	stop_writer_child();
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i])
			unlink(pending[i]); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

/* exit() from deep inside (out of memory) must not leave a partial file either. */
static void remove_pending_at_exit(void)
{
	stop_writer_child();
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i])
			unlink(pending[i]);
}

void outfile_install_signal_handlers(void)
{
	atexit(remove_pending_at_exit);
	signal(SIGINT, on_fatal_signal);
	signal(SIGTERM, on_fatal_signal);
	signal(SIGHUP, on_fatal_signal);
}

bool make_dirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				ok = false;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	if (ok) {
		struct stat st;
		ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	}
	return ok;
}

/* The folder part of a path ("." when there is none). Heap-owned. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	size_t n = (size_t)(slash - path);
	char *d = xmalloc(n + 1);
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

bool outfile_begin(struct outfile *f, const char *final_path, struct diag *d)
{
	f->final_path = xstrdup(final_path);
	f->temp_path = NULL;
	char *dir = dir_of(final_path);
	if (!make_dirs(dir)) {
		struct stat st;
		if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
			diag_error(d, final_path, 0, "the output folder %s is a file, not a folder; "
				   "expected a folder (or a path where one can be created)", dir);
		else
			diag_error(d, final_path, 0, "cannot create the output folder %s: %s; expected a folder qreport may write to",
				   dir, strerror(errno));
		free(dir);
		free(f->final_path);
		f->final_path = NULL;
		return false;
	}
	free(dir);
	/* The temporary file sits beside the target so rename() stays on one
	 * file system and is atomic; its name starts with a dot so a reader
	 * listing the folder does not take it for a report. */
	const char *base = strrchr(final_path, '/');
	size_t dirlen = base ? (size_t)(base - final_path) + 1 : 0;
	base = base ? base + 1 : final_path;
	size_t n = dirlen + strlen(base) + sizeof ".~.XXXXXX";
	f->temp_path = xmalloc(n);
	snprintf(f->temp_path, n, "%.*s.%s.XXXXXX", (int)dirlen, final_path, base);
	int fd = mkstemp(f->temp_path);
	if (fd < 0) {
		diag_error(d, final_path, 0, "cannot write in the output folder: %s; expected a writable folder",
			   strerror(errno));
		free(f->temp_path);
		free(f->final_path);
		f->temp_path = f->final_path = NULL;
		return false;
	}
	/* mkstemp makes the file 0600; a report is for sharing, so follow the umask. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	register_pending(f->temp_path);
	return true;
}

bool outfile_commit(struct outfile *f, struct diag *d)
{
	if (!f->temp_path)
		return false;
	bool ok = true;
	int fd = open(f->temp_path, O_RDONLY);
	if (fd >= 0) {
		/* A rename is only as durable as the data it points at. */
		if (fsync(fd) != 0 && errno != EINVAL)
			ok = false;
		close(fd);
	} else {
		ok = false;
	}
	if (ok && rename(f->temp_path, f->final_path) != 0)
		ok = false;
	if (!ok) {
		diag_error(d, f->final_path, 0, "cannot write the file: %s; the previous version, if any, is unchanged",
			   strerror(errno));
		unlink(f->temp_path);
	}
	unregister_pending(f->temp_path);
	free(f->temp_path);
	free(f->final_path);
	f->temp_path = f->final_path = NULL;
	return ok;
}

void outfile_abort(struct outfile *f)
{
	if (f->temp_path) {
		unlink(f->temp_path);
		unregister_pending(f->temp_path);
	}
	free(f->temp_path);
	free(f->final_path);
	f->temp_path = f->final_path = NULL;
}

void outfile_release(struct outfile *f)
{
	if (f->temp_path)
		unregister_pending(f->temp_path);
	free(f->temp_path);
	free(f->final_path);
	f->temp_path = f->final_path = NULL;
}

FILE *temp_stream(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t n = strlen(dir) + sizeof "/qreport.XXXXXX";
	char *path = xmalloc(n);
	snprintf(path, n, "%s/qreport.XXXXXX", dir);
	int fd = mkstemp(path);
	FILE *f = NULL;
	if (fd >= 0) {
		unlink(path); /* Gone from the folder at once; freed when closed. */
		f = fdopen(fd, "w+");
		if (!f)
			close(fd);
	}
	free(path);
	return f;
}
