"""eventprint: one YAML source of truth about an event, turned into print-ready PDFs."""
