"""The course's mathematics in plain NumPy: models, losses, gradients, descent.

Lessons import what they need: `from engine import sigmoid, line, LINE_POINTS`.
Importing is cheap (nothing is computed at import time).
"""

from .activation import sigmoid, sigmoid_derivative, softmax
from .calculus import (
    ROLLER_COASTER_DOMAIN,
    derivative,
    numerical_gradient,
    roller_coaster,
    roller_coaster_slope,
    tangent_line,
)
from .datasets import (
    CLUSTER_CENTRE,
    HOUSE_CLASSES,
    HOUSE_LABELS,
    HOUSES_3,
    HOUSES_10,
    LINE_POINTS,
    NETWORK_1,
    NETWORK_2,
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
from .descent import Trainer, divergence, gradient_step
from .gradients import (
    line_gradient,
    line_objective,
    linear_objective,
    network_objective,
    neuron_objective,
    softmax_objective,
)
from .landscape import line_loss_grid, loss_grid, loss_slice, neuron_loss_slices, slice_minimum
from .line import line
from .linear import linear
from .losses import (
    EPSILON,
    LOSSES,
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    binary_cross_entropy_from_logits_grad,
    binary_cross_entropy_grad,
    cross_entropy,
    cross_entropy_from_logits,
    cross_entropy_from_logits_grad,
    cross_entropy_grad,
    get_loss,
    l1,
    l1_grad,
    l2,
    l2_grad,
    mse,
    mse_grad,
)
from .network import (
    backward,
    chain_factors,
    forward,
    gradients_from_factors,
    init_network,
    network_curve,
    neuron_contributions,
)
from .neuron import neuron

from types import ModuleType as _ModuleType

# Every public name above, but not the submodules the imports bound.
__all__ = sorted(
    name for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
)
