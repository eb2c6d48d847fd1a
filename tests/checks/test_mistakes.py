"""Each kind of mistake gets a message naming it, and only when every input proves it."""

import textwrap

import numpy as np
import pytest

from checks import check_function, check_gradient, check_train_loop, check_training
from engine import sigmoid, softmax
from kernel.cells import run_cell

CUBIC = [0.0, 1.0, -2.0, 0.5, 2.2]


def reader(code, **names):
    ns = {"np": np, "sigmoid": sigmoid, **names}
    exec(textwrap.dedent(code), ns)
    return ns


def message(code, name, reference, cases, **options):
    result = check_function(reader(code), name, reference, cases, **options)
    assert not result.passed
    return result.message


@pytest.mark.parametrize("body, says", [
    ("x ** 3 - 3 * x", "1.3 too low at every input tried"),          # not "returns its input x" (true only at 0)
    ("x ** 3 - 3 * x + 2.3", "1 too high at every input tried"),
    ("x ** 3 + 3 * x + 1.3", "off by exactly 6 * x"),
    ("x ** 3 / 4 - 3 * x + 1.3", "off by exactly -3/4 * x**3"),
    ("-(x ** 3 - 3 * x + 1.3)", "right size but the wrong sign"),
    ("2 * (x ** 3 - 3 * x + 1.3)", "exactly twice"),
    ("1.3", "returns 1.3 whatever the input"),
    ("x", "returns its input `x` unchanged"),
])
def test_function_mistakes_of_one_input(body, says):
    text = message(f"def f(x):\n    return {body}\n", "f", lambda x: x ** 3 - 3 * x + 1.3, CUBIC)
    assert says in text


def test_a_coincidence_at_one_input_names_nothing():
    text = message("def f(x):\n    return x ** 3 - 3 * x ** 2 + 1.3\n", "f", lambda x: x ** 3 - 3 * x + 1.3, CUBIC)
    assert text == "f(1) returned -0.7, but it should return -0.7." or "unchanged" not in text
    assert "It " not in text.split(".", 2)[-1]  # no diagnosis: no single relation holds everywhere


LINE = [(2.0, 3.0, 1.0), (-1.0, 0.5, 4.0), (0.0, -2.0, 7.0)]


@pytest.mark.parametrize("body, says", [
    ("w * x", "leaves out `b`"),
    ("w * x - b", "sign in front of `b`"),
    ("x + b", "factor `w` is missing"),
    ("b * x + w", "uses `w` where `b` belongs"),
])
def test_function_mistakes_with_an_argument(body, says):
    assert says in message(f"def y(x, w, b):\n    return {body}\n", "y", lambda x, w, b: w * x + b, LINE)


def test_weights_in_reverse_order_and_scalar_expected():
    cases = [(np.array([1.0, 2.0]), np.array([3.0, -1.0])), (np.array([0.5, 4.0]), np.array([1.0, 3.0]))]
    text = message("def f(x, w):\n    return np.dot(x, w[::-1])\n", "f", lambda x, w: np.dot(x, w), cases)
    assert "in reverse order" in text  # reversing x or w is the same mistake for a dot product
    text = message("def f(x, w):\n    return x * w\n", "f", lambda x, w: np.dot(x, w), cases)
    assert "single number" in text


SOFTMAX_CASES = [np.array([2.0, 4.0]), np.array([-1.0, 0.0, 1.0]), np.array([1000.0, 1001.0])]


def test_overflow_for_large_inputs_is_named():
    text = message("def s(z):\n    e = np.exp(z)\n    return e / e.sum()\n", "s", softmax, SOFTMAX_CASES)
    assert text.startswith("s([1000., 1001.]) returned [nan, nan]")
    assert "right at every other input tried" in text and "too large for a float" in text


def test_probabilities_that_do_not_add_up_to_one():
    text = message("def s(z):\n    return np.exp(z - z.max())\n", "s", softmax, SOFTMAX_CASES)
    assert "right proportions but add up to" in text and "divide by their total" in text


