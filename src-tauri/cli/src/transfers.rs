//! `casefile transfer …` and `casefile summary`: money transfers and the loss they add up to.

use std::path::Path;

use casefile_core::model::{Transfer, TransferInput};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::accounts::account_id;
use crate::failure::{confirm_hint, Failure};
use crate::input::{id_list, json_arg, with_defaults};
use crate::output::{outln, print_json, shown};
use crate::session::open;

#[derive(Subcommand)]
pub(crate) enum TransferCommand {
    /// Add a transfer described as JSON (fields as in `transfer list --json`; most are optional).
    Add {
        case: i32,
        /// The record as JSON, or @FILE to read it from a file, or - from standard input
        /// (keeps case data out of the process list, and has no size limit of arguments).
        #[arg(long, value_name = "JSON|@FILE|-")]
        json: String,
        /// Save even if some values look wrong (the warnings are kept with the transfer).
        #[arg(long)]
        accept_warnings: bool,
        #[command(flatten)]
        ends: EndArgs,
    },
    /// Change a transfer: the fields given as JSON and the options replace those it has; the
    /// rest stays.
    Edit {
        /// The transfer: 3 or T-3.
        #[arg(value_parser = transfer_id)]
        id: i32,
        /// The fields to change as JSON, or @FILE, or - from standard input.
        #[arg(long, value_name = "JSON|@FILE|-")]
        json: Option<String>,
        #[arg(long)]
        accept_warnings: bool,
        #[command(flatten)]
        ends: EndArgs,
    },
    /// List a case's transfers.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

/// The accounts at a transfer's ends and the transfers whose money paid for it.
#[derive(Args)]
pub(crate) struct EndArgs {
    /// The case's account the money left (3 or A-3; `none` for no account).
    #[arg(long, value_name = "ACCOUNT|none")]
    from_account: Option<String>,
    /// The case's account the money went to (3 or A-3; `none` for no account).
    #[arg(long, value_name = "ACCOUNT|none")]
    to_account: Option<String>,
    /// Hop links: the transfers whose money paid for this one (T-1,T-3 or 1-3; `none` for none).
    #[arg(long, value_name = "T_IDS|none")]
    paid_with: Option<String>,
}

fn optional_account(option: &str, raw: &str) -> Result<Option<i32>, Failure> {
    if raw.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    account_id(raw)
        .map(Some)
        .map_err(|m| Failure::Message(format!("{option}: {m}")))
}

fn transfer_id(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    let t = t
        .strip_prefix("T-")
        .or_else(|| t.strip_prefix("t-"))
        .unwrap_or(t);
    t.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("\"{raw}\" is not a transfer. Give its number, like 3 or T-3 (see `casefile transfer list CASE`)."))
}

impl EndArgs {
    /// The ends and links given, over what `input` has.
    fn apply(self, input: &mut TransferInput) -> Result<(), Failure> {
        if let Some(from) = self.from_account {
            input.from_account_id = optional_account("--from-account", &from)?;
        }
        if let Some(to) = self.to_account {
            input.to_account_id = optional_account("--to-account", &to)?;
        }
        if let Some(ids) = self.paid_with {
            input.source_ids = if ids.trim().eq_ignore_ascii_case("none") {
                Vec::new()
            } else {
                id_list("--paid-with", "transfers", 'T', &ids)?
            };
        }
        Ok(())
    }
}

#[derive(Args)]
pub(crate) struct SummaryArgs {
    case: i32,
    #[arg(long)]
    json: bool,
}

/// `casefile transfer …`.
pub(crate) fn run(path: &Path, command: TransferCommand) -> Result<(), Failure> {
    match command {
        TransferCommand::Add {
            case,
            json,
            accept_warnings,
            ends,
        } => add(path, case, &json_arg(&json)?, accept_warnings, ends),
        TransferCommand::Edit {
            id,
            json,
            accept_warnings,
            ends,
        } => edit(
            path,
            id,
            json.as_deref().map(json_arg).transpose()?,
            accept_warnings,
            ends,
        ),
        TransferCommand::List { case, json } => list(path, case, json),
    }
}

/// The defaults of `TransferInput::new`, without the fields a transfer must state itself.
fn transfer_defaults() -> Value {
    let mut defaults = serde_json::to_value(TransferInput::new("", "", "")).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut defaults {
        for required in ["occurred_at", "amount", "currency"] {
            map.remove(required);
        }
    }
    defaults
}

fn add(
    path: &Path,
    case: i32,
    json: &str,
    accept_warnings: bool,
    ends: EndArgs,
) -> Result<(), Failure> {
    let mut input: TransferInput = with_defaults("transfer", json, transfer_defaults())?;
    input.accept_warnings |= accept_warnings;
    ends.apply(&mut input)?;
    let mut store = open(path)?;
    let t = store.add_transfer(case, &input).map_err(confirm_hint)?;
    saved(&store, "Added", &t)
}

