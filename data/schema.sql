-- kassa database schema (PRAGMA user_version).
-- The file is the schema's history: each "-- @version N" line starts the
-- statements that bring a database from version N-1 to N, and a database
-- is migrated by running the sections above its version, in one
-- transaction. Never edit a released section; add a new one.
-- Money is INTEGER minor units; quantities INTEGER thousandths; VAT rates
-- INTEGER basis points (25.5 % = 2550).

-- @version 1

CREATE TABLE setting (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE vat_rate (
	rate_bp	INTEGER PRIMARY KEY CHECK (rate_bp BETWEEN 0 AND 10000),
	name	TEXT
);

CREATE TABLE department (
	id	INTEGER PRIMARY KEY,
	name	TEXT NOT NULL UNIQUE
);

CREATE TABLE item (
	id		INTEGER PRIMARY KEY,
	plu		TEXT UNIQUE,
	name		TEXT NOT NULL,
	price		INTEGER NOT NULL CHECK (price >= 0),
	vat_bp		INTEGER NOT NULL REFERENCES vat_rate (rate_bp),
	unit		TEXT NOT NULL DEFAULT 'pcs' CHECK (unit IN ('pcs', 'kg')),
	department_id	INTEGER REFERENCES department (id),
	active		INTEGER NOT NULL DEFAULT 1
);

-- A GTIN as written (8, 12, 13 or 14 digits) and as 14 digits for look-up.
CREATE TABLE item_gtin (
	gtin14	TEXT PRIMARY KEY,
	code	TEXT NOT NULL,
	item_id	INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
	seq	INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX item_gtin_item ON item_gtin (item_id, seq);

CREATE VIRTUAL TABLE item_fts USING fts5 (
	name, content = 'item', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER item_fts_ai AFTER INSERT ON item BEGIN
	INSERT INTO item_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER item_fts_ad AFTER DELETE ON item BEGIN
	INSERT INTO item_fts (item_fts, rowid, name)
	    VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER item_fts_au AFTER UPDATE OF name ON item BEGIN
	INSERT INTO item_fts (item_fts, rowid, name)
	    VALUES ('delete', old.id, old.name);
	INSERT INTO item_fts (rowid, name) VALUES (new.id, new.name);
END;

CREATE TABLE till (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	next_receipt	INTEGER NOT NULL DEFAULT 1
);

-- The open basket of each till, written on every change.
CREATE TABLE open_basket (
	till_id		INTEGER PRIMARY KEY REFERENCES till (id),
	data		TEXT NOT NULL,
	updated_at	TEXT NOT NULL
);

-- A committed sale. The store's name, address and Business ID are copied
-- in, so a reprint says what the original said.
CREATE TABLE sale (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	receipt_no	INTEGER NOT NULL,
	created_at	TEXT NOT NULL,		-- local time, YYYY-MM-DD HH:MM:SS
	created_utc	INTEGER NOT NULL,	-- seconds since the epoch
	business_date	TEXT NOT NULL,		-- YYYY-MM-DD, local
	cashier		TEXT,
	store_name	TEXT NOT NULL,
	store_address	TEXT NOT NULL,
	business_id	TEXT NOT NULL,
	currency	TEXT NOT NULL,
	discount_kind	INTEGER NOT NULL DEFAULT 0,
	discount_value	INTEGER NOT NULL DEFAULT 0,
	discount_reason	TEXT,
	total		INTEGER NOT NULL,
	discount_total	INTEGER NOT NULL,
	rounding	INTEGER NOT NULL,
	change		INTEGER NOT NULL,
	UNIQUE (till_id, receipt_no)
);
CREATE INDEX sale_date ON sale (business_date);

CREATE TABLE sale_line (
	sale_id		INTEGER NOT NULL REFERENCES sale (id),
	line_no		INTEGER NOT NULL,
	item_id		INTEGER,
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	department	TEXT NOT NULL,
	unit		TEXT NOT NULL,
	qty		INTEGER NOT NULL,
	unit_price	INTEGER NOT NULL,
	vat_bp		INTEGER NOT NULL,
	price_source	INTEGER NOT NULL,
	discount_kind	INTEGER NOT NULL,
	discount_value	INTEGER NOT NULL,
	discount_reason	TEXT,
	voided		INTEGER NOT NULL,
	gross		INTEGER NOT NULL,
	line_discount	INTEGER NOT NULL,
	basket_discount	INTEGER NOT NULL,
	total		INTEGER NOT NULL,
	PRIMARY KEY (sale_id, line_no)
) WITHOUT ROWID;

CREATE TABLE sale_vat (
	sale_id	INTEGER NOT NULL REFERENCES sale (id),
	rate_bp	INTEGER NOT NULL,
	gross	INTEGER NOT NULL,
	net	INTEGER NOT NULL,
	tax	INTEGER NOT NULL,
	PRIMARY KEY (sale_id, rate_bp)
) WITHOUT ROWID;

CREATE TABLE sale_tender (
	sale_id	INTEGER NOT NULL REFERENCES sale (id),
	seq	INTEGER NOT NULL,
	type	TEXT NOT NULL,
	amount	INTEGER NOT NULL,
	given	INTEGER NOT NULL,
	PRIMARY KEY (sale_id, seq)
) WITHOUT ROWID;

-- @version 2
-- The catalog price of a line whose price the cashier overrode.
ALTER TABLE sale_line ADD COLUMN list_price INTEGER;

-- The card terminal's reference of a tender.
ALTER TABLE sale_tender ADD COLUMN reference TEXT;

-- The VAT rate of an open-price line sold in a department.
ALTER TABLE department ADD COLUMN vat_bp INTEGER REFERENCES vat_rate (rate_bp);

-- Every card (or other external) payment attempt, written before its
-- outcome is known. 'unknown' blocks the sale and a new attempt until the
-- cashier has checked the terminal and resolved it.
CREATE TABLE payment_attempt (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	basket_id	TEXT NOT NULL,
	sale_id		INTEGER REFERENCES sale (id),
	method		TEXT NOT NULL,
	amount		INTEGER NOT NULL,
	state		TEXT NOT NULL CHECK (state IN
			    ('pending', 'approved', 'declined', 'unknown')),
	reference	TEXT,
	created_at	TEXT NOT NULL,
	resolved_at	TEXT,
	resolution	TEXT
);
CREATE INDEX payment_attempt_basket ON payment_attempt (basket_id);

-- Receipts to deliver, each a job that walks the till's fallback chain
-- (src/dev/deliver.c). 'held' is "print later"; email is the address the
-- cashier typed for this receipt.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	sale_id		INTEGER NOT NULL REFERENCES sale (id),
	copy		INTEGER NOT NULL DEFAULT 0,
	state		TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN
			    ('waiting', 'working', 'held', 'done', 'failed')),
	email		TEXT,
	claimed_by	INTEGER,		-- the worker's pid
	delivered_to	TEXT,
	created_at	TEXT NOT NULL
);
CREATE INDEX outbox_waiting ON outbox (state) WHERE state = 'waiting';

-- Every delivery attempt, written before the bytes go out: a target with
-- an attempt is never sent the job again, so a retry or a restart cannot
-- print a receipt twice.
CREATE TABLE outbox_attempt (
	id		INTEGER PRIMARY KEY,
	outbox_id	INTEGER NOT NULL REFERENCES outbox (id),
	target		TEXT NOT NULL,
	started_at	TEXT NOT NULL,
	finished_at	TEXT,
	result		TEXT NOT NULL DEFAULT 'started' CHECK (result IN
			    ('started', 'ok', 'failed')),
	error		TEXT
);
CREATE INDEX outbox_attempt_job ON outbox_attempt (outbox_id);

-- Parked baskets, to be resumed on the same till.
CREATE TABLE parked_basket (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	data		TEXT NOT NULL,
	label		TEXT NOT NULL,
	parked_at	TEXT NOT NULL
);

-- @version 3
-- The shop day (issue 5), the journal and plan B (issue 6). Rows that the
-- journal covers are never updated: a later fact (a shift's close, a note
-- on an incident) is a row of its own.

-- People. The user number is what a cashier types at the login; the PIN is
-- stored only as an argon2id hash (libsodium crypto_pwhash_str).
CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN
			    ('cashier', 'manager', 'admin')),
	pin_hash	TEXT NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1,
	failed_pins	INTEGER NOT NULL DEFAULT 0,
	locked_until	INTEGER NOT NULL DEFAULT 0,	-- seconds since the epoch
	created_at	TEXT NOT NULL
);

