//! Records inside a case: transfers, subjects and their identifiers, timeline events, evidence.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::time::Moment;

stored_enum!(
    /// A blockchain network that transfers and wallets can be on.
    Network {
        Bitcoin => "bitcoin", "Bitcoin";
        Ethereum => "ethereum", "Ethereum";
        Tron => "tron", "TRON";
        Bsc => "bsc", "BNB Smart Chain";
        Polygon => "polygon", "Polygon";
        Arbitrum => "arbitrum", "Arbitrum";
        Solana => "solana", "Solana";
    }
);

stored_enum!(
    /// What kind of identifier.
    IdentifierKind {
        Phone => "phone", "Phone number";
        Whatsapp => "whatsapp", "WhatsApp";
        Telegram => "telegram", "Telegram";
        Signal => "signal", "Signal";
        Wechat => "wechat", "WeChat ID";
        Line => "line", "LINE ID";
        Email => "email", "E-mail address";
        SocialProfile => "social_profile", "Social media profile";
        DatingProfile => "dating_profile", "Dating profile";
        Website => "website", "Website or domain";
        App => "app", "App name or store link";
        CryptoWallet => "crypto_wallet", "Crypto wallet";
        BankAccount => "bank_account", "Bank account";
    }
);

stored_enum!(
    /// Which way the money went.
    Direction {
        Out => "out", "Paid out";
        In => "in", "Received";
        Recovered => "recovered", "Recovered";
    }
);

stored_enum!(
    /// How the money was moved.
    TransferMethod {
        BankTransfer => "bank_transfer", "Bank transfer";
        Card => "card", "Card payment";
        CryptoExchangePurchase => "crypto_exchange_purchase", "Crypto bought on an exchange";
        CryptoTransfer => "crypto_transfer", "Crypto transfer";
        PaymentApp => "payment_app", "Payment app";
        GiftCard => "gift_card", "Gift card";
        Cash => "cash", "Cash";
        Other => "other", "Other";
    }
);

stored_enum!(
    /// What became of a transfer.
    TransferStatus {
        Completed => "completed", "Completed";
        Pending => "pending", "Pending";
        Failed => "failed", "Failed";
        Reversed => "reversed", "Reversed or recalled";
        Frozen => "frozen", "Frozen";
    }
);

stored_enum!(
    /// What a subject is.
    SubjectKind {
        Persona => "persona", "Person or persona";
        Platform => "platform", "Fake platform or app";
        Intermediary => "intermediary", "Intermediary (money mule, agent)";
        Other => "other", "Other";
    }
);

stored_enum!(
    /// What happened, on the timeline.
    EventKind {
        FirstContact => "first_contact", "First contact";
        Message => "message", "Message";
        Call => "call", "Call";
        RequestForMoney => "request_for_money", "Request for money";
        Transfer => "transfer", "Transfer";
        WithdrawalRefused => "withdrawal_refused", "Platform refused a withdrawal";
        Threat => "threat", "Threat";
        ReportFiled => "report_filed", "Report filed";
        Recovery => "recovery", "Recovery";
        Note => "note", "Note";
    }
);

stored_enum!(
    /// Where an evidence item's capture time came from.
    CaptureTimeSource {
        Exif => "exif", "From the photo's EXIF data";
        ExifNoOffset => "exif_no_offset", "From EXIF data without a time zone (read in the device's time zone)";
        PngMetadata => "png_metadata", "From the picture's XMP data (iPhone screenshots)";
        PngMetadataNoOffset => "png_metadata_no_offset", "From the picture's XMP data without a time zone (read in the device's time zone)";
        FileName => "file_name", "From the file name (read in the device's time zone)";
        FileNameDateOnly => "file_name_date", "Date from the file name; it gives no time of day";
        ChatMessage => "chat_message", "When it was sent in the chat (the message's time)";
        FileModified => "file_modified", "File's last-modified time (may be when it was copied, not taken)";
        User => "user", "Entered by hand";
        Unknown => "unknown", "Unknown";
    }
);

