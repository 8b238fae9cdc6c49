#!/bin/sh
# A shift in the console, from the float to the Z: a fresh store with no
# shift, the float counted note by note, a cash and a card sale, a
# paid-out refused to the cashier and approved with a wrong then a right
# manager's PIN, the X, a blind close with a difference, the Z on screen
# as it is stored, and the backup every Z makes.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
"$KASSA" init --demo >/dev/null
MILK=6449818992727
BREAD=6479602783736
# The cashier Anna (1, PIN 1111) logs in; no shift is open.
console_start 100 30
screen_expect "the login says no shift is open" "No shift is open: the till menu (F12 or Ctrl-A) opens one."
screen_expect "so does the status line" "| no shift"

# --- Open: the float counted per denomination (Ctrl-A, no function key) ----
keys C-a
screen_expect "the till menu offers to open a shift" "Open a shift"
keys Down Down Down Down Down Down Down Down Down Enter
screen_expect "it asks for the float" "Float: Enter to count it note by note"
keys Enter
screen_expect "the count sheet opens" "Open the shift: count the float"
screen_expect "asking the first denomination" "How many of 500,00?"
# 500, 200, 100: none; 50: 1; 20: 2; 10: 1; 5, 2: none; 1: 3 -> 103,00.
for n in 0 0 0 1 2 1 0 0 3; do
	keys -l "$n"
	keys Enter
done
screen_expect "the running total" "103,00"
screen_expect "the next denomination is asked" "How many of 0,50?"
# Up goes back to a row: the 1,00 coins are 3, not 4.
keys Up
screen_expect "Up chooses the row above" "How many of 1,00?"
keys Enter
screen_expect "Enter alone asks to open" "Open the shift with a float of 103,00? y = yes, n = no"
keys y
screen_expect "the shift is open" "Shift 1 is open with a float of 103,00"
expect_eq "the float is stored" "$(sql "SELECT float_amount FROM shift")" 10300
expect_eq "with its count" "$(sql "SELECT group_concat(denomination || 'x' || count, ',') FROM (SELECT * FROM cash_count WHERE stage = 'open' ORDER BY denomination DESC)")" "5000x1,2000x2,1000x1,100x3"
expect_not_in "the status line no longer says no shift" "$(screen | head -n 1)" "no shift"

# --- A cash sale and a card sale -------------------------------------------
keys $MILK Enter
screen_wait "Kevytmaito"
keys F9 Enter
screen_expect "the cash sale is saved" "Receipt 1 saved"
keys $BREAD Enter
screen_wait "Ruisleipä"
keys F9 c
screen_wait "card: amount"
keys Enter
screen_wait "card payment of"
keys a
screen_wait "reference (or Enter)"
keys Enter
screen_expect "the card sale is saved" "Receipt 2 saved"
expect_eq "both sales are in shift 1" "$(sql "SELECT count(*) FROM sale WHERE shift_id = 1")" 2

# An incident and a paper slip of the shift: the Z names both.
"$KASSA" incidents add "the drawer sticks" >/dev/null
cat >"$work/slip.csv" <<EOF
date,time,book,slip,code,qty,price,tender,amount
$(date +%F),$(date +%H:%M),S,1,301,1,,card,
EOF
echo 2222 | "$KASSA" backfill --as 2 "$work/slip.csv" >/dev/null 2>&1

# --- Paid-out: the cashier needs a manager --------------------------------
paid_out() {
	keys C-a
	screen_wait "Paid out"
	keys Down Down Down Down Down Down Down Down Down Down Down Enter
	screen_wait "Paid out: the amount:"
	keys -l "5,00"
	keys Enter
	screen_wait "Paid out: the reason:"
	type_slow "window cleaner"
	keys Enter
}
paid_out
screen_expect "the cashier is asked for a manager" "Paid-out needs a manager: manager's user number:"
keys 2 Enter
screen_wait "Manager's PIN"
keys -l 9876
keys Enter
screen_expect "a wrong PIN is refused" "wrong user number or PIN"
expect_eq "nothing is paid out" "$(sql "SELECT count(*) FROM cash_movement")" 0
paid_out
screen_wait "manager's user number"
keys 2 Enter
screen_wait "Manager's PIN"
keys -l 2222
keys Enter
screen_expect "the manager approves the paid-out" "Paid out 5,00 recorded (window cleaner), approved by user 2."
expect_eq "the paid-out is stored with both users" "$(sql "SELECT kind, amount, reason, user_id, approver_id FROM cash_movement")" "paid_out|500|window cleaner|1|2"

# --- The X report -----------------------------------------------------------
keys C-a
screen_wait "X report"
keys Down Down Down Down Down Down Down Down Down Enter
screen_expect "the X is shown" "X REPORT (the shift is open)"
expected=$(sql "SELECT 10300 + (SELECT coalesce(sum(t.amount), 0) FROM sale_tender t JOIN sale s ON s.id = t.sale_id WHERE s.shift_id = 1 AND t.type = 'cash') - 500")
exp_text=$(printf '%d,%02d' $((expected / 100)) $((expected % 100)))
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do keys Down; done
screen_expect "the X has the expected cash" "Expected cash"
keys p
screen_expect "P queues the X for the printer" "X is queued for the printer"
expect_eq "the X is in the outbox" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'report' AND title = 'X'")" 1
keys Escape

# --- The blind close with a difference --------------------------------------
keys C-a
screen_wait "Close the shift"
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Enter
screen_expect "the close count opens" "Close shift 1: count the drawer"
expect_not_in "blind: the expected cash is not shown" "$(screen)" "$exp_text"
# Two 50 notes: 100,00 counted.
keys 0 Enter 0 Enter 0 Enter
keys -l 2
keys Enter
screen_expect "the count shows" "100,00"
keys +
screen_expect "done asks to close" "Close shift 1 with 100,00 counted?"
keys y
screen_expect "the Z is shown" "Z REPORT 1"
diff=$((10000 - expected))
diff_text=$(printf '%s%d,%02d' "$([ $diff -lt 0 ] && echo -)" $(( (diff < 0 ? -diff : diff) / 100)) $(( (diff < 0 ? -diff : diff) % 100)))
screen_expect "with the difference in the message" "difference $diff_text"
screen_expect "and the backup" "backup: "
expect_eq "the close is stored blind with the difference" "$(sql "SELECT blind, expected_cash, counted_cash, difference FROM shift_close")" "1|$expected|10000|$diff"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do keys Down; done
screen_expect "the Z names the paper slip" "Entered from paper slips (1)"
screen_expect "and the day's note" "Notes"
keys Escape
screen_expect "after the Z, no shift again" "| no shift"

"$KASSA" report z --number 1 >"$work/z1.txt"
check "report z --number 1 is the Z as stored" test "$(sql "SELECT text FROM z_report WHERE z_no = 1")" = "$(cat "$work/z1.txt")"
expect_in "the stored Z has the counted cash" "$(cat "$work/z1.txt")" "Counted (blind)"
expect_eq "the Z is queued for the printer" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'report' AND title = 'Z 1'")" 1
backup=$(ls "$(dirname "$db")"/backup/kassa-till1-*.db 2>/dev/null | head -n 1)
check "the backup file exists" test -s "$backup"
check "kassa journal verify passes on the backup" "$KASSA" --db "$backup" journal verify
expect_eq "the backup holds the Z" "$(sqlite3 "$backup" "SELECT z_no FROM z_report")" 1
finish
