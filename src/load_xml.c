/* libxml2's parser, held so that it reads only this one file: no network, no
 * DTD, no entity substitution, no XInclude. Every element, attribute and
 * piece of text remembers the line it starts on, and limits are enforced
 * while parsing so that hostile input stays bounded. */
#include "load_limits.h"
#include "load_internal.h"

#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

/* Parser state for the SAX hooks; the context's _private points here. */
struct parse_state {
	struct loader *ld;
	bool limit_hit;      /* A limit stopped the parser; its own error is noise. */
	bool reported;       /* The first well-formedness error is the one worth reading. */
	xmlNode *text_node;  /* The text node the last characters went to... */
	size_t text_len;     /* ...and its length so far. */
};

/* Offset in ld->data of a pointer into the parser's current input buffer, or
 * -1 when it points elsewhere (a value libxml2 had to copy and normalise). */
static long input_offset(xmlParserCtxtPtr ctxt, const xmlChar *p)
{
	xmlParserInputPtr in = ctxt->input;
	if (!in || !in->base || p < in->base || p > in->end)
		return -1;
	return (long)in->consumed + (long)(p - in->base);
}

/* Newlines in data[from, to). */
static int newlines(const struct loader *ld, long from, long to)
{
	int n = 0;
	if (from < 0)
		from = 0;
	if (to > (long)ld->len)
		to = (long)ld->len;
	for (long i = from; i < to; i++)
		n += ld->data[i] == '\n';
	return n;
}

/* Stops the parser after a limit, with our message instead of libxml2's. */
static void limit_stop(xmlParserCtxtPtr ctxt, struct parse_state *ps)
{
	ps->limit_hit = true;
	ps->ld->stop = true;
	xmlStopParser(ctxt);
}

/* SAX start of element: libxml2 builds the node; we add lines and check limits.
 * When this is called the parser stands at the end of the start tag, so its
 * line is the tag's last line; the tag's first line is found by counting back
 * to the '<' in the original bytes. */
static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;
	struct loader *ld = ps->ld;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			      nb_defaulted, attributes);
	xmlNodePtr el = ctxt->node;
	if (!el || el->type != XML_ELEMENT_NODE)
		return;

	/* A '<' cannot appear inside a start tag, not even in attribute values,
	 * so the scan back stays within the tag. */
	int end_line = ctxt->input->line;
	long end = input_offset(ctxt, ctxt->input->cur);
	bool at_end = end >= 0 && end < (long)ld->len &&
		      (ld->data[end] == '>' || ld->data[end] == '/');
	long lt = at_end ? end : -1;
	while (lt > 0 && ld->data[lt] != '<')
		lt--;
	int line = end_line;
	if (lt >= 0 && ld->data[lt] == '<')
		line = end_line - newlines(ld, lt, end);
	load_priv_set_line(&el->_private, line);

	/* Attribute values come in order, so their lines are counted onwards
	 * from the tag's start, each newline once. */
	xmlAttrPtr a = el->properties;
	long counted = lt;
	int attr_line = line;
	for (int i = 0; i < nb_attributes && a; i++, a = a->next) {
		const xmlChar *value = attributes[5 * i + 3], *vend = attributes[5 * i + 4];
		long off = input_offset(ctxt, value);
		if (line != end_line && lt >= 0 && off > counted && off <= end) {
			attr_line += newlines(ld, counted, off);
			counted = off;
		}
		load_priv_set_line(&a->_private, attr_line);
		if (vend - value > LOAD_MAX_TEXT_BYTES) {
			load_error(ld, line,
				   "attribute %s on <%s> is %ld bytes long; expected at most %ld bytes "
				   "in one attribute",
				   (const char *)a->name, (const char *)localname, (long)(vend - value),
				   (long)LOAD_MAX_TEXT_BYTES);
			limit_stop(ctxt, ps);
			return;
		}
	}

	/* Counted while parsing, so a file past the limit costs no tree. */
	if (strcmp((const char *)localname, "value") == 0 && ++ld->value_count > LOAD_MAX_VALUES) {
		load_error(ld, line, "more than %d values in the file; expected at most %d, as the "
			   "workbook's History sheet holds a row for each and a sheet holds 1,048,576 "
			   "rows", LOAD_MAX_VALUES, LOAD_MAX_VALUES);
		limit_stop(ctxt, ps);
		return;
	}
	if (ctxt->nodeNr > LOAD_MAX_DEPTH) {
		load_error(ld, line,
			   "<%s> is nested %d levels deep; expected at most %d levels of nested "
			   "elements",
			   (const char *)localname, ctxt->nodeNr, LOAD_MAX_DEPTH);
		limit_stop(ctxt, ps);
	}
}

/* The first line of s[0, len) that holds something other than white space,
 * given that the parser stands at the end of it on line `end_line`; 0 if none. */
static int first_word_line(const xmlChar *s, int len, int end_line)
{
	int k = 0;
	while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\n'))
		k++;
	if (k == len)
		return 0;
	int after = 0;
	for (int i = k; i < len; i++)
		after += s[i] == '\n';
	return end_line - after;
}

/* SAX character data: libxml2 appends it to the tree; we note where the text
 * starts and refuse text beyond the size limit. libxml2 calls this after it
 * has counted the lines of the chunk. */
