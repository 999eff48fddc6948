"""REVIEW-E227 and REVIEW-E228 through the CLI on real repositories (the google/uuid trial): a
Go receiver, parameter or local renamed consistently through its function, go vet's early
return (`if v, ok := f(); !ok { return } else { use(v) }` as `v, ok := f()` then `if !ok`), and
lines gofmt only re-aligned change no behaviour. A rename that changes which variable a use
reads, or an `else` after a block that does not leave, still asks."""

from __future__ import annotations

import re

from testing.util import review_json

SPEC = """---
id: ENC
scope: ["*.go"]
---
# Encoding

## Context
- `MarshalText()` and `UnmarshalText()` use `encodeHex()`; `getTime()` is guarded by `timeMu`.

## Requirements
- ENC-1: `MarshalText()` returns 36 characters.
- ENC-2: `UnmarshalText()` leaves the receiver unchanged on error.
- ENC-3: `Parse()` decodes the hex pairs with `xtob()`; a non-hex pair is an error.
- ENC-4: The clock sequence is bumped when `getTime()` reads the clock going backwards, and
  `setClockSequence()` resets `lasttime`.
"""

MARSHAL = """package uuid

type UUID [16]byte

func encodeHex(dst []byte, u UUID) {}

// ENC-1: 36 characters.
func (u UUID) MarshalText() ([]byte, error) {
\tvar js [36]byte
\tencodeHex(js[:], u)
\treturn js[:], nil
}

// ENC-2: unchanged on error.
func (u *UUID) UnmarshalText(data []byte) error {
\tid, err := Parse(string(data))
\tif err == nil {
\t\t*u = id
\t}
\treturn err
}
"""

PARSE = """package uuid

import "errors"

func xtob(a, b byte) (byte, bool) { return 0, true }

// ENC-3: hex pairs.
func Parse(s string) (UUID, error) {
\tvar uuid UUID
\tfor i, x := range [16]int{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34} {
\t\tif v, ok := xtob(s[x], s[x+1]); !ok {
\t\t\treturn uuid, errors.New("invalid UUID format")
\t\t} else {
\t\t\tuuid[i] = v
\t\t}
\t}
\treturn uuid, nil
}
"""

TIME = """package uuid

import "sync"

var (
\ttimeMu    sync.Mutex
\tlasttime  uint64
\tclockSeq  uint16
)

// ENC-4: the clock sequence.
func setClockSequence(seq int) {
\told_seq := clockSeq
\tclockSeq = uint16(seq&0x3fff) | 0x8000
\tif old_seq != clockSeq {
\t\tlasttime = 0
\t}
}
"""

BASE = {"specs/enc.md": SPEC, "marshal.go": MARSHAL, "parse.go": PARSE, "time.go": TIME}


def _judged(repo, cli, path: str, text: str) -> tuple[bool, list[str], list[str]]:
    """Whether the hook warns of a touched requirement when `text` is staged as `path`; then,
    committed, what the review calls formatting only and the statements it asks."""
    repo.stage({path: text})
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "make receiver names consistent")
    data = review_json(cli, "HEAD")
    asked = [q["statement"].get("id") or q["statement"]["text"][:12] for q in data["questions"]]
    return warned, data["noop_files"], asked


def _asks(judged: tuple[bool, list[str], list[str]], statement: str) -> bool:
    """The hook warns, the file is no formatting, and the review asks `statement`."""
    warned, noop, asked = judged
    return warned and not noop and statement in asked


def _renamed(text: str, *pairs: str) -> str:
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_receiver_or_a_local_renamed_through_its_function_is_no_change(repo, cli):
    """REVIEW-E227 (google/uuid `edbe6ec`: receivers `u` renamed `uuid` in marshal.go asked 6
    questions; `33471c9` and `1f1ba6f`: `old_seq` renamed `oldSeq`): both receivers renamed
    with every use, in one hunk over two methods, and a local renamed with its uses, are
    formatting only for the review and the hook, under the `// ENC-n` comments above."""
    repo.commit("base", BASE)
    receivers = _renamed(
        MARSHAL, "(u UUID)", "(uuid UUID)", "(u *UUID)", "(uuid *UUID)", "], u)", "], uuid)"
    )
    receivers = _renamed(receivers, "*u = id", "*uuid = id")
    assert _judged(repo, cli, "marshal.go", receivers) == (False, ["marshal.go"], [])
    local = TIME.replace("old_seq", "oldSeq")
    assert _judged(repo, cli, "time.go", local) == (False, ["time.go"], [])


