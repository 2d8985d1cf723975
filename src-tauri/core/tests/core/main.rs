//! The core's integration tests, one binary: the encrypted store, the records in a case, the
//! dossier, and hostile input. Shared builders are in `support`.

#![allow(clippy::unwrap_used)]

mod chat_interchange;
mod chats;
mod dossier;
mod hostile_input;
mod money;
mod phone_evidence;
mod records;
mod statements;
mod store;
mod support;
