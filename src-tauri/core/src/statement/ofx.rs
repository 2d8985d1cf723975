//! (being written) The ofx statement reader.
