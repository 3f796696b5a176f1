from chipcmp.read.yamlfile import decode, parse


def test_plain_data_and_positions():
    text = "a:\n  b: [1, two, 3.5]\n  c: {d: 2021-07-14}\n"
    document, problems = parse(text, "f.yaml")
    assert problems == []
    assert document.data["a"]["b"] == [1, "two", 3.5]
    assert str(document.data["a"]["c"]["d"]) == "2021-07-14"
    assert document.locate(("a", "b", 1)) == (2, 10)
    assert document.locate(("a", "c"), key=True) == (3, 3)


def test_locate_stops_at_deepest_existing_node():
    document, _ = parse("a:\n  b: 1\n", "f.yaml")
    assert document.locate(("a", "missing", "deeper")) == (2, 3)


def test_duplicate_keys_are_reported_not_overwritten():
    document, problems = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 1, "duplicate-key")]
    assert document.data["a"] == 1  # the first stays; nothing is silently replaced
    assert "first at line 1" in problems[0].message


def test_keys_stay_text():
    document, _ = parse("2021: x\nyes: y\n", "f.yaml")
    assert set(document.data) == {"2021", "yes"}


def test_python_tags_are_refused_and_the_rest_is_still_read():
    document, problems = parse("a: !!python/object/apply:os.system [ls]\n"
                               "b: !!python/name:os.system x\nc: 1\n", "f.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [("unsafe-tag", 1, 4),
                                                           ("unsafe-tag", 2, 4)]
    assert document.data == {"a": ["ls"], "b": "x", "c": 1}  # plain data, no object made


def test_merge_keys_are_refused():
    _, problems = parse("a: &x {k: 1}\nb:\n  <<: *x\n", "f.yaml")
    assert problems[0].code == "unsupported-yaml"


def test_alias_bomb_is_refused_quickly():
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    document, problems = parse("\n".join(lines) + "\n", "bomb.yaml")
    assert document is None
    assert problems[0].code == "yaml-too-large"


def test_small_alias_use_is_fine():
    document, problems = parse("a: &x {k: 1}\nb: *x\n", "f.yaml")
    assert problems == []
    assert document.data["b"] == {"k": 1}


def test_deep_nesting_is_refused():
    text = "a: " + "[" * 100 + "]" * 100 + "\n"
    document, problems = parse(text, "f.yaml")
    assert document is None
    assert problems[0].code == "yaml-too-deep"


def test_syntax_error_is_located():
    _, problems = parse("a: [1, 2\nb: 3\n", "f.yaml")
    assert problems[0].code == "yaml-syntax"
    # The library places the error (libyaml: where the next line starts); chipcmp's
    # promise is a line between the open bracket and the end of the text.
    assert problems[0].line in (1, 2, 3)


def test_empty_document():
    document, problems = parse("# only a comment\n", "f.yaml")
    assert document is None and problems[0].code == "empty-file"


def test_control_character_is_a_located_problem():
    _, problems = parse("a: 1\nb: \x07\n", "f.yaml")
    assert problems[0].code == "yaml-syntax"
    assert problems[0].line == 2


def test_decode_reports_first_bad_byte():
    text, problems = decode(b"a: 1\nb: \xff\n", "f.yaml")
    assert text is None
    assert (problems[0].line, problems[0].col, problems[0].code) == (2, 4, "not-utf8")


def test_decode_drops_bom():
    text, problems = decode("\ufeffa: 1\n".encode(), "f.yaml")
    assert text == "a: 1\n" and problems == []


def test_positions_count_lines_as_editors_do():
    """YAML breaks lines at NEL, LS and PS too; an editor does not, so a problem after
    one is placed on the line a user sees (only \\n, \\r\\n and \\r end a line)."""
    from chipcmp.read.yamlfile import parse

    text = "a: '\x85 \u2028 x'\nb: [\n"
    _, problems = parse(text, "t.yaml")
    assert [(p.line, p.col) for p in problems] == [(3, 1)]
    _, problems = parse("a: 1\r\nb: '\x85'\r\na: 2\r\n", "t.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 1, "duplicate-key")]
