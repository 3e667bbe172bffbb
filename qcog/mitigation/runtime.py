"""qcog's mitigation options as IBM Runtime estimator options, for ``ibm:`` backends.

On IBM hardware the runtime's Estimator mitigates itself; qcog maps its options onto it
rather than running its own calibration and folding there:

=====================  ==============================================================
qcog                   runtime estimator option
=====================  ==============================================================
(always)               ``resilience_level = 0``: only what is asked for below applies
``readout``            ``resilience.measure_mitigation = True`` (TREX: twirled readout
                       error extinction; it learns the readout noise itself)
``zne``                ``resilience.zne_mitigation = True``,
                       ``resilience.zne.amplifier = "gate_folding"``
``scales``             ``resilience.zne.noise_factors``
``extrapolation``      ``resilience.zne.extrapolator``: ``linear`` -> "linear",
                       ``exponential`` -> "exponential", ``richardson`` ->
                       "polynomial_degree_<scales - 1>"
=====================  ==============================================================

>>> from qcog.mitigation.options import Mitigation
>>> runtime_options(Mitigation.parse("both", scales="1,3,5", extrapolation="richardson"))["resilience.zne.extrapolator"]
'polynomial_degree_2'
"""

from __future__ import annotations

from typing import Any

from qcog.mitigation.options import Mitigation


def runtime_options(mitigation: Mitigation) -> dict[str, Any]:
    """Dotted runtime estimator option paths and values for ``mitigation`` (see the table)."""
    options: dict[str, Any] = {"resilience_level": 0}
    if mitigation.readout:
        options["resilience.measure_mitigation"] = True
    if mitigation.zne:
        extrapolator = {
            "linear": "linear",
            "exponential": "exponential",
            "richardson": f"polynomial_degree_{len(mitigation.scales) - 1}",
        }[mitigation.extrapolation]
        options.update({
            "resilience.zne_mitigation": True,
            "resilience.zne.amplifier": "gate_folding",
            "resilience.zne.noise_factors": list(mitigation.scales),
            "resilience.zne.extrapolator": extrapolator,
        })
    return options
