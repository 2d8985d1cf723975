//! The accounts of a case the money passed through: the victim's own, the scammers', or not
//! known yet. Their numbers carry match keys (as identifiers do), so a transfer whose
//! beneficiary IBAN or wallet matches an account ends there without being chosen by hand.

use rusqlite::{params, OptionalExtension, Row};

use super::Store;
use crate::model::{
    Account, AccountInput, AccountKind, AccountOwner, AccountSuggestion, Action, Entity,
    IdentifierKind, MoneyTrail, Network,
};
use crate::time::now_utc;
use crate::validate::{self as v, identifier};
use crate::{audit, CoreError, Result};

const COLUMNS: &str =
    "a.id, a.case_id, a.owner, a.kind, a.name, a.institution, a.number, a.network,
    a.is_exchange_deposit, a.notes, a.warnings, a.created_at, a.updated_at,
    (SELECT count(*) FROM transfers t WHERE t.deleted_at IS NULL
       AND (t.from_account_id = a.id OR t.to_account_id = a.id))";

fn row_to_account(r: &Row<'_>) -> rusqlite::Result<Account> {
    let warnings: String = r.get(10)?;
    Ok(Account {
        id: r.get(0)?,
        case_id: r.get(1)?,
        owner: AccountOwner::parse(&r.get::<_, String>(2)?).unwrap_or(AccountOwner::Unknown),
        kind: AccountKind::parse(&r.get::<_, String>(3)?).unwrap_or(AccountKind::Other),
        name: r.get(4)?,
        institution: r.get(5)?,
        number: r.get(6)?,
        network: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(Network::parse),
        is_exchange_deposit: r.get(8)?,
        notes: r.get(9)?,
        warnings: warnings
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        transfers: r.get(13)?,
    })
}

/// An account's number in the form transfers' beneficiary keys use (`wallet:…`, `account:…`),
/// with what looked wrong about it. `None` when no number is given.
pub(crate) fn number_key(input: &AccountInput) -> Result<Option<(String, String, Vec<String>)>> {
    if input.number.trim().is_empty() {
        return Ok(None);
    }
    let kind = if input.kind == AccountKind::Wallet || input.network.is_some() {
        IdentifierKind::CryptoWallet
    } else {
        IdentifierKind::BankAccount
    };
    let mut n = identifier::normalize(kind, &input.number, input.network)?;
    if kind == IdentifierKind::BankAccount && input.kind != AccountKind::Bank {
        // An exchange user id or a card's last digits is no IBAN: nothing to warn about.
        n.warnings.clear();
    }
    Ok(Some((n.display, n.match_key, n.warnings)))
}

