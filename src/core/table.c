/*
 * Report tables and their text form. The text lays the columns out side
 * by side when they fit the width (text left, numbers right); a text
 * column is cut to fit first, and when that is not enough (a 32-column
 * receipt printer) each row is written as a block: its first column, then
 * one "label  value" line per other column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "receipt.h"
#include "table.h"
#include "xmalloc.h"

#define TABLE_GAP	2	/* spaces between columns */
#define TABLE_MIN_TEXT	8	/* a text column is never cut below */

struct table *
table_create(const char *kind, const char *title,
    const struct table_col *cols, size_t ncols)
{
	struct table	*t;

	t = xcalloc(1, sizeof *t);
	t->kind = xstrdup(kind);
	t->title = xstrdup(title);
	t->cols = xreallocarray(NULL, ncols, sizeof *t->cols);
	memcpy(t->cols, cols, ncols * sizeof *cols);
	t->ncols = ncols;
	return (t);
}

void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t->cols);
	free(t->kind);
	free(t->title);
	free(t->from);
	free(t->to);
	free(t);
}

/* A new row of empty cells; its index. */
size_t
table_add_row(struct table *t)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof *t->cells);
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols *
	    sizeof *t->cells);
	return (t->nrows++);
}

struct table_cell *
table_cell(const struct table *t, size_t row, size_t col)
{
	return (&t->cells[row * t->ncols + col]);
}

void
table_set_text(struct table *t, size_t row, size_t col, const char *s)
{
	struct table_cell	*c = table_cell(t, row, col);

	free(c->text);
	c->text = s != NULL ? xstrdup(s) : NULL;
}

void
table_set_int(struct table *t, size_t row, size_t col, int64_t v)
{
	struct table_cell	*c = table_cell(t, row, col);

	c->v = v;
	c->null = 0;
}

/*
 * A last row: label in the first column and the sum of every count and
 * amount; quantities of different items (pieces, kilograms) and prices
 * do not add up, so they stay empty.
 */
void
table_add_total(struct table *t, const char *label)
{
	size_t	r, c, row;

	row = table_add_row(t);
	for (c = 0; c < t->ncols; c++) {
		int64_t sum = 0;

		if (t->cols[c].type == TABLE_TEXT)
			continue;
		if (t->cols[c].type == TABLE_QTY || strcmp(t->cols[c].key,
		    "price") == 0) {
			table_cell(t, row, c)->null = 1;
			continue;
		}
		for (r = 0; r < row; r++)
			sum += table_cell(t, r, c)->v;
		table_set_int(t, row, c, sum);
	}
	table_set_text(t, row, 0, label);
	t->total = 1;
}

/* A cell as shown; the caller frees it. */
char *
table_cell_text(const struct table *t, size_t row, size_t col,
    const struct money_locale *loc)
{
	const struct table_cell	*c = table_cell(t, row, col);
	char			 buf[MONEY_BUFSIZE];

	if (t->cols[col].type == TABLE_TEXT)
		return (xstrdup(c->text != NULL ? c->text : ""));
	if (c->null)
		return (xstrdup(""));
	switch (t->cols[col].type) {
	case TABLE_MONEY:
		money_format_plain(c->v, loc, buf, sizeof buf);
		break;
	case TABLE_QTY:
		qty_format(c->v, 0, loc, buf, sizeof buf);
		break;
	default:
		snprintf(buf, sizeof buf, "%lld", (long long)c->v);
		break;
	}
	return (xstrdup(buf));
}

static void
out_spaces(struct strbuf *o, size_t n)
{
	for (; n > 0; n--)
		strbuf_add(o, " ", 1);
}

/* s in exactly w columns: cut (by characters) or padded, left or right. */
static void
out_col(struct strbuf *o, const char *s, size_t w, int right)
{
	size_t	n = utf8_width(s), bytes;

	if (n > w) {
		for (bytes = 0, n = 0; s[bytes] != '\0'; bytes++) {
			if (((unsigned char)s[bytes] & 0xc0) != 0x80 &&
			    n++ == w)
				break;
		}
		strbuf_add(o, s, bytes);
		return;
	}
	if (right)
		out_spaces(o, w - n);
	strbuf_add(o, s, strlen(s));
	if (!right)
		out_spaces(o, w - n);
}

