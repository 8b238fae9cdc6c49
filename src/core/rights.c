/*
 * Who may do what. Each action needs a role; a manager may do what a
 * cashier may, an admin what a manager may. An action the user's own role
 * does not allow is still done when a second user whose role does allow
 * it approves on the spot (the manager's PIN): both are recorded by the
 * caller.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "rights.h"
#include "sale.h"
#include "xmalloc.h"

/* Stored as written here; shown through gettext. */
static const char *const roles[] = {
	[ROLE_NONE] = N_("none"),
	[ROLE_CASHIER] = N_("cashier"),
	[ROLE_MANAGER] = N_("manager"),
	[ROLE_ADMIN] = N_("admin"),
};

static const struct {
	const char	*name;
	enum role	 needs;
} actions[ACT__COUNT] = {
	[ACT_SELL] = { N_("sell"), ROLE_CASHIER },
	[ACT_VOID_PAID] = { N_("void after payment started"), ROLE_MANAGER },
	[ACT_REFUND] = { N_("refund"), ROLE_MANAGER },
	[ACT_REFUND_NO_RECEIPT] = { N_("return without a receipt"),
	    ROLE_MANAGER },
	[ACT_PRICE_OVERRIDE] = { N_("price override"), ROLE_MANAGER },
	[ACT_DISCOUNT] = { N_("discount"), ROLE_CASHIER },
	[ACT_DISCOUNT_OVER] = { N_("discount above the limit"), ROLE_MANAGER },
	[ACT_NO_SALE] = { N_("open the drawer without a sale"), ROLE_MANAGER },
	[ACT_CANCEL_SALE] = { N_("cancel a sale"), ROLE_MANAGER },
	[ACT_PAID_IN] = { N_("paid-in"), ROLE_CASHIER },
	[ACT_PAID_OUT] = { N_("paid-out"), ROLE_MANAGER },
	[ACT_DROP] = { N_("bank drop"), ROLE_CASHIER },
	[ACT_SHIFT] = { N_("open or close a shift"), ROLE_CASHIER },
	[ACT_TRAINING] = { N_("training mode"), ROLE_MANAGER },
	[ACT_STOCK_APPLY] = { N_("apply a stock count"), ROLE_MANAGER },
	[ACT_REPORTS] = { N_("reports"), ROLE_MANAGER },
	[ACT_USERS] = { N_("manage users"), ROLE_ADMIN },
};

const char *
role_name(enum role r)
{
	return ((unsigned)r <= ROLE_ADMIN ? roles[r] : "none");
}

int
role_from_name(const char *s, enum role *out)
{
	enum role	r;

	for (r = ROLE_CASHIER; r <= ROLE_ADMIN; r++) {
		if (strcmp(s, roles[r]) == 0) {
			*out = r;
			return (0);
		}
	}
	return (-1);
}

const char *
action_name(enum action a)
{
	return ((unsigned)a < ACT__COUNT ? actions[a].name : "?");
}

enum role
action_needs(enum action a)
{
	return ((unsigned)a < ACT__COUNT ? actions[a].needs : ROLE_ADMIN);
}

/* May this user do it alone? */
int
rights_allow(const struct actor *who, enum action a)
{
	if (who == NULL || who->id <= 0 || who->role == ROLE_NONE ||
	    (unsigned)a >= ACT__COUNT)
		return (0);
	return (who->role >= actions[a].needs);
}

/*
 * May it be done by who, with approver's approval when there is one? The
 * approver must be another user whose role allows it (a manager cannot
 * approve for himself by typing his own PIN twice: he needs no approval).
 */