impl CaptureTimeSource {
    /// The label with the zone it was read in and a hand shift, for people.
    pub fn note(self, zone: Option<&str>, shift_minutes: i32) -> String {
        let mut note = self.label().to_string();
        if let Some(z) = zone.filter(|_| self.read_in_device_zone()) {
            note.push_str(": ");
            note.push_str(z);
        }
        if shift_minutes != 0 {
            note.push_str("; shifted by hand by ");
            note.push_str(&crate::time::shift_words(shift_minutes));
        }
        note
    }

    /// The time was written without a zone and read in the device's zone, so choosing another
    /// zone re-reads the same wall-clock time.
    pub fn read_in_device_zone(self) -> bool {
        matches!(
            self,
            CaptureTimeSource::ExifNoOffset
                | CaptureTimeSource::PngMetadataNoOffset
                | CaptureTimeSource::FileName
                | CaptureTimeSource::FileNameDateOnly
        )
    }
}

stored_enum!(
    /// What an event can link to.
    LinkKind {
        Subject => "subject", "Subject";
        Identifier => "identifier", "Identifier";
        Transfer => "transfer", "Transfer";
        Evidence => "evidence", "Evidence";
    }
);

stored_enum!(
    /// What a change in the audit log did.
    Action {
        Create => "create", "Created";
        Update => "update", "Changed";
        Delete => "delete", "Deleted";
        Archive => "archive", "Archived";
        Restore => "restore", "Taken out of the archive";
        Import => "import", "Imported";
        Undelete => "undelete", "Brought back after deleting";
        Purge => "purge", "Deleted for good";
    }
);

stored_enum!(
    /// What an audit log entry is about.
    Entity {
        Case => "case", "Case";
        Subject => "subject", "Subject";
        Identifier => "identifier", "Identifier";
        Event => "event", "Event";
        Transfer => "transfer", "Transfer";
        Evidence => "evidence", "Evidence";
        Chat => "chat", "Chat";
        Contact => "contact", "Contact";
        Account => "account", "Account";
        StatementImport => "statement_import", "Statement import";
        Store => "store", "Case file";
        Settings => "settings", "Settings";
    }
);

stored_enum!(
    /// A kind of record that can be deleted and brought back.
    DeletedKind {
        Transfer => "transfer", "Transfer";
        Event => "event", "Timeline event";
        Subject => "subject", "Scammer or platform";
        Identifier => "identifier", "Phone, account, wallet or handle";
        Evidence => "evidence", "Evidence";
        Contact => "contact", "Contact";
        Account => "account", "Account the money passed through";
    }
);

/// What a new case starts with besides its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// IANA zone its times are shown in (`Europe/London`).
    pub time_zone: String,
    /// The currency its totals are given in (`GBP`).
    pub reporting_currency: String,
}

stored_enum!(
    /// What a search hit is.
    SearchKind {
        Case => "case", "Case";
        Subject => "subject", "Scammer or platform";
        Identifier => "identifier", "Phone, account, wallet or handle";
        Transfer => "transfer", "Transfer";
        Event => "event", "Timeline event";
        Evidence => "evidence", "Evidence";
        ChatMessage => "chat_message", "Chat message";
        Contact => "contact", "Contact";
    }
);

/// One record that matches a search, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SearchHit {
    pub case_id: i32,
    pub case_title: String,
    pub kind: SearchKind,
    /// The record's id (the case's for a case hit).
    pub id: i32,
    /// For a chat message: its chat.
    pub chat_id: Option<i32>,
    /// "T-3 · Paid out 5000 USDT", "Message of 2026-03-14 09:31 from Anna".
    pub label: String,
    /// The words around the first match, with `…` where cut.
    pub snippet: String,
}

/// What a search found, best first (cases in order of their last change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Matches in all (more than `hits` when the limit cut them).
    pub total: u32,
}

/// A deleted case, for bringing it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DeletedCase {
    pub id: i32,
    pub title: String,
    pub deleted_at: String,
}

/// A deleted record of a case, as the *Deleted items* view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DeletedItem {
    pub kind: DeletedKind,
    pub id: i32,
    /// "T-3 · Paid out 5000 USDT", "V-12 · IMG_2044.png".
    pub label: String,
    pub deleted_at: String,
    /// Why it cannot be brought back as it is, in words; `None`: it can.
    pub blocked: Option<String>,
}

