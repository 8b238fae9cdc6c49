/*
 * The console's event loop: poll() on the terminal and a self-pipe that the
 * signal handlers write to, a one-second tick for the clock. Every key that
 * is waiting is read before the screen is drawn again, so a scanner's burst
 * is taken whole and in order. The open sale is saved on every change, so
 * quitting, a lost terminal, SIGTERM or a crash all leave it for next time.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "cli/cli.h"
#include "db.h"
#include "sales.h"
#include "tui.h"
#include "xmalloc.h"

#define CTRL(c)	((c) & 0x1f)

static int		 sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_quit;

static void
on_signal(int sig)
{
	int	saved = errno;

	sig_quit = sig;
	if (sig_pipe[1] != -1)
		(void)write(sig_pipe[1], "q", 1);
	errno = saved;
}

static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list	ap;

	free(t->msg);
	t->msg = NULL;
	t->msg_error = error;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&t->msg, fmt, ap);
	va_end(ap);
	if (error)
		beep();
}

static void
save_basket(struct tui *t)
{
	char	*cause = NULL;

	if (basket_save(t->db, t->till, t->sale, &cause) != 0) {
		tui_message(t, 1, "%s (the sale is still here; check the "
		    "disk)", cause);
		free(cause);
	}
}

/* "2*code", "0,350*code" or "code". */
static void
add_item(struct tui *t, const char *text)
{
	struct catalog_item	 it;
	struct sale_item	 si;
	const char		*star = strchr(text, '*'), *code = text;
	char			*cause = NULL, qbuf[32];
	int64_t			 qty = QTY_ONE;

	if (star != NULL) {
		if ((size_t)(star - text) >= sizeof qbuf) {
			tui_message(t, 1, "the quantity is too long");
			return;
		}
		memcpy(qbuf, text, star - text);
		qbuf[star - text] = '\0';
		if (qty_parse(qbuf, &qty, &cause) != 0) {
			tui_message(t, 1, "%s", cause);
			free(cause);
			return;
		}
		code = star + 1;
	}
	if (catalog_find(t->db, code, t->instore, t->ninstore, &it,
	    &cause) != 0) {
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	if (it.qty != 0) {
		if (star != NULL) {
			tui_message(t, 1, "%s carries its own weight; scan it "
			    "without a quantity", code);
			catalog_item_clear(&it);
			return;
		}
		qty = it.qty;
	} else if (it.unit == UNIT_KG && star == NULL) {
		tui_message(t, 1, "%s is sold by weight: type the weight, "
		    "then * and the code (0,350*%s)", it.name, code);
		catalog_item_clear(&it);
		return;
	}
	catalog_item_to_sale(&it, &si);
	if (sale_add_line(t->sale, &si, qty, &cause) < 0) {
		tui_message(t, 1, "%s", cause);
		free(cause);
	} else {
		tui_message(t, 0, NULL);
		save_basket(t);
	}
	catalog_item_clear(&it);
}

static void
void_last(struct tui *t)
{
	char	*cause = NULL;
	size_t	 i;

	for (i = t->sale->nlines; i > 0; i--)
		if (!t->sale->lines[i - 1].voided)
			break;
	if (i == 0) {
		tui_message(t, 1, "there is no line to void");
		return;
	}
	if (sale_void_line(t->sale, i - 1, &cause) != 0) {
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	tui_message(t, 0, "voided %s", t->sale->lines[i - 1].name);
	save_basket(t);
}

static void
commit(struct tui *t)
{
	char	*cause = NULL;
	int64_t	 no;

	if (sale_commit(t->db, t->till, t->cashier, t->sale, time(NULL), &no,
	    &cause) != 0) {
		tui_message(t, 1, "could not save the sale: %s. Press Enter "
		    "to try again.", cause);
		free(cause);
		return;
	}
	t->last_receipt = no;
	t->last_total = t->sale->total;
	t->last_change = t->sale->change;
	sale_clear(t->sale);
	t->mode = MODE_DONE;
	tui_message(t, 0, "Paid. Receipt %lld.", (long long)no);
}

/* A scanned barcode in the amount field would be a disaster: refuse it. */
static int
looks_like_barcode(const char *s)
{
	size_t	n = strlen(s);

	return (n >= 8 && strspn(s, "0123456789") == n && gtin_valid(s));
}

static void
pay(struct tui *t)
{
	char	*cause = NULL;
	int64_t	 amount;
	int	 rc;

	if (sale_is_paid(t->sale)) {	/* a commit that failed before */
		commit(t);
		return;
	}
	if (t->ilen == 0)
		amount = sale_cash_due(t->sale);
	else if (looks_like_barcode(t->input)) {
		tui_message(t, 1, "%s looks like a barcode, not an amount: "
		    "finish the payment first", t->input);
		return;
	} else if (money_parse(t->input, &amount, &cause) != 0) {
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	if ((rc = sale_add_tender(t->sale, TENDER_CASH, amount, &cause)) < 0) {
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	save_basket(t);
	if (rc == 1)
		commit(t);
	else
		tui_message(t, 0, "Part paid; the rest is still due.");
}

static void
enter(struct tui *t)
{
	char	text[sizeof t->input];

	memcpy(text, t->input, t->ilen + 1);
	t->ilen = 0;
	t->input[0] = '\0';
	if (t->mode == MODE_PAY) {
		memcpy(t->input, text, strlen(text) + 1);
		t->ilen = strlen(text);
		pay(t);
		t->ilen = 0;
		t->input[0] = '\0';
		return;
	}
	if (text[0] == '\0')
		return;
	if (strcmp(text, "-") == 0)
		void_last(t);
	else
		add_item(t, text);
}

static void
start_payment(struct tui *t)
{
	if (sale_active_lines(t->sale) == 0) {
		tui_message(t, 1, "the sale is empty: add an item first");
		return;
	}
	t->mode = MODE_PAY;
	t->ilen = 0;
	t->input[0] = '\0';
	tui_message(t, 0, NULL);
}

static void
escape(struct tui *t)
{
	if (t->ilen > 0) {
		t->ilen = 0;
		t->input[0] = '\0';
		return;
	}
	if (t->mode == MODE_PAY) {
		if (t->sale->ntenders > 0) {
			tui_message(t, 1, "part of the sale is paid: take "
			    "the rest");
			return;
		}
		t->mode = MODE_SALE;
		tui_message(t, 0, NULL);
	}
}

static void
type_char(struct tui *t, wint_t wc)
{
	char	mb[8];
	int	n;

	if (wc < 0x20 || wc == 0x7f)
		return;
	n = wctomb(mb, (wchar_t)wc);
	if (n <= 0 || t->ilen + (size_t)n >= sizeof t->input - 1)
		return;
	memcpy(t->input + t->ilen, mb, n);
	t->ilen += (size_t)n;
	t->input[t->ilen] = '\0';
}

/* One key: 'fkey' is set when wc is a KEY_* code. */
void
tui_key(struct tui *t, int fkey, wint_t wc)
{
	if (t->mode == MODE_DONE) {
		t->mode = MODE_SALE;	/* the key starts the next sale */
		tui_message(t, 0, NULL);
	}
	if (fkey) {
		switch (wc) {
		case KEY_ENTER:
			enter(t);
			break;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_F(9):
			if (t->mode == MODE_SALE)
				start_payment(t);
			break;
		case KEY_DC:
			if (t->mode == MODE_SALE)
				void_last(t);
			break;
		}
		return;
	}
	switch (wc) {
	case '\r':
	case '\n':
		enter(t);
		return;
	case 0x1b:
		escape(t);
		return;
	case CTRL('q'):
		t->quit = 1;
		return;
	case 0x7f:
	case CTRL('h'):
		goto backspace;
	case '+':
		if (t->mode == MODE_SALE && t->ilen == 0) {
			start_payment(t);
			return;
		}
		break;
	}
	type_char(t, wc);
	return;
backspace:
	while (t->ilen > 0) {
		t->ilen--;
		if (((unsigned char)t->input[t->ilen] & 0xc0) != 0x80)
			break;
	}
	t->input[t->ilen] = '\0';
}

static int
tui_init(struct tui *t, struct ctx *ctx, struct db *db)
{
	char	*cause = NULL, *round, *loc;
	int64_t	 unit = 0;

	memset(t, 0, sizeof *t);
	t->db = db;
	t->till = ctx->conf.till_id;
	t->till_name = ctx->conf.till_name;
	t->cashier = ctx->conf.cashier != NULL ? ctx->conf.cashier : "";
	t->instore = ctx->conf.instore;
	t->ninstore = ctx->conf.ninstore;
	t->store_name = db_setting(db, "store.name", "");
	t->currency = db_setting(db, "store.currency", "EUR");
	loc = db_setting(db, "store.locale", "fi_FI");
	t->loc = money_locale_find(loc);
	free(loc);
	round = db_setting(db, "store.cash_rounding", "0");
	if (money_parse(round, &unit, NULL) != 0 || unit < 0)
		unit = 0;
	free(round);
	if (db_ensure_till(db, t->till, t->till_name, &cause) != 0 ||
	    basket_load(db, t->till, &t->sale, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (-1);
	}
	if (t->sale != NULL) {
		if (t->sale->ntenders == 0)
			t->sale->cash_unit = unit;
		else
			t->mode = MODE_PAY;	/* as it was when it stopped */
		if (sale_is_paid(t->sale))
			tui_message(t, 1, "This sale was paid but not saved "
			    "when kassa stopped: press Enter to save it.");
		else
			tui_message(t, 0, "The open sale is back as it was "
			    "(%zu line%s).", sale_active_lines(t->sale),
			    sale_active_lines(t->sale) == 1 ? "" : "s");
	} else
		t->sale = sale_create(unit);
	return (0);
}

static void
tui_free(struct tui *t)
{
	sale_free(t->sale);
	free(t->store_name);
	free(t->currency);
	free(t->msg);
}

static void
read_keys(struct tui *t)
{
	wint_t	wc;
	int	rc;

	while ((rc = get_wch(&wc)) != ERR) {
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;
		/* Nothing the cashier cannot see goes into the sale. */
		if (view_too_small() && !(rc == OK && wc == CTRL('q'))) {
			beep();
			continue;
		}
		tui_key(t, rc == KEY_CODE_YES, wc);
		if (t->quit)
			return;
	}
}

int
cmd_console(struct ctx *ctx, int argc, char **argv)
{
	struct sigaction	 sa;
	struct pollfd		 pfd[2];
	struct tui		 t;
	struct db		*db;
	char			 drain[64];
	int			 rc;

	/* ä, ö and € need a UTF-8 terminal; a till without a locale gets one. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("kassa: the console needs a terminal (see kassa --help "
		    "for the commands)\n", stderr);
		return (1);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (tui_init(&t, ctx, db) != 0) {
		db_close(db);
		return (1);
	}
	if (pipe(sig_pipe) != 0)
		fatalx("pipe: %s", strerror(errno));
	fcntl(sig_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fatal_set_hook(restore_terminal);
	set_escdelay(25);
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);

	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sig_pipe[0];
	pfd[1].events = POLLIN;
	while (!t.quit && !sig_quit) {
		view_sale_draw(&t);
		rc = poll(pfd, 2, 1000);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc > 0 && (pfd[1].revents & POLLIN))
			while (read(sig_pipe[0], drain, sizeof drain) > 0)
				;
		if (rc > 0 && (pfd[0].revents & (POLLHUP | POLLERR)))
			break;	/* the terminal is gone; the sale is saved */
		read_keys(&t);
	}
	restore_terminal();
	fatal_set_hook(NULL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	if (t.sale->nlines > 0)
		printf("kassa: the open sale (%zu line%s) is saved for next "
		    "time\n", sale_active_lines(t.sale),
		    sale_active_lines(t.sale) == 1 ? "" : "s");
	tui_free(&t);
	db_close(db);
	return (0);
}
