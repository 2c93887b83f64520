package generator

import (
	"strings"

	"github.com/brianvoe/gofakeit/v6"
)

// Click records follow a shop's funnel per user session:
// view → click (a product) → add_to_cart → checkout → purchase, with
// abandonment possible after every step. Invariants a handler may rely on
// (and the tests check): a click names a product, add_to_cart names the
// product of the session's latest click, checkout needs an earlier add_to_cart
// in the session, purchase directly follows checkout and ends the session;
// add_to_cart happens on the page of the product it names;
// a session also ends after 30 minutes without events.

// Funnel events.
const (
	evView = iota
	evClick
	evAddToCart
	evCheckout
	evPurchase
	evEnd // no further event in this session
)

var eventNames = [...]string{"view", "click", "add_to_cart", "checkout", "purchase"}

// sessionTimeout ends a session after this long without events (ns).
const sessionTimeout = 30 * 60 * 1e9

// next-event tables by last event (and whether the cart holds items).
var (
	afterView      = newWeighted(0.40, 0.35, 0, 0, 0, 0.25)       // view, click, -, -, -, end
	afterViewCart  = newWeighted(0.35, 0.30, 0, 0.12, 0, 0.23)    // may check out from any page
	afterClick     = newWeighted(0.20, 0.10, 0.35, 0, 0, 0.35)    // add_to_cart only after a click
	afterAddToCart = newWeighted(0.25, 0.10, 0.05, 0.38, 0, 0.22) // add another unit, or checkout
	afterCheckout  = newWeighted(0.10, 0, 0, 0, 0.55, 0.35)       // purchase, or abandon at payment
)

// clickPools are the shop's catalogue and visitors' traits, drawn from
// gofakeit once per Source.
type clickPools struct {
	site      string   // https://www.<domain>
	pages     []string // paths: 0 home, 1 cart, 2 checkout, 3 confirmation, then categories, products
	urls      []string // site + path, the referrer of the next page
	nCats     int
	products  []product
	byCat     [][]int // products of each category (index: page - pageFirstCategory)
	uas       []encoded
	devices   []uint8  // per ua: 0 desktop, 1 mobile, 2 tablet
	externals []string // landing referrers ("" = direct)
	extPick   weighted
}

const (
	pageHome = iota
	pageCart
	pageCheckout
	pageConfirmation
	pageFirstCategory
)

var deviceNames = [...]string{"desktop", "mobile", "tablet"}

type product struct {
	sku   string
	page  int // index into pages
	price float64
}

// newClickPools draws the site's categories, catalogue and user agents.
func newClickPools(f *gofakeit.Faker, r *rng) *clickPools {
	p := &clickPools{site: "https://www." + f.DomainName()}
	p.pages = []string{"/", "/cart", "/checkout", "/checkout/confirmation"}
	cats := map[string]bool{}
	for tries := 0; len(cats) < 12 && tries < 1000; tries++ {
		c := slug(f.ProductCategory())
		if !cats[c] {
			cats[c] = true
			p.pages = append(p.pages, "/category/"+c)
		}
	}
	p.nCats = len(cats)
	p.byCat = make([][]int, p.nCats)
	for i := range 400 {
		sku := "sku-" + pad6(100000+i*37+r.intn(37))
		cat := r.intn(p.nCats)
		p.products = append(p.products, product{sku: sku, page: len(p.pages), price: roundPrice(r.logNormal(3.4, 0.9))})
		p.byCat[cat] = append(p.byCat[cat], i)
		p.pages = append(p.pages, "/product/"+sku)
	}
	for _, path := range p.pages {
		p.urls = append(p.urls, p.site+path)
	}
	for range 256 {
		ua := f.UserAgent()
		p.uas = append(p.uas, encode(ua))
		p.devices = append(p.devices, deviceOf(ua))
	}
	p.externals = []string{"", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
		"https://www.facebook.com/", "https://www.instagram.com/", "https://t.co/", "android-app://com.google.android.gm/"}
	p.extPick = newWeighted(30, 40, 5, 3, 8, 6, 4, 4)
	return p
}

// slug lower-cases s, keeps letters and digits and joins the words with '-'.
func slug(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	return strings.Join(words, "-")
}

// roundPrice turns a raw amount into a shop price ending in .99 (at least 0.99).
func roundPrice(v float64) float64 {
	return float64(int(v)) + 0.99
}

// deviceOf classifies a user agent.
func deviceOf(ua string) uint8 {
	switch {
	case strings.Contains(ua, "iPad"):
		return 2
	case strings.Contains(ua, "Mobile") || strings.Contains(ua, "Android") || strings.Contains(ua, "iPhone"):
		return 1
	}
	return 0
}

// visitor countries and their weights.
var (
	clickCountries = [...]string{"DE", "US", "GB", "FR", "NL", "ES", "IT", "PL", "AT", "CH", "SE", "IN", "BR"}
	countryPick    = newWeighted(25, 20, 10, 8, 6, 5, 5, 5, 4, 4, 3, 3, 2)
	publicOctets   = [...]byte{2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 91, 93, 94, 95,
		109, 141, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217}
)

// clickUser is one visitor's traits and current session, packed into one
// 64-byte cache line.
type clickUser struct {
	session  uint64 // 0: no open session
	last     int64  // time of the last event
	cartCost float64
	hits     int32 // events so far in the session
	page     int32 // current page
	product  int32 // product of the last click / add_to_cart, -1 none
	cart     int32 // items in the cart
	ua       uint16
	country  uint8
	ipLen    uint8
	next     uint8 // the session's next event
	known    bool
	ip       [15]byte // dotted address, ipLen bytes long
}

