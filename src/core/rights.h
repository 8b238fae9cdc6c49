/*
 * Who may do what at the till. The rule lives here, below the console:
 * the store refuses a restricted action that no manager approved, however
 * it was asked for.
 */
#ifndef KASSA_RIGHTS_H
#define KASSA_RIGHTS_H

#include <stdint.h>

enum role {
	ROLE_NONE,		/* nobody logged in */
	ROLE_CASHIER,
	ROLE_MANAGER,
	ROLE_ADMIN,
};

/* A user as the rules see one: the number and what the user is. */
struct actor {
	int64_t		 id;
	enum role	 role;
};

enum action {
	ACT_SELL,		/* ring up and take payment */
	ACT_VOID_PAID,		/* void a line once payment has started */
	ACT_REFUND,		/* a return with its receipt */
	ACT_REFUND_NO_RECEIPT,	/* a return without one */
	ACT_PRICE_OVERRIDE,
	ACT_DISCOUNT,		/* within the store's limit */
	ACT_DISCOUNT_OVER,	/* above it */
	ACT_NO_SALE,		/* open the drawer without a sale */
	ACT_CANCEL_SALE,
	ACT_PAID_IN,
	ACT_PAID_OUT,
	ACT_DROP,
	ACT_SHIFT,		/* open, X, close */
	ACT_TRAINING,		/* switch training mode */
	ACT_STOCK_APPLY,	/* apply a stock count */
	ACT_REPORTS,		/* the day's reports beyond X */
	ACT_USERS,		/* add, disable, set PINs */
	ACT__COUNT
};

const char	*role_name(enum role);
int		 role_from_name(const char *, enum role *);
const char	*action_name(enum action);
enum role	 action_needs(enum action);
int		 rights_allow(const struct actor *, enum action);
int		 rights_check(const struct actor *, const struct actor *,
		    enum action, char **);
enum action	 rights_discount_action(int64_t, int64_t, int32_t);

#endif