def test_a_rename_that_changes_what_a_use_reads_asks(repo, cli):
    """REVIEW-E227, adversarial: a local renamed to a name the function already reads
    (`old_seq` to `lasttime`: the test now reads and writes the local), a receiver renamed in
    part (`*u = id` left to the package's `u`), and a local renamed where a use outside its
    block read another variable of the old name, each ask and the hook warns."""
    repo.commit("base", {**BASE, "u.go": "package uuid\n\nvar u, uuid = &UUID{}, &UUID{}\n"})
    captured = TIME.replace("old_seq", "lasttime")
    assert _asks(_judged(repo, cli, "time.go", captured), "ENC-4")
    part = _renamed(MARSHAL, "(u *UUID)", "(uuid *UUID)")
    assert _asks(_judged(repo, cli, "marshal.go", part), "ENC-2")
    block = TIME.replace("\t\tlasttime = 0\n\t}\n", "\t\tn := 0\n\t\tlasttime = uint64(n)\n\t}\n")
    block = block.replace("\t}\n}\n", "\t}\n\tlasttime += uint64(n)\n}\n") + "\nvar n, k = 3, 4\n"
    repo.commit("a local in a block, then the package's n", {"time.go": block})
    shadowing = block.replace("uint64(n)", "uint64(k)").replace("n := 0", "k := 0")
    assert _asks(_judged(repo, cli, "time.go", shadowing), "ENC-4")


def test_go_vets_early_return_is_no_change(repo, cli):
    """REVIEW-E228 (google/uuid `1f1ba6f`, "make 'go vet' happy": 7 questions with the
    renames above): `if v, ok := xtob(...); !ok { return ... } else { uuid[i] = v }` written
    `v, ok := xtob(...)`, `if !ok { return ... }`, `uuid[i] = v` is formatting only."""
    repo.commit("base", BASE)
    early = PARSE.replace(
        "\t\tif v, ok := xtob(s[x], s[x+1]); !ok {\n",
        "\t\tv, ok := xtob(s[x], s[x+1])\n\t\tif !ok {\n",
    ).replace("\t\t} else {\n\t\t\tuuid[i] = v\n\t\t}\n", "\t\t}\n\t\tuuid[i] = v\n")
    assert _judged(repo, cli, "parse.go", early) == (False, ["parse.go"], [])


def test_an_else_after_a_block_that_goes_on_or_a_hoisted_name_read_after_asks(repo, cli):
    """REVIEW-E228, adversarial: the same rewrite where the `if` block does not leave (the
    `else` ran only when `ok`; now always), and one whose hoisted `v` is a name the loop reads
    after the `if` (it read the package's `v`, now the pair's), each ask ENC-3."""
    repo.commit("base", {**BASE, "v.go": "package uuid\n\nvar v byte = 7\n"})
    going_on = PARSE.replace(
        "\t\tif v, ok := xtob(s[x], s[x+1]); !ok {\n",
        "\t\tv, ok := xtob(s[x], s[x+1])\n\t\tif !ok {\n",
    ).replace("\t\t} else {\n\t\t\tuuid[i] = v\n\t\t}\n", "\t\t}\n\t\tuuid[i] = v\n")
    going_on = going_on.replace('\t\t\treturn uuid, errors.New("invalid UUID format")\n', "")
    before = PARSE.replace('\t\t\treturn uuid, errors.New("invalid UUID format")\n', "")
    repo.commit("no return", {"parse.go": before})
    assert _asks(_judged(repo, cli, "parse.go", going_on), "ENC-3")
    read_after = PARSE.replace(
        "\t\t\tuuid[i] = v\n\t\t}\n", "\t\t\tuuid[i] = v\n\t\t}\n\t\t_ = v\n"
    )
    repo.commit("v read after the if", {"parse.go": read_after})
    hoisted = read_after.replace(
        "\t\tif v, ok := xtob(s[x], s[x+1]); !ok {\n",
        "\t\tv, ok := xtob(s[x], s[x+1])\n\t\tif !ok {\n",
    ).replace("\t\t} else {\n\t\t\tuuid[i] = v\n\t\t}\n", "\t\t}\n\t\tuuid[i] = v\n")
    assert _asks(_judged(repo, cli, "parse.go", hoisted), "ENC-3")


