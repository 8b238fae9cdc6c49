/*
 * The console in a pseudo-terminal, timed from outside as a cashier and a
 * scanner meet it. The program runs under forkpty() at 100x30 with
 * TERM=xterm-256color; everything it writes goes into a libvterm screen,
 * so "the screen shows X" means what a terminal would show, whatever
 * cursor moves and partial updates ncurses chose.
 *
 *	scan KASSA DB SCANS N		figure 1: scan to screen
 *	echo N				figure 1's floor: the same bytes
 *					through a program that only echoes
 *	start KASSA DB N		figure 3: start to a complete sale
 *					screen, and resident memory
 *	burst KASSA DB SCANS N PERSALE MS
 *					figure 7: N scans typed MS apart per
 *					character, paid every PERSALE scans
 *
 * One JSON object per series on standard output (bench.h).
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

#include "bench.h"
#include "money.h"
#include "xmalloc.h"

#define ROWS		30
#define COLS		100
#define ROW_TOTAL	(ROWS - 7)	/* the rule above the total */
#define ROW_INPUT	(ROWS - 2)
#define KEY_F9		"\033[20~"
#define TIMEOUT_MS	5000

struct term {
	int		 fd;
	pid_t		 pid;
	VTerm		*vt;
	VTermScreen	*scr;
	size_t		 bytes;		/* read from the program */
};

static void
usage(void)
{
	fputs("usage: bench-pty scan KASSA DB SCANS N\n"
	    "       bench-pty echo N\n"
	    "       bench-pty start KASSA DB N\n"
	    "       bench-pty burst KASSA DB SCANS N PERSALE MS\n", stderr);
	exit(2);
}

static size_t
count_arg(const char *s)
{
	long	v = strtol(s, NULL, 10);

	if (v < 1)
		usage();
	return ((size_t)v);
}

/* The floor's program: raw mode, every byte straight back. */
static void __attribute__((noreturn))
echo_child(void)
{
	struct termios	tio;
	char		buf[4096];
	ssize_t		n;

	tcgetattr(STDIN_FILENO, &tio);
	cfmakeraw(&tio);
	tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0)
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
	_exit(0);
}

/* Start argv (or the echo loop when argv is NULL) in a new pty. */
static void
term_start(struct term *t, char **argv)
{
	struct winsize	ws;

	memset(t, 0, sizeof *t);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = ROWS;
	ws.ws_col = COLS;
	if ((t->pid = forkpty(&t->fd, NULL, NULL, &ws)) < 0)
		fatalx("forkpty: %s", strerror(errno));
	if (t->pid == 0) {
		if (argv == NULL)
			echo_child();
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LC_ALL");
		unsetenv("LC_CTYPE");
		execv(argv[0], argv);
		_exit(127);
	}
	t->vt = vterm_new(ROWS, COLS);
	vterm_set_utf8(t->vt, 1);
	t->scr = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->scr, 1);
	vterm_screen_reset(t->scr, 1);
}

/*
 * Wait up to ms for output and take all there is into the screen. Returns
 * the bytes read (0 on a timeout, -1 at the end); *when is the time of the
 * read, before the screen model spends any time on it.
 */
static ssize_t
term_read(struct term *t, int ms, uint64_t *when)
{
	struct pollfd	pfd;
	char		buf[65536];
	ssize_t		n;

	pfd.fd = t->fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, ms) <= 0)
		return (0);
	n = read(t->fd, buf, sizeof buf);
	if (when != NULL)
		*when = bench_now_ns();
	if (n <= 0)
		return (-1);
	t->bytes += (size_t)n;
	vterm_input_write(t->vt, buf, (size_t)n);
	return (n);
}

static void
term_write(struct term *t, const char *s, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(t->fd, s, len)) < 0) {
			if (errno == EINTR)
				continue;
			fatalx("write to the pty: %s", strerror(errno));
		}
		s += w;
		len -= (size_t)w;
	}
}

/* One row as text, trailing blanks dropped. */
static const char *
term_row(struct term *t, int row)
{
	static char	buf[COLS * 4 + 1];
	VTermRect	r;
	size_t		n;

	r.start_row = row;
	r.end_row = row + 1;
	r.start_col = 0;
	r.end_col = COLS;
	n = vterm_screen_get_text(t->scr, buf, sizeof buf - 1, r);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\n'))
		buf[--n] = '\0';
	return (buf);
}

static int
term_has(struct term *t, int from, int to, const char *s)
{
	int	row;

	for (row = from; row <= to; row++)
		if (strstr(term_row(t, row), s) != NULL)
			return (1);
	return (0);
}

/* The input line shows the prompt and nothing typed after it. */
static int
term_input_empty(struct term *t, const char *prompt)
{
	const char	*row = term_row(t, ROW_INPUT), *p;

	if ((p = strstr(row, prompt)) == NULL)
		return (0);
	return (p[strlen(prompt)] == '\0');
}

