# A Python handler for the tests: decodes every record of the DIS event,
# calls every context method, records each call's request id in
# $COUNT_DIR/<pid>.ids and raises ValueError for records whose seq % 4 == 3
# when FAIL_EVERY=4 (records without a seq: every 4th call of the process).
import base64
import json
import os

INITIALIZED = []
CALLS = [0]


def initializer(context):
    INITIALIZED.append(context.getFunctionName())


def handler(event, context):
    seqs = []
    CALLS[0] += 1
    for r in event["Message"]["records"]:
        seqs.append(json.loads(base64.b64decode(r["data"])).get("seq", CALLS[0] - 1))
    for m in ("getRequestID", "getRemainingTimeInMilliSeconds", "getAccessKey", "getSecretKey",
              "getSecurityAccessKey", "getSecuritySecretKey", "getSecurityToken", "getToken",
              "getFunctionName", "getRunningTimeInSeconds", "getVersion", "getMemorySize",
              "getCPUNumber", "getProjectID", "getPackage", "getAlias"):
        getattr(context, m)()
    context.getUserData("team")
    context.getLogger().info("records %d" % len(seqs))
    with open(os.path.join(os.environ["COUNT_DIR"], "%d.ids" % os.getpid()), "a") as f:
        f.write(context.getRequestID() + "\n")
    every = int(os.environ.get("FAIL_EVERY") or 0)
    if every and seqs[0] % every == every - 1:
        raise ValueError("seq %d refused" % seqs[0])
    return {"records": len(seqs), "initialized": INITIALIZED, "ak": context.getAccessKey(),
            "team": context.getUserData("team"), "memory": context.getMemorySize()}
