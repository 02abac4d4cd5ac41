//! budget-xlsx: Excel for budget-form.
//!
//! Bytes in, bytes out: no file IO, no clock of its own, no browser API, so the
//! same code runs in the CLI and in a browser worker (wasm32).
