/* kassa.conf: the till's own settings, read with inih. */
#ifndef KASSA_CONF_H
#define KASSA_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "gtin.h"

#define CONFIG_MAX_INSTORE	10
#define CONFIG_MAX_TENDERS	10
#define CONFIG_MAX_CHAIN	8
#define CONFIG_MAX_TAX_CLASSES	16
#define CONFIG_MAX_ACCOUNTS	64

/* [woocommerce] tax_class.SLUG = RATE: a webshop tax class's VAT rate. */
struct tax_class {
	char	*slug;
	int32_t	 rate_bp;
};

/* [accounts] KEY = ACCOUNT: where the vouchers book each figure. */
struct account {
	char	*key;
	char	*account;
};

struct config {
	char			*path;		/* the file read, or NULL */
	char			*db_path;
	int64_t			 till_id;
	char			*till_name;
	char			*cashier;

	/* [store]: read by 'kassa init' into the database. */
	char			*store_name;
	char			*store_address;
	char			*business_id;
	char			*currency;
	char			*locale;
	char			*cash_rounding;
	char			*vat_rates;
	char			*footer;
	char			*denominations;	/* the cash counted, in cents */
	char			*blind_close;	/* "1": count before seeing */

	struct instore_rule	 instore[CONFIG_MAX_INSTORE];
	size_t			 ninstore;

	int			 scan_gap_ms;	/* [scanner] gap_ms */
	char			*tenders[CONFIG_MAX_TENDERS];	/* [tenders] */
	size_t			 ntenders;
	char			*language;	/* [till] language */

	/* [printer]: this till's receipt printer. */
	char			*printer_uri;
	char			*printer_profile;

	/* [receipts] chain: where receipts go, in order. */
	char			*chain[CONFIG_MAX_CHAIN];
	size_t			 nchain;

	/* [email]: receipts by mail. */
	char			*email_server;
	char			*email_from;
	char			*email_credentials;
	int			 email_starttls;
	int			 email_timeout;

	/* [backup] dir: where 'kassa backup' and every Z put the copies. */
	char			*backup_dir;
	struct tax_class	 tax_classes[CONFIG_MAX_TAX_CLASSES];
	size_t			 ntax_classes;
	struct account		 accounts[CONFIG_MAX_ACCOUNTS];
	size_t			 naccounts;
};

int	 config_load(struct config *, const char *, char **);
int	 config_bool(const char *, int *);
int	 config_int(const char *, int, int, int *);
void	 config_free(struct config *);
char	*config_default_db(void);
char	*config_default_file(void);

#endif
