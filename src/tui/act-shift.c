/*
 * The shift at the console, from the till menu (F12 or Ctrl-A): open it
 * with a float counted per denomination (or one amount), the X report,
 * paid-in, paid-out (a manager's) and bank drops, and the close with the
 * drawer counted per denomination, blind when the store says so, which
 * shows the Z and makes a verified backup. The rules are the store's
 * (store/shift.c); these screens only ask.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "conf.h"
#include "db.h"
#include "outbox.h"
#include "receipt-report.h"
#include "shift.h"
#include "table.h"
#include "tui.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)

#define DEFAULT_DENOMINATIONS \
	"50000,20000,10000,5000,2000,1000,500,200,100,50,20,10,5"

/* The cash movement being asked for: "paid_in", "paid_out" or "drop". */
static const char	*move_kind;
static struct z_brief	*zs;
static size_t		 nzs;

/* Whether the till has a shift open now; kept in t->shift_id. */
void
shift_refresh(struct tui *t)
{
	struct shift_info	si;

	if (shift_current(t->db, t->till, &si, NULL) == 1)
		t->shift_id = si.id;
	else
		t->shift_id = 0;
}

void
shift_free(struct tui *t)
{
	free(t->cash);
	t->cash = NULL;
	t->ncash = 0;
	free(t->report_title);
	t->report_title = NULL;
	free(zs);
	zs = NULL;
	nzs = 0;
}

/* --- A report on screen (the receipt view) ------------------------------ */

/* Show text (taken over) under title; P prints it, Esc goes back. */
static void
report_show(struct tui *t, const char *title, char *text)
{
	list_clear(t);
	free(t->receipt_text);
	t->receipt_text = text;
	free(t->report_title);
	t->report_title = xstrdup(title);
	t->receipt_top = 0;
	t->mode = MODE_RECEIPT;
	t->back = MODE_SALE;
}

