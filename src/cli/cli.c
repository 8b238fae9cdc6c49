/* What the subcommands share: the database, the data folder, file input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <time.h>

#include <config.h>

#include "cli.h"
#include "db.h"
#include "xmalloc.h"

int
ctx_open_db(struct ctx *ctx, int flags, struct db **db)
{
	char	*cause = NULL;

	if (db_open(ctx->db_path, flags, db, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* Say why a command failed, close its database: the exit status 1. */
int
ctx_fail(struct db *db, char *cause)
{
	fprintf(stderr, "kassa: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	db_close(db);
	return (1);
}

/* Where the demo store lives: KASSA_DATADIR, else the installed data. */
const char *
ctx_datadir(void)
{
	const char	*d = getenv("KASSA_DATADIR");

	if (d != NULL && *d != '\0')
		return (d);
	return (PKGDATADIR);
}

/* A date as the commands take it: YYYY-MM-DD. */
int
date_valid(const char *s)
{
	struct tm	tm;
	char		*end;

	if (strlen(s) != 10)
		return (0);
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%d", &tm);
	return (end != NULL && *end == '\0');
}

/* A whole file (or stdin for "-") in memory, NUL-terminated. */
char *
read_file(const char *path, size_t *lenp, char **cause)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, size = 0, n;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		set_cause(cause, "cannot open %s: %s", path, strerror(errno));
		return (NULL);
	}
	for (;;) {
		if (len + 65536 + 1 > size) {
			size = (len + 65536 + 1) * 2;
			buf = xreallocarray(buf, 1, size);
		}
		n = fread(buf + len, 1, size - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		set_cause(cause, "cannot read %s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	} else
		buf[len] = '\0';
	if (f != stdin)
		fclose(f);
	*lenp = len;
	return (buf);
}

/*
 * A PIN: from the terminal without echo, or the next line of stdin when
 * it is not a terminal (scripts, tests). Never from the command line,
 * where other users would see it in the process list.
 */
int
read_pin(const char *prompt, char *buf, size_t len, char **cause)
{
	struct termios	 old, quiet;
	int		 tty = isatty(STDIN_FILENO);
	char		*nl;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else
			tty = 0;
	}
	if (fgets(buf, (int)len, stdin) == NULL)
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	else if (feof(stdin) && buf[0] == '\0') {
		set_cause(cause, "no PIN given (type it, or give it on stdin)");
		return (-1);
	}
	return (0);
}

/*
 * Write an export: to stdout without a path, else beside the file and then
 * renamed over it, so a failed export never leaves half a file. The
 * message goes to stderr; returns 0 or -1.
 */
int
write_output(const char *path, int (*fn)(FILE *, void *, char **), void *arg)
{
	FILE	*f = stdout;
	char	*cause = NULL, *tmp = NULL;
	int	 rc;

	if (path != NULL) {
		xasprintf(&tmp, "%s.tmp", path);
		if ((f = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "kassa: cannot write %s: %s\n", tmp,
			    strerror(errno));
			free(tmp);
			return (-1);
		}
	}
	rc = fn(f, arg, &cause);
	if (path != NULL) {
		if (fclose(f) != 0 && rc == 0) {
			set_cause(&cause, "cannot write %s: %s", tmp,
			    strerror(errno));
			rc = -1;
		}
		if (rc == 0 && rename(tmp, path) != 0) {
			set_cause(&cause, "cannot write %s: %s", path,
			    strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			unlink(tmp);
		free(tmp);
	} else if (rc == 0 && fflush(stdout) != 0) {
		set_cause(&cause, "cannot write the output: %s",
		    strerror(errno));
		rc = -1;
	}
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	return (rc);
}
