/* The draft press release, as Markdown and as plain text: the
 * presentation's release (present_press.c) in the order a release reads:
 * who and when, the headline, the lead, the first quote, a paragraph per
 * goal area, the other quotes, the closing line and the end mark. Every
 * sentence is the presentation's; this file only sets them out. Each
 * paragraph is one line, so that it pastes into a word processor whole. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "render.h"

enum release_form { RELEASE_MARKDOWN, RELEASE_TEXT };

/* Markdown: text as written, with the characters Markdown would read as
 * markup escaped, and a line that would start a heading, list or quote
 * kept a paragraph. */
static void md_text(FILE *f, const char *s)
{
	const char *start = s;
	for (; *s; s++) {
		bool first = s == start;
		if (strchr("\\`*_[]<>|", *s) || (first && strchr("#+->", *s)))
			fputc('\\', f);
		/* "1. " or "1) " at the start would be an ordered list. */
		if (first && *s >= '0' && *s <= '9') {
			size_t k = strspn(s, "0123456789");
			if ((s[k] == '.' || s[k] == ')') && (s[k + 1] == ' ' || !s[k + 1])) {
				fwrite(s, 1, k, f);
				fputc('\\', f);
				s += k;
			}
		}
		fputc(*s, f);
	}
}

/* One paragraph and the blank line after it; nothing for an empty one. */
static void paragraph(FILE *f, enum release_form form, const char *prefix, const char *text)
{
	if (!text || !*text)
		return;
	if (prefix)
		fputs(prefix, f);
	if (form == RELEASE_MARKDOWN)
		md_text(f, text);
	else
		fputs(text, f);
	fputs("\n\n", f);
}

static void write_release(FILE *f, const struct pres_release *rel, enum release_form form)
{
	bool md = form == RELEASE_MARKDOWN;
	/* Who and when, two lines of one block. */
	if (rel->organization && *rel->organization) {
		if (md)
			fputs("**", f);
		md ? md_text(f, rel->organization) : (void)fputs(rel->organization, f);
		fputs(md ? "**" : "", f);
		fputs(rel->date_line ? (md ? "  \n" : "\n") : "\n\n", f);
	}
	paragraph(f, form, NULL, rel->date_line);
	paragraph(f, form, md ? "# " : NULL, rel->headline);
	if (rel->dateline && *rel->dateline) {
		md ? md_text(f, rel->dateline) : (void)fputs(rel->dateline, f);
		fputc(' ', f);
	}
	paragraph(f, form, NULL, rel->lead);
	if (rel->nquotes > 0)
		paragraph(f, form, NULL, rel->quotes[0]);
	for (size_t g = 0; g < rel->ngoals; g++) {
		paragraph(f, form, md ? "## " : NULL, rel->goals[g].heading);
		paragraph(f, form, NULL, rel->goals[g].text);
	}
	for (size_t q = 1; q < rel->nquotes; q++)
		paragraph(f, form, NULL, rel->quotes[q]);
	paragraph(f, form, NULL, rel->closing);
	/* The end mark alone on its line, never read as a heading. */
	paragraph(f, form, NULL, rel->end);
}

/* Write the release in `form` to `out` (never closed here). */
static enum write_result release_out(const struct backend_job *job, int out,
				     enum release_form form)
{
	int fd = dup(out);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		diag_error(job->d, job->path, 0, "cannot write the press release: %s; the previous "
			   "version, if any, is unchanged", strerror(err));
		return WRITE_FAILED;
	}
	write_release(f, &job->pres->release, form);
	bool ok = fflush(f) == 0 && !ferror(f);
	int err = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		diag_error(job->d, job->path, 0, "cannot write the press release: %s; the previous "
			   "version, if any, is unchanged", strerror(err ? err : EIO));
		return WRITE_FAILED;
	}
	return WRITE_OK;
}

/* See render.h. */
enum write_result render_release_md(const struct backend_job *job, int out)
{
	return release_out(job, out, RELEASE_MARKDOWN);
}

/* See render.h. */
enum write_result render_release_txt(const struct backend_job *job, int out)
{
	return release_out(job, out, RELEASE_TEXT);
}