static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *ps = ctxt->_private;
	xmlSAX2Characters(ctx, ch, len);
	xmlNodePtr parent = ctxt->node;
	if (!parent || !parent->last || parent->last->type != XML_TEXT_NODE)
		return;
	xmlNodePtr text = parent->last;
	if (text != ps->text_node) {
		ps->text_node = text;
		ps->text_len = 0;
	}
	ps->text_len += (size_t)len;
	if ((load_priv_get(&text->_private) >> 3) == 0) {
		int line = first_word_line(ch, len, ctxt->input->line);
		if (line > 0)
			load_priv_set_line(&text->_private, line);
	}
	if (ps->text_len > (size_t)LOAD_MAX_TEXT_BYTES) {
		load_error(ps->ld, load_line(parent),
			   "the text in <%s> is over %ld bytes long; expected at most %ld bytes of "
			   "text in one element",
			   (const char *)parent->name, (long)LOAD_MAX_TEXT_BYTES,
			   (long)LOAD_MAX_TEXT_BYTES);
		limit_stop(ctxt, ps);
	}
}

/* The entities every XML file may use, for messages. */
#define PREDEFINED "&amp; &lt; &gt; &quot; &apos;"

/* Well-formedness errors in our words. Only the first is reported: once the
 * XML is broken, what libxml2 says next follows from it. */
static void on_parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct parse_state *ps = ctxt->_private;
	struct loader *ld = ps->ld;
	if (e->level == XML_ERR_WARNING || ps->limit_hit || ps->reported)
		return;
	ps->reported = true;
	if (e->code == XML_ERR_NO_MEMORY) {
		load_out_of_memory(ld);
		return;
	}
	const char *s1 = e->str1 ? e->str1 : "";
	const char *s2 = e->str2 ? e->str2 : "";
	int line = e->line;
	switch (e->code) {
	case XML_ERR_DOCUMENT_EMPTY:
		if (e->message && strstr(e->message, "Start tag expected"))
			load_error(ld, line, "the file does not start with an element; expected <report>, "
				   "after an optional <?xml ...?> declaration and comments");
		else
			load_error(ld, 0, "the file is empty; expected an XML document with a <report> "
				   "element");
		return;
	case XML_ERR_TAG_NAME_MISMATCH:
		load_error(ld, line, "end tag </%s> does not match the start tag <%s> on line %d; expected </%s>",
			   s2, s1, e->int1, s1);
		return;
	case XML_ERR_TAG_NOT_FINISHED:
		load_error(ld, line, "the file ends before <%s> from line %d is closed; expected </%s>", s1,
			   e->int1, s1);
		return;
	case XML_ERR_DOCUMENT_END:
		load_error(ld, line, "more content after the end of the root element; expected nothing after </report> but comments");
		return;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		load_error(ld, line, "unknown entity &%s;; expected one of " PREDEFINED
			   " or a character reference such as &#8211;", s1);
		return;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_ENTITYREF_NO_NAME:
	case XML_ERR_NAME_REQUIRED:
		if (e->message && strstr(e->message, "EntityRef")) {
			load_error(ld, line, "a bare \"&\"; expected &amp; to write an ampersand");
			return;
		}
		break;
	case XML_ERR_LT_IN_ATTRIBUTE:
		load_error(ld, line, "a \"<\" inside an attribute value; expected &lt; to write a less-than sign");
		return;
	case XML_ERR_ATTRIBUTE_REDEFINED:
		load_error(ld, line, "attribute %s appears twice on one element; expected it once", s1);
		return;
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		load_error(ld, line, "attribute %s has no value; expected %s=\"...\"", s1, s1);
		return;
	case XML_ERR_INVALID_CHAR:
		/* libxml2 names the character only in these two of its messages. */
		if (e->message && strstr(e->message, "CharRef: invalid xmlChar value")) {
			load_error(ld, line, "a character reference to U+%04X, a character XML does "
				   "not allow; expected a reference to a character allowed in XML, such "
				   "as &#8211;", (unsigned)e->int1);
			return;
		}
		if (e->message && (strstr(e->message, "invalid Char value") ||
				   strstr(e->message, "out of allowed range"))) {
			load_error(ld, line, "the character U+%04X, which XML does not allow; expected "
				   "text without control characters other than tab and line breaks",
				   (unsigned)e->int1);
			return;
		}
		if (e->message && strstr(e->message, "invalid character in attribute value")) {
			load_error(ld, line, "a character XML does not allow in an attribute value; "
				   "expected text without control characters");
			return;
		}
		break;
	case XML_ERR_LT_REQUIRED:
	case XML_ERR_DOCUMENT_START:
		load_error(ld, line, "no element at the start of the file; expected <report>");
		return;
	default:
		break;
	}
	load_error(ld, line, "the file is not well-formed XML: %s; expected well-formed XML",
		   load_oneline(ld, e->message));
}

/* Parses the file; see load_internal.h. */
xmlDoc *load_parse(struct loader *ld)
{
	/* The size was checked against LOAD_MAX_FILE_BYTES, which fits in an int. */
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(ld->data, (int)ld->len);
	if (!ctxt) {
		if (!ld->out_of_memory)
			load_error(ld, 0, "could not start the XML parser; expected enough memory to "
				   "read the file");
		return NULL;
	}
	struct parse_state ps = { ld, false, false, NULL, 0 };
	ctxt->_private = &ps;
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->characters = on_characters;
	/* Blank text is kept (no DTD says otherwise), so ignorableWhitespace never
	 * sees anything; point it at the same hook to be sure lines are kept. */
	ctxt->sax->ignorableWhitespace = on_characters;
	ctxt->sax->serror = on_parse_error;
	/* No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR/DTDVALID, no
	 * XINCLUDE; NONET in case anything tries the network anyway. NOCDATA gives
	 * CDATA sections as plain text. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	ctxt->linenumbers = 1;
	xmlParseDocument(ctxt);
	xmlDocPtr doc = ctxt->myDoc;
	bool ok = ctxt->wellFormed && !ps.limit_hit && !ps.reported;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		if (!ps.reported && !ps.limit_hit)
			load_error(ld, 0, "the file is not well-formed XML; expected well-formed XML");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		load_error(ld, 0, "the file has no elements; expected a <report> element");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}
