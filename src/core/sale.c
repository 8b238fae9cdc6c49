/*
 * The sale as the cashier builds it: lines, discounts, voids, totals and
 * tenders. Pure computation; storage persists it (store/sales.c) and the
 * console shows it.
 *
 * Discounts: a line discount (percent or amount) comes off that line; a
 * basket discount comes off the subtotal and is spread over the lines in
 * proportion to their totals, the cents left over by the division going to
 * the lines with the largest remainders, so that every cent of discount sits
 * on exactly one line and the VAT per rate stays exact.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "sale.h"
#include "xmalloc.h"

static const char *tender_names[] = { "cash", "card", "other" };
static const char *unit_names[] = { "pcs", "kg" };

const char *
tender_name(enum tender_type t)
{
	return (tender_names[t]);
}

int
tender_from_name(const char *s, enum tender_type *t)
{
	size_t	i;

	for (i = 0; i < sizeof tender_names / sizeof tender_names[0]; i++) {
		if (strcmp(s, tender_names[i]) == 0) {
			*t = (enum tender_type)i;
			return (0);
		}
	}
	return (-1);
}

const char *
unit_name(enum unit u)
{
	return (unit_names[u]);
}

int
unit_from_name(const char *s, enum unit *u)
{
	if (strcmp(s, "pcs") == 0 || strcmp(s, "pc") == 0 ||
	    strcmp(s, "kpl") == 0 || strcmp(s, "piece") == 0) {
		*u = UNIT_PIECE;
		return (0);
	}
	if (strcmp(s, "kg") == 0) {
		*u = UNIT_KG;
		return (0);
	}
	return (-1);
}

struct sale *
sale_create(int64_t cash_unit)
{
	struct sale	*s;

	s = xcalloc(1, sizeof *s);
	s->cash_unit = cash_unit;
	return (s);
}

static void
line_free(struct sale_line *l)
{
	free(l->code);
	free(l->name);
	free(l->department);
	free(l->discount.reason);
}

/* Empty the sale for the next customer; the cash rounding unit stays. */
void
sale_clear(struct sale *s)
{
	int64_t	unit = s->cash_unit;
	size_t	i;

	for (i = 0; i < s->nlines; i++)
		line_free(&s->lines[i]);
	free(s->lines);
	free(s->tenders);
	free(s->discount.reason);
	free(s->receipt_email);
	free(s->customer_name);
	free(s->customer_email);
	memset(s, 0, sizeof *s);
	s->cash_unit = unit;
}

/* Put a customer on the sale (id 0 takes it off); name and email copied. */
void
sale_set_customer(struct sale *s, int64_t id, const char *name,
    const char *email)
{
	free(s->customer_name);
	free(s->customer_email);
	s->customer_id = id;
	s->customer_name = id != 0 && name != NULL ? xstrdup(name) : NULL;
	s->customer_email = id != 0 && email != NULL && *email != '\0' ?
	    xstrdup(email) : NULL;
}

void
sale_free(struct sale *s)
{
	if (s == NULL)
		return;
	sale_clear(s);
	free(s);
}

static int
payment_started(const struct sale *s, char **cause)
{
	if (s->ntenders > 0) {
		set_cause(cause, _("payment has started: finish or cancel the "
		    "payment first"));
		return (1);
	}
	return (0);
}

/*
 * Add qty (thousandths) of an item. Pieces come in whole numbers; kilograms
 * to the gram. Returns the new line's index.
 */
int
sale_add_line(struct sale *s, const struct sale_item *it, int64_t qty,
    char **cause)
{
	struct sale_line	*l;
	int64_t			 gross;

	if (payment_started(s, cause))
		return (-1);
	if (qty <= 0 || qty > QTY_MAX) {
		set_cause(cause, _("the quantity must be above zero and at most "
		    "99999"));
		return (-1);
	}
	if (it->unit == UNIT_PIECE && qty % QTY_ONE != 0) {
		set_cause(cause, _("%s is sold by the piece: the quantity must "
		    "be a whole number"), it->name);
		return (-1);
	}
	if (it->price < 0 || it->price > MONEY_MAX) {
		set_cause(cause, _("%s has an invalid price"), it->name);
		return (-1);
	}
	gross = money_mul_qty(it->price, qty);
	if (gross > MONEY_MAX || s->total + gross > MONEY_MAX) {
		set_cause(cause, _("the sale total would be too large"));
		return (-1);
	}
	s->lines = xreallocarray(s->lines, s->nlines + 1, sizeof *s->lines);
	l = &s->lines[s->nlines];
	memset(l, 0, sizeof *l);
	l->item_id = it->id;
	l->code = xstrdup(it->code != NULL ? it->code : "");
	l->name = xstrdup(it->name);
	l->department = xstrdup(it->department != NULL ? it->department : "");
	l->unit_price = it->price;
	l->qty = qty;
	l->unit = it->unit;
	l->vat_bp = it->vat_bp;
	l->price_source = it->price_source;
	s->nlines++;
	sale_recompute(s);
	return ((int)(s->nlines - 1));
}

