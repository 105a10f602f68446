# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Values of the X-PANW-Region header and the mapping from CDL region codes.

This is a private module: its interface may change between releases. It imports only the
standard library so that the simulator can load it by file path.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from typing import Callable, Iterable, List, Mapping, Optional

try:
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
        InvalidInputError,
    )
except ImportError:  # loaded by file path (the simulator), outside an installed collection

    class InvalidInputError(ValueError):  # type: ignore[no-redef]
        """An option or input value is invalid."""


# The region values that the Aggregate Monitoring API documents for X-PANW-Region.
KNOWN_REGIONS = ("americas", "au", "ca", "de", "europe", "in", "jp", "sg", "uk")

# The option value that means "every region where tenants live", resolved from the hierarchy.
AUTO_REGION = "auto"

# The tenant hierarchy lists Cortex Data Lake region codes, not header values. The vendor does
# not document this mapping: it is inferred from which header returns each tenant's rows.
CDL_REGION_TO_HEADER = {
    "us01": "americas",
    "eu01": "europe",
    "uk01": "uk",
    "de01": "de",
    "jp01": "jp",
    "ca01": "ca",
    "sg01": "sg",
    "au01": "au",
    "in01": "in",
}

# Lowercase letters only, 2 to 16 of them: the form of every documented value. Values of this
# form that are not documented (for example "ch") are sent with a warning.
_WELL_FORMED_REGION = re.compile(r"^[a-z]{2,16}$")
_WELL_FORMED_CDL_CODE = re.compile(r"^[a-z]{2,16}[0-9]{0,4}$")

WarnCallback = Callable[[str], None]


def _known_list() -> str:
    return ", ".join(KNOWN_REGIONS)


def normalize_region(
    value: object,
    warn: Optional[WarnCallback] = None,
    *,
    allow_auto: bool = True,
) -> str:
    """Normalise one X-PANW-Region value: strip it, lowercase it and check its form.

    Returns a documented value, ``auto`` (when allowed) or an undocumented well-formed value,
    after passing a warning for the latter to ``warn``. Raises InvalidInputError otherwise.
    """
    if not isinstance(value, str):
        raise InvalidInputError(
            "region must be a string, got %s; pass one of %s or 'auto'"
            % (type(value).__name__, _known_list())
        )

    region = value.strip().lower()
    if region in KNOWN_REGIONS:
        return region

    if region == AUTO_REGION:
        if allow_auto:
            return region
        raise InvalidInputError(
            "region 'auto' cannot be sent as an X-PANW-Region value; pass one of %s" % _known_list()
        )

    if _WELL_FORMED_REGION.match(region):
        if warn is not None:
            warn(
                "region '%s' is not a documented X-PANW-Region value (known: %s); "
                "sending it as given" % (region, _known_list())
            )
        return region

    raise InvalidInputError(
        "region %r is not a known X-PANW-Region value (known: %s); pass one of them or 'auto'"
        % (value, _known_list())
    )


def normalize_regions(
    values: Iterable[object],
    warn: Optional[WarnCallback] = None,
) -> List[str]:
    """Normalise a list of region values, dropping duplicates and keeping the first order.

    ``auto`` may only stand alone, because it already means every region.
    """
    regions: List[str] = []
    for value in values:
        region = normalize_region(value, warn)
        if region not in regions:
            regions.append(region)

    if AUTO_REGION in regions and len(regions) > 1:
        raise InvalidInputError(
            "region 'auto' cannot be combined with other regions (got %s); "
            "pass 'auto' alone or a list of regions" % ", ".join(regions)
        )
    return regions


def _merged_table(extra: Optional[Mapping[str, str]]) -> dict:
    table = dict(CDL_REGION_TO_HEADER)
    if not extra:
        return table

    for code, header in extra.items():
        if not isinstance(code, str) or not _WELL_FORMED_CDL_CODE.match(code.strip().lower()):
            raise InvalidInputError(
                "CDL region code %r in the region mapping is invalid; "
                "use lowercase letters and digits such as 'ch01'" % (code,)
            )
        table[code.strip().lower()] = normalize_region(header, allow_auto=False)
    return table


def header_for_cdl_region(
    code: str,
    extra: Optional[Mapping[str, str]] = None,
    warn: Optional[WarnCallback] = None,
) -> Optional[str]:
    """Return the X-PANW-Region value for one CDL region code such as ``us01``.

    ``extra`` maps further codes (or overrides built-in ones) to header values. An unmapped
    code returns None after a warning, so the caller can skip that tenant's region.
    """
    table = _merged_table(extra)
    key = code.strip().lower() if isinstance(code, str) else ""
    header = table.get(key)
    if header is None and warn is not None:
        warn(
            "CDL region code %r has no X-PANW-Region mapping (known codes: %s); "
            "add it to the region mapping option to query that region"
            % (code, ", ".join(sorted(table)))
        )
    return header


def headers_for_cdl_regions(
    codes: Iterable[str],
    extra: Optional[Mapping[str, str]] = None,
    warn: Optional[WarnCallback] = None,
) -> List[str]:
    """Turn tenants' CDL region codes into distinct header values, in first-seen order."""
    headers: List[str] = []
    for code in codes:
        header = header_for_cdl_region(code, extra, warn)
        if header is not None and header not in headers:
            headers.append(header)
    return headers
