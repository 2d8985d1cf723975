//! Transfers: validation (hard errors vs. warnings), storage, and the loss summary.

use std::collections::BTreeMap;
use std::str::FromStr;

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::{Decimal, RoundingStrategy};

use super::Store;
use crate::model::{
    AccountOwner, Case, CurrencyTotal, Direction, LossSummary, MissingRate, StatementOrigin,
    Transfer, TransferInput, TransferMethod, TransferRole, TransferStatus,
};
use crate::model::{Action, Entity};
use crate::time::now_utc;
use crate::time::{parse_moment, Moment};
use crate::validate::crypto::{self, Network};
use crate::validate::{self, bank};
use crate::{audit, CoreError, Result};

/// A transfer input after checking: exact values plus the warnings to keep with it.
struct Clean {
    moment: Moment,
    amount: Decimal,
    currency: String,
    network: Option<Network>,
    rate: Option<Decimal>,
    account: String,
    bic: String,
    wallet: String,
    wallet_key: Option<String>,
    account_key: Option<String>,
    warnings: Vec<String>,
}

/// Most digits before the decimal point an amount or rate may have (a thousand trillion):
/// far beyond any real loss, and small enough that totals of any number of transfers and their
/// conversion by a rate stay exact.
pub const MAX_WHOLE_DIGITS: usize = 15;
/// Most digits after the decimal point (ether and most tokens have 18).
pub const MAX_DECIMAL_DIGITS: usize = 18;

/// Most digits in all (what the exact decimal type holds without rounding).
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// Parses an exact decimal typed by a person; `what` names it in messages. Only digits and one
/// point are read — never an exponent (`1e3`), never a rounded value: a number with more digits
/// than Casefile keeps exactly is refused, not shortened.
pub(crate) fn parse_decimal(raw: &str, field: &'static str, what: &str) -> Result<Decimal> {
    let t: String = raw
        .trim()
        .trim_start_matches('+')
        .chars()
        .filter(|c| *c != '_' && !c.is_whitespace())
        .collect();
    if t.contains(',') {
        return Err(CoreError::invalid(
            field,
            format!("Write the {what} with a point for decimals and no thousands separators, for example 1500.50."),
        ));
    }
    let unreadable = || {
        CoreError::invalid(field, format!("\"{}\" is not a number Casefile can read as the {what}. Use digits and a point, for example 250.75.", raw.trim()))
    };
    let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        if t.starts_with('-') {
            return Err(CoreError::invalid(
                field,
                format!("The {what} must be more than zero. For money that came back, choose the direction \"Received\" or \"Recovered\"."),
            ));
        }
        return Err(unreadable());
    }
    let whole = whole.trim_start_matches('0');
    let typed_fraction = fraction;
    let fraction = fraction.trim_end_matches('0');
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(CoreError::invalid(
            field,
            format!("The {what} is too large: Casefile keeps up to {MAX_WHOLE_DIGITS} digits before the point. Check for extra digits."),
        ));
    }
    if fraction.len() > MAX_DECIMAL_DIGITS {
        return Err(CoreError::invalid(
            field,
            format!("The {what} has more than {MAX_DECIMAL_DIGITS} digits after the point, more than Casefile can keep exactly. Check it; Casefile never rounds an amount."),
        ));
    }
    if whole.len() + fraction.len() > MAX_SIGNIFICANT_DIGITS {
        return Err(CoreError::invalid(
            field,
            format!("The {what} has {} digits; Casefile keeps up to {MAX_SIGNIFICANT_DIGITS} digits in all exactly. Check it; Casefile never rounds an amount.", whole.len() + fraction.len()),
        ));
    }
    // Trailing zeros as typed are kept (1500.00 stays 1500.00) as far as the type holds them.
    let room = MAX_DECIMAL_DIGITS.min(MAX_SIGNIFICANT_DIGITS - whole.len());
    let fraction = &typed_fraction[..typed_fraction.len().min(room).max(fraction.len())];
    let exact = if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{}.{fraction}", if whole.is_empty() { "0" } else { whole })
    };
    let d = Decimal::from_str_exact(if exact.is_empty() { "0" } else { &exact })
        .map_err(|_| unreadable())?;
    if d <= Decimal::ZERO {
        return Err(CoreError::invalid(
            field,
            format!("The {what} must be more than zero."),
        ));
    }
    Ok(d)
}

