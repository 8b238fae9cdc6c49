/*
 * The screens: the sale with its lines, a large total and item count that
 * are always in view, a status line (cashier, till, printer, receipts
 * waiting, time), the message line, the input line and a key legend that
 * fits the width; and the boxes drawn over it (search, lists, the card
 * terminal, a receipt, the help). Colours where the terminal has them,
 * attributes where it has not.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "catalog.h"
#include "conf.h"
#include "receipt.h"
#include "tui.h"

#define MIN_COLS	80
#define MIN_LINES	24

enum {
	PAIR_STATUS = 1,
	PAIR_TOTAL,
	PAIR_ERROR,
	PAIR_LEGEND,
	PAIR_BOX,
};

static int	colours;
static int	utf8;

void
view_init_colours(void)
{
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!has_colors() || start_color() == ERR)
		return;
	colours = 1;
	use_default_colors();
	init_pair(PAIR_STATUS, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_TOTAL, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_LEGEND, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_BOX, COLOR_BLACK, COLOR_WHITE);
}

/* A colour pair, or the attribute a monochrome terminal gets instead. */
static attr_t
style(int pair, attr_t mono)
{
	return (colours ? COLOR_PAIR(pair) : mono);
}

int
view_too_small(void)
{
	return (COLS < MIN_COLS || LINES < MIN_LINES);
}

int
view_list_rows(void)
{
	return (LINES - 12 > 1 ? LINES - 12 : 1);
}

/* Print s in exactly width columns, cut or padded, left or right. */
static void
put_cols(int y, int x, const char *s, int width, int right)
{
	wchar_t	 wbuf[256];
	size_t	 n;
	int	 w, pad;

	if (width <= 0)
		return;
	n = mbstowcs(wbuf, s, 255);
	if (n == (size_t)-1) {
		mvaddnstr(y, x, s, width);
		return;
	}
	wbuf[n] = L'\0';
	while ((w = wcswidth(wbuf, n)) > width && n > 0)
		wbuf[--n] = L'\0';
	if (w < 0)
		w = (int)n;
	pad = width - w;
	move(y, x);
	if (right)
		for (; pad > 0; pad--)
			addch(' ');
	addnwstr(wbuf, (int)n);
	if (!right)
		for (; pad > 0; pad--)
			addch(' ');
}

static void
draw_too_small(void)
{
	char	buf[160];

	erase();
	snprintf(buf, sizeof buf, _("Terminal too small: kassa needs %dx%d, "
	    "this one is %dx%d."), MIN_COLS, MIN_LINES, COLS, LINES);
	mvaddnstr(0, 0, buf, COLS);
	mvaddnstr(1, 0, _("Make the window larger; the sale is kept. Keys "
	    "and scans are refused until then."), COLS);
	refresh();
}

/* The status line: who and where on the left, devices and time right. */
static void
draw_status(struct tui *t)
{
	char		 left[320], right[160], clock[8], wait[64];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 rw;

	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	if (t->waiting > 0)
		snprintf(wait, sizeof wait, ngettext("%d receipt waiting",
		    "%d receipts waiting", t->waiting), t->waiting);
	else
		snprintf(wait, sizeof wait, "%s", _("no receipts waiting"));
	if (t->conf->printer_uri == NULL)
		snprintf(right, sizeof right, "%s | %s | %s ", _("no printer"),
		    wait, clock);
	else if (t->printer_trouble != NULL)
		snprintf(right, sizeof right, "%s %.40s | %s | %s ",
		    _("PRINTER:"), t->printer_trouble, wait, clock);
	else
		snprintf(right, sizeof right, "%s | %s | %s ", _("printer ok"),
		    wait, clock);
	snprintf(left, sizeof left, " kassa  %s%s | %s %s%s%s%s", t->training ?
	    _("TRAINING | ") : "", t->store_name, _("Till"), t->till_name,
	    t->user.id > 0 ? " | " : "", t->user.id > 0 ? t->cashier : "",
	    t->user.id > 0 && t->shift_id == 0 ? _(" | no shift") : "");
	rw = (int)utf8_width(right);
	attron(style(PAIR_STATUS, A_REVERSE));
	put_cols(0, 0, left, COLS - rw, 0);
	put_cols(0, COLS - rw, right, rw, 1);
	attroff(style(PAIR_STATUS, A_REVERSE));
}

