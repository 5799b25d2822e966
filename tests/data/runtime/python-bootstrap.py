#!/usr/bin/python3
import json, os, sys, urllib.request, urllib.error
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"

def post(path, body, headers=None):
    req = urllib.request.Request(api + path, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code

if os.environ.get("MODE") == "init-error":
    post("/init/error", json.dumps({"errorMessage": "no config", "errorType": "ConfigError"}).encode(),
         {"Lambda-Runtime-Function-Error-Type": "ConfigError"})
    sys.exit(1)
if os.environ.get("MODE") == "never-next":
    import time
    time.sleep(60)

while True:
    with urllib.request.urlopen(api + "/invocation/next") as r:
        request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(r.read())
    action = event.get("action") if isinstance(event, dict) else None
    if action == "error":
        post(f"/invocation/{request_id}/error",
             json.dumps({"errorMessage": "it broke", "errorType": "HandlerError"}).encode(),
             {"Lambda-Runtime-Function-Error-Type": "HandlerError"})
    elif action == "garbage":
        post(f"/invocation/{request_id}/response", b"this is not json {")
    elif action == "wrong-id":
        status = post("/invocation/00000000-0000-7000-8000-000000000000/response", b"{}")
        print(f"wrong id answered {status}", flush=True)
        post(f"/invocation/{request_id}/response", json.dumps({"after": status}).encode())
    elif action == "address":
        post(f"/invocation/{request_id}/response", json.dumps({"api": os.environ["AWS_LAMBDA_RUNTIME_API"]}).encode())
    else:
        post(f"/invocation/{request_id}/response", json.dumps({"got": event}).encode())
