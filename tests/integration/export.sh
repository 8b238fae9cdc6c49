#!/bin/sh
# kassa export summary and vouchers from the command line. The sales are
# written with SQL here (two days, two VAT rates, cash with rounding, card,
# invoice, a return and a training sale); tests/unit/check-export.c makes
# its sales with sale_commit. Each day's summary must agree with
# 'kassa report z --date' and every voucher must balance.
. "$top_srcdir/tests/lib.sh"

"$KASSA" init --admin-pin 9999 >/dev/null
sale() {	# id date kind training total rounding
	sql "INSERT INTO sale (id, till_id, receipt_no, created_at, created_utc, business_date, store_name, store_address, business_id, currency, total, discount_total, rounding, change, kind, training) VALUES ($1, 1, $1, '$2 10:00:00', 0, '$2', 'S', '', '', 'EUR', $5, 0, $6, 0, '$3', $4)"
}
sale 1 2025-03-03 sale 0 1249 1; sale 2 2025-03-03 sale 0 2000 0; sale 3 2025-03-04 sale 0 3500 0
sale 4 2025-03-04 return 0 -1249 -1; sale 5 2025-03-04 sale 1 9999 0
sql "INSERT INTO sale_vat VALUES (1, 1350, 1249, 1100, 149), (2, 2550, 2000, 1594, 406), (3, 2550, 1500, 1195, 305), (3, 1350, 2000, 1762, 238), (4, 1350, -1249, -1100, -149), (5, 2550, 9999, 7967, 2032);
INSERT INTO sale_tender (sale_id, seq, type, amount, given) VALUES (1, 1, 'cash', 1250, 2000), (2, 1, 'card', 2000, 2000), (3, 1, 'invoice', 3500, 3500), (4, 1, 'cash', -1250, -1250), (5, 1, 'card', 9999, 9999);
INSERT OR IGNORE INTO user VALUES (1, 'A', 'manager', 'x', 1, 0, 0, '');
INSERT INTO shift VALUES (1, 1, 1, '', '2025-03-04', 5000);
INSERT INTO shift_close VALUES (1, 1, '', 0, 3750, 3700, -50)"

"$KASSA" export summary --from 2025-03-01 --to 2025-03-31 --format json -o "$work/s.json"
check "summary to a file" test -s "$work/s.json"
for d in 2025-03-03 2025-03-04; do
	"$KASSA" report z --date $d --format json >"$work/z.json"
	r=$(python3 - "$work/s.json" "$work/z.json" $d <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); z = json.load(open(sys.argv[2]))
day = [x for x in s["days"] if x["date"] == sys.argv[3]][0]
bad = [k for k in ("receipts", "gross", "discounts", "rounding", "vat", "tenders") if day[k] != z[k]]
print("agree" if not bad else "differ: %s" % bad)
PY
)
	expect_eq "summary of $d agrees with kassa report z" "$r" agree
done
out=$(cat "$work/s.json")
expect_in "the training sale counts nowhere" "$out" '"date": "2025-03-04", "receipts": 2, "gross": 2251, "sales": 1, "sales_amount": 3500, "returns": 1, "returns_amount": -1249'
expect_in "the cash difference of the day's shift" "$out" '"shifts_closed": 1, "cash_difference": -50'

out=$("$KASSA" export summary --from 2025-03-04 --to 2025-03-04 --separator ';' --decimal-comma)
expect_in "CSV with ; and decimal commas" "$out" '2025-03-04;vat_tax;25,5;;3,05'
expect_in "returns in CSV" "$out" '2025-03-04;returns;;1;-12,49'

mkdir -p "$XDG_CONFIG_HOME/kassa"
printf '[accounts]\ncash = 1910\ncard = 1915\ntender.invoice = 1700\nsales.25.5 = 3000\nsales.13.5 = 3010\nvat = 2939\nrounding = 3790\ncash_difference = 8590\n' >"$XDG_CONFIG_HOME/kassa/kassa.conf"
"$KASSA" export vouchers --from 2025-03-01 --to 2025-03-31 --separator ';' --decimal-comma -o "$work/v.csv"
r=$(python3 - "$work/v.csv" <<'PY'
import csv, sys
from decimal import Decimal
rows = list(csv.DictReader(open(sys.argv[1]), delimiter=';'))
sums = {}
for r in rows:
    d, c = (Decimal(r[k].replace(',', '.')) if r[k] else Decimal(0) for k in ("debit", "credit"))
    assert (d > 0) != (c > 0), r
    sums.setdefault(r["voucher"], [0, 0])
    sums[r["voucher"]][0] += d; sums[r["voucher"]][1] += c
print(" ".join("%s:%s=%s" % (v, a, b) for v, (a, b) in sorted(sums.items())))
PY
)
expect_eq "one voucher a day, each balanced" "$r" "20250303:32.50=32.50 20250304:35.51=35.51"
out=$(cat "$work/v.csv")
expect_in "the header" "$out" 'date;voucher;account;description;debit;credit;vat_code'
expect_in "a return pays cash back: cash on the credit side" "$out" '2025-03-04;20250304;1910;Sales 2025-03-04 cash;;12,50;'
expect_in "sales net per rate on its account with a VAT code" "$out" '2025-03-04;20250304;3010;Sales 2025-03-04 VAT 13.5 %;;6,62;13,5'
expect_in "a shortage debits the cash difference account" "$out" '2025-03-04;20250304;8590;Cash difference 2025-03-04;0,50;;'
expect_in "an invoice on its own account" "$out" '2025-03-04;20250304;1700;Sales 2025-03-04 invoice;35,00;;'

"$KASSA" export vouchers --from 2025-03-31 --to 2025-03-01 2>"$work/err"; rc=$?
expect_eq "from after to: exit 2" "$rc" 2
expect_in "and says so" "$(cat "$work/err")" "--from 2025-03-31 is after --to 2025-03-01"
"$KASSA" export summary --from 2025-3-1 --to 2025-03-31 2>"$work/err"; rc=$?
expect_eq "a bad date: exit 2" "$rc" 2
expect_in "and says what a date is" "$(cat "$work/err")" '"2025-3-1" is not a date (YYYY-MM-DD)'
printf '[accounts]\nsales.22 = 3000\nbank = 1\n' >"$XDG_CONFIG_HOME/kassa/kassa.conf"
"$KASSA" export vouchers --from 2025-03-01 --to 2025-03-31 2>"$work/err"; rc=$?
expect_eq "an unknown [accounts] key stops kassa" "$rc" 1
expect_in "with the key" "$(cat "$work/err")" "unknown setting bank in [accounts]"

finish
