/* The database: open, pragmas, migrations, settings, transactions. */
#ifndef KASSA_DB_H
#define KASSA_DB_H

#include <stdint.h>

struct db;

#define DB_OPEN_EXISTING	0
#define DB_OPEN_CREATE		1

int	 db_open(const char *, int, struct db **, char **);
void	 db_close(struct db *);
const char *db_path(const struct db *);
int	 db_is_empty(struct db *);
int	 db_begin(struct db *, char **);
int	 db_commit(struct db *, char **);
void	 db_rollback(struct db *);
char	*db_setting(struct db *, const char *, const char *);
int	 db_set_setting(struct db *, const char *, const char *, char **);
int	 db_add_vat_rate(struct db *, int32_t, char **);
int	 db_vat_rate_exists(struct db *, int32_t);
int	 db_ensure_till(struct db *, int64_t, const char *, char **);
int	 db_schema_version(struct db *);

#endif
