# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The token cache file shared by two real module runs that use different client secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

WRONG_SECRET = "PLACEHOLDER-SECRET-K06"

THREAT_INFO = """
- name: Threat info
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read threats
      prisma_sase.mt_monitor.threat_info:
"""


def test_wrong_secret_not_served_from_cache(tmp_path, simulator, playbook_runner) -> None:
    cache = {"XDG_CACHE_HOME": str(tmp_path / "shared-cache")}
    wrong = simulator.connection_environment(client_secret=WRONG_SECRET)

    first = playbook_runner(THREAT_INFO, extra_env=cache)
    second = playbook_runner(THREAT_INFO, connection=wrong, extra_env=cache)

    assert first.rc == 0, first.output()
    cache_files = list((tmp_path / "shared-cache" / "prisma_sase_mt_monitor").glob("*.json"))
    assert cache_files, "the first run wrote no token cache file"
    assert second.rc != 0, second.output()
    error = second.task("Read threats")["error"]
    assert error["kind"] == "auth", error
    assert error["status"] == 401, error
    for path in cache_files:
        assert WRONG_SECRET not in path.read_text()
