"""REVIEW-E303 and REVIEW-E304 through the CLI on real repositories (the loguru trial's D4:
21cc3a5 and dcf42d9). An import alias renamed in every read is no change; a read of a name
that means another thing on one side, an alias that a local, a `global`, a string or a second
binding shadows, still asks. `x = v; return x` is `return v` when `x` is a parameter read
before; a closure or a `finally` that reads `x` still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: ROT
scope:
  - pkg/**
---
# Rotation

## Context
- `forward_day()` and `parse_size()` step a rotation limit forward and read sizes.

## Requirements
- ROT-1: Retention runs after each rotation.
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(6))
USES = "\n\ndef forward_day(t):\n    return t + ALIAS.timedelta(days=1)\n"


def module(head: str, alias: str, extra: str = "") -> str:
    return f"{head}\n{FILLER}{USES.replace('ALIAS', alias)}{extra}"


def test_an_import_alias_renamed_in_every_read_asks_nothing(repo, cli):
    """REVIEW-E303 (loguru 21cc3a5): `import datetime as datetime_` to `import datetime` in a
    private module, every `datetime_.x` now `datetime.x`: no question."""
    old = module("import datetime as datetime_", "datetime_")
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/_rot.py": old})
    repo.commit("no alias", {"pkg/_rot.py": module("import datetime", "datetime")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/_rot.py"]


def test_a_from_import_alias_renamed_asks_nothing(repo, cli):
    """REVIEW-E303: `import datetime as dt` to `... as moment`, a parameter
    `datetime` elsewhere (a scope of its own) shadowing nothing the reads use."""
    shadow = "\n\ndef other(datetime=None):\n    return datetime\n"
    head = "import datetime as dt\nfrom os import path as p_"
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/_rot.py": module(head, "dt", shadow)})
    new = module("import datetime as moment\nfrom os import path as p_", "moment", shadow)
    repo.commit("rename alias", {"pkg/_rot.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []


# REVIEW-E303: the same-looking renames that do change what a read means
CHANGES = {
    "another module": ("import datetime as dt", "import time as dt"),
    "a second binding": ("import datetime as dt", "import datetime as dt\ndt = None"),
    "a star import after": ("import datetime as dt", "import datetime as dt\nfrom os import *"),
    "spelled in a string": ("import datetime as dt", 'import datetime as dt\n__all__ = ["dt"]'),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_an_alias_that_means_another_thing_still_asks(repo, cli, case):
    """REVIEW-E303: an alias bound to another module, rebound, open to a star import, or
    spelled in a string (`__all__`, `globals()["dt"]`): the reads are not proven the same."""
    old_head, new_head = CHANGES[case]
    old = module(old_head.replace("dt", "d0", 1), "d0")
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/_rot.py": old})
    repo.commit("alias", {"pkg/_rot.py": module(new_head, "dt")})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []


def test_a_read_shadowed_by_a_parameter_still_asks(repo, cli):
    """REVIEW-E303: where a parameter `datetime` shadows the import, `datetime.timedelta`
    reads the argument: renaming the alias `dt` to `datetime` there changes the read."""
    head = "import datetime as dt"
    shadowed = "\n\ndef forward_day(t, datetime=None):\n    return t + ALIAS.timedelta(days=1)\n"
    repo.commit(
        "base",
        {
            "specs/rot.md": SPEC,
            "pkg/_rot.py": f"{head}\n{FILLER}" + shadowed.replace("ALIAS", "dt"),
        },
    )
    new = f"import datetime\n{FILLER}" + shadowed.replace("ALIAS", "datetime")
    repo.commit("alias", {"pkg/_rot.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []


def test_a_public_module_still_asks_about_the_import_alone(repo, cli):
    """REVIEW-E303: in a public module others may import the alias (`from pkg.rot import
    datetime_`): the import's hunk is a change, the reads far from it are not."""
    old = module("import datetime as datetime_", "datetime_")
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/rot.py": old})
    repo.commit("no alias", {"pkg/rot.py": module("import datetime", "datetime")})
    data = review_json(cli, "HEAD", "--all")
    assert "pkg/rot.py" not in data["noop_files"]
    assert all("forward_day" not in str(q) for q in data["questions"])


SIZE = "def parse_size(size):\n    s, b = split(size.strip())\n    size = s * b\n    return size\n"


def test_a_parameter_assigned_then_returned_asks_nothing(repo, cli):
    """REVIEW-E304 (loguru dcf42d9): `size = s * b; return size`, `size` the parameter read
    before, as `return s * b`: no question."""
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/size.py": SIZE})
    inlined = SIZE.replace("    size = s * b\n    return size\n", "    return s * b\n")
    repo.commit("RET504", {"pkg/size.py": inlined})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/size.py"]


# REVIEW-E304: `size` read after the `return` (a closure, a `finally`) or by every local
LATER = {
    "a closure": (
        "    s, b = split(size.strip())\n",
        "    s, b = split(size.strip())\n    keep(lambda: size)\n",
    ),
    "a finally": (
        "    size = s * b\n    return size\n",
        "    try:\n        size = s * b\n        return size\n    finally:\n        log(size)\n",
    ),
    "locals()": (
        "    s, b = split(size.strip())\n",
        "    s, b = split(size.strip())\n    keep(locals())\n",
    ),
}


