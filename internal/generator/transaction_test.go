package generator

import (
	"regexp"
	"strings"
	"testing"
)

func txnRecords(t *testing.T, n int) []rec {
	return jsonRecords(t, Config{Seed: 5, Partitions: 3, BatchSize: 100, KeyCount: 2000,
		Kinds: []KindWeight{{Kind: KindTransaction, Weight: 1}}}, n)
}

// longDigits matches a card-number-like run (PANs have 12 to 19 digits).
var longDigits = regexp.MustCompile(`[0-9]{12,}`)

func TestTransactions(t *testing.T) {
	recs := txnRecords(t, 150)
	labels := map[string]int{}
	for i, r := range recs {
		labels[r.str("label")]++
		if r.num("amount") <= 0 {
			t.Fatalf("record %d: amount %v", i, r.fields["amount"])
		}
		bin, last4 := r.str("card_bin"), r.str("card_last4")
		if len(bin) != 6 || len(last4) != 4 || !isDigits(bin+last4) {
			t.Fatalf("record %d: card %q/%q is not a 6-digit BIN and 4 last digits", i, bin, last4)
		}
		for k, v := range r.fields {
			if s, ok := v.(string); ok && k != "txn_id" && longDigits.MatchString(s) {
				t.Fatalf("record %d: %s %q holds a long digit run, like a card number", i, k, s)
			}
		}
		declined := r.str("status") == "declined"
		if declined != (r.str("decline_reason") != "") || !declined && r.str("status") != "approved" {
			t.Fatalf("record %d: status %q with reason %q", i, r.str("status"), r.str("decline_reason"))
		}
		if r.str("currency") == "JPY" && strings.Contains(r.fields["amount"].(interface{ String() string }).String(), ".") {
			t.Fatalf("record %d: yen amount with decimals", i)
		}
	}
	n := float64(len(recs))
	share := float64(labels[LabelBurst]+labels[LabelImpossibleTravel]) / n
	if labels[LabelBurst] == 0 || labels[LabelImpossibleTravel] == 0 || share > 0.05 ||
		labels[LabelLegit]+labels[LabelBurst]+labels[LabelImpossibleTravel] != len(recs) {
		t.Errorf("labels %v over %d records: want a small share of both patterns", labels, len(recs))
	}
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func TestFraudPatterns(t *testing.T) {
	recs := txnRecords(t, 150)
	// Records of one partition stay in order; bursts and travel pairs are
	// consecutive records of one account on its partition.
	byPart := map[int][]rec{}
	for _, r := range recs {
		p := sdkPartition(r.key, 3)
		byPart[p] = append(byPart[p], r)
	}
	bursts, travels := 0, 0
	for _, rs := range byPart {
		for i := 1; i < len(rs); i++ {
			prev, cur := rs[i-1], rs[i]
			switch cur.str("label") {
			case LabelImpossibleTravel:
				travels++
				d := distance(prev.num("lat"), prev.num("lon"), cur.num("lat"), cur.num("lon"))
				dt := parseTS(cur.str("ts")) - parseTS(prev.str("ts"))
				if prev.key != cur.key || d < 1.9e6 || dt > 60_000 || cur.str("channel") != "pos" {
					t.Errorf("travel: %s then %s: %.0f km in %d ms", prev.fields, cur.fields, d/1000, dt)
				}
			case LabelBurst:
				if prev.str("label") == LabelBurst && prev.key == cur.key {
					bursts++
				}
				if cur.str("channel") != "ecom" || cur.num("amount") > 5*perEUR[cur.str("currency")]+0.01 {
					t.Errorf("burst payment %v is not a tiny e-commerce one", cur.fields)
				}
			}
		}
	}
	if bursts == 0 || travels == 0 {
		t.Errorf("%d consecutive burst pairs and %d travel records", bursts, travels)
	}
}

func TestNewBIN(t *testing.T) {
	r := newRNG(1, 2)
	networks := map[string]bool{}
	for range 500 {
		b := newBIN(r)
		networks[b.network] = true
		ok := len(b.digits) == 6 && isDigits(b.digits)
		switch b.network {
		case "visa":
			ok = ok && b.digits[0] == '4'
		case "mastercard":
			ok = ok && b.digits[0] == '5' && b.digits[1] >= '1' && b.digits[1] <= '5'
		case "amex":
			ok = ok && (b.digits[:2] == "34" || b.digits[:2] == "37")
		}
		if !ok {
			t.Fatalf("BIN %+v is not in its network's range", b)
		}
	}
	if len(networks) != 3 {
		t.Errorf("networks %v", networks)
	}
}

func TestLocalAmount(t *testing.T) {
	for _, c := range []struct {
		p        payment
		currency string
		want     float64
	}{
		{payment{amountEUR: 12.345}, "EUR", 12.35},
		{payment{amountEUR: 0.001}, "EUR", 0.01},
		{payment{amountEUR: 10}, "JPY", 1620},
		{payment{amountEUR: 97, channel: 3}, "EUR", 100},
		{payment{amountEUR: 2, channel: 3}, "EUR", 10},
	} {
		if got := localAmount(c.p, moneyOf(c.currency)); got != c.want {
			t.Errorf("localAmount(%v, %s) = %v, want %v", c.p.amountEUR, c.currency, got, c.want)
		}
	}
}
