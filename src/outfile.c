/* Atomic output. A run may be made by someone who can write in the output
 * folder while qreport runs (often as root), so nothing is ever opened or
 * renamed by a name that could have been swapped for a link: temporary
 * files are created with O_EXCL | O_NOFOLLOW, written only through the
 * descriptor that created them, and renamed relative to a descriptor of the
 * folder. Installing exchanges each temporary with its final name, so that
 * a failure half way can put every previous version back. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE (Linux 3.15, glibc 2.28). */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

/* Temporaries that exist right now, so a signal handler can remove them.
 * This is the one piece of process-wide state: a handler has no other way
 * to learn what to clean up. Only a few outputs are ever open at once. */
#define MAX_PENDING 16
struct pending {
	int dirfd;
	bool folder;
	char *volatile name; /* Set last, cleared first: NULL means a free slot. */
};
static struct pending pending[MAX_PENDING];
/* Child processes writing into the pending files (a second process for
 * some outputs, helpers drawing charts). They are stopped, and waited
 * for, before the files are removed: otherwise one could go on writing
 * into a file after the removal. */
#define MAX_WRITERS 8
static volatile pid_t writer_child[MAX_WRITERS];

void outfile_watch_child(int pid)
{
	for (int i = 0; i < MAX_WRITERS; i++)
		if (writer_child[i] == 0) {
			writer_child[i] = (pid_t)pid;
			return;
		}
}

void outfile_unwatch_child(int pid)
{
	for (int i = 0; i < MAX_WRITERS; i++)
		if (writer_child[i] == (pid_t)pid)
			writer_child[i] = 0;
}

/* Stop the watched children, if any, and wait until they are gone. */
static void stop_writer_children(void)
{
	for (int i = 0; i < MAX_WRITERS; i++) {
		pid_t pid = writer_child[i];
		if (pid > 0) {
			kill(pid, SIGKILL);            /* async-signal-safe */
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
			writer_child[i] = 0;
		}
	}
}

static void register_pending(const struct outfile *f)
{
	for (int i = 0; i < MAX_PENDING; i++) {
		if (!pending[i].name) {
			pending[i].dirfd = f->dir->fd;
			pending[i].folder = f->folder;
			pending[i].name = f->temp_name;
			return;
		}
	}
}

static void unregister_pending(const char *name)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i].name == name)
			pending[i].name = NULL;
}

void outfile_forget_all(void)
{
	for (int i = 0; i < MAX_PENDING; i++)
		pending[i].name = NULL;
	for (int i = 0; i < MAX_WRITERS; i++)
		writer_child[i] = 0;
}

/* Empty and remove a temporary folder from inside a signal handler, where
 * opendir (which allocates) may not be called: the entries are read with
 * the getdents64 system call into a static buffer and unlinked, all of
 * them async-signal-safe. An output folder holds files only (the chart
 * images), so one level is all there is. */
static void remove_folder_in_handler(int at, const char *name)
{
	static char buf[8192];
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		for (;;) {
			long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
			if (n <= 0)
				break;
			bool removed = false;
			for (long off = 0; off < n;) {
				/* struct linux_dirent64: inode, offset, record length, type, name. */
				unsigned short reclen;
				memcpy(&reclen, buf + off + 16, sizeof reclen);
				const char *entry = buf + off + 19;
				if (strcmp(entry, ".") != 0 && strcmp(entry, "..") != 0)
					removed |= unlinkat(fd, entry, 0) == 0;
				off += reclen ? reclen : n;
			}
			/* Read again from the start: removing moves what remains. */
			if (removed)
				lseek(fd, 0, SEEK_SET);
		}
		close(fd);
	}
	unlinkat(at, name, AT_REMOVEDIR);
}