/// A transfer as entered in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct TransferInput {
    /// `2026-03-14 09:30` (read in the case's time zone) or RFC 3339 with an offset.
    pub occurred_at: String,
    pub direction: Direction,
    /// Exact decimal as typed (`1500`, `1 500,50` is refused with a hint, `0.1`).
    pub amount: String,
    /// ISO 4217 code or a crypto asset code (`USDT`).
    pub currency: String,
    /// Required for crypto assets.
    pub network: Option<Network>,
    pub method: TransferMethod,
    /// The victim's own account the money left from (bank, exchange account).
    pub from_account: String,
    pub beneficiary_name: String,
    pub beneficiary_bank: String,
    /// IBAN or account number.
    pub beneficiary_account: String,
    pub beneficiary_bic: String,
    pub beneficiary_wallet: String,
    /// The beneficiary wallet is an exchange's deposit address: a freeze may be possible there.
    pub wallet_is_exchange_deposit: bool,
    /// Bank reference or transaction hash.
    pub reference: String,
    /// Units of the reporting currency per unit of `currency`, e.g. `0.92`.
    pub exchange_rate: Option<String>,
    pub status: TransferStatus,
    pub notes: String,
    pub evidence_ids: Vec<i32>,
    /// Save even though some values look wrong (the warnings are kept with the record).
    pub accept_warnings: bool,
    /// The case's account the money left (see [`super::Account`]); `None`: not chosen.
    #[serde(default)]
    pub from_account_id: Option<i32>,
    /// The case's account the money went to; `None`: not chosen (then the beneficiary's IBAN or
    /// wallet, when it matches an account's number, chooses it).
    #[serde(default)]
    pub to_account_id: Option<i32>,
    /// Hop links: the transfers whose money paid for this one ("these USDT were bought with that
    /// GBP deposit").
    #[serde(default)]
    pub source_ids: Vec<i32>,
}

impl TransferInput {
    /// A completed bank transfer paid out at `occurred_at`; every other field empty, to be
    /// filled in with struct update syntax.
    pub fn new(occurred_at: &str, amount: &str, currency: &str) -> TransferInput {
        TransferInput {
            occurred_at: occurred_at.into(),
            direction: Direction::Out,
            amount: amount.into(),
            currency: currency.into(),
            network: None,
            method: TransferMethod::BankTransfer,
            from_account: String::new(),
            beneficiary_name: String::new(),
            beneficiary_bank: String::new(),
            beneficiary_account: String::new(),
            beneficiary_bic: String::new(),
            beneficiary_wallet: String::new(),
            wallet_is_exchange_deposit: false,
            reference: String::new(),
            exchange_rate: None,
            status: TransferStatus::Completed,
            notes: String::new(),
            evidence_ids: Vec::new(),
            accept_warnings: false,
            from_account_id: None,
            to_account_id: None,
            source_ids: Vec::new(),
        }
    }
}

/// A stored transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Transfer {
    pub id: i32,
    pub case_id: i32,
    pub occurred: Moment,
    pub direction: Direction,
    /// Exact decimal, normalized (`1500.50`).
    pub amount: String,
    pub currency: String,
    pub network: Option<Network>,
    pub method: TransferMethod,
    pub from_account: String,
    pub beneficiary_name: String,
    pub beneficiary_bank: String,
    pub beneficiary_account: String,
    pub beneficiary_bic: String,
    pub beneficiary_wallet: String,
    pub wallet_is_exchange_deposit: bool,
    pub reference: String,
    pub exchange_rate: Option<String>,
    pub status: TransferStatus,
    pub notes: String,
    pub evidence_ids: Vec<i32>,
    /// What looked wrong when it was saved (kept, and printed in the dossier).
    pub warnings: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub from_account_id: Option<i32>,
    pub to_account_id: Option<i32>,
    /// Hop links: the transfers whose money paid for this one.
    pub source_ids: Vec<i32>,
    /// What it is in the loss computation, from its direction and the owners of its accounts.
    pub role: super::TransferRole,
    /// The statement gave only the day (the time is midnight in the case's zone, not printed).
    pub date_only: bool,
    /// The statement row it was made from.
    pub statement: Option<super::StatementOrigin>,
}

