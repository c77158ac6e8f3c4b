#include "load_unicode.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Whether every byte is ASCII, which is NFC, left to right and unmarked. */
static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

char *text_nfc(const char *s, size_t len)
{
	if (all_ascii(s, len))
		return NULL;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		free(out);
		return NULL;
	}
	if ((size_t)n == len && memcmp(out, s, len) == 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}

void text_unshaped(const char *s, long *rtl, long *mark)
{
	*rtl = 0;
	*mark = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p && (!*rtl || !*mark)) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			return;
		p += n;
		const utf8proc_property_t *prop = utf8proc_get_property(cp);
		if (!*rtl && (prop->bidi_class == UTF8PROC_BIDI_CLASS_R ||
			      prop->bidi_class == UTF8PROC_BIDI_CLASS_AL))
			*rtl = cp;
		if (!*mark && (prop->category == UTF8PROC_CATEGORY_MN ||
			       prop->category == UTF8PROC_CATEGORY_MC ||
			       prop->category == UTF8PROC_CATEGORY_ME))
			*mark = cp;
	}
}

const char *text_rtl_script(long cp)
{
	if (cp >= 0x0590 && cp <= 0x05FF)
		return "Hebrew";
	if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
	    (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF))
		return "Arabic";
	return "right-to-left";
}
