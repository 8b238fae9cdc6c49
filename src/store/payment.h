/* Payment attempts: stored before their outcome is known. */
#ifndef KASSA_PAYMENT_H
#define KASSA_PAYMENT_H

#include <stdint.h>

struct db;

enum payment_state {
	PAYMENT_PENDING,
	PAYMENT_APPROVED,
	PAYMENT_DECLINED,
	PAYMENT_UNKNOWN,
};

struct payment_attempt {
	int64_t			 id;
	char			 method[24];
	int64_t			 amount;
	enum payment_state	 state;
};

const char *payment_state_name(enum payment_state);
int	 payment_begin(struct db *, int64_t, const char *, const char *,
	    int64_t, int64_t *, char **);
int	 payment_resolve(struct db *, int64_t, enum payment_state,
	    const char *, const char *, char **);
int	 payment_unresolved(struct db *, const char *,
	    struct payment_attempt *, char **);
int	 payment_refund(struct db *, int64_t, const char *, const char *,
	    int64_t, const char *, char **);

struct sale;
int	 payment_approve(struct db *, int64_t, const char *, const char *,
	    int64_t, struct sale *, char **);

#endif
