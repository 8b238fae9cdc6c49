/* The cashier console: state shared by the event loop, actions and views. */
#ifndef KASSA_TUI_H
#define KASSA_TUI_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "gtin.h"
#include "i18n.h"
#include "money.h"
#include "payment.h"
#include "sale.h"
#include "rights.h"
#include "sales.h"

struct cash_count;
struct catalog_item;
struct config;
struct stock_line;
struct customer;
struct table;
struct db;
struct tui;

enum tui_mode {
	MODE_SALE,		/* building the basket */
	MODE_PAY,		/* taking payment */
	MODE_DONE,		/* paid: the change is shown */
	MODE_PROMPT,		/* one line of input for an action */
	MODE_SEARCH,		/* name search as you type */
	MODE_LIST,		/* pick one of a list */
	MODE_CONFIRM,		/* yes or no */
	MODE_TERMINAL,		/* waiting for the card terminal's answer */
	MODE_RECEIPT,		/* a receipt on screen */
	MODE_HELP,
	MODE_LOGIN,		/* nobody logged in: user number, then PIN */
	MODE_SHEET,		/* a screen of its own: stock, reports */
};

/* What MODE_SHEET shows (act-stock.c). */
enum sheet_kind {
	SHEET_RECEIVE,		/* receiving a delivery by scanning */
	SHEET_COUNT,		/* a stock count and its variance */
	SHEET_REPORT,		/* the reports, read only */
	SHEET_CASH,		/* a cash count per denomination */
};

/* A pressed key: a character, or a KEY_* code when fkey is set. */
struct key {
	int		fkey;
	wint_t		wc;
};

typedef void (*prompt_fn)(struct tui *, const char *);
typedef void (*pick_fn)(struct tui *, size_t);
typedef void (*confirm_fn)(struct tui *);

struct list_row {
	char		*left;
	char		*right;
};

struct tui {
	struct db		*db;
	const struct config	*conf;
	const char		*db_path;
	struct sale		*sale;
	int64_t			 till;
	const char		*till_name;
	const char		*cashier;
	char			*store_name;
	char			*currency;
	const struct money_locale *loc;
	int64_t			 cash_unit;

	enum tui_mode		 mode;
	enum tui_mode		 back;		/* where an overlay returns */
	char			 input[128];
	size_t			 ilen;
	char			*msg;
	int			 msg_error;
	size_t			 sel;		/* the selected line */

	/* Scanner: when the keys of the input line came. */
	uint64_t		 last_key_ms;
	size_t			 burst_start;	/* input index */
	int			 enter_in_burst;

	/* MODE_PROMPT */
	char			 prompt[256];
	prompt_fn		 prompt_done;

	/* MODE_LIST and MODE_SEARCH */
	char			 list_title[120];
	struct list_row		*rows;
	size_t			 nrows;
	size_t			 row;
	pick_fn			 pick_done;
	struct catalog_item	*found;		/* search results */
	size_t			 nfound;

	/* MODE_CONFIRM */
	char			 question[256];
	confirm_fn		 confirm_yes;

	/* Context carried between the steps of an action. */
	char			 pending_code[32];	/* unknown code */
	int64_t			 pending_amount;
	int			 pending_percent;
	char			 pending_method[TENDER_NAME_MAX];
	enum tender_type	 pending_type;
	struct department_info	*depts;
	size_t			 ndepts;
	struct parked		*parked;
	size_t			 nparked;
	struct receipt_brief	*receipts;
	size_t			 nreceipts;

	/* MODE_TERMINAL: the attempt being asked. */
	struct payment_attempt	 attempt;

	/* MODE_RECEIPT */
	char			*receipt_text;
	int64_t			 receipt_no;
	int			 receipt_top;
	char			*report_title;	/* set: an X or a Z shown */

	/* MODE_SHEET (act-stock.c): the table shown, and its context. */
	enum sheet_kind		 sheet;
	char			 sheet_title[120];
	struct table		*sheet_table;
	int			 sheet_top;
	struct stock_line	*stock;		/* a delivery being scanned */
	size_t			 nstock;
	char			 delivery_ref[64];
	int64_t			 count_id;
	int			 report_kind;
	char			 report_day[11];
	struct customer		*customers;
	size_t			 ncustomers;

	/* The shift (act-shift.c): the open one, and a count being typed. */
	int64_t			 shift_id;	/* 0: none open */
	struct cash_count	*cash;
	size_t			 ncash;
	size_t			 cash_row;
	int			 cash_closing;

	int64_t			 last_receipt;	/* of the sale just paid */
	int64_t			 last_change;
	int			 waiting;	/* receipts in the outbox */
	char			*printer_trouble; /* its last failure */
	int			 quit;

