/* Users, PINs (argon2id), login and lock-out, a manager's approval. */
#ifndef KASSA_USER_H
#define KASSA_USER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "rights.h"

struct db;

#define PIN_TRIES	5	/* wrong PINs in a row before the lock */
#define PIN_LOCK_SECS	300	/* how long the lock lasts */

struct user {
	int64_t		 id;
	char		*name;
	enum role	 role;
	int		 active;
	int		 failed_pins;
	int64_t		 locked_until;
};

int	 pin_valid(const char *, char **);
int	 user_add(struct db *, int64_t, const struct actor *, int64_t,
	    const char *, enum role, const char *, int64_t *, char **);
int	 user_set_pin(struct db *, int64_t, const struct actor *, int64_t,
	    const char *, char **);
int	 user_disable(struct db *, int64_t, const struct actor *, int64_t,
	    char **);
int	 user_get(struct db *, int64_t, struct user *, char **);
void	 user_clear(struct user *);
int	 user_list(struct db *, struct user **, size_t *, char **);
void	 user_list_free(struct user *, size_t);
int	 user_count(struct db *);
int	 user_verify(struct db *, int64_t, int64_t, const char *, time_t,
	    struct user *, char **);
int	 user_login(struct db *, int64_t, int64_t, const char *, time_t,
	    struct user *, char **);
int	 user_approve(struct db *, int64_t, const struct actor *, enum action,
	    int64_t, const char *, time_t, struct actor *, char **);
int	 user_actor(struct db *, int64_t, struct actor *, char **);

#endif
