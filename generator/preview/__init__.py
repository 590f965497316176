"""``eventprint serve``'s page and server (the watching and building is in ``eventprint.serve``)."""
