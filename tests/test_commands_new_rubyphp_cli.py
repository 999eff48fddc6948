"""NEW-E26 through the CLI on real git repositories: `specflow new --scope` drafts a Ruby or a
PHP file's classes and public methods, as it drafts Python's. The ruby-jwt trial (session 26,
defect 6, its repro r6 on `lib/base64.rb`) and the php-jwt trial (defect 8, `src/Box.php`) got
only `- Draft: <path>`, while `specflow context` already read PHP's definitions."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

BASE64_RB = """# frozen_string_literal: true

module Jwt
  # URL-safe Base64, without padding.
  class Base64
    # Encodes a string. Second sentence.
    def self.url_encode(str)
      ::Base64.encode64(str).tr('+/', '-_').gsub(/[\\n=]/, '')
    end

    def self.url_decode(str)
      str += '=' * (4 - str.length.modulo(4))
    end

    def initialize(options = {})
      @options = options
    end

    def valid?(token) = true

    class << self
      def build(a, b)
      end
    end

    private

    def helper
    end

    public

    def visible
    end

    private def also_hidden
    end
  end

  class DecodeError < StandardError; end
end
"""

BOX_PHP = """<?php

namespace Firebase\\JWT;

/**
 * A box of values.
 */
final class Box
{
    /**
     * Opens the box.
     *
     * @param string $a The key
     */
    public static function open(
        string $a,
        #[\\SensitiveParameter] $key,
        ?array &$headers = null
    ): array {
        $f = function ($x) use ($a) { return $x; };
        return [];
    }

    public function __construct(int $leeway = 0)
    {
    }

    private function helper($x)
    {
    }

    protected static function guarded($x)
    {
    }

    function shut($a) { return 'function fake($b)'; }

    public function __toString(): string
    {
        return '';
    }
}

function helper_function($x)
{
}
"""


def drafted(repo, cli, path: str, text: str) -> list[str]:
    repo.commit("code", {path: text})
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", path).code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    return [line for c in spec.context for line in c.text.splitlines()]


def test_a_ruby_file_drafts_its_classes_and_public_methods(repo, cli):
    """NEW-E26: a class method as `Base64.url_encode(str)` (also inside `class << self`), an
    instance one as `Base64#valid?(token)`, `initialize` as `Base64.new(...)`, each with the
    first sentence of the `#` comment above; no method below `private` (until `public`) nor
    `private def`, and an error class on one line is still a class."""
    assert drafted(repo, cli, "lib/base64.rb", BASE64_RB) == [
        "Draft: `lib/base64.rb`",
        "- `class Base64`: URL-safe Base64, without padding.",
        "- `Base64.url_encode(str)`: Encodes a string.",
        "- `Base64.url_decode(str)`",
        "- `Base64.new(options = {})`",
        "- `Base64#valid?(token)`",
        "- `Base64.build(a, b)`",
        "- `Base64#visible()`",
        "- `class DecodeError`",
    ]


def test_a_php_file_drafts_its_classes_public_methods_and_functions(repo, cli):
    """NEW-E26: `Box::open(...)` with its parameters over lines (the attribute left out) and
    its PHPDoc's first sentence, the constructor as `new Box(...)`, a method without a
    visibility (public), a top-level function; no private or protected method, no closure, no
    magic method but the constructor, nothing from a string."""
    assert drafted(repo, cli, "src/Box.php", BOX_PHP) == [
        "Draft: `src/Box.php`",
        "- `class Box`: A box of values.",
        "- `Box::open(string $a, $key, ?array &$headers = null)`: Opens the box.",
        "- `new Box(int $leeway = 0)`",
        "- `Box::shut($a)`",
        "- `helper_function($x)`",
    ]