/* The screen as it is, for a message when something did not come. */
static void
term_dump(struct term *t)
{
	int	row;

	for (row = 0; row < ROWS; row++)
		fprintf(stderr, "%2d|%s\n", row, term_row(t, row));
}

typedef int (*screen_fn)(struct term *, void *);

/* Read until done() says the screen is there; its time, or 0 on timeout. */
static uint64_t
term_wait(struct term *t, screen_fn done, void *arg, int ms)
{
	uint64_t	deadline = bench_now_ns() + (uint64_t)ms * 1000000;
	uint64_t	when, now;

	if (done(t, arg))
		return (bench_now_ns());
	while ((now = bench_now_ns()) < deadline) {
		switch (term_read(t, (int)((deadline - now) / 1000000) + 1,
		    &when)) {
		case -1:
			return (0);
		case 0:
			continue;
		}
		if (done(t, arg))
			return (when);
	}
	return (0);
}

/* Take whatever comes within ms of quiet. */
static void
term_drain(struct term *t, int ms)
{
	while (term_read(t, ms, NULL) > 0)
		;
}

static int
term_stop(struct term *t, struct rusage *ru)
{
	int	status = 0, i;

	/* Ctrl-Q quits; the open sale stays for next time. */
	term_write(t, "\021", 1);
	for (i = 0; i < 500; i++) {
		term_drain(t, 10);
		if (wait4(t->pid, &status, WNOHANG, ru) == t->pid)
			break;
	}
	if (i == 500) {
		kill(t->pid, SIGKILL);
		wait4(t->pid, &status, 0, ru);
	}
	close(t->fd);
	vterm_free(t->vt);
	return (status);
}

static char **
kassa_argv(const char *kassa, const char *db)
{
	static char	*argv[4];

	argv[0] = (char *)kassa;
	argv[1] = (char *)"--db";
	argv[2] = (char *)db;
	argv[3] = NULL;
	return (argv);
}

/* --- What a complete screen is ------------------------------------------ */

struct sale_screen {
	int64_t		 items;		/* pieces in the sale */
	char		 total[128];	/* "TOTAL  12,34 €" */
	char		 items_text[64];	/* " Items 3 " */
	char		 name[64];	/* the new line's name, cut */
};

static void
sale_screen_set(struct sale_screen *ss, int64_t items, int64_t total,
    const char *name)
{
	const struct money_locale	*fi = money_locale_find("fi_FI");
	char				 amount[MONEY_BUFSIZE];
	size_t				 n;

	ss->items = items;
	money_format(total, fi, "EUR", amount, sizeof amount);
	snprintf(ss->total, sizeof ss->total, "TOTAL  %s", amount);
	snprintf(ss->items_text, sizeof ss->items_text, " Items %lld",
	    (long long)items);
	/* The name column is 58 wide: compare what always fits. */
	n = strlen(name) < 40 ? strlen(name) : 40;
	while (n > 0 && (name[n] & 0xc0) == 0x80)
		n--;
	memcpy(ss->name, name, n);
	ss->name[n] = '\0';
}

/* The new line, the total and the item count, and the input line empty. */
static int
sale_screen_done(struct term *t, void *arg)
{
	struct sale_screen	*ss = arg;
	const char		*row;

	row = term_row(t, ROW_TOTAL + 1);
	if (strncmp(row, ss->items_text, strlen(ss->items_text)) != 0 ||
	    (row[strlen(ss->items_text)] != ' ' &&
	    row[strlen(ss->items_text)] != '\0'))
		return (0);
	if (!term_has(t, ROW_TOTAL + 2, ROW_TOTAL + 2, ss->total))
		return (0);
	if (!term_input_empty(t, "Code:"))
		return (0);
	return (term_has(t, 2, ROW_TOTAL - 1, ss->name));
}

/* The first screen: status line, empty sale, total, prompt and keys. */
static int
start_screen_done(struct term *t, void *arg)
{
	(void)arg;
	return (strstr(term_row(t, 0), "kassa") != NULL &&
	    strstr(term_row(t, 0), "Till") != NULL &&
	    term_has(t, ROW_TOTAL + 2, ROW_TOTAL + 2, "TOTAL") &&
	    term_input_empty(t, "Code:") &&
	    strstr(term_row(t, ROWS - 1), "F9") != NULL);
}

static int
text_done(struct term *t, void *arg)
{
	return (term_has(t, 0, ROWS - 1, arg));
}

