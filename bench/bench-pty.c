/*
 * The console in a pseudo-terminal, timed from outside as a cashier and a
 * scanner meet it (tests/pty-term.c runs it and models the screen).
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

#include "bench.h"
#include "money.h"
#include "pty-term.h"
#include "xmalloc.h"

#define TIMEOUT_MS	5000

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
	/* bench/run.py's stores have their admin, user 1, PIN 1111. */
	if (term_login(&t, "1", "1111", TIMEOUT_MS * 4) == 0 ||
	    term_wait(&t, start_screen_done, NULL, TIMEOUT_MS * 4) == 0) {
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
		t1 = term_wait(&t, login_screen_done, NULL, TIMEOUT_MS * 4);
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
	/* bench/run.py's stores have their admin, user 1, PIN 1111. */
	if (term_login(&t, "1", "1111", TIMEOUT_MS * 4) == 0 ||
	    term_wait(&t, start_screen_done, NULL, TIMEOUT_MS * 4) == 0) {
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
