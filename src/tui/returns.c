/*
 * Returns at the console. From the till menu: the original receipt's
 * number (or Enter for none), then its lines to pick with the quantities
 * to give back (never more than is left of them, net of earlier returns);
 * the return shows as a sale of negative lines. F9 asks the reason code,
 * a manager's approval where the cashier's role is not enough, and gives
 * the money back by the store's policy (returns.refund_to: the original
 * tender, or cash); the store checks it all again at the commit.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "returns.h"
#include "tui.h"
#include "xmalloc.h"

void
ret_free(struct tui *t)
{
	if (t->ret_src != NULL) {
		return_source_clear(t->ret_src);
		free(t->ret_src);
		t->ret_src = NULL;
	}
}

static void	ret_list(struct tui *);

/* The quantity of the line picked. */
static void
ret_qty(struct tui *t, const char *text)
{
	struct returnable	*r = &t->ret_src->lines[t->ret_pick];
	char			*cause = NULL;
	int64_t			 qty;

	if (*text == '\0')
		qty = r->sold - r->returned;	/* all that is left */
	else if (qty_parse(text, &qty, &cause) != 0) {
		tui_fail(t, cause);
		return;
	} else if (r->unit == UNIT_PIECE && qty % QTY_ONE != 0) {
		tui_message(t, 1, _("Type a whole number of pieces."));
		return;
	}
	if (return_add(t->sale, t->ret_src, t->ret_pick, qty, &cause) != 0) {
		ret_list(t);	/* pick again, or Esc */
		tui_fail(t, cause);
		return;
	}
	tui_save(t);
	ret_list(t);
	tui_message(t, 0, _("%s will be returned. Pick more, or Esc and F9 "
	    "to give the money back."), r->name);
}

static void
ret_line_pick(struct tui *t, size_t i)
{
	struct returnable	*r;
	char			 prompt[200];

	if (i >= t->ret_src->nlines)
		return;
	t->ret_pick = i;
	r = &t->ret_src->lines[i];
	snprintf(prompt, sizeof prompt, _("How many of %s (Enter: all that "
	    "is left)? "), r->name);
	tui_ask(t, prompt, ret_qty);
	t->back = MODE_SALE;
}

/* The receipt's lines: sold, returned before, left. */
static void
ret_list(struct tui *t)
{
	char	 left[200], right[64], title[120];
	size_t	 i;

	list_clear(t);
	for (i = 0; i < t->ret_src->nlines; i++) {
		const struct returnable *r = &t->ret_src->lines[i];
		char q[32], p[MONEY_BUFSIZE];

		qty_format(r->sold - r->returned, r->unit == UNIT_KG, t->loc, q,
		    sizeof q);
		money_format_plain(r->total, t->loc, p, sizeof p);
		snprintf(left, sizeof left, "%s", r->name);
		snprintf(right, sizeof right, _("%s left  %s"), q, p);
		tui_list_add(t, left, right);
	}
	snprintf(title, sizeof title, _("Return of receipt %lld: pick a line"),
	    (long long)t->ret_src->receipt_no);
	tui_pick(t, title, ret_line_pick);
	t->back = MODE_SALE;
}

static void
ret_receipt(struct tui *t, const char *text)
{
	struct return_source	*rs;
	char			*cause = NULL, *end;
	long long		 no;

	tui_go_sale(t);
	if (*text == '\0') {
		t->sale->is_return = 1;
		t->sale->training = t->training;
		t->ret_tender = TENDER_CASH;
		tui_save(t);
		tui_message(t, 0, _("A return without a receipt: scan or type "
		    "the items; F9 gives the money back (a manager approves)."));
		return;
	}
	no = strtoll(text, &end, 10);
	if (*end != '\0' || no <= 0) {
		tui_message(t, 1, _("Type the receipt's number, such as 12."));
		return;
	}
	rs = xcalloc(1, sizeof *rs);
	if (return_source_load(t->db, t->till, no, rs, &cause) != 0) {
		free(rs);
		tui_fail(t, cause);
		return;
	}
	ret_free(t);
	t->ret_src = rs;
	t->ret_tender = rs->tender_type;
	t->sale->training = t->training;
	ret_list(t);
}

