# For the tests: a printer kassa knows no code page of.
[printer]
name = test printer without code pages
paper_mm = 58
cols_a = 32
cols_b = 42
codepages = none
cut = none
barcode = no
qr = no
status = no