/// Totals of one currency (or crypto asset on one network).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CurrencyTotal {
    pub currency: String,
    pub network: Option<Network>,
    pub paid_out: String,
    pub received: String,
    pub recovered: String,
    /// paid_out − received − recovered.
    pub net_loss: String,
    pub transfers: u32,
    /// False when a total was beyond what can be computed exactly; the fields then say so in words.
    pub exact: bool,
}

/// The loss summary of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LossSummary {
    pub per_currency: Vec<CurrencyTotal>,
    pub reporting_currency: String,
    /// Totals in the reporting currency, counting only transfers whose rate is known.
    pub in_reporting_currency: CurrencyTotal,
    /// Transfers in another currency without an exchange rate (left out of the total above).
    pub transfers_without_rate: u32,
    /// Which rates are missing, per currency, naming the transfers (the total in the reporting
    /// currency is only shown when this is empty).
    pub missing_rates: Vec<super::MissingRate>,
    /// Transfers between the victim's own accounts: not a loss, left out of every total.
    pub hops: u32,
    /// Transfers traced between accounts that are not the victim's (scammer to scammer): shown
    /// in the trail, left out of every total.
    pub traced: u32,
    /// Money into one of the victim's own accounts from an account not chosen yet (a hop from
    /// their other account, or money paid back — not guessed): left out of every total until
    /// its "from" account is chosen. The transfers, to name them.
    pub unplaced: Vec<i32>,
    pub first_transfer_at: Option<String>,
    pub last_transfer_at: Option<String>,
    pub transfers: u32,
}

/// A subject as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub kind: SubjectKind,
    pub name: String,
    pub description: String,
    pub notes: String,
}

/// A stored subject with its identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Subject {
    pub id: i32,
    pub case_id: i32,
    pub kind: SubjectKind,
    pub name: String,
    pub description: String,
    pub notes: String,
    pub identifiers: Vec<Identifier>,
}

/// An identifier as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct IdentifierInput {
    pub subject_id: Option<i32>,
    pub kind: IdentifierKind,
    pub value: String,
    /// For crypto wallets.
    pub network: Option<Network>,
    /// For bank accounts.
    pub bank_name: String,
    /// For wallets: an exchange's deposit address (a freeze may be possible there).
    pub is_exchange_deposit: bool,
    pub notes: String,
    pub accept_warnings: bool,
}

/// Another case in which the same identifier appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseRef {
    pub id: i32,
    pub title: String,
}

/// A stored identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Identifier {
    pub id: i32,
    pub case_id: i32,
    pub subject_id: Option<i32>,
    pub kind: IdentifierKind,
    /// As entered.
    pub value: String,
    /// Normalized for display (E.164 phone, bare domain, …).
    pub display: String,
    /// What is compared across cases.
    pub match_key: String,
    pub network: Option<Network>,
    pub bank_name: String,
    pub is_exchange_deposit: bool,
    pub warnings: Vec<String>,
    pub notes: String,
    /// Other cases with the same identifier (as an identifier or on a transfer).
    pub other_cases: Vec<CaseRef>,
}

/// A link from an event to another record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub kind: LinkKind,
    pub id: i32,
}

/// A timeline event as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub occurred_at: String,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub links: Vec<Link>,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Event {
    pub id: i32,
    pub case_id: i32,
    pub occurred: Moment,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub links: Vec<Link>,
}

