"""Calls that log (REVIEW-E12): their message is prose for whoever reads the log. Pure."""

from __future__ import annotations

import ast
import re

_LOGGER = re.compile(r"_*(\w+_)?(log|logger|logging)")  # not `catalog`, `dialog`
_LOG_LEVELS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical"})


def without_message(call: ast.Call) -> ast.Call | None:
    """The call with its literal message emptied, when it logs one or warns of a deprecation
    (REVIEW-E306); else None."""
    if _deprecation(call):
        return _without_prose(call)
    if not call.args or not _logged(call.func):
        return None
    message = _message(call.args[0])
    if message is None:
        return None
    return ast.Call(func=call.func, args=[message, *call.args[1:]], keywords=call.keywords)


def _logged(func: ast.expr) -> bool:
    """`logger.debug`, `log.warning`, `self._logger.info`, `logging.error`, `logger().info`: a
    call that logs its first argument as a message (REVIEW-E12)."""
    if not isinstance(func, ast.Attribute) or func.attr not in _LOG_LEVELS:
        return False
    owner = func.value
    if isinstance(owner, ast.Call):  # `logger()`, `logging.getLogger(__name__)` return one
        if last_name(owner.func) == "getLogger":
            return True
        if owner.args or owner.keywords:
            return False
        owner = owner.func
    return _LOGGER.fullmatch(last_name(owner).lower()) is not None


def _deprecation(call: ast.Call) -> bool:
    """REVIEW-E306: `deprecate("...", version="1.7")` (a call named so), or `warnings.warn`
    of a literal message in a category named for a deprecation (`DeprecationWarning`,
    `AuthlibDeprecationWarning`): a notice whose texts are prose for whoever reads it."""
    func = call.func
    if last_name(func) == "deprecate":
        return True
    if not isinstance(func, ast.Attribute) or func.attr != "warn" or len(call.args) < 2:
        return False
    return getattr(func.value, "id", "") == "warnings" and "Deprecation" in last_name(call.args[1])


def _without_prose(call: ast.Call) -> ast.Call:
    """The call with each literal text it passes emptied (an f-string keeps what it formats);
    its other arguments, the keywords' names and the category, as they are."""
    args = [_message(arg) or arg for arg in call.args]
    keywords = [ast.keyword(k.arg, _message(k.value) or k.value) for k in call.keywords]
    return ast.Call(func=call.func, args=args, keywords=keywords)


def last_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _message(node: ast.expr) -> ast.expr | None:
    """A logged message without its literal text, which is prose: the expressions an f-string
    formats stay. None when the message is not a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ast.Constant("")
    if isinstance(node, ast.JoinedStr):
        return ast.JoinedStr([v for v in node.values if isinstance(v, ast.FormattedValue)])
    return None
