/* A receipt by email: libcurl SMTP, the PDF attached. */
#ifndef KASSA_MAIL_H
#define KASSA_MAIL_H

#include <stddef.h>

struct mail_config {
	const char	*server;	/* smtp://host:port or smtps://... */
	const char	*from;
	const char	*credentials;	/* a file: user:password */
	int		 starttls;	/* require STARTTLS on smtp:// */
	long		 timeout;	/* seconds */
};

int	 mail_send(const struct mail_config *, const char *, const char *,
	    const char *, const unsigned char *, size_t, const char *,
	    char **);
char	*mail_encode_header(const char *);

#endif
