/*
 * CSV as spreadsheets and webshops write it (RFC 4180 and its cousins):
 * UTF-8 with or without a byte-order mark, CRLF or LF, ';' or ',' between
 * fields (whichever the header line uses), fields in double quotes with ""
 * for a quote, and newlines inside quoted fields.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "xmalloc.h"

void
csv_init(struct csv *c, const char *buf, size_t len)
{
	const char	*q;
	int		 semi = 0, comma = 0, quoted = 0;

	c->p = buf;
	c->end = buf + len;
	c->line = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c->p += 3;
	/* The separator is the one the header line uses more of. */
	for (q = c->p; q < c->end && (quoted || (*q != '\n' && *q != '\r'));
	    q++) {
		if (*q == '"')
			quoted = !quoted;
		else if (!quoted && *q == ';')
			semi++;
		else if (!quoted && *q == ',')
			comma++;
	}
	c->sep = semi > comma ? ';' : ',';
}

static void
field_add(struct csv_record *r, char *f)
{
	r->fields = xreallocarray(r->fields, r->n + 1, sizeof *r->fields);
	r->fields[r->n++] = f;
}

/*
 * The next record: 1 when there is one, 0 at the end, -1 on a quote that
 * never closes. Blank lines are skipped.
 */
int
csv_next(struct csv *c, struct csv_record *r, char **cause)
{
	char	*f;
	size_t	 flen, fsize;
	int	 quoted;

	memset(r, 0, sizeof *r);
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
		if (*c->p == '\n')
			c->line++;
		c->p++;
	}
	if (c->p >= c->end)
		return (0);
	r->line = c->line;
	for (;;) {
		fsize = 16;
		f = xmalloc(fsize);
		flen = 0;
		quoted = 0;
		if (c->p < c->end && *c->p == '"') {
			quoted = 1;
			c->p++;
		}
		for (; c->p < c->end; c->p++) {
			char ch = *c->p;

			if (quoted) {
				if (ch == '"') {
					if (c->p + 1 < c->end &&
					    c->p[1] == '"') {
						c->p++;
					} else {
						quoted = 0;
						continue;
					}
				} else if (ch == '\n')
					c->line++;
			} else if (ch == c->sep || ch == '\n' || ch == '\r')
				break;
			if (flen + 2 > fsize) {
				fsize *= 2;
				f = xreallocarray(f, 1, fsize);
			}
			f[flen++] = ch;
		}
		f[flen] = '\0';
		if (quoted) {
			free(f);
			set_cause(cause, "line %zu: a quoted field is never "
			    "closed", r->line);
			csv_record_clear(r);
			return (-1);
		}
		field_add(r, f);
		if (c->p < c->end && *c->p == c->sep) {
			c->p++;
			continue;
		}
		break;
	}
	if (c->p < c->end && *c->p == '\r')
		c->p++;
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		c->line++;
	}
	return (1);
}

void
csv_record_clear(struct csv_record *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	r->fields = NULL;
	r->n = 0;
}

/* A field for output, quoted when it needs to be. */
char *
csv_quote(const char *s, char sep)
{
	char	*out, *o;

	if (strchr(s, sep) == NULL && strchr(s, '"') == NULL &&
	    strchr(s, '\n') == NULL && strchr(s, '\r') == NULL &&
	    strchr(s, ';') == NULL && strchr(s, ',') == NULL)
		return (xstrdup(s));
	out = o = xmalloc(strlen(s) * 2 + 3);
	*o++ = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return (out);
}
