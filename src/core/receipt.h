/* The receipt as a device-independent document, and its plain-text form. */
#ifndef KASSA_RECEIPT_H
#define KASSA_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"
#include "sale.h"
#include "vat.h"

struct receipt_info {
	const char	*store_name;
	const char	*store_address;
	const char	*business_id;
	const char	*till;		/* till name or number */
	int64_t		 number;	/* receipt number */
	const char	*time;		/* "YYYY-MM-DD HH:MM:SS", local */
	const char	*cashier;
	const char	*customer;	/* the customer's name, or NULL */
	const char	*footer;
	const char	*currency;	/* ISO 4217, e.g. EUR */
	const struct money_locale *locale;
	int		 copy;		/* a reprint */
	int		 training;	/* a training sale: not real */
	int		 is_return;	/* a return: money given back */
	int64_t		 return_of;	/* the receipt returned, 0: none */
	const char	*return_reason;
};

enum receipt_row_kind {
	ROW_CENTER,		/* left text centred */
	ROW_PAIR,		/* left text, right text flush right */
	ROW_RULE,		/* a line across */
	ROW_BLANK,
};

struct receipt_row {
	enum receipt_row_kind	 kind;
	char			*left;
	char			*right;
	int			 bold;
	int			 indent;
	int			 big;		/* double size on a printer */
};

struct receipt {
	struct receipt_row	*rows;
	size_t			 nrows;
	char			 code[32];	/* "TILL-NUMBER", for barcodes */
};

struct receipt	*receipt_build(const struct receipt_info *,
		    const struct sale *, const struct vat_summary *);
struct receipt	*receipt_slip(const char *, const char *const *, size_t);
struct receipt	*receipt_from_text(const char *, const char *,
		    const char *);
void		 receipt_free(struct receipt *);
void		 receipt_set_code(struct receipt *, const char *, int64_t);
void		 receipt_add(struct receipt *, enum receipt_row_kind, int, int,
		    const char *, const char *);
void		 receipt_format_time(const char *, char *, size_t);
char		*receipt_text(const struct receipt *, int);
size_t		 utf8_width(const char *);
int		 utf8_valid(const char *);

#endif
