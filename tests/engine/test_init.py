import subprocess
import sys
from pathlib import Path

import engine

ROOT = Path(__file__).resolve().parents[2]

API = """
line linear sigmoid sigmoid_derivative softmax neuron forward chain_factors gradients_from_factors
network_curve neuron_contributions l1 l1_grad l2 l2_grad mse mse_grad binary_cross_entropy
binary_cross_entropy_grad binary_cross_entropy_from_logits cross_entropy cross_entropy_grad LOSSES get_loss
line_gradient network_objective derivative numerical_gradient roller_coaster divergence History loss_grid
neuron_loss_slices slice_minimum LINE_POINTS line_points HOUSES_3 HOUSES_10 HOUSE_LABELS HOUSE_CLASSES houses_3
houses_10 house_labels one_hot two_clusters normalization_stats normalize NETWORK_4
""".split()


def test_public_names_are_exported():
    missing = [name for name in API if name not in engine.__all__]
    assert not missing
    assert all(not isinstance(getattr(engine, name), type(engine)) for name in engine.__all__)


def test_docstrings_state_what_to_do():
    for name in engine.__all__:
        value = getattr(engine, name)
        if callable(value) and not isinstance(value, type):
            assert value.__doc__ and value.__doc__.strip(), name


def test_import_is_light():
    # The browser imports the engine at start-up: NumPy and the standard library only.
    code = "import sys, engine; print(sorted(m.split('.')[0] for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not {"scipy", "pandas", "matplotlib"} & set(eval(out))


def test_engine_is_only_mathematics():
    # The engine is the bottom layer: it imports nothing of the packages above it.
    code = "import sys, engine; print(sorted(m.split('.')[0] for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not {"checks", "figures", "kernel", "builder"} & set(eval(out))
