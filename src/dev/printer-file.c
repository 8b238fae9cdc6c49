/*
 * file:PATH: bytes appended to a file (created if missing); for tests, for
 * keeping what would have printed, or a device node such as /dev/usb/lp0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "printer-int.h"
#include "xmalloc.h"

struct file_data {
	int	 fd;
	char	*path;
};

static int
file_open(struct printer *p, const char *path, char **cause)
{
	struct file_data	*fd;
	int			 f;

	if (*path == '\0') {
		set_cause(cause, "file: needs a path (file:/tmp/receipt.bin)");
		return (-1);
	}
	if ((f = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0644)) == -1) {
		set_cause(cause, "cannot open %s: %s", path, strerror(errno));
		return (-1);
	}
	fd = xcalloc(1, sizeof *fd);
	fd->fd = f;
	fd->path = xstrdup(path);
	p->data = fd;
	return (0);
}

static int
file_write(struct printer *p, const void *buf, size_t len, char **cause)
{
	struct file_data	*fd = p->data;
	const char		*c = buf;
	ssize_t			 n;

	while (len > 0) {
		if ((n = write(fd->fd, c, len)) == -1) {
			if (errno == EINTR)
				continue;
			set_cause(cause, "cannot write %s: %s", fd->path,
			    strerror(errno));
			return (-1);
		}
		c += n;
		len -= (size_t)n;
	}
	return (0);
}

/* A file cannot tell whether paper came out. */
static int
file_status(struct printer *p, int *cond, char **cause)
{
	*cond = PRINTER_UNKNOWN;
	return (0);
}

static int
file_finish(struct printer *p, char **cause)
{
	struct file_data	*fd = p->data;

	if (fsync(fd->fd) == -1 && errno != EINVAL && errno != EROFS) {
		set_cause(cause, "cannot write %s: %s", fd->path,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

static void
file_close(struct printer *p)
{
	struct file_data	*fd = p->data;

	close(fd->fd);
	free(fd->path);
	free(fd);
}

const struct printer_ops printer_file_ops = {
	"file", file_open, file_write, file_status, file_finish, file_close
};