/* Pay the exact amount: F9, then Enter; wait for the receipt's number. */
static void
pay_exact(struct term *t)
{
	term_write(t, KEY_F9, strlen(KEY_F9));
	if (term_wait(t, text_done, (void *)"Cash given", TIMEOUT_MS) == 0)
		fatalx("the payment screen did not come");
	usleep(50000);
	term_write(t, "\r", 1);
	if (term_wait(t, text_done, (void *)"saved. Next customer",
	    TIMEOUT_MS) == 0)
		fatalx("the sale was not saved");
	term_drain(t, 20);
}

/* --- Figure 1: scan to screen ------------------------------------------- */

static int
cmd_scan(int argc, char **argv)
{
	struct samples		 sm = { 0 };
	struct sale_screen	 ss;
	struct scan_item	*sc;
	struct term		 t;
	char			 buf[64];
	size_t			 nsc, n, i, per_sale = 20, timeouts = 0;
	int64_t			 items = 0, total = 0;
	uint64_t		 t0, t1;

	if (argc != 5)
		usage();
	n = count_arg(argv[4]);
	sc = scans_load(argv[3], &nsc);
	term_start(&t, kassa_argv(argv[1], argv[2]));
	if (term_wait(&t, start_screen_done, NULL, TIMEOUT_MS * 4) == 0) {
		term_dump(&t);
		fatalx("the console did not start");
	}
	term_drain(&t, 50);
	for (i = 0; i < n; i++) {
		const struct scan_item *it = &sc[(i * 37) % nsc];

		if (items == (int64_t)per_sale) {
			pay_exact(&t);
			items = total = 0;
		}
		items++;
		total += it->price;
		sale_screen_set(&ss, items, total, it->name);
		snprintf(buf, sizeof buf, "%s\r", it->gtin);
		/* From the write on: the bytes may be echoed before it returns. */
		t0 = bench_now_ns();
		term_write(&t, buf, strlen(buf));
		t1 = term_wait(&t, sale_screen_done, &ss, TIMEOUT_MS);
		if (t1 == 0) {
			timeouts++;
			fprintf(stderr, "bench-pty: scan %zu (%s) did not show "
			    "within %d ms\n", i, it->gtin, TIMEOUT_MS);
			break;
		}
		samples_add_ns(&sm, t0, t1);
		/* The rest of this refresh, then a pause like a cashier's. */
		term_drain(&t, 2);
		usleep(5000 + (useconds_t)(i % 7) * 1000);
	}
	/* To check the model against a real terminal (bench/README.md). */
	if (getenv("BENCH_PTY_DUMP") != NULL)
		term_dump(&t);
	bench_emit("scan", "kassa", &sm, "\"timeouts\": %zu, \"per_sale\": "
	    "%zu, \"bytes_per_scan\": %.0f", timeouts, per_sale,
	    (double)t.bytes / (double)(n + n / per_sale + 1));
	term_stop(&t, NULL);
	scans_free(sc, nsc);
	samples_free(&sm);
	return (timeouts > 0);
}

static int
cmd_echo(int argc, char **argv)
{
	struct samples	 sm = { 0 };
	struct term	 t;
	const char	*scan = "6400000000002\r";
	size_t		 n, i, got;
	ssize_t		 r;
	uint64_t	 t0, t1 = 0;

	if (argc != 2)
		usage();
	n = count_arg(argv[1]);
	term_start(&t, NULL);
	usleep(100000);
	term_drain(&t, 20);
	for (i = 0; i < n; i++) {
		t0 = bench_now_ns();
		term_write(&t, scan, strlen(scan));
		/* The screen model sees the bytes too, as it does for kassa. */
		for (got = 0; got < strlen(scan); got += (size_t)r) {
			if ((r = term_read(&t, TIMEOUT_MS, &t1)) <= 0)
				fatalx("the echo did not come back");
		}
		samples_add_ns(&sm, t0, t1);
		usleep(5000 + (useconds_t)(i % 7) * 1000);
	}
	bench_emit("scan", "floor (echo)", &sm, NULL);
	kill(t.pid, SIGTERM);
	waitpid(t.pid, NULL, 0);
	close(t.fd);
	vterm_free(t.vt);
	samples_free(&sm);
	return (0);
}

/* --- Figure 3: start ---------------------------------------------------- */

/* VmHWM of a running process, in KiB. */
static long
vm_hwm(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kib = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return (kib);
}

/* Drop the database's pages from the page cache: a first start of the day. */
static void
evict(const char *db)
{
	const char	*sfx[] = { "", "-wal", "-shm" };
	char		 path[4096];
	size_t		 i;
	int		 fd;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(path, sizeof path, "%s%s", db, sfx[i]);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		fdatasync(fd);
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		close(fd);
	}
}

