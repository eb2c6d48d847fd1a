"""Each check passes on correct reader code and names each kind of mistake."""

import textwrap

import numpy as np
import pytest

from checks import (
    Check,
    check_function,
    check_gradient,
    check_shape,
    check_train_loop,
    check_training,
    check_value,
    explain_shapes,
    shape_error_message,
)
from engine import line

SETUP = """
data = [(1, 0.85), (2, 1.43), (3, 1.92), (4, 2.59), (5, 3.20), (6, 3.82), (7, 4.38), (8, 4.97)]
w = 1
b = 0
learning_rate = 0.001

def y(x, w, b):
    return w * x + b

def loss(w, b):
    sum = 0
    for xi, yi in data:
        sum += (y(xi, w, b) - yi) ** 2
    return sum / 2
"""

GRADIENT = """
def gradient():
    dw = db = 0
    for xi, yi in data:
        dw += (y(xi, w, b) - yi) * xi
        db += y(xi, w, b) - yi
    return dw, db
"""

UPDATE = """
def update():
    dw, db = gradient()
    global w, b
    w -= dw * learning_rate
    b -= db * learning_rate
"""


def lesson(*cells, **overrides):
    """Run reader cells in a fresh namespace, as the lesson kernel does."""
    ns = {}
    for cell in (SETUP,) + cells:
        exec(textwrap.dedent(cell), ns)
    ns.update(overrides)
    return ns


def snapshot(ns):
    return {k: v for k, v in ns.items()}, [tuple(p) for p in ns["data"]] if "data" in ns else None


def assert_untouched(ns, before):
    bindings, data = before
    assert set(ns) == set(bindings)
    assert all(ns[k] is bindings[k] for k in bindings)
    if data is not None:
        assert [tuple(p) for p in ns["data"]] == data


def run_check(check, ns, *args, **kwargs):
    before = snapshot(ns)
    result = check(ns, *args, **kwargs)
    assert isinstance(result, Check)
    assert_untouched(ns, before)
    return result


# check_function -------------------------------------------------------------

CASES = [(2, 3, 1), (-3, 2, 0), (0.5, -1, 4)]


def test_function_passes_when_correct():
    result = run_check(check_function, lesson(), "y", line, CASES)
    assert result.passed and bool(result) and "all 3 inputs" in result.message


def test_function_says_where_it_differs():
    ns = lesson("def y(x, w, b):\n    return x\n")
    result = run_check(check_function, ns, "y", line, CASES)
    assert not result and not result.passed
    assert result.message == "y(2, 3, 1) returned 2, but it should return 7. It returns its input `x` unchanged."


def test_function_missing_none_and_errors():
    assert "no function called `z`" in run_check(check_function, lesson(), "z", line, CASES).message
    ns = lesson("def y(x, w, b):\n    w * x + b\n")
    assert "returned nothing (None)" in run_check(check_function, ns, "y", line, CASES).message
    ns = lesson("def y(x, w, b):\n    return w * q + b\n")
    message = run_check(check_function, ns, "y", line, CASES).message
    assert message == "y(2, 3, 1) stopped with NameError: name 'q' is not defined."
    ns = lesson("y = 3\n")
    assert "not a function" in run_check(check_function, ns, "y", line, CASES).message


def test_function_reports_shapes():
    ns = lesson("import numpy as np\ndef f(x):\n    return np.zeros(2)\n")
    result = run_check(check_function, ns, "f", lambda x: np.zeros(3), [(1.0,)])
    assert "has shape (2,), expected (3,)" in result.message


# check_gradient -------------------------------------------------------------


def test_gradient_passes_on_the_articles_code():
    result = run_check(check_gradient, lesson(GRADIENT))
    assert result.passed, result.message
    assert "3 points" in result.message


def test_gradient_with_loss_reading_globals():
    ns = lesson(GRADIENT, """
def loss():
    total = 0
    for xi, yi in data:
        total += (y(xi, w, b) - yi) ** 2
    return total / 2
""")
    assert run_check(check_gradient, ns).passed


def test_gradient_names_the_wrong_component():
    ns = lesson(GRADIENT.replace("db += y(xi, w, b) - yi", "db += (y(xi, w, b) - yi) * xi"))
    result = run_check(check_gradient, ns)
    assert not result.passed
    assert result.message.startswith("The b part of your gradient is off. At w = ")
    assert "gradient() gives db = " in result.message and "at a rate of" in result.message