def test_reciprocal_complement_and_count():
    assert "upside down" in message("def s(z):\n    return 1 + np.exp(-z)\n", "s", sigmoid, [0.0, 2.0, -3.0])
    assert "1 minus the right answer" in message("def share(n):\n    return 1 - n / 10\n", "share",
                                                 lambda n: n / 10, [1.0, 2.0, 5.0])
    text = message("def mean(a):\n    return np.sum(a)\n", "mean", np.mean, [np.ones(4), np.arange(4.0)])
    assert "exactly 4 times the right answer" in text


def test_an_authors_known_mistake_is_named_only_when_it_holds_everywhere():
    mistakes = {"It forgets the sigmoid.": lambda x: x}
    ns = reader("def f(x):\n    return x\n")
    assert "It forgets the sigmoid." in check_function(ns, "f", sigmoid, [0.0, 1.0], mistakes=mistakes).message
    ns = reader("def f(x):\n    return x if x < 0.5 else 7.0\n")
    assert "sigmoid" not in check_function(ns, "f", sigmoid, [0.0, 1.0], mistakes=mistakes).message


LOOP = """
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
w, b, learning_rate, iteration_counter = 1.0, 0.0, 0.001, 0

def gradient():
    dw = db = 0
    for xi, yi in data:
        error = w * xi + b - yi
        dw += error * xi
        db += error
    return dw, db

def update():
    global w, b
    dw, db = gradient()
    w -= learning_rate * dw
    b -= learning_rate * db

def train(iterations):
    global iteration_counter
    for i in range(iterations):
        update()
        iteration_counter += 1
"""


@pytest.mark.parametrize("edit, says", [
    ({"        update()\n        iteration_counter += 1": "        iteration_counter += 1\n    update()"},
     "update() runs once per call of train(), not once per step"),
    ({"        update()\n": "        update()\n        update()\n"}, "twice per pass"),
    ({"range(iterations)": "range(iterations - 1)"}, "1 time too few"),
    ({"range(iterations)": "range(iterations + 1)"}, "1 time too many"),
    ({"w -= learning_rate * dw": "w += learning_rate * dw", "b -= learning_rate * db": "b += learning_rate * db"},
     "moves w and b uphill"),
    ({"    b -= learning_rate * db": "    b = b"}, "never changes b"),
    ({"w -= learning_rate * dw": "w = learning_rate * dw"}, "replaces w with learning_rate * dw"),
    ({"w -= learning_rate * dw": "w -= dw"}, "steps w by the whole slope"),
    ({"w -= learning_rate * dw": "w -= learning_rate * db"}, "moves w by the slope of b"),
    ({"learning_rate, iteration_counter = 1.0, 0.0, 0.001, 0": "learning_rate, iteration_counter = 1.0, 0.0, -0.001, 0"},
     "learning_rate is -0.001: it must be a positive number"),
])
def test_train_loop_mistakes(edit, says):
    code = LOOP
    for old, new in edit.items():
        assert old in code
        code = code.replace(old, new)
    result = check_train_loop(reader(code))
    assert not result.passed
    assert says in result.message
    assert check_train_loop(reader(LOOP)).passed


def test_check_training_counts_a_step_that_forgets_b():
    ns = reader(LOOP.replace("    b -= learning_rate * db", "    pass"))
    result = check_training(ns)
    assert not result.passed and "update() never changes b" in result.message


@pytest.mark.parametrize("edit, says", [
    ({"dw += error * xi": "dw += error"}, "The w part equals the slope for b at every point tested"),
    ({"return dw, db": "return dw / 8, db / 8"}, "exactly 1/8 of the slope"),
    ({"error = w * xi + b - yi": "error = yi - w * xi - b"}, "The w and b parts have the right size but the wrong sign"),
    ({"dw += error * xi": "dw += 3 * error * xi"}, "exactly 3 times the slope"),
])
def test_gradient_mistakes_hold_at_every_point(edit, says):
    code = LOOP + "\ndef loss(w, b):\n    return sum((w * xi + b - yi) ** 2 for xi, yi in data) / 2\n"
    for old, new in edit.items():
        code = code.replace(old, new)
    result = check_gradient(reader(code))
    assert not result.passed
    assert says in result.message


