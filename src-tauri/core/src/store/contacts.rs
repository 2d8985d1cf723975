//! The contact log of a case (see `model::Contact`) and the caseworker's dashboard built on it.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension as _, Row};

use super::{transfers::touch_case, Store};
use crate::model::{
    Action, CaseStatus, Contact, ContactChannel, ContactInput, ContactParty, CurrencyLoss,
    DashboardRow, Entity,
};
use crate::time::{now_utc, parse_moment, Moment};
use crate::validate as v;
use crate::{audit, CoreError, Result};

const COLUMNS: &str =
    "id, case_id, contacted_at_utc, contacted_offset_minutes, party, organisation, person,
    channel, reference, summary, promised, next_step, next_step_due, next_step_done, updated_at";

fn row_to_contact(r: &Row<'_>) -> rusqlite::Result<Contact> {
    let party: String = r.get(4)?;
    let channel: String = r.get(7)?;
    Ok(Contact {
        id: r.get(0)?,
        case_id: r.get(1)?,
        contacted: Moment::from_stored(&r.get::<_, String>(2)?, r.get(3)?),
        party: ContactParty::parse(&party).unwrap_or(ContactParty::Other),
        organisation: r.get(5)?,
        person: r.get(6)?,
        channel: ContactChannel::parse(&channel).unwrap_or(ContactChannel::Other),
        reference: r.get(8)?,
        summary: r.get(9)?,
        promised: r.get(10)?,
        next_step: r.get(11)?,
        next_step_due: r.get(12)?,
        next_step_done: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

/// A due date `YYYY-MM-DD` within the years Casefile keeps; empty means none.
fn due_date(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let date = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "next_step_due",
            "Write the date of the next step as year-month-day, for example 2026-03-27.",
        )
    })?;
    if !crate::time::YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(CoreError::invalid(
            "next_step_due",
            "That date of the next step is not possible. Check the year.",
        ));
    }
    Ok(Some(date.format("%Y-%m-%d").to_string()))
}

impl Store {
    /// Adds a contact to the case's log.
    pub fn add_contact(&mut self, case_id: i32, input: &ContactInput) -> Result<Contact> {
        self.save_contact(case_id, None, input)
    }

    /// Changes a contact (e.g. ticks its next step as done).
    pub fn update_contact(&mut self, id: i32, input: &ContactInput) -> Result<Contact> {
        let case_id = self.get_contact(id)?.case_id;
        self.save_contact(case_id, Some(id), input)
    }

