//! (being written) The camt statement reader.
