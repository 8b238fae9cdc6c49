/* Money and other fixed-point amounts: int64 minor units, never floats. */
#ifndef KASSA_MONEY_H
#define KASSA_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The largest amount kassa accepts: 999 999 999.99 in a two-decimal currency. */
#define MONEY_MAX	INT64_C(99999999999)
/* The largest quantity: 99 999.999 (kilograms or pieces), in thousandths. */
#define QTY_MAX		INT64_C(99999999)
#define QTY_ONE		1000

struct money_locale {
	const char	*name;		/* fi_FI, nl_NL, ... */
	const char	*decimal;	/* decimal separator */
	const char	*group;		/* thousands separator (UTF-8) */
	int		 symbol_before;	/* "€ 12,50" rather than "12,50 €" */
};

int	 fixed_parse(const char *, int, int64_t, int64_t *, char **);
int	 money_parse(const char *, int64_t *, char **);
int	 qty_parse(const char *, int64_t *, char **);
int	 rate_parse(const char *, int32_t *, char **);

const struct money_locale *money_locale_find(const char *);
const char *money_symbol(const char *);

char	*fixed_format(int64_t, int, const char *, const char *, char *,
	    size_t);
char	*money_format_plain(int64_t, const struct money_locale *, char *,
	    size_t);
char	*money_format(int64_t, const struct money_locale *, const char *,
	    char *, size_t);
char	*qty_format(int64_t, int, const struct money_locale *, char *,
	    size_t);
char	*rate_format(int32_t, const struct money_locale *, char *, size_t);

int64_t	 div_round(int64_t, int64_t, int64_t);
int64_t	 money_mul_qty(int64_t, int64_t);
int64_t	 money_percent(int64_t, int32_t);
int64_t	 money_cash_round(int64_t, int64_t);

#define MONEY_BUFSIZE	48

#endif
