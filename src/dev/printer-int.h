/*
 * Between printer.c and the transports: each printer-SCHEME.c fills in a
 * struct printer_ops, and printer.c picks one by the URI's scheme.
 */
#ifndef KASSA_PRINTER_INT_H
#define KASSA_PRINTER_INT_H

#include "printer.h"

struct printer_ops {
	const char	*scheme;
	int		(*open)(struct printer *, const char *, char **);
	int		(*write)(struct printer *, const void *, size_t,
			    char **);
	int		(*status)(struct printer *, int *, char **);
	int		(*finish)(struct printer *, char **);
	void		(*close)(struct printer *);
};

struct printer {
	const struct printer_ops *ops;
	char			*uri;
	int			 timeout;	/* milliseconds */
	char			 describe[128];
	void			*data;		/* the transport's */
};

extern const struct printer_ops printer_file_ops;
extern const struct printer_ops printer_socket_ops;
extern const struct printer_ops printer_cups_ops;
extern const struct printer_ops printer_usb_ops;

/* DLE EOT n answers (n = 1..4, 0 for none) as printer conditions. */
int	 escpos_status_decode(const int [4]);

#endif