static void
draw_lines(struct tui *t, int top, int bottom)
{
	struct sale	*s = t->sale;
	char		 q[32], p[MONEY_BUFSIZE], tot[MONEY_BUFSIZE];
	char		 qty[64], name[200];
	int		 rows, namew = COLS - 42, y;
	size_t		 i, first = 0, ntend = t->mode == MODE_PAY ||
			    t->mode == MODE_TERMINAL ? s->ntenders : 0;

	attron(A_UNDERLINE);
	put_cols(top, 1, _("Item"), namew, 0);
	put_cols(top, 1 + namew, _("Qty"), 14, 1);
	put_cols(top, 16 + namew, _("Price"), 12, 1);
	put_cols(top, 29 + namew, _("Total"), 12, 1);
	attroff(A_UNDERLINE);
	top++;
	rows = bottom - top - (int)ntend;
	if (rows < 1)
		rows = 1;
	/* Keep the selected line in view, else the last. */
	if (s->nlines > (size_t)rows) {
		first = s->nlines - (size_t)rows;
		if (t->sel < first)
			first = t->sel;
	}
	for (i = first, y = top; i < s->nlines && y < top + rows; i++, y++) {
		struct sale_line *l = &s->lines[i];
		int sel = i == t->sel && t->mode == MODE_SALE;

		if (sel)
			attron(A_REVERSE);
		else if (i + 1 == s->nlines)
			attron(A_BOLD);
		qty_format(l->qty, l->unit == UNIT_KG, t->loc, q, sizeof q);
		snprintf(qty, sizeof qty, "%s%s", q,
		    l->unit == UNIT_KG ? " kg" : "");
		money_format_plain(l->unit_price, t->loc, p, sizeof p);
		if (l->voided)
			snprintf(tot, sizeof tot, "%s", _("VOID"));
		else
			money_format_plain(l->total, t->loc, tot, sizeof tot);
		snprintf(name, sizeof name, "%s%s%s", l->name,
		    l->line_discount + l->basket_discount > 0 ? " *" : "",
		    l->price_source == PRICE_OVERRIDE ? " !" : "");
		put_cols(y, 1, name, namew, 0);
		put_cols(y, 1 + namew, qty, 14, 1);
		put_cols(y, 16 + namew, p, 12, 1);
		put_cols(y, 29 + namew, tot, 12, 1);
		attroff(A_REVERSE | A_BOLD);
	}
	for (i = 0; i < ntend; i++) {
		const struct tender *tn = &s->tenders[i];
		char left[120];

		snprintf(left, sizeof left, "  %s %s%s%s", _("Paid"),
		    method_label(tn->method), tn->reference[0] ? _(" ref ") : "",
		    tn->reference);
		money_format_plain(tn->amount, t->loc, tot, sizeof tot);
		put_cols(bottom - (int)ntend + (int)i, 1, left, namew + 28, 0);
		put_cols(bottom - (int)ntend + (int)i, 29 + namew, tot, 12, 1);
	}
}

/* Digits three rows high, for the total across the room. */
static const char *big_utf8[][3] = {
	{ "█▀█", "█ █", "▀▀▀" }, { "▀█ ", " █ ", "▀▀▀" },
	{ "▀▀█", "█▀▀", "▀▀▀" }, { "▀▀█", " ▀█", "▀▀▀" },
	{ "█ █", "▀▀█", "  ▀" }, { "█▀▀", "▀▀█", "▀▀▀" },
	{ "█▀▀", "█▀█", "▀▀▀" }, { "▀▀█", "  █", "  ▀" },
	{ "█▀█", "█▀█", "▀▀▀" }, { "█▀█", "▀▀█", "▀▀▀" },
};
static const char *big_ascii[][3] = {
	{ "###", "# #", "###" }, { "## ", " # ", "###" },
	{ "###", "## ", "###" }, { "###", " ##", "###" },
	{ "# #", "###", "  #" }, { "###", " ##", "###" },
	{ "#  ", "###", "###" }, { "###", "  #", "  #" },
	{ "###", "###", "###" }, { "###", "###", "  #" },
};