def test_gradient_diagnoses_sign_and_factor_two():
    ns = lesson(GRADIENT.replace("(y(xi, w, b) - yi) * xi", "(yi - y(xi, w, b)) * xi"))
    result = run_check(check_gradient, ns)
    assert result.message.startswith("The w part") and "wrong sign" in result.message
    ns = lesson(GRADIENT.replace("dw += ", "dw += 2 * ").replace("db += ", "db += 2 * "))
    result = run_check(check_gradient, ns)
    assert "(the b part is off too)" in result.message and "twice" in result.message


def test_gradient_shape_of_answer_and_errors():
    ns = lesson("def gradient():\n    return 1.0, 2.0, 3.0\n")
    assert "returned 3 values, but there are 2 parameters" in run_check(check_gradient, ns).message
    ns = lesson("def gradient():\n    pass\n")
    assert "returned nothing" in run_check(check_gradient, ns).message
    ns = lesson("def gradient():\n    return 1 / 0\n")
    assert "ZeroDivisionError" in run_check(check_gradient, ns).message
    assert "no gradient function" in run_check(check_gradient, lesson()).message


def test_gradient_for_vector_parameters():
    ns = lesson("""
import numpy as np
X = np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
t = np.array([1.0, 0.0, 2.0])
v = np.zeros(2)
c = 0.0
def cost(v, c):
    return 0.5 * np.sum((X @ v + c - t) ** 2)
def grad(v, c):
    r = X @ v + c - t
    return X.T @ r, np.sum(r) * 3
""")
    result = run_check(check_gradient, ns, gradient="grad", loss="cost", params=("v", "c"))
    assert result.message.startswith("The c part")
    ns["grad"] = lambda v, c: (X_T_r(ns, v, c), float(np.sum(ns["X"] @ v + c - ns["t"])))
    assert run_check(check_gradient, ns, gradient="grad", loss="cost", params=("v", "c")).passed


def X_T_r(ns, v, c):
    return ns["X"].T @ (ns["X"] @ v + c - ns["t"])


# check_training ---------------------------------------------------------------


def test_training_passes_with_a_good_rate():
    result = run_check(check_training, lesson(GRADIENT, UPDATE))
    assert result.passed, result.message
    assert result.message.startswith("The loss fell from 13.77 to ")


def test_training_nothing_changed():
    ns = lesson(GRADIENT, "def update():\n    dw, db = gradient()\n    new_w = w - dw * learning_rate\n")
    result = run_check(check_training, ns)
    assert result.message.startswith("Nothing changed: after 50 calls of update(), w = 1, b = 0 still.")
    assert "global w, b" in result.message


def test_training_wrong_sign():
    ns = lesson(GRADIENT, UPDATE.replace("-=", "+="))
    result = run_check(check_training, ns)
    assert result.message.startswith("update() moves w and b uphill")


def test_training_rate_too_high():
    ns = lesson(GRADIENT, UPDATE, learning_rate=0.01)
    result = run_check(check_training, ns)
    assert result.message.startswith("The loss is growing without bound: 13.77 at the start")
    assert "(learning_rate is 0.01 now)" in result.message
    assert ns["w"] == 1 and ns["learning_rate"] == 0.01


def test_training_too_slow():
    result = run_check(check_training, lesson(GRADIENT, UPDATE, learning_rate=1e-8))
    assert "too slow to notice" in result.message and "larger learning rate" in result.message


def test_training_missing_global_statement():
    ns = lesson(GRADIENT, "def update():\n    dw, db = gradient()\n    w -= dw * learning_rate\n")
    result = run_check(check_training, ns)
    assert "UnboundLocalError" in result.message and "global w, b" in result.message


def test_training_with_named_loss_and_start():
    ns = lesson(GRADIENT, UPDATE)
    result = run_check(check_training, ns, loss="loss", start={"w": -1.0, "b": 3.0}, iterations=10)
    assert result.passed and "10 steps" in result.message


def test_training_parameter_that_stops_being_a_number():
    ns = lesson(GRADIENT, "def update():\n    global w\n    w = None\n")
    assert run_check(check_training, ns).message.startswith("After update(), w is None, not a number")


def test_namespace_is_restored_when_the_author_reference_raises():
    ns = lesson()
    before = snapshot(ns)

    def broken_reference(x, w, b):
        raise RuntimeError("author bug")

    ns["extra_list"] = [1, 2]
    before = snapshot(ns)
    with pytest.raises(RuntimeError):
        check_function(ns, "y", broken_reference, CASES)
    assert_untouched(ns, before)


