#!/bin/sh
# Plan B with real parts: paper slips entered from a CSV file and in the
# console, counted on their own day, never twice; incidents recorded when
# the printer is down, written by the cashier and by support, listed and
# summed on the day's report.
. "$top_srcdir/tests/lib.sh"

py=/usr/bin/python3
demo_store
day1=$(date -d '3 days ago' +%F)
day2=$(date -d '2 days ago' +%F)
today=$(date +%F)
tomorrow=$(date -d tomorrow +%F)

# 1. A file of slips: two days, a weighed item, a price from the slip, a
#    card and cash on one slip.
cat >"$work/slips.csv" <<EOF
date,time,book,slip,code,qty,price,tender,amount
$day1,09:12,A,1,6449818992727,2,,cash,
$day1,09:12,A,1,301,,,,
$day1,10:40,A,2,4,"0,5",,card,
$day1,11:00,A,3,6449818992727,1,1.00,cash,5.00
$day2,08:05,B,1,301,1,50,card,20
$day2,08:05,B,1,,,,cash,
EOF
out=$(echo 2222 | "$KASSA" backfill --as 2 --dry-run "$work/slips.csv" 2>&1)
expect_in "a dry run checks the slips" "$out" "4 slips are right"
expect_eq "and enters nothing" "$(sql "SELECT count(*) FROM sale")" 0
out=$(echo 2222 | "$KASSA" backfill --as 2 "$work/slips.csv" 2>&1)
expect_in "the slips are entered as receipts 1-4" "$out" \
    "entered 4 slips from paper as receipts 1-4 of till 1"
expect_in "with the outage of the first day" "$out" \
    "outage recorded: $day1 till down: 3 sales written on paper from 09:12:00 to 11:00:00"
expect_eq "each on its own day, with its slip and entry time" \
    "$(sql "SELECT group_concat(receipt_no || ' ' || created_at || ' ' || backfill_book || '/' || backfill_no || ' ' || (entered_at LIKE '$today %'), ';') FROM sale")" \
    "1 $day1 09:12:00 A/1 1;2 $day1 10:40:00 A/2 1;3 $day1 11:00:00 A/3 1;4 $day2 08:05:00 B/1 1"
expect_eq "not sent to the printer again" "$(sql "SELECT count(*) FROM outbox")" 0

z=$("$KASSA" report z --date "$day1")
expect_in "the day's report counts them on their day" "$z" "Receipts                                 3  (1-3)"
expect_in "says they came from paper" "$z" "Entered from paper                       3  (62,50)"
expect_in "and lists the outage" "$z" "outage                  1"
expect_in "today's report has none of them" "$("$KASSA" report z)" "Receipts                                 0"
expect_eq "the JSON report counts them too" \
    "$("$KASSA" report z --date "$day2" --format json | $py -c 'import json,sys; d=json.load(sys.stdin); print(d["receipts"], d["backfilled"], d["backfilled_amount"], d["incidents"])')" \
    "1 1 5000 {'outage': 1}"

# 2. The same file again doubles nothing.
out=$(echo 2222 | "$KASSA" backfill --as 2 "$work/slips.csv" 2>&1)
rc=$?
expect_eq "a second run fails" "$rc" 1
expect_in "naming the slip already entered" "$out" \
    "slips.csv: line 2: slip A/1 is already entered: receipt 1 of till 1"
expect_in "and each of the others" "$out" "line 6: slip B/1 is already entered"
expect_eq "no sale is doubled" "$(sql "SELECT count(*) FROM sale")" 4
expect_eq "no receipt number is used" "$(sql "SELECT next_receipt FROM till")" 5

# 3. A bad file: every bad row with its line; all or nothing.
cat >"$work/bad.csv" <<EOF
date,time,book,slip,code,qty,tender,amount
$day1,12:00,C,1,6449818992727,1,cash,
$day1,12:10,C,2,123456,1,cash,
$tomorrow,09:00,C,3,301,1,cash,
EOF
out=$(echo 2222 | "$KASSA" backfill --as 2 "$work/bad.csv" 2>&1)
expect_in "an unknown code is reported with its line" "$out" "bad.csv: line 3: unknown code 123456"
expect_in "a slip in the future is refused" "$out" "line 4: slip C/3 is dated $tomorrow 09:00:00, in the future"
expect_in "and nothing is entered" "$out" "nothing was entered"
expect_eq "not even the good slip" "$(sql "SELECT count(*) FROM sale WHERE backfill_book = 'C'")" 0

# 4. Incidents: the printer is off, the receipt goes down the chain.
dead=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[printer]\nuri = socket:127.0.0.1:%s\n[receipts]\nchain = printer, pdf:%s\n' \
    "$dead" "$work/pdf" >"$work/kassa.conf"
