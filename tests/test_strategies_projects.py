"""armvalidate beside the user's own code: scratch projects with their own ``strategies``
modules, the cost of the Hypothesis hook and the pytest plugin, broken environments, and the
installed wheel (no top-level ``strategies``)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(
    args: list[str], cwd: Path, *, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    full_env.pop("PYTHONPATH", None)
    if env and "PYTHONPATH" in env:
        full_env["PYTHONPATH"] = env["PYTHONPATH"]
    return subprocess.run(
        args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


# ----------------------------------------------------------------- import hypothesis: cheap


def test_import_hypothesis_imports_no_armvalidate_module_but_the_hook(tmp_path: Path) -> None:
    code = """
        import sys
        import hypothesis
        ours = sorted(m for m in sys.modules if m.startswith("armvalidate"))
        assert ours == ["armvalidate", "armvalidate._hypothesis_hook", "armvalidate._lazy"], ours
        for heavy in ("pydantic", "faker", "phonenumbers", "email_validator", "stdnum"):
            assert heavy not in sys.modules, heavy
        print("ok")
    """
    result = _run([sys.executable, "-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_pytest_plugin_imports_nothing_heavy(tmp_path: Path) -> None:
    code = """
        import sys
        import armvalidate.pytest_plugin
        for heavy in ("pydantic", "hypothesis", "faker", "armvalidate.validate"):
            assert heavy not in sys.modules, heavy
        print("ok")
    """
    result = _run([sys.executable, "-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("models_first", [False, True])
def test_from_type_works_whichever_is_imported_first(tmp_path: Path, models_first: bool) -> None:
    code = f"""
        from datetime import date
        if {models_first}:
            import armvalidate.models as models
        from hypothesis import given, settings, strategies as st
        import armvalidate.models as models
        from armvalidate import validate_customer

        @settings(max_examples=10, database=None, deadline=None)
        @given(st.from_type(models.Customer), st.from_type(models.CustomerUpdateRequest))
        def check(customer, request):
            assert isinstance(customer, models.Customer)
            body = customer.model_dump(exclude_none=True)
            assert validate_customer(body, profile="test", today=date(2025, 1, 1)).ok
            assert isinstance(request, models.CustomerUpdateRequest)

        check()
        print("ok")
    """
    result = _run([sys.executable, "-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# ------------------------------------------------------------------ broken environments


def test_broken_dependencies_never_break_import_hypothesis_or_pytest(tmp_path: Path) -> None:
    """pydantic, phonenumbers and stdnum that fail on import (a half-broken environment):
    ``import hypothesis`` and pytest start-up still work; only using our code fails."""
    broken = tmp_path / "broken"
    _write(
        broken,
        {
            "pydantic/__init__.py": "raise ImportError('pydantic is broken here')\n",
            # (not Faker: it has a pytest plugin of its own, which would fail by itself)
            "phonenumbers/__init__.py": "raise RuntimeError('phonenumbers is broken here')\n",
            "stdnum/__init__.py": "raise RuntimeError('stdnum is broken here')\n",
        },
    )
    project = tmp_path / "project"
    _write(
        project,
        {
            "test_plain.py": """
                from hypothesis import given, strategies as st

                @given(st.integers())
                def test_ints(n):
                    assert isinstance(n, int)
            """,
        },
    )
    env = {"PYTHONPATH": str(broken)}
    result = _run([sys.executable, "-c", "import hypothesis; print('ok')"], project, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    result = _run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_plain.py"],
        project,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_a_failing_registration_warns_and_never_breaks_the_import(tmp_path: Path) -> None:
    code = """
        import warnings
        import armvalidate._hypothesis_hook as hook

        def boom(models):
            raise RuntimeError("registration failed")

        hook._register = boom
        import hypothesis
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import armvalidate.models
        assert armvalidate.models.Customer
        assert any("could not register" in str(w.message) for w in caught), caught
        print("ok")
    """
    result = _run([sys.executable, "-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --------------------------------------------------------------------- scratch projects


def test_user_strategies_module_beside_a_script(tmp_path: Path) -> None:
    """(a) main.py imports hypothesis, then its own strategies.py: it gets its own module, run
    once, and nothing of ours shadows it."""
    _write(
        tmp_path,
        {
            "strategies.py": """
                from hypothesis import strategies as st
                print("user strategies loaded")

                def small_ints():
                    return st.integers(0, 9)
            """,
            "main.py": """
                import hypothesis
                import strategies
                from hypothesis import given, settings

                assert strategies.__file__.endswith("strategies.py"), strategies.__file__

                @settings(max_examples=5, database=None)
                @given(strategies.small_ints())
                def check(n):
                    assert 0 <= n <= 9

                check()
                print("main ok")
            """,
        },
    )
    result = _run([sys.executable, "main.py"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["user strategies loaded", "main ok"]


_TESTS_STRATEGIES = """
    from hypothesis import strategies as st

    def small_ints():
        return st.integers(0, 9)
