# A Python handler for the fault tests: {"sleep": S} sleeps S seconds,
# {"exit": N} ends the process with status N in the middle of the call.
import os
import time


def handler(event, context):
    if "sleep" in event:
        time.sleep(event["sleep"])
    if "exit" in event:
        os._exit(event["exit"])
    return "ok"
