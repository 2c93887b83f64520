# A no-op Python handler (the benchmark of the runtime's own cost).
def handler(event, context):
    return ""
