def handler(event, context):
    # Not what LostFunction's CodeUri points at.
    return {"statusCode": 200, "body": "found"}
