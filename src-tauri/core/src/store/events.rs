//! Timeline events and their links to subjects, identifiers, transfers and evidence.

use rusqlite::{params, OptionalExtension};

use super::{transfers::touch_case, Store};
use crate::model::{Action, Entity};
use crate::model::{Event, EventInput, EventKind, Link, LinkKind};
use crate::time::now_utc;
use crate::time::{parse_moment, Moment};
use crate::validate as v;
use crate::{audit, CoreError, Result};

impl Store {
    /// Adds an event to the case's timeline.
    pub fn add_event(&mut self, case_id: i32, input: &EventInput) -> Result<Event> {
        self.save_event(case_id, None, input)
    }

    /// Changes an event.
    pub fn update_event(&mut self, id: i32, input: &EventInput) -> Result<Event> {
        let case_id = self.get_event(id)?.case_id;
        self.save_event(case_id, Some(id), input)
    }

    fn save_event(&mut self, case_id: i32, id: Option<i32>, input: &EventInput) -> Result<Event> {
        let case = self.get_case(case_id)?;
        let moment = parse_moment(&input.occurred_at, &case.details.time_zone, "occurred_at")?;
        let title = input.title.trim();
        if title.is_empty() {
            return Err(CoreError::invalid("title", "Give the event a short title, for example \"Asked for a 20% tax before withdrawal\"."));
        }
        let title = v::line("title", "The title", title)?;
        let description = v::text("description", "The description", &input.description)?;
        for link in &input.links {
            self.check_link_in_case(case_id, *link)?;
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        let (id, action) = match id {
            None => {
                tx.execute(
                    "INSERT INTO events (case_id, occurred_at_utc, occurred_offset_minutes, kind, title, description, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![case_id, moment.utc, moment.offset_minutes, input.kind.as_str(), title, description, now],
                )?;
                (tx.last_insert_rowid() as i32, Action::Create)
            }
            Some(id) => {
                tx.execute(
                    "UPDATE events SET occurred_at_utc = ?2, occurred_offset_minutes = ?3, kind = ?4, title = ?5,
                        description = ?6, updated_at = ?7 WHERE id = ?1",
                    params![id, moment.utc, moment.offset_minutes, input.kind.as_str(), title, description, now],
                )?;
                tx.execute("DELETE FROM event_links WHERE event_id = ?1", [id])?;
                (id, Action::Update)
            }
        };
        for link in &input.links {
            tx.execute(
                "INSERT OR IGNORE INTO event_links (event_id, target_kind, target_id) VALUES (?1, ?2, ?3)",
                params![id, link.kind.as_str(), link.id],
            )?;
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Event,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!(
                    "Event E-{id} ({}) at {}: {title}",
                    input.kind.label(),
                    moment.recorded
                ),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_event(id)
    }

    fn check_link_in_case(&self, case_id: i32, link: Link) -> Result<()> {
        let table = match link.kind {
            LinkKind::Subject => "subjects",
            LinkKind::Identifier => "identifiers",
            LinkKind::Transfer => "transfers",
            LinkKind::Evidence => "evidence",
        };
        let found: Option<i32> = self
            .conn
            .query_row(
                &format!("SELECT case_id FROM {table} WHERE id = ?1 AND deleted_at IS NULL"),
                [link.id],
                |r| r.get(0),
            )
            .optional()?;
        if found != Some(case_id) {
            return Err(CoreError::invalid(
                "links",
                format!(
                    "The linked {} no longer exists in this case. Remove the link and try again.",
                    link.kind.label().to_lowercase()
                ),
            ));
        }
        Ok(())
    }

    /// One event with its links.
    pub fn get_event(&self, id: i32) -> Result<Event> {
        let mut e = self
            .conn
            .query_row(
                "SELECT id, case_id, occurred_at_utc, occurred_offset_minutes, kind, title, description
                 FROM events WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| {
                    let utc: String = r.get(2)?;
                    Ok(Event {
                        id: r.get(0)?,
                        case_id: r.get(1)?,
                        occurred: Moment::from_stored(&utc, r.get(3)?),
                        kind: EventKind::parse(&r.get::<_, String>(4)?).unwrap_or(EventKind::Note),
                        title: r.get(5)?,
                        description: r.get(6)?,
                        links: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "event", id: id.into() })?;
        e.links = self.event_links(id)?;
        Ok(e)
    }

    /// Links of one event.
    pub(crate) fn event_links(&self, id: i32) -> Result<Vec<Link>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT target_kind, target_id FROM event_links WHERE event_id = ?1 ORDER BY target_kind, target_id",
        )?;
        let links = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?)))?
            .filter_map(|row| match row {
                Ok((k, id)) => LinkKind::parse(&k).map(|kind| Ok(Link { kind, id })),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(links)
    }

    /// Every event of a case, oldest first.
    pub fn list_events(&self, case_id: i32) -> Result<Vec<Event>> {
        self.get_case(case_id)?;
        let ids: Vec<i32> = self
            .conn
            .prepare_cached("SELECT id FROM events WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY occurred_at_utc, id")?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.get_event(id)).collect()
    }

    /// Deletes an event (kept in the audit trail).
    pub fn delete_event(&mut self, id: i32) -> Result<()> {
        let e = self.get_event(id)?;
        self.soft_delete(
            "events",
            Entity::Event,
            id,
            e.case_id,
            &format!("Event E-{id} deleted: {}", e.title),
            &[],
        )
    }
}
