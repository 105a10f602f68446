# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Install awx.awx into .build/collections-extra for the checks of playbooks/awx_setup.yml.

awx.awx has no package of its own on PyPI, but the `ansible` community package bundles it, so
the wheel is downloaded without dependencies and only `ansible_collections/awx/awx` is kept.
`make awx-collection` runs this module too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
EXTRA_COLLECTIONS = REPO_ROOT / ".build" / "collections-extra"
DOWNLOADS = REPO_ROOT / ".build" / "downloads"
# ansible 12.3.0 bundles awx.awx 24.6.1; the wheel is about 54 MB.
ANSIBLE_PACKAGE = "ansible==12.3.0"
AWX_PREFIX = "ansible_collections/awx/awx/"


def install_awx_collection() -> Path:
    """Return the collections path that contains awx.awx, downloading it on the first call."""
    target = EXTRA_COLLECTIONS / "ansible_collections" / "awx" / "awx"
    if (target / "MANIFEST.json").is_file():
        return EXTRA_COLLECTIONS

    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    wheel_name = "ansible-%s-py3-none-any.whl" % ANSIBLE_PACKAGE.split("==")[1]
    wheel = DOWNLOADS / wheel_name
    if not wheel.is_file():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "--disable-pip-version-check", ANSIBLE_PACKAGE, "-d", str(DOWNLOADS)],
                       check=True)

    staging = EXTRA_COLLECTIONS.with_name("collections-extra.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(AWX_PREFIX) and not name.endswith("/"):
                archive.extract(name, staging)
    shutil.rmtree(EXTRA_COLLECTIONS, ignore_errors=True)
    staging.rename(EXTRA_COLLECTIONS)
    return EXTRA_COLLECTIONS


if __name__ == "__main__":
    print(install_awx_collection())