def test_gradient_shape_hints():
    code = """
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
    t = np.array([[1.0], [0.0], [2.0]])
    def loss(w, b):
        return np.sum(0.5 * (X @ w + b - t) ** 2)
    def gradient(w, b):
        e = X @ w + b - t
        return e.T @ X, e
    """
    result = check_gradient(reader(code), points=[(np.array([[0.1], [0.2]]), 0.3)])
    assert "It is transposed" in result.message
    code = code.replace("return e.T @ X, e", "return X.T @ e, e")
    result = check_gradient(reader(code), points=[(np.array([[0.1], [0.2]]), 0.3)])
    assert "The b part of gradient() has shape (3, 1)" in result.message and "added up" in result.message


def test_a_shape_error_names_the_arrays_on_the_line_that_failed():
    # Several arrays in reach have the shapes that met; the line says which ones did.
    code = """
    X = np.ones((4, 2))
    t = np.ones((4, 1))
    def loss(w, b):
        return np.sum(0.5 * (X @ w + b - t) ** 2)
    def gradient(w, b):
        error = X @ w + b - t
        slope_w = X
        return slope_w @ error, np.sum(error)
    """
    ns = {"np": np}
    assert run_cell(textwrap.dedent(code), ns, name="cell 1").ok  # as the kernel runs it: its lines are known
    result = check_gradient(ns, points=[(np.array([[0.1], [0.2]]), 0.3)])
    assert "slope_w @ error met shapes (4, 2) and (4, 1)" in result.message
    # Without the source line, arrays of the same shapes are not guessed at.
    result = check_gradient(reader(code), points=[(np.array([[0.1], [0.2]]), 0.3)])
    assert "met inner sizes 2 and 4" in result.message and "X @ t" not in result.message


def test_a_rate_at_the_edge_zigzags_and_a_text_rate_is_not_a_number():
    ns = reader(LOOP.replace("0.001, 0", "0.0095, 0"))
    result = check_training(ns)
    assert not result.passed and "zigzag" in result.message and "learning_rate is 0.0095 now" in result.message
    assert check_training(reader(LOOP.replace("0.001, 0", "0.005, 0"))).passed
    result = check_training(reader(LOOP.replace("0.001, 0", "'0.005', 0")))
    assert result.message == "learning_rate is '0.005', not a number."


def test_an_argument_counted_several_times():
    text = message("def f(x, b):\n    return 3 * b + x\n", "f", lambda x, b: x + b, [(1.0, 2.0), (0.5, -1.0), (2.0, 4.0)])
    assert "`b` is counted 3 times" in text


def test_gradient_parts_returned_in_the_wrong_order():
    code = LOOP.replace("    return dw, db", "    return db, dw")
    code += "\ndef loss(w, b):\n    return sum((w * xi + b - yi) ** 2 for xi, yi in data) / 2\n"
    result = check_gradient(reader(code))
    assert "The w and b parts are swapped at every point tested: return them in the order dw, db." in result.message


def test_a_broadcast_error_names_an_array_only_when_its_shape_is_unique():
    ns = reader("""
    A, B, C = np.ones(3), np.zeros(3), np.ones(4)
    def f(x):
        return A + C + B * x
    """)
    result = check_function(ns, "f", lambda x: x, [1.0])
    assert "C (4,)" in result.message and "A (3,)" not in result.message and "B (3,)" not in result.message


def test_an_extra_call_outside_a_right_loop_is_not_blamed_on_the_loop():
    code = LOOP.replace("        iteration_counter += 1", "        iteration_counter += 1\n    update()")
    result = check_train_loop(reader(code))
    assert "the loop ran 20 times, so update() is called 1 time more outside it" in result.message


def test_a_gradient_message_shows_matrix_parameters_on_one_line():
    code = """
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    def loss(w, b):
        return np.sum(0.5 * (X @ w + b) ** 2)
    def gradient(w, b):
        return -(X.T @ (X @ w + b)), -np.sum(X @ w + b)
    """
    result = check_gradient(reader(code), points=[(np.array([[0.3], [-0.2]]), 0.1)])
    assert "At w = [[ 0.3], [-0.2]], b = 0.1," in result.message and "\n" not in result.message
