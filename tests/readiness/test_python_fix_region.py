"""Large Python files: the fix is built on the part of the module it changes (the compact module) and is the
same patch the whole-module builder makes."""

from __future__ import annotations

import textwrap

import pytest

from workbench.readiness.python.fixes import build, region, tree
from workbench.readiness.python.facts.extractor import extract

FILLER = '''

def helper_{i}(items, limit={i}):
    """Sum the even values below the limit."""
    total = 0
    for item in items:
        if item % 2 == 0 and item < limit:
            total += item * {i}
    return total
'''

HEAD = textwrap.dedent('''\
    """A module with a docstring."""
    import json
    import logging

    import boto3

    logger = logging.getLogger(__name__)
    logging.basicConfig(format="%(message)s", force=True)
    REGION = "eu-west-1"
    ''')

HANDLERS = textwrap.dedent('''

    def handler(event, context):
        s3 = boto3.client("s3", region_name=REGION)
        print("start", event)
        path = "/tmp/out.json"
        with open(path, "w") as f:
            json.dump(event, f)
        logger.info("done")
        return s3.list_buckets()
    ''')


def _module(where: str) -> str:
    first = "".join(FILLER.format(i=i) for i in range(20))
    second = "".join(FILLER.format(i=i) for i in range(20, 40))
    if where == "top":
        return HEAD + HANDLERS + first + second
    if where == "middle":
        return HEAD + first + HANDLERS + second
    return HEAD + first + second + HANDLERS + "# trailing comment\n"


@pytest.mark.parametrize("where", ["top", "middle", "end"])
def test_region_fix_is_the_whole_module_fix(where, monkeypatch):
    monkeypatch.setattr(region, "REGION_MIN_CHARS", 2_000)  # a small module, so the whole build is quick
    text = _module(where)
    assert len(text) >= region.REGION_MIN_CHARS
    fixes = build.build_fix(text, next(c for c in extract(text)["cands"] if c["code"] == "LMI103"),
                            extract(text))
    assert fixes is not None and fixes.new_text.count("\n") > text.count("\n") - 2
    facts = extract(text)
    cands = [c for c in facts["cands"] if c["ctx"] == "handler" and c["code"] in ("LMI101", "LMI103", "LMI104")]
    assert {c["code"] for c in cands} == {"LMI101", "LMI103", "LMI104"}
    for cand in cands:
        builder = build.BUILDERS[cand["code"]]
        whole = tree.build_with(text, cand, facts, builder)
        compact = region.build_in_region(text, cand, facts, builder)
        assert whole is not None and compact is not None, cand
        assert compact.new_text == whole.new_text, cand["code"]
        assert compact.applicability == whole.applicability
