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

const ENTRIES: &str = "
WITH entries(source, id, kind, title, detail, search, at, off) AS (
    SELECT 'event', e.id, e.kind, e.title, e.description, '', e.occurred_at_utc, e.occurred_offset_minutes
      FROM events e WHERE e.case_id = ?1 AND e.deleted_at IS NULL
    UNION ALL
    SELECT 'transfer', t.id, t.direction,
           CASE t.direction WHEN 'out' THEN 'Paid out ' WHEN 'in' THEN 'Received ' ELSE 'Recovered ' END
             || t.amount || ' ' || t.currency,
           trim(t.beneficiary_name || ' ' || t.beneficiary_bank || ' ' || t.beneficiary_account || ' '
             || t.beneficiary_wallet || CASE WHEN t.reference != '' THEN ' · ref ' || t.reference ELSE '' END),
           t.notes || ' ' || t.from_account,
           t.occurred_at_utc, t.occurred_offset_minutes
      FROM transfers t WHERE t.case_id = ?1 AND t.deleted_at IS NULL
    UNION ALL
    SELECT 'evidence', v.id, 'evidence', v.file_name, v.caption, v.sha256,
           coalesce(v.captured_at_utc, v.intake_at), coalesce(v.captured_offset_minutes, 0)
      FROM evidence v WHERE v.case_id = ?1 AND v.deleted_at IS NULL
    UNION ALL
    -- One entry per chat and day (the device's date), not one per message.
    {chat_days}
)
SELECT {select} FROM entries
 WHERE (json_array_length(?2) = 0 OR kind IN (SELECT value FROM json_each(?2)))
   AND (?3 = '' OR source = 'chat' OR (title || ' ' || detail || ' ' || search) LIKE ?3 ESCAPE '\\')";

/// The chat days without a text: the `chat_days` summary, no message read.
const CHAT_DAYS: &str = "SELECT 'chat', d.first_message_id, 'chat',
           d.messages || char(31) || c.title || char(31) || c.format || char(31) || c.id, '', '',
           d.first_at_utc, d.first_offset_minutes
      FROM chats c JOIN chat_days d ON d.chat_id = c.id
     WHERE c.case_id = ?1 AND c.deleted_at IS NULL AND ?3 = ''";

/// The chat days whose messages mention the text, with how many do.
const CHAT_DAYS_MATCHING: &str = "SELECT 'chat', m.id, 'chat',
           count(*) || char(31) || c.title || char(31) || c.format || char(31) || c.id, '', '',
           coalesce(min(m.sent_at_utc), m.day || 'T00:00:00Z'), coalesce(m.sent_offset_minutes, 0)
      FROM chats c JOIN chat_messages m ON m.chat_id = c.id
     WHERE c.case_id = ?1 AND c.deleted_at IS NULL AND m.deleted_at IS NULL
       AND (m.text || ' ' || coalesce(m.sender, '')) LIKE ?3 ESCAPE '\\'
     GROUP BY m.chat_id, m.day";

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

/// One row of the page query: source, id, kind, title, detail, at (UTC), offset.
type Row = (String, i32, String, String, String, String, i32);

impl Store {
    /// One page of the case's timeline, in order of time (UTC), filtered by kind and text.
    pub fn timeline(&self, case_id: i32, query: &TimelineQuery) -> Result<TimelinePage> {
        let case = self.get_case(case_id)?;
        let zone = case.details.time_zone;
        let kinds = serde_json::to_string(&query.kinds).unwrap_or_else(|_| "[]".into());
        let text = like(&query.text);
        let limit = query.limit.clamp(1, MAX_PAGE);
        // Without a text the chat days are counted from an index alone (no message is read).
        let entries = ENTRIES.replace(
            "{chat_days}",
            if text.is_empty() {
                CHAT_DAYS
            } else {
                CHAT_DAYS_MATCHING
            },
        );
        // One pass: the window count gives the number of matches alongside the page.
        let sql = format!(
            "{} ORDER BY at, source, id LIMIT ?4 OFFSET ?5",
            entries.replace(
                "{select}",
                "source, id, kind, title, detail, at, off, count(*) OVER ()"
            )
        );
        let mut total = 0u32;
        let mut rows: Vec<Row> = Vec::new();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut result = stmt.query(params![case_id, kinds, text, limit, query.offset])?;
        while let Some(r) = result.next()? {
            total = r.get(7)?;
            rows.push((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ));
        }
        if rows.is_empty() && query.offset > 0 {
            // Past the end: count the matches on their own.
            total = self
                .conn
                .prepare_cached(&entries.replace("{select}", "count(*)"))?
                .query_row(params![case_id, kinds, text], |r| r.get(0))?;
        }
        let ids_of = |source: &str| -> Vec<i32> {
            rows.iter().filter(|r| r.0 == source).map(|r| r.1).collect()
        };
        let mut event_links = self.links_of(
            "SELECT event_id, target_kind, target_id FROM event_links
              WHERE event_id IN (SELECT value FROM json_each(?1)) ORDER BY target_kind, target_id",
            &ids_of("event"),
        )?;
        let mut transfer_links = self.links_of(
            "SELECT transfer_id, 'evidence', evidence_id FROM transfer_evidence
              WHERE transfer_id IN (SELECT value FROM json_each(?1)) ORDER BY evidence_id",
            &ids_of("transfer"),
        )?;
        let mut entries = Vec::with_capacity(rows.len());
        for (source, id, kind, title, detail, at, off) in rows {
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
                "chat" => (
                    TimelineSource::Chat,
                    TimelineSource::Chat.label().to_string(),
                    Vec::new(),
                ),
                _ => (
                    TimelineSource::Evidence,
                    TimelineSource::Evidence.label().to_string(),
                    Vec::new(),
                ),
            };
            let chat_id = (source == TimelineSource::Chat)
                .then(|| {
                    title
                        .rsplit('\u{1f}')
                        .next()
                        .and_then(|c| c.parse::<i32>().ok())
                })
                .flatten();
            let (title, detail) = if source == TimelineSource::Chat {
                self.chat_day_words(&title, id, !query.text.trim().is_empty())?
            } else {
                (title, detail)
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
                chat_id,
            });
        }
        Ok(TimelinePage { entries, total })
    }

    /// "42 messages with Anna" and the day's first message, for a chat's day entry (`packed`
    /// is count, title, format and chat id joined by U+001F; `first` the first message's id —
    /// the row of `min(sent_at_utc)`, the query's only min/max, so SQLite takes it from there).
    fn chat_day_words(
        &self,
        packed: &str,
        first: i32,
        searching: bool,
    ) -> Result<(String, String)> {
        // The title may hold anything, so the fixed parts are read from both ends.
        let (count, rest) = packed.split_once('\u{1f}').unwrap_or(("0", ""));
        let count: u32 = count.parse().unwrap_or(0);
        let mut tail = rest.rsplitn(3, '\u{1f}');
        let _chat_id = tail.next();
        let format = tail
            .next()
            .and_then(crate::model::ChatFormat::parse)
            .map_or("chat", crate::model::ChatFormat::label);
        let title = tail.next().unwrap_or("");
        let noun = match (count, searching) {
            (1, false) => "1 message".to_string(),
            (1, true) => "1 matching message".to_string(),
            (n, false) => format!("{n} messages"),
            (n, true) => format!("{n} matching messages"),
        };
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
