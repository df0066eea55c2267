"""Shared by the tests and the doctests: a non-interactive backend inside the test
process (never MPLBACKEND in the environment that starts kernels), and no figure left open."""

import matplotlib
import pytest

matplotlib.use("Agg", force=True)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
