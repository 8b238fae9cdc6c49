/*
 * What the cashier's keys do: every action on the sale, payment and the
 * day's receipts, each a small step that leaves the sale saved. The views
 * only draw what is here.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "conf.h"
#include "customer.h"
#include "db.h"
#include "db-fault.h"
#include "payment.h"
#include "receipt.h"
#include "sales.h"
#include "rights.h"
#include "tui.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)
#define CASH_CHANGE_MAX	INT64_C(100000)		/* 1 000,00 */

static void	add_code(struct tui *, const char *);

/* A tender as the cashier reads it: "card" is stored, shown translated. */
const char *
method_label(const char *method)
{
	return (strcmp(method, "card") == 0 ? _("card") : method);
}


void
tui_fail(struct tui *t, char *cause)
{
	tui_message(t, 1, "%s", cause != NULL ? cause : _("that failed"));
	free(cause);
}

void
list_clear(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->nrows; i++) {
		free(t->rows[i].left);
		free(t->rows[i].right);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->row = 0;
	for (i = 0; i < t->nfound; i++)
		catalog_item_clear(&t->found[i]);
	free(t->found);
	t->found = NULL;
	t->nfound = 0;
}

void
tui_list_add(struct tui *t, const char *left, const char *right)
{
	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	t->rows[t->nrows].left = xstrdup(left);
	t->rows[t->nrows].right = xstrdup(right != NULL ? right : "");
	t->nrows++;
}

void
tui_clear_input(struct tui *t)
{
	t->ilen = 0;
	t->input[0] = '\0';
	t->burst_start = 0;
}

void
tui_ask(struct tui *t, const char *prompt, prompt_fn done)
{
	snprintf(t->prompt, sizeof t->prompt, "%s", prompt);
	t->prompt_done = done;
	if (t->mode != MODE_PROMPT)
		t->back = t->mode;
	t->mode = MODE_PROMPT;
	tui_clear_input(t);
}

void
tui_pick(struct tui *t, const char *title, pick_fn done)
{
	snprintf(t->list_title, sizeof t->list_title, "%s", title);
	t->pick_done = done;
	if (t->mode != MODE_LIST)
		t->back = t->mode;
	t->mode = MODE_LIST;
	t->row = 0;
	tui_clear_input(t);
}

void
tui_confirm(struct tui *t, const char *question, confirm_fn yes)
{
	snprintf(t->question, sizeof t->question, "%s", question);
	t->confirm_yes = yes;
	t->back = t->mode;
	t->mode = MODE_CONFIRM;
	tui_clear_input(t);
}

void
tui_go_back(struct tui *t)
{
	list_clear(t);
	tui_message(t, 0, NULL);
	t->mode = t->back == MODE_PROMPT || t->back == MODE_LIST ||
	    t->back == MODE_CONFIRM ? MODE_SALE : t->back;
	tui_clear_input(t);
}

void
tui_go_sale(struct tui *t)
{
	list_clear(t);
	t->mode = MODE_SALE;
	tui_clear_input(t);
}

/* The selected line, or the last one still counted; -1 if none. */
int
tui_selected(struct tui *t)
{
	size_t	i;

	if (t->sel < t->sale->nlines && !t->sale->lines[t->sel].voided)
		return ((int)t->sel);
	for (i = t->sale->nlines; i > 0; i--)
		if (!t->sale->lines[i - 1].voided)
			return ((int)i - 1);
	return (-1);
}

/* Choose the last line that is not voided. */
static void
select_last(struct tui *t)
{
	size_t	i;

	t->sel = 0;
	for (i = t->sale->nlines; i > 0; i--) {
		if (!t->sale->lines[i - 1].voided) {
			t->sel = i - 1;
			break;
		}
	}
}

static void
add_line(struct tui *t, const struct sale_item *si, int64_t qty)
{
	char	*cause = NULL;
	int	 rc;

	/* A return without a receipt takes the items back. */
	if (t->sale->is_return)
		rc = ret_item(t, si, qty, &cause);
	else
		rc = sale_add_line(t->sale, si, qty, &cause);
	if (rc < 0) {
		tui_fail(t, cause);
		return;
	}
	select_last(t);
	tui_message(t, 0, NULL);
	tui_save(t);
}

/* --- Adding items ------------------------------------------------------ */

static struct catalog_item weigh_item;

static void
weight_done(struct tui *t, const char *text)
{
	struct sale_item	si;
	char			*cause = NULL;
	int64_t			 qty;

	if (qty_parse(text, &qty, &cause) != 0 || qty <= 0) {
		free(cause);
		tui_message(t, 1, _("Type the weight in kilograms, such as "
		    "0,350"));
		return;
	}
	tui_go_sale(t);
	catalog_item_to_sale(&weigh_item, &si);
	add_line(t, &si, qty);
	catalog_item_clear(&weigh_item);
}

static void
ask_weight(struct tui *t, struct catalog_item *it)
{
	char	prompt[160];

	catalog_item_clear(&weigh_item);
	weigh_item = *it;
	memset(it, 0, sizeof *it);
	snprintf(prompt, sizeof prompt, _("Weight of %s in kg: "),
	    weigh_item.name);
	tui_ask(t, prompt, weight_done);
	tui_message(t, 0, _("%s is sold by weight."), weigh_item.name);
}