-- A shift on a till: opened with a float, closed by a shift_close row.
CREATE TABLE shift (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	user_id		INTEGER NOT NULL REFERENCES user (id),
	opened_at	TEXT NOT NULL,
	business_date	TEXT NOT NULL,
	float_amount	INTEGER NOT NULL CHECK (float_amount >= 0)
);
CREATE INDEX shift_till ON shift (till_id, id);

CREATE TABLE shift_close (
	shift_id	INTEGER PRIMARY KEY REFERENCES shift (id),
	user_id		INTEGER NOT NULL REFERENCES user (id),
	closed_at	TEXT NOT NULL,
	blind		INTEGER NOT NULL,
	expected_cash	INTEGER NOT NULL,
	counted_cash	INTEGER NOT NULL,
	difference	INTEGER NOT NULL	-- counted - expected
);

-- Cash counted per denomination (in minor units: 5000 is a 50 note) when
-- a shift opens (the float) and closes.
CREATE TABLE cash_count (
	shift_id	INTEGER NOT NULL REFERENCES shift (id),
	stage		TEXT NOT NULL CHECK (stage IN ('open', 'close')),
	denomination	INTEGER NOT NULL CHECK (denomination > 0),
	count		INTEGER NOT NULL CHECK (count >= 0),
	PRIMARY KEY (shift_id, stage, denomination)
) WITHOUT ROWID;

