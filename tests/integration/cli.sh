#!/bin/sh
# The command line against real SQLite files: init, catalog import and
# export, receipts and the Z report, and the messages bad input gets.
. "$top_srcdir/tests/lib.sh"

out=$("$KASSA" --help)
expect_in "--help lists the commands" "$out" "catalog import [--format kassa|woocommerce] FILE [--skip-invalid]"
expect_in "--help lists the exports" "$out" "export vouchers --from DATE --to DATE"
expect_in "--help lists report z" "$out" "report z [--date YYYY-MM-DD]"
expect_eq "--version" "$("$KASSA" --version)" "kassa 0.1.0"
"$KASSA" frobnicate 2>"$work/err"; rc=$?
expect_eq "an unknown command exits 2" "$rc" 2
expect_in "and says so" "$(cat "$work/err")" 'unknown command "frobnicate"'

# No database yet: a message that says what to do.
"$KASSA" report z 2>"$work/err"; rc=$?
expect_eq "no database: exit 1" "$rc" 1
expect_in "no database: says how to make one" "$(cat "$work/err")" "kassa init"

out=$("$KASSA" init --demo)
expect_in "init --demo in the XDG data folder" "$out" "created the demo store in $db"
n=$("$KASSA" catalog export | tail -n +2 | wc -l)
[ "$n" -ge 200 ] && ok "the demo catalog has $n items" || not_ok "demo catalog has >= 200 items" "$n"
expect_eq "the database is private" "$(stat -c %a "$db")" 600
"$KASSA" init --demo 2>"$work/err"; rc=$?
expect_eq "init again refuses" "$rc" 1
expect_in "and leaves the store alone" "$(cat "$work/err")" "already holds a store"

# Export, import into a new store, export again: identical.
"$KASSA" catalog export "$work/a.csv"
check "export to a file" test -s "$work/a.csv"
"$KASSA" --db "$work/b.db" init --admin-pin 4321 >/dev/null
out=$("$KASSA" --db "$work/b.db" catalog import "$work/a.csv")
expect_in "import of the export" "$out" "imported $n items ($n new, 0 updated)"
"$KASSA" --db "$work/b.db" catalog export "$work/b.csv"
check "import(export(x)) is x" cmp "$work/a.csv" "$work/b.csv"
out=$("$KASSA" --db "$work/b.db" catalog import "$work/a.csv")
expect_in "importing it again updates, adds nothing" "$out" "(0 new, $n updated)"

# A spreadsheet's file: BOM, CRLF, semicolons, decimal commas.
printf '\357\273\277gtin;plu;name;price;vat;unit\r\n;5001;"Kahvi; iso";3,50;13,5;pcs\r\n4006381333931;;Kynä;1,20;25.5;\r\n' >"$work/excel.csv"
out=$("$KASSA" catalog import "$work/excel.csv")
expect_in "BOM, CRLF and ; import" "$out" "imported 2 items (2 new"
expect_in "and export back with a dot and commas" "$("$KASSA" catalog export)" \
    ',5001,"Kahvi; iso",3.50,13.5,pcs,,1'

# Bad rows: every one reported with its line, nothing imported.
cat >"$work/bad.csv" <<'CSV'
gtin,plu,name,price,vat,unit,department
6430000000001,,Bad check digit,1.00,13.5,pcs,X
,9001,Good,1.00,13.5,pcs,X
,9002,No price,,13.5,pcs,X
,9001,Same PLU,1.00,13.5,pcs,X
,9003,Odd VAT,1.00,22,pcs,X
CSV
before=$("$KASSA" catalog export | wc -l)
"$KASSA" catalog import "$work/bad.csv" >"$work/out" 2>"$work/err"; rc=$?
err=$(cat "$work/err")
expect_eq "invalid rows: exit 1" "$rc" 1
expect_in "bad check digit, with its line" "$err" "line 2: GTIN \"6430000000001\" has a wrong check digit"
expect_in "missing price" "$err" "line 4: the price is missing"
expect_in "duplicate PLU" "$err" "line 5: duplicate PLU 9001 (also on line 3)"
expect_in "unknown VAT rate" "$err" "line 6: unknown VAT rate 22 %"
expect_in "nothing imported" "$err" "nothing was imported"
expect_eq "the catalog is unchanged" "$("$KASSA" catalog export | wc -l)" "$before"
"$KASSA" catalog import "$work/bad.csv" --skip-invalid >"$work/out" 2>"$work/err"; rc=$?
expect_eq "--skip-invalid: exit 0" "$rc" 0
expect_in "--skip-invalid imports the good row" "$(cat "$work/out")" "imported 1 item (1 new"
expect_in "--skip-invalid names the skipped rows" "$(cat "$work/err")" "(skipped)"
"$KASSA" catalog import "$work/nope.csv" 2>"$work/err"; rc=$?
expect_eq "a missing file: exit 1" "$rc" 1
expect_in "a missing file: says so" "$(cat "$work/err")" "cannot open $work/nope.csv"

