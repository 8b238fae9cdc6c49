#!/bin/sh
# Shifts and cash from the command line: open with a float count, sell in
# the console, paid-in/out and a drop, X, a blind close with a difference,
# the Z as stored, reprinted and printed through the outbox.
. "$top_srcdir/tests/lib.sh"

: "${ESCPOS_DECODE:?}"
"$KASSA" init --demo >/dev/null
# pin PIN COMMAND...: a command that reads a user's PIN from stdin.
pin() { p=$1; shift; printf '%s\n' "$p" | "$@"; }
printf '[printer]\nuri = file:%s\nprofile = epson-tm-t88\n[receipts]\nchain = printer\n' "$work/printed.bin" >"$work/kassa.conf"
export KASSA_CONFIG="$work/kassa.conf"

"$KASSA" shift status >/dev/null; rc=$?
expect_eq "no shift yet: status exits 3" "$rc" 3
pin 1111 "$KASSA" cash paid-in 10 --reason change --user 1 2>"$work/err"; rc=$?
expect_eq "paid-in without a shift: exit 1" "$rc" 1
expect_in "paid-in without a shift: says so" "$(cat "$work/err")" "open a shift first"
"$KASSA" shift open --user 1 --count "fifty" 2>"$work/err"; rc=$?
expect_eq "a bad count: exit 2" "$rc" 2
expect_in "a bad count: says how" "$(cat "$work/err")" "e.g. 5000x2"
pin 7777 "$KASSA" shift open --user 7 --float 10 2>"$work/err"; rc=$?
expect_in "an unknown user is refused" "$(cat "$work/err")" "wrong user number or PIN"
pin 1112 "$KASSA" shift open --user 1 --float 10 2>"$work/err"; rc=$?
expect_in "a wrong PIN is refused" "$(cat "$work/err")" "wrong user number or PIN"
out=$(pin 1111 "$KASSA" shift open --user 1 --count 5000x2,1000x3,200x5)
expect_in "open with a float count" "$out" "float of 140,00"
expect_eq "the float count is stored" "$(sql "SELECT group_concat(denomination || 'x' || count) FROM (SELECT * FROM cash_count WHERE stage = 'open' ORDER BY denomination DESC)")" "5000x2,1000x3,200x5"
pin 2222 "$KASSA" shift open --user 2 --float 0 2>"$work/err"; rc=$?
expect_in "a second open is refused" "$(cat "$work/err")" "shift 1 is still open"

# A cash sale (59,25, paid 60,00) in the console.
console_start 100 30
keys 6449818992727 Enter 301 Enter F9
type_slow "60"
keys Enter
screen_expect "a cash sale is paid" "Receipt 1 saved"
keys C-q
screen_expect "quit" "kassa-exited-0"
expect_eq "the sale is in the shift" "$(sql "SELECT shift_id FROM sale WHERE receipt_no = 1")" 1

pin 1111 "$KASSA" cash paid-out 12,50 --user 1 2>"$work/err"; rc=$?
expect_eq "paid-out without a reason: exit 1" "$rc" 1
expect_in "paid-out without a reason: says so" "$(cat "$work/err")" "a reason is needed"
check "paid-in" pin 1111 "$KASSA" cash paid-in 5 --reason "coins from the bank" --user 1
pin 1111 "$KASSA" cash paid-out 12,50 --reason "window cleaner" --user 1 2>"$work/err"; rc=$?
expect_eq "a cashier's paid-out alone: exit 1" "$rc" 1
expect_in "a paid-out needs a manager" "$(cat "$work/err")" "paid-out needs a manager's approval"
check "paid-out, approved by the manager" pin "$(printf '1111\n2222')" "$KASSA" cash paid-out 12,50 --reason "window cleaner" --user 1 --approver 2
check "bank drop" pin 2222 "$KASSA" cash drop 100 --reason "to the safe" --user 2
expect_eq "movements stored with reasons and who" "$(sql "SELECT group_concat(kind || ':' || amount || ':' || reason || ':' || user_id || ':' || coalesce(approver_id, '-'), '|') FROM cash_movement")" "paid_in:500:coins from the bank:1:-|paid_out:1250:window cleaner:1:2|drop:10000:to the safe:2:-"

json=$("$KASSA" report x --format json)
check "report x --format json is JSON with the expected cash" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["report"] == "x" and d["sales"] == 1 and d["gross"] == 5925 and d["float"] == 14000 and d["expected_cash"] == 14000 + 5925 + 500 - 1250 - 10000, d' "$json"
expect_eq "the X is a till event" "$(sql "SELECT count(*) FROM till_event WHERE kind = 'x_report'")" 1
x=$("$KASSA" report x)
expect_in "the X says expected cash" "$x" "Expected cash                        91,75"