-- Cash in or out of the drawer without a sale.
CREATE TABLE cash_movement (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	shift_id	INTEGER NOT NULL REFERENCES shift (id),
	kind		TEXT NOT NULL CHECK (kind IN
			    ('paid_in', 'paid_out', 'drop')),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	reason		TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES user (id),
	approver_id	INTEGER REFERENCES user (id),
	created_at	TEXT NOT NULL,
	business_date	TEXT NOT NULL
);
CREATE INDEX cash_movement_shift ON cash_movement (shift_id);

-- A Z report: final once written. figures is the report as JSON and text
-- as printed; a reprint shows them, nothing recomputes them.
ALTER TABLE till ADD COLUMN next_z INTEGER NOT NULL DEFAULT 1;
CREATE TABLE z_report (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	z_no		INTEGER NOT NULL,
	shift_id	INTEGER NOT NULL UNIQUE REFERENCES shift (id),
	business_date	TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES user (id),
	figures		TEXT NOT NULL,
	text		TEXT NOT NULL,
	UNIQUE (till_id, z_no)
);

-- What happened at the till besides sales: no-sale drawer openings,
-- cancelled sales, voids, overrides, X reports, logins, training on and
-- off, user and price changes. amount is the money involved, detail the
-- reason or the cancelled basket.
CREATE TABLE till_event (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	shift_id	INTEGER REFERENCES shift (id),
	kind		TEXT NOT NULL,
	user_id		INTEGER REFERENCES user (id),
	approver_id	INTEGER REFERENCES user (id),
	amount		INTEGER,
	sale_id		INTEGER REFERENCES sale (id),
	detail		TEXT,
	training	INTEGER NOT NULL DEFAULT 0,
	created_at	TEXT NOT NULL,
	business_date	TEXT NOT NULL
);
CREATE INDEX till_event_day ON till_event (business_date, kind);

