"""The panes are one table (workbench.keys.PANES): each id names its module and class, whose id and title agree."""

from __future__ import annotations

import pytest

from workbench.app.shell import pane_class
from workbench.keys import PANES


@pytest.mark.parametrize("pane_id, title", [(pane, title) for pane, title, _ in PANES])
def test_each_pane_of_the_table_is_a_pane_with_that_id_and_title(pane_id, title):
    cls = pane_class(pane_id)
    assert (cls.PANE_ID, cls.TITLE) == (pane_id, title)


def test_an_id_not_in_the_table_is_refused():
    with pytest.raises(KeyError, match="no pane 'chrome'"):
        pane_class("chrome")
