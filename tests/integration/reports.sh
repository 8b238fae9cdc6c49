#!/bin/sh
# The reports, stock and customer commands: sales rung up in the console,
# then every report as text, CSV and JSON checked against the database,
# training left out; deliveries, counts and customers from the shell.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing"; exit 1; }
demo_store
MILK=6449818992727
BREAD=6479602783736
today=$(date +%Y-%m-%d)

"$KASSA" customer add "Liisa Virtanen" --phone "040 123 4567" --email liisa@example.com >/dev/null
# Two sales by the demo's cashier Anna: 2 milk + bread, and for the
# customer a haircut at 10 % off with a voided milk.
console_start 100 30
keys "2*$MILK" Enter $BREAD Enter
screen_expect "first sale" "TOTAL  4,69 €"
keys F9 Enter
screen_expect "paid" "CHANGE"
keys C-e
type_slow Liisa
keys Enter
screen_expect "the customer is found" "Liisa Virtanen"
keys Enter
screen_expect "the customer is on the sale" "Customer: Liisa Virtanen"
keys $MILK Enter
type_slow 301
keys Enter
screen_expect "haircut" "TOTAL  59,25 €"
keys F3
type_slow "10%"
keys Enter
type_slow "regular"
keys Enter
keys Up Delete
screen_expect "the milk voided, the discount given" "TOTAL  52,20 €"
keys F9 Enter
screen_expect "paid" "CHANGE"
keys C-q
sleep 0.5

# --- Sales by item -------------------------------------------------------
t=$("$KASSA" report items)
expect_in "items: the title and day" "$t" "Sales by item, $today"
expect_in "items: the haircut" "$t" "Hiustenleikkaus, naiset    1   52,20"
expect_in "items: the total" "$t" "56,89"
csv=$("$KASSA" report items --format csv)
expect_eq "items CSV: the header" "$(printf '%s\n' "$csv" | head -1)" "code,item,qty,amount"
expect_in "items CSV: milk, two, in minor units" "$csv" "$MILK,Kevytmaito 1 l,2000,250"
expect_in "items CSV: a name with a comma is quoted" "$csv" "301,\"Hiustenleikkaus, naiset\",1000,5220"
expect_eq "items CSV: a row per item sold" "$(printf '%s\n' "$csv" | wc -l)" \
    "$(( $(sql "SELECT count(DISTINCT code) FROM sale_line WHERE NOT voided") + 1 ))"
json=$("$KASSA" report items --format json)
expect_eq "items JSON: rows add up to the total and to the sales" \
    "$(printf '%s' "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(r["amount"] for r in d["rows"]), d["total"]["amount"], d["report"], d["from"])')" \
    "$(sql "SELECT sum(total) FROM sale") $(sql "SELECT sum(total) FROM sale") items $today"

# --- Hourly, departments, cashiers, losses, cash -------------------------
hour=$(sql "SELECT substr(created_at, 12, 2) FROM sale LIMIT 1")
expect_in "hourly: the hour" "$("$KASSA" report hourly)" "$hour:00-"
expect_eq "hourly JSON: two sales, their sum" \
    "$("$KASSA" report hourly --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"]["sales"], d["total"]["amount"])')" \
    "2 5689"
expect_in "departments: Kampaamo" "$("$KASSA" report departments --format csv)" "Kampaamo,1,5220"
expect_in "cashiers: the demo cashier" "$("$KASSA" report cashiers --format csv)" "Anna,2,0,580,5689"
losses=$("$KASSA" report losses --format csv)
expect_in "losses: the discount with its reason" "$losses" ",discount,"
expect_in "losses: the reason" "$losses" ",580,regular,"
expect_in "losses: the void, by whom" "$losses" ",void,Anna,Kevytmaito 1 l,125,"
expect_eq "cash: no shift closed" "$("$KASSA" report cash --format csv)" \
    "shift,till,cashier,opened,closed,closed_by,float,expected,counted,difference"

# Training never counts: a training sale of 3 bread with a discount.
sql "INSERT INTO sale (till_id, receipt_no, created_at, created_utc, business_date, cashier, store_name, store_address, business_id, currency, total, discount_total, rounding, change, training, user_id) SELECT 1, 99, created_at, created_utc, business_date, 'Anna', '', '', '', 'EUR', 600, 57, 0, 0, 1, 1 FROM sale WHERE receipt_no = 1; INSERT INTO sale_line (sale_id, line_no, item_id, code, name, department, unit, qty, unit_price, vat_bp, price_source, discount_kind, discount_value, discount_reason, voided, gross, line_discount, basket_discount, total) SELECT max(id), 1, NULL, '$BREAD', 'Ruisleipä 500 g', 'Leipä', 'pcs', 3000, 219, 1350, 0, 2, 57, 'training', 0, 657, 57, 0, 600 FROM sale"
expect_eq "a training sale leaves the report" \
    "$("$KASSA" report hourly --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"]["sales"], d["total"]["amount"])')" \
    "2 5689"
