// An evidence item as core sends it, for component tests.
import type { Evidence } from '../lib/api';

export const evidence = (id: number, name: string, extra: Partial<Evidence> = {}): Evidence => ({
  id,
  case_id: 1,
  file_name: name,
  media_type: 'image/png',
  size_bytes: 2048,
  sha256: 'ab'.repeat(32),
  captured: null,
  capture_time_source: 'unknown',
  capture_zone: null,
  capture_shift_minutes: 0,
  capture_note: 'Unknown',
  preview_pending: false,
  intake_at: '2026-11-25T10:00:00Z',
  caption: '',
  has_preview: true,
  preview_note: '',
  width: 10,
  height: 20,
  ...extra,
});
