/*
 * cups:QUEUE: a raw job through the local spooler (CUPS_SERVER, or the
 * client.conf default). The job is followed until CUPS says it completed;
 * that only means the bytes left CUPS for the printer, not that paper came
 * out. A job that stays pending (a stopped queue, a printer away) is
 * cancelled at the deadline, so it cannot print later by surprise.
 */
#include <cups/cups.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "printer-int.h"
#include "xmalloc.h"

struct cups_data {
	char	*queue;
	int	 job;
};

static int
cups_open(struct printer *p, const char *queue, char **cause)
{
	struct cups_data	*cd;

	if (strncmp(queue, "//", 2) == 0)
		queue += 2;
	if (*queue == '\0' || strchr(queue, '/') != NULL) {
		set_cause(cause, "cups: write cups:QUEUE (lpstat -p lists "
		    "them)");
		return (-1);
	}
	cd = xcalloc(1, sizeof *cd);
	cd->queue = xstrdup(queue);
	p->data = cd;
	snprintf(p->describe, sizeof p->describe, "CUPS queue %s on %s",
	    queue, cupsServer());
	return (0);
}

static int
cups_write(struct printer *p, const void *buf, size_t len, char **cause)
{
	struct cups_data	*cd = p->data;

	if (cd->job == 0) {
		cd->job = cupsCreateJob(CUPS_HTTP_DEFAULT, cd->queue,
		    "kassa receipt", 0, NULL);
		if (cd->job == 0) {
			set_cause(cause, "CUPS queue %s: %s", cd->queue,
			    cupsLastErrorString());
			return (-1);
		}
		if (cupsStartDocument(CUPS_HTTP_DEFAULT, cd->queue, cd->job,
		    "receipt", CUPS_FORMAT_RAW, 1) != HTTP_STATUS_CONTINUE) {
			set_cause(cause, "CUPS queue %s: %s", cd->queue,
			    cupsLastErrorString());
			cupsCancelJob2(CUPS_HTTP_DEFAULT, cd->queue, cd->job,
			    0);
			cd->job = -1;
			return (-1);
		}
	}
	if (cd->job < 0) {
		set_cause(cause, "CUPS queue %s: the job failed", cd->queue);
		return (-1);
	}
	if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, buf, len) !=
	    HTTP_STATUS_CONTINUE) {
		set_cause(cause, "CUPS queue %s: %s", cd->queue,
		    cupsLastErrorString());
		return (-1);
	}
	return (0);
}

/* printer-state, -reasons and -message, asked of CUPS, as conditions. */
static int
cups_condition(const char *queue, char *msg, size_t msglen)
{
	static const char	*want[] = { "printer-state",
				    "printer-state-reasons",
				    "printer-state-message" };
	ipp_t			*req, *resp;
	ipp_attribute_t		*attr;
	const char		*reason;
	char			 uri[HTTP_MAX_URI];
	int			 cond = PRINTER_UNKNOWN, state, i;

	if (msg != NULL)
		*msg = '\0';
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL,
	    "localhost", 0, "/printers/%s", queue);
	req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", 3, NULL, want);
	resp = cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");
	if (resp == NULL || ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
		ippDelete(resp);
		return (PRINTER_UNKNOWN);
	}
	if ((attr = ippFindAttribute(resp, "printer-state",
	    IPP_TAG_ENUM)) != NULL) {
		state = ippGetInteger(attr, 0);
		/* Idle or busy and no reason against it: all CUPS knows. */
		if (state == IPP_PSTATE_IDLE || state == IPP_PSTATE_PROCESSING)
			cond = PRINTER_OK;
		else if (state == IPP_PSTATE_STOPPED)
			cond = PRINTER_OFFLINE;
	}
	if ((attr = ippFindAttribute(resp, "printer-state-reasons",
	    IPP_TAG_KEYWORD)) != NULL) {
		for (i = 0; i < ippGetCount(attr); i++) {
			reason = ippGetString(attr, i, NULL);
			if (strncmp(reason, "media-empty", 11) == 0 ||
			    strncmp(reason, "media-needed", 12) == 0)
				cond = (cond & ~PRINTER_UNKNOWN) |
				    PRINTER_PAPER_OUT;
			else if (strncmp(reason, "media-low", 9) == 0)
				cond = (cond & ~PRINTER_UNKNOWN) |
				    PRINTER_PAPER_LOW;
			else if (strncmp(reason, "door-open", 9) == 0 ||
			    strncmp(reason, "cover-open", 10) == 0)
				cond = (cond & ~PRINTER_UNKNOWN) |
				    PRINTER_COVER_OPEN;
			else if (strncmp(reason, "offline", 7) == 0)
				cond = (cond & ~PRINTER_UNKNOWN) |
				    PRINTER_OFFLINE;
		}
	}
	if (msg != NULL && (attr = ippFindAttribute(resp,
	    "printer-state-message", IPP_TAG_TEXT)) != NULL)
		snprintf(msg, msglen, "%s", ippGetString(attr, 0, NULL));
	ippDelete(resp);
	return (cond);
}