@pytest.mark.parametrize("case", sorted(LATER))
def test_a_parameter_read_after_its_return_still_asks(repo, cli, case):
    """REVIEW-E304: a closure called later, a `finally` run after the `return`, `locals()`
    holding the frame: each sees the assigned value, so dropping the assignment changes it."""
    old_part, new_part = LATER[case]
    old = SIZE.replace(old_part, new_part)
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/size.py": old})
    new = old.replace("size = s * b\n        return size\n", "return s * b\n").replace(
        "size = s * b\n    return size\n", "return s * b\n"
    )
    assert new != old
    repo.commit("RET504", {"pkg/size.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] != []


GRANT = """---
id: GRANT
scope:
  - pkg/**
---
# Grants

## Context
- `BaseGrant` holds `TOKEN_ENDPOINT_AUTH_METHODS` (default `['client_secret_basic']`).

## Requirements
- GRANT-1: A token request is authenticated with one of `TOKEN_ENDPOINT_AUTH_METHODS`.
"""
BASE = "from os import path\nfrom sys import argv\n\n\nclass BaseGrant:\n    METHODS = VALUE\n"
BASE = BASE.replace("METHODS", "TOKEN_ENDPOINT_AUTH_METHODS")


def _writes(data: dict[str, list[dict[str, list[dict[str, str]]]]]) -> list[str]:
    return [act["name"] for q in data["questions"] for act in q["acts"] if act["verb"] == "writes"]


def test_a_requoted_assignment_beside_a_removed_import_is_no_write(repo, cli):
    """REVIEW-E305 (authlib 098dd9f8): `['client_secret_basic']` to `["client_secret_basic"]`
    in the hunk that drops an import writes nothing: no "writes" question."""
    old = BASE.replace("VALUE", "['client_secret_basic']")
    repo.commit("base", {"specs/grant.md": GRANT, "pkg/base.py": old})
    new = BASE.replace("VALUE", '["client_secret_basic"]').replace("from os import path\n", "")
    repo.commit("ruff", {"pkg/base.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert _writes(data) == []


# REVIEW-E305: requoted, and the value changed with it: still a write
WRITES = {
    "another value": ("['client_secret_basic']", '["client_secret_post"]'),
    "bytes to str": ("[b'client_secret_basic']", '["client_secret_basic"]'),
    "an escape": ("['client\\'s']", '["client\'s"]'),
}


@pytest.mark.parametrize("case", sorted(WRITES))
def test_a_requoted_assignment_whose_value_changes_still_writes(repo, cli, case):
    """REVIEW-E305: another string, `b'x'` made `"x"` (bytes to str), or an escape the rule
    does not read: the assignment still writes its name."""
    before, after = WRITES[case]
    repo.commit("base", {"specs/grant.md": GRANT, "pkg/base.py": BASE.replace("VALUE", before)})
    new = BASE.replace("VALUE", after).replace("from os import path\n", "")
    repo.commit("ruff", {"pkg/base.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert _writes(data) == ["TOKEN_ENDPOINT_AUTH_METHODS"] * len(_writes(data))
    assert _writes(data) != []


def test_a_parameter_lowered_then_returned_as_a_ternary_asks_nothing(repo, cli):
    """REVIEW-E304 with REVIEW-E132: `if user: return a` then `host = host.lower(); return
    host` is `return a if user else host.lower()`: the `host` the first branch reads is the
    argument on both sides."""
    body = (
        '    if user:\n        return f"{user}@{host}"\n    host = host.lower()\n    return host\n'
    )
    repo.commit("base", {"specs/rot.md": SPEC, "pkg/net.py": f"def netloc(user, host):\n{body}"})
    after = '    return f"{user}@{host}" if user else host.lower()\n'
    repo.commit("ruff", {"pkg/net.py": f"def netloc(user, host):\n{after}"})
    data = review_json(cli, "HEAD", "--all")
    assert data["noop_files"] == ["pkg/net.py"]


def test_a_long_requoted_hunk_writes_only_its_changed_value(repo, cli):
    """SPEED-21, REVIEW-E305: the re-quoted lines of a hunk, now found once for each of its
    sides (the time is bench_review's to measure, never a test's), are still the same lines:
    in a 400-line hunk re-quoted throughout, the one assignment whose value changes is the
    only write."""
    names = [f"METHOD_{n}" for n in range(400)]
    old = "".join(f"{name} = ['m{n}']\n" for n, name in enumerate(names))
    new = old.replace("'", '"').replace('METHOD_7 = ["m7"]', 'METHOD_7 = ["changed"]')
    spec = GRANT.replace("`TOKEN_ENDPOINT_AUTH_METHODS`", "`METHOD_7`")
    repo.commit("base", {"specs/grant.md": spec, "pkg/methods.py": old})
    repo.commit("ruff", {"pkg/methods.py": new})
    assert set(_writes(review_json(cli, "HEAD", "--all"))) == {"METHOD_7"}
