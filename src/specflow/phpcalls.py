"""REVIEW-E286: PHP's standard functions a hunk calls (`empty()`, `array_key_exists()`): their
words are the language's, not what a project's statements say. Pure."""

from __future__ import annotations

import re

# the families and the functions every PHP program calls; crypto and stream functions
# (`openssl_sign`, `hash_hmac`, `stream_get_contents`) are not here: their words say what the
# code does, as a statement would
_FAMILIES = r"(?:array|str|is|mb|preg|ctype|json)_\w+"
_FUNCTIONS = (
    "empty isset unset count sizeof strlen in_array explode implode substr strpos stripos "
    "strrpos strtolower strtoupper ucfirst lcfirst ucwords trim ltrim rtrim sprintf printf "
    "vsprintf intval floatval boolval strval settype gettype get_class method_exists "
    "property_exists function_exists class_exists defined constant compact extract list "
    "max min abs floor ceil round range key current next reset end each sort ksort usort "
    "uasort uksort rsort asort arsort krsort func_get_args call_user_func call_user_func_array "
    "iterator_to_array var_export var_dump print_r serialize unserialize chr ord dechex hexdec "
    "bin2hex hex2bin base64_encode base64_decode urlencode rawurlencode urldecode rawurldecode "
    "http_build_query nl2br htmlspecialchars number_format substr_count"
)
_CALL = re.compile(
    rf"(?<![\w$>:\\])(?<!function )\\?({_FAMILIES}|{'|'.join(sorted(set(_FUNCTIONS.split())))})"
    r"(?=\s*\()"
)


def php_calls(path: str, text: str) -> frozenset[str]:
    """REVIEW-E286: the PHP standard functions the text calls, in a `.php` file."""
    if not path.endswith(".php") or "(" not in text:
        return frozenset()
    return frozenset(found[1] for found in _CALL.finditer(text))


def without_calls(text: str, names: frozenset[str]) -> str:
    """REVIEW-E286: the text with those calls' names blanked: no words of theirs."""
    if not names:
        return text
    return _CALL.sub(lambda found: " " if found[1] in names else found[0], text)