/*
 * The queue's state and reasons. CUPS cannot ask a raw printer about its
 * paper, so "ok" here means the queue takes and sends jobs.
 */
static int
cups_status(struct printer *p, int *cond, char **cause)
{
	struct cups_data	*cd = p->data;
	cups_dest_t		*dest;

	if ((dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, cd->queue,
	    NULL)) == NULL) {
		set_cause(cause, "CUPS queue %s: %s", cd->queue,
		    cupsLastErrorString());
		return (-1);
	}
	cupsFreeDests(1, dest);
	*cond = cups_condition(cd->queue, NULL, 0);
	return (0);
}

static int
job_state(const char *queue, int id)
{
	cups_job_t	*jobs;
	int		 n, i, state = -1;

	n = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue, 0,
	    CUPS_WHICHJOBS_ALL);
	for (i = 0; i < n; i++)
		if (jobs[i].id == id)
			state = jobs[i].state;
	cupsFreeJobs(n, jobs);
	return (state);
}

static int
cups_finish(struct printer *p, char **cause)
{
	struct cups_data	*cd = p->data;
	struct timespec		 ts = { 0, 100 * 1000 * 1000 };
	char			 msg[256];
	int			 state, waited;

	if (cd->job <= 0)
		return (cd->job == 0 ? 0 : -1);
	if (cupsFinishDocument(CUPS_HTTP_DEFAULT, cd->queue) != IPP_STATUS_OK) {
		set_cause(cause, "CUPS queue %s: %s", cd->queue,
		    cupsLastErrorString());
		cd->job = -1;
		return (-1);
	}
	for (waited = 0; waited < p->timeout; waited += 100) {
		state = job_state(cd->queue, cd->job);
		if (state == IPP_JSTATE_COMPLETED) {
			cd->job = 0;
			return (0);
		}
		if (state == IPP_JSTATE_STOPPED ||
		    state == IPP_JSTATE_ABORTED ||
		    state == IPP_JSTATE_CANCELED) {
			cups_condition(cd->queue, msg, sizeof msg);
			set_cause(cause, "CUPS queue %s: job %d %s%s%s",
			    cd->queue, cd->job, state == IPP_JSTATE_STOPPED ?
			    "stopped" : state == IPP_JSTATE_ABORTED ?
			    "aborted" : "was cancelled", *msg != '\0' ?
			    ": " : "", msg);
			if (state == IPP_JSTATE_STOPPED)
				cupsCancelJob2(CUPS_HTTP_DEFAULT, cd->queue,
				    cd->job, 0);
			cd->job = -1;
			return (-1);
		}
		nanosleep(&ts, NULL);
	}
	state = cups_condition(cd->queue, msg, sizeof msg);
	cupsCancelJob2(CUPS_HTTP_DEFAULT, cd->queue, cd->job, 0);
	if (state != PRINTER_UNKNOWN && (state & PRINTER_OFFLINE))
		set_cause(cause, "CUPS queue %s is stopped%s%s: job %d did "
		    "not print within %d s and was cancelled", cd->queue,
		    *msg != '\0' ? ": " : "", msg, cd->job, p->timeout / 1000);
	else
		set_cause(cause, "CUPS queue %s: job %d did not print within "
		    "%d s and was cancelled", cd->queue, cd->job,
		    p->timeout / 1000);
	cd->job = -1;
	return (-1);
}

static void
cups_close(struct printer *p)
{
	struct cups_data	*cd = p->data;

	if (cd->job > 0)
		cupsCancelJob2(CUPS_HTTP_DEFAULT, cd->queue, cd->job, 0);
	free(cd->queue);
	free(cd);
}

const struct printer_ops printer_cups_ops = {
	"cups", cups_open, cups_write, cups_status, cups_finish, cups_close
};