/* Draw an amount in big digits ending at column right; its width. */
static int
draw_big(int y, int right, const char *text)
{
	int		 x, w = 0, row;
	const char	*p;

	for (p = text; *p != '\0'; p++)
		w += (*p >= '0' && *p <= '9') ? 4 : (*p == '-' ? 4 : 2);
	x = right - w;
	for (p = text; *p != '\0'; p++) {
		for (row = 0; row < 3; row++) {
			const char *g;

			if (*p >= '0' && *p <= '9')
				g = utf8 ? big_utf8[*p - '0'][row] :
				    big_ascii[*p - '0'][row];
			else if (*p == '-')
				g = row == 1 ? (utf8 ? "▀▀▀" : "---") : "   ";
			else if (*p == ',' || *p == '.')
				g = row == 2 ? (utf8 ? "▄" : ",") : " ";
			else
				g = " ";
			mvaddstr(y + row, x, g);
		}
		x += (*p >= '0' && *p <= '9') || *p == '-' ? 4 : 2;
	}
	return (w);
}

static void
draw_total(struct tui *t, int y)
{
	char		 small[128], amount[MONEY_BUFSIZE];
	char		 digits[MONEY_BUFSIZE], items[64];
	const char	*label;
	int64_t		 v;
	size_t		 i, j;

	mvhline(y, 0, ACS_HLINE, COLS);
	if (t->sale->slip_time != 0) {
		time_t		when = (time_t)t->sale->slip_time;
		char		slip[128], at[20];
		struct tm	tm;

		localtime_r(&when, &tm);
		strftime(at, sizeof at, "%Y-%m-%d %H:%M", &tm);
		if (t->sale->slip_book[0] != '\0')
			snprintf(slip, sizeof slip, _(" PAPER SLIP %s/%s of %s "),
			    t->sale->slip_book, t->sale->slip_no, at);
		else
			snprintf(slip, sizeof slip, _(" PAPER SLIP of %s "), at);
		attron(style(PAIR_ERROR, A_REVERSE) | A_BOLD);
		put_cols(y, 2, slip, COLS - 4, 0);
		attroff(style(PAIR_ERROR, A_REVERSE) | A_BOLD);
	}
	if (t->mode == MODE_DONE) {
		label = _("CHANGE");
		v = t->last_change;
	} else if (t->mode == MODE_PAY || t->mode == MODE_TERMINAL ||
	    (t->back == MODE_PAY && t->mode != MODE_SALE)) {
		label = _("TO PAY");
		v = sale_cash_due(t->sale);
	} else {
		label = _("TOTAL");
		v = t->sale->total;
	}
	money_format(v, t->loc, t->currency, amount, sizeof amount);
	snprintf(small, sizeof small, " %s  %s ", label, amount);
	snprintf(items, sizeof items, _(" Items %lld"),
	    (long long)t->sale->items);
	attron(A_BOLD);
	put_cols(y + 1, 0, items, 14, 0);
	attroff(A_BOLD);
	if (t->sale->customer_name != NULL) {
		char who[160];

		snprintf(who, sizeof who, _("Customer: %s"),
		    t->sale->customer_name);
		put_cols(y + 1, 14, who, COLS / 2 - 14, 0);
	}
	attron(style(PAIR_TOTAL, A_REVERSE) | A_BOLD);
	put_cols(y + 2, 0, small, 30, 0);
	attroff(style(PAIR_TOTAL, A_REVERSE) | A_BOLD);
	if (t->mode == MODE_PAY && t->sale->cash_unit > 1 &&
	    sale_cash_due(t->sale) != sale_remaining(t->sale)) {
		money_format_plain(sale_remaining(t->sale), t->loc, amount,
		    sizeof amount);
		snprintf(small, sizeof small, _(" by card %s"), amount);
		put_cols(y + 3, 0, small, 30, 0);
	}
	/* The digits of the amount, without grouping spaces. */
	money_format_plain(v, t->loc, amount, sizeof amount);
	for (i = j = 0; amount[i] != '\0' && j < sizeof digits - 1; i++)
		if ((amount[i] >= '0' && amount[i] <= '9') ||
		    amount[i] == ',' || amount[i] == '.' || amount[i] == '-')
			digits[j++] = amount[i];
	digits[j] = '\0';
	attron(A_BOLD);
	draw_big(y + 1, COLS - 3, digits);
	mvaddstr(y + 3, COLS - 2, money_symbol(t->currency));
	attroff(A_BOLD);
}

