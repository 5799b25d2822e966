import json


def process(job):
    if job.get("type") == "fail":
        raise ValueError("asked to fail")
    print(f"done: {job.get('type')} {job.get('id', '')}")


def handler(event, context):
    # A failure fails the whole batch: SQS hands the messages back, and after
    # three receives a message goes to jobs-dlq.
    records = event.get("Records", [])
    for record in records:
        process(json.loads(record["body"]))
    return {"processed": len(records)}
