/*
 * The console in a pseudo-terminal, read through libvterm: what the
 * benchmarks time and the crash harness drives. The program runs under
 * forkpty() at TERM_COLS x TERM_ROWS with TERM=xterm-256color; everything
 * it writes goes into a libvterm screen, so "the screen shows X" means what
 * a terminal would show, whatever cursor moves ncurses chose.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "pty-term.h"
#include "xmalloc.h"

uint64_t
term_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec);
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
void
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
ssize_t
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
		*when = term_now_ns();
	if (n <= 0)
		return (-1);
	t->bytes += (size_t)n;
	vterm_input_write(t->vt, buf, (size_t)n);
	return (n);
}

void
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
const char *
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

int
term_has(struct term *t, int from, int to, const char *s)
{
	int	row;

	for (row = from; row <= to; row++)
		if (strstr(term_row(t, row), s) != NULL)
			return (1);
	return (0);
}

/* The input line shows the prompt and nothing typed after it. */
int
term_input_empty(struct term *t, const char *prompt)
{
	const char	*row = term_row(t, ROW_INPUT), *p;

	if ((p = strstr(row, prompt)) == NULL)
		return (0);
	return (p[strlen(prompt)] == '\0');
}

/* The screen as it is, for a message when something did not come. */
void
term_dump(struct term *t)
{
	int	row;

	for (row = 0; row < ROWS; row++)
		fprintf(stderr, "%2d|%s\n", row, term_row(t, row));
}


/* Read until done() says the screen is there; its time, or 0 on timeout. */
uint64_t
term_wait(struct term *t, screen_fn done, void *arg, int ms)
{
	uint64_t	deadline = term_now_ns() + (uint64_t)ms * 1000000;
	uint64_t	when, now;

	if (done(t, arg))
		return (term_now_ns());
	while ((now = term_now_ns()) < deadline) {
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
void
term_drain(struct term *t, int ms)
{
	while (term_read(t, ms, NULL) > 0)
		;
}

int
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

char **
kassa_argv(const char *kassa, const char *db)
{
	static char	*argv[4];

	argv[0] = (char *)kassa;
	argv[1] = (char *)"--db";
	argv[2] = (char *)db;
	argv[3] = NULL;
	return (argv);
}

/* The first screen: status line, empty sale, total, prompt and keys. */
int
start_screen_done(struct term *t, void *arg)
{
	(void)arg;
	return (strstr(term_row(t, 0), "kassa") != NULL &&
	    strstr(term_row(t, 0), "Till") != NULL &&
	    term_has(t, ROW_TOTAL + 2, ROW_TOTAL + 2, "TOTAL") &&
	    term_input_empty(t, "Code:") &&
	    strstr(term_row(t, ROWS - 1), "F9") != NULL);
}

/* The login: the first screen kassa shows. */
int
login_screen_done(struct term *t, void *arg)
{
	(void)arg;
	return (strstr(term_row(t, 0), "kassa") != NULL &&
	    term_input_empty(t, "User number:"));
}

/*
 * Log in (the user number, then the PIN) and wait for the console to say
 * so; 0 when it did not within ms.
 */
uint64_t
term_login(struct term *t, const char *user, const char *pin, int ms)
{
	char	buf[64];

	if (term_wait(t, login_screen_done, NULL, ms) == 0)
		return (0);
	snprintf(buf, sizeof buf, "%s\r", user);
	term_write(t, buf, strlen(buf));
	if (term_wait(t, text_done, (void *)"PIN:", ms) == 0)
		return (0);
	snprintf(buf, sizeof buf, "%s\r", pin);
	term_write(t, buf, strlen(buf));
	return (term_wait(t, text_done, (void *)"Logged in", ms));
}

int
text_done(struct term *t, void *arg)
{
	return (term_has(t, 0, ROWS - 1, arg));
}