# Blind close: 50 + 2x20 + 1,50 counted; expected 91,75.
out=$(pin 1111 "$KASSA" shift close --user 1 --count 5000x1,2000x2,100x1,50x1 --blind)
expect_in "close prints the Z" "$out" "Z REPORT 1"
expect_in "the Z has the count" "$out" "Counted (blind)                      91,50"
expect_in "the Z has the difference" "$out" "Difference                           -0,25"
expect_in "the Z has the grand totals" "$out" "Grand totals (never reset)"
expect_in "the Z has a journal line" "$out" "Journal head:"
expect_eq "the close is stored" "$(sql "SELECT blind, expected_cash, counted_cash, difference FROM shift_close")" "1|9175|9150|-25"
"$KASSA" shift status >/dev/null; rc=$?
expect_eq "after the close no shift is open" "$rc" 3

# Every Z close is followed by a verified backup beside the database.
printf '%s\n' "$out" | sed '$d' | sed '$d' >"$work/close.txt"
bline=$(printf '%s\n' "$out" | tail -n 1)
expect_in "the close makes a backup" "$bline" "backup: $(dirname "$db")/backup/kassa-till1-"
bfile=${bline#backup: }
bfile=${bfile%, verified}
check "the backup file exists" test -s "$bfile"
check "its journal verifies" "$KASSA" --db "$bfile" journal verify

"$KASSA" report z --number 1 >"$work/z1.txt"
check "report z --number 1 is the Z as printed" cmp "$work/z1.txt" "$work/close.txt"
check "and as stored" test "$(sql "SELECT text FROM z_report WHERE z_no = 1")" = "$(cat "$work/z1.txt")"
"$KASSA" report z --number 2 2>"$work/err"; rc=$?
expect_in "no Z 2 yet" "$(cat "$work/err")" "there is no Z report 2"
list=$("$KASSA" report z --list)
expect_in "the list has Z 1" "$list" "-0,25"
day=$("$KASSA" report z --format json)
check "the day report still works" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["receipts"] == 1' "$day"

# The Z prints from the outbox on the receipt printer, as stored.
check "deliver prints the Z" "$KASSA" deliver
text=$("$ESCPOS_DECODE" epson-tm-t88 "$work/printed.bin")
expect_in "the printer got Z 1" "$text" "Z REPORT 1"
expect_in "with its difference" "$text" "Difference                           -0,25"
expect_eq "the Z job is done" "$(sql "SELECT state FROM outbox WHERE kind = 'report'")" "done"

# A new shift: Z 1 reprints unchanged, Z 2 carries the grand totals.
open_shift
"$KASSA" report z --number 1 >"$work/z1b.txt"
check "Z 1 reprints identically in the next shift" cmp "$work/z1.txt" "$work/z1b.txt"
out=$(pin 1111 "$KASSA" shift close --user 1 --count 100x0)
expect_in "Z 2 is numbered on" "$out" "Z REPORT 2"
expect_in "Z 2 has the grand total of both shifts" "$out" "Sales                                59,25"
"$KASSA" report z --number 1 --print 2>/dev/null >/dev/null
expect_eq "a reprint is queued" "$(sql "SELECT count(*) FROM outbox WHERE kind = 'report' AND title = 'Z 1 copy'")" 1

# A paper slip of today entered once both Zs are closed: the Z it belongs
# to reprints unchanged, with the slip after it.
cat >"$work/slip.csv" <<EOF
date,time,book,slip,code,qty,price,tender,amount
$(date +%F),$(date +%H:%M),P,7,301,1,,card,
EOF
out=$(echo 2222 | "$KASSA" backfill --as 2 "$work/slip.csv" 2>&1)
expect_in "the slip is entered" "$out" "entered 1 slip"
zn=$(sql "SELECT z.z_no FROM z_supplement s JOIN z_report z ON z.id = s.z_report_id")
check "the slip completes a closed Z" test -n "$zn"
"$KASSA" report z --number "$zn" >"$work/zs.txt"
sql "SELECT text FROM z_report WHERE z_no = $zn" >"$work/zstored.txt"
check "the reprint starts with the Z as stored" test "$(head -n "$(wc -l <"$work/zstored.txt")" "$work/zs.txt")" = "$(cat "$work/zstored.txt")"
expect_in "and adds the slip after it" "$(cat "$work/zs.txt")" "ADDED AFTER THIS Z WAS CLOSED"
expect_in "with its number" "$(cat "$work/zs.txt")" "slip P/7"
finish
