/* Logo images, checked whole when the layout is read: libpng and libjpeg,
 * with error handlers that return rather than end the program, decide
 * whether an image is intact, before the PDF library ever sees it. */
#ifndef QREPORT_LOAD_IMAGE_H
#define QREPORT_LOAD_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Largest logo, in pixels a side: checked on the declared size, before a
 * pixel is decoded. 4096 pixels is a 6.8in-wide logo at 600 dpi. */
#define LOGO_MAX_SIDE 4096

enum image_kind { IMAGE_PNG, IMAGE_JPEG };

struct image_info {
	enum image_kind kind;
	unsigned width, height;
};

/* Whether the bytes are a PNG (by its signature) or a JPEG (SOI marker). */
bool image_sniff(const unsigned char *data, size_t size, enum image_kind *kind);

/* Decode the whole image to check it; false with `why` set to a phrase
 * completing "logo file PATH ...", such as "is a PNG image that ends
 * early; expected ...". */
bool image_check(const unsigned char *data, size_t size, struct image_info *out, char *why,
		 size_t whylen);

#endif
