/* The cashier console: state shared by the event loop and the views. */
#ifndef KASSA_TUI_H
#define KASSA_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "gtin.h"
#include "money.h"
#include "sale.h"

struct db;

enum tui_mode {
	MODE_SALE,
	MODE_PAY,
	MODE_DONE,
};

struct tui {
	struct db		*db;
	struct sale		*sale;
	int64_t			 till;
	const char		*till_name;
	const char		*cashier;
	char			*store_name;
	char			*currency;
	const struct money_locale *loc;
	const struct instore_rule *instore;
	size_t			 ninstore;

	enum tui_mode		 mode;
	char			 input[128];
	size_t			 ilen;
	char			*msg;
	int			 msg_error;

	int64_t			 last_receipt;	/* of the sale just paid */
	int64_t			 last_total;
	int64_t			 last_change;
	int			 quit;
};

void	 tui_message(struct tui *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 tui_key(struct tui *, int, wint_t);
void	 view_sale_draw(struct tui *);
int	 view_too_small(void);

#endif