/// A stored evidence item (its bytes are fetched separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Evidence {
    pub id: i32,
    pub case_id: i32,
    pub file_name: String,
    /// Sniffed from the bytes, not the file name.
    pub media_type: String,
    pub size_bytes: u32,
    /// SHA-256 of the exact original bytes, lower-case hex.
    pub sha256: String,
    pub captured: Option<Moment>,
    pub capture_time_source: CaptureTimeSource,
    /// The time zone a capture time written without one was read in (the device's zone, as
    /// said at intake); `None` when the time carried its own offset.
    pub capture_zone: Option<String>,
    /// A correction by hand already applied to `captured`, in minutes (0: none).
    pub capture_shift_minutes: i32,
    /// Where the capture time came from, in words for people: the source, the zone it was
    /// read in and any shift ("From the file name (read in the device's time zone): Asia/Bangkok;
    /// shifted by hand by +1 h").
    pub capture_note: String,
    pub intake_at: String,
    pub caption: String,
    /// Whether a thumbnail (and so an image preview) exists.
    pub has_preview: bool,
    /// The preview is still being made in the background.
    pub preview_pending: bool,
    /// Why there is no preview, if there is none.
    pub preview_note: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Outcome of adding one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IntakeResult {
    pub evidence: Evidence,
    /// The same bytes were already in the case; nothing new was stored.
    pub duplicate: bool,
}

/// What a change of several capture times did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaptureTimeChange {
    /// The items changed, as they are now.
    pub changed: Vec<Evidence>,
    /// Items left as they were, each with the reason in plain words.
    pub skipped: Vec<SkippedItem>,
}

/// An item a bulk change left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SkippedItem {
    pub id: i32,
    pub reason: String,
}

/// What can be changed on an evidence item after intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct EvidenceUpdate {
    pub caption: String,
    /// A corrected capture time (`2026-03-14 09:30` or RFC 3339); `None` leaves it as it is.
    pub captured_at: Option<String>,
}

stored_enum!(
    /// What kind of record a timeline entry shows.
    TimelineSource {
        Event => "event", "Event";
        Transfer => "transfer", "Transfer";
        Evidence => "evidence", "Evidence";
        Chat => "chat", "Chat";
    }
);

/// One choice of the timeline's "Show only…" filter: a value `TimelineQuery.kinds` takes and
/// its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelineKind {
    pub value: String,
    pub label: String,
}

impl TimelineKind {
    /// Every kind the timeline can be filtered by: each event kind, each transfer direction,
    /// and evidence.
    pub fn all() -> Vec<TimelineKind> {
        let event = EventKind::ALL.iter().map(|k| TimelineKind {
            value: k.as_str().into(),
            label: k.label().into(),
        });
        let transfer = Direction::ALL.iter().map(|d| TimelineKind {
            value: d.as_str().into(),
            label: format!(
                "{}: {}",
                TimelineSource::Transfer.label(),
                d.label().to_lowercase()
            ),
        });
        let evidence = std::iter::once(TimelineKind {
            value: TimelineSource::Evidence.as_str().into(),
            label: TimelineSource::Evidence.label().into(),
        });
        let chat = std::iter::once(TimelineKind {
            value: TimelineSource::Chat.as_str().into(),
            label: "Chat messages".into(),
        });
        event.chain(transfer).chain(evidence).chain(chat).collect()
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelineEntry {
    pub source: TimelineSource,
    pub id: i32,
    /// Event kind, transfer direction, `evidence` or `chat` (one entry per chat and day; its id
    /// is the day's first message).
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub detail: String,
    pub at_utc: String,
    /// As recorded (with the offset of the source).
    pub recorded: String,
    pub recorded_offset_minutes: i32,
    /// In the case's time zone: `2026-03-14 09:30`.
    pub case_local: String,
    pub case_offset_minutes: i32,
    /// Day in the case's time zone, for grouping: `2026-03-14`.
    pub day: String,
    pub links: Vec<Link>,
    /// For a chat day: the chat it belongs to (`id` is the day's first message).
    pub chat_id: Option<i32>,
    /// For a chat day: the device's date of its messages (`2026-03-14`, for `ChatQuery::from_day`).
    pub chat_day: Option<String>,
    /// For a chat day: how many messages it holds (while searching: how many match).
    pub chat_messages: Option<u32>,
    /// Only the day is known (a transfer from a statement that gave no time): show no time.
    pub day_only: bool,
}

/// Which part of the timeline to fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelineQuery {
    /// Only these kinds (event kinds, `out`/`in`/`recovered`, `evidence`, `chat`); empty means all.
    pub kinds: Vec<String>,
    /// Text to look for in titles and details (case-insensitive).
    pub text: String,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    /// Entries matching the query in all.
    pub total: u32,
}
