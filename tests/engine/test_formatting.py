"""The one number formatter: each variant writes numbers as its readers need them."""

import math

import numpy as np

from engine.formatting import compact_number, compact_vector, message_text, number, readout_text


def test_labels_use_fixed_decimals_and_name_infinities():
    assert number(0.5) == "0.50" and number(-1.25, 1) == "-1.2"
    assert number(123456.0) == "1.23e+05" and number(0.0001) == "1.00e-04" and number(0.0) == "0.00"
    assert (number(math.inf), number(-math.inf), number(math.nan)) == ("∞", "-∞", "undefined")


def test_compact_numbers_drop_trailing_zeros_but_never_show_a_false_zero():
    assert [compact_number(v, 2) for v in (0.5, 6.28, -1.5, 12.0, 0.0)] == ["0.5", "6.28", "-1.5", "12", "0"]
    assert compact_number(0.0012, 2) == "1.2e-03"
    assert compact_vector(np.array([0.119, 0.881]), 2) == "[0.12, 0.88]"


def test_readouts_keep_four_decimals_and_walk_containers():
    assert readout_text(2.0) == "2.0000" and readout_text(3) == "3" and readout_text(True) == "True"
    assert readout_text(np.float64(1e-5)) == "1e-05" and readout_text(math.inf) == "inf"
    assert readout_text((1.0,)) == "(1.0000,)" and readout_text([1, 2.5]) == "[1, 2.5000]"
    assert readout_text(np.array([0.1, 2.0])) == "[0.1, 2. ]"
    assert readout_text("text") == "'text'"


def test_messages_keep_six_significant_digits():
    assert message_text(2.0) == "2" and message_text(1 / 3) == "0.333333" and message_text(np.int64(4)) == "4"
    assert message_text(np.array(2.5)) == "2.5"  # a 0-d array reads as its number
    assert message_text((1.5, np.array([1.0, 2.0]))) == "(1.5, [1., 2.])"
    assert message_text(None) == "None"
