/* Start tags checked on the raw bytes of an XML file, before libxml2 sees
 * them: its check for a repeated attribute takes time in the square of
 * their number (100,000 on one element took minutes), and it refuses a
 * very long attribute value in words of its own. */
#ifndef QREPORT_LOAD_ATTR_COUNT_H
#define QREPORT_LOAD_ATTR_COUNT_H

#include <stdbool.h>
#include <stddef.h>

enum tag_problem { TAG_OK, TAG_TOO_MANY_ATTRIBUTES, TAG_LONG_VALUE };

struct tag_scan {
	enum tag_problem problem;
	int line;             /* The start tag's first line. */
	char element[64];     /* Its name, cut to fit. */
	char attribute[64];   /* TAG_LONG_VALUE: the attribute's name. */
	size_t value_bytes;   /* TAG_LONG_VALUE: its value's length. */
};

/* The first start tag in data[0, len) with more than `max_attributes`
 * attributes or an attribute value longer than `max_value` bytes: true
 * with what and where in *out. Comments, CDATA sections, processing
 * instructions and end tags are skipped; the scan is linear in the bytes. */
bool xml_scan_tags(const char *data, size_t len, unsigned max_attributes, size_t max_value,
		   struct tag_scan *out);

#endif
