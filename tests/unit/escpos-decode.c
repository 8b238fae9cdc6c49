/*
 * An ESC/POS reader for the tests, written from the command reference and
 * not from escpos.c, so that the two can disagree. It knows the commands
 * kassa sends: ESC @, ESC t, ESC E, ESC a, GS !, GS V, GS k (with GS h, GS
 * w, GS H), GS ( k, ESC p and LF; anything else is an error. Barcodes and
 * QR codes come out as lines "[CODE128 data]" and "[QR data]", a cut as
 * "[cut]", so a test can see where they are.
 */
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escpos-decode.h"
#include "printer.h"
#include "receipt.h"
#include "xmalloc.h"

struct state {
	const struct printer_profile	*prof;
	struct escpos_doc		*doc;
	const char			*cpname;	/* NULL: ASCII */
	int				 bold, big, centre;
	char				 line[1024];
	size_t				 len;
};

static void
emit(struct state *st, const char *text, int mark)
{
	struct escpos_doc	*doc = st->doc;
	struct escpos_line	*l;
	size_t			 w, width;
	char			*padded;

	doc->lines = xreallocarray(doc->lines, doc->nlines + 1,
	    sizeof *doc->lines);
	l = &doc->lines[doc->nlines++];
	l->bold = st->bold;
	l->big = st->big;
	l->centre = st->centre;
	width = (size_t)(st->big ? st->prof->cols_a / 2 : st->prof->cols_a);
	w = utf8_width(text);
	if (!mark && st->centre && w > 0 && w < width) {
		xasprintf(&padded, "%*s%s", (int)((width - w) / 2), "", text);
		l->text = padded;
	} else
		l->text = xstrdup(text);
}

/* The bytes of the line so far, from the code page into UTF-8. */
static int
flush(struct state *st, char **cause)
{
	char	 out[4096], *ip = st->line, *op = out;
	size_t	 inleft = st->len, outleft = sizeof out - 1, i;
	iconv_t	 cd;

	if (st->cpname == NULL) {
		for (i = 0; i < st->len; i++)
			if ((unsigned char)st->line[i] >= 0x80) {
				set_cause(cause, "byte 0x%02x without a code "
				    "page", (unsigned char)st->line[i]);
				return (-1);
			}
		memcpy(out, st->line, st->len);
		out[st->len] = '\0';
	} else {
		if ((cd = iconv_open("UTF-8", st->cpname)) == (iconv_t)-1) {
			set_cause(cause, "iconv cannot read %s", st->cpname);
			return (-1);
		}
		if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
			iconv_close(cd);
			set_cause(cause, "not %s text", st->cpname);
			return (-1);
		}
		iconv_close(cd);
		*op = '\0';
	}
	emit(st, out, 0);
	st->len = 0;
	return (0);
}

static int
need(size_t have, size_t want, const char *what, char **cause)
{
	if (have < want) {
		set_cause(cause, "%s cut short", what);
		return (-1);
	}
	return (0);
}