# A price list with fewer columns changes only what it has.
printf 'gtin,name,price,vat\n6449818992727,Kevytmaito 1 l,1.35,13.5\n' >"$work/prices.csv"
"$KASSA" catalog import "$work/prices.csv" >/dev/null
expect_in "a price update keeps the department and the rest" \
    "$("$KASSA" catalog export)" "6449818992727,,Kevytmaito 1 l,1.35,13.5,pcs,Maito ja juusto,1"
printf 'plu,name,price,vat\n4,Banaani,2.19,13.5\n' >"$work/prices.csv"
"$KASSA" catalog import "$work/prices.csv" >/dev/null
expect_in "a PLU price list keeps the unit" "$("$KASSA" catalog export)" ",4,Banaani,2.19,13.5,kg,"

# Reports and receipts with no sales.
json=$("$KASSA" report z --format json)
check "report z --format json is JSON" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["receipts"] == 0 and d["vat"] == [] and d["tenders"] == []' "$json"
"$KASSA" report z --date 2026-13-45 2>"$work/err"; rc=$?
expect_eq "a bad date: exit 2" "$rc" 2
"$KASSA" receipt show 1 2>"$work/err"; rc=$?
expect_eq "no receipt 1 yet: exit 1" "$rc" 1
expect_in "no receipt 1: says so" "$(cat "$work/err")" "there is no receipt 1 on till 1"

"$KASSA" receipt show 1 --till 0 2>"$work/err"; rc=$?
expect_eq "till 0 is a usage error" "$rc" 2

# [store] in the configuration seeds a new store; "13,5" is one rate.
printf '[store]\nname = Kahvila Testi\nvat_rates = 25,5; 13,5 0\n' >"$work/store.conf"
"$KASSA" --config "$work/store.conf" --db "$work/s.db" init --admin-pin 4321 >/dev/null
printf 'plu,name,price,vat\n1,Kahvi,3.00,13.5\n2,Pulla,2.00,5\n' >"$work/s.csv"
"$KASSA" --config "$work/store.conf" --db "$work/s.db" catalog import "$work/s.csv" 2>"$work/err"
expect_in "vat_rates with decimal commas: 5 % is no rate" "$(cat "$work/err")" "line 3: unknown VAT rate 5 %"
expect_not_in "vat_rates with decimal commas: 13,5 % is one" "$(cat "$work/err")" "line 2"

# Configuration: a typo is an error with its line.
mkdir -p "$XDG_CONFIG_HOME/kassa"
printf '[till]\nid = 2\nnmae = Front\n' >"$XDG_CONFIG_HOME/kassa/kassa.conf"
"$KASSA" report z 2>"$work/err"; rc=$?
expect_eq "a config typo: exit 1" "$rc" 1
expect_in "a config typo: file, line and key" "$(cat "$work/err")" "kassa.conf:3: unknown setting nmae in [till]"
printf '[instore 20-22]\nitem_digits = 6\n' >"$work/bad.conf"
"$KASSA" --config "$work/bad.conf" report z 2>"$work/err"; rc=$?
expect_eq "an impossible in-store layout: exit 1" "$rc" 1
expect_in "an impossible in-store layout: says why" "$(cat "$work/err")" "does not make 13 digits"
KASSA_CONFIG="$work/none.conf" "$KASSA" report z 2>"$work/err"; rc=$?
expect_in "KASSA_CONFIG naming a missing file" "$(cat "$work/err")" "cannot read $work/none.conf"
rm -f "$XDG_CONFIG_HOME/kassa/kassa.conf"
expect_not_in "KASSA_DB picks the database" \
    "$(KASSA_DB="$work/b.db" "$KASSA" catalog export)" ",5001,"
expect_in "--db wins over KASSA_DB" \
    "$(KASSA_DB="$work/b.db" "$KASSA" --db "$db" catalog export)" ",5001,"

# A database named without a folder goes in the current one.
(cd "$work" && echo 4321 | "$KASSA" --db bare.db init >/dev/null 2>&1); rc=$?
expect_eq "init --db with a bare file name" "$rc" 0
check "and the file is there" test -s "$work/bare.db"

finish
