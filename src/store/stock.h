/* Stock per item: sales and returns, deliveries, counts and their variance. */
#ifndef KASSA_STOCK_H
#define KASSA_STOCK_H

#include <stddef.h>
#include <stdint.h>

#include "gtin.h"
#include "sale.h"

struct db;
struct import_result;
struct table;

/* An item with a quantity: a delivery line, a count line, a stock row. */
struct stock_line {
	int64_t		 item_id;
	char		*code;
	char		*name;
	enum unit	 unit;
	int64_t		 price;		/* the catalog's, per piece or kg */
	int64_t		 qty;		/* received, counted or in stock */
	int64_t		 expected;	/* the stock a count replaces */
};

void	 stock_lines_free(struct stock_line *, size_t);
int	 stock_lines_add(struct stock_line **, size_t *, int64_t,
	    const char *, const char *, enum unit, int64_t, int64_t, char **);

int	 stock_tracked(struct db *, int64_t);
int	 stock_sale_moves(struct db *, int64_t, char **);
int	 stock_receive(struct db *, int64_t, const char *,
	    const struct stock_line *, size_t, int64_t, int64_t *, char **);
int	 stock_read_csv(struct db *, const char *, size_t,
	    const struct instore_rule *, size_t, struct stock_line **,
	    size_t *, struct import_result *);
int	 stock_list(struct db *, int64_t, struct stock_line **, size_t *,
	    char **);

int	 stock_count_open(struct db *, int64_t, int, int64_t, int64_t *,
	    char **);
int	 stock_count_add(struct db *, int64_t, int64_t, int64_t, int64_t *,
	    char **);
int	 stock_count_lines(struct db *, int64_t, struct stock_line **,
	    size_t *, char **);
int	 stock_count_apply(struct db *, int64_t, int64_t, int64_t, char **);
struct table *stock_variance(const struct stock_line *, size_t, int64_t);

#endif
