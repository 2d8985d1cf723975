// Adding evidence files one at a time into one intake: core commits them in groups (every 50
// files or 250 ms), so a stopped or failed intake keeps everything stored before it.

/** Reads a file's bytes as base64 (without the data: URL prefix). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('The file could not be read. Check that it is still there and try again.'));
    reader.readAsDataURL(file);
  });
}

export interface IntakeProgress {
  done: number;
  total: number;
  current: string;
}

export interface IntakeOutcome {
  added: number;
  duplicates: number;
  failed: { name: string; message: string }[];
  cancelled: boolean;
}

/**
 * Adds `files` in order through `add`, reporting progress; stops before the next file once
 * `cancelled()` is true. A file that fails is reported and the rest go on.
 */
export async function runIntake(
  files: File[],
  add: (file: File) => Promise<{ duplicate: boolean }>,
  onProgress: (p: IntakeProgress) => void,
  cancelled: () => boolean,
  describe: (e: unknown) => string = (e) => String(e),
): Promise<IntakeOutcome> {
  const outcome: IntakeOutcome = { added: 0, duplicates: 0, failed: [], cancelled: false };
  for (const [i, file] of files.entries()) {
    if (cancelled()) {
      outcome.cancelled = true;
      break;
    }
    onProgress({ done: i, total: files.length, current: file.name });
    try {
      const result = await add(file);
      if (result.duplicate) outcome.duplicates++;
      else outcome.added++;
    } catch (e) {
      outcome.failed.push({ name: file.name, message: describe(e) });
    }
  }
  onProgress({ done: outcome.added + outcome.duplicates + outcome.failed.length, total: files.length, current: '' });
  return outcome;
}

/** One sentence about how an intake went. */
export function summarizeIntake(o: IntakeOutcome): string {
  const parts = [`${o.added} file${o.added === 1 ? '' : 's'} added`];
  if (o.duplicates) parts.push(`${o.duplicates} already in the case (same SHA-256), not stored twice`);
  if (o.failed.length) parts.push(`${o.failed.length} could not be added`);
  let s = parts.join('; ') + '.';
  if (o.cancelled) s += ' Stopped as you asked; everything added before that is kept.';
  return s;
}

/** Human size: "812 KB", "3.4 MB". */
export function humanSize(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}
