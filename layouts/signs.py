"""The signs: not written yet. generator.build reports it as not available."""
