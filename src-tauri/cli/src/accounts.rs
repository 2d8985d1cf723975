//! `casefile account …` and `casefile trail`: the accounts money passed through (the victim's
//! own, the scammers', not known yet), and the money trail with its loss computation.

use std::path::Path;

use casefile_core::model::{AccountInput, AccountKind, AccountOwner, MoneyTrail, Network};
use clap::{Args, Subcommand};

use crate::failure::Failure;
use crate::input::optional_text_arg;
use crate::output::{outln, print_json, shown};
use crate::session::open;

/// The fields of an account on the command line; for `edit`, what is left out stays.
#[derive(Args)]
pub(crate) struct AccountArgs {
    /// What people call it: "Barclays current account", "Binance", "Wallet the fake app gave"
    /// (or @FILE, or - for standard input).
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// Whose it is: victim, scammer or unknown.
    #[arg(long, value_name = "victim|scammer|unknown", value_parser = owner)]
    owner: Option<AccountOwner>,
    /// What it is: bank, exchange, wallet, card, payment_app or other.
    #[arg(long, value_name = "bank|exchange|wallet|card|payment_app|other", value_parser = kind)]
    kind: Option<AccountKind>,
    /// The bank, exchange or app.
    #[arg(long, value_name = "TEXT")]
    institution: Option<String>,
    /// IBAN, account number, card's last digits or wallet address.
    #[arg(long, value_name = "TEXT")]
    number: Option<String>,
    /// For a wallet: its chain (tron, ethereum, bitcoin, bsc, polygon, arbitrum, solana).
    #[arg(long, value_name = "NET", value_parser = network)]
    network: Option<Network>,
    /// The wallet is an exchange's deposit address (the exchange may freeze what arrives).
    #[arg(long, conflicts_with = "not_exchange_deposit")]
    exchange_deposit: bool,
    /// For `edit`: it is not an exchange's deposit address after all.
    #[arg(long)]
    not_exchange_deposit: bool,
    /// Notes (or @FILE, or - for standard input).
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum AccountCommand {
    /// Add an account. Transfers to its number (and, for the victim's own, those whose
    /// "from account" is its name) start or end there at once.
    Add {
        case: i32,
        #[command(flatten)]
        fields: AccountArgs,
    },
    /// List a case's accounts.
    List {
        case: i32,
        #[arg(long)]
        json: bool,
    },
    /// Change an account: only the options given change (its owner changes what its transfers
    /// count as at once).
    Edit {
        /// The account: 3 or A-3.
        #[arg(value_parser = account_id)]
        id: i32,
        #[command(flatten)]
        fields: AccountArgs,
    },
    /// Delete an account no transfer starts or ends at.
    Delete {
        #[arg(value_parser = account_id)]
        id: i32,
    },
    /// Accounts Casefile proposes from the transfers (beneficiary IBANs and wallets, the "from
    /// account" texts), with the command that adds each.
    Suggestions {
        case: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub(crate) struct TrailArgs {
    case: i32,
    /// Print the whole trail as JSON: pictures (with coordinates), hops and the loss.
    #[arg(long)]
    json: bool,
}

fn owner(raw: &str) -> Result<AccountOwner, String> {
    AccountOwner::parse(raw.trim()).ok_or_else(|| {
        format!("\"{raw}\" is not an owner. Say victim (their own), scammer, or unknown.")
    })
}

fn kind(raw: &str) -> Result<AccountKind, String> {
    AccountKind::parse(raw.trim()).ok_or_else(|| {
        format!("\"{raw}\" is not a kind of account. Say bank, exchange, wallet, card, payment_app or other.")
    })
}

fn network(raw: &str) -> Result<Network, String> {
    Network::parse(&raw.trim().to_ascii_lowercase()).ok_or_else(|| {
        format!("\"{raw}\" is not a network Casefile knows. Say tron, ethereum, bitcoin, bsc, polygon, arbitrum or solana.")
    })
}

/// An account id as people write it: `3` or `A-3`.
pub(crate) fn account_id(raw: &str) -> Result<i32, String> {
    let t = raw.trim();
    let t = t
        .strip_prefix("A-")
        .or_else(|| t.strip_prefix("a-"))
        .unwrap_or(t);
    t.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("\"{raw}\" is not an account. Give its number, like 3 or A-3 (see `casefile account list CASE`)."))
}

/// `casefile account …`.
pub(crate) fn run(path: &Path, command: AccountCommand) -> Result<(), Failure> {
    match command {
        AccountCommand::Add { case, fields } => add(path, case, fields),
        AccountCommand::List { case, json } => list(path, case, json),
        AccountCommand::Edit { id, fields } => edit(path, id, fields),
        AccountCommand::Delete { id } => {
            let mut store = open(path)?;
            let a = store.get_account(id)?;
            store.delete_account(id)?;
            outln!(
                "Deleted account A-{id} ({}). It can be brought back from the deleted items.",
                shown(&a.name)
            )
        }
        AccountCommand::Suggestions { case, json } => suggestions(path, case, json),
    }
}

/// The account as given, over `base` (an existing account for `edit`).
fn merged(fields: AccountArgs, base: AccountInput) -> Result<AccountInput, Failure> {
    Ok(AccountInput {
        name: optional_text_arg("--name", fields.name)?.unwrap_or(base.name),
        owner: fields.owner.unwrap_or(base.owner),
        kind: fields.kind.unwrap_or(base.kind),
        institution: optional_text_arg("--institution", fields.institution)?
            .unwrap_or(base.institution),
        number: optional_text_arg("--number", fields.number)?.unwrap_or(base.number),
        network: fields.network.or(base.network),
        is_exchange_deposit: if fields.exchange_deposit {
            true
        } else if fields.not_exchange_deposit {
            false
        } else {
            base.is_exchange_deposit
        },
        notes: optional_text_arg("--notes", fields.notes)?.unwrap_or(base.notes),
    })
}

fn add(path: &Path, case: i32, fields: AccountArgs) -> Result<(), Failure> {
    let missing = [
        ("--name", fields.name.is_none()),
        ("--owner", fields.owner.is_none()),
        ("--kind", fields.kind.is_none()),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(o, _)| o)
    .collect::<Vec<_>>();
    if !missing.is_empty() {
        return Err(Failure::Message(format!(
            "Say {} of the account, for example: casefile account add {case} --name \"Barclays current account\" --owner victim --kind bank.",
            missing.join(" and ")
        )));
    }
    let input = merged(
        fields,
        AccountInput {
            owner: AccountOwner::Unknown,
            kind: AccountKind::Other,
            name: String::new(),
            institution: String::new(),
            number: String::new(),
            network: None,
            is_exchange_deposit: false,
            notes: String::new(),
        },
    )?;
    let mut store = open(path)?;
    let a = store.add_account(case, &input)?;
    outln!(
        "Added account A-{}: {} ({}, {})",
        a.id,
        shown(&a.name),
        a.kind.label(),
        a.owner.label()
    )?;
    if a.transfers > 0 {
        outln!("  {} transfer(s) start or end here.", a.transfers)?;
    }
    for w in &a.warnings {
        outln!("  warning kept with the record: {}", shown(w))?;
    }
    Ok(())
}

fn edit(path: &Path, id: i32, fields: AccountArgs) -> Result<(), Failure> {
    let mut store = open(path)?;
    let a = store.get_account(id)?;
    let base = AccountInput {
        owner: a.owner,
        kind: a.kind,
        name: a.name,
        institution: a.institution,
        number: a.number,
        network: a.network,
        is_exchange_deposit: a.is_exchange_deposit,
        notes: a.notes,
    };
    let input = merged(fields, base)?;
    let a = store.update_account(id, &input)?;
    outln!(
        "Changed account A-{}: {} ({}, {}); {} transfer(s) start or end here.",
        a.id,
        shown(&a.name),
        a.kind.label(),
        a.owner.label(),
        a.transfers
    )
}

fn list(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let list = store.list_accounts(case)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("No accounts in this case yet. Add the victim's own first: casefile account add {case} --name \"…\" --owner victim --kind bank.")?;
    }
    for a in list {
        let mut extra = Vec::new();
        if !a.institution.is_empty() {
            extra.push(a.institution.clone());
        }
        if !a.number.is_empty() {
            extra.push(a.number.clone());
        }
        if let Some(n) = a.network {
            extra.push(n.label().to_string());
        }
        if a.is_exchange_deposit {
            extra.push("exchange deposit address".into());
        }
        let flag = if a.warnings.is_empty() { "" } else { "  (!)" };
        outln!(
            "A-{:<4} {:<22} {:<20} {}{}  — {} transfer(s){}",
            a.id,
            a.owner.label(),
            a.kind.label(),
            shown(&a.name),
            if extra.is_empty() {
                String::new()
            } else {
                format!(" · {}", shown(&extra.join(" · ")))
            },
            a.transfers,
            flag
        )?;
    }
    Ok(())
}

/// A shell word for a suggested command: quoted unless plain.
fn word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn suggestions(path: &Path, case: i32, json: bool) -> Result<(), Failure> {
    let store = open(path)?;
    let list = store.account_suggestions(case)?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!(
            "No suggestions: every transfer's numbers and \"from account\" texts have an account."
        )?;
    }
    for s in list {
        let ids = s
            .transfer_ids
            .iter()
            .map(|id| format!("T-{id}"))
            .collect::<Vec<_>>()
            .join(", ");
        outln!(
            "{} ({}, {}) — the \"{}\" end of {}",
            shown(&s.input.name),
            s.input.kind.label(),
            s.input.owner.label(),
            s.end,
            ids
        )?;
        let mut command = format!(
            "casefile account add {case} --name {} --owner {} --kind {}",
            word(&s.input.name),
            s.input.owner.as_str(),
            s.input.kind.as_str()
        );
        if !s.input.institution.is_empty() {
            command.push_str(&format!(" --institution {}", word(&s.input.institution)));
        }
        if !s.input.number.is_empty() {
            command.push_str(&format!(" --number {}", word(&s.input.number)));
        }
        if let Some(n) = s.input.network {
            command.push_str(&format!(" --network {}", n.as_str()));
        }
        if s.input.is_exchange_deposit {
            command.push_str(" --exchange-deposit");
        }
        outln!("  {}", shown(&command))?;
    }
    Ok(())
}