int
sale_void_line(struct sale *s, size_t i, char **cause)
{
	if (payment_started(s, cause))
		return (-1);
	if (i >= s->nlines || s->lines[i].voided) {
		set_cause(cause, _("there is no such line"));
		return (-1);
	}
	s->lines[i].voided = 1;
	sale_recompute(s);
	return (0);
}

/*
 * What giving back qty of a line that sold orig_qty for orig_total pays
 * back: its share of the total, discounts included, rounded half away
 * from zero; all of it gives back exactly the total.
 */
int64_t
return_amount(int64_t orig_total, int64_t orig_qty, int64_t qty)
{
	__int128	p;
	int64_t		q, r;

	if (orig_qty <= 0)
		return (0);
	if (qty >= orig_qty)
		return (orig_total);
	p = (__int128)orig_total * qty;
	q = (int64_t)(p / orig_qty);
	r = (int64_t)(p % orig_qty);
	if (r < 0)
		r = -r;
	if (2 * r >= orig_qty)
		q += orig_total < 0 ? -1 : 1;
	return (q);
}

static int
return_start(struct sale *s, char **cause)
{
	if (!s->is_return && s->nlines > 0) {
		set_cause(cause, _("finish or park the sale before a return"));
		return (-1);
	}
	if (payment_started(s, cause))
		return (-1);
	s->is_return = 1;
	return (0);
}

/*
 * Give back qty of line orig_line of an earlier sale, which sold orig_qty
 * for orig_total; what may still be given back (net of earlier returns) is
 * the store's to check, and it checks again at the commit.
 */
int
sale_add_return_line(struct sale *s, const struct sale_item *it,
    int64_t orig_line, int64_t orig_qty, int64_t orig_total, int64_t qty,
    char **cause)
{
	struct sale_line	*l;
	int			 i;

	if (return_start(s, cause) != 0)
		return (-1);
	if (qty <= 0 || qty > orig_qty) {
		set_cause(cause, _("at most what was sold can be returned"));
		return (-1);
	}
	if ((i = sale_add_line(s, it, qty, cause)) < 0)
		return (-1);
	l = &s->lines[i];
	l->qty = -qty;
	l->return_line = orig_line;
	l->fixed_total = -return_amount(orig_total, orig_qty, qty);
	sale_recompute(s);
	return (i);
}

/* Take back an item with no receipt, at its price now. */
int
sale_add_return_item(struct sale *s, const struct sale_item *it, int64_t qty,
    char **cause)
{
	int	i;

	if (return_start(s, cause) != 0)
		return (-1);
	if (s->return_of != 0) {
		set_cause(cause, _("this return is of a receipt: pick its "
		    "lines"));
		return (-1);
	}
	if ((i = sale_add_line(s, it, qty, cause)) < 0)
		return (-1);
	s->lines[i].qty = -s->lines[i].qty;
	sale_recompute(s);
	return (i);
}

/*
 * Pay a return back, all at once, with one tender: cash is rounded as
 * cash is; a card refund is done on the terminal. Returns 1 (paid).
 */
int
sale_refund(struct sale *s, enum tender_type type, const char *method,
    char **cause)
{
	struct tender	t;
	int64_t		remaining, due;

	if (!s->is_return || sale_active_lines(s) == 0 || s->total >= 0) {
		set_cause(cause, _("there is nothing to give back"));
		return (-1);
	}
	if (s->ntenders > 0) {
		set_cause(cause, _("the return is already paid back"));
		return (-1);
	}
	memset(&t, 0, sizeof t);
	t.type = type;
	snprintf(t.method, sizeof t.method, "%s", method != NULL ? method :
	    tender_name(type));
	remaining = s->total;
	due = type == TENDER_CASH ? money_cash_round(remaining, s->cash_unit) :
	    remaining;
	s->rounding = due - remaining;
	t.amount = t.given = due;
	s->change = 0;
	s->tenders = xreallocarray(s->tenders, 1, sizeof *s->tenders);
	s->tenders[0] = t;
	s->ntenders = 1;
	s->paid = due;
	return (1);
}

