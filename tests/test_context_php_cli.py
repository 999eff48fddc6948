"""ASSIST-E10 through the CLI on a real git repository: `specflow context JWT` in PHP lists the
lines whose code names the class, not a `namespace Firebase\\JWT;` line nor the string `'JWT'`.
The php-jwt trial (session 26, its report's defect 9, firebase/php-jwt): every namespace line
of the package and `$header = ['typ' => 'JWT'];` were listed as reads of `JWT`."""

from __future__ import annotations

import json

JWT_PHP = """<?php

namespace Firebase\\JWT;

class JWT
{
    public static function encode(array $payload): string
    {
        $header = ['typ' => 'JWT', "alg" => "JWT"];
        return static::sign($header, 'JWT');
    }
}
"""

JWK_PHP = """<?php

namespace Firebase\\JWT;

use Firebase\\JWT\\Key;
use Other\\JWT\\Thing;

class JWK
{
    public static function parse(array $jwk): Key
    {
        return new Key(JWT::urlsafeB64Decode($jwk['k']), 'JWT');
    }
}
"""

TEST_PHP = """<?php

namespace Firebase\\JWT\\Tests;

use Firebase\\JWT\\JWT;
use Legacy\\Token as JWT2;

class JWTTest
{
    public function testEncode()
    {
        $this->assertSame("JWT", JWT::encode([]));
    }
}
"""


def test_context_reads_a_php_class_in_code_only(repo, cli):
    """ASSIST-E10: the namespace lines, the `use` of another name under a `JWT` namespace and
    the strings are no uses; adversarial: a call beside a string that names the class
    (`JWT::urlsafeB64Decode(...), 'JWT'`), the `use` that imports the class, and the
    definition are all still listed."""
    repo.commit(
        "php", {"src/JWT.php": JWT_PHP, "src/JWK.php": JWK_PHP, "tests/JWTTest.php": TEST_PHP}
    )
    result = cli("context", "JWT", "--format", "json")
    assert result.code == 0, result
    uses = json.loads(result.out)["name"]["uses"]
    shown = sorted((use["path"], use["line"], use["use"]) for use in uses)
    assert shown == [
        ("src/JWK.php", 12, "read"),
        ("src/JWT.php", 5, "definition"),
        ("tests/JWTTest.php", 5, "read"),  # the `use` that imports it (read as PHP reads)
        ("tests/JWTTest.php", 12, "read"),
    ]
