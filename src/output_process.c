/* The workbook written by a child process, while the parent makes the PDF
 * when there are two processors. The child also keeps the spreadsheet
 * library's failures away from the program: when memory runs out it can
 * leave a cell out, or crash on the cell it could not make, and only a
 * separate process can watch that happen and still say so. The child gets
 * the evaluated model by fork (copy on write, nothing to serialise), writes
 * the workbook into a temporary file the parent made, and says whether it
 * succeeded by its exit status. Only the parent renames the file into
 * place, so an interrupted or failed run never leaves a partial workbook,
 * whichever process it hit. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render.h"

enum xlsx_child_role xlsx_child_start(struct xlsx_child *c, const char *path)
{
	c->pid = 0;
	c->messages = temp_stream();
	if (!c->messages)
		return XLSX_CHILD_NONE;
	/* A folder that cannot be written is reported by the ordinary path,
	 * which the caller falls back to; here it only means "not started". */
	struct diag unsaid;
	diag_init(&unsaid, c->messages);
	if (!outfile_begin(&c->of, path, &unsaid)) {
		fclose(c->messages);
		return XLSX_CHILD_NONE;
	}
	/* Output still buffered would otherwise be written twice. */
	fflush(stdout);
	fflush(stderr);
	c->parent = (int)getpid();
	/* Until the child is watched, an interrupted run would remove the
	 * file without stopping the child, which could then make it again. */
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
		outfile_abort(&c->of);
		fclose(c->messages);
		return XLSX_CHILD_NONE;
	}
	return pid == 0 ? XLSX_CHILD_IS_ME : XLSX_CHILD_STARTED;
}

enum write_result xlsx_child_work(struct xlsx_child *c, const struct report *r,
				  const struct style *st, struct diag *d)
{
	/* A parent killed outright must not leave the child writing on. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	enum write_result res = WRITE_FAILED;
	if (getppid() == (pid_t)c->parent && dup2(fileno(c->messages), STDERR_FILENO) >= 0)
		res = render_xlsx_to(r, st, c->of.temp_path, c->of.final_path, d);
	fflush(stderr);
	/* The file is the parent's to rename or remove, whatever happens next. */
	outfile_release(&c->of);
	fclose(c->messages);
	return res;
}

/* Wait for the child to end; its raw wait status. */
static int reap(struct xlsx_child *c)
{
	int status = 0;
	while (waitpid((pid_t)c->pid, &status, 0) < 0 && errno == EINTR)
		;
	outfile_watch_child(0);
	c->pid = 0;
	return status;
}

/* Copy the child's messages to where this process's messages go. */
static void pass_on_messages(struct xlsx_child *c, struct diag *d)
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
static void report_signal(const struct xlsx_child *c, int sig, struct diag *d)
{
	bool crashed = sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT;
	if (crashed)
		diag_error(d, c->of.final_path, 0,
			   "cannot build the workbook: the spreadsheet library crashed "
			   "(signal %d, %s), as it does when memory runs out; expected "
			   "enough memory to hold the workbook", sig, strsignal(sig));
	else
		diag_error(d, c->of.final_path, 0,
			   "cannot build the workbook: the process writing it was stopped "
			   "by signal %d (%s); expected it to run to the end (the system "
			   "stops processes this way when memory runs out)", sig, strsignal(sig));
}

enum write_result xlsx_child_finish(struct xlsx_child *c, struct diag *d)
{
	int status = reap(c);
	pass_on_messages(c, d);
	enum write_result res = WRITE_FAILED;
	if (WIFEXITED(status)) {
		switch (WEXITSTATUS(status)) {
		case WRITE_OK:
			res = outfile_commit(&c->of, d) ? WRITE_OK : WRITE_FAILED;
			break;
		case WRITE_BAD_INPUT:
			res = WRITE_BAD_INPUT;
			break;
		default: /* WRITE_FAILED, or a checker's own status: the child said why. */
			break;
		}
	} else {
		report_signal(c, WIFSIGNALED(status) ? WTERMSIG(status) : 0, d);
	}
	outfile_abort(&c->of); /* Removes the file unless committed; frees the paths. */
	return res;
}

void xlsx_child_cancel(struct xlsx_child *c)
{
	if (c->pid > 0) {
		kill((pid_t)c->pid, SIGKILL);
		reap(c);
	}
	outfile_abort(&c->of);
	if (c->messages)
		fclose(c->messages);
	c->messages = NULL;
}
