import json
import os
import uuid

# Kept in memory for the demo: a cold start forgets them.
ITEMS = {}


def _answer(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }


def handler(event, context):
    method = event.get("httpMethod", "GET")
    if method == "GET":
        return _answer(200, list(ITEMS.values()))
    if method == "POST":
        try:
            body = json.loads(event.get("body") or "{}")
        except json.JSONDecodeError:
            return _answer(400, {"message": "body is not JSON"})
        if len(ITEMS) >= int(os.environ.get("MAX_ITEMS", "100")):
            return _answer(409, {"message": "too many items"})
        item_id = os.environ.get("ITEM_PREFIX", "item-") + uuid.uuid4().hex[:8]
        ITEMS[item_id] = {"id": item_id, "name": body.get("name", "")}
        return _answer(201, ITEMS[item_id])
    return _answer(405, {"message": f"{method} not allowed"})
