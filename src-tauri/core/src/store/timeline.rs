//! The case timeline: events, transfers and evidence in one chronological list, filtered and
//! paged in SQL so a case with tens of thousands of entries stays fast.

use std::collections::HashMap;

use rusqlite::params;

use super::Store;
use crate::model::{
    Direction, EventKind, Link, LinkKind, TimelineEntry, TimelinePage, TimelineQuery,
    TimelineSource,
};
use crate::time::in_zone;
use crate::Result;

/// Largest page the timeline returns.
pub const MAX_PAGE: u32 = 1000;

/// Every entry of a case with what the page shows of it. `{ev}`, `{tr}`, `{vi}` and `{ch}` narrow
/// each part to the ids of one page (or to nothing narrower while searching).
const ENTRIES: &str = "
WITH entries(source, id, kind, title, detail, search, at, off) AS (
    SELECT 'event', e.id, e.kind, e.title, e.description, '', e.occurred_at_utc, e.occurred_offset_minutes
      FROM events e WHERE e.case_id = ?1 AND e.deleted_at IS NULL AND {ev}
    UNION ALL
    SELECT 'transfer', t.id, t.direction,
           CASE t.direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received ' ELSE 'Recovered ' END
             || t.amount || ' ' || t.currency,
           trim(t.beneficiary_name || ' ' || t.beneficiary_bank || ' ' || t.beneficiary_account || ' '
             || t.beneficiary_wallet || CASE WHEN t.reference != '' THEN ' · ref ' || t.reference ELSE '' END),
           t.notes || ' ' || t.from_account,
           t.occurred_at_utc, t.occurred_offset_minutes
      FROM transfers t WHERE t.case_id = ?1 AND t.deleted_at IS NULL AND {tr}
    UNION ALL
    SELECT 'evidence', v.id, 'evidence', v.file_name, v.caption, v.sha256,
           coalesce(v.captured_at_utc, v.intake_at), coalesce(v.captured_offset_minutes, 0)
      FROM evidence v WHERE v.case_id = ?1 AND v.deleted_at IS NULL AND {vi}
    UNION ALL
    -- One entry per chat and day (the device's date), not one per message; its count, day,
    -- format and chat travel in `search`, joined by U+001F.
    {chat_days}
)";

/// The chat days without a text: the `chat_days` summary, no message read.
const CHAT_DAYS: &str = "SELECT 'chat', d.first_message_id, 'chat', c.title, '',
           d.messages || char(31) || d.day || char(31) || c.format || char(31) || c.id,
           d.first_at_utc, d.first_offset_minutes
      FROM chats c JOIN chat_days d ON d.chat_id = c.id
     WHERE c.case_id = ?1 AND c.deleted_at IS NULL AND {ch}";

/// The chat days whose messages mention the text, with how many do.
const CHAT_DAYS_MATCHING: &str = "SELECT 'chat', m.id, 'chat', c.title, '',
           count(*) || char(31) || m.day || char(31) || c.format || char(31) || c.id,
           coalesce(min(m.sent_at_utc), m.day || 'T00:00:00Z'), coalesce(m.sent_offset_minutes, 0)
      FROM chats c JOIN chat_messages m ON m.chat_id = c.id
     WHERE c.case_id = ?1 AND c.deleted_at IS NULL AND m.deleted_at IS NULL
       AND (m.text || ' ' || coalesce(m.sender, '')) LIKE ?3 ESCAPE '\\'
     GROUP BY m.chat_id, m.day";

/// The kinds filter: `?2` is a JSON array of kinds, empty for all.
const KIND_FILTER: &str =
    "(json_array_length(?2) = 0 OR kind IN (SELECT value FROM json_each(?2)))";

/// The search: matches of the text in the entries, counted alongside the page in one pass.
fn search_sql() -> String {
    let entries = ENTRIES
        .replace("{chat_days}", CHAT_DAYS_MATCHING)
        .replace("{ev}", "1")
        .replace("{tr}", "1")
        .replace("{vi}", "1");
    format!(
        "{entries} SELECT source, id, kind, title, detail, search, at, off, count(*) OVER () FROM entries
          WHERE {KIND_FILTER} AND (source = 'chat' OR (title || ' ' || detail || ' ' || search) LIKE ?3 ESCAPE '\\')
          ORDER BY at, source, id LIMIT ?4 OFFSET ?5"
    )
}

/// What one page shows of the entries whose ids (per source, JSON arrays) are ?2 … ?5.
fn page_rows_sql() -> String {
    let only = |n: u8, column: &str| format!("{column} IN (SELECT value FROM json_each(?{n}))");
    let entries = ENTRIES
        .replace("{chat_days}", CHAT_DAYS)
        .replace("{ev}", &only(2, "e.id"))
        .replace("{tr}", &only(3, "t.id"))
        .replace("{vi}", &only(4, "v.id"))
        .replace("{ch}", &only(5, "d.first_message_id"));
    format!("{entries} SELECT source, id, kind, title, detail, search, at, off FROM entries")
}

/// A LIKE pattern finding `text` anywhere (its `%`, `_` and `\\` escaped); empty for no text.
pub(super) fn like(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    let mut p = String::from("%");
    for c in t.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// One row of the page query: source, id, kind, title, detail, search, at (UTC), offset.
type Row = (String, i32, String, String, String, String, String, i32);

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

impl Store {
    /// One page of the case's timeline, in order of time (UTC), filtered by kind and text.
    pub fn timeline(&self, case_id: i32, query: &TimelineQuery) -> Result<TimelinePage> {
        let case = self.get_case(case_id)?;
        let zone = case.details.time_zone;
        let kinds = serde_json::to_string(&query.kinds).unwrap_or_else(|_| "[]".into());
        let text = like(&query.text);
        let limit = query.limit.clamp(1, MAX_PAGE);
        let (rows, total) = if text.is_empty() {
            self.timeline_page_rows(case_id, &kinds, limit, query.offset)?
        } else {
            self.timeline_search_rows(case_id, &kinds, &text, limit, query.offset)?
        };
        let ids_of = |source: &str| -> Vec<i32> {
            rows.iter().filter(|r| r.0 == source).map(|r| r.1).collect()
        };
        let mut event_links = self.links_of(
            "SELECT event_id, target_kind, target_id FROM event_links
              WHERE event_id IN (SELECT value FROM json_each(?1)) ORDER BY target_kind, target_id",
            &ids_of("event"),
        )?;
        // Transfers a statement gave only the day of: shown without an invented time.
        let day_only: std::collections::HashSet<i32> = {
            let ids = ids_of("transfer");
            let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
            self.conn
                .prepare_cached(
                    "SELECT id FROM transfers WHERE date_only = 1
                       AND id IN (SELECT value FROM json_each(?1))",
                )?
                .query_map([json], |r| r.get::<_, i32>(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut transfer_links = self.links_of(
            "SELECT transfer_id, 'evidence', evidence_id FROM transfer_evidence
              WHERE transfer_id IN (SELECT value FROM json_each(?1)) ORDER BY evidence_id",
            &ids_of("transfer"),
        )?;
        let searching = !text.is_empty();
        let mut entries = Vec::with_capacity(rows.len());
        for (source, id, kind, title, detail, search, at, off) in rows {
            let mut chat = None;
            let (source, kind_label, links) = match source.as_str() {
                "event" => (
                    TimelineSource::Event,
                    EventKind::parse(&kind)
                        .map_or(TimelineSource::Event.label(), EventKind::label)
                        .to_string(),
                    event_links.remove(&id).unwrap_or_default(),
                ),
                "transfer" => (
                    TimelineSource::Transfer,
                    Direction::parse(&kind)
                        .map_or(TimelineSource::Transfer.label(), Direction::label)
                        .to_string(),
                    transfer_links.remove(&id).unwrap_or_default(),
                ),
                "chat" => {
                    chat = Some(ChatDay::unpack(&search));
                    (
                        TimelineSource::Chat,
                        TimelineSource::Chat.label().to_string(),
                        Vec::new(),
                    )
                }
                _ => (
                    TimelineSource::Evidence,
                    TimelineSource::Evidence.label().to_string(),
                    Vec::new(),
                ),
            };
            let (title, detail) = match &chat {
                Some(day) => self.chat_day_words(day, &title, id, searching)?,
                None => (title, detail),
            };
            let moment = crate::time::Moment::from_stored(&at, off);
            let (case_local, case_offset_minutes, day) = in_zone(&at, &zone);
            entries.push(TimelineEntry {
                source,
                id,
                kind,
                kind_label,
                title,
                detail,
                at_utc: at,
                recorded: moment.recorded,
                recorded_offset_minutes: off,
                case_local,
                case_offset_minutes,
                day,
                links,
                chat_id: chat.as_ref().and_then(|c| c.chat_id),
                chat_day: chat.as_ref().map(|c| c.day.clone()),
                chat_messages: chat.as_ref().map(|c| c.messages),
                day_only: source == TimelineSource::Transfer && day_only.contains(&id),
            });
        }
        Ok(TimelinePage { entries, total })
    }

    /// A page without a text: its keys walked along the `timeline_keys` order index (no sort),
    /// then only those entries read.
    fn timeline_page_rows(
        &self,
        case_id: i32,
        kinds: &str,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<Row>, u32)> {
        let total: u32 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM timeline_keys WHERE case_id = ?1 AND {KIND_FILTER}"
            ))?
            .query_row(params![case_id, kinds], |r| r.get(0))?;
        let keys = self
            .conn
            .prepare_cached(&format!(
                "SELECT source, id FROM timeline_keys WHERE case_id = ?1 AND {KIND_FILTER}
                  ORDER BY at, source, id LIMIT ?3 OFFSET ?4"
            ))?
            .query_map(params![case_id, kinds, limit, offset], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let ids = |source: &str| {
            let ids: Vec<i32> = keys.iter().filter(|k| k.0 == source).map(|k| k.1).collect();
            serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())
        };
        let mut found: HashMap<(String, i32), Row> = self
            .conn
            .prepare_cached(&page_rows_sql())?
            .query_map(
                params![
                    case_id,
                    ids("event"),
                    ids("transfer"),
                    ids("evidence"),
                    ids("chat")
                ],
                read_row,
            )?
            .map(|r| r.map(|row| ((row.0.clone(), row.1), row)))
            .collect::<rusqlite::Result<_>>()?;
        let rows = keys
            .into_iter()
            .filter_map(|key| found.remove(&key))
            .collect();
        Ok((rows, total))
    }

    /// A page of the entries mentioning a text (`like` is its LIKE pattern), and how many do.
    fn timeline_search_rows(
        &self,
        case_id: i32,
        kinds: &str,
        like: &str,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<Row>, u32)> {
        let sql = search_sql();
        let mut total = 0u32;
        let mut rows = Vec::new();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut result = stmt.query(params![case_id, kinds, like, limit, offset])?;
        while let Some(r) = result.next()? {
            total = r.get(8)?;
            rows.push(read_row(r)?);
        }
        if rows.is_empty() && offset > 0 {
            // Past the end: page from the start once, for the count alone.
            return Ok((
                Vec::new(),
                self.timeline_search_rows(case_id, kinds, like, 1, 0)?.1,
            ));
        }
        Ok((rows, total))
    }

    /// "42 messages with Anna" and the day's first message, for a chat's day entry (`first` is
    /// the first message's id).
    fn chat_day_words(
        &self,
        day: &ChatDay,
        title: &str,
        first: i32,
        searching: bool,
    ) -> Result<(String, String)> {
        let noun = match (day.messages, searching) {
            (1, false) => "1 message".to_string(),
            (1, true) => "1 matching message".to_string(),
            (n, false) => format!("{n} messages"),
            (n, true) => format!("{n} matching messages"),
        };
        let format = day.format.map_or("chat", crate::model::ChatFormat::label);
        let title = if title.is_empty() {
            format!("{noun} in a {format} chat")
        } else {
            format!("{noun} with {title} ({format})")
        };
        let detail: String = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sender || ': ', '') || CASE WHEN text != '' THEN text
                        ELSE '[' || coalesce(attachment_missing, attachment_name, kind) || ']' END
                   FROM chat_messages WHERE id = ?1",
            )?
            .query_row([first], |r| r.get::<_, String>(0))?
            .chars()
            .take(160)
            .collect();
        Ok((title, detail))
    }

    /// Links of many records at once: `sql` selects (owner id, target kind, target id) for the
    /// owner ids given as a JSON array in ?1.
    fn links_of(&self, sql: &str, ids: &[i32]) -> Result<HashMap<i32, Vec<Link>>> {
        let mut out: HashMap<i32, Vec<Link>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([json], |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i32>(2)?,
            ))
        })?;
        for row in rows {
            let (owner, kind, id) = row?;
            if let Some(kind) = LinkKind::parse(&kind) {
                out.entry(owner).or_default().push(Link { kind, id });
            }
        }
        Ok(out)
    }
}

