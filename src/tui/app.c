/*
 * The console's event loop: poll() on the terminal and on a self-pipe that
 * the signal handlers write to, with a one-second tick for the clock and
 * the status line. Every key waiting is read, stamped with the time it was
 * read, and handled before the screen is drawn again, so a scanner's burst
 * is taken whole and in order. The open sale is saved on every change, so
 * quitting, a lost terminal, SIGTERM, SIGHUP or a crash all leave it for
 * next time.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <config.h>

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
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "cli/cli.h"
#include "outbox.h"
#include "db.h"
#include "db-fault.h"
#include "sales.h"
#include "tui.h"
#include "xmalloc.h"

static int		 sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_quit;

static void
on_signal(int sig)
{
	int	saved = errno;

	sig_quit = sig;
	if (sig_pipe[1] != -1)
		(void)!write(sig_pipe[1], "q", 1);
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

/* Keep the open sale on disk; on failure it stays on screen all the same. */
void
tui_save(struct tui *t)
{
	char	*cause = NULL;

	if (basket_save(t->db, t->till, t->sale, &cause) != 0) {
		tui_message(t, 1, _("%s (the sale is still here; check the "
		    "disk)"), cause);
		planb_db_error(t, cause);
		free(cause);
	} else
		planb_flush(t);
}

/*
 * Deliver the receipts waiting without making the cashier wait: a 'kassa
 * deliver' of its own, in the background, with the same database and
 * configuration. Its output goes nowhere; what it did is in the outbox.
 */
void
tui_deliver(struct tui *t)
{
	pid_t	 pid;
	int	 fd;

	if ((pid = fork()) != 0)
		return;		/* the parent, or fork failed: try next time */
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	setsid();
	if (t->conf->path != NULL)
		execl("/proc/self/exe", "kassa", "--db", t->db_path,
		    "--config", t->conf->path, "deliver", "--quiet",
		    (char *)NULL);
	else
		execl("/proc/self/exe", "kassa", "--db", t->db_path,
		    "deliver", "--quiet", (char *)NULL);
	_exit(127);
}

/*
 * One console per till: a second one on the same database and till would
 * overwrite the first one's open sale. The lock is a file beside the
 * database, held for as long as the console runs.
 */
static int
till_lock(struct ctx *ctx)
{
	char	*path;
	int	 fd;

	xasprintf(&path, "%s.till%lld.lock", ctx->db_path,
	    (long long)ctx->conf.till_id);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		/* No folder yet: ctx_open_db says what to do about it. */
		free(path);
		return (-2);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, _("kassa: the console of till %lld is already "
		    "open on %s; to watch it, use tmux attach -r (see "
		    "kassa(1))\n"), (long long)ctx->conf.till_id,
		    ctx->db_path);
		close(fd);
		free(path);
		return (-1);
	}
	free(path);
	return (fd);
}

