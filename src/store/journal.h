/*
 * The append-only, hash-chained, signed journal (issue 6): every committed
 * record is appended in the transaction that writes it.
 */
#ifndef KASSA_JOURNAL_H
#define KASSA_JOURNAL_H

#include <stdint.h>

struct db;

/*
 * Append the journal entry of a record that the caller has just written,
 * inside the caller's open transaction: type names the kind of record
 * ("sale", "shift_open", "shift_close", "z_report", "cash_movement",
 * "till_event", ...), id its row's key. The entry's content is a canonical
 * encoding of the record's rows as they are in the tables, so that
 * 'kassa journal verify' can encode them again and compare.
 */
int	 journal_append(struct db *, int64_t, const char *, int64_t, char **);

#endif
