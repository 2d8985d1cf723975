//! The person's formats (date order, decimal mark), kept in the encrypted `settings` table, and
//! typed dates and amounts read by them (see `crate::typed`).

use rusqlite::{params, OptionalExtension as _};

use super::Store;
use crate::model::{Action, AmountReading, DateOrder, DecimalMark, Entity, Formats, TimeReading};
use crate::{audit, typed, Result};

const DATE_ORDER_KEY: &str = "date_order";
const DECIMAL_MARK_KEY: &str = "decimal_mark";

impl Store {
    /// The person's formats; `None` until they were set once (the window then takes them from
    /// the system and saves them).
    pub fn formats(&self) -> Result<Option<Formats>> {
        let read = |key: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?)
        };
        let order = read(DATE_ORDER_KEY)?.and_then(|v| DateOrder::parse(&v));
        let mark = read(DECIMAL_MARK_KEY)?.and_then(|v| DecimalMark::parse(&v));
        Ok(match (order, mark) {
            (Some(date_order), Some(decimal_mark)) => Some(Formats {
                date_order,
                decimal_mark,
            }),
            _ => None,
        })
    }

    /// Saves the person's formats; audited.
    pub fn set_formats(&mut self, formats: &Formats) -> Result<Formats> {
        let tx = super::write_tx(&mut self.conn)?;
        for (key, value) in [
            (DATE_ORDER_KEY, formats.date_order.as_str()),
            (DECIMAL_MARK_KEY, formats.decimal_mark.as_str()),
        ] {
            tx.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        audit::append(
            &tx,
            &audit::Change {
                actor: &self.actor,
                action: Action::Update,
                entity: Entity::Settings,
                entity_id: None,
                case_id: None,
                summary: &format!(
                    "Formats set: dates {}, amounts {}",
                    formats.date_order.label(),
                    formats.decimal_mark.label()
                ),
            },
        )?;
        tx.commit()?;
        Ok(*formats)
    }

    /// A typed date (and time, unless `date_only`) read by the person's formats, in the case's
    /// zone (UTC without a case).
    pub fn read_time(
        &self,
        case_id: Option<i32>,
        text: &str,
        date_only: bool,
    ) -> Result<TimeReading> {
        let zone = match case_id {
            Some(id) => self.get_case(id)?.details.time_zone,
            None => "UTC".to_string(),
        };
        let formats = self.formats()?.unwrap_or_default();
        Ok(typed::read_time(text, &formats, &zone, date_only))
    }

    /// A typed amount read by the person's decimal mark.
    pub fn read_amount(&self, text: &str) -> Result<AmountReading> {
        let formats = self.formats()?.unwrap_or_default();
        Ok(typed::read_amount(text, &formats))
    }
}