/*
 * Void a line after payment has started: only with a manager's approval
 * (approver, checked again by the store at commit), and only while what
 * has been paid still fits the smaller sale; else the payment is taken
 * back first.
 */
int
sale_void_paid_line(struct sale *s, size_t i, int64_t approver, char **cause)
{
	struct sale_line	*l;

	if (s->ntenders == 0)
		return (sale_void_line(s, i, cause));
	if (i >= s->nlines || s->lines[i].voided) {
		set_cause(cause, _("there is no such line"));
		return (-1);
	}
	if (approver <= 0) {
		set_cause(cause, _("voiding a line after payment has started "
		    "needs a manager's approval"));
		return (-1);
	}
	l = &s->lines[i];
	if (s->total - l->total < s->paid) {
		set_cause(cause, _("more has been paid than the sale would "
		    "be: take the payment back first (R)"));
		return (-1);
	}
	l->voided = l->voided_paid = 1;
	l->approver_id = approver;
	sale_recompute(s);
	return (0);
}

static int
discount_check(enum discount_kind kind, int64_t value, const char *reason,
    char **cause)
{
	if (kind == DISCOUNT_PERCENT && (value < 0 || value > 10000)) {
		set_cause(cause, _("a discount is between 0 and 100 %%"));
		return (-1);
	}
	if (kind == DISCOUNT_AMOUNT && (value < 0 || value > MONEY_MAX)) {
		set_cause(cause, _("a discount amount cannot be negative"));
		return (-1);
	}
	if (kind != DISCOUNT_NONE && (reason == NULL || *reason == '\0')) {
		set_cause(cause, _("a discount needs a reason"));
		return (-1);
	}
	return (0);
}

static void
discount_set(struct discount *d, enum discount_kind kind, int64_t value,
    const char *reason)
{
	free(d->reason);
	d->kind = kind;
	d->value = (kind == DISCOUNT_NONE) ? 0 : value;
	d->reason = (kind == DISCOUNT_NONE) ? NULL : xstrdup(reason);
}

int
sale_line_discount(struct sale *s, size_t i, enum discount_kind kind,
    int64_t value, const char *reason, char **cause)
{
	if (payment_started(s, cause))
		return (-1);
	if (i >= s->nlines || s->lines[i].voided) {
		set_cause(cause, _("there is no such line"));
		return (-1);
	}
	if (discount_check(kind, value, reason, cause) != 0)
		return (-1);
	if (kind == DISCOUNT_AMOUNT && value > s->lines[i].gross) {
		set_cause(cause, _("the discount is larger than the line"));
		return (-1);
	}
	discount_set(&s->lines[i].discount, kind, value, reason);
	sale_recompute(s);
	return (0);
}

int
sale_basket_discount(struct sale *s, enum discount_kind kind, int64_t value,
    const char *reason, char **cause)
{
	if (payment_started(s, cause))
		return (-1);
	if (discount_check(kind, value, reason, cause) != 0)
		return (-1);
	if (kind == DISCOUNT_AMOUNT && value > s->subtotal) {
		set_cause(cause, _("the discount is larger than the sale"));
		return (-1);
	}
	discount_set(&s->discount, kind, value, reason);
	sale_recompute(s);
	return (0);
}

static int64_t
discount_of(const struct discount *d, int64_t amount)
{
	switch (d->kind) {
	case DISCOUNT_PERCENT:
		return (money_percent(amount, (int32_t)d->value));
	case DISCOUNT_AMOUNT:
		return (d->value < amount ? d->value : amount);
	default:
		return (0);
	}
}

