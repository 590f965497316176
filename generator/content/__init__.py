"""Reading our own YAML content: find and read the files, merge overrides, validate, build the model."""
