# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmarks of the collection against the local simulator: ``make bench``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type
