# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # Query-builder options of the *_info modules; the argument spec is query_argument_spec()
    # in plugins/module_utils/_info_module.py.
    DOCUMENTATION = r"""
options:
  time_range:
    description:
      - The time window of the query.
      - "Either a relative window, C({last: 7, unit: days}) with C(unit) one of
        C(minutes), C(hours) or C(days), or an absolute one, C({from: 2026-11-01T00:00:00Z,
        to: 2026-11-08T00:00:00Z}) in ISO 8601."
      - The window filters on the operation's time property in that property's unit
        (epoch milliseconds for most operations). GET operations receive it as their
        C(time_period) or C(start_time) and C(end_time) query parameters.
      - When left out, the operation's default body applies, which covers the last 7 days
        where the operation has a time filter.
    type: dict
  severity:
    description:
      - Severities to keep, such as V(critical) and V(high), in any case.
      - Sent as an C(in) rule on the operation's severity property, with the capitalisation
        that operation expects.
    type: list
    elements: str
  rules:
    description:
      - "Named rules such as V(unblocked), for operations whose filters take C({rule: name})
        items."
      - Unknown names are rejected with the list of valid ones unless O(strict=false).
    type: list
    elements: str
  properties:
    description:
      - Properties (columns) to return, by name, or as dicts with C(property) and optional
        C(alias), C(function) and C(sort).
      - Unknown names are rejected with the list of valid ones unless O(strict=false).
    type: list
    elements: raw
  sort:
    description:
      - "Sort order of the rows, C({property: total_threats, order: desc})."
    type: dict
  function:
    description:
      - Aggregate function applied to the last property in O(properties), such as V(sum),
        V(count), V(avg) or V(distinct_count).
    type: str
  alias:
    description:
      - Response key of the last property in O(properties).
    type: str
  filter:
    description:
      - A raw C(filter) object sent as it is, in place of the one the other options build.
    type: dict
  raw_properties:
    description:
      - A raw C(properties) list sent as it is, in place of the one the other options build.
    type: list
    elements: dict
  body:
    description:
      - A whole raw request body for POST operations, sent as it is.
      - Overrides O(filter), O(raw_properties) and the other body options.
    type: dict
  query:
    description:
      - "Extra query parameters, for example C({product_type: RN}) for license utilization."
      - Only the parameters the operation takes are accepted.
    type: dict
  count:
    description:
      - Maximum number of rows (the API's top-level C(count)), a positive integer.
    type: int
  agg_by_tenant:
    description:
      - Send C(agg_by=tenant) so the answer covers every tenant below the TSG, one row per
        tenant, on operations that support it.
      - With V(false), only the TSG of the token is covered.
    type: bool
    default: true
  strict:
    description:
      - Reject property, rule and operator names the operation is not known to accept.
      - Set to V(false) to send names the catalog does not list yet.
    type: bool
    default: true
"""
