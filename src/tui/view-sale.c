/*
 * The sale screen: the lines, the total always in view, the message line,
 * the input line and a key legend that fits the width.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "receipt.h"
#include "tui.h"

#define MIN_COLS	80
#define MIN_LINES	24

/* Print s in at most width columns, padded, on the current line. */
static void
put_cols(int y, int x, const char *s, int width, int right)
{
	wchar_t	 wbuf[256];
	size_t	 n;
	int	 w, pad;

	n = mbstowcs(wbuf, s, 255);
	if (n == (size_t)-1) {
		mvaddnstr(y, x, s, width);
		return;
	}
	wbuf[n] = L'\0';
	w = wcswidth(wbuf, n);
	while (w > width && n > 0) {
		wbuf[--n] = L'\0';
		w = wcswidth(wbuf, n);
	}
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

int
view_too_small(void)
{
	return (COLS < MIN_COLS || LINES < MIN_LINES);
}

static void
draw_too_small(void)
{
	char	buf[120];

	erase();
	snprintf(buf, sizeof buf, "Terminal too small: kassa needs %dx%d, "
	    "this one is %dx%d.", MIN_COLS, MIN_LINES, COLS, LINES);
	mvaddnstr(0, 0, buf, COLS);
	mvaddnstr(1, 0, "Make the window larger; the sale is kept. Keys and "
	    "scans are refused until then.", COLS);
	refresh();
}

static void
draw_status(struct tui *t)
{
	char		 buf[256], clock[8];
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	snprintf(buf, sizeof buf, " kassa  %s  | Till %s%s%s", t->store_name,
	    t->till_name, *t->cashier != '\0' ? " | " : "", t->cashier);
	attron(A_REVERSE);
	put_cols(0, 0, buf, COLS - 7, 0);
	put_cols(0, COLS - 7, clock, 7, 1);
	attroff(A_REVERSE);
}

static void
draw_lines(struct tui *t, int top, int bottom)
{
	struct sale	*s = t->sale;
	char		 q[32], p[MONEY_BUFSIZE], tot[MONEY_BUFSIZE];
	char		 qty[64];
	int		 rows = bottom - top, namew = COLS - 42, y;
	size_t		 i, first = 0, last = s->nlines;

	put_cols(top, 1, "Item", namew, 0);
	put_cols(top, 1 + namew, "Qty", 14, 1);
	put_cols(top, 16 + namew, "Price", 12, 1);
	put_cols(top, 29 + namew, "Total", 12, 1);
	top++;
	rows--;
	if (s->nlines > (size_t)rows)
		first = s->nlines - (size_t)rows;
	for (i = first, y = top; i < s->nlines && y < bottom; i++, y++) {
		struct sale_line *l = &s->lines[i];

		if (i + 1 == last)
			attron(A_BOLD);
		qty_format(l->qty, l->unit == UNIT_KG, t->loc, q, sizeof q);
		snprintf(qty, sizeof qty, "%s%s", q,
		    l->unit == UNIT_KG ? " kg" : "");
		money_format_plain(l->unit_price, t->loc, p, sizeof p);
		if (l->voided)
			snprintf(tot, sizeof tot, "VOID");
		else
			money_format_plain(l->total, t->loc, tot, sizeof tot);
		put_cols(y, 1, l->name, namew, 0);
		put_cols(y, 1 + namew, qty, 14, 1);
		put_cols(y, 16 + namew, p, 12, 1);
		put_cols(y, 29 + namew, tot, 12, 1);
		if (i + 1 == last)
			attroff(A_BOLD);
	}
}

static void
draw_total(struct tui *t, int y)
{
	char	buf[128], amount[MONEY_BUFSIZE];

	mvhline(y, 0, ACS_HLINE, COLS);
	snprintf(buf, sizeof buf, " Items %lld", (long long)t->sale->items);
	put_cols(y + 1, 0, buf, 30, 0);
	if (t->mode == MODE_DONE) {
		money_format(t->last_change, t->loc, t->currency, amount,
		    sizeof amount);
		snprintf(buf, sizeof buf, " CHANGE  %s ", amount);
	} else if (t->mode == MODE_PAY) {
		money_format(sale_cash_due(t->sale), t->loc, t->currency,
		    amount, sizeof amount);
		snprintf(buf, sizeof buf, " TO PAY  %s ", amount);
	} else {
		money_format(t->sale->total, t->loc, t->currency, amount,
		    sizeof amount);
		snprintf(buf, sizeof buf, " TOTAL  %s ", amount);
	}
	attron(A_BOLD | A_REVERSE);
	put_cols(y + 1, COLS - 40, buf, 40, 1);
	attroff(A_BOLD | A_REVERSE);
}

void
view_sale_draw(struct tui *t)
{
	char		 prompt[128], due[MONEY_BUFSIZE];
	const char	*legend;
	int		 y;

	if (view_too_small()) {
		draw_too_small();
		return;
	}
	erase();
	draw_status(t);
	if (t->mode == MODE_DONE) {
		snprintf(prompt, sizeof prompt, "Receipt %lld saved. Next "
		    "customer: scan or type a code.",
		    (long long)t->last_receipt);
		put_cols(2, 1, prompt, COLS - 2, 0);
	} else
		draw_lines(t, 2, LINES - 5);
	draw_total(t, LINES - 5);
	if (t->msg != NULL) {
		if (t->msg_error)
			attron(A_BOLD | A_STANDOUT);
		put_cols(LINES - 3, 1, t->msg, COLS - 2, 0);
		if (t->msg_error)
			attroff(A_BOLD | A_STANDOUT);
	}
	if (t->mode == MODE_PAY) {
		money_format_plain(sale_cash_due(t->sale), t->loc, due,
		    sizeof due);
		snprintf(prompt, sizeof prompt, "Cash given (Enter = exact "
		    "%s): ", due);
		legend = " Enter pay  Esc back to the sale  Ctrl-Q quit";
	} else {
		snprintf(prompt, sizeof prompt, "Code: ");
		legend = " Enter add  N* quantity  Del void last  F9/+ pay  "
		    "Esc clear  Ctrl-Q quit";
	}
	y = LINES - 2;
	mvaddstr(y, 1, prompt);
	addstr(t->input);
	mvhline(LINES - 1, 0, ' ', COLS);
	attron(A_REVERSE);
	put_cols(LINES - 1, 0, legend, COLS, 0);
	attroff(A_REVERSE);
	move(y, 1 + (int)utf8_width(prompt) + (int)utf8_width(t->input));
	refresh();
}
