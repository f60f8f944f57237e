"""Receipt printer: document model, ESC/POS encoder, status and driver."""
