/* GTIN check digits and in-store codes with an embedded price or weight. */
#ifndef KASSA_GTIN_H
#define KASSA_GTIN_H

#include <stddef.h>
#include <stdint.h>

enum gtin_kind {
	GTIN_NONE = 0,
	GTIN_EAN8,
	GTIN_UPCE,
	GTIN_UPCA,
	GTIN_EAN13,
	GTIN_14,
};

#define GTIN14_LEN	14

int		 gtin_check_digit(const char *, size_t);
enum gtin_kind	 gtin_classify(const char *);
int		 gtin_valid(const char *);
int		 gtin_upce_expand(const char *, char *);
int		 gtin_to14(const char *, char *, char **);

enum instore_kind {
	INSTORE_PRICE,
	INSTORE_WEIGHT,
};

struct instore_rule {
	int			prefix_lo;	/* first two digits, e.g. 20 */
	int			prefix_hi;	/* e.g. 24 */
	enum instore_kind	kind;
	int			item_digits;
	int			value_digits;
	int			decimals;	/* of the embedded value */
	int			price_check;	/* a price check digit */
};

struct instore_code {
	const struct instore_rule *rule;
	char			 item[16];	/* the item digits, as a PLU */
	int64_t			 value;	/* cents, or grams (thousandths) */
};

int	 instore_rule_check(const struct instore_rule *, char **);
int	 instore_parse(const char *, const struct instore_rule *, size_t,
	    struct instore_code *, char **);
int	 instore_price_check_digit(const char *, size_t);

#endif
