/*
 * Delivery: one outbox job at a time, walked down the till's fallback
 * chain ([receipts] chain in kassa.conf: e.g. printer, socket:10.0.0.9,
 * email, pdf:/var/lib/kassa/receipts) until one target takes it. A job with
 * an email address the cashier typed goes to it first. Every attempt is
 * recorded before anything is sent (store/outbox.c), and a target that has
 * an attempt is skipped, so no receipt is sent twice to the same place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "conf.h"
#include "db.h"
#include "deliver.h"
#include "i18n.h"
#include "incident.h"
#include "outbox.h"
#include "pdf.h"
#include "printer.h"
#include "receipt.h"
#include "receipt-report.h"
#include "sales.h"
#include "xmalloc.h"

#define PRINT_TIMEOUT_MS	15000

static int
to_printer(const struct config *c, const char *uri, struct receipt *r,
    int kick, char **cause)
{
	struct printer_profile	 prof;
	struct printer		*p;
	uint8_t			*bytes;
	size_t			 len;
	int			 rc, cond;

	if (printer_profile_load(c->printer_profile != NULL ?
	    c->printer_profile : "generic-80mm", &prof, cause) != 0)
		return (-1);
	if (escpos_encode(r, &prof, kick, &bytes, &len, cause) != 0)
		return (-1);
	if (printer_open(uri, PRINT_TIMEOUT_MS, &p, cause) != 0) {
		free(bytes);
		return (-1);
	}
	/*
	 * A printer that says it cannot print (paper out, cover open,
	 * offline) is passed over before a byte is sent; one that does not
	 * tell is trusted.
	 */
	if (prof.status && printer_status(p, &cond, NULL) == 0 &&
	    (cond & (PRINTER_OFFLINE |
	    PRINTER_PAPER_OUT | PRINTER_COVER_OPEN)) != 0) {
		set_cause(cause, _("the printer says: %s"),
		    printer_condition_text(cond));
		printer_close(p);
		free(bytes);
		return (-1);
	}
	rc = printer_write(p, bytes, len, cause);
	if (rc == 0)
		rc = printer_finish(p, cause);
	printer_close(p);
	free(bytes);
	return (rc);
}

/* A slip straight to the till's printer, the drawer kicked if asked. */
int
deliver_slip(const struct config *c, struct receipt *r, int kick, char **cause)
{
	if (c->printer_uri == NULL) {
		set_cause(cause, _("no printer is set up"));
		return (-1);
	}
	return (to_printer(c, c->printer_uri, r, kick, cause));
}

/* mkdir -p, private: the receipts are nobody else's business. */
static int
mkdir_all(const char *dir, char **cause)
{
	char	*p = xstrdup(dir), *q;

	for (q = p + 1; ; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		if (q[-1] != '/') {
			char c = *q;

			*q = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				set_cause(cause, _("cannot create %s: %s"), p,
				    strerror(errno));
				free(p);
				return (-1);
			}
			*q = c;
		}
		if (*q == '\0')
			break;
	}
	free(p);
	return (0);
}

static int
to_pdf(const char *dir, const struct outbox_job *job, struct receipt *r,
    char **cause)
{
	char	*path;
	int	 rc;

	if (mkdir_all(dir, cause) != 0)
		return (-1);
	if (job->text != NULL) {
		char	*p;

		xasprintf(&path, "%s/report-%lld-%s.pdf", dir,
		    (long long)job->id, job->title);
		for (p = path + strlen(dir) + 1; *p != '\0'; p++)
			if (*p == ' ' || *p == '/')
				*p = '-';
	} else
		xasprintf(&path, "%s/receipt-%lld-%lld%s.pdf", dir,
		    (long long)job->till, (long long)job->receipt_no,
		    job->copy ? "-copy" : "");
	rc = pdf_receipt(r, path, cause);
	free(path);
	return (rc);
}

