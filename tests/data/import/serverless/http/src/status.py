import json
import os


def handler(event, context):
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({
            "status": os.environ.get("STATUS_MESSAGE", "ok"),
            "stage": os.environ.get("STAGE"),
            "region": os.environ.get("REGION_NAME"),
        }),
    }
