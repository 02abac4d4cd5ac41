//! The submission file v1: export and import.
