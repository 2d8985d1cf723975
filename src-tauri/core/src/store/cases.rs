//! Queries for cases: list, create, read, update, archive.

use rusqlite::{params, OptionalExtension, Row};

use super::{subjects::MATCH_KEYS, Store};
use crate::model::{Action, Entity};
use crate::model::{Case, CaseDetails, CaseFilter, CaseStatus, CaseSummary, DeletedCase, NewCase};
use crate::time::now_utc;
use crate::{audit, validate, CoreError, Result};

const CASE_COLUMNS: &str =
    "id, title, status, archived, police_report_no, bank_claim_no, complaint_id,
    victim_name, victim_contact, victim_address, victim_date_of_birth, reporting_currency,
    time_zone, notes, statement, created_at, updated_at";

fn row_to_case(r: &Row<'_>) -> rusqlite::Result<Case> {
    let status: String = r.get(2)?;
    let status = CaseStatus::from_db(&status);
    Ok(Case {
        id: r.get(0)?,
        title: r.get(1)?,
        status,
        archived: r.get(3)?,
        details: CaseDetails {
            title: r.get(1)?,
            status: Some(status),
            police_report_no: r.get(4)?,
            bank_claim_no: r.get(5)?,
            complaint_id: r.get(6)?,
            victim_name: r.get(7)?,
            victim_contact: r.get(8)?,
            victim_address: r.get(9)?,
            victim_date_of_birth: r.get(10)?,
            reporting_currency: r.get(11)?,
            time_zone: r.get(12)?,
            notes: r.get(13)?,
            statement: r.get(14)?,
        },
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
    })
}

/// Escapes `%`, `_` and `\` so typed text matches literally in a `LIKE ... ESCAPE '\'`.
fn like_pattern(query: &str) -> String {
    let mut p = String::with_capacity(query.len() + 2);
    p.push('%');
    for c in query.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Validates and normalizes every detail field, naming the first one that is wrong.
fn clean_details(d: &CaseDetails) -> Result<CaseDetails> {
    Ok(CaseDetails {
        title: validate::title(&d.title)?,
        status: Some(d.status.unwrap_or(CaseStatus::Open)),
        police_report_no: validate::line(
            "police_report_no",
            "The police report number",
            &d.police_report_no,
        )?,
        bank_claim_no: validate::line("bank_claim_no", "The bank claim number", &d.bank_claim_no)?,
        complaint_id: validate::line("complaint_id", "The complaint id", &d.complaint_id)?,
        victim_name: validate::line("victim_name", "The name", &d.victim_name)?,
        victim_contact: validate::line("victim_contact", "The contact", &d.victim_contact)?,
        victim_address: validate::text("victim_address", "The address", &d.victim_address)?,
        victim_date_of_birth: validate::date_of_birth(d.victim_date_of_birth.as_deref())?,
        reporting_currency: validate::currency(&d.reporting_currency)?,
        time_zone: validate::time_zone(&d.time_zone)?,
        notes: validate::text("notes", "The notes", &d.notes)?,
        statement: validate::text("statement", "The statement", &d.statement)?,
    })
}

/// Names of the fields that differ, for the audit summary (values stay out of the log line).
fn changed_fields(old: &CaseDetails, new: &CaseDetails) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |name: &'static str, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    check("title", old.title != new.title);
    check("status", old.status != new.status);
    check(
        "police report number",
        old.police_report_no != new.police_report_no,
    );
    check("bank claim number", old.bank_claim_no != new.bank_claim_no);
    check("complaint id", old.complaint_id != new.complaint_id);
    check("victim name", old.victim_name != new.victim_name);
    check("victim contact", old.victim_contact != new.victim_contact);
    check("victim address", old.victim_address != new.victim_address);
    check(
        "date of birth",
        old.victim_date_of_birth != new.victim_date_of_birth,
    );
    check(
        "reporting currency",
        old.reporting_currency != new.reporting_currency,
    );
    check("time zone", old.time_zone != new.time_zone);
    check("notes", old.notes != new.notes);
    check("statement", old.statement != new.statement);
    changed
}

