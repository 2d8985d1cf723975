//! One search over every case (the `search_index` FTS5 table, kept by triggers): titles,
//! victims, references, notes, statements, subjects, identifiers and their match keys,
//! transfers (accounts, wallets, references), events, evidence names and captions, chat text.

use rusqlite::params;

use super::Store;
use crate::model::{SearchHit, SearchKind, SearchResults};
use crate::{CoreError, Result};

/// Most hits a search returns.
pub const MAX_HITS: u32 = 500;

/// Longest text searched for.
const MAX_TEXT: usize = 200;

/// Characters of context on each side of a match in a snippet.
const CONTEXT: usize = 50;

/// The FTS5 query for a text: every word must appear (as a part of a word or a number); a
/// text that looks like an account, a phone or a wallet typed with spaces or dashes also finds
/// it written together. `None` when no word has 3 characters (the index is of 3-letter runs).
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let quoted = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let long: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| quoted(w))
        .collect();
    if long.is_empty() {
        return None;
    }
    let mut query = format!("({})", long.join(" AND "));
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')' | '/'))
        .collect();
    if words.len() > 1
        && compact.chars().count() >= 6
        && compact.chars().any(|c| c.is_ascii_digit())
    {
        query.push_str(" OR ");
        query.push_str(&quoted(&compact));
    }
    Some(query)
}

/// The words of `body` around the first place one of `words` appears (case-insensitive).
fn snippet(body: &str, words: &[String]) -> String {
    let lower = body.to_lowercase();
    // Lower-casing can change lengths: search char positions on a char vector.
    let chars: Vec<char> = body.chars().collect();
    let lower_chars: Vec<char> = lower.chars().collect();
    let at = if chars.len() == lower_chars.len() {
        words
            .iter()
            .filter_map(|w| {
                let w: Vec<char> = w.to_lowercase().chars().collect();
                (!w.is_empty() && w.len() <= lower_chars.len())
                    .then(|| {
                        lower_chars
                            .windows(w.len())
                            .position(|win| win == w.as_slice())
                    })
                    .flatten()
            })
            .min()
            .unwrap_or(0)
    } else {
        0
    };
    let start = at.saturating_sub(CONTEXT);
    let end = (at + CONTEXT * 2).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(
        chars[start..end]
            .iter()
            .map(|c| if c.is_control() { ' ' } else { *c }),
    );
    if end < chars.len() {
        out.push('…');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Store {
    /// Every record of every (not deleted) case that mentions all the words of `text`, cases
    /// changed last first; at most `limit` hits (≤ 500).
    pub fn search(&self, text: &str, limit: u32) -> Result<SearchResults> {
        // Control characters (a NUL ends an FTS5 query early) become spaces.
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let text = cleaned.trim();
        if text.chars().count() > MAX_TEXT {
            return Err(CoreError::invalid(
                "text",
                format!("That is too long to search for. Use a few words or part of a number (up to {MAX_TEXT} characters)."),
            ));
        }
        let Some(query) = fts_query(text) else {
            return Err(CoreError::invalid(
                "text",
                "Type at least 3 letters or digits to search, for example part of a name, a wallet or a phone number.",
            ));
        };
        let limit = limit.clamp(1, MAX_HITS);
        // Words under 3 characters narrow the hits afterwards (the index cannot find them).
        let short: Vec<String> = text
            .split_whitespace()
            .filter(|w| w.chars().count() < 3)
            .map(super::timeline::like)
            .collect();
        let short_json = serde_json::to_string(&short).unwrap_or_else(|_| "[]".into());
        let sql = "
            SELECT s.case_id, c.title, s.kind, s.ref_id, s.chat_id, s.label, s.body,
                   count(*) OVER ()
              FROM search_index s
              JOIN cases c ON c.id = s.case_id AND c.deleted_at IS NULL
              LEFT JOIN chats ch ON ch.id = s.chat_id
             WHERE search_index MATCH ?1
               AND (s.chat_id IS NULL OR ch.deleted_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM json_each(?2) w WHERE s.body NOT LIKE w.value ESCAPE '\\')
             ORDER BY c.updated_at DESC, c.id DESC,
                      CASE s.kind WHEN 'case' THEN 0 WHEN 'subject' THEN 1 WHEN 'identifier' THEN 2
                        WHEN 'transfer' THEN 3 WHEN 'event' THEN 4 WHEN 'evidence' THEN 5 ELSE 6 END,
                      s.rowid
             LIMIT ?3";
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        let mut total = 0u32;
        let mut hits = Vec::new();
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![query, short_json, limit])?;
        while let Some(r) = rows.next()? {
            total = r.get(7)?;
            let kind: String = r.get(2)?;
            let Some(kind) = SearchKind::parse(&kind) else {
                continue;
            };
            let body: String = r.get(6)?;
            hits.push(SearchHit {
                case_id: r.get(0)?,
                case_title: r.get(1)?,
                kind,
                id: r.get(3)?,
                chat_id: r.get(4)?,
                label: r.get(5)?,
                snippet: snippet(&body, &words),
            });
        }
        Ok(SearchResults { hits, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_asks_for_every_word_and_the_compact_form_of_numbers() {
        assert_eq!(fts_query("an"), None);
        assert_eq!(
            fts_query("Anna wallet").unwrap(),
            "(\"Anna\" AND \"wallet\")"
        );
        assert_eq!(
            fts_query("GB29 NWBK 6016").unwrap(),
            "(\"GB29\" AND \"NWBK\" AND \"6016\") OR \"GB29NWBK6016\""
        );
        assert_eq!(
            fts_query("say \"hi\" now").unwrap(),
            "(\"say\" AND \"\"\"hi\"\"\" AND \"now\")"
        );
    }

    #[test]
    fn a_snippet_shows_the_words_around_the_match() {
        let body = format!(
            "{} the wallet TR7NHq is hers {}",
            "x ".repeat(60),
            "y ".repeat(60)
        );
        let s = snippet(&body, &["tr7nhq".into()]);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("the wallet TR7NHq is hers"), "{s}");
        assert_eq!(snippet("short text", &["zzz".into()]), "short text");
    }
}
