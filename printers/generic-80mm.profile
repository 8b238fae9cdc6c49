# Any ESC/POS printer on 80 mm paper (72 mm printable, 576 dots): the
# common clones (Xprinter, Rongta, HPRT, Bixolon in ESC/POS mode) follow
# Epson's code page numbers. QR codes are left off: older clones print the
# GS ( k bytes as garbage; turn it on after a `kassa printer test`.
[printer]
name = Generic ESC/POS 80 mm
paper_mm = 80
cols_a = 48
cols_b = 64
codepages = CP858:19 CP1252:16
cut = partial
drawer_pin = 2
drawer_on_ms = 50
drawer_off_ms = 500
barcode = yes
qr = no
status = yes
