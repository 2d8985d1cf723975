// Realistic values for component tests, typed by the generated bindings. The labels are the
// ones core sends (`reference_lists`); screens show these and never type their own.
import type { ReferenceLists } from '../lib/api';

export const lists: ReferenceLists = {
  currencies: ['EUR', 'GBP', 'HKD', 'USD'],
  crypto_assets: [
    { code: 'USDT', network: 'tron', label: 'USDT on TRON (TRC-20)' },
    { code: 'USDT', network: 'ethereum', label: 'USDT on Ethereum (ERC-20)' },
    { code: 'BTC', network: 'bitcoin', label: 'Bitcoin (BTC)' },
  ],
  networks: [
    { value: 'bitcoin', label: 'Bitcoin' },
    { value: 'ethereum', label: 'Ethereum' },
    { value: 'tron', label: 'TRON' },
  ],
  time_zones: ['Asia/Hong_Kong', 'Europe/Berlin', 'UTC'],
  statuses: [
    { value: 'open', label: 'Gathering evidence' },
    { value: 'reported', label: 'Reported' },
    { value: 'in_recovery', label: 'Recovery in progress' },
    { value: 'closed', label: 'Closed' },
  ],
  directions: [
    { value: 'out', label: 'Paid out' },
    { value: 'in', label: 'Received' },
    { value: 'recovered', label: 'Recovered' },
  ],
  methods: [
    { value: 'bank_transfer', label: 'Bank transfer' },
    { value: 'crypto_transfer', label: 'Crypto transfer' },
  ],
  transfer_statuses: [
    { value: 'completed', label: 'Completed' },
    { value: 'pending', label: 'Pending' },
  ],
  subject_kinds: [
    { value: 'persona', label: 'Person or persona' },
    { value: 'platform', label: 'Fake platform or app' },
  ],
  identifier_kinds: [
    { value: 'phone', label: 'Phone number' },
    { value: 'whatsapp', label: 'WhatsApp' },
    { value: 'crypto_wallet', label: 'Crypto wallet' },
  ],
  event_kinds: [
    { value: 'first_contact', label: 'First contact' },
    { value: 'message', label: 'Message' },
    { value: 'note', label: 'Note' },
  ],
  timeline_kinds: [
    { value: 'first_contact', label: 'First contact' },
    { value: 'message', label: 'Message' },
    { value: 'note', label: 'Note' },
    { value: 'out', label: 'Transfer: paid out' },
    { value: 'evidence', label: 'Evidence' },
  ],
  capture_time_sources: [
    { value: 'exif', label: "From the photo's EXIF data" },
    { value: 'file_modified', label: "File's last-modified time (may be when it was copied, not taken)" },
    { value: 'user', label: 'Entered by hand' },
    { value: 'unknown', label: 'Unknown' },
  ],
  chat_formats: [
    { value: 'whatsapp', label: 'WhatsApp' },
    { value: 'telegram_json', label: 'Telegram (JSON export)' },
    { value: 'telegram_html', label: 'Telegram (HTML export)' },
    { value: 'line', label: 'LINE' },
  ],
  date_orders: [
    { value: 'dmy', label: 'day/month/year' },
    { value: 'mdy', label: 'month/day/year' },
    { value: 'ymd', label: 'year/month/day' },
  ],
  decimal_marks: [
    { value: 'point', label: '1,234.56 (point)' },
    { value: 'comma', label: '1.234,56 (comma)' },
  ],
  contact_parties: [
    { value: 'bank', label: 'Bank' },
    { value: 'police', label: 'Police' },
    { value: 'exchange', label: 'Crypto exchange' },
    { value: 'victim', label: 'The victim' },
    { value: 'adviser', label: 'Lawyer or adviser' },
    { value: 'other', label: 'Someone else' },
  ],
  contact_channels: [
    { value: 'phone', label: 'Phone call' },
    { value: 'email', label: 'E-mail' },
    { value: 'in_person', label: 'In person' },
    { value: 'letter', label: 'Letter' },
    { value: 'online_form', label: 'Online form' },
    { value: 'chat', label: 'Chat or message' },
    { value: 'other', label: 'Other' },
  ],
  search_kinds: [
    { value: 'case', label: 'Case' },
    { value: 'subject', label: 'Scammer or platform' },
    { value: 'identifier', label: 'Phone, account, wallet or handle' },
    { value: 'transfer', label: 'Transfer' },
    { value: 'event', label: 'Timeline event' },
    { value: 'evidence', label: 'Evidence' },
    { value: 'chat_message', label: 'Chat message' },
    { value: 'contact', label: 'Contact' },
  ],
  sections: [
    { value: 'statement', label: "The victim's statement" },
    { value: 'timeline', label: 'Timeline' },
    { value: 'money_trail', label: 'Money trail' },
    { value: 'subjects', label: 'Scammers and their identifiers' },
    { value: 'evidence', label: 'Evidence' },
    { value: 'custody', label: 'Chain of custody' },
  ],
  account_owners: [
    { value: 'victim', label: "The victim's own" },
    { value: 'scammer', label: "The scammers'" },
    { value: 'unknown', label: 'Not known yet' },
  ],
  account_kinds: [
    { value: 'bank', label: 'Bank account' },
    { value: 'exchange', label: 'Exchange account' },
    { value: 'wallet', label: 'Crypto wallet' },
    { value: 'card', label: 'Card' },
    { value: 'payment_app', label: 'Payment app account' },
    { value: 'other', label: 'Other' },
  ],
  transfer_roles: [
    { value: 'loss', label: "Left the victim's control" },
    { value: 'hop', label: "Between the victim's own accounts" },
    { value: 'received', label: 'Came back to the victim' },
    { value: 'recovered', label: 'Recovered' },
    { value: 'traced', label: 'Traced between other accounts' },
    { value: 'unplaced', label: "Came into the victim's account from an account not chosen yet" },
  ],
};