/// `casefile trail`: the hops, and the loss computed step by step per currency.
pub(crate) fn trail(path: &Path, args: TrailArgs) -> Result<(), Failure> {
    let store = open(path)?;
    let t: MoneyTrail = store.money_trail(args.case)?;
    if args.json {
        return print_json(&t);
    }
    let s = &t.loss;
    if t.hops.is_empty() {
        outln!("Hops between the victim's own accounts: none.")?;
    } else {
        outln!("Hops between the victim's own accounts (not a loss, left out of every total):")?;
    }
    for h in &t.hops {
        let funded = if h.funded.is_empty() {
            String::new()
        } else {
            format!(
                "; paid for {}",
                h.funded
                    .iter()
                    .map(|id| format!("T-{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        outln!(
            "  T-{} {}  {} {}  {} → {}{}",
            h.transfer_id,
            shown(&h.occurred),
            h.amount,
            h.currency,
            shown(&h.from_account),
            shown(&h.to_account),
            funded
        )?;
    }
    if s.per_currency.is_empty() {
        outln!("Loss: no money left the victim's control in the transfers recorded.")?;
    } else {
        outln!("Loss per currency (paid out − received − recovered = net loss):")?;
    }
    for c in &s.per_currency {
        let net = c
            .network
            .map(|n| format!(" ({})", n.label()))
            .unwrap_or_default();
        outln!(
            "  {}{}: {} − {} − {} = {}  ({} transfer(s))",
            c.currency,
            net,
            c.paid_out,
            c.received,
            c.recovered,
            c.net_loss,
            c.transfers
        )?;
    }
    let r = &s.in_reporting_currency;
    if s.missing_rates.is_empty() {
        if !s.per_currency.is_empty() {
            outln!(
                "In {}: {} − {} − {} = net loss {}",
                s.reporting_currency,
                r.paid_out,
                r.received,
                r.recovered,
                r.net_loss
            )?;
        }
    } else {
        outln!(
            "In {}: no total, because these rates are missing (add the exchange rate to these transfers):",
            s.reporting_currency
        )?;
        for m in &s.missing_rates {
            let net = m
                .network
                .map(|n| format!(" ({})", n.label()))
                .unwrap_or_default();
            outln!(
                "  {}{} to {}: {}",
                m.currency,
                net,
                s.reporting_currency,
                m.transfer_ids
                    .iter()
                    .map(|id| format!("T-{id}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
    }
    outln!(
        "{} transfer(s): {} hop(s) and {} traced between other accounts are in no total.",
        s.transfers,
        s.hops,
        s.traced
    )?;
    for p in &t.pictures {
        outln!(
            "Picture \"{}\": {} account(s), {} arrow(s), {:.0} × {:.0} pt.",
            shown(&p.title),
            p.nodes.len(),
            p.edges.len(),
            p.width,
            p.height
        )?;
    }
    Ok(())
}
