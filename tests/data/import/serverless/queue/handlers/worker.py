import json


def handler(event, context):
    records = event.get("Records", [])
    for record in records:
        job = json.loads(record["body"])
        # A failure raises, and SQS hands the whole batch back.
        if "key" not in job:
            raise ValueError(f"job {record['messageId']} has no key")
        print(f"resizing s3://{job['bucket']}/{job['key']}")
    return {"processed": len(records)}
