package generator

import "strconv"

// logHost is one host's lasting traits.
type logHost struct {
	known   bool
	service int
	region  int
	version int // 0 current, 1 previous release (a canary lagging behind)
}

// logGen generates log records for the hosts living on one partition.
type logGen struct {
	pools *logPools
	hosts []logHost
	keys  []int // global key index of each local host, which fixes its service
}

// logLine is one line before it is written.
type logLine struct {
	level   int
	access  bool
	route   route
	id      int64
	status  int
	bytes   int64
	latency float64
	msg     message
	number  int64
	fail    *failure
	trace   [2]uint64
	span    uint64
}

func (g *logGen) record(c *recCtx) bool {
	h := &g.hosts[c.local]
	if !h.known {
		h.known = true
		h.service = g.keys[c.local] % len(services)
		h.region = c.r.intn(len(regions))
		if c.r.chance(0.1) {
			h.version = 1
		}
	}
	l := g.line(h, c.r)
	g.writeFields(c, h, &l)
	return false
}

// line draws the level first, then a line that fits it.
func (g *logGen) line(h *logHost, r *rng) logLine {
	s := &services[h.service]
	l := logLine{level: levelPick.draw(r)}
	switch l.level {
	case lvDebug:
		l.msg = pick(r, debugMessages)
	case lvInfo:
		l.access = r.chance(0.75)
		l.msg = pick(r, infoMessages)
	case lvWarn:
		l.access = r.chance(0.6)
		l.msg = pick(r, warnMessages)
	case lvError:
		l.access = r.chance(0.5)
		l.fail = &g.pools.failures[h.service][r.intn(len(g.pools.failures[h.service]))]
	case lvFatal:
		l.fail = &g.pools.panics[h.service]
	}
	l.number = int64(r.between(1, 5000))
	l.trace, l.span = [2]uint64{r.u64(), r.u64()}, r.u64()
	if l.access {
		l.route = pick(r, s.routes)
		l.id = int64(r.between(10000, 999999))
		l.status = accessStatus(l.level, l.route.method, r)
		l.latency = latencyMS(r, s.median, l.status)
		l.bytes = responseBytes(l.status, r)
	}
	return l
}

// accessStatus picks a status code that fits the level and method.
func accessStatus(level int, method string, r *rng) int {
	switch {
	case level == lvWarn:
		return warnStatus[warnPick.draw(r)]
	case level == lvError:
		return errorStatus[errorPick.draw(r)]
	case method == "POST":
		return [2]int{200, 201}[r.intn(2)]
	case method == "DELETE":
		return 204
	case method == "GET" && r.chance(0.08):
		return 304
	}
	return 200
}

// responseBytes draws a body size; 204 and 304 have none.
func responseBytes(status int, r *rng) int64 {
	if status == 204 || status == 304 {
		return 0
	}
	if status >= 400 {
		return int64(60 + r.intn(200))
	}
	return int64(r.logNormal(7.1, 1.0))
}

func (g *logGen) writeFields(c *recCtx, h *logHost, l *logLine) {
	w, s := c.w, &services[h.service]
	w.begin("log")
	c.appendTS()
	w.str(fLevel, levelNames[l.level])
	w.str(fService, s.name)
	w.str(fHost, c.key)
	w.str(fRegion, regions[h.region])
	w.str(fVersion, g.pools.versions[h.service][h.version])
	w.openStr(fTraceID)
	w.b = appendHex(appendHex(w.b, l.trace[0], 16), l.trace[1], 16)
	w.closeStr()
	w.hexID(fSpanID, "", l.span, 16)
	w.str(fSource, [2]string{"app", "access"}[boolInt(l.access)])
	g.writeAccess(w, l)
	w.optStr(fLogger, s.name+".handler", !l.access)
	g.writeMessage(w, l)
}

func (g *logGen) writeAccess(w *recWriter, l *logLine) {
	if !l.access {
		for range 5 {
			w.absent()
		}
		return
	}
	w.str(fMethod, l.route.method)
	w.openStr(fPath)
	w.b = appendPath(w.b, l)
	w.closeStr()
	w.int(fStatus, int64(l.status))
	w.int(fBytes, l.bytes)
	w.fixed(fLatencyMS, l.latency, 1)
}

func (g *logGen) writeMessage(w *recWriter, l *logLine) {
	switch {
	case l.access && l.status >= 500:
		w.str(fMsg, "request failed")
	case l.access:
		w.str(fMsg, "request completed")
	case l.fail != nil:
		w.str(fMsg, l.fail.msg)
	case w.enc == encText:
		// Messages have spaces but no quote, backslash or control
		// character: a quoted logfmt value as they are.
		w.key(fMsg)
		w.b = append(w.b, '"')
		w.b = appendMessage(w.b, l)
		w.b = append(w.b, '"')
	default:
		w.openStr(fMsg)
		w.b = appendMessage(w.b, l)
		w.closeStr()
	}
	w.optStr(fStack, stackOfLine(l), l.fail != nil && !l.access)
}

func stackOfLine(l *logLine) string {
	if l.fail == nil {
		return ""
	}
	return l.fail.stack
}

// appendMessage appends an application message; message texts hold no
// comma, quote or backslash, so they need no escaping in JSON or CSV.
func appendMessage(b []byte, l *logLine) []byte {
	b = append(b, l.msg.text...)
	if l.msg.number {
		b = strconv.AppendInt(b, l.number, 10)
	}
	return b
}

// appendPath appends the request path of an access line.
func appendPath(b []byte, l *logLine) []byte {
	b = append(b, l.route.prefix...)
	if l.route.id {
		b = strconv.AppendInt(b, l.id, 10)
		b = append(b, l.route.suffix...)
	}
	return b
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func (g *logGen) touch(local int) byte { return byte(boolInt(g.hosts[local].known)) }
