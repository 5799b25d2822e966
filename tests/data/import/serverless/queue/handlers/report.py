import json
import os

import boto3

sqs = boto3.client("sqs")


def handler(event, context):
    # Scheduled events carry our input as the whole event when one is set.
    period = event.get("period", "day") if isinstance(event, dict) else "day"
    attributes = sqs.get_queue_attributes(
        QueueUrl=os.environ["JOBS_QUEUE_URL"],
        AttributeNames=["ApproximateNumberOfMessages"],
    )["Attributes"]
    summary = {"service": os.environ.get("SERVICE"), "period": period,
               "waiting": int(attributes["ApproximateNumberOfMessages"])}
    print(json.dumps(summary))
    return summary