fn clean(input: &TransferInput, case: &Case) -> Result<Clean> {
    // Lengths first: nothing below should ever spend time on a pasted book.
    for (field, label, value) in [
        (
            "from_account",
            "The account it was paid from",
            &input.from_account,
        ),
        (
            "beneficiary_name",
            "The beneficiary name",
            &input.beneficiary_name,
        ),
        (
            "beneficiary_bank",
            "The beneficiary bank",
            &input.beneficiary_bank,
        ),
        ("reference", "The reference", &input.reference),
        (
            "beneficiary_account",
            "The beneficiary account",
            &input.beneficiary_account,
        ),
        ("beneficiary_bic", "The BIC", &input.beneficiary_bic),
        (
            "beneficiary_wallet",
            "The beneficiary wallet",
            &input.beneficiary_wallet,
        ),
    ] {
        validate::line(field, label, value)?;
    }
    validate::text("notes", "The notes", &input.notes)?;
    let moment = parse_moment(&input.occurred_at, &case.details.time_zone, "occurred_at")?;
    let amount = parse_decimal(&input.amount, "amount", "amount")?;
    let code = input.currency.trim().to_ascii_uppercase();
    let mut warnings = Vec::new();
    let in_future = moment
        .to_datetime()
        .is_some_and(|t| t > chrono::Utc::now() + chrono::Duration::days(1));
    if in_future {
        warnings.push(format!(
            "Date: {} is in the future. Check the year and the day.",
            moment.recorded
        ));
    }
    let network = if crypto::is_crypto_code(&code) {
        let net = input.network.ok_or_else(|| {
            CoreError::invalid("network", format!("Choose the network {code} was sent on (for USDT it is usually TRON, TRC-20, or Ethereum, ERC-20)."))
        })?;
        if !crypto::crypto_assets()
            .iter()
            .any(|a| a.code == code && a.network == net)
        {
            return Err(CoreError::invalid(
                "network",
                format!(
                    "{code} is not offered on {} in Casefile. Check the network.",
                    net.label()
                ),
            ));
        }
        Some(net)
    } else {
        validate::currency(&code).map_err(|_| {
            CoreError::invalid("currency", format!("\"{}\" is not a currency Casefile knows. Use a three-letter code (EUR, USD) or a crypto asset (USDT, BTC).", input.currency.trim()))
        })?;
        input.network
    };
    let rate = match input
        .exchange_rate
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(r) => Some(parse_decimal(r, "exchange_rate", "exchange rate")?),
        None => None,
    };
    let account_check = (!input.beneficiary_account.trim().is_empty())
        .then(|| bank::check_account(&input.beneficiary_account));
    let account_key = account_check
        .as_ref()
        .map(|c| format!("account:{}", c.normalized));
    if let Some(c) = &account_check {
        warnings.extend(
            c.warnings
                .iter()
                .map(|w| format!("Beneficiary account: {w}")),
        );
    }
    let bic = if input.beneficiary_bic.trim().is_empty() {
        String::new()
    } else {
        let (b, w) = bank::check_bic(&input.beneficiary_bic);
        warnings.extend(w.map(|w| format!("BIC: {w}")));
        b
    };
    let wallet = input.beneficiary_wallet.trim().to_string();
    let mut wallet_key = None;
    if !wallet.is_empty() {
        match network {
            Some(net) => {
                let check = crypto::check_address(net, &wallet);
                warnings.extend(
                    check
                        .warnings
                        .iter()
                        .map(|w| format!("Beneficiary wallet: {w}")),
                );
                wallet_key = Some(format!("wallet:{}", check.normalized));
            }
            None => {
                warnings.push("Beneficiary wallet: choose the network of this wallet so its address can be checked.".into());
                wallet_key = Some(format!("wallet:{wallet}"));
            }
        }
    }
    let reference = input.reference.trim();
    if let (Some(net), false) = (network, reference.is_empty()) {
        if input.method == TransferMethod::CryptoTransfer {
            warnings.extend(
                crypto::check_tx_hash(net, reference).map(|w| format!("Transaction hash: {w}")),
            );
        }
    }
    if input.wallet_is_exchange_deposit && wallet.is_empty() {
        return Err(CoreError::invalid("wallet_is_exchange_deposit", "Enter the beneficiary wallet address before marking it as an exchange deposit address."));
    }
    Ok(Clean {
        moment,
        amount,
        currency: code,
        network,
        rate,
        account: account_check.map(|c| c.normalized).unwrap_or_default(),
        bic,
        wallet,
        wallet_key,
        account_key,
        warnings,
    })
}

