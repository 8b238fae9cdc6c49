/*
 * Private to the catalog import: one row of any catalog file, as the
 * kassa CSV names its fields, so every format goes through the same
 * checks and the same update.
 */
#ifndef KASSA_CATALOG_INT_H
#define KASSA_CATALOG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "csv.h"
#include "gtin.h"
#include "sale.h"

enum col {
	COL_GTIN, COL_PLU, COL_NAME, COL_PRICE, COL_VAT, COL_UNIT, COL_DEPT,
	COL_ACTIVE, COL_STOCKED, NCOLS
};

#define ROW_MAX_GTINS	8

struct row {
	const char	*f[NCOLS];
	int		 has[NCOLS];	/* an update sets this field */
	char		*own[NCOLS];	/* fields made for this row, freed */
	int		 has_stock;
	int64_t		 stock;		/* thousandths */
	char		 g14[ROW_MAX_GTINS][GTIN14_LEN + 1];
	char		 codes[ROW_MAX_GTINS][GTIN14_LEN + 1];
	size_t		 ngtin;
	int64_t		 price;
	int32_t		 vat_bp;
	enum unit	 unit;
	int		 active;
	int		 stocked;	/* 0: a service, no stock */
};

/* A file format: reads the header, then fills each row's fields. */
struct catalog_format {
	const char	*name;
	void		*(*header)(struct db *, struct csv_record *,
			    const void *, struct import_result *);
	int		 (*fill)(void *, struct csv_record *, struct row *,
			    struct import_result *);
	void		 (*free)(void *);
	const void	*arg;
};

void	 import_error(struct import_result *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
char	*catalog_trim(char *);
int	 catalog_import_as(struct db *, const struct catalog_format *,
	    const char *, size_t, int, const struct instore_rule *, size_t,
	    struct import_result *, char **);

#endif
