import os

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    bucket = os.environ["BUCKET_NAME"]
    prefix = os.environ.get("PREFIX", "")
    count = 0
    size = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            count += 1
            size += obj["Size"]
    print(f"{bucket}/{prefix}: {count} objects, {size} bytes")
    return {"bucket": bucket, "objects": count, "bytes": size}
