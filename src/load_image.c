/* Logo images checked whole with libpng and libjpeg. Both libraries report
 * errors by calling a function that must not return; here it jumps back to
 * the check, which says what was wrong. A warning about the data (a JPEG
 * that ends early is otherwise padded with grey and drawn half) counts as
 * an error too: a logo is either intact or refused. */
#include "load_image.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

bool image_sniff(const unsigned char *data, size_t size, enum image_kind *kind)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	if (size >= 8 && memcmp(data, png_sig, 8) == 0) {
		*kind = IMAGE_PNG;
		return true;
	}
	if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
		*kind = IMAGE_JPEG;
		return true;
	}
	return false;
}

/* What the library said, cut to one line without a final full stop. */
static void library_words(char *out, size_t n, const char *msg)
{
	snprintf(out, n, "%s", msg ? msg : "unreadable data");
	out[strcspn(out, "\r\n")] = '\0';
	size_t len = strlen(out);
	while (len > 0 && out[len - 1] == '.')
		out[--len] = '\0';
}

static bool too_large(const char *kind, unsigned w, unsigned h, char *why, size_t whylen)
{
	if (w <= LOGO_MAX_SIDE && h <= LOGO_MAX_SIDE && w > 0 && h > 0)
		return false;
	if (w == 0 || h == 0)
		snprintf(why, whylen, "is a %s image of %u by %u pixels; expected an image with "
			 "pixels", kind, w, h);
	else
		snprintf(why, whylen, "is a %s image of %u by %u pixels; expected at most %d pixels "
			 "a side (a logo is drawn a few inches wide)", kind, w, h, LOGO_MAX_SIDE);
	return true;
}

/* ---- PNG ---------------------------------------------------------------- */

struct png_check {
	const unsigned char *data;
	size_t size, pos;
	char said[160]; /* libpng's words for the error. */
	unsigned char *row; /* Heap, freed after a jump too. */
};

static void png_from_memory(png_structp png, png_bytep out, size_t len)
{
	struct png_check *c = png_get_io_ptr(png);
	if (len > c->size - c->pos)
		png_error(png, "the file ends early");
	memcpy(out, c->data + c->pos, len);
	c->pos += len;
}

static void png_on_error(png_structp png, png_const_charp msg)
{
	struct png_check *c = png_get_error_ptr(png);
	library_words(c->said, sizeof c->said, msg);
	png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg; /* Ancillary details (colour profiles, text) do not decide. */
}

static bool check_png(const unsigned char *data, size_t size, struct image_info *out, char *why,
		      size_t whylen)
{
	struct png_check c = {.data = data, .size = size};
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error,
						 png_on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		snprintf(why, whylen, "could not be checked (out of memory); expected enough "
			 "memory to read a logo");
		return false;
	}
	/* Volatile: read after the jump back. */
	volatile int stage = 0;
	volatile bool ok = false;
	if (setjmp(png_jmpbuf(png)) == 0) {
		png_set_read_fn(png, &c, png_from_memory);
		/* A corrupt chunk is a corrupt file, ancillary or not. */
		png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
		png_read_info(png, info);
		stage = 1;
		png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
		out->width = w;
		out->height = h;
		if (too_large("PNG", w, h, why, whylen)) {
			stage = 3;
		} else if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE) {
			snprintf(why, whylen, "is an interlaced PNG image, which the PDF library "
				 "cannot embed; expected a PNG saved without interlacing");
			stage = 3;
		} else {
			stage = 2;
			c.row = malloc(png_get_rowbytes(png, info) + 1);
			if (!c.row)
				png_error(png, "out of memory");
			for (png_uint_32 y = 0; y < h; y++)
				png_read_row(png, c.row, NULL);
			png_read_end(png, NULL);
			ok = true;
		}
	} else if (stage < 3) {
		snprintf(why, whylen, "is not an intact PNG image (%s, %s); expected a PNG file "
			 "that image programs open without complaint", c.said,
			 stage == 0 ? "in its header" : "in its pixels");
	}
	free(c.row);
	png_destroy_read_struct(&png, &info, NULL);
	return ok;
}

/* ---- JPEG --------------------------------------------------------------- */

struct jpeg_check {
	struct jpeg_error_mgr mgr; /* First, so the library's pointer is ours. */
	jmp_buf back;
	char said[JMSG_LENGTH_MAX];
};

static void jpeg_on_error(j_common_ptr cinfo)
{
	struct jpeg_check *c = (struct jpeg_check *)cinfo->err;
	char msg[JMSG_LENGTH_MAX];
	(*cinfo->err->format_message)(cinfo, msg);
	library_words(c->said, sizeof c->said, msg);
	longjmp(c->back, 1);
}

