package generator

import (
	"math"

	"github.com/brianvoe/gofakeit/v6"
)

// Transaction records are card payments of accounts at merchants. A card
// appears only as its BIN (first six digits) and last four digits, never as
// a full number. A small share of records belong to suspicious patterns and
// carry them in "label" (every other record says "legit"):
//   - "burst": a card-testing run of 4-10 tiny e-commerce payments of one
//     account in consecutive records, mostly declined;
//   - "impossible_travel": a card-present payment thousands of kilometres
//     from the same account's previous payment, made moments earlier.

// Labels of transaction records.
const (
	LabelLegit            = "legit"
	LabelBurst            = "burst"
	LabelImpossibleTravel = "impossible_travel"
)

// Pattern rates per transaction.
const (
	burstRate  = 0.003
	travelRate = 0.002
)

// mcc is a merchant category with its amount distribution (log-normal
// around a median in EUR) and the channels it is paid through.
type mcc struct {
	code, name string
	weight     float64
	median     float64
	sigma      float64
	channels   weighted // pos, contactless, ecom, atm
}

var channelNames = [...]string{"pos", "contactless", "ecom", "atm"}

var mccs = [...]mcc{
	{"5411", "grocery_stores", 20, 35, 0.7, newWeighted(5, 5, 1, 0)},
	{"5812", "restaurants", 10, 28, 0.6, newWeighted(5, 5, 0, 0)},
	{"5814", "fast_food", 10, 9, 0.5, newWeighted(3, 7, 1, 0)},
	{"5541", "fuel_stations", 8, 55, 0.4, newWeighted(6, 4, 0, 0)},
	{"5912", "pharmacies", 5, 18, 0.7, newWeighted(5, 5, 1, 0)},
	{"5311", "department_stores", 5, 60, 0.9, newWeighted(4, 3, 3, 0)},
	{"5691", "clothing", 5, 70, 0.8, newWeighted(3, 3, 4, 0)},
	{"5732", "electronics", 3, 180, 1.0, newWeighted(4, 2, 4, 0)},
	{"4111", "transit", 6, 3.5, 0.5, newWeighted(0, 9, 1, 0)},
	{"4121", "taxi_rideshare", 4, 18, 0.5, newWeighted(1, 1, 8, 0)},
	{"5999", "misc_retail", 6, 30, 1.0, newWeighted(4, 3, 3, 0)},
	{"7011", "hotels", 2, 240, 0.7, newWeighted(6, 0, 4, 0)},
	{"4511", "airlines", 1, 320, 0.8, newWeighted(0, 0, 1, 0)},
	{"4899", "subscriptions", 4, 12, 0.3, newWeighted(0, 0, 1, 0)},
	{"5815", "digital_goods", 3, 8, 0.8, newWeighted(0, 0, 1, 0)},
	{"6011", "atm_cash", 5, 120, 0.6, newWeighted(0, 0, 0, 1)},
}

// mccDigital is the category of card-testing bursts.
const mccDigital = 14

// Decline reasons, by channel family.
var (
	declineReasons = [...]string{"insufficient_funds", "do_not_honor", "expired_card",
		"incorrect_pin", "incorrect_cvv", "limit_exceeded", "suspected_fraud"}
	declinePick = newWeighted(45, 20, 8, 10, 0, 7, 3) // card present
	declineEcom = newWeighted(45, 20, 8, 0, 10, 7, 3)
	declineTest = newWeighted(0, 30, 20, 0, 50, 0, 0) // card testing
)

type merchant struct {
	id, name string
	mcc      int
	city     int
	lat, lon float64
}

type bin struct{ digits, network string }

// txnPools are merchants per city and card BINs, drawn once per Source.
type txnPools struct {
	merchants []merchant
	byCity    [len(cities)][]int
	digital   []int // merchants selling digital goods
	bins      []bin
	mccPick   weighted
}