static void on_fatal_signal(int sig)
{
	stop_writer_children();
	for (int i = 0; i < MAX_PENDING; i++) {
		char *name = pending[i].name;
		if (name && pending[i].folder)
			remove_folder_in_handler(pending[i].dirfd, name);
		else if (name)
			unlinkat(pending[i].dirfd, name, 0);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Remove `name` in the folder `at`, a file or a folder with everything in it,
 * never following a link. */
static void remove_at(int at, const char *name)
{
	if (unlinkat(at, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		DIR *dp = fdopendir(fd);
		if (dp) {
			struct dirent *e;
			while ((e = readdir(dp)) != NULL)
				if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
					remove_at(dirfd(dp), e->d_name);
			closedir(dp);
		} else {
			close(fd);
		}
	}
	unlinkat(at, name, AT_REMOVEDIR);
}

/* exit() from deep inside (out of memory) must not leave a partial file either. */
static void remove_pending_at_exit(void)
{
	stop_writer_children();
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i].name)
			remove_at(pending[i].dirfd, pending[i].name);
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
	int err = 0;
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				err = errno;
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
		err = ok ? 0 : errno ? errno : ENOTDIR;
	}
	errno = err;
	return ok;
}

bool write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool out_dir_open(struct out_dir *o, const char *path, const char *for_path, struct diag *d)
{
	o->fd = -1;
	o->path = NULL;
	if (!make_dirs(path)) {
		int err = errno;
		struct stat st;
		if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
			diag_error(d, for_path, 0, "the output folder %s is a file, not a folder; "
				   "expected a folder (or a path where one can be created)", path);
		else
			diag_error(d, for_path, 0, "cannot create the output folder %s: %s; expected a "
				   "folder qreport may write to", path, strerror(err));
		return false;
	}
	o->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->fd < 0) {
		diag_error(d, for_path, 0, "cannot open the output folder %s: %s; expected a folder "
			   "qreport may write to", path, strerror(errno));
		return false;
	}
	o->path = xstrdup(path);
	return true;
}

void out_dir_close(struct out_dir *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	free(o->path);
	o->path = NULL;
}

/* Six letters for a temporary name: unpredictable, so that nobody can
 * make the name first; O_EXCL makes a guess harmless anyway. */
static void random_letters(char *out)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char bytes[6];
	if (getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != (ssize_t)sizeof bytes) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		unsigned long v = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
		for (size_t i = 0; i < sizeof bytes; i++, v = v * 2654435761u + 1)
			bytes[i] = (unsigned char)(v >> 13);
	}
	for (size_t i = 0; i < sizeof bytes; i++)
		out[i] = letters[bytes[i] % (sizeof letters - 1)];
	out[sizeof bytes] = '\0';
}

