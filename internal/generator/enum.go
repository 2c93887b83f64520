package generator

// Encodings lists every record encoding, in a stable order.
var Encodings = []Encoding{EncodingJSON, EncodingCSV, EncodingText}

// String is the encoding as a scenario file spells it.
func (e Encoding) String() string { return string(e) }

// String is the kind as a scenario file spells it.
func (k Kind) String() string { return string(k) }
