"""The site: not written yet. generator.build reports it as not available."""
