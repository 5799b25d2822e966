import json
import os

import boto3

dynamodb = boto3.client("dynamodb")
sns = boto3.client("sns")


def _status(image):
    return (image or {}).get("status", {}).get("S")


def handler(event, context):
    announced = 0
    for record in event.get("Records", []):
        change = record["dynamodb"]
        old, new = _status(change.get("OldImage")), _status(change.get("NewImage"))
        if old == new:
            continue
        customer_id = change["Keys"]["pk"]["S"].split("#", 1)[-1]
        customer = dynamodb.get_item(
            TableName=os.environ["CUSTOMERS_TABLE"], Key={"customerId": {"S": customer_id}}
        ).get("Item", {})
        sns.publish(
            TopicArn=os.environ["TOPIC_ARN"],
            Message=json.dumps({
                "order": change["Keys"]["sk"]["S"],
                "customer": customer.get("email", {}).get("S", customer_id),
                "from": old,
                "to": new,
            }),
        )
        announced += 1
    return {"announced": announced}