/* From the till menu: start a return, or add lines to the one open. */
void
ret_start(struct tui *t)
{
	if (t->sale->is_return && t->ret_src != NULL &&
	    t->sale->ntenders == 0) {
		ret_list(t);
		return;
	}
	if (t->sale->nlines > 0) {
		tui_message(t, 1, _("Finish or park the sale before a return."));
		return;
	}
	tui_ask(t, _("Return: the receipt's number (Enter: no receipt): "),
	    ret_receipt);
	t->back = MODE_SALE;
}

int
ret_item(struct tui *t, const struct sale_item *si, int64_t qty,
    char **cause)
{
	if (t->sale->return_of != 0) {
		set_cause(cause, _("this return is of receipt %lld: pick its "
		    "lines from the till menu (Return)"),
		    (long long)t->sale->return_receipt);
		return (-1);
	}
	return (sale_add_return_item(t->sale, si, qty, cause));
}

/* Approved (or not needed): give the money back and commit. */
static void
ret_go(struct tui *t)
{
	char		*cause = NULL, *policy;
	enum tender_type type = (enum tender_type)t->ret_tender;
	char		 amount[MONEY_BUFSIZE];

	tui_go_sale(t);
	policy = db_setting(t->db, "returns.refund_to", "original");
	if (strcmp(policy, "cash") == 0)
		type = TENDER_CASH;
	free(policy);
	t->sale->approver_id = t->approver_id;
	if (type == TENDER_OTHER)
		type = TENDER_CASH;	/* no terminal to give it back on */
	if (sale_refund(t->sale, type, NULL, &cause) < 0) {
		tui_fail(t, cause);
		return;
	}
	money_format_plain(-t->sale->paid, t->loc, amount, sizeof amount);
	act_commit(t);
	if (t->mode == MODE_DONE) {
		tui_message(t, 0, type == TENDER_CARD ? _("Returned: refund %s "
		    "to the card on the terminal. Receipt %lld is saved.") :
		    _("Returned: give back %s in cash. Receipt %lld is "
		    "saved."), amount, (long long)t->last_receipt);
		ret_free(t);
	}
}

static const char *const default_reasons = "damaged,wrong item,unwanted,other";

static void
ret_reason_pick(struct tui *t, size_t i)
{
	if (i >= t->nrows)
		return;
	snprintf(t->sale->return_reason, sizeof t->sale->return_reason, "%s",
	    t->rows[i].left);
	tui_go_sale(t);
	staff_need(t, t->sale->return_of != 0 ? ACT_REFUND :
	    ACT_REFUND_NO_RECEIPT, ret_go);
}

/* F9 on a return: the reason, then the approval, then the money. */
void
ret_pay(struct tui *t)
{
	char	*reasons, *tok, *save;

	if (t->sale->total >= 0) {
		tui_message(t, 1, _("There is nothing to give back."));
		return;
	}
	list_clear(t);
	reasons = db_setting(t->db, "returns.reasons", default_reasons);
	for (tok = strtok_r(reasons, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok != '\0')
			tui_list_add(t, tok, NULL);
	}
	free(reasons);
	tui_pick(t, _("Why is it returned?"), ret_reason_pick);
	t->back = MODE_SALE;
}

void
ret_cancel(struct tui *t)
{
	sale_clear(t->sale);
	t->sale->cash_unit = t->cash_unit;
	t->sale->training = t->training;
	t->sel = 0;
	ret_free(t);
	tui_save(t);
	tui_go_sale(t);
	tui_message(t, 0, _("The return is cancelled; nothing was given "
	    "back."));
}
