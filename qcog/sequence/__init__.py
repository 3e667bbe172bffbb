"""Sequence models: quantum LSTM, hybrid encoder-decoder translation, quantum adapters.

- :mod:`qcog.sequence.circuit_bank`: several circuits on the same angles, one engine call.
- :mod:`qcog.sequence.qlstm`: QLSTM (Chen, Yoo and Fang 2020), a drop-in for ``nn.LSTM``.
- :mod:`qcog.sequence.recurrent`: series regression / text classification with a QLSTM
  or its parameter-matched ``nn.LSTM`` twin (model kind ``qlstm``).
- :mod:`qcog.sequence.series`: damped-pendulum and Bessel-function series as windows.
- :mod:`qcog.sequence.pairs`: date pairs in two languages (Babel, CLDR), reversible tokens.
- :mod:`qcog.sequence.seq2seq`: encoder-decoder Transformer with quantum blocks (``seq2seq``).
- :mod:`qcog.sequence.decoding`: greedy and beam search.
- :mod:`qcog.sequence.translation_scores`: BLEU and chrF (sacrebleu), exact match.
- :mod:`qcog.sequence.objectives`: regression and teacher-forcing training objectives.
- :mod:`qcog.sequence.adapters`: quantum adapters and ``peft`` LoRA on the same modules.
- :mod:`qcog.sequence.finetune`: a pretrained Transformer prepared for full, LoRA or
  adapter fine-tuning (model kind ``adapter``).
- :mod:`qcog.sequence.pretrain`: the cached pretrained network and the shared vocabulary.
- :mod:`qcog.sequence.data`: the data hooks of the three model kinds.

These modules import torch; ``import qcog`` does not import them.
"""
