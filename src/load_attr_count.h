/* Attributes counted on the raw bytes of an XML file, before libxml2 sees
 * them: its check for a repeated attribute takes time in the square of
 * their number, so 100,000 on one element would take minutes. */
#ifndef QREPORT_LOAD_ATTR_COUNT_H
#define QREPORT_LOAD_ATTR_COUNT_H

#include <stdbool.h>
#include <stddef.h>

/* The first start tag in data[0, len) with more than `max` attributes:
 * true with its line and element name (cut to fit `name`). Comments,
 * CDATA sections, processing instructions and end tags are skipped; the
 * scan is linear in the bytes. */
bool xml_too_many_attributes(const char *data, size_t len, unsigned max, int *line, char *name,
			     size_t namelen);

#endif
