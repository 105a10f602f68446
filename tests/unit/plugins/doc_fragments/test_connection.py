# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict

import pytest
import yaml

from ansible_collections.prisma_sase.mt_monitor.plugins.doc_fragments.attributes import (
    ModuleDocFragment as Attributes,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.doc_fragments.connection import (
    ModuleDocFragment as Connection,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ENV_VARS,
    OPTION_NAMES,
    connection_argument_spec,
)

MODULE_OPTIONS: Dict[str, Any] = yaml.safe_load(Connection.DOCUMENTATION)["options"]
PLUGIN_OPTIONS: Dict[str, Any] = yaml.safe_load(Connection.PLUGINS)["options"]
SPEC = connection_argument_spec()


def test_both_parts_list_every_option() -> None:
    assert list(MODULE_OPTIONS) == list(OPTION_NAMES)
    assert list(PLUGIN_OPTIONS) == list(OPTION_NAMES)


@pytest.mark.parametrize("name", OPTION_NAMES)
def test_module_option_matches_spec(name: str) -> None:
    documented = MODULE_OPTIONS[name]
    assert documented["type"] == SPEC[name]["type"]
    assert documented.get("default") == SPEC[name].get("default")
    assert documented.get("elements") == SPEC[name].get("elements")
    assert documented.get("required", False) is False
    text = " ".join(documented["description"])
    assert "E(%s)" % ENV_VARS[name] in text


@pytest.mark.parametrize("name", OPTION_NAMES)
def test_plugin_option_matches_module_option(name: str) -> None:
    documented = PLUGIN_OPTIONS[name]
    assert documented.get("default") == MODULE_OPTIONS[name].get("default")
    assert documented["env"] == [{"name": ENV_VARS[name]}]
    if name == "region_map":
        assert documented["type"] == "raw"
    else:
        assert documented["type"] == MODULE_OPTIONS[name]["type"]


def test_defaults_match_design_table() -> None:
    assert MODULE_OPTIONS["timeout"]["default"] == 30
    assert MODULE_OPTIONS["max_retries"]["default"] == 5
    assert MODULE_OPTIONS["max_concurrency"]["default"] == 8
    assert MODULE_OPTIONS["validate_certs"]["default"] is True
    assert MODULE_OPTIONS["region"]["default"] == ["auto"]


def test_attribute_fragments_parse() -> None:
    common = yaml.safe_load(Attributes.DOCUMENTATION)["attributes"]
    assert set(common) == {"check_mode", "diff_mode"}
    info = yaml.safe_load(Attributes.INFO_MODULE)["attributes"]
    assert info["check_mode"]["support"] == "full"
    assert info["diff_mode"]["support"] == "none"
    group = yaml.safe_load(Attributes.ACTION_GROUP)["attributes"]["action_group"]
    assert group["membership"] == ["prisma_sase.mt_monitor.all"]
    platform = yaml.safe_load(Attributes.PLATFORM)["attributes"]["platform"]
    assert platform["platforms"] == "all"
