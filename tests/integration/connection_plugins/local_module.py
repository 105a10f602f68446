# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
name: local_module
short_description: The local connection under another transport name, for tests
description:
  - Test helper of the integration suite. It runs commands on the controller exactly like
    ansible.builtin.local, but its transport is not C(local), so the monitor_facts action
    plugin runs its module as it does on a remote host.
options:
  become_success_timeout:
    type: int
    default: 10
    description: Seconds to wait for become to succeed, as in ansible.builtin.local.
    vars:
      - name: ansible_local_become_success_timeout
  become_strip_preamble:
    type: bool
    default: true
    description: Strip internal become output, as in ansible.builtin.local.
    vars:
      - name: ansible_local_become_strip_preamble
extends_documentation_fragment:
  - connection_pipelining
"""

from ansible.plugins.connection.local import Connection as LocalConnection


class Connection(LocalConnection):
    """ansible.builtin.local with the transport name ``local_module``."""

    transport = "local_module"
