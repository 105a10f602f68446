"""The OAuth2 client-credentials token service and the bearer-token check."""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from simulator._hierarchy import Hierarchy

TOKEN_PATHS = ("/oauth2/access_token", "/auth/v1/oauth2/access_token",
               "/am/oauth2/access_token")
TSG_ID_PATTERN = re.compile(r"^1[0-9]{9}$")


class TokenRequestError(Exception):
    """A failed token request. ``body`` is the OAuth2 error object the service returns."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.body = {"error": error, "error_description": description}


@dataclass
class IssuedToken:
    token: str
    tsg_id: str
    expires_at: float
    requests: int = 0


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class TokenService:
    """Token issuer for the configured client, which also checks tokens on API calls.

    Tokens look like JWTs (header, claims with the TSG id, random signature), so clients that
    decode them see the scope, but only this process can verify them.
    """

    def __init__(self, hierarchy: Hierarchy, client_id: str, client_secret: str,
                 lifetime_s: int = 900, clock: Callable[[], float] = time.time) -> None:
        self.hierarchy = hierarchy
        self.client_id = client_id
        self.client_secret = client_secret
        self.lifetime_s = lifetime_s
        self.max_requests_per_token: int | None = None
        self.clock = clock
        self._tokens: dict[str, IssuedToken] = {}
        # Every token issued since start, expired ones included, so tests can search
        # output and files for them.
        self.issued: list[str] = []

    def _credentials(self, authorization: str | None, form: dict[str, list[str]]
                     ) -> tuple[str, str]:
        if authorization and authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                decoded = ""
            client_id, _separator, client_secret = decoded.partition(":")
            return client_id, client_secret
        # Some SASE clients send the credentials as form fields instead of HTTP basic auth.
        return (form.get("client_id", [""])[0], form.get("client_secret", [""])[0])

    def issue(self, authorization: str | None, body: bytes) -> dict[str, object]:
        """Check a token request and return the AccessToken response body."""
        form = parse_qs(body.decode("utf-8", "replace"))
        grant_type = form.get("grant_type", [""])[0]
        if grant_type != "client_credentials":
            raise TokenRequestError(400, "unsupported_grant_type",
                                    "grant_type must be client_credentials")

        client_id, client_secret = self._credentials(authorization, form)
        if not (secrets.compare_digest(client_id, self.client_id)
                and secrets.compare_digest(client_secret, self.client_secret)):
            raise TokenRequestError(401, "invalid_client", "Client authentication failed")

        scope = form.get("scope", ["tsg_id:%s" % self.hierarchy.root.tsg_id])[0]
        tsg_id = scope[len("tsg_id:"):] if scope.startswith("tsg_id:") else ""
        if not TSG_ID_PATTERN.match(tsg_id):
            raise TokenRequestError(400, "invalid_scope",
                                    "scope must be tsg_id:<10-digit TSG id>, got %r" % scope)
        # A service account may mint tokens for its own TSG and its descendants only.
        if not self.hierarchy.contains(self.hierarchy.root.tsg_id, tsg_id):
            raise TokenRequestError(403, "access_denied",
                                    "TSG %s is not in the service account's tenant tree"
                                    % tsg_id)

        now = self.clock()
        claims = {"sub": client_id, "scope": scope, "tsg_id": tsg_id, "iat": int(now),
                  "exp": int(now + self.lifetime_s), "jti": secrets.token_hex(8)}
        token = ".".join((_base64url(b'{"alg":"RS256","typ":"JWT"}'),
                          _base64url(json.dumps(claims).encode()),
                          _base64url(secrets.token_bytes(32))))
        self._tokens[token] = IssuedToken(token, tsg_id, now + self.lifetime_s)
        self.issued.append(token)
        return {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime_s,
                "scope": scope}

    def authorize(self, authorization: str | None) -> IssuedToken | None:
        """Return the token of an API call, or None when it is missing, unknown or expired.

        Each accepted call counts against ``max_requests_per_token`` when that is set.
        """
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        issued = self._tokens.get(authorization[7:].strip())
        if issued is None:
            return None
        if self.clock() >= issued.expires_at:
            del self._tokens[issued.token]
            return None
        if self.max_requests_per_token is not None and \
                issued.requests >= self.max_requests_per_token:
            return None
        issued.requests += 1
        return issued

    def expire_all(self) -> int:
        """Expire every issued token now and return how many there were."""
        count = len(self._tokens)
        self._tokens.clear()
        return count