func newTxnPools(f *gofakeit.Faker, r *rng) *txnPools {
	p := &txnPools{}
	w := make([]float64, len(mccs))
	for i, m := range mccs {
		w[i] = m.weight
	}
	p.mccPick = newWeighted(w...)
	for c := range cities {
		for range 60 {
			p.addMerchant(f, r, c, p.mccPick.draw(r))
		}
		p.addMerchant(f, r, c, mccDigital)
	}
	for range 120 {
		p.bins = append(p.bins, newBIN(r))
	}
	return p
}

func (p *txnPools) addMerchant(f *gofakeit.Faker, r *rng, c, category int) {
	i := len(p.merchants)
	p.merchants = append(p.merchants, merchant{
		id: "m-" + pad6(i*7+r.intn(7)), name: f.Company(), mcc: category, city: c,
		lat: cities[c].lat + (r.float()-0.5)*0.1, lon: cities[c].lon + (r.float()-0.5)*0.1,
	})
	p.byCity[c] = append(p.byCity[c], i)
	if category == mccDigital {
		p.digital = append(p.digital, i)
	}
}

// newBIN draws an issuer identification number of a real network's range.
func newBIN(r *rng) bin {
	digits := func(prefix string, n int) string {
		b := []byte(prefix)
		for range n {
			b = append(b, byte('0'+r.intn(10)))
		}
		return string(b)
	}
	switch x := r.intn(20); {
	case x < 12:
		return bin{digits("4", 5), "visa"}
	case x < 19:
		return bin{digits("5"+string(rune('1'+r.intn(5))), 4), "mastercard"}
	default:
		return bin{digits("3"+string("47"[r.intn(2)]), 4), "amex"}
	}
}

// account is one card holder.
type account struct {
	known  bool
	home   int
	bin    int
	last4  [4]byte
	spend  float64 // multiplier of the category medians
	limit  float64 // EUR available per payment
	burst  int     // card-testing payments still to come
	travel bool    // the next payment is the far-away one
}

// txnGen generates transaction records for the accounts on one partition.
type txnGen struct {
	pools    *txnPools
	accounts []account
}

// payment is one transaction before it is written.
type payment struct {
	merchant  int
	channel   int
	amountEUR float64
	declined  int // index into declineReasons, -1 approved
	label     string
}

func (g *txnGen) record(c *recCtx) bool {
	a := &g.accounts[c.local]
	if !a.known {
		g.open(a, c.r)
	}
	p, again := g.next(a, c.r)
	g.write(c, a, p)
	return again
}

// open gives a new account its home, card and habits.
func (g *txnGen) open(a *account, r *rng) {
	a.known = true
	a.home = homeCities.draw(r)
	a.bin = r.intn(len(g.pools.bins))
	for i := range a.last4 {
		a.last4[i] = byte('0' + r.intn(10))
	}
	a.spend = r.logNormal(0, 0.4)
	a.limit = 150 + r.logNormal(6.5, 0.7)
}

// next decides the account's next payment and whether the account also
// makes the partition's following record.
func (g *txnGen) next(a *account, r *rng) (payment, bool) {
	switch {
	case a.burst > 0:
		a.burst--
		return g.cardTest(r), a.burst > 0
	case a.travel:
		a.travel = false
		return g.farAway(a, r), false
	case r.chance(burstRate):
		a.burst = r.between(3, 9)
		return g.cardTest(r), true
	case r.chance(travelRate):
		a.travel = true
		p := g.normal(a, r, a.home)
		p.channel = 0 // card present, at home
		return p, true
	}
	return g.normal(a, r, a.home), false
}

// normal is an everyday payment near home.
func (g *txnGen) normal(a *account, r *rng, c int) payment {
	m := pick(r, g.pools.byCity[c])
	cat := &mccs[g.pools.merchants[m].mcc]
	p := payment{merchant: m, channel: cat.channels.draw(r), declined: -1, label: LabelLegit}
	p.amountEUR = a.spend * r.logNormal(math.Log(cat.median), cat.sigma)
	switch {
	case p.amountEUR > a.limit:
		p.declined = 0 // insufficient_funds
	case r.chance(0.03):
		p.declined = declineFor(p.channel, r)
	}
	return p
}

