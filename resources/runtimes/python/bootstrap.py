"""Stratus's Python runtime.

Loads the function's handler the way AWS Lambda's Python runtime does and
serves invocations from the engine over a private channel on file descriptor 3
(length-framed JSON; see engine/runtime/worker.cpp). stdout and stderr stay
the function's own.

Frame: u32le header length, u32le body length, header JSON, body bytes.
"""

# Imports are few and cheap on purpose: they are paid on every cold start.
# logging and traceback are loaded only when needed.
import importlib
import json
import os
import resource
import sys
import time

class _EndpointsForOldBotocore:
    """Makes boto3 clients made without an endpoint_url reach the local endpoints.

    Newer botocore (1.31+) reads AWS_ENDPOINT_URL_<SERVICE> itself; Debian 12's
    (1.29) predates them. This finder waits for botocore.session to be
    imported (nothing is paid by functions that do not use boto3), then, on an
    older botocore only, gives Session.create_client the variable's URL as its
    default endpoint_url.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "botocore.session":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            _teach_endpoints(module)

        spec.loader.exec_module = exec_module
        return spec


def _teach_endpoints(session_module):
    import botocore

    try:
        version = tuple(int(part) for part in botocore.__version__.split(".")[:2])
    except ValueError:
        return
    if version >= (1, 31):
        return
    create_client = session_module.Session.create_client

    def create_client_with_endpoint(self, service_name, *args, **kwargs):
        # endpoint_url is create_client's sixth parameter (after region_name,
        # api_version, use_ssl, verify).
        if kwargs.get("endpoint_url") is None and (len(args) < 5 or args[4] is None):
            url = os.environ.get("AWS_ENDPOINT_URL_" + service_name.upper().replace("-", "_")) \
                or os.environ.get("AWS_ENDPOINT_URL")
            if url and len(args) >= 5:
                args = args[:4] + (url,) + args[5:]
            elif url:
                kwargs["endpoint_url"] = url
        return create_client(self, service_name, *args, **kwargs)

    session_module.Session.create_client = create_client_with_endpoint


if any(key.startswith("AWS_ENDPOINT_URL") for key in os.environ):
    sys.meta_path.insert(0, _EndpointsForOldBotocore())

_CHANNEL = 3
_task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
_handler_string = os.environ.get("_HANDLER", "")
_request_id = None


def _max_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _send(header, body=b""):
    head = json.dumps(header).encode()
    data = memoryview(len(head).to_bytes(4, "little") + len(body).to_bytes(4, "little") + head + body)
    while data:
        data = data[os.write(_CHANNEL, data):]


def _recv_exact(n):
    chunks = []
    while n > 0:
        chunk = os.read(_CHANNEL, min(n, 1 << 20))
        if not chunk:
            sys.exit(0)
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _error(exc, error_type=None, message=None):
    import traceback

    tb = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    return {
        "errorMessage": message if message is not None else str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": _request_id or "",
        "stackTrace": traceback.format_list(tb),
    }


_logging_ready = False


def _setup_logging():
    """Gives the root logger AWS's format, once the function has imported logging.

    "[LEVEL]<tab>timestamp<tab>request id<tab>message". Called after the module
    loads and before each invocation: a module that never logs never pays for it.
    """
    global _logging_ready
    logging = sys.modules.get("logging")
    if _logging_ready or logging is None:
        return
    _logging_ready = True

    class LambdaLogFormatter(logging.Formatter):
        def format(self, record):
            record.aws_request_id = _request_id or ""
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            millis = int(record.msecs)
            return f"[{record.levelname}]\t{stamp}.{millis:03d}Z\t{record.aws_request_id}\t{record.getMessage()}"

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(LambdaLogFormatter())
    root = logging.getLogger()
    root.handlers = [handler]


class CognitoIdentity:
    def __init__(self, data):
        data = data or {}
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    def __init__(self, data):
        data = data or {}
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    def __init__(self, data):
        self.client = Client(data.get("client"))
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext:
    def __init__(self, header):
        self.aws_request_id = header["requestId"]
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = header.get("invokedFunctionArn")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = CognitoIdentity(header.get("identity"))
        client_context = header.get("clientContext")
        self.client_context = ClientContext(client_context) if client_context else None
        self._deadline_ms = header["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def log(self, message):
        sys.stdout.write(str(message))


def _load_handler():
    try:
        module_name, function_name = _handler_string.rsplit(".", 1)
    except ValueError:
        return None, {"errorMessage": f"Bad handler '{_handler_string}': not enough values to unpack",
                      "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []}
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as exc:
        trace = [f'  File "{exc.filename}" Line {exc.lineno}\n    {(exc.text or "").strip()}\n']
        return None, {"errorMessage": f"Syntax error in module '{module_name}': {exc}",
                      "errorType": "Runtime.UserCodeSyntaxError", "requestId": "", "stackTrace": trace}
    except ImportError as exc:
        return None, _error(exc, "Runtime.ImportModuleError",
                            f"Unable to import module '{module_name}': {exc}")
    except Exception as exc:  # the module raised while it was imported
        return None, _error(exc)
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, {"errorMessage": f"Handler '{function_name}' missing on module '{module_name}'",
                      "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}
    if not callable(handler):
        return None, {"errorMessage": f"Handler '{function_name}' on module '{module_name}' is not callable",
                      "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}
    return handler, None


def _invoke(handler, header, body):
    global _request_id
    _request_id = header["requestId"]
    base = {"requestId": _request_id}
    start = time.perf_counter_ns()
    cpu_start = time.process_time_ns()  # the engine emulates Lambda's CPU share from it
    try:
        event = json.loads(body)
        result = handler(event, LambdaContext(header))
    except Exception as exc:
        duration = (time.perf_counter_ns() - start) // 1000
        base["cpuUs"] = (time.process_time_ns() - cpu_start) // 1000
        error = _error(exc)
        _send({"type": "error", "durationUs": duration, "maxRssKb": _max_rss_kb(),
               "errorType": error["errorType"], **base}, json.dumps(error).encode())
        return
    duration = (time.perf_counter_ns() - start) // 1000
    base["cpuUs"] = (time.process_time_ns() - cpu_start) // 1000
    try:
        text = json.dumps(result, ensure_ascii=False).encode()
    except (TypeError, ValueError) as exc:
        error = {"errorMessage": f"Unable to marshal response: {exc}",
                 "errorType": "Runtime.MarshalError", "requestId": _request_id, "stackTrace": []}
        _send({"type": "error", "durationUs": duration, "maxRssKb": _max_rss_kb(),
               "errorType": error["errorType"], **base}, json.dumps(error).encode())
        return
    _send({"type": "result", "durationUs": duration, "maxRssKb": _max_rss_kb(), **base}, text)


def main():
    # The function's folder comes first, in place of this script's own folder.
    sys.path[0] = _task_root
    # boto3, as Lambda's runtimes ship it, after everything else (a function's
    # own boto3 wins): CACHE/python-sdk, beside CACHE/runtimes/HASH/bootstrap.py.
    sdk = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python-sdk")
    if os.path.isdir(sdk):
        sys.path.append(sdk)
    handler, error = _load_handler()
    _setup_logging()
    if error is not None:
        _send({"type": "initError", "maxRssKb": _max_rss_kb(), "errorType": error["errorType"]},
              json.dumps(error).encode())
        return
    _send({"type": "ready", "maxRssKb": _max_rss_kb()})
    while True:
        lengths = _recv_exact(8)
        head_length = int.from_bytes(lengths[:4], "little")
        body_length = int.from_bytes(lengths[4:], "little")
        header = json.loads(_recv_exact(head_length))
        body = _recv_exact(body_length)
        if header.get("type") == "invoke":
            _setup_logging()
            _invoke(handler, header, body)


if __name__ == "__main__":
    main()
