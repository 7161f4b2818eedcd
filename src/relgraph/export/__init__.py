"""Export stage: one module per format, each turning a Dataset into bytes."""
