/*
 * A report as a table: named, typed columns and rows of cells. The store
 * fills it (store/report.c, store/stock.c); the command line writes it as
 * text, CSV or JSON, and the console shows and prints its text form.
 */
#ifndef KASSA_TABLE_H
#define KASSA_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"

enum table_type {
	TABLE_TEXT,
	TABLE_INT,
	TABLE_MONEY,		/* minor units */
	TABLE_QTY,		/* thousandths */
};

struct table_col {
	const char	*key;		/* CSV header and JSON member */
	const char	*label;		/* as shown, translated */
	enum table_type	 type;
};

struct table_cell {
	char		*text;		/* TABLE_TEXT; NULL is empty */
	int64_t		 v;
	int		 null;		/* a number that has no value */
};

struct table {
	char			*kind;		/* "items", "count" .. */
	char			*title;
	char			*from;		/* the days it covers, or NULL */
	char			*to;
	struct table_col	*cols;
	size_t			 ncols;
	struct table_cell	*cells;		/* nrows x ncols */
	size_t			 nrows;
	int			 total;		/* the last row sums the rest */
};

struct table	*table_create(const char *, const char *,
		    const struct table_col *, size_t);
void		 table_free(struct table *);
size_t		 table_add_row(struct table *);
void		 table_set_text(struct table *, size_t, size_t, const char *);
void		 table_set_int(struct table *, size_t, size_t, int64_t);
struct table_cell *table_cell(const struct table *, size_t, size_t);
void		 table_add_total(struct table *, const char *);
char		*table_cell_text(const struct table *, size_t, size_t,
		    const struct money_locale *);
char		*table_text(const struct table *, const struct money_locale *,
		    int);

#endif
