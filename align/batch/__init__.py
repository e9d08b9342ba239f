"""Many document pairs: manifests, worker pools, resumable runs and polars reports."""
