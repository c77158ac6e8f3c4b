/* What the spreadsheet library prints while the workbook is made: its
 * errors refuse the workbook, its warnings become the program's, and the
 * program's own lines go through untouched. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xlsx.h"

struct sorted {
	bool error;
	char why[64];
	char *out, *said; /* What went on, and what the program said. */
};

/* Run xlsx_pass_on over `text`. */
static struct sorted sort_lines(const char *text)
{
	struct sorted s = {0};
	size_t out_len = 0, said_len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *out = open_memstream(&s.out, &out_len);
	FILE *said = open_memstream(&s.said, &said_len);
	struct diag d;
	diag_init(&d, said);
	s.error = xlsx_pass_on(in, out, "out/report.xlsx", &d, s.why, sizeof s.why);
	fclose(in);
	fclose(out);
	fclose(said);
	return s;
}

static void release(struct sorted *s)
{
	free(s->out);
	free(s->said);
}

int main(void)
{
	struct sorted s = sort_lines("");
	CHECK(!s.error, "nothing printed: no error");
	CHECK_STR(s.out, "", "nothing printed: nothing passed on");
	release(&s);

	s = sort_lines("qreport: warning: SOURCE_DATE_EPOCH is 'x'; expected seconds\n"
		       "data.xml: warning: some text was cut short\n");
	CHECK(!s.error, "the program's own lines are no error");
	CHECK_STR(s.out, "qreport: warning: SOURCE_DATE_EPOCH is 'x'; expected seconds\n"
			 "data.xml: warning: some text was cut short\n",
		  "the program's own lines go on as they were, in order");
	CHECK_STR(s.said, "", "and the program adds nothing");
	release(&s);

	s = sort_lines("[ERROR][worksheet.c:858]: Memory allocation failed.\n"
		       "[ERROR][worksheet.c:838]: Memory allocation failed again.\n");
	CHECK(s.error, "a library error refuses the workbook");
	CHECK_STR(s.why, "Memory allocation failed.", "the first error's words, without the place");
	CHECK_STR(s.out, "", "the library's own lines are not passed on");
	release(&s);

	s = sort_lines("[WARNING]: worksheet_set_column(): column out of range\n");
	CHECK(!s.error, "a library warning does not refuse the workbook");
	CHECK_STR(s.out, "", "a library warning is not passed on as it was");
	CHECK_STR(s.said,
		  "out/report.xlsx: warning: the spreadsheet library says: "
		  "worksheet_set_column(): column out of range\n",
		  "it becomes a warning in the program's form, naming the workbook");
	release(&s);

	/* A line longer than the reading buffer is still one line. */
	char *text = malloc(5000);
	strcpy(text, "[ERROR][chart.c:1]: ");
	memset(text + strlen(text), 'x', 3000);
	strcpy(text + 20 + 3000, "\n[WARNING]: after the long line\n");
	s = sort_lines(text);
	CHECK(s.error, "a long library error is an error");
	CHECK(strlen(s.why) == sizeof s.why - 1, "its words are cut to the room given");
	CHECK_STR(s.out, "", "no piece of a long library line is passed on");
	CHECK_STR(s.said, "out/report.xlsx: warning: the spreadsheet library says: after the long line\n",
		  "the line after a long library line is read from its start");
	release(&s);
	free(text);

	s = sort_lines("plain [ERROR] in the middle of a line\n");
	CHECK(!s.error, "only a line that starts with [ERROR] is the library's");
	CHECK_STR(s.out, "plain [ERROR] in the middle of a line\n", "such a line goes on");
	release(&s);
	return harness_done();
}