    fn save_contact(
        &mut self,
        case_id: i32,
        id: Option<i32>,
        input: &ContactInput,
    ) -> Result<Contact> {
        let case = self.get_case(case_id)?;
        let moment = parse_moment(&input.contacted_at, &case.details.time_zone, "contacted_at")?;
        let organisation = v::line("organisation", "The organisation", &input.organisation)?;
        let person = v::line("person", "The person's name", &input.person)?;
        let reference = v::line("reference", "Their reference", &input.reference)?;
        let summary = v::text("summary", "What was said", &input.summary)?;
        let promised = v::text("promised", "What they promised", &input.promised)?;
        let next_step = v::text("next_step", "The next step", input.next_step.trim())?;
        let due = due_date(input.next_step_due.as_deref())?;
        if due.is_some() && next_step.is_empty() {
            return Err(CoreError::invalid(
                "next_step",
                "Say what the next step is, or leave its date empty.",
            ));
        }
        if organisation.is_empty() && person.is_empty() && summary.trim().is_empty() {
            return Err(CoreError::invalid(
                "organisation",
                "Say who was contacted (the bank, the police station, a name) or what was said.",
            ));
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        let party = input.party.as_str();
        let channel = input.channel.as_str();
        let (id, action) = match id {
            None => {
                tx.execute(
                    "INSERT INTO contacts (case_id, contacted_at_utc, contacted_offset_minutes, party, organisation,
                        person, channel, reference, summary, promised, next_step, next_step_due, next_step_done,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                    params![
                        case_id, moment.utc, moment.offset_minutes, party, organisation, person, channel,
                        reference, summary, promised, next_step, due, input.next_step_done, now
                    ],
                )?;
                (tx.last_insert_rowid() as i32, Action::Create)
            }
            Some(id) => {
                tx.execute(
                    "UPDATE contacts SET contacted_at_utc = ?2, contacted_offset_minutes = ?3, party = ?4,
                        organisation = ?5, person = ?6, channel = ?7, reference = ?8, summary = ?9,
                        promised = ?10, next_step = ?11, next_step_due = ?12, next_step_done = ?13,
                        updated_at = ?14
                      WHERE id = ?1",
                    params![
                        id, moment.utc, moment.offset_minutes, party, organisation, person, channel,
                        reference, summary, promised, next_step, due, input.next_step_done, now
                    ],
                )?;
                (id, Action::Update)
            }
        };
        let who = if organisation.is_empty() {
            input.party.label().to_string()
        } else {
            format!("{} ({organisation})", input.party.label())
        };
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Contact,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!(
                    "Contact {id}: {who} by {} on {}",
                    input.channel.label().to_lowercase(),
                    moment.recorded
                ),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_contact(id)
    }

    /// One contact.
    pub fn get_contact(&self, id: i32) -> Result<Contact> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM contacts WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], row_to_contact)
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "contact",
                id: id.into(),
            })
    }

    /// The case's contacts, newest first.
    pub fn list_contacts(&self, case_id: i32) -> Result<Vec<Contact>> {
        self.get_case(case_id)?;
        let contacts = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM contacts WHERE case_id = ?1 AND deleted_at IS NULL
                  ORDER BY contacted_at_utc DESC, id DESC"
            ))?
            .query_map([case_id], row_to_contact)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(contacts)
    }

    /// Deletes a contact (it can be brought back from the deleted items).
    pub fn delete_contact(&mut self, id: i32) -> Result<()> {
        let c = self.get_contact(id)?;
        let who = if c.organisation.is_empty() {
            c.party.label().to_string()
        } else {
            c.organisation.clone()
        };
        self.soft_delete(
            "contacts",
            Entity::Contact,
            id,
            c.case_id,
            &format!("Contact {id} deleted: {who}"),
            &[],
        )
    }

    /// Every case for the dashboard: status, loss per currency, last activity, the next dated
    /// step and how many steps are open. Archived cases only when asked.
    pub fn dashboard(&self, include_archived: bool) -> Result<Vec<DashboardRow>> {
        let mut rows: Vec<DashboardRow> = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.title, c.status, c.archived, c.victim_name, c.updated_at,
                        (SELECT n.next_step FROM contacts n
                          WHERE n.case_id = c.id AND n.deleted_at IS NULL AND n.next_step_done = 0
                            AND n.next_step != '' AND n.next_step_due IS NOT NULL
                          ORDER BY n.next_step_due, n.id LIMIT 1),
                        (SELECT min(n.next_step_due) FROM contacts n
                          WHERE n.case_id = c.id AND n.deleted_at IS NULL AND n.next_step_done = 0
                            AND n.next_step != ''),
                        (SELECT count(*) FROM contacts n
                          WHERE n.case_id = c.id AND n.deleted_at IS NULL AND n.next_step_done = 0
                            AND n.next_step != '')
                   FROM cases c
                  WHERE c.deleted_at IS NULL AND (?1 OR c.archived = 0)
                  ORDER BY c.updated_at DESC, c.id DESC",
            )?
            .query_map([include_archived], |r| {
                let status: String = r.get(2)?;
                Ok(DashboardRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    status: CaseStatus::from_db(&status),
                    archived: r.get(3)?,
                    victim_name: r.get(4)?,
                    losses: Vec::new(),
                    last_activity: r.get(5)?,
                    next_step: r.get(6)?,
                    next_step_due: r.get(7)?,
                    open_steps: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Losses from the same sums as the case's own summary, so the two never disagree.
        let mut losses: HashMap<i32, Vec<CurrencyLoss>> = HashMap::new();
        for row in &rows {
            let summary = self.loss_summary(row.id)?;
            let list = summary
                .per_currency
                .into_iter()
                .filter(|t| {
                    t.net_loss
                        .parse::<rust_decimal::Decimal>()
                        .is_ok_and(|d| d > rust_decimal::Decimal::ZERO)
                })
                .map(|t| CurrencyLoss {
                    currency: t.currency,
                    network: t.network,
                    net_loss: t.net_loss,
                })
                .collect();
            losses.insert(row.id, list);
        }
        for row in &mut rows {
            row.losses = losses.remove(&row.id).unwrap_or_default();
        }
        Ok(rows)
    }
}