func declineFor(channel int, r *rng) int {
	if channel == 2 {
		return declineEcom.draw(r)
	}
	return declinePick.draw(r)
}

// cardTest is one tiny e-commerce payment of a card-testing burst.
func (g *txnGen) cardTest(r *rng) payment {
	p := payment{merchant: pick(r, g.pools.digital), channel: 2, declined: -1, label: LabelBurst}
	p.amountEUR = 0.5 + 4.5*r.float()
	if r.chance(0.6) {
		p.declined = declineTest.draw(r)
	}
	return p
}

// farAway is a card-present payment at least 2,000 km from home.
func (g *txnGen) farAway(a *account, r *rng) payment {
	home := cities[a.home]
	c := r.intn(len(cities))
	for distance(home.lat, home.lon, cities[c].lat, cities[c].lon) < 2e6 {
		c = r.intn(len(cities))
	}
	p := g.normal(a, r, c)
	p.channel, p.label = 0, LabelImpossibleTravel
	if p.declined < 0 && r.chance(0.3) {
		p.declined = 6 // suspected_fraud
	}
	return p
}

func (g *txnGen) write(c *recCtx, a *account, p payment) {
	w, m := c.w, &g.pools.merchants[p.merchant]
	place, b := &cities[m.city], &g.pools.bins[a.bin]
	w.begin("transaction")
	w.hexID(fTxnID, "tx-", c.r.u64(), 16)
	c.appendTS()
	w.str(fAccountID, c.key)
	w.str(fCardBin, b.digits)
	w.openStr(fCardLast4)
	w.b = append(w.b, a.last4[:]...)
	w.closeStr()
	w.str(fCardNetwork, b.network)
	w.str(fMerchantID, m.id)
	w.str(fMerchantName, m.name)
	w.str(fMCC, mccs[m.mcc].code)
	w.str(fCategory, mccs[m.mcc].name)
	money := &cityMoney[m.city]
	w.fixed(fAmount, localAmount(p, *money), money.dec)
	w.str(fCurrency, place.currency)
	w.str(fChannel, channelNames[p.channel])
	w.str(fCity, place.name)
	w.str(fCountry, place.country)
	w.fixed(fLat, m.lat, 4)
	w.fixed(fLon, m.lon, 4)
	w.str(fStatus, statusOf(p))
	w.optStr(fDeclineReason, reasonOf(p), p.declined >= 0)
	w.str(fLabel, p.label)
}

// money is how amounts are written in a currency.
type money struct {
	perEUR  float64 // units per euro
	dec     int     // decimals (minor units)
	scale   float64 // 10^dec
	atmStep float64 // ATM withdrawals are multiples of this
}

// moneyOf describes a currency: 2 decimals unless minorUnits says otherwise.
func moneyOf(currency string) money {
	m := money{perEUR: perEUR[currency], dec: 2}
	if d, ok := minorUnits[currency]; ok {
		m.dec = d
	}
	m.scale = math.Pow(10, float64(m.dec))
	m.atmStep = math.Pow(10, math.Floor(math.Log10(20*m.perEUR)))
	return m
}

// cityMoney is each city's currency.
var cityMoney = func() (out [len(cities)]money) {
	for i, c := range cities {
		out[i] = moneyOf(c.currency)
	}
	return out
}()

// localAmount converts to the merchant's currency and rounds to its minor
// units; ATM withdrawals are round sums.
func localAmount(p payment, m money) float64 {
	v := p.amountEUR * m.perEUR
	if p.channel == 3 {
		return max(m.atmStep, math.Round(v/m.atmStep)*m.atmStep)
	}
	return max(1/m.scale, math.Round(v*m.scale)/m.scale)
}

func statusOf(p payment) string {
	if p.declined >= 0 {
		return "declined"
	}
	return "approved"
}

func reasonOf(p payment) string {
	if p.declined >= 0 {
		return declineReasons[p.declined]
	}
	return ""
}

func (g *txnGen) touch(local int) byte { return byte(boolInt(g.accounts[local].known)) }
