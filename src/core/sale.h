/* The sale: basket lines, discounts, voids, totals, tenders and change. */
#ifndef KASSA_SALE_H
#define KASSA_SALE_H

#include <stddef.h>
#include <stdint.h>

#include "vat.h"

enum unit {
	UNIT_PIECE,
	UNIT_KG,
};

enum discount_kind {
	DISCOUNT_NONE,
	DISCOUNT_PERCENT,	/* value in basis points: 1000 is 10 % */
	DISCOUNT_AMOUNT,	/* value in minor units */
};

struct discount {
	enum discount_kind	 kind;
	int64_t			 value;
	char			*reason;
};

/* Where a line's price came from. */
enum price_source {
	PRICE_CATALOG,
	PRICE_BARCODE,		/* embedded in an in-store code */
	PRICE_OVERRIDE,
	PRICE_OPEN,		/* an open-price line: no item, typed price */
};

/* What the catalog says about an item; borrowed by sale_add_line. */
struct sale_item {
	int64_t		 id;		/* 0 for an open line */
	const char	*code;		/* the GTIN or PLU it was found by */
	const char	*name;
	const char	*department;
	int64_t		 price;		/* per piece or per kg, VAT included */
	int32_t		 vat_bp;
	enum unit	 unit;
	enum price_source price_source;
};

struct sale_line {
	int64_t		 item_id;
	char		*code;
	char		*name;
	char		*department;
	int64_t		 unit_price;
	int64_t		 qty;		/* thousandths */
	enum unit	 unit;
	int32_t		 vat_bp;
	enum price_source price_source;
	int64_t		 list_price;	/* the catalog's, when overridden */
	struct discount	 discount;
	int		 voided;
	int		 voided_paid;	/* voided once payment had started */
	int64_t		 approver_id;	/* the manager who allowed it, or 0 */
	int64_t		 return_line;	/* a return: the sold line's number */
	int64_t		 fixed_total;	/* and what it gives back (negative) */

	/* Computed by sale_recompute. */
	int64_t		 gross;		/* unit_price x qty */
	int64_t		 line_discount;
	int64_t		 basket_discount;
	int64_t		 total;		/* gross - both discounts */
};

enum tender_type {
	TENDER_CASH,
	TENDER_CARD,
	TENDER_OTHER,
};

#define TENDER_NAME_MAX	24
#define TENDER_REF_MAX	40

struct tender {
	enum tender_type type;
	char		 method[TENDER_NAME_MAX];	/* cash, card, invoice.. */
	char		 reference[TENDER_REF_MAX];	/* the terminal's */
	int64_t		 amount;	/* what it pays of the sale */
	int64_t		 given;		/* cash handed over; else = amount */
};

#define BASKET_ID_LEN	32
#define SLIP_MAX	24	/* a paper slip's book or number, with NUL */

struct sale {
	char		 id[BASKET_ID_LEN + 1];	/* names the open basket */
	struct sale_line *lines;
	size_t		 nlines;
	struct discount	 discount;	/* on the whole basket */
	struct tender	*tenders;
	size_t		 ntenders;
	int64_t		 cash_unit;	/* cash rounding unit, 0 = none */
	char		*receipt_email;	/* email the receipt there */
	int		 print_later;	/* hold the receipt */
	int		 discount_dropped; /* the last change removed it */
	int64_t		 user_id;	/* the cashier logged in */
	int64_t		 approver_id;	/* who allowed the sale discount */
	int		 training;	/* never counts in the figures */
	int64_t		 customer_id;	/* 0: no customer on the sale */

	/*
	 * A return: lines with negative quantities, paid back with negative
	 * tenders. return_of is the sale given back (0: no receipt), with
	 * its receipt number; the reason is a reason code.
	 */
	int		 is_return;
	int64_t		 return_of;
	int64_t		 return_receipt;
	char		 return_reason[32];
	char		*customer_name;
	char		*customer_email;

	/*
	 * A sale written on a paper slip while the till was down, entered
	 * later (backfill): when it was sold and the slip's book and number.
	 * slip_time 0 is a sale at the till, now.
	 */
	int64_t		 slip_time;	/* seconds since the epoch */
	char		 slip_book[SLIP_MAX];
	char		 slip_no[SLIP_MAX];

	/* Computed by sale_recompute and sale_add_tender. */
	int64_t		 subtotal;	/* after line discounts */
	int64_t		 discount_total; /* line and basket discounts */
	int64_t		 total;
	int64_t		 items;		/* pieces, weighed lines count 1 */
	int64_t		 rounding;	/* cash rounding, + or - */
	int64_t		 paid;
	int64_t		 change;
};

struct sale	*sale_create(int64_t);
void		 sale_free(struct sale *);
void		 sale_clear(struct sale *);
int		 sale_add_line(struct sale *, const struct sale_item *,
		    int64_t, char **);
int		 sale_void_line(struct sale *, size_t, char **);
int		 sale_void_paid_line(struct sale *, size_t, int64_t, char **);
int		 sale_add_return_line(struct sale *, const struct sale_item *,
		    int64_t, int64_t, int64_t, int64_t, char **);
int		 sale_add_return_item(struct sale *, const struct sale_item *,
		    int64_t, char **);
int		 sale_refund(struct sale *, enum tender_type, const char *,
		    char **);
int64_t		 return_amount(int64_t, int64_t, int64_t);
int		 sale_line_discount(struct sale *, size_t, enum discount_kind,
		    int64_t, const char *, char **);
int		 sale_basket_discount(struct sale *, enum discount_kind,
		    int64_t, const char *, char **);
void		 sale_recompute(struct sale *);
size_t		 sale_active_lines(const struct sale *);
int64_t		 sale_remaining(const struct sale *);
int64_t		 sale_cash_due(const struct sale *);
int		 sale_add_tender(struct sale *, enum tender_type, int64_t,
		    char **);
int		 sale_add_tender_ref(struct sale *, enum tender_type,
		    const char *, int64_t, const char *, char **);
int		 sale_override_price(struct sale *, size_t, int64_t, char **);
int		 sale_remove_tender(struct sale *, struct tender *, char **);
int		 sale_is_paid(const struct sale *);
void		 sale_set_customer(struct sale *, int64_t, const char *,
		    const char *);
void		 sale_vat(const struct sale *, struct vat_summary *);

const char	*tender_name(enum tender_type);
int		 tender_from_name(const char *, enum tender_type *);
const char	*unit_name(enum unit);
int		 unit_from_name(const char *, enum unit *);

struct actor;
typedef int	 sale_actor_fn(void *, int64_t, struct actor *);
int		 sale_rights(const struct sale *, const struct actor *,
		    sale_actor_fn *, void *, int32_t, char **);

char		*sale_serialize(const struct sale *);
struct sale	*sale_deserialize(const char *, char **);

#endif
