/*
 * The back-office screens of the console, reached from the till menu
 * (F12): receiving a delivery by scanning, a stock count with its
 * variance, and the reports; and the customer of the sale (Ctrl-E). Each
 * screen is a table on a sheet of its own (MODE_SHEET) with the input line
 * below it, so the scanner works there as it does on the sale screen.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "conf.h"
#include "customer.h"
#include "outbox.h"
#include "printer.h"
#include "report.h"
#include "stock.h"
#include "table.h"
#include "tui.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)

/*
 * The back office joins the till menu (F12, staff.c) after its own rows;
 * the customer of the sale is Ctrl-E or @ on the sale screen.
 */

/* The item scanned whose quantity is asked for. */
static struct catalog_item pending;

static void	sheet_refresh(struct tui *);

void
sheet_free(struct tui *t)
{
	table_free(t->sheet_table);
	t->sheet_table = NULL;
	stock_lines_free(t->stock, t->nstock);
	t->stock = NULL;
	t->nstock = 0;
	customers_free(t->customers, t->ncustomers);
	t->customers = NULL;
	t->ncustomers = 0;
	catalog_item_clear(&pending);
}

static void
sheet_open(struct tui *t, enum sheet_kind kind)
{
	t->sheet = kind;
	t->sheet_top = 0;
	t->mode = MODE_SHEET;
	t->back = MODE_SALE;
	tui_clear_input(t);
	sheet_refresh(t);
}

/* Back to the sheet after a question about it. */
static void
sheet_back(struct tui *t)
{
	list_clear(t);
	t->mode = MODE_SHEET;
	t->back = MODE_SALE;
	tui_clear_input(t);
	sheet_refresh(t);
}

static void
sheet_leave(struct tui *t)
{
	sheet_free(t);
	tui_go_sale(t);
	t->back = MODE_SALE;
}

/* Whether the sheet has an input line for codes and quantities. */
const char *
sheet_prompt(const struct tui *t)
{
	if (t->sheet == SHEET_CASH)
		return (shift_cash_prompt(t));
	return (t->sheet == SHEET_REPORT ? "" : _("Scan or type a code "
	    "(N*code for N of it): "));
}

/* The sheet's table as text of the given width; the caller frees it. */
char *
sheet_text(struct tui *t, int width)
{
	if (t->sheet_table == NULL)
		return (xstrdup(""));
	return (table_text(t->sheet_table, t->loc, width));
}

static void
today(char *day, size_t len)
{
	time_t	now = time(NULL);

	strftime(day, len, "%Y-%m-%d", localtime(&now));
}

