//! The money trail: what each transfer is in the loss computation (a loss, a hop between the
//! victim's own accounts, money that came back, or a movement traced between other accounts),
//! and the picture of accounts and transfers. Pure functions over records the store read; no
//! store, no disk.

use crate::model::{
    Account, AccountOwner, Direction, HopRow, MoneyTrail, Transfer, TransferRole, TransferStatus,
};

pub mod layout;
pub mod place;
pub mod text;

/// The money trail of a case's transfers: pictures, hops (and what each paid for), and the
/// loss computation in `reporting` currency; dates in the case's `zone`.
pub fn trail(
    transfers: &[Transfer],
    accounts: &[Account],
    reporting: &str,
    zone: &str,
) -> MoneyTrail {
    let name = |id: Option<i32>| {
        id.and_then(|id| accounts.iter().find(|a| a.id == id))
            .map_or_else(|| "(no account chosen)".to_string(), |a| a.name.clone())
    };
    // Failed and reversed transfers moved no money: not drawn, not hops (the loss leaves them
    // out too).
    let moved: Vec<Transfer> = transfers
        .iter()
        .filter(|t| !matches!(t.status, TransferStatus::Failed | TransferStatus::Reversed))
        .cloned()
        .collect();
    let hops = moved
        .iter()
        .filter(|t| t.role == TransferRole::Hop)
        .map(|t| HopRow {
            transfer_id: t.id,
            occurred: t.occurred.recorded.clone(),
            date_only: t.date_only,
            amount: t.amount.clone(),
            currency: t.currency.clone(),
            from_account: name(t.from_account_id),
            to_account: name(t.to_account_id),
            funded: moved
                .iter()
                .filter(|u| u.source_ids.contains(&t.id))
                .map(|u| u.id)
                .collect(),
        })
        .collect();
    MoneyTrail {
        pictures: layout::pictures(&moved, accounts, zone),
        hops,
        loss: crate::store::summarize(transfers, reporting),
    }
}

/// What a transfer is in the loss computation, from its direction and the owners of its two
/// accounts (`None`: no account chosen for that end).
///
/// * Paid out from the victim's side (their own account, or none chosen): to one of their own
///   accounts it is a hop; to anyone else (scammers', unknown, none chosen) it left their
///   control — a loss.
/// * Received or recovered on the victim's side: from one of their own accounts it is a hop;
///   from anyone else it came back.
/// * Money into one of the victim's own accounts (chosen) from an account not chosen is not
///   guessed: it may be a hop from their bank or money the scammers paid back. It is
///   *unplaced* — counted nowhere and named, until its "from" account is chosen.
/// * A movement whose victim-side end is an account that is not the victim's (scammer to
///   scammer, traced on the chain) is shown in the trail and counted nowhere.
pub fn role(
    direction: Direction,
    from: Option<AccountOwner>,
    to: Option<AccountOwner>,
) -> TransferRole {
    let victims = |o: Option<AccountOwner>| matches!(o, None | Some(AccountOwner::Victim));
    let own = |o: Option<AccountOwner>| o == Some(AccountOwner::Victim);
    match direction {
        Direction::Out if !victims(from) => TransferRole::Traced,
        Direction::Out if own(to) => TransferRole::Hop,
        Direction::Out => TransferRole::Loss,
        Direction::In | Direction::Recovered if !victims(to) => TransferRole::Traced,
        Direction::In | Direction::Recovered if own(from) => TransferRole::Hop,
        Direction::In | Direction::Recovered if from.is_none() && own(to) => TransferRole::Unplaced,
        Direction::In => TransferRole::Received,
        Direction::Recovered => TransferRole::Recovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccountOwner::*;

    #[test]
    fn the_owners_of_both_ends_decide_what_a_transfer_is() {
        let cases = [
            (Direction::Out, None, None, TransferRole::Loss),
            (
                Direction::Out,
                Some(Victim),
                Some(Scammer),
                TransferRole::Loss,
            ),
            (
                Direction::Out,
                Some(Victim),
                Some(Unknown),
                TransferRole::Loss,
            ),
            (
                Direction::Out,
                Some(Victim),
                Some(Victim),
                TransferRole::Hop,
            ),
            (Direction::Out, None, Some(Victim), TransferRole::Hop),
            (
                Direction::Out,
                Some(Scammer),
                Some(Scammer),
                TransferRole::Traced,
            ),
            (
                Direction::Out,
                Some(Unknown),
                Some(Scammer),
                TransferRole::Traced,
            ),
            (
                Direction::In,
                Some(Scammer),
                Some(Victim),
                TransferRole::Received,
            ),
            (Direction::In, None, None, TransferRole::Received),
            (Direction::In, Some(Victim), Some(Victim), TransferRole::Hop),
            (
                Direction::In,
                Some(Scammer),
                Some(Unknown),
                TransferRole::Traced,
            ),
            (Direction::Recovered, None, None, TransferRole::Recovered),
            (
                Direction::Recovered,
                Some(Unknown),
                Some(Victim),
                TransferRole::Recovered,
            ),
            (Direction::Recovered, Some(Victim), None, TransferRole::Hop),
            // Into an own account from an account not chosen: not guessed.
            (Direction::In, None, Some(Victim), TransferRole::Unplaced),
            (
                Direction::Recovered,
                None,
                Some(Victim),
                TransferRole::Unplaced,
            ),
        ];
        for (direction, from, to, want) in cases {
            assert_eq!(
                role(direction, from, to),
                want,
                "{direction:?} {from:?} → {to:?}"
            );
        }
    }
}