"""

_TESTS = """
    from datetime import date

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import armvalidate.models
    from armvalidate import validate_customer
    from strategies import small_ints


    @settings(max_examples=5, database=None)
    @given(small_ints())
    def test_own_strategies(n):
        assert 0 <= n <= 9


    def test_our_fixture(arm_payload_factory):
        payload = arm_payload_factory(currency="EUR")
        assert validate_customer(payload, profile="test", today=date(2025, 1, 1)).ok


    @settings(
        max_examples=5,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.from_type(armvalidate.models.Customer), small_ints())
    def test_from_type_and_own_strategies(customer, n):
        assert isinstance(customer, armvalidate.models.Customer)
        assert customer.customerNo
"""


@pytest.mark.parametrize("ini", ["", "[pytest]\npythonpath = tests\n"])
def test_project_with_tests_strategies_module(tmp_path: Path, ini: str) -> None:
    """(b) tests/strategies.py (with its own small_ints) used beside our fixtures and
    st.from_type, with and without ``pythonpath = tests``."""
    files = {"tests/strategies.py": _TESTS_STRATEGIES, "tests/test_project.py": _TESTS}
    if ini:
        files["pytest.ini"] = ini
    _write(tmp_path, files)
    result = _run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


# ------------------------------------------------------------------------ the real wheel


@pytest.mark.slow
def test_installed_wheel_has_no_top_level_strategies(tmp_path: Path) -> None:
    """Build the wheel, install it (no dependencies) into a fresh venv that sees the current
    environment's packages through a .pth line, and import from there."""
    wheels = tmp_path / "wheels"
    build = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        tmp_path,
        env={"ARMVALIDATE_COMPILE": "0"},  # the pure build: the layout is what is tested here
        timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build the wheel here (offline?): {build.stderr[-300:]}")
    (wheel,) = wheels.glob("armvalidate-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    install = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-compile",
            "--target",
            str(site),
            str(wheel),
        ],
        tmp_path,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    assert not (site / "strategies").exists()
    # The dependencies (pydantic, hypothesis, ...) from this environment; its .pth files
    # (the editable install of the worktree) are not processed from a .pth line.
    import hypothesis

    deps = Path(hypothesis.__file__).resolve().parents[1]
    (site / "zz_deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    code = """
        import importlib.util, sys
        assert importlib.util.find_spec("strategies") is None
        try:
            import strategies
        except ModuleNotFoundError:
            pass
        else:
            raise AssertionError("a top-level strategies module is installed")
        import armvalidate.strategies
        from armvalidate.strategies import customer_payloads, generate
        assert armvalidate.strategies.__file__.startswith(sys.prefix), armvalidate.__file__
        assert next(iter(generate(1, seed=1))).valid
        import hypothesis
        print("ok")
    """
    result = _run([str(python), "-I", "-c", textwrap.dedent(code)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "ok"


def test_benchmark_section_for_import_hypothesis_runs() -> None:
    """The benchmark's `import hypothesis` section works (no timing asserted here)."""
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import bench
    finally:
        sys.path.remove(str(ROOT))
    result = bench.bench_hypothesis_import(runs=1, log=lambda _: None)
    assert result["armvalidate_modules"] == [
        "armvalidate",
        "armvalidate._hypothesis_hook",
        "armvalidate._lazy",
    ]
    assert "import hypothesis:" in result["line"] and result["goal_ms"] == 20.0
