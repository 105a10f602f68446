# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Helpers that run an action plugin in-process with a minimal task."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from pathlib import Path
from typing import Any, Callable, Dict
from unittest.mock import MagicMock

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.dataset_factory import (
    make_dataset,
)

ActionRunner = Callable[..., Dict[str, Any]]


def run_action(action_class: type, args: Dict[str, Any], check_mode: bool = False) -> Dict[str, Any]:
    """Run `action_class` with `args` the way the task executor would, and return its result."""
    task = MagicMock()
    task.args = args
    task.check_mode = check_mode
    task.diff = False
    task.async_val = 0
    play_context = MagicMock()
    play_context.check_mode = check_mode
    action = action_class(task, MagicMock(), play_context, loader=MagicMock(), templar=MagicMock(),
                          shared_loader_obj=None)
    return action.run(task_vars={})


@pytest.fixture()
def dataset_file(tmp_path: Path) -> Path:
    """Write a 12-tenant synthetic dataset and return its path."""
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(make_dataset(12, 5)), encoding="utf-8")
    return path