static int
tui_init(struct tui *t, struct ctx *ctx, struct db *db)
{
	char	*cause = NULL, *round, *loc;

	memset(t, 0, sizeof *t);
	t->db = db;
	t->conf = &ctx->conf;
	t->db_path = ctx->db_path;
	t->till = ctx->conf.till_id;
	t->till_name = ctx->conf.till_name;
	t->cashier = ctx->conf.cashier != NULL ? ctx->conf.cashier : "";
	t->store_name = db_setting(db, "store.name", "");
	t->currency = db_setting(db, "store.currency", "EUR");
	loc = db_setting(db, "store.locale", "fi_FI");
	t->loc = money_locale_find(loc);
	free(loc);
	round = db_setting(db, "store.cash_rounding", "0");
	if (money_parse(round, &t->cash_unit, NULL) != 0 || t->cash_unit < 0)
		t->cash_unit = 0;
	free(round);
	if (db_ensure_till(db, t->till, t->till_name, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (-1);
	}
	if (basket_load(db, t->till, &t->sale, &cause) != 0) {
		/*
		 * A basket that cannot be read must not lock the till: it is
		 * parked as it is, for support, and selling goes on.
		 */
		free(cause);
		cause = NULL;
		if (basket_set_aside(db, t->till, &cause) != 0) {
			fprintf(stderr, "kassa: %s\n", cause);
			free(cause);
			return (-1);
		}
		tui_message(t, 1, _("The open sale could not be read; it is "
		    "kept among the parked sales for support."));
	} else if (t->sale != NULL) {
		if (t->sale->ntenders == 0)
			t->sale->cash_unit = t->cash_unit;
		else
			t->mode = MODE_PAY;	/* as it was when it stopped */
		t->sel = t->sale->nlines > 0 ? t->sale->nlines - 1 : 0;
		if (sale_is_paid(t->sale))
			tui_message(t, 1, _("This sale was paid but not saved "
			    "when kassa stopped: press Enter to save it."));
		else
			tui_message(t, 0, ngettext("The open sale is back as "
			    "it was (%zu line).", "The open sale is back as "
			    "it was (%zu lines).", sale_active_lines(t->sale)),
			    sale_active_lines(t->sale));
	}
	if (t->sale == NULL)
		t->sale = sale_create(t->cash_unit);
	loc = db_setting(db, "rights.discount_limit", "10");
	if (rate_parse(loc, &t->discount_limit_bp, NULL) != 0)
		t->discount_limit_bp = 1000;
	free(loc);
	t->training = t->sale->training;
	t->waiting = outbox_waiting(db);
	/*
	 * Nobody sells before logging in; the open sale waits behind, and
	 * what there is to say about it is said again after the login.
	 */
	if (t->msg != NULL) {
		t->start_msg = xstrdup(t->msg);
		t->start_error = t->msg_error;
	}
	staff_login_start(t, t->mode, t->msg != NULL ? NULL :
	    _("Log in: your user number, Enter, then your PIN."));
	if (t->waiting > 0)
		tui_deliver(t);		/* what an earlier run left */
	return (0);
}

static void
tui_free(struct tui *t)
{
	list_clear(t);
	staff_free(t);
	ret_free(t);
	sheet_free(t);
	sale_free(t->sale);
	free(t->store_name);
	free(t->currency);
	free(t->msg);
	free(t->receipt_text);
	free(t->printer_trouble);
	free(t->receipts);
	planb_free(t);
	shift_free(t);
	parked_free(t->parked, t->nparked);
	department_list_free(t->depts, t->ndepts);
}

/* Read every key that is waiting; each is stamped when it is read. */
static void
read_keys(struct tui *t)
{
	struct key	k;
	wint_t		wc;
	int		rc;

	while ((rc = get_wch(&wc)) != ERR) {
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			continue;
		/* Nothing the cashier cannot see goes into the sale. */
		if (view_too_small() && !(rc == OK && wc == 0x11)) {
			beep();
			continue;
		}
		k.fkey = rc == KEY_CODE_YES;
		k.wc = wc;
		input_key(t, k, now_ms());
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
	int			 rc, lock;
	size_t			 open;

	/* ä, ö and € need a UTF-8 terminal; a till without a locale gets one. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("kassa: the console needs a terminal (see kassa --help "
		    "for the commands)\n"), stderr);
		return (1);
	}
	if ((lock = till_lock(ctx)) == -1)
		return (1);
#ifdef KASSA_FAULTS
	/* Before the database opens, so that it opens through the shim. */
	if (getenv("KASSA_FAULT") != NULL && db_fault_install() != 0)
		fatalx("KASSA_FAULT: the fault VFS cannot be installed");
#endif
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0) {
		close(lock);
		return (1);
	}
	if (tui_init(&t, ctx, db) != 0) {
		close(lock);
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
	signal(SIGCHLD, SIG_IGN);	/* delivery workers reap themselves */

	fatal_set_hook(restore_terminal);
	/* Lines drawn with Unicode, not a vt100 charset a UTF-8 pane lacks. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	set_escdelay(25);
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	view_init_colours();

	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sig_pipe[0];
	pfd[1].events = POLLIN;
	while (!t.quit && !sig_quit) {
		view_draw(&t);
		rc = poll(pfd, 2, 1000);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc > 0 && (pfd[1].revents & POLLIN))
			while (read(sig_pipe[0], drain, sizeof drain) > 0)
				;
		if (rc > 0 && (pfd[0].revents & (POLLHUP | POLLERR)))
			break;	/* the terminal is gone; the sale is saved */
		if (rc == 0) {
			t.waiting = outbox_waiting(db);
			free(t.printer_trouble);
			t.printer_trouble = t.conf->printer_uri != NULL ?
			    outbox_printer_trouble(db) : NULL;
		}
		read_keys(&t);
	}
	restore_terminal();
	fatal_set_hook(NULL);
	planb_end(&t);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
	if ((open = sale_active_lines(t.sale)) > 0)
		printf(ngettext("kassa: the open sale (%zu line) is saved for "
		    "next time\n", "kassa: the open sale (%zu lines) is saved "
		    "for next time\n", open), open);
	tui_free(&t);
	db_close(db);
	close(lock);
	return (0);
}
