/* The subcommands, and what they share. */
#ifndef KASSA_CLI_H
#define KASSA_CLI_H

#include <stdio.h>

#include "conf.h"
#include "export.h"

struct db;

struct ctx {
	struct config	 conf;
	char		*db_path;
	const char	*datadir;
};

int	 ctx_open_db(struct ctx *, int, struct db **);
int	 ctx_fail(struct db *, char *);
const char *ctx_datadir(void);

int	 cmd_init(struct ctx *, int, char **);
int	 cmd_catalog(struct ctx *, int, char **);
int	 cmd_receipt(struct ctx *, int, char **);
int	 cmd_report(struct ctx *, int, char **);
int	 cmd_status(struct ctx *, int, char **);
int	 cmd_printer(struct ctx *, int, char **);
int	 cmd_console(struct ctx *, int, char **);
int	 cmd_deliver(struct ctx *, int, char **);
int	 cmd_journal(struct ctx *, int, char **);
int	 cmd_backup(struct ctx *, int, char **);
int	 cmd_shift(struct ctx *, int, char **);
int	 cmd_cash(struct ctx *, int, char **);
int	 report_x(struct ctx *, int, char **);
int	 report_z_stored(struct ctx *, int64_t, int, const char *, int);
int	 cmd_backfill(struct ctx *, int, char **);
int	 cmd_incidents(struct ctx *, int, char **);
int	 cmd_stock(struct ctx *, int, char **);
int	 cmd_customer(struct ctx *, int, char **);

struct receipt;
int	 receipt_email(const struct config *, struct receipt *, int64_t,
	    const char *, const char *, char **);
int	 date_valid(const char *);
char	*read_file(const char *, size_t *, char **);
int	 read_pin(const char *, char *, size_t, char **);
int	 cmd_user(struct ctx *, int, char **);
struct actor;
int	 ctx_auth(struct ctx *, struct db *, const char *, struct actor *);
int	 write_output(const char *, int (*)(FILE *, void *, char **), void *);
int	 cmd_export(struct ctx *, int, char **);

/* cmd-report.c: tables as text, CSV or JSON, for every report command. */
struct table;
int	 valid_format(const char *);
void	 table_json(FILE *, const struct table *, const char *);
void	 table_csv(FILE *, const struct table *);
void	 table_write(FILE *, const struct table *, const char *,
	    struct db *);

#endif