expect_not_in "and the loss view" "$("$KASSA" report losses --format csv)" "training"
expect_in "and the items" "$("$KASSA" report items --format csv)" "$BREAD,Ruisleipä 500 g,1000,219"

# A range; days without sales; bad input.
expect_in "a range of days" "$("$KASSA" report departments --date 2020-01-01 --to "$today")" \
    "Sales by department, 2020-01-01 - $today"
expect_in "a day without sales" "$("$KASSA" report items --date 2020-01-01)" "Nothing to show."
out=$("$KASSA" report items --date 2020-01-02 --to 2020-01-01 2>&1); rc=$?
expect_eq "--to before --date is refused" "$rc" "2"
expect_in "with a reason" "$out" "is before --date"
"$KASSA" report weekly >/dev/null 2>&1; expect_eq "an unknown report is refused" "$?" "2"
"$KASSA" report items --format xml >/dev/null 2>&1; expect_eq "an unknown format is refused" "$?" "2"
"$KASSA" report z --to "$today" >/dev/null 2>&1; expect_eq "z takes one day" "$?" "2"

# --- Stock from the shell ------------------------------------------------
expect_eq "the sales lowered the stock" \
    "$(sql "SELECT stock FROM item i JOIN item_gtin g ON g.item_id = i.id WHERE g.code = '$MILK'")" "-2000"
expect_eq "a service has none" "$(sql "SELECT stock FROM item WHERE plu = '301'")" "0"
printf 'code;qty\n%s;24\n4;3,5\n301;1\n1234;x\n' "$MILK" >"$work/bad.csv"
out=$("$KASSA" stock receive "$work/bad.csv" 2>&1); rc=$?
expect_eq "a bad delivery note is refused" "$rc" "1"
expect_in "the service row is named" "$out" "line 4: a service has no stock"
expect_in "the bad quantity is named" "$out" "line 5: the quantity is not a number above zero"
expect_eq "nothing was received" "$(sql "SELECT count(*) FROM delivery")" "0"
printf 'code;qty\n%s;24\n4;3,5\n' "$MILK" >"$work/LS-1.csv"
expect_eq "a delivery note is received" "$("$KASSA" stock receive "$work/LS-1.csv")" \
    "delivery 1 (LS-1.csv): 2 items received"
expect_eq "the milk is in stock" \
    "$(sql "SELECT stock FROM item i JOIN item_gtin g ON g.item_id = i.id WHERE g.code = '$MILK'")" "22000"
low=$("$KASSA" stock list --low 5 --format csv)
expect_in "stock list --low: the bananas" "$low" "4,Banaani,kg,3500"
expect_not_in "but not the milk" "$low" "Kevytmaito"
expect_not_in "nor a service" "$low" "Hiustenleikkaus"
expect_eq "count add" "$("$KASSA" stock count add "$MILK" 20)" "stock count 1: Kevytmaito 1 l counted 20"
expect_eq "count show JSON: the variance's value" \
    "$("$KASSA" stock count show --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); r=d["rows"][0]; print(r["expected"], r["counted"], r["difference"], r["value"], d["total"]["value"])')" \
    "22000 20000 -2000 -250 -250"
"$KASSA" stock count apply </dev/null >/dev/null 2>&1; expect_eq "apply needs a user" "$?" "2"
out=$(echo 1111 | "$KASSA" stock count apply --as 1 2>&1)
expect_in "a cashier may not apply" "$out" "apply a stock count needs a manager"
out=$(echo 2223 | "$KASSA" stock count apply --as 2 2>&1)
expect_in "a wrong PIN is refused" "$out" "PIN"
expect_eq "a manager may" "$(echo 2222 | "$KASSA" stock count apply --as 2)" "stock count 1 applied"
expect_eq "the stock is what was counted" \
    "$(sql "SELECT stock FROM item i JOIN item_gtin g ON g.item_id = i.id WHERE g.code = '$MILK'")" "20000"
expect_eq "stock is the sum of its moves" \
    "$(sql "SELECT count(*) FROM item i WHERE stock != (SELECT coalesce(sum(qty), 0) FROM stock_move m WHERE m.item_id = i.id)")" "0"

# --- Customers -----------------------------------------------------------
expect_eq "customer add" "$("$KASSA" customer add "Pekka Salo" --phone "050 765 4321")" \
    "customer 2: Pekka Salo"
"$KASSA" customer add "Bad" --email nope >/dev/null 2>&1; expect_eq "a bad email is refused" "$?" "1"
expect_in "customer list by phone" "$("$KASSA" customer list 0401234)" "Liisa Virtanen"
expect_not_in "and only her" "$("$KASSA" customer list 0401234)" "Pekka Salo"
expect_in "customer list as JSON" "$("$KASSA" customer list --format json)" '"visits": 1'
c=$("$KASSA" customer show 1)
expect_in "customer show: the visit" "$c" "receipt 2"
expect_in "customer show: the haircut" "$c" "Hiustenleikkaus, naiset"
expect_not_in "customer show: not the voided line" "$c" "Kevytmaito"
"$KASSA" customer show 99 >/dev/null 2>&1; expect_eq "an unknown customer" "$?" "1"

finish