impl Store {
    /// Cases whose title contains `filter.query` (case-insensitive), most recently changed first.
    pub fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH keys(case_id, k) AS ({MATCH_KEYS})
             SELECT c.id, c.title, c.status, c.archived, c.updated_at,
                    (SELECT count(*) FROM events e WHERE e.case_id = c.id AND e.deleted_at IS NULL)
                  + (SELECT count(*) FROM transfers t WHERE t.case_id = c.id AND t.deleted_at IS NULL)
                  + (SELECT count(*) FROM subjects s WHERE s.case_id = c.id AND s.deleted_at IS NULL)
                  + (SELECT count(*) FROM evidence v WHERE v.case_id = c.id AND v.deleted_at IS NULL),
                    (SELECT count(DISTINCT a.k) FROM keys a
                      WHERE a.case_id = c.id AND EXISTS (
                        SELECT 1 FROM keys b JOIN cases o ON o.id = b.case_id AND o.deleted_at IS NULL
                         WHERE b.k = a.k AND b.case_id != c.id))
             FROM cases c
             WHERE c.deleted_at IS NULL
               AND (?1 OR c.archived = 0)
               AND c.title LIKE ?2 ESCAPE '\\'
             ORDER BY c.updated_at DESC, c.id DESC"
        ))?;
        let rows = stmt.query_map(
            params![filter.include_archived, like_pattern(&filter.query)],
            |r| {
                let status: String = r.get(2)?;
                Ok(CaseSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    status: CaseStatus::from_db(&status),
                    archived: r.get(3)?,
                    updated_at: r.get(4)?,
                    item_count: r.get(5)?,
                    shared_identifiers: r.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Creates a case with just a title; every other detail starts empty (currency EUR, zone UTC).
    pub fn create_case(&mut self, title: &str) -> Result<Case> {
        self.create_case_with(
            title,
            &NewCase {
                time_zone: "UTC".into(),
                reporting_currency: "EUR".into(),
            },
        )
    }

    /// Creates a case with a title and the zone and currency it starts with (the window takes
    /// them from the system); both are checked like any other detail.
    pub fn create_case_with(&mut self, title: &str, start: &NewCase) -> Result<Case> {
        let title = validate::title(title)?;
        let zone = validate::time_zone(&start.time_zone)?;
        let currency = validate::currency(&start.reporting_currency)?;
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO cases (title, time_zone, reporting_currency, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![title, zone, currency, now],
        )?;
        let id = tx.last_insert_rowid();
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Create,
                entity: Entity::Case,
                entity_id: Some(id),
                case_id: Some(id),
                summary: &format!("Case created: {title} (times in {zone}, totals in {currency})"),
            },
        )?;
        tx.commit()?;
        self.get_case(id as i32)
    }

    /// One case with all its details.
    pub fn get_case(&self, id: i32) -> Result<Case> {
        self.conn
            .query_row(
                &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                row_to_case,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "case",
                id: id.into(),
            })
    }

    /// Replaces a case's details after validating all of them; nothing is saved if any is wrong.
    pub fn update_case(&mut self, id: i32, details: &CaseDetails) -> Result<Case> {
        let old = self.get_case(id)?;
        let new = clean_details(details)?;
        let changed = changed_fields(&old.details, &new);
        if changed.is_empty() {
            return Ok(old);
        }
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE cases SET title = ?2, status = ?3, police_report_no = ?4, bank_claim_no = ?5,
                complaint_id = ?6, victim_name = ?7, victim_contact = ?8, victim_address = ?9,
                victim_date_of_birth = ?10, reporting_currency = ?11, time_zone = ?12, notes = ?13,
                statement = ?14, updated_at = ?15
             WHERE id = ?1",
            params![
                id,
                new.title,
                new.status.unwrap_or(CaseStatus::Open).as_str(),
                new.police_report_no,
                new.bank_claim_no,
                new.complaint_id,
                new.victim_name,
                new.victim_contact,
                new.victim_address,
                new.victim_date_of_birth,
                new.reporting_currency,
                new.time_zone,
                new.notes,
                new.statement,
                now_utc(),
            ],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Case,
                entity_id: Some(id.into()),
                case_id: Some(id.into()),
                summary: &format!("Changed {}", changed.join(", ")),
            },
        )?;
        tx.commit()?;
        self.get_case(id)
    }

    /// Renames a case.
    pub fn rename_case(&mut self, id: i32, title: &str) -> Result<Case> {
        let mut details = self.get_case(id)?.details;
        details.title = title.to_string();
        self.update_case(id, &details)
    }

    /// Archives a case (hidden from the default list, kept whole) or brings it back.
    pub fn set_case_archived(&mut self, id: i32, archived: bool) -> Result<Case> {
        let case = self.get_case(id)?;
        if case.archived == archived {
            return Ok(case);
        }
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE cases SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived, now_utc()],
        )?;
        let (action, summary) = if archived {
            (Action::Archive, "Case archived")
        } else {
            (Action::Restore, "Case taken out of the archive")
        };
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Case,
                entity_id: Some(id.into()),
                case_id: Some(id.into()),
                summary,
            },
        )?;
        tx.commit()?;
        self.get_case(id)
    }

    /// Deletes a case when `confirmation` is its title typed again (spaces around and letter
    /// case aside): it leaves every list, and can be brought back with `restore_case`. Its drafts stay (hidden while it is deleted), so text
    /// typed in it comes back with it.
    pub fn delete_case(&mut self, id: i32, confirmation: &str) -> Result<()> {
        let case = self.get_case(id)?;
        let title = case.details.title.trim();
        if confirmation.trim().to_lowercase() != title.to_lowercase() {
            return Err(CoreError::invalid(
                "confirmation",
                format!("To delete this case, type its title exactly: {title}"),
            ));
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE cases SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Delete,
                entity: Entity::Case,
                entity_id: Some(id.into()),
                case_id: Some(id.into()),
                summary: &format!("Case deleted: {title}"),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Deleted cases, most recently deleted first (id, title, when).
    pub fn deleted_cases(&self) -> Result<Vec<DeletedCase>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, deleted_at FROM cases WHERE deleted_at IS NOT NULL
              ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DeletedCase {
                id: r.get(0)?,
                title: r.get(1)?,
                deleted_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Brings a deleted case back, whole; audited.
    pub fn restore_case(&mut self, id: i32) -> Result<Case> {
        let title: Option<String> = self
            .conn
            .query_row(
                "SELECT title FROM cases WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(title) = title else {
            return Err(CoreError::NotFound {
                what: "deleted case",
                id: id.into(),
            });
        };
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE cases SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now_utc()],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Undelete,
                entity: Entity::Case,
                entity_id: Some(id.into()),
                case_id: Some(id.into()),
                summary: &format!("Case brought back after deleting: {title}"),
            },
        )?;
        tx.commit()?;
        self.get_case(id)
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern(" 50% _off\\ "), "%50\\% \\_off\\\\%");
        assert_eq!(like_pattern(""), "%%");
    }
}