struct legend_item {
	const char	*key;
	const char	*what;
};

static void
draw_legend(const struct legend_item *items, size_t n)
{
	int	x = 0, w;
	size_t	i;
	char	buf[96];

	attron(style(PAIR_LEGEND, A_REVERSE));
	mvhline(LINES - 1, 0, ' ', COLS);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, " %s %s ", items[i].key,
		    _(items[i].what));
		w = (int)utf8_width(buf);
		if (x + w > COLS)
			break;
		attron(A_BOLD);
		put_cols(LINES - 1, x, items[i].key, (int)utf8_width(
		    items[i].key) + 1, 1);
		attroff(A_BOLD);
		put_cols(LINES - 1, x + (int)utf8_width(items[i].key) + 1,
		    buf + strlen(items[i].key) + 1, w - (int)utf8_width(
		    items[i].key) - 1, 0);
		x += w;
	}
	attroff(style(PAIR_LEGEND, A_REVERSE));
}

/* Help and quit come early, so a narrow screen still shows them. */
static const struct legend_item legend_sale[] = {
	{ "Enter", N_("add") }, { "F9/+", N_("pay") },
	{ "F1/?", N_("help") }, { "F2//", N_("search") },
	{ "Del", N_("void") }, { "^Q", N_("quit") },
	{ "F3", N_("discount") }, { "F4", N_("sale disc.") },
	{ "F5", N_("price") }, { "F6", N_("park") }, { "F7", N_("resume") },
	{ "F8", N_("cancel") }, { "F10", N_("receipts") },
	{ "F11", N_("lock") }, { "F12", N_("menu") },
};
static const struct legend_item legend_pay[] = {
	{ "Enter", N_("cash") }, { "C/F2", N_("card") },
	{ "O/F3", N_("other") }, { "Esc", N_("back") },
	{ "F1/?", N_("help") }, { "E/F4", N_("email") },
	{ "L/F5", N_("print later") }, { "R/F6", N_("take back") },
	{ "^Q", N_("quit") },
};
static const struct legend_item legend_terminal[] = {
	{ "A", N_("approved") }, { "D", N_("declined") },
	{ "U", N_("don't know") }, { "^Q", N_("quit") },
};
static const struct legend_item legend_box[] = {
	{ "\xe2\x86\x91\xe2\x86\x93", N_("choose") }, { "Enter", N_("take") },
	{ "Esc", N_("back") },
};
static const struct legend_item legend_prompt[] = {
	{ "Enter", N_("OK") }, { "Esc", N_("back") },
};
static const struct legend_item legend_receive[] = {
	{ "Enter", N_("add") }, { "F9/+", N_("receive") },
	{ "Esc", N_("leave") }, { "\xe2\x86\x91\xe2\x86\x93", N_("scroll") },
};
static const struct legend_item legend_count[] = {
	{ "Enter", N_("add") }, { "P/F2", N_("print") },
	{ "A/F9", N_("apply") }, { "Esc", N_("leave") },
	{ "\xe2\x86\x91\xe2\x86\x93", N_("scroll") },
};
static const struct legend_item legend_report[] = {
	{ "\xe2\x86\x90\xe2\x86\x92", N_("report") },
	{ "< >", N_("day") }, { "P/F2", N_("print") },
	{ "\xe2\x86\x91\xe2\x86\x93", N_("scroll") }, { "Esc", N_("back") },
};
static const struct legend_item legend_cash[] = {
	{ "Enter", N_("count, next") }, { "\xe2\x86\x91\xe2\x86\x93", N_("choose") },
	{ "F9/+", N_("done") }, { "Esc", N_("leave") },
};
static const struct legend_item legend_receipt[] = {
	{ "\xe2\x86\x91\xe2\x86\x93", N_("scroll") },
	{ "P/F2", N_("print a copy") }, { "Esc", N_("back") },
};

