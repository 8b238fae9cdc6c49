/*
 * People at the till: the login (user number, then PIN), the lock, a
 * manager's approval asked for on the spot, and the till menu with the
 * actions that are not about a line: no sale, training mode, lock, log
 * out. Every rule is checked again below the console (src/store), so
 * these screens only ask; they never decide.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "deliver.h"
#include "events.h"
#include "receipt.h"
#include "tui.h"
#include "user.h"
#include "xmalloc.h"

static int
parse_user_no(const char *text, int64_t *out)
{
	char		*end;
	long long	 v;

	if (*text == '\0')
		return (-1);
	v = strtoll(text, &end, 10);
	if (*end != '\0' || v <= 0)
		return (-1);
	*out = v;
	return (0);
}

/* Show the login; back is the screen to return to after it. */
void
staff_login_start(struct tui *t, enum tui_mode back, const char *why)
{
	list_clear(t);
	t->login_back = back == MODE_LOGIN ? MODE_SALE : back;
	t->mode = MODE_LOGIN;
	t->login_stage = 0;
	t->secret = 0;
	tui_clear_input(t);
	if (why != NULL)
		tui_message(t, 0, "%s", why);
}

/* Enter on the login screen: the number, then the PIN. */
void
staff_login_enter(struct tui *t, const char *text)
{
	struct user	 u;
	char		*cause = NULL;
	int		 said;

	if (t->login_stage == 0) {
		if (user_count(t->db) == 0) {
			tui_message(t, 1, _("This store has no users yet: "
			    "create the first admin with 'kassa user add "
			    "--name NAME --role admin'."));
			return;
		}
		if (parse_user_no(text, &t->login_id) != 0) {
			tui_message(t, 1, _("Type your user number, then "
			    "Enter."));
			return;
		}
		t->login_stage = 1;
		t->secret = 1;
		tui_message(t, 0, NULL);
		return;
	}
	t->login_stage = 0;
	t->secret = 0;
	if (user_login(t->db, t->till, t->login_id, text, time(NULL), &u,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	t->user.id = u.id;
	t->user.role = u.role;
	free(t->user_name);
	t->user_name = u.name;		/* taken over */
	u.name = NULL;
	user_clear(&u);
	t->cashier = t->user_name;
	t->mode = t->login_back;
	said = t->start_msg != NULL;
	if (t->start_msg != NULL) {
		tui_message(t, t->start_error, _("Logged in as %s. %s"),
		    t->user_name, t->start_msg);
		free(t->start_msg);
		t->start_msg = NULL;
	} else
		tui_message(t, 0, _("Logged in as %s (%s)."), t->user_name,
		    _(role_name(t->user.role)));
	shift_refresh(t);
	if (t->shift_id == 0 && !said)
		tui_message(t, 0, _("Logged in as %s. No shift is open: the "
		    "till menu (F12 or Ctrl-A) opens one."), t->user_name);
	act_start(t);
}

/* Lock the screen: the open sale stays; whoever logs in goes on. */
void
staff_lock(struct tui *t)
{
	access_log_add(t->db, t->till, t->user.id, "lock", time(NULL), NULL);
	t->user.id = 0;
	t->user.role = ROLE_NONE;
	staff_login_start(t, t->mode == MODE_PAY ? MODE_PAY : MODE_SALE,
	    _("Locked. Log in to go on: the open sale is kept."));
}

/* --- A manager's approval ---------------------------------------------- */

static void
approve_pin(struct tui *t, const char *pin)
{
	struct actor	 a;
	char		*cause = NULL;

	t->secret = 0;
	if (user_approve(t->db, t->till, &t->user, t->approving,
	    t->approver_no, pin, time(NULL), &a, &cause) != 0) {
		tui_go_back(t);
		tui_fail(t, cause);
		return;
	}
	t->approver_id = a.id;
	t->approved_fn(t);
}

static void
approve_user(struct tui *t, const char *text)
{
	if (parse_user_no(text, &t->approver_no) != 0) {
		tui_message(t, 1, _("Type the manager's user number."));
		return;
	}
	tui_message(t, 0, NULL);
	tui_ask(t, _("Manager's PIN: "), approve_pin);
	t->secret = 1;
}

/*
 * Do fn now if the user's own role allows the action; else ask for the
 * number and PIN of a user whose role does, and do it with his approval
 * (t->approver_id) when they match.
 */
void
staff_need(struct tui *t, enum action act, confirm_fn fn)
{
	char	prompt[200];

	t->approver_id = 0;
	if (rights_allow(&t->user, act)) {
		fn(t);
		return;
	}
	t->approving = act;
	t->approved_fn = fn;
	snprintf(prompt, sizeof prompt, _("%s needs a manager: manager's "
	    "user number: "), _(action_name(act)));
	/* Upper case first, as a sentence. */
	if (prompt[0] >= 'a' && prompt[0] <= 'z')
		prompt[0] = (char)(prompt[0] - 'a' + 'A');
	tui_ask(t, prompt, approve_user);
}

/* --- Cancel the whole sale --------------------------------------------- */

static void
cancel_go(struct tui *t)
{
	char	*cause = NULL;

	t->sale->user_id = t->user.id;
	if (till_cancel_sale(t->db, t->till, t->sale, &t->user,
	    t->approver_id, &cause) != 0) {
		tui_go_sale(t);
		tui_fail(t, cause);
		return;
	}
	sale_clear(t->sale);
	t->sale->cash_unit = t->cash_unit;
	t->sale->training = t->training;
	t->sel = 0;
	tui_go_sale(t);
	tui_message(t, 0, _("The sale is cancelled."));
}

void
staff_cancel_sale(struct tui *t)
{
	staff_need(t, ACT_CANCEL_SALE, cancel_go);
}

/* --- No sale: open the drawer ------------------------------------------ */

static void
no_sale_reason(struct tui *t, const char *reason)
{
	struct receipt	*r;
	char		*cause = NULL, when[32], who[160];
	const char	*lines[3];
	time_t		 now = time(NULL);

	if (*reason == '\0') {
		tui_message(t, 1, _("Opening the drawer needs a reason."));
		return;
	}
	tui_go_sale(t);
	if (till_no_sale(t->db, t->till, &t->user, t->approver_id, reason,
	    &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime(&now));
	snprintf(who, sizeof who, "%s (%lld)", t->user_name,
	    (long long)t->user.id);
	lines[0] = when;
	lines[1] = who;
	lines[2] = reason;
	r = receipt_slip(_("NO SALE"), lines, 3);
	if (deliver_slip(t->conf, r, 1, &cause) != 0) {
		tui_message(t, 1, _("Recorded, but the drawer did not open: "
		    "%s. Open it with its key."), cause);
		free(cause);
	} else
		tui_message(t, 0, _("The drawer is open; the opening is "
		    "recorded."));
	receipt_free(r);
}

static void
no_sale_go(struct tui *t)
{
	tui_ask(t, _("Why open the drawer? "), no_sale_reason);
}

/* --- Training mode ----------------------------------------------------- */

static void
training_go(struct tui *t)
{
	char	*cause = NULL;

	tui_go_sale(t);
	if (till_training(t->db, t->till, &t->user, t->approver_id,
	    !t->training, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	t->training = !t->training;
	t->sale->training = t->training;
	tui_message(t, 0, t->training ? _("Training mode: sales are "
	    "practice, marked TRAINING and never counted.") :
	    _("Training mode is off: sales are real again."));
}

/* --- The till menu ----------------------------------------------------- */

enum menu_item {
	MENU_RETURN,
	MENU_NO_SALE,
	MENU_TRAINING,
	MENU_LOCK,
	MENU_LOGOUT,
};

/*
 * The menu: our rows, then act_menu_rows' three (act-stock.c), the export
 * (act-export.c), then the shift's rows, which change with the shift.
 */
#define MENU_ACT	(MENU_LOGOUT + 1)
#define MENU_EXPORT	(MENU_ACT + 3)
#define MENU_SHIFT	(MENU_EXPORT + 1)

static void
menu_pick(struct tui *t, size_t i)
{
	if (i >= MENU_SHIFT) {
		shift_menu_pick(t, i - MENU_SHIFT);
		return;
	}
	if (i == MENU_EXPORT) {
		list_clear(t);
		tui_go_sale(t);
		staff_need(t, ACT_REPORTS, export_start);
		return;
	}
	if (i >= MENU_ACT) {
		act_menu_pick(t, i - MENU_ACT);
		return;
	}
	switch ((enum menu_item)i) {
	case MENU_RETURN:
		tui_go_sale(t);
		ret_start(t);
		break;
	case MENU_NO_SALE:
		tui_go_sale(t);
		if (sale_active_lines(t->sale) > 0) {
			tui_message(t, 1, _("Finish or park the sale before "
			    "opening the drawer."));
			return;
		}
		staff_need(t, ACT_NO_SALE, no_sale_go);
		break;
	case MENU_TRAINING:
		tui_go_sale(t);
		if (t->sale->nlines > 0) {
			tui_message(t, 1, _("Finish or park the sale before "
			    "switching training mode."));
			return;
		}
		staff_need(t, ACT_TRAINING, training_go);
		break;
	case MENU_LOCK:
		tui_go_sale(t);
		staff_lock(t);
		break;
	case MENU_LOGOUT:
		tui_go_sale(t);
		if (sale_active_lines(t->sale) > 0) {
			tui_message(t, 1, _("Finish, park or cancel the sale "
			    "before logging out; Ctrl-K locks the screen and "
			    "keeps it."));
			return;
		}
		access_log_add(t->db, t->till, t->user.id, "logout", time(NULL),
		    NULL);
		t->user.id = 0;
		t->user.role = ROLE_NONE;
		staff_login_start(t, MODE_SALE, _("Logged out."));
		break;
	}
}

void
staff_menu(struct tui *t)
{
	list_clear(t);
	tui_list_add(t, _("Return: give back against a receipt"), NULL);
	tui_list_add(t, _("No sale: open the drawer"), _("manager"));
	tui_list_add(t, t->training ? _("Training mode off") :
	    _("Training mode on"), _("manager"));
	tui_list_add(t, _("Lock the screen"), "Ctrl-K");
	tui_list_add(t, _("Log out"), NULL);
	act_menu_rows(t);
	tui_list_add(t, _("Export for the bookkeeper"), _("manager"));
	shift_menu_rows(t);
	tui_pick(t, _("Till menu"), menu_pick);
}

void
staff_free(struct tui *t)
{
	free(t->user_name);
	t->user_name = NULL;
	free(t->start_msg);
	t->start_msg = NULL;
}