	/* Who is logged in (staff.c); the cashier's name is t->cashier. */
	struct actor		 user;
	char			*user_name;
	int			 login_stage;	/* 0 number, 1 PIN */
	int64_t			 login_id;
	enum tui_mode		 login_back;	/* the screen the login hides */
	char			*start_msg;	/* said at start, kept for after */
	int			 start_error;
	int			 secret;	/* the input is a PIN: hide it */
	int			 training;	/* training mode is on */
	int32_t			 discount_limit_bp; /* above: a manager */

	/* A manager's approval being asked for. */
	enum action		 approving;
	confirm_fn		 approved_fn;
	int64_t			 approver_id;	/* who approved, 0: not needed */
	int64_t			 approver_no;
	char			 pending_text[128];
	int			 pending_line;

	/* A return being made (returns.c). */
	struct return_source	*ret_src;
	size_t			 ret_pick;
	int			 ret_tender;	/* enum tender_type to give back */

	/* Plan B (planb.c). */
	struct incident		*incidents;	/* listed, to note on one */
	size_t			 nincidents;
	int64_t			 note_about;
	struct outage		*outages;	/* this session's paper slips */
	size_t			 noutages;
	char			 slip_date[11];	/* the last slip's day */
	char			*db_trouble;	/* a database error to record */
	time_t			 db_trouble_at;
	int			 db_trouble_count;
};

/* app.c */
void	 tui_message(struct tui *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 tui_save(struct tui *);
void	 tui_deliver(struct tui *);
uint64_t now_ms(void);

/* input.c */
void	 input_key(struct tui *, struct key, uint64_t);
void	 input_backspace(struct tui *);
int	 input_is_code(const char *);

/* actions.c */
void	 act_enter(struct tui *, const char *, int);
void	 act_key(struct tui *, struct key);
void	 act_start(struct tui *);
void	 act_search(struct tui *);
const char *method_label(const char *);
void	 list_clear(struct tui *);
/* The steps every screen is made of. */
void	 tui_ask(struct tui *, const char *, prompt_fn);
void	 tui_pick(struct tui *, const char *, pick_fn);
void	 tui_confirm(struct tui *, const char *, confirm_fn);
void	 tui_go_back(struct tui *);
void	 tui_go_sale(struct tui *);
void	 tui_fail(struct tui *, char *);
void	 tui_list_add(struct tui *, const char *, const char *);
void	 tui_clear_input(struct tui *);
int	 tui_selected(struct tui *);

void	 act_commit(struct tui *);

/* returns.c: giving back against a receipt or without one */
struct return_source;
void	 ret_start(struct tui *);
int	 ret_item(struct tui *, const struct sale_item *, int64_t, char **);
void	 ret_pay(struct tui *);
void	 ret_cancel(struct tui *);
void	 ret_free(struct tui *);

/* staff.c: login, lock, approvals, the till menu */
void	 staff_login_start(struct tui *, enum tui_mode, const char *);
void	 staff_login_enter(struct tui *, const char *);
void	 staff_need(struct tui *, enum action, confirm_fn);
void	 staff_menu(struct tui *);
void	 staff_lock(struct tui *);
void	 staff_cancel_sale(struct tui *);
void	 staff_free(struct tui *);


/* planb.c: incidents and sales entered from paper slips */
void	 planb_menu(struct tui *);
int	 planb_escape(struct tui *);
void	 planb_slip_done(struct tui *, int64_t, int64_t);
void	 planb_db_error(struct tui *, const char *);
void	 planb_flush(struct tui *);
void	 planb_end(struct tui *);
void	 planb_free(struct tui *);
int	 is_key(struct key, int, wint_t, const char *);

/* act-stock.c: receiving, counts, reports and customers */
void	 act_menu_rows(struct tui *);
void	 act_menu_pick(struct tui *, size_t);
void	 export_start(struct tui *);
void	 act_customer(struct tui *);
void	 sheet_enter(struct tui *, const char *, int);
void	 sheet_key(struct tui *, struct key);
char	*sheet_text(struct tui *, int);
void	 sheet_free(struct tui *);
const char *sheet_prompt(const struct tui *);
void	 sheet_reload(struct tui *);

/* act-shift.c: open, X, paid-in/out, drops, close with the Z */
void	 shift_refresh(struct tui *);
size_t	 shift_menu_rows(struct tui *);
void	 shift_menu_pick(struct tui *, size_t);
struct table *shift_cash_table(struct tui *);
const char *shift_cash_prompt(const struct tui *);
void	 shift_cash_enter(struct tui *, const char *);
void	 shift_cash_key(struct tui *, struct key);
void	 shift_report_print(struct tui *);
void	 shift_free(struct tui *);

/* view-sale.c and view-overlay.c */
void	 view_draw(struct tui *);
int	 view_too_small(void);
int	 view_list_rows(void);
void	 view_init_colours(void);

#endif