static void
out_rule(struct strbuf *o, size_t w)
{
	for (; w > 0; w--)
		strbuf_add(o, "-", 1);
	strbuf_add(o, "\n", 1);
}

static void
text_stacked(const struct table *t, char **cells, int width, struct strbuf *o)
{
	size_t	r, c, lw;

	for (r = 0; r < t->nrows; r++) {
		if (t->total && r + 1 == t->nrows)
			out_rule(o, (size_t)width);
		out_col(o, cells[r * t->ncols], (size_t)width, 0);
		strbuf_add(o, "\n", 1);
		for (c = 1; c < t->ncols; c++) {
			const char *v = cells[r * t->ncols + c];

			if (*v == '\0')
				continue;
			lw = utf8_width(t->cols[c].label);
			out_spaces(o, 2);
			out_col(o, t->cols[c].label, lw, 0);
			if (utf8_width(v) + lw + 3 > (size_t)width) {
				strbuf_add(o, "\n", 1);
				out_spaces(o, 4);
				out_col(o, v, (size_t)width - 4, 0);
			} else
				out_col(o, v, (size_t)width - lw - 2, 1);
			strbuf_add(o, "\n", 1);
		}
	}
}

/* The table as lines of at most width columns; the caller frees it. */
char *
table_text(const struct table *t, const struct money_locale *loc, int width)
{
	struct strbuf	 o = { NULL, 0, 0 };
	char		**cells;
	size_t		*w, r, c, sum, widest;

	strbuf_add(&o, "", 0);
	strbuf_add(&o, t->title, strlen(t->title));
	strbuf_add(&o, "\n\n", 2);
	cells = xreallocarray(NULL, t->nrows * t->ncols + 1, sizeof *cells);
	w = xcalloc(t->ncols, sizeof *w);
	for (c = 0; c < t->ncols; c++)
		w[c] = utf8_width(t->cols[c].label);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			char *s = table_cell_text(t, r, c, loc);

			cells[r * t->ncols + c] = s;
			if (utf8_width(s) > w[c])
				w[c] = utf8_width(s);
		}
	}
	/* Cut the widest text column until the row fits, or give up. */
	for (;;) {
		sum = 0;
		widest = t->ncols;
		for (c = 0; c < t->ncols; c++) {
			sum += w[c] + (c > 0 ? TABLE_GAP : 0);
			if (t->cols[c].type == TABLE_TEXT && w[c] >
			    TABLE_MIN_TEXT && (widest == t->ncols ||
			    w[c] > w[widest]))
				widest = c;
		}
		if (sum <= (size_t)width || widest == t->ncols)
			break;
		w[widest] -= sum - (size_t)width < w[widest] - TABLE_MIN_TEXT ?
		    sum - (size_t)width : w[widest] - TABLE_MIN_TEXT;
	}
	if (t->nrows == 0) {
		strbuf_add(&o, _("Nothing to show."), strlen(_("Nothing to "
		    "show.")));
		strbuf_add(&o, "\n", 1);
	}
	else if (sum > (size_t)width)
		text_stacked(t, cells, width, &o);
	else {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				out_spaces(&o, TABLE_GAP);
			out_col(&o, t->cols[c].label, w[c],
			    t->cols[c].type != TABLE_TEXT);
		}
		while (o.len > 0 && o.p[o.len - 1] == ' ')
			o.p[--o.len] = '\0';
		strbuf_add(&o, "\n", 1);
		for (r = 0; r < t->nrows; r++) {
			if (t->total && r + 1 == t->nrows)
				out_rule(&o, sum);
			for (c = 0; c < t->ncols; c++) {
				if (c > 0)
					out_spaces(&o, TABLE_GAP);
				out_col(&o, cells[r * t->ncols + c], w[c],
				    t->cols[c].type != TABLE_TEXT);
			}
			/* No trailing blanks: trim the padding of the row. */
			while (o.len > 0 && o.p[o.len - 1] == ' ')
				o.p[--o.len] = '\0';
			strbuf_add(&o, "\n", 1);
		}
	}
	for (r = 0; r < t->nrows * t->ncols; r++)
		free(cells[r]);
	free(cells);
	free(w);
	return (o.p);
}
