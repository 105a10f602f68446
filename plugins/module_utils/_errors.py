# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Exception types of the collection, one per failure kind.

This is a private module: its interface may change between releases.
Messages are built only from safe fields (operation, region, TSG id, status, request id and a
sanitised excerpt of the response body), never from headers, tokens or credentials.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, Optional


class MonitorError(Exception):
    """Base class of every error this collection raises on purpose."""

    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        operation: Optional[str] = None,
        region: Optional[str] = None,
        tsg_id: Optional[str] = None,
        status: Optional[int] = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.region = region
        self.tsg_id = tsg_id
        self.status = status
        self.request_id = request_id

    def to_dict(self) -> Dict[str, Any]:
        """Describe the error as a plain dict for results, datasets and reports."""
        return {
            "kind": self.kind,
            "operation": self.operation,
            "region": self.region,
            "tsg_id": self.tsg_id,
            "status": self.status,
            "request_id": self.request_id,
            "message": self.message,
        }


class InvalidInputError(MonitorError):
    """An option or input value is invalid; raised before any API call."""

    kind = "invalid_input"


class AuthenticationError(MonitorError):
    """The auth service rejected the credentials or could not issue a token."""

    kind = "auth"


class PermissionDeniedError(MonitorError):
    """The API returned 403: the service account may not read this operation or tenant."""

    kind = "permission"


class NotFoundError(MonitorError):
    """The API returned 404."""

    kind = "not_found"


class RateLimitedError(MonitorError):
    """The API kept returning 429 after every retry that the time budget allowed."""

    kind = "rate_limited"


class ServerError(MonitorError):
    """The API answered 5xx (or another unexpected status) after every retry."""

    kind = "server"


class TransportError(MonitorError):
    """The request failed below HTTP: connection refused or reset, timeout, TLS failure."""

    kind = "transport"


class BadResponseError(MonitorError):
    """The API answered with a body that is not JSON or has an unexpected shape."""

    kind = "bad_response"
