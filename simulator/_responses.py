"""Error bodies and the responses that injected faults send."""

from __future__ import annotations

import json
import time
import uuid
from email.utils import formatdate
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from simulator._faults import Fault

# v1 documents no error body. These codes and the envelope follow the v2 draft of the API
# ({"error": {errorCode, errorType, httpStatus, msg}, "requestId"}), the closest published form.
ERROR_CODES = {400: 10007, 401: 10003, 403: 10005, 404: 10006, 429: 10009}

BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")

LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>Sign In</title></head><body>"
    "<form method=\"post\" action=\"/login\"><input name=\"username\">"
    "<input name=\"password\" type=\"password\"><button>Sign In</button></form>"
    "</body></html>")


def new_request_id() -> str:
    return str(uuid.uuid4())


def error_response(status: int, message: str, request_id: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"errorCode": ERROR_CODES.get(status, 10002),
                      "errorType": "INTERNAL_ERROR", "httpStatus": status, "msg": message},
            "requestId": request_id}
    all_headers = {"X-Request-Id": request_id}
    all_headers.update(headers or {})
    return JSONResponse(body, status_code=status, headers=all_headers)


def retry_after_value(setting: str) -> str | None:
    """Turn a fault's retry_after setting into a Retry-After header value, or None."""
    if setting == "none":
        return None
    if setting.startswith("date"):
        _name, _separator, seconds = setting.partition(":")
        return formatdate(time.time() + int(seconds or 2), usegmt=True)
    return setting


class DroppedResponse(Response):
    """Announce a body, send part of it, then return so the server closes the connection."""

    def __init__(self, partial: bytes = b'[{"sub_tenant_id": "10') -> None:
        super().__init__()
        self.partial = partial

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", b"65536")]})
        await send({"type": "http.response.body", "body": self.partial, "more_body": True})
        # Returning before the announced length was sent makes uvicorn close the socket.


def fault_response(fault: Fault, request_id: str, normal_body: Any = None,
                   token_endpoint: bool = False) -> Response:
    """Build the response that a fault sends in place of the normal one."""
    headers = {"X-Request-Id": request_id}
    if fault.kind == "drop":
        return DroppedResponse()

    if fault.kind == "rate_limit":
        retry_after = retry_after_value(fault.retry_after)
        if retry_after is not None:
            headers["Retry-After"] = retry_after
        return error_response(429, "Too many requests", request_id, headers)

    if fault.kind == "status":
        status = fault.status or 500
        if status == 502:
            return Response(BAD_GATEWAY_PAGE, status_code=502, media_type="text/html",
                            headers=headers)
        if token_endpoint and status == 401:
            return JSONResponse({"error": "invalid_client",
                                 "error_description": "Client authentication failed"},
                                status_code=401, headers=headers)
        return error_response(status, "Injected fault: HTTP %d" % status, request_id)

    return malformed_response(fault.body, request_id, normal_body)


def malformed_response(variant: str, request_id: str, normal_body: Any) -> Response:
    headers = {"X-Request-Id": request_id}
    if variant == "empty":
        return Response(b"", status_code=200, media_type="application/json", headers=headers)
    if variant == "null":
        return Response(b"null", status_code=200, media_type="application/json",
                        headers=headers)
    if variant == "truncated":
        text = json.dumps(normal_body if normal_body is not None else [{"count": 1}])
        return Response(text[:max(1, len(text) // 2)], status_code=200,
                        media_type="application/json", headers=headers)
    if variant == "html_login":
        return Response(LOGIN_PAGE, status_code=200, media_type="text/html", headers=headers)
    # wrong_shape: an object where a list is expected and a list where an object is expected.
    if isinstance(normal_body, list):
        wrong: Any = {"status": "success", "result": "unexpected"}
    else:
        wrong = [["unexpected"]]
    return JSONResponse(wrong, status_code=200, headers=headers)
