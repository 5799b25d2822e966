import json
import os
from urllib.parse import unquote_plus

import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    queued = 0
    for record in event.get("Records", []):
        job = {
            "bucket": record["s3"]["bucket"]["name"],
            "key": unquote_plus(record["s3"]["object"]["key"]),
        }
        sqs.send_message(QueueUrl=os.environ["JOBS_QUEUE_URL"], MessageBody=json.dumps(job))
        queued += 1
    return {"queued": queued}