/* Spread a basket discount over the lines; see the comment at the top. */
static void
spread_basket_discount(struct sale *s, int64_t discount)
{
	int64_t	*rem, given = 0, best;
	size_t	 i, bi;

	if (discount == 0 || s->subtotal <= 0)
		return;
	rem = xcalloc(s->nlines, sizeof *rem);
	for (i = 0; i < s->nlines; i++) {
		struct sale_line *l = &s->lines[i];
		__int128 p;

		if (l->voided)
			continue;
		p = (__int128)discount * (l->gross - l->line_discount);
		l->basket_discount = (int64_t)(p / s->subtotal);
		rem[i] = (int64_t)(p % s->subtotal);
		given += l->basket_discount;
	}
	while (given < discount) {
		best = -1;
		bi = 0;
		for (i = 0; i < s->nlines; i++) {
			if (!s->lines[i].voided && rem[i] > best) {
				best = rem[i];
				bi = i;
			}
		}
		s->lines[bi].basket_discount++;
		rem[bi] = -1;
		given++;
	}
	free(rem);
}

void
sale_recompute(struct sale *s)
{
	int64_t	 basket;
	size_t	 i;

	s->subtotal = s->discount_total = s->items = 0;
	for (i = 0; i < s->nlines; i++) {
		struct sale_line *l = &s->lines[i];

		/* A voided line keeps its gross, for the loss-prevention view. */
		l->gross = money_mul_qty(l->unit_price, l->qty);
		l->line_discount = l->basket_discount = l->total = 0;
		if (l->voided)
			continue;
		if (l->return_line > 0)	/* gives back what was paid */
			l->line_discount = l->gross - l->fixed_total;
		else
			l->line_discount = discount_of(&l->discount, l->gross);
		s->subtotal += l->gross - l->line_discount;
		s->items += (l->unit == UNIT_PIECE) ? l->qty / QTY_ONE :
		    l->qty < 0 ? -1 : 1;
	}
	/*
	 * A sale discount of a fixed amount larger than what is left after a
	 * void would make the sale free without anyone deciding so: it goes,
	 * and the caller tells the cashier.
	 */
	s->discount_dropped = 0;
	if (s->discount.kind == DISCOUNT_AMOUNT &&
	    s->discount.value > s->subtotal) {
		discount_set(&s->discount, DISCOUNT_NONE, 0, NULL);
		s->discount_dropped = 1;
	}
	basket = discount_of(&s->discount, s->subtotal);
	spread_basket_discount(s, basket);
	s->total = 0;
	for (i = 0; i < s->nlines; i++) {
		struct sale_line *l = &s->lines[i];

		if (l->voided)
			continue;
		l->total = l->gross - l->line_discount - l->basket_discount;
		s->total += l->total;
		s->discount_total += l->line_discount + l->basket_discount;
	}
	s->paid = 0;
	for (i = 0; i < s->ntenders; i++)
		s->paid += s->tenders[i].amount;
}

size_t
sale_active_lines(const struct sale *s)
{
	size_t	i, n = 0;

	for (i = 0; i < s->nlines; i++)
		if (!s->lines[i].voided)
			n++;
	return (n);
}

/* What is left to pay before any cash rounding. */
int64_t
sale_remaining(const struct sale *s)
{
	return (s->total + s->rounding - s->paid);
}

/* What is left to pay if the rest is paid in cash: rounded. */
int64_t
sale_cash_due(const struct sale *s)
{
	return (money_cash_round(sale_remaining(s), s->cash_unit));
}

/*
 * Pay amount with a tender. Cash may exceed what is due (the difference is
 * the change) and settles the sale when it covers the rounded remainder;
 * other tenders pay at most what remains and are never rounded. Returns 1
 * when the sale is paid, 0 when some is left, -1 on error.
 */
int
sale_add_tender(struct sale *s, enum tender_type type, int64_t amount,
    char **cause)
{
	return (sale_add_tender_ref(s, type, NULL, amount, NULL, cause));
}

/*
 * Pay amount with a tender. Cash may exceed what is due (the difference is
 * the change) and settles the sale when it covers the rounded remainder;
 * other tenders pay at most what remains and are never rounded. method
 * names an other tender (invoice, mobile pay); reference is the card
 * terminal's. Returns 1 when the sale is paid, 0 when some is left, -1 on
 * error.
 */
