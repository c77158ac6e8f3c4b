/* Messages: the FILE:LINE: level: form, the error limit, and characters
 * from files that could steer a terminal shown as U+XXXX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"

/* Everything one message prints; heap-owned. */
static char *one(enum diag_level level, const char *file, long line, const char *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;
	diag_init(&d, f);
	diag_msg(&d, level, file, line, "quoted \"%s\"; expected better", arg);
	fclose(f);
	return buf;
}

/* The three forms of the prefix. */
static void test_forms(void)
{
	char *s = one(DIAG_ERROR, "a.xml", 12, "x");
	CHECK_STR(s, "a.xml:12: error: quoted \"x\"; expected better\n", "file and line");
	free(s);
	s = one(DIAG_WARNING, "a.xml", 0, "x");
	CHECK_STR(s, "a.xml: warning: quoted \"x\"; expected better\n", "file without a line");
	free(s);
	s = one(DIAG_NOTE, NULL, 3, "x");
	CHECK_STR(s, "qreport: note: quoted \"x\"; expected better\n", "no file");
	free(s);
}

/* C0 controls but tab, DEL, C1 controls and bidirectional overrides and
 * isolates are shown as code points; other text is left as it is. */
static void test_steering(void)
{
	char *s = one(DIAG_ERROR, "a.xml", 1, "\x1b[31mred\x07\x7f");
	CHECK_STR(s, "a.xml:1: error: quoted \"U+001B[31mredU+0007U+007F\"; expected better\n",
		  "escape, bell and DEL shown as code points");
	free(s);
	s = one(DIAG_ERROR, "a.xml", 1, "a\nb\rc\td");
	CHECK_STR(s, "a.xml:1: error: quoted \"aU+000AbU+000Dc\td\"; expected better\n",
		  "a line break cannot split a message; a tab stays");
	free(s);
	s = one(DIAG_ERROR, "a.xml", 1, "\xc2\x80|\xc2\x9b|\xc2\x9f|\xc2\xa0|\xc2\xa9");
	CHECK_STR(s, "a.xml:1: error: quoted \"U+0080|U+009B|U+009F|\xc2\xa0|\xc2\xa9\"; "
		     "expected better\n",
		  "C1 controls shown; no-break space and copyright sign kept");
	free(s);
	s = one(DIAG_ERROR, "a.xml", 1,
		"\xe2\x80\xa9|\xe2\x80\xaa|\xe2\x80\xae|\xe2\x80\xaf|\xe2\x81\xa5|\xe2\x81\xa6|"
		"\xe2\x81\xa9|\xe2\x81\xaa");
	CHECK_STR(s, "a.xml:1: error: quoted \"\xe2\x80\xa9|U+202A|U+202E|\xe2\x80\xaf|\xe2\x81\xa5|"
		     "U+2066|U+2069|\xe2\x81\xaa\"; expected better\n",
		  "U+202A-U+202E and U+2066-U+2069 shown, their neighbours kept");
	free(s);
	s = one(DIAG_ERROR, "a.xml", 1, "\xe2\x80\x93 \xe2\x9c\x93 \xc3\xa9 \xf0\x9f\x98\x80");
	CHECK_STR(s, "a.xml:1: error: quoted \"\xe2\x80\x93 \xe2\x9c\x93 \xc3\xa9 \xf0\x9f\x98\x80\"; "
		     "expected better\n",
		  "ordinary UTF-8 unchanged");
	free(s);
	s = one(DIAG_ERROR, "a.xml", 1, "cut\xc2");
	CHECK_STR(s, "a.xml:1: error: quoted \"cut\xc2\"; expected better\n",
		  "a lead byte at the end is not read past");
	free(s);
	s = one(DIAG_ERROR, "bad\x1b]0;title\x07.xml", 2, "x");
	CHECK_STR(s, "badU+001B]0;titleU+0007.xml:2: error: quoted \"x\"; expected better\n",
		  "the file name is shown safely too");
	free(s);
}

/* A message longer than any fixed buffer comes out whole. */
static void test_long(void)
{
	size_t n = 5000;
	char *arg = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		arg[i] = i % 1000 == 999 ? '\x1b' : 'a';
	arg[n] = '\0';
	char *s = one(DIAG_ERROR, "a.xml", 1, arg);
	size_t escapes = 0;
	for (const char *p = s; (p = strstr(p, "U+001B")); p++)
		escapes++;
	CHECK_INT(escapes, 5, "a long message: every control shown");
	CHECK_INT(strlen(s), strlen("a.xml:1: error: quoted \"\"; expected better\n") + n + 5 * 5,
		  "a long message: nothing lost");
	free(s);
	free(arg);
}

/* Past max_errors, one note and then silence, with the count kept. */
static void test_limit(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;
	diag_init(&d, f);
	d.max_errors = 1;
	diag_error(&d, "a\x1b.xml", 1, "first; expected none");
	diag_error(&d, "a\x1b.xml", 2, "second; expected none");
	diag_error(&d, "a\x1b.xml", 3, "third; expected none");
	fclose(f);
	CHECK_STR(buf, "aU+001B.xml:1: error: first; expected none\n"
		       "aU+001B.xml: note: too many errors; the rest are not shown\n",
		  "one error, then the note");
	CHECK_INT(d.errors, 3, "every error counted");
	free(buf);
}

/* Run every test. */
int main(void)
{
	test_forms();
	test_steering();
	test_long();
	test_limit();
	return harness_done();
}
