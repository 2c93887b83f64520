# disload's Python bootstrap: runs a FunctionGraph Python handler
# (handler(event, context) in RUNTIME_CODE_ROOT, setting RUNTIME_HANDLER such
# as index.handler) over the custom runtime API at RUNTIME_API_ADDR, one
# event at a time. Embedded in disload and extracted at start.
import datetime
import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["RUNTIME_API_ADDR"]
HOST, PORT = API.rsplit(":", 1)
NEXT = "/v1/runtime/invocation/request"
ENV = os.environ


def now():
    t = datetime.datetime.now(datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


class Logger:
    """getLogger(): lines "time request-id message" on stdout."""

    def __init__(self, request_id):
        self._id = request_id

    def _line(self, msg):
        sys.stdout.write("%s %s %s\n" % (now(), self._id, msg))

    info = warn = warning = error = debug = _line


class Context:
    """The handler's context, with every method of the managed runtime."""

    def __init__(self, request_id, headers, timeout):
        self._id = request_id
        self._h = headers
        self._timeout = timeout
        self._deadline = time.monotonic() + timeout
        try:
            self._userdata = json.loads(ENV.get("RUNTIME_USERDATA") or "{}")
        except ValueError:
            self._userdata = {}
        self._logger = Logger(request_id)

    def getRequestID(self): return self._id
    def getRemainingTimeInMilliSeconds(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))
    def getAccessKey(self): return self._h.get("X-CFF-Access-Key", "")
    def getSecretKey(self): return self._h.get("X-CFF-Secret-Key", "")
    def getSecurityAccessKey(self): return self._h.get("X-CFF-Security-Access-Key", "")
    def getSecuritySecretKey(self): return self._h.get("X-CFF-Security-Secret-Key", "")
    def getSecurityToken(self): return self._h.get("X-CFF-Security-Token", "")
    def getToken(self): return self._h.get("X-CFF-Auth-Token", "")
    def getUserData(self, key, default=None): return self._userdata.get(key, default)
    def getFunctionName(self): return ENV.get("RUNTIME_FUNC_NAME", "")
    def getRunningTimeInSeconds(self): return self._timeout
    def getVersion(self): return ENV.get("RUNTIME_FUNC_VERSION", "")
    def getMemorySize(self): return int(ENV.get("RUNTIME_MEMORY") or 0)
    def getCPUNumber(self): return int(ENV.get("RUNTIME_CPU") or 0)
    def getProjectID(self): return ENV.get("RUNTIME_PROJECT_ID", "")
    def getPackage(self): return ENV.get("RUNTIME_PACKAGE", "")
    def getAlias(self): return ENV.get("RUNTIME_ALIAS", "")
    def getLogger(self): return self._logger


def load(setting):
    """Imports module.function from RUNTIME_CODE_ROOT."""
    module, _, name = setting.rpartition(".")
    if not module:
        raise ValueError("handler %r: want MODULE.FUNCTION, e.g. index.handler" % setting)
    return getattr(importlib.import_module(module), name)


def frames(tb):
    """Innermost frames first, as "function file:line", bootstrap left out."""
    out = []
    for f in reversed(traceback.extract_tb(tb)):
        if os.path.abspath(f.filename) == os.path.abspath(__file__):
            continue
        out.append("%s %s:%d" % (f.name, os.path.basename(f.filename), f.lineno))
    return out[:8]


def encode(result):
    if isinstance(result, bytes):
        return result
    if isinstance(result, str):
        return result.encode()
    return json.dumps(result, separators=(",", ":")).encode()


class API_:
    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, int(PORT))

    def call(self, method, path, body=None):
        try:
            self.conn.request(method, path, body=body)
            r = self.conn.getresponse()
            return r, r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, int(PORT))
            raise


def main():
    sys.path.insert(0, ENV.get("RUNTIME_CODE_ROOT", "."))
    timeout = int(ENV.get("RUNTIME_TIMEOUT") or 3)
    handler = load(ENV["RUNTIME_HANDLER"])
    if ENV.get("RUNTIME_INITIALIZER_HANDLER"):
        load(ENV["RUNTIME_INITIALIZER_HANDLER"])(Context("", {}, timeout))
    api = API_()
    while True:
        try:
            r, body = api.call("GET", NEXT)
        except (http.client.HTTPException, OSError):
            time.sleep(0.05)
            continue
        rid = r.getheader("X-Cff-Request-Id")
        if r.status != 200 or not rid:
            time.sleep(0.05)
            continue
        headers = {k: r.getheader(k, "") for k in (
            "X-CFF-Access-Key", "X-CFF-Secret-Key", "X-CFF-Security-Access-Key",
            "X-CFF-Security-Secret-Key", "X-CFF-Security-Token", "X-CFF-Auth-Token")}
        try:
            result = encode(handler(json.loads(body), Context(rid, headers, timeout)))
            path, out = "/v1/runtime/invocation/response/" + rid, result
        except Exception as e:  # the handler's failure, reported by class
            err = {"errorType": type(e).__name__, "errorMessage": str(e),
                   "stackTrace": frames(e.__traceback__)}
            path, out = "/v1/runtime/invocation/error/" + rid, json.dumps(err).encode()
        try:
            api.call("POST", path, out)
        except (http.client.HTTPException, OSError):
            time.sleep(0.05)


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    main()
