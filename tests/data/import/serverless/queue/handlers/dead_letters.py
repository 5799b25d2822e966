def handler(event, context):
    for record in event.get("Records", []):
        print(f"DEAD LETTER {record['messageId']}: {record['body']}")
    return {"seen": len(event.get("Records", []))}
