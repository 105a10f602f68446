# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Direct HTTP access to a simulator, to compute what the modules should return.

The expectations are built from raw responses, without the collection's client, gathering or
row code, so a bug there cannot hide in both the result and the expectation.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from collections import Counter
from typing import Any, Dict, Iterator, List, Optional, Set

import requests

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import Operation
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    CDL_REGION_TO_HEADER,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ROOT_TSG_ID,
    Simulator,
)

TIMEOUT = 30


class DirectApi:
    """Token, API and /_sim/ control calls to one simulator on 127.0.0.1."""

    def __init__(self, simulator: Simulator) -> None:
        self.url = simulator.url
        self.session = requests.Session()
        self.session.trust_env = False
        self._token: Optional[str] = None

    def token(self) -> str:
        if self._token is None:
            response = self.session.post(
                self.url + "/oauth2/access_token",
                auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
                data={"grant_type": "client_credentials", "scope": "tsg_id:" + DEMO_ROOT_TSG_ID},
                timeout=TIMEOUT,
            )
            response.raise_for_status()
            self._token = response.json()["access_token"]
        return self._token

    def call(
        self,
        method: str,
        path: str,
        region: str,
        query: Optional[Dict[str, Any]] = None,
        body: Any = None,
    ) -> Any:
        response = self.session.request(
            method,
            self.url + path,
            params=query,
            json=body if method == "POST" else None,
            headers={"Authorization": "Bearer " + self.token(), "X-PANW-Region": region},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        return response.json()

    def hierarchy(self) -> Any:
        return self.call("GET", "/mt/monitor/v1/agg/custom/tenant/hierarchy", "americas")

    def stats(self) -> Dict[str, Any]:
        return self.session.get(self.url + "/_sim/stats", timeout=TIMEOUT).json()

    def reset(self) -> None:
        self.session.post(self.url + "/_sim/reset", timeout=TIMEOUT).raise_for_status()

    def add_fault(self, **fault: Any) -> None:
        response = self.session.post(self.url + "/_sim/faults", json=fault, timeout=TIMEOUT)
        response.raise_for_status()


def walk_nodes(node: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    """Yield every node of a raw hierarchy response, parents first."""
    yield node
    for child in node.get("children") or []:
        yield from walk_nodes(child)


def regions_where_tenants_live(hierarchy: Dict[str, Any]) -> List[str]:
    """Return the header values of every CDL region code in the raw hierarchy, sorted."""
    codes = {code for node in walk_nodes(hierarchy) for code in node.get("region") or []}
    return sorted({CDL_REGION_TO_HEADER[code] for code in codes})


def id_values(data: Any, fields: Set[str]) -> Set[str]:
    """Collect the string values of the given keys anywhere in a JSON document."""
    found: Set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in fields and isinstance(value, (str, int)) and not isinstance(value, bool):
                found.add(str(value))
            else:
                found |= id_values(value, fields)
    elif isinstance(data, list):
        for item in data:
            found |= id_values(item, fields)
    return found


def default_request(operation: Operation) -> Dict[str, Any]:
    """Return the catalog's default query and body, as the modules send them by default."""
    query: Dict[str, Any] = {}
    if operation.agg_by:
        query["agg_by"] = "tenant"
    query.update(operation.default_query)
    return {"query": query, "body": operation.new_default_body()}


def variant_queries(operation: Operation) -> List[Dict[str, Any]]:
    base = default_request(operation)["query"]
    if not operation.query_variants:
        return [base]
    return [dict(base, **variant) for variant in operation.query_variants]


def raw_responses(api: DirectApi, operation: Operation, regions: List[str]) -> List[Any]:
    """Send the default request of an operation to each region (and variant) directly."""
    call_regions = regions if operation.region_header else ["americas"]
    body = default_request(operation)["body"]
    responses = []
    for query in variant_queries(operation):
        for region in call_regions:
            responses.append(api.call(operation.method, operation.path, region, query, body))
    return responses


def merged_list_count(responses: List[Any]) -> int:
    """Count rows of list responses merged over regions: a repeat in another region counts once."""
    kept: Counter = Counter()
    for response in responses:
        in_response = Counter(json.dumps(row, sort_keys=True) for row in response)
        for key, count in in_response.items():
            kept[key] = max(kept[key], count)
    return sum(kept.values())