int
escpos_decode(const uint8_t *b, size_t len,
    const struct printer_profile *prof, struct escpos_doc *doc, char **cause)
{
	struct state	 st;
	size_t		 i = 0, n, k;
	char		 tmp[512];

	snprintf(tmp, sizeof tmp, "[QR nothing stored]");
	memset(doc, 0, sizeof *doc);
	doc->codepage = -1;
	memset(&st, 0, sizeof st);
	st.prof = prof;
	st.doc = doc;
	while (i < len) {
		size_t left = len - i;

		if (b[i] == '\n') {
			if (flush(&st, cause) != 0)
				return (-1);
			i++;
		} else if (b[i] == 0x1b) {
			if (need(left, 2, "ESC", cause) != 0)
				return (-1);
			switch (b[i + 1]) {
			case '@':
				st.bold = st.big = st.centre = 0;
				st.cpname = NULL;
				doc->inits++;
				i += 2;
				break;
			case 't':
				if (need(left, 3, "ESC t", cause) != 0)
					return (-1);
				st.cpname = NULL;
				for (k = 0; k < prof->ncodepages; k++)
					if (prof->codepages[k] == b[i + 2])
						st.cpname =
						    prof->codepage_names[k];
				if (st.cpname == NULL) {
					set_cause(cause, "ESC t %d is not in "
					    "the profile", b[i + 2]);
					return (-1);
				}
				doc->codepage = b[i + 2];
				i += 3;
				break;
			case 'E':
				if (need(left, 3, "ESC E", cause) != 0)
					return (-1);
				st.bold = b[i + 2] & 1;
				i += 3;
				break;
			case 'a':
				if (need(left, 3, "ESC a", cause) != 0)
					return (-1);
				st.centre = b[i + 2] == 1 || b[i + 2] == '1';
				i += 3;
				break;
			case 'p':
				if (need(left, 5, "ESC p", cause) != 0)
					return (-1);
				doc->kick++;
				doc->kick_pin = (b[i + 2] & 1) ? 5 : 2;
				doc->kick_on = b[i + 3] * 2;
				doc->kick_off = b[i + 4] * 2;
				i += 5;
				break;
			default:
				set_cause(cause, "unknown ESC 0x%02x at %zu",
				    b[i + 1], i);
				return (-1);
			}
		} else if (b[i] == 0x1d) {
			if (need(left, 3, "GS", cause) != 0)
				return (-1);
			switch (b[i + 1]) {
			case '!':
				st.big = b[i + 2] == 0x11;
				i += 3;
				break;
			case 'h':
			case 'w':
			case 'H':
				i += 3;
				break;
			case 'V':
				if (st.len > 0 && flush(&st, cause) != 0)
					return (-1);
				if (b[i + 2] == 65 || b[i + 2] == 66) {
					if (need(left, 4, "GS V", cause) != 0)
						return (-1);
					doc->cut = b[i + 2] == 65 ? 2 : 1;
					i += 4;
				} else {
					doc->cut = (b[i + 2] & 1) ? 1 : 2;
					i += 3;
				}
				emit(&st, "[cut]", 1);
				break;
			case 'k':
				if (b[i + 2] >= 65) {
					if (need(left, 4, "GS k", cause) != 0)
						return (-1);
					n = b[i + 3];
					if (need(left, 4 + n, "GS k", cause) !=
					    0)
						return (-1);
					/* CODE128 data starts with {A/{B/{C. */
					k = b[i + 2] == 73 && n >= 2 ? 2 : 0;
					snprintf(tmp, sizeof tmp, "[%s %.*s]",
					    b[i + 2] == 73 ? "CODE128" :
					    "barcode", (int)(n - k),
					    (const char *)b + i + 4 + k);
					i += 4 + n;
				} else {
					for (n = i + 3; n < len && b[n] != 0;
					    n++)
						;
					if (need(len, n + 1, "GS k", cause) !=
					    0)
						return (-1);
					snprintf(tmp, sizeof tmp, "[barcode "
					    "%.*s]", (int)(n - i - 3),
					    (const char *)b + i + 3);
					i = n + 1;
				}
				emit(&st, tmp, 1);
				break;
			case '(':
				if (need(left, 7, "GS ( k", cause) != 0 ||
				    b[i + 2] != 'k')
					return (-1);
				n = b[i + 3] | (size_t)b[i + 4] << 8;
				if (need(left, 5 + n, "GS ( k", cause) != 0)
					return (-1);
				if (b[i + 5] == 49 && b[i + 6] == 80) {
					snprintf(tmp, sizeof tmp, "[QR %.*s]",
					    (int)(n - 3),
					    (const char *)b + i + 8);
				} else if (b[i + 5] == 49 && b[i + 6] == 81)
					emit(&st, tmp, 1);
				i += 5 + n;
				break;
			default:
				set_cause(cause, "unknown GS 0x%02x at %zu",
				    b[i + 1], i);
				return (-1);
			}
		} else if (b[i] == 0x10 && left >= 3 && b[i + 1] == 0x04) {
			/* DLE EOT n: a status query, nothing printed. */
			doc->status_queries++;
			i += 3;
		} else if (b[i] < 0x20) {
			set_cause(cause, "unknown control 0x%02x at %zu", b[i],
			    i);
			return (-1);
		} else {
			if (st.len == sizeof st.line) {
				set_cause(cause, "a line too long");
				return (-1);
			}
			st.line[st.len++] = (char)b[i++];
		}
	}
	if (st.len > 0)
		return (flush(&st, cause));
	return (0);
}

/* Every line, LF-terminated. */
char *
escpos_doc_text(const struct escpos_doc *doc)
{
	char	*out = xstrdup(""), *next;
	size_t	 i;

	for (i = 0; i < doc->nlines; i++) {
		xasprintf(&next, "%s%s\n", out, doc->lines[i].text);
		free(out);
		out = next;
	}
	return (out);
}

void
escpos_doc_clear(struct escpos_doc *doc)
{
	size_t	i;

	for (i = 0; i < doc->nlines; i++)
		free(doc->lines[i].text);
	free(doc->lines);
	memset(doc, 0, sizeof *doc);
}