void
shift_report_print(struct tui *t)
{
	char	*cause = NULL;

	if (outbox_queue_report(t->db, t->report_title, t->receipt_text,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	tui_deliver(t);
	tui_message(t, 0, _("%s is queued for the printer."),
	    t->report_title);
}

/* --- The cash count sheet ----------------------------------------------- */

static int
blind_close(struct tui *t)
{
	char	*v = db_setting(t->db, "store.blind_close", "1");
	int	 blind = strcmp(v, "0") != 0;

	free(v);
	return (blind);
}

static int64_t
cash_total(const struct tui *t)
{
	int64_t	total = 0;

	/* A count past what kassa holds is refused by the store. */
	if (cash_counts_total(t->cash, t->ncash, &total, NULL) != 0)
		return (-1);
	return (total);
}

/* The table: each denomination, its count and amount, the total. */
struct table *
shift_cash_table(struct tui *t)
{
	const struct table_col	 cols[] = {
		{ "denomination", _("Note or coin"), TABLE_TEXT },
		{ "count", _("Count"), TABLE_INT },
		{ "amount", _("Amount"), TABLE_MONEY },
	};
	struct table		*tb;
	char			 d[MONEY_BUFSIZE], left[MONEY_BUFSIZE + 8];
	size_t			 i, r;

	tb = table_create("cash", t->cash_closing ? _("The drawer at the "
	    "close") : _("The float"), cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < t->ncash; i++) {
		money_format_plain(t->cash[i].denomination, t->loc, d,
		    sizeof d);
		snprintf(left, sizeof left, "%s %s", i == t->cash_row ? ">" :
		    " ", d);
		r = table_add_row(tb);
		table_set_text(tb, r, 0, left);
		table_set_int(tb, r, 1, t->cash[i].count);
		table_set_int(tb, r, 2, t->cash[i].denomination *
		    t->cash[i].count);
	}
	table_add_total(tb, _("Total"));
	return (tb);
}

const char *
shift_cash_prompt(const struct tui *t)
{
	static char	prompt[160];
	char		d[MONEY_BUFSIZE];

	if (t->ncash == 0)
		return ("");
	money_format_plain(t->cash[t->cash_row].denomination, t->loc, d,
	    sizeof d);
	snprintf(prompt, sizeof prompt, _("How many of %s? "), d);
	return (prompt);
}

static void
cash_sheet_open(struct tui *t, int closing)
{
	struct shift_figures	 f;
	int64_t			*den;
	char			*text, *cause = NULL, e[MONEY_BUFSIZE];
	size_t			 n, i;

	text = db_setting(t->db, "store.denominations", DEFAULT_DENOMINATIONS);
	if (cash_denominations_parse(text, &den, &n, &cause) != 0) {
		free(text);
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	free(text);
	free(t->cash);
	t->cash = xcalloc(n, sizeof *t->cash);
	for (i = 0; i < n; i++)
		t->cash[i].denomination = den[i];
	free(den);
	t->ncash = n;
	t->cash_row = 0;
	t->cash_closing = closing;
	sheet_free(t);
	t->sheet = SHEET_CASH;
	t->sheet_top = 0;
	t->mode = MODE_SHEET;
	t->back = MODE_SALE;
	tui_clear_input(t);
	sheet_reload(t);
	if (!closing) {
		snprintf(t->sheet_title, sizeof t->sheet_title, "%s",
		    _("Open the shift: count the float"));
		tui_message(t, 0, _("Type how many of each, Enter after each; "
		    "Enter alone (or F9) when done."));
		return;
	}
	snprintf(t->sheet_title, sizeof t->sheet_title, _("Close shift %lld: "
	    "count the drawer"), (long long)t->shift_id);
	if (!blind_close(t) && shift_figures(t->db, t->shift_id, &f,
	    NULL) == 0) {
		money_format_plain(f.expected, t->loc, e, sizeof e);
		snprintf(t->sheet_title, sizeof t->sheet_title, _("Close shift "
		    "%lld: count the drawer (expected %s)"),
		    (long long)t->shift_id, e);
		shift_figures_clear(&f);
	}
	tui_message(t, 0, _("Count the drawer: how many of each, Enter after "
	    "each; Enter alone (or F9) when done."));
}

static void
cash_back(struct tui *t)
{
	t->mode = MODE_SHEET;
	t->back = MODE_SALE;
	tui_clear_input(t);
	sheet_reload(t);
}

/* The counts that are not zero, as the store keeps them. */
static struct cash_count *
cash_nonzero(const struct tui *t, size_t *n)
{
	struct cash_count	*c;
	size_t			 i;

	c = xcalloc(t->ncash + 1, sizeof *c);
	for (i = 0, *n = 0; i < t->ncash; i++)
		if (t->cash[i].count > 0)
			c[(*n)++] = t->cash[i];
	return (c);
}

static void
open_go(struct tui *t, const struct cash_count *c, size_t n, int64_t amount)
{
	char	*cause = NULL, a[MONEY_BUFSIZE];
	int64_t	 id;

	if (shift_open(t->db, t->till, t->user.id, c, n, amount, time(NULL),
	    &id, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	shift_refresh(t);
	if (n > 0)
		cash_counts_total(c, n, &amount, NULL);
	sheet_free(t);
	shift_free(t);
	tui_go_sale(t);
	tui_message(t, 0, _("Shift %lld is open with a float of %s: sell "
	    "away."), (long long)id, money_format_plain(amount, t->loc, a,
	    sizeof a));
}

static void
close_go(struct tui *t)
{
	struct cash_count	*c;
	char			*cause = NULL, *text = NULL, *line = NULL;
	char			 title[64], d[MONEY_BUFSIZE];
	int64_t			 z_no, shift = t->shift_id;
	size_t			 n;
	int			 blind = blind_close(t);

	c = cash_nonzero(t, &n);
	if (shift_close(t->db, t->till, t->user.id, c, n, blind, time(NULL),
	    &z_no, &cause) != 0) {
		free(c);
		cash_back(t);
		tui_fail(t, cause);
		return;
	}
	free(c);
	shift_refresh(t);
	sheet_free(t);
	tui_deliver(t);
	/* The Z is final: what shows is what was stored and queued. */
	if (z_report_load(t->db, t->till, z_no, &text, NULL, &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	/* Then, outside the close's transaction, the backup. */
	backup_after_z(t->db, t->till, t->conf->backup_dir, t->db_path, z_no,
	    t->user.id, &line);
	d[0] = '\0';
	{
		struct z_brief	*l;
		size_t		 nl, i;

		if (z_report_list(t->db, t->till, &l, &nl, NULL) == 0) {
			for (i = 0; i < nl; i++)
				if (l[i].shift_id == shift)
					money_format_plain(l[i].difference,
					    t->loc, d, sizeof d);
			free(l);
		}
	}
	snprintf(title, sizeof title, "Z %lld", (long long)z_no);
	report_show(t, title, text);
	tui_message(t, strncmp(line, "backup:", 7) != 0, _("Z %lld is saved "
	    "and queued for the printer, difference %s; %s"), (long long)z_no,
	    d, line);
	free(line);
}

static void
open_yes(struct tui *t)
{
	struct cash_count	*c;
	size_t			 n;

	c = cash_nonzero(t, &n);
	cash_back(t);
	open_go(t, c, n, 0);
	free(c);
}

/* Enter alone on the count: ask before it counts. */
static void
cash_done(struct tui *t)
{
	char	q[200], a[MONEY_BUFSIZE];
	int64_t	total = cash_total(t);

	if (total < 0) {
		tui_message(t, 1, _("The count adds up to more than kassa can "
		    "hold: check the counts."));
		return;
	}
	money_format_plain(total, t->loc, a, sizeof a);
	if (t->cash_closing) {
		snprintf(q, sizeof q, _("Close shift %lld with %s counted? The "
		    "Z report follows. y = yes, n = no"), (long long)t->shift_id,
		    a);
		tui_confirm(t, q, close_go);
	} else {
		snprintf(q, sizeof q, _("Open the shift with a float of %s? "
		    "y = yes, n = no"), a);
		tui_confirm(t, q, open_yes);
	}
}

void
shift_cash_enter(struct tui *t, const char *text)
{
	int64_t	v;

	if (*text == '\0') {
		cash_done(t);
		return;
	}
	if (fixed_parse(text, 0, 1000000, &v, NULL) != 0) {
		tui_clear_input(t);
		tui_message(t, 1, _("Type how many pieces, such as 3 (0 for "
		    "none)."));
		return;
	}
	t->cash[t->cash_row].count = v;
	if (t->cash_row + 1 < t->ncash)
		t->cash_row++;
	tui_clear_input(t);
	tui_message(t, 0, NULL);
	sheet_reload(t);
}

static void
cash_leave_yes(struct tui *t)
{
	sheet_free(t);
	free(t->cash);
	t->cash = NULL;
	t->ncash = 0;
	tui_go_sale(t);
	tui_message(t, 0, t->cash_closing ? _("The shift stays open.") :
	    _("No shift was opened."));
}

void
shift_cash_key(struct tui *t, struct key k)
{
	if (is_key(k, KEY_UP, 0, NULL) && t->cash_row > 0)
		t->cash_row--;
	else if (is_key(k, KEY_DOWN, 0, NULL) && t->cash_row + 1 < t->ncash)
		t->cash_row++;
	else if (is_key(k, KEY_F(9), CTRL('t'), "+"))
		cash_done(t);
	else if (!k.fkey && k.wc == 0x1b) {
		if (t->ilen > 0)
			tui_clear_input(t);
		else
			tui_confirm(t, _("Leave without counting? y = yes, "
			    "n = no"), cash_leave_yes);
		return;
	} else if (k.wc != 0)
		beep();
	sheet_reload(t);
}

/* --- Opening ------------------------------------------------------------ */

static void
float_done(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 amount;

	if (*text == '\0') {
		cash_sheet_open(t, 0);
		return;
	}
	if (money_parse(text, &amount, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	open_go(t, NULL, 0, amount);
}

/* --- Paid-in, paid-out, drops --------------------------------------------- */

static const char *
move_label(void)
{
	if (strcmp(move_kind, "paid_in") == 0)
		return (_("Paid in"));
	if (strcmp(move_kind, "paid_out") == 0)
		return (_("Paid out"));
	return (_("Bank drop"));
}

static void
move_go(struct tui *t)
{
	char	*cause = NULL, a[MONEY_BUFSIZE];

	tui_go_sale(t);
	if (cash_move(t->db, t->till, t->user.id, t->approver_id, move_kind,
	    t->pending_amount, t->pending_text, time(NULL), &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	money_format_plain(t->pending_amount, t->loc, a, sizeof a);
	if (t->approver_id != 0)
		tui_message(t, 0, _("%s %s recorded (%s), approved by user "
		    "%lld."), move_label(), a, t->pending_text,
		    (long long)t->approver_id);
	else
		tui_message(t, 0, _("%s %s recorded (%s)."), move_label(), a,
		    t->pending_text);
}

static void
move_reason(struct tui *t, const char *text)
{
	if (text[strspn(text, " ")] == '\0') {
		tui_message(t, 1, _("Say why the cash moves: a reason is "
		    "needed."));
		return;
	}
	snprintf(t->pending_text, sizeof t->pending_text, "%s", text);
	tui_message(t, 0, NULL);
	staff_need(t, strcmp(move_kind, "paid_out") == 0 ? ACT_PAID_OUT :
	    strcmp(move_kind, "paid_in") == 0 ? ACT_PAID_IN : ACT_DROP,
	    move_go);
}

static void
move_amount(struct tui *t, const char *text)
{
	char	*cause = NULL, prompt[120];
	int64_t	 amount;

	if (money_parse(text, &amount, &cause) != 0 || amount <= 0) {
		free(cause);
		tui_message(t, 1, _("Type the amount, such as 20,00."));
		return;
	}
	t->pending_amount = amount;
	tui_message(t, 0, NULL);
	snprintf(prompt, sizeof prompt, _("%s: the reason: "), move_label());
	tui_ask(t, prompt, move_reason);
}

static void
move_start(struct tui *t, const char *kind)
{
	char	prompt[120];

	move_kind = kind;
	snprintf(prompt, sizeof prompt, _("%s: the amount: "), move_label());
	tui_ask(t, prompt, move_amount);
	t->back = MODE_SALE;
}

/* --- X, Z reprints ------------------------------------------------------- */

static void
x_show(struct tui *t)
{
	struct shift_figures	 f;
	char			*cause = NULL;

	if (x_report(t->db, t->till, t->user.id, time(NULL), &f,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	report_show(t, "X", shift_report_text(t->db, &f));
	shift_figures_clear(&f);
	tui_message(t, 0, _("The X report: P prints it."));
}

static void
z_pick(struct tui *t, size_t i)
{
	char	*cause = NULL, *text, title[64];

	if (i >= nzs)
		return;
	if (z_report_reprint(t->db, t->till, zs[i].z_no, &text,
	    &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	snprintf(title, sizeof title, "Z %lld copy", (long long)zs[i].z_no);
	report_show(t, title, text);
	tui_message(t, 0, _("Z %lld as it was closed: P prints a copy."),
	    (long long)zs[i].z_no);
}

static void
z_list(struct tui *t)
{
	char	*cause = NULL, left[80], d[MONEY_BUFSIZE];
	size_t	 i;

	free(zs);
	if (z_report_list(t->db, t->till, &zs, &nzs, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (nzs == 0) {
		tui_message(t, 1, _("No Z report is closed on this till yet."));
		return;
	}
	list_clear(t);
	for (i = nzs; i-- > 0;) {
		snprintf(left, sizeof left, _("Z %lld  %s"),
		    (long long)zs[i].z_no, zs[i].created_at);
		money_format_plain(zs[i].difference, t->loc, d, sizeof d);
		tui_list_add(t, left, d);
	}
	/* Newest first: the row is counted from the end. */
	for (i = 0; i < nzs / 2; i++) {
		struct z_brief	tmp = zs[i];

		zs[i] = zs[nzs - 1 - i];
		zs[nzs - 1 - i] = tmp;
	}
	tui_pick(t, _("Z reports: Enter shows one"), z_pick);
	t->back = MODE_SALE;
}

/* --- The till menu's rows ----------------------------------------------- */

enum shift_row {
	ROW_OPEN,
	ROW_X,
	ROW_PAID_IN,
	ROW_PAID_OUT,
	ROW_DROP,
	ROW_CLOSE,
	ROW_ZS,
};

static enum shift_row	rows[8];
static size_t		nrows;

/* Add the shift's rows to the till menu; returns how many. */
size_t
shift_menu_rows(struct tui *t)
{
	shift_refresh(t);
	nrows = 0;
	if (t->shift_id == 0) {
		tui_list_add(t, _("Open a shift"), _("count the float"));
		rows[nrows++] = ROW_OPEN;
	} else {
		tui_list_add(t, _("X report"), _("the shift so far"));
		rows[nrows++] = ROW_X;
		tui_list_add(t, _("Paid in"), NULL);
		rows[nrows++] = ROW_PAID_IN;
		tui_list_add(t, _("Paid out"), _("manager"));
		rows[nrows++] = ROW_PAID_OUT;
		tui_list_add(t, _("Bank drop"), NULL);
		rows[nrows++] = ROW_DROP;
		tui_list_add(t, _("Close the shift"), _("count, Z"));
		rows[nrows++] = ROW_CLOSE;
	}
	tui_list_add(t, _("Z reports: reprint"), NULL);
	rows[nrows++] = ROW_ZS;
	return (nrows);
}

void
shift_menu_pick(struct tui *t, size_t i)
{
	list_clear(t);
	tui_go_sale(t);
	if (i >= nrows)
		return;
	switch (rows[i]) {
	case ROW_OPEN:
		tui_ask(t, _("Float: Enter to count it note by note, or type "
		    "the amount: "), float_done);
		t->back = MODE_SALE;
		break;
	case ROW_X:
		x_show(t);
		break;
	case ROW_PAID_IN:
		move_start(t, "paid_in");
		break;
	case ROW_PAID_OUT:
		move_start(t, "paid_out");
		break;
	case ROW_DROP:
		move_start(t, "drop");
		break;
	case ROW_CLOSE:
		if (sale_active_lines(t->sale) > 0) {
			tui_message(t, 1, _("Finish, park or cancel the sale "
			    "before closing the shift."));
			return;
		}
		cash_sheet_open(t, 1);
		break;
	case ROW_ZS:
		z_list(t);
		break;
	}
}
