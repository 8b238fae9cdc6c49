# For the tests: an 80 mm printer without CP858.
[printer]
name = test printer with CP1252 only
paper_mm = 80
cols_a = 42
cols_b = 56
codepages = CP1252:16
cut = full
drawer_pin = 5
drawer_on_ms = 100
drawer_off_ms = 200
barcode = yes
qr = no
status = no