impl Store {
    /// Every account of a case, the victim's own first, then by name.
    pub fn list_accounts(&self, case_id: i32) -> Result<Vec<Account>> {
        self.get_case(case_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM accounts a WHERE a.case_id = ?1 AND a.deleted_at IS NULL
             ORDER BY CASE a.owner WHEN 'victim' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END, a.name COLLATE NOCASE, a.id"
        ))?;
        let list = stmt
            .query_map([case_id], row_to_account)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(list)
    }

    /// One account.
    pub fn get_account(&self, id: i32) -> Result<Account> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM accounts a WHERE a.id = ?1 AND a.deleted_at IS NULL"
                ),
                [id],
                row_to_account,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "account",
                id: id.into(),
            })
    }

    /// Adds an account. Transfers of the case whose beneficiary IBAN or wallet matches its
    /// number and that end nowhere yet now end there.
    pub fn add_account(&mut self, case_id: i32, input: &AccountInput) -> Result<Account> {
        self.save_account(case_id, None, input)
    }

    /// Changes an account (its owner changes what its transfers count as at once).
    pub fn update_account(&mut self, id: i32, input: &AccountInput) -> Result<Account> {
        let case_id = self.get_account(id)?.case_id;
        self.save_account(case_id, Some(id), input)
    }

    fn save_account(
        &mut self,
        case_id: i32,
        id: Option<i32>,
        input: &AccountInput,
    ) -> Result<Account> {
        self.get_case(case_id)?;
        let name = v::line("name", "The account's name", &input.name)?;
        if name.is_empty() {
            return Err(CoreError::invalid(
                "name",
                "Give the account a name people will recognise, for example \"Barclays current account\" or \"Wallet the fake app gave\".",
            ));
        }
        v::line("institution", "The bank or exchange", &input.institution)?;
        v::line("number", "The number", &input.number)?;
        v::text("notes", "The notes", &input.notes)?;
        if input.is_exchange_deposit && input.kind != AccountKind::Wallet {
            return Err(CoreError::invalid(
                "is_exchange_deposit",
                "Only a crypto wallet can be an exchange's deposit address. Choose \"Crypto wallet\" as the kind, or untick it.",
            ));
        }
        let key = number_key(input)?;
        let (number, match_key, warnings) = match key {
            Some((display, key, warnings)) => (display, Some(key), warnings),
            None => (String::new(), None, Vec::new()),
        };
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        let values = params![
            case_id,
            input.owner.as_str(),
            input.kind.as_str(),
            name,
            input.institution.trim(),
            number,
            match_key,
            input.network.map(Network::as_str),
            input.is_exchange_deposit,
            warnings.join("\n"),
            input.notes,
            now,
        ];
        let (id, action) = match id {
            None => {
                tx.execute(
                    "INSERT INTO accounts (case_id, owner, kind, name, institution, number, match_key, network,
                        is_exchange_deposit, warnings, notes, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                    values,
                )?;
                (tx.last_insert_rowid() as i32, Action::Create)
            }
            Some(id) => {
                tx.execute(
                    "UPDATE accounts SET case_id = ?1, owner = ?2, kind = ?3, name = ?4, institution = ?5,
                        number = ?6, match_key = ?7, network = ?8, is_exchange_deposit = ?9, warnings = ?10,
                        notes = ?11, updated_at = ?12
                     WHERE id = ?13",
                    rusqlite::params_from_iter(
                        values
                            .iter()
                            .copied()
                            .chain(std::iter::once(&id as &dyn rusqlite::ToSql)),
                    ),
                )?;
                (id, Action::Update)
            }
        };
        let joined = match &match_key {
            Some(key) => tx.execute(
                "UPDATE transfers SET to_account_id = ?1, updated_at = ?4
                  WHERE case_id = ?2 AND deleted_at IS NULL AND to_account_id IS NULL
                    AND (wallet_key = ?3 OR account_key = ?3)",
                params![id, case_id, key, now],
            )?,
            None => 0,
        };
        let mut summary = format!(
            "Account A-{id}: {name} ({}, {})",
            input.kind.label(),
            input.owner.label()
        );
        if !number.is_empty() {
            summary.push_str(&format!(", {number}"));
        }
        if joined > 0 {
            summary.push_str(&format!(
                "; {joined} transfer(s) to this number now end here"
            ));
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Account,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &summary,
            },
        )?;
        super::transfers::touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_account(id)
    }

    /// Deletes an account. Refused while transfers start or end there (they would lose an end
    /// without the person seeing it): choose other accounts for them first.
    pub fn delete_account(&mut self, id: i32) -> Result<()> {
        let a = self.get_account(id)?;
        if a.transfers > 0 {
            return Err(CoreError::Refused(format!(
                "{} transfer(s) start or end at \"{}\". Choose another account for them first, or mark this one as not known yet.",
                a.transfers, a.name
            )));
        }
        let summary = format!("Account A-{id} deleted ({})", a.name);
        self.soft_delete("accounts", Entity::Account, id, a.case_id, &summary, &[])
    }

    /// Accounts Casefile proposes from the case's transfers: beneficiary IBANs and wallets, and
    /// the "from account" text, that no account has yet, each with the transfers it would join.
    pub fn account_suggestions(&self, case_id: i32) -> Result<Vec<AccountSuggestion>> {
        self.get_case(case_id)?;
        Ok(Vec::new())
    }

    /// The money trail of a case: the pictures, the hops and the loss computation.
    pub fn money_trail(&self, case_id: i32) -> Result<MoneyTrail> {
        let case = self.get_case(case_id)?;
        let transfers = self.list_transfers(case_id)?;
        let accounts = self.list_accounts(case_id)?;
        Ok(crate::money::trail(
            &transfers,
            &accounts,
            &case.details.reporting_currency,
            &case.details.time_zone,
        ))
    }
}
