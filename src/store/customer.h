/* Customers: optional on a sale, for an emailed receipt and earlier visits. */
#ifndef KASSA_CUSTOMER_H
#define KASSA_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct customer {
	int64_t	 id;
	char	*name;
	char	*phone;		/* "" when none */
	char	*email;		/* "" when none */
	char	 created_at[20];
	int64_t	 visits;	/* sales with this customer */
};

int	 customer_add(struct db *, const char *, const char *, const char *,
	    int64_t *, char **);
int	 customer_find(struct db *, const char *, size_t, struct customer **,
	    size_t *, char **);
int	 customer_get(struct db *, int64_t, struct customer *, char **);
void	 customer_clear(struct customer *);
void	 customers_free(struct customer *, size_t);
int	 customer_email_valid(const char *);

/* A visit: a sale with the customer, and what was bought. */
struct visit_line {
	char	*name;
	int64_t	 qty;
	int	 weighed;
	int64_t	 total;
};

struct visit {
	int64_t			 till;
	int64_t			 receipt_no;
	char			 at[20];
	char			*kind;		/* sale or return */
	int64_t			 total;
	struct visit_line	*lines;
	size_t			 nlines;
};

int	 customer_visits(struct db *, int64_t, struct visit **, size_t *,
	    char **);
void	 visits_free(struct visit *, size_t);

#endif