bool outfile_begin(struct outfile *f, const struct out_dir *dir, const char *name, bool folder,
		   struct diag *d)
{
	*f = (struct outfile){.dir = dir, .fd = -1, .folder = folder};
	f->name = xstrdup(name);
	size_t n = strlen(dir->path) + 1 + strlen(name) + 1;
	f->path = xmalloc(n);
	snprintf(f->path, n, "%s/%s", dir->path, name);
	/* The temporary sits beside the target so that the rename stays on one
	 * file system and is atomic; its name starts with a dot so a reader
	 * listing the folder does not take it for a report. */
	size_t tn = strlen(name) + sizeof "..XXXXXX";
	f->temp_name = xmalloc(tn);
	/* No interruption between making the temporary and registering it: the
	 * handler removes only what is registered, and a run is often stopped
	 * just as its first temporaries appear. */
	sigset_t fatal, before;
	sigemptyset(&fatal);
	sigaddset(&fatal, SIGINT);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGHUP);
	sigprocmask(SIG_BLOCK, &fatal, &before);
	int err = EEXIST;
	for (int tries = 0; tries < 100 && err == EEXIST; tries++) {
		char letters[8];
		random_letters(letters);
		snprintf(f->temp_name, tn, ".%s.%s", name, letters);
		if (folder) {
			if (mkdirat(dir->fd, f->temp_name, 0777) == 0) {
				f->fd = openat(dir->fd, f->temp_name,
					       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				err = f->fd >= 0 ? 0 : errno;
				if (f->fd < 0)
					unlinkat(dir->fd, f->temp_name, AT_REMOVEDIR);
			} else {
				err = errno;
			}
		} else {
			/* The mode follows the umask: a report is for sharing. */
			f->fd = openat(dir->fd, f->temp_name,
				       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
			err = f->fd >= 0 ? 0 : errno;
		}
	}
	if (err != 0) {
		sigprocmask(SIG_SETMASK, &before, NULL);
		diag_error(d, f->path, 0, "cannot write in the output folder: %s; expected a "
			   "writable folder", strerror(err));
		free(f->temp_name);
		f->temp_name = NULL;
		outfile_abort(f);
		return false;
	}
	register_pending(f);
	sigprocmask(SIG_SETMASK, &before, NULL);
	return true;
}

/* What happened to one output while installing, to undo it. */
enum swap { SWAP_NONE, SWAP_EXCHANGED, SWAP_NEW, SWAP_REPLACED };

/* Put one temporary in place; how, or SWAP_NONE with errno set. */
static enum swap swap_in(const struct outfile *f)
{
	int dfd = f->dir->fd;
	if (renameat2(dfd, f->temp_name, dfd, f->name, RENAME_EXCHANGE) == 0)
		return SWAP_EXCHANGED;
	if (errno == ENOENT) {
		if (renameat2(dfd, f->temp_name, dfd, f->name, RENAME_NOREPLACE) == 0)
			return SWAP_NEW;
		if (errno == EEXIST && renameat2(dfd, f->temp_name, dfd, f->name,
						 RENAME_EXCHANGE) == 0)
			return SWAP_EXCHANGED;
		return SWAP_NONE;
	}
	/* A file system that cannot exchange: a plain rename, which still
	 * replaces the name itself and never follows a link there. */
	if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
		return renameat(dfd, f->temp_name, dfd, f->name) == 0 ? SWAP_REPLACED : SWAP_NONE;
	return SWAP_NONE;
}

/* Undo swap_in, as far as it can be undone. */
static void swap_out(const struct outfile *f, enum swap how)
{
	int dfd = f->dir->fd;
	if (how == SWAP_EXCHANGED)
		renameat2(dfd, f->temp_name, dfd, f->name, RENAME_EXCHANGE);
	else if (how == SWAP_NEW)
		renameat(dfd, f->name, dfd, f->temp_name);
}

/* Whatever has the final name must be something the output may replace:
 * a file for a file (or a link, which is replaced, never followed), a
 * folder for a folder. False after reporting. */
static bool may_replace(const struct outfile *f, struct diag *d)
{
	struct stat st;
	if (fstatat(f->dir->fd, f->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return true;
	if (!f->folder && S_ISDIR(st.st_mode)) {
		diag_error(d, f->path, 0, "cannot put the file in place: a folder has its name; "
			   "expected a file or nothing there (nothing was replaced)");
		return false;
	}
	if (f->folder && !S_ISDIR(st.st_mode)) {
		diag_error(d, f->path, 0, "cannot put the folder in place: a file has its name; "
			   "expected a folder or nothing there (nothing was replaced)");
		return false;
	}
	return true;
}

/* The temporary's name must still be the file this process made: someone
 * who can write in the folder could have put a link or another file in its
 * place, and installing that would give readers what they chose. False
 * after reporting. */
static bool still_ours(const struct outfile *f, struct diag *d)
{
	struct stat mine, there;
	if (fstat(f->fd, &mine) == 0 &&
	    fstatat(f->dir->fd, f->temp_name, &there, AT_SYMLINK_NOFOLLOW) == 0 &&
	    mine.st_dev == there.st_dev && mine.st_ino == there.st_ino)
		return true;
	diag_error(d, f->path, 0, "cannot put the file in place: its temporary file %s/%s was "
		   "removed or replaced by something else while it was written; expected the "
		   "output folder to be left alone during a run (nothing was replaced)",
		   f->dir->path, f->temp_name);
	return false;
}

/* Lock the folder against another run's install; waits for it. A file
 * system without locks (some network ones) is written unlocked. */
static void lock_dir(int fd)
{
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
}

bool outfile_install(struct outfile *files, size_t n, struct diag *d)
{
	if (n == 0)
		return true;
	/* Every byte on disk before any name changes: a rename is only as
	 * durable as the data it points at. */
	for (size_t i = 0; i < n; i++) {
		if (files[i].fd < 0 || !files[i].temp_name)
			return false;
		if (fsync(files[i].fd) != 0 && errno != EINVAL && errno != EROFS) {
			diag_error(d, files[i].path, 0, "cannot write the file: %s; the previous "
				   "version, if any, is unchanged", strerror(errno));
			return false;
		}
	}
	/* No interruption while names change: the handler would remove what
	 * the temporary names hold, old versions included. */
	sigset_t fatal, before;
	sigemptyset(&fatal);
	sigaddset(&fatal, SIGINT);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGHUP);
	sigprocmask(SIG_BLOCK, &fatal, &before);
	int dfd = files[0].dir->fd;
	lock_dir(dfd);
	enum swap *how = xcalloc(n, sizeof *how);
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = still_ours(&files[i], d) && may_replace(&files[i], d);
	for (size_t i = 0; i < n && ok; i++) {
		how[i] = swap_in(&files[i]);
		if (how[i] == SWAP_NONE) {
			diag_error(d, files[i].path, 0, "cannot put the file in place: %s; the previous "
				   "versions of this run's outputs, if any, are unchanged", strerror(errno));
			ok = false;
			for (size_t j = i; j-- > 0;)
				swap_out(&files[j], how[j]);
		}
	}
	if (ok)
		fsync(dfd);
	flock(dfd, LOCK_UN);
	for (size_t i = 0; i < n; i++) {
		if (!ok)
			continue;
		files[i].installed = true;
		/* The temporary name now holds the previous version, if any. */
		if (how[i] == SWAP_EXCHANGED)
			remove_at(dfd, files[i].temp_name);
		unregister_pending(files[i].temp_name);
	}
	free(how);
	sigprocmask(SIG_SETMASK, &before, NULL);
	return ok;
}

void outfile_abort(struct outfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->temp_name) {
		if (!f->installed)
			remove_at(f->dir->fd, f->temp_name);
		unregister_pending(f->temp_name);
	}
	free(f->temp_name);
	free(f->name);
	free(f->path);
	f->temp_name = f->name = f->path = NULL;
}

void outfile_release(struct outfile *f)
{
	if (f->temp_name)
		unregister_pending(f->temp_name);
	f->installed = true; /* Not this process's to remove. */
	outfile_abort(f);
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
	char *dir = xmalloc(n + 1);
	memcpy(dir, path, n);
	dir[n] = '\0';
	return dir;
}

bool path_output_begin(struct path_output *o, const char *path, int *fd, struct diag *d)
{
	*o = (struct path_output){.dir = {.fd = -1}, .file = {.fd = -1}};
	char *dir = dir_of(path);
	bool ok = out_dir_open(&o->dir, dir, path, d);
	free(dir);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (ok && !outfile_begin(&o->file, &o->dir, base, false, d)) {
		out_dir_close(&o->dir);
		ok = false;
	}
	*fd = ok ? o->file.fd : -1;
	return ok;
}

bool path_output_end(struct path_output *o, bool ok, struct diag *d)
{
	if (o->dir.fd < 0)
		return false;
	ok = ok && outfile_install(&o->file, 1, d);
	outfile_abort(&o->file);
	out_dir_close(&o->dir);
	return ok;
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
