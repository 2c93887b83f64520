// disload's Node.js bootstrap: runs a FunctionGraph Node.js handler
// (exports.handler = async (event, context) or (event, context, callback),
// in RUNTIME_CODE_ROOT, setting RUNTIME_HANDLER such as index.handler) over
// the custom runtime API at RUNTIME_API_ADDR, one event at a time.
// Embedded in disload and extracted at start.
'use strict';
const http = require('http');
const path = require('path');

const env = process.env;
const [host, port] = (() => { const a = env.RUNTIME_API_ADDR; const i = a.lastIndexOf(':'); return [a.slice(0, i), Number(a.slice(i + 1))]; })();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const NEXT = '/v1/runtime/invocation/request';

function call(method, p, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path: p, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function now() { return new Date().toISOString(); }

let userdata = {};
try { userdata = JSON.parse(env.RUNTIME_USERDATA || '{}'); } catch (e) { userdata = {}; }

function makeLogger(id) {
  const line = (msg) => process.stdout.write(`${now()} ${id} ${msg}\n`);
  return { info: line, warn: line, error: line, debug: line, log: line };
}

// The handler's context, with every method of the managed runtime.
function makeContext(id, headers, timeout) {
  const deadline = Date.now() + timeout * 1000;
  const h = (k) => headers[k] || '';
  const logger = makeLogger(id);
  return {
    getRequestID: () => id,
    getRemainingTimeInMilliSeconds: () => Math.max(0, deadline - Date.now()),
    getAccessKey: () => h('x-cff-access-key'),
    getSecretKey: () => h('x-cff-secret-key'),
    getSecurityAccessKey: () => h('x-cff-security-access-key'),
    getSecuritySecretKey: () => h('x-cff-security-secret-key'),
    getSecurityToken: () => h('x-cff-security-token'),
    getToken: () => h('x-cff-auth-token'),
    getUserData: (key) => userdata[key],
    getFunctionName: () => env.RUNTIME_FUNC_NAME || '',
    getRunningTimeInSeconds: () => timeout,
    getVersion: () => env.RUNTIME_FUNC_VERSION || '',
    getMemorySize: () => Number(env.RUNTIME_MEMORY || 0),
    getCPUNumber: () => Number(env.RUNTIME_CPU || 0),
    getProjectID: () => env.RUNTIME_PROJECT_ID || '',
    getPackage: () => env.RUNTIME_PACKAGE || '',
    getAlias: () => env.RUNTIME_ALIAS || '',
    getLogger: () => logger,
  };
}

function load(setting) {
  const i = setting.lastIndexOf('.');
  if (i <= 0) throw new Error(`handler ${setting}: want MODULE.FUNCTION, e.g. index.handler`);
  const mod = require(path.resolve(env.RUNTIME_CODE_ROOT || '.', setting.slice(0, i)));
  const fn = mod[setting.slice(i + 1)];
  if (typeof fn !== 'function') throw new Error(`handler ${setting}: no such function`);
  return fn;
}

// run calls fn async or callback style and settles with its result.
function run(fn, args) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const cb = (err, data) => { if (!settled) { settled = true; if (err) reject(err); else resolve(data); } };
    try {
      const r = fn(...args, cb);
      if (fn.length <= args.length) Promise.resolve(r).then((v) => cb(null, v), (e) => cb(e || new Error('rejected')));
    } catch (e) { cb(e); }
  });
}

// frames: innermost first, "function file:line", this bootstrap left out.
function frames(e) {
  const out = [];
  for (const l of String((e && e.stack) || '').split('\n').slice(1)) {
    const m = l.match(/at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/);
    if (!m || m[2] === __filename || m[2].startsWith('node:')) continue;
    out.push(`${m[1] || '<anonymous>'} ${path.basename(m[2])}:${m[3]}`);
  }
  return out.slice(0, 8);
}

function encode(result) {
  if (Buffer.isBuffer(result)) return result;
  if (typeof result === 'string') return result;
  return JSON.stringify(result === undefined ? null : result);
}

async function main() {
  const timeout = Number(env.RUNTIME_TIMEOUT || 3);
  const handler = load(env.RUNTIME_HANDLER);
  if (env.RUNTIME_INITIALIZER_HANDLER) await run(load(env.RUNTIME_INITIALIZER_HANDLER), [makeContext('', {}, timeout)]);
  for (;;) {
    let r;
    try { r = await call('GET', NEXT); } catch (e) { await sleep(50); continue; }
    const id = r.headers['x-cff-request-id'];
    if (r.status !== 200 || !id) { await sleep(50); continue; }
    let p; let out;
    try {
      const result = await run(handler, [JSON.parse(r.body.toString()), makeContext(id, r.headers, timeout)]);
      p = `/v1/runtime/invocation/response/${id}`; out = encode(result);
    } catch (e) {
      const type = (e && (e.name || (e.constructor && e.constructor.name))) || typeof e;
      p = `/v1/runtime/invocation/error/${id}`;
      out = JSON.stringify({ errorType: type, errorMessage: e && e.message !== undefined ? String(e.message) : String(e), stackTrace: frames(e) });
    }
    try { await call('POST', p, out); } catch (e) { await sleep(50); }
  }
}

main().catch((e) => { process.stderr.write(`${(e && e.stack) || e}\n`); process.exit(1); });
