/* Private to src/store: the one header that includes <sqlite3.h>. */
#ifndef KASSA_STORE_H
#define KASSA_STORE_H

#include <sqlite3.h>
#include <time.h>

#include "db.h"

struct db {
	sqlite3	*h;
	char	*path;
};

sqlite3_stmt	*db_prepare(struct db *, const char *, char **);
int		 db_exec(struct db *, const char *, char **);
int		 db_step_done(struct db *, sqlite3_stmt *, char **);
void		 db_cause(struct db *, char **, const char *);
const char	*db_text(sqlite3_stmt *, int);
int64_t		 db_int(struct db *, const char *);
void		 db_time_text(time_t, char *, size_t);
int		 db_make_parent(const char *, char **);

extern const char db_schema_sql[];

#endif
