/* Delivering receipts down the till's fallback chain. */
#ifndef KASSA_DELIVER_H
#define KASSA_DELIVER_H

struct config;
struct db;
struct receipt;

int	 deliver_pending(struct db *, const struct config *, int, int,
	    char **);

int	 deliver_slip(const struct config *, struct receipt *, int, char **);

#endif
