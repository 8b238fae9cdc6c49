/* The catalog: items, look-up by code, name search, CSV import and export. */
#ifndef KASSA_CATALOG_H
#define KASSA_CATALOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gtin.h"
#include "sale.h"

struct db;

struct catalog_item {
	int64_t		 id;
	char		*code;		/* what it was found by */
	char		*plu;
	char		*name;
	char		*department;
	int64_t		 price;
	int32_t		 vat_bp;
	enum unit	 unit;
	int		 active;
	enum price_source price_source;
	int64_t		 qty;		/* weight from an in-store code, or 0 */
};

#define CATALOG_UNKNOWN	(-2)	/* catalog_find: no item has the code */

void	 catalog_item_clear(struct catalog_item *);
void	 catalog_item_to_sale(const struct catalog_item *, struct sale_item *);
int	 catalog_find(struct db *, const char *, const struct instore_rule *,
	    size_t, struct catalog_item *, char **);
int	 catalog_search(struct db *, const char *, size_t,
	    struct catalog_item **, size_t *, char **);
size_t	 catalog_count(struct db *);

struct import_result {
	size_t	  rows;
	size_t	  inserted;
	size_t	  updated;
	size_t	  invalid;
	char	**errors;		/* "line N: reason" */
	size_t	  nerrors;
};

int	 catalog_import(struct db *, const char *, size_t, int,
	    const struct instore_rule *, size_t, struct import_result *,
	    char **);
void	 import_result_clear(struct import_result *);
int	 catalog_export(struct db *, FILE *, char **);

/* The WooCommerce product CSV; tax classes from [woocommerce]. */
struct tax_class;
struct woo_tax_arg {
	const struct tax_class	*classes;
	size_t			 nclasses;
};
int	 catalog_import_woo(struct db *, const char *, size_t,
	    const struct tax_class *, size_t, int, const struct instore_rule *,
	    size_t, struct import_result *, char **);
int	 catalog_export_woo(struct db *, FILE *, const struct tax_class *,
	    size_t, char **);

#endif