def test_in_place_changes_to_arrays_and_lists_are_undone():
    ns = lesson(GRADIENT, """
import numpy as np
p = np.array([1.0, 0.0])
def loss_p(p):
    return float(np.sum((p - 3.0) ** 2))
def step_p():
    p[...] -= 0.1 * 2 * (p - 3.0)
    data.append((9, 9.0))
""")
    array, data = ns["p"], list(ns["data"])
    result = check_training(ns, step="step_p", loss="loss_p", params=("p",), iterations=5, rate=None)
    assert result.passed, result.message
    assert ns["p"] is array and ns["p"].tolist() == [1.0, 0.0] and ns["data"] == data


def test_training_survives_overflow():
    ns = lesson(GRADIENT, UPDATE, learning_rate=1e150)
    assert "growing without bound" in run_check(check_training, ns, loss="loss").message


TRAIN = """
iteration_counter = 0
def train(iterations=100):
    global iteration_counter
    for i in range(iterations):
        {body}
        iteration_counter += 1
"""


def test_train_loop_passes_when_update_is_called():
    ns = lesson(GRADIENT, UPDATE, TRAIN.format(body="update()"))
    result = run_check(check_train_loop, ns)
    assert result.passed, result.message
    assert ns["iteration_counter"] == 0


def test_train_loop_without_update():
    ns = lesson(GRADIENT, UPDATE, TRAIN.format(body="pass"))
    result = run_check(check_train_loop, ns)
    assert result.message == ("train(20) ran and iteration_counter went up by 20, but w and b did not move: "
                              "call update() inside the for loop.")


def test_train_loop_counter_and_rate():
    ns = lesson(GRADIENT, UPDATE, TRAIN.format(body="update()").replace("iteration_counter += 1", "pass"))
    assert "should add 1 to iteration_counter" in run_check(check_train_loop, ns).message
    ns = lesson(GRADIENT, UPDATE, TRAIN.format(body="update()"), learning_rate=0.01)
    assert "growing without bound" in run_check(check_train_loop, ns).message


# values, shapes -----------------------------------------------------------------


def test_check_value():
    assert check_value(2057.7341, 2057.7341333, tol=1e-6, what="the error").passed
    result = check_value(2100.0, 2058.0, tol=1e-3, what="the error")
    assert result.message == "the error is 2100, but it should be 2058."
    assert "should be a number" in check_value("a", 1.0).message
    assert "should be a number, but it is None" in check_value(None, 1.0).message
    assert "shape (2,)" in check_value([1.0, 2.0], [1.0, 2.0, 3.0]).message
    assert str(check_value(1.0, 1.0)).startswith("✓")


def test_check_shape():
    assert check_shape(np.zeros((10, 3)), (None, 3), "X").passed
    result = check_shape(np.zeros((10, 2)), (10, 3), "X")
    assert result.message == "X has shape (10, 2) (10 rows and 2 columns), but it should have shape (10, 3)."


def test_explain_shapes_matmul():
    X, W = np.ones((10, 2)), np.ones((3, 1))
    result = explain_shapes(lambda X, W: X @ W, X, W)
    assert not result.passed
    assert result.message == "X @ W met shapes (10, 2) and (3, 1): the 2 columns of X must equal the 3 rows of W."
    ok = explain_shapes(lambda X, W: X @ W, np.ones((10, 3)), W)
    assert ok.passed and ok.value.shape == (10, 1) and "(10, 1)" in ok.message


def test_explain_shapes_vectors_dot_and_broadcast():
    message = explain_shapes(lambda X, w: X @ w, np.ones((10, 2)), np.ones(3)).message
    assert message == "X @ w met shapes (10, 2) and (3,): the 2 columns of X must equal the 3 entries of w."
    message = explain_shapes(np.dot, np.ones((10, 2)), np.ones((3, 1)), names=("X", "W")).message
    assert message.startswith("X @ W met shapes (10, 2) and (3, 1)")
    message = explain_shapes(lambda a, b: a + b, np.ones((10, 2)), np.ones((3, 1))).message
    assert message.startswith("Element-wise arithmetic met shapes a (10, 2) and b (3, 1)")
    assert "sizes 3 and 10" in message


def test_shape_error_message_ignores_other_errors():
    assert shape_error_message(ValueError("something else")) is None
    with pytest.raises(ZeroDivisionError):
        explain_shapes(lambda a: 1 / 0, 1.0)


def test_a_shape_error_in_the_readers_code_names_the_shapes_that_met():
    ns = {}
    exec("import numpy as np\nX = np.ones((4, 3))\nW = np.ones((2, 1))\n"
         "def forward(b):\n    return X @ W + b", ns)
    result = check_function(ns, "forward", lambda b: np.ones((4, 1)) * 3 + b, [(0.0,)])
    assert not result.passed
    assert result.message == ("forward(0) stopped: X @ W met shapes (4, 3) and (2, 1): "
                              "the 3 columns of X must equal the 2 rows of W.")