#define LEGEND(a)	draw_legend(a, sizeof a / sizeof a[0])

/* A framed box over the lines area; returns its inner left column. */
static int
draw_box(int top, int height, int width, const char *title)
{
	int	x = (COLS - width) / 2, y;

	attron(style(PAIR_BOX, A_REVERSE));
	for (y = top; y < top + height; y++)
		mvhline(y, x, ' ', width);
	attroff(style(PAIR_BOX, A_REVERSE));
	attron(A_BOLD);
	put_cols(top, x + 1, title, width - 2, 0);
	attroff(A_BOLD);
	return (x + 1);
}

static void
draw_list(struct tui *t, const char *title)
{
	int	top = 2, height = LINES - 9, width = COLS - 8, x, y;
	size_t	i, first = 0, rows = (size_t)(height - 2);

	x = draw_box(top, height, width, title);
	if (t->nrows == 0) {
		put_cols(top + 2, x + 1, t->mode == MODE_SEARCH ?
		    _("Type part of a name.") : _("Nothing here."),
		    width - 4, 0);
		return;
	}
	if (t->row >= rows)
		first = t->row - rows + 1;
	for (i = first, y = top + 1; i < t->nrows && i < first + rows; i++,
	    y++) {
		if (i == t->row)
			attron(A_REVERSE | A_BOLD);
		put_cols(y, x + 1, t->rows[i].left, width - 20, 0);
		put_cols(y, x + width - 19, t->rows[i].right, 15, 1);
		attroff(A_REVERSE | A_BOLD);
	}
}

static void
draw_terminal(struct tui *t)
{
	char	amount[MONEY_BUFSIZE], line[200];
	int	x, top = 4;

	money_format(t->attempt.amount, t->loc, t->currency, amount,
	    sizeof amount);
	snprintf(line, sizeof line, _("%s payment of %s"),
	    method_label(t->attempt.method), amount);
	x = draw_box(top, 8, 64, line);
	if (t->attempt.state == PAYMENT_UNKNOWN) {
		attron(style(PAIR_ERROR, A_BOLD));
		put_cols(top + 2, x + 1, _("OUTCOME UNKNOWN"), 60, 0);
		attroff(style(PAIR_ERROR, A_BOLD));
		put_cols(top + 3, x + 1, _("Check the terminal's last "
		    "transaction or call its helpline."), 60, 0);
		put_cols(top + 4, x + 1, _("The sale cannot be finished and "
		    "nothing can be charged"), 60, 0);
		put_cols(top + 5, x + 1, _("again until you know."), 60, 0);
		put_cols(top + 6, x + 1, _("A = it was approved   D = it was "
		    "not"), 60, 0);
	} else {
		put_cols(top + 2, x + 1, _("Let the customer pay on the "
		    "terminal, then say what it said:"), 60, 0);
		put_cols(top + 4, x + 1, _("A = approved   D = declined   "
		    "U = I cannot tell"), 60, 0);
	}
}

