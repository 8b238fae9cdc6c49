#!/bin/sh
# The catalog in WooCommerce's product CSV: a file as WooCommerce 9 exports
# it (BOM, quoted fields, commas in names, HTML, columns kassa ignores)
# imports with the right prices, VAT and stock; export, import into an
# empty store and export again gives the same file.
. "$top_srcdir/tests/lib.sh"

sample="$top_srcdir/tests/data/woocommerce-products.csv"
"$KASSA" init --admin-pin 9999 >/dev/null

# The sample has a variable product on line 4: refused, nothing imported.
"$KASSA" catalog import --format woocommerce "$sample" >"$work/out" 2>"$work/err"; rc=$?
expect_eq "a variable product: exit 1" "$rc" 1
expect_in "it says which line and why" "$(cat "$work/err")" "line 4: a variable product: the till sells simple products only"
expect_eq "and nothing was imported" "$(sql 'SELECT count(*) FROM item')" 0

out=$("$KASSA" catalog import --format woocommerce "$sample" --skip-invalid 2>"$work/err")
expect_in "--skip-invalid imports the simple ones" "$out" "imported 3 items (3 new, 0 updated)"
expect_eq "a name with a comma, the regular price, the reduced rate, the stock, the deepest category" \
    "$(sql "SELECT i.plu, i.price, i.vat_bp, i.stock, d.name FROM item i JOIN department d ON d.id = i.department_id WHERE i.name = 'Kahvi, tumma paahto 500 g'")" \
    "5001|695|1350|24000|Kahvi"
expect_eq "a SKU that is the GTIN is not a PLU; the sale price is the till's price" \
    "$(sql "SELECT coalesce(i.plu, '-'), g.code, i.price, i.stock FROM item i JOIN item_gtin g ON g.item_id = i.id WHERE i.name = 'Kaurahiutaleet'")" \
    "-|6417700050718|149|10000"
expect_eq "tax status none is 0 %, unpublished is inactive" \
    "$(sql "SELECT vat_bp, active, price FROM item WHERE plu = '5002'")" "0|0|2500"
expect_eq "each stock level is a counted stock move" \
    "$(sql "SELECT count(*), sum(qty) FROM stock_move WHERE kind = 'count'")" "3|37000"

# A class kassa.conf names; a class nobody named is refused with the fix.
mkdir -p "$XDG_CONFIG_HOME/kassa"
printf '[woocommerce]\ntax_class.reduced-rate = 10\ntax_class.food = 13.5\n' >"$XDG_CONFIG_HOME/kassa/kassa.conf"
cat >"$work/classes.csv" <<'CSV'
Type,SKU,Name,Tax class,Regular price,Stock,Meta: kassa_unit
simple,7001,Leipä,food,2.49,,
simple,7002,Lehti,reduced-rate,4.90,,
simple,7003,Juusto,cheese,9.90,,
simple,7004,Banaani,food,1.99,12.345,kg
CSV
"$KASSA" catalog import --format woocommerce "$work/classes.csv" 2>"$work/err"; rc=$?
expect_eq "an unknown tax class: exit 1" "$rc" 1
expect_in "it says what to add to kassa.conf" "$(cat "$work/err")" "line 4: tax class \"cheese\" has no VAT rate: add tax_class.cheese = RATE to [woocommerce] in kassa.conf"
"$KASSA" catalog import --format woocommerce "$work/classes.csv" --skip-invalid >/dev/null 2>&1
expect_eq "configured classes give their rates; a weighed item's stock in kg" \
    "$(sql "SELECT group_concat(plu || ':' || vat_bp || ':' || unit || ':' || stock, ' ') FROM (SELECT * FROM item WHERE plu LIKE '700%' ORDER BY plu)")" \
    "7001:1350:pcs:0 7002:1000:pcs:0 7004:1350:kg:12345"
out=$("$KASSA" catalog export --format woocommerce)
expect_in "the export names the configured class" "$out" ',simple,7001,,Leipä,1,taxable,food,0,0,,2.49,,pcs,'
expect_in "and writes a weighed item's stock with 3 decimals" "$out" ',simple,7004,,Banaani,1,taxable,food,1,12.345,,1.99,,kg,'
rm "$XDG_CONFIG_HOME/kassa/kassa.conf"

# Round trip on the demo store: export, import, export gives the same file.
"$KASSA" --db "$work/demo.db" init --demo >/dev/null
sqlite3 "$work/demo.db" "UPDATE item SET stock = 7000 WHERE unit = 'pcs' AND id % 3 = 0; UPDATE item SET stock = 2500 WHERE unit = 'kg'; UPDATE item SET stock = -2000 WHERE id = 5"
"$KASSA" --db "$work/demo.db" catalog export --format woocommerce -o "$work/a.csv"
n=$(($(wc -l <"$work/a.csv") - 1))
[ "$n" -ge 200 ] && ok "the demo catalog exports $n products" || not_ok "demo export" "$n"
expect_eq "the header is WooCommerce's own" "$(head -1 "$work/a.csv")" \
    'ID,Type,SKU,"GTIN, UPC, EAN, or ISBN",Name,Published,Tax status,Tax class,In stock?,Stock,Sale price,Regular price,Categories,Meta: kassa_unit,Meta: kassa_gtins,Meta: kassa_stocked'
check "a negative stock is written as WooCommerce escapes it" grep -q ",'-2.000," "$work/a.csv"
"$KASSA" --db "$work/b.db" init --admin-pin 9999 >/dev/null
out=$("$KASSA" --db "$work/b.db" catalog import --format woocommerce "$work/a.csv")
expect_in "the export imports into an empty store" "$out" "imported $n items ($n new, 0 updated)"
"$KASSA" --db "$work/b.db" catalog export --format woocommerce -o "$work/b.csv"
check "export(import(export)) is the same file" cmp "$work/a.csv" "$work/b.csv"
"$KASSA" --db "$work/demo.db" catalog export >"$work/a-kassa.csv"
"$KASSA" --db "$work/b.db" catalog export >"$work/b-kassa.csv"
check "and the same catalog in kassa's own CSV" cmp "$work/a-kassa.csv" "$work/b-kassa.csv"
expect_eq "stock came across (services have none)" \
    "$(sqlite3 "$work/b.db" 'SELECT sum(stock) FROM item WHERE stocked')" \
    "$(sqlite3 "$work/demo.db" 'SELECT sum(stock) FROM item WHERE stocked')"
expect_eq "and the services are services" \
    "$(sqlite3 "$work/b.db" 'SELECT count(*) FROM item WHERE NOT stocked')" \
    "$(sqlite3 "$work/demo.db" 'SELECT count(*) FROM item WHERE NOT stocked')"

"$KASSA" catalog export --format magento 2>"$work/err"; rc=$?
expect_eq "an unknown format: exit 2" "$rc" 2
expect_in "and says which there are" "$(cat "$work/err")" 'unknown catalog format "magento" (kassa or woocommerce)'

finish
