#!/bin/sh
# kassa export saft from a store filled through the real paths: paper
# slips backfilled on two earlier days (two VAT rates, cash and card), a
# sale in the console today with a voided line and a copy, an X report and
# a Z (the shift closed). The file must validate against the official
# schema (a copy in tests/data/saft, the same as the project's shared
# standards folder), each day's cash transactions must add up to that
# day's Z, and every sale carries its journal signature. Then the till
# menu's "Export for the bookkeeper" writes the three files to a folder,
# or says why it cannot and writes nothing.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
command -v xmllint >/dev/null || { echo "xmllint is missing (./quickstart installs libxml2-utils)"; exit 1; }
py=/usr/bin/python3
xsd="$top_srcdir/tests/data/saft/Norwegian_SAF-T_Cash_Register_Schema_v_1.00.xsd"
shared="$top_srcdir/../shared/standards/saf-t-cash-register/Norwegian_SAF-T_Cash_Register_Schema_v_1.00.xsd"
if [ -f "$shared" ]; then
	check "the schema in tests/data is the official one" cmp -s "$xsd" "$shared"
fi
demo_store
day1=$(date -d '3 days ago' +%F)
day2=$(date -d '2 days ago' +%F)
today=$(date +%F)

cat >"$work/slips.csv" <<CSV
date,time,book,slip,code,qty,price,tender,amount
$day1,09:12,A,1,6449818992727,2,,cash,
$day1,09:12,A,1,6422604565473,1,,,
$day1,10:40,A,2,4,"0,5",,card,
$day2,08:05,B,1,6422604565473,3,,card,
CSV
echo 2222 | "$KASSA" backfill --as 2 "$work/slips.csv" >/dev/null 2>&1
expect_eq "three slips on two days" "$(sql "SELECT count(DISTINCT business_date) || ' ' || count(*) FROM sale")" "2 3"

# Today in the console: milk (13.5 %), beer (25.5 %) and a line voided.
console_start 100 30
keys 6449818992727 Enter 6422604565473 Enter 301 Enter
screen_expect "three lines" "Items 3"
keys Delete
screen_expect "Del voids the last line" "VOID"
keys F9 Enter
screen_expect "the sale is paid" "Receipt 4 saved"
keys F10
screen_expect "today's receipts" "Today's receipts"
keys Enter
screen_expect "one shown as a copy" "*** COPY ***"
keys p
screen_expect "P queues a copy" "A copy of receipt 4 is queued"
keys Escape Escape
screen_expect "back to the sale" "Code:"
# A return of the milk (receipt 5), approved by the manager.
keys F12 Enter
screen_expect "a return" "Return: the receipt's number"
keys 4 Enter
screen_expect "the lines of receipt 4" "Return of receipt 4: pick a line"
keys Enter Enter Escape
screen_expect "the milk to give back" "TOTAL  -1,25 €"
keys F9 Enter 2 Enter 2222 Enter
screen_expect "the return is saved" "Receipt 5 is saved"
# A training sale (receipt 6): training on and off, the manager approves.
keys F12 Down Down Enter 2 Enter 2222 Enter
screen_expect "training on" "TRAINING |"
keys 301 Enter F9 Enter
screen_expect "a training sale" "Receipt 6 saved"
keys F12 Down Down Enter 2 Enter 2222 Enter
screen_expect "training off" "Training mode is off"
keys C-q
screen_expect "quit" "kassa-exited-0"

echo 1111 | "$KASSA" report x --user 1 >/dev/null
echo 1111 | "$KASSA" shift close --user 1 --count 100x0 >/dev/null
expect_eq "an X and a Z" "$(sql "SELECT (SELECT count(*) FROM till_event WHERE kind = 'x_report') || ' ' || (SELECT count(*) FROM z_report)")" "1 1"

"$KASSA" export saft --from "$day1" --to "$today" -o "$work/saft.xml"
check "kassa export saft writes the file" test -s "$work/saft.xml"
out=$(xmllint --noout --schema "$xsd" "$work/saft.xml" 2>&1)
expect_in "it validates against the SAF-T Cash Register schema" "$out" "validates"

# Each day: the signed sum of its cash transactions (not training) is the
# Z gross of that day.
for d in "$day1" "$day2" "$today"; do
	z=$("$KASSA" report z --date "$d" --format json | $py -c 'import json,sys; print(json.load(sys.stdin)["gross"])')
	s=$($py - "$work/saft.xml" "$d" <<'PY'
import sys, xml.etree.ElementTree as ET
from decimal import Decimal
ns = {"s": "urn:StandardAuditFile-Taxation-CashRegister:NO"}
t = ET.parse(sys.argv[1]); total = Decimal(0)
for ct in t.getroot().iterfind(".//s:cashtransaction", ns):
    if ct.findtext("s:bookDate", None, ns) != sys.argv[2] or ct.findtext("s:trainingID", None, ns) == "true":
        continue
    a = Decimal(ct.findtext("s:transAmntIn", None, ns))
    total += a if ct.findtext("s:amntTp", None, ns) == "C" else -a
print(int(total * 100))
PY
)
	expect_eq "the cash transactions of $d add up to its Z ($z)" "$s" "$z"