static void
open_price_dept(struct tui *t, size_t i)
{
	struct sale_item	si;
	char			name[160];

	if (i >= t->ndepts)
		return;
	memset(&si, 0, sizeof si);
	snprintf(name, sizeof name, _("Open price: %s"), t->depts[i].name);
	si.code = t->pending_code;
	si.name = name;
	si.department = t->depts[i].name;
	si.price = t->pending_amount;
	si.vat_bp = t->depts[i].vat_bp;
	si.unit = UNIT_PIECE;
	si.price_source = PRICE_OPEN;
	tui_go_sale(t);
	add_line(t, &si, QTY_ONE);
	department_list_free(t->depts, t->ndepts);
	t->depts = NULL;
	t->ndepts = 0;
}

static void
open_price_done(struct tui *t, const char *text)
{
	char	*cause = NULL, rate[16];
	size_t	 i;

	if (money_parse(text, &t->pending_amount, &cause) != 0 ||
	    t->pending_amount <= 0) {
		free(cause);
		tui_message(t, 1, _("Type the price, such as 4,90"));
		return;
	}
	department_list_free(t->depts, t->ndepts);
	if (department_list(t->db, &t->depts, &t->ndepts, &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	list_clear(t);
	for (i = 0; i < t->ndepts; i++) {
		char right[32];

		rate_format(t->depts[i].vat_bp, t->loc, rate, sizeof rate);
		snprintf(right, sizeof right, _("VAT %s %%"), rate);
		tui_list_add(t, t->depts[i].name, right);
	}
	tui_pick(t, _("Department of the open-price line"), open_price_dept);
}

static void
offer_open_price(struct tui *t, const char *code, const char *why)
{
	char	prompt[160];

	snprintf(t->pending_code, sizeof t->pending_code, "%s", code);
	snprintf(prompt, sizeof prompt, _("Sell %s at an open price: "), code);
	tui_ask(t, prompt, open_price_done);
	t->back = MODE_SALE;
	tui_message(t, 1, _("%s. Type a price to sell it anyway, or Esc."),
	    why);
}

/* "2*code", "0,350*code" or "code". */
static void
add_code(struct tui *t, const char *text)
{
	struct catalog_item	 it;
	struct sale_item	 si;
	const char		*star = strchr(text, '*'), *code = text;
	char			*cause = NULL, qbuf[32];
	int64_t			 qty = QTY_ONE;
	int			 rc;

	if (star != NULL) {
		if ((size_t)(star - text) >= sizeof qbuf) {
			tui_message(t, 1, _("The quantity is too long."));
			return;
		}
		memcpy(qbuf, text, (size_t)(star - text));
		qbuf[star - text] = '\0';
		if (qty_parse(qbuf, &qty, &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		code = star + 1;
	}
	if ((rc = catalog_find(t->db, code, t->conf->instore,
	    t->conf->ninstore, &it, &cause)) != 0) {
		if (rc == CATALOG_UNKNOWN &&
		    strlen(code) < sizeof t->pending_code) {
			offer_open_price(t, code, cause);
			free(cause);
		} else
			tui_fail(t, cause);
		return;
	}
	if (it.qty != 0) {
		if (star != NULL) {
			tui_message(t, 1, _("%s carries its own weight: scan it "
			    "without a quantity."), code);
			catalog_item_clear(&it);
			return;
		}
		qty = it.qty;
	} else if (it.unit == UNIT_KG && star == NULL) {
		ask_weight(t, &it);
		return;
	}
	catalog_item_to_sale(&it, &si);
	add_line(t, &si, qty);
	catalog_item_clear(&it);
}

/* --- Search ------------------------------------------------------------ */

void
act_search(struct tui *t)
{
	char	*cause = NULL, price[MONEY_BUFSIZE], right[64];
	size_t	 i;

	list_clear(t);
	if (catalog_search(t->db, t->input, (size_t)view_list_rows(),
	    &t->found, &t->nfound, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	for (i = 0; i < t->nfound; i++) {
		money_format_plain(t->found[i].price, t->loc, price,
		    sizeof price);
		snprintf(right, sizeof right, "%s%s", price,
		    t->found[i].unit == UNIT_KG ? "/kg" : "");
		t->rows = xreallocarray(t->rows, t->nrows + 1,
		    sizeof *t->rows);
		t->rows[t->nrows].left = xstrdup(t->found[i].name);
		t->rows[t->nrows].right = xstrdup(right);
		t->nrows++;
	}
	t->row = 0;
}

static void
search_pick(struct tui *t)
{
	struct catalog_item	 it;
	struct sale_item	 si;

	if (t->row >= t->nfound) {
		tui_message(t, 1, _("Type part of a name, then pick with the "
		    "arrows and Enter."));
		return;
	}
	it = t->found[t->row];
	memset(&t->found[t->row], 0, sizeof t->found[t->row]);
	tui_go_sale(t);
	if (it.unit == UNIT_KG) {
		ask_weight(t, &it);
		return;
	}
	catalog_item_to_sale(&it, &si);
	add_line(t, &si, QTY_ONE);
	catalog_item_clear(&it);
}

static void
start_search(struct tui *t)
{
	t->back = MODE_SALE;
	t->mode = MODE_SEARCH;
	tui_clear_input(t);
	list_clear(t);
	tui_message(t, 0, NULL);
}

/* --- Lines: void, discounts, price ------------------------------------- */

static void	void_line(struct tui *, int);

/* A void after payment started, approved. */
static void
void_paid_go(struct tui *t)
{
	enum tui_mode	 back = t->back;

	if (t->mode == MODE_PROMPT)
		t->mode = back == MODE_PAY ? MODE_PAY : MODE_SALE;
	tui_clear_input(t);
	void_line(t, t->pending_line);
}

static void
void_line(struct tui *t, int i)
{
	char	*cause = NULL;
	int	 rc;

	if (i < 0) {
		tui_message(t, 1, _("There is no line to void."));
		return;
	}
	if (t->sale->ntenders > 0 && t->approver_id == 0 &&
	    !rights_allow(&t->user, ACT_VOID_PAID)) {
		t->pending_line = i;
		staff_need(t, ACT_VOID_PAID, void_paid_go);
		return;
	}
	if (t->sale->ntenders > 0)
		rc = sale_void_paid_line(t->sale, (size_t)i, t->approver_id > 0 ?
		    t->approver_id : t->user.id, &cause);
	else
		rc = sale_void_line(t->sale, (size_t)i, &cause);
	t->approver_id = 0;
	if (rc != 0) {
		tui_fail(t, cause);
		return;
	}
	if (t->sale->discount_dropped)
		tui_message(t, 1, _("Voided: %s. The sale discount was more "
		    "than is left, so it is removed; give it again if it "
		    "applies."), t->sale->lines[i].name);
	else
		tui_message(t, 0, _("Voided: %s"), t->sale->lines[i].name);
	select_last(t);
	tui_save(t);
}

static int discount_line;	/* -1: the whole basket */

/* Give the discount typed, approved when it had to be. */
static void
discount_apply(struct tui *t)
{
	const char	*reason = t->pending_text;
	char		*cause = NULL;
	int		 rc;

	if (discount_line < 0)
		rc = sale_basket_discount(t->sale, t->pending_percent ?
		    DISCOUNT_PERCENT : DISCOUNT_AMOUNT, t->pending_amount,
		    reason, &cause);
	else
		rc = sale_line_discount(t->sale, (size_t)discount_line,
		    t->pending_percent ? DISCOUNT_PERCENT : DISCOUNT_AMOUNT,
		    t->pending_amount, reason, &cause);
	tui_go_sale(t);
	if (rc != 0) {
		tui_fail(t, cause);
		return;
	}
	if (discount_line < 0)
		t->sale->approver_id = t->approver_id;
	else
		t->sale->lines[discount_line].approver_id = t->approver_id;
	tui_message(t, 0, t->approver_id > 0 ? _("Discount given, approved "
	    "by user %lld.") : _("Discount given."),
	    (long long)t->approver_id);
	t->approver_id = 0;
	tui_save(t);
}

static void
discount_reason(struct tui *t, const char *reason)
{
	int64_t	 base, amount;

	if (*reason == '\0') {
		tui_message(t, 1, _("A discount needs a reason."));
		return;
	}
	snprintf(t->pending_text, sizeof t->pending_text, "%s", reason);
	/* Above the store's limit, a manager approves (rights.c). */
	if (discount_line < 0) {
		base = t->sale->subtotal;
	} else {
		const struct sale_line *l = &t->sale->lines[discount_line];

		base = l->gross;
	}
	amount = t->pending_percent ? money_percent(base,
	    (int32_t)t->pending_amount) : t->pending_amount;
	staff_need(t, rights_discount_action(amount, base,
	    t->discount_limit_bp), discount_apply);
}

static void
discount_amount(struct tui *t, const char *text)
{
	char	 buf[64], *cause = NULL;
	size_t	 n = strlen(text);

	t->pending_percent = n > 0 && text[n - 1] == '%';
	if (n >= sizeof buf) {
		tui_message(t, 1, _("Type 10%% or an amount such as 2,00"));
		return;
	}
	memcpy(buf, text, n + 1);
	if (t->pending_percent)
		buf[n - 1] = '\0';
	if ((t->pending_percent ? fixed_parse(buf, 2, 10000,
	    &t->pending_amount, &cause) : money_parse(buf, &t->pending_amount,
	    &cause)) != 0 || t->pending_amount <= 0) {
		free(cause);
		tui_message(t, 1, _("Type 10%% or an amount such as 2,00"));
		return;
	}
	tui_ask(t, _("Reason for the discount: "), discount_reason);
}

static void
start_discount(struct tui *t, int basket)
{
	char	prompt[160];

	discount_line = basket ? -1 : tui_selected(t);
	if (sale_active_lines(t->sale) == 0 || (!basket &&
	    discount_line < 0)) {
		tui_message(t, 1, _("There is nothing to discount."));
		return;
	}
	if (basket)
		snprintf(prompt, sizeof prompt, "%s",
		    /* xgettext:no-c-format */
		    _("Discount on the whole sale (10% or 2,00): "));
	else
		snprintf(prompt, sizeof prompt, _("Discount on %s (10%% or "
		    "2,00): "), t->sale->lines[discount_line].name);
	tui_ask(t, prompt, discount_amount);
	t->back = MODE_SALE;
}

static int override_line;

static void
override_done(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 price;

	if (money_parse(text, &price, &cause) != 0 || price < 0) {
		free(cause);
		tui_message(t, 1, _("Type the new price, such as 3,50"));
		return;
	}
	tui_go_sale(t);
	if (sale_override_price(t->sale, (size_t)override_line, price,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	t->sale->lines[override_line].approver_id = t->approver_id;
	t->approver_id = 0;
	tui_message(t, 0, _("Price changed; the catalog price is kept on "
	    "record."));
	tui_save(t);
}

static void
override_ask(struct tui *t)
{
	char	prompt[160];

	snprintf(prompt, sizeof prompt, _("New price for %s: "),
	    t->sale->lines[override_line].name);
	tui_ask(t, prompt, override_done);
	t->back = MODE_SALE;
}

static void
start_override(struct tui *t)
{
	if ((override_line = tui_selected(t)) < 0) {
		tui_message(t, 1, _("There is no line to change."));
		return;
	}
	t->back = MODE_SALE;
	staff_need(t, ACT_PRICE_OVERRIDE, override_ask);
}

/* --- Park, resume, cancel ---------------------------------------------- */

static void
park_done(struct tui *t, const char *label)
{
	char	*cause = NULL, def[32];
	time_t	 now = time(NULL);

	if (*label == '\0') {
		strftime(def, sizeof def, "%H:%M", localtime(&now));
		label = def;
	}
	tui_go_sale(t);
	if (basket_park(t->db, t->till, t->sale, label, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	sale_clear(t->sale);
	t->sale->cash_unit = t->cash_unit;
	t->sel = 0;
	tui_message(t, 0, _("Sale parked as \"%s\"; F7 resumes it."), label);
}

static void
start_park(struct tui *t)
{
	if (sale_active_lines(t->sale) == 0) {
		tui_message(t, 1, _("There is no sale to park."));
		return;
	}
	if (t->sale->ntenders > 0) {
		tui_message(t, 1, _("Part of this sale is paid: finish it "
		    "first."));
		return;
	}
	tui_ask(t, _("Park this sale as (a name, or Enter for the time): "),
	    park_done);
	t->back = MODE_SALE;
}

static void
resume_pick(struct tui *t, size_t i)
{
	struct sale	*s;
	char		*cause = NULL;

	if (i >= t->nparked)
		return;
	if (basket_unpark(t->db, t->till, t->parked[i].id, &s, &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	sale_free(t->sale);
	t->sale = s;
	t->sale->cash_unit = t->cash_unit;
	sale_recompute(t->sale);
	select_last(t);
	tui_message(t, 0, _("Resumed \"%s\"."), t->parked[i].label);
	parked_free(t->parked, t->nparked);
	t->parked = NULL;
	t->nparked = 0;
	tui_go_sale(t);
}

static void
start_resume(struct tui *t)
{
	char	*cause = NULL, total[MONEY_BUFSIZE], left[160];
	size_t	 i;

	if (t->sale->nlines > 0) {
		tui_message(t, 1, _("Finish or park this sale first."));
		return;
	}
	parked_free(t->parked, t->nparked);
	if (basket_parked(t->db, t->till, &t->parked, &t->nparked,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (t->nparked == 0) {
		tui_message(t, 1, _("No sale is parked."));
		return;
	}
	list_clear(t);
	for (i = 0; i < t->nparked; i++) {
		money_format_plain(t->parked[i].total, t->loc, total,
		    sizeof total);
		snprintf(left, sizeof left, "%s  (%s, %zu)", t->parked[i].label,
		    t->parked[i].at + 11, t->parked[i].lines);
		tui_list_add(t, left, total);
	}
	tui_pick(t, _("Parked sales"), resume_pick);
}

static void
cancel_yes(struct tui *t)
{
	staff_cancel_sale(t);
}

static void
start_cancel(struct tui *t)
{
	if (t->sale->nlines == 0) {
		tui_message(t, 1, _("There is no sale to cancel."));
		return;
	}
	if (t->sale->is_return && t->sale->ntenders == 0) {
		ret_cancel(t);	/* nothing was given back yet */
		return;
	}
	if (t->sale->ntenders > 0) {
		tui_message(t, 1, _("Part of this sale is paid: it cannot be "
		    "cancelled here."));
		return;
	}
	tui_confirm(t, _("Cancel the whole sale? y = yes, n = no"), cancel_yes);
}

/* --- Paying ------------------------------------------------------------ */

#ifdef KASSA_FAULTS
/*
 * A debug build only: KASSA_FAULT=write|sync:K:eio|enospc fails the K-th
 * write or sync of the first sale commit, once, so that a test sees what
 * the cashier sees when the disk fails (tests/integration/console-faults.sh).
 */
static void
fault_arm_once(void)
{
	static int		 armed;
	struct db_fault_spec	 f;
	const char		*spec = getenv("KASSA_FAULT");

	if (armed || spec == NULL)
		return;
	armed = 1;
	if (db_fault_parse(spec, &f, NULL) == 0)
		db_fault_arm(f.op, f.kind, f.from, 1);
}
#endif

void
act_commit(struct tui *t)
{
	char	*cause = NULL;
	int64_t	 no, slip = t->sale->slip_time;
	int	 rc;

	t->sale->user_id = t->user.id;
	t->sale->training = t->training;
#ifdef KASSA_FAULTS
	fault_arm_once();
#endif
	if ((rc = sale_commit(t->db, t->till, t->cashier, t->sale, time(NULL),
	    &no, &cause)) != 0) {
		tui_message(t, 1, _("Could not save the sale: %s. Press Enter "
		    "to try again."), cause);
		if (rc == -2)
			planb_db_error(t, cause);
		free(cause);
		t->mode = MODE_PAY;
		return;
	}
	planb_flush(t);
	t->last_receipt = no;
	t->last_change = t->sale->change;
	sale_clear(t->sale);
	t->sale->cash_unit = t->cash_unit;
	t->sale->training = t->training;
	t->sel = 0;
	t->mode = MODE_DONE;
	t->waiting = outbox_waiting(t->db);
	if (slip != 0) {
		planb_slip_done(t, slip, no);
		return;
	}
	tui_deliver(t);
	tui_message(t, 0, _("Paid. Receipt %lld is saved and queued for "
	    "printing."), (long long)no);
}

static void
start_pay(struct tui *t)
{
	if (sale_active_lines(t->sale) == 0) {
		tui_message(t, 1, _("The sale is empty: add an item first."));
		return;
	}
	if (t->sale->is_return && t->sale->ntenders == 0) {
		ret_pay(t);
		return;
	}
	t->mode = MODE_PAY;
	tui_clear_input(t);
	tui_message(t, 0, NULL);
}

static void
pay_cash(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 amount;
	int	 rc;

	if (sale_is_paid(t->sale)) {	/* a commit that failed before */
		act_commit(t);
		return;
	}
	if (*text == '\0')
		amount = sale_cash_due(t->sale);
	else if (input_is_code(text)) {
		tui_message(t, 1, _("%s looks like a barcode, not an amount: "
		    "finish the payment first."), text);
		return;
	} else if (money_parse(text, &amount, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	/* No customer hands over a thousand euros more than is due. */
	if (amount - sale_cash_due(t->sale) > CASH_CHANGE_MAX) {
		char due[MONEY_BUFSIZE];

		money_format(amount - sale_cash_due(t->sale), t->loc,
		    t->currency, due, sizeof due);
		tui_message(t, 1, _("That would be %s change: check the "
		    "amount and type it again."), due);
		return;
	}
	if ((rc = sale_add_tender(t->sale, TENDER_CASH, amount, &cause)) < 0) {
		tui_fail(t, cause);
		return;
	}
	tui_save(t);
	if (rc == 1)
		act_commit(t);
	else
		tui_message(t, 0, _("Part paid in cash; the rest is still "
		    "due."));
}

/* Ask the terminal: the attempt is stored as pending before anything. */
static void
begin_attempt(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 amount, remaining = sale_remaining(t->sale);

	if (*text == '\0')
		amount = remaining;
	else if (money_parse(text, &amount, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (amount <= 0 || amount > remaining) {
		tui_message(t, 1, _("A %s payment is above zero and at most "
		    "what is left to pay."), method_label(t->pending_method));
		return;
	}
	if (payment_begin(t->db, t->till, t->sale->id, t->pending_method,
	    amount, &t->attempt.id, &cause) != 0) {
		t->mode = MODE_PAY;
		tui_fail(t, cause);
		return;
	}
	snprintf(t->attempt.method, sizeof t->attempt.method, "%s",
	    t->pending_method);
	t->attempt.amount = amount;
	t->attempt.state = PAYMENT_PENDING;
	t->pending_type = strcmp(t->pending_method, "card") == 0 ?
	    TENDER_CARD : TENDER_OTHER;
	t->mode = MODE_TERMINAL;
	tui_clear_input(t);
	tui_message(t, 0, NULL);
}

static void
start_attempt(struct tui *t, const char *method)
{
	char	prompt[160], due[MONEY_BUFSIZE];

	if (sale_is_paid(t->sale)) {
		tui_message(t, 1, _("The sale is paid: press Enter to save "
		    "it."));
		return;
	}
	if (t->sale->id[0] == '\0')
		tui_save(t);		/* the attempt names the basket */
	snprintf(t->pending_method, sizeof t->pending_method, "%s", method);
	money_format_plain(sale_remaining(t->sale), t->loc, due, sizeof due);
	snprintf(prompt, sizeof prompt, _("%s: amount (Enter = %s): "),
	    method_label(method), due);
	tui_ask(t, prompt, begin_attempt);
	t->back = MODE_PAY;
}

static void
other_pick(struct tui *t, size_t i)
{
	if (i >= t->conf->ntenders)
		return;
	list_clear(t);
	t->mode = MODE_PAY;
	start_attempt(t, t->conf->tenders[i]);
}

static void
start_other(struct tui *t)
{
	size_t	i;

	list_clear(t);
	for (i = 0; i < t->conf->ntenders; i++)
		tui_list_add(t, t->conf->tenders[i], NULL);
	tui_pick(t, _("Pay with"), other_pick);
}

static void
approved_ref(struct tui *t, const char *reference)
{
	char	*cause = NULL;
	int	 rc;

	rc = sale_add_tender_ref(t->sale, t->pending_type, t->attempt.method,
	    t->attempt.amount, reference, &cause);
	if (rc < 0) {
		t->mode = MODE_TERMINAL;
		tui_fail(t, cause);
		return;
	}
	/* The approval and the tender are stored together, or not at all. */
	if (payment_approve(t->db, t->attempt.id, reference,
	    t->attempt.state == PAYMENT_UNKNOWN ?
	    "unknown, then approved on the terminal" : "approved", t->till,
	    t->sale, &cause) != 0) {
		sale_remove_tender(t->sale, NULL, NULL);
		t->mode = MODE_TERMINAL;
		tui_fail(t, cause);
		return;
	}
	t->mode = MODE_PAY;
	tui_clear_input(t);
	if (rc == 1)
		act_commit(t);
	else
		tui_message(t, 0, _("%s approved; the rest is still due."),
		    method_label(t->attempt.method));
}

static struct tender taking_back;

static void
take_back_yes(struct tui *t)
{
	char	*cause = NULL;

	if (taking_back.type != TENDER_CASH && payment_refund(t->db, t->till,
	    t->sale->id, taking_back.method, taking_back.amount,
	    "taken back by the cashier, refunded on the terminal",
	    &cause) != 0) {
		t->mode = MODE_PAY;
		tui_fail(t, cause);
		return;
	}
	sale_remove_tender(t->sale, NULL, NULL);
	tui_save(t);
	t->mode = MODE_PAY;
	tui_clear_input(t);
	tui_message(t, 0, _("The payment is taken back; %s is due again."),
	    method_label(taking_back.method));
}

static void
start_take_back(struct tui *t)
{
	char	q[200], amount[MONEY_BUFSIZE];

	if (t->sale->ntenders == 0) {
		tui_message(t, 1, _("No payment has been taken."));
		return;
	}
	taking_back = t->sale->tenders[t->sale->ntenders - 1];
	money_format(taking_back.given, t->loc, t->currency, amount,
	    sizeof amount);
	if (taking_back.type == TENDER_CASH)
		snprintf(q, sizeof q, _("Give back %s in cash? y = yes, "
		    "n = no"), amount);
	else
		snprintf(q, sizeof q, _("Refund %s %s on the terminal first. "
		    "Done? y = yes, n = no"), method_label(taking_back.method),
		    amount);
	tui_confirm(t, q, take_back_yes);
}

static void
terminal_key(struct tui *t, wint_t c)
{
	char	*cause = NULL;

	switch (c) {
	case 'a':
	case 'A':
		tui_ask(t, _("Approved. The terminal's reference (or Enter): "),
		    approved_ref);
		t->back = MODE_TERMINAL;
		break;
	case 'd':
	case 'D':
		if (payment_resolve(t->db, t->attempt.id, PAYMENT_DECLINED,
		    NULL, t->attempt.state == PAYMENT_UNKNOWN ?
		    "unknown, then not on the terminal" : "declined",
		    &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		t->mode = MODE_PAY;
		tui_message(t, 1, _("%s declined: nothing was charged. Take "
		    "another payment."), method_label(t->attempt.method));
		break;
	case 'u':
	case 'U':
		if (t->attempt.state == PAYMENT_UNKNOWN)
			break;
		if (payment_resolve(t->db, t->attempt.id, PAYMENT_UNKNOWN,
		    NULL, NULL, &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		t->attempt.state = PAYMENT_UNKNOWN;
		tui_message(t, 1, _("Outcome unknown: check the terminal's "
		    "last transaction before anything else."));
		break;
	}
}

static void
email_done(struct tui *t, const char *address)
{
	/* Enter alone: the customer's address, when the sale has one. */
	if (*address == '\0' && t->sale->customer_email != NULL)
		address = t->sale->customer_email;
	if (*address != '\0' && !customer_email_valid(address)) {
		tui_message(t, 1, _("\"%s\" is not an email address"),
		    address);
		return;
	}
	free(t->sale->receipt_email);
	t->sale->receipt_email = *address != '\0' ? xstrdup(address) : NULL;
	t->mode = MODE_PAY;
	tui_clear_input(t);
	if (t->sale->receipt_email != NULL)
		tui_message(t, 0, _("The receipt goes to %s."),
		    t->sale->receipt_email);
	else
		tui_message(t, 0, _("The receipt will print."));
}

static void
start_email(struct tui *t)
{
	char	prompt[200];

	if (t->sale->customer_email != NULL) {
		snprintf(prompt, sizeof prompt, _("Email the receipt to "
		    "(Enter: %.120s): "), t->sale->customer_email);
		tui_ask(t, prompt, email_done);
	} else
		tui_ask(t, _("Email the receipt to (Enter: print it): "),
		    email_done);
	t->back = MODE_PAY;
}

/* --- Receipts ---------------------------------------------------------- */

static void
show_receipt(struct tui *t, int64_t no)
{
	struct receipt	*r;
	char		*cause = NULL;

	if (sale_receipt(t->db, t->till, no, 1, &r, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	free(t->receipt_text);
	t->receipt_text = receipt_text(r, 42);
	t->receipt_no = no;
	t->receipt_top = 0;
	receipt_free(r);
	t->mode = MODE_RECEIPT;
}

static void
receipts_pick(struct tui *t, size_t i)
{
	if (i < t->nreceipts)
		show_receipt(t, t->receipts[i].receipt_no);
}

static void
start_receipts(struct tui *t)
{
	char	*cause = NULL, day[11], left[64], total[MONEY_BUFSIZE];
	time_t	 now = time(NULL);
	size_t	 i;

	strftime(day, sizeof day, "%Y-%m-%d", localtime(&now));
	free(t->receipts);
	if (sale_list_day(t->db, t->till, day, &t->receipts, &t->nreceipts,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (t->nreceipts == 0) {
		tui_message(t, 1, _("No receipts today yet."));
		return;
	}
	list_clear(t);
	for (i = 0; i < t->nreceipts; i++) {
		snprintf(left, sizeof left, _("Receipt %lld  %s"),
		    (long long)t->receipts[i].receipt_no,
		    t->receipts[i].at + 11);
		money_format_plain(t->receipts[i].total, t->loc, total,
		    sizeof total);
		tui_list_add(t, left, total);
	}
	tui_pick(t, _("Today's receipts: Enter shows one"), receipts_pick);
	t->back = t->mode == MODE_LIST ? MODE_SALE : t->back;
}

static void
receipt_key(struct tui *t, struct key k)
{
	char	*cause = NULL;

	if (k.fkey && k.wc == KEY_UP && t->receipt_top > 0)
		t->receipt_top--;
	else if (k.fkey && k.wc == KEY_DOWN && t->receipt_text != NULL) {
		int lines = 0;
		const char *p;

		for (p = t->receipt_text; *p != '\0'; p++)
			lines += *p == '\n';
		if (t->receipt_top + view_list_rows() < lines)
			t->receipt_top++;
	}
	else if (t->report_title != NULL && ((!k.fkey && (k.wc == 'p' ||
	    k.wc == 'P')) || (k.fkey && k.wc == KEY_F(2))))
		shift_report_print(t);
	else if (t->report_title != NULL && !k.fkey && k.wc == 0x1b) {
		free(t->receipt_text);
		t->receipt_text = NULL;
		free(t->report_title);
		t->report_title = NULL;
		tui_go_sale(t);
	} else if ((!k.fkey && (k.wc == 'p' || k.wc == 'P')) ||
	    (k.fkey && k.wc == KEY_F(2))) {
		if (outbox_queue_copy(t->db, t->till, t->receipt_no,
		    &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		t->waiting = outbox_waiting(t->db);
		tui_message(t, 0, _("A copy of receipt %lld is queued for "
		    "printing."), (long long)t->receipt_no);
	} else if (!k.fkey && k.wc == 0x1b) {
		free(t->receipt_text);
		t->receipt_text = NULL;
		t->mode = MODE_LIST;
	}
}

/* --- Dispatch ---------------------------------------------------------- */

/*
 * A line ended with Enter: is_scan says a scanner sent it (input.c). A scan
 * goes to the basket wherever that makes sense, and is refused with a
 * message where it does not; it is never read as anything else.
 */
void
act_enter(struct tui *t, const char *text, int is_scan)
{
	switch (t->mode) {
	case MODE_DONE:
		t->mode = MODE_SALE;
		tui_message(t, 0, NULL);
		/* FALLTHROUGH */
	case MODE_SALE:
		if (*text == '\0')
			return;
		if (strcmp(text, "-") == 0)
			void_line(t, tui_selected(t));
		else
			add_code(t, text);
		return;
	case MODE_PAY:
		if (is_scan && t->sale->ntenders == 0) {
			t->mode = MODE_SALE;
			tui_clear_input(t);	/* an amount half typed is not a code */
			add_code(t, text);
			if (!t->msg_error)
				tui_message(t, 0, _("Scanned item added; F9 "
				    "pays."));
			return;
		}
		if (is_scan) {
			tui_message(t, 1, _("Scan refused: part of the sale is "
			    "paid. Finish the payment first."));
			return;
		}
		pay_cash(t, text);
		return;
	case MODE_SEARCH:
		if (is_scan) {
			tui_go_sale(t);
			add_code(t, text);
		} else
			search_pick(t);
		return;
	case MODE_LIST:
		if (*text != '\0') {
			if (is_scan)
				tui_message(t, 1, _("Scan refused: pick from "
				    "the list or press Esc first."));
			return;
		}
		if (t->row < t->nrows)
			t->pick_done(t, t->row);
		return;
	case MODE_PROMPT:
		if (is_scan) {
			tui_message(t, 1, _("Scan refused: answer the question "
			    "or press Esc first."));
			return;
		}
		t->prompt_done(t, text);
		return;
	case MODE_LOGIN:
		if (is_scan) {
			tui_message(t, 1, _("Scan refused: log in first."));
			return;
		}
		staff_login_enter(t, text);
		return;
	case MODE_SHEET:
		sheet_enter(t, text, is_scan);
		return;
	default:
		if (is_scan)
			tui_message(t, 1, _("Scan refused: finish this first."));
		return;
	}
}

int
is_key(struct key k, int fkey, wint_t ctrl, const char *chars)
{
	if (k.fkey)
		return (fkey != 0 && k.wc == (wint_t)fkey);
	if (ctrl != 0 && k.wc == ctrl)
		return (1);
	return (chars != NULL && k.wc < 0x80 && k.wc != 0 &&
	    strchr(chars, (int)k.wc) != NULL);
}

static void
move_sel(struct tui *t, int up)
{
	size_t	i = t->sel;

	if (t->sale->nlines == 0)
		return;
	if (i >= t->sale->nlines)
		i = t->sale->nlines - 1;
	for (;;) {
		if (up ? i == 0 : i + 1 >= t->sale->nlines)
			return;
		i = up ? i - 1 : i + 1;
		if (!t->sale->lines[i].voided)
			break;
	}
	t->sel = i;
}

static void
sale_key(struct tui *t, struct key k)
{
	if (is_key(k, KEY_F(1), 0, "?"))
		t->back = t->mode, t->mode = MODE_HELP;
	else if (is_key(k, KEY_F(2), CTRL('f'), "/"))
		start_search(t);
	else if (is_key(k, KEY_F(3), CTRL('d'), NULL))
		start_discount(t, 0);
	else if (is_key(k, KEY_F(4), CTRL('b'), NULL))
		start_discount(t, 1);
	else if (is_key(k, KEY_F(5), CTRL('o'), NULL))
		start_override(t);
	else if (is_key(k, KEY_F(6), CTRL('p'), NULL))
		start_park(t);
	else if (is_key(k, KEY_F(7), CTRL('r'), NULL))
		start_resume(t);
	else if (is_key(k, KEY_F(8), CTRL('x'), NULL))
		start_cancel(t);
	else if (is_key(k, KEY_F(9), CTRL('t'), "+"))
		start_pay(t);
	else if (is_key(k, KEY_F(10), CTRL('l'), NULL))
		start_receipts(t);
	else if (is_key(k, KEY_F(11), CTRL('k'), NULL))
		staff_lock(t);
	else if (is_key(k, KEY_F(12), CTRL('a'), NULL))
		staff_menu(t);
	else if (is_key(k, 0, CTRL('n'), NULL))
		planb_menu(t);
	else if (is_key(k, 0, CTRL('e'), "@"))
		act_customer(t);
	else if (is_key(k, KEY_DC, CTRL('v'), NULL))
		void_line(t, tui_selected(t));
	else if (is_key(k, KEY_UP, 0, NULL))
		move_sel(t, 1);
	else if (is_key(k, KEY_DOWN, 0, NULL))
		move_sel(t, 0);
	else if (k.wc != 0)
		beep();
}

static void
pay_key(struct tui *t, struct key k)
{
	if (is_key(k, KEY_F(1), 0, "?"))
		t->back = t->mode, t->mode = MODE_HELP;
	else if (is_key(k, KEY_F(2), 0, "cCkK"))
		start_attempt(t, "card");
	else if (is_key(k, KEY_F(3), 0, "oOmM"))
		start_other(t);
	else if (is_key(k, KEY_F(4), 0, "eE"))
		start_email(t);
	else if (is_key(k, KEY_F(6), 0, "rR"))
		start_take_back(t);
	else if (is_key(k, KEY_DC, CTRL('v'), NULL))
		void_line(t, tui_selected(t));
	else if (is_key(k, KEY_UP, 0, NULL))
		move_sel(t, 1);
	else if (is_key(k, KEY_DOWN, 0, NULL))
		move_sel(t, 0);
	else if (is_key(k, KEY_F(11), CTRL('k'), NULL))
		staff_lock(t);
	else if (is_key(k, KEY_F(5), 0, "lL")) {
		t->sale->print_later = !t->sale->print_later;
		tui_message(t, 0, t->sale->print_later ? _("The receipt will "
		    "wait: print it later from the receipts (F10).") :
		    _("The receipt will print."));
	}
	else if (!k.fkey && k.wc == 0x1b) {
		if (t->ilen > 0)
			tui_clear_input(t);
		else if (t->sale->ntenders > 0)
			tui_message(t, 1, _("Part of the sale is paid: take "
			    "the rest, or R takes the payment back."));
		else
			tui_go_sale(t);
	} else if (k.wc != 0)
		beep();
}

static int
text_mode(enum tui_mode m)
{
	return (m == MODE_SALE || m == MODE_PAY || m == MODE_DONE ||
	    m == MODE_PROMPT || m == MODE_SEARCH || m == MODE_SHEET);
}

static void	key_in_mode(struct tui *, struct key);

void
act_key(struct tui *t, struct key k)
{
	enum tui_mode	before = t->mode;

	key_in_mode(t, k);
	/* Digits kept aside on a screen without an input line go with it. */
	if (t->mode != before && !text_mode(before) && t->mode != MODE_PROMPT)
		tui_clear_input(t);
}

static void
key_in_mode(struct tui *t, struct key k)
{
	if (!k.fkey && k.wc == CTRL('q')) {
		t->quit = 1;
		return;
	}
	if (k.fkey && k.wc == KEY_BACKSPACE)
		k.fkey = 0, k.wc = 0x7f;
	if (!k.fkey && (k.wc == 0x7f || k.wc == CTRL('h'))) {
		input_backspace(t);
		if (t->mode == MODE_SEARCH)
			act_search(t);
		return;
	}
	if (t->mode == MODE_DONE) {
		t->mode = MODE_SALE;
		tui_message(t, 0, NULL);
	}
	switch (t->mode) {
	case MODE_SALE:
		if (!k.fkey && k.wc == 0x1b)
			tui_clear_input(t);
		else
			sale_key(t, k);
		break;
	case MODE_PAY:
		pay_key(t, k);
		break;
	case MODE_LOGIN:
		if (!k.fkey && k.wc == 0x1b) {
			tui_clear_input(t);
			t->login_stage = 0;
			t->secret = 0;
		}
		break;
	case MODE_PROMPT:
		if (!k.fkey && k.wc == 0x1b) {
			t->secret = 0;
			if (planb_escape(t))
				break;
			if (t->back == MODE_TERMINAL) {
				t->mode = MODE_TERMINAL;
				tui_clear_input(t);
			} else
				tui_go_back(t);
			tui_message(t, 0, NULL);
		}
		break;
	case MODE_SEARCH:
	case MODE_LIST:
		if (!k.fkey && k.wc == 0x1b) {
			if (t->mode == MODE_LIST && t->back == MODE_RECEIPT)
				t->back = MODE_SALE;
			tui_go_back(t);
		} else if (is_key(k, KEY_UP, 0, NULL) && t->row > 0)
			t->row--;
		else if (is_key(k, KEY_DOWN, 0, NULL) && t->row + 1 < t->nrows)
			t->row++;
		break;
	case MODE_CONFIRM:
		if (is_key(k, 0, 0, "yYjJkK"))
			t->confirm_yes(t);
		else if (is_key(k, 0, 0, "nNeE\x1b"))
			tui_go_back(t);
		break;
	case MODE_TERMINAL:
		if (!k.fkey)
			terminal_key(t, k.wc);
		break;
	case MODE_RECEIPT:
		receipt_key(t, k);
		break;
	case MODE_SHEET:
		sheet_key(t, k);
		break;
	case MODE_HELP:
		t->mode = t->back;
		break;
	default:
		break;
	}
}

/* After start-up: an unresolved payment of the open sale comes first. */
void
act_start(struct tui *t)
{
	struct payment_attempt	a;

	if (payment_unresolved(t->db, t->sale->id, &a, NULL) == 1) {
		t->attempt = a;
		t->pending_type = strcmp(a.method, "card") == 0 ?
		    TENDER_CARD : TENDER_OTHER;
		t->mode = MODE_TERMINAL;
		tui_message(t, 1, _("A %s payment was not finished when kassa "
		    "stopped: check the terminal."), method_label(a.method));
	}
}