static void
draw_receipt(struct tui *t)
{
	const char	*p = t->receipt_text;
	char		 line[200], title[80];
	int		 top = 1, height = LINES - 3, x, y, skip, n;

	if (t->report_title != NULL)
		snprintf(title, sizeof title, "%s", t->report_title);
	else
		snprintf(title, sizeof title, _("Receipt %lld"),
		    (long long)t->receipt_no);
	x = draw_box(top, height, 48, title);
	for (skip = t->receipt_top; skip > 0 && p != NULL && *p != '\0';
	    skip--) {
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	for (y = top + 1; y < top + height && p != NULL && *p != '\0'; y++) {
		n = (int)strcspn(p, "\n");
		snprintf(line, sizeof line, "%.*s", n, p);
		put_cols(y, x + 2, line, 44, 0);
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* A sheet: its table over the whole screen, scrolled from sheet_top. */
static void
draw_sheet(struct tui *t)
{
	char		*text, *p, *nl;
	int		 top = 1, height = LINES - 4, x, y, skip, lines = 0;

	x = draw_box(top, height, COLS - 2, t->sheet_title);
	text = sheet_text(t, COLS - 6);
	for (p = text; *p != '\0'; p++)
		lines += *p == '\n';
	if (t->sheet_top > lines - (height - 2))
		t->sheet_top = lines - (height - 2) > 0 ? lines - (height - 2) :
		    0;
	p = text;
	for (skip = t->sheet_top; skip > 0 && *p != '\0'; skip--) {
		nl = strchr(p, '\n');
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
	for (y = top + 1; y < top + height && *p != '\0'; y++) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		put_cols(y, x + 1, p, COLS - 6, 0);
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
	free(text);
}

static const char *help_text[] = {
	N_("Selling"),
	N_("  code Enter       add an item (scan, GTIN or PLU)"),
	N_("  2*code Enter     two of it; 0,350*code: 0,350 kg"),
	N_("  F2, / or ^F      search by name; arrows and Enter pick"),
	N_("  Up, Down, Del    choose a line, void it (^V, - Enter too)"),
	/* xgettext:no-c-format */
	N_("  F3 or ^D         discount on the line (10% or 2,00)"),
	N_("  F4 or ^B         discount on the whole sale"),
	N_("  F5 or ^O         change the line's price"),
	N_("  F6 or ^P         park the sale; F7 or ^R resumes one"),
	N_("  F8 or ^X         cancel the sale"),
	N_("  F10 or ^L        today's receipts, reprint a copy"),
	N_("  F11 or ^K        lock the screen; F12 or ^A the till menu"),
	N_("  ^N               plan B: notes, incidents, paper slips"),
	N_("  ^E or @          the customer of the sale: find or add"),
	N_("Paying: F9, + or ^T"),
	N_("  amount Enter     cash; Enter alone: the exact amount"),
	N_("  C or F2          card; O or F3: other tenders"),
	N_("  E or F4          email the receipt; L or F5: print later"),
	N_("  R or F6          take the last payment back; Esc: back"),
	N_("^Q quits; the open sale is kept. Any key closes this help."),
};

static void
draw_help(void)
{
	int	x, y = 2;
	size_t	i;

	x = draw_box(1, LINES - 3, 66, _("Keys"));
	for (i = 0; i < sizeof help_text / sizeof help_text[0] &&
	    y < LINES - 3; i++, y++)
		put_cols(y, x + 1, _(help_text[i]), 62, 0);
}

/* The login: the sale behind it is not shown to whoever walks up. */
static void
draw_login(struct tui *t)
{
	char	line[200];
	int	y = LINES / 2 - 4;

	attron(A_BOLD);
	put_cols(y, 2, t->store_name, COLS - 4, 0);
	attroff(A_BOLD);
	snprintf(line, sizeof line, _("Till %s"), t->till_name);
	put_cols(y + 1, 2, line, COLS - 4, 0);
	put_cols(y + 3, 2, _("Log in: type your user number and Enter, then "
	    "your PIN and Enter."), COLS - 4, 0);
	if (sale_active_lines(t->sale) > 0) {
		snprintf(line, sizeof line, ngettext("An open sale of %zu line "
		    "waits.", "An open sale of %zu lines waits.",
		    sale_active_lines(t->sale)), sale_active_lines(t->sale));
		put_cols(y + 4, 2, line, COLS - 4, 0);
	}
	if (t->training) {
		attron(A_BOLD);
		put_cols(y + 5, 2, _("TRAINING MODE"), COLS - 4, 0);
		attroff(A_BOLD);
	}
}

static void
draw_input(struct tui *t)
{
	char		 prompt[320], due[MONEY_BUFSIZE];
	int		 y = LINES - 2, show = 1;

	switch (t->mode) {
	case MODE_PAY:
		money_format_plain(sale_cash_due(t->sale), t->loc, due,
		    sizeof due);
		snprintf(prompt, sizeof prompt, _("Cash given (Enter = exact "
		    "%s): "), due);
		break;
	case MODE_PROMPT:
		snprintf(prompt, sizeof prompt, "%s", t->prompt);
		break;
	case MODE_SEARCH:
		snprintf(prompt, sizeof prompt, "%s", _("Search: "));
		break;
	case MODE_CONFIRM:
		snprintf(prompt, sizeof prompt, "%s", t->question);
		show = 0;
		break;
	case MODE_SALE:
	case MODE_DONE:
		snprintf(prompt, sizeof prompt, "%s", _("Code: "));
		break;
	case MODE_LOGIN:
		snprintf(prompt, sizeof prompt, "%s", t->login_stage == 0 ?
		    _("User number: ") : _("PIN: "));
		break;
	case MODE_SHEET:
		snprintf(prompt, sizeof prompt, "%s", sheet_prompt(t));
		show = *prompt != '\0';
		break;
	default:
		prompt[0] = '\0';
		show = 0;
		break;
	}
	mvhline(y, 0, ' ', COLS);
	attron(A_BOLD);
	put_cols(y, 1, prompt, (int)utf8_width(prompt), 0);
	attroff(A_BOLD);
	if (show && (t->secret || (t->mode == MODE_LOGIN &&
	    t->login_stage == 1))) {
		size_t	i;

		for (i = 0; i < t->ilen; i++)
			addch('*');
		curs_set(1);
	} else if (show) {
		addstr(t->input);
		curs_set(1);
		move(y, 1 + (int)utf8_width(prompt) + (int)utf8_width(
		    t->input));
	} else
		curs_set(0);
}

void
view_draw(struct tui *t)
{
	int	bottom = LINES - 7;
	/* A sheet stays in view under a question about it. */
	int	on_sheet = t->mode == MODE_SHEET || ((t->mode == MODE_PROMPT ||
		    t->mode == MODE_CONFIRM) && t->back == MODE_SHEET);

	if (view_too_small()) {
		draw_too_small();
		return;
	}
	erase();
	draw_status(t);
	if (t->mode == MODE_LOGIN) {
		draw_login(t);
	} else if (t->mode == MODE_DONE) {
		char done[160];

		snprintf(done, sizeof done, _("Receipt %lld saved. Next "
		    "customer: scan or type a code."),
		    (long long)t->last_receipt);
		put_cols(2, 1, done, COLS - 2, 0);
	} else if (on_sheet)
		draw_sheet(t);
	else
		draw_lines(t, 1, bottom);
	if (t->mode != MODE_LOGIN && !on_sheet)
		draw_total(t, bottom);
	switch (t->mode) {
	case MODE_SEARCH:
		draw_list(t, _("Search by name"));
		break;
	case MODE_LIST:
		draw_list(t, t->list_title);
		break;
	case MODE_TERMINAL:
		draw_terminal(t);
		break;
	case MODE_RECEIPT:
		draw_receipt(t);
		break;
	case MODE_HELP:
		draw_help();
		break;
	default:
		break;
	}
	if (t->msg != NULL) {
		attron(t->msg_error ? style(PAIR_ERROR, A_STANDOUT) | A_BOLD :
		    A_BOLD);
		put_cols(LINES - 3, 0, t->msg, COLS, 0);
		attroff(style(PAIR_ERROR, A_STANDOUT) | A_BOLD);
	}
	switch (t->mode) {
	case MODE_PAY:
		LEGEND(legend_pay);
		break;
	case MODE_TERMINAL:
		LEGEND(legend_terminal);
		break;
	case MODE_SEARCH:
	case MODE_LIST:
		LEGEND(legend_box);
		break;
	case MODE_PROMPT:
	case MODE_CONFIRM:
	case MODE_LOGIN:
		LEGEND(legend_prompt);
		break;
	case MODE_RECEIPT:
		LEGEND(legend_receipt);
		break;
	case MODE_SHEET:
		if (t->sheet == SHEET_RECEIVE)
			LEGEND(legend_receive);
		else if (t->sheet == SHEET_COUNT)
			LEGEND(legend_count);
		else if (t->sheet == SHEET_CASH)
			LEGEND(legend_cash);
		else
			LEGEND(legend_report);
		break;
	default:
		LEGEND(legend_sale);
		break;
	}
	draw_input(t);
	refresh();
}
