"""Offline datasets for qcog's hybrid models: images (digits, folders, arrays) and text.

Every loader returns a :class:`qcog.data.dataset.Dataset` (numpy arrays plus class names
and provenance); :func:`qcog.data.splits.split_dataset` makes deterministic, seeded,
stratified train/validation/test splits. Nothing here imports torch, and nothing
downloads anything: the data ship with installed packages or come from the user.
"""
