# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Debian's Chromium and the flags that the browser tests and the HTML benchmark launch it with."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"

# Chromium runs as root without a screen, so it needs no sandbox and no GPU. The other flags
# stop its background requests to hosts other than the report.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
