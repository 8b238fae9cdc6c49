#!/bin/sh
# The console's keys: discounts with a reason, a price override, name
# search, an open-price line, park and resume, cancel; and the same work
# on a vt100 that has no function keys.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
# The demo's manager sells here: the cancels, discounts and overrides are
# his to do alone (console-staff.sh has a cashier ask for approval).
CONSOLE_USER=2 CONSOLE_PIN=2222
demo_store
console_start 100 30

# Search as you type; arrows and Enter pick.
keys F2
screen_expect "F2 opens the search" "Search by name"
keys -l ruisl
screen_expect "results come as you type" "Ruisleipä 500 g"
keys Enter
screen_expect "Enter adds the pick" "TOTAL  2,19 €"
keys /
keys -l kevytm
screen_expect "/ searches too" "Kevytmaito 1 l"
keys Down Up Enter
screen_expect "the second pick" "TOTAL  3,44 €"

# A line discount of 10 % with a reason, on the chosen line.
keys Up F3
screen_expect "F3 asks for the line discount" "Discount on Ruisleipä 500 g"
keys -l 10%
keys Enter
screen_expect "then for a reason" "Reason for the discount:"
keys Enter
screen_expect "a reason is required" "A discount needs a reason."
keys -l "best before today"
keys Enter
screen_expect "the discount is taken" "TOTAL  3,22 €"
# A discount of 0,22 on the whole sale.
keys F4
screen_expect "F4 asks for a sale discount" "Discount on the whole sale"
keys 0,22 Enter
keys -l "regular customer"
keys Enter
screen_expect "the sale discount is taken" "TOTAL  3,00 €"

# A price override, kept on record.
keys F5
screen_expect "F5 asks for the new price" "New price for Ruisleipä 500 g:"
keys 1,50 Enter
screen_expect "the price changes" "Price changed"

# An open-price line in a department for an unknown code.
keys 6400000000002 Enter
screen_expect "an unknown code offers an open price" "Sell 6400000000002 at an open price:"
keys 4,90 Enter
screen_expect "then asks the department" "Department of the open-price line"
keys -l 2
keys Enter
screen_expect "digits do not pick in a list" "Department of the open-price line"
keys Down Enter
screen_expect "the open-price line is added" "Open price: Juomat"

keys F9 Enter
screen_expect "the sale is paid" "CHANGE"
r=$("$KASSA" receipt show 1)
expect_in "receipt: the line discount and its reason" "$r" "Discount 10 % best before today"
expect_in "receipt: the sale discount" "$r" "Sale discount regular customer"
expect_in "receipt: the override is shown" "$r" "Price changed, was 2,19"
expect_in "receipt: the open-price line" "$r" "Open price: Juomat                    4,90"
expect_eq "the override keeps the catalog price" \
    "$(sql "SELECT unit_price, list_price, price_source FROM sale_line WHERE name LIKE 'Ruis%'")" "150|219|2"
expect_eq "the open-price line has its department's VAT" \
    "$(sql "SELECT vat_bp, price_source FROM sale_line WHERE name LIKE 'Open%'")" "1350|3"

# Park, start another, resume.
keys 6449818992727 Enter F6
screen_expect "F6 asks for a name" "Park this sale as"
keys -l "Anna"
keys Enter
screen_expect "the sale is parked" 'Sale parked as "Anna"'
keys 301 Enter F7
screen_expect "resume refuses over an open sale" "Finish or park this sale first."
keys F8
screen_expect "F8 asks before cancelling" "Cancel the whole sale?"
keys n
screen_expect "n keeps it" "TOTAL  58,00 €"
keys F8 y
screen_expect "y cancels it" "The sale is cancelled."
keys F7
screen_expect "F7 lists the parked sales" "Parked sales"
keys Enter
screen_expect "Enter resumes one" 'Resumed "Anna".'
screen_expect "with its lines" "TOTAL  1,25 €"
expect_eq "nothing is left parked" "$(sql "SELECT count(*) FROM parked_basket")" 0
keys C-q
screen_expect "quit" "kassa-exited-0"

# A vt100 has no function keys: every action has another key.
console_start 80 24 vt100
screen_expect "a vt100 of 80x24 shows the sale" "TOTAL  1,25 €"
expect_not_in "line drawing is not garbled" "$(screen)" "qqqqqqqq"
keys C-f
keys -l maito
screen_expect "^F searches" "Maito 1 l, rasvaton"
keys Escape
keys 6449818992727 Enter C-v
screen_expect "^V voids" "TOTAL  1,25 €"
keys C-d
keys -l 50%
keys Enter
keys -l test
keys Enter
screen_expect "^D discounts (50 % of 1,25 is 0,63 off)" "TOTAL  0,62 €"
keys +
screen_expect "+ pays" "TO PAY  0,60 €"
keys Enter
screen_expect "paid on a vt100" "CHANGE  0,00 €"
keys ?
screen_expect "? shows every key" "today's receipts, reprint a copy"
keys x C-l
screen_expect "^L lists the receipts" "Today's receipts"
keys Escape C-q
screen_expect "quit the vt100" "kassa-exited-0"

# The console in Finnish, from the configuration, with no fi_FI locale.
printf '[till]\nlanguage = fi\n' >"$work/fi.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/fi.conf" console_start 100 30
screen_expect "in Finnish: the input line" "Koodi:"
screen_expect "in Finnish: the total" "YHTEENSÄ"
keys 99999 Enter
screen_expect "in Finnish: an unknown code" "tuntematon koodi 99999"
keys Escape
sleep 0.1
keys 6449818992727 Enter F9
screen_expect "in Finnish: the payment" "Annettu käteinen"
keys Escape
sleep 0.1
keys F8 k
screen_expect "in Finnish: k answers yes" "Myynti peruttu."
keys C-q
screen_expect "quit the Finnish console" "kassa-exited-0"
CONSOLE_ENV="LANGUAGE=nl" console_start 100 30
screen_expect "in Dutch, from LANGUAGE" "TOTAAL"
keys C-q
screen_expect "quit the Dutch console" "kassa-exited-0"

for term in linux xterm-256color; do
	console_start 100 30 $term
	screen_expect "TERM=$term works" "Code:"
	keys C-q
	screen_expect "TERM=$term quits" "kassa-exited-0"
done

finish
