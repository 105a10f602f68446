# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """Attribute fragments: DOCUMENTATION for any module, the others for module kinds."""

    # Descriptions only; each module or a fragment below states its level of support.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
"""

    # For modules that only read from the API: check mode changes nothing, so they run in full.
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: The module only reads data, so it runs and returns real data in check mode.
  diff_mode:
    support: none
"""

    ACTION_GROUP = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/prisma_sase.mt_monitor.all) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - prisma_sase.mt_monitor.all
"""

    PLATFORM = r"""
options: {}
attributes:
  platform:
    description: Target OS/families that can be operated against.
    support: N/A
    platforms: all
    details: The module calls the Prisma SASE API over HTTPS from the host it runs on, usually the controller.
"""