int
rights_check(const struct actor *who, const struct actor *approver,
    enum action a, char **cause)
{
	if (who == NULL || who->id <= 0 || who->role == ROLE_NONE) {
		set_cause(cause, _("nobody is logged in"));
		return (-1);
	}
	if (rights_allow(who, a))
		return (0);
	if (action_needs(a) == ROLE_ADMIN) {
		set_cause(cause, _("only an admin may %s"), _(action_name(a)));
		return (-1);
	}
	if (approver == NULL || approver->id <= 0) {
		set_cause(cause, _("%s needs a manager's approval"),
		    _(action_name(a)));
		return (-1);
	}
	if (approver->role == ROLE_NONE) {
		set_cause(cause, _("%s needs a %s; user %lld cannot approve "
		    "(disabled or unknown)"), _(action_name(a)),
		    _(role_name(action_needs(a))), (long long)approver->id);
		return (-1);
	}
	if (!rights_allow(approver, a)) {
		set_cause(cause, _("%s needs a %s; user %lld is a %s"),
		    _(action_name(a)), _(role_name(action_needs(a))),
		    (long long)approver->id, _(role_name(approver->role)));
		return (-1);
	}
	return (0);
}

/*
 * A discount of 'amount' on 'base' (both minor units) is within the
 * store's limit of limit_bp basis points, or above it. The limit is
 * rounded as a discount of limit_bp would be, so that a 10 % discount is
 * within a 10 % limit whatever the rounding made of it.
 */
enum action
rights_discount_action(int64_t amount, int64_t base, int32_t limit_bp)
{
	if (amount <= 0)
		return (ACT_DISCOUNT);
	if (base <= 0)
		return (ACT_DISCOUNT_OVER);
	return (amount > money_percent(base, limit_bp) ? ACT_DISCOUNT_OVER :
	    ACT_DISCOUNT);
}

static int64_t
line_discounts(const struct sale *s)
{
	int64_t	n = 0;
	size_t	i;

	for (i = 0; i < s->nlines; i++)
		if (!s->lines[i].voided)
			n += s->lines[i].line_discount;
	return (n);
}

/* One restricted change of a sale: allowed alone, or approved. */
static int
sale_right(const struct actor *who, int64_t approver_id, enum action a,
    sale_actor_fn *lookup, void *arg, const char *what, char **cause)
{
	struct actor	 approver = { 0, ROLE_NONE };
	char		*why = NULL;

	if (rights_allow(who, a))
		return (0);
	if (approver_id > 0 && lookup(arg, approver_id, &approver) != 0)
		approver.role = ROLE_NONE;
	if (rights_check(who, approver_id > 0 ? &approver : NULL, a,
	    &why) == 0)
		return (0);
	set_cause(cause, "%s: %s", what, why);
	free(why);
	return (-1);
}

/*
 * Does every restricted change in the sale have the approval it needs?
 * lookup gives the role of an approver by number, from the database: a
 * basket's word for it is not taken. limit_bp is the store's discount
 * limit (basis points) above which a manager must approve.
 */
int
sale_rights(const struct sale *s, const struct actor *who,
    sale_actor_fn *lookup, void *arg, int32_t limit_bp, char **cause)
{
	size_t	i;

	if (rights_check(who, NULL, ACT_SELL, cause) != 0)
		return (-1);
	if (s->is_return && sale_right(who, s->approver_id, s->return_of != 0 ?
	    ACT_REFUND : ACT_REFUND_NO_RECEIPT, lookup, arg, _("the return"),
	    cause) != 0)
		return (-1);
	for (i = 0; i < s->nlines; i++) {
		const struct sale_line *l = &s->lines[i];

		if (l->voided_paid && sale_right(who, l->approver_id,
		    ACT_VOID_PAID, lookup, arg, l->name, cause) != 0)
			return (-1);
		if (l->voided || s->is_return)
			continue;
		if (l->price_source == PRICE_OVERRIDE && sale_right(who,
		    l->approver_id, ACT_PRICE_OVERRIDE, lookup, arg, l->name,
		    cause) != 0)
			return (-1);
		if (sale_right(who, l->approver_id, rights_discount_action(
		    l->line_discount, l->gross, limit_bp), lookup, arg,
		    l->name, cause) != 0)
			return (-1);
	}
	if (s->is_return)
		return (0);	/* a return gives back; it has no discount */
	return (sale_right(who, s->approver_id, rights_discount_action(
	    s->discount_total - line_discounts(s), s->subtotal, limit_bp),
	    lookup, arg, _("the sale"), cause));
}
