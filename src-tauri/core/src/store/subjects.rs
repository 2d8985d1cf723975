//! Subjects (who the scammers are) and their identifiers, with cross-case matching.

use rusqlite::{params, OptionalExtension, Row};

use super::{transfers::touch_case, Store};
use crate::model::{Action, Entity};
use crate::model::{CaseRef, Identifier, IdentifierInput, Subject, SubjectInput, SubjectKind};
use crate::time::now_utc;
use crate::validate::crypto::Network;
use crate::validate::identifier::{self, IdentifierKind};
use crate::validate::{self as v};
use crate::{audit, CoreError, Result};

/// Every match key in use with its case: identifiers and transfer beneficiaries.
pub(super) const MATCH_KEYS: &str = "
    SELECT i.case_id, i.match_key AS k FROM identifiers i WHERE i.deleted_at IS NULL
    UNION SELECT t.case_id, t.wallet_key FROM transfers t WHERE t.deleted_at IS NULL AND t.wallet_key IS NOT NULL
    UNION SELECT t.case_id, t.account_key FROM transfers t WHERE t.deleted_at IS NULL AND t.account_key IS NOT NULL";

const ID_COLUMNS: &str =
    "id, case_id, subject_id, kind, value, display, match_key, network, bank_name,
    is_exchange_deposit, warnings, notes";

fn row_to_identifier(r: &Row<'_>) -> rusqlite::Result<Identifier> {
    let warnings: String = r.get(10)?;
    Ok(Identifier {
        id: r.get(0)?,
        case_id: r.get(1)?,
        subject_id: r.get(2)?,
        kind: IdentifierKind::parse(&r.get::<_, String>(3)?).unwrap_or(IdentifierKind::App),
        value: r.get(4)?,
        display: r.get(5)?,
        match_key: r.get(6)?,
        network: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(Network::parse),
        bank_name: r.get(8)?,
        is_exchange_deposit: r.get(9)?,
        warnings: warnings
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        notes: r.get(11)?,
        other_cases: Vec::new(),
    })
}

fn clean_subject(input: &SubjectInput) -> Result<(String, String, String)> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid(
            "name",
            "Give the subject a name, even a made-up one like \"Anna (WhatsApp)\" or \"BTC-GX Pro\".",
        ));
    }
    Ok((
        v::line("name", "The name", name)?,
        v::text("description", "The description", &input.description)?,
        v::text("notes", "The notes", &input.notes)?,
    ))
}