int
sale_add_tender_ref(struct sale *s, enum tender_type type, const char *method,
    int64_t amount, const char *reference, char **cause)
{
	struct tender	 t;
	int64_t		 remaining, due;

	if (sale_active_lines(s) == 0) {
		set_cause(cause, _("the sale is empty"));
		return (-1);
	}
	if (sale_is_paid(s)) {
		set_cause(cause, _("the sale is already paid"));
		return (-1);
	}
	if (amount < 0 || amount > MONEY_MAX) {
		set_cause(cause, _("the amount must not be negative"));
		return (-1);
	}
	memset(&t, 0, sizeof t);
	t.type = type;
	snprintf(t.method, sizeof t.method, "%s", method != NULL ? method :
	    tender_name(type));
	if (reference != NULL)
		snprintf(t.reference, sizeof t.reference, "%s", reference);
	remaining = sale_remaining(s);
	if (type == TENDER_CASH) {
		due = money_cash_round(remaining, s->cash_unit);
		if (amount == 0 && due != 0) {
			set_cause(cause, _("the amount must be above zero"));
			return (-1);
		}
		if (amount >= due) {
			s->rounding += due - remaining;
			t.amount = due;
			t.given = amount;
			s->change = amount - due;
		} else
			t.amount = t.given = amount;
	} else {
		if (amount == 0 || amount > remaining) {
			set_cause(cause, _("a %s payment must be above zero and "
			    "at most what is left to pay"), t.method);
			return (-1);
		}
		t.amount = t.given = amount;
	}
	s->tenders = xreallocarray(s->tenders, s->ntenders + 1,
	    sizeof *s->tenders);
	s->tenders[s->ntenders++] = t;
	s->paid += t.amount;
	return (sale_is_paid(s));
}

/*
 * Take back the last payment (the money goes back to the customer): the
 * sale is unpaid by that much again, and a settled rounding or change is
 * undone. The tender taken back is copied to *out when out is not NULL.
 */
int
sale_remove_tender(struct sale *s, struct tender *out, char **cause)
{
	if (s->ntenders == 0) {
		set_cause(cause, _("no payment has been taken"));
		return (-1);
	}
	s->ntenders--;
	if (out != NULL)
		*out = s->tenders[s->ntenders];
	s->paid -= s->tenders[s->ntenders].amount;
	s->rounding = 0;	/* only a settling cash payment rounds */
	s->change = 0;
	return (0);
}

/*
 * A price the cashier sets for one line; the catalog price is kept beside
 * it, so the override shows in reports as what it is.
 */
int
sale_override_price(struct sale *s, size_t i, int64_t price, char **cause)
{
	struct sale_line	*l;

	if (payment_started(s, cause))
		return (-1);
	if (i >= s->nlines || s->lines[i].voided) {
		set_cause(cause, _("there is no such line"));
		return (-1);
	}
	if (price < 0 || price > MONEY_MAX) {
		set_cause(cause, _("a price is between 0 and 999 999 999,99"));
		return (-1);
	}
	l = &s->lines[i];
	if (money_mul_qty(price, l->qty) + s->total - l->total > MONEY_MAX) {
		set_cause(cause, _("the sale total would be too large"));
		return (-1);
	}
	if (l->price_source != PRICE_OVERRIDE) {
		l->list_price = l->unit_price;
		l->price_source = PRICE_OVERRIDE;
	}
	l->unit_price = price;
	if (l->discount.kind == DISCOUNT_AMOUNT &&
	    l->discount.value > money_mul_qty(price, l->qty))
		discount_set(&l->discount, DISCOUNT_NONE, 0, NULL);
	sale_recompute(s);
	return (0);
}

int
sale_is_paid(const struct sale *s)
{
	return (s->ntenders > 0 && s->paid == s->total + s->rounding);
}

void
sale_vat(const struct sale *s, struct vat_summary *vs)
{
	size_t	i;

	vat_summary_init(vs);
	for (i = 0; i < s->nlines; i++)
		if (!s->lines[i].voided)
			vat_summary_add(vs, s->lines[i].vat_bp,
			    s->lines[i].total);
	vat_summary_finish(vs);
}

/*
 * The open basket as text, so storage can keep it on every change and a
 * crash brings it back: one record a line, tab-separated fields, with tab,
 * newline and backslash escaped. The first line names the format version.
 */
static void
buf_field(struct strbuf *b, const char *s)
{
	strbuf_add(b, "\t", 1);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\t')
			strbuf_add(b, "\\t", 2);
		else if (*s == '\n')
			strbuf_add(b, "\\n", 2);
		else if (*s == '\\')
			strbuf_add(b, "\\\\", 2);
		else
			strbuf_add(b, s, 1);
	}
}

