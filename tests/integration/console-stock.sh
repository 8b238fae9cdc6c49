#!/bin/sh
# The console's back office: receiving a delivery by scanning, a stock
# count with its variance printed and applied by a manager, the reports on
# screen, and a customer on a sale whose receipt goes to their email.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
demo_store
# The receipt printer is a file; the chain has nothing else.
printf '[printer]\nuri = file:%s\nprofile = generic-58mm\n[receipts]\nchain = printer\n' \
    "$work/printer.bin" >"$work/kassa.conf"
export KASSA_CONFIG="$work/kassa.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/kassa.conf KASSA_PRINTERDIR=$KASSA_PRINTERDIR"
# The demo's cashier Anna (1, PIN 1111) works; its manager Mikko (2, PIN
# 2222) approves.
MILK=6449818992727
BREAD=6479602783736
stock() { sql "SELECT stock FROM item i JOIN item_gtin g ON g.item_id = i.id WHERE g.code = '$1'"; }
console_start 100 30

# --- Receiving a delivery by scanning -------------------------------------
keys F12
screen_expect "the till menu has the back office" "Receive a delivery"
keys Down Down Down Down Down Enter
screen_expect "it asks for the delivery note" "Delivery reference"
type_slow "LS-4711"
keys Enter
screen_expect "the delivery sheet opens" "Delivery LS-4711"
# A scan (a burst with Enter), then the quantity typed by hand.
keys $MILK Enter
screen_expect "a scan asks how many came" "Quantity of Kevytmaito 1 l received"
type_slow 12
keys Enter
screen_expect "the line is on the delivery" "Kevytmaito 1 l: 12 on the delivery"
# 3* typed, then a scan: three of it, no question.
type_slow "3*"
keys $BREAD Enter
screen_expect "N* and a scan take N" "Ruisleipä 500 g: 3 on the delivery"
# A service cannot be received, and an unknown code is refused.
type_slow 301
keys Enter
screen_expect "a service has no stock" "Hiustenleikkaus, naiset is a service: it has no stock."
keys 6400000000002 Enter
screen_expect "an unknown code is refused" "6400000000002"
# A mistake taken back: -2 of the milk.
keys $MILK Enter
screen_expect "the milk again" "Quantity of Kevytmaito 1 l received"
type_slow -2
keys Enter
screen_expect "a minus takes some off" "Kevytmaito 1 l: 10 on the delivery"
expect_eq "nothing is in stock before it is received" "$(stock $MILK)" "0"
keys F9
screen_expect "F9 asks to receive" "Receive 2 items of delivery LS-4711 into stock?"
keys y
screen_expect "the delivery is received" "Delivery LS-4711 received: 2 items into stock."
expect_eq "milk in stock" "$(stock $MILK)" "10000"
expect_eq "bread in stock" "$(stock $BREAD)" "3000"
expect_eq "the delivery and its lines" \
    "$(sql "SELECT d.reference, count(*), sum(l.qty) FROM delivery d JOIN delivery_line l ON l.delivery_id = d.id")" \
    "LS-4711|2|13000"
expect_eq "one receive move per line" \
    "$(sql "SELECT count(*), sum(qty) FROM stock_move WHERE kind = 'receive'")" "2|13000"

# --- A sale lowers the stock ----------------------------------------------
keys $MILK Enter
screen_expect "a sale" "TOTAL  1,25 €"
keys F9 Enter
screen_expect "paid" "CHANGE"
expect_eq "the sale lowered the stock" "$(stock $MILK)" "9000"