done
expect_eq "the three days have sales" \
    "$(sql "SELECT count(DISTINCT business_date) FROM sale")" 3

r=$($py - "$work/saft.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"s": "urn:StandardAuditFile-Taxation-CashRegister:NO"}
for ct in ET.parse(sys.argv[1]).getroot().iterfind(".//s:cashtransaction", ns):
    print(ct.findtext("s:transID", None, ns), ct.findtext("s:signature", None, ns), ct.findtext("s:keyVersion", None, ns))
PY
)
expect_eq "every sale with the signature and key version of its journal entry" "$r" \
    "$(sql "SELECT s.id || ' ' || j.signature || ' ' || j.key_version FROM sale s JOIN journal j ON j.type = 'sale' AND j.ref = s.id ORDER BY s.id")"
x=$(cat "$work/saft.xml")
expect_in "the voided line is there, not charged" "$x" "<lineType>VOID</lineType>"
expect_in "the copy is counted on its sale" "$x" "<receiptCopyNum>1</receiptCopyNum>"
expect_in "and is an event" "$x" "<eventType>COPY</eventType>"
expect_in "the X report with its figures" "$x" "<reportType>X report</reportType>"
expect_in "the Z report" "$x" "<reportType>Z report</reportType>"
net=$(sql "SELECT json_extract(figures, '\$.net') FROM z_report")
expect_in "the Z's total as stored with it" "$x" "<totalCashSaleAmnt>$(printf '%d.%02d' $((net / 100)) $((net % 100)))</totalCashSaleAmnt>"
expect_in "the Z's code from the code list" "$x" "<basicID>ZREPORT</basicID>
    <predefinedBasicID>13009</predefinedBasicID>"
expect_in "both VAT rates" "$x" "<vatCode>1350</vatCode>"
expect_in "both VAT rates" "$x" "<vatCode>2550</vatCode>"
expect_in "the paper slip is named" "$x" "<refID>entered from paper slip B 1</refID>"
expect_eq "the return and the training sale are cash transactions" \
    "$($py - "$work/saft.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"s": "urn:StandardAuditFile-Taxation-CashRegister:NO"}
for ct in ET.parse(sys.argv[1]).getroot().iterfind(".//s:cashtransaction", ns):
    if ct.findtext("s:nr", None, ns) in ("5", "6"):
        print(ct.findtext("s:nr", None, ns), ct.findtext("s:amntTp", None, ns), ct.findtext("s:trainingID", None, ns))
PY
)" "5 D false
6 C true"

# The till menu: a cashier needs a manager; the files go to the folder.
mkdir "$work/stick"
console_start 100 30
keys F12 Down Down Down Down Down Down Down Down Enter
screen_expect "export needs a manager" "needs a manager"
type_slow 2
keys Enter
type_slow 2222
keys Enter
screen_expect "it asks for a folder" "Export to folder (Enter = $XDG_DATA_HOME/kassa/exports)"
type_slow "$work/stick"
keys Enter
screen_expect "then for the period, last month by default" "Period, first and last day"
type_slow "$day1 $today"
keys Enter
screen_expect "and says what it wrote" "Written to $work/stick"
expect_eq "three files, nothing left beside them" "$(ls "$work/stick" | tr '\n' ' ')" \
    "kassa-$day1-$today-saft.xml kassa-$day1-$today-summary.csv kassa-$day1-$today-vouchers.csv "
out=$(xmllint --noout --schema "$xsd" "$work/stick/kassa-$day1-$today-saft.xml" 2>&1)
expect_in "the console's SAF-T validates" "$out" "validates"
expect_in "the summary has the days" "$(cat "$work/stick/kassa-$day1-$today-summary.csv")" "$day2"

# A folder that cannot be written: said, and nothing written anywhere.
keys F12 Down Down Down Down Down Down Down Down Enter
type_slow 2
keys Enter
type_slow 2222
keys Enter
screen_expect "the folder again" "Export to folder"
type_slow "$work/stick/kassa-$day1-$today-saft.xml/sub"
keys Enter
screen_expect "the period again" "Period, first and last day"
keys Enter
screen_expect "a folder that is not one is refused" "cannot write in $work/stick/kassa-$day1-$today-saft.xml/sub"
expect_eq "nothing more was written" "$(ls "$work/stick" | wc -l)" 3
keys C-q
screen_expect "quit" "kassa-exited-0"

finish