static int
cmd_start(int argc, char **argv)
{
	struct samples	 warm = { 0 }, cold = { 0 }, hwm = { 0 }, maxrss = { 0 };
	struct rusage	 ru;
	struct term	 t;
	size_t		 n, i;
	uint64_t	 t0, t1;
	long		 kib;

	if (argc != 4)
		usage();
	n = count_arg(argv[3]);
	for (i = 0; i < n + 2; i++) {
		int is_cold = i % 2 == 1;

		if (is_cold)
			evict(argv[2]);
		t0 = bench_now_ns();
		term_start(&t, kassa_argv(argv[1], argv[2]));
		t1 = term_wait(&t, start_screen_done, NULL, TIMEOUT_MS * 4);
		if (t1 == 0)
			fatalx("the console did not start:\n%s", term_row(&t, 0));
		kib = vm_hwm(t.pid);
		term_stop(&t, &ru);
		if (i < 2)
			continue;	/* warm-up */
		samples_add_ns(is_cold ? &cold : &warm, t0, t1);
		/* Memory in MiB, carried in the same sample lists. */
		samples_add(&hwm, (double)kib / 1024);
		samples_add(&maxrss, (double)ru.ru_maxrss / 1024);
	}
	bench_emit("start", "to a complete screen", &warm, NULL);
	bench_emit("start", "database evicted from the page cache", &cold,
	    NULL);
	bench_emit("start", "VmHWM at the first screen (MiB)", &hwm,
	    "\"unit\": \"MiB\"");
	bench_emit("start", "max RSS at exit (MiB)", &maxrss,
	    "\"unit\": \"MiB\"");
	samples_free(&warm);
	samples_free(&cold);
	samples_free(&hwm);
	samples_free(&maxrss);
	return (0);
}

/* --- Figure 7: scanner bursts ------------------------------------------- */

static void
sleep_until(uint64_t ns)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

static int
cmd_burst(int argc, char **argv)
{
	struct samples		 late = { 0 };
	struct scan_item	*sc;
	struct term		 t;
	char			 code[32];
	size_t			 nsc, n, per_sale, i, k, len, sales = 0;
	uint64_t		 gap, next, now, start, worst = 0;

	if (argc != 7)
		usage();
	n = count_arg(argv[4]);
	per_sale = count_arg(argv[5]);
	gap = (uint64_t)count_arg(argv[6]) * 1000000;
	sc = scans_load(argv[3], &nsc);
	term_start(&t, kassa_argv(argv[1], argv[2]));
	if (term_wait(&t, start_screen_done, NULL, TIMEOUT_MS * 4) == 0) {
		term_dump(&t);
		fatalx("the console did not start");
	}
	term_drain(&t, 50);

	/* The expected sales, for bench/run.py to compare with the database. */
	printf("{\"figure\": \"burst\", \"series\": \"expected\", \"sales\": [");
	start = next = bench_now_ns();
	for (i = 0; i < n; i++) {
		const struct scan_item *it = &sc[(i * 13) % nsc];

		if (i % per_sale == 0)
			printf("%s[", sales++ > 0 ? "], " : "");
		printf("%s\"%s\"", i % per_sale != 0 ? ", " : "", it->gtin);
		snprintf(code, sizeof code, "%s\r", it->gtin);
		len = strlen(code);
		for (k = 0; k < len; k++) {
			/* Read the screen while waiting for the next key. */
			while ((now = bench_now_ns()) + 200000 < next)
				term_read(&t, (int)((next - now) / 1000000),
				    NULL);
			sleep_until(next);
			now = bench_now_ns();
			term_write(&t, code + k, 1);
			/* How late each key went out: the scanner's honesty. */
			samples_add_ns(&late, next, now);
			if (now - next > worst)
				worst = now - next;
			next += gap;
		}
		if ((i + 1) % per_sale == 0 || i + 1 == n) {
			/* Let the console catch up, then pay as a cashier. */
			term_drain(&t, 100);
			pay_exact(&t);
			next = bench_now_ns();
		}
	}
	printf("]], \"scans\": %zu, \"per_sale\": %zu, \"gap_ms\": %llu, "
	    "\"seconds\": %.1f}\n", n, per_sale,
	    (unsigned long long)(gap / 1000000),
	    (double)(bench_now_ns() - start) / 1e9);
	bench_emit("burst", "key sent late by", &late, "\"worst_ms\": %.3f",
	    (double)worst / 1e6);
	term_stop(&t, NULL);
	scans_free(sc, nsc);
	samples_free(&late);
	return (0);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(argv[1], "scan") == 0)
		return (cmd_scan(argc - 1, argv + 1));
	if (strcmp(argv[1], "echo") == 0)
		return (cmd_echo(argc - 1, argv + 1));
	if (strcmp(argv[1], "start") == 0)
		return (cmd_start(argc - 1, argv + 1));
	if (strcmp(argv[1], "burst") == 0)
		return (cmd_burst(argc - 1, argv + 1));
	usage();
	return (2);
}
