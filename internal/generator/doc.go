// Package generator synthesizes realistic DIS trigger events: click,
// transaction, log, location and templated records, keyed onto partitions by
// the DIS SDK's formula, with per-partition sequence numbers and cursors,
// batched into events exactly as FunctionGraph sends them.
//
// # Determinism
//
// Event n depends only on (Seed, Config, n). Each partition runs its own
// record process, seeded by (seed, partition) and holding the state of the
// keys that live on it (visitor sessions, card accounts, hosts, devices);
// a smooth weighted round-robin over the partitions, weighted by their keys'
// popularity, says which partition makes event n, and the event holds that
// partition's next BatchSize records. So partitions can be generated in
// parallel (parallelSource) and split over machines (Shard/Shards): a shard's
// events are exactly the whole stream's events of its partitions, byte for
// byte, in the same order. Timestamps come from a virtual clock, never the
// wall clock. gofakeit is only used seeded, per Source and per partition;
// its values are drawn into pools at start-up, and records draw from those
// pools with PCGs (math/rand/v2).
//
// # Keys
//
// KeyCount natural keys (user-000042, acct-000042, payments-0002a for hosts,
// dev-000042, key-000042) are split among the kinds; key rank i has Zipf
// popularity (i+1)^-KeySkew; dis.PartitionForKey places each key, so one
// key always lands on one partition, the one a real producer's SDK picks.
//
// # Records
//
// Every JSON record starts with its kind in "type". The kinds are:
//
//   - click: a shop's visitor sessions that follow the funnel view → click →
//     add_to_cart → checkout → purchase, abandoning at every step; pages and
//     referrers of one site, user agent, IP, country, device type.
//   - transaction: card payments of accounts at merchants with MCC codes,
//     amounts log-normal per category in the merchant's currency, BIN and
//     last four digits (never a full card number), channel, approved or
//     declined with a reason, and a "label" of legit, burst (card testing)
//     or impossible_travel as ground truth for fraud rules.
//   - log: access lines (method, path, status, bytes, long-tailed latency)
//     and application lines (stack-like errors) of services on hosts, with
//     trace ids and levels in fixed shares.
//   - location: devices moving continuously (each fix follows from the
//     last by speed and heading), with accuracy, altitude and a battery that
//     only drains.
//   - custom: a text/template rendered with gofakeit's functions.
//
// In the three encodings a click record reads:
//
//	json: {"type":"click","event_id":"28734d0f89093f7c","ts":"2026-01-01T00:00:00.000Z","user_id":"user-002179",...,"device":"mobile"}
//	csv:  click,28734d0f89093f7c,2026-01-01T00:00:00.000Z,user-002179,...,mobile
//	text: type=click event_id=28734d0f89093f7c ts=2026-01-01T00:00:00.000Z user_id=user-002179 ... ua="Mozilla/5.0 (...)" ...
//
// and a log record with Encoding text is the raw line:
//
//	2026-01-01T00:00:00.003Z INFO api-gateway api-gateway-01c02 df64d6d53429e0d23219465117a2e927 "GET /api/v1/products HTTP/1.1" 200 453 17.8ms
package generator
