# A FunctionGraph Python handler for a DIS trigger: decode every record.
# Run it: disload run default -t python:examples/python/index.handler -r 100/s -d 2s
import base64
import json


def initializer(context):
    # Called once per instance before any event (--initializer or
    # target.initializer: index.initializer).
    context.getLogger().info("ready: " + context.getFunctionName())


def handler(event, context):
    records = event["Message"]["records"]
    size = sum(len(base64.b64decode(r["data"])) for r in records)
    context.getLogger().info("%d records, %d bytes" % (len(records), size))
    return json.dumps({"records": len(records), "bytes": size})