static void
buf_int(struct strbuf *b, int64_t v)
{
	char	tmp[32];

	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	buf_field(b, tmp);
}

char *
sale_serialize(const struct sale *s)
{
	struct strbuf	 b = { NULL, 0, 0 };
	size_t		 i;

	strbuf_add(&b, "kassa-basket 3\n", 15);
	strbuf_add(&b, "sale", 4);
	buf_field(&b, s->id);
	buf_int(&b, s->cash_unit);
	buf_int(&b, s->discount.kind);
	buf_int(&b, s->discount.value);
	buf_field(&b, s->discount.reason);
	buf_int(&b, s->rounding);
	buf_int(&b, s->change);
	buf_int(&b, s->user_id);
	buf_int(&b, s->approver_id);
	buf_int(&b, s->training);
	strbuf_add(&b, "\n", 1);
	if (s->is_return) {
		strbuf_add(&b, "return", 6);
		buf_int(&b, s->return_of);
		buf_int(&b, s->return_receipt);
		buf_field(&b, s->return_reason);
		strbuf_add(&b, "\n", 1);
	}
	if (s->slip_time != 0) {
		strbuf_add(&b, "slip", 4);
		buf_int(&b, s->slip_time);
		buf_field(&b, s->slip_book);
		buf_field(&b, s->slip_no);
		strbuf_add(&b, "\n", 1);
	}
	for (i = 0; i < s->nlines; i++) {
		const struct sale_line *l = &s->lines[i];

		strbuf_add(&b, "line", 4);
		buf_int(&b, l->item_id);
		buf_field(&b, l->code);
		buf_field(&b, l->name);
		buf_field(&b, l->department);
		buf_int(&b, l->unit_price);
		buf_int(&b, l->qty);
		buf_int(&b, l->unit);
		buf_int(&b, l->vat_bp);
		buf_int(&b, l->price_source);
		buf_int(&b, l->list_price);
		buf_int(&b, l->discount.kind);
		buf_int(&b, l->discount.value);
		buf_field(&b, l->discount.reason);
		buf_int(&b, l->voided);
		buf_int(&b, l->voided_paid);
		buf_int(&b, l->approver_id);
		buf_int(&b, l->return_line);
		buf_int(&b, l->fixed_total);
		strbuf_add(&b, "\n", 1);
	}
	if (s->customer_id != 0) {
		strbuf_add(&b, "customer", 8);
		buf_int(&b, s->customer_id);
		buf_field(&b, s->customer_name);
		buf_field(&b, s->customer_email);
		strbuf_add(&b, "\n", 1);
	}
	for (i = 0; i < s->ntenders; i++) {
		strbuf_add(&b, "tender", 6);
		buf_int(&b, s->tenders[i].type);
		buf_field(&b, s->tenders[i].method);
		buf_field(&b, s->tenders[i].reference);
		buf_int(&b, s->tenders[i].amount);
		buf_int(&b, s->tenders[i].given);
		strbuf_add(&b, "\n", 1);
	}
	return (b.p);
}

/* Split one record into at most max unescaped fields; returns the count. */
static size_t
split_fields(char *line, char **f, size_t max)
{
	char	*r, *w;
	size_t	 n = 0;

	f[n++] = line;
	for (r = w = line; *r != '\0'; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n == max)
				return (n + 1);
			f[n++] = w;
		} else if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = (*r == 't') ? '\t' : (*r == 'n') ? '\n' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return (n);
}

static int
parse_int(const char *s, int64_t *v)
{
	char		*end;
	long long	 x;

	errno = 0;
	x = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return (-1);
	*v = x;
	return (0);
}

