# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""monitor_facts run in the controller's own process, with the result the module returns.

This is a private module: its interface may change between releases. The monitor_facts action
plugin calls ``run_on_controller`` for tasks on a local connection. Starting the module would
cost a Python start, and ansible-core's no_log scan, JSON encoding and decoding of a dataset
of megabytes. This path validates the same argument spec with ansible-core's
``ArgumentSpecValidator``, reads the PRISMA_SASE_* fallbacks from the task's environment,
gathers with the same code, and masks the values of no_log options in the result as
``AnsibleModule.exit_json`` does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
from contextlib import contextmanager
from typing import Any, Callable, Collection, Dict, Iterator, Mapping, Optional

from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
    MonitorError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._facts_module import (
    FACTS_KEY,
    facts_argument_spec,
    gather_and_write,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ConnectionSettings,
    build_settings,
)

MODULE_NAME = "prisma_sase.mt_monitor.monitor_facts"

# Float texts where str(), which remove_values matches against in ansible-core 2.19, differs
# from JSON ("Infinity", "NaN"). A no_log value inside one of them needs the full scan.
_NUMBER_TEXTS_UNLIKE_JSON = ("-inf", "nan")

DebugCallback = Callable[[str], None]


class _SettingsError(Exception):
    """Invalid connection options. The module fails with the message alone, without ``error``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def task_environment(environment: Mapping[str, Any]) -> Iterator[None]:
    """Set the task's environment variables in os.environ for the block, then restore them.

    A module on a local connection runs with the worker's environment plus the task's
    ``environment:``. The worker process runs one task, so setting the variables here lets
    the env fallbacks, the token cache folder and requests' proxy and CA variables read the
    same values as the module would.
    """
    saved = {name: os.environ.get(name) for name in environment}
    try:
        for name, value in environment.items():
            os.environ[name] = str(value)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def may_contain(value: Any, strings: Collection[str]) -> bool:
    """Check whether remove_values could change ``value``, returning False only when it cannot.

    JSON escapes each character on its own, so a string that contains a no_log value has that
    value's JSON text inside its own. A no_log value missing from the JSON text of the whole
    document is therefore in none of its strings and numbers. This costs one ``json.dumps``
    in place of ansible-core's walk over every value.
    """
    if not strings:
        return False
    for secret in strings:
        if any(secret in text for text in _NUMBER_TEXTS_UNLIKE_JSON):
            return True
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return True
    for secret in strings:
        if json.dumps(secret, ensure_ascii=False)[1:-1] in text:
            return True
    return False


def mask_result(result: Dict[str, Any], no_log_values: Collection[str]) -> Dict[str, Any]:
    """Replace no_log values in the result as AnsibleModule.exit_json and fail_json do.

    The facts get the full remove_values walk only when ``may_contain`` finds a no_log value
    in them. The rest of the result is small and always gets the walk.
    """
    if not no_log_values:
        return result
    facts = result.pop("ansible_facts", None)
    masked = remove_values(result, no_log_values)
    if facts is not None:
        if may_contain(facts, no_log_values):
            facts = remove_values(facts, no_log_values)
        masked["ansible_facts"] = facts
    return masked


def _validation_failure(errors: Any) -> Optional[str]:
    if not errors.errors:
        return None
    if isinstance(errors.errors[0], UnsupportedError):
        return "Unsupported parameters for (%s) module: %s" % (MODULE_NAME, errors.msg)
    return errors.msg


def run_on_controller(
    module_args: Mapping[str, Any],
    check_mode: bool,
    environment: Mapping[str, Any],
    debug: Optional[DebugCallback] = None,
) -> Dict[str, Any]:
    """Run monitor_facts in this process and return the result the module would return.

    ``environment`` contains the task's ``environment:`` variables, set for the run. The
    result has ``changed``, ``ansible_facts.mt_monitor`` and ``invocation``, or ``failed``
    and ``msg`` (with ``error`` for failures of the gathering), and ``warnings`` when there
    are any. Values of no_log options are masked everywhere.
    """
    with task_environment(environment):
        return _run(dict(module_args), check_mode, debug)


def _run(module_args: Dict[str, Any], check_mode: bool, debug: Optional[DebugCallback]) -> Dict[str, Any]:
    validation = ArgumentSpecValidator(facts_argument_spec()).validate(module_args)
    params = validation.validated_parameters
    no_log_values = validation._no_log_values
    result: Dict[str, Any] = {"invocation": {"module_args": params}}
    warnings = []

    def finish(values: Dict[str, Any]) -> Dict[str, Any]:
        result.update(values)
        if warnings:
            result["warnings"] = warnings
        return mask_result(result, no_log_values)

    failure = _validation_failure(validation.errors)
    if failure:
        return finish({"failed": True, "msg": failure})
    if requests_import_error():
        return finish({"failed": True, "msg": missing_required_lib("requests")})

    def masked_debug(message: str) -> None:
        if debug is not None:
            debug(remove_values(message, no_log_values))

    def settings() -> ConnectionSettings:
        try:
            return build_settings(params, warn=warnings.append)
        except InvalidInputError as error:
            raise _SettingsError(error.message) from None

    try:
        changed, dataset = gather_and_write(params, settings, check_mode, warnings.append, masked_debug)
    except _SettingsError as error:
        return finish({"failed": True, "msg": error.message})
    except MonitorError as error:
        return finish({"failed": True, "msg": error.message, "error": error.to_dict()})
    return finish({"changed": changed, "ansible_facts": {FACTS_KEY: dataset}})
