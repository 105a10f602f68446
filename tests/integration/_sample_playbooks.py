# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Playbooks that reach the simulator through ansible.builtin.uri and PRISMA_SASE_* variables.

They check the harness without the collection's modules, so they show what the playbook runner
passes to ansible-playbook.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

_HEADER = """
- name: Reach the simulator through the connection variables
  hosts: localhost
  gather_facts: false
  tasks:
"""

_TOKEN_TASK = """
    - name: Get a token
      ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_AUTH_URL') }}"
        method: POST
        url_username: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_CLIENT_ID') }}"
        url_password: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_CLIENT_SECRET') }}"
        force_basic_auth: true
        body_format: form-urlencoded
        body:
          grant_type: client_credentials
          scope: "tsg_id:{{ lookup('ansible.builtin.env', 'PRISMA_SASE_TSG_ID') }}"
      register: token
"""

_HIERARCHY_TASK = """
    - name: Get the hierarchy
      ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'PRISMA_SASE_API_URL') }}/mt/monitor/v1/agg/custom/tenant/hierarchy"
        headers:
          Authorization: "Bearer {{ token.json.access_token }}"
"""

TOKEN_PLAYBOOK = _HEADER + _TOKEN_TASK
HIERARCHY_PLAYBOOK = _HEADER + _TOKEN_TASK + _HIERARCHY_TASK
