/* Outputs written by a child process, while the parent makes the others
 * when there are two processors. The child also keeps a library's
 * failures away from the program: when memory runs out the spreadsheet
 * library can leave a cell out, or crash on the cell it could not make,
 * and only a separate process can watch that happen and still say so. The
 * child gets the evaluated model by fork (copy on write, nothing to
 * serialise), writes into temporary files the parent created and passes
 * down as open descriptors, and says whether it succeeded by its exit
 * status. Only the parent puts files in place, so an interrupted or failed
 * run never leaves a partial output, whichever process it hit. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render.h"

enum output_child_role output_child_start(struct output_child *c, const char *path,
					  const char *noun)
{
	c->pid = 0;
	c->path = path;
	c->noun = noun;
	c->messages = temp_stream();
	if (!c->messages)
		return OUTPUT_CHILD_NONE;
	/* Output still buffered would otherwise be written twice. */
	fflush(stdout);
	fflush(stderr);
	c->parent = (int)getpid();
	/* Until the child is watched, an interrupted run would remove the
	 * files without stopping the child, which could go on writing. */
	sigset_t fatal, before;
	sigemptyset(&fatal);
	sigaddset(&fatal, SIGINT);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGHUP);
	sigprocmask(SIG_BLOCK, &fatal, &before);
	pid_t pid = fork();
	if (pid > 0) {
		c->pid = (int)pid;
		outfile_watch_child(c->pid);
	}
	sigprocmask(SIG_SETMASK, &before, NULL);
	if (pid < 0) {
		fclose(c->messages);
		c->messages = NULL;
		return OUTPUT_CHILD_NONE;
	}
	return pid == 0 ? OUTPUT_CHILD_IS_ME : OUTPUT_CHILD_STARTED;
}

bool output_child_begin(struct output_child *c)
{
	/* The files are the parent's to install or remove, whatever happens. */
	outfile_forget_all();
	/* A parent killed outright must not leave the child writing on. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	return getppid() == (pid_t)c->parent && dup2(fileno(c->messages), STDERR_FILENO) >= 0;
}

void output_child_end(struct output_child *c)
{
	fflush(stderr);
	fclose(c->messages);
	c->messages = NULL;
}

/* Wait for the child to end; its raw wait status. */
static int reap(struct output_child *c)
{
	int status = 0;
	while (waitpid((pid_t)c->pid, &status, 0) < 0 && errno == EINTR)
		;
	outfile_unwatch_child(c->pid);
	c->pid = 0;
	return status;
}

/* Copy the child's messages to where this process's messages go. */
static void pass_on_messages(struct output_child *c, struct diag *d)
{
	rewind(c->messages);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, c->messages)) > 0)
		fwrite(buf, 1, n, d->out);
	fclose(c->messages);
	c->messages = NULL;
}

/* Say why a child that did not exit by itself ended. */
static void report_signal(const struct output_child *c, int sig, struct diag *d)
{
	bool crashed = sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT;
	if (crashed)
		diag_error(d, c->path, 0,
			   "cannot build %s: the library writing it crashed (signal %d, %s), as "
			   "it does when memory runs out; expected enough memory to hold %s",
			   c->noun, sig, strsignal(sig), c->noun);
	else
		diag_error(d, c->path, 0,
			   "cannot build %s: the process writing it was stopped by signal %d "
			   "(%s); expected it to run to the end (the system stops processes this "
			   "way when memory runs out)", c->noun, sig, strsignal(sig));
}

enum write_result output_child_finish(struct output_child *c, struct diag *d)
{
	int status = reap(c);
	pass_on_messages(c, d);
	if (!WIFEXITED(status)) {
		report_signal(c, WIFSIGNALED(status) ? WTERMSIG(status) : 0, d);
		return WRITE_FAILED;
	}
	switch (WEXITSTATUS(status)) {
	case WRITE_OK:
		return WRITE_OK;
	case WRITE_BAD_INPUT:
		return WRITE_BAD_INPUT;
	default: /* WRITE_FAILED, or a checker's own status: the child said why. */
		return WRITE_FAILED;
	}
}

void output_child_cancel(struct output_child *c)
{
	if (c->pid > 0) {
		kill((pid_t)c->pid, SIGKILL);
		reap(c);
	}
	if (c->messages)
		fclose(c->messages);
	c->messages = NULL;
}