-- Customers, optional on a sale.
CREATE TABLE customer (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	phone		TEXT,
	email		TEXT,
	created_at	TEXT NOT NULL
);

-- Who sold, in which shift, for whom; returns refer to their sale;
-- training sales never count; backfilled sales keep their paper slip.
ALTER TABLE sale ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale'
    CHECK (kind IN ('sale', 'return'));
ALTER TABLE sale ADD COLUMN training INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sale ADD COLUMN shift_id INTEGER REFERENCES shift (id);
ALTER TABLE sale ADD COLUMN user_id INTEGER REFERENCES user (id);
ALTER TABLE sale ADD COLUMN approver_id INTEGER REFERENCES user (id);
ALTER TABLE sale ADD COLUMN customer_id INTEGER REFERENCES customer (id);
ALTER TABLE sale ADD COLUMN return_of INTEGER REFERENCES sale (id);
ALTER TABLE sale ADD COLUMN reason TEXT;
ALTER TABLE sale ADD COLUMN backfill_book TEXT;
ALTER TABLE sale ADD COLUMN backfill_no TEXT;
ALTER TABLE sale ADD COLUMN entered_at TEXT;
CREATE INDEX sale_shift ON sale (shift_id);
CREATE INDEX sale_return_of ON sale (return_of) WHERE return_of IS NOT NULL;
CREATE INDEX sale_customer ON sale (customer_id) WHERE customer_id IS NOT NULL;

-- The manager who allowed a line's override, discount or void; the line of
-- the original sale a return line gives back.
ALTER TABLE sale_line ADD COLUMN approver_id INTEGER REFERENCES user (id);
ALTER TABLE sale_line ADD COLUMN return_line INTEGER;

-- Stock per item in thousandths, and every change of it.
ALTER TABLE item ADD COLUMN stock INTEGER NOT NULL DEFAULT 0;
CREATE TABLE stock_move (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES item (id),
	qty		INTEGER NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN
			    ('sale', 'return', 'receive', 'count')),
	ref_id		INTEGER,	-- sale, delivery or stock count
	user_id		INTEGER REFERENCES user (id),
	created_at	TEXT NOT NULL
);
CREATE INDEX stock_move_item ON stock_move (item_id);

-- The journal (issue 6, src/store/journal.c): every committed record,
-- appended in the transaction that writes it, hash-chained and signed
-- with the till's ed25519 key. content is the record's rows as the
-- journal encodes them; hash and signature are hex. The private key is in
-- a file beside the database (<database>.key), never in it. The encoding
-- leaves NULL columns out: a column added later to a journaled table
-- must be NULL in the rows already written, or their entries stop
-- verifying.
CREATE TABLE journal_key (
	version		INTEGER PRIMARY KEY,
	public_key	TEXT NOT NULL UNIQUE,
	created_at	TEXT NOT NULL
);
CREATE TABLE journal (
	seq		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL,
	created_at	TEXT NOT NULL,
	type		TEXT NOT NULL,
	ref		INTEGER NOT NULL,
	content		TEXT NOT NULL,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL,
	signature	TEXT NOT NULL,
	key_version	INTEGER NOT NULL REFERENCES journal_key (version)
);
CREATE UNIQUE INDEX journal_record ON journal (type, ref);

-- Honest code never rewrites history: the journal and committed sales
-- refuse updates and deletes. 'kassa journal verify' does not rely on
-- these guards: it finds the change when someone drops them.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_key_no_update BEFORE UPDATE ON journal_key
BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_key_no_delete BEFORE DELETE ON journal_key
BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;
CREATE TRIGGER sale_no_update BEFORE UPDATE ON sale
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_no_delete BEFORE DELETE ON sale
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_line_no_update BEFORE UPDATE ON sale_line
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_line_no_delete BEFORE DELETE ON sale_line
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_vat_no_update BEFORE UPDATE ON sale_vat
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_vat_no_delete BEFORE DELETE ON sale_vat
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_tender_no_update BEFORE UPDATE ON sale_tender
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;
CREATE TRIGGER sale_tender_no_delete BEFORE DELETE ON sale_tender
BEGIN SELECT RAISE (ABORT, 'a committed sale is never changed'); END;

