/*
 * socket:HOST[:PORT]: a network printer's raw port (AppSocket/JetDirect,
 * 9100 unless given). Every connect, write and read has a deadline, so a
 * printer that went away never hangs the till.
 */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "printer-int.h"
#include "xmalloc.h"

struct socket_data {
	int	 fd;
	char	*host;
	char	*port;
};

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Wait for fd to be ready until the deadline: 1 ready, 0 timed out, -1. */
static int
wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd	pfd;
	int64_t		left;
	int		n;

	for (;;) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		n = poll(&pfd, 1, (int)left);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return (-1);
		return (n);
	}
}

/* "host", "host:9100", "[::1]:9100". */
static int
split_hostport(const char *s, char **host, char **port)
{
	const char	*c;

	if (*s == '[') {
		if ((c = strchr(s, ']')) == NULL)
			return (-1);
		*host = xstrndup(s + 1, (size_t)(c - s - 1));
		c++;
	} else {
		c = strrchr(s, ':');
		if (c == NULL)
			c = s + strlen(s);
		*host = xstrndup(s, (size_t)(c - s));
	}
	if (*c == ':' && c[1] != '\0')
		*port = xstrdup(c + 1);
	else if (*c == '\0')
		*port = xstrdup("9100");
	else {
		free(*host);
		return (-1);
	}
	if (**host == '\0') {
		free(*host);
		free(*port);
		return (-1);
	}
	return (0);
}

static int
socket_open(struct printer *p, const char *rest, char **cause)
{
	struct socket_data	*sd;
	struct addrinfo		 hints, *res, *ai;
	int64_t			 deadline = now_ms() + p->timeout;
	int			 fd = -1, error, err = 0, rc;
	socklen_t		 len;
	char			*host, *port;

	/* socket://host:port as CUPS writes it is accepted too. */
	if (strncmp(rest, "//", 2) == 0)
		rest += 2;
	if (split_hostport(rest, &host, &port) != 0) {
		set_cause(cause, "socket: write socket:HOST[:PORT]");
		return (-1);
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((error = getaddrinfo(host, port, &hints, &res)) != 0) {
		set_cause(cause, "printer %s:%s: %s", host, port,
		    gai_strerror(error));
		free(host);
		free(port);
		return (-1);
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd == -1) {
			err = errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (errno == EINPROGRESS) {
			rc = wait_fd(fd, POLLOUT, deadline);
			if (rc == 1) {
				len = sizeof err;
				if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
				    &len) == 0 && err == 0)
					break;
			} else
				err = rc == 0 ? ETIMEDOUT : errno;
		} else
			err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1) {
		set_cause(cause, "printer %s:%s: %s", host, port,
		    strerror(err));
		free(host);
		free(port);
		return (-1);
	}
	sd = xcalloc(1, sizeof *sd);
	sd->fd = fd;
	sd->host = host;
	sd->port = port;
	p->data = sd;
	snprintf(p->describe, sizeof p->describe, "socket %s port %s", host,
	    port);
	return (0);
}

static int
socket_write(struct printer *p, const void *buf, size_t len, char **cause)
{
	struct socket_data	*sd = p->data;
	const char		*c = buf;
	int64_t			 deadline = now_ms() + p->timeout;
	ssize_t			 n;
	int			 rc;

	while (len > 0) {
		n = send(sd->fd, c, len, MSG_NOSIGNAL);
		if (n > 0) {
			c += n;
			len -= (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno != EAGAIN) {
			set_cause(cause, "printer %s:%s: %s%s", sd->host,
			    sd->port, errno == ECONNRESET || errno == EPIPE ?
			    "the printer dropped the connection: " : "",
			    strerror(errno));
			return (-1);
		}
		if ((rc = wait_fd(sd->fd, POLLOUT, deadline)) != 1) {
			set_cause(cause, "printer %s:%s: %s", sd->host,
			    sd->port, rc == 0 ? "timed out sending" :
			    strerror(errno));
			return (-1);
		}
	}
	return (0);
}

/* One DLE EOT n query; the answer byte, or -1 when none came in time. */
static int
socket_query(struct socket_data *sd, int n, int timeout)
{
	uint8_t	 q[3] = { 0x10, 0x04, (uint8_t)n }, a;
	int64_t	 deadline = now_ms() + timeout;
	ssize_t	 got;

	if (send(sd->fd, q, 3, MSG_NOSIGNAL) != 3)
		return (-1);
	for (;;) {
		if (wait_fd(sd->fd, POLLIN, deadline) != 1)
			return (-1);
		got = recv(sd->fd, &a, 1, 0);
		if (got == 1)
			return (a);
		if (got == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		return (-1);
	}
}

static int
socket_status(struct printer *p, int *cond, char **cause)
{
	struct socket_data	*sd = p->data;
	int			 st[4], n, t;
	uint8_t			 junk[64];

	/* Whatever the printer said before is not an answer to us. */
	while (recv(sd->fd, junk, sizeof junk, MSG_DONTWAIT) > 0)
		;
	/* ESC/POS answers real-time queries at once; a second is plenty. */
	t = p->timeout < 1000 ? p->timeout : 1000;
	for (n = 1; n <= 4; n++) {
		st[n - 1] = socket_query(sd, n, t);
		/* A printer that does not answer the first will not answer. */
		if (n == 1 && st[0] < 0)
			break;
	}
	for (; n <= 4; n++)
		st[n - 1] = -1;
	*cond = escpos_status_decode(st);
	return (0);
}

/*
 * Half-close and wait a little for the printer to close too: then it has
 * read everything. A printer that closes with bytes unread makes the
 * kernel answer with a reset, and that is a failure: the receipt did not
 * print, however much of it was sent.
 */
static int
socket_finish(struct printer *p, char **cause)
{
	struct socket_data	*sd = p->data;
	int64_t			 deadline;
	uint8_t			 junk[256];
	ssize_t			 n;

	deadline = now_ms() + (p->timeout < 3000 ? p->timeout : 3000);
	if (shutdown(sd->fd, SHUT_WR) == -1) {
		/* ENOTCONN: a reset has come already. */
		set_cause(cause, "printer %s:%s: %s%s", sd->host, sd->port,
		    errno == ENOTCONN ? "the printer dropped the connection "
		    "before taking the receipt: " : "", strerror(errno));
		return (-1);
	}
	for (;;) {
		if (wait_fd(sd->fd, POLLIN, deadline) != 1)
			return (0);	/* many printers never close: fine */
		n = recv(sd->fd, junk, sizeof junk, 0);
		if (n == 0)
			return (0);
		if (n == -1 && errno != EINTR && errno != EAGAIN) {
			set_cause(cause, "printer %s:%s: %s%s", sd->host,
			    sd->port, errno == ECONNRESET || errno == EPIPE ?
			    "the printer dropped the connection before "
			    "taking the receipt: " : "", strerror(errno));
			return (-1);
		}
	}
}

static void
socket_close(struct printer *p)
{
	struct socket_data	*sd = p->data;

	close(sd->fd);
	free(sd->host);
	free(sd->port);
	free(sd);
}

const struct printer_ops printer_socket_ops = {
	"socket", socket_open, socket_write, socket_status, socket_finish,
	socket_close
};
