//! The money-trail picture: accounts as boxes in layers, transfers as arrows between them.

use crate::model::{Account, TrailPicture, Transfer};

/// The trail's pictures: one for the whole trail, or one per month when it has more than
/// [`MAX_TRANSFERS_PER_PICTURE`] transfers.
pub fn pictures(_transfers: &[Transfer], _accounts: &[Account], _zone: &str) -> Vec<TrailPicture> {
    Vec::new()
}

/// Most transfers drawn in one picture before the trail is split by month.
pub const MAX_TRANSFERS_PER_PICTURE: usize = 40;
