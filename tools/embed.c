/* Turns a file on stdin into a C array, so the schema is part of the program. */
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: embed NAME < FILE > FILE.c\n");
		return 2;
	}
	printf("/* Generated from the schema at build time. */\n#include <stddef.h>\n");
	printf("const unsigned char %s[] = {", argv[1]);
	size_t n = 0;
	int c;
	while ((c = getchar()) != EOF) {
		printf("%s0x%02x,", n % 16 ? "" : "\n\t", c);
		n++;
	}
	printf("\n};\nconst size_t %s_len = %zu;\n", argv[1], n);
	return 0;
}
