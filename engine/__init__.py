"""The course's mathematics in plain NumPy: models, losses, gradients, descent.

Lessons import what they need: `from engine import sigmoid, houses_3`.
Importing is cheap (nothing is computed at import time). Every name below is
also in scope in an exercise's check (kernel/exercises.py).

Modules: activation (sigmoid, softmax), line, linear, neuron, network (the
one-hidden-layer network and its chain rule), losses (with their
derivatives), gradients (analytic gradients and objectives), calculus (the
one central difference), descent (divergence and the training History),
landscape (loss grids and slices), datasets (the course's data), formatting
(how numbers are written for readers; not mathematics, see its docstring).
"""

from .activation import sigmoid, sigmoid_derivative, softmax
from .calculus import derivative, numerical_gradient, roller_coaster
from .datasets import (
    CLUSTER_CENTRE,
    HOUSE_CLASSES,
    HOUSE_LABELS,
    HOUSES_3,
    HOUSES_10,
    LINE_POINTS,
    NETWORK_4,
    house_labels,
    houses_3,
    houses_10,
    line_points,
    normalization_stats,
    normalize,
    one_hot,
    two_clusters,
)
from .descent import History, divergence
from .gradients import line_gradient, network_objective
from .landscape import loss_grid, neuron_loss_slices, slice_minimum
from .line import line
from .linear import linear
from .losses import (
    EPSILON,
    LOSSES,
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_grad,
    get_loss,
    l1,
    l1_grad,
    l2,
    l2_grad,
    mse,
    mse_grad,
)
from .network import chain_factors, forward, gradients_from_factors, network_curve, neuron_contributions
from .neuron import neuron

from types import ModuleType as _ModuleType

# Every public name above, but not the submodules the imports bound.
__all__ = sorted(
    name for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
)
