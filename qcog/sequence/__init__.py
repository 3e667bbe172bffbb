"""Sequence models: quantum LSTM, hybrid encoder-decoder translation, quantum adapters.

- :mod:`qcog.sequence.circuit_bank`: several circuits on the same angles, one engine call.
- :mod:`qcog.sequence.qlstm`: QLSTM (Chen, Yoo and Fang 2020), a drop-in for ``nn.LSTM``.
- :mod:`qcog.sequence.recurrent`: series regression / text classification with a QLSTM
  or its parameter-matched ``nn.LSTM`` twin (model kind ``qlstm``).
- :mod:`qcog.sequence.series`: damped-pendulum and Bessel-function series as windows.

These modules import torch; ``import qcog`` does not import them.
"""