// clickGen generates click records for the users living on one partition.
type clickGen struct {
	pools *clickPools
	users []clickUser
}

func (g *clickGen) record(c *recCtx) bool {
	u := &g.users[c.local]
	if !u.known {
		g.meet(u, c.r)
	}
	if u.session == 0 || u.next == evEnd || c.now-u.last > sessionTimeout {
		g.startSession(u, c.r)
	}
	ev := int(u.next)
	referrer := g.move(u, ev, c.r)
	g.write(c, u, ev, referrer)
	u.hits++
	u.last = c.now
	u.next = uint8(g.nextEvent(u, ev, c.r))
	return false
}

// meet gives a new user their lasting traits.
func (g *clickGen) meet(u *clickUser, r *rng) {
	u.known = true
	u.ua = uint16(r.intn(len(g.pools.uas)))
	u.country = uint8(countryPick.draw(r))
	ip := appendIPv4(u.ip[:0], pick(r, publicOctets[:]), r.u64())
	u.ipLen = uint8(len(ip))
}

// startSession opens a session that lands on a page from outside.
func (g *clickGen) startSession(u *clickUser, r *rng) {
	u.session = r.u64() | 1
	u.hits, u.cart, u.cartCost, u.product = 0, 0, 0, -1
	u.next = evView
	u.page = -1
}

// move applies event ev to the session and returns the referrer to report.
func (g *clickGen) move(u *clickUser, ev int, r *rng) string {
	p := g.pools
	referrer := ""
	if u.page < 0 {
		referrer = p.externals[p.extPick.draw(r)]
	} else {
		referrer = p.urls[u.page]
	}
	switch ev {
	case evView:
		u.page = int32(g.browse(u, r))
	case evClick:
		u.product = int32(g.clicked(int(u.page), r))
		u.page = int32(p.products[u.product].page)
	case evAddToCart:
		u.cart++
		u.cartCost += p.products[u.product].price
	case evCheckout:
		u.page = pageCheckout
	case evPurchase:
		u.page = pageConfirmation
	}
	return referrer
}

// clicked picks the product a click on a page opens: one of the category's
// products on a category page, any product elsewhere.
func (g *clickGen) clicked(page int, r *rng) int {
	p := g.pools
	if c := page - pageFirstCategory; c >= 0 && c < p.nCats && len(p.byCat[c]) > 0 {
		return pick(r, p.byCat[c])
	}
	return r.intn(len(p.products))
}

// browse picks the page a view shows: home, a category or a product page.
func (g *clickGen) browse(u *clickUser, r *rng) int {
	switch x := r.intn(10); {
	case x < 3:
		return pageHome
	case x < 7:
		return pageFirstCategory + r.intn(g.pools.nCats)
	default:
		return g.pools.products[r.intn(len(g.pools.products))].page
	}
}

// nextEvent draws the session's next step after ev.
func (g *clickGen) nextEvent(u *clickUser, ev int, r *rng) int {
	switch ev {
	case evView:
		if u.cart > 0 {
			return afterViewCart.draw(r)
		}
		return afterView.draw(r)
	case evClick:
		return afterClick.draw(r)
	case evAddToCart:
		return afterAddToCart.draw(r)
	case evCheckout:
		return afterCheckout.draw(r)
	}
	return evEnd
}

func (g *clickGen) write(c *recCtx, u *clickUser, ev int, referrer string) {
	p, w := g.pools, c.w
	w.begin("click")
	w.hexID(fEventID, "", c.r.u64(), 16)
	c.appendTS()
	w.plain(fUserID, c.key)
	w.hexID(fSessionID, "", u.session, 12)
	w.int(fHit, int64(u.hits+1))
	w.plain(fEvent, eventNames[ev])
	w.plain(fPage, p.pages[u.page])
	w.plain(fReferrer, referrer)
	hasProduct := ev == evClick || ev == evAddToCart
	var pr product
	if hasProduct {
		pr = p.products[u.product]
	}
	if hasProduct {
		w.plain(fProductID, pr.sku)
	} else {
		w.absent()
	}
	w.optFixed(fPrice, pr.price, 2, hasProduct)
	w.int(fCartItems, int64(u.cart))
	w.optFixed(fCartValue, u.cartCost, 2, ev >= evAddToCart)
	if ev == evPurchase {
		w.hexID(fOrderID, "ord-", mix64(u.session), 10)
	} else {
		w.absent()
	}
	w.pre(fUA, &p.uas[u.ua])
	w.openStr(fIP)
	w.b = append(w.b, u.ip[:u.ipLen]...)
	w.closeStr()
	w.plain(fCountry, clickCountries[u.country])
	w.plain(fDevice, deviceNames[p.devices[u.ua]])
}

// appendIPv4 appends a dotted address with the given first octet and three
// more from bits.
func appendIPv4(b []byte, first byte, bits uint64) []byte {
	b = appendUint8(b, first)
	for i := range 3 {
		b = append(b, '.')
		b = appendUint8(b, byte(bits>>(8*i)))
	}
	return b
}

func appendUint8(b []byte, v byte) []byte {
	if v >= 100 {
		b = append(b, '0'+v/100)
	}
	if v >= 10 {
		b = append(b, '0'+v/10%10)
	}
	return append(b, '0'+v%10)
}

func (g *clickGen) touch(local int) byte { return byte(boolInt(g.users[local].known)) }