const COLUMNS: &str = "id, case_id, occurred_at_utc, occurred_offset_minutes, direction, amount, currency, network,
    method, from_account, beneficiary_name, beneficiary_bank, beneficiary_account, beneficiary_bic,
    beneficiary_wallet, wallet_is_exchange_deposit, reference, exchange_rate, status, notes, warnings,
    created_at, updated_at, from_account_id, to_account_id,
    (SELECT owner FROM accounts WHERE id = from_account_id AND deleted_at IS NULL),
    (SELECT owner FROM accounts WHERE id = to_account_id AND deleted_at IS NULL),
    date_only, statement_import_id,
    (SELECT evidence_id FROM statement_imports WHERE id = statement_import_id),
    statement_row, statement_part, statement_raw";

fn row_to_transfer(r: &Row<'_>) -> rusqlite::Result<Transfer> {
    let utc: String = r.get(2)?;
    let warnings: String = r.get(20)?;
    let direction = Direction::parse(&r.get::<_, String>(4)?).unwrap_or(Direction::Out);
    let owner = |i: usize| -> rusqlite::Result<Option<AccountOwner>> {
        Ok(r.get::<_, Option<String>>(i)?
            .as_deref()
            .and_then(AccountOwner::parse))
    };
    Ok(Transfer {
        id: r.get(0)?,
        case_id: r.get(1)?,
        occurred: Moment::from_stored(&utc, r.get(3)?),
        direction,
        amount: r.get(5)?,
        currency: r.get(6)?,
        network: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(Network::parse),
        method: TransferMethod::parse(&r.get::<_, String>(8)?).unwrap_or(TransferMethod::Other),
        from_account: r.get(9)?,
        beneficiary_name: r.get(10)?,
        beneficiary_bank: r.get(11)?,
        beneficiary_account: r.get(12)?,
        beneficiary_bic: r.get(13)?,
        beneficiary_wallet: r.get(14)?,
        wallet_is_exchange_deposit: r.get(15)?,
        reference: r.get(16)?,
        exchange_rate: r.get(17)?,
        status: TransferStatus::parse(&r.get::<_, String>(18)?)
            .unwrap_or(TransferStatus::Completed),
        notes: r.get(19)?,
        evidence_ids: Vec::new(),
        warnings: warnings
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
        from_account_id: r.get(23)?,
        to_account_id: r.get(24)?,
        source_ids: Vec::new(),
        role: crate::money::role(direction, owner(25)?, owner(26)?),
        date_only: r.get(27)?,
        statement: match (r.get::<_, Option<i32>>(28)?, r.get::<_, Option<i32>>(29)?) {
            (Some(import_id), Some(evidence_id)) => Some(StatementOrigin {
                import_id,
                evidence_id,
                row: r.get(30)?,
                part: r.get::<_, Option<u32>>(31)?.unwrap_or(1),
                raw: r.get::<_, Option<String>>(32)?.unwrap_or_default(),
            }),
            _ => None,
        },
    })
}

