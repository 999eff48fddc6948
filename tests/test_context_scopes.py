"""`specflow context` (and the MCP `context` tool) on the function around a use and on what a
line reads: a nested definition ends where its body does, and a trailing comment reads no name
(specs/assistant.md)."""

from __future__ import annotations

from specflow import gitio
from specflow.commands import assistant

NESTED = """from enum import IntEnum


class State(IntEnum):
    START = 0
    END = 1


class Parser:
    def _internal_write(self, data):
        state = self.state

        def data_callback(name):
            return State.START if name else State.END

        for c in data:
            if state == State.START:
                state = State.END
        self.state = state

    def flush(
        self, final=State.END
    ):
        return State.START
"""

SIGN = """function validateOptions(options) {
  return options;
}

module.exports = function (payload, options, callback) {
  function failure(err) {
    if (!err) { return failure(new Error('again')); }
    throw err;
  }
  if (!payload) {
    return failure(new Error('payload is required'));
  }
  validateOptions(options);
  return payload;
};
"""


def test_a_line_after_a_nested_definition_is_in_the_function_around_it(repo, cli):
    """ASSIST-E6: python-multipart's trial (`MultipartParser._internal_write()` defines
    `data_callback` before its main loop) read every line of the loop "in data_callback()", and
    auth0/node-jsonwebtoken's (sign.js: `module.exports = function` holding `function failure`)
    read `return failure(...)` "in failure()", as recursion. Each is in the function whose body
    holds it; a line inside the nested one stays in it, as a body after a signature whose `)`
    stands at the `def`'s indentation stays in its method. The MCP tool says the same."""
    repo.commit("base", {"pkg/p.py": NESTED, "sign.js": SIGN})
    out = cli("context", "State").out
    assert "pkg/p.py:17 in _internal_write(): if state == State.START:" in out, out
    assert "pkg/p.py:18 in _internal_write(): state = State.END" in out, out
    assert "pkg/p.py:14 in data_callback(): return State.START" in out, out
    assert "pkg/p.py:22 in flush(): self, final=State.END" in out, out
    assert "pkg/p.py:24 in flush(): return State.START" in out, out
    assert "data_callback(): if state" not in out and "data_callback(): state" not in out, out
    js = cli("context", "sign.js").out
    assert "sign.js:11 in module.exports(): return failure(new Error('payload" in js, js
    assert "sign.js:7 in failure(): if (!err) { return failure(" in js, js
    assert "sign.js:13 in module.exports(): validateOptions(options);" in js, js
    answer = assistant.context(gitio.open_repo(repo.path), "failure")
    assert "sign.js:11 in module.exports(): return failure(" in answer.text, answer.text


JOB = """class Job:
    def __init__(self):
        self.at_time = None  # optional time at which this job runs
        self.when = at  # at noon
        self.label = "# at" + at_label
        x = 1  # the at() call

    def at(self, s):
        self.at_time = s
        return self
"""


def test_a_word_in_a_trailing_comment_is_no_read_of_that_name(repo, cli):
    """ASSIST-E7: schedule's trial read `self.at_time = None  # optional time at which this job
    runs` as a read of `at` in `context at`: the comment's word "at". A trailing comment reads
    no name; the code before it still does (`self.when = at  # at noon`), and a `#` inside a
    string starts no comment (`"# at" + at_label` holds no `at`, only a string)."""
    repo.commit("base", {"lib/job.py": JOB})
    out = cli("context", "at").out
    assert "lib/job.py:8: def at(self, s):" in out, out
    assert "lib/job.py:4 in __init__(): self.when = at  # at noon" in out, out
    assert "lib/job.py:3" not in out and "lib/job.py:6" not in out, out
    assert "lib/job.py:5" not in out, out
    data = cli("context", "at", "--format", "json").out
    assert '"line":3' not in data.replace(" ", "") and '"line":4' in data.replace(" ", "")
