"""netlib installed like real software: from its wheel, into a fresh environment, away from the repository."""

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import tracked_notebooks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """netlib's wheel, installed into a fresh virtual environment whose only other packages are the
    dependencies already installed here (a .pth file: nothing downloaded, no repository on the path)."""
    tmp = tmp_path_factory.mktemp("install")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist")],
                           capture_output=True, text=True, cwd=tmp)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp / "dist").glob("netlib-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    inst = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True)
    assert inst.returncode == 0, inst.stderr[-2000:]
    away = tmp / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MPLBACKEND", "NETLIB_SAMPLE")}
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter")  # no kernelspec of this machine's user
    # the dependencies' data files (nbconvert's templates), where pip would have put them in the new environment;
    # a python3 kernelspec there names this environment's Python: the report must still use the new one
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return {"wheel": wheel, "python": python, "bin": python.parent, "cwd": away, "env": env}


def _run(installed, *args, timeout=600):
    return subprocess.run(list(args), capture_output=True, text=True, cwd=installed["cwd"], env=installed["env"], timeout=timeout)


def test_the_wheel_carries_the_notebooks_and_the_sample(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for f in tracked_notebooks(ROOT / "notebooks"):  # not a checkpoint or a notebook nobody committed
        assert "netlib/_shipped/notebooks/" + f.relative_to(ROOT / "notebooks").as_posix() in names
    for f in ("contacts.csv", "meetings.csv", "truth.json"):
        assert f"netlib/_shipped/sample/{f}" in names
    shipped = zipfile.ZipFile(installed["wheel"]).read("netlib/_shipped/notebooks/01_load_and_check.ipynb")
    assert shipped == (ROOT / "notebooks" / "01_load_and_check.ipynb").read_bytes()  # the same bytes, not a stale copy


def test_the_report_needs_no_extra():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = {d.split(">")[0].split("=")[0].strip() for d in meta["dependencies"]}
    assert {"papermill", "nbconvert", "ipykernel"} <= base and "jupyterlab" in " ".join(meta["optional-dependencies"]["lab"])


def test_installed_netlib_loads_its_sample_from_any_folder(installed):
    r = _run(installed, str(installed["python"]), "-c",
             "import netlib; net = netlib.load_sample(); print(netlib.__file__); print(len(net.contacts))")
    assert r.returncode == 0, r.stderr[-2000:]
    where, contacts = r.stdout.split()
    assert str(installed["python"].parent.parent) in where and int(contacts) > 100


def test_installed_command_and_module_give_the_version(installed):
    a = _run(installed, str(installed["bin"] / "netlib"), "--version")
    b = _run(installed, str(installed["python"]), "-m", "netlib", "--version")
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout and a.stdout.startswith("netlib ")


def test_installed_netlib_writes_the_report_of_its_sample(installed):
    r = _run(installed, str(installed["python"]), "-m", "netlib", "report", "--out", "r")
    assert r.returncode == 0, r.stderr[-3000:]
    out = installed["cwd"] / "r"
    assert (out / "index.html").exists() and len(list(out.glob("0*.html"))) == 6
    assert str(ROOT) not in (out / "01_load_and_check.html").read_text()  # the shipped sample, not the repository's
    assert sorted(p.name for p in installed["cwd"].iterdir()) == ["r"]  # nothing written beside --out


def test_the_reports_kernel_is_the_installed_python(installed):
    # a python3 kernelspec on the path (here: the test environment's) must not run the report in another Python
    code = ("import sys; from netlib.report import _kernel_manager_class as k; "
            "print(k()(kernel_name='python3').kernel_spec.argv[0] == sys.executable)")
    r = _run(installed, str(installed["python"]), "-c", code)
    assert r.stdout.strip() == "True", r.stderr[-2000:]
    # and it matters: jupyter_client alone would take the python3 kernelspec it finds first, another Python's
    plain = ("import sys; from jupyter_client.kernelspec import KernelSpecManager as M; "
             "print(M().get_kernel_spec('python3').argv[0] == sys.executable)")
    assert _run(installed, str(installed["python"]), "-c", plain).stdout.strip() == "False"