/// What a transfer is as a form would show it again.
fn as_input(t: &Transfer) -> TransferInput {
    TransferInput {
        occurred_at: t.occurred.recorded.clone(),
        direction: t.direction,
        amount: t.amount.clone(),
        currency: t.currency.clone(),
        network: t.network,
        method: t.method,
        from_account: t.from_account.clone(),
        beneficiary_name: t.beneficiary_name.clone(),
        beneficiary_bank: t.beneficiary_bank.clone(),
        beneficiary_account: t.beneficiary_account.clone(),
        beneficiary_bic: t.beneficiary_bic.clone(),
        beneficiary_wallet: t.beneficiary_wallet.clone(),
        wallet_is_exchange_deposit: t.wallet_is_exchange_deposit,
        reference: t.reference.clone(),
        exchange_rate: t.exchange_rate.clone(),
        status: t.status,
        notes: t.notes.clone(),
        evidence_ids: t.evidence_ids.clone(),
        // Warnings kept with it were accepted when it was saved; new ones are asked again.
        accept_warnings: false,
        from_account_id: t.from_account_id,
        to_account_id: t.to_account_id,
        source_ids: t.source_ids.clone(),
    }
}

fn edit(
    path: &Path,
    id: i32,
    json: Option<String>,
    accept_warnings: bool,
    ends: EndArgs,
) -> Result<(), Failure> {
    let mut store = open(path)?;
    let old = store.get_transfer(id)?;
    let base = as_input(&old);
    let mut input: TransferInput = match json {
        Some(json) => with_defaults(
            "transfer",
            &json,
            serde_json::to_value(&base).unwrap_or(Value::Null),
        )?,
        None => base,
    };
    // The warnings it was saved with were accepted then: the same ones need no new yes.
    let unchanged_warnings = store
        .check_transfer(old.case_id, &input)
        .is_ok_and(|w| w.iter().all(|w| old.warnings.contains(w)));
    input.accept_warnings |= accept_warnings || unchanged_warnings;
    ends.apply(&mut input)?;
    let t = store.update_transfer(id, &input).map_err(confirm_hint)?;
    saved(&store, "Changed", &t)
}

fn saved(store: &casefile_core::Store, verb: &str, t: &Transfer) -> Result<(), Failure> {
    outln!(
        "{verb} transfer T-{}: {} {} {} on {} — {}",
        t.id,
        t.direction.label(),
        t.amount,
        t.currency,
        shown(&t.occurred.recorded),
        t.role.label()
    )?;
    let name = |id: Option<i32>| {
        id.and_then(|id| store.get_account(id).ok())
            .map(|a| format!("A-{} {}", a.id, a.name))
    };
    if let Some(from) = name(t.from_account_id) {
        outln!("  from {}", shown(&from))?;
    }
    if let Some(to) = name(t.to_account_id) {
        outln!("  to {}", shown(&to))?;
    }
    if !t.source_ids.is_empty() {
        outln!(
            "  paid with {}",
            t.source_ids
                .iter()
                .map(|id| format!("T-{id}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    for w in &t.warnings {
        outln!("  warning kept with the record: {}", shown(w))?;
    }
    Ok(())
}

fn list(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let list = store.list_transfers(case)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("No transfers in this case yet.")?;
    }
    for t in list {
        let to = [
            t.beneficiary_name.as_str(),
            t.beneficiary_account.as_str(),
            t.beneficiary_wallet.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        let flag = if t.warnings.is_empty() { "" } else { "  (!)" };
        outln!(
            "T-{:<4} {}  {:<9} {:>16} {:<5} {}{}",
            t.id,
            shown(&t.occurred.recorded),
            t.direction.as_str(),
            t.amount,
            t.currency,
            shown(&to),
            flag
        )?;
    }
    Ok(())
}

/// `casefile summary`: loss totals per currency and in the case's reporting currency.
pub(crate) fn summary(path: &Path, args: SummaryArgs) -> Result<(), Failure> {
    let store = open(path)?;
    let s = store.loss_summary(args.case)?;
    if args.json {
        return print_json(&s);
    }
    outln!("{} transfers", s.transfers)?;
    for c in &s.per_currency {
        let net = c
            .network
            .map(|n| format!(" ({})", n.label()))
            .unwrap_or_default();
        outln!(
            "{}{}: paid out {}, received {}, recovered {}, net loss {}",
            c.currency,
            net,
            c.paid_out,
            c.received,
            c.recovered,
            c.net_loss
        )?;
    }
    let r = &s.in_reporting_currency;
    outln!(
        "In {}: net loss {} (paid out {}, received {}, recovered {})",
        s.reporting_currency,
        r.net_loss,
        r.paid_out,
        r.received,
        r.recovered
    )?;
    if s.transfers_without_rate > 0 {
        outln!(
            "{} transfer(s) in other currencies have no exchange rate and are not in that total.",
            s.transfers_without_rate
        )?;
    }
    Ok(())
}
