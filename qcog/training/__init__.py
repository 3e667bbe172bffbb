"""Training hybrid models: the loop, metrics, checkpoints, and the experiment glue.

- :mod:`qcog.training.metrics`: accuracy, macro F1, confusion matrix (numpy).
- :mod:`qcog.training.checkpoint`: save/load of everything a resume needs.
- :mod:`qcog.training.trainer`: :func:`~qcog.training.trainer.fit` with progress bars,
  validation, early stopping, checkpoint every epoch, exact resume.
- :mod:`qcog.training.experiment`: data + model + fit + test for one model kind
  (what ``qcog train`` and ``qcog evaluate`` run).
"""
