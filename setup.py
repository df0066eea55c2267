"""Ships the report notebooks and the embedded sample inside the package.

``notebooks/`` and ``data/sample/`` stay at the top of the repository, where users open and edit
them; a wheel carries copies as package data under ``netlib/_shipped/`` (found there by
``netlib.report.NOTEBOOKS_DIR`` and ``netlib.datasets.sample_path`` when netlib is installed from
a wheel).  Everything else is in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: (what the repository holds, where the wheel carries it, which files)
SHIPPED = [("notebooks", "netlib/_shipped/notebooks", ("*.ipynb", "workshop/*.ipynb", "team/*.ipynb")),
           ("data/sample", "netlib/_shipped/sample", ("*.csv", "*.json", "README.md"))]


class BuildWithShipped(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the repository itself
            return
        root = Path(__file__).resolve().parent
        for src, dst, patterns in SHIPPED:
            for pattern in patterns:
                for f in sorted((root / src).glob(pattern)):
                    target = Path(self.build_lib) / dst / f.relative_to(root / src)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(f, target)


setup(cmdclass={"build_py": BuildWithShipped})
