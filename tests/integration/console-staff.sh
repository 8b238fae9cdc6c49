#!/bin/sh
# The shop day's people at the console in tmux: a wrong PIN, the lock; a
# cashier's price override refused with a wrong manager PIN, then approved;
# a return against a receipt, refused beyond what was sold, approved by a
# manager, with the money given back; training mode that leaves the day's
# figures alone; a no-sale opening and a cancelled sale, both recorded with
# who approved them.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
demo_store

# A wrong PIN is refused and counted; the right one logs in.
CONSOLE_USER="" console_start 100 30
screen_expect "the console starts at the login" "User number:"
keys 1 Enter
screen_expect "then asks the PIN" "PIN:"
keys 1234
screen_expect "the PIN does not show" "PIN: ****"
keys Enter
screen_expect "a wrong PIN is refused" "wrong user number or PIN (4 more tries"
console_login 1 1111
screen_expect "Anna is logged in" "Logged in as Anna (cashier)"
expect_eq "the wrong PIN is in the access log" \
    "$(sql "SELECT count(*) FROM access_log WHERE kind = 'pin_failed' AND user_id = 1")" 1

# A price override: Anna needs Mikko; a wrong PIN of his changes nothing.
keys 6479602783736 Enter
screen_expect "bread scanned" "TOTAL  2,19 €"
keys F5
screen_expect "an override needs a manager" "Price override needs a manager: manager's user number:"
keys 2 Enter
screen_expect "his PIN" "Manager's PIN:"
keys 2221 Enter
screen_expect "a wrong manager PIN is refused" "wrong user number or PIN"
expect_in "the price is unchanged" "$(screen)" "TOTAL  2,19 €"
keys F5
screen_expect "asked again" "manager's user number:"
keys 2 Enter
screen_expect "his PIN again" "Manager's PIN:"
keys 2222 Enter
screen_expect "approved: the new price is asked" "New price for Ruisleipä 500 g:"
keys 1,50 Enter
screen_expect "the override is made" "TOTAL  1,50 €"
keys 6449818992727 Enter
screen_expect "milk too" "TOTAL  2,75 €"
keys F9 Enter
screen_expect "receipt 1 paid" "Receipt 1 saved"
expect_eq "who sold, who approved the override" \
    "$(sql "SELECT s.user_id || ' ' || l.approver_id || ' ' || l.unit_price FROM sale s JOIN sale_line l ON l.sale_id = s.id WHERE s.receipt_no = 1 AND l.line_no = 1")" \
    "1 2 150"

# A return against receipt 1: one bread, never two.
keys F12
screen_expect "the till menu" "Till menu"
keys Enter
screen_expect "a return asks the receipt" "Return: the receipt's number"
keys 1 Enter
screen_expect "its lines to pick" "Return of receipt 1: pick a line"
keys Enter
screen_expect "how many" "How many of Ruisleipä 500 g"
keys 2 Enter
screen_expect "two breads are refused" "only 1 of Ruisleipä 500 g can be returned: 1 sold, 0 returned before"
expect_in "and its lines are offered again" "$(screen)" "Return of receipt 1: pick a line"
keys Enter
screen_expect "how many again" "How many of Ruisleipä 500 g"
keys Enter
screen_expect "one bread will be returned" "will be returned"
keys Escape
screen_expect "the return on the sale screen" "TOTAL  -1,50 €"
keys F9
screen_expect "a reason is asked" "Why is it returned?"
keys Enter
screen_expect "a refund needs a manager" "Refund needs a manager: manager's user number:"
keys 2 Enter
screen_expect "his PIN for the refund" "Manager's PIN:"
keys 2222 Enter
screen_expect "the money goes back in cash, as paid" "Returned: give back 1,50 in cash. Receipt 2 is saved."
expect_eq "the return is stored with its approver and reason" \
    "$(sql "SELECT kind || ' ' || return_of || ' ' || approver_id || ' ' || reason || ' ' || total FROM sale WHERE receipt_no = 2")" \
    "return 1 2 damaged -150"
keys F12 Enter
screen_expect "asked again" "Return: the receipt's number"
keys 1 Enter
screen_expect "the lines of receipt 1" "Return of receipt 1: pick a line"
keys Enter
screen_expect "the bread's quantity" "How many of Ruisleipä 500 g"
keys Enter
screen_expect "the bread was returned already" "all of Ruisleipä 500 g has been returned already"
keys Escape
screen_expect "nothing to return: back to an empty sale" "Items 0"

# Training: Mikko switches it on; its sale never counts.
# The day's sales figures, incidents aside.
figures() {
	"$KASSA" report z --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["receipts"], d["gross"], d["vat"], d["tenders"])'
}
before=$(figures)
keys F12 Down Down Enter
screen_expect "training needs a manager" "Training mode needs a manager"
keys 2 Enter
screen_expect "his PIN for training" "Manager's PIN:"
keys 2222 Enter
screen_expect "training mode is on" "TRAINING |"
keys 301 Enter F9 Enter
screen_expect "a training sale" "Receipt 3 saved"
expect_eq "the day's figures are unchanged" "$(figures)" "$before"
expect_in "its receipt says TRAINING" "$("$KASSA" receipt show 3)" "TRAINING"
keys F12 Down Down Enter 2 Enter
screen_expect "off again: the PIN" "Manager's PIN:"
keys 2222 Enter
screen_expect "training mode is off" "Training mode is off"
expect_eq "on and off are recorded with the approver" \
    "$(sql "SELECT group_concat(kind || ':' || user_id || ':' || approver_id, ' ') FROM till_event WHERE kind LIKE 'training%'")" \
    "training_on:1:2 training_off:1:2"

# A no-sale opening and a cancelled sale: recorded, with the approver.
keys F12 Down Enter
screen_expect "no sale needs a manager" "manager's user number:"
keys 2 Enter 2222 Enter
screen_expect "a reason for the drawer" "Why open the drawer?"
keys -l "change for the café"
keys Enter
screen_expect "recorded; no printer to open it" "Recorded, but the drawer did not open"
keys 6449818992727 Enter F8 y
screen_expect "cancelling needs a manager" "Cancel a sale needs a manager"
keys 2 Enter 2222 Enter
screen_expect "cancelled" "The sale is cancelled."
expect_eq "the no-sale and the cancel, with who and why" \
    "$(sql "SELECT group_concat(kind || ':' || user_id || ':' || approver_id || ':' || coalesce(amount, '-'), ' ') FROM till_event WHERE kind IN ('no_sale', 'cancel')")" \
    "no_sale:1:2:- cancel:1:2:125"

# The lock keeps the sale; the journal covers every record.
keys 6449818992727 Enter C-k
screen_expect "locked" "Locked. Log in to go on"
expect_not_in "the sale is hidden" "$(screen)" "Kevytmaito"
console_login 2 2222
screen_expect "Mikko goes on with the sale" "TOTAL  1,25 €"
keys C-q
screen_expect "quit" "kassa-exited-0"
check "the journal verifies" "$KASSA" journal verify
finish
