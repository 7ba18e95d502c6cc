"""The package installs as the README says, into a virtual environment over the system's packages,
without reaching any package index, and gives the `siamese-train` command."""
import subprocess
import sys
import venv
from pathlib import Path

TRAINING = Path(__file__).resolve().parents[1]


def test_pip_installs_the_package_and_its_command_without_an_index(tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, system_site_packages=True, with_pip=True)
    pip = [str(environment / "bin" / "python"), "-m", "pip"]
    subprocess.run(pip + ["install", "--no-index", "--no-build-isolation", "-e", str(TRAINING)], check=True,
                   capture_output=True, text=True)
    command = subprocess.run([str(environment / "bin" / "siamese-train"), "--help"], check=True,
                             capture_output=True, text=True)
    assert "usage: siamese-train" in command.stdout
    for name in ("train", "export", "evaluate", "card"):
        assert name in command.stdout
    shown = subprocess.run(pip + ["show", "siamese-training"], check=True, capture_output=True, text=True).stdout
    assert "Version: 0.2.0" in shown
    assert sys.version_info >= (3, 9)