/* Build the table the sheet shows from what is stored or scanned. */
static void
sheet_refresh(struct tui *t)
{
	const struct table_col	 cols[] = {
		{ "code", _("Code"), TABLE_TEXT },
		{ "item", _("Item"), TABLE_TEXT },
		{ "qty", _("Received"), TABLE_QTY },
	};
	struct stock_line	*l;
	char			*cause = NULL, title[160];
	size_t			 n, i, r;

	table_free(t->sheet_table);
	t->sheet_table = NULL;
	switch (t->sheet) {
	case SHEET_RECEIVE:
		snprintf(title, sizeof title, _("Delivery %s"),
		    t->delivery_ref);
		t->sheet_table = table_create("delivery", title, cols,
		    sizeof cols / sizeof cols[0]);
		for (i = 0; i < t->nstock; i++) {
			r = table_add_row(t->sheet_table);
			table_set_text(t->sheet_table, r, 0, t->stock[i].code);
			table_set_text(t->sheet_table, r, 1, t->stock[i].name);
			table_set_int(t->sheet_table, r, 2, t->stock[i].qty);
		}
		snprintf(t->sheet_title, sizeof t->sheet_title, "%s",
		    _("Receiving a delivery"));
		break;
	case SHEET_COUNT:
		if (stock_count_lines(t->db, t->count_id, &l, &n,
		    &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		t->sheet_table = stock_variance(l, n, t->count_id);
		stock_lines_free(l, n);
		snprintf(t->sheet_title, sizeof t->sheet_title, "%s",
		    _("Stock count"));
		break;
	case SHEET_CASH:
		t->sheet_table = shift_cash_table(t);
		break;
	case SHEET_REPORT:
		if (report_table(t->db, (enum report_kind)t->report_kind,
		    t->report_day, t->report_day, 0, &t->sheet_table,
		    &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		snprintf(t->sheet_title, sizeof t->sheet_title, "%s",
		    _("Reports (all tills)"));
		break;
	}
}

void
sheet_reload(struct tui *t)
{
	sheet_refresh(t);
}

/* Queue the sheet's table for the receipt printer, at its width. */
static void
sheet_print(struct tui *t)
{
	struct printer_profile	 prof;
	char			*text, *cause = NULL;
	int			 width = 42;

	if (t->sheet_table == NULL)
		return;
	if (printer_profile_load(t->conf->printer_profile != NULL ?
	    t->conf->printer_profile : "generic-80mm", &prof, NULL) == 0)
		width = prof.cols_a;
	text = table_text(t->sheet_table, t->loc, width);
	if (print_job_queue(t->db, t->till, "report", t->sheet_title, text,
	    &cause) != 0) {
		free(text);
		tui_fail(t, cause);
		return;
	}
	free(text);
	tui_deliver(t);
	tui_message(t, 0, _("The report is queued for the printer."));
}

/* --- Scanning items on a sheet ------------------------------------------ */

static void
take_qty(struct tui *t, const struct catalog_item *it, int64_t qty)
{
	char	*cause = NULL, q[32];
	int64_t	 now;
	size_t	 i;

	if (t->sheet == SHEET_RECEIVE) {
		if (stock_lines_add(&t->stock, &t->nstock, it->id, it->code,
		    it->name, it->unit, it->price, qty, &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		for (i = 0, now = 0; i < t->nstock; i++)
			if (t->stock[i].item_id == it->id)
				now = t->stock[i].qty;
		tui_message(t, 0, _("%s: %s on the delivery"), it->name,
		    qty_format(now, it->unit == UNIT_KG, t->loc, q, sizeof q));
	} else {
		if (stock_count_add(t->db, t->count_id, it->id, qty, &now,
		    &cause) != 0) {
			tui_fail(t, cause);
			return;
		}
		tui_message(t, 0, _("%s: %s counted"), it->name, qty_format(now,
		    it->unit == UNIT_KG, t->loc, q, sizeof q));
	}
	sheet_refresh(t);
}

static void
qty_done(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 qty = QTY_ONE;

	if ((*text != '\0' || pending.unit == UNIT_KG) &&
	    (qty_parse(text, &qty, &cause) != 0 || qty == 0)) {
		free(cause);
		tui_message(t, 1, _("Type the quantity, such as 12 or 0,350 "
		    "(-2 takes 2 off)"));
		return;
	}
	sheet_back(t);
	take_qty(t, &pending, qty);
	catalog_item_clear(&pending);
}

void
sheet_enter(struct tui *t, const char *text, int is_scan)
{
	const char	*star, *code = text;
	char		*cause = NULL, qbuf[32], prompt[200];
	int64_t		 qty = 0;

	if (t->sheet == SHEET_CASH) {
		if (is_scan)
			tui_message(t, 1, _("Scan refused: count the cash "
			    "first."));
		else
			shift_cash_enter(t, text);
		return;
	}
	if (t->sheet == SHEET_REPORT || *text == '\0')
		return;
	if ((star = strchr(text, '*')) != NULL) {
		if ((size_t)(star - text) >= sizeof qbuf) {
			tui_message(t, 1, _("The quantity is too long."));
			return;
		}
		memcpy(qbuf, text, (size_t)(star - text));
		qbuf[star - text] = '\0';
		if (qty_parse(qbuf, &qty, &cause) != 0 || qty == 0) {
			free(cause);
			tui_message(t, 1, _("Type N*code, such as 12*%s"),
			    star + 1);
			return;
		}
		code = star + 1;
	}
	catalog_item_clear(&pending);
	if (catalog_find(t->db, code, t->conf->instore, t->conf->ninstore,
	    &pending, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (!stock_tracked(t->db, pending.id)) {
		tui_message(t, 1, _("%s is a service: it has no stock."),
		    pending.name);
		catalog_item_clear(&pending);
		return;
	}
	if (pending.qty != 0)
		qty = pending.qty;	/* a label that carries its weight */
	if (qty != 0) {
		take_qty(t, &pending, qty);
		catalog_item_clear(&pending);
		return;
	}
	if (t->sheet == SHEET_RECEIVE)
		snprintf(prompt, sizeof prompt, pending.unit == UNIT_KG ?
		    _("Kilograms of %.100s received: ") :
		    _("Quantity of %.100s received (Enter = 1): "),
		    pending.name);
	else
		snprintf(prompt, sizeof prompt, pending.unit == UNIT_KG ?
		    _("Kilograms of %.100s counted here: ") :
		    _("Quantity of %.100s counted here (Enter = 1): "),
		    pending.name);
	tui_ask(t, prompt, qty_done);
	t->back = MODE_SHEET;
}

/* --- Receiving ---------------------------------------------------------- */

static void
receive_yes(struct tui *t)
{
	char	*cause = NULL;
	int64_t	 id;
	size_t	 n = t->nstock;

	if (stock_receive(t->db, t->till, t->delivery_ref, t->stock,
	    t->nstock, t->user.id, &id, &cause) != 0) {
		sheet_back(t);
		tui_fail(t, cause);
		return;
	}
	sheet_leave(t);
	tui_message(t, 0, ngettext("Delivery %s received: %zu item into "
	    "stock.", "Delivery %s received: %zu items into stock.", n),
	    t->delivery_ref, n);
}

static void
receive_ref(struct tui *t, const char *text)
{
	if (*text == '\0') {
		tui_message(t, 1, _("Type the number on the delivery note (or "
		    "the supplier and date)."));
		return;
	}
	snprintf(t->delivery_ref, sizeof t->delivery_ref, "%s", text);
	sheet_free(t);
	sheet_open(t, SHEET_RECEIVE);
	tui_message(t, 0, _("Scan what was delivered; F9 or + receives it "
	    "into stock."));
}

static void
receive_start(struct tui *t)
{
	tui_ask(t, _("Delivery reference (the number on the delivery note): "),
	    receive_ref);
	t->back = MODE_SALE;
}

/* --- Counting ----------------------------------------------------------- */

/* Apply the count: a manager, or a cashier with a manager's approval. */
static void
apply_go(struct tui *t)
{
	char	*cause = NULL;

	if (stock_count_apply(t->db, t->count_id, t->user.id, t->approver_id,
	    &cause) != 0) {
		sheet_back(t);
		tui_fail(t, cause);
		return;
	}
	sheet_leave(t);
	tui_message(t, 0, _("Stock count %lld is applied: the stock is what "
	    "was counted."), (long long)t->count_id);
}

static void
count_start(struct tui *t)
{
	char	*cause = NULL;

	if (stock_count_open(t->db, t->till, 1, t->user.id, &t->count_id,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	sheet_free(t);
	sheet_open(t, SHEET_COUNT);
	tui_message(t, 0, _("Scan and count; P prints the variance, A "
	    "applies it (a manager)."));
}

/* --- Reports ------------------------------------------------------------ */

static void
reports_start(struct tui *t)
{
	tui_go_sale(t);
	t->report_kind = 0;
	today(t->report_day, sizeof t->report_day);
	sheet_free(t);
	sheet_open(t, SHEET_REPORT);
	tui_message(t, 0, NULL);
}

/* Another day: the day before or after the one shown. */
static void
report_day_step(struct tui *t, int step)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	if (strptime(t->report_day, "%Y-%m-%d", &tm) == NULL)
		return;
	tm.tm_mday += step;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(t->report_day, sizeof t->report_day, "%Y-%m-%d", &tm);
	t->sheet_top = 0;
	sheet_refresh(t);
}

/* --- The menu and the sheet's keys -------------------------------------- */

/* The back-office rows of the till menu (staff.c), and their picks. */
void
act_menu_rows(struct tui *t)
{
	tui_list_add(t, _("Receive a delivery"), _("scan it in"));
	tui_list_add(t, _("Stock count"), _("manager applies"));
	tui_list_add(t, _("Reports"), _("manager"));
}

void
act_menu_pick(struct tui *t, size_t i)
{
	list_clear(t);
	t->mode = MODE_SALE;
	if (i < 2 && t->sale->nlines > 0) {
		tui_message(t, 1, _("Finish or park this sale first."));
		return;
	}
	if (i == 0)
		receive_start(t);
	else if (i == 1)
		count_start(t);
	else
		staff_need(t, ACT_REPORTS, reports_start);
}

static void
leave_yes(struct tui *t)
{
	sheet_leave(t);
	tui_message(t, 0, _("The delivery was not received; nothing "
	    "changed."));
}

void
sheet_key(struct tui *t, struct key k)
{
	int	page = view_list_rows();

	if (t->sheet == SHEET_CASH) {
		shift_cash_key(t, k);
		return;
	}
	if (is_key(k, KEY_UP, 0, NULL) && t->sheet_top > 0)
		t->sheet_top--;
	else if (is_key(k, KEY_DOWN, 0, NULL))
		t->sheet_top++;
	else if (is_key(k, KEY_PPAGE, 0, NULL))
		t->sheet_top = t->sheet_top > page ? t->sheet_top - page : 0;
	else if (is_key(k, KEY_NPAGE, 0, NULL))
		t->sheet_top += page;
	else if (!k.fkey && k.wc == 0x1b) {
		if (t->ilen > 0)
			tui_clear_input(t);
		else if (t->sheet == SHEET_RECEIVE && t->nstock > 0)
			tui_confirm(t, _("Leave without receiving this delivery? "
			    "y = yes, n = no"), leave_yes);
		else {
			if (t->sheet == SHEET_COUNT)
				tui_message(t, 0, _("The count stays open: F12, "
				    "Stock count goes on with it."));
			sheet_leave(t);
		}
	} else if (t->sheet == SHEET_RECEIVE && is_key(k, KEY_F(9),
	    CTRL('t'), "+")) {
		char q[200];

		if (t->nstock == 0) {
			tui_message(t, 1, _("Scan the items of the delivery "
			    "first."));
			return;
		}
		snprintf(q, sizeof q, ngettext("Receive %zu item of delivery "
		    "%.60s into stock? y = yes, n = no", "Receive %zu items of "
		    "delivery %.60s into stock? y = yes, n = no", t->nstock),
		    t->nstock, t->delivery_ref);
		tui_confirm(t, q, receive_yes);
	} else if (t->sheet != SHEET_RECEIVE && is_key(k, KEY_F(2), 0,
	    "pP"))
		sheet_print(t);
	else if (t->sheet == SHEET_COUNT && is_key(k, KEY_F(9), 0, "aA")) {
		if (t->sheet_table == NULL || t->sheet_table->nrows == 0) {
			tui_message(t, 1, _("Nothing is counted yet."));
			return;
		}
		staff_need(t, ACT_STOCK_APPLY, apply_go);
		if (t->mode == MODE_PROMPT)
			t->back = MODE_SHEET;
	} else if (t->sheet == SHEET_REPORT && is_key(k, KEY_RIGHT, 0,
	    NULL)) {
		t->report_kind = (t->report_kind + 1) % REPORT_NKINDS;
		t->sheet_top = 0;
		sheet_refresh(t);
	} else if (t->sheet == SHEET_REPORT && is_key(k, KEY_LEFT, 0, NULL)) {
		t->report_kind = (t->report_kind + REPORT_NKINDS - 1) %
		    REPORT_NKINDS;
		t->sheet_top = 0;
		sheet_refresh(t);
	} else if (t->sheet == SHEET_REPORT && is_key(k, 0, 0, "<"))
		report_day_step(t, -1);
	else if (t->sheet == SHEET_REPORT && is_key(k, 0, 0, ">"))
		report_day_step(t, 1);
	else if (k.wc != 0)
		beep();
}

/* --- The customer of the sale ------------------------------------------- */

static char	new_name[128];
static char	new_phone[128];

static void
attach(struct tui *t, int64_t id, const char *name, const char *email)
{
	sale_set_customer(t->sale, id, name, email);
	tui_save(t);
	tui_go_sale(t);
	if (id != 0)
		tui_message(t, 0, _("%s is the customer of this sale."), name);
	else
		tui_message(t, 0, _("The sale has no customer now."));
}

static void
new_email(struct tui *t, const char *email)
{
	char	*cause = NULL;
	int64_t	 id;

	if (customer_add(t->db, new_name, new_phone, email, &id,
	    &cause) != 0) {
		tui_fail(t, cause);		/* the question stays: type it again */
		return;
	}
	attach(t, id, new_name, email);
}

static void
new_phone_done(struct tui *t, const char *phone)
{
	snprintf(new_phone, sizeof new_phone, "%s", phone);
	tui_ask(t, _("Email (Enter: none): "), new_email);
}

static void
new_name_done(struct tui *t, const char *name)
{
	if (name[strspn(name, " ")] == '\0') {
		tui_message(t, 1, _("A customer needs a name."));
		return;
	}
	snprintf(new_name, sizeof new_name, "%s", name);
	tui_ask(t, _("Phone (Enter: none): "), new_phone_done);
	/* A phone typed to search comes along. */
	if (new_phone[0] != '\0') {
		snprintf(t->input, sizeof t->input, "%s", new_phone);
		t->ilen = strlen(t->input);
	}
}

static void
start_new(struct tui *t, const char *text)
{
	int	digits = *text != '\0' && strspn(text, "0123456789 +-") ==
		    strlen(text);

	snprintf(new_phone, sizeof new_phone, "%s", digits ? text : "");
	tui_ask(t, _("New customer's name: "), new_name_done);
	t->back = MODE_SALE;
	if (!digits && *text != '\0') {
		snprintf(t->input, sizeof t->input, "%s", text);
		t->ilen = strlen(t->input);
	}
}

static char	search_text[128];

static void
customer_pick(struct tui *t, size_t i)
{
	size_t	first = t->sale->customer_id != 0 ? 2 : 1;

	if (t->sale->customer_id != 0 && i == 0) {
		attach(t, 0, NULL, NULL);
		return;
	}
	if (i == first - 1) {
		list_clear(t);
		start_new(t, search_text);
		return;
	}
	i -= first;
	if (i < t->ncustomers)
		attach(t, t->customers[i].id, t->customers[i].name,
		    t->customers[i].email);
	customers_free(t->customers, t->ncustomers);
	t->customers = NULL;
	t->ncustomers = 0;
}

static void
customer_query(struct tui *t, const char *text)
{
	char	*cause = NULL, left[200];
	size_t	 i;

	snprintf(search_text, sizeof search_text, "%s", text);
	customers_free(t->customers, t->ncustomers);
	if (customer_find(t->db, text, 50, &t->customers, &t->ncustomers,
	    &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	list_clear(t);
	if (t->sale->customer_id != 0) {
		snprintf(left, sizeof left, _("Take %.100s off the sale"),
		    t->sale->customer_name);
		tui_list_add(t, left, NULL);
	}
	tui_list_add(t, _("+ New customer"), *text != '\0' ? text : NULL);
	for (i = 0; i < t->ncustomers; i++) {
		snprintf(left, sizeof left, "%s%s%s", t->customers[i].name,
		    *t->customers[i].email != '\0' ? "  " : "",
		    t->customers[i].email);
		tui_list_add(t, left, t->customers[i].phone);
	}
	tui_pick(t, _("Customer of this sale"), customer_pick);
	t->back = MODE_SALE;
	if (t->ncustomers > 0)
		t->row = t->nrows - t->ncustomers;	/* the first match */
}

void
act_customer(struct tui *t)
{
	tui_ask(t, _("Customer: part of a name or a phone (Enter: all): "),
	    customer_query);
	t->back = MODE_SALE;
}
