#!/bin/sh
# The journal and backups through the command line, sales made at the real
# console: verify, show and head; tampering found with its entry and exit
# status 1; the key file's rules; a verified backup, and a restore from it.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
"$KASSA" init --demo >/dev/null
key="$db.key"
expect_eq "init makes the till's key, private" "$(stat -c %a "$key")" 600
out=$("$KASSA" journal verify); rc=$?
expect_eq "a new store's journal verifies" "$rc" 0
# The demo's three users are its first entries (user changes are journaled).
expect_in "with its users' entries" "$out" "OK 3 entries, head 3 "
expect_eq "three user entries" \
    "$(sql "SELECT group_concat(json_extract(content, '$.till_event[0].kind'), ',') FROM journal")" \
    "user_add,user_add,user_add"

# A shift (its entry is the fourth), then three sales at the console, paid
# with the exact cash.
open_shift
console_start 100 30
for n in 1 2 3; do
	keys 6449818992727 Enter
	screen_expect "item $n scanned" "Kevytmaito"
	keys F9
	screen_expect "payment $n opens" "Cash given"
	keys Enter
	i=0
	while [ "$(sql "SELECT count(*) FROM sale")" -lt $n ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
done
expect_eq "three sales" "$(sql "SELECT count(*) FROM sale")" 3
expect_eq "three entries, in their sales' order" \
    "$(sql "SELECT group_concat(type || ' ' || ref, ',') FROM journal WHERE type = 'sale'")" \
    "sale 1,sale 2,sale 3"

out=$("$KASSA" journal verify); rc=$?
expect_eq "verify: exit 0" "$rc" 0
head=$("$KASSA" journal head)
expect_in "verify names the head" "$out" "OK 7 entries, head $head"
expect_eq "the head is the last entry's hash" "$head" \
    "7 $(sql "SELECT hash FROM journal WHERE seq = 7")"
out=$("$KASSA" journal show --from 6 --limit 1)
expect_in "show: the entry asked for" "$out" "6 "
expect_in "show: what it covers" "$out" " sale 2 key 1 "
expect_in "show: the content" "$out" '"receipt_no":2,'
expect_not_in "show: only that one" "$out" " sale 3 "
expect_not_in "the private key is nowhere in the output" "$out$("$KASSA" journal show)" \
    "$(cat "$key")"
"$KASSA" journal frobnicate 2>/dev/null; rc=$?
expect_eq "an unknown journal command: exit 2" "$rc" 2

# Honest SQL cannot rewrite a sale.
sqlite3 "$db" "UPDATE sale SET total = 1 WHERE id = 2" 2>"$work/err"
expect_in "the guard refuses an update" "$(cat "$work/err")" "a committed sale is never changed"

# A backup while the console runs, into [backup] dir.
printf '[backup]\ndir = %s/backups\n' "$work" >"$work/kassa.conf"
out=$("$KASSA" --config "$work/kassa.conf" backup); rc=$?
expect_eq "backup: exit 0" "$rc" 0
expect_in "backup says where and what" "$out" "kassa: backed up to $work/backups/kassa-till1-"
expect_in "and that it verified" "$out" "(3 sales, journal head $head), verified"
copy=$(ls "$work"/backups/kassa-till1-*.db)
expect_eq "one copy" "$(echo "$copy" | wc -l)" 1
expect_eq "the copy is private" "$(stat -c %a "$copy")" 600
check "the copy is one file, no log beside it" test ! -e "$copy-wal"
check "the key is not copied" test ! -e "$copy.key"
expect_eq "the copy holds the sales" \
    "$(sqlite3 "$copy" "SELECT count(*) FROM sale")" 3
out=$("$KASSA" backup --to "$work/other"); rc=$?
expect_eq "backup --to: exit 0" "$rc" 0
expect_in "backup --to a folder it makes" "$out" "$work/other/kassa-till1-"
expect_eq "that folder is private" "$(stat -c %a "$work/other")" 700
mkdir "$work/ro" && chmod 500 "$work/ro"
if [ "$(id -u)" -ne 0 ]; then
	"$KASSA" backup --to "$work/ro" 2>"$work/err"; rc=$?
	expect_eq "backup to a folder it cannot write: exit 1" "$rc" 1
	expect_in "and says so" "$(cat "$work/err")" "cannot create a backup in $work/ro"
fi

# Tampering, the guards dropped: found, with the entry, exit 1.
keys C-q
sleep 0.5
cp "$db" "$work/before.db"
cp "$db.key" "$work/before.db.key"
unguard() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'"); do
		sqlite3 "$1" "DROP TRIGGER $t"
	done
}
unguard "$db"
sql "UPDATE sale SET total = total - 10 WHERE id = 2"
"$KASSA" journal verify >"$work/out" 2>"$work/err"; rc=$?
expect_eq "an edited sale: exit 1" "$rc" 1
expect_in "an edited sale: where and what" "$(cat "$work/err")" \
    "the journal is BROKEN at entry 6: entry 6: sale 2 was changed in the database after it was journaled"