-- Logins, logouts, locks and wrong PINs: the till's access log. Not a
-- fiscal record, so not journaled: a login must work while the journal's
-- key is being fixed.
CREATE TABLE access_log (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL,
	user_id		INTEGER,
	kind		TEXT NOT NULL CHECK (kind IN ('login', 'logout', 'lock',
			    'pin_failed', 'user_locked')),
	created_at	TEXT NOT NULL
);
-- Shifts and cash (issue 5): an X or Z report printed on the receipt
-- printer is an outbox job of kind 'report' that carries its text as
-- printed, and has no sale. SQLite cannot drop the NOT NULL of
-- outbox.sale_id, so outbox and outbox_attempt (which refers to it) are
-- rebuilt with their rows and ids as they were.
CREATE TABLE outbox_v3 (
	id		INTEGER PRIMARY KEY,
	sale_id		INTEGER REFERENCES sale (id),
	copy		INTEGER NOT NULL DEFAULT 0,
	state		TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN
			    ('waiting', 'working', 'held', 'done', 'failed')),
	email		TEXT,
	claimed_by	INTEGER,		-- the worker's pid
	delivered_to	TEXT,
	created_at	TEXT NOT NULL,
	kind		TEXT NOT NULL DEFAULT 'receipt' CHECK (kind IN
			    ('receipt', 'report')),
	title		TEXT,			-- a report's: "Z 3", "X"
	text		TEXT,			-- a report's text as printed
	CHECK ((kind = 'receipt' AND sale_id IS NOT NULL) OR
	    (kind = 'report' AND sale_id IS NULL AND text IS NOT NULL))
);
INSERT INTO outbox_v3 (id, sale_id, copy, state, email, claimed_by,
    delivered_to, created_at)
    SELECT id, sale_id, copy, state, email, claimed_by, delivered_to,
    created_at FROM outbox;
CREATE TABLE outbox_attempt_v3 (
	id		INTEGER PRIMARY KEY,
	outbox_id	INTEGER NOT NULL REFERENCES outbox_v3 (id),
	target		TEXT NOT NULL,
	started_at	TEXT NOT NULL,
	finished_at	TEXT,
	result		TEXT NOT NULL DEFAULT 'started' CHECK (result IN
			    ('started', 'ok', 'failed')),
	error		TEXT
);
INSERT INTO outbox_attempt_v3 SELECT id, outbox_id, target, started_at,
    finished_at, result, error FROM outbox_attempt;
DROP TABLE outbox_attempt;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
ALTER TABLE outbox_attempt_v3 RENAME TO outbox_attempt;
CREATE INDEX outbox_waiting ON outbox (state) WHERE state = 'waiting';
CREATE INDEX outbox_attempt_job ON outbox_attempt (outbox_id);
-- Plan B (issue 6). Incidents: what went wrong at the till and what was
-- done about it, recorded as it happens (a printer that failed, a receipt
-- that went down the fallback chain, a database error, an outage whose
-- sales were entered from paper) or written by the cashier ('note').
-- A note about an earlier incident refers to it; an incident is never
-- edited.
CREATE TABLE incident (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	created_at	TEXT NOT NULL,
	business_date	TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('printer', 'fallback',
			    'undelivered', 'database', 'outage', 'note')),
	detail		TEXT NOT NULL,
	user_id		INTEGER REFERENCES user (id),
	refers_to	INTEGER REFERENCES incident (id)
);
CREATE INDEX incident_day ON incident (business_date, kind);

-- Backfill: a paper slip (book and number) is entered once, on any till.
CREATE UNIQUE INDEX sale_backfill_slip ON sale (backfill_book, backfill_no)
    WHERE backfill_book IS NOT NULL;

