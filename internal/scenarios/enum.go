package scenarios

import (
	"slices"
	"strings"
)

// enum is a typed string of the schema with a closed set of values. Each
// one lists its values (Values), prints as itself (String) and names itself
// in messages (what); checkEnum is the one check of them all.
type enum[T any] interface {
	~string
	Values() []T
	what() string
}

// checkEnum checks that v is one of its type's values, suggesting the
// closest otherwise.
func checkEnum[T enum[T]](c *checker, field string, v T) {
	oneOf(c, field, v.what(), v, v.Values()...)
}

// valid reports whether v is one of its type's values.
func valid[T enum[T]](v T) bool { return slices.Contains(v.Values(), v) }

// oneOf checks that v is one of allowed, suggesting the closest otherwise.
func oneOf[T ~string](c *checker, field, what string, v T, allowed ...T) {
	if slices.Contains(allowed, v) {
		return
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	c.add(field, "unknown %s %q (want %s)%s", what, v, strings.Join(names, ", "), suggest(string(v), names))
}

// Values lists the partition types.
func (PartitionType) Values() []PartitionType {
	return []PartitionType{PartitionCommon, PartitionAdvanced}
}

// String is the value as a scenario file spells it.
func (p PartitionType) String() string { return string(p) }

func (PartitionType) what() string { return "partition type" }

// Values lists the dialects.
func (Dialect) Values() []Dialect { return []Dialect{DialectDocumented, DialectHuaweiSDK} }

// String is the value as a scenario file spells it.
func (d Dialect) String() string { return string(d) }

func (Dialect) what() string { return "dialect" }

// Values lists the load modes.
func (Mode) Values() []Mode { return []Mode{ModeOpen, ModeClosed, ModeTrigger} }

// String is the value as a scenario file spells it.
func (m Mode) String() string { return string(m) }

func (Mode) what() string { return "mode" }

// Values lists the on_full policies.
func (OnFull) Values() []OnFull { return []OnFull{OnFullQueue, OnFullDrop} }

// String is the value as a scenario file spells it.
func (o OnFull) String() string { return string(o) }

func (OnFull) what() string { return "on_full policy" }

// Values lists the iterators.
func (Iterator) Values() []Iterator { return []Iterator{IteratorTrimHorizon, IteratorLatest} }

// String is the value as a scenario file spells it.
func (i Iterator) String() string { return string(i) }

func (Iterator) what() string { return "iterator" }

// Values lists the on_failure policies.
func (OnFailure) Values() []OnFailure { return []OnFailure{OnFailureSkip, OnFailureBlock} }

// String is the value as a scenario file spells it.
func (o OnFailure) String() string { return string(o) }

func (OnFailure) what() string { return "on_failure" }

// Values lists the write limit policies.
func (WriteLimit) Values() []WriteLimit { return []WriteLimit{WriteLimitWarn, WriteLimitEnforce} }

// String is the value as a scenario file spells it.
func (w WriteLimit) String() string { return string(w) }

func (WriteLimit) what() string { return "write_limit" }

// Values lists the target types (TargetTypes).
func (TargetType) Values() []TargetType { return TargetTypes }

// String is the value as a scenario file spells it.
func (t TargetType) String() string { return string(t) }

func (TargetType) what() string { return "target type" }

// Values lists the invoke types.
func (InvokeType) Values() []InvokeType { return []InvokeType{InvokeSync, InvokeAsync} }

// String is the value as a scenario file spells it.
func (i InvokeType) String() string { return string(i) }

func (InvokeType) what() string { return "invoke type" }
