# Any ESC/POS printer on 58 mm paper (48 mm printable, 384 dots): most
# have no cutter, and many answer no status queries.
[printer]
name = Generic ESC/POS 58 mm
paper_mm = 58
cols_a = 32
cols_b = 42
codepages = CP858:19 CP1252:16
cut = none
drawer_pin = 2
drawer_on_ms = 50
drawer_off_ms = 500
barcode = yes
qr = yes
status = no