-- A backfilled sale dated on a day whose Z report is already closed: the
-- Z stays as it was printed, and its reprint shows these sales after it.
CREATE TABLE z_supplement (
	id		INTEGER PRIMARY KEY,
	z_report_id	INTEGER NOT NULL REFERENCES z_report (id),
	sale_id		INTEGER NOT NULL UNIQUE REFERENCES sale (id),
	total		INTEGER NOT NULL,
	created_at	TEXT NOT NULL
);
CREATE INDEX z_supplement_z ON z_supplement (z_report_id);

-- Stock (issue 5, stock part). An item that is a service (a haircut) has
-- no stock: stocked = 0, set by the catalog CSV's "stocked" column. Sales
-- and returns of stocked items move stock in sale_commit; a delivery and
-- an applied count are rows of their own, with a stock_move per line.
ALTER TABLE item ADD COLUMN stocked INTEGER NOT NULL DEFAULT 1;

-- A delivery received against the supplier's reference (delivery note).
CREATE TABLE delivery (
	id		INTEGER PRIMARY KEY,
	reference	TEXT NOT NULL,
	till_id		INTEGER REFERENCES till (id),
	user_id		INTEGER REFERENCES user (id),
	created_at	TEXT NOT NULL
);
CREATE TABLE delivery_line (
	delivery_id	INTEGER NOT NULL REFERENCES delivery (id),
	line_no		INTEGER NOT NULL,
	item_id		INTEGER NOT NULL REFERENCES item (id),
	qty		INTEGER NOT NULL CHECK (qty > 0),
	PRIMARY KEY (delivery_id, line_no)
) WITHOUT ROWID;

-- A stock count: lines are written as they are scanned, so a count
-- survives a restart; applied_at is set once, when a manager applies it,
-- and expected is the stock each line replaced then.
CREATE TABLE stock_count (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER REFERENCES till (id),
	user_id		INTEGER REFERENCES user (id),
	created_at	TEXT NOT NULL,
	applied_at	TEXT,
	applied_by	INTEGER REFERENCES user (id)
);
CREATE TABLE stock_count_line (
	count_id	INTEGER NOT NULL REFERENCES stock_count (id),
	item_id		INTEGER NOT NULL REFERENCES item (id),
	counted		INTEGER NOT NULL CHECK (counted >= 0),
	expected	INTEGER,
	PRIMARY KEY (count_id, item_id)
) WITHOUT ROWID;

-- Documents other than a sale's receipt for the receipt printer (reports
-- printed from the console): the text as shown, one line a row, delivered
-- by 'kassa deliver' down the printer targets of the chain.
CREATE TABLE print_job (
	id		INTEGER PRIMARY KEY,
	till_id		INTEGER NOT NULL REFERENCES till (id),
	kind		TEXT NOT NULL CHECK (kind IN ('report')),
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN
			    ('waiting', 'working', 'done', 'failed')),
	claimed_by	INTEGER,
	delivered_to	TEXT,
	error		TEXT,
	created_at	TEXT NOT NULL
);

-- Every change of an item's price or VAT rate, written by the database
-- itself whatever changed it, and journaled (a price change is an event
-- the journal covers). Rows are never updated.
CREATE TABLE price_change (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES item (id),
	old_price	INTEGER NOT NULL,
	new_price	INTEGER NOT NULL,
	old_vat_bp	INTEGER NOT NULL,
	new_vat_bp	INTEGER NOT NULL,
	changed_at	TEXT NOT NULL
);
CREATE TRIGGER item_price_change AFTER UPDATE OF price, vat_bp ON item
WHEN old.price != new.price OR old.vat_bp != new.vat_bp
BEGIN
	INSERT INTO price_change (item_id, old_price, new_price, old_vat_bp,
	    new_vat_bp, changed_at) VALUES (new.id, old.price, new.price,
	    old.vat_bp, new.vat_bp, datetime('now', 'localtime'));
END;
