/* Open-basket persistence, atomic sale commit, gap-free receipt numbers. */
#ifndef KASSA_SALES_H
#define KASSA_SALES_H

#include <stdint.h>
#include <time.h>

#include "receipt.h"
#include "sale.h"
#include "vat.h"

struct db;

int	 basket_new_id(struct db *, struct sale *, char **);
int	 basket_save(struct db *, int64_t, struct sale *, char **);
int	 basket_load(struct db *, int64_t, struct sale **, char **);
int	 basket_clear(struct db *, int64_t, char **);

struct sale_header {
	char	*store_name;
	char	*store_address;
	char	*business_id;
	char	*currency;
	char	*cashier;
	char	*till_name;
	char	 time[20];		/* YYYY-MM-DD HH:MM:SS, local */
	int64_t	 receipt_no;
};

void	 sale_header_clear(struct sale_header *);
int	 sale_commit(struct db *, int64_t, const char *, struct sale *,
	    time_t, int64_t *, char **);
int	 sale_slip_check(struct db *, const struct sale *, char **);
int	 sale_commit_slip(struct db *, int64_t, const char *, struct sale *,
	    int64_t *, char **);
int	 sale_load(struct db *, int64_t, int64_t, struct sale **,
	    struct sale_header *, struct vat_summary *, char **);
int	 sale_receipt(struct db *, int64_t, int64_t, int, struct receipt **,
	    char **);


/* Parked baskets, the day's receipts, the receipt outbox. */
struct parked {
	int64_t	 id;
	char	*label;
	char	 at[20];
	int64_t	 total;
	size_t	 lines;
};

int	 basket_park(struct db *, int64_t, struct sale *, const char *,
	    char **);
int	 basket_set_aside(struct db *, int64_t, char **);
int	 basket_parked(struct db *, int64_t, struct parked **, size_t *,
	    char **);
void	 parked_free(struct parked *, size_t);
int	 basket_unpark(struct db *, int64_t, int64_t, struct sale **, char **);

struct receipt_brief {
	int64_t	 receipt_no;
	char	 at[20];
	int64_t	 total;
};

int	 sale_list_day(struct db *, int64_t, const char *,
	    struct receipt_brief **, size_t *, char **);
int	 outbox_waiting(struct db *);
int	 outbox_queue_copy(struct db *, int64_t, int64_t, char **);

struct department_info {
	char	*name;
	int32_t	 vat_bp;
};

int	 department_list(struct db *, struct department_info **, size_t *,
	    char **);
void	 department_list_free(struct department_info *, size_t);

#endif
