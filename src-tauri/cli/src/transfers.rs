//! `casefile transfer …` and `casefile summary`: money transfers and the loss they add up to.

use std::path::Path;

use casefile_core::model::TransferInput;
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::failure::{confirm_hint, Failure};
use crate::input::{json_arg, with_defaults};
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
    },
    /// List a case's transfers.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
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
        } => add(path, case, &json_arg(&json)?, accept_warnings),
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

fn add(path: &Path, case: i32, json: &str, accept_warnings: bool) -> Result<(), Failure> {
    let mut input: TransferInput = with_defaults("transfer", json, transfer_defaults())?;
    input.accept_warnings |= accept_warnings;
    let mut store = open(path)?;
    let t = store.add_transfer(case, &input).map_err(confirm_hint)?;
    outln!(
        "Added transfer T-{}: {} {} {} on {}",
        t.id,
        t.direction.label(),
        t.amount,
        t.currency,
        shown(&t.occurred.recorded)
    )?;
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
