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

/// Which end of a transfer an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    From,
    To,
}

/// A name as compared with "from account" texts: any case, any spacing.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Payments out of a case with no "from" account whose "from account" text is `name`.
fn from_text_transfers(conn: &rusqlite::Connection, case_id: i32, name: &str) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, from_account FROM transfers
          WHERE case_id = ?1 AND deleted_at IS NULL AND direction = 'out'
            AND from_account_id IS NULL AND trim(from_account) <> ''",
    )?;
    let key = name_key(name);
    let ids = stmt
        .query_map([case_id], |r| {
            Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(_, text)| name_key(text) == key)
        .map(|(id, _)| id)
        .collect();
    Ok(ids)
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

    /// Adds an account. Transfers of the case that name it and have no account at that end
    /// yet now start or end there: those paid to (or received from) its IBAN or wallet, and,
    /// for one of the victim's own accounts, those whose "from account" text is its name.
    pub fn add_account(&mut self, case_id: i32, input: &AccountInput) -> Result<Account> {
        self.save_account(case_id, None, input, None)
    }

    /// Adds an account and makes it the `end` (`"from"` or `"to"`) of the given transfers, as
    /// an [`AccountSuggestion`] proposes. Every transfer must be this case's; one whose end
    /// already has another account keeps it. All in one transaction, audited.
    pub fn add_account_for(
        &mut self,
        case_id: i32,
        input: &AccountInput,
        transfer_ids: &[i32],
        end: &str,
    ) -> Result<Account> {
        let end = match end {
            "from" => End::From,
            "to" => End::To,
            other => {
                return Err(CoreError::invalid(
                    "end",
                    format!("\"{other}\" is not an end of a transfer: say \"from\" or \"to\"."),
                ))
            }
        };
        for id in transfer_ids {
            let ok: Option<i32> = self
                .conn
                .query_row(
                    "SELECT id FROM transfers WHERE id = ?1 AND case_id = ?2 AND deleted_at IS NULL",
                    [*id, case_id],
                    |r| r.get(0),
                )
                .optional()?;
            if ok.is_none() {
                return Err(CoreError::invalid(
                    "transfer_ids",
                    format!("Transfer T-{id} is not a transfer of this case. Nothing was saved."),
                ));
            }
        }
        self.save_account(case_id, None, input, Some((transfer_ids, end)))
    }

    /// Changes an account (its owner changes what its transfers count as at once).
    pub fn update_account(&mut self, id: i32, input: &AccountInput) -> Result<Account> {
        let case_id = self.get_account(id)?.case_id;
        self.save_account(case_id, Some(id), input, None)
    }

    fn save_account(
        &mut self,
        case_id: i32,
        id: Option<i32>,
        input: &AccountInput,
        attach: Option<(&[i32], End)>,
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
        // Whose it was before: a new owner changes what every transfer through it counts as.
        let before = match id {
            Some(id) => Some(self.get_account(id)?),
            None => None,
        };
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
        // The other side's number is the beneficiary's: where money went for a payment out,
        // where it came from for money received or recovered.
        let mut joined = match &match_key {
            Some(key) => {
                tx.execute(
                    "UPDATE transfers SET to_account_id = ?1, updated_at = ?4
                      WHERE case_id = ?2 AND deleted_at IS NULL AND to_account_id IS NULL
                        AND direction = 'out' AND (wallet_key = ?3 OR account_key = ?3)",
                    params![id, case_id, key, now],
                )? + tx.execute(
                    "UPDATE transfers SET from_account_id = ?1, updated_at = ?4
                      WHERE case_id = ?2 AND deleted_at IS NULL AND from_account_id IS NULL
                        AND direction <> 'out' AND (wallet_key = ?3 OR account_key = ?3)",
                    params![id, case_id, key, now],
                )?
            }
            None => 0,
        };
        // The victim's own account named as the "from account" of payments out.
        if input.owner == AccountOwner::Victim {
            let ids = from_text_transfers(&tx, case_id, &name)?;
            for t in &ids {
                joined += tx.execute(
                    "UPDATE transfers SET from_account_id = ?1, updated_at = ?3 WHERE id = ?2",
                    params![id, t, now],
                )?;
            }
        }
        let mut attached = Vec::new();
        if let Some((ids, end)) = attach {
            let column = match end {
                End::From => "from_account_id",
                End::To => "to_account_id",
            };
            for t in ids {
                if tx.execute(
                    &format!(
                        "UPDATE transfers SET {column} = ?1, updated_at = ?3
                          WHERE id = ?2 AND {column} IS NULL"
                    ),
                    params![id, t, now],
                )? > 0
                {
                    attached.push(format!("T-{t}"));
                }
            }
        }
        let mut summary = format!(
            "Account A-{id}: {name} ({}, {})",
            input.kind.label(),
            input.owner.label()
        );
        if !number.is_empty() {
            summary.push_str(&format!(", {number}"));
        }
        if let Some(b) = before.as_ref().filter(|b| b.owner != input.owner) {
            summary.push_str(&format!(
                "; was {} — its {} transfer(s) count anew",
                b.owner.label(),
                b.transfers
            ));
        }
        if joined > 0 {
            summary.push_str(&format!(
                "; {joined} transfer(s) naming it now start or end here"
            ));
        }
        if let Some((_, end)) = attach {
            if !attached.is_empty() {
                summary.push_str(&format!(
                    "; {} now {} here",
                    attached.join(", "),
                    match end {
                        End::From => "start",
                        End::To => "end",
                    }
                ));
            }
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
        // Deleted transfers that ended here lose that end: brought back, they end nowhere
        // instead of at an account that is gone.
        self.soft_delete(
            "accounts",
            Entity::Account,
            id,
            a.case_id,
            &summary,
            &[
                "UPDATE transfers SET from_account_id = NULL WHERE from_account_id = ?1 AND deleted_at IS NOT NULL",
                "UPDATE transfers SET to_account_id = NULL WHERE to_account_id = ?1 AND deleted_at IS NOT NULL",
            ],
        )
    }

    /// Accounts Casefile proposes from the case's transfers: beneficiary IBANs and wallets, and
    /// the "from account" text, that no account has yet, each with the transfers it would join.
    ///
    /// * The other side's numbers: transfers paid to (or received from) a wallet or IBAN no
    ///   account has, with no account chosen at that end, grouped by the number's match key
    ///   and by end — owner "not known yet", a crypto wallet or a bank account, named after
    ///   the beneficiary (else "Wallet TR7NHq…Lj6t" / "Account GB29 NWBK … 9268 19"), flagged
    ///   as an exchange deposit address when a transfer says so.
    /// * The victim's side: the distinct "from account" texts of payments out with no account
    ///   chosen there (the same text in any case and spacing is one), unless an account of
    ///   that name exists — the victim's own, an exchange account when the money was crypto, a
    ///   card for card payments, else a bank account.
    ///
    /// Adding one with [`Store::add_account`] joins the transfers it names (by number, or by
    /// name for the victim's own); [`Store::add_account_for`] joins exactly `transfer_ids`.
    pub fn account_suggestions(&self, case_id: i32) -> Result<Vec<AccountSuggestion>> {
        self.get_case(case_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.direction, coalesce(t.wallet_key, t.account_key), t.beneficiary_name,
                    t.beneficiary_bank, t.beneficiary_account, t.beneficiary_wallet, t.network,
                    t.wallet_is_exchange_deposit
               FROM transfers t
              WHERE t.case_id = ?1 AND t.deleted_at IS NULL
                AND coalesce(t.wallet_key, t.account_key) IS NOT NULL
                AND CASE t.direction WHEN 'out' THEN t.to_account_id ELSE t.from_account_id END IS NULL
                AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.case_id = t.case_id
                      AND a.deleted_at IS NULL AND a.match_key = coalesce(t.wallet_key, t.account_key))
              ORDER BY t.occurred_at_utc, t.id",
        )?;
        struct Row {
            id: i32,
            out: bool,
            key: String,
            name: String,
            bank: String,
            account: String,
            wallet: String,
            network: Option<Network>,
            deposit: bool,
        }
        let rows = stmt
            .query_map([case_id], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    out: r.get::<_, String>(1)? == "out",
                    key: r.get(2)?,
                    name: r.get(3)?,
                    bank: r.get(4)?,
                    account: r.get(5)?,
                    wallet: r.get(6)?,
                    network: r
                        .get::<_, Option<String>>(7)?
                        .as_deref()
                        .and_then(Network::parse),
                    deposit: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut order: Vec<(String, bool)> = Vec::new();
        let mut groups: std::collections::HashMap<(String, bool), AccountSuggestion> =
            std::collections::HashMap::new();
        for r in rows {
            let group = (r.key.clone(), r.out);
            let suggestion = groups.entry(group.clone()).or_insert_with(|| {
                order.push(group);
                let wallet = r.key.starts_with("wallet:");
                let number = if wallet { &r.wallet } else { &r.account };
                let name = if r.name.trim().is_empty() {
                    format!(
                        "{} {}",
                        if wallet { "Wallet" } else { "Account" },
                        crate::money::text::short_number(number)
                    )
                } else {
                    r.name.trim().to_string()
                };
                AccountSuggestion {
                    input: AccountInput {
                        owner: AccountOwner::Unknown,
                        kind: if wallet {
                            AccountKind::Wallet
                        } else {
                            AccountKind::Bank
                        },
                        name,
                        institution: if wallet {
                            String::new()
                        } else {
                            r.bank.trim().to_string()
                        },
                        number: number.trim().to_string(),
                        network: if wallet { r.network } else { None },
                        is_exchange_deposit: false,
                        notes: String::new(),
                    },
                    transfer_ids: Vec::new(),
                    end: if r.out { "to" } else { "from" }.into(),
                }
            });
            suggestion.transfer_ids.push(r.id);
            if r.deposit && suggestion.input.kind == AccountKind::Wallet {
                suggestion.input.is_exchange_deposit = true;
            }
            if suggestion.input.name.starts_with("Wallet ")
                || suggestion.input.name.starts_with("Account ")
            {
                // A later transfer may name the beneficiary the first did not.
                if !r.name.trim().is_empty() {
                    suggestion.input.name = r.name.trim().to_string();
                }
            }
        }
        let mut out: Vec<AccountSuggestion> = order
            .into_iter()
            .filter_map(|k| groups.remove(&k))
            .collect();

        // The victim's side: "from account" texts.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, from_account, currency, method FROM transfers
              WHERE case_id = ?1 AND deleted_at IS NULL AND direction = 'out'
                AND from_account_id IS NULL AND trim(from_account) <> ''
              ORDER BY occurred_at_utc, id",
        )?;
        let rows = stmt
            .query_map([case_id], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let names: std::collections::HashSet<String> = self
            .list_accounts(case_id)?
            .iter()
            .map(|a| name_key(&a.name))
            .collect();
        let mut from: Vec<(String, AccountSuggestion)> = Vec::new();
        for (id, text, currency, method) in rows {
            let key = name_key(&text);
            if names.contains(&key) {
                continue;
            }
            match from.iter_mut().find(|(k, _)| *k == key) {
                Some((_, s)) => s.transfer_ids.push(id),
                None => from.push((
                    key,
                    AccountSuggestion {
                        input: AccountInput {
                            owner: AccountOwner::Victim,
                            kind: if method == "card" {
                                AccountKind::Card
                            } else if crate::validate::crypto::is_crypto_code(&currency) {
                                AccountKind::Exchange
                            } else {
                                AccountKind::Bank
                            },
                            name: text.split_whitespace().collect::<Vec<_>>().join(" "),
                            institution: String::new(),
                            number: String::new(),
                            network: None,
                            is_exchange_deposit: false,
                            notes: String::new(),
                        },
                        transfer_ids: vec![id],
                        end: "from".into(),
                    },
                )),
            }
        }
        out.extend(from.into_iter().map(|(_, s)| s));
        Ok(out)
    }

    /// Sets a transfer's ends and day-only flag exactly as a case export has them (inside the
    /// import's transaction, which audits the import as a whole).
    pub(crate) fn set_imported_transfer_ends(
        &self,
        id: i32,
        from: Option<i32>,
        to: Option<i32>,
        date_only: bool,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE transfers SET from_account_id = ?2, to_account_id = ?3, date_only = ?4 WHERE id = ?1",
            params![id, from, to, date_only],
        )?;
        Ok(())
    }

    /// Adds a hop link from a case export (inside the import's transaction).
    pub(crate) fn add_imported_source(&self, id: i32, source: i32) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO transfer_sources (transfer_id, source_id) VALUES (?1, ?2)",
            [id, source],
        )?;
        Ok(())
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