export KASSA_CONFIG="$work/kassa.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/kassa.conf KASSA_PRINTERDIR=$KASSA_PRINTERDIR"
# The manager at the till: he cancels here without asking anyone.
CONSOLE_USER=2 CONSOLE_PIN=2222 console_start 100 30
keys 6449818992727 Enter F9 Enter
screen_expect "a sale is paid" "Receipt 5 saved"
i=0
while [ "$(sql "SELECT count(*) FROM incident WHERE kind = 'fallback'")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
expect_eq "the printer's failure is an incident" \
    "$(sql "SELECT detail LIKE 'receipt 5: printer failed: %127.0.0.1%' FROM incident WHERE kind = 'printer'")" 1
expect_eq "and the fallback another" \
    "$(sql "SELECT detail FROM incident WHERE kind = 'fallback'")" \
    "receipt 5 went to pdf:$work/pdf after printer failed"
printer_id=$(sql "SELECT id FROM incident WHERE kind = 'printer'")

# 5. The cashier writes a note, and a note on the printer's incident, with
#    no function key.
keys C-n
screen_expect "^N opens plan B" "Plan B: incidents and paper slips"
keys Enter
screen_expect "the first choice asks for a note" "What happened, what was done:"
next=$(($(sql "SELECT max(id) FROM incident") + 1))
type_slow "printer cable was loose"
keys Enter
screen_expect "the note is taken" "Noted as incident $next."
keys C-n
screen_wait "Plan B: incidents" || true
keys Down Enter
screen_expect "today's incidents are listed" "printer failed"
keys Enter
screen_expect "picking one asks for a note on it" "Note on incident $printer_id:"
type_slow "plugged it back in"
keys Enter
screen_expect "that note is taken too" "Noted as incident $((next + 1))."
expect_eq "the notes are stored, one about the printer" \
    "$(sql "SELECT group_concat(detail || '|' || coalesce(refers_to, ''), ';') FROM incident WHERE kind = 'note'")" \
    "printer cable was loose|;plugged it back in|$printer_id"

# 6. Slips in the console: F11, date and time, book and number, the lines,
#    the payment; the same slip again is refused.
keys C-n
screen_expect "F11 opens plan B" "Plan B: incidents and paper slips"
keys Down Down Enter
screen_expect "the slip's date and time are asked" "Paper slip: date and time"
type_slow "$tomorrow 10:00"
keys Enter
screen_expect "a date in the future is refused" "is in the future"
i=0; while [ $i -lt 20 ]; do keys BSpace; i=$((i + 1)); done
type_slow "$day2 13:45"
keys Enter
screen_expect "then the book and number" "Slip book and number"
type_slow "A 1"
keys Enter
screen_expect "a slip entered from the file is refused" "slip A/1 is already entered"
i=0; while [ $i -lt 5 ]; do keys BSpace; i=$((i + 1)); done
type_slow "D 7"
keys Enter
screen_expect "the slip is shown while it is rung up" "PAPER SLIP D/7 of $day2 13:45"
keys 6449818992727 Enter
keys F9 Enter
screen_expect "it is entered" "Slip entered as receipt 6"
screen_expect "and the next slip is asked" "Paper slip: date and time"
keys Escape
screen_expect "Esc ends the slips, recording the outage" "1 paper slip entered; the outage is recorded."
expect_eq "the console's slip is on its day, numbered in sequence" \
    "$(sql "SELECT receipt_no || ' ' || created_at || ' ' || backfill_book || '/' || backfill_no FROM sale WHERE backfill_book = 'D'")" \
    "6 $day2 13:45:00 D/7"
expect_eq "its outage is recorded on that day" \
    "$(sql "SELECT count(*) FROM incident WHERE kind = 'outage' AND business_date = '$day2' AND detail LIKE 'till down: 1 sale written on paper from 13:45:00 to 13:45:00%'")" 1
keys 6449818992727 Enter
screen_expect "a sale after the slips is a sale of today" "Kevytmaito"
expect_not_in "with no slip banner" "$(screen)" "PAPER SLIP"
keys F8 y

# 7. Support lists and adds.
out=$("$KASSA" incidents add "till replaced by support" --about "$printer_id")
expect_in "support adds a note" "$out" "recorded"
csv=$("$KASSA" incidents --from "$today" --to "$today" --format csv)
expect_in "the CSV lists today's incidents" "$csv" ",printer,receipt 5: printer failed"
expect_in "with the notes and what they refer to" "$csv" ",note,till replaced by support,,$printer_id"
expect_not_in "and not the outages of other days" "$csv" ",outage,"
expect_eq "JSON too" "$("$KASSA" incidents --format json | $py -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
    "$(sql "SELECT count(*) FROM incident")"
z=$("$KASSA" report z)
expect_in "today's report sums the incidents" "$z" "printer                 1"
expect_in "fallbacks" "$z" "fallback                1"
expect_in "and notes" "$z" "note                    3"
out=$("$KASSA" incidents add "" 2>&1)
expect_in "an empty note is refused" "$out" "the text is empty"
out=$("$KASSA" incidents --from yesterday 2>&1)
expect_in "a bad date is refused" "$out" "is not a date"

# 8. Another process holds the database: the console cannot save the
#    basket and says so; once the database takes writes again, the error
#    is recorded as an incident, and the cashier's message is unchanged.
$py -c "
import sqlite3, time
c = sqlite3.connect('$db', isolation_level=None)
c.execute('BEGIN EXCLUSIVE')
open('$work/locked', 'w').close()
time.sleep(7)
c.execute('ROLLBACK')
" &
locker=$!
i=0; while [ ! -f "$work/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
keys 6449818992727 Enter
screen_expect "the cashier is told the database is busy" "the database is busy; try again"
wait $locker
expect_eq "while it lasts, nothing is recorded" \
    "$(sql "SELECT count(*) FROM incident WHERE kind = 'database'")" 0
keys 6449818992727 Enter
screen_expect "the next scan is saved" "Items 2"
i=0
while [ "$(sql "SELECT count(*) FROM incident WHERE kind = 'database'")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
expect_eq "and the database error is an incident, now it is over" \
    "$(sql "SELECT detail LIKE '%the database is busy%' FROM incident WHERE kind = 'database'")" 1
keys F8 y

keys C-q
finish