/* Send one job to one target; 0 when it took it. */
static int
send_to(struct db *db, const struct config *c, const struct outbox_job *job,
    const char *target, struct receipt *r, int kick, char **cause)
{
	if (strcmp(target, "printer") == 0) {
		if (c->printer_uri == NULL) {
			set_cause(cause, _("no printer is set up"));
			return (-1);
		}
		return (to_printer(c, c->printer_uri, r, kick, cause));
	}
	if (strncmp(target, "email:", 6) == 0)
		return (receipt_email(c, r, job->receipt_no, job->store,
		    target + 6, cause));
	if (strncmp(target, "pdf:", 4) == 0)
		return (to_pdf(target + 4, job, r, cause));
	return (to_printer(c, target, r, kick, cause));
}

static int
is_printer(const char *target)
{
	return (strncmp(target, "email:", 6) != 0 &&
	    strncmp(target, "pdf:", 4) != 0);
}

/*
 * Plan B at work is an incident: a printer that failed, a receipt that
 * went down the chain or that no target took. Recording it is best
 * effort: the outbox keeps every attempt whatever happens here.
 */
static void
delivery_incident(struct db *db, const struct outbox_job *job,
    const char *kind, const char *detail)
{
	char	*cause = NULL;

	if (incident_add(db, job->till, time(NULL), kind, detail, 0, 0, NULL,
	    &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
}

/* Walk the chain for one job; the target that took it, or NULL. */
static char *
deliver_job(struct db *db, const struct config *c,
    const struct outbox_job *job, int verbose)
{
	struct receipt	*r;
	char		*cause = NULL, *target, *taken = NULL;
	const char	*chain[CONFIG_MAX_CHAIN + 1];
	char		 what[64];
	char		*failed = NULL, *detail, *tmp;
	size_t		 n = 0, i;
	int64_t		 attempt;

	if (job->text != NULL) {
		/* An X or Z report: its stored text, as it is. */
		r = report_doc_from_text(job->text);
		snprintf(what, sizeof what, "%s", job->title);
	} else if (sale_receipt(db, job->till, job->receipt_no, job->copy, &r,
	    &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (NULL);
	} else
		snprintf(what, sizeof what, _("receipt %lld"),
		    (long long)job->receipt_no);
	if (job->email[0] != '\0')
		chain[n++] = NULL;	/* the address typed comes first */
	for (i = 0; i < c->nchain && n < CONFIG_MAX_CHAIN; i++)
		chain[n++] = c->chain[i];
	for (i = 0; i < n && taken == NULL; i++) {
		if (chain[i] == NULL)
			xasprintf(&target, "email:%s", job->email);
		else if (strcmp(chain[i], "email") == 0) {
			if (job->email[0] == '\0')
				continue;	/* no address to send to */
			xasprintf(&target, "email:%s", job->email);
		} else
			target = xstrdup(chain[i]);
		if (outbox_tried(db, job->id, target)) {
			free(target);
			continue;
		}
		if (outbox_attempt_begin(db, job->id, target, &attempt,
		    &cause) != 0) {
			fprintf(stderr, "kassa: %s\n", cause);
			free(cause);
			free(target);
			break;
		}
		cause = NULL;
		/* The drawer opens for a cash sale, not for a copy. */
		if (send_to(db, c, job, target, r, job->cash && !job->copy,
		    &cause) == 0) {
			outbox_attempt_end(db, attempt, NULL, NULL);
			taken = target;
			if (verbose)
				printf(_("%s: delivered to %s\n"), what,
				    target);
		} else {
			outbox_attempt_end(db, attempt, cause, NULL);
			if (verbose)
				printf(_("%s: %s failed: %s\n"), what,
				    target, cause);
			/*
			 * A till set up with no printer has nothing to fail:
			 * that is how it is, not an incident.
			 */
			if (strcmp(target, "printer") == 0 &&
			    c->printer_uri == NULL) {
				free(target);
				free(cause);
				cause = NULL;
				continue;
			}
			xasprintf(&detail, _("%s: %s failed: %s"), what,
			    target, cause != NULL ? cause : "?");
			if (is_printer(target))
				delivery_incident(db, job, INCIDENT_PRINTER,
				    detail);
			if (failed == NULL)
				failed = xstrdup(target);
			else {
				xasprintf(&tmp, "%s, %s", failed, target);
				free(failed);
				failed = tmp;
			}
			free(detail);
			free(target);
		}
		free(cause);
		cause = NULL;
	}
	if (failed != NULL) {
		if (taken != NULL)
			xasprintf(&detail, _("%s went to %s after %s failed"),
			    what, taken, failed);
		else
			xasprintf(&detail, _("%s: no target took it (%s "
			    "failed); a copy can be printed again"), what,
			    failed);
		delivery_incident(db, job, taken != NULL ? INCIDENT_FALLBACK :
		    INCIDENT_UNDELIVERED, detail);
		free(detail);
		free(failed);
	}
	receipt_free(r);
	return (taken);
}

/*
 * A print job (a report) down the chain's printers and PDF folders; email
 * is for a customer's receipt, not for a report. The target that took it.
 */
static char *
deliver_print_job(const struct config *c, const struct print_job *job,
    int verbose, char **error)
{
	struct receipt	*r;
	char		*cause = NULL, *path;
	const char	*target;
	size_t		 i;
	int		 rc;

	r = receipt_from_text(job->store, job->title, job->body);
	for (i = 0; i < c->nchain; i++) {
		target = c->chain[i];
		if (strncmp(target, "email", 5) == 0)
			continue;
		if (strcmp(target, "printer") == 0) {
			if (c->printer_uri == NULL)
				continue;
			rc = to_printer(c, c->printer_uri, r, 0, &cause);
		} else if (strncmp(target, "pdf:", 4) == 0) {
			if (mkdir(target + 4, 0700) != 0 && errno != EEXIST)
				continue;
			xasprintf(&path, "%s/report-%lld.pdf", target + 4,
			    (long long)job->id);
			rc = pdf_receipt(r, path, &cause);
			free(path);
		} else
			rc = to_printer(c, target, r, 0, &cause);
		if (rc == 0) {
			if (verbose)
				printf(_("report %lld: delivered to %s\n"),
				    (long long)job->id, target);
			receipt_free(r);
			return (xstrdup(target));
		}
		if (verbose)
			printf(_("report %lld: %s failed: %s\n"),
			    (long long)job->id, target, cause);
		free(*error);
		*error = cause;
		cause = NULL;
	}
	receipt_free(r);
	return (NULL);
}

/*
 * Deliver every waiting job (held ones too with 'held'), then the reports
 * waiting to print. Returns how many were delivered, or -1; a job no
 * target took ends 'failed'.
 */
int
deliver_pending(struct db *db, const struct config *c, int held, int verbose,
    char **cause)
{
	struct outbox_job	 job;
	struct print_job	 pj;
	char			*taken;
	int			 rc, delivered = 0;

	if (outbox_release_stale(db, cause) != 0)
		return (-1);
	while ((rc = outbox_claim(db, held, &job, cause)) == 1) {
		taken = deliver_job(db, c, &job, verbose);
		if (taken == NULL && verbose && job.text != NULL)
			printf(_("%s: no target took it; a Z is kept and "
			    "prints again with kassa report z --number N "
			    "--print\n"), job.title);
		else if (taken == NULL && verbose)
			printf(_("receipt %lld: no target took it; it is kept, "
			    "and a copy can be printed from the console (F10)\n"),
			    (long long)job.receipt_no);
		outbox_job_clear(&job);
		if (outbox_finish(db, job.id, taken, cause) != 0) {
			free(taken);
			return (-1);
		}
		if (taken != NULL)
			delivered++;
		free(taken);
	}
	if (rc < 0)
		return (-1);
	while ((rc = print_job_claim(db, &pj, cause)) == 1) {
		char *error = NULL;

		taken = deliver_print_job(c, &pj, verbose, &error);
		rc = print_job_finish(db, pj.id, taken, taken == NULL ?
		    (error != NULL ? error : _("no printer in the chain")) :
		    NULL, cause);
		if (taken != NULL)
			delivered++;
		free(taken);
		free(error);
		print_job_clear(&pj);
		if (rc != 0)
			return (-1);
	}
	return (rc < 0 ? -1 : delivered);
}