/// What a chat day entry carries besides its title: packed by the query as count, day, format
/// and chat id joined by U+001F (none of them can hold that character).
struct ChatDay {
    messages: u32,
    day: String,
    format: Option<crate::model::ChatFormat>,
    chat_id: Option<i32>,
}

impl ChatDay {
    fn unpack(packed: &str) -> ChatDay {
        let mut parts = packed.split('\u{1f}');
        ChatDay {
            messages: parts.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            day: parts.next().unwrap_or("").to_string(),
            format: parts.next().and_then(crate::model::ChatFormat::parse),
            chat_id: parts.next().and_then(|c| c.parse().ok()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventInput;

    /// What the triggers must keep `timeline_keys` equal to, computed from the records.
    const RECOMPUTED: &str = "
        SELECT 'event', id, case_id, occurred_at_utc, kind FROM events WHERE deleted_at IS NULL
        UNION ALL SELECT 'transfer', id, case_id, occurred_at_utc, direction FROM transfers
         WHERE deleted_at IS NULL
        UNION ALL SELECT 'evidence', id, case_id, coalesce(captured_at_utc, intake_at), 'evidence'
          FROM evidence WHERE deleted_at IS NULL
        UNION ALL SELECT 'chat', d.first_message_id, c.case_id, d.first_at_utc, 'chat'
          FROM chat_days d JOIN chats c ON c.id = d.chat_id WHERE c.deleted_at IS NULL";

    fn differences(store: &Store) -> i64 {
        store
            .conn
            .query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM ({RECOMPUTED} EXCEPT SELECT source, id, case_id, at, kind FROM timeline_keys))
                          + (SELECT count(*) FROM (SELECT source, id, case_id, at, kind FROM timeline_keys EXCEPT SELECT * FROM ({RECOMPUTED})))"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// The sample case with a two-day WhatsApp chat imported.
    fn sample_with_chat(dir: &std::path::Path) -> (Store, i32) {
        let mut store = Store::create(&dir.join("t.db"), "timeline key words", "test").unwrap();
        let case = crate::demo::add_demo_case(&mut store).unwrap().id;
        let chat = "14/03/2026, 09:31 - Anna: Hello, wrong number?\n\
                    14/03/2026, 09:32 - David: Yes, sorry\n\
                    14/03/2026, 21:02 - Anna: Never mind\n\
                    15/03/2026, 10:00 - Anna: Send 100 USDT to my friend\n";
        store
            .import_chat_bytes(
                case,
                "WhatsApp Chat with Anna.txt",
                chat.as_bytes().to_vec(),
                &crate::model::ChatImportOptions::default(),
                &mut |_| true,
            )
            .unwrap();
        (store, case)
    }

    fn page(store: &Store, case: i32, offset: u32, limit: u32) -> Vec<(TimelineSource, i32)> {
        store
            .timeline(
                case,
                &TimelineQuery {
                    offset,
                    limit,
                    ..Default::default()
                },
            )
            .unwrap()
            .entries
            .iter()
            .map(|e| (e.source, e.id))
            .collect()
    }

    #[test]
    fn the_timeline_order_follows_every_change_to_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, case) = sample_with_chat(dir.path());
        assert_eq!(differences(&store), 0);
        let before = store
            .timeline(
                case,
                &TimelineQuery {
                    limit: 1000,
                    ..Default::default()
                },
            )
            .unwrap();
        assert!(before.total > 5, "the sample case fills the timeline");
        assert!(before
            .entries
            .iter()
            .any(|e| e.source == TimelineSource::Chat));

        let note = |at: &str| EventInput {
            occurred_at: at.into(),
            kind: crate::model::EventKind::Note,
            title: "A note".into(),
            description: String::new(),
            links: vec![],
        };
        let early = store.add_event(case, &note("2020-01-01 08:00")).unwrap().id;
        assert_eq!(
            page(&store, case, 0, 1),
            vec![(TimelineSource::Event, early)]
        );
        store
            .update_event(early, &note("2099-12-31 23:00"))
            .unwrap();
        assert_eq!(
            page(&store, case, before.total, 5),
            vec![(TimelineSource::Event, early)],
            "moved to the end"
        );
        store.delete_event(early).unwrap();
        let transfer = store.list_transfers(case).unwrap()[0].id;
        store.delete_transfer(transfer).unwrap();
        let evidence: Vec<i32> = store
            .list_evidence(case)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect();
        store.shift_capture_times(case, &evidence, 90).unwrap();
        let chat = store.list_chats(case).unwrap()[0].clone();
        let import = chat.imports[0].id;
        assert_eq!(differences(&store), 0);
        store.undo_chat_import(import).unwrap();
        assert_eq!(differences(&store), 0);

        let after = store
            .timeline(
                case,
                &TimelineQuery {
                    limit: 1000,
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(after.total as usize, after.entries.len());
        assert!(!after
            .entries
            .iter()
            .any(|e| e.source == TimelineSource::Chat));
        assert!(!after
            .entries
            .iter()
            .any(|e| e.source == TimelineSource::Transfer && e.id == transfer));
        // Pages put together are the whole list, in time order.
        let mut joined = Vec::new();
        for offset in (0..after.total).step_by(3) {
            joined.extend(page(&store, case, offset, 3));
        }
        let whole: Vec<_> = after.entries.iter().map(|e| (e.source, e.id)).collect();
        assert_eq!(joined, whole);
        assert!(after.entries.windows(2).all(|w| w[0].at_utc <= w[1].at_utc));
    }

    #[test]
    fn a_chat_day_entry_says_its_day_count_and_chat() {
        let dir = tempfile::tempdir().unwrap();
        let (store, case) = sample_with_chat(dir.path());
        let chat = store.list_chats(case).unwrap()[0].clone();
        let days: Vec<TimelineEntry> = store
            .timeline(
                case,
                &TimelineQuery {
                    kinds: vec!["chat".into()],
                    limit: 100,
                    ..Default::default()
                },
            )
            .unwrap()
            .entries;
        assert!(!days.is_empty());
        let counted: u32 = days.iter().map(|d| d.chat_messages.unwrap()).sum();
        assert_eq!(counted, chat.message_count);
        for d in &days {
            assert_eq!(d.chat_id, Some(chat.id));
            let day = d.chat_day.clone().unwrap();
            assert_eq!(day.len(), 10, "{day}");
            assert!(
                d.title.starts_with(&d.chat_messages.unwrap().to_string()),
                "{}",
                d.title
            );
        }
    }
}
