//! (being written) The csv statement reader.