impl Store {
    /// Adds a subject (a persona, a fake platform, an intermediary) to a case.
    pub fn add_subject(&mut self, case_id: i32, input: &SubjectInput) -> Result<Subject> {
        self.get_case(case_id)?;
        let (name, description, notes) = clean_subject(input)?;
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "INSERT INTO subjects (case_id, kind, name, description, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![case_id, input.kind.as_str(), name, description, notes, now],
        )?;
        let id = tx.last_insert_rowid() as i32;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Create,
                entity: Entity::Subject,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!("Subject S-{id} added: {name} ({})", input.kind.label()),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_subject(id)
    }

    /// Adds a subject together with its identifiers, all in one transaction: every identifier
    /// is checked first (warnings of all of them come back together), the same identifier
    /// given twice is kept once, and a failure leaves nothing behind.
    pub fn add_subject_with_identifiers(
        &mut self,
        case_id: i32,
        input: &SubjectInput,
        identifiers: &[IdentifierInput],
    ) -> Result<Subject> {
        let mut seen = std::collections::HashSet::new();
        let mut unique = Vec::with_capacity(identifiers.len());
        let mut warnings = Vec::new();
        for (n, i) in identifiers.iter().enumerate() {
            v::line("value", "The value", &i.value)?;
            let normal = identifier::normalize(i.kind, &i.value, i.network).map_err(|e| {
                CoreError::invalid(
                    e.field().unwrap_or("value"),
                    format!("Identifier {} (\"{}\"): {e}", n + 1, i.value.trim()),
                )
            })?;
            if !seen.insert((i.kind, normal.match_key.clone())) {
                continue;
            }
            if !i.accept_warnings {
                warnings.extend(
                    normal
                        .warnings
                        .iter()
                        .map(|w| format!("{} {}: {w}", i.kind.label(), normal.display)),
                );
            }
            unique.push(i);
        }
        if !warnings.is_empty() {
            return Err(CoreError::NeedsConfirmation { warnings });
        }
        self.in_transaction(|store| {
            let subject = store.add_subject(case_id, input)?;
            for i in unique {
                let mut i = i.clone();
                i.subject_id = Some(subject.id);
                store.add_identifier(case_id, &i)?;
            }
            store.get_subject(subject.id)
        })
    }

    /// Changes a subject's kind, name, description or notes.
    pub fn update_subject(&mut self, id: i32, input: &SubjectInput) -> Result<Subject> {
        let old = self.get_subject(id)?;
        let (name, description, notes) = clean_subject(input)?;
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        tx.execute(
            "UPDATE subjects SET kind = ?2, name = ?3, description = ?4, notes = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, input.kind.as_str(), name, description, notes, now],
        )?;
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Subject,
                entity_id: Some(id.into()),
                case_id: Some(old.case_id.into()),
                summary: &format!("Subject S-{id} changed: {name}"),
            },
        )?;
        touch_case(&tx, old.case_id, &now)?;
        tx.commit()?;
        self.get_subject(id)
    }

    /// Deletes a subject and its identifiers (kept in the audit trail).
    pub fn delete_subject(&mut self, id: i32) -> Result<()> {
        let s = self.get_subject(id)?;
        let summary = format!(
            "Subject S-{id} deleted: {} with {} identifier(s)",
            s.name,
            s.identifiers.len()
        );
        self.soft_delete(
            "subjects",
            Entity::Subject,
            id,
            s.case_id,
            &summary,
            &["UPDATE identifiers SET deleted_at = ?2, updated_at = ?2 WHERE subject_id = ?1 AND deleted_at IS NULL"],
        )
    }

    /// One subject with its identifiers.
    pub fn get_subject(&self, id: i32) -> Result<Subject> {
        let mut s = self.subject_row(id)?;
        s.identifiers = self
            .list_identifiers(s.case_id)?
            .into_iter()
            .filter(|i| i.subject_id == Some(id))
            .collect();
        Ok(s)
    }

    /// Every subject of a case with its identifiers, in the order they were added.
    pub fn list_subjects(&self, case_id: i32) -> Result<Vec<Subject>> {
        self.get_case(case_id)?;
        let ids: Vec<i32> = self
            .conn
            .prepare_cached(
                "SELECT id FROM subjects WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY id",
            )?
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let identifiers = self.list_identifiers(case_id)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut s = self.subject_row(id)?;
            s.identifiers = identifiers
                .iter()
                .filter(|i| i.subject_id == Some(id))
                .cloned()
                .collect();
            out.push(s);
        }
        Ok(out)
    }

    /// A subject without its identifiers.
    fn subject_row(&self, id: i32) -> Result<Subject> {
        self.conn
            .query_row(
                "SELECT id, case_id, kind, name, description, notes FROM subjects WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| {
                    Ok(Subject {
                        id: r.get(0)?,
                        case_id: r.get(1)?,
                        kind: SubjectKind::parse(&r.get::<_, String>(2)?).unwrap_or(SubjectKind::Other),
                        name: r.get(3)?,
                        description: r.get(4)?,
                        notes: r.get(5)?,
                        identifiers: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "subject", id: id.into() })
    }

    /// Checks an identifier without saving: `Err` for what must be fixed, else the warnings.
    pub fn check_identifier(&self, input: &IdentifierInput) -> Result<Vec<String>> {
        v::line("value", "The value", &input.value)?;
        Ok(identifier::normalize(input.kind, &input.value, input.network)?.warnings)
    }

    /// Adds an identifier to a case (optionally to one of its subjects).
    pub fn add_identifier(&mut self, case_id: i32, input: &IdentifierInput) -> Result<Identifier> {
        self.save_identifier(case_id, None, input)
    }

    /// Changes an identifier.
    pub fn update_identifier(&mut self, id: i32, input: &IdentifierInput) -> Result<Identifier> {
        let case_id = self.get_identifier(id)?.case_id;
        self.save_identifier(case_id, Some(id), input)
    }

    fn save_identifier(
        &mut self,
        case_id: i32,
        id: Option<i32>,
        input: &IdentifierInput,
    ) -> Result<Identifier> {
        self.get_case(case_id)?;
        if let Some(sid) = input.subject_id {
            if self.subject_row(sid)?.case_id != case_id {
                return Err(CoreError::invalid(
                    "subject_id",
                    "That subject belongs to another case. Choose a subject of this case.",
                ));
            }
        }
        let value = v::line("value", "The value", &input.value)?;
        v::line("bank_name", "The bank name", &input.bank_name)?;
        v::text("notes", "The notes", &input.notes)?;
        let n = identifier::normalize(input.kind, &input.value, input.network)?;
        if !n.warnings.is_empty() && !input.accept_warnings {
            return Err(CoreError::NeedsConfirmation {
                warnings: n.warnings,
            });
        }
        if input.is_exchange_deposit && input.kind != IdentifierKind::CryptoWallet {
            return Err(CoreError::invalid(
                "is_exchange_deposit",
                "Only a crypto wallet can be marked as an exchange deposit address.",
            ));
        }
        let now = now_utc();
        let tx = super::write_tx(&mut self.conn)?;
        let values = params![
            case_id,
            input.subject_id,
            input.kind.as_str(),
            value,
            n.display,
            n.match_key,
            input.network.map(Network::as_str),
            input.bank_name.trim(),
            input.is_exchange_deposit,
            n.warnings.join("\n"),
            input.notes,
            now,
        ];
        let (id, action) = match id {
            None => {
                tx.execute(
                    "INSERT INTO identifiers (case_id, subject_id, kind, value, display, match_key, network, bank_name,
                        is_exchange_deposit, warnings, notes, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                    values,
                )?;
                (tx.last_insert_rowid() as i32, Action::Create)
            }
            Some(id) => {
                tx.execute(
                    "UPDATE identifiers SET case_id = ?1, subject_id = ?2, kind = ?3, value = ?4, display = ?5,
                        match_key = ?6, network = ?7, bank_name = ?8, is_exchange_deposit = ?9, warnings = ?10,
                        notes = ?11, updated_at = ?12 WHERE id = ?13",
                    rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
                )?;
                (id, Action::Update)
            }
        };
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action,
                entity: Entity::Identifier,
                entity_id: Some(id.into()),
                case_id: Some(case_id.into()),
                summary: &format!("Identifier I-{id}: {} {}", input.kind.label(), n.display),
            },
        )?;
        touch_case(&tx, case_id, &now)?;
        tx.commit()?;
        self.get_identifier(id)
    }

    /// One identifier, with the other cases it appears in.
    pub fn get_identifier(&self, id: i32) -> Result<Identifier> {
        let mut i = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ID_COLUMNS} FROM identifiers WHERE id = ?1 AND deleted_at IS NULL"
                ),
                [id],
                row_to_identifier,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "identifier",
                id: id.into(),
            })?;
        i.other_cases = self.other_cases_with(&i.match_key, i.case_id)?;
        Ok(i)
    }

    /// Every identifier of a case, with cross-case matches.
    pub fn list_identifiers(&self, case_id: i32) -> Result<Vec<Identifier>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ID_COLUMNS} FROM identifiers WHERE case_id = ?1 AND deleted_at IS NULL ORDER BY id"
        ))?;
        let mut list = stmt
            .query_map([case_id], row_to_identifier)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for i in &mut list {
            i.other_cases = self.other_cases_with(&i.match_key, case_id)?;
        }
        Ok(list)
    }

    /// Deletes an identifier (kept in the audit trail).
    pub fn delete_identifier(&mut self, id: i32) -> Result<()> {
        let i = self.get_identifier(id)?;
        let summary = format!(
            "Identifier I-{id} deleted: {} {}",
            i.kind.label(),
            i.display
        );
        self.soft_delete(
            "identifiers",
            Entity::Identifier,
            id,
            i.case_id,
            &summary,
            &[],
        )
    }

    /// Other (not deleted) cases in which `match_key` appears, as an identifier or a beneficiary.
    pub fn other_cases_with(&self, match_key: &str, case_id: i32) -> Result<Vec<CaseRef>> {
        // Three index lookups (not a scan of every key in the file): this runs once per
        // identifier shown, so it must not grow with the size of the store.
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.title FROM cases c
             WHERE c.deleted_at IS NULL AND c.id != ?2 AND c.id IN (
                 SELECT case_id FROM identifiers WHERE match_key = ?1 AND deleted_at IS NULL
                 UNION ALL SELECT case_id FROM transfers WHERE wallet_key = ?1 AND deleted_at IS NULL
                 UNION ALL SELECT case_id FROM transfers WHERE account_key = ?1 AND deleted_at IS NULL)
             ORDER BY c.id",
        )?;
        let refs = stmt
            .query_map(params![match_key, case_id], |r| {
                Ok(CaseRef {
                    id: r.get(0)?,
                    title: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(refs)
    }
}