fn summary_line(t: &TransferInput, c: &Clean) -> String {
    let net = c
        .network
        .map(|n| format!(" on {}", n.label()))
        .unwrap_or_default();
    format!(
        "{} {} {}{} ({})",
        t.direction.label(),
        c.amount,
        c.currency,
        net,
        c.moment.recorded
    )
}

impl Store {
    /// Checks a transfer without saving it: `Err` for what must be fixed, else the warnings.
    pub fn check_transfer(&self, case_id: i32, input: &TransferInput) -> Result<Vec<String>> {
        let case = self.get_case(case_id)?;
        Ok(clean(input, &case)?.warnings)
    }

    /// Adds a transfer. With warnings and no `accept_warnings`, nothing is saved and the
    /// warnings come back as `NeedsConfirmation`.
    pub fn add_transfer(&mut self, case_id: i32, input: &TransferInput) -> Result<Transfer> {
        self.save_transfer(case_id, None, input)
    }

    /// Replaces a transfer's fields (same rules as adding).
    pub fn update_transfer(&mut self, id: i32, input: &TransferInput) -> Result<Transfer> {
        let case_id = self.get_transfer(id)?.case_id;
        self.save_transfer(case_id, Some(id), input)
    }

    fn save_transfer(
        &mut self,
        case_id: i32,
        id: Option<i32>,
        input: &TransferInput,
    ) -> Result<Transfer> {
        let case = self.get_case(case_id)?;
        let c = clean(input, &case)?;
        if !c.warnings.is_empty() && !input.accept_warnings {
            return Err(CoreError::NeedsConfirmation {
                warnings: c.warnings,
            });
        }
        self.check_evidence_in_case(case_id, &input.evidence_ids)?;
        let (from_account, to_account) = self.transfer_ends(case_id, input, &c)?;
        // A day-only time (from a statement) stays day-only until the time itself is changed.
        let time_before: Option<String> = match id {
            Some(id) => self
                .conn
                .query_row(
                    "SELECT occurred_at_utc FROM transfers WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        self.check_sources(case_id, id, &input.source_ids)?;
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        let values = params![
            case_id,
            c.moment.utc,
            c.moment.offset_minutes,
            input.direction.as_str(),
            c.amount.to_string(),
            c.currency,
            c.network.map(Network::as_str),
            input.method.as_str(),
            input.from_account.trim(),
            input.beneficiary_name.trim(),
            input.beneficiary_bank.trim(),
            c.account,
            c.bic,
            c.wallet,
            input.wallet_is_exchange_deposit,
            c.wallet_key,
            c.account_key,
            input.reference.trim(),
            c.rate.map(|r| r.to_string()),
            input.status.as_str(),
            input.notes,
            c.warnings.join("\n"),
            now,
        ];
        let (id, action) = match id {
            None => {
                tx.execute(
                    "INSERT INTO transfers (case_id, occurred_at_utc, occurred_offset_minutes, direction, amount,
                        currency, network, method, from_account, beneficiary_name, beneficiary_bank,
                        beneficiary_account, beneficiary_bic, beneficiary_wallet, wallet_is_exchange_deposit,
                        wallet_key, account_key, reference, exchange_rate, status, notes, warnings, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23)",
                    values,
                )?;
                (tx.last_insert_rowid() as i32, Action::Create)
            }
            Some(id) => {
                tx.execute(
                    "UPDATE transfers SET case_id = ?1, occurred_at_utc = ?2, occurred_offset_minutes = ?3,
                        direction = ?4, amount = ?5, currency = ?6, network = ?7, method = ?8, from_account = ?9,
                        beneficiary_name = ?10, beneficiary_bank = ?11, beneficiary_account = ?12,
                        beneficiary_bic = ?13, beneficiary_wallet = ?14, wallet_is_exchange_deposit = ?15,
                        wallet_key = ?16, account_key = ?17, reference = ?18, exchange_rate = ?19, status = ?20,
                        notes = ?21, warnings = ?22, updated_at = ?23
                     WHERE id = ?24",
                    rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
                )?;
                tx.execute("DELETE FROM transfer_evidence WHERE transfer_id = ?1", [id])?;
                (id, Action::Update)
            }
        };
        for ev in &input.evidence_ids {
            tx.execute(
                "INSERT OR IGNORE INTO transfer_evidence (transfer_id, evidence_id) VALUES (?1, ?2)",
                [id, *ev],
            )?;
        }
        tx.execute(
            "UPDATE transfers SET from_account_id = ?2, to_account_id = ?3 WHERE id = ?1",
            params![id, from_account, to_account],
        )?;
        if time_before.is_some_and(|t| t != c.moment.utc) {
            tx.execute("UPDATE transfers SET date_only = 0 WHERE id = ?1", [id])?;
        }
        tx.execute("DELETE FROM transfer_sources WHERE transfer_id = ?1", [id])?;
        for source in &input.source_ids {
            tx.execute(
                "INSERT OR IGNORE INTO transfer_sources (transfer_id, source_id) VALUES (?1, ?2)",
                [id, *source],
            )?;
        }
        let mut summary = format!("Transfer T-{id}: {}", summary_line(input, &c));
        // The ends and hop links decide whether it is a loss: the log says what they are.
        let ends =
            |account: Option<i32>| account.map_or_else(|| "none".to_string(), |a| format!("A-{a}"));
        summary.push_str(&format!(
            "; from account {}, to account {}",
            ends(from_account),
            ends(to_account)
        ));
        if !input.source_ids.is_empty() {
            summary.push_str(&format!(
                "; paid with {}",
                input
                    .source_ids
                    .iter()
                    .map(|s| format!("T-{s}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !c.warnings.is_empty() {
            summary.push_str(&format!(" — saved with {} warning(s)", c.warnings.len()));
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Transfer,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &summary,
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_transfer(id)
    }

    /// One transfer.
    pub fn get_transfer(&self, id: i32) -> Result<Transfer> {
        let mut t = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM transfers WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                row_to_transfer,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "transfer",
                id: id.into(),
            })?;
        t.evidence_ids = self.transfer_evidence(id)?;
        t.source_ids = self.transfer_sources(id)?;
        Ok(t)
    }

    fn transfer_sources(&self, id: i32) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ts.source_id FROM transfer_sources ts JOIN transfers t ON t.id = ts.source_id
             WHERE ts.transfer_id = ?1 AND t.deleted_at IS NULL ORDER BY ts.source_id",
        )?;
        let ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(ids)
    }

    /// The accounts at both ends of a transfer: those chosen (checked to be this case's), else
    /// the account whose number matches the beneficiary's IBAN or wallet (the other side: the
    /// "to" end of money paid out, the "from" end of money received or recovered), and the
    /// victim's own account the "from account" text names.
    fn transfer_ends(
        &self,
        case_id: i32,
        input: &TransferInput,
        c: &Clean,
    ) -> Result<(Option<i32>, Option<i32>)> {
        for (id, field) in [
            (input.from_account_id, "from_account_id"),
            (input.to_account_id, "to_account_id"),
        ] {
            if let Some(id) = id {
                let ok: Option<i32> = self
                    .conn
                    .query_row(
                        "SELECT id FROM accounts WHERE id = ?1 AND case_id = ?2 AND deleted_at IS NULL",
                        [id, case_id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if ok.is_none() {
                    return Err(CoreError::invalid(
                        field,
                        format!("Account A-{id} is not an account of this case. Choose one from the list."),
                    ));
                }
            }
        }
        // The beneficiary's IBAN or wallet is the other side: where money paid out went, or
        // where money received came from.
        let by_number = match c.wallet_key.as_ref().or(c.account_key.as_ref()) {
            Some(key) => self
                .conn
                .query_row(
                    "SELECT id FROM accounts WHERE case_id = ?1 AND match_key = ?2 AND deleted_at IS NULL
                     ORDER BY id LIMIT 1",
                    params![case_id, key],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        // The "from account" text names one of the victim's own accounts.
        let by_name = match input.from_account.trim() {
            "" => None,
            name => self
                .conn
                .query_row(
                    "SELECT id FROM accounts WHERE case_id = ?1 AND owner = 'victim' AND deleted_at IS NULL
                       AND name = ?2 COLLATE NOCASE ORDER BY id LIMIT 1",
                    params![case_id, name],
                    |r| r.get(0),
                )
                .optional()?,
        };
        Ok(match input.direction {
            Direction::Out => (
                input.from_account_id.or(by_name),
                input.to_account_id.or(by_number),
            ),
            Direction::In | Direction::Recovered => (
                input.from_account_id.or(by_number),
                input.to_account_id.or(by_name),
            ),
        })
    }

    /// Hop links must name other transfers of the same case.
    fn check_sources(&self, case_id: i32, id: Option<i32>, sources: &[i32]) -> Result<()> {
        for source in sources {
            if Some(*source) == id {
                return Err(CoreError::invalid(
                    "source_ids",
                    "A transfer cannot be paid with its own money. Choose the transfer that brought the money.",
                ));
            }
            let ok: Option<i32> = self
                .conn
                .query_row(
                    "SELECT id FROM transfers WHERE id = ?1 AND case_id = ?2 AND deleted_at IS NULL",
                    [*source, case_id],
                    |r| r.get(0),
                )
                .optional()?;
            if ok.is_none() {
                return Err(CoreError::invalid(
                    "source_ids",
                    format!("Transfer T-{source} is not a transfer of this case."),
                ));
            }
        }
        Ok(())
    }

    fn transfer_evidence(&self, id: i32) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT te.evidence_id FROM transfer_evidence te JOIN evidence e ON e.id = te.evidence_id
             WHERE te.transfer_id = ?1 AND e.deleted_at IS NULL ORDER BY te.evidence_id",
        )?;
        let ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(ids)
    }

    /// Every transfer of a case, oldest first.
    pub fn list_transfers(&self, case_id: i32) -> Result<Vec<Transfer>> {
        self.get_case(case_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM transfers WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY occurred_at_utc, id"
        ))?;
        let mut list = stmt
            .query_map([case_id], row_to_transfer)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for t in &mut list {
            t.evidence_ids = self.transfer_evidence(t.id)?;
            t.source_ids = self.transfer_sources(t.id)?;
        }
        Ok(list)
    }

    /// Deletes a transfer (kept in the audit trail).
    pub fn delete_transfer(&mut self, id: i32) -> Result<()> {
        let t = self.get_transfer(id)?;
        let summary = format!(
            "Transfer T-{id} deleted ({} {} {})",
            t.direction.label(),
            t.amount,
            t.currency
        );
        self.soft_delete("transfers", Entity::Transfer, id, t.case_id, &summary, &[])
    }

    /// Totals out / in / recovered per currency and in the reporting currency, time span, count.
    pub fn loss_summary(&self, case_id: i32) -> Result<LossSummary> {
        let case = self.get_case(case_id)?;
        let transfers = self.list_transfers(case_id)?;
        Ok(summarize(&transfers, &case.details.reporting_currency))
    }
}

#[derive(Default)]
struct Sums {
    out: Decimal,
    inward: Decimal,
    recovered: Decimal,
    count: u32,
    /// A sum went beyond what can be computed exactly (only with stored values no form accepts).
    overflow: bool,
}

impl Sums {
    fn add(&mut self, direction: Direction, amount: Option<Decimal>) {
        let slot = match direction {
            Direction::Out => &mut self.out,
            Direction::In => &mut self.inward,
            Direction::Recovered => &mut self.recovered,
        };
        match amount.and_then(|a| slot.checked_add(a)) {
            Some(sum) => *slot = sum,
            None => self.overflow = true,
        }
        self.count += 1;
    }

    fn total(&self, currency: String, network: Option<Network>, round: bool) -> CurrencyTotal {
        let fmt = |d: Decimal| {
            if self.overflow {
                TOO_LARGE.to_string()
            } else if round {
                d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                    .to_string()
            } else {
                d.normalize().to_string()
            }
        };
        let net = self
            .out
            .checked_sub(self.inward)
            .and_then(|d| d.checked_sub(self.recovered));
        CurrencyTotal {
            currency,
            network,
            paid_out: fmt(self.out),
            received: fmt(self.inward),
            recovered: fmt(self.recovered),
            net_loss: net.map_or_else(|| TOO_LARGE.to_string(), fmt),
            transfers: self.count,
            exact: !self.overflow && net.is_some(),
        }
    }
}

/// Shown instead of a total that is beyond what Casefile can compute exactly.
pub const TOO_LARGE: &str = "too large to total exactly";

/// A currency code with the network it was on (for crypto assets).
type CurrencyKey = (String, Option<&'static str>);

/// The loss summary of a list of transfers. Failed and reversed transfers moved no money and
/// are left out; so are hops between the victim's own accounts and movements traced between
/// other accounts (see [`crate::money::role`]): only money that left the victim's control, and
/// what came back, is totalled.
pub fn summarize(transfers: &[Transfer], reporting: &str) -> LossSummary {
    let mut per: BTreeMap<CurrencyKey, (Option<Network>, Sums)> = BTreeMap::new();
    let mut reporting_sums = Sums::default();
    let mut missing: BTreeMap<CurrencyKey, MissingRate> = BTreeMap::new();
    let (mut hops, mut traced, mut unplaced) = (0, 0, Vec::new());
    let moved: Vec<&Transfer> = transfers
        .iter()
        .filter(|t| !matches!(t.status, TransferStatus::Failed | TransferStatus::Reversed))
        .collect();
    for t in &moved {
        let direction = match t.role {
            TransferRole::Hop => {
                hops += 1;
                continue;
            }
            TransferRole::Traced => {
                traced += 1;
                continue;
            }
            TransferRole::Unplaced => {
                unplaced.push(t.id);
                continue;
            }
            TransferRole::Loss => Direction::Out,
            TransferRole::Received => Direction::In,
            TransferRole::Recovered => Direction::Recovered,
        };
        let Ok(amount) = Decimal::from_str(&t.amount) else {
            continue;
        };
        let key = (t.currency.clone(), t.network.map(Network::as_str));
        per.entry(key.clone())
            .or_insert_with(|| (t.network, Sums::default()))
            .1
            .add(direction, Some(amount));
        let rate = if t.currency == reporting {
            Some(Decimal::ONE)
        } else {
            t.exchange_rate
                .as_deref()
                .and_then(|r| Decimal::from_str(r).ok())
        };
        match rate {
            Some(r) => reporting_sums.add(direction, amount.checked_mul(r)),
            None => missing
                .entry(key)
                .or_insert_with(|| MissingRate {
                    currency: t.currency.clone(),
                    network: t.network,
                    transfer_ids: Vec::new(),
                })
                .transfer_ids
                .push(t.id),
        }
    }
    let missing_rates: Vec<MissingRate> = missing.into_values().collect();
    LossSummary {
        per_currency: per
            .into_iter()
            .map(|((currency, _), (network, sums))| sums.total(currency, network, false))
            .collect(),
        reporting_currency: reporting.to_string(),
        in_reporting_currency: reporting_sums.total(reporting.to_string(), None, true),
        transfers_without_rate: missing_rates
            .iter()
            .map(|m| m.transfer_ids.len() as u32)
            .sum(),
        missing_rates,
        hops,
        traced,
        unplaced,
        first_transfer_at: moved.iter().map(|t| t.occurred.utc.clone()).min(),
        last_transfer_at: moved.iter().map(|t| t.occurred.utc.clone()).max(),
        transfers: transfers.len() as u32,
    }
}

/// Marks a case as changed now (it sorts to the top of the case list).
pub(super) fn touch_case(tx: &rusqlite::Connection, case_id: i32, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE cases SET updated_at = ?2 WHERE id = ?1",
        params![case_id, now],
    )?;
    Ok(())
}