struct sale *
sale_deserialize(const char *text, char **cause)
{
	struct sale	*s;
	char		*copy, *line, *next, *f[20];
	size_t		 n;
	int64_t		 v[20];
	int		 first = 1, version = 0;

	s = sale_create(0);
	copy = xstrdup(text);
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (first) {
			/* Version 2 (kassa 0.1) had no users nor approvals. */
			if (strcmp(line, "kassa-basket 3") == 0)
				version = 3;
			else if (strcmp(line, "kassa-basket 2") == 0)
				version = 2;
			else
				goto bad;
			first = 0;
			continue;
		}
		n = split_fields(line, f, 20);
#define INT(i) do {						\
		if ((i) >= n || parse_int(f[i], &v[i]) != 0)	\
			goto bad;				\
	} while (0)
		if (strcmp(f[0], "sale") == 0 && n == (version == 3 ? 11 :
		    8)) {
			INT(2); INT(3); INT(4); INT(6); INT(7);
			if (strlen(f[1]) > BASKET_ID_LEN)
				goto bad;
			memcpy(s->id, f[1], strlen(f[1]) + 1);
			s->cash_unit = v[2];
			if (v[3] < DISCOUNT_NONE || v[3] > DISCOUNT_AMOUNT)
				goto bad;
			discount_set(&s->discount, (enum discount_kind)v[3],
			    v[4], f[5]);
			s->rounding = v[6];
			s->change = v[7];
			if (version == 3) {
				INT(8); INT(9); INT(10);
				s->user_id = v[8];
				s->approver_id = v[9];
				s->training = v[10] != 0;
			}
		} else if (strcmp(f[0], "line") == 0 && n == (version == 3 ?
		    19 : 15)) {
			struct sale_line *l;

			INT(1); INT(5); INT(6); INT(7); INT(8); INT(9);
			INT(10); INT(11); INT(12); INT(14);
			if (v[7] < UNIT_PIECE || v[7] > UNIT_KG ||
			    v[9] < PRICE_CATALOG || v[9] > PRICE_OPEN ||
			    v[11] < DISCOUNT_NONE || v[11] > DISCOUNT_AMOUNT)
				goto bad;
			s->lines = xreallocarray(s->lines, s->nlines + 1,
			    sizeof *s->lines);
			l = &s->lines[s->nlines++];
			memset(l, 0, sizeof *l);
			l->item_id = v[1];
			l->code = xstrdup(f[2]);
			l->name = xstrdup(f[3]);
			l->department = xstrdup(f[4]);
			l->unit_price = v[5];
			l->qty = v[6];
			l->unit = (enum unit)v[7];
			l->vat_bp = (int32_t)v[8];
			l->price_source = (enum price_source)v[9];
			l->list_price = v[10];
			discount_set(&l->discount, (enum discount_kind)v[11],
			    v[12], f[13]);
			l->voided = v[14] != 0;
			if (version == 3) {
				INT(15); INT(16); INT(17); INT(18);
				l->voided_paid = v[15] != 0;
				l->approver_id = v[16];
				l->return_line = v[17];
				l->fixed_total = v[18];
			}
		} else if (strcmp(f[0], "return") == 0 && n == 4) {
			INT(1); INT(2);
			if (v[1] < 0 || strlen(f[3]) >= sizeof s->return_reason)
				goto bad;
			s->is_return = 1;
			s->return_of = v[1];
			s->return_receipt = v[2];
			memcpy(s->return_reason, f[3], strlen(f[3]) + 1);
		} else if (strcmp(f[0], "slip") == 0 && n == 4) {
			INT(1);
			if (v[1] <= 0 || strlen(f[2]) >= SLIP_MAX ||
			    strlen(f[3]) >= SLIP_MAX)
				goto bad;
			s->slip_time = v[1];
			memcpy(s->slip_book, f[2], strlen(f[2]) + 1);
			memcpy(s->slip_no, f[3], strlen(f[3]) + 1);
		} else if (strcmp(f[0], "customer") == 0 && n == 4) {
			INT(1);
			if (v[1] <= 0)
				goto bad;
			sale_set_customer(s, v[1], f[2], f[3]);
		} else if (strcmp(f[0], "tender") == 0 && n == 6) {
			struct tender *t;

			INT(1); INT(4); INT(5);
			if (v[1] < TENDER_CASH || v[1] > TENDER_OTHER)
				goto bad;
			s->tenders = xreallocarray(s->tenders, s->ntenders + 1,
			    sizeof *s->tenders);
			t = &s->tenders[s->ntenders++];
			memset(t, 0, sizeof *t);
			t->type = (enum tender_type)v[1];
			snprintf(t->method, sizeof t->method, "%s", f[2]);
			snprintf(t->reference, sizeof t->reference, "%s", f[3]);
			t->amount = v[4];
			t->given = v[5];
		} else
			goto bad;
#undef INT
	}
	if (first)
		goto bad;
	free(copy);
	sale_recompute(s);
	return (s);
bad:
	free(copy);
	sale_free(s);
	set_cause(cause, _("the saved basket is damaged"));
	return (NULL);
}
