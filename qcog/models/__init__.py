"""Hybrid quantum-classical models and their classical twins (PyTorch).

- :mod:`qcog.models.cnn`: LeNet-5-style CNN with a quantum layer in its bottleneck.
- :mod:`qcog.models.quanvolution`: quanvolution layer (Henderson et al. 2019) and a CNN
  that uses it as its first layer.
- :mod:`qcog.models.transformer`: Transformer encoder classifier whose attention and/or
  feed-forward blocks can be quantum, block by block.
- :mod:`qcog.models.twins`: the quantum core and its classical twin of matched size.
- :mod:`qcog.models.registry`: model kinds as data (config class, model class, inputs).

These modules import torch; ``import qcog`` does not import them.
"""