def test_lines_gofmt_only_realigned_name_nothing(repo, cli):
    """REVIEW-E227 (google/uuid `33471c9`: the `var` block gofmt re-aligned around a renamed
    package variable lent `timeMu` and `lasttime` to the Context line and ENC-4): a hunk that
    re-aligns `timeMu` and `lasttime` and gives `clockSeq` another type asks, but not by the
    names of the re-aligned lines."""
    repo.commit("base", BASE)
    aligned = TIME.replace("timeMu    sync", "timeMu   sync").replace(
        "lasttime  uint64", "lasttime uint64"
    )
    aligned = aligned.replace("clockSeq  uint16", "clockSeq uint32")
    repo.stage({"time.go": aligned})
    repo.git("commit", "-q", "--no-verify", "-m", "wider clock sequence")
    data = review_json(cli, "HEAD", "--all")
    names = {name for q in data["questions"] for name in q["evidence"].get("names", [])}
    assert not names & {"timeMu", "lasttime"}, data["questions"]


PACKAGE = """package uuid

import "sync"

var (
\ttimeMu    sync.Mutex
\tlasttime  uint64
\tclock_seq uint16
)

func clockSequence() int {
\treturn int(clock_seq)
}

// ENC-4: the clock sequence.
func setClockSequence(seq int) {
\told_seq := clock_seq
\tclock_seq = uint16(seq&0x3fff) | 0x8000
\tif old_seq != clock_seq {
\t\tlasttime = 0
\t}
}
"""

FIELD = """package uuid

import "sync"

type clock struct {
\ttimeMu    sync.Mutex
\tlasttime  uint64
\tclock_seq uint16
}

var c clock

func clockSequence() int {
\treturn int(c.clock_seq)
}

// ENC-4: the clock sequence.
func setClockSequence(seq int) {
\told := c.clock_seq
\tc.clock_seq = uint16(seq&0x3fff) | 0x8000
\tif old != c.clock_seq {
\t\tc.lasttime = 0
\t}
}
"""


def _word(text: str, old: str, new: str) -> str:
    assert re.search(rf"\b{old}\b", text)
    return re.sub(rf"\b{old}\b", new, text)


def test_an_unexported_package_variable_renamed_throughout_is_no_change(repo, cli):
    """REVIEW-E227 (google/uuid `33471c9`, "Remove underscores form private variables":
    `clock_seq` renamed `clockSeq` in time.go, the `var` block re-aligned by gofmt, `old_seq`
    renamed `oldSeq`): with no other file of the tree spelling either name, the change is
    formatting only for the review and the hook."""
    repo.commit("base", {**BASE, "time.go": PACKAGE})
    renamed = _word(_word(PACKAGE, "clock_seq", "clockSeq"), "old_seq", "oldSeq")
    renamed = renamed.replace("timeMu    sync", "timeMu   sync").replace(
        "lasttime  uint64", "lasttime uint64"
    )
    assert _judged(repo, cli, "time.go", renamed) == (False, ["time.go"], [])


def test_a_package_rename_another_file_contradicts_asks(repo, cli):
    """REVIEW-E227, adversarial: the same rename while another file still reads `clock_seq`
    (now undefined there), onto a name another file already spells (`clockSeq`, its own),
    of a struct's field (`%+v` prints its name), or of an exported name (another package's
    callers), each ask ENC-4 and the hook warns."""
    reader = "package uuid\n\nfunc seq() uint16 { return clock_seq }\n"
    repo.commit("base", {**BASE, "time.go": PACKAGE, "seq.go": reader})
    renamed = _word(PACKAGE, "clock_seq", "clockSeq")
    assert _asks(_judged(repo, cli, "time.go", renamed), "ENC-4")
    own = reader.replace("return clock_seq", "clockSeq := 1\n\treturn clockSeq")
    repo.commit("back", {"time.go": PACKAGE, "seq.go": own})
    assert _asks(_judged(repo, cli, "time.go", renamed), "ENC-4")
    repo.commit("a field", {"time.go": FIELD, "seq.go": "package uuid\n"})
    assert _asks(_judged(repo, cli, "time.go", _word(FIELD, "clock_seq", "clockSeq")), "ENC-4")
    exported = _word(PACKAGE, "clock_seq", "ClockSeq")
    repo.commit("exported", {"time.go": exported})
    assert _asks(_judged(repo, cli, "time.go", _word(exported, "ClockSeq", "ClockSeqNo")), "ENC-4")
