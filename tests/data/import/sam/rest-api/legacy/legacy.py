import json


def handler(event, context):
    # The old API only ever echoed what it was asked for.
    path = (event.get("pathParameters") or {}).get("proxy", "")
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json", "deprecation": "true"},
        "body": json.dumps({"legacy": True, "method": event.get("httpMethod"), "path": path}),
    }