# --- A stock count with its variance --------------------------------------
keys F12 Down Down Down Down Down Down Enter
screen_expect "the count opens" "Stock count 1: variance"
keys $MILK Enter
screen_expect "a scan asks what was counted" "Quantity of Kevytmaito 1 l counted here"
type_slow 4
keys Enter
screen_expect "counted on one shelf" "Kevytmaito 1 l: 4 counted"
keys $MILK Enter
type_slow 3
keys Enter
screen_expect "and on another" "Kevytmaito 1 l: 7 counted"
type_slow "5*"
keys $BREAD Enter
screen_expect "bread counted" "Ruisleipä 500 g: 5 counted"
# Milk 9 expected, 7 counted: -2 x 1,25; bread 3 expected, 5 counted:
# +2 x 2,19. The total: -2,50 + 4,38 = 1,88.
screen_expect "the milk's variance" "Kevytmaito 1 l          9        7          -2   1,25  -2,50"
screen_expect "the bread's variance" "Ruisleipä 500 g         3        5           2   2,19   4,38"
screen_expect "the total value" "1,88"
# The count survives a restart.
keys Escape
screen_expect "leaving keeps the count" "The count stays open"
keys C-q
screen_expect "quit before the restart" "kassa-exited-0"
console_start 100 30
keys F12 Down Down Down Down Down Down Enter
screen_expect "the same count comes back" "Kevytmaito 1 l          9        7"
# Print the variance report on the receipt printer.
keys p
screen_expect "P queues it" "The report is queued for the printer."
i=0
while [ "$(sql "SELECT state FROM print_job")" != "done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "the report is printed" "$(sql "SELECT state, delivered_to FROM print_job")" "done|printer"
printed=$(tr -c '[:print:]\n' ' ' <"$work/printer.bin" 2>/dev/null)
expect_in "the printout has the variance" "$printed" "Stock count 1: variance"
expect_in "and the milk" "$printed" "Kevytmaito 1 l"
# Only a manager applies it: the cashier asks for Mikko's approval.
keys a
screen_expect "A asks for a manager" "Apply a stock count needs a manager"
type_slow 2
keys Enter
screen_expect "then the manager's PIN" "Manager's PIN:"
type_slow 2223
keys Enter
screen_expect "a wrong PIN is refused" "PIN"
screen_expect "back on the count" "Scan or type a code"
expect_eq "nothing changed" "$(stock $MILK)" "9000"
keys a
type_slow 2
keys Enter
type_slow 2222
keys Enter
screen_expect "the manager applies it" "Stock count 1 is applied"
expect_eq "milk is what was counted" "$(stock $MILK)" "7000"
expect_eq "bread is what was counted" "$(stock $BREAD)" "5000"
expect_eq "the count moves" \
    "$(sql "SELECT group_concat(qty) FROM (SELECT qty FROM stock_move WHERE kind = 'count' ORDER BY item_id)")" "-2000,2000"
expect_eq "the count is applied by the manager" \
    "$(sql "SELECT applied_by FROM stock_count WHERE id = 1")" "2"

# --- Reports on screen ----------------------------------------------------
keys F12 Down Down Down Down Down Down Down Enter
screen_expect "reports need a manager" "needs a manager"
type_slow 2
keys Enter
type_slow 2222
keys Enter
screen_expect "reports open on sales by hour" "Sales by hour"
keys Right Right
screen_expect "arrows go to sales by item" "Sales by item"
screen_expect "the milk sold" "Kevytmaito 1 l    1    1,25"
keys Escape
screen_expect "Esc goes back" "Code:"

# --- A customer on the sale -----------------------------------------------
keys C-e
screen_expect "Ctrl-E asks for the customer" "Customer: part of a name or a phone"
type_slow "Liisa"
keys Enter
screen_expect "no match: a new customer" "+ New customer"
keys Enter
screen_expect "the name is asked, filled in" "New customer's name: Liisa"
type_slow " Virtanen"
keys Enter
screen_expect "then the phone" "Phone (Enter: none):"
type_slow "040 123 4567"
keys Enter
type_slow "liisa@"
keys Enter
screen_expect "a bad address is refused" "is not an email address"
type_slow "liisa@example.com"
keys Enter
screen_expect "the customer is on the sale" "Liisa Virtanen is the customer of this sale."
screen_expect "and on the sale screen" "Customer: Liisa Virtanen"
screen_expect "with the total" "TOTAL  0,00 €"
keys $BREAD Enter F9 E
screen_expect "email defaults to the customer's" "(Enter: liisa@example.com)"
keys Enter
screen_expect "the receipt goes there" "The receipt goes to liisa@example.com."
keys Enter
screen_expect "paid" "CHANGE"
expect_eq "the sale has its customer" \
    "$(sql "SELECT c.name FROM sale s JOIN customer c ON c.id = s.customer_id WHERE s.receipt_no = 2")" "Liisa Virtanen"
expect_eq "the receipt's email is the customer's" \
    "$(sql "SELECT email FROM outbox o JOIN sale s ON s.id = o.sale_id WHERE s.receipt_no = 2")" "liisa@example.com"
expect_in "the receipt names the customer" "$("$KASSA" receipt show 2)" "Customer Liisa Virtanen"
# Found again by phone on the next sale, and taken off again.
keys @
type_slow "0401234"
keys Enter
screen_expect "found by phone" "Liisa Virtanen  liisa@example.com"
keys Enter
screen_expect "attached" "Liisa Virtanen is the customer of this sale."
keys C-e Enter
screen_expect "the list offers to take her off" "Take Liisa Virtanen off the sale"
keys Up Up Enter
screen_expect "taken off" "The sale has no customer now."
c=$("$KASSA" customer show 1)
expect_in "customer show: the visit" "$c" "receipt 2"
expect_in "customer show: what was bought" "$c" "Ruisleipä 500 g"

keys C-q
finish