expect_in "the missing guards are named" "$(cat "$work/err")" "append-only were removed"
expect_eq "stdout says BROKEN and the entry" "$(cat "$work/out")" "BROKEN 6"

cp "$work/before.db" "$db"; rm -f "$db-wal" "$db-shm"
unguard "$db"
sql "DELETE FROM journal WHERE seq = 5"
"$KASSA" journal verify 2>"$work/err"; rc=$?
expect_eq "a deleted entry: exit 1" "$rc" 1
expect_in "a deleted entry: found" "$(cat "$work/err")" "entry 5 is missing (deleted)"

cp "$work/before.db" "$db"; rm -f "$db-wal" "$db-shm"
unguard "$db"
sql "INSERT INTO sale_line SELECT sale_id, 9, item_id, code, name, department, unit, qty, unit_price, vat_bp, price_source, discount_kind, discount_value, discount_reason, voided, gross, line_discount, basket_discount, total, list_price, approver_id, return_line FROM sale_line WHERE sale_id = 3"
"$KASSA" journal verify 2>"$work/err"; rc=$?
expect_eq "an added line: exit 1" "$rc" 1
expect_in "an added line: found" "$(cat "$work/err")" "entry 7: sale 3 was changed"

# Restore: stop the console (it is), copy the backup over the database,
# remove the old log, verify.
cp "$copy" "$db"; rm -f "$db-wal" "$db-shm"
out=$("$KASSA" journal verify); rc=$?
expect_eq "the restored database verifies" "$rc" 0
expect_in "with the head of the backup" "$out" "OK 7 entries, head $head"
expect_eq "and the sales" "$(sql "SELECT count(*) FROM sale")" 3

# The key file: readable by others, refused at the till, the sale kept.
chmod 644 "$key"
console_start 220 30
keys 6449818992727 Enter
screen_expect "a scan after the restore" "Kevytmaito"
keys F9
screen_expect "payment opens" "Cash given"
keys Enter
screen_expect "a key others can read stops the sale, saying why" \
    "Could not save the sale: the till's key $key can be read by other users; make it private with 'chmod 600 $key'"
expect_eq "nothing was committed" "$(sql "SELECT count(*) FROM sale")" 3
chmod 600 "$key"
keys Escape
keys F9
screen_expect "payment again" "Cash given"
keys Enter
i=0
while [ "$(sql "SELECT count(*) FROM sale")" -lt 4 ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_eq "with the key private again, the sale commits" "$(sql "SELECT count(*) FROM sale")" 4
keys C-q
sleep 0.5

# A lost key (a till restored on new hardware): a new key on purpose.
mv "$key" "$work/lost.key"
"$KASSA" journal new-key >"$work/out"; rc=$?
expect_eq "new-key: exit 0" "$rc" 0
expect_in "new-key says which" "$(cat "$work/out")" "started key 2"
"$KASSA" journal new-key 2>"$work/err"; rc=$?
expect_eq "new-key again refuses" "$rc" 1
expect_in "and says why" "$(cat "$work/err")" "is there already"
out=$("$KASSA" journal verify); rc=$?
expect_eq "both keys verify" "$rc" 0
# Four sales, four entries before them, and the incident the unreadable
# key made (recorded once the sale went through).
expect_eq "the refused sale is an incident" \
    "$(sql "SELECT kind FROM incident")" "database"
expect_in "all entries" "$out" "OK 9 entries"

# A price change and an incident are journaled too, whatever made them.
printf 'gtin,plu,name,price,vat,unit,department\n6449818992727,,Kevytmaito 1 l,1.35,13.5,pcs,Maito\n' >"$work/price.csv"
"$KASSA" catalog import "$work/price.csv" >/dev/null
expect_eq "the price change is recorded" \
    "$(sql "SELECT old_price || '>' || new_price FROM price_change")" "125>135"
expect_eq "and journaled" "$(sql "SELECT count(*) FROM journal WHERE type = 'price_change'")" 1
"$KASSA" incidents add "the scanner was unplugged; plugged in again" >/dev/null
expect_eq "every incident is journaled, the note too" \
    "$(sql "SELECT count(*) FROM journal WHERE type = 'incident'")" 2
out=$("$KASSA" journal verify); rc=$?
expect_eq "they verify" "$rc" 0
unguard "$db"
sql "UPDATE price_change SET new_price = 129"
"$KASSA" journal verify 2>"$work/err"; rc=$?
expect_eq "an edited price change: exit 1" "$rc" 1
expect_in "an edited price change: found" "$(cat "$work/err")" "price_change 1 was changed"

finish
