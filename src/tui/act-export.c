/*
 * Export for the bookkeeper, from the till menu (a manager, or with one's
 * approval): asks for a folder (default: the first USB stick mounted
 * under /media/$USER or /run/media/$USER, else $XDG_DATA_HOME/kassa/
 * exports) and a period (default: last month), then writes the summary
 * CSV, the vouchers CSV and the SAF-T XML there. All three are written
 * beside their names first and renamed only when all three are whole, so
 * a full disk or a pulled stick leaves nothing half-written.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "export.h"
#include "i18n.h"
#include "saft.h"
#include "tui.h"
#include "xmalloc.h"

static char	export_dir[PATH_MAX];

/* The first folder under /media/$USER or /run/media/$USER, or NULL. */
static int
usb_stick(char *buf, size_t len)
{
	const char	*user = getenv("USER"), *roots[] = { "/media",
			    "/run/media" };
	size_t		 i;

	if (user == NULL || *user == '\0')
		return (-1);
	for (i = 0; i < 2; i++) {
		char		 root[PATH_MAX];
		DIR		*d;
		struct dirent	*e;

		snprintf(root, sizeof root, "%s/%.255s", roots[i], user);
		if ((d = opendir(root)) == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			struct stat	sb;

			if (e->d_name[0] == '.')
				continue;
			if ((size_t)snprintf(buf, len, "%.2000s/%.255s", root,
			    e->d_name) >= len)
				continue;
			if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				closedir(d);
				return (0);
			}
		}
		closedir(d);
	}
	return (-1);
}

static void
default_dir(char *buf, size_t len)
{
	const char	*data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (usb_stick(buf, len) == 0)
		return;
	if (data != NULL && *data != '\0')
		snprintf(buf, len, "%s/kassa/exports", data);
	else
		snprintf(buf, len, "%s/.local/share/kassa/exports",
		    home != NULL ? home : ".");
}

/* Last month: its first and last day. */
static void
last_month(char *from, char *to)
{
	time_t		now = time(NULL);
	struct tm	tm;

	localtime_r(&now, &tm);
	tm.tm_mday = 0;		/* the last day of the month before */
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(to, 11, "%Y-%m-%d", &tm);
	tm.tm_mday = 1;
	strftime(from, 11, "%Y-%m-%d", &tm);
}

struct export_file {
	const char	*name;		/* after the period: -summary.csv */
	char		*path;
	char		*tmp;
};

static int
write_one(struct tui *t, int which, FILE *f, const char *from,
    const char *to, char **cause)
{
	struct export_style	es = { ',', 0 };

	if (which == 0)
		return (export_summary_csv(t->db, f, from, to, &es, cause));
	if (which == 1)
		return (export_vouchers(t->db, f, from, to, t->conf->accounts,
		    t->conf->naccounts, &es, cause));
	return (saft_write(t->db, f, from, to, cause));
}

static void
export_go(struct tui *t, const char *from, const char *to)
{
	struct export_file	 files[3] = { { "summary.csv", NULL, NULL },
				    { "vouchers.csv", NULL, NULL },
				    { "saft.xml", NULL, NULL } };
	char			*cause = NULL;
	size_t			 i, done = 0;
	struct stat		 sb;

	tui_go_sale(t);
	if (stat(export_dir, &sb) != 0 && errno == ENOENT &&
	    strncmp(export_dir, "/media/", 7) != 0 &&
	    strncmp(export_dir, "/run/media/", 11) != 0)
		mkdir(export_dir, 0755);	/* the default under $XDG_DATA_HOME */
	for (i = 0; i < 3; i++) {
		FILE	*f;
		int	 rc;

		xasprintf(&files[i].path, "%s/kassa-%s-%s-%s", export_dir,
		    from, to, files[i].name);
		xasprintf(&files[i].tmp, "%s.tmp", files[i].path);
		if ((f = fopen(files[i].tmp, "w")) == NULL) {
			set_cause(&cause, _("cannot write in %s: %s; choose "
			    "another folder"), export_dir, strerror(errno));
			break;
		}
		done = i + 1;
		rc = write_one(t, (int)i, f, from, to, &cause);
		if (fclose(f) != 0 && rc == 0) {
			set_cause(&cause, _("cannot write %s: %s"),
			    files[i].path, strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			break;
	}
	if (cause == NULL)
		for (i = 0; i < 3; i++)
			if (rename(files[i].tmp, files[i].path) != 0) {
				set_cause(&cause, _("cannot write %s: %s"),
				    files[i].path, strerror(errno));
				break;
			}
	if (cause != NULL) {
		for (i = 0; i < done; i++)
			unlink(files[i].tmp);
		for (i = 0; i < 3; i++) {
			free(files[i].path);
			free(files[i].tmp);
		}
		tui_fail(t, cause);
		return;
	}
	sync();
	tui_message(t, 0, _("Written to %s: kassa-%s-%s-summary.csv, "
	    "-vouchers.csv and -saft.xml."), export_dir, from, to);
	for (i = 0; i < 3; i++) {
		free(files[i].path);
		free(files[i].tmp);
	}
}

static int
is_date(const char *s)
{
	struct tm	 tm;
	const char	*end;

	memset(&tm, 0, sizeof tm);
	return (strlen(s) == 10 && (end = strptime(s, "%Y-%m-%d", &tm)) !=
	    NULL && *end == '\0');
}

static void
export_period(struct tui *t, const char *text)
{
	char	from[11], to[11], a[32] = "", b[32] = "";

	last_month(from, to);
	if (*text != '\0') {
		if (sscanf(text, "%31s %31s", a, b) < 1 || !is_date(a) ||
		    (b[0] != '\0' && !is_date(b))) {
			tui_go_sale(t);
			tui_message(t, 1, _("\"%.40s\" is not a period: type "
			    "two dates as YYYY-MM-DD YYYY-MM-DD."), text);
			return;
		}
		snprintf(from, sizeof from, "%s", a);
		snprintf(to, sizeof to, "%s", b[0] != '\0' ? b : a);
		if (strcmp(from, to) > 0) {
			tui_go_sale(t);
			tui_message(t, 1, _("%s is after %s: type the first day "
			    "first."), from, to);
			return;
		}
	}
	export_go(t, from, to);
}

static void
export_folder(struct tui *t, const char *text)
{
	char	from[11], to[11], q[200];

	if (*text != '\0')
		snprintf(export_dir, sizeof export_dir, "%s", text);
	last_month(from, to);
	snprintf(q, sizeof q, _("Period, first and last day (Enter = %s "
	    "%s): "), from, to);
	tui_ask(t, q, export_period);
}

void
export_start(struct tui *t)
{
	char	q[256];

	tui_go_sale(t);
	default_dir(export_dir, sizeof export_dir);
	snprintf(q, sizeof q, _("Export to folder (Enter = %.150s): "),
	    export_dir);
	tui_ask(t, q, export_folder);
}
