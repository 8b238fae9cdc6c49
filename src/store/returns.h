/* Returns: what a receipt's lines may still give back, and the check. */
#ifndef KASSA_RETURNS_H
#define KASSA_RETURNS_H

#include <stddef.h>
#include <stdint.h>

#include "sale.h"

struct db;

struct returnable {
	int64_t		 line_no;
	int64_t		 item_id;
	char		*code;
	char		*name;
	char		*department;
	enum unit	 unit;
	int32_t		 vat_bp;
	int64_t		 unit_price;
	int64_t		 sold;		/* thousandths */
	int64_t		 returned;	/* by earlier returns */
	int64_t		 total;		/* what the line cost, discounts off */
};

struct return_source {
	int64_t			 sale_id;
	int64_t			 receipt_no;
	char			 tender[24];	/* the sale's main tender */
	int			 tender_type;	/* enum tender_type */
	struct returnable	*lines;
	size_t			 nlines;
};

int	 return_source_load(struct db *, int64_t, int64_t,
	    struct return_source *, char **);
void	 return_source_clear(struct return_source *);
int	 return_add(struct sale *, const struct return_source *, size_t,
	    int64_t, char **);
int	 return_check(struct db *, const struct sale *, char **);

#endif
