/*
 * Receipts by email through libcurl's SMTP: STARTTLS (or SMTPS), the user
 * and password from a file only kassa's user may read, a text body and the
 * receipt's PDF attached, a UTF-8 subject encoded as RFC 2047 says, and
 * timeouts, so a dead mail server costs seconds, not the till.
 */
#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "mail.h"
#include "xmalloc.h"

/* "=?UTF-8?B?...?=" when the text is not plain ASCII, else a copy. */
char *
mail_encode_header(const char *text)
{
	const unsigned char	*p;
	char			*b64, *out;
	size_t			 n = strlen(text), size;

	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if (*p >= 0x80 || *p < 0x20)
			break;
	if (*p == '\0')
		return (xstrdup(text));
	size = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
	b64 = xmalloc(size);
	sodium_bin2base64(b64, size, (const unsigned char *)text, n,
	    sodium_base64_VARIANT_ORIGINAL);
	xasprintf(&out, "=?UTF-8?B?%s?=", b64);
	free(b64);
	return (out);
}

/* "user:password" from a file nobody else can read. */
static int
read_credentials(const char *path, char **user, char **pass, char **cause)
{
	struct stat	 sb;
	FILE		*f;
	char		 line[512], *colon;
	size_t		 n;

	if ((f = fopen(path, "r")) == NULL) {
		set_cause(cause, _("cannot read the mail credentials %s: %s"),
		    path, strerror(errno));
		return (-1);
	}
	if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077) != 0) {
		fclose(f);
		set_cause(cause, _("%s can be read by others: chmod 600 it "
		    "first"), path);
		return (-1);
	}
	if (fgets(line, sizeof line, f) == NULL ||
	    (colon = strchr(line, ':')) == NULL) {
		fclose(f);
		set_cause(cause, _("%s must hold one line, user:password"),
		    path);
		return (-1);
	}
	fclose(f);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	*colon = '\0';
	*user = xstrdup(line);
	*pass = xstrdup(colon + 1);
	sodium_memzero(line, sizeof line);
	return (0);
}

/*
 * Send a message to one address: body as text/plain, and the PDF (if any)
 * attached as pdfname. Returns 0 once the server has accepted it.
 */
int
mail_send(const struct mail_config *mc, const char *to, const char *subject,
    const char *body, const unsigned char *pdf, size_t pdflen,
    const char *pdfname, char **cause)
{
	CURL			*c;
	CURLcode		 rc;
	curl_mime		*mime;
	curl_mimepart		*part;
	struct curl_slist	*rcpt = NULL, *headers = NULL;
	char			*subj, *h, *user = NULL, *pass = NULL;
	char			*envelope = NULL;
	const char		*lt;
	char			 err[CURL_ERROR_SIZE] = "";
	int			 ret = -1;

	if (mc->server == NULL || mc->from == NULL) {
		set_cause(cause, _("no mail server is set up ([email] in "
		    "kassa.conf)"));
		return (-1);
	}
	if (strchr(to, '@') == NULL || strpbrk(to, " \r\n<>") != NULL) {
		set_cause(cause, _("\"%s\" is not an email address"), to);
		return (-1);
	}
	if (mc->credentials != NULL && read_credentials(mc->credentials,
	    &user, &pass, cause) != 0)
		return (-1);
	if ((c = curl_easy_init()) == NULL)
		fatalx("curl_easy_init");
	subj = mail_encode_header(subject);
	xasprintf(&h, "Subject: %s", subj);
	headers = curl_slist_append(headers, h);
	free(h);
	free(subj);
	xasprintf(&h, "From: %s", mc->from);
	headers = curl_slist_append(headers, h);
	free(h);
	xasprintf(&h, "To: %s", to);
	headers = curl_slist_append(headers, h);
	free(h);
	rcpt = curl_slist_append(rcpt, to);

	mime = curl_mime_init(c);
	part = curl_mime_addpart(mime);
	curl_mime_data(part, body, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/plain; charset=UTF-8");
	curl_mime_encoder(part, "quoted-printable");
	if (pdf != NULL) {
		part = curl_mime_addpart(mime);
		curl_mime_data(part, (const char *)pdf, pdflen);
		curl_mime_type(part, "application/pdf");
		curl_mime_filename(part, pdfname);
		curl_mime_encoder(part, "base64");
	}

	curl_easy_setopt(c, CURLOPT_URL, mc->server);
	/* The envelope takes the address alone: "Shop <a@b>" gives "<a@b>". */
	if ((lt = strchr(mc->from, '<')) != NULL)
		envelope = xstrndup(lt, strcspn(lt, ">") + 1);
	else
		xasprintf(&envelope, "<%s>", mc->from);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, mc->timeout > 0 ?
	    mc->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, mc->timeout > 0 ?
	    mc->timeout * 3 : 30L);
	if (mc->starttls)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (user != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
	}
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		set_cause(cause, _("the mail server %s did not take the "
		    "receipt: %s"), mc->server, err[0] != '\0' ? err :
		    curl_easy_strerror(rc));
	else
		ret = 0;
	curl_mime_free(mime);
	free(envelope);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	if (pass != NULL)
		sodium_memzero(pass, strlen(pass));
	free(user);
	free(pass);
	return (ret);
}
