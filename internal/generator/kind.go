package generator

import "strconv"

// kindID indexes the built-in kinds in arrays.
type kindID uint8

const (
	idClick kindID = iota
	idTransaction
	idLog
	idLocation
	idCustom
	numKinds
)

// kindIDs maps a Kind to its index.
var kindIDs = map[Kind]kindID{
	KindClick:       idClick,
	KindTransaction: idTransaction,
	KindLog:         idLog,
	KindLocation:    idLocation,
	KindCustom:      idCustom,
}

// recCtx is what a record generator gets for one record.
type recCtx struct {
	w     *recWriter
	r     *rng
	ts    *tsFormatter
	now   int64  // Unix nanoseconds of the record
	key   string // the partition key
	local int    // the key's index among its kind's keys on this partition
	seq   int64  // the record's sequence number
	part  int    // the partition
}

// appendTS writes the "ts" field.
func (c *recCtx) appendTS() {
	c.w.openStr(fTs)
	c.w.b = c.ts.appendTS(c.w.b, c.now)
	c.w.closeStr()
}

// recorder generates the records of one kind on one partition. It holds the
// state of that kind's keys living on the partition.
type recorder interface {
	// record writes one record for key c.local, everything but the size
	// padding and the closing brace. again asks that the same key produce
	// the partition's next record too (a fraud burst, a travel pair).
	record(c *recCtx) (again bool)
	// touch reads a byte of key local's state, to start loading it early.
	touch(local int) byte
}

// keyName spells key i of a kind: user-000042, acct-000042, dev-000042,
// key-000042; log hosts are named by log.go's hostName.
func keyName(k kindID, i int) string {
	prefix := [...]string{idClick: "user-", idTransaction: "acct-", idLocation: "dev-", idCustom: "key-"}
	if k == idLog {
		return hostName(i)
	}
	return prefix[k] + pad6(i)
}

// pad6 formats i with at least six digits.
func pad6(i int) string {
	s := strconv.Itoa(i)
	if len(s) >= 6 {
		return s
	}
	return "000000"[len(s):] + s
}