/* Level -1 is a warning about the data (corrupt or ended early): refused. */
static void jpeg_on_message(j_common_ptr cinfo, int level)
{
	if (level < 0)
		jpeg_on_error(cinfo);
}

/* The PDF library reads a JPEG's header on its own, more strictly than
 * libjpeg: from the start-of-image marker, one segment after another, each
 * a marker (0xFF and a code) and a length, until a start-of-frame of a kind
 * it knows (baseline, extended, progressive, arithmetic). Padding between
 * segments or another kind of frame makes it refuse the image; the check
 * walks the header the same way, so that such an image is refused here,
 * with the layout's line, and not while the PDF is made. */
static bool pdf_library_reads_jpeg(const unsigned char *d, size_t size, unsigned width,
				   unsigned height)
{
	size_t i = 2;
	for (;;) {
		if (size < 4 || i > size - 4)
			return false;
		unsigned tag = (unsigned)d[i] << 8 | d[i + 1];
		unsigned len = (unsigned)d[i + 2] << 8 | d[i + 3];
		if (tag == 0xFFC0 || tag == 0xFFC1 || tag == 0xFFC2 || tag == 0xFFC9) {
			if (size < 10 || i > size - 10)
				return false;
			unsigned h = (unsigned)d[i + 5] << 8 | d[i + 6];
			unsigned w = (unsigned)d[i + 7] << 8 | d[i + 8];
			return w == width && h == height;
		}
		if ((tag | 0x00FF) != 0xFFFF || len < 2)
			return false;
		i += 2 + (size_t)len;
	}
}

static bool check_jpeg(const unsigned char *data, size_t size, struct image_info *out,
		       char *why, size_t whylen)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_check c;
	memset(&c, 0, sizeof c);
	cinfo.err = jpeg_std_error(&c.mgr);
	c.mgr.error_exit = jpeg_on_error;
	c.mgr.emit_message = jpeg_on_message;
	volatile int stage = 0;
	volatile bool ok = false;
	if (setjmp(c.back) == 0) {
		jpeg_create_decompress(&cinfo);
		stage = 1;
		jpeg_mem_src(&cinfo, data, (unsigned long)size);
		jpeg_read_header(&cinfo, TRUE);
		stage = 2;
		out->width = cinfo.image_width;
		out->height = cinfo.image_height;
		int comps = cinfo.num_components;
		if (too_large("JPEG", cinfo.image_width, cinfo.image_height, why, whylen)) {
			stage = 4;
		} else if (comps != 1 && comps != 3 && comps != 4) {
			snprintf(why, whylen, "is a JPEG image with %d colour components; expected "
				 "grey, RGB or CMYK", comps);
			stage = 4;
		} else {
			stage = 3;
			jpeg_start_decompress(&cinfo);
			JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(
				(j_common_ptr)&cinfo, JPOOL_IMAGE,
				cinfo.output_width * (JDIMENSION)cinfo.output_components, 1);
			while (cinfo.output_scanline < cinfo.output_height)
				jpeg_read_scanlines(&cinfo, row, 1);
			jpeg_finish_decompress(&cinfo);
			ok = pdf_library_reads_jpeg(data, size, out->width, out->height);
			if (!ok)
				snprintf(why, whylen, "is a JPEG image whose header the PDF library "
					 "cannot read (padding between its parts, or a kind of frame it "
					 "does not know); expected a JPEG as an image program exports it");
			stage = 4;
		}
	} else if (stage < 4) {
		snprintf(why, whylen, "is not an intact JPEG image (%s, %s); expected a JPEG file "
			 "that image programs open without complaint", c.said,
			 stage < 3 ? "in its header" : "in its pixels");
	}
	if (stage >= 1)
		jpeg_destroy_decompress(&cinfo);
	return ok;
}

bool image_check(const unsigned char *data, size_t size, struct image_info *out, char *why,
		 size_t whylen)
{
	*out = (struct image_info){0};
	if (size == 0) {
		snprintf(why, whylen, "is empty (0 bytes); expected a .png or .jpg file");
		return false;
	}
	enum image_kind kind;
	if (!image_sniff(data, size, &kind)) {
		snprintf(why, whylen, "is not a PNG or JPEG image; expected a .png or .jpg file");
		return false;
	}
	out->kind = kind;
	return kind == IMAGE_PNG ? check_png(data, size, out, why, whylen)
				 : check_jpeg(data, size, out, why, whylen);
}
